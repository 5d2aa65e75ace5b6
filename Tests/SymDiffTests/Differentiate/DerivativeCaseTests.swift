// Derivative one-liners: formula and variable in, simplified derivative text out.
import Testing
@testable import SymDiff

/// The simplified `∂f/∂x...` of `formula`, printed.
func derivativeText(_ formula: String, _ variables: [String]) throws -> String {
    var (graph, roots) = try lowered([formula])
    let d = try graph.derivative(of: roots[0], withRespectTo: variables)
    var rewriter = Rewriter()
    return graph.formula(try rewriter.simplify(d, in: &graph))
}

@Suite struct DerivativeCaseTests {
    @Test(arguments: [
        ("x1^2*sin(x2)", ["x1"], "2*x1*sin(x2)"),
        // Conditions: the branches differentiate, the conditions stay; comparisons are steps.
        ("where(x > 0, x^3, -x)", ["x"], "where(x > 0, 3*x^2, -1)"),
        ("where(x > 0, x^3, y)", ["x", "x"], "where(x > 0, 6*x, 0)"),
        ("where(x > 0, y, 2)", ["x"], "0"),
        ("piecewise(x < 0, exp(x), x < 1, x^2, 1)", ["x"], "where(x < 0, exp(x), where(x < 1, 2*x, 0))"),
        ("(x < y)*x^2 + (x >= 1 && !(y == 2))", ["x"], "2*x*(x < y)"),
        ("x1^2*sin(x2)", ["x2"], "x1^2*cos(x2)"),
        ("x1^2*sin(x2)", ["x1", "x2"], "2*x1*cos(x2)"),
        ("x^4", ["x", "x", "x", "x", "x"], "0"),
        ("x^4", ["x", "x", "x", "x"], "24"),
        ("D(exp(-x^2), x) + 2*x*exp(-x^2)", [], "0"),
        ("u = exp(-x^2); D(u, x) + 2*x*u", [], "0"),
        ("D(sin(x), x, 2) + sin(x)", [], "0"),
        ("D(x^2*y^3, x, y)", [], "6*x*y^2"),
        ("D(x^2*y^3, x, 2, y)", [], "6*y^2"),
        ("x^y", ["x"], "y*x^(y - 1)"),
        ("x^y", ["y"], "x^y*log(x)"),
        ("2^x", ["x"], "2^x*log(2)"),
        ("e^x", ["x"], "exp(x)"),
        ("x^(1/3)", ["x"], "1/(3*x^(2/3))"),
        ("1/x", ["x"], "-1/x^2"),
        ("sqrt(x)", ["x"], "1/(2*sqrt(x))"),
        ("exp(-x^2/2)", ["x"], "-x*exp(-x^2/2)"),
        ("tanh(x)", ["x"], "1/cosh(x)^2"),
        ("tanh(5*x)", ["x", "x"], "-50*sinh(5*x)/cosh(5*x)^3"),
        ("sigmoid(x)", ["x"], "sigmoid(x)*sigmoid(-x)"),
        ("softplus(x)", ["x"], "sigmoid(x)"),
        ("asin(x)", ["x"], "1/sqrt((1 - x)*(x + 1))"),
        ("atanh(x)", ["x"], "1/((1 - x)*(x + 1))"),
        ("atan2(y, x)", ["x"], "-y/hypot(x, y)^2"),
        ("atan2(y, x)", ["y"], "x/hypot(x, y)^2"),
        ("hypot(x, y)", ["x"], "x/hypot(x, y)"),
        ("abs(x)", ["x"], "sign(x)"),
        ("relu(x)", ["x"], "heaviside(x)"),
        ("relu(x)", ["x", "x"], "0"),
        ("max(x, y)", ["x"], "sign(x - y)/2 + 1/2"),
        ("min(x, y)", ["x"], "1/2 - sign(x - y)/2"),
        ("sin(x)*cos(x)", ["x"], "cos(x)^2 - sin(x)^2"),
        ("sin(x)^2 + cos(x)^2", ["x"], "0"),
        ("log(x)/x", ["x"], "1/x^2 - log(x)/x^2"),
        ("u = x^2; u*sin(u)", ["x"], "2*x*sin(x^2) + 2*x^3*cos(x^2)"),
        ("pi*x", ["x"], "pi"),
        ("y", ["x"], "0"),
    ])
    func derivative(_ formula: String, _ variables: [String], _ expected: String) throws {
        #expect(try derivativeText(formula, variables) == expected)
    }

    /// The gradient shares the function's nodes instead of copying them: the cheap-gradient
    /// bound (shared op count of the gradient at most 3× the function's).
    @Test func gradientSharesStructure() throws {
        var (graph, roots) = try lowered(["x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)"])
        let f = roots[0]
        let gradient = try graph.gradient(of: f, withRespectTo: ["x1", "x2"])
        let functionOps = graph.reachable(from: [f]).count
        let gradientOps = graph.reachable(from: gradient).count
        #expect(gradientOps <= 3 * functionOps, "gradient \(gradientOps) nodes, function \(functionOps)")
    }

    @Test func partialsAreDistinctMultisetsInLexicographicOrder() throws {
        var (graph, roots) = try lowered(["x*y*z"])
        let partials = try graph.partials(of: roots[0], order: 2, withRespectTo: ["x", "y", "z"])
        #expect(partials.map(\.variables) == [["x", "x"], ["x", "y"], ["x", "z"], ["y", "y"], ["y", "z"], ["z", "z"]])
        #expect(partials.map { graph.formula($0.node) } == ["0", "z", "y", "0", "x", "0"])
        #expect(partials.map(\.name) == ["d2/dx^2", "d2/dxdy", "d2/dxdz", "d2/dy^2", "d2/dydz", "d2/dz^2"])
        let third = try graph.partials(of: roots[0], order: 3, withRespectTo: ["x", "y"])
        #expect(third.map(\.variables) == [["x", "x", "x"], ["x", "x", "y"], ["x", "y", "y"], ["y", "y", "y"]])
        #expect(try graph.partials(of: roots[0], order: 0, withRespectTo: ["x"]).map(\.node) == [roots[0]])
    }

    @Test func partialCountIsBoundedBeforeWork() throws {
        var limits = Limits()
        limits.maxPartials = 100
        var (graph, roots) = try lowered(["x"], limits: limits)
        let variables = (1...10).map { "x\($0)" }
        #expect(ExprGraph.multisetCount(10, 10, cap: 1_000_000) == 92_378)
        #expect(throws: LimitExceeded(.partials, limit: 100, requested: 92_378)) {
            try graph.partials(of: roots[0], order: 10, withRespectTo: variables)
        }
    }

    /// A 6th derivative of a nested function equals the finite difference of its 5th.
    @Test func highOrderDerivativeOfNestedFunction() throws {
        var (graph, roots) = try lowered(["sin(sin(sin(x)))"])
        let d6 = try graph.derivative(of: roots[0], withRespectTo: Array(repeating: "x", count: 6))
        let d5 = try graph.derivative(of: roots[0], withRespectTo: Array(repeating: "x", count: 5))
        let numeric = richardson({ graph.evaluate(d5, at: ["x": $0]) }, at: 0.3)
        #expect(agree(graph.evaluate(d6, at: ["x": 0.3]), numeric, tolerance: 1e-6))
    }
}
