#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// CPU clocks, for honest per-job and per-process CPU figures.
public enum CPUClock {
  /// CPU time consumed by the calling thread, in seconds (`CLOCK_THREAD_CPUTIME_ID`).
  public static func thread() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }
  /// CPU time consumed by the whole process, in seconds.
  public static func process() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }
  /// Monotonic wall time, in seconds.
  public static func monotonic() -> Double { read(CLOCK_MONOTONIC) }

  private static func read(_ clock: clockid_t) -> Double {
    var ts = timespec()
    guard clock_gettime(clock, &ts) == 0 else { return 0 }
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}
