// The stable lowerings: each changes what is evaluated, agrees with the plain form where both
// are finite, and gives the 50-digit value in plain binary64 where the plain form overflows.
import Testing
import SymDiff

@Suite struct StableLoweringTests {
    /// One rule at work: a formula, the order whose printed form the rule rewrites, and the
    /// printed form (unchanged by the lowering).
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: StableLowering
        var formula: String
        var order: Int
        var printed: String
        var testDescription: String { "\(rule.rawValue): \(formula), order \(order)" }
    }

    static let cases = [
        Case(rule: .hyperbolicQuotient, formula: "tanh(x)", order: 2, printed: "-2*sinh(x)/cosh(x)^3"),
        Case(rule: .hyperbolicQuotient, formula: "1/cosh(x)", order: 1, printed: "-sinh(x)/cosh(x)^2"),
        Case(rule: .sechPower, formula: "tanh(x)", order: 1, printed: "1/cosh(x)^2"),
        Case(rule: .sechPower, formula: "1/cosh(x)", order: 0, printed: "1/cosh(x)"),
        Case(rule: .tanhPolynomial, formula: "log(cosh(x))", order: 3,
             printed: "2*sinh(x)^3/cosh(x)^3 + tanh(x) - 3*cosh(x)*sinh(x)/cosh(x)^2"),
        Case(rule: .expMinusOne, formula: "x*exp(x) - x", order: 1, printed: "exp(x) + x*exp(x) - 1"),
        Case(rule: .expMinusOne, formula: "1 - exp(x)", order: 0, printed: "1 - exp(x)"),
        Case(rule: .logOnePlus, formula: "log(1 + x^2)", order: 0, printed: "log(x^2 + 1)"),
        Case(rule: .logOnePlus, formula: "x*log(1 + x^2)", order: 1, printed: "log(x^2 + 1) + 2*x^2/(x^2 + 1)"),
    ]

    /// The value the program computes for `node` at each of `xs`, in binary64.
    static func values(_ node: NodeID, _ graph: ExprGraph, at xs: [Double]) throws -> [Double] {
        Evaluator(try Compiler.compile([node], in: graph, inputs: ["x"]), threads: 1).evaluate([xs])[0]
    }

    /// The rule changes what is evaluated, not what is printed, and the two forms agree to
    /// 1e-14 of the larger of the value and 1 from -3 to 3, where both are finite (a plain
    /// form that cancels, as the third derivative of `log(cosh(x))` does, is good only to that).
    @Test(arguments: cases)
    func agreesWithThePlainForm(_ c: Case) throws {
        let d = try Derivatives(DerivativeRequest(formulas: [c.formula], variables: ["x"], orders: c.order...c.order))
        let column = try #require(d.columns.last)
        #expect(d.graph.formula(column.node) == c.printed)
        #expect(column.evaluation != column.node)
        let xs = stride(from: -3.0, through: 3.0, by: 0.125).map { $0 + 0.01 }
        let (plain, lowered) = (try Self.values(column.node, d.graph, at: xs), try Self.values(column.evaluation, d.graph, at: xs))
        for (i, x) in xs.enumerated() {
            #expect(Swift.abs(lowered[i] - plain[i]) <= 1e-14 * Swift.max(1, Swift.abs(plain[i])), "at \(x): \(lowered[i]) vs \(plain[i])")
        }
    }

    /// Values the rules put right in plain binary64 where the printed form cancels, against
    /// mpmath at 30 digits.
    @Test(arguments: [("log(1 + x^2)", 1e-7, 9.999999999999949e-15), ("exp(x) - 1", 1e-10, 1.00000000005e-10)])
    func cancellationAvoided(_ formula: String, _ x: Double, _ reference: Double) throws {
        let d = try Derivatives(DerivativeRequest(formulas: [formula], variables: ["x"], orders: 0...0))
        let value = Evaluator(try d.program(inputs: ["x"]), threads: 1).evaluate([[x]])[0][0]
        #expect(Swift.abs(value - reference) <= reference.ulp, "\(formula) at \(x): \(value)")
    }

    /// The orders the rules put right in plain binary64, with no `--verify` to refine them:
    /// where the plain forms give `inf/inf`, `0*inf` or lose every digit.
    static let farOrders: [String: ClosedRange<Int>] = [
        "tanh(x)": 1...4, "1/cosh(x)": 0...4, "log(cosh(x))": 1...3, "(exp(x) - 1)/x": 0...0,
    ]

    /// `Fixtures/far.json` (mpmath, 50 digits) through the binary64 program alone: within
    /// 1e-12 relative (or 1e-300 absolute, below binary64's normal range).
    @Test func farArgumentsInPlainBinary64() throws {
        let fixtures = try FixtureFile.load("far").cases.filter { Self.farOrders[$0.formula] != nil }
        #expect(fixtures.count == 4)
        for fixture in fixtures {
            let orders = Self.farOrders[fixture.formula]!
            let d = try Derivatives(DerivativeRequest(formulas: [fixture.formula], variables: ["x"], orders: orders))
            let xs = fixture.points.map { Double($0[0])! }
            let program = try d.program(inputs: ["x"])
            let outputs = Evaluator(program, threads: 1).evaluate([xs])
            for (k, column) in d.columns.enumerated() where orders.contains(column.wrt.count) {
                let reference = try #require(fixture.partials.first { $0.wrt == column.wrt }).values.map { Double($0)! }
                for (i, x) in xs.enumerated() {
                    let error = Swift.abs(outputs[k][i] - reference[i])
                    #expect(error <= 1e-12 * Swift.abs(reference[i]) || error <= 1e-300,
                            "\(fixture.formula) \(column.name) at \(x): \(outputs[k][i]) vs \(reference[i])")
                }
            }
        }
    }
}
