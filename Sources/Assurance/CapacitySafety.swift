import Learning

/// Hard constraints of the capacity environment: the allocation never exceeds the cluster's
/// capacity (`capacity.total`) and no service drops below its minimum replicas
/// (`capacity.min-replicas`). The fallback holds the allocation, which is safe from any safe
/// state, so under `enforce` the constraints are never broken.
public struct CapacitySafety: SafetySpecification {
  public static let totalRule = "capacity.total"
  public static let minimumRule = "capacity.min-replicas"
  public static let ruleIDs = [totalRule, minimumRule]
  public static let countsEveryViolatingStep = true

  public init() {}

  public func violatedRule(_ action: Int, in env: CapacityEnvironment) -> String? {
    guard let after = env.allocation(after: action) else {
      return env.isInBreach ? Self.rule(for: env) : nil
    }
    if after.total > env.configuration.capacity { return Self.totalRule }
    if after.serviceUnits < env.configuration.minimumReplicas { return Self.minimumRule }
    return nil
  }

  private static func rule(for env: CapacityEnvironment) -> String {
    env.totalAllocated > env.configuration.capacity ? totalRule : minimumRule
  }

  public func fallbackAction(in env: CapacityEnvironment) -> Int {
    let c = env.configuration
    if env.totalAllocated > c.capacity {
      // Release a unit from the largest service.
      let largest = env.allocation.indices.max { env.allocation[$0] < env.allocation[$1] } ?? 0
      return 2 + 2 * largest
    }
    if let short = env.allocation.firstIndex(where: { $0 < c.minimumReplicas }),
      env.totalAllocated < c.capacity
    {
      return 1 + 2 * short
    }
    return 0
  }

  public func isViolated(_ env: CapacityEnvironment) -> Bool { env.isInBreach }
}
