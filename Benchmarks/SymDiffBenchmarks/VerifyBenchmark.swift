// --verify end to end: symdiff's whole process against JAX's, and against itself without the check.
import Foundation

/// The wall time of one run of `executable` with `arguments`, in seconds, or `nil` when it
/// cannot start or exits non-zero (its stderr is then shown).
func processSeconds(_ executable: URL, _ arguments: [String]) -> Double? {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let start = ContinuousClock.now
    do { try process.run() } catch { return nil }
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    guard process.terminationStatus == 0 else {
        print("    \(executable.lastPathComponent) failed: \(String(decoding: stderr, as: UTF8.self).suffix(300))")
        return nil
    }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The release `symdiff` next to the benchmark, or `nil` with a note for `benchmark`.
func releaseSymdiff(_ benchmark: String) -> URL? {
    let symdiff = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("symdiff")
    guard FileManager.default.isExecutableFile(atPath: symdiff.path) else {
        print("\(benchmark): no release symdiff next to the benchmark; run `swift build -c release` first")
        return nil
    }
    return symdiff
}

/// A new folder in the temporary folder, for a benchmark's files.
func scratchFolder() -> URL {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-bench-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    return scratch
}

/// The median of 3 runs of the JAX peer (`Peers/jax_f1.py`) with `arguments`, or `nil` with
/// a note when JAX is not installed.
func jaxSeconds(_ arguments: [String]) -> Double? {
    let python = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers/jax_f1.py").path
    guard processSeconds(python, ["python3", "-c", "import jax"]) != nil else {
        print("  JAX: not installed (pip install \"jax[cpu]\"); ratio not measured")
        return nil
    }
    return medianProcessSeconds(runs: 3, python, ["python3", script] + arguments, removing: arguments[1])
}

/// The median of `runs` runs of a process, or `nil` if any failed.
///
/// Before each run the last run's output file (`removing`; by default the one after `--out`)
/// is deleted and the page cache written out (`sync`): freeing and writing back a large file
/// from the run before otherwise lands in the next run's time, which then varies from 0.2 to
/// 1.1 s on this machine's disk for the same 400 MB.
func medianProcessSeconds(runs: Int, _ executable: URL, _ arguments: [String], removing output: String? = nil) -> Double? {
    let output = output ?? arguments.firstIndex(of: "--out").map { arguments[$0 + 1] }
    var times: [Double] = []
    for _ in 0..<runs {
        if let output { unlink(output) }
        sync()
        usleep(200_000)
        guard let t = processSeconds(executable, arguments) else { return nil }
        times.append(t)
    }
    return times.sorted()[runs / 2]
}

/// The two speed targets of `--verify`: f1's gradient and Hessian at 10^6 random points,
/// verified and written to `.npz`, against a JAX script computing the same by autodiff without
/// any check (import, jit, compute, save; skipped with a note when JAX is not installed); and
/// the cost of `--verify` on the 10th derivative of sin nested 7 deep at 10^4 points.
func verifyBenchmark() {
    guard let symdiff = releaseSymdiff("verify") else { return }
    let scratch = scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("f1.npz").path
    print("verify: whole processes, wall time, median of 3 runs, all cores")
    let f1Arguments = [f1, "--wrt", "x1,x2", "--order", "1:2", "--random", "1000000", "--range", "x1=-1:1,x2=-1:1", "--out", output]
    guard let verified = medianProcessSeconds(runs: 3, symdiff, f1Arguments + ["--verify", "--quiet"]),
        let plain = medianProcessSeconds(runs: 3, symdiff, f1Arguments)
    else { return }
    print(String(format: "  f1 gradient + Hessian, 10^6 points to .npz, --verify       %8.3f s", verified))
    print(String(format: "  the same without --verify                                  %8.3f s", plain))
    if let jax = jaxSeconds(["1000000", scratch.appendingPathComponent("jax.npz").path]) {
        print(String(format: "  JAX (import + jit + autodiff + save, no check)             %8.3f s", jax))
        let ratio = verified / jax
        print(String(format: "    symdiff --verify / JAX = %.2f   target <= 1   %@", ratio, ratio <= 1 ? "met" : "NOT met"))
    }
    let sine = [nestedSine, "--wrt", "x", "--order", "10", "--random", "10000", "--out", scratch.appendingPathComponent("s.npz").path]
    guard let sineVerified = medianProcessSeconds(runs: 1, symdiff, sine + ["--verify", "--quiet", "--max-seconds", "600"]),
        let sinePlain = medianProcessSeconds(runs: 3, symdiff, sine)
    else { return }
    let cost = sineVerified / sinePlain
    print(String(format: "  10th derivative of sin^7 nested, 10^4 points: %.2f s with --verify, %.2f s without", sineVerified, sinePlain))
    print(String(format: "    --verify / without = %.1f   target <= 20   %@", cost, cost <= 20 ? "met" : "NOT met"))
}
