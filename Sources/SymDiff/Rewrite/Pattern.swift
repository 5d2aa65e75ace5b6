// Matching a rule's left side against a node, with n-ary sums and products matched as multisets.

/// Values bound to pattern variables (`?a`) by a match, by parameter index.
typealias Bindings = [NodeID?]

/// Matches nodes of a template graph (the pattern) against nodes of a target graph.
///
/// `?name` variables match any node, the same node at every occurrence. A sum or product
/// pattern matches a sum or product of as many operands in any order; at the root of a rule
/// it may also match a subset of a larger one, the other operands being kept (`sin(x)^2 +
/// cos(x)^2 + y` matches `sin(?u)^2 + cos(?u)^2` with `y` left over). Recursion follows the
/// pattern, which is small, never the target.
struct Matcher {
    let template: Template
    /// The pattern's and the target's nodes, not their graphs: a copy of a graph retains all
    /// its arrays, and reading a node through the template's graph copies it each time.
    let pattern: [Node]
    let target: [Node]

    /// A matcher of `template` against the nodes of `target`.
    init(template: Template, target: ExprGraph) {
        self.template = template
        pattern = template.nodes
        self.target = target.nodes
    }

    /// Matches `p` against `t` exactly, extending `bindings` on success.
    func match(_ p: NodeID, _ t: NodeID, _ bindings: inout Bindings) -> Bool {
        if let i = template.parameterIndex(p) {
            if let bound = bindings[i] { return bound == t }
            bindings[i] = t
            return true
        }
        switch (pattern[p], target[t]) {
        case (.number(let a), .number(let b)): return a == b
        case (.constant(let a), .constant(let b)): return a == b
        case (.variable(let a), .variable(let b)): return a == b
        case (.power(let pb, let pe), .power(let tb, let te)):
            return matchAll(Operands(pb, pe), Operands(tb, te), &bindings)
        case (.apply(let f, let pa), .apply(let g, let ta)):
            return f == g && matchAll(pa, ta, &bindings)
        case (.sum(let ps), .sum(let ts)), (.product(let ps), .product(let ts)):
            guard ps.count == ts.count, sameKind(p, t) else { return false }
            var used = [Bool](repeating: false, count: ts.count)
            return matchMultiset(ps[...], ts, &used, &bindings)
        default:
            return false
        }
    }

    /// Matches the root of a rule; returns the target operands left over, or `nil`.
    func matchRoot(_ p: NodeID, _ t: NodeID, _ bindings: inout Bindings) -> Operands? {
        switch (pattern[p], target[t]) {
        case (.sum(let ps), .sum(let ts)), (.product(let ps), .product(let ts)):
            guard ps.count <= ts.count, sameKind(p, t) else { return nil }
            var used = [Bool](repeating: false, count: ts.count)
            guard matchMultiset(ps[...], ts, &used, &bindings) else { return nil }
            return Operands(zip(ts, used).lazy.filter { !$0.1 }.map(\.0))
        default:
            return match(p, t, &bindings) ? [] : nil
        }
    }

    private func sameKind(_ p: NodeID, _ t: NodeID) -> Bool {
        switch (pattern[p], target[t]) {
        case (.sum, .sum), (.product, .product): return true
        default: return false
        }
    }

    private func matchAll(_ ps: Operands, _ ts: Operands, _ bindings: inout Bindings) -> Bool {
        guard ps.count == ts.count else { return false }
        var trial = bindings
        for (p, t) in zip(ps, ts) where !match(p, t, &trial) { return false }
        bindings = trial
        return true
    }

    /// Assigns each pattern operand a distinct unused target operand, backtracking.
    private func matchMultiset(
        _ ps: Slice<Operands>, _ ts: Operands, _ used: inout [Bool], _ bindings: inout Bindings
    ) -> Bool {
        guard let p = ps.first else { return true }
        for j in ts.indices where !used[j] && mayMatch(p, ts[j]) {
            var trial = bindings
            guard match(p, ts[j], &trial) else { continue }
            used[j] = true
            if matchMultiset(ps.dropFirst(), ts, &used, &trial) {
                bindings = trial
                return true
            }
            used[j] = false
        }
        return false
    }

    /// Whether `p` could match `t`, judged by the heads of the nodes down to `depth` levels,
    /// without allocating: rejects most rule attempts before any matching state is built.
    static func couldMatch(_ template: Template, _ p: NodeID, _ target: ExprGraph, _ t: NodeID, depth: Int) -> Bool {
        if template.parameterIndex(p) != nil { return true }
        // One node at a time, not a switch over the pair: a pair would copy both nodes (and
        // retain their operand arrays) on every one of the many attempts that fail.
        switch template.nodes[Int(p.index)] {
        case .number(let a):
            if case .number(let b) = target[t] { return a == b }
        case .constant(let a):
            if case .constant(let b) = target[t] { return a == b }
        case .variable(let a):
            if case .variable(let b) = target[t] { return a == b }
        case .power(let pb, let pe):
            guard case .power(let tb, let te) = target[t] else { return false }
            return depth == 0
                || (couldMatch(template, pb, target, tb, depth: depth - 1) && couldMatch(template, pe, target, te, depth: depth - 1))
        case .apply(let f, let pa):
            guard case .apply(let g, let ta) = target[t], f == g else { return false }
            if depth == 0 { return true }
            for k in pa.indices where !couldMatch(template, pa[k], target, ta[k], depth: depth - 1) { return false }
            return true
        case .sum(let ps):
            guard case .sum(let ts) = target[t] else { return false }
            return couldMatchOperands(template, ps, target, ts, depth: depth)
        case .product(let ps):
            guard case .product(let ts) = target[t] else { return false }
            return couldMatchOperands(template, ps, target, ts, depth: depth)
        }
        return false
    }

    /// Whether a sum's or product's pattern operands `ps` could match distinct operands of
    /// `ts`, each pair judged by `couldMatch` (as a match would assign them; so `exp(?a) *
    /// exp(?b)` is rejected at once for a product with one `exp`). Up to 64 target operands
    /// the assignment is searched with a bit mask; beyond, each pattern operand need only
    /// find some target operand.
    private static func couldMatchOperands(_ template: Template, _ ps: Operands, _ target: ExprGraph, _ ts: Operands, depth: Int) -> Bool {
        guard ts.count >= ps.count else { return false }
        if depth == 0 { return true }
        guard ts.count <= 64 else {
            for x in ps where !ts.contains(where: { couldMatch(template, x, target, $0, depth: depth - 1) }) { return false }
            return true
        }
        /// Whether `ps[k...]` can be assigned to targets outside `used`.
        func assign(_ k: Int, _ used: UInt64) -> Bool {
            guard k < ps.count else { return true }
            for j in ts.indices where used & (1 << UInt64(j)) == 0 && couldMatch(template, ps[k], target, ts[j], depth: depth - 1) {
                if assign(k + 1, used | (1 << UInt64(j))) { return true }
            }
            return false
        }
        return assign(0, 0)
    }

    /// A cheap test of the heads, to skip most candidates before a full match.
    private func mayMatch(_ p: NodeID, _ t: NodeID) -> Bool {
        if template.parameterIndex(p) != nil { return true }
        switch (pattern[p], target[t]) {
        case (.number, .number), (.constant, .constant), (.variable, .variable),
            (.sum, .sum), (.product, .product), (.power, .power):
            return true
        case (.apply(let f, _), .apply(let g, _)): return f == g
        default: return false
        }
    }
}

extension Array where Element == Node {
    /// The node `id` of a graph whose nodes this is.
    subscript(_ id: NodeID) -> Node { self[Int(id.index)] }
}
