/// A refusal of configuration input, pinned to the document and line it concerns.
///
/// Its description reads `source:line: message`, the form editors and terminals link to.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The name of the document, usually its path.
  public var source: String
  /// The 1-based line the error concerns, or 0 when it concerns the document as a whole
  /// (for example a file that cannot be read).
  public var line: Int
  /// What is wrong, without the location prefix.
  public var message: String

  /// An error at `source:line`.
  public init(source: String, line: Int, message: String) {
    self.source = source
    self.line = line
    self.message = message
  }

  /// `source:line: message`, or `source: message` when the line is 0.
  public var description: String {
    line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)"
  }
}
