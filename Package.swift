// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "symdiff",
    products: [
        .library(name: "SymDiff", targets: ["SymDiff"]),
        .executable(name: "symdiff", targets: ["SymDiffCLI"]),
    ],
    targets: [
        .target(name: "SymDiff", swiftSettings: strict),
        .executableTarget(name: "SymDiffCLI", dependencies: ["SymDiff"], swiftSettings: strict),
        .executableTarget(
            name: "SymDiffBenchmarks", dependencies: ["SymDiff"], path: "Benchmarks",
            swiftSettings: strict),
        .testTarget(
            name: "SymDiffTests", dependencies: ["SymDiff", "SymDiffCLI"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
    ]
)
