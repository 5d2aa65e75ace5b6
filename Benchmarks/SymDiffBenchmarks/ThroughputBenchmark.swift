// End-to-end throughput: whole symdiff processes writing reference files, against JAX's.
import CVectorMath
import Foundation
import SymDiff
import SymDiffIO

/// The throughput targets (issue 16): f1's gradient at 10^7 random points to `.npy` on 1 and
/// 2 threads and against a JAX script writing the same table; CSV and JSON writing rates;
/// `.npz` against `.npy`. Whole processes, wall time, median of 5, files in the temporary
/// folder (so the page cache and the disk are part of what is timed).
func throughputBenchmark() {
    guard let symdiff = releaseSymdiff("throughput") else { return }
    let scratch = scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    func file(_ name: String) -> String { scratch.appendingPathComponent(name).path }
    func gradient(_ count: Int, _ out: String) -> [String] { [f1, "--wrt", "x1,x2", "--random", "\(count)", "--out", out] }
    generationAndEvaluationScaling()
    print("throughput: whole processes, wall time, median of 5 runs")
    guard let one = medianProcessSeconds(runs: 5, symdiff, gradient(10_000_000, file("g.npy")) + ["--threads", "1"]),
        let two = medianProcessSeconds(runs: 5, symdiff, gradient(10_000_000, file("g.npy")) + ["--threads", "2"]),
        let npz = medianProcessSeconds(runs: 5, symdiff, gradient(10_000_000, file("g.npz")) + ["--threads", "2"])
    else { return }
    print(String(format: "  f1 gradient, 10^7 points to .npy, 1 thread                 %8.3f s", one))
    print(String(format: "  the same, 2 threads                                         %8.3f s   target <= 0.5 s   %@", two, two <= 0.5 ? "met" : "NOT met"))
    print(String(format: "    1 thread / 2 threads = %.2f (whole process, writing included)", one / two))
    // The `.npz` holds more than the `.npy` (the gradient again, as one (N, 2) array), so the
    // two are compared per byte written as well.
    func megabytes(_ name: String) -> Double {
        Double((try? FileManager.default.attributesOfItem(atPath: file(name))[.size] as? Int) ?? 0) / 1e6
    }
    let perByte = (npz / megabytes("g.npz")) / (two / megabytes("g.npy"))
    print(String(format: "  the same to .npz (%.0f MB against %.0f: the gradient twice)    %8.3f s   .npz / .npy = %.2f",
                 megabytes("g.npz"), megabytes("g.npy"), npz, npz / two))
    print(String(format: "    per byte written, .npz / .npy = %.2f   target <= 1.2   %@", perByte, perByte <= 1.2 ? "met" : "NOT met"))
    for format in ["csv", "json"] {
        let out = file("g." + format)
        guard let seconds = medianProcessSeconds(runs: 5, symdiff, gradient(1_000_000, out)) else { return }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        let rate = Double(bytes) / seconds / 1e6
        print(String(format: "  f1 gradient, 10^6 points to .%@ (%.0f MB)                    %8.3f s   %.0f MB/s   target >= 300   %@",
                     format, Double(bytes) / 1e6, seconds, rate, rate >= 300 ? "met" : "NOT met"))
    }
    if let jax = jaxSeconds(["10000000", file("jax.npy"), "table"]) {
        print(String(format: "  JAX (import + jit + value and gradient + save .npy)         %8.3f s", jax))
        print(String(format: "    JAX / symdiff = %.1f   target >= 20   %@", jax / two, jax / two >= 20 ? "met" : "NOT met"))
    }
}

/// The second target on threads: f1's value and gradient at 10^7 random points, made and
/// evaluated a chunk at a time as the command does (2^18 points), in process, without
/// writing, on 1 thread and on all cores; fastest of 5. The heap keeps freed blocks, as in
/// the command (`main.swift`).
func generationAndEvaluationScaling() {
    symdiff_keep_freed_blocks(64 << 20, 128 << 20)
    let count = 10_000_000
    let chunk = 1 << 18
    guard let (program, _) = try? evaluationCase(f1, orders: [0, 1], points: 1) else { return }
    var seconds: [Int: Double] = [:]
    let threadCounts = Set([1, ProcessInfoCores.count]).sorted()
    for threads in threadCounts {
        guard let points = try? RandomPoints(count: count, seed: 0, variables: program.inputs, maxPoints: count, threads: threads) else { return }
        let evaluator = Evaluator(program, threads: threads)
        seconds[threads] = timings(runs: 5) {
            for first in stride(from: 0, to: count, by: chunk) {
                let columns = points.columns(in: first..<min(count, first + chunk))
                _ = evaluator.evaluate(columns)
            }
        }.fastest
        print(String(format: "  f1 value + gradient, 10^7 random points made and evaluated, %d thread(s)  %8.3f s", threads, seconds[threads]!))
    }
    guard let one = seconds[1], let all = seconds[threadCounts.last!], threadCounts.count > 1 else { return }
    print(String(format: "    1 thread / %d threads = %.2f   target >= 1.7   %@", threadCounts.last!, one / all, one / all >= 1.7 ? "met" : "NOT met"))
}
