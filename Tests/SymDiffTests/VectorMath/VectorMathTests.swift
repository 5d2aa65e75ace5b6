// The CVectorMath array routines against Float80 references (≤ 1 ulp) and scalar libm (special values bit for bit).
import CVectorMath
import Foundation
import Testing

/// Where a routine's values come from.
enum Backend: Sendable {
    /// An AVX2 kernel (CVectorMath's own, libmvec's for pow, or the sqrt instruction), scalar
    /// libm for the tail and for special lanes; it must stay within 1 ulp.
    case avx2
    /// Scalar libm for every element: glibc's libmvec kernel exceeded 1 ulp somewhere. The
    /// recorded bounds are then scalar libm's own errors, some above 1 ulp.
    case scalarLibm
}

/// One one-argument routine: its kernels, its exact reference and its recorded maximum errors.
///
/// `routineUlps` and `scalarUlps` are the largest errors against Float80 measured at density 64
/// (see `sweepDensity`), rounded up; the tests fail if a sweep finds a larger one.
struct UnaryRow: Sendable, CustomTestStringConvertible {
    let name: String
    let kernel: UnaryKernel
    let scalar: @Sendable (Double) -> Double
    let reference: @Sendable (Float80) -> Float80
    /// Where most arguments of interest lie; sampled uniformly on top of the log sweep.
    let domain: ClosedRange<Double>
    let backend: Backend
    let routineUlps: Double
    let scalarUlps: Double
    var testDescription: String { name }
}

// swift-format-ignore
let unaryRows: [UnaryRow] = [
    UnaryRow(name: "exp",   kernel: symdiff_vec_exp,   scalar: { exp($0) },   reference: { expl($0) },   domain: -746...710,   backend: .avx2,       routineUlps: 0.51, scalarUlps: 0.51),
    UnaryRow(name: "expm1", kernel: symdiff_vec_expm1, scalar: { expm1($0) }, reference: { expm1l($0) }, domain: -40...710,    backend: .scalarLibm, routineUlps: 0.76, scalarUlps: 0.76),
    UnaryRow(name: "log",   kernel: symdiff_vec_log,   scalar: { log($0) },   reference: { logl($0) },   domain: 0...4,        backend: .avx2,       routineUlps: 0.73, scalarUlps: 0.52),
    UnaryRow(name: "log1p", kernel: symdiff_vec_log1p, scalar: { log1p($0) }, reference: { log1pl($0) }, domain: -1...4,       backend: .avx2,       routineUlps: 0.72, scalarUlps: 0.79),
    UnaryRow(name: "log2",  kernel: symdiff_vec_log2,  scalar: { log2($0) },  reference: { log2l($0) },  domain: 0...4,        backend: .scalarLibm, routineUlps: 0.54, scalarUlps: 0.54),
    UnaryRow(name: "log10", kernel: symdiff_vec_log10, scalar: { log10($0) }, reference: { log10l($0) }, domain: 0...4,        backend: .scalarLibm, routineUlps: 1.59, scalarUlps: 1.59),
    UnaryRow(name: "sin",   kernel: symdiff_vec_sin,   scalar: { sin($0) },   reference: { sinl($0) },   domain: -1e4...1e4,   backend: .avx2,       routineUlps: 0.71, scalarUlps: 0.52),
    UnaryRow(name: "cos",   kernel: symdiff_vec_cos,   scalar: { cos($0) },   reference: { cosl($0) },   domain: -1e4...1e4,   backend: .avx2,       routineUlps: 0.74, scalarUlps: 0.52),
    UnaryRow(name: "tan",   kernel: symdiff_vec_tan,   scalar: { tan($0) },   reference: { tanl($0) },   domain: -1e4...1e4,   backend: .scalarLibm, routineUlps: 0.55, scalarUlps: 0.55),
    UnaryRow(name: "sinh",  kernel: symdiff_vec_sinh,  scalar: { sinh($0) },  reference: { sinhl($0) },  domain: -711...711,   backend: .avx2,       routineUlps: 0.51, scalarUlps: 1.73),
    UnaryRow(name: "cosh",  kernel: symdiff_vec_cosh,  scalar: { cosh($0) },  reference: { coshl($0) },  domain: -711...711,   backend: .avx2,       routineUlps: 0.51, scalarUlps: 1.66),
    UnaryRow(name: "tanh",  kernel: symdiff_vec_tanh,  scalar: { tanh($0) },  reference: { tanhl($0) },  domain: -20...20,     backend: .avx2,       routineUlps: 0.53, scalarUlps: 2.06),
    UnaryRow(name: "asin",  kernel: symdiff_vec_asin,  scalar: { asin($0) },  reference: { asinl($0) },  domain: -1...1,       backend: .scalarLibm, routineUlps: 0.52, scalarUlps: 0.52),
    UnaryRow(name: "acos",  kernel: symdiff_vec_acos,  scalar: { acos($0) },  reference: { acosl($0) },  domain: -1...1,       backend: .scalarLibm, routineUlps: 0.52, scalarUlps: 0.52),
    UnaryRow(name: "atan",  kernel: symdiff_vec_atan,  scalar: { atan($0) },  reference: { atanl($0) },  domain: -10...10,     backend: .scalarLibm, routineUlps: 0.52, scalarUlps: 0.52),
    UnaryRow(name: "asinh", kernel: symdiff_vec_asinh, scalar: { asinh($0) }, reference: { asinhl($0) }, domain: -10...10,     backend: .scalarLibm, routineUlps: 1.57, scalarUlps: 1.57),
    UnaryRow(name: "acosh", kernel: symdiff_vec_acosh, scalar: { acosh($0) }, reference: { acoshl($0) }, domain: 1...10,       backend: .scalarLibm, routineUlps: 1.90, scalarUlps: 1.90),
    UnaryRow(name: "atanh", kernel: symdiff_vec_atanh, scalar: { atanh($0) }, reference: { atanhl($0) }, domain: -1...1,       backend: .scalarLibm, routineUlps: 1.52, scalarUlps: 1.52),
    UnaryRow(name: "erf",   kernel: symdiff_vec_erf,   scalar: { erf($0) },   reference: { erfl($0) },   domain: -6...6,       backend: .avx2,       routineUlps: 0.76, scalarUlps: 1.01),
    UnaryRow(name: "erfc",  kernel: symdiff_vec_erfc,  scalar: { erfc($0) },  reference: { erfcl($0) },  domain: -6...28,      backend: .avx2,       routineUlps: 0.55, scalarUlps: 2.76),
    UnaryRow(name: "cbrt",  kernel: symdiff_vec_cbrt,  scalar: { cbrt($0) },  reference: { cbrtl($0) },  domain: -10...10,     backend: .scalarLibm, routineUlps: 3.19, scalarUlps: 3.19),
    UnaryRow(name: "sqrt",  kernel: symdiff_vec_sqrt,  scalar: { sqrt($0) },  reference: { sqrtl($0) },  domain: 0...10,       backend: .avx2,       routineUlps: 0.50, scalarUlps: 0.50),
]

/// The maximum error of `values` against `reference` at `points`, and the worst point.
func maxError(_ values: [Double], at points: [Double], _ reference: (Float80) -> Float80) -> (ulps: Double, at: Double) {
    var worst = (ulps: 0.0, at: Double.nan)
    for (x, y) in zip(points, values) {
        let error = ulpError(y, reference(Float80(x)))
        if error > worst.ulps { worst = (error, x) }
    }
    return worst
}

/// Bit patterns, so that NaN payloads and signs of zero count.
func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

@Suite struct VectorMathTests {
    /// Each routine's maximum error over a log sweep of both signs, uniform points in its domain
    /// and random bit patterns stays within its recorded bound, which is ≤ 1 ulp for AVX2
    /// routines; scalar-libm routines equal scalar libm bit for bit. Seed 7.
    @Test(arguments: unaryRows)
    func unaryAccuracy(_ row: UnaryRow) {
        var random = SeededGenerator(seed: 7)
        let points = logSweep(perBinade: 4 * sweepDensity, using: &random)
            + (0..<4096 * sweepDensity).map { _ in Double.random(in: row.domain, using: &random) }
            + randomBitPatterns(1024 * sweepDensity, using: &random) + nearSpecialValues
        let values = apply(row.kernel, points)
        let scalarValues = points.map(row.scalar)
        let routine = maxError(values, at: points, row.reference)
        let scalar = maxError(scalarValues, at: points, row.reference)
        if printsMeasurements {
            print("\(row.name): routine \(routine.ulps) ulp at \(routine.at), scalar \(scalar.ulps) ulp at \(scalar.at)")
        }
        #expect(routine.ulps <= row.routineUlps, "\(row.name)(\(routine.at)): \(routine.ulps) ulp")
        #expect(scalar.ulps <= row.scalarUlps, "scalar \(row.name)(\(scalar.at)): \(scalar.ulps) ulp")
        switch row.backend {
        case .avx2: #expect(row.routineUlps <= 1)
        case .scalarLibm: #expect(bits(values) == bits(scalarValues))
        }
    }

    /// Every special value, in every lane of a vector block, gives scalar libm's result bit for
    /// bit where it is exceptional (see `mustMatchScalarLibm`) or at least 2^52 (huge arguments
    /// of sin, cos and tan), and is within the row's bound elsewhere (cos 1000 is an overflow
    /// threshold for exp, not a special argument of cos).
    @Test(arguments: unaryRows)
    func unarySpecialValues(_ row: UnaryRow) {
        for lane in 0..<4 {
            let points = paddedToBlocks(Array(repeating: 0.5, count: lane) + specialValues)
            let values = apply(row.kernel, points)
            for (x, y) in zip(points, values) {
                let expected = row.scalar(x)
                if mustMatchScalarLibm(arguments: [x], result: expected) || abs(x) >= 0x1p52 {
                    #expect(y.bitPattern == expected.bitPattern, "\(row.name)(\(x)) = \(y), scalar libm \(expected)")
                } else {
                    let error = ulpError(y, row.reference(Float80(x)))
                    #expect(error <= row.routineUlps, "\(row.name)(\(x)) = \(y): \(error) ulp")
                }
            }
        }
    }

    /// The routines work in place (`y` the same array as `x`).
    @Test func inPlace() {
        var x = (0..<1001).map { Double($0) / 100 - 5 }
        let expected = apply(symdiff_vec_exp, x)
        x.withUnsafeMutableBufferPointer { symdiff_vec_exp($0.baseAddress, $0.baseAddress, $0.count) }
        #expect(bits(x) == bits(expected))
    }

    /// sincos gives exactly what the sin and cos routines give, on the sin row's sweep and at
    /// the special values.
    @Test func sincos() {
        var random = SeededGenerator(seed: 7)
        let points = logSweep(perBinade: sweepDensity, using: &random)
            + (0..<1024 * sweepDensity).map { _ in Double.random(in: -1e4...1e4, using: &random) }
            + paddedToBlocks(specialValues) + specialValues
        var sines = [Double](repeating: 0, count: points.count)
        var cosines = sines
        sines.withUnsafeMutableBufferPointer { s in
            cosines.withUnsafeMutableBufferPointer { c in symdiff_vec_sincos(points, s.baseAddress, c.baseAddress, points.count) }
        }
        #expect(bits(sines) == bits(apply(symdiff_vec_sin, points)))
        #expect(bits(cosines) == bits(apply(symdiff_vec_cos, points)))
    }
}
