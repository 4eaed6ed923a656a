import Detection
import Foundation
import Testing

/// The SIEM formats carry their required fields.
@Suite struct AlertFormatTests {
  let alert = Alert(
    id: 42, time: Date(timeIntervalSince1970: 1_800_000_000.25), job: "01JZJOB", principal: nil,
    draft: AlertDraft(
      detector: "transition-integrity", severity: .critical, technique: "AML.T0020",
      summary: "transition at step 9 | tampered = yes",
      evidence: Evidence(window: [1, .nan], threshold: 0, value: 1, step: 9)),
    incident: 7)

  func object(_ line: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func ocsfDetectionFinding() throws {
    let o = try object(AlertFormat.ocsf.line(alert, version: "0.4.0"))
    #expect(o["class_uid"] as? Int == 2004)
    #expect(o["category_uid"] as? Int == 2)
    #expect(o["activity_id"] as? Int == 1)
    #expect(o["type_uid"] as? Int == 200_401)
    #expect(o["severity_id"] as? Int == 5)
    #expect(o["time"] as? Int == 1_800_000_000_250)
    let metadata = try #require(o["metadata"] as? [String: Any])
    #expect(metadata["version"] != nil)
    #expect((metadata["product"] as? [String: Any])?["name"] as? String == "Rampart")
    let finding = try #require(o["finding_info"] as? [String: Any])
    #expect(finding["uid"] as? String == "rampart-alert-42")
    #expect(finding["title"] != nil)
    let attacks = try #require(finding["attacks"] as? [[String: Any]])
    #expect((attacks.first?["technique"] as? [String: Any])?["uid"] as? String == "AML.T0020")
  }

  @Test func elasticCommonSchema() throws {
    let o = try object(AlertFormat.ecs.line(alert, version: "0.4.0"))
    #expect(o["@timestamp"] as? String == "2027-01-15T08:00:00.250Z")
    #expect((o["ecs"] as? [String: Any])?["version"] != nil)
    let event = try #require(o["event"] as? [String: Any])
    #expect(event["kind"] as? String == "alert")
    #expect(event["category"] as? [String] == ["intrusion_detection"])
    #expect(event["severity"] as? Int == 100)
    #expect((o["rule"] as? [String: Any])?["id"] as? String == "transition-integrity")
    #expect(o["message"] as? String == alert.summary)
  }

  @Test func commonEventFormatEscapes() {
    let line = AlertFormat.cef.line(alert, version: "0.4.0")
    #expect(line.hasPrefix("CEF:0|Rampart|Rampart|0.4.0|transition-integrity|"))
    #expect(line.contains("transition at step 9 \\| tampered = yes|10|"))
    #expect(line.contains("msg=transition at step 9 | tampered \\= yes"))
    #expect(line.contains("rt=1800000000250"))
    #expect(line.contains("cs2=AML.T0020"))
  }
}
