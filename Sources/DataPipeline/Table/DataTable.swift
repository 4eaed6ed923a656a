/// A parsed dataset: named columns of text cells, stored column by column because every pipeline
/// stage (scan, transform, k-anonymity, drift) walks one column at a time.
public struct DataTable: Sendable, Hashable {
  /// Column names, in file order, unique.
  public var columns: [String]
  /// `cells[c][r]`: row `r` of column `c`. Every column has `rowCount` cells.
  public var cells: [[String]]
  /// The 1-based line of the source file each row starts on (for findings and errors).
  public var lines: [Int]

  public init(columns: [String], cells: [[String]], lines: [Int]? = nil) {
    precondition(cells.count == columns.count, "one cell array per column")
    self.columns = columns
    self.cells = cells
    let rows = cells.first?.count ?? 0
    self.lines = lines ?? Array((0..<rows).map { $0 + 2 })
  }

  public var rowCount: Int { cells.first?.count ?? 0 }

  public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

  /// The named columns only, in this table's order.
  public func selecting(_ names: Set<String>) -> DataTable {
    let keep = columns.indices.filter { names.contains(columns[$0]) }
    return DataTable(columns: keep.map { columns[$0] }, cells: keep.map { cells[$0] }, lines: lines)
  }

  /// Row `r` as a list of cells in column order.
  public func row(_ r: Int) -> [String] { cells.map { $0[r] } }
}
