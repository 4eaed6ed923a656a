import Console
import ConsoleTesting
import Engine
import Foundation
import Learning
import Testing

/// Whole screens rendered from fixed engine data and compared with stored snapshots; keys
/// driven through the app as the terminal would deliver them.
@Suite(.serialized)
struct ScreenTests {
  let engine: Engine
  let snapshot: EngineSnapshot
  let details: [JobDetail]

  init() throws {
    (engine, snapshot, details) = try ScreenFixtures.completedJobs()
  }

  func data(_ app: ConsoleApp, selected index: Int) -> FrameData {
    FrameData(snapshot: snapshot, detail: details[index])
  }

  func render(_ app: ConsoleApp, selecting index: Int = 0, width: Int = 160, height: Int = 48)
    -> Grid
  {
    app.select(details[index].summary.id)
    return app.render(data(app, selected: index), width: width, height: height)
  }

  @Test func overview() {
    assertSnapshot(render(ScreenFixtures.app(engine)), named: "screen-overview")
  }

  @Test func overviewInASCII() {
    let app = ScreenFixtures.app(engine)
    app.context.glyphs = .ascii
    let grid = render(app, selecting: 1)
    assertSnapshot(grid, named: "screen-overview-ascii")
    #expect(grid.text.unicodeScalars.allSatisfy { $0.isASCII || $0 == "\n" })
  }

  @Test(arguments: [0, 1, 2])
  func jobDetail(index: Int) {
    let app = ScreenFixtures.app(engine)
    _ = render(app, selecting: index)
    _ = app.handle(.enter)
    #expect(app.screen == .job)
    let grid = app.render(data(app, selected: index), width: 160, height: 48)
    assertSnapshot(grid, named: "screen-job-\(details[index].spec.environment.rawValue)")
  }

  @Test func helpOverlayListsEveryBinding() {
    let app = ScreenFixtures.app(engine)
    _ = app.handle(.character("?"))
    let grid = render(app, width: 160, height: 60)
    assertSnapshot(grid, named: "screen-help")
    // The list scrolls (j) to its end.
    var text = grid.text
    for _ in 0..<60 {
      _ = app.handle(.character("j"))
      text += render(app, width: 160, height: 60).text
    }
    for section in KeyMap.sections {
      for binding in section.bindings {
        #expect(text.contains(binding.action), "help is missing \(binding.action)")
      }
    }
    _ = app.handle(.escape)
    #expect(!render(app).text.contains("Esc to close"))
  }

  /// At 80x24 the help pages with End/Home and PgDn/PgUp (the render clamps to the last page).
  @Test func helpOverlayPages() throws {
    let app = ScreenFixtures.app(engine)
    _ = app.handle(.character("?"))
    // The second binding: the first one's text is cut at 80 columns.
    let first = try #require(KeyMap.sections.first?.bindings.dropFirst().first?.action)
    let last = try #require(KeyMap.sections.last?.bindings.last?.action)
    #expect(render(app, width: 80, height: 24).text.contains(first))
    _ = app.handle(.end)
    let end = render(app, width: 80, height: 24).text
    #expect(end.contains(last) && !end.contains(first))
    _ = app.handle(.pageUp)
    #expect(render(app, width: 80, height: 24).text != end)
    _ = app.handle(.home)
    #expect(render(app, width: 80, height: 24).text.contains(first))
    _ = app.handle(.pageDown)
    #expect(!render(app, width: 80, height: 24).text.contains(first))
  }

  @Test func tooSmallTerminal() {
    let app = ScreenFixtures.app(engine)
    let grid = app.render(FrameData(snapshot: snapshot, detail: nil), width: 40, height: 12)
    assertSnapshot(grid, named: "screen-too-small")
    // q still quits on the too-small screen (every job in the snapshot has finished).
    #expect(app.handle(.character("q")) == .quit)
  }

  @Test func newJobFormSubmitsThroughTheEngineAsThePrincipal() throws {
    let fresh = try ScreenFixtures.engine()
    let app = ScreenFixtures.app(fresh)
    _ = app.handle(.character("n"))
    assertSnapshot(
      app.render(
        FrameData(snapshot: try fresh.snapshot(as: "alice"), detail: nil), width: 120, height: 30),
      named: "screen-new-job")
    _ = app.handle(.right)  // environment → frozenlake
    _ = app.handle(.tab)
    _ = app.handle(.right)  // algorithm → q-learning
    _ = app.handle(.tab)
    _ = app.handle(.backspace)
    _ = app.handle(.character("7"))  // seed 7
    _ = app.handle(.tab)
    for _ in 0..<7 { _ = app.handle(.backspace) }
    for c in "5000" { _ = app.handle(.character(c)) }
    _ = app.handle(.enter)
    let jobs = try fresh.snapshot(as: "alice").jobs
    #expect(jobs.count == 1)
    let job = try #require(jobs.first)
    #expect(job.environment == .frozenlake)
    #expect(job.algorithm == .qlearning)
    #expect(job.budget == 5000)
    #expect(job.owner == "alice")
    _ = try fresh.wait(for: job.id, timeout: 60, as: "alice")
  }

  @Test func invalidFormInputIsRefusedInTheForm() throws {
    let fresh = try ScreenFixtures.engine()
    let app = ScreenFixtures.app(fresh)
    _ = app.handle(.character("n"))
    _ = app.handle(.tab)
    _ = app.handle(.right)  // q-learning on cartpole
    _ = app.handle(.enter)
    let grid = app.render(
      FrameData(snapshot: try fresh.snapshot(as: "alice"), detail: nil), width: 120, height: 30)
    #expect(grid.text.contains("q-learning needs a discrete-state environment"))
    #expect(try fresh.snapshot(as: "alice").jobs.isEmpty)
  }

  @Test func keysMoveFilterSortAndSwitchScreens() {
    let app = ScreenFixtures.app(engine)
    _ = app.render(FrameData(snapshot: snapshot, detail: nil), width: 160, height: 48)
    // Sorted by id: capacity (…CAPA03), cartpole (…CART01), lake (…FR0Z02).
    #expect(app.selectedJobID == details[2].summary.id)
    _ = app.handle(.character("j"))
    #expect(app.selectedJobID == details[0].summary.id)
    _ = app.handle(.up)
    #expect(app.selectedJobID == details[2].summary.id)
    _ = app.handle(.end)
    #expect(app.selectedJobID == details[1].summary.id)
    _ = app.handle(.character("2"))
    #expect(app.screen == .job)
    _ = app.handle(.escape)
    #expect(app.screen == .overview)
    _ = app.handle(.character("/"))
    for c in "lake" { _ = app.handle(.character(c)) }
    _ = app.handle(.enter)
    let filtered = render(app, selecting: 1)
    #expect(filtered.text.contains("lake-q"))
    #expect(!filtered.text.contains("cartpole-ppo"))
    _ = app.handle(.escape)  // clears the filter
    #expect(render(app).text.contains("cartpole-ppo"))
    _ = app.run(command: "sort step desc")
    let sorted = render(app)
    let lakeRow = sorted.text.range(of: "lake-q")
    let cartRow = sorted.text.range(of: "cartpole-ppo")
    #expect(lakeRow.map { l in cartRow.map { l.lowerBound < $0.lowerBound } ?? false } == true)
    _ = app.run(command: "frobnicate")
    #expect(render(app).text.contains("unknown command :frobnicate"))
  }

  @Test func themesSwitchLiveAndBadNamesAreReported() throws {
    let app = ScreenFixtures.app(engine)
    app.themes = ThemeLibrary(searchPaths: [ScreenFixtures.themesFolder])
    _ = app.run(command: "theme light")
    #expect(app.context.theme.name == "light")
    #expect(app.context.theme[.mainBackground] != Theme.fallback[.mainBackground])
    _ = app.run(command: "theme no-such-theme")
    #expect(app.context.theme.name == "light")
    #expect(render(app).text.contains("no-such-theme"))
  }

  @Test func monochromeSelectsByReverseVideo() {
    let app = ScreenFixtures.app(engine)
    app.context.theme = Theme.fallback.monochrome
    let grid = render(app)
    let row = (0..<grid.height).first { grid.line($0).contains("cartpole-ppo") } ?? 0
    #expect(grid[5, row].style.attributes.contains(.reverse))
    #expect(
      grid.cells.allSatisfy {
        $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault
      })
  }

  @Test func quitAsksWhileJobsRun() throws {
    let fresh = try ScreenFixtures.engine()
    let app = ScreenFixtures.app(fresh)
    #expect(app.handle(.character("q")) == .quit)
    let id = try fresh.submit(
      JobSpec(environment: .cartpole, algorithm: .ppo, steps: 10_000_000, monitor: .off),
      as: "alice")
    _ = app.frame(width: 120, height: 30)
    #expect(app.handle(.character("q")) == .none)
    #expect(app.frame(width: 120, height: 30).text.contains("quit and stop it? y/n"))
    #expect(app.handle(.character("n")) == .none)
    _ = app.handle(.character("s"))
    _ = app.handle(.character("y"))  // stop the selected job through the engine
    #expect(try fresh.wait(for: id, timeout: 30, as: "alice") == .stopped)
    _ = app.frame(width: 120, height: 30)
    #expect(app.handle(.character("q")) == .quit)
  }

  @Test func mouseClickSelectsARow() {
    let app = ScreenFixtures.app(engine)
    let grid = render(app)
    let row = (0..<grid.height).first { grid.line($0).contains("capacity-observe") } ?? 0
    _ = app.handle(.mouse(MouseEvent(x: 10, y: row, kind: .press)))
    #expect(app.selectedJobID == details[2].summary.id)
    // A click on the first tab (Overview) keeps the Overview.
    _ = app.handle(.mouse(MouseEvent(x: 5, y: 0, kind: .press)))
    #expect(app.screen == .overview)
  }
}
