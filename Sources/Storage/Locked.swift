import Foundation

/// A value behind a pthread mutex (`NSLock`).
///
/// Rampart uses this rather than `Synchronization.Mutex`: the thread sanitizer, which CI runs on
/// the Engine tests, cannot see the happens-before edges of `Mutex`'s futex-based lock inside
/// the uninstrumented standard library and reports races that are not there; `pthread_mutex`
/// calls are intercepted and understood.
public final class Locked<Value>: @unchecked Sendable {
  // `value` is only touched while `lock` is held.
  private var value: Value
  private let lock = NSLock()

  public init(_ value: Value) { self.value = value }

  /// Runs `body` with exclusive access to the value.
  public func withLock<Result, Failure: Error>(
    _ body: (inout Value) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
