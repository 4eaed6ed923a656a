/// What a column's name says about its contents. Computed once per column (never per cell): the
/// name is split into lower-case words at punctuation and camelCase boundaries, so `dateOfBirth`,
/// `date_of_birth` and `DOB` all give the same hint.
struct PIIColumnHints: Sendable, Hashable {
  var email = false
  var phone = false
  var card = false
  var iban = false
  var ip = false
  /// Version/build columns: `1.2.3.4` there is a version, not an address.
  var version = false
  var birth = false
  /// The name names some other event (order, shipment, creation…), so its dates are not births.
  var otherEvent = false
  var ssn = false
  var name = false
  /// Identifiers of things (orders, parcels, products): bare digit runs there are not card numbers.
  var idLike = false

  init(_ column: String) {
    let words = Self.words(column)
    let joined = words.joined()
    let set = Set(words)
    func any(_ vocabulary: Set<String>) -> Bool { !set.isDisjoint(with: vocabulary) }

    email = joined.contains("email") || set.contains("mail")
    phone = joined.contains("phone") || any(Self.phoneWords)
    card = any(Self.cardWords) || joined.contains("creditcard") || joined.contains("cardnumber")
    iban = joined.contains("iban")
    ip = any(Self.ipWords) || joined.contains("ipaddress")
    version = joined.contains("version") || any(Self.versionWords)
    birth =
      joined.contains("birth") || joined == "dob" || joined.hasPrefix("dob")
      || any(Self.birthWords)
    otherEvent = !birth && any(Self.eventWords)
    ssn = any(Self.ssnWords) || joined.contains("socialsecurity")
    let nameLike = any(Self.nameWords) || joined.hasSuffix("name")
    name = nameLike && !any(Self.notPersonWords)
    idLike = !card && any(Self.idWords)
  }

  /// Lower-case ASCII words; a new word starts at any non-alphanumeric character and at a
  /// lower-to-upper case change (`firstName` → `first`, `name`).
  static func words(_ column: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    var previousLower = false
    func flush() {
      if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    }
    for b in column.utf8 {
      let isUpper = b >= 0x41 && b <= 0x5A
      let isLower = b >= 0x61 && b <= 0x7A
      let isDigit = b >= 0x30 && b <= 0x39
      if isUpper {
        if previousLower { flush() }
        current.append(b | 0x20)
      } else if isLower || isDigit || b >= 0x80 {
        current.append(b)
      } else {
        flush()
      }
      previousLower = isLower || isDigit
    }
    flush()
    return words
  }

  static let phoneWords: Set<String> = [
    "tel", "telephone", "mobile", "cell", "cellphone", "fax", "msisdn", "landline",
  ]
  static let cardWords: Set<String> = ["card", "cc", "pan", "ccnum", "cardno"]
  static let ipWords: Set<String> = [
    "ip", "ipv4", "ipv6", "ipaddr", "remoteaddr", "clientip", "srcip", "dstip",
  ]
  static let versionWords: Set<String> = [
    "ver", "build", "release", "firmware", "fw", "sw", "revision", "rev", "schema",
  ]
  static let birthWords: Set<String> = [
    "dob", "birth", "birthday", "birthdate", "born", "bday", "dateofbirth",
  ]
  static let eventWords: Set<String> = [
    "order", "ordered", "created", "create", "updated", "update", "modified", "ship", "shipped",
    "shipping", "shipment", "delivery", "delivered", "purchase", "purchased", "paid", "payment",
    "invoice", "invoiced", "transaction", "txn", "event", "login", "logout", "signup",
    "registered", "registration", "joined", "start", "end", "expiry", "expires", "expiration",
    "exp", "due", "issued", "timestamp", "ts", "at", "time", "last", "seen", "visit", "visited",
    "booking", "booked", "checkin", "checkout", "posted", "published", "deleted", "closed",
    "opened", "hire", "hired", "departure", "arrival", "death", "died", "renewal", "effective",
    "sent", "received", "processed", "settled", "billing", "refund", "returned", "cancelled",
    "canceled", "activity", "valid", "until", "since", "from", "to",
  ]
  static let ssnWords: Set<String> = ["ssn", "socialsecurity"]
  static let nameWords: Set<String> = [
    "name", "names", "firstname", "lastname", "surname", "fullname", "forename", "forenames",
    "givenname", "familyname", "middlename", "maidenname", "customer", "client", "patient",
    "holder", "cardholder", "accountholder", "person", "employee", "recipient", "payee", "payer",
    "beneficiary", "applicant", "passenger", "traveler", "traveller", "signatory",
  ]
  /// Words that make a "…name" column hold something other than a person's name.
  static let notPersonWords: Set<String> = [
    "id", "uuid", "guid", "key", "username", "user", "login", "handle", "nick", "nickname",
    "screen", "file", "filename", "product", "company", "org", "organisation", "organization",
    "business", "brand", "host", "hostname", "domain", "server", "city", "street", "town",
    "country", "state", "region", "category", "item", "sku", "event", "app", "project", "team",
    "bank", "merchant", "vendor", "store", "shop", "venue", "place", "code", "type", "status",
    "number", "no", "ref", "email", "phone", "address", "segment", "tier", "table", "column",
  ]
  static let idWords: Set<String> = [
    "id", "uuid", "guid", "ref", "reference", "order", "tracking", "invoice", "sku", "ean", "upc",
    "gtin", "isbn", "imei", "serial", "barcode", "product", "item", "parcel", "shipment",
    "ticket", "code",
  ]
}
