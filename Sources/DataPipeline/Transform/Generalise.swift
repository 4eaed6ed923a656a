/// Coarsening of single values. A value the rule cannot read (a date that is not a date, a number
/// that is not a number) becomes `*`: suppressed rather than published as it was.
enum Generaliser {
  static func apply(_ g: Generalisation, to value: String) -> String {
    if value.isEmpty { return value }
    switch g {
    case .year, .month:
      guard let (y, m) = yearMonth(value) else { return "*" }
      let year = String(y)
      if case .year = g { return year }
      return year + (m < 10 ? "-0" : "-") + String(m)
    case .prefix(let n):
      var v = value
      if let ascii = v.withUTF8({ b -> String? in
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        if b.count <= n { return value }
        var out = [UInt8](repeating: UInt8(ascii: "*"), count: b.count)
        for k in 0..<n { out[k] = b[k] }
        return String(decoding: out, as: UTF8.self)
      }) {
        return ascii
      }
      let scalars = value.unicodeScalars
      let count = scalars.count
      if count <= n { return value }
      var out = String(String.UnicodeScalarView(scalars.prefix(n)))
      out += String(repeating: "*", count: count - n)
      return out
    case .range(let width):
      guard let x = Double(value.trimmingSpaces), x.isFinite else { return "*" }
      let lo = (x / width).rounded(.down) * width
      return text(lo) + "-" + text(lo + width)
    }
  }

  static func text(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }

  /// Year and month of `yyyy-mm-dd[...]`, `yyyy/mm/dd`, `dd/mm/yyyy` or `dd.mm.yyyy` (for the
  /// day-first forms the month is the middle field; US `mm/dd/yyyy` months are ambiguous and
  /// read day-first only when the first field exceeds 12).
  static func yearMonth(_ s: String) -> (Int, Int)? {
    var fields: [Int] = []
    var current = 0
    var digits = 0
    var widths: [Int] = []
    for c in s.utf8 {
      if c >= 0x30 && c <= 0x39 {
        current = current * 10 + Int(c - 0x30)
        digits += 1
        if digits > 4 { return nil }
      } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") {
        guard digits > 0 else { return nil }
        fields.append(current)
        widths.append(digits)
        current = 0
        digits = 0
        if fields.count == 3 { break }
      } else if fields.count == 2 && digits > 0 {
        break  // a time after the date
      } else {
        return nil
      }
    }
    if digits > 0 && fields.count < 3 {
      fields.append(current)
      widths.append(digits)
    }
    guard fields.count == 3 else { return nil }
    let (y, m): (Int, Int)
    if widths[0] == 4 {
      (y, m) = (fields[0], fields[1])
    } else if widths[2] == 4 {
      (y, m) = fields[0] > 12 || fields[1] <= 12 ? (fields[2], fields[1]) : (fields[2], fields[0])
    } else {
      return nil
    }
    guard (1...12).contains(m), y >= 1000 else { return nil }
    return (y, m)
  }
}
