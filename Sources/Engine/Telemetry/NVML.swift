import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One GPU as NVML reports it.
public struct GPUDevice: Sendable, Hashable, Codable {
  public var index: Int
  public var name: String
  /// Percent of time a kernel ran over the last sample period (nil: NVML could not read it).
  public var utilizationPercent: Int?
  /// Memory in use and in all (nil: NVML could not read it).
  public var memoryUsedBytes: UInt64?
  public var memoryTotalBytes: UInt64?
  /// Processes with a compute context on this device.
  public var processes: [GPUProcess]
}

/// A process's use of one GPU.
public struct GPUProcess: Sendable, Hashable, Codable {
  public var pid: Int32
  public var usedMemoryBytes: UInt64?

  public init(pid: Int32, usedMemoryBytes: UInt64?) {
    self.pid = pid
    self.usedMemoryBytes = usedMemoryBytes
  }
}

/// What the host's GPUs are doing, or why there is nothing to show.
public enum GPUStatus: Sendable, Hashable, Codable {
  case devices([GPUDevice])
  case unavailable(String)

  public var devices: [GPUDevice] {
    if case .devices(let d) = self { return d }
    return []
  }

  /// This process's memory on each device it uses (per-process accounting).
  public func usage(ofProcess pid: Int32) -> [(device: Int, bytes: UInt64?)] {
    devices.flatMap { d in
      d.processes.filter { $0.pid == pid }.map { (d.index, $0.usedMemoryBytes) }
    }
  }
}

/// NVML loaded at run time with `dlopen`, so Rampart needs no NVIDIA library to build or run.
///
/// An instance owns its handle and is used from one thread at a time (the engine's telemetry
/// lock).
public final class NVML: @unchecked Sendable {
  public static let defaultLibrary = "libnvidia-ml.so.1"

  private typealias InitFn = @convention(c) () -> Int32
  private typealias CountFn = @convention(c) (UnsafeMutablePointer<UInt32>) -> Int32
  private typealias HandleFn =
    @convention(c) (UInt32, UnsafeMutablePointer<OpaquePointer?>) -> Int32
  private typealias NameFn =
    @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>, UInt32) -> Int32
  private typealias BufferFn = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer) -> Int32
  private typealias ProcessesFn =
    @convention(c) (
      OpaquePointer?, UnsafeMutablePointer<UInt32>, UnsafeMutableRawPointer?
    ) -> Int32

  private let handle: UnsafeMutableRawPointer
  private let shutdown: InitFn
  private let count: CountFn
  private let deviceHandle: HandleFn
  private let name: NameFn
  private let utilization: BufferFn
  private let memory: BufferFn
  private let processes: ProcessesFn?
  /// Bytes per `nvmlProcessInfo_t` for the process call that was found (v3/v2: 24, v1: 16).
  private let processInfoSize: Int

  /// Loads NVML from `path` and initialises it; nil with the reason when that fails.
  public static func load(path: String = defaultLibrary) -> Result<NVML, NVMLError> {
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "not found"
      return .failure(.notLoaded("\(path): \(reason)"))
    }
    func symbol<T>(_ names: [String], as type: T.Type) -> (T, String)? {
      for n in names {
        if let s = dlsym(handle, n) { return (unsafeBitCast(s, to: type), n) }
      }
      return nil
    }
    guard let (initialise, _) = symbol(["nvmlInit_v2", "nvmlInit"], as: InitFn.self),
      let (shutdown, _) = symbol(["nvmlShutdown"], as: InitFn.self),
      let (count, _) = symbol(["nvmlDeviceGetCount_v2", "nvmlDeviceGetCount"], as: CountFn.self),
      let (deviceHandle, _) = symbol(
        ["nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex"], as: HandleFn.self),
      let (name, _) = symbol(["nvmlDeviceGetName"], as: NameFn.self),
      let (utilization, _) = symbol(["nvmlDeviceGetUtilizationRates"], as: BufferFn.self),
      let (memory, _) = symbol(["nvmlDeviceGetMemoryInfo"], as: BufferFn.self)
    else {
      dlclose(handle)
      return .failure(.notLoaded("\(path): an NVML function is missing"))
    }
    let code = initialise()
    guard code == 0 else {
      dlclose(handle)
      return .failure(.call("nvmlInit", code))
    }
    let process = symbol(
      [
        "nvmlDeviceGetComputeRunningProcesses_v3", "nvmlDeviceGetComputeRunningProcesses_v2",
        "nvmlDeviceGetComputeRunningProcesses",
      ], as: ProcessesFn.self)
    return .success(
      NVML(
        handle: handle, shutdown: shutdown, count: count, deviceHandle: deviceHandle, name: name,
        utilization: utilization, memory: memory, processes: process?.0,
        processInfoSize: process?.1.hasSuffix("Processes") == true ? 16 : 24))
  }

  private init(
    handle: UnsafeMutableRawPointer, shutdown: @escaping InitFn, count: @escaping CountFn,
    deviceHandle: @escaping HandleFn, name: @escaping NameFn, utilization: @escaping BufferFn,
    memory: @escaping BufferFn, processes: ProcessesFn?, processInfoSize: Int
  ) {
    self.handle = handle
    self.shutdown = shutdown
    self.count = count
    self.deviceHandle = deviceHandle
    self.name = name
    self.utilization = utilization
    self.memory = memory
    self.processes = processes
    self.processInfoSize = processInfoSize
  }

  deinit {
    _ = shutdown()
    dlclose(handle)
  }

  /// Reads every device once.
  public func sample() -> GPUStatus {
    var n: UInt32 = 0
    let code = count(&n)
    guard code == 0 else {
      return .unavailable(NVMLError.call("nvmlDeviceGetCount", code).description)
    }
    var devices: [GPUDevice] = []
    for i in 0..<n {
      var device: OpaquePointer?
      guard deviceHandle(i, &device) == 0 else { continue }
      var nameBuffer = [CChar](repeating: 0, count: 96)
      let deviceName =
        name(device, &nameBuffer, UInt32(nameBuffer.count)) == 0
        ? String(
          decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        : "GPU \(i)"
      // nvmlUtilization_t { unsigned gpu, memory }; nvmlMemory_t { unsigned long long total, free, used }.
      var rates = (UInt32(0), UInt32(0))
      let utilOK =
        withUnsafeMutableBytes(of: &rates) { raw in
          raw.baseAddress.map { utilization(device, $0) } ?? -1
        } == 0
      var mem = (UInt64(0), UInt64(0), UInt64(0))
      let memOK =
        withUnsafeMutableBytes(of: &mem) { raw in
          raw.baseAddress.map { memory(device, $0) } ?? -1
        } == 0
      devices.append(
        GPUDevice(
          index: Int(i), name: deviceName, utilizationPercent: utilOK ? Int(rates.0) : nil,
          memoryUsedBytes: memOK ? mem.2 : nil, memoryTotalBytes: memOK ? mem.0 : nil,
          processes: runningProcesses(device)))
    }
    return .devices(devices)
  }

  private func runningProcesses(_ device: OpaquePointer?) -> [GPUProcess] {
    guard let processes else { return [] }
    var capacity: UInt32 = 0
    // The first call sizes the list (NVML_ERROR_INSUFFICIENT_SIZE = 7 when there are any).
    let first = processes(device, &capacity, nil)
    guard first == 0 || first == 7, capacity > 0 else { return [] }
    capacity += 4  // processes may start between the two calls
    let stride = processInfoSize
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(capacity) * stride, alignment: 8)
    defer { buffer.deallocate() }
    var filled = capacity
    guard processes(device, &filled, buffer) == 0 else { return [] }
    let notAvailable = UInt64.max  // NVML_VALUE_NOT_AVAILABLE
    return (0..<Int(filled)).map { k in
      let pid = buffer.load(fromByteOffset: k * stride, as: UInt32.self)
      let used = buffer.load(fromByteOffset: k * stride + 8, as: UInt64.self)
      return GPUProcess(
        pid: Int32(bitPattern: pid), usedMemoryBytes: used == notAvailable ? nil : used)
    }
  }
}

/// Why NVML could not be used.
public enum NVMLError: Error, Sendable, CustomStringConvertible {
  case notLoaded(String)
  case call(String, Int32)

  public var description: String {
    switch self {
    case .notLoaded(let why): "no GPU: NVML not loaded (\(why))"
    case .call(let fn, let code): "no GPU: \(fn) returned NVML error \(code)"
    }
  }
}
