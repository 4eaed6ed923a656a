/// Compact number formatting for labels, tables and status lines. Pure and locale-independent.
public enum Format {
  /// A number in at most about six characters: `950`, `12.5`, `0.0123`, `1.2k`, `45.3k`, `312k`,
  /// `1.20M`, `34.5M`, `2.00G`, `-3.4k`; `n/a` for nil or NaN, `inf` / `-inf` for infinities.
  /// Thousands carry one decimal below 100k; millions and above carry three significant digits.
  public static func compact(_ value: Double?) -> String {
    guard let value, !value.isNaN else { return "n/a" }
    guard value.isFinite else { return value < 0 ? "-inf" : "inf" }
    let sign = value < 0 ? "-" : ""
    let a = abs(value)
    if a == 0 { return "0" }
    if a < 999.5 { return sign + small(a) }
    for (index, (scale, suffix)) in units.enumerated() {
      let m = a / scale
      let decimals = index == 0 ? (m < 99.95 ? 1 : 0) : (m < 9.995 ? 2 : m < 99.95 ? 1 : 0)
      if rounded(m, decimals: decimals) < 1000 {
        return sign + fixed(m, decimals: decimals) + suffix
      }
    }
    return sign + scientific(a)
  }

  private static let units: [(Double, String)] = [
    (1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T"), (1e15, "P"),
  ]

  /// A fraction (0.423) as a percentage ("42%", or "42.3%" with one decimal); `n/a` for nil/NaN.
  public static func percent(_ fraction: Double?, decimals: Int = 0) -> String {
    guard let fraction, fraction.isFinite else { return "n/a" }
    let p = fraction * 100
    return (p < 0 ? "-" : "") + fixed(abs(p), decimals: max(decimals, 0)) + "%"
  }

  /// A duration: `0s`, `0.31s`, `4.5s`, `12s`, `3m05s`, `1h02m`, `2d03h`; `n/a` for nil/NaN/infinite.
  public static func duration(seconds: Double?) -> String {
    guard let seconds, seconds.isFinite else { return "n/a" }
    if seconds < 0 { return "-" + duration(seconds: -seconds) }
    if rounded(seconds, decimals: 2) == 0 { return "0s" }
    if rounded(seconds, decimals: 2) < 1 { return fixed(seconds, decimals: 2) + "s" }
    if rounded(seconds, decimals: 1) < 10 { return fixed(seconds, decimals: 1) + "s" }
    guard seconds < 1e12 else { return compact(seconds / 86_400) + "d" }
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" + two(s % 60) + "s" }
    let m = s / 60
    if m < 24 * 60 { return "\(m / 60)h" + two(m % 60) + "m" }
    let h = m / 60
    return "\(h / 24)d" + two(h % 24) + "h"
  }

  // MARK: Helpers

  /// Below 1000: integers as they are, otherwise three significant digits with trailing zeros
  /// dropped (12.5, 1.23, 0.0123); very small magnitudes in scientific notation.
  private static func small(_ a: Double) -> String {
    if a == a.rounded() { return fixed(a, decimals: 0) }
    if a < 0.001 { return scientific(a) }
    var decimals = 2
    if a >= 100 {
      decimals = 0
    } else if a >= 10 {
      decimals = 1
    } else {
      var probe = a
      while probe < 1, decimals < 8 {
        probe *= 10
        decimals += 1
      }
    }
    return trimmed(a, decimals: decimals)
  }

  /// `a` (positive, finite) as `1.2e-5` / `3.4e21`.
  private static func scientific(_ a: Double) -> String {
    var exponent = 0
    var m = a
    while m < 1, exponent > -400 {
      m *= 10
      exponent -= 1
    }
    while rounded(m, decimals: 1) >= 10 {
      m /= 10
      exponent += 1
    }
    return trimmed(m, decimals: 1) + "e\(exponent)"
  }

  private static func rounded(_ v: Double, decimals: Int) -> Double {
    let p = pow10(decimals)
    return (v * p).rounded() / p
  }

  private static func pow10(_ n: Int) -> Double {
    var p = 1.0
    for _ in 0..<max(n, 0) { p *= 10 }
    return p
  }

  /// `v` (non-negative, finite) with exactly `decimals` digits after the point.
  static func fixed(_ v: Double, decimals: Int) -> String {
    let p = pow10(decimals)
    let scaled = (v * p).rounded()
    guard scaled < 9e15 else { return v.rounded().description }
    let n = Int64(scaled)
    let unit = Int64(p)
    let whole = String(n / unit)
    guard decimals > 0 else { return whole }
    var fraction = String(n % unit)
    while fraction.count < decimals { fraction = "0" + fraction }
    return whole + "." + fraction
  }

  /// Like `fixed`, with trailing zeros (and a trailing point) removed.
  private static func trimmed(_ v: Double, decimals: Int) -> String {
    var s = fixed(v, decimals: decimals)
    guard s.contains(".") else { return s }
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }

  private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
