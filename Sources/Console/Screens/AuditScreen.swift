import Engine
import Foundation
import Governance

/// Screen 5: the audit log, newest first and filtered; its verification status and latest
/// signed head; the selected entry in full and its inclusion proof against that head.
struct AuditScreen {
  let data: GovernanceData
  let selected: Int64?
  let query: AuditQuery
  let principal: Principal
  let calendar: Calendar
  let context: RenderContext

  static let columns: [TableColumn] = [
    TableColumn("SEQ", width: .fixed(6), alignment: .right),
    TableColumn("TIME", width: .fixed(14)),
    TableColumn("PRINCIPAL", width: .fixed(10)),
    TableColumn("ACTION", width: .fixed(18)),
    TableColumn("TARGET", width: .flexible(min: 14)),
    TableColumn("OUTCOME", width: .fixed(8)),
    TableColumn("DETAILS", width: .flexible(min: 24)),
  ]

  /// Without the time column, for terminals narrower than 120 columns.
  static let narrowColumns: [TableColumn] = columns.filter { $0.title != "TIME" }.map {
    $0.title == "DETAILS" ? TableColumn("DETAILS", width: .flexible(min: 12)) : $0
  }

  func row(_ e: AuditRow, narrow: Bool) -> TableRow {
    var tone: TableRow.Tone =
      switch e.outcome {
      case "denied", "failed": .warn
      case "allowed", "ok", "executed": .normal
      default: .muted
      }
    if !e.leafHashValid { tone = .danger }
    var cells = [
      "\(e.sequence)", GovernanceFormat.shortDateTime(e.time, calendar), e.principal, e.action,
      e.target, e.outcome, e.detailText,
    ]
    if narrow { cells.remove(at: 1) }
    return TableRow(cells, tone: tone)
  }

  func render(into grid: inout Grid, area: Rect) {
    let listing: AuditListing
    switch data.audit {
    case .pending:
      let inner = Box(title: "Audit log", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Audit log", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "audit", into: &grid, area: inner, context: context)
      return
    case .value(let l):
      listing = l
    }
    let (status, rest) = area.splitTop(4)
    renderStatus(listing, into: &grid, area: status)
    let tableHeight = max(min(listing.entries.count + 3, rest.height * 55 / 100), 5)
    let (top, lower) = rest.splitTop(tableHeight)
    let shown = listing.entries.count
    let filterText = query.isEmpty ? "" : " · filter \(query.text)"
    let title =
      query.isEmpty
      ? "Entries · newest \(shown) of \(ConsoleApp.grouped(listing.count))"
      : "Entries · \(shown) shown\(filterText)"
    let inner = Box(title: title, focused: true).render(into: &grid, area: top, context: context)
    let index = listing.entries.firstIndex { $0.sequence == selected }
    let narrow = inner.width < 120
    Table(
      columns: narrow ? Self.narrowColumns : Self.columns,
      rows: listing.entries.map { row($0, narrow: narrow) }, selected: index,
      emptyText: query.isEmpty ? "The audit log is empty" : "No entry matches the filter"
    ).render(into: &grid, area: inner, context: context)
    guard let index, lower.height >= 4 else { return }
    let panels = lower.columns([1, 1])
    renderEntry(listing.entries[index], into: &grid, area: panels[0])
    renderProof(listing.entries[index], head: listing.head, into: &grid, area: panels[1])
  }

  private func renderStatus(_ listing: AuditListing, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Verification").render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var first: StyledLine
    switch data.verification {
    case nil:
      first = [Span("not verified yet", style: theme.muted)]
    case .pending:
      first = [Span("verifying… (every leaf and every signed head)", style: theme.warn)]
    case .failed(let message):
      first = [Span("cannot verify: \(message)", style: theme.danger)]
    case .value(let check):
      first =
        check.isValid
        ? [Span("✓ valid", style: theme.ok.with(.bold))]
        : [Span("✗ \(check.message ?? "invalid")", style: theme.danger)]
      first += [
        Span(
          " · \(ConsoleApp.grouped(check.entries)) entries · \(check.heads) signed heads · verified "
            + GovernanceFormat.dateTime(check.verifiedAt, calendar), style: theme.text)
      ]
    }
    first.append(Span("  (v verifies)", style: theme.muted))
    var second: StyledLine = [Span("latest signed head: ", style: theme.muted)]
    if let head = listing.head {
      second += [
        Span("size \(ConsoleApp.grouped(head.treeSize))", style: theme.text),
        Span(" · root ", style: theme.muted),
        Span(GovernanceFormat.abbreviate(head.rootHash, 16), style: theme.text),
        Span(" · \(GovernanceFormat.dateTime(head.time, calendar))", style: theme.text),
        Span(" · key \(head.keyID)", style: theme.muted),
      ]
    } else {
      second.append(Span("none yet", style: theme.muted))
    }
    ScrollingList(lines: [first, second], showsScrollIndicator: false).render(
      into: &grid, area: inner, context: context)
  }

  private func renderEntry(_ e: AuditRow, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Entry \(e.sequence)").render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    let outcomeStyle: Style =
      switch e.outcome {
      case "denied", "failed": theme.warn
      default: theme.text
      }
    var items: [(String, String, Style?)] = [
      ("time", GovernanceFormat.dateTime(e.time, calendar), nil),
      ("principal", e.principal, nil),
      ("action", e.action, nil),
      ("target", e.target, nil),
      ("outcome", e.outcome, outcomeStyle),
      (
        "leaf hash",
        GovernanceFormat.abbreviate(e.leafHash, 24) + (e.leafHashValid ? "" : "  DOES NOT MATCH"),
        e.leafHashValid ? nil : theme.danger
      ),
    ]
    for key in e.details.keys.sorted() {
      items.append(("  \(key)", e.details[key] ?? "", nil))
    }
    ScrollingList(lines: GovernanceFormat.pairs(items, width: 12, context: context)).render(
      into: &grid, area: inner, context: context)
  }

  private func renderProof(_ e: AuditRow, head: AuditHead?, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    // The proof's own tree size: the head may have moved on since it was computed.
    let size = data.proof?.value.map(\.treeSize) ?? head?.treeSize
    let title = size.map { "Inclusion proof · tree size \(ConsoleApp.grouped($0))" }
    let inner = Box(title: title ?? "Inclusion proof").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var lines: [StyledLine]
    switch data.proof {
    case .failed(let message):
      lines = GovernanceFormat.wrap(message, width: inner.width).map {
        [Span($0, style: theme.warn)]
      }
    case nil, .pending:
      lines = [[Span("computing the proof…", style: theme.muted)]]
    case .value(let proof) where proof.leafIndex != e.sequence:
      lines = [[Span("computing the proof…", style: theme.muted)]]
    case .value(let proof):
      let why =
        proof.verifies
        ? " against the signed root"
        : proof.pathVerifies
          ? ": the root differs from the signed head's" : ": the path does not lead to the root"
      lines = [
        [
          proof.verifies
            ? Span("✓ verifies", style: theme.ok.with(.bold))
            : Span("✗ DOES NOT verify", style: theme.danger),
          Span(why, style: proof.verifies ? theme.muted : theme.danger),
        ]
      ]
      let items: [(String, String, Style?)] =
        [
          ("leaf index", "\(proof.leafIndex) of \(ConsoleApp.grouped(proof.treeSize))", nil),
          ("leaf hash", GovernanceFormat.abbreviate(proof.leafHash, 24), nil),
          ("root", GovernanceFormat.abbreviate(proof.rootHash, 24), nil),
          ("path", "\(proof.path.count) hashes, leaf to root", theme.muted),
        ]
        + proof.path.enumerated().map { i, h in
          ("  \(i + 1)", GovernanceFormat.abbreviate(h, 24), nil)
        }
      lines += GovernanceFormat.pairs(items, width: 11, context: context)
    }
    ScrollingList(lines: lines).render(into: &grid, area: inner, context: context)
  }
}
