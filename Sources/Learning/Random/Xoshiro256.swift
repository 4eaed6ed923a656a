/// xoshiro256** (Blackman & Vigna): Rampart's one source of randomness in learning code, so a
/// seed fixes every reset, slip, action sample and shuffle, bit for bit, on every platform.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable, Codable {
  public var s0: UInt64
  public var s1: UInt64
  public var s2: UInt64
  public var s3: UInt64

  /// Seeds the four state words from SplitMix64, as the algorithm's authors recommend.
  public init(seed: UInt64) {
    var sm = seed
    func splitMix(_ x: inout UInt64) -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix(&sm)
    s1 = splitMix(&sm)
    s2 = splitMix(&sm)
    s3 = splitMix(&sm)
  }

  /// A generator for a derived stream (worker `index` of seed `seed`), independent of the parent.
  public init(seed: UInt64, stream: UInt64) {
    self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ stream)
  }

  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform in [0, 1) with 53 random bits.
  @inlinable @inline(__always)
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform in [0, 1) with 24 random bits.
  @inlinable @inline(__always)
  public mutating func nextFloat() -> Float {
    Float(next() >> 40) * 0x1.0p-24
  }

  /// Uniform in [low, high).
  @inlinable @inline(__always)
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * nextDouble()
  }

  /// Uniform integer in 0..<bound (Lemire's multiply-shift with rejection, unbiased).
  @inlinable @inline(__always)
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold {
        m = next().multipliedFullWidth(by: b)
      }
    }
    return Int(m.high)
  }

  /// Standard normal sample (Box–Muller, one value per call).
  public mutating func nextGaussian() -> Double {
    var u1 = nextDouble()
    while u1 <= Double.leastNormalMagnitude { u1 = nextDouble() }
    let u2 = nextDouble()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}
