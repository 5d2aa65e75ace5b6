// The scaled Bessel function far from 0, in any autodiff arithmetic: there its recurrence's
// derivatives cancel, and the asymptotic expansion's do not.
import SymDiff

extension AutodiffScalar {
    /// Whether `besselIScaled` of order `n` sums its asymptotic expansion at `x`: past
    /// `max(60, 1.2 n^2)` in size, where the expansion below is accurate.
    static func isAsymptotic(order n: Int, at x: Self) -> Bool {
        let limit = Self(Swift.max(60, 1.2 * Double(n) * Double(n)))
        return x > limit || x < -limit
    }

    /// `exp(-|x|) I_n(x)` as `Σ_k (-1)^k a_k(n)/|x|^k / sqrt(2π|x|)` with
    /// `a_k(n) = Π_(j<=k) (4n^2 - (2j-1)^2) / (k! 8^k)`, in this arithmetic, so each
    /// derivative is the expansion's own (`x^(-1/2-k)` in size) rather than a difference of
    /// neighbouring orders' values; summed as `besselIScaled` sums it (while the terms fall,
    /// to `2^-70`), with `I_n(-x) = (-1)^n I_n(x)`.
    static func scaledBesselIAsymptotic(_ n: Int, _ x: Self) -> Self {
        let magnitude = x < 0 ? -x : x
        let mu = Self(4 * Double(n) * Double(n))
        let reciprocal = 1 / (8 * magnitude)
        func size(_ y: Self) -> Self { y < 0 ? -y : y }
        var (sum, term): (Self, Self) = (1, 1)
        for k in 1...200 {
            let odd = Self(Double(2 * k - 1))
            let next = -term * (mu - odd * odd) / Self(Double(k)) * reciprocal
            if !(size(next) < size(term)) || next == 0 { break }
            term = next
            sum = sum + term
            if size(term) <= Self(0x1p-70) * size(sum) { break }
        }
        let result = sum / sqrt(2 * .pi * magnitude)
        return x < 0 && n % 2 != 0 ? -result : result
    }
}
