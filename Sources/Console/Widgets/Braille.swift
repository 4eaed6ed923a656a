/// Braille patterns (U+2800 + dot bits) as a 2x4 dot raster per cell.
///
/// Dot bits: left column rows 0–2 are 0x01, 0x02, 0x04; right column rows 0–2 are 0x08, 0x10,
/// 0x20; row 3 is 0x40 (left) and 0x80 (right). Row 0 is the top of the cell.
public enum Braille {
  private static let bits: [UInt8] = [0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80]

  /// The bit of the dot at `column` (0 = left, 1 = right) and `row` (0 = top … 3 = bottom) of a
  /// cell; 0 outside the cell.
  public static func bit(column: Int, row: Int) -> UInt8 {
    guard (0...1).contains(column), (0...3).contains(row) else { return 0 }
    return bits[column * 4 + row]
  }

  /// The braille character with the given dots (0 gives the blank pattern U+2800).
  public static func scalar(_ dots: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(0x2800 + UInt32(dots)) ?? " "
  }
}

/// A raster of braille dots over `width × height` cells, each cell remembering which series last
/// put a dot in it (for its colour).
struct BrailleCanvas {
  let width: Int
  let height: Int
  private(set) var dots: [UInt8]
  private(set) var owner: [Int]

  init(width: Int, height: Int) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    dots = Array(repeating: 0, count: self.width * self.height)
    owner = Array(repeating: -1, count: self.width * self.height)
  }

  /// Sets the dot at (x, y) in dot coordinates (2 per cell across, 4 down).
  @inline(__always)
  mutating func set(x: Int, y: Int, series: Int) {
    guard x >= 0, y >= 0, x < width * 2, y < height * 4 else { return }
    let cell = (y >> 2) * width + (x >> 1)
    dots[cell] |= Braille.bit(column: x & 1, row: y & 3)
    owner[cell] = series
  }
}
