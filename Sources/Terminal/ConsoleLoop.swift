import Console
import Foundation

/// The console's run loop on the calling thread: draw a frame, wait for a key until the next
/// frame is due, handle it and redraw at once (so a key shows within one refresh interval).
public enum ConsoleLoop {
  /// Figures of a finished session.
  public struct Statistics: Sendable {
    public var frames = 0
    public var changedCells = 0
    public var seconds = 0.0
    /// CPU time of the console's own thread (frames, snapshots, ncurses), not the training.
    public var cpuSeconds = 0.0

    public var cpuPercent: Double { seconds > 0 ? 100 * cpuSeconds / seconds : 0 }
  }

  /// Runs until the app asks to quit; `stopAfter` ends it after that many seconds (for tests and
  /// CPU measurements).
  @discardableResult
  public static func run(
    app: ConsoleApp, screen: TerminalScreen, refreshMs: Int, stopAfter: Double? = nil
  ) -> Statistics {
    var stats = Statistics()
    let start = Date()
    let cpuStart = threadCPU()
    var nextFrame = Date()
    let interval = Double(refreshMs) / 1000
    while true {
      let size = screen.size
      let grid = app.frame(width: size.width, height: size.height)
      stats.changedCells += screen.draw(grid)
      stats.frames += 1
      if Date() >= nextFrame { nextFrame = Date().addingTimeInterval(interval) }
      // Wait for a key until the next frame is due; a key is handled and drawn at once.
      if let key = screen.readKey(timeoutMs: max(0, Int(nextFrame.timeIntervalSinceNow * 1000))) {
        let effect = app.handle(key)
        if effect == .quit { break }
        if effect == .redraw { screen.invalidate() }
      }
      if let stopAfter, Date().timeIntervalSince(start) >= stopAfter { break }
    }
    stats.seconds = Date().timeIntervalSince(start)
    stats.cpuSeconds = threadCPU() - cpuStart
    return stats
  }

  private static func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}
