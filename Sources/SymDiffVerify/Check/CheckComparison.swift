// Someone else's derivatives against symdiff's verified values, entry by entry, within a
// tolerance that follows their dtype and symdiff's own error bound.
import SymDiff
import SymDiffIO

/// The tolerance of a comparison: `|theirs - ours| <= atol + rtol |ours| + B`, with `B` the
/// bound on the rounding error of symdiff's value.
public struct CheckTolerance: Sendable, Equatable {
    public var rtol: Double
    public var atol: Double

    public init(rtol: Double, atol: Double) {
        (self.rtol, self.atol) = (rtol, atol)
    }

    /// `torch.testing.assert_close`'s defaults for the dtype: float32 `rtol 1.3e-6, atol 1e-5`,
    /// float64 `1e-7` both.
    public static func defaults(singlePrecision: Bool) -> CheckTolerance {
        singlePrecision ? CheckTolerance(rtol: 1.3e-6, atol: 1e-5) : CheckTolerance(rtol: 1e-7, atol: 1e-7)
    }

    /// Whether `theirs` is within tolerance of `ours`, whose error bound is `bound`.
    func accepts(_ theirs: Double, _ ours: Double, bound: Double = 0) -> Bool {
        if theirs == ours { return true }
        return Swift.abs(theirs - ours) <= atol + rtol * Swift.abs(ours) + bound
    }
}

/// The comparison of a user's array with symdiff's values, in a layout.
public struct CheckComparison: Sendable {
    /// One entry of the row (one partial, at every point).
    public struct Entry: Sendable {
        /// `d2/dxdt`, or `[0, 1] d2/dxdt`.
        public var label: String
        /// The `Verification` column it holds.
        public var column: Int
        /// The points where it was compared, and where it agreed.
        public var compared = 0
        public var agreed = 0
        /// The points not compared, by symdiff's status there (undefined, cancellation, ...).
        public var skipped: [PointStatus: Int] = [:]
        /// At kinks and jumps, which value theirs matched: `symdiff's (PyTorch's) value`,
        /// `the left-sided limit`, `the right-sided limit`, with counts.
        public var conventions: [String: Int] = [:]
        /// The worst disagreement: point index, their value, ours.
        public var worst: (point: Int, theirs: Double, ours: Double)?

        public var failures: Int { compared - agreed }
    }

    public var layout: CheckLayout
    public var tolerance: CheckTolerance
    public var entries: [Entry]

    /// Whether every compared value agrees.
    public var passed: Bool { entries.allSatisfy { $0.failures == 0 } }
    public var compared: Int { entries.reduce(0) { $0 + $1.compared } }
    public var failures: Int { entries.reduce(0) { $0 + $1.failures } }

    /// Compares `array` (laid out as `layout`) with verification `v`: at `ok` points within
    /// the tolerance and symdiff's bound; at a kink or jump against symdiff's value and both
    /// one-sided limits (any one matching is agreement, and which is recorded); at a removable
    /// singularity against the limit too; where symdiff's value is undefined, agreement is a
    /// non-finite value; points with other statuses are skipped and counted.
    public init(_ array: ValueArray, layout: CheckLayout, verification v: Verification, tolerance: CheckTolerance) {
        self.layout = layout
        self.tolerance = tolerance
        let labels = layout.labels(v)
        let width = layout.sources.count
        entries = layout.sources.enumerated().map { e, c in Entry(label: labels[e], column: c) }
        for e in entries.indices {
            let column = v.columns[entries[e].column]
            var entry = entries[e]
            var worstExcess = -1.0
            for i in 0..<v.points.count {
                let theirs = array.values[i * width + e]
                let ours = column.output[i]
                let status = i < column.status.count ? column.status[i] : .unverified
                var agrees: Bool
                switch status {
                case .ok:
                    agrees = tolerance.accepts(theirs, ours, bound: column.roundingBound[i])
                case .nondifferentiable:
                    let sides = column.oneSided[i]
                    let matches = [
                        ("symdiff's (PyTorch's) value", ours), ("the left-sided limit", sides?.left ?? .nan),
                        ("the right-sided limit", sides?.right ?? .nan),
                    ].first { tolerance.accepts(theirs, $0.1) }
                    if let (name, _) = matches { entry.conventions[name, default: 0] += 1 }
                    agrees = matches != nil
                case .removable:
                    agrees = tolerance.accepts(theirs, ours) || tolerance.accepts(theirs, column.limits[i] ?? .nan)
                case .undefined, .pole:
                    agrees = !theirs.isFinite
                default:
                    entry.skipped[status, default: 0] += 1
                    continue
                }
                entry.compared += 1
                if agrees {
                    entry.agreed += 1
                } else {
                    let excess = theirs.isNaN ? .infinity : Swift.abs(theirs - ours) / (tolerance.atol + tolerance.rtol * Swift.abs(ours))
                    if excess > worstExcess || entry.worst == nil {
                        worstExcess = excess
                        entry.worst = (i, theirs, ours)
                    }
                }
            }
            entries[e] = entry
        }
    }
}
