import Engine
import Foundation
import Governance

/// Screen 3: pending promotion requests; for the selected one the engine's re-evaluation beside
/// the version the alias holds now, the gates, the artifact's integrity and the provenance.
struct ApprovalsScreen {
  let data: GovernanceData
  let selected: Int64?
  let principal: Principal
  let now: Date
  let calendar: Calendar
  let context: RenderContext

  static let columns: [TableColumn] = [
    TableColumn("ID", width: .fixed(4), alignment: .right),
    TableColumn("MODEL", width: .bounded(min: 12, max: 32)),
    TableColumn("VER", width: .fixed(4), alignment: .right),
    TableColumn("ALIAS", width: .fixed(10)),
    TableColumn("REQUESTER", width: .fixed(10)),
    TableColumn("REASON", width: .flexible(min: 16)),
    TableColumn("AGE", width: .fixed(6), alignment: .right),
  ]

  func row(_ r: PromotionRequest) -> TableRow {
    TableRow(
      [
        "\(r.id)", r.model, "v\(r.version)", r.alias, r.requester, r.reason,
        Format.duration(seconds: max(0, now.timeIntervalSince(r.createdAt))),
      ], tone: r.requester == principal.name ? .muted : .normal)
  }

  func render(into grid: inout Grid, area: Rect) {
    let requests: [PromotionRequest]
    switch data.requests {
    case .pending:
      let inner = Box(title: "Promotion requests", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Promotion requests", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "approvals", into: &grid, area: inner, context: context)
      return
    case .value(let r):
      requests = r
    }
    let tableHeight = min(max(requests.count + 3, 5), max(area.height * 35 / 100, 5))
    let (top, lower) = area.splitTop(tableHeight)
    let inner = Box(title: "Promotion requests · \(requests.count) pending", focused: true).render(
      into: &grid, area: top, context: context)
    let index = requests.firstIndex { $0.id == selected }
    Table(
      columns: Self.columns, rows: requests.map(row), selected: index,
      emptyText: "No pending promotion requests"
    ).render(into: &grid, area: inner, context: context)
    guard let index, lower.height >= 4 else { return }
    let request = requests[index]
    let panels = lower.columns([3, 2])
    renderReview(request, into: &grid, area: panels[0])
    renderProvenance(request, into: &grid, area: panels[1])
  }

  // MARK: Review

  private func renderReview(_ request: PromotionRequest, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Review · \(request.model) v\(request.version) → \(request.alias)")
      .render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    // On a short terminal the table above already says who asked and why.
    let roomy = inner.height >= 16
    var lines: [StyledLine] =
      roomy
      ? [
        [
          Span("requested by ", style: theme.muted), Span(request.requester, style: theme.text),
          Span(" · ", style: theme.muted), Span(request.reason, style: theme.text),
        ]
      ] : []
    if request.requester == principal.name {
      lines.append([
        Span(
          "you filed this request: separation of duties bars you from approving or rejecting it",
          style: theme.warn)
      ])
    }
    if roomy { lines.append([]) }
    switch data.reviews[request.id] {
    case nil:
      if let stored = request.review {
        lines.append([
          Span(
            "last review, at an approval attempt \(GovernanceFormat.dateTime(stored.reviewedAt, calendar))"
              + " (e re-evaluates):", style: theme.muted)
        ])
        lines += reviewLines(stored, request, width: inner.width)
      } else {
        lines.append([
          Span("not evaluated yet: ", style: theme.muted),
          Span("e", style: theme.highlight),
          Span(" or ", style: theme.muted), Span("Enter", style: theme.highlight),
          Span(
            " re-evaluates the candidate on held-out seeds, monitor on and off",
            style: theme.muted),
        ])
      }
    case .pending:
      lines.append([
        Span("evaluating… ", style: theme.warn.with(.bold)),
        Span("(episodes on held-out seeds, monitor on and off)", style: theme.muted),
      ])
    case .failed(let message):
      lines += GovernanceFormat.wrap("review: \(message)", width: inner.width).map {
        [Span($0, style: theme.danger)]
      }
    case .value(let review):
      lines += reviewLines(review, request, width: inner.width)
    }
    ScrollingList(lines: lines).render(into: &grid, area: inner, context: context)
  }

  private func reviewLines(_ review: PromotionReview, _ request: PromotionRequest, width: Int)
    -> [StyledLine]
  {
    let theme = context.theme
    let label = 11
    let cell = min(max((width - label - 1) / 4, 7), 11)
    func fit(_ s: String, _ style: Style? = nil) -> Span {
      Span(Text.fit(s, width: cell, alignment: .right, glyphs: context.glyphs), style: style)
    }
    let (on, off) = cell >= 10 ? ("monitor", "no monitor") : ("mon on", "mon off")
    let current = review.currentVersion.map { "v\($0)" } ?? "none"
    var lines: [StyledLine] = [
      [
        Span(String(repeating: " ", count: label)),
        Span(
          Text.fit("candidate v\(request.version)", width: cell * 2, alignment: .center),
          style: theme.title),
        Span(
          Text.fit("\(request.alias): \(current)", width: cell * 2, alignment: .center),
          style: theme.title),
      ],
      [
        Span(String(repeating: " ", count: label)), fit(on, theme.muted), fit(off, theme.muted),
        fit(on, theme.muted), fit(off, theme.muted),
      ],
    ]
    let figures: [EvaluationFigures?] = [
      review.candidateMonitored, review.candidateUnmonitored, review.currentMonitored,
      review.currentUnmonitored,
    ]
    let rows: [(String, (EvaluationFigures) -> String, (EvaluationFigures) -> Style?)] = [
      ("return", { GovernanceFormat.figure($0.meanReturn) }, { _ in nil }),
      ("std dev", { GovernanceFormat.figure($0.standardDeviation) }, { _ in theme.muted }),
      (
        "violations", { "\($0.safetyViolations)" },
        { $0.safetyViolations > 0 ? theme.danger : theme.ok }
      ),
      ("vetoes", { "\($0.vetoes)" }, { _ in nil }),
      ("episodes", { "\($0.episodes)" }, { _ in theme.muted }),
    ]
    for (name, value, style) in rows {
      var line: StyledLine = [
        Span(Text.fit(name, width: label, glyphs: context.glyphs), style: theme.muted)
      ]
      for f in figures {
        // "—": no version holds the alias; "n/a": never evaluated (its artifact failed the check).
        switch f {
        case nil: line.append(fit("—", theme.muted))
        case let f? where f.episodes == 0: line.append(fit("n/a", theme.muted))
        case let f?: line.append(fit(value(f), style(f)))
        }
      }
      lines.append(line)
    }
    lines.append([])
    let integrityOK = review.integrity.hasPrefix("verified")
    lines.append([
      Span(Text.fit("integrity", width: label), style: theme.muted),
      Span(integrityOK ? "✓ " : "✗ ", style: integrityOK ? theme.ok : theme.danger),
      Span(review.integrity, style: integrityOK ? theme.text : theme.danger),
    ])
    if let gate = review.gateDecision {
      let rules = gate.deniedBy.isEmpty ? "no rule denies" : gate.deniedBy.joined(separator: ", ")
      lines.append([
        Span(Text.fit("gates", width: label), style: theme.muted),
        Span(
          gate.allowed ? "✓ pass" : "✗ fail", style: gate.allowed ? theme.ok : theme.danger),
        Span(" · rules: \(rules)", style: theme.text),
        Span(
          gate.grantedBy.isEmpty ? "" : " · granted by \(gate.grantedBy.joined(separator: ", "))",
          style: theme.muted),
      ])
      if !gate.allowed {
        let indent = String(repeating: " ", count: label)
        lines += GovernanceFormat.wrap(gate.message, width: max(width - label - 1, 10)).map {
          [Span(indent), Span($0, style: theme.danger)]
        }
      }
    } else {
      lines.append([
        Span(Text.fit("gates", width: label), style: theme.muted),
        Span("not decided (e evaluates them for you)", style: theme.muted),
      ])
    }
    return lines
  }

  // MARK: Provenance

  private func renderProvenance(_ request: PromotionRequest, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Provenance · integrity").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    guard let v = data.requestVersion, v.model == request.model, v.version == request.version
    else {
      grid.write(
        "no provenance for \(request.model) v\(request.version)", x: inner.x, y: inner.y,
        style: theme.muted, maxWidth: inner.width)
      return
    }
    let p = v.provenance
    let integrity: (String, Style) =
      switch data.reviews[request.id] {
      case .value(let r):
        (r.integrity, r.integrity.hasPrefix("verified") ? theme.ok : theme.danger)
      case .pending: ("checking…", theme.muted)
      default: ("checked at review (e)", theme.muted)
      }
    let hyper = p.hyperParameters.keys.sorted().map { "\($0)=\(p.hyperParameters[$0] ?? "")" }
    var items: [(String, String, Style?)] = [
      ("algorithm", p.algorithm, nil),
      ("environment", "\(p.environment) · \(p.environmentVersion)", nil),
      ("seed", "\(p.seed)", nil),
      ("trainer", p.trainer, nil),
      ("job", p.job, nil),
      ("git commit", p.gitCommit, nil),
      ("rampart", p.rampartVersion, nil),
      ("registered", "\(GovernanceFormat.dateTime(v.createdAt, calendar)) by \(v.createdBy)", nil),
      ("status", v.status, nil),
      ("sha256", GovernanceFormat.abbreviate(v.artifactSHA256, 24), nil),
      ("signature", integrity.0, integrity.1),
      (
        "training eval",
        "\(GovernanceFormat.figure(p.evaluation.meanReturn)) over \(p.evaluation.episodes)"
          + " · \(p.evaluation.safetyViolations) violations · \(p.evaluation.vetoes) vetoes",
        nil
      ),
      (
        "monitor",
        "\(p.monitor.mode) · \(p.monitor.vetoes) vetoes of \(p.monitor.decisions) · "
          + "\(p.monitor.violations) violations",
        nil
      ),
    ]
    if let dataset = p.datasetID { items.append(("dataset", dataset, nil)) }
    if !hyper.isEmpty { items.append(("hyper-params", hyper.joined(separator: " "), theme.muted)) }
    ScrollingList(lines: GovernanceFormat.pairs(items, width: 13, context: context)).render(
      into: &grid, area: inner, context: context)
  }
}
