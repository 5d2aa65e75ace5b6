// Bessel functions of integer order: I_n by its series (all terms positive) and asymptotic
// expansion, K_n by the trapezoidal rule on its integral; J_n and Y_n come from the C library.

extension RealFunctions {
    /// `I_n(x)`, the modified Bessel function of the first kind: `exp(|x|)` times
    /// `besselIScaled`.
    public static func besselI(_ n: Int, _ x: Self) -> Self {
        let scaled = besselIScaled(n, x)
        return scaled == 0 || !scaled.isFinite ? scaled : exp(Swift.abs(x)) * scaled
    }

    /// `exp(-|x|) I_n(x)` (scipy's `ive`), which does not overflow: the series
    /// `Σ (x/2)^(2k+n)/(k!(k+n)!)`, whose terms are all positive, each scaled by `exp(-x)`
    /// (the first in logarithms), up to `x = max(60, 1.2 n^2)`, then the asymptotic expansion
    /// `Σ (-1)^k a_k(n)/x^k / sqrt(2 pi x)`. `I_-n = I_n`, `I_n(-x) = (-1)^n I_n(x)`.
    public static func besselIScaled(_ n: Int, _ x: Self) -> Self {
        let order = n.magnitude
        if x.isNaN || order > 1000 { return .nan }
        if x < 0 { return order % 2 == 0 ? besselIScaled(Int(order), -x) : -besselIScaled(Int(order), -x) }
        if x == 0 { return order == 0 ? 1 : 0 }
        let nu = Self(Int(order))
        if x > Swift.max(60, 1.2 * nu * nu) {
            if x == .infinity { return 0 }
            return asymptoticSum(order, x) / (2 * .pi * x).squareRoot()
        }
        // exp(-x) (x/2)^n/n!, then each term from the last: the ratio (x/2)^2/((k+1)(k+1+n)).
        let half = x / 2
        var term = exp(nu * log(half) - logGamma(nu + 1) - x)
        var sum = term
        let square = half * half
        var k = 0
        while k < 10_000_000 {
            term *= square / (Self(k + 1) * (Self(k + 1) + nu))
            sum += term
            k += 1
            if term <= 0x1p-70 * sum && Self(k) > half { break }
        }
        return sum
    }

    /// `K_n(x)`, the modified Bessel function of the second kind, for `x > 0`: the integral
    /// `∫_0^∞ exp(-x cosh t) cosh(n t) dt` by the trapezoidal rule, exponentially accurate for
    /// this analytic integrand (steps `min(1/8, 1/(2 sqrt x))`, past the integrand's peak
    /// until the terms fall below `2^-70` of the sum). `K_-n = K_n`; NaN below 0, inf at 0.
    public static func besselK(_ n: Int, _ x: Self) -> Self {
        let order = n.magnitude
        if x.isNaN || x < 0 || order > 1000 { return .nan }
        if x == 0 { return .infinity }
        if x == .infinity { return 0 }
        let nu = Self(Int(order))
        let h = Swift.min(0.125, 1 / (2 * x.squareRoot()))
        // The integrand peaks where n = x sinh t.
        let peak = asinh(nu / x)
        func integrand(_ t: Self) -> Self {
            let c = x * cosh(t)
            return (exp(nu * t - c) + exp(-nu * t - c)) / 2
        }
        var sum = integrand(0) / 2
        var k = 1
        while k < 1_000_000 {
            let t = Self(k) * h
            let term = integrand(t)
            sum += term
            k += 1
            if t > peak && term <= 0x1p-70 * sum { break }
        }
        return h * sum
    }

    /// `Σ_k (-1)^k a_k(n)/x^k`, `a_k(n) = Π_(j<=k) (4n^2 - (2j-1)^2) / (k! 8^k)`: the asymptotic
    /// series of `I_n`, summed while its terms fall, to `2^-70`.
    private static func asymptoticSum(_ n: UInt, _ x: Self) -> Self {
        let mu = 4 * Self(Int(n)) * Self(Int(n))
        var (sum, term): (Self, Self) = (1, 1)
        for k in 1...200 {
            let odd = Self(2 * k - 1)
            let next = -term * (mu - odd * odd) / (Self(k) * 8 * x)
            if Swift.abs(next) >= Swift.abs(term) || next == 0 { break }
            term = next
            sum += term
            if Swift.abs(term) <= 0x1p-70 * Swift.abs(sum) { break }
        }
        return sum
    }
}

extension RealFunctions {
    /// `j_n(x)`, the spherical Bessel function of the first kind (`j_0(x) = sin(x)/x`, 1 at 0):
    /// the series `x^n Σ (-x^2/2)^k / (k! (2n+2k+1)!!)` up to `|x| = n + 2`, then the upward
    /// recurrence `j_(m+1) = (2m+1)/x j_m - j_(m-1)` from `j_0` and `j_1`, stable there.
    /// `j_n(-x) = (-1)^n j_n(x)`; `j_-1(x) = cos(x)/x` (the derivative rows' `n - 1` at 0).
    public static func sphericalBesselJ(_ n: Int, _ x: Self) -> Self {
        if x.isNaN || n < -1 || n > 1000 { return .nan }
        if n == -1 { return cos(x) / x }
        if x < 0 { return n % 2 == 0 ? sphericalBesselJ(n, -x) : -sphericalBesselJ(n, -x) }
        if x == .infinity { return 0 }
        if x <= Self(n + 2) {
            // x^n/(2n+1)!!, then each term from the last: the ratio -(x^2/2)/((k+1)(2n+2k+3)).
            var term: Self = 1
            for m in 0..<n { term *= x / Self(2 * m + 3) }
            var sum = term
            let half = -x * x / 2
            var k = 0
            while k < 1000 && term != 0 {
                term *= half / (Self(k + 1) * Self(2 * n + 2 * k + 3))
                sum += term
                k += 1
                if Swift.abs(term) <= 0x1p-70 * Swift.abs(sum) { break }
            }
            return sum
        }
        let (s, c) = sineCosine(x)
        var (previous, current) = (s / x, (s / x - c) / x)
        if n == 0 { return previous }
        for m in 1..<n { (previous, current) = (current, Self(2 * m + 1) / x * current - previous) }
        return current
    }
}
