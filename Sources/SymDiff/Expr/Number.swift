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

    /// `value` as a rational when it is an integer of magnitude below 2^53 or its shortest
    /// decimal spelling is one (`0.1` is 1/10, as the literal `0.1` is), else as a real.
    ///
    /// So every real's spelling reads back as a binary64 literal, the same real. Returns `nil`
    /// for non-finite values: the graph holds finite constants only.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 0x1p53 {
            self = .rational(Int64(value), 1)
        } else if let exact = Number(exactDecimal: "\(value)") {
            self = exact
        } else {
            self = .real(value)
        }
    }

    /// The decimal `text` (`[-] digits [. digits] [e [+-] digits]`) as an exact rational
    /// `m * 10^k`, when its digits fit `Int64` and `|k| <= 18`: `0.1` is 1/10, `2.5e-3` is
    /// 1/400. `nil` otherwise, and for any other text.
    public init?(exactDecimal text: String) {
        if text.hasPrefix("-") {
            guard let magnitude = Number(exactDecimal: String(text.dropFirst())) else { return nil }
            self = -magnitude
            return
        }
        let bytes = Array(text.utf8)
        var mantissa: Int64 = 0
        var fractionDigits = 0
        var i = 0
        var afterPoint = false
        var digits = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") {
            if bytes[i] == UInt8(ascii: ".") && !afterPoint {
                afterPoint = true
            } else {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
                if o1 || o2 { return nil }
                mantissa = sum
                digits += 1
                if afterPoint { fractionDigits += 1 }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < bytes.count {
            var sign = 1
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
            }
            guard i < bytes.count, bytes.count - i <= 4 else { return nil }
            for byte in bytes[i...] {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                exponent = exponent * 10 + Int(digit)
            }
            exponent *= sign
        }
        let scale = exponent - fractionDigits
        guard abs(scale) <= 18 else { return nil }
        let power = (0..<abs(scale)).reduce(Int64(1)) { p, _ in p * 10 }
        if scale >= 0 {
            let (value, overflow) = mantissa.multipliedReportingOverflow(by: power)
            if overflow { return nil }
            self = .rational(value, 1)
        } else {
            self.init(numerator: mantissa, denominator: power)
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
        case .rational(let p, let q): return Number.decimalText(p, q) ?? "\(p)/\(q)"
        case .real(let x) where !x.isFinite:
            // Formulas have no inf or nan literals; these texts fold to the same number, so
            // they read back as the same node (`1/0` would read back as a division by zero).
            return x.isNaN ? "(1e308*10 - 1e308*10)" : x > 0 ? "1e308*10" : "-1e308*10"
        case .real(let x):
            let text = "\(x)"
            return text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"
        }
    }

    /// The number in a form that names its exact value: `p` or `p/q` for a rational, the
    /// shortest round-trip decimal for a binary64 real (for tools reading `--format graph`).
    public var exactDescription: String {
        if case .rational(let p, let q) = self { return q == 1 ? String(p) : "\(p)/\(q)" }
        return description
    }

    /// `p/q` as a terminating decimal (`0.1`, `0.15`, `-1.25e-5`) when `q` is a multiple of 5
    /// with no prime factors but 2 and 5, as decimal literals give (`1/2` and `7/4` stay
    /// fractions), and the decimal has at most 17 digits after the point; reading it back
    /// gives the same rational.
    public static func decimalText(_ p: Int64, _ q: Int64) -> String? {
        guard q > 1, q % 5 == 0 else { return nil }
        var (twos, fives, rest) = (0, 0, q)
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        let digits = max(twos, fives)
        guard rest == 1, digits <= 17 else { return nil }
        // p/q = p * (10^digits / q) / 10^digits
        let (scaled, overflow) = p.multipliedReportingOverflow(by: (0..<digits).reduce(Int64(1)) { r, _ in r * 10 } / q)
        guard !overflow else { return nil }
        let magnitude = String(scaled.magnitude)
        let padded = String(repeating: "0", count: max(0, digits + 1 - magnitude.count)) + magnitude
        let point = padded.index(padded.endIndex, offsetBy: -digits)
        let plain = String(padded[..<point]) + "." + String(padded[point...])
        // Scientific when shorter: the significant digits, then the power of ten.
        let significant = Array(String(magnitude.reversed().drop { $0 == "0" }.reversed()))
        let exponent = magnitude.count - digits - 1
        let mantissa = significant.count > 1 ? "\(significant[0]).\(String(significant.dropFirst()))" : "\(significant[0])"
        let scientific = mantissa + "e\(exponent)"
        return (scaled < 0 ? "-" : "") + (scientific.count < plain.count ? scientific : plain)
    }
}
