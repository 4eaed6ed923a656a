/// SipHash-2-4 (Aumasson and Bernstein): a keyed 64-bit PRF, over whole 64-bit words; it seals
/// the integrity channels' digests and expands their keys.
struct SipHash24 {
  private var v0: UInt64
  private var v1: UInt64
  private var v2: UInt64
  private var v3: UInt64
  private var length = 0

  init(k0: UInt64, k1: UInt64) {
    v0 = k0 ^ 0x736f_6d65_7073_6575
    v1 = k1 ^ 0x646f_7261_6e64_6f6d
    v2 = k0 ^ 0x6c79_6765_6e65_7261
    v3 = k1 ^ 0x7465_6462_7974_6573
  }

  @inline(__always)
  private mutating func round() {
    v0 &+= v1
    v1 = (v1 << 13) | (v1 >> 51)
    v1 ^= v0
    v0 = (v0 << 32) | (v0 >> 32)
    v2 &+= v3
    v3 = (v3 << 16) | (v3 >> 48)
    v3 ^= v2
    v0 &+= v3
    v3 = (v3 << 21) | (v3 >> 43)
    v3 ^= v0
    v2 &+= v1
    v1 = (v1 << 17) | (v1 >> 47)
    v1 ^= v2
    v2 = (v2 << 32) | (v2 >> 32)
  }

  @inline(__always)
  private mutating func compress(_ m: UInt64) {
    v3 ^= m
    round()
    round()
    v0 ^= m
  }

  /// Adds eight bytes (little-endian): every input here is whole words.
  @inline(__always)
  mutating func add(_ word: UInt64) {
    compress(word)
    length += 8
  }

  mutating func finalize() -> UInt64 {
    let b = UInt64(length & 0xff) << 56
    compress(b)
    v2 ^= 0xff
    round()
    round()
    round()
    round()
    return v0 ^ v1 ^ v2 ^ v3
  }
}
