/// A column of a `Table`.
public struct TableColumn: Hashable, Sendable {
  /// How wide a column is: a fixed number of cells, or a share of the room left (at least `min`;
  /// with `max`, at most that, the rest going to the other flexible columns).
  public enum Width: Hashable, Sendable {
    case fixed(Int)
    case flexible(min: Int)
    case bounded(min: Int, max: Int)
  }

  /// The header text.
  public var title: String
  /// How many cells the column takes.
  public var width: Width
  /// Alignment of the title and the cells (`.right` for numbers).
  public var alignment: TextAlignment

  /// A column with its title, width rule and alignment.
  public init(_ title: String, width: Width = .flexible(min: 1), alignment: TextAlignment = .left) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

/// A row of a `Table`: one string per column and a tone that styles the whole row.
public struct TableRow: Hashable, Sendable {
  /// How a row is coloured (the theme's text, muted, ok, warn or danger style).
  public enum Tone: Hashable, Sendable {
    case normal
    case muted
    case ok
    case warn
    case danger
  }

  /// One string per column (missing ones are blank, extra ones ignored).
  public var cells: [String]
  /// The style of the whole row.
  public var tone: Tone

  /// A row of `cells` in `tone`.
  public init(_ cells: [String], tone: Tone = .normal) {
    self.cells = cells
    self.tone = tone
  }
}

extension TableRow.Tone {
  /// The theme style of the tone.
  public func style(in theme: Theme) -> Style {
    switch self {
    case .normal: return theme.text
    case .muted: return theme.muted
    case .ok: return theme.ok
    case .warn: return theme.warn
    case .danger: return theme.danger
    }
  }
}
