// The two-way check: every requested value symbolically and by autodiff, with a status per point.
import Dispatch
import SymDiff
import SymDiffIO
import SymDiffAutodiff

/// Every function and partial of a request at every point, computed two independent ways
/// and compared, with a status per value.
///
/// - The symbolic value: the simplified derivative compiled and evaluated in binary64 (what
///   symdiff outputs; or in extended precision and rounded, with `--precision extended`),
///   and the same program in extended precision.
/// - The autodiff value: the formula as written, on jets in `Wide` (`JetProgram`: every
///   partial of any order in one sweep), with the autodiff module's own rules.
/// - A first-order bound `B` on the rounding error of each binary64 computation: `B_s` for
///   the symbolic derivative's own expression, `B_a` for the autodiff computation (nested
///   duals, worked out only where values do not agree without it); and `B_n` for the numbers
///   the symbolic engine rounded when it folded them (`1 - 0.1` is the binary64 `0.9`), an
///   error no precision removes. A screen computes `B_s` and `B_n` in binary64 over blocks of
///   points (`BoundSweep`); points it does not clear get `RoundingBound` in `Wide`, the
///   status probes and adaptive precision (`FormulaPlan`).
///
/// At `ok` points the binary64 value must satisfy `|symbolic - autodiff| <= 2 (B_s + B_n) +
/// 2^-10 B_a + 4 ulp`, and the extended one `|extended - autodiff| <= 2^-10 (B_s + B_a) +
/// 2 B_n + 4 ulp`: the factor 2 allows for the compiled program rounding in another order
/// than the expression, `2^-10 = 2 * 2^-64 / 2^-53` scales a binary64 bound to extended
/// precision, and 4 ulp covers the final roundings. Values output in extended precision are
/// held to the second bound. Other statuses are reported, not compared.
public struct Verification: Sendable {
    /// One function or partial at every point.
    public struct Column: Sendable {
        /// `f`, `d/dx1`, `d2/dx1dx2` (prefixed `f2:` for the second of several formulas).
        public var name: String
        /// The variables differentiated by; empty for the function.
        public var wrt: [String]
        /// The symbolic value in binary64: what symdiff outputs.
        public var symbolic: [Double] = []
        /// The value symdiff outputs: `symbolic`, or where binary64 may have lost more than 2
        /// ulps, lost digits or left its range on the way, the value in extended precision or
        /// else double-double, rounded once, when its bound is within `2^-43` relative
        /// (adaptive precision). Unchecked points keep `symbolic`.
        public var output: [Double] = []
        /// The symbolic value computed in extended precision, rounded to binary64, at the
        /// checked points (the others hold `symbolic`).
        public var extended: [Double] = []
        /// The autodiff value (in `Wide`), rounded to binary64.
        public var autodiff: [Double] = []
        /// The finite-difference estimates, by point index: taken at `finiteDifferencePoints`
        /// of the checked points spread evenly, at those where the partial is `ok`.
        public var finiteDifference: [Int: Double] = [:]
        /// The allowed `|symbolic - autodiff|` at each point.
        public var tolerance: [Double] = []
        /// The bound on the rounding error of the output value at each point (`B_s + B_n`, with
        /// `B_s` scaled to extended precision when the value was computed in it, plus half an
        /// ulp for its final rounding then).
        public var roundingBound: [Double] = []
        public var status: [PointStatus] = []
        /// Whether the values agree within tolerance (always true at points not `ok`).
        public var agrees: [Bool] = []
        /// The one-sided partials at the nondifferentiable points, by point index.
        public var oneSided: [Int: OneSided] = [:]
        /// The limit at the removable points, by point index.
        public var limits: [Int: Double] = [:]

        init(name: String, wrt: [String]) {
            self.name = name
            self.wrt = wrt
        }

        /// How many values disagree.
        public var disagreements: Int { agrees.count { !$0 } }
    }

    public var points: PointSet
    public var columns: [Column]
    /// How many points were checked; the others are `unverified`.
    public var checkedCount: Int
    /// The variables the partials are taken by, in the request's order.
    public var variables: [String]
    /// The columns of each formula: its function, then its partials.
    public var formulaColumns: [Range<Int>] = []
    /// How long the check took, in seconds (for `--stats`).
    public var seconds = 0.0

    /// Whether every `ok` value agrees; with `strict`, also whether every value is `ok`.
    public func passed(strict: Bool = false) -> Bool {
        columns.allSatisfy { $0.disagreements == 0 && (!strict || $0.status.allSatisfy { $0 == .ok }) }
    }

    /// How many values have each status, over all columns.
    public var statusCounts: [PointStatus: Int] {
        columns.reduce(into: [:]) { counts, column in counts.merge(column.statusCounts, uniquingKeysWith: +) }
    }

    /// The highest order of a mixed partial whose autodiff rounding bound is computed (by
    /// nested duals, where values do not agree without it); jets compute every order.
    public static let maxNestedOrder = 4
    /// The number of points per column at which finite differences are taken, spread evenly.
    public static let finiteDifferencePoints = 256

    /// Checks every function and partial of `derivatives` at `points`, whose names must
    /// include every free variable, on `threads` workers. `precision` is that of the values
    /// checked (the ones symdiff outputs with `--precision`).
    ///
    /// At most `maxPoints` points are checked, spread evenly over the set; none is started
    /// after `deadline`. Points not checked are `unverified`. `progress` is called with the
    /// number of points checked so far, from the workers, after each chunk.
    public init(
        _ derivatives: Derivatives, at points: PointSet, precision: Precision = .double, threads: Int = ProcessInfoCores.count,
        maxPoints: Int? = nil, deadline: ContinuousClock.Instant? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(VerificationError) {
        let verifier = try Verifier(derivatives, names: points.names, precision: precision, threads: threads)
        var selection = Verifier.Selection(count: points.count, maxPoints: maxPoints)
        self = verifier.check(
            points, selected: selection.next(upTo: points.count), finiteDifferencePoints: Self.finiteDifferencePoints,
            deadline: deadline, progress: progress)
    }

    /// A verification of `columns` at `points`, as `Verifier.check` finds it.
    init(points: PointSet, columns: [Column], checkedCount: Int, variables: [String], formulaColumns: [Range<Int>], seconds: Double) {
        self.points = points
        self.columns = columns
        self.checkedCount = checkedCount
        self.variables = variables
        self.formulaColumns = formulaColumns
        self.seconds = seconds
    }
}

/// Why a verification cannot run.
public enum VerificationError: ReportedError, Equatable, Sendable {
    /// The jets for the requested partials would need this many coefficients (`nil`: more
    /// than `Int` holds), more than `JetLayout.maxMonomials`.
    case tooManyCoefficients(Int?)
    /// The points have no values for this free variable.
    case missingVariable(String)

    public var message: String {
        switch self {
        case .tooManyCoefficients(let count):
            "the check would need jets of \(count.map(String.init) ?? "too many") coefficients, more than the limit of \(JetLayout.maxMonomials)"
        case .missingVariable(let name): "the points have no values for '\(name)'"
        }
    }

    public var hint: String? {
        switch self {
        case .tooManyCoefficients: "verify fewer variables or a lower order"
        case .missingVariable: "give every free variable a value"
        }
    }
}

extension Verification.Column {
    /// How many of this column's values have each status (the statuses that occur).
    public var statusCounts: [PointStatus: Int] {
        var counts = [Int](repeating: 0, count: PointStatus.allCases.count)
        for s in status { counts[s.code] += 1 }
        return Dictionary(uniqueKeysWithValues: PointStatus.allCases.filter { counts[$0.code] > 0 }.map { ($0, counts[$0.code]) })
    }
}
