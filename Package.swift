// swift-tools-version: 6.2
import PackageDescription

/// Warnings are errors when symdiff is the package being built (SwiftPM ignores these
/// settings in a package used as a dependency, so they cannot break a user's build; no target
/// of a product uses `unsafeFlags`, which SwiftPM refuses in a versioned dependency).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let strictC: [CSetting] = [.enableWarning("all"), .enableWarning("extra"), .treatAllWarnings(as: .error)]

/// The libFuzzer targets (`scripts/fuzz.sh`): each defines `LLVMFuzzerTestOneInput`, and without
/// `-DSYMDIFF_FUZZING` also a `main` that runs the files named on its command line, so a plain
/// `swift build` links them without libFuzzer.
/// `FuzzArguments` runs the command line in-process, so it links `SymDiffCommand` as well.
let fuzzTargets: [Target] = ["FuzzParse", "FuzzRoundTrip", "FuzzVerify", "FuzzPoints", "FuzzArguments"].map { name in
    .executableTarget(
        name: name, dependencies: ["SymDiff", "SymDiffIO", "SymDiffVerify", "FuzzSupport"] + (name == "FuzzArguments" ? ["SymDiffCommand"] : []),
        path: "Fuzz/\(name)", swiftSettings: strict)
}

let package = Package(
    name: "symdiff",
    products: [
        .library(name: "SymDiff", targets: ["SymDiff", "SymDiffIO"]),
        .library(name: "SymDiffVerify", targets: ["SymDiffVerify", "SymDiffAutodiff"]),
        .executable(name: "symdiff", targets: ["SymDiffCLI"]),
    ],
    targets: [
        .target(name: "SymDiff", dependencies: ["CVectorMath"], swiftSettings: strict),
        /// Points in and values out: the point specifications and readers (CSV, .npy, .npz with
        /// its DEFLATE), and the output files (CSV, JSON, .npy, .npz, atomic writes).
        .target(name: "SymDiffIO", dependencies: ["SymDiff", "CVectorMath", "CSystemCalls"], swiftSettings: strict),
        /// System calls glibc's Swift overlay lacks (`sync_file_range`).
        .target(name: "CSystemCalls", cSettings: strictC),
        .target(name: "CVectorMath", dependencies: ["CVectorMathAVX2"], cSettings: strictC, linkerSettings: [.linkedLibrary("m")]),
        /// Only code that CVectorMath calls after its CPU check: every function is compiled for
        /// AVX2 (a `#pragma clang attribute` at the top of each file, so that libmvec's
        /// ymm-register calling convention holds) without a target-wide `-mavx2` flag.
        .target(name: "CVectorMathAVX2", cSettings: strictC, linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        /// The independent derivative check: automatic differentiation with its own rules.
        .target(name: "SymDiffAutodiff", dependencies: ["SymDiff"], swiftSettings: strict),
        /// The two-way check of values (symbolic against autodiff), with a status per point.
        .target(name: "SymDiffVerify", dependencies: ["SymDiff", "SymDiffIO", "SymDiffAutodiff", "CVectorMath"], swiftSettings: strict),
        /// Everything the command line does, from argv to output and exit status, as a library
        /// that tests and fuzz targets can link (an executable target cannot be linked).
        .target(name: "SymDiffCommand", dependencies: ["SymDiff", "SymDiffIO", "SymDiffVerify"], swiftSettings: strict),
        /// The `symdiff` executable: runs `SymDiffCommand` on a thread with a large stack.
        .executableTarget(name: "SymDiffCLI", dependencies: ["SymDiff", "SymDiffCommand", "CVectorMath"], swiftSettings: strict),
        .executableTarget(
            name: "SymDiffBenchmarks", dependencies: ["SymDiff", "SymDiffIO", "CVectorMath", "HandFused"],
            path: "Benchmarks/SymDiffBenchmarks", swiftSettings: strict),
        /// The benchmarks' reference: hand-fused loops over glibc's AVX2 vector math, called
        /// directly, so built with -mavx2 (the one unsafe flag: no product contains this target,
        /// so a package that depends on symdiff never builds it).
        .target(
            name: "HandFused", path: "Benchmarks/HandFused",
            cSettings: strictC + [.unsafeFlags(["-mavx2", "-mfma"])],
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        .testTarget(
            name: "SymDiffTests", dependencies: ["SymDiff", "SymDiffIO", "SymDiffAutodiff", "SymDiffVerify", "SymDiffCommand", "CVectorMath"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: strict),
    ] + fuzzTargets
)
