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
        .init(
          keys: "1 … 8",
          action: "switch screen: Overview, Job, Approvals, Registry, Audit, Alerts, Incident, Data"
        ),
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
      title: "Approvals (screen 3; decisions go through the Engine as you)",
      bindings: [
        .init(keys: "j k ↑ ↓", action: "select a pending promotion request"),
        .init(
          keys: "e Enter", action: "re-evaluate it on held-out seeds, in the background"),
        .init(keys: "a", action: "approve it (asks for a reason)"),
        .init(keys: "r", action: "reject it (asks for a reason)"),
      ]),
    Section(
      title: "Registry (screen 4)",
      bindings: [
        .init(keys: "j k ↑ ↓", action: "select a model: its versions and alias history"),
        .init(keys: "J K", action: "scroll the alias history"),
      ]),
    Section(
      title: "Audit (screen 5)",
      bindings: [
        .init(keys: "j k ↑ ↓ g G", action: "select an entry (newest first): details and proof"),
        .init(keys: "/", action: "filter: principal:NAME action:PREFIX outcome:OUTCOME"),
        .init(keys: "Esc", action: "clear the audit filter, then back"),
        .init(keys: "v", action: "verify the whole log (leaves, heads, signatures)"),
      ]),
    Section(
      title: "Alerts (screen 6; newest first)",
      bindings: [
        .init(keys: "j k ↑ ↓ g G", action: "select an alert: its summary and evidence"),
        .init(keys: "/", action: "filter: severity:LEVEL (and above) job:ID detector:NAME"),
        .init(keys: "", action: "e.g. /severity:high job:0FR0Z02 detector:reward-change"),
        .init(keys: "Esc", action: "clear the alert filter, then back"),
        .init(keys: "Enter", action: "open the alert's incident (screen 7)"),
        .init(keys: "a", action: "acknowledge the alert's incident"),
      ]),
    Section(
      title: "Incident (screen 7; actions go through the Engine as you)",
      bindings: [
        .init(keys: "j k ↑ ↓", action: "select one of its alerts: evidence and reward chart"),
        .init(keys: "J K", action: "scroll the timeline"),
        .init(keys: "a", action: "acknowledge"),
        .init(keys: "o", action: "assign to an owner (asks for the name)"),
        .init(keys: "n", action: "add a note"),
        .init(
          keys: "Q", action: "quarantine the job: pause it, block its models (asks for a note)"),
        .init(keys: "L", action: "lift the job's quarantine (asks for a note)"),
        .init(keys: "R", action: "resolve (asks for a note)"),
        .init(keys: "Esc", action: "back to the Alerts"),
      ]),
    Section(
      title: "Data (screen 8; datasets, zones, lineage, PII findings)",
      bindings: [
        .init(keys: "j k ↑ ↓", action: "select a dataset: its versions, lineage and accesses"),
        .init(keys: "J K", action: "select a version: its PII findings and transform"),
        .init(keys: "s", action: "scan the version for PII (landing: data.raw.read; audited)"),
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
        .init(keys: ":approvals :registry :audit :data", action: "open a governance screen"),
        .init(keys: ":audit FILTER", action: "open the audit log filtered"),
        .init(keys: ":alerts [FILTER]", action: "open the alerts (filtered)"),
        .init(keys: ":incident ID", action: "open an incident"),
        .init(keys: ":verify", action: "verify the audit log"),
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
