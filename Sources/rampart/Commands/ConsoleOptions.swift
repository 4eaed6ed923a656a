import ArgumentParser
import Console
import Engine
import Foundation
import Terminal

/// Options shared by `rampart console` and `rampart demo`.
struct ConsoleOptions: ParsableArguments {
  @Option(help: "Theme name (in themes/) or path to a .theme file.")
  var theme = "default"
  @Option(help: "Milliseconds between frames (50–5000).")
  var refreshMs = 250
  @Flag(help: "Enable the mouse (clicks and wheel); off by default so text selection works.")
  var mouse = false
  @Flag(help: "Use ASCII instead of braille and box drawing.")
  var ascii = false
  @Option(
    help: ArgumentHelp(
      "Quit after this many seconds and print the console's own CPU use.", visibility: .hidden))
  var measureSeconds: Double?

  func validate() throws {
    guard (50...5000).contains(refreshMs) else {
      throw ValidationError("--refresh-ms must be between 50 and 5000")
    }
  }

  var themeLibrary: ThemeLibrary {
    ThemeLibrary(
      searchPaths: ThemeLibrary.defaultSearchPaths(
        environment: ProcessInfo.processInfo.environment, executablePath: executablePath(),
        currentDirectory: FileManager.default.currentDirectoryPath))
  }

  /// Loads the theme before the terminal opens, so a bad theme is a one-line error.
  func loadTheme() throws -> Theme {
    do {
      return try themeLibrary.load(theme)
    } catch {
      throw UsageError(error.description)
    }
  }

  /// Opens the terminal, runs the console until it quits, and restores the terminal.
  func run(_ app: ConsoleApp, theme: Theme) throws {
    let screen: TerminalScreen
    do {
      screen = try TerminalScreen(options: .init(mouse: mouse))
    } catch {
      throw CommandFailure(description: error.description)
    }
    app.context = RenderContext(
      theme: screen.depth == .monochrome ? theme.monochrome : theme,
      glyphs: ascii || !screen.isUTF8 ? .ascii : .unicode)
    app.themes = themeLibrary
    app.refreshMs = refreshMs
    let stats = ConsoleLoop.run(
      app: app, screen: screen, refreshMs: refreshMs, stopAfter: measureSeconds)
    screen.close()
    if measureSeconds != nil {
      say(
        String(
          format:
            "console: %d frames in %.1f s, %.3f s CPU on its own thread = %.2f%% of one core, %d cells written",
          stats.frames, stats.seconds, stats.cpuSeconds, stats.cpuPercent, stats.changedCells))
    }
  }
}

/// The running executable's absolute path.
func executablePath() -> String {
  let path = CommandLine.arguments.first ?? "rampart"
  if path.hasPrefix("/") { return path }
  if path.contains("/") { return FileManager.default.currentDirectoryPath + "/" + path }
  return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? path
}

/// The folders that may hold Rampart's `demo/` and `themes/`: the current directory, the
/// repository the executable was built in, and `<prefix>/share/rampart`.
func resourceRoots() -> [String] {
  var roots = [FileManager.default.currentDirectoryPath]
  let exe = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
  var dir = exe
  while dir.path != "/" {
    if dir.lastPathComponent == ".build" {
      roots.append(dir.deletingLastPathComponent().path)
      break
    }
    dir = dir.deletingLastPathComponent()
  }
  roots.append(exe.deletingLastPathComponent().appendingPathComponent("share/rampart").path)
  return roots
}
