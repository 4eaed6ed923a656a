import Storage

/// The engine's view of the host's GPUs: NVML loaded once, sampled at most once a second.
final class GPUTelemetry: Sendable {
  private struct State {
    var nvml: NVML?
    var status: GPUStatus
    var sampledAt = -1.0
  }

  private let state: Locked<State>

  init(library: String) {
    switch NVML.load(path: library) {
    case .success(let nvml): state = Locked(State(nvml: nvml, status: .devices([])))
    case .failure(let error):
      state = Locked(State(nvml: nil, status: .unavailable(error.description)))
    }
  }

  var status: GPUStatus {
    let now = CPUClock.monotonic()
    return state.withLock { s in
      if let nvml = s.nvml, now - s.sampledAt >= 1 {
        s.status = nvml.sample()
        s.sampledAt = now
      }
      return s.status
    }
  }
}
