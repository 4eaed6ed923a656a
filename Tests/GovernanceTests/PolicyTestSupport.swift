import ConfigFile
import Governance

/// The default policy, parsed as `policy.toml`.
func defaultPolicy() throws -> PolicyDocument {
  try PolicyDocument.parse(PolicyDocument.defaultText, source: "policy.toml")
}

/// One principal per standard role, plus the default file's owner.
let testAccessText = """
  [principals.dana]
  roles = ["data-scientist"]
  [principals.omar]
  roles = ["mlops"]
  [principals.devi]
  roles = ["devops"]
  [principals.sam]
  roles = ["soc-analyst"]
  [principals.audrey]
  roles = ["auditor"]
  [principals.stella]
  roles = ["data-steward"]
  [principals.ada]
  roles = ["admin"]
  [principals.owner]
  roles = ["admin", "data-scientist"]
  [principals.nobody]
  roles = []
  """

/// The default policy with `testAccessText`.
func defaultAuthorizer() throws -> Authorizer {
  Authorizer(
    policy: try defaultPolicy(),
    access: try AccessDocument.parse(testAccessText, source: "access.toml"))
}

/// Attributes that pass every default rule, whatever the action.
let cleanAttributes: [String: PolicyValue] = [
  "algorithm": "ppo", "environment": "cartpole", "monitor": "enforce", "steps": 100_000,
  "ppo.environments": 8, "dataset.id": "ds-1", "dataset.classification": "internal",
  "evaluation.mean_return": 500, "evaluation.safety_violations": 0,
  "source_job.open_high_alerts": 0, "source_job.quarantined": false,
]

/// `cleanAttributes` with some values replaced (nil removes the attribute).
func attributes(_ changes: [String: PolicyValue?]) -> [String: PolicyValue] {
  var result = cleanAttributes
  for (name, value) in changes { result[name] = value }
  return result
}

/// The `file:line: message` of the refusal `body` throws, or nil if it throws none.
func refusal<T>(_ body: () throws(ConfigError) -> T) -> String? {
  do {
    _ = try body()
    return nil
  } catch {
    return error.description
  }
}

/// The refusal of `text` as a policy named `bad.toml`.
func policyRefusal(_ text: String) -> String? {
  refusal { () throws(ConfigError) in try PolicyDocument.parse(text, source: "bad.toml") }
}

/// The refusal of `text` as an access file named `bad.toml`.
func accessRefusal(_ text: String) -> String? {
  refusal { () throws(ConfigError) in try AccessDocument.parse(text, source: "bad.toml") }
}

/// The 1-based line of the first line of `text` that equals `line`, or 0.
func lineNumber(of line: String, in text: String) -> Int {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  return (lines.firstIndex { $0 == line } ?? -1) + 1
}
