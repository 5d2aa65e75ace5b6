// The vector-calculus operators against closed forms worked out by hand, at random points,
// and their errors.
import Testing
@testable import SymDiff

@Suite struct VectorOperatorTests {
    /// The values of each component of `formula` (a vector one gives several) at `points`,
    /// with every variable in `x, y, z, t`.
    static func values(_ formula: String, _ points: [[Double]]) throws -> [[Double]] {
        let d = try Derivatives(DerivativeRequest(formulas: [formula], variables: ["x", "y", "z", "t"], orders: 0...0))
        let program = try d.program(inputs: ["x", "y", "z", "t"])
        return Evaluator(program, threads: 1).evaluate(points, count: points[0].count)
    }

    static let cases: [(String, [String])] = [
        ("laplacian(x^2*y^3, x, y)", ["2*y^3 + 6*x^2*y"]),
        ("grad(x^2*y, x, y)", ["2*x*y", "x^2"]),
        ("div([x*y, y^2], x, y)", ["3*y"]),
        ("curl([-y*z, x*z, x*y], x, y, z)", ["0", "-2*y", "2*z"]),
        ("curl(grad(x*y*z^2, x, y, z), x, y, z)", ["0", "0", "0"]),
        ("hessian(x^3*y, x, y)", ["6*x*y", "3*x^2", "3*x^2", "0"]),
        ("jacobian([x*y, x + y^2], x, y)", ["y", "x", "1", "2*y"]),
        ("dot([x, y], [y, 2*x])", ["3*x*y"]),
        ("norm([3*x, 4*x])", ["5*abs(x)"]),
        ("norm([x, y, z])", ["sqrt(x^2 + y^2 + z^2)"]),
        ("v = grad(exp(x*y), x, y); div(v, x, y)", ["(x^2 + y^2)*exp(x*y)"]),
        ("div(grad(x^3*y^2, x, y), x, y)", ["6*x*y^2 + 2*x^3"]),
        ("u = sin(x)*exp(t); D(u, t) - laplacian(u, x)", ["2*sin(x)*exp(t)"]),
        ("[x, x^2]", ["x", "x^2"]),
        ("F = [y, -x]; jacobian(F, x, y)", ["0", "1", "-1", "0"]),
        ("D(laplacian(x^4*t, x), t)", ["12*x^2"]),
    ]

    @Test(arguments: cases)
    func matchesClosedForm(_ formula: String, _ expected: [String]) throws {
        var random = SeededGenerator(seed: 0xD1)
        let points = (0..<4).map { _ in (0..<20).map { _ in Double.random(in: -2...2, using: &random) } }
        let got = try Self.values(formula, points)
        #expect(got.count == expected.count, "\(formula): \(got.count) components")
        for (values, closedForm) in zip(got, expected) {
            let reference = try Self.values(closedForm, points)[0]
            for (a, b) in zip(values, reference) {
                #expect(Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b)), "\(formula) vs \(closedForm): \(a), \(b)")
            }
        }
    }

    @Test(arguments: [
        ("grad(x^2, x) + 1", "is a vector where a number is needed"),
        ("1 + grad(x^2, x)", "is a vector where a number is needed"),
        ("v = [x, y]; v + 1", "is a vector where a number is needed"),
        ("v = [x, y]; sin(v)", "'v' is a vector where a number is needed"),
        ("sin([x, y])", "is a vector where a number is needed"),
        ("div([x, y], x)", "'div' needs 2 component(s) or variable(s) here, got 1"),
        ("curl([x, y], x, y)", "'curl' takes a vector of 3 components, got 2"),
        ("dot([x], [y, x])", "'dot' needs 1 component(s) or variable(s) here, got 2"),
        ("div(x, x)", "'div' takes a vector here, found 'x'"),
        ("laplacian(x^2)", "'laplacian' needs 1 component(s) or variable(s) here, got 0"),
        ("grad(x^2, pi)", "cannot differentiate with respect to constant 'pi'"),
        ("[x, y", "expected ']' to close '[' at 1:1"),
    ])
    func errors(_ formula: String, _ message: String) {
        #expect(throws: Diagnostic.self) { try Parser.parse(formula) }
        do {
            _ = try Parser.parse(formula)
        } catch {
            #expect(error.message.contains(message), "\(formula): \(error.message)")
        }
    }
}
