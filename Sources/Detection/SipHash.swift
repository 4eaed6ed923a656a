/// SipHash-2-4 (Aumasson and Bernstein): a keyed 64-bit PRF, fast enough to tag every transition.
struct SipHash24 {
  private var v0: UInt64
  private var v1: UInt64
  private var v2: UInt64
  private var v3: UInt64
  private var tail: UInt64 = 0
  private var tailBytes = 0
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

  /// Adds eight bytes (little-endian), the unit every field here is padded to.
  @inline(__always)
  mutating func add(_ word: UInt64) {
    precondition(tailBytes == 0)
    compress(word)
    length += 8
  }

  mutating func add(bytes: UnsafeRawBufferPointer) {
    var offset = 0
    if tailBytes == 0 {
      // Whole words straight from memory (little-endian), the common case.
      while offset + 8 <= bytes.count {
        compress(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        offset += 8
        length += 8
      }
    }
    for byte in bytes[offset...] {
      tail |= UInt64(byte) << (8 * UInt64(tailBytes))
      tailBytes += 1
      length += 1
      if tailBytes == 8 {
        compress(tail)
        tail = 0
        tailBytes = 0
      }
    }
  }

  mutating func finalize() -> UInt64 {
    let b = (UInt64(length & 0xff) << 56) | tail
    compress(b)
    v2 ^= 0xff
    round()
    round()
    round()
    round()
    return v0 ^ v1 ^ v2 ^ v3
  }
}
