import Learning

/// A growable buffer of plain values that appends with one capacity test and a store (a Swift
/// array also tests uniqueness and enforces exclusivity, per element: too dear per training step).
/// Owned by one job's detection and touched only on its queue.
final class LogBuffer<Element: BitwiseCopyable> {
  // Unchecked: a dynamic exclusivity check costs more than the append it guards.
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private var capacity: Int

  init(capacity: Int = 4_096) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always)
  func append(_ value: Element) {
    if count == capacity { grow(to: count + 1) }
    (base + count).initialize(to: value)
    count += 1
  }

  @inline(__always)
  func append(contentsOf values: UnsafeBufferPointer<Element>) {
    if count + values.count > capacity { grow(to: count + values.count) }
    if let source = values.baseAddress {
      (base + count).initialize(from: source, count: values.count)
    }
    count += values.count
  }

  private func grow(to needed: Int) {
    var bigger = capacity * 2
    while bigger < needed { bigger *= 2 }
    let fresh = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
    fresh.initialize(from: base, count: count)
    base.deallocate()
    base = fresh
    capacity = bigger
  }

  func removeAll() { count = 0 }

  subscript(i: Int) -> Element {
    @inline(__always) get { base[i] }
  }
}

/// What one end of the environment→learner channel saw since the log was last drained, in order:
/// a record per transition and the observations back to back.
final class TransitionLog {
  /// 32 bytes with no padding: the digest reads a record's memory as eight 32-bit words.
  struct Record {
    var step: Int
    var reward: Double
    var environment: Int
    /// 1 step, 2 reset; | 4 terminated; | 8 truncated.
    var flags: UInt32
    /// The observation's true length.
    var length: UInt32
  }

  let records = LogBuffer<Record>()
  let observations = LogBuffer<Float>(capacity: 16_384)
  /// Floats per observation (fixed per job; set by the first transition).
  @exclusivity(unchecked) private(set) var width = -1

  var count: Int { records.count }

  @inline(__always)
  func append(_ t: Transition) {
    let flags: UInt32 = (t.kind == .step ? 1 : 2) | (t.terminated ? 4 : 0) | (t.truncated ? 8 : 0)
    records.append(
      Record(
        step: t.step, reward: t.reward, environment: t.environment, flags: flags,
        length: UInt32(truncatingIfNeeded: t.observation.count)))
    if t.observation.count == width && width <= 8 {
      // Small observations (a state index, CartPole's four numbers): stores beat a memmove call.
      for i in 0..<width { observations.append(t.observation[i]) }
    } else {
      appendObservation(t.observation)
    }
  }

  @inline(never)
  private func appendObservation(_ observation: UnsafeMutableBufferPointer<Float>) {
    if width < 0 { width = observation.count }
    if observation.count == width {
      observations.append(contentsOf: UnsafeBufferPointer(observation))
    } else {
      // A different width would misalign every later record: pad or cut to the job's width
      // (the record keeps the true length, which the digest covers).
      for i in 0..<width { observations.append(i < observation.count ? observation[i] : .nan) }
    }
  }

  /// Record `i` as a transition; its observation points into the log (valid until it is drained).
  @inline(__always)
  func transition(_ i: Int) -> Transition {
    let r = records[i]
    return Transition(
      kind: r.flags & 1 != 0 ? .step : .reset, environment: r.environment, step: r.step,
      observation: UnsafeMutableBufferPointer(
        start: observations.base + i * max(width, 0), count: max(width, 0)),
      reward: r.reward, terminated: r.flags & 4 != 0, truncated: r.flags & 8 != 0)
  }

  func removeAll() {
    records.removeAll()
    observations.removeAll()
  }
}

/// What one end of the agent→monitor path saw since the log was last drained.
final class ActionLog {
  /// 32 bytes with no padding, as `TransitionLog.Record`.
  struct Record {
    var step: Int
    var environment: Int
    var action: Int
    var zero = 0
  }

  let records = LogBuffer<Record>()
  var count: Int { records.count }

  @inline(__always)
  func append(action: Int, environment: Int, step: Int) {
    records.append(
      Record(step: step, environment: environment, action: action))
  }

  func removeAll() { records.removeAll() }
}
