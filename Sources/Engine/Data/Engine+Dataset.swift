import DataPipeline
import Foundation
import Learning

extension Engine {
  /// Fixes a job's dataset to one processed version, read as the submitting principal (so the
  /// policy's classification rules and the audit log see the read), and turns it into the
  /// capacity environment's demand trace.
  func resolveDataset(_ spec: inout JobSpec, as principal: Principal) throws(EngineError) {
    guard var reference = spec.dataset else { return }
    guard spec.environment == .capacity else {
      throw .invalidSpec(
        "only the capacity environment reads a dataset (its demand trace); \(spec.environment.rawValue) has none"
      )
    }
    let data = DataService(governance: governance, detection: configuration.detection)
    let (version, table) = try data.read(reference.name, version: reference.version, as: principal)
    let classification = try engineCall {
      try governance.store.writer.read {
        try DatasetStore.classification(of: reference.name, in: $0)
      }
    }
    reference.version = version.version
    reference.sha256 = version.sha256
    reference.classification = classification?.rawValue
    spec.dataset = reference
    spec.demandTrace = try Self.demandTrace(table, label: version.label)
  }

  /// The columns whose every cell is a number (other than an `hour` column) are services; each
  /// row is one hour.
  static func demandTrace(_ table: DataTable, label: String) throws(EngineError) -> DemandTrace {
    var services: [String] = []
    var columns: [[Double]] = []
    for (c, name) in table.columns.enumerated() where name.lowercased() != "hour" {
      let values = table.cells[c].compactMap { Double($0) }
      if values.count == table.rowCount, values.allSatisfy({ $0 >= 0 && $0.isFinite }) {
        services.append(name)
        columns.append(values)
      }
    }
    guard !services.isEmpty, table.rowCount >= 24 else {
      throw .invalidSpec(
        "\(label) is not a demand trace: it needs at least one all-numeric, non-negative column and 24 rows (hours)"
      )
    }
    var demand: [Double] = []
    demand.reserveCapacity(table.rowCount * services.count)
    for r in 0..<table.rowCount { for c in columns.indices { demand.append(columns[c][r]) } }
    return DemandTrace(services: services, demand: demand)
  }
}
