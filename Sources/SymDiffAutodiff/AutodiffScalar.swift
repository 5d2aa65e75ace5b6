// The arithmetic every autodiff number provides: field operations, powers and every built-in function.
import SymDiff

#if arch(x86_64)
/// The wider type values are checked in: x87 extended precision (64-bit significand).
public typealias Wide = Float80
#else
/// The wider type values are checked in; without x87 extended precision, binary64 itself.
public typealias Wide = Double
#endif

/// A number the autodiff interpreter can compute with, shaped like swift-numerics' `ElementaryFunctions`.
///
/// `Double` and `Float80` conform with their plain values; `Dual` carries a derivative along.
/// Every built-in function goes through `apply(_:_:_:)`: `Taylor` holds each primitive's rule
/// (one without gives NaN, which the autodiff tests catch), `Dual` its own rules for most and
/// the Taylor rule's first order for the rest, and defined functions go through their
/// definitions. `Comparable`
/// compares primal values only: it decides the branches at kinks (`abs`, `min`, ...).
public protocol AutodiffScalar: Comparable, ExpressibleByIntegerLiteral, Sendable {
    /// A constant: `value` with every derivative 0.
    init(_ value: Double)
    /// The constant π, as precise as the type allows.
    static var pi: Self { get }
    /// Whether the value and every derivative it carries are 0.
    var isZero: Bool { get }

    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self

    /// The built-in function `f` at `a` (and `b` for the binary functions; ignored otherwise).
    static func apply(_ f: Function, _ a: Self, _ b: Self) -> Self
    /// `a^b` where the exponent `b` may vary.
    static func power(_ a: Self, _ b: Self) -> Self
    /// `a^n` for an integer exponent `n`.
    static func power(_ a: Self, _ n: Int) -> Self
    /// `a^b` where `b` is a constant (its derivatives are 0), so `a` may be negative or 0.
    static func power(_ a: Self, constantExponent b: Self) -> Self
}

/// The named elementary functions, each a spelling of `apply` with one function.
extension AutodiffScalar {
    /// The sine.
    public static func sin(_ x: Self) -> Self { apply(.sin, x, x) }
    /// The cosine.
    public static func cos(_ x: Self) -> Self { apply(.cos, x, x) }
    /// The tangent.
    public static func tan(_ x: Self) -> Self { apply(.tan, x, x) }
    /// The cotangent.
    public static func cot(_ x: Self) -> Self { apply(.cot, x, x) }
    /// The hyperbolic sine.
    public static func sinh(_ x: Self) -> Self { apply(.sinh, x, x) }
    /// The hyperbolic cosine.
    public static func cosh(_ x: Self) -> Self { apply(.cosh, x, x) }
    /// The exponential.
    public static func exp(_ x: Self) -> Self { apply(.exp, x, x) }
    /// The natural logarithm.
    public static func log(_ x: Self) -> Self { apply(.log, x, x) }
    /// The square root.
    public static func sqrt(_ x: Self) -> Self { apply(.sqrt, x, x) }
    /// The sign, 0 at 0.
    public static func sign(_ x: Self) -> Self { apply(.sign, x, x) }
    /// The logistic function.
    public static func sigmoid(_ x: Self) -> Self { apply(.sigmoid, x, x) }
    /// The unit step, 0 at 0.
    public static func heaviside(_ x: Self) -> Self { apply(.heaviside, x, x) }
}

/// A plain floating-point type is an autodiff scalar through `Function.evaluate` and the C pow.
extension AutodiffScalar where Self: RealFunctions {
    public static func apply(_ f: Function, _ a: Self, _ b: Self) -> Self { f.evaluate(a, b) }
    public static func power(_ a: Self, _ b: Self) -> Self { pow(a, b) }
    /// `a^n`: one operation for `n` from -1 to 2, where it is the correctly rounded power
    /// (as the C pow's), else the C pow.
    public static func power(_ a: Self, _ n: Int) -> Self {
        switch n {
        case 0: return 1
        case 1: return a
        case 2: return a * a
        case -1: return 1 / a
        default: return pow(a, Self(n))
        }
    }
    public static func power(_ a: Self, constantExponent b: Self) -> Self { pow(a, b) }
}

extension Double: AutodiffScalar {}

#if arch(x86_64)
extension Float80: AutodiffScalar {
    /// `a^n`: directly for `n` from -2 to 2, by repeated squaring (the same bits) for
    /// `|n| <= 64` (within a few units of `2^-64` relative, far below binary64's rounding, and
    /// many times faster than `powl`); `powl` beyond.
    @inlinable public static func power(_ a: Float80, _ n: Int) -> Float80 {
        switch n {
        case 0: return 1
        case 1: return a
        case 2: return a * a
        case -1: return 1 / a
        case -2: return 1 / (a * a)
        default: break
        }
        guard n.magnitude <= 64 else { return pow(a, Float80(n)) }
        var (result, square, k): (Float80, Float80, UInt) = (1, a, n.magnitude)
        while k > 0 {
            if k & 1 == 1 { result *= square }
            k >>= 1
            if k > 0 { square *= square }
        }
        return n < 0 ? 1 / result : result
    }
}
#endif
