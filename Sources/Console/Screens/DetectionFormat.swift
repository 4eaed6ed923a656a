import Detection
import Engine
import Foundation

/// Formatting shared by the Alerts and Incident screens, the Overview's feed and the header.
enum DetectionFormat {
  /// Critical and high in the theme's danger colour, medium in warn, low and info muted.
  static func style(_ s: Severity, _ theme: Theme) -> Style {
    switch s {
    case .critical, .high: theme.danger
    case .medium: theme.warn
    case .low, .info: theme.muted
    }
  }

  static func tone(_ s: Severity) -> TableRow.Tone {
    switch s {
    case .critical, .high: .danger
    case .medium: .warn
    case .low, .info: .muted
    }
  }

  /// `C` `H` `M` `L` `I`.
  static func letter(_ s: Severity) -> String {
    String(s.rawValue.prefix(1)).uppercased()
  }

  /// A job id as the tables show it (its last 8 characters); other text as it is.
  static func jobText(_ job: String) -> String {
    JobID(job)?.short ?? job
  }

  /// What an alert concerns: the job's short id, or `@principal` for an access anomaly.
  static func subject(_ a: Alert) -> String {
    if let job = a.job { return jobText(job) }
    return a.principal.map { "@\($0)" } ?? "—"
  }

  static func subject(_ i: Incident) -> String {
    if let job = i.job { return "job \(jobText(job))" }
    return i.principal.map { "principal \($0)" } ?? "—"
  }

  /// `C1 H2 M0 L0` (info is counted only when there is some), each letter in its colour when
  /// the count is not zero; `short`: only the levels with alerts (`C1 H2`; nothing for none).
  static func counts(_ c: AlertCounts, _ theme: Theme, short: Bool = false) -> [Span] {
    var spans: [Span] = []
    var levels: [Severity] = [.critical, .high, .medium, .low]
    if c[.info] > 0 { levels.append(.info) }
    if short {
      levels = levels.filter { c[$0] > 0 }
      if levels.isEmpty { return [] }
    }
    for s in levels {
      if !spans.isEmpty { spans.append(Span(" ", style: theme.muted)) }
      let n = c[s]
      spans.append(
        Span("\(letter(s))\(n)", style: n > 0 && s >= .medium ? style(s, theme) : theme.text))
    }
    return spans
  }

  /// `AML.T0020 poison training data` (the name for the techniques the detectors use).
  static func technique(_ t: String?) -> String {
    guard let t else { return "none" }
    let names = ["AML.T0020": "poison training data", "AML.T0043": "craft adversarial data"]
    return names[t].map { "\(t) \($0)" } ?? t
  }

  /// `12,345` with thousands separators.
  static func step(_ n: Int) -> String { ConsoleApp.grouped(Int64(n)) }

  /// A statistic with up to four significant decimals.
  static func value(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "+inf" : "-inf") }
    if v == v.rounded(), abs(v) < 1e9 { return String(format: "%.0f", v) }
    return abs(v) >= 100 ? String(format: "%.1f", v) : String(format: "%.4g", v)
  }

  /// One line of an alert: `08:00:00 CRITICAL transition-integrity 0FR0Z02 summary`.
  static func feedLine(_ a: Alert, calendar: Calendar, theme: Theme) -> StyledLine {
    let time = String(GovernanceFormat.dateTime(a.time, calendar).suffix(8))
    return [
      Span(time, style: theme.muted), Span(" "),
      Span(Text.fit(a.severity.rawValue.uppercased(), width: 8), style: style(a.severity, theme)),
      Span(" "), Span(Text.fit(a.detector, width: 20), style: theme.text), Span(" "),
      Span(Text.fit(subject(a), width: 9), style: theme.highlight), Span(" "),
      Span(a.summary, style: theme.text),
    ]
  }
}
