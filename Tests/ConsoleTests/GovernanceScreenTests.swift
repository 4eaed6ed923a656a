import Console
import ConsoleTesting
import Engine
import Foundation
import GRDB
import Governance
import Testing

/// The Approvals, Registry and Audit screens on a real temporary engine: a trained candidate,
/// a promotion request by alice, decisions through the Engine as the acting principal.
@Suite(.serialized)
struct GovernanceScreenTests {
  typealias F = GovernanceFixtures

  func type(_ text: String, into app: ConsoleApp) {
    for c in text { _ = app.handle(.character(c)) }
  }

  @Test func approvalsAsMlops() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "mike")
    _ = app.handle(.character("3"))
    #expect(app.screen == .approvals)
    F.settle(app)
    assertSnapshot(try F.frame(app, setup), named: "screen-approvals-unevaluated")
    // The re-evaluation runs in the background; the frame says so meanwhile.
    _ = app.handle(.character("e"))
    let evaluating = try F.frame(app, setup)
    #expect(evaluating.text.contains("evaluating…"))
    #expect(app.waitForBackgroundWork())
    app.refreshGovernance()
    assertSnapshot(try F.frame(app, setup), named: "screen-approvals")
    assertSnapshot(
      try F.frame(app, setup, width: 80, height: 24), named: "screen-approvals-80x24")
  }

  @Test func selfApprovalIsRefusedWithTheEnginesMessage() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "alice")
    _ = app.handle(.character("3"))
    F.settle(app)
    _ = app.handle(.character("a"))
    #expect(try F.frame(app, setup).text.contains("approve request \(setup.request), reason:"))
    type("ship it", into: app)
    _ = app.handle(.enter)
    #expect(app.waitForBackgroundWork())
    let grid = try F.frame(app, setup)
    #expect(
      grid.text.contains(
        "denied by separation of duties: alice requested promotion \(setup.request)"))
    let requests = try PromotionService(governance: setup.engine.governance)
      .requests(status: .pending, as: "alice")
    #expect(requests.map(\.id) == [setup.request])
  }

  /// A failing gate (the Q-learning candidate falls into holes: safety violations with the
  /// monitor on) is refused with its rule id and text.
  @Test func failingGateIsShownWithItsRule() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "mike")
    _ = app.handle(.character("3"))
    F.settle(app)
    _ = app.handle(.character("a"))
    type("looks fine", into: app)
    _ = app.handle(.enter)
    #expect(app.waitForBackgroundWork())
    let status = try F.frame(app, setup).line(47)
    #expect(status.contains("denied by rule promote.zero-violations: the monitored re-evaluation"))
  }

  /// With the gates this candidate cannot pass left out of the policy, mike's approval moves the
  /// alias; the Registry shows the version and the alias history.
  @Test func approvalByMlopsMovesTheAliasAndTheRegistryShowsIt() throws {
    let setup = try F.setup(withoutRules: ["promote.zero-violations"])
    let app = F.app(setup.engine, as: "mike")
    _ = app.handle(.character("3"))
    F.settle(app)
    _ = app.handle(.character("a"))
    _ = app.handle(.enter)  // an empty reason decides nothing
    #expect(try F.frame(app, setup).text.contains("a reason is required"))
    _ = app.handle(.character("a"))
    type("re-evaluated: passes the gates", into: app)
    _ = app.handle(.enter)
    #expect(app.waitForBackgroundWork())
    let after = try F.frame(app, setup)
    #expect(after.text.contains("approved request \(setup.request): staging of lake-q is now v1"))
    let registry = RegistryService(governance: setup.engine.governance)
    let models = try registry.models(as: "mike")
    #expect(models.first { $0.name == F.model }?.aliases["staging"] == 1)
    let history = try registry.history(of: F.model, as: "mike")
    #expect(history.map(\.principal) == ["mike"])
    F.settle(app)
    #expect(try F.frame(app, setup).text.contains("No pending promotion requests"))

    let alice = F.app(setup.engine, as: "alice")
    _ = alice.handle(.character("4"))
    F.settle(alice)
    assertSnapshot(try F.frame(alice, setup), named: "screen-registry")
    assertSnapshot(
      try F.frame(alice, setup, width: 80, height: 24), named: "screen-registry-80x24")
  }

  @Test func auditAsAuditor() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "audrey")
    _ = app.handle(.character("5"))
    F.settle(app)
    _ = app.handle(.character("j"))
    _ = app.handle(.character("j"))
    F.settle(app)
    let grid = try F.frame(app, setup)
    assertSnapshot(grid, named: "screen-audit")
    #expect(grid.text.contains("✓ valid"))
    #expect(grid.text.contains("✓ verifies"))
    assertSnapshot(try F.frame(app, setup, width: 80, height: 24), named: "screen-audit-80x24")

    // Filter by principal and outcome with the / prompt.
    _ = app.handle(.character("/"))
    _ = app.handle(.control("u"))
    type("principal:alice outcome:allowed", into: app)
    _ = app.handle(.enter)
    F.settle(app)
    let rows = try #require(app.governance.audit.value).entries
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { $0.principal == "alice" && $0.outcome == "allowed" })
    #expect(try F.frame(app, setup).text.contains("filter principal:alice outcome:allowed"))
    _ = app.handle(.character("/"))
    type(" outcome:maybe", into: app)
    _ = app.handle(.enter)
    #expect(try F.frame(app, setup).text.contains("unknown outcome \"maybe\""))
    _ = app.handle(.escape)  // clears the filter, stays on the screen
    #expect(app.screen == .audit)
    F.settle(app)
    #expect(app.governance.audit.value?.entries.contains { $0.principal == "system" } == true)

    // v re-verifies (an audited action: the log grows by its own entry).
    let before = try #require(app.governance.verification?.value).entries
    _ = app.handle(.character("v"))
    #expect(app.waitForBackgroundWork())
    let after = try #require(app.governance.verification?.value)
    #expect(after.isValid)
    #expect(after.entries > before)
  }

  @Test func auditIsRefusedToADataScientistWithTheDenial() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "alice")
    _ = app.handle(.character("5"))
    F.settle(app)
    let grid = try F.frame(app, setup, width: 80, height: 24)
    assertSnapshot(grid, named: "screen-audit-denied")
    #expect(grid.text.contains("audit: denied"))
    #expect(grid.text.contains("audit.read"))
    // Refused once per visit: the denial is audited, not repeated at every refresh.
    let audit = AuditService(governance: setup.engine.governance)
    let denials = try audit.entries(deniedReads(), as: "audrey").count
    F.settle(app)
    #expect(try audit.entries(deniedReads(), as: "audrey").count == denials)
  }

  @Test func anEditedEntryShowsInTheHeaderAndOnTheAuditScreen() throws {
    let setup = try F.setup()
    // A row edited behind the engine's back.
    try setup.engine.governance.store.writer.write { db in
      try db.execute(sql: "UPDATE audit_entry SET principal = 'eve' WHERE seq = 3")
    }
    let app = F.app(setup.engine, as: "audrey")
    _ = app.handle(.character("5"))
    F.settle(app)
    let check = try #require(app.governance.verification?.value)
    #expect(!check.isValid)
    #expect(check.firstBadEntry == 3)
    let grid = try F.frame(app, setup)
    #expect(grid.line(0).contains("audit ✗ entry 3 edited"))
    #expect(grid.text.contains("✗ entry 3 no longer matches its leaf hash"))
    _ = app.handle(.character("G"))  // the oldest entry, 0
    for _ in 0..<3 { _ = app.handle(.character("k")) }
    F.settle(app)
    let entry = try F.frame(app, setup).text
    #expect(entry.contains("Entry 3"))
    #expect(entry.contains("DOES NOT MATCH"))
  }

  func deniedReads() -> AuditFilter {
    var f = AuditFilter()
    f.principal = "alice"
    f.outcome = .denied
    f.limit = 1000
    return f
  }

  @Test func headerShowsPendingApprovalsAndTheAuditState() throws {
    let setup = try F.setup()
    let mike = F.app(setup.engine, as: "mike")
    F.settle(mike)
    let top = try F.frame(mike, setup).line(0)
    #expect(top.contains("approvals 1 pending"))
    #expect(!top.contains("audit"))  // mlops may not read the audit log

    let audrey = F.app(setup.engine, as: "audrey")
    F.settle(audrey)
    let line = try F.frame(audrey, setup).line(0)
    let count = try #require(audrey.governance.verification?.value).entries
    #expect(line.contains("audit ✓ \(count) entries"))
    #expect(!line.contains("approvals"))  // an auditor may not read the registry
    let narrow = try F.frame(audrey, setup, width: 80, height: 24).line(0)
    #expect(narrow.contains("audit ✓"))
  }

  @Test func auditFilterText() {
    let q = try? AuditQuery.parse("principal:dana action:job. outcome:denied").get()
    #expect(q == AuditQuery(principal: "dana", action: "job.", outcome: .denied))
    #expect(q?.text == "principal:dana action:job. outcome:denied")
    #expect(
      (try? AuditQuery.parse("p:sam promotion.").get())
        == AuditQuery(principal: "sam", action: "promotion."))
    if case .failure(let e) = AuditQuery.parse("when:now") {
      #expect(e.message.contains("unknown filter"))
    } else {
      Issue.record("when: should be refused")
    }
  }
}
