// The generic interpreter: its three power rules, constants, unbound variables, and the gradient API.
import Testing
import SymDiff
import SymDiffAutodiff

@Suite struct AutodiffInterpreterTests {
    /// `d/d variable` of `text` at `point` through `Autodiff.gradient`.
    func slope(_ text: String, _ point: [String: Double], by variable: String = "x") throws -> Double {
        let formula = try Formula(parsing: text)
        return Autodiff.gradient(of: formula.root, in: formula.graph, at: point, variables: [variable])[0]
    }

    @Test func integerPowersAllowNegativeBases() throws {
        #expect(try slope("x^3", ["x": -2]) == 12)
        #expect(try slope("x^-2", ["x": -2]) == 0.25)
    }

    @Test func constantExponentsAllowNegativeBasesWhereThePowerIsReal() throws {
        // x^pi is NaN below 0 (pow's convention); above it the rule is pi x^(pi-1).
        let x = 1.7
        #expect(Swift.abs(try slope("x^pi", ["x": x]) - Double.pi * Double.pow(x, Double.pi - 1)) <= 1e-15)
        #expect(try slope("x^pi", ["x": -1.7]).isNaN)
    }

    @Test func variableExponentsUseExpLog() throws {
        let (x, y) = (1.3, 2.2)
        #expect(Swift.abs(try slope("x^y", ["x": x, "y": y], by: "y") - Double.pow(x, y) * Double.log(x)) <= 1e-15)
        // A zero tangent contributes nothing: by x, log(-2) never enters.
        #expect(try slope("x^y", ["x": -2, "y": 3]) == 12)
    }

    @Test func unboundVariablesAreNaN() throws {
        let formula = try Formula(parsing: "x + y")
        #expect(Autodiff.evaluate(formula.graph, roots: [formula.root], at: ["x": 1.0])[0].isNaN)
    }

    @Test func gradientIsOnePartialPerVariable() throws {
        let formula = try Formula(parsing: "x^2*y + sin(z)")
        let point = ["x": 1.5, "y": -2.0, "z": 0.25]
        let gradient = Autodiff.gradient(of: formula.root, in: formula.graph, at: point, variables: ["x", "y", "z", "w"])
        #expect(gradient[0] == 2 * 1.5 * -2)
        #expect(gradient[1] == 1.5 * 1.5)
        #expect(gradient[2] == Double.cos(0.25))
        #expect(gradient[3] == 0)
    }

    #if arch(x86_64)
    @Test func float80KeepsItsDigitsForConstants() throws {
        let formula = try Formula(parsing: "pi/3 + e")
        let wide = Autodiff.evaluate(formula.graph, roots: [formula.root], at: [String: Float80]())[0]
        let exact = Float80.pi / 3 + Float80.exp(1)
        #expect(Swift.abs(wide - exact) <= 4 * exact.ulp)
        #expect(Swift.abs(Float80(Double.pi / 3 + Double.exp(1)) - exact) > 64 * exact.ulp)
    }
    #endif
}
