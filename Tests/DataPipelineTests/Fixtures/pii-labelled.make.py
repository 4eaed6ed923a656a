#!/usr/bin/env python3
"""Generates pii-labelled.csv and pii-labelled.labels.csv, the labelled fixture for PIIScanTests.

Synthetic, seeded, deterministic: run it again and the files come out byte for byte the same.
Every label comes from what this script put in a cell (never from running the scanner). Check
digits (Luhn, IBAN mod-97) are computed here, independently of the Swift code.

Row numbers in the labels are 1-based data rows (the header is not a row). A label line
`row,column,kind` is written for every cell that holds personal data, including "hard positives"
the scanner is expected to miss (a lower-case name, a birth date written with a month name), so
the measured recall is honest.

Usage: python3 pii-labelled.make.py   (writes next to this file)
"""

import csv
import ipaddress
import os
import random
import string

SEED = 20240611
ROWS = 500
HERE = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)

COLUMNS = [
    "customer", "contact", "phone", "card_number", "iban", "ip_address", "date_of_birth", "ssn",
    "order_date", "order_ref", "app_version", "amount", "comment",
]

FIRST = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Mateo",
    "Isabella", "Lucas", "José", "Zoë", "Łukasz", "Søren", "Chloé", "Björn", "Ana", "Mía", "Renée",
    "François", "Jürgen", "Siobhán", "Aoife", "Priya", "Arjun", "Wei", "Yuki", "Fatima", "Omar",
    "Kwame", "Ngozi", "Mary-Jane", "Jean-Luc", "Anne-Marie", "Dmitri", "Ólafur", "Ines", "Nikos",
]
LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
    "O'Brien", "O'Connor", "McDonald", "MacLeod", "Müller", "Schröder", "Kowalski", "Nowak",
    "Brontë", "Dvořák", "Ødegaard", "Núñez", "Ibáñez", "Fernández", "Nakamura", "Chen", "Okafor",
    "Mensah", "Patel", "Singh", "Haddad", "Smith-Jones", "Fitzgerald", "Papadopoulos",
]
PARTICLES = ["van", "de", "von", "da", "del"]
CJK_NAMES = ["山田 太郎", "王 伟", "김 민준", "佐藤 花子"]
ARABIC_NAMES = ["محمد علي", "فاطمة حسن"]
COMPANIES = ["Acme Ltd", "Globex GmbH", "Initech Inc.", "Umbrella Corp", "Stark Holdings",
             "Wayne Enterprises LLC", "Hooli plc", "Vandelay Industries S.A."]
# Business customers without a legal suffix: indistinguishable from a name by shape.
BRANDS = ["Contoso", "Northwind Traders", "Fabrikam", "Tailspin Toys", "Litware"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example.co.uk", "example.de",
           "example.fr", "student.example.edu", "example.io"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def pick(seq):
    return seq[rng.randrange(len(seq))]


def chance(p):
    return rng.random() < p


def digits(n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def ascii_fold(s):
    table = str.maketrans("éëèêáàâäãåíïîóöôõøúüùûñçłśšžčřýÿðþæß",
                          "eeeeaaaaaaiiioooooouuuuncsszcryydtas")
    return s.lower().translate(table)


# ---------------------------------------------------------------- names

def person_name():
    """Returns (name, is_name). Mostly ordinary names; some with particles, initials, other scripts."""
    r = rng.random()
    if r < 0.55:
        return f"{pick(FIRST)} {pick(LAST)}", True
    if r < 0.65:
        return f"{pick(FIRST)} {pick(FIRST)} {pick(LAST)}", True
    if r < 0.70:
        return f"{pick(FIRST)} {pick(PARTICLES)} {pick(LAST)}", True
    if r < 0.75:
        return f"{pick(FIRST)[0]}. {pick(LAST)}", True
    if r < 0.80:
        return f"{pick(LAST)}, {pick(FIRST)}", True
    if r < 0.84:
        return pick(CJK_NAMES), True
    if r < 0.86:
        return pick(ARABIC_NAMES), True
    if r < 0.89:
        return f"{pick(FIRST)} {pick(LAST)}".upper(), True
    return pick(FIRST), True


def customer_cell():
    r = rng.random()
    if r < 0.72:
        return person_name()
    if r < 0.74:
        # A real name typed in lower case: personal data the capital-letter rule cannot see.
        return f"{pick(FIRST)} {pick(LAST)}".lower(), True
    if r < 0.84:
        return "user_" + "".join(rng.choice("0123456789abcdef") for _ in range(6)), False
    if r < 0.90:
        alphabet = string.ascii_letters + string.digits
        return "tok_" + "".join(rng.choice(alphabet) for _ in range(16)), False
    if r < 0.93:
        return pick(COMPANIES), False
    if r < 0.95:
        return pick(BRANDS), False
    return pick(["", "N/A", "Anonymous", "unknown", "Guest", "-"]), False


# ---------------------------------------------------------------- e-mail

def email_address():
    first, last = ascii_fold(pick(FIRST)).replace("'", ""), ascii_fold(pick(LAST)).replace("'", "")
    first, last = first.replace(" ", ""), last.replace(" ", "")
    local = pick([
        f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randrange(100)}",
        f"{first}.{last}+news", f"{last}.{first}", f"{first}{rng.randrange(1950, 2010)}",
    ])
    address = f"{local}@{pick(DOMAINS)}"
    return address.title() if chance(0.05) else address


BROKEN_EMAILS = ["john.doe@", "@example.com", "jane@localhost", "mary.smith(at)example.com",
                 "www.example.com", "example.com", "a..b@example.com", "first.last@example"]


# ---------------------------------------------------------------- phones

def nanp_parts():
    return f"{rng.randrange(2, 10)}{digits(2)}", f"{rng.randrange(2, 10)}{digits(2)}", digits(4)


def phone_number(unformatted_ok):
    """A phone number in one of many real layouts."""
    a, b, c = nanp_parts()
    uk_mobile = "7" + digits(3), digits(6)
    layouts = [
        f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}", f"+1 {a} {b} {c}",
        f"+1-{a}-{b}-{c}", f"1-{a}-{b}-{c}", f"+1 ({a}) {b}-{c}", f"+1{a}{b}{c}",
        f"+44 20 {digits(4)} {digits(4)}", f"020 {digits(4)} {digits(4)}",
        f"0{uk_mobile[0]} {uk_mobile[1]}", f"+44 {uk_mobile[0]} {uk_mobile[1]}",
        f"+44 (0)20 {digits(4)} {digits(4)}", f"+44{uk_mobile[0]}{uk_mobile[1]}",
        f"0{rng.randrange(1, 8)} {digits(2)} {digits(2)} {digits(2)} {digits(2)}",
        f"+33 {rng.randrange(1, 8)} {digits(2)} {digits(2)} {digits(2)} {digits(2)}",
        f"06.{digits(2)}.{digits(2)}.{digits(2)}.{digits(2)}",
        f"+49 30 {digits(8)}", f"030 {digits(8)}", f"0151 {digits(8)}",
        f"+49 151 {digits(4)} {digits(4)}", f"+34 6{digits(2)} {digits(3)} {digits(3)}",
        f"+61 4{digits(2)} {digits(3)} {digits(3)}", f"0049 30 {digits(7)}",
    ]
    if unformatted_ok:
        layouts += [f"{a}{b}{c}", f"0{uk_mobile[0]}{uk_mobile[1]}"]
    return pick(layouts)


# ---------------------------------------------------------------- cards

def luhn_check_digit(partial):
    """The digit that makes partial + digit pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # these get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


CARD_BRANDS = [  # (prefix generator, length, grouping)
    (lambda: "4" + digits(5), 16, (4, 4, 4, 4)),
    (lambda: str(rng.randrange(51, 56)) + digits(4), 16, (4, 4, 4, 4)),
    (lambda: str(rng.randrange(2221, 2721)) + digits(2), 16, (4, 4, 4, 4)),
    (lambda: pick(["34", "37"]) + digits(4), 15, (4, 6, 5)),
    (lambda: "6011" + digits(2), 16, (4, 4, 4, 4)),
    (lambda: "65" + digits(4), 16, (4, 4, 4, 4)),
    (lambda: str(rng.randrange(3528, 3590)) + digits(2), 16, (4, 4, 4, 4)),
    (lambda: "36" + digits(4), 14, (4, 6, 4)),
    (lambda: "62" + digits(4), 19, (4, 4, 4, 4, 3)),
]


def group(number, grouping, sep):
    out, i = [], 0
    for g in grouping:
        out.append(number[i:i + g])
        i += g
    return sep.join(out)


def card_number(valid=True):
    prefix, length, grouping = pick(CARD_BRANDS)
    prefix = prefix()
    body = prefix + digits(length - len(prefix) - 1)
    check = luhn_check_digit(body)
    if not valid:
        check = str((int(check) + rng.randrange(1, 10)) % 10)
    number = body + check
    assert luhn_ok(number) == valid
    style = rng.random()
    if style < 0.45:
        return group(number, grouping, " ")
    if style < 0.65:
        return group(number, grouping, "-")
    return number


def luhn_invalid_16():
    body = pick(["4", "5", "3", "6"]) + digits(14)
    check = str((int(luhn_check_digit(body)) + rng.randrange(1, 10)) % 10)
    number = body + check
    assert not luhn_ok(number)
    return number


# ---------------------------------------------------------------- IBAN

IBAN_BBAN = {  # country: BBAN layout, n = digit, a = upper-case letter, c = alphanumeric
    "GB": "aaaannnnnnnnnnnnnn", "DE": "nnnnnnnnnnnnnnnnnn", "FR": "nnnnnnnnnnccccccccccnnn",
    "ES": "nnnnnnnnnnnnnnnnnnnn", "IT": "annnnnnnnnncccccccccccc", "NL": "aaaannnnnnnnnn",
    "BE": "nnnnnnnnnnnn", "CH": "nnnnncccccccccccc", "AT": "nnnnnnnnnnnnnnnn",
    "PL": "nnnnnnnnnnnnnnnnnnnnnnnn", "IE": "aaaannnnnnnnnnnnnn", "NO": "nnnnnnnnnnn",
    "SE": "nnnnnnnnnnnnnnnnnnnn", "PT": "nnnnnnnnnnnnnnnnnnnnn", "DK": "nnnnnnnnnnnnnn",
}


def bban(layout):
    out = []
    for k in layout:
        if k == "n":
            out.append(str(rng.randrange(10)))
        elif k == "a":
            out.append(rng.choice(string.ascii_uppercase))
        else:
            out.append(rng.choice(string.ascii_uppercase + string.digits))
    return "".join(out)


def mod97(text):
    numeric = "".join(str(int(ch, 36)) for ch in text)
    return int(numeric) % 97


IBAN_LENGTH = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21,
               "AT": 20, "PL": 28, "IE": 22, "NO": 15, "SE": 24, "PT": 25, "DK": 18}


def iban_number(valid=True):
    country = pick(sorted(IBAN_BBAN))
    b = bban(IBAN_BBAN[country])
    assert 4 + len(b) == IBAN_LENGTH[country], country
    check = 98 - mod97(b + country + "00")
    iban = f"{country}{check:02d}{b}"
    assert mod97(iban[4:] + iban[:4]) == 1
    if not valid:
        # Change one digit of the BBAN: mod-97 catches every single-character substitution.
        positions = [i for i, ch in enumerate(iban) if i >= 4 and ch.isdigit()]
        i = pick(positions)
        iban = iban[:i] + str((int(iban[i]) + rng.randrange(1, 10)) % 10) + iban[i + 1:]
        assert mod97(iban[4:] + iban[:4]) != 1
    if chance(0.6):
        iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


# ---------------------------------------------------------------- IP addresses

def ipv4_address():
    r = rng.random()
    if r < 0.3:
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if r < 0.5:
        return f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    return ".".join(str(x) for x in [rng.randrange(1, 224), rng.randrange(256), rng.randrange(256),
                                     rng.randrange(1, 255)])


def ipv6_address():
    r = rng.random()
    if r < 0.25:
        return ipaddress.IPv6Address(rng.getrandbits(128)).exploded
    if r < 0.55:
        value = (0x20010DB8 << 96) | rng.getrandbits(48) << 16 | rng.getrandbits(16)
        return ipaddress.IPv6Address(value).compressed
    if r < 0.7:
        value = (0xFE80 << 112) | rng.getrandbits(64)
        return ipaddress.IPv6Address(value).compressed
    if r < 0.85:
        return "::ffff:" + ipv4_address()
    if r < 0.95:
        return "64:ff9b::" + ipv4_address()
    return ipaddress.IPv6Address(rng.getrandbits(128)).compressed.upper()


BAD_IPS = ["999.1.1.1", "256.12.4.1", "10.0.0.256", "1.2.3", "12:34:56", "2001:db8:::1",
           "00:1A:2B:3C:4D:5E", "localhost", "unknown", "-", "fe80::1::2", "192.168.1",
           "2001:db8:0:0:0:0:0:0:1"]


# ---------------------------------------------------------------- dates

def valid_date(y, m, d):
    dim = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31,
           31, 30, 31, 30, 31]
    return 1 <= m <= 12 and 1 <= d <= dim[m - 1]


def random_date(y0, y1):
    while True:
        y, m, d = rng.randrange(y0, y1 + 1), rng.randrange(1, 13), rng.randrange(1, 32)
        if valid_date(y, m, d):
            return y, m, d


def format_date(y, m, d):
    r = rng.random()
    if r < 0.55:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if r < 0.75:
        return f"{d:02d}/{m:02d}/{y:04d}"
    if r < 0.9:
        return f"{m:02d}/{d:02d}/{y:04d}"
    if r < 0.95:
        return f"{d:02d}.{m:02d}.{y:04d}"
    return f"{m}/{d}/{y}"


# ---------------------------------------------------------------- SSN

def ssn_number(valid=True):
    if valid:
        area = rng.choice([a for a in range(1, 900) if a != 666])
        grp, serial = rng.randrange(1, 100), rng.randrange(1, 10000)
    else:
        kind = rng.randrange(5)
        area = [0, 666, rng.randrange(900, 1000), rng.randrange(1, 666), rng.randrange(1, 666)][kind]
        grp = 0 if kind == 3 else rng.randrange(1, 100)
        serial = 0 if kind == 4 else rng.randrange(1, 10000)
    style = rng.random()
    if style < 0.8:
        return f"{area:03d}-{grp:02d}-{serial:04d}"
    if style < 0.88:
        return f"{area:03d} {grp:02d} {serial:04d}"
    return f"{area:03d}{grp:02d}{serial:04d}"


# ---------------------------------------------------------------- hard negatives

def order_id():
    return f"ORD-{rng.randrange(2019, 2026)}-{rng.randrange(1, 999999):06d}"


def tracking_number():
    r = rng.random()
    if r < 0.35:
        alnum = string.ascii_uppercase + string.digits
        return "1Z" + "".join(rng.choice(alnum) for _ in range(16))
    if r < 0.6:
        return "7" + digits(11)  # FedEx, 12 digits
    if r < 0.8:
        n = "9400" + digits(18)  # USPS, 22 digits, printed in fours
        return " ".join(n[i:i + 4] for i in range(0, 22, 4))
    return "JD" + digits(18)  # DHL


def ean13():
    body = pick(["40", "41", "42", "43", "50", "76", "80", "87", "90"]) + digits(10)
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def product_code():
    return pick([f"SKU-{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
                 f"-{digits(4)}", f"P{digits(7)}", ean13(), f"ISBN 978-{digits(1)}-{digits(3)}-"
                 f"{digits(5)}-{digits(1)}"])


def order_ref_cell():
    r = rng.random()
    if r < 0.3:
        return order_id()
    if r < 0.55:
        return tracking_number()
    if r < 0.7:
        return luhn_invalid_16()
    if r < 0.85:
        return product_code()
    if r < 0.92:
        return digits(9)
    if r < 0.96:
        return f"0{digits(3)}-{digits(4)}-{digits(4)}"  # serial numbers in a phone-like layout
    return ""


def version_string():
    return pick([
        f"{rng.randrange(1, 4)}.{rng.randrange(10)}.{rng.randrange(10)}.{rng.randrange(10)}",
        "1.2.3.4", "999.1.1.1", f"10.0.{rng.randrange(10000, 30000)}.{rng.randrange(100, 5000)}",
        f"{rng.randrange(1, 6)}.{rng.randrange(20)}.{rng.randrange(10)}",
        f"v{rng.randrange(1, 6)}.{rng.randrange(10)}.{rng.randrange(10)}",
        f"{rng.randrange(1, 4)}.{rng.randrange(10)}.0-beta.{rng.randrange(1, 5)}",
        f"{rng.randrange(1, 3)}.{rng.randrange(1, 10)}.{rng.randrange(1, 10)}.{rng.randrange(1, 255)}",
    ])


def amount():
    v = rng.randrange(1, 500000) / 100
    return pick([f"{v:.2f}", f"${v:,.2f}", f"{v:,.2f}", f"€ {v:.2f}".replace(".", ","),
                 f"-{v:.2f}", f"{int(v)}", f"{v:.2f} USD"])


def timestamp():
    y, m, d = random_date(2018, 2025)
    hh, mm, ss = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    return pick([f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}Z",
                 f"{y:04d}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                 f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+02:00"])


# ---------------------------------------------------------------- comments

def comment_cell():
    """Returns (text, kind or None)."""
    r = rng.random()
    if r < 0.12:
        e = email_address()
        text = pick([f"Customer prefers email: {e}", f"Reach me at {e}.",
                     f"Invoice copy to <{e}> please", f"cc {e}, thanks!",
                     f"Changed contact to {e}\nold one bounced"])
        return text, "email"
    if r < 0.27:
        i = iban_number(True)
        return pick([f"Refund to {i} requested", f"New bank details: {i}"]), "iban"
    if r < 0.29:
        # A customer's address in a log note; the scanner does not look for IPs inside text.
        return f"Login from {ipv4_address()} flagged as unusual", "ipv4"
    if r < 0.39:
        p = phone_number(False)
        text = pick([f"Please call me on {p} after 5pm", f"Left voicemail at {p}.",
                     f"Customer asked for a callback ({p})", f"Tel: {p}",
                     f"Wrong number on file, new one is {p}\n- agent 12",
                     f'Said "ring {p} before delivery"'])
        return text, "phone"
    negatives = [
        lambda: f"Order {order_id()} shipped on {format_date(*random_date(2019, 2025))}",
        lambda: f"Upgraded app to {version_string()} and it works",
        lambda: f"Refund of ${rng.randrange(1, 500)}.{rng.randrange(100):02d} issued",
        lambda: f"Ticket #{digits(6)} closed",
        lambda: f"Tracking {tracking_number()}",
        lambda: f"Delivered {timestamp()}",
        lambda: f"Asked about invoice INV-{rng.randrange(2019, 2026)}-{digits(4)}",
        lambda: f"Rated {rng.randrange(1, 6)}/5, great service",
        lambda: f"Card ending {digits(4)} declined, retried",
        lambda: f"Price was {rng.randrange(1, 9)},{digits(3)}.00 EUR",
        lambda: f"Batch {digits(8)} re-run at {rng.randrange(24):02d}:{rng.randrange(60):02d}",
        lambda: f"Server 10.0.{rng.randrange(256)}.{rng.randrange(256)} rebooted",
        lambda: "Customer said \"thanks\", nothing to do",
        lambda: "",
        lambda: "n/a",
        lambda: f"Qty {rng.randrange(1, 20)} x {ean13()}",
        # Part numbers in a trunk-0 phone layout: a known false positive of the text search.
        lambda: f"Replaced part no. 0{digits(3)} {digits(4)} {digits(4)}",
    ]
    return pick(negatives)(), None


# Server addresses in comments are infrastructure, not personal data about the customer, and are
# labelled as such (none); the scanner does not look for IP addresses inside free text.


# ---------------------------------------------------------------- rows

def row():
    cells, kinds = {}, {}

    cells["customer"], is_name = customer_cell()
    if is_name:
        kinds["customer"] = "person-name"

    r = rng.random()
    if r < 0.45:
        cells["contact"], kinds["contact"] = email_address(), "email"
    elif r < 0.8:
        cells["contact"], kinds["contact"] = phone_number(False), "phone"
    elif r < 0.9:
        cells["contact"] = pick(BROKEN_EMAILS)
    else:
        cells["contact"] = pick(["", "n/a", "see notes", "-"])

    r = rng.random()
    if r < 0.82:
        cells["phone"], kinds["phone"] = phone_number(True), "phone"
    else:
        cells["phone"] = pick(["", "", "n/a", "unknown", "-", "12345", "ext. 204", "0"])

    r = rng.random()
    if r < 0.7:
        cells["card_number"], kinds["card_number"] = card_number(True), "payment-card"
    elif r < 0.85:
        cells["card_number"] = card_number(False)
    elif r < 0.92:
        cells["card_number"] = pick(["**** **** **** ", "XXXX-XXXX-XXXX-"]) + digits(4)
    else:
        cells["card_number"] = ""

    r = rng.random()
    if r < 0.72:
        cells["iban"], kinds["iban"] = iban_number(True), "iban"
    elif r < 0.88:
        cells["iban"] = iban_number(False)
    else:
        cells["iban"] = pick(["", "N/A", digits(8), f"{digits(2)}-{digits(2)}-{digits(2)}"])

    r = rng.random()
    if r < 0.46:
        cells["ip_address"], kinds["ip_address"] = ipv4_address(), "ipv4"
    elif r < 0.5:
        address = pick([f"{ipv4_address()}:{rng.randrange(1024, 65536)}",
                         f"[{ipv6_address()}]:{pick([443, 8443, 51820])}"])
        cells["ip_address"] = address
        kinds["ip_address"] = "ipv6" if address.startswith("[") else "ipv4"
    elif r < 0.82:
        cells["ip_address"], kinds["ip_address"] = ipv6_address(), "ipv6"
    else:
        cells["ip_address"] = pick(BAD_IPS)

    r = rng.random()
    if r < 0.78:
        cells["date_of_birth"] = format_date(*random_date(1935, 2007))
        kinds["date_of_birth"] = "date-of-birth"
    elif r < 0.8:
        y, m, d = random_date(1935, 2007)
        cells["date_of_birth"] = pick([f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}"])
        kinds["date_of_birth"] = "date-of-birth"
    elif r < 0.83:
        y, m, d = random_date(1935, 2007)
        cells["date_of_birth"] = f"{y:04d}-{m:02d}-{d:02d} 00:00:00"
        kinds["date_of_birth"] = "date-of-birth"
    elif r < 0.84:
        y, m, d = random_date(1935, 2007)
        cells["date_of_birth"] = f"{y:04d}{m:02d}{d:02d}"
        kinds["date_of_birth"] = "date-of-birth"
    else:
        cells["date_of_birth"] = pick(["", "", "unknown", "1990-02-30", "31/04/1985",
                                       "1985-13-01", "0000-00-00", "2090-01-01", "n/a"])

    r = rng.random()
    if r < 0.72:
        cells["ssn"], kinds["ssn"] = ssn_number(True), "ssn"
    elif r < 0.9:
        cells["ssn"] = ssn_number(False)
    else:
        cells["ssn"] = pick(["", "N/A", "XXX-XX-" + digits(4), "***-**-" + digits(4)])

    r = rng.random()
    if r < 0.7:
        cells["order_date"] = format_date(*random_date(2015, 2025))
    elif r < 0.8:
        cells["order_date"] = format_date(*random_date(1990, 2005))
    else:
        cells["order_date"] = timestamp()

    cells["order_ref"] = order_ref_cell()
    cells["app_version"] = version_string()
    cells["amount"] = amount()

    cells["comment"], kind = comment_cell()
    if kind:
        kinds["comment"] = kind
    return cells, kinds


def main():
    rows = [row() for _ in range(ROWS)]
    with open(os.path.join(HERE, "pii-labelled.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for cells, _ in rows:
            writer.writerow([cells[c] for c in COLUMNS])
    with open(os.path.join(HERE, "pii-labelled.labels.csv"), "w", newline="",
              encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["row", "column", "kind"])
        for number, (_, kinds) in enumerate(rows, start=1):
            for column in COLUMNS:
                if column in kinds:
                    writer.writerow([number, column, kinds[column]])


if __name__ == "__main__":
    main()
