extension AccessDocument {
  /// The access file a new workspace starts with: `owner` (the user who created it) holds
  /// admin and data-scientist; commented examples show a principal for every standard role.
  ///
  /// `owner` should be a valid principal name other than `system`; the text is produced
  /// regardless, and parsing it refuses a bad name with its line.
  public static func defaultText(owner: String) -> String {
    let key = GovernanceFile.tomlKey(owner)
    return """
      # Rampart access file: who holds which roles.
      #
      # Each [principals.NAME] gives a principal (an OS user, a service account, a demo persona)
      # a list of roles defined in the policy file. A principal holds every permission of every
      # role it has; a principal not listed here holds none. Names are letters, digits and
      # . _ - @ (1-64 characters); quote a name that holds . or @, as in
      # [principals."dana.ito@corp"]. The name "system" is reserved for the platform itself.
      #
      #   roles        role names from the policy file (rampart policy check lists them)
      #   kind         "human" (the default) or "service"
      #   description  optional, for people reading this file
      #
      # Edits take effect through `rampart access apply` (audited, with the file's SHA-256);
      # an unapplied edit is refused. Keep requesting and approving promotions in different
      # hands: nobody approves their own request.

      # The user who created this workspace.
      [principals.\(key)]
      roles = ["admin", "data-scientist"]
      kind = "human"
      description = "workspace owner"

      # Examples, one per standard role; remove the "# " to use them.
      #
      \(examples(avoiding: owner))

      """
  }

  /// Commented example principals, one per standard role and a service account; none of them
  /// takes the owner's name, so uncommenting them never defines the owner twice.
  private static func examples(avoiding owner: String) -> String {
    let examples: [(name: String, role: String, kind: String?, summary: String)] = [
      (
        "dana", "data-scientist", nil,
        "trains and submits jobs on de-identified data, requests promotion"
      ),
      ("omar", "mlops", nil, "reviews and approves or rejects promotion requests"),
      ("devi", "devops", nil, "runs workers and quotas; no model weights, no data"),
      ("sam", "soc-analyst", nil, "triages alerts, runs incidents and drills, quarantines jobs"),
      ("audrey", "auditor", nil, "reads, verifies and exports the audit log"),
      ("stella", "data-steward", nil, "ingests and processes raw data, re-identifies tokens"),
      ("ada", "admin", nil, "applies access and policy files"),
      ("ci-runner", "data-scientist", "service", "submits nightly training jobs"),
    ]
    var blocks: [String] = []
    for example in examples {
      let name = example.name == owner ? "\(example.name)-example" : example.name
      var lines = ["# [principals.\(name)]", "# roles = [\"\(example.role)\"]"]
      if let kind = example.kind { lines.append("# kind = \"\(kind)\"") }
      lines.append("# description = \"\(example.summary)\"")
      blocks.append(lines.joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n#\n")
  }
}
