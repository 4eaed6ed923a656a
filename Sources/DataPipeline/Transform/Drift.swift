/// How far a column's distribution moved between two versions of a dataset. Numeric columns
/// (every non-empty cell a number) use the two-sample Kolmogorov–Smirnov statistic; others the
/// total variation distance between value frequencies. Both lie in 0...1, so one threshold
/// serves every column.
public struct ColumnDrift: Sendable, Hashable, Codable {
  public enum Measure: String, Sendable, Codable {
    case kolmogorovSmirnov = "ks"
    case totalVariation = "tv"
  }
  public var column: String
  public var measure: Measure
  public var distance: Double
}

public enum DriftReport {
  /// One entry per column the two tables share, in the newer table's column order.
  public static func compare(_ old: DataTable, _ new: DataTable) -> [ColumnDrift] {
    new.columns.enumerated().compactMap { (c, name) -> ColumnDrift? in
      guard let o = old.index(of: name) else { return nil }
      let a = old.cells[o]
      let b = new.cells[c]
      if let x = numbers(a), let y = numbers(b), !x.isEmpty, !y.isEmpty {
        return ColumnDrift(
          column: name, measure: .kolmogorovSmirnov, distance: kolmogorovSmirnov(x, y))
      }
      return ColumnDrift(column: name, measure: .totalVariation, distance: totalVariation(a, b))
    }
  }

  static func numbers(_ cells: [String]) -> [Double]? {
    var out: [Double] = []
    out.reserveCapacity(cells.count)
    for s in cells where !s.isEmpty {
      guard let x = Double(s), x.isFinite else { return nil }
      out.append(x)
    }
    return out
  }

  /// sup |F_a(x) − F_b(x)| over the pooled sample.
  static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> Double {
    let x = a.sorted()
    let y = b.sorted()
    var i = 0
    var j = 0
    var d = 0.0
    while i < x.count && j < y.count {
      let v = min(x[i], y[j])
      while i < x.count && x[i] == v { i += 1 }
      while j < y.count && y[j] == v { j += 1 }
      d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
    }
    return d
  }

  /// ½ Σ |p(v) − q(v)| over the values of either column.
  static func totalVariation(_ a: [String], _ b: [String]) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return a.isEmpty == b.isEmpty ? 0 : 1 }
    var p: [String: Int] = [:]
    var q: [String: Int] = [:]
    for v in a { p[v, default: 0] += 1 }
    for v in b { q[v, default: 0] += 1 }
    var sum = 0.0
    for (v, n) in p {
      sum += abs(Double(n) / Double(a.count) - Double(q[v] ?? 0) / Double(b.count))
    }
    for (v, n) in q where p[v] == nil { sum += Double(n) / Double(b.count) }
    return sum / 2
  }
}
