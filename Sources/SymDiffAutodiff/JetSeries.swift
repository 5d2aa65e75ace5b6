// The Taylor coefficients of common functions at a point, written straight into a buffer.
import SymDiff

/// The series `g_k = f^(k)(x0) / k!` of a function at `x0`: what `Taylor` computes for the
/// argument `x0 + t`, by the same recurrences with that argument's coefficients (1 for `t`,
/// none above) put in, so without building series. `JetProgram` uses it for the functions
/// below and `Taylor` for the others; tests hold the two to the same values.
enum JetSeries {
    /// The step's univariate function, as far as these closed forms cover it.
    enum Kind {
        case apply(Function)
        case integerPower(Int)
        case constantPower(Wide)
    }

    /// Writes `g_0 ... g_order` of `kind` at `x0` into `g` and returns true, or returns false
    /// when `kind` has no closed form here. The value `g_0` is the scalar type's own, as in `Taylor`.
    static func coefficients(_ kind: Kind, at x0: Wide, order: Int, into g: UnsafeMutablePointer<Wide>) -> Bool {
        switch kind {
        case .apply(.exp):
            g[0] = Wide.apply(.exp, x0, .nan)
            for k in stride(from: 1, through: order, by: 1) { g[k] = g[k - 1] / Wide(k) }
        case .apply(let f) where f == .sin || f == .cos || f == .sinh || f == .cosh:
            let hyperbolic = f == .sinh || f == .cosh
            var (s, c) = hyperbolic ? (Wide.apply(.sinh, x0, .nan), Wide.apply(.cosh, x0, .nan)) : Wide.sineCosine(x0)
            let wantsSine = f == .sin || f == .sinh
            g[0] = wantsSine ? s : c
            for k in stride(from: 1, through: order, by: 1) {
                (s, c) = (c / Wide(k), (hyperbolic ? s : -s) / Wide(k))
                g[k] = wantsSine ? s : c
            }
        case .apply(.log):
            g[0] = Wide.log(x0)
            var w: Wide = -1
            for k in stride(from: 1, through: order, by: 1) {
                w = -w / x0
                g[k] = w / Wide(k)
            }
        case .apply(.sqrt): power(0.5, x0, value: Wide.sqrt(x0), order: order, g)
        case .integerPower(let n) where n >= 0:
            g[0] = Wide.power(x0, n)
            var binomial: Wide = 1
            for k in stride(from: 1, through: order, by: 1) {
                binomial = binomial * Wide(n - k + 1) / Wide(k)
                g[k] = k <= n ? binomial * Wide.power(x0, n - k) : 0
            }
        case .integerPower(let n): power(Wide(n), x0, value: Wide.power(x0, n), order: order, g)
        case .constantPower(let r): power(r, x0, value: Wide.power(x0, constantExponent: r), order: order, g)
        case .apply: return false
        }
        return true
    }

    /// `x^r` at `x0`: `g_k = g_(k-1) (r - k + 1) / (k x0)`, the power recurrence; at `x0 = 0`,
    /// `g_k = C(r, k) 0^(r-k)` with the power from `pow`, so a coefficient that blows up there
    /// is infinite (as the nested duals' `r x^(r-1)` is), not the recurrence's `0/0`.
    private static func power(_ r: Wide, _ x0: Wide, value: Wide, order: Int, _ g: UnsafeMutablePointer<Wide>) {
        g[0] = value
        var binomial: Wide = 1
        for k in stride(from: 1, through: order, by: 1) {
            if x0 == 0 {
                binomial = binomial * (r - Wide(k) + 1) / Wide(k)
                g[k] = binomial == 0 ? 0 : binomial * Wide.power(x0, constantExponent: r - Wide(k))
            } else {
                g[k] = g[k - 1] * (r - Wide(k) + 1) / (Wide(k) * x0)
            }
        }
    }
}
