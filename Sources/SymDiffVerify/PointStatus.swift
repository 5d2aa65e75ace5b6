// What a value at one point is: a trustworthy number, or a point where no single number is right.
import SymDiff
import SymDiffIO
import SymDiffAutodiff

/// The status of one value (a function or a partial) at one point.
public enum PointStatus: String, Sendable, CaseIterable, Comparable {
    /// A well-defined value that both paths computed and that binary64 holds accurately.
    case ok
    /// At a kink or jump (`abs`, `relu`, `sign`, `heaviside`, `min`, `max` at the switch) where
    /// the one-sided partials differ; the value is PyTorch's convention.
    case nondifferentiable
    /// Outside the domain: `log` of a negative, `sqrt` of a negative, `asin(2)`.
    case undefined
    /// The value grows without bound there: `1/x` at 0, `log(0)`, `sqrt'(0)`.
    case pole
    /// 0/0 (or 0·∞) as written, with a finite limit: `sin(x)/x` at 0.
    case removable
    /// binary64 may lose more than half its digits here: the rounding-error bound exceeds
    /// `2^-26` of the value (or cannot be computed), and no wider format (extended precision,
    /// double-double) brought the bound within `2^-43` of it; the value carries its bound.
    case cancellation
    /// The value, or a step of its binary64 computation, is beyond binary64's range.
    case overflow
    /// Not checked: the check stopped at its time budget or point limit before this point.
    case unverified

    public static func < (a: PointStatus, b: PointStatus) -> Bool { a.code < b.code }

    /// The status's code in output files that hold only numbers (`.npz` `PYNAME_status` as uint8,
    /// `.npy` `NAME:status`), and its position among `allCases`, from most to least
    /// trustworthy. Fixed, so files of every version agree: a new status takes the next code.
    public var code: Int {
        switch self {
        case .ok: 0
        case .nondifferentiable: 1
        case .undefined: 2
        case .pole: 3
        case .removable: 4
        case .cancellation: 5
        case .overflow: 6
        case .unverified: 7
        }
    }
}

/// The one-sided partials at a nondifferentiable point, along one variable.
public struct OneSided: Sendable, Equatable {
    /// The variable the limits are taken along.
    public var variable: String
    /// `lim (g(p) - g(p - h e)) / h` as `h -> 0+`, where `g` is the partial without this
    /// variable (the function itself for a first partial).
    public var left: Double
    /// `lim (g(p + h e) - g(p)) / h` as `h -> 0+`.
    public var right: Double
}

/// The places of a formula's operations at one point, from its values in `Wide`.
struct PointEvents {
    var places = DomainPlace.Set()

    /// The steps of a tape that have places (functions and powers), without the sums and
    /// products: made once per tape, read at every point.
    struct Steps: Sendable {
        /// A function or power step, by the indices of its operands.
        enum Step: Sendable {
            case apply(Function, Int, Int?)
            case integerPower(base: Int, exponent: Int)
            case constantPower(base: Int, exponent: Int)
            case power(base: Int, exponent: Int)
        }

        /// Each function or power step with its index in the tape.
        let steps: [(index: Int, step: Step)]
        /// The tape, when it has a `select`: its branches not taken have no events.
        let selecting: Tape?

        init(_ tape: Tape) {
            steps = tape.steps.enumerated().compactMap { k, step in
                switch step {
                case .apply(let f, let a, let b): (k, .apply(f, a, b))
                case .integerPower(let base, let n): (k, .integerPower(base: base, exponent: n))
                case .constantPower(let base, let exponent): (k, .constantPower(base: base, exponent: exponent))
                case .power(let base, let exponent): (k, .power(base: base, exponent: exponent))
                case .number, .constant, .variable, .sum, .product: nil
                }
            }
            selecting = tape.selects ? tape : nil
        }
    }

    /// The places of every function and power of a tape (its `steps`) given its step values,
    /// leaving out the steps only a branch not taken reads.
    init(_ steps: Steps, values: [Wide]) {
        let live = steps.selecting?.liveSteps { values[$0] }
        for (index, step) in steps.steps where live?[index] ?? true {
            switch step {
            case .apply(let f, let a, let b): places.insert(.of(f, values[a], b.map { values[$0] } ?? .nan))
            case .integerPower(let base, let n): places.insert(.power(values[base], Wide(n), .integer))
            case .constantPower(let base, let exponent): places.insert(.power(values[base], values[exponent], .constant))
            case .power(let base, let exponent): places.insert(.power(values[base], values[exponent], .varying))
            }
        }
    }
}

/// Classifies values at a point from the formula's events and probes of nearby points.
///
/// `sample(q, directions)` is the partial along `directions` (indices of tape variables) at
/// the point `q`, computed by autodiff in `Wide`. The probes are numerical: one-sided
/// difference quotients and limits at steps `h`, `h/2`, `h/4`, `h/8` (`h = 2^-16 max(1, |x|)`)
/// combined by Richardson extrapolation, which must converge, compared with relative tolerance `2^-10`.
struct StatusProbe {
    let point: [Wide]
    let variables: [String]
    /// The tape variables the formula uses.
    let formulaVariables: [Int]
    let sample: ([Wide], [Int]) -> Wide

    static let relativeTolerance: Wide = 0x1p-10
    static let cancellationLimit: Wide = 0x1p-26

    /// The status of the partial along `directions` (a multiset of tape variables; empty for
    /// the function) whose autodiff value and bound are `autodiff`, whose binary64 symbolic
    /// value is `symbolic` with rounding bound `symbolicBound`; `stepOverflows` when a step of
    /// its binary64 computation is beyond binary64's range (`RoundingBound.overflows`).
    func status(
        _ directions: [Int], events: PointEvents, autodiff: Wide, symbolic: Double, symbolicBound: Wide,
        stepOverflows: Bool
    ) -> (PointStatus, OneSided?, limit: Double?) {
        if events.places.contains(.outside) || point.contains(where: \.isNaN) { return (.undefined, nil, nil) }
        if !autodiff.isFinite {
            if autodiff.isInfinite { return (.pole, nil, nil) }
            return limitStatus(directions)
        }
        if !directions.isEmpty && (events.places.contains(.kink) || events.places.contains(.jump)),
            let sides = oneSidedMismatch(directions, value: autodiff)
        {
            return (.nondifferentiable, sides, nil)
        }
        // 0/0 or 0·∞ as written (`x^y*log(x)` at x = 0), where the formula's own derivative is finite.
        if symbolic.isNaN && !stepOverflows { return (.removable, nil, Double(autodiff)) }
        if Swift.abs(autodiff) > Wide(Double.greatestFiniteMagnitude) || !symbolic.isFinite || stepOverflows {
            return (.overflow, nil, nil)
        }
        if !(symbolicBound <= Self.cancellationLimit * Swift.abs(autodiff)) { return (.cancellation, nil, nil) }
        return (.ok, nil, nil)
    }

    /// The limit as `h -> 0` of samples at `h`, `h/2`, `h/4`, `h/8`. The Richardson estimates
    /// (exact for samples quadratic in `h`) from the first three and from the last three must
    /// agree for a limit; `diverges` when they do not and the samples grow toward the point
    /// (`1/h`, `h^-1/2`, `log h`), or when one is infinite; `scale` is their magnitude.
    private func limit(_ samples: [Wide]) -> (value: Wide, diverges: Bool, scale: Wide) {
        func richardson(_ far: Wide, _ middle: Wide, _ near: Wide) -> Wide { (8 * near - 6 * middle + far) / 3 }
        let scale = samples.map { Swift.abs($0) }.max()!
        let first = richardson(samples[0], samples[1], samples[2])
        let second = richardson(samples[1], samples[2], samples[3])
        let converges = Swift.abs(first - second) <= Self.relativeTolerance * scale
        let magnitudes = samples.map { Swift.abs($0) }
        let grows = zip(magnitudes, magnitudes.dropFirst()).allSatisfy { $0 < $1 }
        let diverges = samples.contains(where: \.isInfinite) || !converges && grows
        let value = diverges ? (samples[3] < 0 ? -Wide.infinity : Wide.infinity) : converges ? second : .nan
        return (value, diverges, scale)
    }

    /// The step along variable `k`.
    private func step(_ k: Int) -> Wide { 0x1p-16 * Swift.max(1, Swift.abs(point[k])) }

    /// `point` moved by `h` along each of `directions`.
    private func moved(_ directions: [Int], by h: [Wide]) -> [Wide] {
        var q = point
        for (k, d) in zip(directions, h) { q[k] += d }
        return q
    }

    /// The one-sided partials along the first variable of `directions` whose left and right
    /// values differ, or agree with each other but not with `value`, the partial at the
    /// point by the operations' conventions (`xlogy`'s 0 at x = 0 where the function is
    /// smooth with partial log(y)); `nil` when both sides give `value` along every one.
    private func oneSidedMismatch(_ directions: [Int], value: Wide) -> OneSided? {
        for j in Set(directions).sorted() {
            var rest = directions
            rest.remove(at: rest.firstIndex(of: j)!)
            let h = step(j)
            let center = sample(point, rest)
            func quotient(_ side: Wide, _ h: Wide) -> Wide { side * (sample(moved([j], by: [side * h]), rest) - center) / h }
            let left = limit([1, 2, 4, 8].map { quotient(-1, h / $0) })
            let right = limit([1, 2, 4, 8].map { quotient(1, h / $0) })
            let scale = Swift.max(left.scale, right.scale)
            let tolerance = Self.relativeTolerance * Swift.max(scale, Swift.abs(value))
            if left.diverges || right.diverges || !(Swift.abs(left.value - right.value) <= tolerance)
                || !(Swift.abs(right.value - value) <= tolerance)
            {
                return OneSided(variable: variables[j], left: Double(left.value), right: Double(right.value))
            }
        }
        return nil
    }

    /// `removable` with the limit when every direction along which the partial is finite
    /// nearby gives the same limit from both sides; `pole` when it grows toward the point;
    /// else `undefined`.
    private func limitStatus(_ directions: [Int]) -> (PointStatus, OneSided?, limit: Double?) {
        var limits: [Wide] = []
        var scale: Wide = 0
        var grows = false
        let paths = formulaVariables.map { [$0] } + (formulaVariables.count > 1 ? [formulaVariables] : [])
        for path in paths {
            for side: Wide in [-1, 1] {
                let estimate = limit([1, 2, 4, 8].map { (shrink: Wide) in
                    sample(moved(path, by: path.map { side * step($0) / shrink }), directions)
                })
                grows = grows || estimate.diverges
                if estimate.value.isFinite {
                    limits.append(estimate.value)
                    scale = Swift.max(scale, estimate.scale)
                }
            }
        }
        if grows { return (.pole, nil, nil) }
        guard let first = limits.first else { return (.undefined, nil, nil) }
        if limits.allSatisfy({ Swift.abs($0 - first) <= Self.relativeTolerance * scale }) {
            return (.removable, nil, Double(limits.reduce(0, +) / Wide(limits.count)))
        }
        return (.undefined, nil, nil)
    }
}
