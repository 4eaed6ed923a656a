import ConfigFile
import Engine
import Foundation
import Governance
import Testing

struct ScenarioTests {
  static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  @Test(arguments: ["tour.toml", "busy.toml"])
  func shippedScenariosParse(file: String) throws {
    let scenario = try DemoScenario.load(
      path: Self.repository.appendingPathComponent("demo/\(file)").path)
    let jobs = scenario.entries.filter { if case .submit = $0.action { true } else { false } }
    #expect(jobs.count >= 4)
    #expect(scenario.entries.map(\.at) == scenario.entries.map(\.at).sorted())
    // Every job passes the default policy's submission rules (a tour job over the step limit
    // would be refused at run time, and the drill aimed at it would find nothing).
    let g = try Governance.temporary(principals: ["dana": ["data-scientist"]])
    defer { g.discard() }
    var classifications: [String: String] = [:]
    for entry in scenario.entries {
      if case .dataset(let name, _?, let classification, _) = entry.action {
        classifications[name] = classifications[name] ?? classification.rawValue
      }
    }
    for entry in scenario.entries {
      guard case .submit(let label, var spec) = entry.action else { continue }
      // The engine fills the dataset's classification in at submission, as here.
      if let name = spec.dataset?.name { spec.dataset?.classification = classifications[name] }
      let decision = g.decide("dana", .jobSubmit, attributes: spec.policyAttributes)
      #expect(decision.allowed, "\(file) \(label): denied by \(decision.deniedBy)")
    }
  }

  @Test func malformedScenariosAreRefusedWithFileAndLine() {
    let cases: [(String, String)] = [
      (
        "[[job]]\nat = 0\nenv = \"cartpol\"\nsteps = 10\n",
        "s.toml:3: \"env\" must be one of cartpole, frozenlake, frozenlake8x8, capacity (found \"cartpol\")"
      ),
      ("[[job]]\nat = 0\nenv = \"cartpole\"\n", "s.toml:1: missing key \"steps\" in [[job]] #1"),
      (
        "[[job]]\nat = 0\nenv = \"cartpole\"\nsteps = 10\nstpes = 3\n",
        "s.toml:5: unknown key \"stpes\" in [[job]] #1"
      ),
      (
        "[[job]]\nat = 0\nenv = \"cartpole\"\nalgo = \"q-learning\"\nsteps = 10\n",
        "s.toml:1: q-learning needs a discrete-state environment (frozenlake, frozenlake8x8), not cartpole"
      ),
      (
        "[[job]]\nat = 0\nenv = \"cartpole\"\nsteps = 10\nhp = { lr = \"fast\" }\n",
        "s.toml:5: lr: \"fast\" is not a number"
      ),
      (
        "[[control]]\nat = 1\nlabel = \"ghost\"\naction = \"stop\"\n",
        "s.toml:3: no [[job]] has label \"ghost\" (labels: )"
      ),
      ("name = \"x\"\n[[job]\n", "s.toml:2:"),
    ]
    for (text, message) in cases {
      do {
        _ = try DemoScenario.parse(text, source: "s.toml")
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.description.hasPrefix(message), "\(error.description)")
      }
    }
  }

  @Test func runnerSubmitsAndControlsJobsAsTheirPrincipals() throws {
    let text = """
      [[job]]
      at = 0
      label = "a"
      env = "cartpole"
      steps = 10000000
      monitor = "off"
      as = "dana"
      [[control]]
      at = 1
      label = "a"
      action = "stop"
      as = "dana"
      """
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent"
    let engine = try Engine.temporary(
      principals: ["dana": ["data-scientist"], "viewer": ["auditor"]], configuration: c)
    let runner = ScenarioRunner(
      scenario: try DemoScenario.parse(text, source: "t.toml"), engine: engine, principal: "viewer")
    runner.runEntries(through: 10)
    let id = try #require(runner.jobs["a"])
    #expect(try engine.wait(for: id, timeout: 30, as: "viewer") == .stopped)
    #expect(try engine.detail(id, as: "viewer").summary.owner == "dana")
    #expect(runner.log.count == 2)
  }
}
