import Foundation
import Testing

@testable import Governance

/// A real workspace folder: key files, applied files, refusals that name the fix.
@Suite struct WorkspaceTests {
  func fresh() throws -> (Governance, URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ws-\(UUID().uuidString)")
    return (try Governance.initialize(at: root, creator: "ada"), root)
  }

  @Test func keysAreOwnerOnlyAndRefusedWhenOthersCanRead() throws {
    let (_, root) = try fresh()
    defer { try? FileManager.default.removeItem(at: root) }
    let key = root.appendingPathComponent("keys/signing.key").path
    let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
    #expect {
      try Workspace.open(at: root)
    } throws: { error in
      guard let e = error as? WorkspaceError, case .insecureKey = e else { return false }
      return e.description.contains("signing.key")
    }
  }

  @Test func anAccessFileEditedSinceItWasAppliedIsRefusedNamingTheFix() throws {
    let (g, root) = try fresh()
    defer { try? FileManager.default.removeItem(at: root) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: g.workspace.accessPath))
    handle.seekToEndOfFile()
    handle.write(Data("\n[principals.eve]\nroles = [\"admin\"]\n".utf8))
    try handle.close()
    let ws = try Workspace.open(at: root)
    #expect {
      try Governance.open(workspace: ws)
    } throws: { error in
      "\(error)".contains("rampart access apply")
    }
    // Until it is applied, the edit grants nothing.
    let opened = try Governance.open(workspace: ws, requireUnchanged: false)
    #expect(opened.roles(of: "eve").isEmpty)
    try opened.apply(.access, by: "ada")
    #expect(try Governance.open(workspace: ws).roles(of: "eve") == ["admin"])
  }

  @Test func aMalformedFileIsRefusedWithFileAndLineAndTheAppliedOneStays() throws {
    let (g, root) = try fresh()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = g.appliedHashes
    try Data("[principals.ada]\nroles = [\"admin\", \"wizard\"]\n".utf8)
      .write(to: URL(fileURLWithPath: g.workspace.accessPath))
    #expect {
      try g.apply(.access, by: "ada")
    } throws: { error in
      "\(error)".contains("access.toml:2")
    }
    #expect(g.appliedHashes == before)
    #expect(g.roles(of: "ada").contains("admin"))
    try Data("[[rule]]\nid = \"x\"\non = [\"job.submit\"\n".utf8)
      .write(to: URL(fileURLWithPath: g.workspace.policyPath))
    #expect {
      try g.apply(.policy, by: "ada")
    } throws: { error in
      "\(error)".contains("policy.toml:")
    }
    #expect(g.appliedHashes == before)
  }

  @Test func applyingIsForAdminsAndIsAudited() throws {
    let (g, root) = try fresh()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: GovernanceError.self) { try g.apply(.policy, by: "mallory") }
    let hash = try g.apply(.policy, by: "ada")
    let entries = try g.audit.tail(10)
    #expect(entries.contains { $0.action == "policy.apply" && $0.details["sha256"] == hash })
    #expect(
      entries.contains {
        $0.action == "policy.apply" && $0.principal == "mallory" && $0.outcome == .denied
      })
    #expect(try g.audit.verify().isValid)
  }
}
