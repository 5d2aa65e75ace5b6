// Running error analysis: a binary64 computation's value with a bound on its rounding error.
import SymDiff
import SymDiffAutodiff

#if arch(x86_64)
/// The wider type values are checked in: x87 extended precision (64-bit significand).
public typealias Wide = Float80
#else
/// The wider type values are checked in; without x87 extended precision, binary64 itself.
public typealias Wide = Double
#endif

/// A value computed in `Wide`, with a first-order bound on how far the same computation in
/// binary64 can be from it.
///
/// Each binary64 operation rounds once, by at most the unit roundoff `u = 2^-53` relative;
/// library functions are allowed 1 ulp (`2u`), integer powers 2 ulp (`4u`, they may be
/// products). Errors already present propagate through each operation by its local partial
/// derivatives, taken from this module's own dual-number rules (`Dual`). The result is the
/// classic running error bound of numerical analysis (Higham, *Accuracy and Stability of
/// Numerical Algorithms*, §3.3), to first order in `u`: what the verifier uses as the
/// tolerance for a binary64 value and to detect cancellation.
public struct RoundingBound: NestedDual {
    public typealias Base = RoundingBound

    /// The unit roundoff of binary64.
    public static let unitRoundoff: Wide = 0x1p-53

    /// The value, computed in `Wide`.
    public var value: Wide
    /// A bound on `|binary64 result - value|`.
    public var bound: Wide

    /// `value` with error bound `bound`.
    public init(value: Wide, bound: Wide) {
        self.value = value
        self.bound = bound
    }

    /// An exact binary64 input.
    public init(_ value: Double) { self.init(value: Wide(value), bound: 0) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    /// π as binary64 rounds it: off by `|Double.pi - π|`.
    public static var pi: RoundingBound { RoundingBound(value: .pi, bound: Swift.abs(Wide(Double.pi) - .pi)) }
    public var isZero: Bool { value == 0 && bound == 0 }

    public static func == (a: RoundingBound, b: RoundingBound) -> Bool { a.value == b.value }
    public static func < (a: RoundingBound, b: RoundingBound) -> Bool { a.value < b.value }

    /// `value` produced by one operation with rounding allowance `ulps` of `u`, from
    /// operand errors already propagated into `propagated`.
    private static func rounded(_ value: Wide, propagated: Wide, units: Wide = 1) -> RoundingBound {
        RoundingBound(value: value, bound: propagated + units * unitRoundoff * Swift.abs(value))
    }

    /// `|slope| * error`, or 0 when either is 0 (even if the other is infinite), as a zero
    /// tangent carries nothing in `Dual`.
    private static func carried(_ slope: Wide, _ error: Wide) -> Wide { error == 0 || slope == 0 ? 0 : Swift.abs(slope) * error }

    public static func + (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        rounded(a.value + b.value, propagated: a.bound + b.bound)
    }

    public static func - (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        rounded(a.value - b.value, propagated: a.bound + b.bound)
    }

    public static func * (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        rounded(a.value * b.value, propagated: carried(b.value, a.bound) + carried(a.value, b.bound))
    }

    public static func / (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        let q = a.value / b.value
        return rounded(q, propagated: carried(1 / b.value, a.bound) + carried(q / b.value, b.bound))
    }

    public static prefix func - (a: RoundingBound) -> RoundingBound { RoundingBound(value: -a.value, bound: a.bound) }

    /// A library function: its value in `Wide`, errors carried by its partial derivatives.
    public static func apply(_ f: Function, _ a: RoundingBound, _ b: RoundingBound) -> RoundingBound {
        let alongA = Dual<Wide>.apply(f, Dual(value: a.value, derivative: 1), Dual(value: b.value, derivative: 0))
        var propagated = carried(alongA.derivative, a.bound)
        if f.arity == 2 {
            let alongB = Dual<Wide>.apply(f, Dual(value: a.value, derivative: 0), Dual(value: b.value, derivative: 1))
            propagated += carried(alongB.derivative, b.bound)
        }
        return rounded(alongA.value, propagated: propagated, units: 2)
    }

    /// `∂(a^b)/∂b = a^b log|a|`, 0 where `a^b` is 0 (its limit as `a -> 0`).
    private static func exponentSlope(_ power: Wide, _ a: Wide) -> Wide { power == 0 ? 0 : power * Wide.log(Swift.abs(a)) }

    public static func power(_ a: RoundingBound, _ b: RoundingBound) -> RoundingBound {
        let v = Wide.pow(a.value, b.value)
        let propagated = carried(b.value * Wide.pow(a.value, b.value - 1), a.bound) + carried(exponentSlope(v, a.value), b.bound)
        return rounded(v, propagated: propagated, units: 2)
    }

    public static func power(_ a: RoundingBound, _ n: Int) -> RoundingBound {
        let v = Wide.pow(a.value, Wide(n))
        return rounded(v, propagated: carried(Wide(n) * Wide.pow(a.value, Wide(n - 1)), a.bound), units: 4)
    }

    public static func power(_ a: RoundingBound, constantExponent b: RoundingBound) -> RoundingBound {
        let v = Wide.pow(a.value, b.value)
        let propagated = carried(b.value * Wide.pow(a.value, b.value - 1), a.bound) + carried(exponentSlope(v, a.value), b.bound)
        return rounded(v, propagated: propagated, units: 2)
    }

    public static func seeded(_ value: RoundingBound, _ directions: ArraySlice<Bool>) -> RoundingBound { value }
    public var mixedPartial: RoundingBound { self }
}
