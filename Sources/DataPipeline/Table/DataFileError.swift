/// A refusal that names the file and line it is about, e.g.
/// `customers.csv:14: ragged row: 3 fields, the header has 4`.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var source: String
  /// 1-based; 0 when the refusal is about the file as a whole.
  public var line: Int
  public var message: String

  public init(source: String, line: Int, message: String) {
    self.source = source
    self.line = line
    self.message = message
  }

  public var description: String {
    line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)"
  }
}
