// Formulas over named parameters, parsed once and instantiated into any graph.

/// A formula over named parameters (`cos(u)`, `?a^(?m + ?n)`), kept in a small graph of its
/// own and copied into a target graph with the parameters replaced.
///
/// Derivative rows and the two sides of rewrite rules are templates, so those tables stay
/// in formula syntax. Parameters are positional: `parameters[i]` is replaced by the `i`-th
/// argument of `instantiate`, so instantiating does no name lookups. A class, because it is
/// immutable and holds a whole graph: passing it around must not copy that.
public final class Template: Sendable {
    /// The template's own graph; parameters are variables there (`?a` keeps its `?`).
    public let graph: ExprGraph
    /// The graph's nodes, kept apart: reading a node through `graph` would copy the graph
    /// value out of the class (retaining all its arrays) on every read.
    let nodes: [Node]
    public let root: NodeID
    /// The parameter names, in argument order.
    public let parameters: [String]
    /// Nodes reachable from `root`, in evaluation order.
    let order: [NodeID]
    /// Per node of `graph`, the index of the parameter it is, or -1.
    let slot: [Int]

    /// Parses `text`, in which `?name` pattern variables are allowed. `parameters` defaults to
    /// the variables of `text` in order of first appearance. Traps on invalid text, because
    /// templates are the program's own tables, checked by the tests.
    public init(_ text: String, parameters: [String]? = nil) {
        do {
            let formula = try Formula(parsing: text, allowPatternVariables: true)
            graph = formula.graph
            nodes = formula.graph.nodes
            root = formula.root
            order = formula.graph.reachable(from: [formula.root])
        } catch {
            preconditionFailure("invalid built-in template '\(text)': \(error)")
        }
        let names = parameters ?? graph.variables(in: [root])
        self.parameters = names
        slot = graph.nodes.map { node in
            if case .variable(let name) = node { return names.firstIndex(of: name) ?? -1 }
            return -1
        }
    }

    /// The parameter index of node `id`, or `nil` when it is not a parameter.
    func parameterIndex(_ id: NodeID) -> Int? {
        let i = slot[Int(id.index)]
        return i >= 0 ? i : nil
    }
}

extension ExprGraph {
    /// A copy of `template` in this graph, parameter `i` replaced by `arguments[i]`; with
    /// `expandingDefinitions`, each defined function the template calls replaced by its
    /// definition, down to primitives (definitions nest a few levels at most: `selu` calls `elu`).
    public mutating func instantiate(_ template: Template, with arguments: Operands, expandingDefinitions: Bool = false) -> NodeID {
        // On the stack: a template has a few nodes, and this runs once per chain-rule step.
        withUnsafeTemporaryAllocation(of: NodeID.self, capacity: template.nodes.count) { map in
            for id in template.order {
                let node = template.nodes[Int(id.index)]
                if let i = template.parameterIndex(id) {
                    map[Int(id.index)] = arguments[i]
                    continue
                }
                let operands = Self.mapped(node.operands, UnsafeBufferPointer(map))
                if expandingDefinitions, case .apply(let f, _) = node, let inner = f.definition {
                    map[Int(id.index)] = instantiate(inner, with: operands, expandingDefinitions: true)
                } else {
                    map[Int(id.index)] = rebuild(node, operands: operands)
                }
            }
            return map[Int(template.root.index)]
        }
    }

    /// `operands` (template node IDs) as the graph nodes `map` gives them. Static, with `map` a
    /// parameter: a closure capturing the caller's variable would check exclusive access at
    /// run time on every call.
    private static func mapped(_ operands: Operands, _ map: UnsafeBufferPointer<NodeID>) -> Operands {
        operands.transformed { map[Int($0.index)] }
    }
}
