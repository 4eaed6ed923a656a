import Detection
import Foundation
import Governance

/// Access anomalies read from the audit log: a burst of denials of one principal (an insider
/// probing what it may do, a stolen credential), and a burst of raw-data reads of the landing
/// zone by one principal (exfiltration by someone allowed to read). Windows are measured on the
/// entries' own times, so what happened in another process counts the same. Cannot see a
/// patient insider who stays under the thresholds, nor reads that bypass the Engine.
struct AccessWatch {
  private(set) var last: Int64
  private var denied: [String: [Double]] = [:]
  private var deniedAlerted: [String: Double] = [:]
  private var raw: [String: [Double]] = [:]
  private var rawAlerted: [String: Double] = [:]

  init(after: Int64) { last = after }

  /// The alerts (with the principal each concerns) that the entries after `last` call for.
  mutating func poll(_ log: AuditLog, settings: DetectionSettings) -> [(AlertDraft, String)] {
    var filter = AuditFilter()
    filter.after = last
    filter.order = .oldestFirst
    filter.limit = 5_000
    guard let entries = try? log.entries(filter: filter) else { return [] }
    var out: [(AlertDraft, String)] = []
    let window = settings.deniedWindowSeconds
    for e in entries {
      last = max(last, e.sequence)
      guard e.principal != Principal.system.name else { continue }
      let t = Double(e.timeMs) / 1000
      if e.outcome == .denied {
        let times = Self.burst(&denied[e.principal, default: []], at: t, window: window)
        if times.count >= settings.deniedBurst,
          deniedAlerted[e.principal].map({ t - $0 > window }) ?? true
        {
          deniedAlerted[e.principal] = t
          out.append(
            (
              AlertDraft(
                detector: "access-anomaly", severity: .medium, technique: nil,
                summary:
                  "\(e.principal) was denied \(times.count) times within \(Int(window)) s (last: \(e.action))",
                evidence: Evidence(
                  window: Self.counts(times), threshold: Double(settings.deniedBurst),
                  value: Double(times.count), step: 0,
                  details: [
                    "seconds": String(format: "%.1f", times[times.count - 1] - times[0]),
                    "last_action": e.action, "last_reason": e.details["reason"] ?? "",
                    "last_target": e.target, "audit_entry": String(e.sequence),
                  ])), e.principal
            ))
        }
      } else if e.action == Permission.dataRawRead.rawValue, e.outcome == .allowed {
        let times = Self.burst(&raw[e.principal, default: []], at: t, window: window)
        if times.count >= settings.rawReadBurst,
          rawAlerted[e.principal].map({ t - $0 > window }) ?? true
        {
          rawAlerted[e.principal] = t
          out.append(
            (
              AlertDraft(
                detector: "access-anomaly", severity: .medium, technique: "AML.T0025",
                summary:
                  "\(e.principal) read raw (identifying) data \(times.count) times within \(Int(window)) s (last: \(e.target))",
                evidence: Evidence(
                  window: Self.counts(times), threshold: Double(settings.rawReadBurst),
                  value: Double(times.count), step: 0,
                  details: [
                    "seconds": String(format: "%.1f", times[times.count - 1] - times[0]),
                    "last_target": e.target, "audit_entry": String(e.sequence), "kind": "raw-read",
                  ])), e.principal
            ))
        }
      }
    }
    return out
  }

  /// The evidence window of a burst: how many events had happened by each one (1, 2, … n), in
  /// the same unit as the threshold it crossed; the burst's span goes in the details.
  private static func counts(_ times: [Double]) -> [Double] {
    times.indices.map { Double($0 + 1) }
  }

  /// Appends `t` and keeps only the times within `window` of it.
  private static func burst(_ times: inout [Double], at t: Double, window: Double) -> [Double] {
    times.append(t)
    times.removeAll { t - $0 > window }
    return times
  }
}
