#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hourly demand per service (requests per hour), the input of the capacity environment.
///
/// It is plain data: the synthetic default below, a CSV file, or (with the data pipeline) a
/// processed dataset version.
public struct DemandTrace: Sendable, Hashable, Codable {
  public var services: [String]
  /// `demand[hour * services.count + service]`.
  public var demand: [Double]

  public init(services: [String], demand: [Double]) {
    self.services = services
    self.demand = demand
  }

  public var hours: Int { services.isEmpty ? 0 : demand.count / services.count }

  @inlinable
  public func demand(hour: Int, service: Int) -> Double {
    demand[(hour % hours) * services.count + service]
  }

  /// A deterministic four-week trace for three services with daily and weekly cycles and noise:
  /// `web` peaks at midday, `api` in the evening, `batch` at night, and the total peak is above a
  /// 12-unit cluster's capacity, so a greedy allocator is tempted to overcommit.
  public static func synthetic(days: Int = 28, seed: UInt64 = 7) -> DemandTrace {
    var rng = Xoshiro256(seed: seed)
    let services = ["web", "api", "batch"]
    let base = [420.0, 330.0, 250.0]
    let amplitude = [0.6, 0.5, 0.7]
    let peakHour = [13.0, 19.0, 3.0]
    var demand: [Double] = []
    demand.reserveCapacity(days * 24 * 3)
    for hour in 0..<(days * 24) {
      let day = hour / 24
      let weekend = day % 7 >= 5
      for i in 0..<3 {
        let phase = 2 * Double.pi * (Double(hour % 24) - peakHour[i]) / 24
        var d = base[i] * (1 + amplitude[i] * cos(phase))
        if weekend { d *= i == 2 ? 1.2 : 0.75 }
        d *= 1 + 0.08 * rng.nextGaussian()
        demand.append(max(0, d.rounded()))
      }
    }
    return DemandTrace(services: services, demand: demand)
  }

  /// Reads `hour,svc1,svc2,...` CSV (a header row, then one row per hour; the first column may
  /// be the hour number). Errors name `source:line`.
  public static func parseCSV(_ text: String, source: String) throws(TraceError) -> DemandTrace {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    while let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
    guard let header = lines.first else {
      throw TraceError(source: source, line: 1, reason: "empty file: expected a header row")
    }
    var columns = header.split(separator: ",").map { String($0.trimmingWhitespace()) }
    let hasHourColumn = columns.first?.lowercased() == "hour"
    if hasHourColumn { columns.removeFirst() }
    guard !columns.isEmpty, columns.allSatisfy({ !$0.isEmpty }) else {
      throw TraceError(source: source, line: 1, reason: "header needs one named column per service")
    }
    var demand: [Double] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      let expected = columns.count + (hasHourColumn ? 1 : 0)
      guard fields.count == expected else {
        throw TraceError(
          source: source, line: index + 1,
          reason: "expected \(expected) fields, found \(fields.count)")
      }
      for field in fields.dropFirst(hasHourColumn ? 1 : 0) {
        let text = field.trimmingWhitespace()
        guard let value = Double(text), value.isFinite, value >= 0 else {
          throw TraceError(
            source: source, line: index + 1,
            reason: "demand \"\(text)\" is not a non-negative number")
        }
        demand.append(value)
      }
    }
    guard !demand.isEmpty else {
      throw TraceError(source: source, line: 2, reason: "no demand rows after the header")
    }
    return DemandTrace(services: columns, demand: demand)
  }
}

/// A demand trace that could not be read.
public struct TraceError: Error, Sendable, CustomStringConvertible {
  public var source: String
  public var line: Int
  public var reason: String
  public var description: String { "\(source):\(line): \(reason)" }
}

extension Substring {
  func trimmingWhitespace() -> Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return s
  }
}
