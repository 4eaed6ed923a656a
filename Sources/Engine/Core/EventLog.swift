import Dispatch
import Foundation
import Storage

/// The engine's event stream: a bounded in-memory log for polling (`events(after:)`) and
/// subscribers called on a serial queue of their own, so a slow subscriber never stalls training.
final class EventLog: Sendable {
  private struct State {
    var next: UInt64 = 1
    var ring: [EngineEvent] = []
    var head = 0
    var subscribers: [UInt64: @Sendable (EngineEvent) -> Void] = [:]
    var nextSubscriber: UInt64 = 1
  }

  private let capacity: Int
  private let state = Locked(State())
  private let delivery = DispatchQueue(label: "rampart.events")

  init(capacity: Int) { self.capacity = max(capacity, 16) }

  @discardableResult
  func publish(_ kind: EngineEventKind, by principal: Principal) -> EngineEvent {
    let (event, handlers) = state.withLock {
      s -> (EngineEvent, [@Sendable (EngineEvent) -> Void]) in
      let e = EngineEvent(sequence: s.next, time: Date(), principal: principal, kind: kind)
      s.next += 1
      if s.ring.count < capacity {
        s.ring.append(e)
      } else {
        s.ring[s.head] = e
        s.head = (s.head + 1) % capacity
      }
      return (e, Array(s.subscribers.values))
    }
    if !handlers.isEmpty {
      delivery.async { for h in handlers { h(event) } }
    }
    return event
  }

  /// Events numbered after `sequence`, oldest first (older ones may have left the ring).
  func events(after sequence: UInt64, limit: Int) -> [EngineEvent] {
    state.withLock { s in
      let ordered = s.ring.count < capacity ? s.ring : Array(s.ring[s.head...] + s.ring[..<s.head])
      return Array(ordered.lazy.filter { $0.sequence > sequence }.prefix(limit))
    }
  }

  var lastSequence: UInt64 { state.withLock { $0.next - 1 } }

  func subscribe(_ handler: @escaping @Sendable (EngineEvent) -> Void) -> UInt64 {
    state.withLock { s in
      let token = s.nextSubscriber
      s.nextSubscriber += 1
      s.subscribers[token] = handler
      return token
    }
  }

  func unsubscribe(_ token: UInt64) {
    _ = state.withLock { $0.subscribers.removeValue(forKey: token) }
  }

  /// Blocks until every event published so far has been delivered to subscribers.
  func flush() { delivery.sync {} }
}
