// Identically zero expressions recognized, nonzero ones never, and the work bound kept.
import Testing
@testable import SymDiff

@Suite struct ZeroRecognizerTests {
    /// Textbook identities written as `lhs - rhs`: each is 0 everywhere it is defined.
    static let identities = [
        "sin(2*x) - 2*sin(x)*cos(x)",
        "cos(2*x) - (cos(x)^2 - sin(x)^2)",
        "cos(2*x) - (1 - 2*sin(x)^2)",
        "sin(3*x) - (3*sin(x) - 4*sin(x)^3)",
        "cos(3*x) - (4*cos(x)^3 - 3*cos(x))",
        "sin(x + y) - (sin(x)*cos(y) + cos(x)*sin(y))",
        "cos(x - y) - (cos(x)*cos(y) + sin(x)*sin(y))",
        "sin(x)^4 + cos(x)^4 - (1 - 2*sin(x)^2*cos(x)^2)",
        "sin(x + pi/2) - cos(x)",
        "cos(x + pi) + cos(x)",
        "sin(-2*x) + sin(2*x)",
        "(x + 1)^2 - x^2 - 2*x - 1",
        "(x - y)*(x + y) - x^2 + y^2",
        "exp(x)*exp(2*y) - exp(x + 2*y)",
        "exp(-2*t)^2 - exp(-4*t)",
        "exp(x)*sin(2*y)/2 - exp(x)*sin(y)*cos(y)*(sin(z)^2 + cos(z)^2)",
        "log(x)*(sin(x)^2 + cos(x)^2) - log(x)",
    ]

    @Test(arguments: identities)
    func recognizesIdentities(_ formula: String) throws {
        let (graph, roots) = try lowered([formula])
        let recognized = graph.isRecognizedZero(roots[0])
        #expect(recognized, "\(formula) = \(graph.formula(roots[0]))")
        // Outside the recognizer: the identity holds numerically.
        for point in Self.points {
            let value = graph.evaluate(roots[0], at: point)
            #expect(!value.isFinite || Swift.abs(value) < 1e-12, "\(formula) at \(point): \(value)")
        }
    }

    /// Expressions that are not 0 (checked numerically), some one step from an identity.
    static let nonzero = [
        "sin(2*x) - sin(x)*cos(x)",
        "cos(2*x) - 1 + sin(x)^2",
        "sin(x + y) - sin(x)*cos(y)",
        "(x + 1)^2 - x^2 - 1",
        "exp(x)*exp(y) - exp(x*y)",
        "sin(x/2) - sin(x)/2",
        "tan(2*x) - 2*tan(x)",
        "sin(x) - cos(x)",
    ]

    @Test(arguments: nonzero)
    func doesNotRecognizeNonzero(_ formula: String) throws {
        let (graph, roots) = try lowered([formula])
        let recognized = graph.isRecognizedZero(roots[0])
        #expect(!recognized, "\(formula)")
        let values = Self.points.map { graph.evaluate(roots[0], at: $0) }
        #expect(values.contains { Swift.abs($0) > 1e-3 }, "\(formula) looks zero: \(values)")
    }

    /// Kept as written elsewhere, and kept here: `sqrt(x)^2 - x` is not 0 below 0 (it is
    /// undefined). A product or power is 0 when a factor or the base is.
    @Test func keepsTheDomainAndLooksIntoFactors() throws {
        let (graph, roots) = try lowered(["sqrt(x)^2 - x", "x*x^-1 - 1", "exp(y)*(sin(2*x) - 2*sin(x)*cos(x))", "(cos(2*x) - 1 + 2*sin(x)^2)^3"])
        #expect(roots.map { graph.isRecognizedZero($0) } == [false, false, true, true])
    }

    /// An expansion past the work bound gives up (the answer is "not recognized"), and the
    /// graph gains no nodes.
    @Test func givesUpPastTheWorkBound() throws {
        // 0, but (x + y + z + w + 1)^16 alone has 4845 monomials.
        let (graph, roots) = try lowered(["(x + y + z + w + 1)^16*cos(a)^2 + (x + y + z + w + 1)^16*sin(a)^2 - (x + y + z + w + 1)^16"])
        let count = graph.count
        #expect(!graph.isRecognizedZero(roots[0]))
        #expect(graph.count == count)
    }

    /// Random formulas and differences of random formulas: whatever is recognized as 0 is 0
    /// at every sample point.
    @Test func soundOnRandomFormulas() throws {
        var generator = FormulaGenerator(seed: 11)
        var recognized = 0
        for _ in 0..<400 {
            let a = generator.formula(depth: 3)
            let b = generator.formula(depth: 3)
            for text in [a, "(\(a)) - (\(b))", "sin(2*(\(a))) - 2*sin(\(a))*cos(\(b))"] {
                guard let (graph, roots) = try? lowered([text]), graph.isRecognizedZero(roots[0]) else { continue }
                recognized += 1
                for point in Self.points {
                    let value = graph.evaluate(roots[0], at: point)
                    #expect(!value.isFinite || Swift.abs(value) < 1e-9, "\(text) at \(point): \(value)")
                }
            }
        }
        #expect(recognized > 0)
    }

    static let points: [[String: Double]] = [
        ["x": 0.3, "y": -1.2, "z": 2.1, "t": 0.7], ["x": 1.7, "y": 0.4, "z": -0.6, "t": 1.9], ["x": -2.3, "y": 2.9, "z": 0.05, "t": -0.4],
    ]
}
