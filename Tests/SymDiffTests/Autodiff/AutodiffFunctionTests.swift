// Each function's dual-number derivative against finite differences, and the conventions at kinks.
import Testing
import SymDiff
import SymDiffAutodiff

/// The hand-written `Dual` rule of every primitive `Function`, checked against Richardson-extrapolated
/// central differences at random points of the function's domain, away from kinks and ties.
@Suite struct AutodiffFunctionTests {
    /// The primitives: each has a `Dual` rule of its own (a defined function's is its definition's).
    static let primitives = Function.allCases.filter { !$0.isDefined }

    @Test(arguments: primitives)
    func dualMatchesFiniteDifferences(_ f: Function) {
        var random = SeededGenerator(seed: 0xAD00 + UInt64(f.rawValue))
        // An order (polygamma's) is held at 1; the argument after it is sampled in the function's range.
        let (first, second) = f.info.integerOrder ? (1.0...1.0, f.info.samples) : (f.info.samples, -3.0...3.0)
        var checked = 0
        while checked < 40 {
            let point = ["a": Double.random(in: first, using: &random), "b": Double.random(in: second, using: &random)]
            let (a, b) = (point["a"]!, point["b"]!)
            // Kinks sit at 0 and at ties of the two arguments: stay clear of both.
            guard Swift.abs(a) > 0.01, f.arity == 1 || (Swift.abs(b) > 0.01 && Swift.abs(a - b) > 0.01) else { continue }
            checked += 1
            let value = { (p: [String: Double]) in f.evaluate(p["a"]!, p["b"]!) }
            for (index, name) in ["a", "b"].prefix(f.arity).enumerated() where !(index == 0 && f.info.integerOrder) {
                let dual = Dual<Double>.apply(
                    f, Dual(value: a, derivative: index == 0 ? 1 : 0), Dual(value: b, derivative: index == 1 ? 1 : 0))
                #expect(dual.value == f.evaluate(a, b), "\(f.name) value at \(a), \(b)")
                let estimate = FiniteDifference(name, at: point, value)
                #expect(estimate.agrees(with: dual.derivative),
                        "\(f.name) d/d\(name) at (\(a), \(b)): dual \(dual.derivative), finite difference \(estimate.estimate)")
            }
        }
    }

    /// The derivative of `f` by its first argument at `a`, with the second held at `b`.
    func slope(_ f: Function, _ a: Double, _ b: Double = 0) -> Double {
        Dual<Double>.apply(f, Dual(value: a, derivative: 1), Dual(value: b, derivative: 0)).derivative
    }

    @Test func kinksFollowPyTorch() {
        #expect(slope(.abs, 0) == 0)
        #expect(slope(.relu, 0) == 0)
        #expect(slope(.relu, 2) == 1)
        #expect(slope(.sign, 0) == 0)
        #expect(slope(.sign, -2) == 0)
        #expect(slope(.heaviside, 0) == 0)
        #expect(slope(.min, 1.5, 1.5) == 0.5)
        #expect(slope(.max, 1.5, 1.5) == 0.5)
        #expect(slope(.min, 1, 2) == 1)
        #expect(slope(.max, 1, 2) == 0)
        let tie = Dual<Double>.apply(.max, Dual(value: 1, derivative: 1), Dual(value: 1, derivative: 3))
        #expect(tie.derivative == 2)
    }

    #if arch(x86_64)
    /// The rules are generic: in `Float80` they agree with the binary64 ones to binary64 rounding.
    @Test(arguments: primitives)
    func float80AgreesWithDouble(_ f: Function) {
        let (first, second) = f.info.integerOrder ? (1.0...1.0, f.info.samples) : (f.info.samples, -3.0...3.0)
        let (a, b) = ((first.lowerBound + 2 * first.upperBound) / 3, (2 * second.lowerBound + second.upperBound) / 3)
        let along = f.info.integerOrder ? 1 : 0
        let wide = Dual<Float80>.apply(
            f, Dual(value: Float80(a), derivative: Float80(1 - along)), Dual(value: Float80(b), derivative: Float80(along)))
        let narrow = Dual<Double>.apply(f, Dual(value: a, derivative: Double(1 - along)), Dual(value: b, derivative: Double(along))).derivative
        // At a pole (beta's b = -1 here) both are not finite, whichever of inf and NaN.
        guard narrow.isFinite else { return #expect(!wide.derivative.isFinite, "\(f.name)") }
        #expect(Swift.abs(Double(wide.derivative) - narrow) <= 1e-13 * Swift.max(1, Swift.abs(narrow)), "\(f.name)")
    }
    #endif
}
