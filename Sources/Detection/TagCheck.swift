/// Tags in flight from the side that sent a message to the side that received it, in order, and
/// what the receiving side found: shared by the transition and action integrity checks.
final class TagCheck {
  private var pending: [UInt64] = []
  private var head = 0
  private(set) var firstBadStep: Int?
  private(set) var checked = 0
  private(set) var mismatches = 0
  private var reported = false

  /// The sending side's tag for the next message.
  func push(_ tag: UInt64) { pending.append(tag) }

  /// The receiving side's tag for the next message it got, at `step`.
  func check(_ computed: UInt64, step: Int) {
    guard head < pending.count else {
      // A message that was never tagged: injected on the way.
      mismatch(at: step)
      return
    }
    let expected = pending[head]
    head += 1
    if head > 4_096 {
      pending.removeFirst(head)
      head = 0
    }
    checked += 1
    if computed != expected { mismatch(at: step) }
  }

  private func mismatch(at step: Int) {
    mismatches += 1
    if firstBadStep == nil { firstBadStep = step }
  }

  /// The alert for the first mismatch, once.
  func alert(detector: String, technique: String?, summary: (Int) -> String) -> AlertDraft? {
    guard let step = firstBadStep, !reported else { return nil }
    reported = true
    return AlertDraft(
      detector: detector, severity: .critical, technique: technique, summary: summary(step),
      evidence: Evidence(
        window: [Double(checked), Double(mismatches)], threshold: 0, value: Double(mismatches),
        step: step, details: ["checked": String(checked), "mismatches": String(mismatches)]))
  }
}
