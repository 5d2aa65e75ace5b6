// One formula's share of a verification: its tapes, and the check of all its values at a point.
import SymDiff
import SymDiffIO
import SymDiffAutodiff

/// The programs for one formula: the original function on jets (autodiff, events, probes and
/// finite differences) and its symbolic partials as a tape (their rounding bounds).
///
/// A class, so that the workers' per-point calls share it instead of copying (and
/// reference-counting) its arrays at every point.
final class FormulaPlan: Sendable {
    /// The function as written (`Derivatives.Result.original`) on jets, seeded with every
    /// variable some partial is taken by.
    let jets: JetProgram
    /// The function, then each partial, as symbolic expressions.
    let symbolic: Tape
    /// Each partial's variables as indices into the points' names (-1: not among them).
    let directions: [[Int]]
    /// The jet monomial of each partial; `nil` where it is 0 whatever the point (a variable the
    /// points do not have, so the formula cannot depend on it).
    let monomials: [Int?]
    /// The tape variables the formula uses.
    let formulaVariables: [Int]
    /// The function and power steps of the jets' tape, whose places each point's events are.
    let eventSteps: PointEvents.Steps
    let names: [String]
    /// The index of this formula's function column among all columns.
    let firstColumn: Int
    /// Whether the checked values are computed in extended precision.
    let outputIsExtended: Bool
    /// Whether some number of the symbolic expressions is rounded in binary64, so the
    /// `RoundedNumbers` bound can be other than 0.
    let hasRoundedNumbers: Bool

    /// The factor from a binary64 rounding bound to one for the checked values: 1, or
    /// `2^-11` when they are computed in extended precision.
    var boundScale: Wide { outputIsExtended ? 0x1p-11 : 1 }

    init(
        _ graph: ExprGraph, _ result: Derivatives.Result, partials: [Partial], names: [String], firstColumn: Int,
        precision: Precision
    ) throws(JetLayout.TooLarge) {
        let function = Tape(graph, roots: [result.original], variables: names)
        symbolic = Tape(graph, roots: [result.function] + partials.map(\.node), variables: names)
        directions = partials.map { $0.variables.map { names.firstIndex(of: $0) ?? -1 } }
        let seeds = Array(Set(directions.joined().filter { $0 >= 0 })).sorted()
        jets = try JetProgram(function, seeds: seeds, order: partials.map(\.variables.count).max() ?? 0)
        let layout = jets.layout
        monomials = directions.map { d in d.contains(-1) ? nil : layout.monomial(d.map { seeds.firstIndex(of: $0)! }) }
        formulaVariables = function.steps.compactMap { step in
            if case .variable(let k) = step, k >= 0 { return k }
            return nil
        }
        eventSteps = PointEvents.Steps(jets.tape)
        self.names = names
        self.firstColumn = firstColumn
        outputIsExtended = precision == .extended
        hasRoundedNumbers = symbolic.steps.contains { step in
            guard case .number(let n) = step else { return false }
            let rounded: RoundingBound<RoundedNumbers> = Tape.scalar(n)
            return rounded.bound != 0
        }
    }

    /// The autodiff partial along `directions` (tape variables) at `point`, by a jet sweep of
    /// its own: for the probes and finite differences near a point.
    func partial(_ directions: [Int], at point: [Wide]) -> Wide {
        if directions.contains(-1) { return 0 }
        var workspace = jets.makeWorkspace()
        jets.evaluate(at: point, &workspace)
        let monomial = jets.layout.monomial(directions.map { jets.seeds.firstIndex(of: $0)! })
        return jets.partial(workspace, root: 0, monomial: monomial)
    }

    /// The autodiff partial with its own rounding bound, by nested duals (Taylor series for
    /// pure partials above order 4); `nil` for mixed partials above order 4. Slow: computed
    /// only where the values do not agree without this bound.
    func boundedPartial(_ directions: [Int], at point: [RoundingBound<BinaryArithmetic>]) -> RoundingBound<BinaryArithmetic>? {
        if directions.contains(-1) { return RoundingBound(value: 0, bound: 0) }
        if directions.count > Verification.maxNestedOrder {
            guard Set(directions).count == 1 else { return nil }
            return Autodiff.derivatives(jets.tape, at: point, along: directions[0], order: directions.count)[0].last!
        }
        return Autodiff.partials(jets.tape, at: point, directions: directions)[0]
    }

    /// What one thread reuses from point to point: the jets, the symbolic tape's steps, and
    /// the binary64 bound sweeps of a block of points.
    struct Workspace {
        var jets: JetProgram.Workspace
        var screen: BoundSweep<BinaryArithmetic>
        var numberScreen: BoundSweep<RoundedNumbers>?
        var steps: [RoundingBound<BinaryArithmetic>] = []
        var functionValues: [Wide] = []
        /// The function's autodiff value, then each partial's, from the last jet sweep.
        var autodiff: [Wide] = []
        /// The point in `Wide`.
        var point: [Wide] = []
        /// The screen's values for each column, written once all of them pass.
        var screened: [(autodiff: Double, output: Double, bound: Double, tolerance: Double)] = []
    }

    func makeWorkspace() -> Workspace {
        Workspace(
            jets: jets.makeWorkspace(), screen: BoundSweep(symbolic),
            numberScreen: hasRoundedNumbers ? BoundSweep(symbolic) : nil)
    }

    /// Runs the binary64 bound sweeps over a block of points, `inputs[variable][lane]`.
    func screen(_ inputs: [[Double]], count: Int, _ workspace: inout Workspace) {
        guard !outputIsExtended else { return }
        workspace.screen.evaluate(inputs, count: count)
        workspace.numberScreen?.evaluate(inputs, count: count)
    }

    /// Checks the function and every partial at point `i` of `points`, the block sweeps' lane
    /// and `chunk`'s slot `slot`, writing into this formula's columns of the chunk (one-sided
    /// partials and limits into `specials`, at `i`). An ordinary point passes the screen; any
    /// other gets the full check.
    func check(
        point i: Int, slot: Int, points: PointSet, chunk: CheckChunk, workspace: inout Workspace, finiteDifferences: Bool,
        specials: inout CheckSpecials
    ) {
        workspace.point.removeAll(keepingCapacity: true)
        for column in chunk.inputs { workspace.point.append(Wide(column[slot])) }
        let wide = workspace.point
        jets.evaluate(at: wide, &workspace.jets)
        jets.values(workspace.jets, into: &workspace.functionValues)
        jets.partials(workspace.jets, root: 0, monomials: monomials, into: &workspace.autodiff)
        let events = PointEvents(eventSteps, values: workspace.functionValues)
        let part = chunk.columns
        if screened(slot: slot, wide: wide, events: events, workspace: &workspace, into: part) {
            if finiteDifferences { addFiniteDifferences(slot: slot, wide: wide, into: part) }
            return
        }
        fullCheck(
            point: i, slot: slot, points: points, wide: wide, events: events, workspace: &workspace,
            finiteDifferences: finiteDifferences, into: part, specials: &specials)
    }

    /// The screen: at a point where every operation is smooth and the binary64 sweep found
    /// nothing unusual, each value must be finite and not cancelling, and both its binary64 and
    /// its extended-precision symbolic value must agree with autodiff (`Agreement`, with the
    /// binary64 bounds of the sweep). A value whose bound is over `refineAbove` ulps is output
    /// in extended precision when that one's bound (`2^-11` of it) is within
    /// `refinedRelativeBound`. Then every column is written `ok` and it returns true; else it
    /// writes nothing and returns false, for the full check.
    private func screened(
        slot: Int, wide: [Wide], events: PointEvents, workspace: inout Workspace, into part: [CheckChunk.Slots]
    ) -> Bool {
        guard !outputIsExtended && events.places.isSmooth && !workspace.screen.unusual[slot]
            && !(workspace.numberScreen?.unusual[slot] ?? false) && !wide.contains(where: \.isNaN)
        else { return false }
        workspace.screened.removeAll(keepingCapacity: true)
        for j in 0...directions.count {
            let k = firstColumn + j
            // In binary64 throughout: a value this path cannot settle goes to the full check.
            let autodiff = Double(workspace.autodiff[j])
            let (symbolicValue, extendedValue) = (part[k].symbolic[slot], part[k].extended[slot])
            let bound = workspace.screen.root(j, lane: slot).bound
            let numbers = workspace.numberScreen?.root(j, lane: slot).bound ?? 0
            guard Swift.abs(autodiff) < Double.greatestFiniteMagnitude && symbolicValue.isFinite
                && bound + numbers <= Double(StatusProbe.cancellationLimit) * Swift.abs(autodiff)
            else { return false }
            let (agrees, tolerance) = Agreement.screen(
                symbolic: symbolicValue, extended: extendedValue, bound: bound, numbers: numbers, autodiff: autodiff)
            guard agrees else { return false }
            var output = (value: symbolicValue, bound: bound + numbers)
            if output.bound > Self.refineAbove * symbolicValue.ulp {
                let refinedBound = Self.refinedBound(Wide(bound) * 0x1p-11 + Wide(numbers), extendedValue)
                guard Swift.abs(extendedValue) >= Double.leastNormalMagnitude
                    && refinedBound <= Self.refinedRelativeBound * Swift.abs(extendedValue)
                else { return false }
                output = (extendedValue, refinedBound)
            }
            workspace.screened.append((autodiff, output.value, output.bound, tolerance))
        }
        for (j, values) in workspace.screened.enumerated() {
            let k = firstColumn + j
            part[k].status[slot] = .ok
            part[k].output[slot] = values.output
            part[k].roundingBound[slot] = values.bound
            part[k].autodiff[slot] = values.autodiff
            part[k].tolerance[slot] = values.tolerance
            part[k].agrees[slot] = true
        }
        return true
    }

    /// Finite differences of every `ok` partial at the point in `slot`: the coarse third opinion.
    private func addFiniteDifferences(slot: Int, wide: [Wide], into part: [CheckChunk.Slots]) {
        for (j, wrt) in directions.enumerated() where part[firstColumn + j + 1].status[slot] == .ok {
            let differences = FiniteDifference(function: { self.jets.tape.evaluate(at: $0)[0] }, partial: { self.partial($1, at: $0) })
            part[firstColumn + j + 1].finiteDifference[slot] = wrt.contains(-1) ? 0 : Double(differences.estimate(wrt, at: wide))
        }
    }

    /// The full check of every value at point `i`: `RoundingBound` in extended precision for
    /// the symbolic values, the status probes, adaptive precision.
    private func fullCheck(
        point i: Int, slot: Int, points: PointSet, wide: [Wide], events: PointEvents, workspace: inout Workspace,
        finiteDifferences: Bool, into part: [CheckChunk.Slots], specials: inout CheckSpecials
    ) {
        let exact = points.columns.map { $0[i] }
        let bounded = exact.map { RoundingBound<BinaryArithmetic>(input: $0) }
        symbolic.values(at: bounded, into: &workspace.steps)
        let symbolicBounds = symbolic.roots.map { workspace.steps[$0] }
        let numberBounds = hasRoundedNumbers ? symbolic.evaluate(at: exact.map { RoundingBound<RoundedNumbers>(input: $0) }).map(\.bound) : nil
        let probe = StatusProbe(
            point: wide, variables: names, formulaVariables: formulaVariables, sample: { self.partial($1, at: $0) })
        lazy var doubleDoubleValues = symbolic.evaluate(at: exact.map { DoubleDouble($0) })
        // The bounds that scale to a wider format: binary64's without its underflow.
        lazy var relativeBounds = symbolic.evaluate(at: exact.map { RoundingBound<RelativeArithmetic>(input: $0) }).map(\.bound)
        for (j, wrt) in ([[]] + directions).enumerated() {
            let k = firstColumn + j
            let autodiff = workspace.autodiff[j]
            let symbolicValue = part[k].symbolic[slot]
            let extendedValue = outputIsExtended ? part[k].extended[slot] : Double(symbolicBounds[j].value)
            part[k].extended[slot] = extendedValue
            let bound = symbolicBounds[j].bound
            let numbers = numberBounds?[j] ?? 0
            let roundingBound = bound * boundScale + numbers
            var (status, sides, limit) = probe.status(
                wrt, events: events, autodiff: autodiff, symbolic: symbolicValue, symbolicBound: roundingBound,
                stepOverflows: symbolicBounds[j].overflows)
            if let sides { specials.oneSided[k][i] = sides }
            if let limit { specials.limits[k][i] = limit }
            part[k].autodiff[slot] = Double(autodiff)
            let check = Agreement(
                symbolic: symbolicValue, extended: extendedValue, symbolicBound: bound, numberBound: numbers,
                outputIsExtended: outputIsExtended)
            var (agrees, tolerance) = check.test(autodiff, autodiffBound: 0)
            // The autodiff computation's own rounding widens the tolerance: worked out only where needed.
            lazy var reference = boundedPartial(wrt, at: bounded)
            if status == .ok && !agrees, let reference {
                part[k].autodiff[slot] = Double(reference.value)
                (agrees, tolerance) = check.test(reference.value, autodiffBound: reference.bound)
            }
            // The extended value agrees but binary64 does not: the compiled program overflowed,
            // underflowed or cancelled in an order its bound, which follows the expression, did
            // not foresee. The binary64 value lost its digits: refined below, like any other.
            if status == .ok && !agrees && !outputIsExtended
                && (check.extendedAgrees(autodiff, autodiffBound: 0)
                    || reference.map { check.extendedAgrees($0.value, autodiffBound: $0.bound) } ?? false)
            {
                status = .cancellation
            }
            var output = (value: symbolicValue, bound: Self.roundedUp(roundingBound))
            if let refined = refinement(
                status, symbolicBounds[j], relativeBound: wantsRefinement(status, bound: bound + numbers, binary: symbolicValue) ? relativeBounds[j] : 0,
                numbers: numbers, binary: symbolicValue)
            {
                if status != .ok {
                    status = .ok
                    agrees = check.extendedAgrees(autodiff, autodiffBound: 0)
                        || reference.map { check.extendedAgrees($0.value, autodiffBound: $0.bound) } ?? false
                }
                output = refined
            } else if wantsRefinement(status, bound: bound + numbers, binary: symbolicValue),
                let refined = doubleDoubleRefinement(
                    j, wrt, values: doubleDoubleValues, point: exact, symbolicBound: relativeBounds[j], numbers: numbers,
                    autodiffBound: { reference?.bound })
            {
                status = .ok
                agrees = refined.agrees
                output = (refined.value, refined.bound)
            }
            // At a kink or jump of some operation the derivative is a convention: a defined
            // function's row follows PyTorch's (`elu'(0) = alpha`), autodiff through its
            // definition the primitives' (`relu'(0) = 0`). Where they differ there, as at
            // `elu(-g*t)`'s origin, whose axes see no kink, the value is flagged, not failed.
            if status == .ok && !agrees && (events.places.contains(.kink) || events.places.contains(.jump)) {
                status = .nondifferentiable
            }
            // At a singularity of some operation (`1/b` at b = 0, as `softplus(u, b)` divides),
            // the two computations meet 0*inf or inf - inf in different places: the value is
            // not defined there, which is what they disagree about.
            if status == .ok && !agrees && (events.places.contains(.singular) || events.places.contains(.derivativeSingular)) {
                status = .undefined
            }
            part[k].status[slot] = status
            part[k].output[slot] = output.value
            part[k].roundingBound[slot] = output.bound
            part[k].tolerance[slot] = tolerance
            part[k].agrees[slot] = status != .ok || agrees
        }
        if finiteDifferences { addFiniteDifferences(slot: slot, wide: wide, into: part) }
    }
}

extension FormulaPlan {
    /// The relative bound below which an output value counts as right: about `1.1e-13`.
    static let refinedRelativeBound: Double = 0x1p-43
    /// Values whose binary64 bound is over this many ulps are refined.
    static let refineAbove: Double = 2

    /// The extended-precision value and its bound to output instead of the binary64 value
    /// `binary` (adaptive precision), or `nil` to keep it: where binary64 may have lost more
    /// than `refineAbove` ulps (`ok` values), lost digits (`cancellation`) or left its range on
    /// the way (`overflow`), and the extended computation `wide` is within
    /// `refinedRelativeBound`. `relativeBound` is binary64's bound without underflow
    /// (`RelativeArithmetic`), the part that scales to extended precision. Values output in
    /// extended precision are not refined again.
    func refinement(
        _ status: PointStatus, _ wide: RoundingBound<BinaryArithmetic>, relativeBound: Wide, numbers: Wide, binary: Double
    ) -> (value: Double, bound: Double)? {
        guard wantsRefinement(status, bound: wide.bound + numbers, binary: binary) else { return nil }
        let value = Double(wide.value)
        let bound = Self.refinedBound(relativeBound * 0x1p-11 + numbers, value)
        guard value.isFinite && Swift.abs(value) >= Double.leastNormalMagnitude
            && bound <= Self.refinedRelativeBound * Swift.abs(value)
        else { return nil }
        return (value, bound)
    }
}

extension FormulaPlan {
    /// The bound of a value computed in a wider format with bound `bound` there and rounded
    /// once to the binary64 `value`: the two, in binary64 rounded up. Refined values are kept
    /// to binary64's normal range, where half an ulp is still relative.
    static func refinedBound(_ bound: Wide, _ value: Double) -> Double {
        roundedUp(bound + Wide(value.ulp) / 2)
    }

    /// `bound` in binary64, rounded up (a bound stays a bound; one below the subnormal range
    /// is the smallest subnormal, not 0).
    static func roundedUp(_ bound: Wide) -> Double {
        let rounded = Double(bound)
        return Wide(rounded) < bound ? rounded.nextUp : rounded
    }

    /// Whether a value with this status and binary64 bound is to be computed in a wider format.
    func wantsRefinement(_ status: PointStatus, bound: Wide, binary: Double) -> Bool {
        guard !outputIsExtended && [.ok, .cancellation, .overflow].contains(status) else { return false }
        return status != .ok || Double(bound) > Self.refineAbove * binary.ulp
    }
}

/// The test of a symbolic value against an autodiff one, with the tolerance from their
/// rounding bounds (see `Verification`).
struct Agreement {
    let symbolic: Double
    let extended: Double
    let symbolicBound: Wide
    let numberBound: Wide
    let outputIsExtended: Bool

    /// Whether both symbolic values agree with `autodiff`, whose own rounding bound in binary64
    /// is `autodiffBound`, and the tolerance for the output value.
    func test(_ autodiff: Wide, autodiffBound: Wide) -> (Bool, Double) {
        let reference = Double(autodiff)
        let ulp = Swift.max(Swift.abs(symbolic), Swift.abs(reference)).ulp
        let extendedTolerance = Double(0x1p-10 * (symbolicBound + autodiffBound) + 2 * numberBound) + 4 * ulp
        let tolerance = outputIsExtended
            ? extendedTolerance : Double(2 * (symbolicBound + numberBound) + 0x1p-10 * autodiffBound) + 4 * ulp
        let agrees = Swift.abs(symbolic - reference) <= tolerance && Swift.abs(extended - reference) <= extendedTolerance
        return (agrees, tolerance)
    }

    /// `test` without the autodiff bound, in binary64 (the screen's bounds are binary64
    /// numbers): the same tolerances up to their own rounding.
    static func screen(symbolic: Double, extended: Double, bound: Double, numbers: Double, autodiff: Double) -> (Bool, Double) {
        let ulp = Swift.max(Swift.abs(symbolic), Swift.abs(autodiff)).ulp
        let tolerance = 2 * (bound + numbers) + 4 * ulp
        let extendedTolerance = 0x1p-10 * bound + 2 * numbers + 4 * ulp
        return (Swift.abs(symbolic - autodiff) <= tolerance && Swift.abs(extended - autodiff) <= extendedTolerance, tolerance)
    }

    /// Whether the extended-precision symbolic value alone agrees with `autodiff`.
    func extendedAgrees(_ autodiff: Wide, autodiffBound: Wide) -> Bool {
        let reference = Double(autodiff)
        let ulp = Swift.max(Swift.abs(extended), Swift.abs(reference)).ulp
        return Swift.abs(extended - reference) <= Double(0x1p-10 * (symbolicBound + autodiffBound) + 2 * numberBound) + 4 * ulp
    }
}
