/// The comparison at the heart of both integrity channels (transitions and actions). Each end of
/// a channel logs what it sent or received; when the logs are drained each end digests its own
/// messages (NH, `NHKey`) and seals the digests (NH again over blocks of 256, then SipHash-2-4, a
/// PRF, over the batch number, the count and the blocks' hashes: UMAC's layering). Only the two
/// 64-bit seals are compared: what would cross between the processes in a split deployment. A
/// mismatch is narrowed to the first bad message by bisection, comparing the two ends' seals over
/// ever shorter prefixes, so digests never cross either.
///
/// Cost per message and end: a few stores when it passes, one NH pass and one multiply when the
/// log is drained (measured with `rampart bench detection --cost-only`).
final class TagCheck {
  private let k0: UInt64
  private let k1: UInt64
  private let blockKey: NHKey
  static let block = 256
  private var batch: UInt64 = 0
  /// Each end's digests of the batch being drained, filled by the channel.
  var sentDigests: [UInt64] = []
  var receivedDigests: [UInt64] = []
  private(set) var firstBadStep: Int?
  private(set) var checked = 0
  /// Batches whose two seals differed.
  private(set) var badBatches = 0
  private var reported = false

  /// (`k0`, `k1`): the seals' SipHash key (not the digests' NH key).
  init(k0: UInt64, k1: UInt64) {
    self.k0 = k0
    self.k1 = k1
    blockKey = NHKey(k0: k0, k1: k1, domain: 0x626c_6f63_6b73_0001, count: 2 * Self.block)
  }

  /// One end's seal over its first `count` digests of the batch.
  private func seal(_ digests: UnsafePointer<UInt64>, count: Int) -> UInt64 {
    var h = SipHash24(k0: k0, k1: k1)
    h.add(batch)
    h.add(UInt64(count))
    for start in stride(from: 0, to: count, by: Self.block) {
      h.add(blockKey.digest(words: digests + start, count: min(Self.block, count - start)))
    }
    return h.finalize()
  }

  /// Compares the batch in `sentDigests` and `receivedDigests`. `sentStep(i)` and
  /// `receivedStep(i)` are the steps the i-th message carried, as each end logged it.
  func compareDigests(sentStep: (Int) -> Int, receivedStep: (Int) -> Int) {
    sentDigests.withUnsafeBufferPointer { s in
      receivedDigests.withUnsafeBufferPointer { r in
        compare(sent: s, received: r, sentStep: sentStep, receivedStep: receivedStep)
      }
    }
  }

  private func compare(
    sent: UnsafeBufferPointer<UInt64>, received: UnsafeBufferPointer<UInt64>,
    sentStep: (Int) -> Int, receivedStep: (Int) -> Int
  ) {
    defer { batch &+= 1 }
    let n = received.count
    checked += n
    guard let s = sent.baseAddress ?? received.baseAddress,
      let r = received.baseAddress ?? sent.baseAddress
    else { return }
    func agree(_ count: Int) -> Bool { seal(s, count: count) == seal(r, count: count) }
    let common = min(sent.count, n)
    guard sent.count != n || !agree(n) else { return }
    // Bisection on prefixes: `good` agree, `bad` do not, so message `bad - 1` is the first
    // altered one. When the common part agrees, a message was dropped or injected on the way:
    // the first one past it is named.
    var index = common
    if !agree(common) {
      var good = 0
      var bad = common
      while bad - good > 1 {
        let mid = (good + bad) / 2
        if agree(mid) { good = mid } else { bad = mid }
      }
      index = bad - 1
    }
    badBatches += 1
    if firstBadStep == nil {
      firstBadStep = index < n ? receivedStep(index) : sentStep(min(index, sent.count - 1))
    }
  }

  /// The alert for the first mismatch, once.
  func alert(detector: String, technique: String?, summary: (Int) -> String) -> AlertDraft? {
    guard let step = firstBadStep, !reported else { return nil }
    reported = true
    return AlertDraft(
      detector: detector, severity: .critical, technique: technique, summary: summary(step),
      evidence: Evidence(
        // No series: the counts are in the details (a window of two unlike counts charted
        // against the threshold read as nonsense).
        window: [], threshold: 0, value: Double(badBatches),
        step: step, details: ["checked": String(checked), "tampered_batches": String(badBatches)]))
  }
}
