// Which steps of a tape a point's value depends on: not those only a branch not taken reads.
import SymDiff
import SymDiffAutodiff

extension Tape {
    /// Whether the tape has a `select` step, whose branch not taken its value ignores.
    var selects: Bool {
        steps.contains { step in
            if case .apply(.select, _, _) = step { return true }
            return false
        }
    }

    /// For each step, whether some root reads it at a point with step values `values`: through
    /// every operand, except the value of a `select` whose condition is 0 there. What only an
    /// untaken branch computes (`sqrt(x)` in `where(x > 0, sqrt(x), 0)` at `x = -1`) is dead.
    func liveSteps<S: Numeric>(values: (Int) -> S) -> [Bool] {
        var live = Array(repeating: false, count: steps.count)
        for root in roots { live[root] = true }
        for k in steps.indices.reversed() where live[k] {
            if case .apply(.select, let condition, let value?) = steps[k] {
                live[condition] = true
                if values(condition) != 0 { live[value] = true }
                continue
            }
            for operand in operands(of: steps[k]) { live[operand] = true }
        }
        return live
    }
}
