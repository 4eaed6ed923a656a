import Learning

/// Integrity of the agent→monitor path: the agent side tags every action it proposes (SipHash-2-4
/// under the job's key, over environment, step and action) and the monitor's side checks the tag
/// before the monitor decides. The first mismatch is a critical alert naming that step. Catches
/// any action replaced on the way; cannot catch a policy that was itself corrupted (its proposals
/// are genuine), which the veto-spike detector watches.
public final class ActionIntegrity {
  let k0: UInt64
  let k1: UInt64
  fileprivate var pending: [UInt64] = []
  fileprivate var head = 0
  public fileprivate(set) var firstBadStep: Int?
  public fileprivate(set) var checked = 0
  public fileprivate(set) var mismatches = 0
  private var reported = false

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
    guard let step = firstBadStep, !reported else { return nil }
    reported = true
    return AlertDraft(
      detector: "action-integrity", severity: .critical, technique: nil,
      summary:
        "the action at step \(step) is not the one the agent proposed: the path to the monitor was tampered with",
      evidence: Evidence(
        window: [Double(checked), Double(mismatches)], threshold: 0, value: Double(mismatches),
        step: step, details: ["checked": String(checked), "mismatches": String(mismatches)]))
  }
}

/// The agent side: first on the action path.
public final class ActionTagger: ActionInterceptor {
  let integrity: ActionIntegrity
  public init(_ integrity: ActionIntegrity) { self.integrity = integrity }

  public func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    integrity.pending.append(integrity.tag(action, environment: environment, step: step))
  }
}

/// The monitor's side: last on the action path.
public final class ActionVerifier: ActionInterceptor {
  let integrity: ActionIntegrity
  public init(_ integrity: ActionIntegrity) { self.integrity = integrity }

  public func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    let c = integrity
    guard c.head < c.pending.count else {
      c.mismatches += 1
      if c.firstBadStep == nil { c.firstBadStep = step }
      return
    }
    let expected = c.pending[c.head]
    c.head += 1
    if c.head > 4_096 {
      c.pending.removeFirst(c.head)
      c.head = 0
    }
    c.checked += 1
    if c.tag(action, environment: environment, step: step) != expected {
      c.mismatches += 1
      if c.firstBadStep == nil { c.firstBadStep = step }
    }
  }
}
