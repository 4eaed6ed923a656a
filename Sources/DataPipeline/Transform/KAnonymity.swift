/// k-anonymity over quasi-identifier columns: the size of the smallest group of rows that share
/// the same quasi-identifier values. A row alone in its group (k = 1) can be singled out by anyone
/// who knows those attributes of a person.
public struct KAnonymity: Sendable, Hashable, Codable {
  public var columns: [String]
  /// nil when there are no rows or no quasi-identifiers (nothing to measure).
  public var k: Int?
  public var groups: Int
  /// Rows in groups smaller than `threshold` (when one was given).
  public var rowsBelowThreshold: Int

  public static func measure(_ table: DataTable, columns: [String], threshold: Int = 0)
    -> KAnonymity
  {
    let indices = columns.compactMap(table.index(of:))
    guard !indices.isEmpty, table.rowCount > 0 else {
      return KAnonymity(columns: columns, k: nil, groups: 0, rowsBelowThreshold: 0)
    }
    var sizes: [String: Int] = [:]
    if indices.count == 1 {
      for cell in table.cells[indices[0]] { sizes[cell, default: 0] += 1 }
    } else {
      for r in 0..<table.rowCount {
        var key = ""
        for c in indices {
          key += table.cells[c][r]
          key += "\u{1F}"  // unit separator: cannot be confused with text in the cells
        }
        sizes[key, default: 0] += 1
      }
    }
    let k = sizes.values.min()
    let below = threshold > 0 ? sizes.values.filter { $0 < threshold }.reduce(0, +) : 0
    return KAnonymity(columns: columns, k: k, groups: sizes.count, rowsBelowThreshold: below)
  }
}
