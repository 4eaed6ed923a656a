import Learning

/// Integrity of the environment→learner channel. The environment side logs every transition it
/// sends and the learner side every transition it receives (kind, step, environment index,
/// reward, end flags and the observation's bytes); when the logs are drained each end digests its
/// own with NH under a per-job key and the two ends' seals are compared (`TagCheck`). The first
/// altered transition is a critical alert naming its step.
///
/// What it catches: anything that alters, drops or injects a transition between the two ends
/// (a poisoned reward, a perturbed observation, a flipped done flag); a forged transition passes
/// with probability at most 2⁻³². What it cannot: tampering before the environment side logs it
/// (inside the environment: changed dynamics, a spoofed sensor), which the statistical detectors
/// are for.
public final class IntegrityChannel {
  let k0: UInt64
  let k1: UInt64
  let tags: TagCheck
  /// What the environment side sent since the last drain.
  let sent = TransitionLog()
  /// Grown (deterministically, from the same key) to the observation's length on first use.
  private var nh: NHKey
  /// The first step whose transition did not match the environment side's.
  public var firstBadStep: Int? { tags.firstBadStep }

  /// `key` is 16 bytes of the job's derived key.
  public init(key: [UInt8]) {
    precondition(key.count >= 16)
    // The digests read records' memory as words: every byte must be a field, none padding.
    precondition(MemoryLayout<TransitionLog.Record>.size == 32)
    precondition(MemoryLayout<ActionLog.Record>.size == 32)
    var a: UInt64 = 0
    var b: UInt64 = 0
    for i in 0..<8 {
      a |= UInt64(key[i]) << (8 * UInt64(i))
      b |= UInt64(key[8 + i]) << (8 * UInt64(i))
    }
    k0 = a
    k1 = b
    tags = TagCheck(k0: a ^ 0x7461_6773_5f63_686b, k1: b)
    nh = NHKey(k0: a, k1: b, domain: 0x7472_616e_7369_7431, count: 8)
  }

  /// One end's digests of its log: NH over each record's memory and its observation's floats.
  private func digest(_ log: TransitionLog, into out: inout [UInt64]) {
    let width = max(log.width, 0)
    if nh.count < 8 + width {
      nh = NHKey(k0: k0, k1: k1, domain: 0x7472_616e_7369_7431, count: 8 + width)
    }
    out.removeAll(keepingCapacity: true)
    out.reserveCapacity(log.count)
    let records = UnsafeRawPointer(log.records.base)
    let observations = UnsafeRawPointer(log.observations.base)
    let stride = MemoryLayout<TransitionLog.Record>.stride
    for i in 0..<log.count {
      out.append(
        nh.digest(
          record: records + i * stride, body: observations + 4 * i * width, words: width))
    }
  }

  /// Compares what was sent with what the learner received (its log), then empties the
  /// environment side's log (the caller empties its own).
  func drain(received: TransitionLog) {
    digest(sent, into: &tags.sentDigests)
    digest(received, into: &tags.receivedDigests)
    tags.compareDigests(
      sentStep: { sent.records[$0].step }, receivedStep: { received.records[$0].step })
    sent.removeAll()
  }

  /// The alert for the first altered transition, once.
  public func alertIfTampered() -> AlertDraft? {
    tags.alert(detector: "transition-integrity", technique: "AML.T0020") { step in
      "transition at step \(step) does not match what the environment sent: the channel to the learner was tampered with"
    }
  }
}
