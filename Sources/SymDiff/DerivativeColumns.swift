// The values a request asks for at each point, as named columns: each function, then its partials.

extension Derivatives {
    /// One value a request asks for at each point: a formula's function or one of its partials.
    public struct Column: Sendable, Equatable {
        /// `f`, `d/dx1`, `d2/dx1dx2`; prefixed `f2:` for the second of several formulas.
        public var name: String
        /// The variables differentiated by, a multiset; empty for the function.
        public var wrt: [String]
        /// The node of its (simplified) expression, as printed.
        public var node: NodeID
        /// The node evaluated for it: `node`, or its stable lowering (`StableLowering`).
        public var evaluation: NodeID
        /// The formula it belongs to: its index in `results`.
        public var formula: Int
    }

    /// Every value the request asks for, in the order files hold them: per formula its
    /// function, then its partials (order 0, the function itself, is not repeated).
    public var columns: [Column] {
        results.enumerated().flatMap { k, result in
            let prefix = results.count > 1 ? "f\(k + 1):" : ""
            return [Column(name: prefix + "f", wrt: [], node: result.function, evaluation: evaluationNode(result.function), formula: k)]
                + result.partials.filter { !$0.variables.isEmpty }.map {
                    Column(name: prefix + $0.name, wrt: $0.variables, node: $0.node, evaluation: evaluationNode($0.node), formula: k)
                }
        }
    }

    /// The node evaluated for the printed node `node`: its stable lowering, or itself.
    public func evaluationNode(_ node: NodeID) -> NodeID { evaluationNodes[node] ?? node }

    /// One program computing every column at points whose variables are `inputs`, through
    /// the stable lowerings.
    public func program(inputs: [String]) throws(CompileError) -> Program {
        try Compiler.compile(columns.map(\.evaluation), in: graph, inputs: inputs)
    }
}
