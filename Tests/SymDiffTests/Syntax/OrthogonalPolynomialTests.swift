// The orthogonal polynomials, expanded where read, against identities they must satisfy.
import Foundation
import Testing
@testable import SymDiff

@Suite struct OrthogonalPolynomialTests {
    /// The value of `formula` (in `x`) at `x`.
    static func value(_ formula: String, at x: Double) throws -> Double {
        let (graph, roots) = try lowered([formula])
        return graph.evaluate(roots[0], at: ["x": x])
    }

    /// Its derivative by x at `x`.
    static func slope(_ formula: String, at x: Double) throws -> Double {
        var (graph, roots) = try lowered([formula])
        let derivative = try graph.derivative(of: roots[0], withRespectTo: "x")
        return graph.evaluate(derivative, at: ["x": x])
    }

    /// `T_n(cos θ) = cos(n θ)`: the recurrence checked against trigonometry.
    @Test(arguments: 0...12)
    func chebyshevIsCosineOfAMultiple(_ n: Int) throws {
        for theta in [0.1, 0.7, 1.3, 2.9] {
            #expect(Swift.abs(try Self.value("chebyshev_t(\(n), x)", at: cos(theta)) - cos(Double(n) * theta)) <= 1e-12)
        }
    }

    /// `P_n(1) = 1`, `P_n'(1) = n(n+1)/2`, `P_n(-x) = (-1)^n P_n(x)`.
    @Test(arguments: 0...15)
    func legendreAtOne(_ n: Int) throws {
        #expect(Swift.abs(try Self.value("legendre(\(n), x)", at: 1) - 1) <= 1e-12)
        #expect(Swift.abs(try Self.slope("legendre(\(n), x)", at: 1) - Double(n * (n + 1)) / 2) <= 1e-10 * Double(n * n + 1))
        let (plus, minus) = (try Self.value("legendre(\(n), x)", at: 0.3), try Self.value("legendre(\(n), x)", at: -0.3))
        #expect(Swift.abs(plus - (n % 2 == 0 ? minus : -minus)) <= 1e-14)
    }

    /// `H_n' = 2n H_(n-1)` and `L_n(0) = 1`, `L_n'(0) = -n`.
    @Test(arguments: 1...12)
    func hermiteAndLaguerreIdentities(_ n: Int) throws {
        for x in [-1.7, 0.4, 2.2] {
            let (slope, lower) = (try Self.slope("hermite(\(n), x)", at: x), try Self.value("hermite(\(n - 1), x)", at: x))
            #expect(Swift.abs(slope - 2 * Double(n) * lower) <= 1e-11 * Swift.max(1, Swift.abs(slope)))
        }
        #expect(try Self.value("laguerre(\(n), x)", at: 0) == 1)
        #expect(try Self.slope("laguerre(\(n), x)", at: 0) == -Double(n))
    }

    /// The first few, exactly, and the errors: a non-constant order, too many arguments, an
    /// order whose coefficients are not exact 64-bit fractions.
    @Test(arguments: [
        ("legendre(2, x)", "3*x^2/2 - 1/2"), ("hermite(3, x)", "x*(8*x^2 - 12)"), ("chebyshev_t(4, x)", "x^2*(8*x^2 - 8) + 1"),
        ("laguerre(2, x)", "x*(x/2 - 2) + 1"), ("legendre(0, x)", "1"),
    ])
    func expansions(_ formula: String, _ printed: String) throws {
        let (graph, roots) = try lowered([formula])
        #expect(graph.formula(roots[0]) == printed)
    }

    @Test(arguments: [
        ("legendre(n, x)", "'legendre' takes a constant integer order >= 0 as its first argument"),
        ("hermite(3, x, y)", "'hermite' takes 2 arguments, got 3"),
        ("legendre(23, x)", "legendre(23, x) has coefficients beyond exact 64-bit fractions"),
    ])
    func errors(_ formula: String, _ message: String) {
        #expect(throws: Diagnostic.self) { try Parser.parse(formula) }
        do { _ = try Parser.parse(formula) } catch { #expect(error.message == message) }
    }
}
