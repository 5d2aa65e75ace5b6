// Double-double elementary functions: argument reduction and Taylor series, or one Newton step from binary64.
import Foundation
import SymDiff

/// The built-in functions and powers in double-double.
///
/// `exp`, `sin` and `cos` reduce their argument exactly (log 2 and π/2 in three words) and sum
/// a Taylor series; `log`, `sqrt`, `cbrt` and `atan` take binary64's value and refine it with
/// one Newton step; `erf` and `erfc` sum a series of positive terms or a continued fraction.
/// The rest are composed from those in forms that do not cancel (`tanh x` as `E / (E + 2)`
/// with `E = e^(2x) - 1`, `atanh x` as `log1p(2x / (1 - x)) / 2`, ...). Each is within about
/// `2^-100` relative of the true value (bounds in the tests), except:
/// - `sin`, `cos` and the functions built on them are NaN beyond `|x| = 2^52`, where the
///   three words of π/2 no longer reduce the argument to 106 bits: NaN from a finite
///   argument here means "not available at this precision";
/// - powers `a^b` through `exp(b log a)` lose `log2 |b log a|` bits (about 9 at overflow).
/// Kinks, ties and special values follow `Function.evaluate` and binary64.
extension DoubleDouble {
    /// `1/k!` for `k` in `0...31`.
    private static let inverseFactorials: [DoubleDouble] = {
        var table: [DoubleDouble] = [1]
        for k in 1...31 { table.append(table[k - 1] / DoubleDouble(Double(k))) }
        return table
    }()

    /// log 2 in three words, for reducing arguments up to overflow.
    private static let ln2Words = (0.6931471805599453, 2.3190468138462996e-17, 5.707708438416212e-34)
    /// π/2 in three words, for reducing arguments up to `2^52`.
    private static let halfPiWords = (1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33)

    /// `x - k (w0 + w1 + w2)` for an integer `k`: `k w0` and `k w1` exact (TwoProd), `k w2`
    /// rounded once, so the reduced argument is exact to about `|k| 2^-160`.
    private static func reduce(_ x: DoubleDouble, _ k: Double, by w: (Double, Double, Double)) -> DoubleDouble {
        x - twoProd(k, w.0) - twoProd(k, w.1) - DoubleDouble(k * w.2)
    }

    /// `|x|`, keeping NaN.
    static func absoluteValue(_ x: DoubleDouble) -> DoubleDouble { x.hi.sign == .minus ? -x : x }

    // MARK: - Exponential and logarithm

    /// `e^r - 1` for `|r| <= 1/2`: the series at `s = r / 2^10` to `s^11`, then ten doublings
    /// `e^(2s) - 1 = m (m + 2)`, which add no cancellation (`1 + m` is never formed).
    private static func expMinusOneReduced(_ r: DoubleDouble) -> DoubleDouble {
        let s = r.scaled(byPowerOfTwo: -10)
        var p = inverseFactorials[11]
        for k in stride(from: 10, through: 1, by: -1) { p = p * s + inverseFactorials[k] }
        var m = p * s
        for _ in 0..<10 { m = m * (m + 2) }
        return m
    }

    /// `e^x 2^j`: `x = k log 2 + r` with `|r| <= log(2) / 2`, `e^r = 1 + (e^r - 1)`, times `2^(k + j)`.
    /// (`j` lets `sinh` and `cosh` halve without overflowing first.)
    static func exponential(_ x: DoubleDouble, timesPowerOfTwo j: Int = 0) -> DoubleDouble {
        guard x.hi > -746 else { return x.isNaN ? x : 0 }
        guard x.hi < 746 else { return DoubleDouble(.infinity) }
        let k = (x.hi / ln2Words.0).rounded()
        let r = reduce(x, k, by: ln2Words)
        return (1 + expMinusOneReduced(r)).scaled(byPowerOfTwo: Int(k) + j)
    }

    /// `e^x - 1`, without cancellation for `|x| <= 1/2` and losing at most 2 bits beyond.
    static func expMinusOne(_ x: DoubleDouble) -> DoubleDouble {
        Swift.abs(x.hi) <= 0.5 ? expMinusOneReduced(x) : exponential(x) - 1
    }

    /// `log(1 + d)` for `d` in `[-0.3, 0.42]`: one Newton step on `e^y - 1 = d` from binary64's
    /// `log1p`, `y + (d - E) / (1 + E)` with `E = e^y - 1`, relative to `d` however small.
    private static func logOnePlusReduced(_ d: DoubleDouble) -> DoubleDouble {
        let y = DoubleDouble(Foundation.log1p(d.hi))
        let e = expMinusOneReduced(y)
        return y + (d - e) / (1 + e)
    }

    /// `log(1 + d)`, relative to `d` near 0.
    static func logOnePlus(_ d: DoubleDouble) -> DoubleDouble {
        d.hi >= -0.25 && d.hi <= 0.4 ? logOnePlusReduced(d) : naturalLog(1 + d)
    }

    /// `log x`: `x = m 2^e` with `m` in `[√½, √2]`, `log m = log1p(m - 1)` (`m - 1` exact),
    /// plus `e log 2`, which `log m` cancels by at most half.
    static func naturalLog(_ x: DoubleDouble) -> DoubleDouble {
        guard x.hi > 0, x.isFinite else { return DoubleDouble(Foundation.log(x.hi)) }
        let e = x.hi.exponent + (x.hi.significand > 1.4142135623730951 ? 1 : 0)
        let logM = logOnePlusReduced(x.scaled(byPowerOfTwo: -e) - 1)
        return e == 0 ? logM : logM + ln2.times(Double(e))
    }

    // MARK: - Trigonometric

    /// `sin x` and `cos x`: `x = k π/2 + r` with `|r| <= π/4`, the Taylor series of `sin r`
    /// (to `r^29`) and `cos r` (to `r^30`), and the quadrant `k mod 4`. NaN beyond `2^52`.
    static func sineCosine(_ x: DoubleDouble) -> (sin: DoubleDouble, cos: DoubleDouble) {
        guard Swift.abs(x.hi) < 0x1p52 else { return (.nan, .nan) }
        let k = (x.hi / halfPiWords.0).rounded()
        let r = k == 0 ? x : reduce(x, k, by: halfPiWords)
        let minusR2 = -(r * r)
        var sinSeries = inverseFactorials[29]
        for j in stride(from: 27, through: 1, by: -2) { sinSeries = sinSeries * minusR2 + inverseFactorials[j] }
        var cosSeries = inverseFactorials[30]
        for j in stride(from: 28, through: 0, by: -2) { cosSeries = cosSeries * minusR2 + inverseFactorials[j] }
        let (s, c) = (r * sinSeries, cosSeries)
        switch Int(k) & 3 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }

    /// `atan x`: one Newton step from binary64's `y`, plus `(x cos y - sin y) / (cos y + x sin y)`,
    /// the tangent of the angle left, which is below `2^-52`, so it is its own atan to `2^-156`.
    static func arctangent(_ x: DoubleDouble) -> DoubleDouble {
        guard x.isFinite, x.hi != 0 else { return x.hi.isInfinite ? (x.hi > 0 ? halfPi : -halfPi) : x }
        let y = DoubleDouble(Foundation.atan(x.hi))
        let (s, c) = sineCosine(y)
        return y + (x * c - s) / (c + x * s)
    }

    /// `atan2(y, x)`: `atan(y / x)` or `±π/2 - atan(x / y)`, whichever quotient is at most 1,
    /// moved to the quadrant. With a zero or infinite operand, binary64's choice among 0 and
    /// the multiples of π/4, which is exact.
    static func arctangent(_ y: DoubleDouble, _ x: DoubleDouble) -> DoubleDouble {
        guard !y.isNaN, !x.isNaN else { return .nan }
        guard y.hi != 0, x.hi != 0, y.isFinite, x.isFinite else {
            let v = Foundation.atan2(y.hi, x.hi)
            let quarters = (v / .pi * 4).rounded()
            return quarters == 0 ? DoubleDouble(v) : pi.times(quarters / 4)
        }
        if Swift.abs(y.hi) <= Swift.abs(x.hi) {
            let t = arctangent(y / x)
            return x.hi > 0 ? t : y.hi > 0 ? t + pi : t - pi
        }
        let t = arctangent(x / y)
        return y.hi > 0 ? halfPi - t : -halfPi - t
    }

    // MARK: - Roots

    /// `√x`: binary64's root `s`, plus `(x - s²) / 2s` with `s²` exact (Karp–Markstein).
    static func squareRoot(_ x: DoubleDouble) -> DoubleDouble {
        let s = x.hi.squareRoot()
        guard s > 0, s.isFinite else { return DoubleDouble(s) }
        return fastTwoSum(s, (x - twoProd(s, s)).hi / (2 * s))
    }

    /// `∛x`: one Newton step from binary64's root `y`, `y + (x - y³) / 3y²`.
    static func cubeRoot(_ x: DoubleDouble) -> DoubleDouble {
        let c = Foundation.cbrt(x.hi)
        guard c != 0, c.isFinite else { return DoubleDouble(c) }
        let y = DoubleDouble(c)
        let square = y * y
        return y + (x - square * y) / square.times(3)
    }

    /// `√(x² + y²)`, scaled by a power of two so that the squares neither overflow nor underflow.
    static func hypotenuse(_ x: DoubleDouble, _ y: DoubleDouble) -> DoubleDouble {
        guard !x.hi.isInfinite, !y.hi.isInfinite else { return DoubleDouble(.infinity) }
        guard !x.isNaN, !y.isNaN else { return .nan }
        let largest = Swift.max(Swift.abs(x.hi), Swift.abs(y.hi))
        guard largest > 0 else { return 0 }
        let e = largest.exponent
        let (a, b) = (x.scaled(byPowerOfTwo: -e), y.scaled(byPowerOfTwo: -e))
        return squareRoot(a * a + b * b).scaled(byPowerOfTwo: e)
    }

    // MARK: - Hyperbolic

    /// `sinh x`: `(E + E / (E + 1)) / 2` with `E = e^x - 1` for `|x| <= 1/2` (no cancellation),
    /// `(e^|x| - e^-|x|) / 2` up to 40, and `e^|x| / 2` beyond, with the sign of `x`.
    static func hyperbolicSine(_ x: DoubleDouble) -> DoubleDouble {
        let a = absoluteValue(x)
        let magnitude: DoubleDouble
        if a.hi <= 0.5 {
            let e = expMinusOne(a)
            magnitude = (e + e / (e + 1)).scaled(byPowerOfTwo: -1)
        } else if a.hi <= 40 {
            let e = exponential(a)
            magnitude = (e - 1 / e).scaled(byPowerOfTwo: -1)
        } else {
            magnitude = exponential(a, timesPowerOfTwo: -1)
        }
        return x.hi.sign == .minus ? -magnitude : magnitude
    }

    /// `cosh x`: `(e^|x| + e^-|x|) / 2`, and `e^|x| / 2` beyond 40.
    static func hyperbolicCosine(_ x: DoubleDouble) -> DoubleDouble {
        let a = absoluteValue(x)
        guard a.hi <= 40 else { return exponential(a, timesPowerOfTwo: -1) }
        let e = exponential(a)
        return (e + 1 / e).scaled(byPowerOfTwo: -1)
    }

    /// `tanh x = E / (E + 2)` with `E = e^(2x) - 1`, which cancels for no sign of `x`; `±1`
    /// beyond 40, where the rest is below `2^-115`.
    static func hyperbolicTangent(_ x: DoubleDouble) -> DoubleDouble {
        guard Swift.abs(x.hi) <= 40 else { return x.isNaN ? x : DoubleDouble(x.hi > 0 ? 1 : -1) }
        let e = expMinusOne(x.scaled(byPowerOfTwo: 1))
        return e / (e + 2)
    }

    /// `asinh x = log1p(|x| + x² / (1 + √(1 + x²)))` with the sign of `x`, and
    /// `log 2|x|` beyond `2^60`, where the difference is below `2^-120`.
    static func inverseHyperbolicSine(_ x: DoubleDouble) -> DoubleDouble {
        let a = absoluteValue(x)
        let magnitude = a.hi < 0x1p60
            ? logOnePlus(a + a * a / (1 + squareRoot(1 + a * a)))
            : naturalLog(a) + ln2
        return x.hi.sign == .minus ? -magnitude : magnitude
    }

    /// `acosh x = log1p(t + √(2t + t²))` with `t = x - 1` (exact), and `log 2x` beyond `2^60`.
    static func inverseHyperbolicCosine(_ x: DoubleDouble) -> DoubleDouble {
        guard x >= 1 else { return .nan }
        guard x.hi < 0x1p60 else { return naturalLog(x) + ln2 }
        let t = x - 1
        return logOnePlus(t + squareRoot(t.scaled(byPowerOfTwo: 1) + t * t))
    }

    /// `atanh x = log1p(2|x| / (1 - |x|)) / 2` with the sign of `x` (`1 - |x|` is exact).
    static func inverseHyperbolicTangent(_ x: DoubleDouble) -> DoubleDouble {
        let a = absoluteValue(x)
        let magnitude = logOnePlus(a.scaled(byPowerOfTwo: 1) / (1 - a)).scaled(byPowerOfTwo: -1)
        return x.hi.sign == .minus ? -magnitude : magnitude
    }

    // MARK: - Error function

    /// `1/√π` to 107 bits.
    private static let inverseSquareRootOfPi = DoubleDouble(uncheckedHi: 0.5641895835477563, lo: 7.66772980658294e-18)

    /// `erf x` for `|x| < 2`: `(2/√π) x e^(-x²) Σ (2x²)^n / (2n + 1)!!`, a series of positive
    /// terms (no cancellation), to the first term below `2^-110` of the sum.
    private static func errorFunctionSeries(_ x: DoubleDouble) -> DoubleDouble {
        let twoXSquared = (x * x).scaled(byPowerOfTwo: 1)
        var (sum, term) = (DoubleDouble(1), DoubleDouble(1))
        var n = 0.0
        while term.hi > 0x1p-110 * sum.hi {
            n += 1
            term = term * twoXSquared / DoubleDouble(2 * n + 1)
            sum = sum + term
        }
        return (x * exponential(-(x * x)) * sum * inverseSquareRootOfPi).scaled(byPowerOfTwo: 1)
    }

    /// `erfc x` for `x >= 1.5`: `e^(-x²) / (√π K)` with Laplace's continued fraction
    /// `K = x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))`, evaluated from the bottom (each level
    /// damps the rounding of the ones below) at a depth `40 + 800 / x²`, where it has converged
    /// to below `2^-108` (1.5: 395 levels, 2: 240, 10: 48). 0 from 28 on, below every subnormal.
    private static func complementaryErrorFunctionFraction(_ x: DoubleDouble) -> DoubleDouble {
        guard x.hi < 28 else { return 0 }
        var fraction = x
        for n in stride(from: 40 + Int(800 / (x.hi * x.hi)), through: 1, by: -1) {
            fraction = x + DoubleDouble(Double(n) / 2) / fraction
        }
        return exponential(-(x * x)) / (fraction / inverseSquareRootOfPi)
    }

    /// `erf x`: the series below 2, `±(1 - erfc |x|)` beyond (which does not cancel).
    static func errorFunction(_ x: DoubleDouble) -> DoubleDouble {
        if Swift.abs(x.hi) < 2 { return errorFunctionSeries(x) }
        if x.isNaN { return x }
        let magnitude = 1 - complementaryErrorFunctionFraction(absoluteValue(x))
        return x.hi < 0 ? -magnitude : magnitude
    }

    /// `erfc x`: the continued fraction from 1.5, `1 - erf x` below (losing at most 5 bits,
    /// at 1.5), `2 - erfc |x|` below -1.5.
    static func complementaryErrorFunction(_ x: DoubleDouble) -> DoubleDouble {
        if x.hi >= 1.5 { return complementaryErrorFunctionFraction(x) }
        if x.hi <= -1.5 { return 2 - complementaryErrorFunctionFraction(-x) }
        return 1 - errorFunction(x)
    }
}

// MARK: - Steps

extension DoubleDouble {
    /// `x` rounded to an integer as `f` (floor, ceil, round, trunc) rounds: the high word's
    /// rounding, unless the high word is an integer already, when the low word decides.
    static func rounded(_ x: DoubleDouble, _ f: Function) -> DoubleDouble {
        guard x.hi.isFinite else { return x }
        let rule: FloatingPointRoundingRule
        switch f {
        case .floor: rule = .down
        case .ceil: rule = .up
        case .trunc: rule = .towardZero
        default: rule = .toNearestOrEven
        }
        let high = x.hi.rounded(rule)
        guard high == x.hi else {
            // Half-way cases of round need the low word: hi + 0.5 with lo pulling either way.
            if rule == .toNearestOrEven && Swift.abs(x.hi - x.hi.rounded(.towardZero)) == 0.5 && x.lo != 0 {
                return DoubleDouble(x.lo > 0 ? x.hi.rounded(.up) : x.hi.rounded(.down))
            }
            return DoubleDouble(high)
        }
        // hi is an integer: the low word, far below 1 ulp of hi, moves the result by at most 1.
        let low = x.lo.rounded(rule == .towardZero ? (x.hi > 0 ? .down : .up) : rule)
        return DoubleDouble(high) + DoubleDouble(low)
    }
}

// MARK: - AutodiffScalar

extension DoubleDouble {
    /// The function's value.
    public static func apply(_ f: Function, _ a: DoubleDouble, _ b: DoubleDouble) -> DoubleDouble {
        switch f {
        case .sin: return sineCosine(a).sin
        case .cos: return sineCosine(a).cos
        case .tan:
            let (s, c) = sineCosine(a)
            return s / c
        case .sec: return 1 / sineCosine(a).cos
        case .csc: return 1 / sineCosine(a).sin
        case .cot:
            let (s, c) = sineCosine(a)
            return c / s
        case .asin: return arctangent(a, squareRoot((1 - a) * (1 + a)))
        case .acos: return arctangent(squareRoot((1 - a) * (1 + a)), a)
        case .atan: return arctangent(a)
        case .sinh: return hyperbolicSine(a)
        case .cosh: return hyperbolicCosine(a)
        case .tanh: return hyperbolicTangent(a)
        case .asinh: return inverseHyperbolicSine(a)
        case .acosh: return inverseHyperbolicCosine(a)
        case .atanh: return inverseHyperbolicTangent(a)
        case .exp: return exponential(a)
        case .log: return naturalLog(a)
        case .log10: return naturalLog(a) / ln10
        case .log2: return naturalLog(a) / ln2
        case .sqrt: return squareRoot(a)
        case .cbrt: return cubeRoot(a)
        case .abs: return absoluteValue(a)
        case .sign: return a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : .nan
        case .erf: return errorFunction(a)
        case .erfc: return complementaryErrorFunction(a)
        case .sigmoid:
            let e = exponential(-absoluteValue(a))
            return a >= 0 ? 1 / (1 + e) : e / (1 + e)
        case .softplus:
            let l = logOnePlus(exponential(-absoluteValue(a)))
            return a > 0 ? a + l : l
        case .relu: return a > 0 ? a : a.isNaN ? a : 0
        case .heaviside: return a > 0 ? 1 : a.isNaN ? a : 0
        case .atan2: return arctangent(a, b)
        case .hypot: return hypotenuse(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .floor, .ceil, .round, .trunc: return rounded(a, f)
        case .mod, .fmod:
            let r = a - b * rounded(a / b, .trunc)
            return f == .mod && r != 0 && (r < 0) != (b < 0) ? r + b : r
        case .sinpi, .cospi:
            // x less the nearest even integer, exactly, then π times that.
            let r = a - 2 * rounded(a * DoubleDouble(0.5), .round)
            let (s, c) = sineCosine(.pi * r)
            return f == .sinpi ? s : c
        case .ndtr: return complementaryErrorFunction(-a / squareRoot(2)) / 2
        case .tanhshrink: return a - hyperbolicTangent(a)
        case .geluTanh:
            let cubic = a + DoubleDouble(44715) / DoubleDouble(1_000_000) * a * a * a
            return a * apply(.sigmoid, 2 * squareRoot(2 / .pi) * cubic, a)
        case .expm1: return expMinusOne(a)
        case .log1p: return logOnePlus(a)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot, .select:
            return f.condition(a, b, negativeZero: DoubleDouble(-0.0))
        // A primitive with no double-double kernel (the gamma, Bessel and inverse error
        // families, ...): NaN, so adaptive precision keeps the value it has.
        default: return f.isDefined ? f.definedValue(a, b) : .nan
        }
    }

    /// `a^b` with a varying exponent: the same value as a constant one.
    public static func power(_ a: DoubleDouble, _ b: DoubleDouble) -> DoubleDouble {
        power(a, constantExponent: b)
    }

    /// `a^n`: repeated squaring for `|n| <= 256` (within about `|n| 2^-105` relative), beyond
    /// that `±exp(n log |a|)`.
    public static func power(_ a: DoubleDouble, _ n: Int) -> DoubleDouble {
        guard n.magnitude <= 256 else {
            guard a.hi != 0, a.isFinite else { return DoubleDouble(Foundation.pow(a.hi, Double(n))) }
            let p = exponential(DoubleDouble(Double(n)) * naturalLog(absoluteValue(a)))
            return a.hi < 0 && n & 1 == 1 ? -p : p
        }
        var (result, square, k): (DoubleDouble, DoubleDouble, UInt) = (1, a, n.magnitude)
        while k > 0 {
            if k & 1 == 1 { result = result * square }
            k >>= 1
            if k > 0 { square = square * square }
        }
        return n < 0 ? 1 / result : result
    }

    /// `a^b` for a constant `b`: an integer `b` by `power(_:_:)` with an `Int`, else
    /// `exp(b log a)` for finite `a > 0`, else binary64's `pow` (which is exact there: 0, ∞, NaN or 1).
    public static func power(_ a: DoubleDouble, constantExponent b: DoubleDouble) -> DoubleDouble {
        if b.lo == 0, Swift.abs(b.hi) <= 0x1p53, b.hi == b.hi.rounded() { return power(a, Int(b.hi)) }
        guard a.hi > 0, a.isFinite, b.isFinite else { return DoubleDouble(Foundation.pow(a.hi, b.hi)) }
        return exponential(b * naturalLog(a))
    }
}
