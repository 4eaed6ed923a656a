#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A request `rampart policy test` could not use, with what to fix.
public struct PolicyTestError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// `rampart policy test FILE --request JSON`: the decision for one request written as JSON.
///
/// ```json
/// {"principal": "dana", "action": "job.submit",
///  "attributes": {"algorithm": "ppo", "environment": "capacity", "monitor": "off"}}
/// ```
/// Without `roles`, the principal's roles come from the access file (none without one).
public enum PolicyTest {
  /// The keys a request may hold.
  static let keys: Set<String> = ["principal", "roles", "action", "attributes"]

  /// Decides the request in `json` against `policy` and, when given, `access`.
  public static func run(
    policy: PolicyDocument, access: AccessDocument?, request json: String
  ) throws(PolicyTestError) -> PolicyDecision {
    let request = try request(fromJSON: json)
    return Authorizer(policy: policy, access: access ?? .empty).decide(request)
  }

  /// Reads and checks a request: valid JSON, known keys, an action that is a permission,
  /// attribute values that are strings, numbers, booleans or lists of strings.
  public static func request(fromJSON json: String) throws(PolicyTestError) -> PolicyRequest {
    let data = Data(json.utf8)
    let decoder = JSONDecoder()
    let object: [String: IgnoredValue]
    do {
      object = try decoder.decode([String: IgnoredValue].self, from: data)
    } catch {
      throw PolicyTestError(
        "request: not a JSON object such as "
          + "{\"principal\": \"dana\", \"action\": \"job.submit\", \"attributes\": {}}")
    }
    if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
      throw PolicyTestError(
        "request: unknown key \"\(unknown)\" (known: action, attributes, principal, roles)")
    }
    let request: PolicyRequest
    do {
      request = try decoder.decode(PolicyRequest.self, from: data)
    } catch let error as DecodingError {
      throw PolicyTestError("request: \(explain(error))")
    } catch {
      throw PolicyTestError("request: \(error)")
    }
    guard Permission(rawValue: request.action) != nil else {
      throw PolicyTestError(
        "request: unknown action \"\(request.action)\" (known: "
          + "\(Permission.allCases.map(\.rawValue).sorted().joined(separator: ", ")))")
    }
    return request
  }

  private static func explain(_ error: DecodingError) -> String {
    func name(_ path: [any CodingKey]) -> String {
      path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, _):
      return "missing \"\(key.stringValue)\""
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      let path = context.codingPath
      if path.count >= 2, path[0].stringValue == "attributes" {
        return "attribute \"\(path[1].stringValue)\" must be a string, number, boolean "
          + "or list of strings"
      }
      switch path.first?.stringValue {
      case "principal", "action": return "\"\(name(path))\" must be a string"
      case "roles": return "\"roles\" must be a list of role names"
      case "attributes": return "\"attributes\" must be an object of name: value"
      default: return "\(name(path)): \(context.debugDescription)"
      }
    case .dataCorrupted(let context):
      return "\(name(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}

/// Any JSON value, unread: lets the request's keys be checked before its values.
private struct IgnoredValue: Decodable {
  init(from decoder: any Decoder) throws {}
}
