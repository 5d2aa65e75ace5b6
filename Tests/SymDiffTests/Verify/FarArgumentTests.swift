// Far arguments and near-removable points: the values --verify outputs against 50-digit references.
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify

/// `Fixtures/far.json` through `Verification` at default precision: where binary64
/// intermediates overflow (`cosh(x)^3` at 320) or cancel (`cos(x)/x - sin(x)/x^2` at 1e-5),
/// the output values are within `1e-12` relative of the reference.
@Suite struct FarArgumentTests {
    static let cases = (try? FixtureFile.load("far"))?.cases ?? []

    /// The orders the issue names per family (tanh and log(cosh) to 3, the others to 2).
    static func highestOrder(_ formula: String) -> Int {
        formula == "tanh(x)" || formula == "log(cosh(x))" ? 3 : 2
    }

    @Test func fixtureLoads() {
        #expect(Self.cases.count == 10)
    }

    @Test(arguments: cases)
    func outputWithinTolerance(_ fixture: FixtureCase) throws {
        let order = Self.highestOrder(fixture.formula)
        let d = try Derivatives(DerivativeRequest(formulas: [fixture.formula], variables: ["x"], orders: 1...order))
        let points = PointSet(names: ["x"], columns: [fixture.points.map { Double($0[0])! }])
        let v = try Verification(d, at: points, threads: 1)
        #expect(v.passed())
        for column in v.columns {
            let partial = try #require(fixture.partials.first { $0.wrt == column.wrt })
            for (i, text) in partial.values.enumerated() {
                let reference = Double(text)!
                let x = points.columns[0][i]
                let error = Swift.abs(column.output[i] - reference)
                #expect(
                    error <= 1e-12 * Swift.abs(reference) || error <= 1e-300,
                    "\(fixture.formula) \(column.name) at x = \(x): \(column.output[i]) (\(column.status[i].rawValue), binary64 \(column.symbolic[i])) vs \(reference)")
            }
        }
    }
}
