// Numeric constants of the expression graph: exact rationals, with a binary64 fallback.
import Foundation

/// A numeric constant: an exact rational while it fits in 64 bits, otherwise a finite `Double`.
///
/// Invariants, which make structural equality mean numeric equality:
/// - a rational is reduced, its denominator is positive;
/// - a `real` is never an integer that a rational could hold exactly (`Number(2.0)` is the
///   rational 2), so one value has one representation;
/// - a `real` is finite, except where folding constants overflowed: `1e308*2` is `+inf`, as
///   IEEE arithmetic gives, never a plausible finite number.
///
/// Arithmetic is exact on rationals and falls back to `Double` on overflow, or as soon as a
/// `real` takes part. Operations whose exact result is not a finite number (division by zero)
/// return `nil`, and the graph then keeps the operation symbolic.
public enum Number: Hashable, Sendable {
    case rational(Int64, Int64)
    case real(Double)

    /// Structural equality, except that every NaN equals every other: folding can give a NaN
    /// (`1e308*10 - 1e308*10`), and the graph must intern it as one node like any number.
    public static func == (a: Number, b: Number) -> Bool {
        switch (a, b) {
        case (.rational(let p, let q), .rational(let r, let s)): return p == r && q == s
        case (.real(let x), .real(let y)): return x == y || x.isNaN && y.isNaN
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .rational(let p, let q):
            hasher.combine(p)
            hasher.combine(q)
        case .real(let x):
            hasher.combine(x.isNaN ? .nan : x)
        }
    }

    public static let zero = Number.rational(0, 1)
    public static let one = Number.rational(1, 1)
    public static let minusOne = Number.rational(-1, 1)

    /// The integer `value` as an exact rational.
    public init(_ value: Int64) { self = .rational(value, 1) }

    /// `value` as a rational when it is an integer of magnitude below 2^53, else as a real.
    ///
    /// Returns `nil` for non-finite values: the graph holds finite constants only.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 0x1p53 {
            self = .rational(Int64(value), 1)
        } else {
            self = .real(value)
        }
    }

    /// The reduced rational `numerator/denominator`, or `nil` when `denominator` is 0.
    public init?(numerator: Int64, denominator: Int64) {
        guard denominator != 0 else { return nil }
        if numerator == .min || denominator == .min {
            self.init(Double(numerator) / Double(denominator))
            return
        }
        let divisor = Number.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int64 = denominator < 0 ? -1 : 1
        self = .rational(sign * numerator / Int64(divisor), sign * denominator / Int64(divisor))
    }

    /// The nearest `Double`.
    public var doubleValue: Double {
        switch self {
        case .rational(let p, let q): return q == 1 ? Double(p) : Double(p) / Double(q)
        case .real(let x): return x
        }
    }

    public var isZero: Bool { self == .zero }
    public var isOne: Bool { self == .one }
    public var isNegative: Bool { doubleValue < 0 }

    /// The value as an integer, when it is one.
    public var integerValue: Int64? {
        if case .rational(let p, 1) = self { return p }
        return nil
    }

    public static func + (a: Number, b: Number) -> Number {
        if case .rational(let p, let q) = a, case .rational(let r, let s) = b {
            let (ps, o1) = p.multipliedReportingOverflow(by: s)
            let (rq, o2) = r.multipliedReportingOverflow(by: q)
            let (num, o3) = ps.addingReportingOverflow(rq)
            let (den, o4) = q.multipliedReportingOverflow(by: s)
            if !(o1 || o2 || o3 || o4), let exact = Number(numerator: num, denominator: den) {
                return exact
            }
        }
        let sum = a.doubleValue + b.doubleValue
        return Number(sum) ?? .real(sum)
    }

    public static func * (a: Number, b: Number) -> Number {
        if case .rational(let p, let q) = a, case .rational(let r, let s) = b {
            let (num, o1) = p.multipliedReportingOverflow(by: r)
            let (den, o2) = q.multipliedReportingOverflow(by: s)
            if !(o1 || o2), let exact = Number(numerator: num, denominator: den) {
                return exact
            }
        }
        let product = a.doubleValue * b.doubleValue
        return Number(product) ?? .real(product)
    }

    public static prefix func - (a: Number) -> Number { a * .minusOne }

    /// `self` raised to `exponent`, or `nil` when the result is not exact or not finite.
    ///
    /// Exact cases: a rational to an integer power (without overflow), and 0 or 1 to any power
    /// with the usual `pow` conventions (`0^0 = 1`). A real base is folded with `pow` unless
    /// the power or its reciprocal overflows or underflows to 0.
    public func raised(to exponent: Number) -> Number? {
        if exponent.isZero { return .one }
        if isOne { return .one }
        if isZero { return exponent.isNegative ? nil : .zero }
        if case .rational(let p, let q) = self, let n = exponent.integerValue {
            guard n.magnitude < 4096 else { return nil }
            var (num, den) = (Int64(1), Int64(1))
            for _ in 0..<n.magnitude {
                let (a, o1) = num.multipliedReportingOverflow(by: p)
                let (b, o2) = den.multipliedReportingOverflow(by: q)
                if o1 || o2 { return nil }
                (num, den) = (a, b)
            }
            return n > 0 ? Number(numerator: num, denominator: den) : Number(numerator: den, denominator: num)
        }
        if case .real(let x) = self, let n = exponent.integerValue {
            // Folded only when `x^n` and `x^-n` are both finite and nonzero, so that a power
            // folds exactly when its reciprocal does: `1/0.2^992` (how `0.2^-992`, which
            // overflows, prints) must not read back as `1/0` because `0.2^992` underflows.
            let up = Foundation.pow(x, Double(n.magnitude)), down = Foundation.pow(x, -Double(n.magnitude))
            guard up.isFinite, down.isFinite, up != 0, down != 0 else { return nil }
            return Number(n > 0 ? up : down)
        }
        return nil
    }

    /// The exact square root of a rational whose numerator and denominator are perfect squares.
    public var exactSquareRoot: Number? {
        guard case .rational(let p, let q) = self, p >= 0 else { return nil }
        func root(_ n: Int64) -> Int64? {
            let r = Int64(Double(n).squareRoot().rounded())
            return r.multipliedReportingOverflow(by: r) == (n, false) ? r : nil
        }
        guard let a = root(p), let b = root(q) else { return nil }
        return Number(numerator: a, denominator: b)
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}

extension Number: Comparable {
    public static func < (a: Number, b: Number) -> Bool { a.doubleValue < b.doubleValue }
}

extension Number: CustomStringConvertible {
    /// The formula spelling: `3`, `-1/3`, or the shortest round-trip decimal of a real.
    ///
    /// A real always prints with a `.` or an exponent, so it reads back as the same real.
    public var description: String {
        switch self {
        case .rational(let p, 1): return String(p)
        case .rational(let p, let q): return "\(p)/\(q)"
        case .real(let x) where !x.isFinite:
            // Formulas have no inf or nan literals; these texts fold to the same number, so
            // they read back as the same node (`1/0` would read back as a division by zero).
            return x.isNaN ? "(1e308*10 - 1e308*10)" : x > 0 ? "1e308*10" : "-1e308*10"
        case .real(let x):
            let text = "\(x)"
            return text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"
        }
    }
}
