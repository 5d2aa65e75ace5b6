// A named rewrite rule: a left and a right side in formula syntax, and an optional condition.

/// A side condition on a pattern variable's binding.
public enum RuleCondition: Hashable, Sendable {
    /// The variable is bound to a number.
    case number(String)
    /// The variable is bound to an even integer.
    case evenInteger(String)

    /// The variable the condition is about.
    var variable: String {
        switch self {
        case .number(let name), .evenInteger(let name): return name
        }
    }

    func holds(_ value: NodeID, in graph: ExprGraph) -> Bool {
        switch self {
        case .number: return graph.number(value) != nil
        case .evenInteger:
            guard let n = graph.number(value)?.integerValue else { return false }
            return n % 2 == 0
        }
    }
}

/// A named rule `lhs => rhs`, with `?name` pattern variables.
///
/// Every rule keeps the set of points where the expression is defined: `sqrt(?u^2) => abs(?u)`
/// is a rule, `exp(log(?u)) => ?u` is not (it would define `log` of negatives). A class,
/// because it is immutable and holds two templates: trying rules must not copy them.
public final class RewriteRule: Sendable {
    public let name: String
    public let lhs: Template
    public let rhs: Template
    public let condition: RuleCondition?
    /// The parameter index the condition is about.
    private let conditionSlot: Int
    /// The functions the left side applies, as a function mask: a node without all of them
    /// below it cannot match.
    let requiredFunctions: UInt64
    /// For a left side that is a sum or product: the heads (`ExprGraph.headCode`) its
    /// operands other than parameters have, each with how many have it; `nil` otherwise.
    private let operandHeads: [(head: UInt16, count: Int)]?
    /// The left side's head, and how many operands it has.
    private let rootHead: UInt16
    private let rootOperandCount: Int
    /// The spellings the rule was written with, for traces and tests.
    public let lhsText: String
    public let rhsText: String

    public init(_ name: String, _ lhs: String, _ rhs: String, when condition: RuleCondition? = nil) {
        self.name = name
        let pattern = Template(lhs)
        self.lhs = pattern
        requiredFunctions = pattern.graph.functionMasks[Int(pattern.root.index)]
        operandHeads = RewriteRule.operandHeads(of: pattern)
        rootHead = pattern.graph.heads[Int(pattern.root.index)]
        rootOperandCount = pattern.graph[pattern.root].operands.count
        self.rhs = Template(rhs, parameters: pattern.parameters)
        self.condition = condition
        let slot = condition.flatMap { pattern.parameters.firstIndex(of: $0.variable) }
        precondition(condition == nil || slot != nil, "rule '\(name)': condition on an unknown variable")
        conditionSlot = slot ?? -1
        lhsText = lhs
        rhsText = rhs
    }

    /// The node kinds a rule can fire on, to index rules by the head of their left side.
    enum Head: Hashable {
        case sum, product, power, apply(Function), leaf

        /// The number of distinct heads.
        static let count = 4 + Function.allCases.count

        /// A dense index, for tables of rules by head.
        var ordinal: Int {
            switch self {
            case .sum: return 0
            case .product: return 1
            case .power: return 2
            case .leaf: return 3
            case .apply(let f): return 4 + f.rawValue
            }
        }
    }

    var head: Head { Self.head(of: lhs.graph[lhs.root]) }

    static func head(of node: Node) -> Head {
        switch node {
        case .sum: return .sum
        case .product: return .product
        case .power: return .power
        case .apply(let f, _): return .apply(f)
        case .number, .constant, .variable: return .leaf
        }
    }

    /// The heads of a sum or product pattern's operands other than parameters, counted.
    private static func operandHeads(of pattern: Template) -> [(head: UInt16, count: Int)]? {
        let root = pattern.graph[pattern.root]
        switch root {
        case .sum, .product: break
        default: return nil
        }
        var counted: [(head: UInt16, count: Int)] = []
        for operand in root.operands where pattern.parameterIndex(operand) == nil {
            let head = pattern.graph.heads[Int(operand.index)]
            if let k = counted.firstIndex(where: { $0.head == head }) { counted[k].count += 1 } else { counted.append((head, 1)) }
        }
        return counted
    }

    /// Whether the left side could match at `id`, judged by heads alone, without copying
    /// nodes: for a sum or product, whether each head its operands need is there as often
    /// (the pattern's operands are assigned distinct targets, and a parameter takes any), one
    /// level down otherwise.
    private func couldMatch(at id: NodeID, in graph: ExprGraph) -> Bool {
        guard let operandHeads else { return Matcher.couldMatch(lhs, lhs.root, graph, id, depth: 1) }
        guard graph.heads[Int(id.index)] == rootHead else { return false }
        let targets = graph[id].operands
        guard targets.count >= rootOperandCount else { return false }
        for (head, count) in operandHeads {
            var found = 0
            for t in targets where graph.heads[Int(t.index)] == head { found += 1 }
            if found < count { return false }
        }
        return true
    }

    /// The rewritten node when the rule applies at `id`, else `nil`.
    func apply(at id: NodeID, in graph: inout ExprGraph) -> NodeID? {
        guard requiredFunctions & ~graph.functionMasks[Int(id.index)] == 0, couldMatch(at: id, in: graph) else { return nil }
        var bindings = Bindings(repeating: nil, count: lhs.parameters.count)
        // The matcher holds a copy of the graph; it must be gone before the graph is
        // written, or the write would copy the whole graph.
        func match(_ graph: ExprGraph) -> Operands? {
            Matcher(template: lhs, target: graph).matchRoot(lhs.root, id, &bindings)
        }
        guard let rest = match(graph) else { return nil }
        let arguments = bindings.map { $0! }
        if let condition, !condition.holds(arguments[conditionSlot], in: graph) { return nil }
        let replaced = graph.instantiate(rhs, with: Operands(arguments))
        if rest.isEmpty { return replaced }
        if case .sum = graph[id] { return graph.sum(rest.appending(replaced)) }
        return graph.product(rest.appending(replaced))
    }
}
