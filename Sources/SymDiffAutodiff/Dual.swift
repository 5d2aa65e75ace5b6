// Forward-mode dual numbers: a value and its derivative, with a hand-written rule per function.
import SymDiff

/// A value and its derivative along one direction (forward mode).
///
/// Nesting (`Dual<Dual<Double>>`) gives higher derivatives: each level adds one direction.
/// Comparisons look at `value` only. A zero derivative stays zero whatever it is multiplied
/// by: a direction the operand does not depend on contributes nothing, even through an
/// infinite slope (`acosh'(1)`, `0^y`), as in the symbolic derivative.
public struct Dual<T: AutodiffScalar>: AutodiffScalar {
    /// The primal value.
    public var value: T
    /// The derivative along the direction this level was seeded with.
    public var derivative: T

    /// The dual number `value + derivative ε`.
    public init(value: T, derivative: T) {
        self.value = value
        self.derivative = derivative
    }

    public init(_ value: Double) { self.init(value: T(value), derivative: 0) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    public static var pi: Dual { Dual(value: .pi, derivative: 0) }
    public var isZero: Bool { value.isZero && derivative.isZero }

    public static func == (a: Dual, b: Dual) -> Bool { a.value == b.value }
    public static func < (a: Dual, b: Dual) -> Bool { a.value < b.value }

    public static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, derivative: a.derivative + b.derivative)
    }

    public static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, derivative: a.derivative - b.derivative)
    }

    public static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, derivative: scaled(b.value, a.derivative) + scaled(a.value, b.derivative))
    }

    public static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(value: q, derivative: (a.derivative - scaled(q, b.derivative)) / b.value)
    }

    public static prefix func - (a: Dual) -> Dual { Dual(value: -a.value, derivative: -a.derivative) }

    /// `slope * tangent`, or 0 when `tangent` is 0 (even if `slope` is infinite or NaN).
    private static func scaled(_ slope: T, _ tangent: T) -> T { tangent.isZero ? 0 : slope * tangent }

    /// The dual number with value `value` and derivative `slope` times this one's (chain rule).
    private func chain(_ value: T, _ slope: T) -> Dual { Dual(value: value, derivative: Dual.scaled(slope, derivative)) }

    /// The function's value and derivative; the derivative rules are written out per function.
    ///
    /// Kinks follow PyTorch: `abs'(0) = 0`, `relu'(0) = 0`, `sign' = heaviside' = 0`, and at a
    /// tie `min` and `max` pass half of each side's derivative.
    @_specialize(exported: true, where T == Double)
    public static func apply(_ f: Function, _ a: Dual, _ b: Dual) -> Dual {
        let x = a.value
        let v = T.apply(f, x, b.value)
        switch f {
        case .sin: return a.chain(v, T.cos(x))
        case .cos: return a.chain(v, -T.sin(x))
        case .tan: return a.chain(v, 1 + v * v)
        case .sec: return a.chain(v, v * T.tan(x))
        case .csc: return a.chain(v, -v * T.cot(x))
        case .cot: return a.chain(v, -(1 + v * v))
        case .asin: return a.chain(v, 1 / T.sqrt(1 - x * x))
        case .acos: return a.chain(v, -1 / T.sqrt(1 - x * x))
        case .atan: return a.chain(v, 1 / (1 + x * x))
        case .sinh: return a.chain(v, T.cosh(x))
        case .cosh: return a.chain(v, T.sinh(x))
        case .tanh: return a.chain(v, 1 / (T.cosh(x) * T.cosh(x)))
        case .asinh: return a.chain(v, 1 / T.sqrt(x * x + 1))
        case .acosh: return a.chain(v, 1 / (T.sqrt(x - 1) * T.sqrt(x + 1)))
        case .atanh: return a.chain(v, 1 / (1 - x * x))
        case .exp: return a.chain(v, v)
        case .log: return a.chain(v, 1 / x)
        case .log10: return a.chain(v, 1 / (x * T.log(10)))
        case .log2: return a.chain(v, 1 / (x * T.log(2)))
        case .sqrt: return a.chain(v, 1 / (2 * v))
        case .cbrt: return a.chain(v, 1 / (3 * v * v))
        case .abs: return a.chain(v, T.sign(x))
        case .sign, .heaviside: return a.chain(v, 0)
        case .erf: return a.chain(v, 2 / T.sqrt(T.pi) * T.exp(-x * x))
        case .erfc: return a.chain(v, -2 / T.sqrt(T.pi) * T.exp(-x * x))
        case .sigmoid: return a.chain(v, v * T.sigmoid(-x))
        case .softplus: return a.chain(v, T.sigmoid(x))
        case .relu: return a.chain(v, T.heaviside(x))
        case .atan2:
            let y = b.value
            let r2 = x * x + y * y
            return Dual(value: v, derivative: scaled(y / r2, a.derivative) - scaled(x / r2, b.derivative))
        case .hypot: return Dual(value: v, derivative: scaled(x / v, a.derivative) + scaled(b.value / v, b.derivative))
        case .min, .max:
            let y = b.value
            let aWins = f == .min ? x < y : x > y
            let bWins = f == .min ? y < x : y > x
            let derivative = aWins ? a.derivative : bWins ? b.derivative : (a.derivative + b.derivative) / 2
            return Dual(value: v, derivative: derivative)
        case .floor, .ceil, .round, .trunc: return a.chain(v, 0)
        case .mod, .fmod:
            let quotient = T.apply(f == .mod ? .floor : .trunc, x / b.value, x)
            return Dual(value: v, derivative: a.derivative - scaled(quotient, b.derivative))
        case .gamma: return a.chain(v, v * T.apply(.digamma, x, x))
        case .lgamma: return a.chain(v, T.apply(.digamma, x, x))
        case .digamma: return a.chain(v, T.apply(.polygamma, 1, x))
        // The order is a constant integer: only the argument varies.
        case .polygamma: return Dual(value: v, derivative: scaled(T.apply(.polygamma, x + 1, b.value), b.derivative))
        case .erfinv: return a.chain(v, T.sqrt(T.pi) / 2 * T.exp(v * v))
        case .erfcinv: return a.chain(v, -T.sqrt(T.pi) / 2 * T.exp(v * v))
        case .erfcx: return a.chain(v, 2 * x * v - 2 / T.sqrt(T.pi))
        case .ndtr: return a.chain(v, T.exp(-x * x / 2) / T.sqrt(2 * T.pi))
        case .lbeta, .beta:
            let sum = T.apply(.digamma, x + b.value, x)
            let scale = f == .beta ? v : 1
            let (alongA, alongB) = (T.apply(.digamma, x, x) - sum, T.apply(.digamma, b.value, x) - sum)
            return Dual(value: v, derivative: scaled(scale * alongA, a.derivative) + scaled(scale * alongB, b.derivative))
        case .tanhshrink:
            let t = T.apply(.tanh, x, x)
            return a.chain(v, t * t)
        case .geluTanh:
            let (k, c) = (T(44715.0) / T(1_000_000.0), 2 * T.sqrt(2 / T.pi))
            let z = c * (x + k * x * x * x)
            let slope = c * (1 + 3 * k * x * x)
            return a.chain(v, T.sigmoid(z) + x * T.sigmoid(z) * T.sigmoid(-z) * slope)
        case .logNdtr: return a.chain(v, T.sqrt(2 / T.pi) / T.apply(.erfcx, -x / T.sqrt(2), x))
        case .lambertw: return a.chain(v, T.exp(-v) / (1 + v))
        // The order is a constant integer: only the argument varies.
        case .besselj, .bessely, .besseli, .besselk, .ive, .sphericalJn:
            if f == .ive, let n = (-1000...1000).first(where: { T(Double($0)) == x }), T.isAsymptotic(order: n, at: b.value) {
                return Dual(value: v, derivative: scaledBesselIAsymptotic(n, b).derivative)
            }
            let (below, above) = (T.apply(f, x - 1, b.value), T.apply(f, x + 1, b.value))
            let slope = switch f {
            case .besselj, .bessely: (below - above) / 2
            case .besseli: (below + above) / 2
            case .ive: (below + above) / 2 - T.sign(b.value) * v
            case .sphericalJn: ((x == 0 ? 0 : x * below) - (x + 1) * above) / (2 * x + 1)
            default: -(below + above) / 2
            }
            return Dual(value: v, derivative: scaled(slope, b.derivative))
        case .sinpi: return a.chain(v, T.pi * T.apply(.cospi, x, x))
        case .cospi: return a.chain(v, -T.pi * T.apply(.sinpi, x, x))
        case .expm1: return a.chain(v, T.exp(x))
        case .log1p: return a.chain(v, 1 / (1 + x))
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot:
            return Dual(value: v, derivative: 0)
        // The branch picked carries its derivative; the other contributes nothing.
        case .select: return Dual(value: v, derivative: x != 0 ? b.derivative : 0)
        default: return f.isDefined ? f.definedValue(a, b) : fromTaylorRule(f, a, b)
        }
    }

    /// A primitive with no rule above: the first-order coefficient of its Taylor rule along
    /// both arguments' tangents (zero tangents contribute nothing there too).
    private static func fromTaylorRule(_ f: Function, _ a: Dual, _ b: Dual) -> Dual {
        let series = Taylor<T>.apply(
            f, Taylor(coefficients: [a.value, a.derivative]), Taylor(coefficients: [b.value, b.derivative]))
        return Dual(value: series.value, derivative: series[1])
    }

    /// `a^b` with both sides varying: the derivative of `exp(b log a)`, the value from the C pow.
    /// Where `a^b` is 0 its slope along `b` is 0 (`0^y` is 0 all around a positive `y`), not `0*log(0)`.
    public static func power(_ a: Dual, _ b: Dual) -> Dual {
        let v = T.power(a.value, b.value)
        let fromBase = scaled(b.value * T.power(a.value, b.value - 1), a.derivative)
        return Dual(value: v, derivative: fromBase + scaled(v.isZero ? 0 : v * T.log(a.value), b.derivative))
    }

    /// `a^n`: `n a^(n-1) da`.
    public static func power(_ a: Dual, _ n: Int) -> Dual {
        a.chain(T.power(a.value, n), T(Double(n)) * T.power(a.value, n - 1))
    }

    /// `a^b` for constant `b`: `b a^(b-1) da`.
    public static func power(_ a: Dual, constantExponent b: Dual) -> Dual {
        a.chain(T.power(a.value, constantExponent: b.value), b.value * T.power(a.value, constantExponent: b.value - 1))
    }
}
