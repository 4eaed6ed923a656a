import Foundation

/// Alerts in the formats a SIEM reads: OCSF Detection Finding (class 2004) and Elastic Common
/// Schema as JSON lines, and ArcSight CEF lines.
public enum AlertFormat: String, Sendable, CaseIterable {
  case ocsf, ecs, cef

  public func line(_ a: Alert, product: String = "Rampart", version: String) -> String {
    switch self {
    case .ocsf: Self.json(Self.ocsf(a, product: product, version: version))
    case .ecs: Self.json(Self.ecs(a, product: product, version: version))
    case .cef: Self.cef(a, product: product, version: version)
    }
  }

  /// OCSF severity_id: 1 informational … 5 critical.
  static func severityID(_ s: Severity) -> Int {
    switch s {
    case .info: 1
    case .low: 2
    case .medium: 3
    case .high: 4
    case .critical: 5
    }
  }

  static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }

  static func ocsf(_ a: Alert, product: String, version: String) -> [String: Any] {
    var finding: [String: Any] = [
      "uid": "rampart-alert-\(a.id)", "title": a.summary, "desc": a.summary,
      "analytic": ["name": a.detector, "type_id": 1, "type": "Rule"],
      "types": [a.detector],
    ]
    if let t = a.technique {
      finding["attacks"] = [["technique": ["uid": t, "name": "MITRE ATLAS \(t)"]]]
    }
    var resources: [[String: Any]] = []
    if let job = a.job { resources.append(["uid": job, "type": "Training Job"]) }
    if let p = a.principal { resources.append(["uid": p, "type": "Principal"]) }
    return [
      "class_uid": 2004, "class_name": "Detection Finding", "category_uid": 2,
      "category_name": "Findings", "activity_id": 1, "activity_name": "Create",
      "type_uid": 200_401, "time": ms(a.time), "severity_id": severityID(a.severity),
      "severity": a.severity.rawValue.capitalized, "status_id": 1, "status": "New",
      "message": a.summary, "finding_info": finding, "resources": resources,
      "metadata": [
        "version": "1.1.0",
        "product": ["name": product, "vendor_name": product, "version": version],
      ],
      "evidences": [
        [
          "data": [
            "threshold": a.evidence.threshold, "value": a.evidence.value,
            "step": a.evidence.step, "window": a.evidence.window,
          ]
        ]
      ],
      "unmapped": ["incident": a.incident as Any, "detector": a.detector],
    ]
  }

  static func ecs(_ a: Alert, product: String, version: String) -> [String: Any] {
    var doc: [String: Any] = [
      "@timestamp": a.time.ecsText, "message": a.summary,
      "ecs": ["version": "8.11.0"],
      "event": [
        "kind": "alert", "category": ["intrusion_detection"], "type": ["info"],
        "id": String(a.id), "severity": severityID(a.severity) * 20,
        "module": "rampart", "dataset": "rampart.alerts", "created": a.time.ecsText,
      ],
      "rule": ["id": a.detector, "name": a.detector, "description": a.summary],
      "observer": ["product": product, "vendor": product, "version": version],
      "labels": [
        "severity": a.severity.rawValue, "job": a.job ?? "",
        "incident": a.incident.map(String.init) ?? "",
      ],
      "rampart": [
        "evidence": [
          "threshold": a.evidence.threshold, "value": a.evidence.value, "step": a.evidence.step,
        ]
      ],
    ]
    if let t = a.technique {
      doc["threat"] = ["framework": "MITRE ATLAS", "technique": ["id": [t]]]
    }
    if let p = a.principal { doc["user"] = ["name": p] }
    return doc
  }

  /// CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension
  static func cef(_ a: Alert, product: String, version: String) -> String {
    let severity: Int =
      switch a.severity {
      case .info: 1
      case .low: 3
      case .medium: 5
      case .high: 8
      case .critical: 10
      }
    var ext = [
      ("rt", String(ms(a.time))), ("externalId", String(a.id)), ("msg", a.summary),
      ("cs1Label", "job"), ("cs1", a.job ?? ""), ("cs2Label", "technique"),
      ("cs2", a.technique ?? ""), ("cn1Label", "step"), ("cn1", String(a.evidence.step)),
    ]
    if let p = a.principal { ext.append(("suser", p)) }
    if let i = a.incident { ext += [("cs3Label", "incident"), ("cs3", String(i))] }
    let header = [
      "CEF:0", header(product), header(product), header(version), header(a.detector),
      header(a.summary), String(severity),
    ].joined(separator: "|")
    return header + "|" + ext.map { "\($0.0)=\(escapeExtension($0.1))" }.joined(separator: " ")
  }

  static func header(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\n", with: " ")
  }

  static func escapeExtension(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "=", with: "\\=")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
  }

  static func json(_ object: [String: Any]) -> String {
    let clean = sanitize(object)
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: clean, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// JSON cannot hold NaN or infinities: they become strings.
  static func sanitize(_ value: Any) -> Any {
    switch value {
    case let d as Double: return d.isFinite ? d : String(d)
    case let a as [Any]: return a.map(sanitize)
    case let o as [String: Any]: return o.mapValues(sanitize)
    case Optional<Any>.none: return NSNull()
    default: return value
    }
  }
}

extension Date {
  var ecsText: String { Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(self) }
}
