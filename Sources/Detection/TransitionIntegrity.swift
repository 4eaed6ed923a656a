import Learning

/// Integrity of the environment→learner channel. The environment side tags every transition
/// (step, environment index, observation, reward, end flags) with SipHash-2-4 under a per-job
/// key; the learner side recomputes the tag over what it received and compares. The first
/// mismatch is a critical alert naming that step. Cost: one 64-bit PRF over ~40 bytes a step.
///
/// What it catches: anything that alters a transition between the two ends (a poisoned reward,
/// a perturbed observation, a flipped done flag). What it cannot: tampering before the tag is
/// computed (inside the environment: changed dynamics, a spoofed sensor), which the statistical
/// detectors are for.
public final class IntegrityChannel {
  let k0: UInt64
  let k1: UInt64
  fileprivate let tags = TagCheck()
  /// The first step whose transition did not match its tag.
  public var firstBadStep: Int? { tags.firstBadStep }

  /// `key` is 16 bytes of the job's derived key.
  public init(key: [UInt8]) {
    precondition(key.count >= 16)
    var a: UInt64 = 0
    var b: UInt64 = 0
    for i in 0..<8 {
      a |= UInt64(key[i]) << (8 * UInt64(i))
      b |= UInt64(key[8 + i]) << (8 * UInt64(i))
    }
    k0 = a
    k1 = b
  }

  fileprivate func tag(_ t: Transition) -> UInt64 {
    var h = SipHash24(k0: k0, k1: k1)
    h.add(UInt64(t.kind == .step ? 1 : 2))
    h.add(UInt64(bitPattern: Int64(t.step)))
    h.add(UInt64(bitPattern: Int64(t.environment)))
    h.add(t.reward.bitPattern)
    h.add((t.terminated ? 1 : 0) | (t.truncated ? 2 : 0))
    h.add(bytes: UnsafeRawBufferPointer(t.observation))
    return h.finalize()
  }

  /// The alert for the first mismatch, once.
  public func alertIfTampered() -> AlertDraft? {
    tags.alert(detector: "transition-integrity", technique: "AML.T0020") { step in
      "transition at step \(step) does not match its environment-side tag: the channel to the learner was tampered with"
    }
  }
}

/// The environment side: first on the channel.
public final class IntegrityTagger: TransitionInterceptor {
  let channel: IntegrityChannel
  public init(_ channel: IntegrityChannel) { self.channel = channel }

  public func intercept(_ transition: inout Transition) {
    channel.tags.push(channel.tag(transition))
  }
}

/// The learner side: last on the channel.
public final class IntegrityVerifier: TransitionInterceptor {
  let channel: IntegrityChannel
  public init(_ channel: IntegrityChannel) { self.channel = channel }

  public func intercept(_ transition: inout Transition) {
    channel.tags.check(channel.tag(transition), step: transition.step)
  }
}
