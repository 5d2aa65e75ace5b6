// The status of values at kinks, domain edges, poles, removable points and cancellations.
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify

/// One value at one point and what `Verification` must say about it. Expected one-sided
/// partials and limits are worked out by hand.
struct StatusCase: Sendable, CustomTestStringConvertible {
    var formula: String
    var point: [String: Double]
    /// The column: `f`, `d/dx`, `d2/dx^2`, ...
    var value: String
    var status: PointStatus
    /// For `nondifferentiable`: the left and right one-sided partials (±infinity at a jump).
    var oneSided: (left: Double, right: Double)?
    /// For `removable`: the limit.
    var limit: Double?

    init(_ formula: String, _ point: [String: Double], _ value: String, _ status: PointStatus,
         oneSided: (Double, Double)? = nil, limit: Double? = nil) {
        self.formula = formula
        self.point = point
        self.value = value
        self.status = status
        self.oneSided = oneSided
        self.limit = limit
    }

    var testDescription: String { "\(formula) at \(point.sorted { $0.key < $1.key }): \(value) \(status.rawValue)" }
}

@Suite struct VerifyStatusTests {
    static let inf = Double.infinity

    static let cases: [StatusCase] = [
        // Kinks: one-sided partials differ; the value is PyTorch's convention.
        StatusCase("abs(x)", ["x": 0], "d/dx", .nondifferentiable, oneSided: (-1, 1)),
        StatusCase("abs(x)", ["x": 0], "f", .ok),
        StatusCase("relu(x)", ["x": 0], "d/dx", .nondifferentiable, oneSided: (0, 1)),
        StatusCase("relu(x)^2", ["x": 0], "d/dx", .ok),
        StatusCase("relu(x)^2", ["x": 0], "d2/dx^2", .nondifferentiable, oneSided: (0, 2)),
        StatusCase("x*abs(x)", ["x": 0], "d/dx", .ok),
        StatusCase("x*abs(x)", ["x": 0], "d2/dx^2", .nondifferentiable, oneSided: (-2, 2)),
        StatusCase("abs(x)*x^2", ["x": 0], "d/dx", .ok),
        StatusCase("abs(2*x - 1)", ["x": 0.5], "d/dx", .nondifferentiable, oneSided: (-2, 2)),
        StatusCase("sign(x)", ["x": 0], "d/dx", .nondifferentiable, oneSided: (inf, inf)),
        StatusCase("heaviside(x)", ["x": 0], "d/dx", .nondifferentiable, oneSided: (0, inf)),
        StatusCase("max(x, y)", ["x": 1, "y": 1], "d/dx", .nondifferentiable, oneSided: (0, 1)),
        StatusCase("min(x, 1)", ["x": 1], "d/dx", .nondifferentiable, oneSided: (1, 0)),
        StatusCase("relu(x)*y", ["x": 0, "y": 2], "d2/dxdy", .nondifferentiable, oneSided: (0, 1)),
        StatusCase("abs(x)", ["x": 0.25], "d/dx", .ok),
        // Outside the domain.
        StatusCase("log(x)", ["x": -1], "f", .undefined),
        StatusCase("log(x)", ["x": -1], "d/dx", .undefined),
        StatusCase("sqrt(x)", ["x": -4], "f", .undefined),
        StatusCase("asin(x)", ["x": 2], "d/dx", .undefined),
        StatusCase("acosh(x)", ["x": 0.5], "f", .undefined),
        StatusCase("x^0.5 + y", ["x": -1, "y": 1], "d/dy", .undefined),
        // Poles of the value or of a derivative.
        StatusCase("1/x", ["x": 0], "f", .pole),
        StatusCase("1/x", ["x": 0], "d/dx", .pole),
        StatusCase("log(x)", ["x": 0], "f", .pole),
        StatusCase("atanh(x)", ["x": 1], "f", .pole),
        StatusCase("sqrt(x)", ["x": 0], "f", .ok),
        StatusCase("sqrt(x)", ["x": 0], "d/dx", .pole),
        StatusCase("asin(x)", ["x": 1], "d/dx", .pole),
        StatusCase("x^1.5", ["x": 0], "d/dx", .ok),
        StatusCase("x^1.5", ["x": 0], "d2/dx^2", .pole),
        // 0/0 as written with a finite limit.
        StatusCase("sin(x)/x", ["x": 0], "f", .removable, limit: 1),
        StatusCase("sin(x)/x", ["x": 0], "d/dx", .removable, limit: 0),
        StatusCase("sin(x)/x", ["x": 0], "d2/dx^2", .removable, limit: -1.0 / 3),
        StatusCase("(1 - cos(x))/x^2", ["x": 0], "f", .removable, limit: 0.5),
        StatusCase("(exp(x) - 1)/x", ["x": 0], "f", .removable, limit: 1),
        StatusCase("sin(x)/x", ["x": 0.5], "f", .ok),
        // Powers at a zero base: x^x's derivative x^x (log x + 1) falls like log x (no limit);
        // 0^y is 0 all around y > 0, so its partial by y is 0, where x^y log(x) is 0 * -inf
        // as written.
        StatusCase("x^x", ["x": 0], "f", .ok),
        StatusCase("x^x", ["x": 0], "d/dx", .pole),
        StatusCase("x^y", ["x": 0, "y": 3], "d/dy", .removable, limit: 0),
        StatusCase("x^y", ["x": 0, "y": 3], "d2/dy^2", .removable, limit: 0),
        StatusCase("0^y", ["y": 0.5], "d/dy", .ok),
        StatusCase("0^y", ["y": 0.5], "f", .ok),
        // binary64 loses most digits: where double-double recovers them the value is output
        // from it and is ok (adaptive precision); past that it stays flagged.
        StatusCase("exp(x) - 1", ["x": 1e-10], "f", .ok),
        StatusCase("exp(x) - 1", ["x": 1e-10], "d/dx", .ok),
        StatusCase("cosh(x) - 1", ["x": 1e-5], "f", .ok),
        // Evaluated as tanh(x/2)*(exp(x) + 1) (stable lowering `exp-minus-one`): no cancellation.
        StatusCase("exp(x) - 1", ["x": 1e-40], "f", .ok),
        StatusCase("cosh(x) - 1", ["x": 1e-20], "f", .cancellation),
        // Beyond binary64's range.
        StatusCase("exp(x)", ["x": 800], "f", .overflow),
        // Well inside: integer powers of negative bases, saturated activations.
        StatusCase("x^3", ["x": -2], "d/dx", .ok),
        StatusCase("tanh(5*x)", ["x": 8], "d2/dx^2", .ok),
        StatusCase("sigmoid(x)", ["x": -40], "d/dx", .ok),
        // Conditions: a branch not taken has no events (sqrt(-1) is never computed for the
        // value), and a switching boundary is a kink or jump of the formula.
        StatusCase("where(x > 0, sqrt(x), 0)", ["x": -1], "f", .ok),
        StatusCase("where(x > 0, sqrt(x), 0)", ["x": -1], "d/dx", .ok),
        StatusCase("where(x > 0, sqrt(x), 0)", ["x": -1], "d2/dx^2", .ok),
        StatusCase("piecewise(x < 0, log(-x), x < 1, x, log(x))", ["x": -2], "d/dx", .ok),
        StatusCase("where(x > 0, x^2, -x)", ["x": 0], "f", .ok),
        StatusCase("where(x > 0, x^2, -x)", ["x": 0], "d/dx", .nondifferentiable, oneSided: (-1, 0)),
        StatusCase("where(x > 0, x^2, -x)", ["x": 0.5], "d/dx", .ok),
        StatusCase("(x < y)*x", ["x": 1, "y": 1], "d/dx", .nondifferentiable, oneSided: (-inf, 0)),
    ]

    /// The verification of `c.formula` at its point, orders 0 to 2 by every variable.
    static func verify(_ c: StatusCase) throws -> Verification.Column {
        let d = try Derivatives(DerivativeRequest(formulas: [c.formula], orders: 1...2))
        let points = PointSet(names: d.freeVariables, columns: d.freeVariables.map { [c.point[$0]!] })
        let v = try Verification(d, at: points, threads: 1)
        return try #require(v.columns.first { $0.name == c.value })
    }

    @Test(arguments: cases) func status(_ c: StatusCase) throws {
        let column = try Self.verify(c)
        #expect(column.status[0] == c.status)
        #expect(column.agrees[0])
        if let expected = c.oneSided {
            let sides = try #require(column.oneSided[0])
            for (got, want) in [(sides.left, expected.left), (sides.right, expected.right)] {
                #expect(want.isInfinite ? got == want : Swift.abs(got - want) <= 1e-6 * Swift.max(1, Swift.abs(want)))
            }
        }
        if let expected = c.limit {
            let limit = try #require(column.limits[0])
            #expect(Swift.abs(limit - expected) <= 1e-6)
        }
    }
}

/// Status bookkeeping: codes follow the declaration order, and counts match the statuses.
@Suite struct StatusCountTests {
    @Test func countsAndOrder() throws {
        #expect(PointStatus.allCases == PointStatus.allCases.sorted())
        let d = try Derivatives(DerivativeRequest(formulas: ["sqrt(x)"], orders: 1...1))
        let v = try Verification(d, at: PointSet(names: ["x"], columns: [[-1, 0, 1, 4]]), threads: 1)
        // f: undefined, ok, ok, ok; d/dx: undefined, pole (sqrt'(0)), ok, ok.
        #expect(v.statusCounts == [.ok: 5, .undefined: 2, .pole: 1])
        #expect(v.columns[0].statusCounts[.undefined] == 1)
    }
}
