#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The enterprise environment: allocate a cluster's capacity units across services, hour by
/// hour, against a demand trace.
///
/// Each step is one hour. Actions: 0 holds; `1 + 2i` adds a unit to service i; `2 + 2i` removes
/// one. The hard constraints are that the allocation never exceeds the cluster's capacity and no
/// service drops below its minimum replicas. The environment lets an agent break them (an
/// overcommitted cluster still serves, which is exactly the temptation at peak demand) and
/// charges a penalty for every hour spent in breach; the runtime-assurance monitor is what makes
/// them hard.
public struct CapacityEnvironment: Environment {
  public struct Configuration: Sendable, Hashable, Codable {
    public var capacity = 12
    public var unitThroughput = 100.0
    public var minimumReplicas = 1
    public var horizon = 168
    /// Reward cost of one allocated unit for one hour, relative to serving all demand.
    public var unitCost = 0.25
    /// Reward charged for every hour the allocation breaks a constraint.
    public var breachPenalty = 1.0
    public init() {}
  }

  public let trace: DemandTrace
  public let configuration: Configuration
  public private(set) var allocation: [Int]
  public private(set) var hour = 0
  public private(set) var elapsedSteps = 0
  /// Demand served in the last hour, per service.
  public private(set) var served: [Double]

  public init(trace: DemandTrace = .synthetic(), configuration: Configuration = .init()) {
    self.trace = trace
    self.configuration = configuration
    allocation = Array(repeating: configuration.minimumReplicas, count: trace.services.count)
    served = Array(repeating: 0, count: trace.services.count)
  }

  public var serviceCount: Int { trace.services.count }
  public var observationSize: Int { 3 * serviceCount + 3 }
  public var actionCount: Int { 1 + 2 * serviceCount }
  public var totalAllocated: Int { allocation.reduce(0, +) }

  /// The allocation an action would produce (without applying it).
  @inlinable
  public func allocation(after action: Int) -> (service: Int, total: Int, serviceUnits: Int)? {
    guard action > 0 else { return nil }
    let service = (action - 1) / 2
    let delta = action % 2 == 1 ? 1 : -1
    return (service, totalAllocated + delta, allocation[service] + delta)
  }

  /// Whether the current allocation breaks a hard constraint.
  public var isInBreach: Bool {
    totalAllocated > configuration.capacity
      || allocation.contains { $0 < configuration.minimumReplicas }
  }

  public mutating func reset(using rng: inout Xoshiro256) {
    hour = rng.nextInt(below: max(trace.hours, 1))
    elapsedSteps = 0
    // Start from an even split of half the capacity, so early hours need decisions.
    let share = max(configuration.minimumReplicas, configuration.capacity / (2 * serviceCount))
    allocation = Array(repeating: share, count: serviceCount)
    served = Array(repeating: 0, count: serviceCount)
  }

  /// Starts an episode from a chosen hour and allocation (for rollouts from a given state).
  public mutating func place(hour: Int, allocation: [Int]) {
    precondition(allocation.count == serviceCount)
    self.hour = hour
    self.allocation = allocation
    elapsedSteps = 0
    served = Array(repeating: 0, count: serviceCount)
  }

  public mutating func step(_ action: Int) -> StepOutcome {
    if action > 0 && action < actionCount {
      let service = (action - 1) / 2
      allocation[service] += action % 2 == 1 ? 1 : -1
      allocation[service] = max(allocation[service], 0)
    }
    hour += 1
    elapsedSteps += 1
    var demandTotal = 0.0
    var servedTotal = 0.0
    for i in 0..<serviceCount {
      let d = trace.demand(hour: hour, service: i)
      let s = min(d, Double(allocation[i]) * configuration.unitThroughput)
      served[i] = s
      demandTotal += d
      servedTotal += s
    }
    let c = configuration
    var reward = (demandTotal > 0 ? servedTotal / demandTotal : 1)
    reward -= c.unitCost * Double(totalAllocated) / Double(c.capacity)
    if isInBreach { reward -= c.breachPenalty }
    return StepOutcome(reward: reward, terminated: false, truncated: elapsedSteps >= c.horizon)
  }

  public func writeObservation(to buffer: UnsafeMutablePointer<Float>) {
    let c = configuration
    let scale = Double(c.capacity) * c.unitThroughput
    let n = serviceCount
    for i in 0..<n {
      buffer[i] = Float(Double(allocation[i]) / Double(c.capacity))
      buffer[n + i] = Float(trace.demand(hour: hour, service: i) / scale)
      buffer[2 * n + i] = Float(trace.demand(hour: hour + 1, service: i) / scale)
    }
    buffer[3 * n] = Float(Double(c.capacity - totalAllocated) / Double(c.capacity))
    let angle = 2 * Double.pi * Double(hour % 24) / 24
    buffer[3 * n + 1] = Float(sin(angle))
    buffer[3 * n + 2] = Float(cos(angle))
  }

  /// `[hour, allocation..., demand...]`.
  public var stateVector: [Double] {
    [Double(hour)] + allocation.map(Double.init)
      + (0..<serviceCount).map { trace.demand(hour: hour, service: $0) }
  }

  public var reachedGoal: Bool? { nil }
}
