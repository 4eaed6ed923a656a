/// NH (Black, Halevi, Krawczyk, Krovetz and Rogaway, "UMAC", 1999; RFC 4418 §5.2.1): a keyed
/// universal hash that compresses a fixed-length message of 32-bit words with one 32×32→64-bit
/// multiply per two words. Two different messages of the same length collide with probability at
/// most 2⁻³² over the key. The per-step digests of the integrity channels; they never leave the
/// end that computed them (NH's output reveals its key), only a PRF over a chunk of them does.
final class NHKey {
  private let words: UnsafeMutablePointer<UInt32>
  let count: Int

  /// `count` key words drawn from SipHash-2-4 under (`k0`, `k1`) in counter mode, separated by
  /// `domain` from every other use of the job's key.
  init(k0: UInt64, k1: UInt64, domain: UInt64, count: Int) {
    self.count = count + count % 2
    words = .allocate(capacity: self.count)
    for i in stride(from: 0, to: self.count, by: 2) {
      var h = SipHash24(k0: k0, k1: k1)
      h.add(domain)
      h.add(UInt64(i))
      let w = h.finalize()
      words[i] = UInt32(truncatingIfNeeded: w)
      words[i + 1] = UInt32(truncatingIfNeeded: w >> 32)
    }
  }

  deinit { words.deallocate() }

  /// NH over `count` 64-bit words, each one pair of 32-bit words (`count` at most `self.count / 2`).
  @inline(__always)
  func digest(words: UnsafePointer<UInt64>, count: Int) -> UInt64 {
    var sum: UInt64 = 0
    for i in 0..<count {
      let w = words[i]
      sum &+=
        UInt64(UInt32(truncatingIfNeeded: w) &+ self.words[2 * i])
        &* UInt64(UInt32(truncatingIfNeeded: w >> 32) &+ self.words[2 * i + 1])
    }
    return sum
  }

  /// NH over a 32-byte record (eight words) followed by `words` 32-bit words at `body` (an odd
  /// last word is paired with zero: lengths are fixed per job, so the padding is unambiguous).
  @inline(__always)
  func digest(record: UnsafeRawPointer, body: UnsafeRawPointer?, words: Int) -> UInt64 {
    var sum: UInt64 = 0
    for i in stride(from: 0, to: 8, by: 2) {
      let a = record.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
      let b = record.loadUnaligned(fromByteOffset: 4 * i + 4, as: UInt32.self)
      sum &+= UInt64(a &+ self.words[i]) &* UInt64(b &+ self.words[i + 1])
    }
    guard let body else { return sum }
    let n = min(words, count - 8)
    var i = 0
    while i + 1 < n {
      let a = body.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
      let b = body.loadUnaligned(fromByteOffset: 4 * i + 4, as: UInt32.self)
      sum &+= UInt64(a &+ self.words[8 + i]) &* UInt64(b &+ self.words[9 + i])
      i += 2
    }
    if i < n {
      let a = body.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
      sum &+= UInt64(a &+ self.words[8 + i]) &* UInt64(self.words[9 + i])
    }
    return sum
  }
}
