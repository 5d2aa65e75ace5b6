// Reverse mode: a whole gradient in one backward sweep over the graph.
import SymDiff

extension Autodiff {
    /// The gradient of `root` by `variables` at `point`, in one forward and one backward sweep
    /// (reverse mode), whatever the number of variables.
    ///
    /// Node values come from the forward pass; each node passes its adjoint to its operands
    /// times the local partial derivative. Sums pass it unchanged; products use the product of
    /// the other factors (prefix and suffix products, so a zero factor needs no division); powers
    /// and functions take the local partial from this module's own dual-number rules, one
    /// seeded evaluation per operand. A zero adjoint or a zero local partial contributes
    /// nothing, as a zero tangent stays zero in forward mode: both modes agree where a
    /// selected branch is constant (`min(x, 1)` past the tie) even if the outer slope is infinite.
    public static func reverseGradient(
        of root: NodeID, in graph: ExprGraph, at point: [String: Double], variables: [String]
    ) -> [Double] {
        let tape = Tape(graph, roots: [root], variables: variables)
        let value = tape.values(at: variables.map { point[$0] ?? .nan })
        var adjoint = [Double](repeating: 0, count: value.count)
        adjoint[tape.roots[0]] = 1
        var gradient = [Double](repeating: 0, count: variables.count)
        for (k, step) in zip(tape.steps.indices, tape.steps).reversed() {
            let a = adjoint[k]
            guard a != 0 else { continue }
            if case .variable(let v) = step, v >= 0 { gradient[v] = a }
            let operands = tape.operands(of: step)
            if operands.isEmpty { continue }
            let partials = localPartials(tape, step, operands.map { value[$0] })
            for (operand, partial) in zip(operands, partials) where partial != 0 {
                adjoint[operand] += a * partial
            }
        }
        return gradient
    }

    /// `∂step/∂operand_i` at the operands' values `x`.
    private static func localPartials(_ tape: Tape, _ step: Tape.Step, _ x: [Double]) -> [Double] {
        switch step {
        case .sum:
            return x.map { _ in 1 }
        case .product:
            var prefix = [Double](repeating: 1, count: x.count)
            var suffix = [Double](repeating: 1, count: x.count)
            for i in x.indices.dropFirst() { prefix[i] = prefix[i - 1] * x[i - 1] }
            for i in x.indices.reversed().dropFirst() { suffix[i] = suffix[i + 1] * x[i + 1] }
            return x.indices.map { prefix[$0] * suffix[$0] }
        default:
            return x.indices.map { i in
                let seeded = x.indices.map { Dual<Double>(value: x[$0], derivative: $0 == i ? 1 : 0) }
                return tape.operation(step, seeded).derivative
            }
        }
    }
}
