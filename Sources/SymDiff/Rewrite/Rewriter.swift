// Running rewrite rules bottom-up to a fixpoint, under explicit limits.

/// Why a simplification run stopped.
public enum RewriteStop: String, Sendable {
    /// A whole pass changed nothing.
    case fixpoint
    /// `maxPasses` passes ran and the last one still changed something.
    case passLimit
}

/// What a simplification run did.
public struct RewriteReport: Sendable {
    public var passes = 0
    public var stop = RewriteStop.fixpoint
    /// How often each rule fired, by name.
    public var fired: [String: Int] = [:]
}

/// Simplifies expressions with named rules, bottom-up, until nothing changes.
///
/// Each pass rebuilds the nodes under the roots children first (one forward loop, no
/// recursion on the input) and tries the rules whose left side has the node's head, up to
/// `maxRewritesPerNode` in a row. Passes repeat to a fixpoint or `maxPasses`; the node limit
/// of the graph bounds the size. Nodes found in normal form are remembered, so later runs on
/// the same graph (the Hessian after the gradient) skip the shared parts.
public struct Rewriter: Sendable {
    public var maxPasses = 16
    public var maxRewritesPerNode = 8
    public private(set) var report = RewriteReport()
    /// The rules, grouped by the ordinal of their left side's head.
    private let rules: RuleIndex
    /// Per node index, whether the node is known to be in normal form.
    private var normal: [Bool] = []

    public init(rules: [RewriteRule]) {
        self.rules = RuleIndex(rules)
    }

    /// A rewriter with every rule of `Rules.rewriteRules`.
    public init() {
        rules = Rewriter.defaultRules
    }

    private static let defaultRules = RuleIndex(Rules.rewriteRules)

    /// The simplified form of each root.
    public mutating func simplify(_ roots: [NodeID], in graph: inout ExprGraph) throws(LimitExceeded) -> [NodeID] {
        var current = roots
        for _ in 0..<maxPasses {
            report.passes += 1
            let next = try pass(current, &graph)
            if next == current {
                report.stop = .fixpoint
                return next
            }
            current = next
        }
        report.stop = .passLimit
        return current
    }

    /// The simplified form of `root`.
    public mutating func simplify(_ root: NodeID, in graph: inout ExprGraph) throws(LimitExceeded) -> NodeID {
        try simplify([root], in: &graph)[0]
    }

    private mutating func pass(_ roots: [NodeID], _ graph: inout ExprGraph) throws(LimitExceeded) -> [NodeID] {
        normal.append(contentsOf: repeatElement(false, count: graph.count - normal.count))
        // map[i]: -1 untouched (in normal form, maps to itself), -2 pending, else the result.
        var map = [Int32](repeating: -1, count: graph.count)
        // The graph's work lists, taken out while in use (a pass does not nest).
        var (pending, stack) = (graph.buffers.pending, graph.buffers.stack)
        (graph.buffers.pending, graph.buffers.stack) = ([], [])
        defer {
            pending.removeAll(keepingCapacity: true)
            (graph.buffers.pending, graph.buffers.stack) = (pending, stack)
        }
        stack.append(contentsOf: roots)
        while let id = stack.popLast() {
            let i = Int(id.index)
            guard !normal[i], map[i] == -1 else { continue }
            map[i] = -2
            pending.append(id)
            graph[id].appendOperands(to: &stack)
        }
        pending.sortMarked(in: map, as: -2)
        for id in pending {
            let node = graph[id]
            let operands = Self.mapped(node.operands, map)
            var result = operands == node.operands ? id : graph.rebuild(node, operands: operands)
            var rewrites = 0
            while rewrites < maxRewritesPerNode, let next = rewriteOnce(result, &graph) {
                result = next
                rewrites += 1
            }
            if result == id && rewrites == 0 { normal[Int(id.index)] = true }
            map[Int(id.index)] = result.index
            try graph.checkWork()
        }
        let results = map
        return roots.map { results[Int($0.index)] >= 0 ? NodeID(Int(results[Int($0.index)])) : $0 }
    }

    /// `operands` with each replaced by its result in `map` (itself when untouched). Static,
    /// with `map` a parameter: a closure capturing the pass's variable would check exclusive
    /// access at run time on every call.
    private static func mapped(_ operands: Operands, _ map: [Int32]) -> Operands {
        operands.transformed { map[Int($0.index)] >= 0 ? NodeID(Int(map[Int($0.index)])) : $0 }
    }

    private mutating func rewriteOnce(_ id: NodeID, _ graph: inout ExprGraph) -> NodeID? {
        let head = RewriteRule.head(of: graph[id]).ordinal
        let present = graph.functionMasks[Int(id.index)]
        for k in rules.starts[head]..<rules.starts[head + 1] where rules.requiredFunctions[k] & ~present == 0 {
            let rule = rules.rules[k]
            if let result = rule.apply(at: id, in: &graph), result != id {
                report.fired[rule.name, default: 0] += 1
                return result
            }
        }
        return nil
    }
}

/// Rules in one flat list grouped by head, with the functions each one's left side needs
/// beside it: a rule whose functions are missing is skipped without being touched, so
/// skipping costs no reference counting.
private struct RuleIndex: Sendable {
    /// The rules, ordered by head ordinal (stable within a head).
    let rules: [RewriteRule]
    /// `rules[k].requiredFunctions`.
    let requiredFunctions: [UInt64]
    /// The rules of head ordinal `h` are `starts[h]..<starts[h + 1]`.
    let starts: [Int]

    init(_ list: [RewriteRule]) {
        let sorted = list.enumerated().sorted { ($0.element.head.ordinal, $0.offset) < ($1.element.head.ordinal, $1.offset) }
            .map(\.element)
        rules = sorted
        requiredFunctions = sorted.map(\.requiredFunctions)
        starts = (0...RewriteRule.Head.count).map { h in sorted.firstIndex { $0.head.ordinal >= h } ?? sorted.count }
    }
}
