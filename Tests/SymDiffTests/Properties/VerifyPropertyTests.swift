// Symbolic against autodiff on formulas generated from the grammar, with --verify's tolerance.
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify

/// On 2,000 formulas generated from `grammar/formula.ebnf`, every first and second partial
/// (mixed included) computed symbolically agrees with autodiff within the tolerance the
/// verifier states (derived from the rounding-error bounds of both computations), at every
/// point whose status is `ok`.
///
/// Points are drawn in (0.2, 2); a formula whose value is not finite at a point is tried at
/// another (up to 5 times), so most comparisons are at points in the domain. A failure
/// prints the seed, formula, point and values, ready to paste into a table test.
@Suite struct VerifyPropertyTests {
    static let formulaCount = 2_000
    static let seed: UInt64 = 20_261_123

    /// One value that disagrees.
    struct Failure: CustomStringConvertible {
        var seed: UInt64
        var formula: String
        var point: [String: Double]
        var value: String
        var symbolic: Double
        var autodiff: Double
        var tolerance: Double

        var description: String {
            "seed \(seed): \(formula) at \(point.sorted { $0.key < $1.key }): \(value) symbolic \(symbolic) "
                + "autodiff \(autodiff) tolerance \(tolerance)"
        }
    }

    @Test func symbolicAgreesWithAutodiffOnGeneratedFormulas() throws {
        var generator = FormulaGenerator(seed: Self.seed)
        var failures: [Failure] = []
        var compared = 0
        var statuses: [PointStatus: Int] = [:]
        for _ in 0..<Self.formulaCount {
            let formula = generator.formula(depth: 3)
            let d = try Derivatives(DerivativeRequest(formulas: [formula], orders: 1...2))
            guard !d.freeVariables.isEmpty else { continue }
            let parsed = try Formula(parsing: formula)
            var point = generator.point()
            for _ in 0..<5 where !parsed.graph.evaluate(parsed.root, at: point).isFinite {
                point = generator.point()
            }
            let points = PointSet(names: d.freeVariables, columns: d.freeVariables.map { [point[$0]!] })
            let v = try Verification(d, at: points, threads: 1)
            for column in v.columns {
                statuses[column.status[0], default: 0] += 1
                if column.status[0] == .ok { compared += 1 }
                if !column.agrees[0] {
                    failures.append(Failure(
                        seed: Self.seed, formula: formula, point: point, value: column.name, symbolic: column.symbolic[0],
                        autodiff: column.autodiff[0], tolerance: column.tolerance[0]))
                }
            }
        }
        print("verify property: \(Self.formulaCount) formulas, \(compared) values compared at ok points; statuses \(statuses)")
        for failure in failures.prefix(20) { print("verify property failure: \(failure)") }
        #expect(failures.isEmpty)
        #expect(compared >= Self.formulaCount)
    }
}
