// The built-in functions of the formula language: names, arities and scalar numerics.
import Foundation

/// A built-in function of the formula language.
///
/// `pow(a, b)` is not a case: the parser reads it as `a^b`. `ln` is an alias of `log`.
/// Raw values are dense ordinals, so tables over functions can be arrays.
/// Adding a case makes every exhaustive table over functions (numerics here, the derivative
/// table in `Differentiate/`) fail to compile until it has its row.
public enum Function: Int, CaseIterable, Hashable, Sendable {
    case sin, cos, tan, sec, csc, cot
    case asin, acos, atan
    case sinh, cosh, tanh, asinh, acosh, atanh
    case exp, log, log10, log2, sqrt, cbrt
    case abs, sign, erf, erfc
    case sigmoid, softplus, relu, heaviside
    case atan2, hypot, min, max

    /// Other spellings the parser accepts for a function.
    public static let aliases: [String: Function] = ["ln": .log]

    /// The name as written in formulas.
    public var name: String { Function.names[rawValue] }

    private static let names = allCases.map { String(describing: $0) }
    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The function spelled `name` (canonical or alias), if any.
    public static func named(_ name: String) -> Function? {
        byName[name] ?? aliases[name]
    }

    /// The number of arguments: 2 for `atan2 hypot min max`, else 1.
    public var arity: Int {
        switch self {
        case .atan2, .hypot, .min, .max: return 2
        default: return 1
        }
    }

    /// The value at `arguments` in binary64, following IEEE 754 and C99 Annex F.
    ///
    /// Conventions at the kinks, as PyTorch uses them: `sign(0) = 0`, `heaviside(0) = 0`,
    /// `relu(0) = 0`. `min` and `max` propagate NaN (like `torch.minimum`), unlike `fmin`.
    public func evaluate(_ a: Double, _ b: Double = .nan) -> Double {
        switch self {
        case .sin: return Foundation.sin(a)
        case .cos: return Foundation.cos(a)
        case .tan: return Foundation.tan(a)
        case .sec: return 1 / Foundation.cos(a)
        case .csc: return 1 / Foundation.sin(a)
        case .cot: return 1 / Foundation.tan(a)
        case .asin: return Foundation.asin(a)
        case .acos: return Foundation.acos(a)
        case .atan: return Foundation.atan(a)
        case .sinh: return Foundation.sinh(a)
        case .cosh: return Foundation.cosh(a)
        case .tanh: return Foundation.tanh(a)
        case .asinh: return Foundation.asinh(a)
        case .acosh: return Foundation.acosh(a)
        case .atanh: return Foundation.atanh(a)
        case .exp: return Foundation.exp(a)
        case .log: return Foundation.log(a)
        case .log10: return Foundation.log10(a)
        case .log2: return Foundation.log2(a)
        case .sqrt: return a.squareRoot()
        case .cbrt: return Foundation.cbrt(a)
        case .abs: return Swift.abs(a)
        case .sign: return a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : .nan
        case .erf: return Foundation.erf(a)
        case .erfc: return Foundation.erfc(a)
        case .sigmoid: return a >= 0 ? 1 / (1 + Foundation.exp(-a)) : Foundation.exp(a) / (1 + Foundation.exp(a))
        case .softplus: return a > 0 ? a + Foundation.log1p(Foundation.exp(-a)) : Foundation.log1p(Foundation.exp(a))
        case .relu: return a > 0 ? a : a.isNaN ? a : 0
        case .heaviside: return a > 0 ? 1 : a.isNaN ? a : 0
        case .atan2: return Foundation.atan2(a, b)
        case .hypot: return Foundation.hypot(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        }
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
