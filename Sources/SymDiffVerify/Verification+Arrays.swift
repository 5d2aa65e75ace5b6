// The verified values in the batch-first layouts autograd code uses: gradient (N, d), Hessian (N, d, d).
import SymDiff
import SymDiffIO

extension Verification {
    /// The output values of the partials of order `order` of formula `formula` as one
    /// batch-first array `(N, d, ..., d)` over `variables`, or `nil` when that order was not
    /// requested. Check `statuses(order:formula:)` (or `passed(strict: true)`) before trusting
    /// every entry.
    public func partials(order: Int, formula: Int = 0) -> NDArray? {
        guard formulaColumns.indices.contains(formula) else { return nil }
        let columns = self.columns[formulaColumns[formula]].map { ($0.wrt, $0.output) }
        return NDArray.batchFirst(columns, variables: variables, order: order, count: points.count)
    }

    /// The statuses of the same entries as `partials(order:formula:)`, in the same layout.
    public func statuses(order: Int, formula: Int = 0) -> [PointStatus]? {
        guard formulaColumns.indices.contains(formula) else { return nil }
        let codes = self.columns[formulaColumns[formula]].map { column in
            (column.wrt, column.status.map { Double(PointStatus.allCases.firstIndex(of: $0)!) })
        }
        return NDArray.batchFirst(codes, variables: variables, order: order, count: points.count)?.values
            .map { PointStatus.allCases[Int($0)] }
    }

    /// The gradient `(N, d)` of the first formula.
    public var gradient: NDArray? { partials(order: 1) }

    /// The Hessian `(N, d, d)` of the first formula, symmetric.
    public var hessian: NDArray? { partials(order: 2) }
}
