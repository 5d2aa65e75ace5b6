// The two-way check: every requested value symbolically and by autodiff, with a status per point.
import Dispatch
import SymDiff
import SymDiffAutodiff

/// Every function and partial of a request at every point, computed two independent ways
/// and compared, with a status per value.
///
/// - The symbolic value: the simplified derivative compiled and evaluated in binary64 (what
///   symdiff outputs; or in extended precision and rounded, with `--precision extended`),
///   and the same program in extended precision.
/// - The autodiff value: the original formula differentiated by nested dual numbers (Taylor
///   series for pure partials above order 4) in `Wide`, with the module's own rules.
/// - A first-order bound `B` on the rounding error of each binary64 computation
///   (`RoundingBound`): `B_s` for the symbolic derivative's own expression, `B_a` for the
///   autodiff computation; and `B_n` for the numbers the symbolic engine rounded when it
///   folded them (`1 - 0.1` is the binary64 `0.9`), an error no precision removes.
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
        /// The symbolic value computed in extended precision, rounded to binary64.
        public var extended: [Double] = []
        /// The autodiff value (in `Wide`), rounded to binary64.
        public var autodiff: [Double] = []
        /// The finite-difference estimate (NaN for the function and at points not `ok`).
        public var finiteDifference: [Double] = []
        /// The allowed `|symbolic - autodiff|` at each point.
        public var tolerance: [Double] = []
        /// The bound on the rounding error of the symbolic value at each point (`B_s + B_n`,
        /// with `B_s` scaled to extended precision when that is the output's).
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

    /// Whether every `ok` value agrees; with `strict`, also whether every value is `ok`.
    public func passed(strict: Bool = false) -> Bool {
        columns.allSatisfy { $0.disagreements == 0 && (!strict || $0.status.allSatisfy { $0 == .ok }) }
    }

    /// How many values have each status, over all columns.
    public var statusCounts: [PointStatus: Int] {
        columns.reduce(into: [:]) { counts, column in
            for s in column.status { counts[s, default: 0] += 1 }
        }
    }

    /// The highest order of a mixed partial the autodiff path computes (pure partials have no limit).
    public static let maxMixedOrder = 4

    /// Checks every function and partial of `derivatives` at `points`, whose names must
    /// include every free variable, spreading points over `threads` workers. `precision` is
    /// that of the values checked (the ones symdiff outputs with `--precision`).
    public init(
        _ derivatives: Derivatives, at points: PointSet, precision: Precision = .double, threads: Int = ProcessInfoCores.count
    ) throws(VerificationError) {
        self.points = points
        var columns: [Column] = []
        var plans: [FormulaPlan] = []
        var roots: [NodeID] = []
        for (k, result) in derivatives.results.enumerated() {
            let prefix = derivatives.results.count > 1 ? "f\(k + 1):" : ""
            let partials = result.partials.filter { !$0.variables.isEmpty }
            for partial in partials where Set(partial.variables).count > 1 && partial.variables.count > Self.maxMixedOrder {
                throw .unsupportedOrder(partial.variables)
            }
            plans.append(FormulaPlan(
                derivatives.graph, result, partials: partials, names: points.names, firstColumn: columns.count, precision: precision))
            columns.append(Column(name: prefix + "f", wrt: []))
            columns += partials.map { Column(name: prefix + $0.name, wrt: $0.variables) }
            roots += [result.function] + partials.map(\.node)
        }
        let program: Program
        do {
            program = try Compiler.compile(roots, in: derivatives.graph, inputs: points.names)
        } catch {
            switch error {
            case .missingInput(let name): throw .missingVariable(name)
            }
        }
        let evaluator = Evaluator(program, threads: threads)
        let symbolic = evaluator.evaluate(points.columns, count: points.count, precision: precision)
        let extended = evaluator.evaluate(points.columns, count: points.count, precision: .extended)
        for k in columns.indices {
            columns[k].symbolic = symbolic[k]
            columns[k].extended = extended[k]
        }
        let chunks = Self.chunks(points.count, threads: threads)
        let checked = UnsafeSendableBuffer<[Column]>(count: chunks.count)
        let template = columns
        let formulas = plans
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            var part = template.map { Column(name: $0.name, wrt: $0.wrt) }
            for i in chunks[c] {
                for plan in formulas { plan.check(point: i, points: points, template: template, into: &part) }
            }
            checked[c] = part
        }
        for c in chunks.indices {
            for (k, part) in checked[c].enumerated() { columns[k].append(part) }
        }
        self.columns = columns
    }

    /// Point ranges for the workers: a few per thread, for balance.
    private static func chunks(_ count: Int, threads: Int) -> [Range<Int>] {
        let size = Swift.max(1, (count + 4 * threads - 1) / (4 * Swift.max(1, threads)))
        return stride(from: 0, to: count, by: size).map { $0..<Swift.min(count, $0 + size) }
    }
}

/// Why a verification cannot run.
public enum VerificationError: Error, Equatable, Sendable {
    /// A mixed partial above `Verification.maxMixedOrder`, which the autodiff path does not compute.
    case unsupportedOrder([String])
    /// The points have no values for this free variable.
    case missingVariable(String)
}

extension Verification.Column {
    /// Appends the autodiff-side results of another column for the following points.
    mutating func append(_ other: Verification.Column) {
        autodiff += other.autodiff
        finiteDifference += other.finiteDifference
        tolerance += other.tolerance
        roundingBound += other.roundingBound
        agrees += other.agrees
        let offset = status.count
        status += other.status
        for (i, sides) in other.oneSided { oneSided[i + offset] = sides }
        for (i, limit) in other.limits { limits[i + offset] = limit }
    }
}

/// A fixed number of slots that concurrent workers each write one of, once.
final class UnsafeSendableBuffer<Element>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Element?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    subscript(index: Int) -> Element {
        get { slots[index]! }
        set { slots[index] = newValue }
    }
}
