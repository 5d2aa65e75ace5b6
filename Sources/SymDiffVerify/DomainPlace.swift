// Where an operation's arguments sit: inside its domain, outside it, at a pole or at a kink.
import SymDiff
import SymDiffAutodiff

/// Where the arguments of one function or power sit, as far as derivatives care.
enum DomainPlace: Int, Equatable {
    /// Smooth there.
    case inside
    /// Outside the domain: `log(-1)`, `sqrt(-1)`, `asin(2)`, `(-8)^(1/3)`.
    case outside
    /// At a singularity of the value: `log(0)`, `1/0`, `atanh(1)`, `cot(0)`.
    case singular
    /// The value is finite but some derivative is not: `sqrt(0)`, `asin(1)`, `acosh(1)`, `0^1.5`.
    case derivativeSingular
    /// At a switch point where the function is continuous but not smooth: `abs(0)`, `relu(0)`,
    /// `min`/`max` at a tie, `hypot(0, 0)`.
    case kink
    /// At a jump: `sign(0)`, `heaviside(0)`, `atan2(0, 0)`.
    case jump

    /// The place of `f` at `a` (and `b` for the binary functions): one row per function.
    static func of(_ f: Function, _ a: Wide, _ b: Wide) -> DomainPlace {
        switch f {
        case .sin, .cos, .tan, .sec, .atan, .sinh, .cosh, .tanh, .asinh, .exp, .erf, .erfc, .sigmoid, .softplus:
            return .inside
        case .csc, .cot: return a == 0 ? .singular : .inside
        case .asin, .acos: return Swift.abs(a) > 1 ? .outside : Swift.abs(a) == 1 ? .derivativeSingular : .inside
        case .acosh: return a < 1 ? .outside : a == 1 ? .derivativeSingular : .inside
        case .atanh: return Swift.abs(a) > 1 ? .outside : Swift.abs(a) == 1 ? .singular : .inside
        case .log, .log10, .log2: return a < 0 ? .outside : a == 0 ? .singular : .inside
        case .sqrt: return a < 0 ? .outside : a == 0 ? .derivativeSingular : .inside
        case .cbrt: return a == 0 ? .derivativeSingular : .inside
        case .abs, .relu: return a == 0 ? .kink : .inside
        case .sign, .heaviside: return a == 0 ? .jump : .inside
        case .atan2: return a == 0 && b == 0 ? .jump : .inside
        case .hypot: return a == 0 && b == 0 ? .kink : .inside
        case .min, .max: return a == b ? .kink : .inside
        case .floor, .ceil: return a == a.rounded() ? .jump : .inside
        case .trunc: return a != 0 && a == a.rounded() ? .jump : .inside
        case .round: return a - a.rounded(.down) == 0.5 ? .jump : .inside
        case .mod, .fmod:
            guard b != 0 && !b.isNaN else { return .outside }
            let q = a / b
            return q == q.rounded() && (f == .mod || q != 0) ? .jump : .inside
        case .gamma, .digamma: return a <= 0 && a == a.rounded() ? .singular : .inside
        case .lgamma: return a <= 0 && a == a.rounded() ? .singular : .inside
        case .polygamma: return b <= 0 && b == b.rounded() ? .singular : .inside
        case .expm1, .sinpi, .cospi: return .inside
        case .erfinv: return Swift.abs(a) > 1 ? .outside : Swift.abs(a) == 1 ? .singular : .inside
        case .erfcinv: return a < 0 || a > 2 ? .outside : a == 0 || a == 2 ? .singular : .inside
        case .log1p: return a < -1 ? .outside : a == -1 ? .singular : .inside
        case .erfcx, .logNdtr, .ndtr, .geluTanh, .tanhshrink, .besselj, .besseli, .sphericalJn: return .inside
        case .bessely, .besselk: return b < 0 ? .outside : b == 0 ? .singular : .inside
        case .ive: return b == 0 ? .kink : .inside
        case .beta, .lbeta:
            let pole = { (x: Wide) in x <= 0 && x == x.rounded() }
            return pole(a) || pole(b) || pole(a + b) ? .singular : .inside
        case .lambertw: return a < -1 / Wide.exp(1) ? .outside : a == -1 / Wide.exp(1) ? .derivativeSingular : .inside
        // A comparison switches where its sides meet. Logic and `select` take conditions that
        // comparisons made, constant around the point; their own switch is at the comparison.
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return a == b ? .jump : .inside
        case .logicalAnd, .logicalOr, .logicalNot, .select: return .inside
        // Defined functions: a tape holds their definitions' primitives, never them.
        default: return .inside
        }
    }

    /// How a power's exponent was given.
    enum Exponent {
        /// An integer number in the formula.
        case integer
        /// No variables under it.
        case constant
        /// It depends on variables.
        case varying
    }

    /// The place of `base^exponent`.
    static func power(_ base: Wide, _ exponent: Wide, _ kind: Exponent) -> DomainPlace {
        let integral = kind == .integer || (kind == .constant && exponent == exponent.rounded())
        if base == 0 { return exponent < 0 ? .singular : integral ? .inside : .derivativeSingular }
        if base < 0 && !integral { return .outside }
        return .inside
    }

    /// A set of places, one bit each: cheap enough to fill at every point.
    struct Set {
        private var bits: UInt8 = 0

        mutating func insert(_ place: DomainPlace) { bits |= 1 << place.rawValue }
        func contains(_ place: DomainPlace) -> Bool { bits & (1 << place.rawValue) != 0 }
        /// Whether every operation is smooth there (`inside` is the only place).
        var isSmooth: Bool { bits & ~(1 << DomainPlace.inside.rawValue) == 0 }
    }
}
