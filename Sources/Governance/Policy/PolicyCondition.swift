/// How a condition compares a request attribute with its operand.
public enum PolicyOperator: String, CaseIterable, Sendable, Hashable, Codable {
  /// Equal to a string, number or boolean.
  case eq
  /// Present and not equal.
  case ne
  /// A string that is one of a list of strings.
  case `in`
  /// Present and not one of a list of strings.
  case notIn = "not_in"
  case lt
  case le
  case gt
  case ge
  /// A list attribute (such as `roles`) that holds a string.
  case contains
  /// A list attribute, present, that does not hold a string.
  case notContains = "not_contains"
  /// `true`: the request carries the attribute; `false`: it does not.
  case exists

  /// What the operand must be, for messages: `a number`.
  var operandRequirement: String {
    switch self {
    case .eq, .ne: "a string, number or boolean"
    case .in, .notIn: "a non-empty list of strings"
    case .lt, .le, .gt, .ge: "a number"
    case .contains, .notContains: "a string"
    case .exists: "a boolean"
    }
  }
}

/// One condition of a rule's `[rule.when]`: `"evaluation.mean_return" = { lt = 475 }` is the
/// condition `evaluation.mean_return lt 475`.
///
/// A condition on an attribute the request does not carry does not hold, except
/// `exists = false`. The negations (`ne`, `not_in`, `not_contains`) are complements among
/// attributes that are present: they hold for a present attribute exactly when their positive
/// form does not. Ordering operators hold only for number attributes, `in` only for string
/// attributes and `contains` only for list attributes.
public struct PolicyCondition: Sendable, Hashable {
  /// The attribute's dotted name, e.g. `evaluation.mean_return`.
  public let attribute: String
  public let `operator`: PolicyOperator
  /// The value compared with: a list of strings for `in`/`not_in`, a boolean for `exists`.
  public let operand: PolicyValue
  /// The line of the condition in the policy file.
  public let line: Int

  private let members: Set<String>

  /// A condition whose operand suits its operator; nil otherwise (the parser refuses those
  /// with the line).
  public init?(
    attribute: String, operator: PolicyOperator, operand: PolicyValue, line: Int = 0
  ) {
    switch (`operator`, operand) {
    case (.eq, .list), (.ne, .list): return nil
    case (.eq, _), (.ne, _): break
    case (.in, .list(let values)), (.notIn, .list(let values)):
      if values.isEmpty { return nil }
    case (.lt, .number), (.le, .number), (.gt, .number), (.ge, .number): break
    case (.contains, .string), (.notContains, .string): break
    case (.exists, .bool): break
    default: return nil
    }
    self.attribute = attribute
    self.operator = `operator`
    self.operand = operand
    self.line = line
    if case .list(let values) = operand { members = Set(values) } else { members = [] }
  }

  /// Whether the condition holds for the attribute's value (nil: the request lacks it).
  public func holds(for value: PolicyValue?) -> Bool {
    guard let value else {
      if case .exists = `operator`, case .bool(let expected) = operand { return !expected }
      return false
    }
    switch `operator` {
    case .eq: return value == operand
    case .ne: return value != operand
    case .in: return isMember(value)
    case .notIn: return !isMember(value)
    case .lt: return compare(value) { $0 < $1 }
    case .le: return compare(value) { $0 <= $1 }
    case .gt: return compare(value) { $0 > $1 }
    case .ge: return compare(value) { $0 >= $1 }
    case .contains: return listHolds(value)
    case .notContains: return !listHolds(value)
    case .exists:
      if case .bool(let expected) = operand { return expected }
      return false
    }
  }

  /// `evaluation.mean_return lt 475`, for reports.
  public var text: String {
    let shown: String
    switch operand {
    case .string(let value): shown = "\"\(value)\""
    case .list(let values): shown = "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    default: shown = operand.description
    }
    return "\(attribute) \(`operator`.rawValue) \(shown)"
  }

  private func isMember(_ value: PolicyValue) -> Bool {
    if case .string(let text) = value { return members.contains(text) }
    return false
  }

  private func listHolds(_ value: PolicyValue) -> Bool {
    if case .list(let values) = value, case .string(let wanted) = operand {
      return values.contains(wanted)
    }
    return false
  }

  private func compare(_ value: PolicyValue, _ test: (Double, Double) -> Bool) -> Bool {
    if case .number(let left) = value, case .number(let right) = operand {
      // Rules only deny: a figure that is not a number (an evaluation that never ran) matches
      // every comparison, so the rule fails closed instead of letting it through.
      return left.isNaN || test(left, right)
    }
    return false
  }
}
