import ArgumentParser
import ConfigFile
import Console
import Engine
import Foundation

/// `rampart demo`: a scripted session on a live engine, in the console or headless.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run a demo scenario on a fresh engine and open the console on it.",
    discussion: "Scenario files live in demo/ (default: demo/tour.toml).")

  @Option(help: "Scenario file.")
  var scenario: String?
  @Flag(help: "Run without a terminal and print a transcript.")
  var headless = false
  @Option(help: "With --headless: seconds to run before stopping.")
  var seconds: Double = 30
  @Flag(help: "With --headless: one JSON object per line.")
  var json = false
  @Option(
    name: .customLong("as"),
    help:
      "View and act as this demo principal (\(DemoCommand.names.joined(separator: ", "))); the scenario's entries without `as` still run as dana."
  )
  var actingPrincipal = "dana"

  /// The demo workspace's principals: one per role of the blueprint.
  static let principals: [String: [String]] = [
    "dana": ["data-scientist"], "mike": ["mlops"], "olga": ["devops"], "sam": ["soc-analyst"],
    "alex": ["auditor"], "stella": ["data-steward"], "ada": ["admin"],
  ]
  /// The insider drill's adversary: a data scientist's account, declared kind = "drill".
  static let drillPrincipals: [String: [String]] = ["mallory": ["data-scientist"]]
  static var names: [String] { principals.keys.sorted() + drillPrincipals.keys.sorted() }
  /// Who performs a scenario entry without `as`: the tour's data scientist, whoever watches (a
  /// viewer who is mlops must still see dana's jobs run and her request wait for them).
  static let scenarioPrincipal = Principal("dana")
  @OptionGroup var options: ConsoleOptions

  func validate() throws {
    guard seconds > 0 && seconds <= 86_400 else {
      throw ValidationError("--seconds must be in (0, 86400]")
    }
    // The demo's principals only: never `system`, which holds every permission.
    guard Self.principals[actingPrincipal] != nil || Self.drillPrincipals[actingPrincipal] != nil
    else {
      throw ValidationError(
        "--as must be a demo principal (\(Self.names.joined(separator: ", "))), not \(actingPrincipal)"
      )
    }
  }

  func scenarioPath() throws -> String {
    if let scenario { return scenario }
    for root in resourceRoots() {
      let path = root + "/demo/tour.toml"
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    throw UsageError(
      "no demo/tour.toml found (looked in \(resourceRoots().joined(separator: ", "))); pass --scenario FILE"
    )
  }

  func run() throws {
    let path = try scenarioPath()
    let plan: DemoScenario
    do {
      plan = try DemoScenario.load(path: path)
    } catch {
      throw UsageError(error.description)
    }
    let theme = headless ? Theme.fallback : try options.loadTheme()
    // A throw-away workspace only this process knows: it alone may act as its principals.
    let engine = try attempt {
      try Engine.temporary(principals: Self.principals, drillPrincipals: Self.drillPrincipals)
    }
    let principal = Principal(actingPrincipal)
    let runner = ScenarioRunner(scenario: plan, engine: engine, principal: Self.scenarioPrincipal)
    if headless {
      try HeadlessDemo(
        engine: engine, runner: runner, principal: principal, seconds: seconds, json: json
      ).run()
      return
    }
    let app = ConsoleApp(engine: engine, principal: principal)
    app.impersonation = Self.principals.keys.sorted()
    app.sessionLabel = "demo: \(plan.name)"
    app.ticker = { runner.latest(within: 12) }
    runner.start()
    try options.run(app, theme: theme)
    runner.cancel()
    engine.shutdown(requestedBy: app.principal)
  }
}
