// Double-double numbers: an unevaluated sum of two binary64 values, about 106 bits, and their arithmetic.

/// A real number held as `hi + lo`, two `Double`s with `|lo| <= ulp(hi) / 2` (about 106
/// significant bits, 32 digits), for recomputing values that lost digits in binary64.
///
/// Arithmetic follows Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic
/// building blocks of double-word arithmetic" (ACM TOMS 2017): `+` and `-` are within
/// `3 * 2^-106` relative and `*` within `4 * 2^-106`; `/` is the long division of Hida, Li
/// and Bailey's QD library, within about `2^-104`. All are built on the error-free
/// transformations TwoSum, Fast2Sum and TwoProd (with a fused multiply-add).
/// Values whose `lo` would be subnormal (below about `2^-969`) keep fewer bits.
///
/// Invariants: the pair is normalized (`hi` is `hi + lo` rounded to nearest), and a value
/// that is not finite has `lo == 0`. NaN, infinities, overflow and the sign of zero behave as
/// in `Double`. Comparisons are by value; the functions are in `DoubleDouble+Functions.swift`.
public struct DoubleDouble: AutodiffScalar, CustomStringConvertible {
    /// The leading word: the value rounded to binary64.
    public private(set) var hi: Double
    /// The trailing word: what `hi` leaves out, at most half an ulp of `hi`.
    public private(set) var lo: Double

    /// The pair as given; the caller guarantees the invariants.
    init(uncheckedHi hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// The value `hi + lo` of any two `Double`s, normalized.
    public init(hi: Double, lo: Double) { self = Self.twoSum(hi, lo) }

    /// `value` exactly.
    public init(_ value: Double) { self.init(uncheckedHi: value, lo: 0) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    /// The value rounded to binary64 once.
    public var doubleValue: Double { hi }
    public var isZero: Bool { hi == 0 }
    /// Whether the value is NaN.
    public var isNaN: Bool { hi.isNaN }
    /// Whether the value is neither infinite nor NaN.
    public var isFinite: Bool { hi.isFinite }
    public var description: String { lo == 0 ? "\(hi)" : "\(hi) + \(lo)" }

    /// Not a number.
    public static let nan = DoubleDouble(.nan)
    /// π/2 to 107 bits.
    static let halfPi = DoubleDouble(uncheckedHi: 1.5707963267948966, lo: 6.123233995736766e-17)
    /// π to 107 bits.
    public static let pi = DoubleDouble(uncheckedHi: 3.141592653589793, lo: 1.2246467991473532e-16)
    /// log 2 to 107 bits.
    static let ln2 = DoubleDouble(uncheckedHi: 0.6931471805599453, lo: 2.3190468138462996e-17)
    /// log 10 to 107 bits.
    static let ln10 = DoubleDouble(uncheckedHi: 2.302585092994046, lo: -2.1707562233822494e-16)

    // MARK: - Error-free transformations

    /// `a + b` exactly, as the rounded sum and its error (TwoSum, any order of magnitudes).
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        guard s.isFinite else { return DoubleDouble(s) }
        let bb = s - a
        return DoubleDouble(uncheckedHi: s, lo: (a - (s - bb)) + (b - bb))
    }

    /// `a + b` exactly when `|a| >= |b|` (or `a` is 0), as the rounded sum and its error (Fast2Sum).
    static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        guard s.isFinite else { return DoubleDouble(s) }
        return DoubleDouble(uncheckedHi: s, lo: b - (s - a))
    }

    /// `a * b` exactly (barring underflow), as the rounded product and its error (TwoProd by FMA).
    static func twoProd(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        guard p.isFinite else { return DoubleDouble(p) }
        return DoubleDouble(uncheckedHi: p, lo: (-p).addingProduct(a, b))
    }

    // MARK: - Arithmetic

    /// The sum (AccurateDWPlusDW: within `3 * 2^-106` relative).
    public static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let s = twoSum(x.hi, y.hi)
        guard s.hi.isFinite else { return s }
        let t = twoSum(x.lo, y.lo)
        let v = fastTwoSum(s.hi, s.lo + t.hi)
        let z = fastTwoSum(v.hi, t.lo + v.lo)
        // An exact zero takes its sign from the leading words, as in binary64 (-0 + -0 = -0).
        return z.hi == 0 ? DoubleDouble(s.hi) : z
    }

    public static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + -y }

    public static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(uncheckedHi: -x.hi, lo: -x.lo) }

    /// The product (DWTimesDW3: within `4 * 2^-106` relative).
    public static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let c = twoProd(x.hi, y.hi)
        guard c.hi.isFinite, c.hi != 0 else { return DoubleDouble(c.hi) }
        let cross = (x.lo * y.lo).addingProduct(x.hi, y.lo).addingProduct(x.lo, y.hi)
        return fastTwoSum(c.hi, c.lo + cross)
    }

    /// The product with a `Double` (DWTimesFP3: within `2 * 2^-106` relative).
    func times(_ y: Double) -> DoubleDouble {
        let c = Self.twoProd(hi, y)
        guard c.hi.isFinite, c.hi != 0 else { return DoubleDouble(c.hi) }
        return Self.fastTwoSum(c.hi, c.lo.addingProduct(lo, y))
    }

    /// The quotient, by long division: three binary64 quotient digits, each from the exact
    /// remainder of the ones before (within about `2^-104` relative).
    public static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let q1 = x.hi / y.hi
        guard q1.isFinite, q1 != 0, y.hi.isFinite else { return DoubleDouble(q1) }
        var r = x - y.times(q1)
        let q2 = r.hi / y.hi
        r = r - y.times(q2)
        let q3 = r.hi / y.hi
        return fastTwoSum(q1, q2) + DoubleDouble(q3)
    }

    /// The value times `2^k`, exact unless it overflows or leaves the normal range.
    func scaled(byPowerOfTwo k: Int) -> DoubleDouble {
        let h = Double(sign: .plus, exponent: k, significand: hi)
        return h.isFinite ? DoubleDouble(uncheckedHi: h, lo: Double(sign: .plus, exponent: k, significand: lo)) : DoubleDouble(h)
    }

    // MARK: - Comparison

    /// Equality of values; NaN equals nothing.
    public static func == (x: DoubleDouble, y: DoubleDouble) -> Bool { x.hi == y.hi && x.lo == y.lo }

    /// The order of values; false when either is NaN.
    public static func < (x: DoubleDouble, y: DoubleDouble) -> Bool { x.hi < y.hi || (x.hi == y.hi && x.lo < y.lo) }
}
