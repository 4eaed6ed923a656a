import Foundation

/// How many colours the terminal can show, from richest to none.
public enum ColorDepth: Hashable, Sendable, CaseIterable {
  /// 24-bit colour through an ncurses direct-colour terminfo entry (`xterm-direct`, ...).
  case trueColor
  /// The xterm-256 palette: 16 system colours, a 6×6×6 cube and a 24-step grey ramp.
  case indexed256
  /// The 16 ANSI colours (8 normal + 8 bright).
  case indexed16
  /// The 8 normal ANSI colours (`TERM=linux`, plain `xterm`).
  case indexed8
  /// No colour: NO_COLOR, `TERM=dumb` or a terminal without colour.
  case monochrome

  /// The depth to paint with, given ncurses' `COLORS` (after `start_color`) and the environment.
  ///
  /// - `NO_COLOR` present and non-empty (no-color.org), or `TERM=dumb`: `.monochrome`.
  /// - `COLORS` ≥ 2²⁴: `.trueColor`. ncurses reports that only for a `*-direct` terminfo entry
  ///   (RGB capability), where colour numbers are packed `0xRRGGBB`.
  /// - `COLORTERM=truecolor|24bit` is only a hint that the *terminal* understands 24-bit SGR;
  ///   ncurses paints through terminfo, so with a `-256color` entry it can still only use 256
  ///   indices. Such a terminal therefore gets `.indexed256`, not `.trueColor`
  ///   (see `advertisesTrueColor(environment:)` to tell the user why).
  /// - otherwise `COLORS` ≥ 256 → `.indexed256`, ≥ 16 → `.indexed16`, ≥ 8 → `.indexed8`, else
  ///   `.monochrome`.
  public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
    if environment["TERM"] == "dumb" { return .monochrome }
    if colors >= 1 << 24 { return .trueColor }
    if colors >= 256 { return .indexed256 }
    if colors >= 16 { return .indexed16 }
    if colors >= 8 { return .indexed8 }
    return .monochrome
  }

  /// Whether `COLORTERM` says the terminal takes 24-bit colour (`truecolor` or `24bit`), which
  /// ncurses can only use through a `*-direct` terminfo entry (e.g. `TERM=xterm-direct`).
  public static func advertisesTrueColor(environment: [String: String]) -> Bool {
    let value = environment["COLORTERM"]?.lowercased() ?? ""
    return value == "truecolor" || value == "24bit"
  }
}

/// Maps theme colours to what the terminal can show. Pure, so the backend stays a thin copier.
public enum ColorMapping {
  /// The standard xterm values of ANSI colours 0–15 (what `TERM=xterm*` shows by default).
  public static let standardPalette: [Color] = [
    .rgb(0x00, 0x00, 0x00), .rgb(0xCD, 0x00, 0x00), .rgb(0x00, 0xCD, 0x00),
    .rgb(0xCD, 0xCD, 0x00), .rgb(0x00, 0x00, 0xEE), .rgb(0xCD, 0x00, 0xCD),
    .rgb(0x00, 0xCD, 0xCD), .rgb(0xE5, 0xE5, 0xE5), .rgb(0x7F, 0x7F, 0x7F),
    .rgb(0xFF, 0x00, 0x00), .rgb(0x00, 0xFF, 0x00), .rgb(0xFF, 0xFF, 0x00),
    .rgb(0x5C, 0x5C, 0xFF), .rgb(0xFF, 0x00, 0xFF), .rgb(0x00, 0xFF, 0xFF),
    .rgb(0xFF, 0xFF, 0xFF),
  ]

  /// The palette's neutral entries: black, white, grey and bright white.
  static let neutralIndices: Set<Int> = [0, 7, 8, 15]

  /// Below this CIELAB chroma a colour counts as neutral (a grey, possibly slightly tinted).
  static let neutralChroma = 10.0

  /// The colour number to give ncurses for `color` at `depth`; nil means "no colour": the
  /// terminal's default (`-1` with `use_default_colors`) for `.terminalDefault`, or attributes
  /// only for `.monochrome`.
  ///
  /// - `.trueColor`: the packed `0xRRGGBB` value a direct-colour terminfo entry expects.
  /// - `.indexed256`: the nearest xterm-256 colour (as tmux's `colour_find_rgb` finds it): the
  ///   nearest point of the 6×6×6 cube on xterm's real levels 0, 95, 135, 175, 215, 255, or the
  ///   nearest step of the grey ramp 232–255 (8, 18, …, 238), whichever is closer in RGB. btop's
  ///   linear `round(c/51)` steps were not used: they put the default dark background #16191F on
  ///   navy #00005F.
  /// - `.indexed16` / `.indexed8`: the entry of `standardPalette[0..<16]` / `[0..<8]` nearest by
  ///   CIEDE2000 colour difference (CIE 2001; Sharma, Wu & Dalal 2005) in CIELAB (sRGB, D65),
  ///   ties to the lower index; a neutral colour (chroma below 10) only considers the neutral
  ///   entries 0, 7, 8, 15, so greys never turn red or cyan. Costs a few microseconds: memoise
  ///   per colour (the backend's colour-pair table does).
  public static func index(for color: Color, depth: ColorDepth) -> Int? {
    guard case .rgb(let r, let g, let b) = color else { return nil }
    switch depth {
    case .monochrome: return nil
    case .trueColor: return Int(r) << 16 | Int(g) << 8 | Int(b)
    case .indexed256: return index256(r, g, b)
    case .indexed16: return nearest(r, g, b, among: 16)
    case .indexed8: return nearest(r, g, b, among: 8)
    }
  }

  /// The nearest xterm-256 colour (cube or grey ramp).
  private static func index256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    let levels = [0, 95, 135, 175, 215, 255]
    func level(_ c: Int) -> Int { c < 48 ? 0 : c < 115 ? 1 : (c - 35) / 40 }
    let (ri, gi, bi) = (Int(r), Int(g), Int(b))
    let (qr, qg, qb) = (level(ri), level(gi), level(bi))
    let (cr, cg, cb) = (levels[qr], levels[qg], levels[qb])
    let cube = 16 + 36 * qr + 6 * qg + qb
    if cr == ri && cg == gi && cb == bi { return cube }
    let average = (ri + gi + bi) / 3
    let step = average > 238 ? 23 : max(0, (average - 3) / 10)
    let grey = 8 + 10 * step
    func distance(_ x: Int, _ y: Int, _ z: Int) -> Int {
      (x - ri) * (x - ri) + (y - gi) * (y - gi) + (z - bi) * (z - bi)
    }
    return distance(grey, grey, grey) < distance(cr, cg, cb) ? 232 + step : cube
  }

  private static let paletteLab: [CIELab] = standardPalette.map {
    guard case .rgb(let r, let g, let b) = $0 else { return CIELab(l: 0, a: 0, b: 0) }
    return CIELab(r, g, b)
  }

  private static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among count: Int) -> Int {
    let lab = CIELab(r, g, b)
    let isNeutral = (lab.a * lab.a + lab.b * lab.b).squareRoot() < neutralChroma
    var best = 0
    var bestDistance = Double.infinity
    for i in 0..<count where !isNeutral || neutralIndices.contains(i) {
      let d = lab.deltaE2000(to: paletteLab[i])
      if d < bestDistance {
        best = i
        bestDistance = d
      }
    }
    return best
  }
}

/// A CIELAB colour (D65 white), from sRGB.
struct CIELab: Hashable, Sendable {
  var l: Double
  var a: Double
  var b: Double

  init(l: Double, a: Double, b: Double) {
    self.l = l
    self.a = a
    self.b = b
  }

  init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
    func linear(_ c: UInt8) -> Double {
      let v = Double(c) / 255
      return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }
    let (r, g, b) = (linear(red), linear(green), linear(blue))
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b
    let z = (0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b) / 1.088_83
    func f(_ t: Double) -> Double {
      let delta = 6.0 / 29
      return t > delta * delta * delta ? cbrt(t) : t / (3 * delta * delta) + 4.0 / 29
    }
    l = 116 * f(y) - 16
    a = 500 * (f(x) - f(y))
    self.b = 200 * (f(y) - f(z))
  }
}

extension CIELab {
  /// CIEDE2000 colour difference to `q`, with kL = kC = kH = 1 (Sharma, Wu & Dalal 2005).
  func deltaE2000(to q: CIELab) -> Double {
    let p = self
    let rad = Double.pi / 180
    let cBar = ((p.a * p.a + p.b * p.b).squareRoot() + (q.a * q.a + q.b * q.b).squareRoot()) / 2
    let cBar7 = pow(cBar, 7)
    let g = 0.5 * (1 - (cBar7 / (cBar7 + pow(25, 7))).squareRoot())
    let a1 = (1 + g) * p.a
    let a2 = (1 + g) * q.a
    let c1 = (a1 * a1 + p.b * p.b).squareRoot()
    let c2 = (a2 * a2 + q.b * q.b).squareRoot()
    func hue(_ b: Double, _ a: Double) -> Double {
      if a == 0, b == 0 { return 0 }
      let h = atan2(b, a) / rad
      return h < 0 ? h + 360 : h
    }
    let h1 = hue(p.b, a1)
    let h2 = hue(q.b, a2)
    let dL = q.l - p.l
    let dC = c2 - c1
    var dh = 0.0
    if c1 * c2 != 0 {
      dh = h2 - h1
      if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
    }
    let dH = 2 * (c1 * c2).squareRoot() * sin(dh / 2 * rad)
    let lMean = (p.l + q.l) / 2
    let cMean = (c1 + c2) / 2
    var hMean = h1 + h2
    if c1 * c2 != 0 {
      if abs(h1 - h2) <= 180 {
        hMean = (h1 + h2) / 2
      } else {
        hMean = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2
      }
    }
    let t =
      1 - 0.17 * cos((hMean - 30) * rad) + 0.24 * cos(2 * hMean * rad)
      + 0.32 * cos((3 * hMean + 6) * rad) - 0.20 * cos((4 * hMean - 63) * rad)
    let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
    let cMean7 = pow(cMean, 7)
    let rC = 2 * (cMean7 / (cMean7 + pow(25, 7))).squareRoot()
    let lOffset = (lMean - 50) * (lMean - 50)
    let sL = 1 + 0.015 * lOffset / (20 + lOffset).squareRoot()
    let sC = 1 + 0.045 * cMean
    let sH = 1 + 0.015 * cMean * t
    let rT = -sin(2 * dTheta * rad) * rC
    let termL = dL / sL
    let termC = dC / sC
    let termH = dH / sH
    return (termL * termL + termC * termC + termH * termH + rT * termC * termH).squareRoot()
  }
}
