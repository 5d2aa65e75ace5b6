// Special functions built on exp and erfc without their overflow or cancellation: the scaled
// complementary error function, the log of the normal CDF, and Lambert's W.

extension RealFunctions {
    /// `exp(x^2)` with `x^2` split exactly into a sum (Veltkamp), so the square's rounding,
    /// which `exp` would multiply by `x^2`, does not count.
    static func expOfSquare(_ x: Self) -> Self {
        let (high, low) = squareParts(x)
        return exp(high) * exp(low)
    }

    /// `x^2` as `high + low`: `high` the exact square of `x`'s upper half, `low` the rest.
    static func squareParts(_ x: Self) -> (high: Self, low: Self) {
        let factor = Self(1 << ((Self.significandBitCount + 2) / 2)) + 1
        let scaled = factor * x
        let upper = scaled - (scaled - x)
        let lower = x - upper
        guard upper.isFinite && lower.isFinite else { return (x * x, 0) }
        return (upper * upper, (2 * upper + lower) * lower)
    }

    /// `erfcx(x) = exp(x^2) erfc(x)`: `exp(x^2) erfc(x)` up to 50, then the asymptotic series
    /// `1/(x sqrt(pi)) Σ (-1)^n (2n-1)!!/(2x^2)^n` to eight terms (the ninth below 2^-70 of
    /// the sum); below 0, `2 exp(x^2) - erfcx(-x)`, which overflows past about -26.6 in binary64.
    public static func scaledComplementaryError(_ x: Self) -> Self {
        if x.isNaN { return x }
        if x < 0 { return 2 * expOfSquare(x) - scaledComplementaryError(-x) }
        if x < 50 { return expOfSquare(x) * erfc(x) }
        if x == .infinity { return 0 }
        let inverse = 1 / (2 * x * x)
        var (sum, term): (Self, Self) = (1, 1)
        for n in 1...8 {
            term *= -Self(2 * n - 1) * inverse
            sum += term
        }
        return sum / (x * .pi.squareRoot())
    }

    /// `log(ndtr(x))`, the log of the standard normal CDF: `log1p(-erfc(x/sqrt 2)/2)` above 0,
    /// `log(erfcx(-x/sqrt 2)/2) - x^2/2` below (with `x^2` split exactly), so neither the
    /// tail's underflow nor the value near 0 for large `x` is lost.
    public static func logNormalDistribution(_ x: Self) -> Self {
        if x.isNaN { return x }
        let t = x / Self(2).squareRoot()
        if x > 0 { return log1p(-erfc(t) / 2) }
        let (high, low) = squareParts(x)
        return log(scaledComplementaryError(-t) / 2) - high / 2 - low / 2
    }

    /// Lambert's `W` on its principal branch (`W(x) e^W(x) = x`, `W >= -1`), for `x >= -1/e`
    /// (NaN below): Halley's iteration from the branch-point series near `-1/e`, Winitzki's
    /// approximation up to 3 and `log x - log log x` beyond, to within an ulp.
    public static func lambertW(_ x: Self) -> Self {
        let e = exp(1)
        if x.isNaN || x < -1 / e { return .nan }
        if x == 0 || x == .infinity { return x }
        var w: Self
        if x < -0.25 {
            let p = (2 * (e * x + 1)).squareRoot()
            w = -1 + p * (1 + p * (-1 / 3 + p * 11 / 72))
        } else if x < 3 {
            let l = log1p(x)
            w = l * (1 - log1p(l) / (2 + l))
        } else {
            let (l1, l2) = (log(x), log(log(x)))
            w = l1 - l2 + l2 / l1
        }
        for _ in 0..<16 {
            let ew = exp(w)
            let residual = w * ew - x
            let step = residual / (ew * (w + 1) - (w + 2) * residual / (2 * w + 2))
            guard step.isFinite else { break }
            w -= step
            if Swift.abs(step) <= 2 * w.ulp { break }
        }
        return Swift.max(w, -1)
    }
}

extension RealFunctions {
    /// `x - tanh(x)` without its cancellation near 0: below `|x| = 1/4` the series of tanh less
    /// its first term, `x^3/3 - 2x^5/15 + ...`, to `x^31` (the rest below 2^-70 of it), with the
    /// coefficients from `t' = 1 - t^2`; beyond, the difference, which keeps all but a few bits.
    public static func tanhShrink(_ x: Self) -> Self {
        if x.isNaN || Swift.abs(x) >= 0.25 { return x - tanh(x) }
        // (n + 1) a_(n+1) = [n = 0] - Σ_(i+j=n) a_i a_j for tanh's coefficients a_1, a_3, ...
        var a = [Self](repeating: 0, count: 32)
        a[1] = 1
        for n in stride(from: 2, to: 31, by: 2) {
            var sum: Self = 0
            for i in stride(from: 1, to: n, by: 2) { sum += a[i] * a[n - i] }
            a[n + 1] = -sum / Self(n + 1)
        }
        let z = x * x
        var sum: Self = 0
        for n in stride(from: 31, through: 3, by: -2) { sum = sum * z - a[n] }
        return sum * z * x
    }
}

extension RealFunctions {
    /// The tanh approximation of gelu, `x*sigmoid(2 sqrt(2/π) (x + 0.044715 x^3))`, with the
    /// sigmoid in the form that neither overflows nor cancels.
    public static func geluTanh(_ x: Self) -> Self {
        let z = 2 * (2 / Self.pi).squareRoot() * (x + Self(44715) / Self(1_000_000) * x * x * x)
        return x * Function.sigmoid.evaluate(z)
    }

    /// The normal distribution function `Φ(x) = erfc(-x/sqrt(2))/2`.
    public static func normalDistribution(_ x: Self) -> Self { erfc(-x / Self(2).squareRoot()) / 2 }
}
