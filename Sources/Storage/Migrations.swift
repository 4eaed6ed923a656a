import Foundation
import GRDB

/// Every table of the workspace database, in named migrations applied in order. Migrations are
/// append-only: a released one is never edited, a change is a new migration.
enum Migrations {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1-audit") { db in
      // The tamper-evident log: one row per leaf of an RFC 9162-style Merkle tree.
      try db.create(table: "audit_entry") { t in
        t.primaryKey("seq", .integer)  // leaf index, from 0
        t.column("time_ms", .integer).notNull()
        t.column("principal", .text).notNull()
        t.column("action", .text).notNull()
        t.column("target", .text).notNull()
        t.column("outcome", .text).notNull()
        t.column("details", .text).notNull()  // canonical JSON object
        t.column("leaf_hash", .blob).notNull()  // SHA-256(0x00 ‖ canonical entry)
      }
      try db.create(index: "audit_entry_principal", on: "audit_entry", columns: ["principal"])
      try db.create(index: "audit_entry_action", on: "audit_entry", columns: ["action"])
      // Signed tree heads, at least one per committed batch.
      try db.create(table: "tree_head") { t in
        t.primaryKey("tree_size", .integer)
        t.column("root_hash", .blob).notNull()
        t.column("time_ms", .integer).notNull()
        t.column("signature", .blob).notNull()  // Ed25519
        t.column("key_id", .text).notNull()  // hex SHA-256 of the public key, first 16 chars
        // The tree's right edge at this size (height byte + 32-byte hash per perfect subtree),
        // so a process opening the log continues it without rereading every leaf. Never
        // trusted by verification, which recomputes everything from the rows.
        t.column("frontier", .blob).notNull().defaults(to: Data())
      }
    }
    m.registerMigration("v1-workspace") { db in
      // The access and policy files as last applied (content hash), so edits behind the
      // engine's back are detected.
      try db.create(table: "applied_config") { t in
        t.primaryKey("kind", .text)  // "access" | "policy"
        t.column("sha256", .text).notNull()
        t.column("content", .text).notNull()
        t.column("applied_at_ms", .integer).notNull()
        t.column("applied_by", .text).notNull()
      }
      try db.create(table: "quota") { t in
        t.primaryKey("scope", .text)  // "total" or "principal:NAME"
        t.column("max_jobs", .integer).notNull()
        t.column("set_by", .text).notNull()
        t.column("set_at_ms", .integer).notNull()
      }
    }
    m.registerMigration("v1-jobs") { db in
      try db.create(table: "job") { t in
        t.primaryKey("id", .text)
        t.column("name", .text).notNull()
        t.column("owner", .text).notNull()
        t.column("spec", .text).notNull()  // JSON JobSpec
        t.column("status", .text).notNull()
        t.column("submitted_at_ms", .integer).notNull()
        t.column("finished_at_ms", .integer)
        t.column("steps", .integer).notNull().defaults(to: 0)
        t.column("episodes", .integer).notNull().defaults(to: 0)
        t.column("summary", .text)  // JSON JobSummary (last published)
        t.column("evaluation", .text)  // JSON EvaluationReport
        t.column("quarantined", .boolean).notNull().defaults(to: false)
        t.column("error", .text)
      }
      // A downsampled history of each job's metrics (one row per published point).
      try db.create(table: "job_metric") { t in
        t.column("job", .text).notNull().references("job", onDelete: .cascade)
        t.column("name", .text).notNull()
        t.column("step", .integer).notNull()
        t.column("value", .double).notNull()
        t.primaryKey(["job", "name", "step"], onConflict: .replace)
      }
      // Commands for live jobs from processes that do not run the engine.
      try db.create(table: "command") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("queued_at_ms", .integer).notNull()
        t.column("principal", .text).notNull()
        t.column("kind", .text).notNull()
        t.column("job", .text).notNull()
        t.column("arguments", .text).notNull()  // JSON object
        t.column("status", .text).notNull()  // queued | executed | failed
        t.column("result", .text)
        t.column("executed_at_ms", .integer)
      }
      try db.create(index: "command_status", on: "command", columns: ["status"])
    }
    m.registerMigration("v1-registry") { db in
      try db.create(table: "model") { t in
        t.primaryKey("name", .text)
        t.column("created_at_ms", .integer).notNull()
        t.column("created_by", .text).notNull()
      }
      try db.create(table: "model_version") { t in
        t.column("model", .text).notNull().references("model")
        t.column("version", .integer).notNull()
        t.column("status", .text).notNull()  // candidate | archived
        t.column("job", .text)
        t.column("artifact_path", .text).notNull()  // relative to the workspace
        t.column("artifact_sha256", .text).notNull()
        t.column("signature", .blob).notNull()
        t.column("provenance", .text).notNull()  // JSON
        t.column("created_at_ms", .integer).notNull()
        t.column("created_by", .text).notNull()
        t.primaryKey(["model", "version"])
      }
      // Every move of an alias; the current holder is the latest row.
      try db.create(table: "alias_event") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("model", .text).notNull().references("model")
        t.column("alias", .text).notNull()  // staging | production
        t.column("version", .integer)  // null: the alias was cleared
        t.column("time_ms", .integer).notNull()
        t.column("principal", .text).notNull()
        t.column("reason", .text).notNull()
        t.column("request", .integer)
      }
      try db.create(table: "promotion_request") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("model", .text).notNull().references("model")
        t.column("version", .integer).notNull()
        t.column("alias", .text).notNull()
        t.column("requester", .text).notNull()
        t.column("reason", .text).notNull()
        t.column("status", .text).notNull()  // pending | approved | rejected
        t.column("created_at_ms", .integer).notNull()
        t.column("decided_by", .text)
        t.column("decided_at_ms", .integer)
        t.column("decision_reason", .text)
        t.column("review", .text)  // JSON: re-evaluation, gates, signature check
      }
    }
    m.registerMigration("v1-detection") { db in
      // Incidents group the alerts on one job within a window.
      try db.create(table: "incident") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("job", .text)
        t.column("principal", .text)  // for access anomalies
        t.column("status", .text).notNull()  // open | acknowledged | contained | resolved
        t.column("severity", .text).notNull()  // the highest of its alerts
        t.column("owner", .text)
        t.column("opened_at_ms", .integer).notNull()
        t.column("updated_at_ms", .integer).notNull()
        t.column("title", .text).notNull()
      }
      try db.create(table: "incident_note") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("incident", .integer).notNull().references("incident")
        t.column("time_ms", .integer).notNull()
        t.column("principal", .text).notNull()
        t.column("action", .text).notNull()
        t.column("text", .text).notNull()
      }
      try db.create(table: "alert") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("time_ms", .integer).notNull()
        t.column("job", .text)
        t.column("principal", .text)
        t.column("detector", .text).notNull()
        t.column("severity", .text).notNull()
        t.column("technique", .text)
        t.column("summary", .text).notNull()
        t.column("evidence", .text).notNull()  // JSON
        t.column("incident", .integer).references("incident")
      }
      try db.create(index: "alert_job", on: "alert", columns: ["job"])
      // Snoozed or suppressed detectors per job, with a reason and an expiry.
      try db.create(table: "alert_suppression") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("job", .text).notNull()
        t.column("detector", .text).notNull()
        t.column("until_ms", .integer).notNull()
        t.column("principal", .text).notNull()
        t.column("reason", .text).notNull()
      }
    }
    m.registerMigration("v1-data") { db in
      // Datasets and their versions in the landing zone (raw, as ingested) and the processing
      // zone (de-identified). The bytes live encrypted in files; rows hold what describes them.
      try db.create(table: "dataset") { t in
        t.primaryKey("name", .text)
        t.column("classification", .text).notNull()
        t.column("created_at_ms", .integer).notNull()
        t.column("created_by", .text).notNull()
      }
      try db.create(table: "dataset_version") { t in
        t.column("dataset", .text).notNull().references("dataset")
        t.column("version", .integer).notNull()
        t.primaryKey(["dataset", "version"])
        t.column("zone", .text).notNull()  // landing | processing
        t.column("created_at_ms", .integer).notNull()
        t.column("created_by", .text).notNull()
        t.column("file", .text).notNull()  // path of the sealed bytes, relative to the workspace
        t.column("sha256", .text).notNull()  // of the plaintext
        t.column("rows", .integer).notNull()
        t.column("columns", .text).notNull()  // JSON list
        t.column("source", .text)  // landing: the ingested file's name (or "drill")
        t.column("source_version", .integer)  // processing: the landing version it came from
        t.column("transform_sha256", .text)
        t.column("transform", .text)  // JSON: column -> action
        t.column("quasi_identifiers", .text)  // JSON list
        t.column("k_anonymity", .integer)
        t.column("pii", .text)  // JSON: the latest scan's findings
        t.column("vault_file", .text)
        t.column("drift", .text)  // JSON: per-column distances from the previous version
      }
    }
    return m
  }
}
