// Formulas over named parameters, parsed once and instantiated into any graph.

/// A formula over named parameters (`cos(u)`, `?a^(?m + ?n)`), kept in a small graph of its
/// own and copied into a target graph with the parameters replaced.
///
/// Derivative rows and the two sides of rewrite rules are templates, so those tables stay
/// in formula syntax.
public struct Template: Sendable {
    /// The template's own graph; parameters are variables there (`?a` keeps its `?`).
    public let graph: ExprGraph
    public let root: NodeID
    /// Nodes reachable from `root`, in evaluation order.
    let order: [NodeID]

    /// Parses `text`; `?name` pattern variables are allowed. Traps on invalid text, because
    /// templates are the program's own tables, checked by the tests.
    public init(_ text: String) {
        do {
            let formula = try Formula(parsing: text, allowPatternVariables: true)
            graph = formula.graph
            root = formula.root
            order = formula.graph.reachable(from: [formula.root])
        } catch {
            preconditionFailure("invalid built-in template '\(text)': \(error)")
        }
    }
}

extension ExprGraph {
    /// A copy of `template` in this graph, each parameter replaced by its binding.
    public mutating func instantiate(_ template: Template, with bindings: [String: NodeID]) -> NodeID {
        var map = [NodeID](repeating: template.root, count: template.graph.count)
        for id in template.order {
            let node = template.graph[id]
            if case .variable(let name) = node, let bound = bindings[name] {
                map[Int(id.index)] = bound
            } else {
                map[Int(id.index)] = rebuild(node, operands: node.operands.map { map[Int($0.index)] })
            }
        }
        return map[Int(template.root.index)]
    }
}
