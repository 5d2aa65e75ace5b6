// Sample points as columns, one per variable, points read a range at a time, and the bound
// on how many one run may hold.
import SymDiff

/// Sample points that can be read a range of points at a time, so that a caller working
/// chunk by chunk holds only the chunk in flight: a `PointSet` in memory, or an
/// `NPYFilePoints` read from its file on demand.
public protocol ChunkedPoints {
    /// The variables, in column order.
    var names: [String] { get }
    /// The number of points.
    var count: Int { get }
    /// The values of the points `range` (within `0..<count`), one array per variable of `names`.
    func columns(in range: Range<Int>) throws(PointsError) -> [[Double]]
}

/// Sample points stored as columns (a struct of arrays): `columns[j][i]` is the value of
/// variable `names[j]` at point `i`.
///
/// Invariant: `names.count == columns.count`, and every column holds `count` values. `count`
/// is stored so that a set without variables (a constant formula) can still hold points.
public struct PointSet: Hashable, Sendable, ChunkedPoints {
    /// The variables, in column order.
    public var names: [String]
    /// One column of values per variable, all of length `count`.
    public var columns: [[Double]]
    /// The number of points.
    public var count: Int

    /// The largest number of points a reader or generator produces unless told otherwise:
    /// 50 million points of one variable take 400 MB.
    public static let defaultMaxPoints = 50_000_000

    /// A point set from columns of equal length; `count` is needed only when there are no columns.
    public init(names: [String], columns: [[Double]], count: Int? = nil) {
        self.names = names
        self.columns = columns
        self.count = count ?? columns.first?.count ?? 0
    }

    /// The values of variable `name`, or `nil` when the set has no such variable.
    public func column(named name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The values of the points `range`, one array per variable.
    public func columns(in range: Range<Int>) -> [[Double]] {
        columns.map { Array($0[range]) }
    }

    /// The set with only the columns `variables`, in that order, or an error naming the first
    /// variable the set lacks.
    func selecting(_ variables: [String], location: FileLocation?) throws(PointsError) -> PointSet {
        var selected: [[Double]] = []
        for name in variables {
            guard let column = column(named: name) else {
                throw PointsError(.missingColumn(name, columns: names), at: location)
            }
            selected.append(column)
        }
        return PointSet(names: variables, columns: selected, count: count)
    }
}

/// Throws `tooManyPoints` when `count` is above `limit`.
func checkPointCount(_ count: Int, limit: Int, location: FileLocation? = nil) throws(PointsError) {
    if count > limit { throw PointsError(.tooManyPoints(String(count), limit: limit), at: location) }
}
