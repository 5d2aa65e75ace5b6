// The scalar numerics of the built-in functions, in any precision.
import Foundation

extension Function {
    /// The value at `a` (and `b`), following IEEE 754 and C99 Annex F, in any precision.
    ///
    /// Conventions at the kinks, as PyTorch uses them: `sign(0) = 0`, `heaviside(0) = 0`,
    /// `relu(0) = 0`. Comparisons and logic give 1 or 0; a condition is true where nonzero. `min` and `max` propagate NaN (like `torch.minimum`), unlike `fmin`.
    /// `sigmoid` and `softplus` use the forms that neither overflow nor cancel. A function with
    /// a catalog kernel is computed in extended precision (binary64 rounds it once).
    public func evaluate<T: RealFunctions>(_ a: T, _ b: T = .nan) -> T {
        switch self {
        case .sin: return T.sin(a)
        case .cos: return T.cos(a)
        case .tan: return T.tan(a)
        case .sec: return 1 / T.cos(a)
        case .csc: return 1 / T.sin(a)
        case .cot: return 1 / T.tan(a)
        case .asin: return T.asin(a)
        case .acos: return T.acos(a)
        case .atan: return T.atan(a)
        case .sinh: return T.sinh(a)
        case .cosh: return T.cosh(a)
        case .tanh: return T.tanh(a)
        case .asinh: return T.asinh(a)
        case .acosh: return T.acosh(a)
        case .atanh: return T.atanh(a)
        case .exp: return T.exp(a)
        case .log: return T.log(a)
        case .log10: return T.log10(a)
        case .log2: return T.log2(a)
        case .sqrt: return a.squareRoot()
        case .cbrt: return T.cbrt(a)
        case .abs: return Swift.abs(a)
        case .sign: return a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : .nan
        case .erf: return T.erf(a)
        case .erfc: return T.erfc(a)
        case .sigmoid:
            let e = T.exp(-Swift.abs(a))
            return a >= 0 ? 1 / (1 + e) : e / (1 + e)
        case .softplus:
            let l = T.log1p(T.exp(-Swift.abs(a)))
            return a > 0 ? a + l : l
        case .relu: return a > 0 ? a : a.isNaN ? a : 0
        case .heaviside: return a > 0 ? 1 : a.isNaN ? a : 0
        case .atan2: return T.atan2(a, b)
        case .hypot: return T.hypot(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .floor: return a.rounded(.down)
        case .ceil: return a.rounded(.up)
        case .round: return a.rounded(.toNearestOrEven)
        case .trunc: return a.rounded(.towardZero)
        case .fmod: return a.truncatingRemainder(dividingBy: b)
        case .mod:
            // C fmod is exact; moved into b's sign as Python's % (and torch.remainder) does.
            let r = a.truncatingRemainder(dividingBy: b)
            return r != 0 && (r < 0) != (b < 0) ? r + b : r
        case .sinpi: return T.sinPi(a)
        case .cospi: return T.cosPi(a)
        case .expm1: return T.expm1(a)
        case .log1p: return T.log1p(a)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot, .select:
            return condition(a, b, negativeZero: -T.zero)
        default:
            // A catalog kernel, in extended precision: binary64 rounds it once.
            if let kernel = FunctionInfo.kernels[rawValue] { return T(kernel(ExtendedReal(a), ExtendedReal(b))) }
            return evaluate(arguments: [a, b])
        }
    }

    /// A comparison, logic function or `select` at `a` (and `b`) in any ordered arithmetic:
    /// 1 or 0, a condition true where nonzero; `select`'s other pick is `negativeZero`.
    public func condition<T: Comparable & ExpressibleByIntegerLiteral>(_ a: T, _ b: T, negativeZero: T) -> T {
        switch self {
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        case .logicalAnd: return a != 0 && b != 0 ? 1 : 0
        case .logicalOr: return a != 0 || b != 0 ? 1 : 0
        case .logicalNot: return a == 0 ? 1 : 0
        case .select: return a != 0 ? b : negativeZero
        default: preconditionFailure("\(name) is not a condition")
        }
    }

    /// The value at `arguments` (all of them: a defined function may take three), a defined
    /// function's through its definition.
    public func evaluate<T: RealFunctions>(arguments: [T]) -> T {
        // A primitive's numbers fold while the definitions themselves are being parsed.
        guard isDefined, let definition else { return evaluate(arguments[0], arguments.count > 1 ? arguments[1] : .nan) }
        return definition.graph.evaluate(definition.root, parameters: arguments, names: parameterNames)
    }
}

/// A named mathematical constant of the formula language.
public enum Constant: String, CaseIterable, Hashable, Sendable {
    case pi, e

    /// The binary64 value nearest the constant.
    public var value: Double {
        switch self {
        case .pi: return Double.pi
        case .e: return M_E
        }
    }
}
