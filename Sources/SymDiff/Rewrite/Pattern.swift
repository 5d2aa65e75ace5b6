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
    let target: ExprGraph
    var pattern: ExprGraph { template.graph }

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
            return matchAll([pb, pe], [tb, te], &bindings)
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
    func matchRoot(_ p: NodeID, _ t: NodeID, _ bindings: inout Bindings) -> [NodeID]? {
        switch (pattern[p], target[t]) {
        case (.sum(let ps), .sum(let ts)), (.product(let ps), .product(let ts)):
            guard ps.count <= ts.count, sameKind(p, t) else { return nil }
            var used = [Bool](repeating: false, count: ts.count)
            guard matchMultiset(ps[...], ts, &used, &bindings) else { return nil }
            return zip(ts, used).filter { !$0.1 }.map(\.0)
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

    private func matchAll(_ ps: [NodeID], _ ts: [NodeID], _ bindings: inout Bindings) -> Bool {
        guard ps.count == ts.count else { return false }
        var trial = bindings
        for (p, t) in zip(ps, ts) where !match(p, t, &trial) { return false }
        bindings = trial
        return true
    }

    /// Assigns each pattern operand a distinct unused target operand, backtracking.
    private func matchMultiset(
        _ ps: ArraySlice<NodeID>, _ ts: [NodeID], _ used: inout [Bool], _ bindings: inout Bindings
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
        switch (template.graph[p], target[t]) {
        case (.number(let a), .number(let b)): return a == b
        case (.constant(let a), .constant(let b)): return a == b
        case (.variable(let a), .variable(let b)): return a == b
        case (.power(let pb, let pe), .power(let tb, let te)):
            return depth == 0
                || (couldMatch(template, pb, target, tb, depth: depth - 1)
                    && couldMatch(template, pe, target, te, depth: depth - 1))
        case (.apply(let f, let pa), .apply(let g, let ta)):
            guard f == g else { return false }
            if depth == 0 { return true }
            for (x, y) in zip(pa, ta) where !couldMatch(template, x, target, y, depth: depth - 1) { return false }
            return true
        case (.sum(let ps), .sum(let ts)), (.product(let ps), .product(let ts)):
            guard ts.count >= ps.count else { return false }
            if depth == 0 { return true }
            return ps.allSatisfy { x in ts.contains { y in couldMatch(template, x, target, y, depth: depth - 1) } }
        default:
            return false
        }
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
