// Reverse mode: the same gradient as forward mode, and as the 50-digit references.
import Testing
@testable import SymDiff
@testable import SymDiffIO
import SymDiffAutodiff
import SymDiffVerify

@Suite struct ReverseModeTests {
    /// One backward sweep gives what one forward pass per variable gives, on generated
    /// formulas at points where the formula itself is finite. (Where it is infinite, the modes
    /// may legitimately differ: forward mode carries an exact zero tangent through `z/z`,
    /// reverse mode sums `inf - inf`.) Partials that `--verify` does not call `ok` are left
    /// out: where one cancels, each mode keeps its own rounding noise (`d/dx` of a power tower
    /// of `z*x/x` is 0, forward mode gives -9.8e-11, reverse mode 0).
    @Test func agreesWithForwardMode() throws {
        let seed: UInt64 = 31
        var generator = FormulaGenerator(seed: seed)
        var compared = 0
        for _ in 0..<400 {
            let text = generator.formula(depth: 4)
            let point = generator.point()
            let formula = try Formula(parsing: text)
            guard formula.graph.evaluate(formula.root, at: point).isFinite else { continue }
            let variables = ["x", "y", "z"]
            let forward = Autodiff.gradient(of: formula.root, in: formula.graph, at: point, variables: variables)
            let reverse = Autodiff.reverseGradient(of: formula.root, in: formula.graph, at: point, variables: variables)
            let derivatives = try Derivatives(DerivativeRequest(formulas: [text], variables: variables, orders: 1...1))
            let status = try Verification(
                derivatives, at: PointSet(names: variables, columns: variables.map { [point[$0]!] }), threads: 1
            ).columns.dropFirst().map { $0.status[0] }
            for (k, (v, (f, r))) in zip(variables, zip(forward, reverse)).enumerated() where f.isFinite && abs(f) < 1e100 && status[k] == .ok {
                #expect(agree(f, r, tolerance: 1e-12), "seed \(seed) '\(text)' d/d\(v) at \(point): forward \(f), reverse \(r)")
                compared += 1
            }
        }
        #expect(compared > 600)
    }

    /// Every first partial of the SymPy fixture, within 1e-12 relative.
    @Test func matchesTheFixture() throws {
        let cases = try FixtureFile.load().cases
        var checked = 0
        for fixture in cases {
            let formula = try Formula(parsing: fixture.formula)
            let points = fixture.assignments()
            for partial in fixture.partials where partial.wrt.count == 1 {
                for (i, text) in partial.values.enumerated() {
                    let gradient = Autodiff.reverseGradient(
                        of: formula.root, in: formula.graph, at: points[i], variables: fixture.variables)
                    let got = gradient[fixture.variables.firstIndex(of: partial.wrt[0])!]
                    let comparison = Comparison(
                        formula: fixture.formula, wrt: partial.wrt, point: fixture.points[i], simplified: false,
                        expected: Double(text) ?? .nan, got: got)
                    #expect(comparison.passes, "reverse mode: \(comparison)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }
}
