/// Cell-level precision and recall of `PIIScanner` against labels: for every cell the scanner's
/// kind (at most one) is compared with the set of kinds labelled there.
///
/// - A predicted kind that is labelled on that cell is a true positive of that kind.
/// - A predicted kind that is not labelled there is a false positive of the predicted kind.
/// - A labelled kind that was not predicted is a false negative of the labelled kind (also for
///   labels naming a row or column the table does not have).
///
/// Rows are 1-based data row numbers, as in `PIIFinding.sampleRows`.
public struct PIIEvaluation: Codable, Sendable, Hashable {
  public struct Score: Codable, Sendable, Hashable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
      self.truePositives = truePositives
      self.falsePositives = falsePositives
      self.falseNegatives = falseNegatives
    }

    /// tp / (tp + fp); 1 when nothing was predicted (no false alarms).
    public var precision: Double {
      let predicted = truePositives + falsePositives
      return predicted == 0 ? 1 : Double(truePositives) / Double(predicted)
    }

    /// tp / (tp + fn); 1 when nothing was labelled (nothing missed).
    public var recall: Double {
      let labelled = truePositives + falseNegatives
      return labelled == 0 ? 1 : Double(truePositives) / Double(labelled)
    }

    public var f1: Double {
      let p = precision
      let r = recall
      return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
  }

  /// A cell where the scanner and the labels disagree (row and column only, never the value).
  public struct Mismatch: Codable, Sendable, Hashable {
    public var row: Int
    public var column: String
    /// The labelled kind that was missed, or nil for a false positive.
    public var expected: PIIKind?
    /// The predicted kind that was wrong, or nil for a false negative.
    public var predicted: PIIKind?
  }

  /// Every kind has an entry, zero when it neither occurs nor is predicted.
  public var perKind: [PIIKind: Score]
  public var overall: Score
  /// Ordered by column position, then row.
  public var mismatches: [Mismatch]

  public static func evaluate(
    _ table: DataTable, labels: [(row: Int, column: String, kind: PIIKind)],
    scanner: PIIScanner = PIIScanner()
  ) -> PIIEvaluation {
    struct Cell: Hashable {
      var row: Int
      var column: String
    }
    var expected: [Cell: Set<PIIKind>] = [:]
    for label in labels {
      expected[Cell(row: label.row, column: label.column), default: []].insert(label.kind)
    }
    var perKind = Dictionary(uniqueKeysWithValues: PIIKind.allCases.map { ($0, Score()) })
    var mismatches: [Mismatch] = []
    var seen = Set<Cell>()
    for (c, name) in table.columns.enumerated() {
      let hints = PIIColumnHints(name)
      for (r, value) in table.cells[c].enumerated() {
        let cell = Cell(row: r + 1, column: name)
        let truth = expected[cell] ?? []
        if !truth.isEmpty { seen.insert(cell) }
        var predicted: PIIKind?
        if case .pii(let kind, _) = scanner.verdict(value, hints) { predicted = kind }
        if let kind = predicted {
          if truth.contains(kind) {
            perKind[kind, default: Score()].truePositives += 1
          } else {
            perKind[kind, default: Score()].falsePositives += 1
            mismatches.append(Mismatch(row: r + 1, column: name, expected: nil, predicted: kind))
          }
        }
        for kind in truth.sorted() where kind != predicted {
          perKind[kind, default: Score()].falseNegatives += 1
          mismatches.append(Mismatch(row: r + 1, column: name, expected: kind, predicted: nil))
        }
      }
    }
    // Labels for cells the table does not have are misses too.
    for (cell, kinds) in expected where !seen.contains(cell) {
      for kind in kinds.sorted() {
        perKind[kind, default: Score()].falseNegatives += 1
        mismatches.append(
          Mismatch(row: cell.row, column: cell.column, expected: kind, predicted: nil))
      }
    }
    var overall = Score()
    for score in perKind.values {
      overall.truePositives += score.truePositives
      overall.falsePositives += score.falsePositives
      overall.falseNegatives += score.falseNegatives
    }
    let order = Dictionary(
      table.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    mismatches.sort {
      let a = order[$0.column] ?? Int.max
      let b = order[$1.column] ?? Int.max
      return a != b ? a < b : ($0.row != $1.row ? $0.row < $1.row : $0.column < $1.column)
    }
    return PIIEvaluation(perKind: perKind, overall: overall, mismatches: mismatches)
  }
}
