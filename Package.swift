// swift-tools-version: 6.0
import PackageDescription

/// Hot numeric loops (environment steps, dense layers, the monitor's look-ahead) are bounds-checked
/// in debug builds and unchecked in release, where the benchmarks run.
let fastMath: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
  name: "Rampart",
  products: [
    .executable(name: "rampart", targets: ["rampart"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS", path: "Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "Learning", dependencies: ["COpenBLAS"], swiftSettings: fastMath),
    .target(name: "Assurance", dependencies: ["Learning"], swiftSettings: fastMath),
    .target(name: "ConfigFile"),
    .target(name: "Detection", dependencies: ["Learning"]),
    .target(
      name: "DataPipeline",
      dependencies: [
        "ConfigFile", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ], swiftSettings: fastMath),
    .target(name: "Storage", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "Governance",
      dependencies: [
        "Storage", "ConfigFile", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .target(
      name: "Engine",
      dependencies: [
        "Learning", "Assurance", "ConfigFile", "Governance", "Storage", "Detection", "DataPipeline",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .target(name: "Console", dependencies: ["Engine", "Learning", "Governance", "Detection"]),
    .target(name: "ConsoleTesting", dependencies: ["Console"]),
    .systemLibrary(
      name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .target(name: "Terminal", dependencies: ["CNcursesw", "Console"]),
    .executableTarget(
      name: "rampart",
      dependencies: [
        "Engine", "Learning", "Assurance", "Console", "Terminal", "ConfigFile", "Governance",
        "Storage", "Detection", "DataPipeline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "LearningTests", dependencies: ["Learning"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AssuranceTests", dependencies: ["Assurance", "Learning"]),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "Learning", "Assurance"]),
    .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile"]),
    .testTarget(name: "StorageTests", dependencies: ["Storage"]),
    .testTarget(
      name: "DataPipelineTests", dependencies: ["DataPipeline", "ConfigFile"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "DetectionTests", dependencies: ["Detection", "Engine", "Learning"]),
    .testTarget(
      name: "GovernanceTests",
      dependencies: [
        "Governance", "Storage", "ConfigFile", .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .testTarget(
      name: "ConsoleTests",
      dependencies: [
        "Console", "ConsoleTesting", "Engine", "Learning", "Governance", "Detection",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Snapshots"]),
  ]
)
