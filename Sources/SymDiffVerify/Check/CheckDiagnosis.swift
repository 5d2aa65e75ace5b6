// What a user's disagreeing array matches instead: the classic autograd mistakes, each tested
// against symdiff's values at every point where they are ok.
import Foundation
import SymDiff
import SymDiffIO

/// The diagnoses of a failed comparison, one sentence each.
public enum CheckDiagnosis {
    /// One of symdiff's values at every point, by name: a requested column or another partial
    /// of the same formula (another order, another variable), for the diagnosis to try.
    public typealias Alternative = (name: String, values: [Double])

    /// For each entry that disagrees, the first of these that its values match at every `ok`
    /// point: all 0 where symdiff's are not; NaN where symdiff's are finite; another of
    /// symdiff's values (`alternatives`); symdiff's plus or minus another of them; minus
    /// symdiff's; symdiff's to float32's tolerance
    /// only; a constant multiple (not within 10^-3 of 1). Then across entries: the array transposed, or every row the
    /// sum of symdiff's over the points.
    public static func diagnose(
        _ array: ValueArray, _ comparison: CheckComparison, verification v: Verification, alternatives: [Alternative]
    ) -> [String] {
        let width = comparison.layout.sources.count
        let tolerance = comparison.tolerance
        var found: [String] = []
        for (e, entry) in comparison.entries.enumerated() where entry.failures > 0 {
            let column = v.columns[entry.column]
            let ok = (0..<v.points.count).filter { $0 < column.status.count && column.status[$0] == .ok }
            guard !ok.isEmpty else { continue }
            let theirs = { (i: Int) in array.values[i * width + e] }
            let ours = column.output
            func matches(_ value: (Int) -> Double, _ tolerance: CheckTolerance = tolerance) -> Bool {
                ok.allSatisfy { tolerance.accepts(theirs($0), value($0), bound: 4 * value($0).ulp.magnitude) }
            }
            let their = "their \(entry.label)"
            if ok.allSatisfy({ theirs($0) == 0 }) && ok.contains(where: { ours[$0] != 0 }) {
                found.append("\(their) is 0 at every point, where it is not: a derivative autograd dropped (allow_unused, materialize_grads) or one a piecewise-linear network (ReLU) makes 0")
                continue
            }
            let nans = ok.filter { theirs($0).isNaN && ours[$0].isFinite }
            if let first = nans.first {
                found.append("\(their) is NaN at \(nans.count) point(s) where it is finite (first at \(point(first, v))): an autograd rule that gives 0*inf or inf - inf there, as sqrt'(0) does")
                continue
            }
            if let other = alternatives.first(where: { alternative in
                alternative.name != column.name && matches { alternative.values[$0] }
            }) {
                found.append("\(their) equals our \(other.name)")
                continue
            }
            // A term too many or too few: theirs less ours is another of symdiff's values.
            if let term = alternatives.first(where: { alternative in
                alternative.name != column.name && ok.contains { alternative.values[$0] != 0 }
                    && matches { ours[$0] + alternative.values[$0] }
            }) {
                found.append("\(their) is ours plus our \(term.name): a term too many")
                continue
            }
            if let term = alternatives.first(where: { alternative in
                alternative.name != column.name && ok.contains { alternative.values[$0] != 0 }
                    && matches { ours[$0] - alternative.values[$0] }
            }) {
                found.append("\(their) is ours minus our \(term.name): a term missing")
                continue
            }
            if matches({ -ours[$0] }) {
                found.append("\(their) is minus ours: a sign flipped")
                continue
            }
            if !array.singlePrecision && matches({ ours[$0] }, .defaults(singlePrecision: true)) {
                found.append("\(their) agrees with ours to float32's tolerance only: computed in float32 and stored as float64? (--rtol 1.3e-6 --atol 1e-5 compares at float32's)")
                continue
            }
            // A factor that is not a rounding away from 1 (2 for a doubled term, 1/2, ...).
            let ratios = ok.filter { ours[$0] != 0 && ours[$0].isFinite }.map { theirs($0) / ours[$0] }.sorted()
            if let factor = ratios.isEmpty ? nil : ratios[ratios.count / 2], factor.isFinite, factor != 0,
                Swift.abs(factor - 1) > 1e-3, matches({ factor * ours[$0] })
            {
                found.append("\(their) is \(String(format: "%.6g", factor)) times ours at every point: a constant factor")
            }
        }
        if let transposed = transposition(array, comparison, verification: v) { found.append(transposed) }
        if let sum = batchSum(array, comparison, verification: v) { found.append(sum) }
        return found
    }

    /// The point `i` as `x=0.1, t=0.5`.
    public static func point(_ i: Int, _ v: Verification) -> String {
        zip(v.points.names, v.points.columns).map { "\($0)=\(String(format: "%.6g", $1[i]))" }.joined(separator: ", ")
    }

    /// A row of two equal axes read the other way round at every point.
    private static func transposition(_ array: ValueArray, _ comparison: CheckComparison, verification v: Verification) -> String? {
        let shape = comparison.layout.rowShape
        guard shape.count == 2, shape[0] == shape[1], !comparison.passed else { return nil }
        let (n, width) = (shape[0], shape[0] * shape[1])
        let sources = comparison.layout.sources
        var compared = 0
        for a in 0..<n {
            for b in 0..<n where sources[a * n + b] != sources[b * n + a] {
                let column = v.columns[sources[b * n + a]]
                for i in 0..<v.points.count where i < column.status.count && column.status[i] == .ok {
                    guard comparison.tolerance.accepts(array.values[i * width + a * n + b], column.output[i], bound: column.roundingBound[i])
                    else { return nil }
                    compared += 1
                }
            }
        }
        // A symmetric layout (a Hessian) reads the same either way round.
        guard compared > 0 else { return nil }
        return "the array is transposed: entry [i, a, b] holds symdiff's [i, b, a] (a Jacobian is (N, outputs, inputs))"
    }

    /// Every row equal to the sum of symdiff's rows over the points.
    private static func batchSum(_ array: ValueArray, _ comparison: CheckComparison, verification v: Verification) -> String? {
        let width = comparison.layout.sources.count
        let count = v.points.count
        guard count > 1, !comparison.passed else { return nil }
        for (e, c) in comparison.layout.sources.enumerated() {
            let sum = v.columns[c].output.reduce(0, +)
            let slack = CheckTolerance(rtol: comparison.tolerance.rtol * Double(count), atol: comparison.tolerance.atol * Double(count))
            for i in 0..<count where !slack.accepts(array.values[i * width + e], sum) { return nil }
        }
        return "every row is the sum of symdiff's rows over the \(count) points: the derivative of sum(u) over the batch, where each point's own was meant (or a reduction before the gradient)"
    }
}
