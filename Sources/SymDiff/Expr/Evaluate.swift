// The scalar interpreter: the value of nodes at one point, in binary64.
import Foundation

extension ExprGraph {
    /// The values of `roots` at the point `values` (a value per free variable), in binary64.
    ///
    /// One forward loop over the reachable nodes. IEEE semantics throughout: a point outside
    /// the domain gives NaN or an infinity, never a trap. An unbound variable is NaN.
    public func evaluate(_ roots: [NodeID], at values: [String: Double]) -> [Double] {
        var value: [NodeID: Double] = [:]
        for id in reachable(from: roots) {
            let node = self[id]
            let x = node.operands.map { value[$0]! }
            switch node {
            case .number(let n): value[id] = n.doubleValue
            case .constant(let c): value[id] = c.value
            case .variable(let name): value[id] = values[name] ?? .nan
            case .sum: value[id] = x.dropFirst().reduce(x[0], +)
            case .product: value[id] = x.dropFirst().reduce(x[0], *)
            case .power: value[id] = Foundation.pow(x[0], x[1])
            case .apply(let f, _): value[id] = f.evaluate(arguments: x)
            }
        }
        return roots.map { value[$0]! }
    }

    /// The value of `root` at the point `values`.
    public func evaluate(_ root: NodeID, at values: [String: Double]) -> Double {
        evaluate([root], at: values)[0]
    }
}
