#!/usr/bin/env python3
"""Writes demo/data/demand.csv: four weeks of hourly demand for three services (the capacity
environment's trace) with the identifying columns a real operations export carries (the on-call
engineer, their e-mail and phone, the billing card of the customer behind a spike, a client IP,
free-text notes). Deterministic: the same seed gives the same file."""
import csv, math, random, sys

def luhn_complete(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = int(d)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)

def main(path="demo/data/demand.csv", seed=7):
    rng = random.Random(seed)
    engineers = [("Alice Moreau", "alice.moreau"), ("Bashir Khan", "bashir.khan"),
                 ("Chloe Dubois", "chloe.dubois"), ("Dmitri Volkov", "dmitri.volkov"),
                 ("Eva Lindqvist", "eva.lindqvist"), ("Farah Haddad", "farah.haddad")]
    base, amplitude, peak = [420, 330, 250], [0.6, 0.5, 0.7], [13, 19, 3]
    rows = []
    for hour in range(28 * 24):
        day = hour // 24
        weekend = day % 7 >= 5
        demand = []
        for i in range(3):
            phase = 2 * math.pi * ((hour % 24) - peak[i]) / 24
            d = base[i] * (1 + amplitude[i] * math.cos(phase))
            if weekend: d *= 1.2 if i == 2 else 0.75
            d *= 1 + 0.08 * rng.gauss(0, 1)
            demand.append(max(0, round(d)))
        name, handle = engineers[(day * 3 + (hour % 24) // 8) % len(engineers)]
        card = luhn_complete("4" + "".join(rng.choice("0123456789") for _ in range(14)))
        card = " ".join(card[k:k + 4] for k in range(0, 16, 4))
        note = ""
        if rng.random() < 0.05:
            note = rng.choice([
                "spike from batch re-run, ack'd by " + handle + "@example.com",
                "customer called back on +44 20 7946 " + str(rng.randint(1000, 9999)),
                "planned maintenance, no action",
                'cache "warm-up" after deploy, see ticket OPS-' + str(rng.randint(100, 999)),
            ])
        rows.append({
            "hour": hour,
            "date": "2026-11-%02d %02d:00" % (day + 1, hour % 24),
            "web": demand[0], "api": demand[1], "batch": demand[2],
            "site": "dc-a" if hour % 2 == 0 else "dc-b",
            "on_call_name": name,
            "on_call_email": handle + "@example.com",
            "on_call_phone": "+44 20 7946 %04d" % (1000 + engineers.index((name, handle)) * 37),
            "billing_card": card,
            "client_ip": "203.0.113.%d" % rng.randint(1, 254),
            "notes": note,
        })
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

if __name__ == "__main__":
    main(*sys.argv[1:])
