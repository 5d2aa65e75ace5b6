// One formula's share of a verification: its tapes, and the check of all its values at a point.
import SymDiff
import SymDiffAutodiff

/// The tapes for one formula: the original function (for autodiff, events, probes and finite
/// differences) and its symbolic partials (for their rounding bounds).
struct FormulaPlan: Sendable {
    let function: Tape
    /// The function, then each partial, as symbolic expressions.
    let symbolic: Tape
    /// Each partial's variables as indices into the points' names (-1: not a free variable).
    let directions: [[Int]]
    /// The tape variables the formula uses.
    let formulaVariables: [Int]
    let names: [String]
    /// The index of this formula's function column among all columns.
    let firstColumn: Int
    /// The factor from a binary64 rounding bound to one for the checked values: 1, or
    /// `2^-11` when they are computed in extended precision.
    var boundScale: Wide { outputIsExtended ? 0x1p-11 : 1 }
    /// Whether the checked values are computed in extended precision.
    let outputIsExtended: Bool

    init(
        _ graph: ExprGraph, _ result: Derivatives.Result, partials: [Partial], names: [String], firstColumn: Int,
        precision: Precision
    ) {
        function = Tape(graph, roots: [result.function], variables: names)
        symbolic = Tape(graph, roots: [result.function] + partials.map(\.node), variables: names)
        directions = partials.map { $0.variables.map { names.firstIndex(of: $0) ?? -1 } }
        formulaVariables = function.steps.compactMap { step in
            if case .variable(let k) = step, k >= 0 { return k }
            return nil
        }
        self.names = names
        self.firstColumn = firstColumn
        outputIsExtended = precision == .extended
    }

    /// The autodiff partial along `directions` at `point`, in the scalar `T`: nested duals up
    /// to order 4, Taylor series beyond (pure partials only).
    func partial<T: NestedDual>(_ directions: [Int], at point: [T]) -> T where T.Base == T {
        if directions.count > Verification.maxMixedOrder {
            return Autodiff.derivatives(function, at: point, along: directions[0], order: directions.count)[0].last!
        }
        return Autodiff.partials(function, at: point, directions: directions)[0]
    }

    /// Checks the function and every partial at point `i`, appending to this formula's
    /// columns of `part`; `template` holds the symbolic values of all points.
    func check(point i: Int, points: PointSet, template: [Verification.Column], into part: inout [Verification.Column]) {
        let exact = points.columns.map { $0[i] }
        let wide = exact.map { Wide($0) }
        let bounded = exact.map { RoundingBound<BinaryArithmetic>(input: $0) }
        let events = PointEvents(function, values: function.values(at: wide))
        let symbolicBounds = symbolic.evaluate(at: bounded)
        let numberBounds = symbolic.evaluate(at: exact.map { RoundingBound<RoundedNumbers>(input: $0) })
        let probe = StatusProbe(
            point: wide, variables: names, formulaVariables: formulaVariables, sample: { partial($1, at: $0) })
        let differences = FiniteDifference(function: { function.evaluate(at: $0)[0] }, partial: { partial($1, at: $0) })
        for (j, wrt) in ([[]] + directions).enumerated() {
            let k = firstColumn + j
            let autodiff = partial(wrt, at: bounded)
            let symbolicValue = template[k].symbolic[i]
            let extendedValue = template[k].extended[i]
            let bound = symbolicBounds[j].bound
            let numbers = numberBounds[j].bound
            let roundingBound = bound * boundScale + numbers
            part[k].roundingBound.append(Double(roundingBound))
            let (status, sides, limit) = probe.status(
                wrt, events: events, autodiff: autodiff.value, symbolic: symbolicValue, symbolicBound: roundingBound,
                stepOverflows: symbolicBounds[j].overflows)
            let local = part[k].status.count
            part[k].status.append(status)
            if let sides { part[k].oneSided[local] = sides }
            if let limit { part[k].limits[local] = limit }
            let reference = Double(autodiff.value)
            part[k].autodiff.append(reference)
            let ulp = Swift.max(Swift.abs(symbolicValue), Swift.abs(reference)).ulp
            let extendedTolerance = Double(0x1p-10 * (bound + autodiff.bound) + 2 * numbers) + 4 * ulp
            let tolerance = outputIsExtended ? extendedTolerance : Double(2 * (bound + numbers) + 0x1p-10 * autodiff.bound) + 4 * ulp
            part[k].tolerance.append(tolerance)
            guard status == .ok else {
                part[k].agrees.append(true)
                part[k].finiteDifference.append(.nan)
                continue
            }
            part[k].agrees.append(
                Swift.abs(symbolicValue - reference) <= tolerance && Swift.abs(extendedValue - reference) <= extendedTolerance)
            part[k].finiteDifference.append(wrt.isEmpty ? .nan : Double(differences.estimate(wrt, at: wide)))
        }
    }
}
