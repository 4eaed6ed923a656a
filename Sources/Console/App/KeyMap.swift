/// Every key binding the console understands, in one place: the help overlay is generated from
/// this list, and `ConsoleApp` dispatches the same keys.
public enum KeyMap {
  public struct Binding: Hashable, Sendable {
    public var keys: String
    public var action: String
  }

  public struct Section: Hashable, Sendable {
    public var title: String
    public var bindings: [Binding]
  }

  public static let sections: [Section] = [
    Section(
      title: "Everywhere",
      bindings: [
        .init(keys: "1 2", action: "switch screen: Overview, Job detail"),
        .init(keys: "? F1", action: "this help"),
        .init(keys: ":", action: "command line (:help lists commands)"),
        .init(keys: "Esc", action: "back / close / cancel"),
        .init(keys: "n", action: "new training job"),
        .init(keys: "Ctrl-L", action: "redraw the screen"),
        .init(keys: "q", action: "quit (asks when jobs are running)"),
      ]),
    Section(
      title: "Jobs (Overview and Job detail)",
      bindings: [
        .init(keys: "j k ↑ ↓", action: "move the selection"),
        .init(keys: "PgUp PgDn Home End", action: "move by a page / to the ends"),
        .init(keys: "Enter", action: "open the selected job"),
        .init(keys: "/", action: "filter jobs by name, owner, environment or status"),
        .init(keys: "o O", action: "sort by the next column / reverse the order"),
        .init(keys: "p", action: "pause or resume the selected job"),
        .init(keys: "s", action: "stop the selected job (asks first)"),
      ]),
    Section(
      title: "Commands",
      bindings: [
        .init(keys: ":theme NAME", action: "switch theme (:theme lists them)"),
        .init(
          keys: ":pause :resume :stop [ID]", action: "control a job (default: the selected one)"),
        .init(keys: ":job ID", action: "open a job by id or id suffix"),
        .init(keys: ":new", action: "new training job"),
        .init(keys: ":sort COLUMN [asc|desc]", action: "sort the jobs table"),
        .init(keys: ":filter TEXT", action: "filter the jobs table (empty clears)"),
        .init(keys: ":as NAME", action: "act as a demo principal (demo workspaces only)"),
        .init(keys: ":q :quit", action: "quit"),
      ]),
    Section(
      title: "Mouse (with --mouse)",
      bindings: [
        .init(keys: "click", action: "select a row or a tab"),
        .init(keys: "wheel", action: "move the selection"),
      ]),
  ]
}
