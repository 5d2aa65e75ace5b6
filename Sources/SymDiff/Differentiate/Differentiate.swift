// Symbolic differentiation: the sum, product, power and chain rules, each written once.

/// The derivative rows of every function as templates, parsed once, indexed by raw value.
private let derivativeTemplates: [[Template]] = Function.allCases.map { f in
    f.derivativeRows.map { Template($0, parameters: f.parameterNames) }
}

/// A partial derivative of one function: the variables as a multiset, and the result.
public struct Partial: Hashable, Sendable {
    /// The variables differentiated by, in nondecreasing `--wrt` order (`["x1", "x2"]` for
    /// ∂²f/∂x1∂x2).
    public var variables: [String]
    public var node: NodeID

    /// The partial by `variables` whose expression is `node`.
    public init(variables: [String], node: NodeID) {
        self.variables = variables
        self.node = node
    }
}

extension ExprGraph {
    /// `∂f/∂variable`, memoized per node, so derivatives share structure with `f` and with
    /// each other.
    ///
    /// Works in one forward pass over the nodes under `f` that have no memoized derivative
    /// yet, children first, so its stack use does not depend on the input. A variable that
    /// does not occur gives 0.
    public mutating func derivative(of f: NodeID, withRespectTo variable: String) throws(LimitExceeded) -> NodeID {
        let x = self.variable(variable)
        reserveNodes(headroom: 256)
        // Taken out of the graph while in use, so writing to it does not copy it; so are the
        // work lists, which keep their capacity from call to call.
        let slot = memoSlot(of: x)
        var memo = memos[slot]
        memos[slot] = []
        var (pending, stack) = (buffers.pending, buffers.stack)
        (buffers.pending, buffers.stack) = ([], [])
        defer {
            memos[slot] = memo
            pending.removeAll(keepingCapacity: true)
            (buffers.pending, buffers.stack) = (pending, stack)
        }
        if memo.capacity < nodes.count { memo.reserveCapacity(max(2 * nodes.count, nodes.capacity)) }
        memo.append(contentsOf: repeatElement(-1, count: nodes.count - memo.count))
        let pendingMark: Int32 = -2
        let zero = number(.zero).index
        let bit = variableMasks[Int(x.index)]
        stack.append(f)
        while let id = stack.popLast() {
            guard memo[Int(id.index)] == -1 else { continue }
            if variableMasks[Int(id.index)] & bit == 0 {
                memo[Int(id.index)] = zero
                continue
            }
            memo[Int(id.index)] = pendingMark
            pending.append(id)
            self[id].appendOperands(to: &stack)
        }
        pending.sortMarked(in: memo, as: pendingMark)
        for id in pending {
            memo[Int(id.index)] = derivativeStep(id, x, memo).index
            try checkWork()
        }
        return NodeID(Int(memo[Int(f.index)]))
    }

    /// The index in `memos` of the derivatives by the variable node `x`, made on first use.
    private mutating func memoSlot(of x: NodeID) -> Int {
        if memoVariables.count <= ExprGraph.memoLinearSearch {
            if let k = memoVariables.firstIndex(of: x) { return k }
        } else if let k = memoSlots[x] {
            return k
        }
        memoVariables.append(x)
        memos.append([])
        let slot = memoVariables.count - 1
        if slot == ExprGraph.memoLinearSearch {
            // The first variable past the linear search: index them all.
            for (k, v) in memoVariables.enumerated() { memoSlots[v] = k }
        } else if slot > ExprGraph.memoLinearSearch {
            memoSlots[x] = slot
        }
        return slot
    }

    /// `∂^n f / ∂x_1 ... ∂x_n` for the variables in order.
    public mutating func derivative(of f: NodeID, withRespectTo variables: [String]) throws(LimitExceeded) -> NodeID {
        if variables.count > limits.maxDerivativeOrder {
            throw LimitExceeded(.derivativeOrder, limit: limits.maxDerivativeOrder)
        }
        var result = f
        for v in variables { result = try derivative(of: result, withRespectTo: v) }
        return result
    }

    /// The gradient: `∂f/∂v` for each of `variables`.
    public mutating func gradient(of f: NodeID, withRespectTo variables: [String]) throws(LimitExceeded) -> [NodeID] {
        var result: [NodeID] = []
        for v in variables { result.append(try derivative(of: f, withRespectTo: v)) }
        return result
    }

    /// Every distinct partial derivative of order `order`: one per multiset of `variables`
    /// (`i1 <= i2 <= ... <= ik` as indices), in lexicographic order. Order 2 is the upper
    /// triangle of the Hessian, row by row.
    public mutating func partials(
        of f: NodeID, order: Int, withRespectTo variables: [String]
    ) throws(LimitExceeded) -> [Partial] {
        if order > limits.maxDerivativeOrder { throw LimitExceeded(.derivativeOrder, limit: limits.maxDerivativeOrder) }
        let count = ExprGraph.multisetCount(variables.count, order, cap: Int.max - 1)
        if count > limits.maxPartials {
            throw LimitExceeded(.partials, limit: limits.maxPartials, requested: count == Int.max ? nil : count)
        }
        guard order > 0 else { return [Partial(variables: [], node: f)] }
        guard !variables.isEmpty else { return [] }
        // Depth-first over index multisets; `prefix[k]` is the partial for indices[0..<k].
        var result: [Partial] = []
        result.reserveCapacity(count)
        var indices = [Int](repeating: 0, count: order)
        var prefix = [NodeID](repeating: f, count: order + 1)
        var level = 0
        while true {
            prefix[level + 1] = try derivative(of: prefix[level], withRespectTo: variables[indices[level]])
            if level + 1 < order {
                level += 1
                indices[level] = indices[level - 1]
                continue
            }
            result.append(Partial(variables: indices.map { variables[$0] }, node: prefix[order]))
            while level >= 0 && indices[level] == variables.count - 1 { level -= 1 }
            if level < 0 { return result }
            indices[level] += 1
        }
    }

    /// The number of multisets of size `k` from `n` items, saturating just above `cap`.
    static func multisetCount(_ n: Int, _ k: Int, cap: Int) -> Int {
        // C(n + k - 1, k), computed incrementally; each step's value is an exact binomial.
        var value = 1
        for i in 0..<k {
            let (product, overflow) = value.multipliedReportingOverflow(by: n + i)
            if overflow { return cap + 1 }
            value = product / (i + 1)
            if value > cap { return cap + 1 }
        }
        return value
    }

    /// The product of a canonical product's `factors` without the one at `position`: canonical
    /// as they stand (still sorted, at most one number, first), so no collecting is needed,
    /// except that a number times one sum distributes.
    private mutating func canonicalProduct(_ factors: Operands, omitting position: Int) -> NodeID {
        if factors.count == 2 { return factors[1 - position] }
        var builder = OperandsBuilder()
        for (k, factor) in factors.enumerated() where k != position { builder.append(factor) }
        let rest = builder.operands
        if rest.count == 2, let c = number(rest[0]), case .sum = self[rest[1]] { return scaled(rest[1], by: c) }
        return intern(.product(rest))
    }

    /// The derivative of one node, given the memoized derivatives of its operands.
    private mutating func derivativeStep(_ id: NodeID, _ x: NodeID, _ memo: [Int32]) -> NodeID {
        let node = self[id]
        let operands = node.operands
        if operands.isEmpty { return number(id == x ? .one : .zero) }
        let d = operands.transformed { NodeID(Int(memo[Int($0.index)])) }
        let zero = number(.zero)
        switch node {
        case .sum:
            return sum(d)
        case .product(let factors):
            var terms = OperandsBuilder()
            for (i, di) in d.enumerated() where di != zero {
                // A numeric derivative scales the other factors, which are canonical already.
                if let c = number(di) {
                    terms.append(scaled(canonicalProduct(factors, omitting: i), by: c))
                } else {
                    terms.append(product(factors.replacing(at: i, with: di)))
                }
            }
            return sum(terms.operands)
        case .power(let u, let v):
            var terms = Operands.empty
            if d[0] != zero, let n = number(v), let c = number(d[0]) {  // n * c * u^(n-1), without collecting
                terms = terms.appending(scaled(power(u, number(n + .minusOne)), by: n * c))
            } else if d[0] != zero {  // v * u^(v-1) * u'
                terms = terms.appending(product(Operands(v, power(u, sum(Operands(v, number(.minusOne)))), d[0])))
            }
            // u^v * log(u) * v', except for the base 0: 0^v is 0 all around any v > 0 (and a
            // pole or 1 elsewhere), so nothing varies with v.
            if d[1] != zero && u != zero {
                terms = terms.appending(product(Operands(id, apply(.log, .single(u)), d[1])))
            }
            return sum(terms)
        case .apply(let function, let arguments) where function.info.selects:
            // The condition held, the picked arguments' derivatives picked: `where(c, a', b')`.
            guard d.dropFirst().contains(where: { $0 != zero }) else { return zero }
            return apply(function, d.replacing(at: 0, with: arguments[0]))
        case .apply(let function, let arguments):
            var terms = Operands.empty
            for (i, di) in d.enumerated() where di != zero {
                let outer = instantiate(derivativeTemplates[function.rawValue][i], with: arguments)
                terms = terms.appending(product(Operands(outer, di)))
            }
            return sum(terms)
        case .number, .constant, .variable:
            preconditionFailure("leaves have no operands")
        }
    }
}

extension Partial {
    /// A readable name: `d/dx1`, `d2/dx1dx2`, `d3/dx1^2dx2`; `f` for order 0.
    public var name: String {
        guard !variables.isEmpty else { return "f" }
        var runs: [(String, Int)] = []
        for v in variables {
            if let last = runs.last, last.0 == v { runs[runs.count - 1].1 += 1 } else { runs.append((v, 1)) }
        }
        let order = variables.count == 1 ? "" : String(variables.count)
        return "d\(order)/" + runs.map { "d\($0.0)" + ($0.1 > 1 ? "^\($0.1)" : "") }.joined()
    }
}
