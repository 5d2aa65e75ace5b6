// The built-in functions and powers on Taylor series, each from its recurrence or its derivative's series.
import SymDiff

extension Taylor {
    /// The series of `f(a, b)`. The value always comes from `T.apply`, so conventions match.
    ///
    /// `exp`, the sine and hyperbolic pairs, and powers have their own recurrences; the others
    /// integrate the series of their derivative (`asin`: `1/sqrt(1 - a^2)`, ...). Kinks follow
    /// PyTorch: `abs`, `sign`, `relu`, `heaviside` are locally linear or constant, with slope 0
    /// at 0, and `min`, `max` at a tie take the mean of both sides.
    public static func apply(_ f: Function, _ a: Taylor, _ b: Taylor) -> Taylor {
        let x = a.value
        let v = T.apply(f, x, b.value)
        let constant = { (t: T) in Taylor(coefficients: [t]) }
        switch f {
        case .sin: return sineCosine(a, hyperbolic: false).0.with(value: v)
        case .cos: return sineCosine(a, hyperbolic: false).1.with(value: v)
        case .tan:
            let (s, c) = sineCosine(a, hyperbolic: false)
            return (s / c).with(value: v)
        case .sec: return (1 / sineCosine(a, hyperbolic: false).1).with(value: v)
        case .csc: return (1 / sineCosine(a, hyperbolic: false).0).with(value: v)
        case .cot:
            let (s, c) = sineCosine(a, hyperbolic: false)
            return (c / s).with(value: v)
        case .asin: return integral(v, (1 / sqrt(1 - a * a), a))
        case .acos: return integral(v, (-1 / sqrt(1 - a * a), a))
        case .atan: return integral(v, (1 / (1 + a * a), a))
        case .sinh: return sineCosine(a, hyperbolic: true).0.with(value: v)
        case .cosh: return sineCosine(a, hyperbolic: true).1.with(value: v)
        case .tanh:
            let c = sineCosine(a, hyperbolic: true).1
            return integral(v, (1 / (c * c), a))
        case .asinh: return integral(v, (1 / sqrt(a * a + 1), a))
        case .acosh: return integral(v, (1 / (sqrt(a - 1) * sqrt(a + 1)), a))
        case .atanh: return integral(v, (1 / (1 - a * a), a))
        case .exp: return expSeries(a).with(value: v)
        case .log: return integral(v, (1 / a, a))
        case .log10: return integral(v, (1 / (a * constant(T.log(10))), a))
        case .log2: return integral(v, (1 / (a * constant(T.log(2))), a))
        case .sqrt: return powerSeries(a, 1 / 2, value: v)
        case .cbrt: return powerSeries(a, 1 / 3, value: v)
        case .abs: return a.scaled(by: T.sign(x)).with(value: v)
        case .sign, .heaviside: return constant(v)
        case .relu: return x > 0 ? a.with(value: v) : constant(v)
        case .erf: return integral(v, (constant(2 / T.sqrt(T.pi)) * exp(-a * a), a))
        case .erfc: return integral(v, (constant(-2 / T.sqrt(T.pi)) * exp(-a * a), a))
        case .sigmoid: return logistic(a).with(value: v)
        case .softplus: return integral(v, (logistic(a), a))
        case .atan2:
            let r2 = a * a + b * b
            return integral(v, (b / r2, a), (-a / r2, b))
        case .hypot: return powerSeries(a * a + b * b, 1 / 2, value: v)
        case .min, .max:
            let y = b.value
            let aWins = f == .min ? x < y : x > y
            let bWins = f == .min ? y < x : y > x
            return (aWins ? a : bWins ? b : (a + b) / 2).with(value: v)
        case .floor, .ceil, .round, .trunc: return constant(v)
        // Locally a - k*b with the integer k fixed.
        case .mod, .fmod: return (a - b.scaled(by: T.apply(f == .mod ? .floor : .trunc, x / b.value, x))).with(value: v)
        // log|Γ| from the polygammas at the point; Γ = ±exp(log|Γ|) with the sign fixed around it.
        case .lgamma: return polygammaSeries(-1, a).with(value: v)
        case .gamma: return expSeries(polygammaSeries(-1, a)).scaled(by: v < 0 ? -1 : 1).with(value: v)
        case .digamma: return polygammaSeries(0, a).with(value: v)
        case .polygamma:
            // The order is a constant integer (the parser sees to it): found by comparison, as T has no Int.
            guard let n = (0...1000).first(where: { T(Double($0)) == a.value }) else { return constant(T(Double.nan)) }
            return polygammaSeries(n, b).with(value: v)
        case .erfinv, .erfcinv: return inverseErrorSeries(a, value: v, slope: (f == .erfinv ? 1 : -1) * T.sqrt(T.pi) / 2)
        // From their ODEs: erfcx' = 2 x erfcx - 2/sqrt(pi), W' = exp(-W)/(1 + W).
        case .geluTanh:
            let cubic = a + (a * a * a).scaled(by: T(44715.0) / T(1_000_000.0))
            return (a * logistic(cubic.scaled(by: 2 * T.sqrt(2 / T.pi)))).with(value: v)
        case .lbeta, .beta:
            let logarithm = polygammaSeries(-1, a) + polygammaSeries(-1, b) - polygammaSeries(-1, a + b)
            return (f == .lbeta ? logarithm : expSeries(logarithm).scaled(by: v < 0 ? -1 : 1)).with(value: v)
        case .tanhshrink:
            let t = apply(.tanh, a, b)
            return integral(v, (t * t, a))
        case .ndtr: return integral(v, (constant(1 / T.sqrt(2 * T.pi)) * exp(-a * a / 2), a))
        case .erfcx: return solving(a, value: v) { a, g in a * g * 2 - constant(2 / T.sqrt(T.pi)) }
        case .lambertw: return solving(a, value: v) { _, g in exp(-g) / (1 + g) }
        case .erfi: return integral(v, (constant(2 / T.sqrt(T.pi)) * exp(a * a), a))
        case .dawson: return solving(a, value: v) { a, g in constant(1) - (a * g).scaled(by: 2) }
        case .invdigamma: return solving(a, value: v) { _, g in 1 / apply(.polygamma, constant(1), g) }
        case .sphericalJn:
            guard let n = (0...1000).first(where: { T(Double($0)) == a.value }) else { return constant(T(Double.nan)) }
            return sphericalBesselSeries(n, b).with(value: v)
        case .besselj, .bessely, .besseli, .besselk, .ive:
            guard let n = (-1000...1000).first(where: { T(Double($0)) == a.value }) else { return constant(T(Double.nan)) }
            if f == .ive && isAsymptotic(order: n, at: b) { return scaledBesselIAsymptotic(n, b).with(value: v) }
            // exp(-|x|) I_n(x) near x0 is exp(-s t) times the series of I_n scaled at x0 (s = sign x0).
            let scaling = f == .ive ? expSeries(b.with(value: 0).scaled(by: -T.sign(b.value))) : constant(1)
            return (besselSeries(f, n, b) * scaling).with(value: v)
        case .logNdtr: return integral(v, (constant(T.sqrt(2 / T.pi)) / apply(.erfcx, a.scaled(by: -1 / T.sqrt(2)), a), a))
        case .sinpi: return sineCosine(a, times: .pi, .sinpi, .cospi).0.with(value: v)
        case .cospi: return sineCosine(a, times: .pi, .sinpi, .cospi).1.with(value: v)
        case .sind: return sineCosine(a, times: .pi / 180, .sind, .cosd).0.with(value: v)
        case .cosd: return sineCosine(a, times: .pi / 180, .sind, .cosd).1.with(value: v)
        case .expm1: return expSeries(a).with(value: v)
        case .log1p: return integral(v, (1 / (1 + a), a))
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot:
            return constant(v)
        case .select: return x != 0 ? b.with(value: v) : constant(v)
        // A primitive without a rule here is NaN, which every autodiff test catches.
        default: return f.isDefined ? f.definedValue(a, b) : constant(T(Double.nan))
        }
    }

    /// The series of `ψ^(m)(a)` (`m = -1`: `log|Γ(a)|`, whose derivative is `ψ`): Taylor's
    /// coefficients `ψ^(m+k)(a0)/k!` composed with `a - a0` by Horner's rule.
    private static func polygammaSeries(_ m: Int, _ a: Taylor) -> Taylor {
        let order = a.coefficients.count - 1
        let increment = a.with(value: 0)
        // ψ^(m+k) at the point, log|Γ| for m + k = -1.
        func g(_ k: Int) -> T { m + k < 0 ? T.apply(.lgamma, a.value, a.value) : T.apply(.polygamma, T(Double(m + k)), a.value) }
        var result = Taylor(coefficients: [g(order) / factorial(order)])
        for k in stride(from: order - 1, through: 0, by: -1) {
            result = result * increment + Taylor(coefficients: [g(k) / factorial(k)])
        }
        return result
    }

    /// The series of the Bessel function `f` of order `n` at `a`, from its derivatives at the
    /// point: `F_n^(k) = s^k Σ_j σ^j C(k, j) F_(n-k+2j)` with `s = 1/2` and alternating `σ`
    /// for J and Y, `s = 1/2` for I (and for the scaled `ive`, each term scaled alike), `s = -1/2`
    /// for K (`σ = 1`).
    private static func besselSeries(_ f: Function, _ n: Int, _ a: Taylor) -> Taylor {
        let order = a.coefficients.count - 1
        let scale = T(f == .besselk ? -0.5 : 0.5)
        let alternating = f == .besselj || f == .bessely
        func derivative(_ k: Int) -> T {
            var (sum, binomial, power): (T, T, T) = (0, 1, 1)
            for _ in 0..<k { power = power * scale }
            for j in 0...k {
                let term = binomial * T.apply(f, T(Double(n - k + 2 * j)), a.value)
                sum = sum + (alternating && j % 2 == 1 ? -term : term)
                binomial = binomial * T(Double(k - j)) / T(Double(j + 1))
            }
            return sum * power
        }
        let increment = a.with(value: 0)
        var result = Taylor(coefficients: [derivative(order) / factorial(order)])
        for k in stride(from: order - 1, through: 0, by: -1) {
            result = result * increment + Taylor(coefficients: [derivative(k) / factorial(k)])
        }
        return result
    }

    /// The series of `j_n(a)`: its k-th derivative is the k-th power of the operator
    /// `j_m -> (m j_(m-1) - (m+1) j_(m+1))/(2m+1)` applied to `j_n`, a combination of
    /// `j_(n-k) ... j_(n+k)` (never below `j_0`, whose `j_-1` has weight 0).
    private static func sphericalBesselSeries(_ n: Int, _ a: Taylor) -> Taylor {
        let order = a.coefficients.count - 1
        var weights: [Int: T] = [n: 1]
        var derivatives: [T] = []
        for k in 0...order {
            if k > 0 {
                var next: [Int: T] = [:]
                for (m, w) in weights {
                    let denominator = T(Double(2 * m + 1))
                    if m > 0 { next[m - 1, default: 0] = next[m - 1, default: 0] + w * T(Double(m)) / denominator }
                    next[m + 1, default: 0] = next[m + 1, default: 0] - w * T(Double(m + 1)) / denominator
                }
                weights = next
            }
            derivatives.append(weights.reduce(T(0)) { $0 + $1.value * T.apply(.sphericalJn, T(Double($1.key)), a.value) })
        }
        let increment = a.with(value: 0)
        var result = Taylor(coefficients: [derivatives[order] / factorial(order)])
        for k in stride(from: order - 1, through: 0, by: -1) {
            result = result * increment + Taylor(coefficients: [derivatives[k] / factorial(k)])
        }
        return result
    }

    /// `(sin(k a), cos(k a))` by the sine pair's recurrence, started from the functions
    /// `sine` and `cosine` (`sinpi` and `cospi` for `k = π`), which reduce their arguments
    /// exactly, at the point.
    private static func sineCosine(_ a: Taylor, times k: T, _ sine: Function, _ cosine: Function) -> (Taylor, Taylor) {
        let scaled = a.scaled(by: k)
        var s = [T.apply(sine, a.value, a.value)]
        var c = [T.apply(cosine, a.value, a.value)]
        for k in 1..<a.coefficients.count {
            let (ds, dc) = (integralTerm(k, scaled) { c[$0] }, integralTerm(k, scaled) { s[$0] })
            s.append(ds)
            c.append(-dc)
        }
        return (Taylor(coefficients: s), Taylor(coefficients: c))
    }

    /// The series of the inverse error function `g` at `a` (value `value`) from its ODE
    /// `g' = slope*exp(g^2)`: each order from the series of `exp(g^2)` one order shorter.
    private static func inverseErrorSeries(_ a: Taylor, value: T, slope: T) -> Taylor {
        guard a.coefficients.count > 1 else { return Taylor(coefficients: [value]) }
        let shorter = Taylor(coefficients: Array(a.coefficients.dropLast()))
        let g = inverseErrorSeries(shorter, value: value, slope: slope)
        return integral(value, (exp(g * g).scaled(by: slope), a))
    }

    /// The series of the `g` with `g(a0) = value` and `g' = derivative(a, g)` along `a`: each
    /// order from the series of `g` one order shorter (as `inverseErrorSeries`).
    private static func solving(_ a: Taylor, value: T, _ derivative: (Taylor, Taylor) -> Taylor) -> Taylor {
        guard a.coefficients.count > 1 else { return Taylor(coefficients: [value]) }
        let shorter = Taylor(coefficients: Array(a.coefficients.dropLast()))
        return integral(value, (derivative(shorter, solving(shorter, value: value, derivative)), a))
    }

    /// `k!` in `T`.
    private static func factorial(_ k: Int) -> T { (0..<k).reduce(T(1)) { $0 * T(Double($1 + 1)) } }

    /// The logistic function's series in the form that does not overflow on `a`'s side.
    private static func logistic(_ a: Taylor) -> Taylor {
        a.value >= 0 ? 1 / (1 + exp(-a)) : exp(a) / (1 + exp(a))
    }

    /// `a^b` with both sides varying: `exp(b log a)`, with the value from `T.power`.
    public static func power(_ a: Taylor, _ b: Taylor) -> Taylor {
        exp(b * log(a)).with(value: T.power(a.value, b.value))
    }

    /// `a^n` by repeated squaring (`1 / a^-n` for negative `n`), with the value from `T.power`.
    public static func power(_ a: Taylor, _ n: Int) -> Taylor {
        var (result, square, k) = (Taylor(1), a, n.magnitude)
        while k > 0 {
            if k & 1 == 1 { result = result * square }
            square = square * square
            k >>= 1
        }
        return (n < 0 ? 1 / result : result).with(value: T.power(a.value, n))
    }

    /// `a^b` for a constant `b`, by the power recurrence.
    public static func power(_ a: Taylor, constantExponent b: Taylor) -> Taylor {
        powerSeries(a, b.value, value: T.power(a.value, constantExponent: b.value))
    }
}
