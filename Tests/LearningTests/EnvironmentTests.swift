import Learning
import Testing

struct EnvironmentTests {
  @Test func capacityEnvironmentChargesAndReportsOvercommit() {
    var env = CapacityEnvironment()
    env.place(hour: 12, allocation: [4, 4, 4])
    #expect(!env.isInBreach)
    let add = 1  // add a unit to service 0: 13 > 12
    #expect(env.allocation(after: add)?.total == 13)
    let outcome = env.step(add)
    #expect(env.isInBreach)
    #expect(outcome.reward < 0)
    var obs = [Float](repeating: 0, count: env.observationSize)
    env.writeObservation(to: &obs)
    #expect(obs[3 * env.serviceCount] < 0)  // free capacity is negative
    env.place(hour: 0, allocation: [1, 4, 4])
    _ = env.step(2)  // remove the last unit of service 0
    #expect(env.isInBreach)
  }

  @Test func capacityEpisodesTruncateAtTheHorizon() {
    var env = CapacityEnvironment()
    var rng = Xoshiro256(seed: 1)
    env.reset(using: &rng)
    var steps = 0
    while true {
      steps += 1
      if env.step(0).isDone { break }
    }
    #expect(steps == env.configuration.horizon)
  }

  @Test func syntheticTracePeaksAboveCapacity() {
    let trace = DemandTrace.synthetic()
    let capacity = 12 * 100.0
    let totals = (0..<trace.hours).map { h in
      (0..<3).reduce(0.0) { $0 + trace.demand(hour: h, service: $1) }
    }
    #expect(totals.max() ?? 0 > capacity)
    #expect(totals.min() ?? .infinity < capacity * 0.6)
  }

  @Test func traceCSVParsesAndRefusesBadRowsWithFileAndLine() throws {
    let good = "hour,web,api,batch\n0,100,200,300\n1,110,210,310\n"
    let trace = try DemandTrace.parseCSV(good, source: "t.csv")
    #expect(trace.services == ["web", "api", "batch"])
    #expect(trace.hours == 2)
    #expect(trace.demand(hour: 1, service: 2) == 310)
    do {
      _ = try DemandTrace.parseCSV(
        "hour,web,api,batch\n0,100,200,300\n1,110,x,310\n", source: "t.csv")
      Issue.record("accepted a bad row")
    } catch {
      #expect(error.description == "t.csv:3: demand \"x\" is not a non-negative number")
    }
    do {
      _ = try DemandTrace.parseCSV("hour,web,api\n0,1\n", source: "u.csv")
      Issue.record("accepted a ragged row")
    } catch {
      #expect(error.description == "u.csv:2: expected 3 fields, found 2")
    }
    #expect(throws: TraceError.self) { try DemandTrace.parseCSV("", source: "e.csv") }
  }
}
