// How someone else's batch-first array lines up with the values symdiff computed: inferred
// from its shape and the request, stated in the report, and never guessed between two.
import SymDiff
import SymDiffIO

/// The layout of a user's array of derivatives: which of symdiff's values each entry holds.
public struct CheckLayout: Sendable, Equatable {
    /// The layouts autograd code writes.
    public enum Kind: String, Sendable, CaseIterable {
        /// `(N, k)` (or `(N,)` for one value): symdiff's values in the order it prints them.
        case partials
        /// `(N, d)`: the first partials of the formula by the `--wrt` variables.
        case gradient
        /// `(N, d, d)`: the second partials, symmetric.
        case hessian
        /// `(N, d, ..., d)`: the partials of one order from three on, symmetric.
        case tensor
        /// `(N, m, d)`: the first partials of each of `m` formulas (rows) by each variable.
        case jacobian
    }

    public var kind: Kind
    /// The shape of one point's entries: the array's shape after the batch axis.
    public var rowShape: [Int]
    /// For each entry of a row, in C order: the index of the `Verification` column it holds.
    public var sources: [Int]
    /// What the layout is, in words, for the report.
    public var description: String

    /// The entry labels: the column names, with the entry's index where the row has more
    /// than one axis (`[0, 1] d2/dxdt`).
    public func labels(_ verification: Verification) -> [String] {
        sources.indices.map { e in
            let name = verification.columns[sources[e]].name
            guard rowShape.count > 1 else { return name }
            var index: [Int] = []
            var rest = e
            for n in rowShape.reversed() {
                index.insert(rest % n, at: 0)
                rest /= n
            }
            return "[" + index.map(String.init).joined(separator: ", ") + "] " + name
        }
    }

    /// Every layout the request's values can be written in, each with its row shape; the
    /// functions themselves count only `withFunctions` (when order 0 is asked for).
    public static func candidates(_ v: Verification, withFunctions: Bool = false) -> [CheckLayout] {
        let all = v.columns.indices.filter { withFunctions || !v.columns[$0].wrt.isEmpty }
        var result = [CheckLayout(
            kind: .partials, rowShape: all.count == 1 ? [] : [all.count], sources: all,
            description: "symdiff's values in its order: " + all.map { v.columns[$0].name }.joined(separator: ", "))]
        let variables = "(" + v.variables.joined(separator: ", ") + ")"
        let m = v.formulaColumns.count
        for order in 1...Swift.max(1, v.columns.map(\.wrt.count).max() ?? 1) {
            var rows: [[Int]] = []
            for range in v.formulaColumns {
                let wrts = range.map { v.columns[$0].wrt }
                guard let (_, sources) = NDArray.batchFirstLayout(wrts, variables: v.variables, order: order),
                    sources.allSatisfy({ $0 != nil })
                else {
                    rows = []
                    break
                }
                rows.append(sources.map { range.lowerBound + $0! })
            }
            guard rows.count == m else { continue }
            let axes = Array(repeating: v.variables.count, count: order)
            if m == 1 {
                let kind: Kind = order == 1 ? .gradient : order == 2 ? .hessian : .tensor
                let what = order == 1 ? "the gradient" : order == 2 ? "the Hessian" : "the order-\(order) partials"
                result.append(CheckLayout(
                    kind: kind, rowShape: axes, sources: rows[0],
                    description: "\(what) of f by \(variables): entry [i, a\(order > 1 ? ", b" : "")\(order > 2 ? ", ..." : "")] is the partial by those variables at point i"))
            } else if order == 1 {
                result.append(CheckLayout(
                    kind: .jacobian, rowShape: [m] + axes, sources: rows.flatMap { $0 },
                    description: "the Jacobian of the \(m) formulas by \(variables): entry [i, r, a] is d(formula r)/da at point i"))
            }
        }
        return result
    }

    /// The layout of the array `key` of an archive of several: a value's name (`d/dx`, or as
    /// in symdiff's `.npz`, `f_x`; the shape `(N,)`), a layout's name (`gradient`, `hessian`, `jacobian`, `order3`, ...), or
    /// else whatever its shape fits.
    public static func infer(
        key: String, shape: [Int], verification v: Verification, withFunctions: Bool
    ) throws(CheckLayoutError) -> CheckLayout {
        let separated = OutputTable.separatesVariables(v.points.names)
        if shape == [v.points.count],
            let column = v.columns.firstIndex(where: { $0.name == key || OutputTable.pythonName(of: $0.name, wrt: $0.wrt, separated: separated) == key })
        {
            return CheckLayout(kind: .partials, rowShape: [], sources: [column], description: "the array named \(key): its values")
        }
        let named: Kind? = switch key {
        case "gradient": .gradient
        case "hessian": .hessian
        case "jacobian": .jacobian
        case _ where key.hasPrefix("order") && Int(key.dropFirst(5)) != nil: .tensor
        default: nil
        }
        return try infer(shape: shape, verification: v, withFunctions: withFunctions, kind: named)
    }

    /// The layout of an array of `shape` for verification `v`: the one candidate of that row
    /// shape (or of kind `kind` when given), or an error that says what fits.
    /// `withFunctions` as for `candidates`.
    public static func infer(
        shape: [Int], verification v: Verification, withFunctions: Bool = false, kind: Kind? = nil
    ) throws(CheckLayoutError) -> CheckLayout {
        let n = v.points.count
        let all = candidates(v, withFunctions: withFunctions)
        guard shape.first == n else { throw CheckLayoutError(shape: shape, points: n, candidates: all, problem: .batchAxis) }
        let rowShape = Array(shape.dropFirst())
        var fitting = all.filter { $0.rowShape == rowShape && (kind == nil || $0.kind == kind) }
        // Two names for one mapping (an order-1 request's partials are its gradient) are one layout.
        var distinct: [CheckLayout] = []
        for layout in fitting.reversed() where !distinct.contains(where: { $0.sources == layout.sources }) { distinct.append(layout) }
        fitting = distinct
        guard let first = fitting.first else {
            throw CheckLayoutError(shape: shape, points: n, candidates: all, problem: kind == nil ? .noFit : .kindDoesNotFit(kind!))
        }
        guard fitting.count == 1 else { throw CheckLayoutError(shape: shape, points: n, candidates: fitting, problem: .ambiguous) }
        // (N, N): a batch-last array reads as well as a batch-first one.
        if kind == nil && shape.count == 2 && shape[1] == n {
            throw CheckLayoutError(shape: shape, points: n, candidates: fitting, problem: .squareBatch)
        }
        return first
    }
}

/// Why a user's array does not line up with the request.
public struct CheckLayoutError: ReportedError, Sendable {
    public enum Problem: Sendable, Equatable {
        /// The first axis is not the points.
        case batchAxis
        /// No layout has the array's row shape.
        case noFit
        /// The layout asked for does not have it.
        case kindDoesNotFit(CheckLayout.Kind)
        /// More than one layout has it.
        case ambiguous
        /// Both axes have the number of points: either may be the batch axis.
        case squareBatch
    }

    public var shape: [Int]
    public var points: Int
    /// The layouts that fit (`ambiguous`), or every layout of the request.
    public var candidates: [CheckLayout]
    public var problem: Problem

    /// The shape as NumPy prints it.
    public static func spelled(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    public var message: String {
        let shape = Self.spelled(shape)
        switch problem {
        case .batchAxis: return "the array's shape \(shape) does not start with the number of points, \(points)"
        case .noFit: return "the array's shape \(shape) fits no layout of the request"
        case .kindDoesNotFit(let kind): return "the array's shape \(shape) is not the \(kind.rawValue) layout of the request"
        case .ambiguous: return "the array's shape \(shape) fits \(candidates.count) layouts: which one?"
        case .squareBatch: return "the array's shape \(shape) has the number of points on both axes: which is the batch axis?"
        }
    }

    /// The layouts, one per line, as the hint lists them.
    public var listing: [String] {
        candidates.map { "--layout \($0.kind.rawValue): \(Self.spelled([points] + $0.rowShape)), \($0.description)" }
    }

    public var hint: String? {
        switch problem {
        case .batchAxis where shape.last == points:
            return "the points come first (batch-first), e.g. a.T or np.moveaxis(a, -1, 0)"
        case .ambiguous: return "name the layout with --layout"
        case .squareBatch: return "--layout \(candidates[0].kind.rawValue) reads the first axis as the points (batch-first); transpose a batch-last array first"
        default: return "write the array in one of the layouts, or change --wrt and --order to match it"
        }
    }
}
