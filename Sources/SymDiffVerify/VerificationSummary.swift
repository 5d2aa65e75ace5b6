// What a verification found, kept as figures and a few example points, merged chunk by chunk.

/// The figures of one or more verifications of consecutive point sets, taken together: per
/// column the largest differences, the finite-difference spread, the counts of each status
/// and of disagreements, and the first few points that disagree or are not `ok`, with their
/// coordinates; so a long run verified a chunk at a time reports as one.
public struct VerificationSummary: Sendable {
    /// A point worth a line of the report, with what the report says about it.
    public struct Example: Sendable {
        /// The point's index in the whole run.
        public var index: Int
        /// The point's coordinates, in the order of `VerificationSummary.names`.
        public var coordinates: [Double]
        public var status: PointStatus
        public var symbolic: Double
        public var extended: Double
        public var autodiff: Double
        public var tolerance: Double
        public var oneSided: OneSided?
        public var limit: Double?
    }

    /// One function or partial over the whole run.
    public struct Column: Sendable {
        public var name: String
        public var wrt: [String]
        /// The largest differences over the `ok` points; `worstPoint` is an index in the whole run.
        public var differences = Verification.Column.Differences()
        /// The coordinates of `differences.worstPoint`.
        public var worstCoordinates: [Double]?
        /// As `Verification.Column.finiteDifferenceSpread`, over every chunk.
        public var finiteDifferenceSpread: Double?
        public var statusCounts: [PointStatus: Int] = [:]
        public var disagreements = 0
        /// The first `VerificationSummary.listed` points that disagree.
        public var disagreeing: [Example] = []
        /// The first `VerificationSummary.listed` points that are not `ok`.
        public var special: [Example] = []
        /// How many points are not `ok`.
        public var specialCount = 0
    }

    /// How many example points each list keeps.
    public let listed: Int
    /// The variables of the points.
    public let names: [String]
    public private(set) var columns: [Column]
    /// The number of points, checked or not.
    public private(set) var pointCount = 0
    public private(set) var checkedCount = 0
    /// The time spent checking, in seconds.
    public private(set) var seconds = 0.0

    /// An empty summary for the columns of `verifier`'s request at points of `names`,
    /// keeping `listed` example points per list.
    public init(columns: [(name: String, wrt: [String])], names: [String], listed: Int = 5) {
        self.columns = columns.map { Column(name: $0.name, wrt: $0.wrt) }
        self.names = names
        self.listed = listed
    }

    /// The summary of `verification` alone.
    public init(_ verification: Verification, listed: Int = 5) {
        self.init(columns: verification.columns.map { ($0.name, $0.wrt) }, names: verification.points.names, listed: listed)
        add(verification)
    }

    /// Adds `verification`, of the points that follow the ones added so far.
    public mutating func add(_ verification: Verification) {
        let offset = pointCount
        let points = verification.points
        func example(_ column: Verification.Column, _ i: Int) -> Example {
            Example(
                index: offset + i, coordinates: points.columns.map { $0[i] }, status: column.status[i], symbolic: column.symbolic[i],
                extended: column.extended[i], autodiff: column.autodiff[i], tolerance: column.tolerance[i],
                oneSided: column.oneSided[i], limit: column.limits[i])
        }
        for (k, column) in verification.columns.enumerated() {
            var summary = columns[k]
            let d = column.differences
            summary.differences.absolute = Swift.max(summary.differences.absolute, d.absolute)
            summary.differences.relative = Swift.max(summary.differences.relative, d.relative)
            if let worst = d.worstPoint, d.ulps > summary.differences.ulps {
                summary.differences.ulps = d.ulps
                summary.differences.worstPoint = offset + worst
                summary.differences.toleranceUlps = d.toleranceUlps
                summary.worstCoordinates = points.columns.map { $0[worst] }
            }
            if let spread = column.finiteDifferenceSpread {
                summary.finiteDifferenceSpread = Swift.max(summary.finiteDifferenceSpread ?? 0, spread)
            }
            summary.statusCounts.merge(column.statusCounts, uniquingKeysWith: +)
            let disagreeing = column.disagreeingPoints
            summary.disagreements += disagreeing.count
            summary.disagreeing += disagreeing.prefix(listed - summary.disagreeing.count).map { example(column, $0) }
            var special = 0
            for i in column.status.indices where column.status[i] != .ok {
                if summary.special.count < listed { summary.special.append(example(column, i)) }
                special += 1
            }
            summary.specialCount += special
            columns[k] = summary
        }
        pointCount += points.count
        checkedCount += verification.checkedCount
        seconds += verification.seconds
    }

    /// Whether every `ok` value agrees; with `strict`, also whether every value is `ok`.
    public func passed(strict: Bool = false) -> Bool {
        columns.allSatisfy { $0.disagreements == 0 && (!strict || $0.specialCount == 0) }
    }

    /// How many values have each status, over all columns.
    public var statusCounts: [PointStatus: Int] {
        columns.reduce(into: [:]) { counts, column in counts.merge(column.statusCounts, uniquingKeysWith: +) }
    }
}
