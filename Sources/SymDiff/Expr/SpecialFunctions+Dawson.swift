// The error function's imaginary side, Dawson's integral and the inverse of digamma.

extension RealFunctions {
    /// `Σ x^(2k+1)/(k! (2k+1))`, all of whose terms have the sign of `x`: `√π/2 erfi(x)`. Summed
    /// past the largest term (near `k = x^2`) until a term is below `2^-70` of the sum.
    private static func imaginaryErrorSeries(_ x: Self) -> Self {
        let square = x * x
        var (power, sum) = (x, x)
        var k = 0
        while k < 100_000 {
            k += 1
            power *= square / Self(k)
            let term = power / Self(2 * k + 1)
            sum += term
            if Swift.abs(term) <= 0x1p-70 * Swift.abs(sum) && Self(k) > square { break }
        }
        return sum
    }

    /// Dawson's integral by its asymptotic series `1/(2x) Σ (2k-1)!!/(2x^2)^k`, summed while the
    /// terms fall: from `|x| = 7` on its smallest term, about `exp(-x^2)`, is below `2^-70`.
    private static func dawsonAsymptotic(_ x: Self) -> Self {
        let inverse = 1 / (2 * x * x)
        var (sum, term): (Self, Self) = (1, 1)
        for k in 1...200 {
            let next = term * Self(2 * k - 1) * inverse
            if next >= term || next <= 0x1p-70 * sum { break }
            term = next
            sum += term
        }
        return sum / (2 * x)
    }

    /// `erfi(x) = -i erf(ix) = 2/√π ∫_0^x exp(t^2) dt`: the positive series below `|x| = 7`,
    /// beyond `2/√π exp(x^2) D(x)` with Dawson's asymptotic series and `x^2` split exactly.
    public static func imaginaryError(_ x: Self) -> Self {
        if x.isNaN || x.isInfinite { return x }
        let scale = 2 / Self.pi.squareRoot()
        return Swift.abs(x) < 7 ? scale * imaginaryErrorSeries(x) : scale * expOfSquare(x) * dawsonAsymptotic(x)
    }

    /// Dawson's integral `D(x) = exp(-x^2) ∫_0^x exp(t^2) dt` (scipy's `dawsn`): the positive
    /// series divided by `exp(x^2)` (split exactly) below `|x| = 7`, the asymptotic series beyond.
    public static func dawson(_ x: Self) -> Self {
        if x.isNaN { return x }
        if x.isInfinite { return x > 0 ? 0 : -0.0 }
        return Swift.abs(x) < 7 ? imaginaryErrorSeries(x) / expOfSquare(x) : dawsonAsymptotic(x)
    }

    /// The `x > 0` with `ψ(x) = y`: Newton's iteration on digamma from Minka's start
    /// (`exp(y) + 1/2` from `y = -2.22`, `-1/(y + γ)` below), in at most 40 steps, stopping
    /// when a step is below `2^-66` of `x`; `inf` at `inf`, 0 at `-inf`.
    public static func inverseDigamma(_ y: Self) -> Self {
        if y.isNaN || y == .infinity { return y }
        if y == -.infinity { return 0 }
        let eulerGamma: Self = 0.57721566490153286061
        var x = y >= -2.22 ? exp(y) + 0.5 : -1 / (y + eulerGamma)
        if !x.isFinite { return x }
        for _ in 0..<40 {
            let step = (polygamma(0, x) - y) / polygamma(1, x)
            // Newton may overshoot below 0 from a poor start: halve toward it instead.
            let next = x - step < 0 ? x / 2 : x - step
            let converged = Swift.abs(next - x) <= 0x1p-66 * next
            x = next
            if converged { break }
        }
        return x
    }
}
