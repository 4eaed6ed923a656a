import Learning

/// Integrity of the agent→monitor path: the agent side logs every action it proposes and the
/// monitor's side every action that reached it; when the logs are drained each end digests its
/// own (NH under the job's key, over environment, step and action) and the two ends' seals are
/// compared as for transitions (`TagCheck`). The first mismatch is a critical alert naming that
/// step. Catches any action replaced on the way; cannot catch a policy that was itself corrupted
/// (its proposals are genuine), which the veto-spike and action-likelihood detectors watch.
public final class ActionIntegrity {
  let tags: TagCheck
  private let nh: NHKey
  /// What the agent proposed and what reached the monitor, since the last drain.
  let sent = ActionLog()
  let received = ActionLog()

  public init(key: [UInt8]) {
    let channel = IntegrityChannel(key: key)
    // Other keys than the transitions' (the same bytes, domain separated).
    tags = TagCheck(k0: channel.k1 ^ 0x6163_7469_6f6e_7321, k1: channel.k0)
    nh = NHKey(k0: channel.k0, k1: channel.k1, domain: 0x6163_7469_6f6e_7331, count: 8)
  }

  private func digest(_ log: ActionLog, into out: inout [UInt64]) {
    out.removeAll(keepingCapacity: true)
    out.reserveCapacity(log.count)
    let records = UnsafeRawPointer(log.records.base)
    let stride = MemoryLayout<ActionLog.Record>.stride
    for i in 0..<log.count {
      out.append(nh.digest(record: records + i * stride, body: nil, words: 0))
    }
  }

  /// Compares both ends' logs and empties them.
  func drain() {
    digest(sent, into: &tags.sentDigests)
    digest(received, into: &tags.receivedDigests)
    tags.compareDigests(
      sentStep: { sent.records[$0].step }, receivedStep: { received.records[$0].step })
    sent.removeAll()
    received.removeAll()
  }

  /// The alert for the first replaced action, once.
  public func alertIfTampered() -> AlertDraft? {
    tags.alert(detector: "action-integrity", technique: nil) { step in
      "the action at step \(step) is not the one the agent proposed: the path to the monitor was tampered with"
    }
  }
}
