/// The in-memory screen every widget renders into: `width × height` cells. The terminal backend
/// copies the cells that changed since the last frame; tests compare its text with snapshots.
public struct Grid: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = Cell()) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    cells = Array(repeating: fill, count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Sets one cell if it is on the grid and inside `clip`.
  @inline(__always)
  public mutating func set(
    _ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style, clip: Rect? = nil
  ) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    if let clip, !clip.contains(x: x, y: y) { return }
    cells[y * width + x] = Cell(scalar, style: style)
  }

  /// Writes `text` from (x, y) rightwards, one scalar per cell, cut at `maxWidth` cells (and at
  /// the grid's edge). Returns the number of cells written.
  @discardableResult
  public mutating func write(
    _ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil
  ) -> Int {
    guard y >= 0, y < height else { return 0 }
    let limit = min(maxWidth ?? width, width - x)
    var n = 0
    for scalar in text.unicodeScalars {
      guard n < limit else { break }
      if x + n >= 0 { cells[y * width + x + n] = Cell(scalar, style: style) }
      n += 1
    }
    return max(n, 0)
  }

  /// Fills `rect` with `scalar` in `style`.
  public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", style: Style) {
    let x0 = max(rect.x, 0)
    let x1 = min(rect.maxX, width)
    let y0 = max(rect.y, 0)
    let y1 = min(rect.maxY, height)
    guard x0 < x1, y0 < y1 else { return }
    let cell = Cell(scalar, style: style)
    for yy in y0..<y1 {
      for xx in x0..<x1 { cells[yy * width + xx] = cell }
    }
  }

  /// Applies `change` to the style of every cell of `rect` (e.g. to mark a selection).
  public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
    for yy in max(rect.y, 0)..<min(rect.maxY, height) {
      for xx in max(rect.x, 0)..<min(rect.maxX, width) { change(&cells[yy * width + xx].style) }
    }
  }

  /// The characters of row `y`.
  public func line(_ y: Int) -> String {
    var s = String.UnicodeScalarView()
    for x in 0..<width { s.append(cells[y * width + x].scalar) }
    return String(s)
  }

  /// The whole grid as text, one line per row, trailing spaces kept.
  public var text: String { (0..<height).map(line).joined(separator: "\n") }

  /// Indices of the cells that differ from `previous` (all of them if the sizes differ).
  public func changedCells(since previous: Grid?) -> [Int] {
    guard let previous, previous.width == width, previous.height == height else {
      return Array(cells.indices)
    }
    var out: [Int] = []
    for i in cells.indices where cells[i] != previous.cells[i] { out.append(i) }
    return out
  }
}
