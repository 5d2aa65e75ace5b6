// ns per element of the CVectorMath array routines against a scalar libm loop, on 10^6 elements.
import CVectorMath
import Foundation

/// The median wall time of `body` over 5 runs after one warm-up run, in nanoseconds.
private func medianNanoseconds(_ body: () -> Void) -> Double {
    body()
    let clock = ContinuousClock()
    let times = (0..<5).map { _ in
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) * 1e-9
    }
    return times.sorted()[2]
}

/// One function to time: its array routine, scalar libm, and where its arguments are drawn.
///
/// The scalar function is a C function pointer, so the baseline loop pays one plain indirect call
/// per element, as a C loop calling libm through the PLT does, not a Swift closure's context.
private struct VectorMathCase {
    let name: String
    let domain: ClosedRange<Double>
    let routine: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
    let scalar: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
}

private func unary(
    _ name: String, _ domain: ClosedRange<Double>,
    _ routine: @escaping @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
    _ scalar: @escaping @convention(c) (Double) -> Double
) -> VectorMathCase {
    VectorMathCase(
        name: name, domain: domain, routine: { x, _, y, n in routine(x, y, n) },
        scalar: { x, _, y, n in for i in 0..<n { y[i] = scalar(x[i]) } })
}

private func binary(
    _ name: String, _ domain: ClosedRange<Double>,
    _ routine: @escaping @convention(c) (
        UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int
    ) -> Void,
    _ scalar: @escaping @convention(c) (Double, Double) -> Double
) -> VectorMathCase {
    VectorMathCase(
        name: name, domain: domain, routine: { a, b, y, n in routine(a, b, y, n) },
        scalar: { a, b, y, n in for i in 0..<n { y[i] = scalar(a[i], b[i]) } })
}

/// The functions to time, in the header's order.
private func vectorMathCases() -> [VectorMathCase] {
    [
        unary("exp", -50...50, symdiff_vec_exp, { exp($0) }),
        unary("expm1", -5...5, symdiff_vec_expm1, { expm1($0) }),
        unary("log", 1e-3...1e3, symdiff_vec_log, { log($0) }),
        unary("log1p", -0.5...10, symdiff_vec_log1p, { log1p($0) }),
        unary("log2", 1e-3...1e3, symdiff_vec_log2, { log2($0) }),
        unary("log10", 1e-3...1e3, symdiff_vec_log10, { log10($0) }),
        unary("sin", -10...10, symdiff_vec_sin, { sin($0) }),
        unary("cos", -10...10, symdiff_vec_cos, { cos($0) }),
        unary("tan", -1.5...1.5, symdiff_vec_tan, { tan($0) }),
        unary("sinh", -5...5, symdiff_vec_sinh, { sinh($0) }),
        unary("cosh", -5...5, symdiff_vec_cosh, { cosh($0) }),
        unary("tanh", -5...5, symdiff_vec_tanh, { tanh($0) }),
        unary("asin", -1...1, symdiff_vec_asin, { asin($0) }),
        unary("acos", -1...1, symdiff_vec_acos, { acos($0) }),
        unary("atan", -10...10, symdiff_vec_atan, { atan($0) }),
        unary("asinh", -10...10, symdiff_vec_asinh, { asinh($0) }),
        unary("acosh", 1...10, symdiff_vec_acosh, { acosh($0) }),
        unary("atanh", -0.99...0.99, symdiff_vec_atanh, { atanh($0) }),
        unary("erf", -3...3, symdiff_vec_erf, { erf($0) }),
        unary("erfc", -3...10, symdiff_vec_erfc, { erfc($0) }),
        unary("cbrt", -10...10, symdiff_vec_cbrt, { cbrt($0) }),
        unary("sqrt", 0...100, symdiff_vec_sqrt, { sqrt($0) }),
        binary("pow", 0.1...10, symdiff_vec_pow, { pow($0, $1) }),
        binary("atan2", -10...10, symdiff_vec_atan2, { atan2($0, $1) }),
        binary("hypot", -10...10, symdiff_vec_hypot, { hypot($0, $1) }),
    ]
}

/// Prints one line per function: ns per element of its array routine and of a scalar libm
/// loop over the same 10^6 arguments (uniform in a typical range), and the speedup.
func vectorMathBenchmark() {
    let count = 1_000_000
    var random = SystemRandomNumberGenerator()
    print("vector math, ns/element on \(count) elements (AVX2 kernels: \(symdiff_vec_simd_available() != 0))")
    for benchmark in vectorMathCases() {
        let a = (0..<count).map { _ in Double.random(in: benchmark.domain, using: &random) }
        let b = (0..<count).map { _ in Double.random(in: benchmark.domain, using: &random) }
        var y = [Double](repeating: 0, count: count)
        let vector = medianNanoseconds {
            y.withUnsafeMutableBufferPointer { y in benchmark.routine(a, b, y.baseAddress!, count) }
        }
        let scalar = medianNanoseconds {
            y.withUnsafeMutableBufferPointer { y in benchmark.scalar(a, b, y.baseAddress!, count) }
        }
        let perElement = (vector: vector / Double(count), scalar: scalar / Double(count))
        print(
            benchmark.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "vector %7.2f   scalar %7.2f   speedup %5.2fx", perElement.vector, perElement.scalar,
                    perElement.scalar / perElement.vector))
    }
}
