/// Welford's running mean and variance.
struct RunningStats: Sendable {
  private(set) var count = 0
  private(set) var mean = 0.0
  private var m2 = 0.0

  mutating func add(_ x: Double) {
    count += 1
    let d = x - mean
    mean += d / Double(count)
    m2 += d * (x - mean)
  }

  var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
  var standardDeviation: Double { variance.squareRoot() }
}

/// The last `capacity` values.
struct Window: Sendable {
  let capacity: Int
  private(set) var values: [Double] = []

  init(_ capacity: Int) { self.capacity = capacity }

  mutating func add(_ x: Double) {
    values.append(x)
    if values.count > capacity { values.removeFirst(values.count - capacity) }
  }
}

func median(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return .nan }
  let s = values.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
