// The check prepared once (compiled program, jet plans) and run on one set of points after another.
import SymDiff
import SymDiffIO

/// What `Verification` needs for a request, made once: the compiled program, one plan per
/// formula; `check` then verifies any number of point sets with it, so that a long run is
/// verified a chunk of points at a time in bounded memory.
public final class Verifier: Sendable {
    private let plans: [FormulaPlan]
    private let evaluator: Evaluator
    private let template: [Verification.Column]
    private let variables: [String]
    private let formulaColumns: [Range<Int>]
    private let precision: Precision
    private let threads: Int

    /// Prepares the check of every function and partial of `derivatives` at points with
    /// variables `names` (which must include every free variable), on `threads` workers;
    /// `precision` is that of the values checked.
    public init(_ derivatives: Derivatives, names: [String], precision: Precision = .double, threads: Int = ProcessInfoCores.count) throws(VerificationError) {
        variables = derivatives.variables
        let requested = derivatives.columns
        template = requested.map { Verification.Column(name: $0.name, wrt: $0.wrt) }
        var plans: [FormulaPlan] = []
        var formulaColumns: [Range<Int>] = []
        for (k, result) in derivatives.results.enumerated() {
            let first = requested.firstIndex { $0.formula == k }!
            formulaColumns.append(first..<(requested.lastIndex { $0.formula == k }! + 1))
            // The symbolic values checked are those of the program: through the stable lowerings.
            var evaluated = result
            evaluated.function = derivatives.evaluationNode(result.function)
            let partials = result.partials.filter { !$0.variables.isEmpty }.map {
                Partial(variables: $0.variables, node: derivatives.evaluationNode($0.node))
            }
            do {
                plans.append(try FormulaPlan(
                    derivatives.graph, evaluated, partials: partials, names: names, firstColumn: first, precision: precision))
            } catch {
                throw .tooManyCoefficients(error.monomials)
            }
        }
        let program: Program
        do {
            program = try derivatives.program(inputs: names)
        } catch {
            switch error {
            case .missingInput(let name): throw .missingVariable(name)
            }
        }
        self.plans = plans
        self.formulaColumns = formulaColumns
        evaluator = Evaluator(program, threads: threads)
        self.precision = precision
        self.threads = threads
    }

    /// Verifies `points` (with the variables of `init`), checking the points `selected`
    /// (indices into `points`, increasing), finite differences at about
    /// `finiteDifferencePoints` of them; none is started after `deadline`. `progress` gets
    /// the number of points checked so far, from the workers, after each chunk.
    public func check(
        _ points: PointSet, selected: [Int], finiteDifferencePoints: Int = Verification.finiteDifferencePoints,
        deadline: ContinuousClock.Instant? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) -> Verification {
        let start = ContinuousClock.now
        var columns = template
        let symbolic = evaluator.evaluate(points.columns, count: points.count, precision: precision)
        // The extended-precision values: the output itself with `--precision extended`, else
        // the second symbolic opinion and the refined outputs of the screen, computed at the
        // points checked (the others keep the binary64 value).
        var extended = symbolic
        if precision != .extended && selected.count == points.count {
            extended = evaluator.evaluate(points.columns, count: points.count, precision: .extended)
        } else if precision != .extended && !selected.isEmpty {
            let inputs = points.columns.map { column in selected.map { column[$0] } }
            let values = evaluator.evaluate(inputs, count: selected.count, precision: .extended)
            for k in extended.indices {
                for (slot, i) in selected.enumerated() { extended[k][i] = values[k][slot] }
            }
        }
        for k in columns.indices {
            columns[k].symbolic = symbolic[k]
            columns[k].extended = extended[k]
        }
        let run = CheckRun(
            plans: plans, points: points, template: columns, selected: selected,
            finiteDifferenceStride: Swift.max(1, selected.count / Swift.max(1, finiteDifferencePoints)), threads: threads,
            deadline: deadline, progress: progress)
        let elapsed = ContinuousClock.now - start
        return Verification(
            points: points, columns: run.columns, checkedCount: run.checkedCount, variables: variables,
            formulaColumns: formulaColumns, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// The points to check out of `count`: all, or `maxPoints` spread evenly (point
    /// `floor(j * count / maxPoints)` for each `j`), handed out range by range.
    public struct Selection: Sendable {
        private let count: Int
        private let target: Int
        private var j = 0

        /// The selection of at most `maxPoints` (all when `nil`) of `count` points.
        public init(count: Int, maxPoints: Int?) {
            self.count = count
            target = Swift.max(0, Swift.min(count, maxPoints ?? count))
        }

        /// How many points are selected in all.
        public var total: Int { target }

        /// The selected points below `end` not handed out yet (absolute indices, increasing);
        /// ranges must be asked for in order.
        public mutating func next(upTo end: Int) -> [Int] {
            var indices: [Int] = []
            while j < target {
                let i = target == count ? j : Int((Double(j) * Double(count) / Double(target)).rounded(.down))
                guard i < end else { break }
                indices.append(i)
                j += 1
            }
            return indices
        }
    }
}
