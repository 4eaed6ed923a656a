/// Typed reads that refuse bad input with the document's name and the offending line:
/// a missing key at the table's line, anything else at the value's line.
extension ConfigTable {
  // MARK: - Values

  /// The value under `key`; refuses a missing key with `missing key "key" in [table]`.
  public func value(_ key: String) throws(ConfigError) -> ConfigValue {
    guard let value = self[key] else {
      throw error("missing key \"\(key)\" \(path.location)", line: line)
    }
    return value
  }

  /// A string; refuses a missing key or another type.
  public func string(_ key: String) throws(ConfigError) -> String {
    try convert(value(key), key, to: "a string") { $0.stringValue }
  }

  /// A string, or nil when the key is absent; refuses another type.
  public func optionalString(_ key: String) throws(ConfigError) -> String? {
    try self[key].map { value throws(ConfigError) in
      try convert(value, key, to: "a string") { $0.stringValue }
    }
  }

  /// An integer; floats are refused rather than truncated.
  public func integer(_ key: String) throws(ConfigError) -> Int {
    try convert(value(key), key, to: "an integer") { $0.integerValue }
  }

  /// An integer, or nil when the key is absent.
  public func optionalInteger(_ key: String) throws(ConfigError) -> Int? {
    try self[key].map { value throws(ConfigError) in
      try convert(value, key, to: "an integer") { $0.integerValue }
    }
  }

  /// An integer that must lie in `range`: `"steps" must be between 1 and 100 (found 250)`.
  public func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
    try requireInteger(value(key), key, within: range.contains, range.requirement)
  }

  /// An integer that must be at least `range.lowerBound`.
  public func integer(_ key: String, in range: PartialRangeFrom<Int>) throws(ConfigError) -> Int {
    try requireInteger(value(key), key, within: range.contains, range.requirement)
  }

  /// An integer in `range`, or nil when the key is absent.
  public func optionalInteger(
    _ key: String, in range: ClosedRange<Int>
  ) throws(ConfigError) -> Int? {
    try self[key].map { value throws(ConfigError) in
      try requireInteger(value, key, within: range.contains, range.requirement)
    }
  }

  /// An integer of at least `range.lowerBound`, or nil when the key is absent.
  public func optionalInteger(
    _ key: String, in range: PartialRangeFrom<Int>
  ) throws(ConfigError) -> Int? {
    try self[key].map { value throws(ConfigError) in
      try requireInteger(value, key, within: range.contains, range.requirement)
    }
  }

  /// A number; integers are accepted and converted.
  public func double(_ key: String) throws(ConfigError) -> Double {
    try convert(value(key), key, to: "a number") { $0.doubleValue }
  }

  /// A number, or nil when the key is absent; integers are accepted.
  public func optionalDouble(_ key: String) throws(ConfigError) -> Double? {
    try self[key].map { value throws(ConfigError) in
      try convert(value, key, to: "a number") { $0.doubleValue }
    }
  }

  /// A number that must lie in `range`.
  public func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double {
    try requireDouble(value(key), key, within: range.contains, range.requirement)
  }

  /// A number that must be at least `range.lowerBound`.
  public func double(
    _ key: String, in range: PartialRangeFrom<Double>
  ) throws(ConfigError) -> Double {
    try requireDouble(value(key), key, within: range.contains, range.requirement)
  }

  /// A number in `range`, or nil when the key is absent.
  public func optionalDouble(
    _ key: String, in range: ClosedRange<Double>
  ) throws(ConfigError) -> Double? {
    try self[key].map { value throws(ConfigError) in
      try requireDouble(value, key, within: range.contains, range.requirement)
    }
  }

  /// A number of at least `range.lowerBound`, or nil when the key is absent.
  public func optionalDouble(
    _ key: String, in range: PartialRangeFrom<Double>
  ) throws(ConfigError) -> Double? {
    try self[key].map { value throws(ConfigError) in
      try requireDouble(value, key, within: range.contains, range.requirement)
    }
  }

  /// A boolean (`true` or `false`, never a string or number).
  public func bool(_ key: String) throws(ConfigError) -> Bool {
    try convert(value(key), key, to: "a boolean") { $0.boolValue }
  }

  /// A boolean, or nil when the key is absent.
  public func optionalBool(_ key: String) throws(ConfigError) -> Bool? {
    try self[key].map { value throws(ConfigError) in
      try convert(value, key, to: "a boolean") { $0.boolValue }
    }
  }

  // MARK: - Choices

  /// A string that must be one of `allowed`:
  /// `"monitor" must be one of enforce, observe, off (found "enforse")`.
  public func oneOf(_ key: String, _ allowed: [String]) throws(ConfigError) -> String {
    try requireChoice(value(key), key, allowed)
  }

  /// One of `allowed`, or nil when the key is absent.
  public func optionalOneOf(_ key: String, _ allowed: [String]) throws(ConfigError) -> String? {
    try self[key].map { value throws(ConfigError) in try requireChoice(value, key, allowed) }
  }

  /// A string naming one of `Choice`'s cases by raw value.
  public func oneOf<Choice: CaseIterable & RawRepresentable>(
    _ key: String, as type: Choice.Type
  ) throws(ConfigError) -> Choice where Choice.RawValue == String {
    try choice(value(key), key, as: type)
  }

  /// One of `Choice`'s cases, or nil when the key is absent.
  public func optionalOneOf<Choice: CaseIterable & RawRepresentable>(
    _ key: String, as type: Choice.Type
  ) throws(ConfigError) -> Choice? where Choice.RawValue == String {
    try self[key].map { value throws(ConfigError) in try choice(value, key, as: type) }
  }

  // MARK: - Arrays and tables

  /// An array whose elements are all strings; a wrong element is refused at its own line.
  public func stringArray(_ key: String) throws(ConfigError) -> [String] {
    try elements(value(key), key, of: "strings", each: "a string") { $0.stringValue }
  }

  /// An array of strings, or nil when the key is absent.
  public func optionalStringArray(_ key: String) throws(ConfigError) -> [String]? {
    try self[key].map { value throws(ConfigError) in
      try elements(value, key, of: "strings", each: "a string") { $0.stringValue }
    }
  }

  /// An array whose elements are all integers.
  public func integerArray(_ key: String) throws(ConfigError) -> [Int] {
    try elements(value(key), key, of: "integers", each: "an integer") { $0.integerValue }
  }

  /// An array of integers, or nil when the key is absent.
  public func optionalIntegerArray(_ key: String) throws(ConfigError) -> [Int]? {
    try self[key].map { value throws(ConfigError) in
      try elements(value, key, of: "integers", each: "an integer") { $0.integerValue }
    }
  }

  /// An array of numbers; integer elements are accepted and converted.
  public func doubleArray(_ key: String) throws(ConfigError) -> [Double] {
    try elements(value(key), key, of: "numbers", each: "a number") { $0.doubleValue }
  }

  /// An array of numbers, or nil when the key is absent.
  public func optionalDoubleArray(_ key: String) throws(ConfigError) -> [Double]? {
    try self[key].map { value throws(ConfigError) in
      try elements(value, key, of: "numbers", each: "a number") { $0.doubleValue }
    }
  }

  /// A `[key]` table, a table made by dotted keys, or an inline table.
  public func table(_ key: String) throws(ConfigError) -> ConfigTable {
    try convert(value(key), key, to: "a table") { $0.tableValue }
  }

  /// A table, or nil when the key is absent.
  public func optionalTable(_ key: String) throws(ConfigError) -> ConfigTable? {
    try self[key].map { value throws(ConfigError) in
      try convert(value, key, to: "a table") { $0.tableValue }
    }
  }

  /// The elements of a `[[key]]` array of tables (or an inline array of inline tables).
  public func tables(_ key: String) throws(ConfigError) -> [ConfigTable] {
    try elements(value(key), key, of: "tables", each: "a table") { $0.tableValue }
  }

  /// The elements of an array of tables, or nil when the key is absent.
  public func optionalTables(_ key: String) throws(ConfigError) -> [ConfigTable]? {
    try self[key].map { value throws(ConfigError) in
      try elements(value, key, of: "tables", each: "a table") { $0.tableValue }
    }
  }

  // MARK: - Unknown keys

  /// Refuses the first key not in `allowed`, at its line:
  /// `unknown key "stpes" in [[job]] #1 (known: at, env, steps)`. Catches typos that would
  /// otherwise silently fall back to defaults.
  public func rejectUnknownKeys(allowed: [String]) throws(ConfigError) {
    let known = Set(allowed)
    for (key, value) in keyValuePairs where !known.contains(key) {
      let list = known.sorted().map(ConfigPath.quotedIfNeeded).joined(separator: ", ")
      throw error(
        "unknown key \"\(key)\" \(path.location) (known: \(list.isEmpty ? "none" : list))",
        at: value)
    }
  }

  // MARK: - Checks

  private func convert<T>(
    _ value: ConfigValue, _ key: String, to expected: String, _ extract: (ConfigValue) -> T?
  ) throws(ConfigError) -> T {
    guard let converted = extract(value) else {
      throw error("\"\(key)\" must be \(expected), found \(value.typeDescription)", at: value)
    }
    return converted
  }

  private func elements<T>(
    _ value: ConfigValue, _ key: String, of plural: String, each expected: String,
    _ extract: (ConfigValue) -> T?
  ) throws(ConfigError) -> [T] {
    let array = try convert(value, key, to: "an array of \(plural)") { $0.arrayValue }
    var converted: [T] = []
    for (position, element) in array.enumerated() {
      guard let item = extract(element) else {
        throw error(
          "element \(position + 1) of \"\(key)\" must be \(expected), "
            + "found \(element.typeDescription)",
          at: element)
      }
      converted.append(item)
    }
    return converted
  }

  private func requireInteger(
    _ value: ConfigValue, _ key: String, within contains: (Int) -> Bool, _ requirement: String
  ) throws(ConfigError) -> Int {
    let number = try convert(value, key, to: "an integer") { $0.integerValue }
    guard contains(number) else {
      throw error("\"\(key)\" must be \(requirement) (found \(number))", at: value)
    }
    return number
  }

  private func requireDouble(
    _ value: ConfigValue, _ key: String, within contains: (Double) -> Bool,
    _ requirement: String
  ) throws(ConfigError) -> Double {
    let number = try convert(value, key, to: "a number") { $0.doubleValue }
    guard contains(number) else {
      throw error("\"\(key)\" must be \(requirement) (found \(number))", at: value)
    }
    return number
  }

  private func requireChoice(
    _ value: ConfigValue, _ key: String, _ allowed: [String]
  ) throws(ConfigError) -> String {
    let text = try convert(value, key, to: "a string") { $0.stringValue }
    guard allowed.contains(text) else {
      let list = allowed.joined(separator: ", ")
      throw error("\"\(key)\" must be one of \(list) (found \"\(text)\")", at: value)
    }
    return text
  }

  private func choice<Choice: CaseIterable & RawRepresentable>(
    _ value: ConfigValue, _ key: String, as type: Choice.Type
  ) throws(ConfigError) -> Choice where Choice.RawValue == String {
    let text = try requireChoice(value, key, Choice.allCases.map(\.rawValue))
    guard let choice = Choice(rawValue: text) else {
      throw error("\"\(key)\" must be one of its choices (found \"\(text)\")", at: value)
    }
    return choice
  }
}

extension ClosedRange where Bound: CustomStringConvertible {
  fileprivate var requirement: String { "between \(lowerBound) and \(upperBound)" }
}

extension PartialRangeFrom where Bound: CustomStringConvertible {
  fileprivate var requirement: String { "at least \(lowerBound)" }
}
