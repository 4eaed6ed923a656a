import Foundation

/// A colour as a theme defines it: the terminal's default, or 24-bit RGB. The terminal backend
/// maps RGB to the nearest colour it can show (256, 16 or 8), or drops colour entirely.
public enum Color: Hashable, Sendable {
  case terminalDefault
  case rgb(UInt8, UInt8, UInt8)

  /// Parses `#RRGGBB`, `#BW` (a grey) or `R G B` (decimal), as btop's theme files do.
  public init?(themeValue text: String) {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty {
      self = .terminalDefault
      return
    }
    if t.hasPrefix("#") {
      let hex = t.dropFirst()
      guard hex.allSatisfy(\.isHexDigit) else { return nil }
      if hex.count == 6, let v = UInt32(hex, radix: 16) {
        self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        return
      }
      if hex.count == 2, let v = UInt8(hex, radix: 16) {
        self = .rgb(v, v, v)
        return
      }
      return nil
    }
    let parts = t.split(separator: " ").compactMap { UInt8($0) }
    guard parts.count == 3, t.split(separator: " ").count == 3 else { return nil }
    self = .rgb(parts[0], parts[1], parts[2])
  }

  /// Linear blend towards `other` (t = 0: self, 1: other); the default colour does not blend.
  public func blended(with other: Color, _ t: Double) -> Color {
    guard case .rgb(let r1, let g1, let b1) = self, case .rgb(let r2, let g2, let b2) = other else {
      return t < 0.5 ? self : other
    }
    let u = min(max(t, 0), 1)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * u).rounded())
    }
    return .rgb(mix(r1, r2), mix(g1, g2), mix(b1, b2))
  }
}
