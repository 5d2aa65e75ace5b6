// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]
/// The engine is value types passed `inout`; static exclusivity checking covers them, and the
/// dynamic checks cost about 8% of differentiation time in release builds.
let engine: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// The libFuzzer targets (`scripts/fuzz.sh`): each defines `LLVMFuzzerTestOneInput`, and without
/// `-DSYMDIFF_FUZZING` also a `main` that runs the files named on its command line, so a plain
/// `swift build` links them without libFuzzer.
/// `FuzzArguments` runs the command line in-process, so it links `SymDiffCommand` as well.
let fuzzTargets: [Target] = ["FuzzParse", "FuzzRoundTrip", "FuzzVerify", "FuzzPoints", "FuzzArguments"].map { name in
    .executableTarget(
        name: name, dependencies: ["SymDiff", "SymDiffVerify", "FuzzSupport"] + (name == "FuzzArguments" ? ["SymDiffCommand"] : []),
        path: "Fuzz/\(name)", swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "symdiff",
    products: [
        .library(name: "SymDiff", targets: ["SymDiff"]),
        .library(name: "SymDiffVerify", targets: ["SymDiffVerify", "SymDiffAutodiff"]),
        .executable(name: "symdiff", targets: ["SymDiffCLI"]),
    ],
    targets: [
        .target(name: "SymDiff", dependencies: ["CVectorMath"], swiftSettings: engine),
        .target(
            name: "CVectorMath", dependencies: ["CVectorMathAVX2"],
            cSettings: [.unsafeFlags(["-Wall", "-Wextra", "-Werror"])], linkerSettings: [.linkedLibrary("m")]),
        /// Only code that CVectorMath calls after its CPU check: built for AVX2 throughout, so
        /// that libmvec's ymm-register calling convention holds.
        .target(
            name: "CVectorMathAVX2", cSettings: [.unsafeFlags(["-mavx2", "-mfma", "-mpclmul", "-Wall", "-Wextra", "-Werror"])],
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        /// The independent derivative check: automatic differentiation with its own rules.
        .target(name: "SymDiffAutodiff", dependencies: ["SymDiff"], swiftSettings: strict),
        /// The two-way check of values (symbolic against autodiff), with a status per point.
        .target(name: "SymDiffVerify", dependencies: ["SymDiff", "SymDiffAutodiff", "CVectorMath"], swiftSettings: strict),
        /// Everything the command line does, from argv to output and exit status, as a library
        /// that tests and fuzz targets can link (an executable target cannot be linked).
        .target(name: "SymDiffCommand", dependencies: ["SymDiff", "SymDiffVerify"], swiftSettings: strict),
        /// The `symdiff` executable: runs `SymDiffCommand` on a thread with a large stack.
        .executableTarget(name: "SymDiffCLI", dependencies: ["SymDiff", "SymDiffCommand", "CVectorMath"], swiftSettings: strict),
        .executableTarget(
            name: "SymDiffBenchmarks", dependencies: ["SymDiff", "CVectorMath", "HandFused"],
            path: "Benchmarks/SymDiffBenchmarks", swiftSettings: strict),
        /// The benchmarks' reference: hand-fused loops over glibc's AVX2 vector math.
        .target(
            name: "HandFused", path: "Benchmarks/HandFused",
            cSettings: [.unsafeFlags(["-mavx2", "-mfma", "-Wall", "-Wextra", "-Werror"])],
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        .testTarget(
            name: "SymDiffTests", dependencies: ["SymDiff", "SymDiffAutodiff", "SymDiffVerify", "SymDiffCommand", "CVectorMath"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: strict),
    ] + fuzzTargets
)
