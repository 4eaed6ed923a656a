/// One line of a chart: values equally spaced on x.
public struct ChartSeries: Hashable, Sendable {
  /// Shown in the legend.
  public var name: String
  /// The samples, oldest first; NaN and infinities are gaps.
  public var values: [Double]
  /// The line's colour; nil uses the theme's series colour (or, alone, the graph gradient).
  public var color: Color?

  /// A named series, optionally with its own colour.
  public init(name: String, values: [Double], color: Color? = nil) {
    self.name = name
    self.values = values
    self.color = color
  }
}

extension LineChart {
  /// `values` resampled to `count` equally spaced points: averages of equal buckets when there
  /// are more values than points (non-finite values skipped; an all non-finite bucket gives NaN),
  /// linear interpolation when there are fewer (a non-finite neighbour gives NaN), a constant line
  /// for a single value, all NaN for none.
  public static func resample(_ values: [Double], to count: Int) -> [Double] {
    guard count > 0 else { return [] }
    let n = values.count
    guard n > 0 else { return Array(repeating: .nan, count: count) }
    if n == count { return values }
    if n == 1 { return Array(repeating: values[0], count: count) }
    var out: [Double] = []
    out.reserveCapacity(count)
    if n > count {
      for i in 0..<count {
        let start = i * n / count
        let end = max((i + 1) * n / count, start + 1)
        var sum = 0.0
        var k = 0
        for j in start..<end where values[j].isFinite {
          sum += values[j]
          k += 1
        }
        out.append(k > 0 ? sum / Double(k) : .nan)
      }
      return out
    }
    for i in 0..<count {
      let t = Double(i) * Double(n - 1) / Double(count - 1)
      let j = min(Int(t), n - 1)
      let f = t - Double(j)
      if j == n - 1 || f == 0 {
        out.append(values[j])
      } else {
        let a = values[j]
        let b = values[j + 1]
        out.append(a.isFinite && b.isFinite ? a + (b - a) * f : .nan)
      }
    }
    return out
  }

  /// The y range a chart of `series` shows: `fixed` when given (and finite), otherwise the
  /// minimum and maximum of all finite values. A flat range is padded (by 10% of the value, or
  /// ±1 around zero). Nil when no series has a finite value.
  public static func bounds(
    of series: [ChartSeries], fixed: ClosedRange<Double>? = nil
  ) -> ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for s in series {
      for v in s.values where v.isFinite {
        lo = min(lo, v)
        hi = max(hi, v)
      }
    }
    guard lo <= hi else { return nil }
    if let fixed, fixed.lowerBound.isFinite, fixed.upperBound.isFinite {
      lo = fixed.lowerBound
      hi = fixed.upperBound
    }
    if lo == hi {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      return (lo - pad)...(hi + pad)
    }
    return lo...hi
  }
}
