/// The new-job form drawn as a modal panel with the `Form` widget.
struct JobFormView {
  let form: JobForm

  func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    let kinds: [FormField.Kind] = [
      .choice(JobForm.environments.map(\.rawValue)), .choice(JobForm.algorithms.map(\.rawValue)),
      .number,
      .number, .choice(JobForm.monitors.map(\.rawValue)),
    ]
    let fields = zip(zip(JobForm.labels, form.values), kinds).map { pair, kind in
      FormField(pair.0, value: pair.1, kind: kind)
    }
    let widget = Form(
      title: "New training job", fields: fields, focused: form.focus, error: form.error)
    let size = widget.preferredSize(glyphs: context.glyphs)
    widget.render(
      into: &grid, area: area.centered(width: max(size.width, 56), height: size.height),
      context: context)
  }
}
