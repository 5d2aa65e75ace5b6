// symdiff's symbolic derivatives against 50-digit SymPy/mpmath references, plus a finite-difference net.
import Foundation
import Testing
@testable import SymDiff

/// symdiff's derivatives, evaluated in binary64, against the reference values in
/// `Fixtures/derivatives.json` (written by `scripts/generate_fixtures.py` with SymPy and mpmath).
///
/// Tolerance: a value passes when its relative error is at most 1e-12 and the reference has
/// magnitude at least 1e-200; below that magnitude it must be within 1e-300 absolutely. NaN and
/// infinities never pass. Every partial is checked both with and without simplification.
///
/// The finite-difference check is a coarse sanity net on the first partials, never the truth.
@Suite struct FixtureTests {
    @Test func fixtureLoads() throws {
        let file = try FixtureFile.load()
        #expect(file.header.digits >= 50)
        #expect(file.cases.count >= 165)
        #expect(file.cases.count == FixtureFile.cases.count)
        for c in file.cases {
            #expect(c.points.count >= 3, "\(c.formula): fewer than 3 points")
            let orders = Set(c.partials.map(\.wrt.count))
            #expect(orders == Set(0...(c.variables.count == 1 ? 4 : 2)), "\(c.formula): orders \(orders.sorted())")
        }
    }

    @Test(arguments: FixtureFile.cases, [true, false])
    func matchesReference(_ fixture: FixtureCase, simplify: Bool) throws {
        for comparison in try fixture.comparisons(simplify: simplify) where !comparison.passes {
            Issue.record("\(comparison)")
        }
    }

    /// Counts and the worst errors over the whole fixture, printed; fails if anything is missing.
    @Test func summary() throws {
        let cases = FixtureFile.cases
        var all: [Comparison] = []
        for fixture in cases {
            for simplify in [true, false] { all += try fixture.comparisons(simplify: simplify) }
        }
        let expectedCount = 2 * cases.reduce(0) { $0 + $1.partials.reduce(0) { $0 + $1.values.count } }
        #expect(all.count == expectedCount)
        let points = cases.reduce(0) { $0 + $1.points.count }
        let ranked = all.filter { $0.relativeError != nil }.sorted { $0.relativeError! > $1.relativeError! }
        let failures = all.filter { !$0.passes }
        var report = "fixture: \(cases.count) formulas, \(points) points, \(all.count / 2) reference values, "
            + "\(all.count) comparisons (simplified and unsimplified), \(failures.count) outside tolerance\n"
        for (simplified, label) in [(true, "simplified"), (false, "unsimplified")] {
            let worst = ranked.first { $0.simplified == simplified }
            report += "worst relative error, \(label): \(worst?.relativeError ?? 0) (\(worst.map { "\($0)" } ?? "-"))\n"
        }
        report += "largest relative errors:\n" + ranked.prefix(8).map { "  \($0)" }.joined(separator: "\n")
        print(report)
    }

    @Test(arguments: FixtureFile.cases)
    func finiteDifferencesAgree(_ fixture: FixtureCase) throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: [fixture.formula], variables: fixture.variables))
        let result = derivatives.results[0]
        for (row, point) in zip(fixture.points, fixture.assignments()) {
            for partial in result.partials {
                let variable = partial.variables[0]
                let estimate = FiniteDifference(variable, at: point) { derivatives.graph.evaluate(result.function, at: $0) }
                let symbolic = derivatives.graph.evaluate(partial.node, at: point)
                #expect(
                    estimate.agrees(with: symbolic),
                    "\(fixture.formula) d/d\(variable) at (\(row.joined(separator: ", "))): finite differences \(estimate.estimate), symdiff \(symbolic)")
            }
        }
    }

    /// The comparison itself can fail: a wrong value, NaN and a tiny nonzero are rejected.
    @Test func toleranceRejects() {
        func comparison(_ expected: Double, _ got: Double) -> Comparison {
            Comparison(formula: "x", wrt: [], point: ["0"], simplified: true, expected: expected, got: got)
        }
        #expect(comparison(1, 1 + 1e-11).passes == false)
        #expect(comparison(1, 1 + 1e-13).passes)
        #expect(comparison(1, .nan).passes == false)
        #expect(comparison(0, 1e-299).passes == false)
        #expect(comparison(0, 0).passes)
        #expect(FiniteDifference("x", at: ["x": 2]) { $0["x"]! * $0["x"]! }.agrees(with: 4))
        #expect(FiniteDifference("x", at: ["x": 2]) { $0["x"]! * $0["x"]! }.agrees(with: 4.001) == false)
    }
}
