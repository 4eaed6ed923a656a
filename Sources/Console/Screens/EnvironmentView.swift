import Engine
import Foundation
import Learning

/// The selected job's environment drawn from its real state (the first vectorised copy, at the
/// end of the last chunk), with the monitor's latest veto marked.
struct EnvironmentView {
  let detail: JobDetail
  let context: RenderContext

  func render(into grid: inout Grid, area: Rect) {
    guard area.height >= 3, area.width >= 20 else { return }
    let state = detail.liveState
    let (scene, footer) = area.splitBottom(2)
    if state.isEmpty {
      grid.write(
        "waiting for the first chunk…", x: area.x, y: area.y, style: context.theme.muted,
        maxWidth: area.width)
    } else {
      switch detail.spec.environment {
      case .cartpole: renderCartPole(into: &grid, area: scene, state: state)
      case .frozenlake, .frozenlake8x8: renderLake(into: &grid, area: scene, state: state)
      case .capacity: renderCapacity(into: &grid, area: scene, state: state)
      }
    }
    renderLatestVeto(into: &grid, area: footer)
  }

  // MARK: CartPole

  private func renderCartPole(into grid: inout Grid, area: Rect, state: [Double]) {
    guard state.count >= 4, area.height >= 3 else { return }
    let theme = context.theme
    let (x, theta) = (state[0], state[2])
    let limits = (detail.spec.monitor.cartPositionLimit, detail.spec.monitor.poleAngleLimit)
    let trackY = area.maxY - 1
    let width = area.width
    func column(_ position: Double) -> Int {
      area.x
        + Int(
          ((position + CartPole.xThreshold) / (2 * CartPole.xThreshold) * Double(width - 1))
            .rounded())
    }
    let line: Unicode.Scalar = context.glyphs == .ascii ? "=" : "━"
    for cx in area.x..<area.maxX { grid.set(cx, trackY, line, theme.muted) }
    let mark: Unicode.Scalar = context.glyphs == .ascii ? "|" : "┃"
    for limit in [-limits.0, limits.0] { grid.set(column(limit), trackY, mark, theme.danger) }
    let cartX = column(x)
    let body: [Unicode.Scalar] =
      context.glyphs == .ascii ? ["[", "#", "#", "#", "]"] : ["▐", "█", "█", "█", "▌"]
    for (i, s) in body.enumerated() { grid.set(cartX - 2 + i, trackY - 1, s, theme.highlight) }
    // The pole, from the top of the cart at its real angle, in braille dots (2x4 per cell).
    let rows = trackY - 1 - area.y
    guard rows >= 1 else { return }
    let outside = abs(theta) >= limits.1
    let poleStyle = Style(
      foreground: outside ? theme[.danger] : theme[.ok], background: theme[.mainBackground])
    if context.glyphs == .ascii {
      for r in 1...rows {
        let dx = Int((Double(r) * tan(theta) * 2).rounded())
        grid.set(
          cartX + dx, trackY - 1 - r, theta > 0.02 ? "/" : theta < -0.02 ? "\\" : "|", poleStyle)
      }
    } else {
      var dots: [Int: UInt8] = [:]
      let length = Double(rows * 4)
      let baseX = Double(cartX - area.x) * 2 + 1
      let steps = Int(length)
      for k in 0...steps {
        let t = Double(k)
        let dx = Int((baseX + t * sin(theta) * 2 * 0.5).rounded())
        let dy = Int((t * cos(theta)).rounded())
        let cellX = dx / 2
        let cellY = rows - 1 - dy / 4
        guard cellX >= 0, cellX < width, cellY >= 0 else { continue }
        dots[cellY * width + cellX, default: 0] |= Braille.bit(column: dx % 2, row: 3 - dy % 4)
      }
      for (key, bits) in dots {
        grid.set(area.x + key % width, area.y + key / width, Braille.scalar(bits), poleStyle)
      }
    }
    let info = String(
      format: "x %+.3f  θ %+.3f rad  envelope |x|<%.1f |θ|<%.2f", x, theta, limits.0, limits.1)
    grid.write(
      info, x: area.x, y: area.y, style: outside || abs(x) >= limits.0 ? theme.danger : theme.muted,
      maxWidth: area.width)
  }

  // MARK: FrozenLake

  private func renderLake(into grid: inout Grid, area: Rect, state: [Double]) {
    let theme = context.theme
    let map = detail.spec.environment == .frozenlake ? FrozenLake.map4x4 : FrozenLake.map8x8
    let agent = Int(state[0])
    let side = map.count
    let cellWidth = max(2, min(5, area.width / side))
    let cellHeight = area.height >= side * 2 ? 2 : 1
    let left = area.x + max(0, (area.width - side * cellWidth) / 2)
    for (r, row) in map.enumerated() {
      for (c, ch) in row.enumerated() {
        let index = r * side + c
        let y = area.y + r * cellHeight
        guard y < area.maxY else { continue }
        let style: Style
        let label: String
        switch ch {
        case "H": (style, label) = (theme.danger, "H")
        case "G": (style, label) = (theme.ok.with(.bold), "G")
        case "S": (style, label) = (theme.muted, "S")
        default: (style, label) = (theme.muted, context.glyphs == .ascii ? "." : "·")
        }
        let here = index == agent
        let text = Text.fit(
          here ? (context.glyphs == .ascii ? "@" : "◉") : label, width: cellWidth,
          alignment: .center)
        grid.write(
          text, x: left + c * cellWidth, y: y, style: here ? theme.highlight.with(.reverse) : style)
      }
    }
  }

  // MARK: Capacity

  private func renderCapacity(into grid: inout Grid, area: Rect, state: [Double]) {
    let theme = context.theme
    let services = detail.spec.demandTrace?.services ?? ["web", "api", "batch"]
    let n = services.count
    guard state.count >= 1 + 2 * n else { return }
    // The environment's own configuration (a job cannot change it).
    let configuration = CapacityEnvironment.Configuration()
    let capacity = Double(configuration.capacity)
    let unit = configuration.unitThroughput
    let allocation = state[1...n].map { $0 }
    let demand = state[(1 + n)...(2 * n)].map { $0 / unit }
    let total = allocation.reduce(0, +)
    grid.write(
      String(
        format: "hour %d (%02d:00)  allocated %.0f of %.0f units", Int(state[0]),
        Int(state[0]) % 24, total, capacity),
      x: area.x, y: area.y, style: total > capacity ? theme.danger : theme.muted,
      maxWidth: area.width)
    for (i, name) in services.enumerated() where area.y + 1 + i < area.maxY {
      let y = area.y + 1 + i
      let label = Text.fit(name, width: 7)
      grid.write(label, x: area.x, y: y, style: theme.text)
      let barWidth = max(4, area.width - 28)
      let scale = Double(barWidth) / capacity
      let filled = Int((allocation[i] * scale).rounded())
      let needed = Int((demand[i] * scale).rounded())
      for k in 0..<barWidth {
        let isUnit = k < filled
        let scalar: Unicode.Scalar =
          context.glyphs == .ascii ? (isUnit ? "#" : ".") : (isUnit ? "█" : "·")
        let short = !isUnit && k < needed
        grid.set(area.x + 8 + k, y, scalar, short ? theme.warn : isUnit ? theme.ok : theme.muted)
      }
      grid.write(
        String(format: " %2.0f u, need %4.1f", allocation[i], demand[i]), x: area.x + 8 + barWidth,
        y: y,
        style: allocation[i] + 1e-9 < demand[i] ? theme.warn : theme.muted, maxWidth: 20)
    }
  }

  // MARK: Vetoes

  private func renderLatestVeto(into grid: inout Grid, area: Rect) {
    let theme = context.theme
    guard !area.isEmpty else { return }
    let env = detail.spec.environment
    guard let v = detail.recentVetoes.last else {
      let text =
        detail.spec.monitor.mode == .off
        ? "monitor off" : "monitor \(detail.spec.monitor.mode.rawValue): no vetoes yet"
      grid.write(text, x: area.x, y: area.maxY - 1, style: theme.muted, maxWidth: area.width)
      return
    }
    // "As it happens": a veto within the last few thousand steps is marked, older ones fade.
    let fresh = detail.summary.step - v.step < 5_000
    let head = v.enforced ? "VETO" : "WOULD VETO"
    let text =
      "\(head) step \(v.step): proposed \(env.actionName(v.proposed))"
      + (v.enforced ? ", substituted \(env.actionName(v.substituted))" : ", executed anyway")
      + " · \(v.rule)"
    grid.write(
      text, x: area.x, y: area.maxY - 1, style: fresh ? theme.danger.with(.reverse) : theme.warn,
      maxWidth: area.width)
  }
}
