/// A bounded history of (step, value) points covering a whole run: when full, neighbouring
/// points are averaged in pairs and later points are averaged over twice as many samples, so a
/// chart always spans the run at no more than `capacity` points.
public struct MetricSeries: Sendable, Hashable, Codable {
  public private(set) var steps: [Double] = []
  public private(set) var values: [Double] = []
  public let capacity: Int
  /// Raw samples folded into one stored point.
  public private(set) var stride = 1
  private var pendingStep = 0.0
  private var pendingValue = 0.0
  private var pendingCount = 0
  /// The last raw value appended.
  public private(set) var latest: Double?

  public init(capacity: Int = 512) {
    self.capacity = max(capacity - capacity % 2, 4)
  }

  public var isEmpty: Bool { values.isEmpty && pendingCount == 0 }
  public var count: Int { values.count }

  public mutating func append(step: Int, value: Double) {
    guard value.isFinite else { return }
    latest = value
    pendingStep += Double(step)
    pendingValue += value
    pendingCount += 1
    guard pendingCount >= stride else { return }
    steps.append(pendingStep / Double(pendingCount))
    values.append(pendingValue / Double(pendingCount))
    pendingStep = 0
    pendingValue = 0
    pendingCount = 0
    if values.count >= capacity { compact() }
  }

  private mutating func compact() {
    var s: [Double] = []
    var v: [Double] = []
    s.reserveCapacity(capacity)
    v.reserveCapacity(capacity)
    for i in Swift.stride(from: 0, to: values.count - 1, by: 2) {
      s.append((steps[i] + steps[i + 1]) / 2)
      v.append((values[i] + values[i + 1]) / 2)
    }
    steps = s
    values = v
    stride *= 2
  }

  /// The stored points plus the partial one still being averaged.
  public var points: [(step: Double, value: Double)] {
    var out = zip(steps, values).map { (step: $0, value: $1) }
    if pendingCount > 0 {
      out.append((pendingStep / Double(pendingCount), pendingValue / Double(pendingCount)))
    }
    return out
  }

  public static func == (a: MetricSeries, b: MetricSeries) -> Bool {
    a.steps == b.steps && a.values == b.values && a.stride == b.stride
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(values)
    hasher.combine(stride)
  }
}

/// A fixed-size ring of the most recent values.
public struct RingBuffer<Element: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
  public let capacity: Int
  private var storage: [Element] = []
  private var head = 0

  public init(capacity: Int) { self.capacity = max(capacity, 1) }

  public mutating func append(_ element: Element) {
    if storage.count < capacity {
      storage.append(element)
    } else {
      storage[head] = element
      head = (head + 1) % capacity
    }
  }

  /// Oldest first.
  public var elements: [Element] {
    storage.count < capacity ? storage : Array(storage[head...] + storage[..<head])
  }

  public var count: Int { storage.count }
  public var last: Element? {
    storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count]
  }
}
