import Engine
import Foundation
import Testing

struct TelemetryTests {
  /// A stand-in for libnvidia-ml with one device and one process, compiled by the test.
  static let fakeNVML = """
    #include <string.h>
    typedef struct { unsigned int gpu, memory; } util_t;
    typedef struct { unsigned long long total, free, used; } mem_t;
    typedef struct { unsigned int pid; unsigned long long used; unsigned int gi, ci; } proc_t;
    int nvmlInit_v2(void) { return 0; }
    int nvmlShutdown(void) { return 0; }
    int nvmlDeviceGetCount_v2(unsigned int *n) { *n = 1; return 0; }
    int nvmlDeviceGetHandleByIndex_v2(unsigned int i, void **d) { *d = (void *)0x1; return i == 0 ? 0 : 2; }
    int nvmlDeviceGetName(void *d, char *name, unsigned int len) { strncpy(name, "Fake GPU 9000", len); return 0; }
    int nvmlDeviceGetUtilizationRates(void *d, util_t *u) { u->gpu = 37; u->memory = 12; return 0; }
    int nvmlDeviceGetMemoryInfo(void *d, mem_t *m) { m->total = 8ull << 30; m->used = 1ull << 30; m->free = 7ull << 30; return 0; }
    int nvmlDeviceGetComputeRunningProcesses_v3(void *d, unsigned int *count, proc_t *p) {
      if (p == 0 || *count < 2) { *count = 2; return 7; }
      p[0].pid = 4242; p[0].used = 512ull << 20;
      p[1].pid = 77; p[1].used = 0xFFFFFFFFFFFFFFFFull;
      *count = 2; return 0;
    }
    """

  static func buildFake() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-nvml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let source = dir.appendingPathComponent("fake.c")
    let library = dir.appendingPathComponent("libnvidia-ml.so.1")
    try fakeNVML.write(to: source, atomically: true, encoding: .utf8)
    let cc = Process()
    cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    cc.arguments = ["cc", "-shared", "-fPIC", "-o", library.path, source.path]
    try cc.run()
    cc.waitUntilExit()
    #expect(cc.terminationStatus == 0)
    return library.path
  }

  @Test func nvmlLoaderReadsDevicesAndProcesses() throws {
    let path = try Self.buildFake()
    let nvml = try NVML.load(path: path).get()
    let status = nvml.sample()
    let device = try #require(status.devices.first)
    #expect(device.name == "Fake GPU 9000")
    #expect(device.utilizationPercent == 37)
    #expect(device.memoryTotalBytes == 8 << 30)
    #expect(device.memoryUsedBytes == 1 << 30)
    #expect(
      device.processes == [
        GPUProcess(pid: 4242, usedMemoryBytes: 512 << 20),
        GPUProcess(pid: 77, usedMemoryBytes: nil),
      ])
    #expect(status.usage(ofProcess: 4242).first?.bytes == 512 << 20)
    #expect(status.usage(ofProcess: 1).isEmpty)
  }

  @Test func engineShowsTheDevicePanelButNoGPUForInProcessJobs() throws {
    var c = EngineConfiguration()
    c.nvmlLibrary = try Self.buildFake()
    let e = try Engine.temporary(principals: ["bob": ["data-scientist"]], configuration: c)
    let snapshot = try e.snapshot(as: .system)
    #expect(snapshot.gpu.devices.count == 1)
    let id = try e.submit(
      JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 1000), as: "bob")
    _ = try e.wait(for: id, timeout: 60, as: "bob")
    #expect(try e.snapshot(as: .system).jobs.first?.gpu == JobGPU.none)
  }

  @Test func missingLibraryIsReportedNotFatal() throws {
    guard case .failure(let error) = NVML.load(path: "/nonexistent/libnvidia-ml.so.1") else {
      Issue.record("loaded a library that does not exist")
      return
    }
    #expect(error.description.hasPrefix("no GPU: NVML not loaded (/nonexistent/libnvidia-ml.so.1"))
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    guard
      case .unavailable(let why) = try Engine.temporary(principals: [:], configuration: c).snapshot(
        as: .system
      ).gpu
    else {
      Issue.record("expected no GPU")
      return
    }
    #expect(why.contains("NVML not loaded"))
  }

  @Test func threadCPUClockAdvancesWithWork() {
    let start = CPUClock.thread()
    var x = 0.0
    for i in 0..<3_000_000 { x += Double(i).squareRoot() }
    #expect(x > 0)
    #expect(CPUClock.thread() > start)
  }

  @Test func seriesStayBoundedAndCoverTheRun() {
    var s = MetricSeries(capacity: 64)
    for i in 0..<10_000 { s.append(step: i, value: Double(i)) }
    #expect(s.count < 64)
    #expect(s.points.first.map { $0.step < 200 } == true)
    #expect(s.points.last.map { $0.step > 9_000 } == true)
    #expect(s.latest == 9_999)
    var r = RingBuffer<Int>(capacity: 3)
    for i in 1...5 { r.append(i) }
    #expect(r.elements == [3, 4, 5])
    #expect(r.last == 5)
  }

  @Test func jobIDsAreULIDs() {
    let ids = (0..<1000).map { _ in JobID.generate() }
    #expect(Set(ids).count == 1000)
    for id in ids {
      #expect(id.rawValue.count == 26)
      #expect(JobID(id.rawValue.lowercased()) == id)
    }
    #expect(JobID("not-a-ulid") == nil)
    let early = JobID.generate(now: Date(timeIntervalSince1970: 1_000_000))
    let late = JobID.generate(now: Date(timeIntervalSince1970: 2_000_000))
    #expect(early < late)
  }
}
