// Truncated Taylor series: arithmetic and the recurrences (Cauchy product, division, exp, sin/cos, powers).
import SymDiff

/// The Taylor coefficients `c_0 ... c_n` of `f(x0 + t)` in `t`, truncated: `f^(k)(x0) = k! c_k`.
///
/// A series holds as many coefficients as its order plus one; a constant holds one, and the
/// missing ones are 0, so constants mix with series of any order. Recurrences follow the
/// usual automatic-differentiation forms (as in JuliaDiff/TaylorDiff.jl's primitives).
/// A term with a zero coefficient of order 1 or more contributes nothing, whatever it is
/// multiplied by, as a `Dual`'s zero tangent. Comparisons look at `value` only.
public struct Taylor<T: AutodiffScalar>: AutodiffScalar {
    /// `c_0 ... c_n`, lowest order first.
    public private(set) var coefficients: [T]

    /// The series with these coefficients (at least one).
    public init(coefficients: [T]) {
        precondition(!coefficients.isEmpty, "a Taylor series has at least its value")
        self.coefficients = coefficients
    }

    /// The independent variable `x0 + t`, truncated at `order`.
    public init(variable x0: T, order: Int) {
        self.init(coefficients: order == 0 ? [x0] : [x0, 1] + Array(repeating: 0, count: order - 1))
    }

    public init(_ value: Double) { self.init(coefficients: [T(value)]) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    public static var pi: Taylor { Taylor(coefficients: [.pi]) }
    public var isZero: Bool { coefficients.allSatisfy(\.isZero) }

    /// The coefficient of order 0.
    public var value: T { coefficients[0] }

    /// The coefficient of `t^k`, 0 beyond the stored ones.
    public subscript(k: Int) -> T { k < coefficients.count ? coefficients[k] : 0 }

    /// The `k`-th derivative, `k! c_k`.
    public func derivative(_ k: Int) -> T { (0..<k).reduce(self[k]) { $0 * T(Double($1 + 1)) } }

    public static func == (a: Taylor, b: Taylor) -> Bool { a.value == b.value }
    public static func < (a: Taylor, b: Taylor) -> Bool { a.value < b.value }

    /// The number of coefficients of a result of `a` and `b`: the longer one's.
    static func length(_ a: Taylor, _ b: Taylor) -> Int { Swift.max(a.coefficients.count, b.coefficients.count) }

    public static func + (a: Taylor, b: Taylor) -> Taylor {
        Taylor(coefficients: (0..<length(a, b)).map { a[$0] + b[$0] })
    }

    public static func - (a: Taylor, b: Taylor) -> Taylor {
        Taylor(coefficients: (0..<length(a, b)).map { a[$0] - b[$0] })
    }

    public static prefix func - (a: Taylor) -> Taylor { Taylor(coefficients: a.coefficients.map { -$0 }) }

    /// The Cauchy product: `c_k = Σ a_i b_(k-i)`.
    public static func * (a: Taylor, b: Taylor) -> Taylor {
        Taylor(coefficients: (0..<length(a, b)).map { k in
            (0...k).reduce(0) { sum, i in
                (i > 0 && a[i].isZero) || (i < k && b[k - i].isZero) ? sum : sum + a[i] * b[k - i]
            }
        })
    }

    /// Division: `q_k = (a_k - Σ_(i<k) q_i b_(k-i)) / b_0`.
    public static func / (a: Taylor, b: Taylor) -> Taylor {
        var q: [T] = []
        for k in 0..<length(a, b) {
            let known = (0..<k).reduce(0) { sum, i in b[k - i].isZero ? sum : sum + q[i] * b[k - i] }
            q.append((a[k] - known) / b.value)
        }
        return Taylor(coefficients: q)
    }

    /// This series with its value replaced by `value` (the scalar type's own, with its conventions).
    func with(value: T) -> Taylor {
        var result = self
        result.coefficients[0] = value
        return result
    }

    /// Every coefficient times the scalar `factor`.
    func scaled(by factor: T) -> Taylor { Taylor(coefficients: coefficients.map { $0 * factor }) }

    /// `Σ_(j=1...k) j a_j g_(k-j) / k`, the order-`k` coefficient of `∫ g da`, skipping zero `a_j`.
    static func integralTerm(_ k: Int, _ a: Taylor, _ g: (Int) -> T) -> T {
        (1...k).reduce(0) { sum, j in a[j].isZero ? sum : sum + T(Double(j)) * a[j] * g(k - j) } / T(Double(k))
    }

    /// `f(a1, a2, ...)` from its value and the series of its partials: `df = Σ g_i da_i`.
    static func integral(_ value: T, _ terms: (slope: Taylor, argument: Taylor)...) -> Taylor {
        var n = 1
        for term in terms { n = Swift.max(n, term.argument.coefficients.count) }
        var c = [value]
        for k in 1..<n {
            c.append(terms.reduce(0) { sum, term in sum + integralTerm(k, term.argument) { term.slope[$0] } })
        }
        return Taylor(coefficients: c)
    }

    /// `exp(a)`: `e_k = Σ j a_j e_(k-j) / k`.
    static func expSeries(_ a: Taylor) -> Taylor {
        var e = [T.exp(a.value)]
        for k in 1..<a.coefficients.count { e.append(integralTerm(k, a) { e[$0] }) }
        return Taylor(coefficients: e)
    }

    /// The pair `(sin a, cos a)`, or `(sinh a, cosh a)` when `hyperbolic`, by their coupled recurrence.
    static func sineCosine(_ a: Taylor, hyperbolic: Bool) -> (Taylor, Taylor) {
        var s = [hyperbolic ? T.sinh(a.value) : T.sin(a.value)]
        var c = [hyperbolic ? T.cosh(a.value) : T.cos(a.value)]
        for k in 1..<a.coefficients.count {
            let (ds, dc) = (integralTerm(k, a) { c[$0] }, integralTerm(k, a) { s[$0] })
            s.append(ds)
            c.append(hyperbolic ? dc : -dc)
        }
        return (Taylor(coefficients: s), Taylor(coefficients: c))
    }

    /// `a^r` for a constant `r` with value `p0`: `p_k = Σ ((r+1) j - k) a_j p_(k-j) / (k a_0)`.
    static func powerSeries(_ a: Taylor, _ r: T, value p0: T) -> Taylor {
        var p = [p0]
        for k in 1..<a.coefficients.count {
            let sum = (1...k).reduce(0) { sum, j in
                a[j].isZero ? sum : sum + ((r + 1) * T(Double(j)) - T(Double(k))) * a[j] * p[k - j]
            }
            p.append(sum / (T(Double(k)) * a.value))
        }
        return Taylor(coefficients: p)
    }
}
