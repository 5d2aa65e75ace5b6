// The elementary functions a floating-point type must provide to evaluate formulas.
import Foundation
import CVectorMath

/// A floating-point type with the C library's elementary functions.
///
/// `Double` uses the binary64 libm, `Float80` (x86_64 only) the x87 extended `*l` functions,
/// so one generic `Function.evaluate` gives both the same conventions and stable forms.
public protocol RealFunctions: BinaryFloatingPoint, Sendable {
    static func exp(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func log2(_ x: Self) -> Self
    static func log10(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func asinh(_ x: Self) -> Self
    static func acosh(_ x: Self) -> Self
    static func atanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func erfc(_ x: Self) -> Self
    static func cbrt(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func atan2(_ y: Self, _ x: Self) -> Self
    static func hypot(_ x: Self, _ y: Self) -> Self
    /// Γ(x).
    static func gamma(_ x: Self) -> Self
    /// log|Γ(x)|.
    static func logGamma(_ x: Self) -> Self
    /// `J_n(x)`, the Bessel function of the first kind of integer order (the C library's `jn`).
    static func besselJ(_ n: Int, _ x: Self) -> Self
    /// `Y_n(x)`, of the second kind (`yn`): NaN below 0, -inf at 0.
    static func besselY(_ n: Int, _ x: Self) -> Self
    /// `(sin(x), cos(x))`, bit for bit, where the library can share the argument reduction.
    static func sineCosine(_ x: Self) -> (sin: Self, cos: Self)
}

extension RealFunctions {
    public static func sineCosine(_ x: Self) -> (sin: Self, cos: Self) { (sin(x), cos(x)) }
}

extension Double: RealFunctions {
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    public static func log2(_ x: Double) -> Double { Foundation.log2(x) }
    public static func log10(_ x: Double) -> Double { Foundation.log10(x) }
    public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    public static func tan(_ x: Double) -> Double { Foundation.tan(x) }
    public static func asin(_ x: Double) -> Double { Foundation.asin(x) }
    public static func acos(_ x: Double) -> Double { Foundation.acos(x) }
    public static func atan(_ x: Double) -> Double { Foundation.atan(x) }
    public static func sinh(_ x: Double) -> Double { Foundation.sinh(x) }
    public static func cosh(_ x: Double) -> Double { Foundation.cosh(x) }
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    public static func asinh(_ x: Double) -> Double { Foundation.asinh(x) }
    public static func acosh(_ x: Double) -> Double { Foundation.acosh(x) }
    public static func atanh(_ x: Double) -> Double { Foundation.atanh(x) }
    public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    public static func erfc(_ x: Double) -> Double { Foundation.erfc(x) }
    public static func cbrt(_ x: Double) -> Double { Foundation.cbrt(x) }
    public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    public static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
    public static func hypot(_ x: Double, _ y: Double) -> Double { Foundation.hypot(x, y) }
    public static func gamma(_ x: Double) -> Double { Foundation.tgamma(x) }
    public static func besselJ(_ n: Int, _ x: Double) -> Double { Glibc.jn(Int32(n), x) }
    public static func besselY(_ n: Int, _ x: Double) -> Double { Glibc.yn(Int32(n), x) }
    public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return Glibc.lgamma_r(x, &sign)
    }
}

#if arch(x86_64)
extension Float80: RealFunctions {
    public static func exp(_ x: Float80) -> Float80 { Glibc.expl(x) }
    public static func expm1(_ x: Float80) -> Float80 { Glibc.expm1l(x) }
    public static func log(_ x: Float80) -> Float80 { Glibc.logl(x) }
    public static func log1p(_ x: Float80) -> Float80 { Glibc.log1pl(x) }
    public static func log2(_ x: Float80) -> Float80 { Glibc.log2l(x) }
    public static func log10(_ x: Float80) -> Float80 { Glibc.log10l(x) }
    public static func sin(_ x: Float80) -> Float80 { sineCosine(x).sin }
    public static func cos(_ x: Float80) -> Float80 { sineCosine(x).cos }
    /// Both from one reduction, by CVectorMath's extended kernel (within 1 ulp; `sin` and
    /// `cos` are its halves, so the same bits as this).
    public static func sineCosine(_ x: Float80) -> (sin: Float80, cos: Float80) {
        var (s, c): (Float80, Float80) = (0, 0)
        symdiff_extended_sincos(x, &s, &c)
        return (s, c)
    }
    public static func tan(_ x: Float80) -> Float80 { Glibc.tanl(x) }
    public static func asin(_ x: Float80) -> Float80 { Glibc.asinl(x) }
    public static func acos(_ x: Float80) -> Float80 { Glibc.acosl(x) }
    public static func atan(_ x: Float80) -> Float80 { Glibc.atanl(x) }
    public static func sinh(_ x: Float80) -> Float80 { Glibc.sinhl(x) }
    public static func cosh(_ x: Float80) -> Float80 { Glibc.coshl(x) }
    public static func tanh(_ x: Float80) -> Float80 { Glibc.tanhl(x) }
    public static func asinh(_ x: Float80) -> Float80 { Glibc.asinhl(x) }
    public static func acosh(_ x: Float80) -> Float80 { Glibc.acoshl(x) }
    public static func atanh(_ x: Float80) -> Float80 { Glibc.atanhl(x) }
    public static func erf(_ x: Float80) -> Float80 { Glibc.erfl(x) }
    public static func erfc(_ x: Float80) -> Float80 { Glibc.erfcl(x) }
    public static func cbrt(_ x: Float80) -> Float80 { Glibc.cbrtl(x) }
    public static func pow(_ x: Float80, _ y: Float80) -> Float80 { Glibc.powl(x, y) }
    public static func atan2(_ y: Float80, _ x: Float80) -> Float80 { Glibc.atan2l(y, x) }
    public static func hypot(_ x: Float80, _ y: Float80) -> Float80 { Glibc.hypotl(x, y) }
    public static func gamma(_ x: Float80) -> Float80 { Glibc.tgammal(x) }
    public static func besselJ(_ n: Int, _ x: Float80) -> Float80 { Glibc.jnl(Int32(n), x) }
    public static func besselY(_ n: Int, _ x: Float80) -> Float80 { Glibc.ynl(Int32(n), x) }
    public static func logGamma(_ x: Float80) -> Float80 {
        var sign: Int32 = 0
        return Glibc.lgammal_r(x, &sign)
    }
}
#endif
