// Autodiff (nested forward-mode duals) against the 50-digit SymPy reference derivatives.
import Testing
import SymDiff
import SymDiffAutodiff

/// Every partial in `Fixtures/derivatives.json` (orders 0 to 4) computed by `Autodiff.partial`
/// from the parsed formula alone, at every point, within the fixture's tolerance (relative
/// 1e-12; absolute 1e-300 below magnitude 1e-200).
@Suite struct AutodiffFixtureTests {
    /// Autodiff's value of each reference partial at each point, paired with the reference.
    static func comparisons(_ fixture: FixtureCase) throws -> [Comparison] {
        let formula = try Formula(parsing: fixture.formula)
        let assignments = fixture.assignments()
        return fixture.partials.flatMap { partial in
            partial.values.enumerated().map { i, text in
                Comparison(
                    formula: fixture.formula, wrt: partial.wrt, point: fixture.points[i], simplified: false,
                    expected: Double(text) ?? .nan,
                    got: Autodiff.partial(of: formula.root, in: formula.graph, at: assignments[i], variables: partial.wrt))
            }
        }
    }

    @Test(arguments: FixtureFile.cases)
    func matchesReference(_ fixture: FixtureCase) throws {
        for comparison in try Self.comparisons(fixture) where !comparison.passes {
            Issue.record("autodiff: \(comparison)")
        }
    }

    /// Counts and the worst relative errors per order, printed; fails if nothing was compared.
    @Test func summary() throws {
        let all = try FixtureFile.cases.flatMap(Self.comparisons)
        #expect(all.count > 1000)
        var report = "autodiff vs fixture: \(FixtureFile.cases.count) formulas, \(all.count) reference values, "
            + "\(all.filter { !$0.passes }.count) outside tolerance\n"
        for order in 0...4 {
            let ranked = all.filter { $0.wrt.count == order && $0.relativeError != nil }
            let worst = ranked.max { $0.relativeError! < $1.relativeError! }
            report += "order \(order): \(ranked.count) values, worst relative error \(worst?.relativeError ?? 0)"
                + " (\(worst.map { "\($0)" } ?? "-"))\n"
        }
        print(report)
    }
}
