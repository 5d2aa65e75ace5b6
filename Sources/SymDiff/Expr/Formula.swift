// From what the user wrote to what it means: lowering a syntax tree into the graph.

/// A parsed formula: its graph, its root node, and its free variables.
public struct Formula: Sendable {
    public var graph: ExprGraph
    public var root: NodeID
    /// The free variables in order of first appearance in the text.
    public var variables: [String]

    /// Parses `text` and lowers it into a new graph.
    public init(parsing text: String, limits: Limits = Limits(), allowPatternVariables: Bool = false) throws(Diagnostic) {
        let tree = try Parser.parse(text, limits: limits, allowPatternVariables: allowPatternVariables)
        graph = ExprGraph(limits: limits)
        root = try graph.lower(tree)
        variables = tree.freeVariables
    }
}

extension SyntaxTree {
    /// The free variables in order of first appearance in the text.
    ///
    /// Post-order lists leaves left to right, so a forward scan finds them in source order.
    public var freeVariables: [String] {
        var seen = [Bool](repeating: false, count: names.count)
        var result: [String] = []
        for node in nodes {
            guard case .variable(let name) = node.kind, !seen[Int(name.index)] else { continue }
            seen[Int(name.index)] = true
            result.append(self[name])
        }
        return result
    }
}

extension ExprGraph {
    /// Adds the meaning of `tree` to this graph and returns its root.
    ///
    /// One forward loop over the post-ordered syntax nodes: chains become n-ary sums and
    /// products, `a - b` becomes `a + (-1)*b`, `a / b` becomes `a * b^-1`, bindings are
    /// substituted, and `D(f, x, ...)` is differentiated here.
    public mutating func lower(_ tree: SyntaxTree) throws(Diagnostic) -> NodeID {
        try lowerComponents(tree)[0]
    }

    /// Adds the meaning of `tree` to this graph and returns the root of each component of a
    /// vector-valued formula, or the one root of a number-valued one.
    public mutating func lowerComponents(_ tree: SyntaxTree) throws(Diagnostic) -> [NodeID] {
        var lowered: [NodeID] = []
        lowered.reserveCapacity(tree.nodes.count)
        // The node of each name used as a variable, made once per name.
        var variables = [NodeID](repeating: .unused, count: tree.names.count)
        for node in tree.nodes {
            let id: NodeID
            func get(_ child: SyntaxID) -> NodeID { lowered[Int(child.index)] }
            switch node.kind {
            case .number(let n): id = number(tree[n])
            case .constant(let c): id = constant(c)
            case .variable(let name):
                if variables[Int(name.index)] == .unused { variables[Int(name.index)] = variable(tree[name]) }
                id = variables[Int(name.index)]
            case .patternVariable(let name): id = variable("?" + tree[name])
            case .bindingReference(let i): id = get(tree.bindings[i].value)
            case .negate(let a): id = negate(get(a))
            case .plus(let a): id = get(a)
            case .power(let a, let b): id = power(get(a), get(b))
            case .call(let f, let list):
                var arguments = OperandsBuilder()
                for i in list.indices { arguments.append(get(tree.arguments[i])) }
                id = apply(f, arguments.operands)
            case .chain(let first, let list): id = lowerChain(get(first), tree.links(list), lowered)
            case .derivative(let f, let list):
                do {
                    id = try derivative(of: get(f), withRespectTo: tree.derivativeVariables(list).map(\.name))
                } catch {
                    throw Diagnostic(limit: error, at: tree.lines.range(node.span))
                }
            }
            lowered.append(id)
        }
        do {
            try checkNodeLimit()
            try checkDeadline()
        } catch {
            throw Diagnostic(limit: error, at: tree.range(of: tree.body))
        }
        return (tree.components.isEmpty ? [tree.body] : tree.components).map { lowered[Int($0.index)] }
    }

    /// The sum or product of `first` and `links`, whose operands are lowered already.
    private mutating func lowerChain(_ first: NodeID, _ links: ArraySlice<ChainLink>, _ lowered: [NodeID]) -> NodeID {
        guard let firstOp = links.first?.op else { return first }
        var operands = OperandsBuilder()
        operands.append(first)
        for link in links {
            let operand = lowered[Int(link.operand.index)]
            switch link.op {
            case .add, .multiply: operands.append(operand)
            case .subtract: operands.append(negate(operand))
            case .divide: operands.append(power(operand, number(.minusOne)))
            }
        }
        let isSum = firstOp == .add || firstOp == .subtract
        return isSum ? sum(operands.operands) : product(operands.operands)
    }
}

extension Diagnostic {
    /// A limit error located at the part of the formula whose work ran into it.
    public init(limit: LimitExceeded, at range: SourceRange) {
        self.init(message: limit.what, hint: limit.hint, range: range)
    }
}
