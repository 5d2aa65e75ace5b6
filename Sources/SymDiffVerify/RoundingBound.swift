// Running error analysis: a binary64 computation's value with a bound on its rounding error.
import SymDiff
import SymDiffAutodiff

/// The functions whose binary64 result is exact: they select or negate, never round.
private let exactFunctions: Set<Function> = [
    .abs, .sign, .relu, .heaviside, .min, .max, .floor, .ceil, .round, .trunc, .fmod, .less, .lessEqual, .greater, .greaterEqual,
    .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot, .select,
]

/// What rounds in a computation whose error a `RoundingBound` tracks.
public protocol RoundingModel: Sendable {
    /// The relative error of each operation: `2^-53` for binary64 arithmetic.
    static var operationUnit: Wide { get }
    /// The relative error of each number in the expression.
    static var numberUnit: Wide { get }
    /// The absolute error a rounded result below binary64's normal range can have on top of
    /// its relative one: half the smallest subnormal, or 0 where underflow is not counted.
    static var underflowUnit: Wide { get }
}

/// Binary64 arithmetic on exact numbers: every operation rounds, and underflows.
public enum BinaryArithmetic: RoundingModel {
    public static let operationUnit: Wide = 0x1p-53
    public static let numberUnit: Wide = 0
    public static let underflowUnit: Wide = 0x1p-1075
}

/// Binary64's relative rounding without its underflow: the part of a bound that scales to a
/// wider format, whose range holds the tiny intermediates binary64 underflows
/// (`1/cosh(320)^3`), as adaptive precision computes its bounds.
public enum RelativeArithmetic: RoundingModel {
    public static let operationUnit: Wide = 0x1p-53
    public static let numberUnit: Wide = 0
    public static let underflowUnit: Wide = 0
}

/// Exact arithmetic on numbers that were rounded to binary64 once, as the symbolic engine
/// rounds when it folds decimal literals (`1 - 0.1` to `0.9`): an error that evaluating in a
/// wider precision does not shrink.
public enum RoundedNumbers: RoundingModel {
    public static let operationUnit: Wide = 0
    public static let numberUnit: Wide = 0x1p-53
    public static let underflowUnit: Wide = 0
}

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
///
/// `Model` says what rounds: the operations (`BinaryArithmetic`) or the numbers (`RoundedNumbers`).
public struct RoundingBound<Model: RoundingModel>: NestedDual {
    public typealias Base = RoundingBound

    /// The relative error of one rounded operation.
    static var unitRoundoff: Wide { Model.operationUnit }

    /// The value, computed in `Wide`.
    public var value: Wide
    /// A bound on `|binary64 result - value|`.
    public var bound: Wide
    /// Whether a step of the binary64 computation leaves binary64's range on the way to this
    /// value: a result finite in `Wide` but beyond the largest double, so infinite in binary64.
    /// `bound` cannot show that once the value is back in range: binary64 computes
    /// `1/(exp(x) - 1)^3` at `x = 240` as `1/inf = 0`.
    public var overflows: Bool

    /// `value` with error bound `bound`.
    public init(value: Wide, bound: Wide, overflows: Bool = false) {
        self.value = value
        self.bound = bound
        self.overflows = overflows
    }

    /// A number of the expression, rounded as the model says, unless it is short: a multiple
    /// of `2^-10` of at most `2^32` (`3`, `1.5`, `2.625`, `-65536`). Folding short binary
    /// fractions is exact, and they use at most 43 of binary64's 53 bits, so only a coincidence
    /// rounds a fold to one. Every binary64 number from `2^42` up is a multiple of `2^-10`, so
    /// a large one counts as rounded like any other: `9220000000205763226*3` folds to the
    /// binary64 `2.766000000061729e19`, 2098 above the product.
    public init(_ value: Double) {
        let scaled = value * 0x1p10
        let short = scaled.rounded() == scaled && Swift.abs(value) <= 0x1p32
        self.init(value: Wide(value), bound: short ? 0 : Model.numberUnit * Swift.abs(Wide(value)))
    }

    /// An exact input.
    public init(input value: Double) { self.init(value: Wide(value), bound: 0) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    /// π as the model rounds it: off by `|Double.pi - π|` if operations or numbers round.
    public static var pi: RoundingBound {
        let rounds = Model.operationUnit > 0 || Model.numberUnit > 0
        return RoundingBound(value: .pi, bound: rounds ? Swift.abs(Wide(Double.pi) - .pi) : 0)
    }
    public var isZero: Bool { value == 0 && bound == 0 }

    public static func == (a: RoundingBound, b: RoundingBound) -> Bool { a.value == b.value }
    public static func < (a: RoundingBound, b: RoundingBound) -> Bool { a.value < b.value }

    /// `value` produced by one operation with rounding allowance `ulps` of `u`, from
    /// operand errors already propagated into `propagated`.
    private static func rounded(_ value: Wide, propagated: Wide, units: Wide = 1) -> RoundingBound {
        RoundingBound(value: value, bound: propagated + units * (unitRoundoff * Swift.abs(value) + underflow(value)))
    }

    /// The absolute error a rounded binary64 result below the normal range can have on top of
    /// its relative one, `Model.underflowUnit` (the model `fl(x) = x (1 + d) + e` of Higham
    /// §2.1). `x^-730` at 2.75 is `-1.41188e-318` in binary64, `-1.412086e-318` in fact: 41
    /// units of the smallest subnormal. Nothing for an exact 0.
    static func underflow(_ value: Wide) -> Wide {
        value != 0 && Swift.abs(value) < Wide(Double.leastNormalMagnitude) ? Model.underflowUnit : 0
    }

    /// `|slope| * error`: 0 when the error is 0 (even through an infinite slope, as a zero
    /// tangent carries nothing in `Dual`) or the slope is 0 and the error finite; infinite
    /// (nothing known) when the error is infinite or NaN, or the slope NaN.
    private static func carried(_ slope: Wide, _ error: Wide) -> Wide {
        if error == 0 { return 0 }
        if !(error < .infinity) || slope.isNaN { return .infinity }
        return slope == 0 ? 0 : Swift.abs(slope) * error
    }

    /// The result of a correctly rounded operation (`+ - * /`): exact when the operands are
    /// and the result is a binary64 number (the wide result is then within `2^-64` of a
    /// double, so binary64 rounds the exact result to that same double), else rounded.
    private static func arithmetic(_ value: Wide, propagated: Wide) -> RoundingBound {
        if propagated == 0 && Wide(Double(value)) == value { return RoundingBound(value: value, bound: 0) }
        return rounded(value, propagated: propagated)
    }

    /// `result` of a step, overflowing when an operand did (`operandOverflows`) or when `via`
    /// (the value binary64 computes on the way, `result.value` by default) is finite but
    /// beyond binary64's range.
    private static func step(_ result: RoundingBound, _ operandOverflows: Bool, via: Wide? = nil) -> RoundingBound {
        var result = result
        let computed = Swift.abs(via ?? result.value)
        result.overflows = operandOverflows || computed.isFinite && computed >= roundsToInfinity
        return result
    }

    /// The smallest magnitude binary64 rounds to infinity: halfway from the largest double
    /// to `2^1024`, a tie that goes to the even `2^1024`.
    private static var roundsToInfinity: Wide { 0x1p1024 - 0x1p970 }

    public static func + (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        step(arithmetic(a.value + b.value, propagated: a.bound + b.bound), a.overflows || b.overflows)
    }

    public static func - (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        step(arithmetic(a.value - b.value, propagated: a.bound + b.bound), a.overflows || b.overflows)
    }

    public static func * (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        let propagated = carried(b.value, a.bound) + carried(a.value, b.bound)
        return step(arithmetic(a.value * b.value, propagated: propagated), a.overflows || b.overflows)
    }

    public static func / (a: RoundingBound, b: RoundingBound) -> RoundingBound {
        let q = a.value / b.value
        let propagated = carried(1 / b.value, a.bound) + carried(q / b.value, b.bound)
        return step(arithmetic(q, propagated: propagated), a.overflows || b.overflows)
    }

    public static prefix func - (a: RoundingBound) -> RoundingBound {
        RoundingBound(value: -a.value, bound: a.bound, overflows: a.overflows)
    }

    /// A library function: its value in `Wide`, errors carried by its partial derivatives.
    public static func apply(_ f: Function, _ a: RoundingBound, _ b: RoundingBound) -> RoundingBound {
        // The branch picked, exactly, whatever the other computed; should the condition itself be
        // uncertain, the other pick (-0) is within the bound.
        if f == .select {
            let picked = a.value != 0 ? b : RoundingBound(value: -0.0, bound: 0)
            return a.bound == 0 ? picked : RoundingBound(value: picked.value, bound: picked.bound + Swift.abs(b.value) + b.bound)
        }
        let alongA = Dual<Wide>.apply(f, Dual(value: a.value, derivative: 1), Dual(value: b.value, derivative: 0))
        var propagated = carried(alongA.derivative, a.bound)
        if f.arity == 2 {
            let alongB = Dual<Wide>.apply(f, Dual(value: a.value, derivative: 0), Dual(value: b.value, derivative: 1))
            propagated += carried(alongB.derivative, b.bound)
        }
        propagated = Swift.max(
            propagated,
            secant({ Wide.apply(f, $0, b.value) }, a, at: alongA.value)
                + (f.arity == 2 ? secant({ Wide.apply(f, a.value, $0) }, b, at: alongA.value) : 0))
        let result = rounded(alongA.value, propagated: propagated, units: exactFunctions.contains(f) ? 0 : 2)
        return step(result, a.overflows || f.arity == 2 && b.overflows)
    }

    /// The largest change of `g` when its argument moves by its whole bound, once that bound
    /// is too wide (over `2^-20` relative) for the slope at one end to speak for the interval:
    /// a kink or jump inside it (`relu`, `sign`, `atan2`'s cut), a pole, a saturating function
    /// crossing over (`erfc(±huge)`). Infinite when `g` leaves its domain there.
    private static func secant(_ g: (Wide) -> Wide, _ a: RoundingBound, at center: Wide) -> Wide {
        guard a.bound > 0x1p-20 * Swift.abs(a.value) else { return 0 }
        let change = Swift.max(Swift.abs(g(a.value + a.bound) - center), Swift.abs(g(a.value - a.bound) - center))
        return change.isNaN ? .infinity : change
    }

    /// `∂(a^b)/∂b = a^b log|a|`, 0 where `a^b` is 0 (its limit as `a -> 0`).
    private static func exponentSlope(_ power: Wide, _ a: Wide) -> Wide { power == 0 ? 0 : power * Wide.log(Swift.abs(a)) }

    public static func power(_ a: RoundingBound, _ b: RoundingBound) -> RoundingBound {
        let v = Wide.pow(a.value, b.value)
        let linear = carried(b.value * Wide.pow(a.value, b.value - 1), a.bound) + carried(exponentSlope(v, a.value), b.bound)
        let wide = secant({ Wide.pow($0, b.value) }, a, at: v) + secant({ Wide.pow(a.value, $0) }, b, at: v)
        return step(rounded(v, propagated: Swift.max(linear, wide), units: 2), a.overflows || b.overflows)
    }

    /// `a^n`; binary64 computes `a^-n` for small `n` as `1/a^n` (`Compiler`), which overflows
    /// when `a^n` does.
    public static func power(_ a: RoundingBound, _ n: Int) -> RoundingBound {
        let v = Wide.power(a.value, n)
        let linear = carried(Wide(n) * Wide.power(a.value, n - 1), a.bound)
        let propagated = Swift.max(linear, secant({ Wide.power($0, n) }, a, at: v))
        let reciprocal = n < 0 && n >= -Int(Compiler.maxMultiplyPower)
        let computed = reciprocal ? Wide.power(a.value, -n) : v
        // Exact when the operand is and the power is a binary64 number, as for `*`.
        if propagated == 0 && Wide(Double(v)) == v { return step(RoundingBound(value: v, bound: 0), a.overflows, via: computed) }
        return step(rounded(v, propagated: propagated, units: 4), a.overflows, via: computed)
    }

    public static func power(_ a: RoundingBound, constantExponent b: RoundingBound) -> RoundingBound {
        let v = Wide.pow(a.value, b.value)
        let linear = carried(b.value * Wide.pow(a.value, b.value - 1), a.bound) + carried(exponentSlope(v, a.value), b.bound)
        let wide = secant({ Wide.pow($0, b.value) }, a, at: v) + secant({ Wide.pow(a.value, $0) }, b, at: v)
        return step(rounded(v, propagated: Swift.max(linear, wide), units: 2), a.overflows || b.overflows)
    }

    /// Whether binary64 computes `f` exactly: it selects or negates, never rounds.
    static func isExact(_ f: Function) -> Bool { exactFunctions.contains(f) }

    public static func seeded(_ value: RoundingBound, _ directions: ArraySlice<Bool>) -> RoundingBound { value }
    public var mixedPartial: RoundingBound { self }
}
