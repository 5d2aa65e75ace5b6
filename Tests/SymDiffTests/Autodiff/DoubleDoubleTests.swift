// DoubleDouble against 50-digit mpmath references, arithmetic identities, conventions and a Tape at a removable point.
import Foundation
import Testing
import SymDiff
@testable import SymDiffAutodiff

/// The double-double scalar: every function at tiny, moderate and large arguments within
/// `2^-95` relative of mpmath (`DoubleDoubleReferences.swift`), arithmetic within `2^-100`,
/// the conventions of `Function.evaluate` at kinks and special values, and the derivatives
/// that binary64 loses to cancellation near a removable point.
@Suite struct DoubleDoubleTests {
    /// The bound on the relative error of the functions and powers.
    static let functionBound = 0x1p-95
    /// The bound on the relative error of `+ - * /` and of the identities.
    static let arithmeticBound = 0x1p-100

    /// `|got - (hi + lo)| / |hi + lo|`, the difference taken in double-double.
    static func relativeError(_ got: DoubleDouble, _ hi: Double, _ lo: Double) -> Double {
        Swift.abs((got - DoubleDouble(hi: hi, lo: lo)).doubleValue / hi)
    }

    /// The relative error of `got` against `expected`, both double-double.
    static func relativeError(_ got: DoubleDouble, _ expected: DoubleDouble) -> Double {
        relativeError(got, expected.hi, expected.lo)
    }

    @Test(arguments: functions)
    func functionMatchesReference(_ f: Function, _ a: Double, _ b: Double, _ hi: Double, _ lo: Double) {
        let got = DoubleDouble.apply(f, DoubleDouble(a), DoubleDouble(b))
        let error = Self.relativeError(got, hi, lo)
        #expect(error <= Self.functionBound, "\(f.name)(\(a), \(b)) = \(got), error 2^\(log2(error))")
    }

    @Test(arguments: integerPowers)
    func integerPowerMatchesReference(_ a: Double, _ n: Int, _ hi: Double, _ lo: Double) {
        let got = DoubleDouble.power(DoubleDouble(a), n)
        let error = Self.relativeError(got, hi, lo)
        #expect(error <= Self.functionBound, "\(a)^\(n) = \(got), error 2^\(log2(error))")
    }

    @Test(arguments: constantPowers)
    func constantPowerMatchesReference(_ a: Double, _ b: Double, _ hi: Double, _ lo: Double) {
        for got in [DoubleDouble.power(DoubleDouble(a), constantExponent: DoubleDouble(b)),
                    DoubleDouble.power(DoubleDouble(a), DoubleDouble(b))] {
            let error = Self.relativeError(got, hi, lo)
            #expect(error <= Self.functionBound, "\(a)^\(b) = \(got), error 2^\(log2(error))")
        }
    }

    @Test(arguments: arithmetic)
    func arithmeticMatchesReference(
        _ x: (Double, Double), _ y: (Double, Double), _ sum: (Double, Double), _ difference: (Double, Double),
        _ product: (Double, Double), _ quotient: (Double, Double)
    ) {
        let (a, b) = (DoubleDouble(hi: x.0, lo: x.1), DoubleDouble(hi: y.0, lo: y.1))
        for (name, got, expected) in [("+", a + b, sum), ("-", a - b, difference), ("*", a * b, product), ("/", a / b, quotient)] {
            let error = Self.relativeError(got, expected.0, expected.1)
            #expect(error <= Self.arithmeticBound, "\(a) \(name) \(b) = \(got), error 2^\(log2(error))")
        }
    }

    /// A random double-double of magnitude `2^-40 ... 2^40`, either sign, with a full `lo`.
    static func randomValue(using random: inout SeededGenerator) -> DoubleDouble {
        let hi = Double(sign: Bool.random(using: &random) ? .minus : .plus,
                        exponent: Int.random(in: -40...40, using: &random),
                        significand: Double.random(in: 1..<2, using: &random))
        return DoubleDouble(hi: hi, lo: hi.ulp * Double.random(in: -0.5...0.5, using: &random))
    }

    /// Inverse operations undo each other, and every result is normalized. A sum and a
    /// difference are exact only relative to the larger operand.
    @Test(arguments: ["(a * b) / b", "(a / b) * b", "(a + b) - b", "(a - b) + b"])
    func identitiesHold(_ identity: String) {
        var random = SeededGenerator(seed: 0xDD)
        for _ in 0..<2000 {
            let (a, b) = (Self.randomValue(using: &random), Self.randomValue(using: &random))
            let got: DoubleDouble = switch identity {
            case "(a * b) / b": (a * b) / b
            case "(a / b) * b": (a / b) * b
            case "(a + b) - b": (a + b) - b
            default: (a - b) + b
            }
            let additive = identity.contains("+")
            let scale = additive ? Swift.max(Swift.abs(a.hi), Swift.abs(b.hi)) : Swift.abs(a.hi)
            let error = Swift.abs((got - a).doubleValue) / scale
            #expect(error <= Self.arithmeticBound, "\(identity) at a = \(a), b = \(b): \(got), error 2^\(log2(error))")
            #expect(got.hi == got.hi + got.lo, "\(identity) at a = \(a), b = \(b) is not normalized: \(got)")
        }
    }

    /// Kinks follow `Function.evaluate`; NaN, infinities, zeros and overflow follow binary64;
    /// `sin` is NaN ("not available at this precision") beyond `2^52`.
    @Test(arguments: [
        (.sign, 0, .nan, 0), (.sign, -0.0, .nan, 0.0), (.sign, -2, .nan, -1), (.sign, .nan, .nan, .nan),
        (.heaviside, 0, .nan, 0), (.heaviside, 3, .nan, 1), (.heaviside, .nan, .nan, .nan),
        (.relu, -2, .nan, 0), (.relu, 0, .nan, 0), (.relu, 2.5, .nan, 2.5), (.relu, .nan, .nan, .nan),
        (.abs, -2.5, .nan, 2.5), (.abs, -0.0, .nan, 0), (.abs, .nan, .nan, .nan),
        (.min, 1, 2, 1), (.min, .nan, 2, .nan), (.max, 1, 2, 2), (.max, 1, .nan, .nan),
        (.exp, 800, .nan, .infinity), (.exp, 710, .nan, .infinity), (.exp, -800, .nan, 0), (.exp, -.infinity, .nan, 0),
        (.exp, .infinity, .nan, .infinity), (.exp, .nan, .nan, .nan), (.exp, 0, .nan, 1),
        (.log, 0, .nan, -.infinity), (.log, -1, .nan, .nan), (.log, .infinity, .nan, .infinity), (.log, 1, .nan, 0),
        (.sqrt, -1, .nan, .nan), (.sqrt, -0.0, .nan, -0.0), (.sqrt, .infinity, .nan, .infinity), (.sqrt, 4, .nan, 2),
        (.sin, .infinity, .nan, .nan), (.sin, -0.0, .nan, -0.0), (.cos, .nan, .nan, .nan), (.sin, 1e20, .nan, .nan),
        (.tanh, .infinity, .nan, 1), (.tanh, -.infinity, .nan, -1), (.tanh, -0.0, .nan, -0.0),
        (.sinh, 800, .nan, .infinity), (.sinh, -800, .nan, -.infinity), (.cosh, -800, .nan, .infinity),
        (.atan, .infinity, .nan, .pi / 2), (.atan, -0.0, .nan, -0.0),
        (.asin, 2, .nan, .nan), (.acos, 1, .nan, 0), (.acos, -1, .nan, .pi),
        (.acosh, 0.5, .nan, .nan), (.acosh, 1, .nan, 0), (.atanh, 1, .nan, .infinity), (.atanh, -1, .nan, -.infinity),
        (.atanh, 2, .nan, .nan), (.asinh, -0.0, .nan, -0.0),
        (.atan2, 0, -1, .pi), (.atan2, -0.0, 1, -0.0), (.atan2, .infinity, .infinity, .pi / 4),
        (.hypot, .infinity, .nan, .infinity), (.hypot, 3, 4, 5), (.hypot, 0, 0, 0),
        (.cbrt, -8, .nan, -2), (.log2, 8, .nan, 3), (.log10, 1000, .nan, 3),
        (.sigmoid, -.infinity, .nan, 0), (.sigmoid, .nan, .nan, .nan), (.softplus, .infinity, .nan, .infinity),
        (.erf, .infinity, .nan, 1), (.erf, -.infinity, .nan, -1), (.erf, -0.0, .nan, -0.0), (.erf, .nan, .nan, .nan),
        (.erfc, 30, .nan, 0), (.erfc, -.infinity, .nan, 2), (.erfc, .nan, .nan, .nan),
    ] as [(Function, Double, Double, Double)])
    func conventionsAndSpecialValues(_ f: Function, _ a: Double, _ b: Double, _ expected: Double) {
        let got = DoubleDouble.apply(f, DoubleDouble(a), DoubleDouble(b)).doubleValue
        #expect(got.isNaN ? expected.isNaN : got == expected && got.sign == expected.sign, "\(f.name)(\(a), \(b)) = \(got)")
    }

    /// Arithmetic and powers at zeros, infinities and NaN, as in binary64: `x op y`, where
    /// `^n` is the integer power, `^c` the constant-exponent one and `^` the general one.
    @Test(arguments: [
        ("/", 1, 0, .infinity), ("/", -1, 0, -.infinity), ("/", 0, 0, .nan), ("/", 1, .infinity, 0),
        ("-", .infinity, .infinity, .nan), ("+", .infinity, 1, .infinity), ("+", -0.0, -0.0, -0.0), ("-", 1, 1, 0),
        ("*", 0, .infinity, .nan), ("*", -0.0, 3, -0.0), ("*", 1e300, 1e300, .infinity),
        ("^n", 0, -1, .infinity), ("^n", -0.0, -3, -.infinity), ("^n", .nan, 0, 1), ("^n", 2, 1100, .infinity),
        ("^c", -8, 1.0 / 3, .nan), ("^c", -2, 3, -8), ("^c", 0, 0.5, 0), ("^c", .infinity, -0.5, 0), ("^", 1, .nan, 1),
    ] as [(String, Double, Double, Double)])
    func specialArithmetic(_ operation: String, _ x: Double, _ y: Double, _ expected: Double) {
        let (a, b) = (DoubleDouble(x), DoubleDouble(y))
        let got: DoubleDouble = switch operation {
        case "+": a + b
        case "-": a - b
        case "*": a * b
        case "/": a / b
        case "^n": DoubleDouble.power(a, Int(y))
        case "^c": DoubleDouble.power(a, constantExponent: b)
        default: DoubleDouble.power(a, b)
        }
        let value = got.doubleValue
        #expect(value.isNaN ? expected.isNaN : value == expected && value.sign == expected.sign, "\(x) \(operation) \(y) = \(got)")
    }

    /// Near a removable point binary64 loses about 12 digits of these derivatives; a Tape in
    /// double-double keeps them, from the written derivative and by forward mode over the function.
    @Test(arguments: derivatives)
    func tapeKeepsCancelledDigits(_ function: String, _ derivative: String, _ hi: Double, _ lo: Double) throws {
        let x = 1e-6
        let written = try Formula(parsing: derivative)
        let derivativeTape = Tape(written.graph, roots: [written.root], variables: ["x"])
        let got = derivativeTape.evaluate(at: [DoubleDouble(x)])[0]
        #expect(Self.relativeError(got, hi, lo) <= 1e-13, "\(derivative) = \(got)")

        let parsed = try Formula(parsing: function)
        let functionTape = Tape(parsed.graph, roots: [parsed.root], variables: ["x"])
        let dual = functionTape.evaluate(at: [Dual(value: DoubleDouble(x), derivative: 1)])[0]
        #expect(Self.relativeError(dual.derivative, hi, lo) <= 1e-13, "d/dx \(function) = \(dual.derivative)")

        let binary64 = derivativeTape.evaluate(at: [x])[0]
        #expect(Swift.abs(binary64 - hi) > 1e-8 * Swift.abs(hi), "binary64 keeps the digits: \(binary64)")
    }
}
