// Reverse mode: the same gradient as forward mode, and as the 50-digit references.
import Testing
@testable import SymDiff
import SymDiffAutodiff

@Suite struct ReverseModeTests {
    /// One backward sweep gives what one forward pass per variable gives, on generated
    /// formulas at points where the formula itself is finite. (Where it is infinite, the modes
    /// may legitimately differ: forward mode carries an exact zero tangent through `z/z`,
    /// reverse mode sums `inf - inf`.)
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
            for (v, (f, r)) in zip(variables, zip(forward, reverse)) where f.isFinite && abs(f) < 1e100 {
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
