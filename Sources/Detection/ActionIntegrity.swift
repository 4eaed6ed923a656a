import Learning

/// Integrity of the agent→monitor path: the agent side tags every action it proposes (SipHash-2-4
/// under the job's key, over environment, step and action) and the monitor's side checks the tag
/// before the monitor decides. The first mismatch is a critical alert naming that step. Catches
/// any action replaced on the way; cannot catch a policy that was itself corrupted (its proposals
/// are genuine), which the veto-spike detector watches.
public final class ActionIntegrity {
  let k0: UInt64
  let k1: UInt64
  fileprivate let tags = TagCheck()

  public init(key: [UInt8]) {
    let channel = IntegrityChannel(key: key)
    // A different key from the transitions' (the same bytes, swapped halves, domain separated).
    k0 = channel.k1 ^ 0x6163_7469_6f6e_7321
    k1 = channel.k0
  }

  fileprivate func tag(_ action: Int, environment: Int, step: Int) -> UInt64 {
    var h = SipHash24(k0: k0, k1: k1)
    h.add(UInt64(bitPattern: Int64(step)))
    h.add(UInt64(bitPattern: Int64(environment)))
    h.add(UInt64(bitPattern: Int64(action)))
    return h.finalize()
  }

  public func alertIfTampered() -> AlertDraft? {
    tags.alert(detector: "action-integrity", technique: nil) { step in
      "the action at step \(step) is not the one the agent proposed: the path to the monitor was tampered with"
    }
  }
}

/// The agent side: first on the action path.
public final class ActionTagger: ActionInterceptor {
  let integrity: ActionIntegrity
  public init(_ integrity: ActionIntegrity) { self.integrity = integrity }

  public func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    integrity.tags.push(integrity.tag(action, environment: environment, step: step))
  }
}

/// The monitor's side: last on the action path.
public final class ActionVerifier: ActionInterceptor {
  let integrity: ActionIntegrity
  public init(_ integrity: ActionIntegrity) { self.integrity = integrity }

  public func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    integrity.tags.check(integrity.tag(action, environment: environment, step: step), step: step)
  }
}
