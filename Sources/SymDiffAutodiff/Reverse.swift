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
        let order = graph.reachable(from: [root])
        let (value, constant) = nodeValues(graph, order: order, at: point)
        var adjoint: [NodeID: Double] = [root: 1]
        for id in order.reversed() {
            guard let a = adjoint[id], a != 0 else { continue }
            let node = graph[id]
            let operands = node.operands
            if operands.isEmpty { continue }
            let partials = localPartials(node, operands.map { value[$0]! }, graph, constant)
            for (operand, partial) in zip(operands, partials) where partial != 0 {
                adjoint[operand, default: 0] += a * partial
            }
        }
        var variableNodes: [String: NodeID] = [:]
        for id in order {
            if case .variable(let name) = graph[id] { variableNodes[name] = id }
        }
        return variables.map { name in variableNodes[name].flatMap { adjoint[$0] } ?? 0 }
    }

    /// `∂node/∂operand_i` at the operands' values `x`.
    private static func localPartials(_ node: Node, _ x: [Double], _ graph: ExprGraph, _ constant: Set<NodeID>) -> [Double] {
        switch node {
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
                return operation(node, seeded, graph, constant).derivative
            }
        }
    }
}
