/// A rectangle of cells: origin at the top left, x to the right, y down.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(width, 0)
    self.height = max(height, 0)
  }

  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var description: String { "(\(x),\(y) \(width)x\(height))" }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The rectangle shrunk by `margin` on every side.
  public func inset(_ margin: Int) -> Rect {
    Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  public func inset(left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0) -> Rect {
    Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
  }

  /// Splits off `rows` rows at the top: (top, rest).
  public func splitTop(_ rows: Int) -> (Rect, Rect) {
    let r = min(max(rows, 0), height)
    return (
      Rect(x: x, y: y, width: width, height: r),
      Rect(x: x, y: y + r, width: width, height: height - r)
    )
  }

  /// Splits off `rows` rows at the bottom: (rest, bottom).
  public func splitBottom(_ rows: Int) -> (Rect, Rect) {
    let r = min(max(rows, 0), height)
    return (
      Rect(x: x, y: y, width: width, height: height - r),
      Rect(x: x, y: y + height - r, width: width, height: r)
    )
  }

  /// Splits off `columns` columns at the left: (left, rest).
  public func splitLeft(_ columns: Int) -> (Rect, Rect) {
    let c = min(max(columns, 0), width)
    return (
      Rect(x: x, y: y, width: c, height: height),
      Rect(x: x + c, y: y, width: width - c, height: height)
    )
  }

  /// Divides the width into parts proportional to `weights` (the last takes the rounding).
  public func columns(_ weights: [Int]) -> [Rect] {
    let total = max(weights.reduce(0, +), 1)
    var out: [Rect] = []
    var cx = x
    for (i, w) in weights.enumerated() {
      let cw = i == weights.count - 1 ? maxX - cx : width * w / total
      out.append(Rect(x: cx, y: y, width: cw, height: height))
      cx += cw
    }
    return out
  }

  /// Divides the height into parts proportional to `weights` (the last takes the rounding).
  public func rows(_ weights: [Int]) -> [Rect] {
    let total = max(weights.reduce(0, +), 1)
    var out: [Rect] = []
    var cy = y
    for (i, w) in weights.enumerated() {
      let ch = i == weights.count - 1 ? maxY - cy : height * w / total
      out.append(Rect(x: x, y: cy, width: width, height: ch))
      cy += ch
    }
    return out
  }

  /// A centred rectangle of at most the given size.
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width)
    let ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }
}
