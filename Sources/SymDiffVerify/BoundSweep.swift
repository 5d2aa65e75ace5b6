// The running error bound of binary64 evaluation over a block of points, computed in binary64.
import CVectorMath
import SymDiff
import SymDiffAutodiff

/// The first-order running error bound of a tape's binary64 evaluation, computed in binary64
/// from the binary64 values themselves (Higham, *Accuracy and Stability of Numerical
/// Algorithms*, §3.3), one step at a time over a block of points: the fast screen of `--verify`.
///
/// Its rules are `RoundingBound`'s: each rounded operation adds `u |value|` (library functions
/// `2u`, integer powers `4u`; `u` from `Model`), an operation on exact operands whose result is
/// exact adds nothing (checked with an error-free transformation: `TwoSum`, `fma`), and errors
/// already present are carried by the operation's local partials, taken from `Dual`'s rules.
/// The differences are of second order: `u |value|` at the binary64 value rather than the
/// exact one, slopes at binary64 operands. A lane whose computation is not ordinary, where
/// `RoundingBound` would need more than the slope (a non-finite value or bound on the way, an
/// operand's bound over `2^-20` of it at a function or power), is `unusual`: the verifier then
/// checks that point with `RoundingBound` in extended precision.
struct BoundSweep<Model: RoundingModel> {
    let tape: Tape
    /// The value and bound of each step with no variable under it, computed once.
    private let constants: [(value: Double, bound: Double)?]
    /// The rounding of each step, in units of `u`: 2 for a library function, 0 for one that
    /// selects or negates (`abs`, `relu`, ...).
    private let units: [Double]
    /// Whether the tape has a `select` (`Tape.liveSteps` then decides which steps count).
    private let selects: Bool
    private var lanes = 0
    /// The value and bound of step `k` at lane `l` at `k * lanes + l`.
    private let storage = Storage()
    /// Whether each lane's computation left the ordinary, by lane.
    private(set) var unusual: [Bool] = []

    /// The values and bounds of every step at every lane, in memory that stays put while a
    /// sweep writes it; one per sweep (each thread makes its own).
    private final class Storage {
        private(set) var values = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        private(set) var bounds = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        private var capacity = 0

        /// Makes room for `count` values and bounds.
        func reserve(_ count: Int) {
            guard count > capacity else { return }
            values.deallocate()
            bounds.deallocate()
            values = .allocate(capacity: count)
            bounds = .allocate(capacity: count)
            capacity = count
        }

        deinit {
            values.deallocate()
            bounds.deallocate()
        }
    }

    private static var unit: Double { Double(Model.operationUnit) }

    init(_ tape: Tape) {
        self.tape = tape
        var constants: [(value: Double, bound: Double)?] = []
        var isConstant: [Bool] = []
        let exact: [RoundingBound<Model>] = tape.values(at: tape.variables.map { _ in RoundingBound(input: .nan) })
        for (k, step) in tape.steps.enumerated() {
            let constant: Bool
            if case .variable = step { constant = false } else { constant = tape.operands(of: step).allSatisfy { isConstant[$0] } }
            isConstant.append(constant)
            constants.append(constant ? (Double(exact[k].value), Double(exact[k].bound)) : nil)
        }
        self.constants = constants
        selects = tape.selects
        units = tape.steps.map { step in
            if case .apply(let f, _, _) = step { return RoundingBound<Model>.isExact(f) ? 0 : 2 }
            return 2
        }
    }

    /// The value and bound of root `root` at lane `lane` after the last `evaluate`.
    func root(_ root: Int, lane: Int) -> (value: Double, bound: Double) {
        let k = tape.roots[root] * lanes + lane
        return (storage.values[k], storage.bounds[k])
    }

    /// Evaluates every step at `count` points whose inputs are `inputs[variable][lane]`.
    mutating func evaluate(_ inputs: [[Double]], count: Int) {
        lanes = count
        storage.reserve(tape.steps.count * count)
        unusual = Array(repeating: false, count: count)
        let (values, bounds) = (storage.values, storage.bounds)
        for (k, step) in tape.steps.enumerated() {
            let (v, b) = (values + k * count, bounds + k * count)
            switch (constants[k], step) {
            case (let constant?, _):
                v.update(repeating: constant.value, count: count)
                b.update(repeating: constant.bound, count: count)
            case (nil, .sum(let terms)):
                Self.row(symdiff_bound_sum, terms.map { (values + $0 * count, bounds + $0 * count) }, into: (v, b), count: count)
            case (nil, .product(let factors)):
                Self.row(symdiff_bound_product, factors.map { (values + $0 * count, bounds + $0 * count) }, into: (v, b), count: count)
            case (nil, .apply(let f, let a, nil)) where Self.hasRowSlope(f):
                functionRow(f, k, argument: (values + a * count, bounds + a * count), into: (v, b), count: count)
            case (nil, .apply(.select, let c, let a?)):
                // The branch picked, exactly, whatever the other computed.
                for lane in 0..<count {
                    let picked = values[c * count + lane] != 0
                    (v[lane], b[lane]) = picked ? (values[a * count + lane], bounds[a * count + lane]) : (-0.0, 0)
                }
            default:
                for lane in 0..<count { (v[lane], b[lane]) = evaluate(k, step, lane, inputs) }
            }
            if !selects {
                for lane in 0..<count where !(v[lane].isFinite && b[lane].isFinite) { unusual[lane] = true }
            }
        }
        guard selects else { return }
        // What only a branch not taken computed may be anything: only the live steps count.
        for lane in 0..<count {
            let live = tape.liveSteps { values[$0 * count + lane] }
            unusual[lane] = tape.steps.indices.contains { k in
                live[k] && !(values[k * count + lane].isFinite && bounds[k * count + lane].isFinite)
            }
        }
    }

    /// A sum or product of rows by `operation` (`symdiff_bound_sum` or `symdiff_bound_product`),
    /// left to right: each operation rounds unless exact (`TwoSum` or `fma` error 0).
    private static func row(
        _ operation: (UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, Double, Int) -> Void,
        _ operands: [(UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)],
        into out: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>), count: Int
    ) {
        out.0.update(from: operands[0].0, count: count)
        out.1.update(from: operands[0].1, count: count)
        for (x, e) in operands.dropFirst() { operation(out.0, out.1, x, e, unit, count) }
    }

    /// Whether `functionRow` computes `f`: functions whose slope follows from the argument and
    /// the value (`sin` and `cos` from both of one `sinCos`).
    private static func hasRowSlope(_ f: Function) -> Bool {
        [.exp, .expm1, .log, .log1p, .sqrt, .sin, .cos].contains(f)
    }

    /// A one-argument function's row: the values by the evaluator's vector routines, the slope
    /// by `Dual`'s rule from them, lane by lane the bound (or the flag of an unusual operand).
    private mutating func functionRow(
        _ f: Function, _ k: Int, argument: (values: UnsafeMutablePointer<Double>, bounds: UnsafeMutablePointer<Double>),
        into out: (values: UnsafeMutablePointer<Double>, bounds: UnsafeMutablePointer<Double>), count: Int
    ) {
        let (a, slopes) = (argument.values, out.bounds)
        switch f {
        case .sin: Double.sinCos(a, out.values, slopes, count: count)
        case .cos:
            Double.sinCos(a, slopes, out.values, count: count)
            for lane in 0..<count { slopes[lane] = -slopes[lane] }
        default:
            Double.apply(f, a, nil, out.values, count: count)
            for lane in 0..<count {
                let (x, y) = (a[lane], out.values[lane])
                switch f {
                case .exp: slopes[lane] = y
                case .expm1: slopes[lane] = y + 1
                case .log: slopes[lane] = 1 / x
                case .log1p: slopes[lane] = 1 / (1 + x)
                default: slopes[lane] = 1 / (2 * y)
                }
            }
        }
        for lane in 0..<count {
            guard ordinary(a[lane], argument.bounds[lane]) else {
                (out.values[lane], out.bounds[lane]) = flag(lane)
                continue
            }
            out.bounds[lane] = Self.carried(slopes[lane], argument.bounds[lane]) + units[k] * Self.roundingError(out.values[lane])
        }
    }

    /// One step's value and bound at one lane.
    private mutating func evaluate(_ k: Int, _ step: Tape.Step, _ lane: Int, _ inputs: [[Double]]) -> (Double, Double) {
        func at(_ j: Int) -> (Double, Double) { (storage.values[j * lanes + lane], storage.bounds[j * lanes + lane]) }
        switch step {
        case .variable(let k): return (k >= 0 ? inputs[k][lane] : .nan, 0)
        case .integerPower(let base, let n):
            let (a, e) = at(base)
            guard ordinary(a, e) else { return flag(lane) }
            let wide = Wide.power(Wide(a), n)
            let v = Double(wide)
            let reciprocal = n < 0 && n >= -Int(Compiler.maxMultiplyPower)
            if reciprocal && !Double(Wide.power(Wide(a), -n)).isFinite { return flag(lane) }
            let propagated = Self.carried(Double(n) * Double(Wide.power(Wide(a), n - 1)), e)
            if propagated == 0 && Wide(v) == wide { return (v, 0) }
            return (v, propagated + 4 * Self.roundingError(v))
        case .constantPower(let base, let exponent), .power(let base, let exponent):
            let ((a, e), (c, f)) = (at(base), at(exponent))
            guard ordinary(a, e) && ordinary(c, f) else { return flag(lane) }
            let v = Double.power(a, c)
            let exponentSlope = v == 0 ? 0 : v * Double.log(Swift.abs(a))
            let propagated = Self.carried(c * Double.power(a, c - 1), e) + Self.carried(exponentSlope, f)
            return (v, propagated + 2 * Self.roundingError(v))
        case .apply(let function, let first, let second):
            let (a, e) = at(first)
            let (c, f) = second.map(at) ?? (.nan, 0)
            guard ordinary(a, e) && (second == nil || ordinary(c, f)) else { return flag(lane) }
            let alongA = Dual<Double>.apply(function, Dual(value: a, derivative: 1), Dual(value: c, derivative: 0))
            var propagated = Self.carried(alongA.derivative, e)
            if second != nil {
                propagated += Self.carried(Dual<Double>.apply(function, Dual(value: a, derivative: 0), Dual(value: c, derivative: 1)).derivative, f)
            }
            return (alongA.value, propagated + units[k] * Self.roundingError(alongA.value))
        case .number, .constant, .sum, .product:
            preconditionFailure("constants, sums and products are computed a row at a time")
        }
    }

    /// Whether an operand of a function or power is ordinary: finite, with a bound narrow
    /// enough (at most `2^-20` of it) for the slope to speak for its whole interval.
    private func ordinary(_ value: Double, _ bound: Double) -> Bool {
        value.isFinite && bound <= 0x1p-20 * Swift.abs(value)
    }

    /// Marks `lane` unusual; its step's value and bound are NaN.
    private mutating func flag(_ lane: Int) -> (Double, Double) {
        unusual[lane] = true
        return (.nan, .nan)
    }

    /// A rounded operation's bound: 0 when the operands were exact and so is the result.
    private static func rounded(_ value: Double, propagated: Double, exact: Bool) -> Double {
        propagated == 0 && exact ? 0 : propagated + roundingError(value)
    }

    /// One rounding of `value`: `u |value|`, and below the normal range also the smallest
    /// subnormal (`RoundingBound.underflow`'s half of it, rounded up to a binary64 number; a
    /// binary64 0 there may be an underflow, so it counts too).
    private static func roundingError(_ value: Double) -> Double {
        unit * Swift.abs(value) + (unit > 0 && Swift.abs(value) < Double.leastNormalMagnitude ? Double.leastNonzeroMagnitude : 0)
    }

    /// `|slope| * error`, 0 when the error is 0 (even through an infinite slope); infinite when
    /// the error is not finite or the slope is NaN: `RoundingBound`'s rule.
    private static func carried(_ slope: Double, _ error: Double) -> Double {
        if error == 0 { return 0 }
        if !(error < .infinity) || slope.isNaN { return .infinity }
        return slope == 0 ? 0 : Swift.abs(slope) * error
    }
}
