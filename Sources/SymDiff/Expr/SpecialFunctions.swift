// Numerics of their own for special functions in any precision: the polygamma functions ψ^(m)
// (behind `digamma`, `polygamma` and the Taylor series of `gamma` and `lgamma`), `sinpi`,
// `cospi`, the inverse error functions and the beta function.

/// The Bernoulli numbers `B_2, B_4, ..., B_30`, each as numerator and denominator.
private let bernoulli: [(Double, Double)] = [
    (1, 6), (-1, 30), (1, 42), (-1, 30), (5, 66), (-691, 2730), (7, 6), (-3617, 510), (43867, 798), (-174611, 330),
    (854513, 138), (-236364091, 2730), (8553103, 6), (-23749461029, 870), (8615841276005, 14322),
]

extension RealFunctions {
    /// `ψ^(m)(x)`, the `m`-th derivative of digamma (`m = 0`: digamma itself).
    ///
    /// The recurrence `ψ^(m)(x) = ψ^(m)(x + 1) - (-1)^m m!/x^(m+1)` moves `x` up to `16 + m`,
    /// where the asymptotic series (Abramowitz and Stegun 6.3.18 and 6.4.11, with the Bernoulli
    /// numbers to `B_30`) is below `2^-70` relative. Digamma below 0 reflects,
    /// `ψ(x) = ψ(1 - x) - π/tan(π x)`, with `π x` reduced exactly first. At the poles (0 and the
    /// negative integers) the value is NaN, but for digamma at 0, which is `-inf` as in
    /// PyTorch; below `-10^4` a higher order is NaN (too many steps).
    public static func polygamma(_ m: Int, _ x: Self) -> Self {
        guard !x.isNaN, m >= 0 else { return .nan }
        if x <= 0 && x == x.rounded() { return m == 0 && x == 0 ? -.infinity : .nan }
        if x == .infinity { return m == 0 ? .infinity : 0 }
        if m == 0 && x < 0 {
            // tan(π x) = tan(π (x - round(x))): the difference is exact.
            let r = x - x.rounded()
            return polygamma(0, 1 - x) - .pi / tan(.pi * r)
        }
        if x < -10_000 { return .nan }
        let sign: Self = m % 2 == 0 ? -1 : 1
        let factorial = (0..<m).reduce(Self(1)) { $0 * Self($1 + 1) }
        var (y, shifted): (Self, Self) = (x, 0)
        let start = Self(16 + m)
        while y < start {
            var term: Self = 1 / y
            for _ in 0..<m { term /= y }
            shifted += term
            y += 1
        }
        let inverse = 1 / y
        var series: Self
        if m == 0 {
            series = log(y) - inverse / 2
            var power = inverse * inverse
            for (k, (p, q)) in bernoulli.enumerated() {
                series -= Self(p) / Self(q) / Self(2 * (k + 1)) * power
                power *= inverse * inverse
            }
            return series - shifted
        }
        // (-1)^(m+1) [(m-1)!/y^m + m!/(2 y^(m+1)) + Σ B_2k (2k+m-1)!/((2k)! y^(2k+m))].
        let yToM = (0..<m).reduce(Self(1)) { power, _ in power * y }
        series = factorial / Self(m) / yToM + factorial / 2 / (yToM * y)
        var coefficient = factorial
        var power = 1 / (yToM * y * y)
        for (k, (p, q)) in bernoulli.enumerated() {
            let twoK = Self(2 * (k + 1))
            // (2k+m-1)!/(2k)! from (2k+m-3)!/(2k-2)!: times (2k+m-2)(2k+m-1)/((2k-1)(2k)).
            coefficient = k == 0 ? factorial * Self(m + 1) / 2 : coefficient * (twoK + Self(m) - 2) * (twoK + Self(m) - 1) / ((twoK - 1) * twoK)
            series += Self(p) / Self(q) * coefficient * power
            power /= y * y
        }
        return sign * (series + factorial * shifted)
    }
}

extension RealFunctions {
    /// `x` less the nearest even integer, in [-1, 1], exactly (the difference of two numbers
    /// within a factor 2 of each other, or `x` itself).
    private static func reducedByTwo(_ x: Self) -> Self { x - 2 * (x / 2).rounded() }

    /// `sin(π x)` with `x` reduced exactly, so 0 at every integer and ±1 at the halves, and the
    /// library sine or cosine taken at most `π/4`.
    public static func sinPi(_ x: Self) -> Self {
        guard x.isFinite else { return .nan }
        var r = reducedByTwo(x)
        // sin(π r) = sin(π (±1 - r)): fold into [-1/2, 1/2].
        if Swift.abs(r) > 0.5 { r = (r > 0 ? 1 : -1) - r }
        if Swift.abs(r) <= 0.25 { return r == 0 ? 0 * x : sin(.pi * r) }
        return (r > 0 ? 1 : -1) * cos(.pi * (0.5 - Swift.abs(r)))
    }

    /// `cos(π x)` with `x` reduced exactly, so ±1 at every integer and 0 at the halves.
    public static func cosPi(_ x: Self) -> Self {
        guard x.isFinite else { return .nan }
        var a = Swift.abs(reducedByTwo(x))
        var sign: Self = 1
        // cos(π a) = -cos(π (1 - a)): fold into [0, 1/2].
        if a > 0.5 { (a, sign) = (1 - a, -1) }
        if a <= 0.25 { return sign * cos(.pi * a) }
        return sign * sin(.pi * (0.5 - a))
    }
}

extension RealFunctions {
    /// The inverse of `erf` on [-1, 1] (±inf at ±1), or with `complement` of `erfc` on
    /// [0, 2]; NaN beyond. Newton's method to this type's precision, on `erfc(x) = c` where
    /// `erf(x)` is within 1/2 of ±1, so the residual never cancels: `1 - |y|` and `2 - c` are
    /// exact there.
    public static func inverseErrorFunction(_ y: Self, complement: Bool = false) -> Self {
        guard !y.isNaN else { return .nan }
        if complement {
            guard y >= 0 && y <= 2 else { return .nan }
            if y == 0 || y == 2 { return y == 0 ? .infinity : -.infinity }
            return y > 1 ? -solveComplementary(2 - y) : solveComplementary(y)
        }
        guard Swift.abs(y) <= 1 else { return .nan }
        if y == 0 || Swift.abs(y) == 1 { return y == 0 ? y : y * .infinity }
        let a = Swift.abs(y)
        let x = a > 0.5 ? solveComplementary(1 - a) : solveError(a)
        return y < 0 ? -x : x
    }

    /// `x >= 0` with `erfc(x) = c` for `c` in (0, 1].
    private static func solveComplementary(_ c: Self) -> Self {
        newton(from: (-log(c)).squareRoot()) { x in (c - erfc(x), 2 / Self.pi.squareRoot() * exp(-x * x)) }
    }

    /// `x` with `erf(x) = a` for `a` in (0, 1/2].
    private static func solveError(_ a: Self) -> Self {
        newton(from: a * Self.pi.squareRoot() / 2) { x in (erf(x) - a, 2 / Self.pi.squareRoot() * exp(-x * x)) }
    }

    /// Newton's method from `x`, `step(x)` giving the residual and the slope, until a step is
    /// below an ulp of `x` (at most 100 steps).
    private static func newton(from x: Self, _ step: (Self) -> (residual: Self, slope: Self)) -> Self {
        var x = x
        for _ in 0..<100 {
            let (residual, slope) = step(x)
            let delta = residual / slope
            x -= delta
            if !(Swift.abs(delta) > Self.ulpOfOne * Swift.abs(x)) { break }
        }
        return x
    }
}

extension RealFunctions {
    /// `log|B(a, b)| = log|Γ(a)| + log|Γ(b)| - log|Γ(a + b)|`.
    public static func logBeta(_ a: Self, _ b: Self) -> Self { logGamma(a) + logGamma(b) - logGamma(a + b) }

    /// `B(a, b) = Γ(a)Γ(b)/Γ(a + b)`: `exp(logBeta)` with the sign of the gammas' quotient.
    public static func beta(_ a: Self, _ b: Self) -> Self {
        let negative = ((gamma(a) < 0) != (gamma(b) < 0)) != (gamma(a + b) < 0)
        let magnitude = exp(logBeta(a, b))
        return negative ? -magnitude : magnitude
    }
}
