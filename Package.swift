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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS", path: "Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "Learning", dependencies: ["COpenBLAS"], swiftSettings: fastMath),
    .target(name: "Assurance", dependencies: ["Learning"], swiftSettings: fastMath),
    .target(name: "Engine", dependencies: ["Learning", "Assurance"]),
    .executableTarget(
      name: "rampart",
      dependencies: [
        "Engine", "Learning", "Assurance",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "LearningTests", dependencies: ["Learning"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AssuranceTests", dependencies: ["Assurance", "Learning"]),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "Learning", "Assurance"]),
  ]
)
