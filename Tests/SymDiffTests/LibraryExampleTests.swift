// The README's library example, kept compiling and correct.
import Foundation
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify

@Suite struct LibraryExampleTests {
    @Test func readmeExample() throws {
        let result = try Derivatives(DerivativeRequest(formulas: ["x1^2*sin(x2)"], variables: ["x1", "x2"], orders: 2...2))
        let printed = result.results[0].partials.map { "\($0.name) = \(result.graph.formula($0.node))" }
        #expect(printed == ["d2/dx1^2 = 2*sin(x2)", "d2/dx1dx2 = 2*x1*cos(x2)", "d2/dx2^2 = -x1^2*sin(x2)"])

        var formula = try Formula(parsing: "exp(-x^2/2)")
        let d2 = try formula.graph.derivative(of: formula.root, withRespectTo: ["x", "x"])
        var rewriter = Rewriter()
        let simplified = try rewriter.simplify(d2, in: &formula.graph)
        #expect(formula.graph.formula(simplified) == "x^2*exp(-x^2/2) - exp(-x^2/2)")
        let x = 0.5
        let expected: Double = (x * x - 1) * Foundation.exp(-x * x / 2)
        let value = formula.graph.evaluate(simplified, at: ["x": x])
        #expect(abs(value - expected) < 1e-15)
    }

    @Test func readmeVerificationExample() throws {
        let d = try Derivatives(DerivativeRequest(formulas: ["sin(x)/x"], orders: 1...2))
        let v = try Verification(d, at: PointSet(names: ["x"], columns: [[0, 0.5, 1]]))
        #expect(v.passed(strict: false))
        #expect(v.columns[0].status == [.removable, .ok, .ok])
        let limit = try #require(v.columns[0].limits[0])
        #expect(abs(limit - 1) < 1e-9)

        let f = try Derivatives(DerivativeRequest(formulas: ["x1^2*sin(x2)"], orders: 2...2))
        let checked = try Verification(f, at: PointSet(names: f.pointVariables, columns: [[0.5, -1], [0.25, 1]]))
        #expect(checked.passed(strict: true))
        let hessian = try #require(checked.hessian)
        #expect(hessian.shape == [2, 2, 2])
        // d2/dx1dx2 = 2 x1 cos(x2) at the second point (x1 = -1, x2 = 1), both orders.
        #expect(abs(hessian.values[4 + 1] - -2 * Foundation.cos(1.0)) < 1e-15)
        #expect(hessian.values[4 + 1] == hessian.values[4 + 2])
    }
}
