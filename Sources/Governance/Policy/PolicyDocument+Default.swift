extension PolicyDocument {
  /// The policy a new workspace starts with: the seven standard roles and the rules for job
  /// submission, data reads, promotion and export. Comments explain every section.
  public static let defaultText = """
    # Rampart policy: what each role may do, and what nobody may do.
    #
    # Roles grant permissions. A principal holds every permission of every role the access file
    # gives it. The principal "system" (the platform acting by itself) holds every permission.
    #
    # Rules only deny. A rule that matches a request forbids it even when a role grants the
    # permission, and it binds "system" too. A permission no role grants is denied whatever
    # the rules say. Every decision names the roles that granted it and the rules that denied it.
    #
    # Commands:
    #   rampart policy check             prove separation of duties over the roles below
    #   rampart policy test FILE --request JSON
    #                                    show the decision for one request
    #   rampart policy apply             make an edited file take effect (audited, with the
    #                                    file's SHA-256); an unapplied edit is refused
    #
    # Permissions:
    #   job.read job.submit job.control.own job.control.any job.quarantine quota.manage
    #   model.read model.export promotion.request promotion.approve alias.rollback
    #   audit.read audit.verify audit.export alert.read alert.manage incident.manage drill.run
    #   data.raw.read data.ingest data.process data.processed.read data.reidentify
    #   access.apply policy.apply

    # ---------------------------------------------------------------------------------------
    # Roles: [roles.NAME] with a permissions list and an optional description.
    # ---------------------------------------------------------------------------------------

    # Submits and watches training jobs on de-identified data and asks for promotion; never
    # approves a promotion, never reads raw data.
    [roles.data-scientist]
    permissions = ["job.read", "job.submit", "job.control.own", "model.read", "model.export", "promotion.request", "data.processed.read", "alert.read"]

    # Reviews promotion requests and approves or rejects them; rolls an alias back. Reads models
    # but never trains them or requests their promotion.
    [roles.mlops]
    permissions = ["job.read", "model.read", "model.export", "promotion.approve", "alias.rollback", "alert.read"]

    # Runs the platform: drains jobs, sets quotas. No model weights, no data.
    [roles.devops]
    permissions = ["job.read", "job.control.any", "quota.manage", "alert.read"]

    # Watches for attacks: triages alerts, runs incidents and drills, quarantines jobs, reads
    # the audit log.
    [roles.soc-analyst]
    permissions = ["job.read", "job.quarantine", "alert.read", "alert.manage", "incident.manage", "audit.read", "drill.run"]

    # Reads, verifies and exports the audit log; changes nothing.
    [roles.auditor]
    permissions = ["job.read", "audit.read", "audit.verify", "audit.export"]

    # Owns the data pipeline: the only role that reads the landing zone (raw, identifying data)
    # and maps tokens back to the values they replaced.
    [roles.data-steward]
    permissions = ["job.read", "data.raw.read", "data.ingest", "data.process", "data.processed.read", "data.reidentify"]

    # Applies access and policy files. Holds no operational permission beyond reading.
    [roles.admin]
    permissions = ["job.read", "access.apply", "policy.apply", "audit.read"]

    # ---------------------------------------------------------------------------------------
    # Rules: each [[rule]] has
    #   id           a unique name, quoted in decisions and in the audit log
    #   on           the permissions (actions) the rule applies to
    #   effect       always "deny": rules forbid, roles grant
    #   description  why, shown when the rule denies; {attribute} shows the request's value
    #   [rule.when]  conditions on the request's attributes; all must hold for the rule to
    #                match (a rule without [rule.when] always matches its actions)
    #
    # A condition reads "attribute" = { operator = operand }. Operators:
    #   eq, ne                  a string, number or boolean
    #   in, not_in              a list of strings
    #   lt, le, gt, ge          a number
    #   contains, not_contains  a string, for list attributes such as roles
    #   exists                  true or false
    # A condition on an attribute the request does not carry does not hold (except
    # exists = false), so ne, not_in and not_contains hold only for attributes that are there.
    #
    # Attribute names are dotted strings; quote them. Every request carries principal, roles
    # (the principal's roles) and action. The engine adds:
    #   job.submit           algorithm, environment, monitor, steps, ppo.environments,
    #                        dataset.id, dataset.classification (when the job reads a dataset)
    #   data.processed.read  dataset.id, dataset.classification
    #   data.process         (when a version is published) dataset.id, dataset.classification,
    #                        dataset.quasi_identifiers (how many the transform declares),
    #                        dataset.k_anonymity (over them, when there are any),
    #                        dataset.kept_pii_columns (kept columns in which the PII scan of the
    #                        processed data still finds something), dataset.kept_pii
    #   promotion.approve    environment, evaluation.mean_return and
    #                        evaluation.safety_violations (the re-evaluation on held-out seeds
    #                        with the monitor on), source_job.open_high_alerts,
    #                        source_job.quarantined
    #   model.export         environment, source_job.quarantined
    # Dataset classifications: public, internal, confidential, restricted.
    # ---------------------------------------------------------------------------------------

    # --- Job submission ---

    [[rule]]
    id = "submit.approved-algorithms"
    on = ["job.submit"]
    effect = "deny"
    description = "algorithm {algorithm} is not approved (approved: ppo, q-learning)"
    [rule.when]
    algorithm = { not_in = ["ppo", "q-learning"] }

    [[rule]]
    id = "submit.monitor-required"
    on = ["job.submit"]
    effect = "deny"
    description = "the capacity environment's hard constraints need the monitor (monitor is off)"
    [rule.when]
    environment = { in = ["capacity"] }
    monitor = { eq = "off" }

    [[rule]]
    id = "submit.resource-limits"
    on = ["job.submit"]
    effect = "deny"
    description = "{steps} training steps exceed the limit of 600000000"
    [rule.when]
    steps = { gt = 600_000_000 }

    [[rule]]
    id = "submit.resource-limits.ppo-environments"
    on = ["job.submit"]
    effect = "deny"
    description = "{ppo.environments} vectorised PPO environments exceed the limit of 64"
    [rule.when]
    "ppo.environments" = { gt = 64 }

    # --- Data classification: public, internal, confidential, restricted ---

    # Restricted data is for the data steward's custody only: no job trains on it.
    [[rule]]
    id = "submit.dataset-classification"
    on = ["job.submit"]
    effect = "deny"
    description = "dataset {dataset.id} is restricted; no job may train on restricted data"
    [rule.when]
    "dataset.classification" = { in = ["restricted"] }

    # Nobody reads restricted data from the processing zone, not even a data steward (who
    # works on it in the landing zone) or the platform itself.
    [[rule]]
    id = "data.restricted"
    on = ["data.processed.read"]
    effect = "deny"
    description = "dataset {dataset.id} is restricted; it is not readable from the processing zone"
    [rule.when]
    "dataset.classification" = { in = ["restricted"] }

    # Confidential data may train models, but only a data steward reads it directly.
    [[rule]]
    id = "data.confidential-steward-only"
    on = ["data.processed.read"]
    effect = "deny"
    description = "dataset {dataset.id} is confidential; only a data steward may read it"
    [rule.when]
    "dataset.classification" = { eq = "confidential" }
    roles = { not_contains = "data-steward" }

    # A dataset must carry a classification, and one of the four known ones.
    [[rule]]
    id = "data.classification-required"
    on = ["job.submit", "data.processed.read"]
    effect = "deny"
    description = "dataset {dataset.id} has no classification"
    [rule.when]
    "dataset.id" = { exists = true }
    "dataset.classification" = { exists = false }

    [[rule]]
    id = "data.classification-known"
    on = ["job.submit", "data.processed.read"]
    effect = "deny"
    description = "dataset {dataset.id} has an unknown classification {dataset.classification} (known: public, internal, confidential, restricted)"
    [rule.when]
    "dataset.classification" = { not_in = ["public", "internal", "confidential", "restricted"] }

    # --- Publishing a processed dataset version: the minimum of de-identification ---

    [[rule]]
    id = "publish.no-pii-in-kept-columns"
    on = ["data.process"]
    effect = "deny"
    description = "the PII scan still finds {dataset.kept_pii}; drop, pseudonymise, tokenise or generalise those columns"
    [rule.when]
    "dataset.kept_pii_columns" = { gt = 0 }

    # Without quasi-identifiers k-anonymity cannot be measured, so their absence denies.
    [[rule]]
    id = "publish.quasi-identifiers-required"
    on = ["data.process"]
    effect = "deny"
    description = "the transform declares no quasi_identifiers, so k-anonymity cannot be measured"
    [rule.when]
    "dataset.quasi_identifiers" = { eq = 0 }

    [[rule]]
    id = "publish.k-anonymity"
    on = ["data.process"]
    effect = "deny"
    description = "k-anonymity {dataset.k_anonymity} over the quasi-identifiers is below the minimum of 5; generalise them further"
    [rule.when]
    "dataset.k_anonymity" = { lt = 5 }

    # --- Promotion: the candidate is re-evaluated on held-out seeds when it is approved ---

    # Without a re-evaluation the thresholds below could not hold, so its absence denies.
    [[rule]]
    id = "promote.evaluation-required"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the candidate has no held-out re-evaluation"
    [rule.when]
    "evaluation.mean_return" = { exists = false }

    [[rule]]
    id = "promote.minimum-return.cartpole"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the held-out mean return {evaluation.mean_return} is below cartpole's minimum of 475"
    [rule.when]
    environment = { eq = "cartpole" }
    "evaluation.mean_return" = { lt = 475 }

    [[rule]]
    id = "promote.minimum-return.frozenlake"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the held-out success rate {evaluation.mean_return} is below frozenlake's minimum of 0.70"
    [rule.when]
    environment = { eq = "frozenlake" }
    "evaluation.mean_return" = { lt = 0.70 }

    [[rule]]
    id = "promote.minimum-return.frozenlake8x8"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the held-out success rate {evaluation.mean_return} is below frozenlake8x8's minimum of 0.85"
    [rule.when]
    environment = { eq = "frozenlake8x8" }
    "evaluation.mean_return" = { lt = 0.85 }

    [[rule]]
    id = "promote.minimum-return.capacity"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the held-out mean return {evaluation.mean_return} is below capacity's minimum of 100"
    [rule.when]
    environment = { eq = "capacity" }
    "evaluation.mean_return" = { lt = 100 }

    # An environment without a minimum above cannot be promoted until one is written.
    [[rule]]
    id = "promote.known-environment"
    on = ["promotion.approve"]
    effect = "deny"
    description = "no minimum return is defined for environment {environment}"
    [rule.when]
    environment = { not_in = ["cartpole", "frozenlake", "frozenlake8x8", "capacity"] }

    [[rule]]
    id = "promote.zero-violations"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the monitored re-evaluation had {evaluation.safety_violations} safety violations"
    [rule.when]
    "evaluation.safety_violations" = { gt = 0 }

    [[rule]]
    id = "promote.no-open-high-alert"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the source job has {source_job.open_high_alerts} open high-severity alerts"
    [rule.when]
    "source_job.open_high_alerts" = { gt = 0 }

    [[rule]]
    id = "promote.not-quarantined"
    on = ["promotion.approve"]
    effect = "deny"
    description = "the source job is quarantined"
    [rule.when]
    "source_job.quarantined" = { eq = true }

    # --- Export of decrypted model weights ---

    [[rule]]
    id = "export.not-quarantined"
    on = ["model.export"]
    effect = "deny"
    description = "the model's source job is quarantined; its weights cannot be exported"
    [rule.when]
    "source_job.quarantined" = { eq = true }

    """
}
