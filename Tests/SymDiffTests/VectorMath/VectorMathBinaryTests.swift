// pow, atan2 and hypot array routines against Float80 references and scalar libm.
import CVectorMath
import Foundation
import Testing

/// One two-argument routine, as `UnaryRow` for one argument.
struct BinaryRow: Sendable, CustomTestStringConvertible {
    let name: String
    let kernel: BinaryKernel
    let scalar: @Sendable (Double, Double) -> Double
    let reference: @Sendable (Float80, Float80) -> Float80
    /// One random argument pair, drawn where the function is interesting.
    let sample: @Sendable (inout SeededGenerator) -> (Double, Double)
    let backend: Backend
    let routineUlps: Double
    let scalarUlps: Double
    var testDescription: String { name }
}

/// pow arguments: a positive base of any magnitude with an exponent that keeps the result
/// near the binary64 range, or a negative base with an integer exponent.
@Sendable func powSample(_ random: inout SeededGenerator) -> (Double, Double) {
    let base = abs(logUniform(using: &random))
    if Int.random(in: 0..<4, using: &random) == 0 {
        return (-base, Double(Int.random(in: -200...200, using: &random)))
    }
    let reach = 1100 / max(abs(log2(base)), 1e-6)
    return (base, Double.random(in: -reach...reach, using: &random))
}

/// Pairs of any magnitudes, or of magnitudes within 2^±60 of each other.
@Sendable func magnitudePairSample(_ random: inout SeededGenerator) -> (Double, Double) {
    let a = logUniform(using: &random)
    if Bool.random(using: &random) { return (a, logUniform(using: &random)) }
    let scale = Double(sign: .plus, exponent: Int.random(in: -60...60, using: &random), significand: 1)
    return (a, a * scale * Double.random(in: -2...2, using: &random))
}

// swift-format-ignore
let binaryRows: [BinaryRow] = [
    BinaryRow(name: "pow",   kernel: symdiff_vec_pow,   scalar: { pow($0, $1) },   reference: { powl($0, $1) },   sample: powSample,           backend: .avx2,       routineUlps: 1.00, scalarUlps: 0.51),
    BinaryRow(name: "atan2", kernel: symdiff_vec_atan2, scalar: { atan2($0, $1) }, reference: { atan2l($0, $1) }, sample: magnitudePairSample, backend: .scalarLibm, routineUlps: 0.52, scalarUlps: 0.52),
    BinaryRow(name: "hypot", kernel: symdiff_vec_hypot, scalar: { hypot($0, $1) }, reference: { hypotl($0, $1) }, sample: magnitudePairSample, backend: .scalarLibm, routineUlps: 0.74, scalarUlps: 0.74),
]

extension VectorMathTests {
    /// Each two-argument routine stays within its recorded bound at random pairs; scalar-libm
    /// routines equal scalar libm bit for bit. Seed 11.
    @Test(arguments: binaryRows)
    func binaryAccuracy(_ row: BinaryRow) {
        var random = SeededGenerator(seed: 11)
        let pairs = (0..<16384 * sweepDensity).map { _ in row.sample(&random) }
        let a = pairs.map(\.0), b = pairs.map(\.1)
        let values = apply(row.kernel, a, b)
        let scalarValues = zip(a, b).map(row.scalar)
        var routine = (ulps: 0.0, at: (Double.nan, Double.nan))
        var scalar = routine
        for (i, (x, y)) in pairs.enumerated() {
            let exact = row.reference(Float80(x), Float80(y))
            let error = ulpError(values[i], exact), scalarError = ulpError(scalarValues[i], exact)
            if error > routine.ulps { routine = (error, (x, y)) }
            if scalarError > scalar.ulps { scalar = (scalarError, (x, y)) }
        }
        if printsMeasurements {
            print("\(row.name): routine \(routine.ulps) ulp at \(routine.at), scalar \(scalar.ulps) ulp at \(scalar.at)")
        }
        #expect(routine.ulps <= row.routineUlps, "\(row.name)\(routine.at): \(routine.ulps) ulp")
        #expect(scalar.ulps <= row.scalarUlps, "scalar \(row.name)\(scalar.at): \(scalar.ulps) ulp")
        switch row.backend {
        case .avx2: #expect(row.routineUlps <= 1)
        case .scalarLibm: #expect(bits(values) == bits(scalarValues))
        }
    }

    /// Every pair of special values, in every lane, gives scalar libm's result bit for bit where
    /// `mustMatchScalarLibm` says so, and is within the row's bound elsewhere.
    @Test(arguments: binaryRows)
    func binarySpecialValues(_ row: BinaryRow) {
        let pairs = specialPairValues.flatMap { a in specialPairValues.map { (a, $0) } }
        for lane in 0..<4 {
            let padded = Array(repeating: (0.5, 0.5), count: lane) + pairs
            let a = paddedToBlocks(padded.map(\.0)), b = paddedToBlocks(padded.map(\.1))
            for (i, y) in apply(row.kernel, a, b).enumerated() {
                let expected = row.scalar(a[i], b[i])
                if mustMatchScalarLibm(arguments: [a[i], b[i]], result: expected) {
                    #expect(y.bitPattern == expected.bitPattern, "\(row.name)(\(a[i]), \(b[i])) = \(y), scalar libm \(expected)")
                } else {
                    let error = ulpError(y, row.reference(Float80(a[i]), Float80(b[i])))
                    #expect(error <= row.routineUlps, "\(row.name)(\(a[i]), \(b[i])) = \(y): \(error) ulp")
                }
            }
        }
    }
}
