/// The new-job form drawn as a modal panel.
struct JobFormView {
  let form: JobForm

  func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    let theme = context.theme
    let panel = area.centered(width: 60, height: 13)
    grid.fill(panel, " ", style: theme.text)
    let inner = Box(title: "New training job", focused: true).render(into: &grid, area: panel, context: context)
    guard inner.height >= 8 else { return }
    for (i, (label, value)) in zip(JobForm.labels, form.values).enumerated() {
      let y = inner.y + 1 + i
      let focused = i == form.focus
      grid.write(Text.fit(label, width: 14), x: inner.x + 1, y: y, style: focused ? theme.highlight : theme.muted)
      let isChoice = i == 0 || i == 1 || i == 4
      let shown = isChoice ? (context.glyphs == .ascii ? "< \(value) >" : "‹ \(value) ›") : value + (focused ? "_" : "")
      grid.write(shown, x: inner.x + 16, y: y, style: focused ? theme.selection : theme.text, maxWidth: inner.width - 17)
    }
    if let error = form.error {
      grid.write(error, x: inner.x + 1, y: inner.y + 7, style: theme.danger, maxWidth: inner.width - 2)
    }
    grid.write(
      "Enter submit · Tab next · ←/→ change · Esc cancel", x: inner.x + 1, y: inner.maxY - 1, style: theme.muted,
      maxWidth: inner.width - 2)
  }
}
