/// The kinds of personal data the landing-zone scanner recognises. Raw values are the names used in
/// reports and label files, so they are part of the on-disk format.
public enum PIIKind: String, CaseIterable, Codable, Sendable, Comparable {
  case email
  case phone
  case paymentCard = "payment-card"
  case iban
  case ipv4
  case ipv6
  case dateOfBirth = "date-of-birth"
  case ssn
  case personName = "person-name"

  /// Declaration order, which is also report order (findings sort by column, then by this).
  var rank: Int {
    switch self {
    case .email: 0
    case .phone: 1
    case .paymentCard: 2
    case .iban: 3
    case .ipv4: 4
    case .ipv6: 5
    case .dateOfBirth: 6
    case .ssn: 7
    case .personName: 8
    }
  }

  public static func < (lhs: PIIKind, rhs: PIIKind) -> Bool { lhs.rank < rhs.rank }
}
