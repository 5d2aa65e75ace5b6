// End-to-end throughput: whole symdiff processes writing reference files, against JAX's.
import Foundation

/// The throughput targets (issue 16): f1's gradient at 10^7 random points to `.npy` on 1 and
/// 2 threads and against a JAX script writing the same table; CSV and JSON writing rates;
/// `.npz` against `.npy`. Whole processes, wall time, median of 3, files in the temporary
/// folder (so the page cache and the disk are part of what is timed).
func throughputBenchmark() {
    guard let symdiff = releaseSymdiff("throughput") else { return }
    let scratch = scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    func file(_ name: String) -> String { scratch.appendingPathComponent(name).path }
    func gradient(_ count: Int, _ out: String) -> [String] { [f1, "--wrt", "x1,x2", "--random", "\(count)", "--out", out] }
    print("throughput: whole processes, wall time, median of 3 runs")
    guard let one = medianProcessSeconds(runs: 3, symdiff, gradient(10_000_000, file("g.npy")) + ["--threads", "1"]),
        let two = medianProcessSeconds(runs: 3, symdiff, gradient(10_000_000, file("g.npy")) + ["--threads", "2"]),
        let npz = medianProcessSeconds(runs: 3, symdiff, gradient(10_000_000, file("g.npz")) + ["--threads", "2"])
    else { return }
    print(String(format: "  f1 gradient, 10^7 points to .npy, 1 thread                 %8.3f s", one))
    print(String(format: "  the same, 2 threads                                         %8.3f s   target <= 0.5 s   %@", two, two <= 0.5 ? "met" : "NOT met"))
    print(String(format: "    1 thread / 2 threads = %.2f   target >= 1.7   %@", one / two, one / two >= 1.7 ? "met" : "NOT met"))
    print(String(format: "  the same to .npz (more arrays: gradient too)               %8.3f s   .npz / .npy = %.2f   target <= 1.2   %@",
                 npz, npz / two, npz / two <= 1.2 ? "met" : "NOT met"))
    for format in ["csv", "json"] {
        let out = file("g." + format)
        guard let seconds = medianProcessSeconds(runs: 3, symdiff, gradient(1_000_000, out)) else { return }
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
