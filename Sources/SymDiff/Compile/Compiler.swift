// Lowering expression nodes to one straight-line program with reused registers.

/// Why expressions could not be compiled.
public enum CompileError: Error, Hashable, Sendable {
    /// The expressions use a variable that the inputs do not provide.
    case missingInput(String)
}

/// Compiles the nodes under some roots into one `Program`.
///
/// Every node reachable from the roots is computed once, children first (the graph's node
/// order); nothing else is. Integer powers up to `maxMultiplyPower` become multiplications,
/// `x^-n` a reciprocal, and a product with negative powers one division of the numerator by
/// the denominator. A register is freed after its node's last use and reused.
public struct Compiler {
    /// Integer powers up to this are computed by multiplying; larger ones by `pow`.
    public static let maxMultiplyPower: Int64 = 4

    private let graph: ExprGraph
    private var instructions: [Instruction] = []
    private var prologue: [Instruction] = []
    private var registerOf: NodeMap<Int32>
    private var pinned = Set<Int32>()
    private var free: [Int32] = []
    private var registerCount: Int32 = 0
    private var remainingUses: NodeMap<Int>

    private init(graph: ExprGraph) {
        self.graph = graph
        registerOf = NodeMap(count: graph.count)
        remainingUses = NodeMap(count: graph.count)
        inlined = NodeSet(count: graph.count)
        filledEarly = NodeSet(count: graph.count)
        sineOf = NodeMap(count: graph.count)
        cosineOf = NodeMap(count: graph.count)
    }

    /// The program computing `roots` from columns named `inputs`, with its runs of additions and
    /// multiplications fused into chains unless `fusing` is false.
    public static func compile(
        _ roots: [NodeID], in graph: ExprGraph, inputs: [String], fusing: Bool = true
    ) throws(CompileError) -> Program {
        // Defined functions are compiled as their definitions: every instruction is a primitive's.
        var graph = graph
        let roots = graph.expandingDefinitions(roots)
        var compiler = Compiler(graph: graph)
        let order = evaluationOrder(roots, in: graph)
        compiler.findInlineDenominators(order, roots: roots)
        for id in order {
            if case .apply(.sin, let arguments) = graph[id] { compiler.sineOf[arguments[0]] = id }
            if case .apply(.cos, let arguments) = graph[id] { compiler.cosineOf[arguments[0]] = id }
        }
        for id in order where !compiler.inlined.contains(id) {
            for operand in compiler.uses(of: id) { compiler.remainingUses[operand, default: 0] += 1 }
        }
        for root in roots { compiler.remainingUses[root, default: 0] += 1 << 40 }
        var variableNodes: [String: NodeID] = [:]
        for id in order {
            if case .variable(let name) = graph[id] { variableNodes[name] = id }
        }
        for (column, name) in inputs.enumerated() {
            let register = compiler.newRegister()
            compiler.pinned.insert(register)
            compiler.prologue.append(Instruction(.input(column), result: register))
            if let id = variableNodes[name] { compiler.registerOf[id] = register }
        }
        for id in order where !compiler.inlined.contains(id) {
            try compiler.emit(id)
        }
        let program = Program(
            inputs: inputs, prologue: compiler.prologue, body: compiler.instructions,
            registerCount: Int(compiler.registerCount), outputs: roots.map { compiler.registerOf[$0]! })
        return fusing ? program.fusingChains() : program
    }

    /// The nodes under `roots` in the order they are computed: depth first from each root in
    /// turn, operands before the node (a topological order), so that a value is computed
    /// close to where it is first read and fewer values are live at once than in node order.
    /// Iterative: a deep graph cannot exhaust the stack.
    static func evaluationOrder(_ roots: [NodeID], in graph: ExprGraph) -> [NodeID] {
        var visited = [Bool](repeating: false, count: graph.count)
        var order: [NodeID] = []
        var stack: [(id: NodeID, operands: Operands, next: Int)] = []
        for root in roots where !visited[Int(root.index)] {
            visited[Int(root.index)] = true
            stack.append((root, graph[root].operands, 0))
            while let top = stack.last {
                if top.next < top.operands.count {
                    stack[stack.count - 1].next += 1
                    let operand = top.operands[top.next]
                    if !visited[Int(operand.index)] {
                        visited[Int(operand.index)] = true
                        stack.append((operand, graph[operand].operands, 0))
                    }
                } else {
                    stack.removeLast()
                    order.append(top.id)
                }
            }
        }
        return order
    }

    // MARK: - Registers

    private mutating func newRegister() -> Int32 {
        if let r = free.popLast() { return r }
        registerCount += 1
        return registerCount - 1
    }

    /// Powers `u^-n` (small `n`) used only as factors of products: the products divide by
    /// `u^n` themselves, so these nodes are never computed on their own.
    private var inlined: NodeSet

    private mutating func findInlineDenominators(_ order: [NodeID], roots: [NodeID]) {
        var usedOutsideProducts = NodeSet(count: graph.count)
        roots.forEach { usedOutsideProducts.insert($0) }
        var candidates: [NodeID] = []
        for id in order {
            if denominator(id) != nil { candidates.append(id) }
            if case .product = graph[id] { continue }
            graph[id].operands.forEach { usedOutsideProducts.insert($0) }
        }
        for id in candidates where !usedOutsideProducts.contains(id) { inlined.insert(id) }
    }

    /// The base and power a product divides by for `factor` (`u` and 2 for `u^-2`), or `nil`.
    private func denominator(_ factor: NodeID) -> (base: NodeID, power: UInt64)? {
        guard case .power(let base, let exponent) = graph[factor], let n = graph.number(exponent)?.integerValue,
            n < 0, n.magnitude <= Compiler.maxMultiplyPower
        else { return nil }
        return (base, n.magnitude)
    }

    /// The nodes whose registers `id` reads: its operands, except that a product reads the
    /// base of each factor it divides by.
    private func uses(of id: NodeID) -> [NodeID] {
        guard case .product(let factors) = graph[id] else { return graph[id].operands.array }
        return factors.map { denominator($0)?.base ?? $0 }
    }

    private mutating func release(_ operands: [NodeID]) {
        for operand in operands {
            remainingUses[operand]! -= 1
            if remainingUses[operand] == 0, let r = registerOf[operand], !pinned.contains(r) { free.append(r) }
        }
    }

    /// A register filled before the body runs. Always a fresh one: a freed body register
    /// would be overwritten by the body before the constant is read.
    private mutating func constant(_ operation: Operation) -> Int32 {
        if let register = constants[operation] { return register }
        registerCount += 1
        let register = registerCount - 1
        pinned.insert(register)
        constants[operation] = register
        prologue.append(Instruction(operation, result: register))
        return register
    }

    /// The register of each constant, so every number is loaded once.
    private var constants: [Operation: Int32] = [:]

    private mutating func emit(_ op: Operation, _ a: Int32 = -1, _ b: Int32 = -1, into result: Int32? = nil) -> Int32 {
        let r = result ?? newRegister()
        instructions.append(Instruction(op, result: r, a: a, b: b))
        return r
    }

    // MARK: - Nodes

    /// Nodes whose register a fused instruction already filled (the `cos` of a `sin`).
    private var filledEarly: NodeSet
    /// Each `sin(u)` and `cos(u)` node by its argument, to fuse the pairs.
    private var sineOf: NodeMap<NodeID>
    private var cosineOf: NodeMap<NodeID>

    private mutating func emit(_ id: NodeID) throws(CompileError) {
        if registerOf[id] != nil {
            if filledEarly.remove(id) { release(uses(of: id)) }
            return
        }
        let node = graph[id]
        if case .apply(let f, let arguments) = node, f == .sin || f == .cos,
            let partner = (f == .sin ? cosineOf : sineOf)[arguments[0]], registerOf[partner] == nil
        {
            let (sine, cosine) = f == .sin ? (id, partner) : (partner, id)
            let cosineRegister = newRegister()
            registerOf[sine] = emit(.sinCos(cosine: cosineRegister), registerOf[arguments[0]]!)
            registerOf[cosine] = cosineRegister
            filledEarly.insert(partner)
            release(uses(of: id))
            return
        }
        let r: Int32
        switch node {
        case .number(let n): r = constant(.number(n))
        case .constant(let c): r = constant(.named(c))
        case .variable(let name): throw .missingInput(name)
        case .sum(let terms):
            r = emit(.add, registerOf[terms[0]]!, registerOf[terms[1]]!)
            for t in terms.dropFirst(2) { _ = emit(.add, r, registerOf[t]!, into: r) }
        case .product(let factors): r = product(factors)
        case .power(let base, let exponent):
            if let n = graph.number(exponent)?.integerValue, n.magnitude <= Compiler.maxMultiplyPower {
                let positive = integerPower(registerOf[base]!, n.magnitude)
                r = n > 0 ? positive.register : unary(.reciprocal, positive).register
            } else {
                r = emit(.power, registerOf[base]!, registerOf[exponent]!)
            }
        case .apply(let f, let arguments):
            r = emit(.function(f), registerOf[arguments[0]]!, arguments.count > 1 ? registerOf[arguments[1]]! : -1)
        }
        registerOf[id] = r
        release(uses(of: id))
    }

    /// A value being built: a register, and whether it is a temporary this node may overwrite
    /// (otherwise it belongs to another node and is only read).
    private typealias Value = (register: Int32, temporary: Bool)

    /// `op(a, b)`, written over a temporary operand when there is one.
    private mutating func combine(_ op: Operation, _ a: Value, _ b: Value) -> Value {
        let target = a.temporary ? a.register : b.temporary ? b.register : newRegister()
        _ = emit(op, a.register, b.register, into: target)
        for v in [a, b] where v.temporary && v.register != target { free.append(v.register) }
        return (target, true)
    }

    /// `op(a)`, written over `a` when it is a temporary.
    private mutating func unary(_ op: Operation, _ a: Value) -> Value {
        (emit(op, a.register, into: a.temporary ? a.register : newRegister()), true)
    }

    /// The product of `values`, left to right; `nil` for none.
    private mutating func multiplyAll(_ values: [Value]) -> Value? {
        guard var result = values.first else { return nil }
        for v in values.dropFirst() { result = combine(.multiply, result, v) }
        return result
    }

    /// `base^n` for 1 <= n <= maxMultiplyPower, by multiplying.
    private mutating func integerPower(_ base: Int32, _ n: UInt64) -> Value {
        let b: Value = (base, false)
        switch n {
        case 1: return b
        case 2: return combine(.multiply, b, b)
        case 3: return combine(.multiply, combine(.multiply, b, b), b)
        default:
            let square = combine(.multiply, b, b)
            return combine(.multiply, square, square)
        }
    }

    /// `c * a * b / (d * e^2)`: numerator and denominator multiplied separately, one division.
    private mutating func product(_ factors: Operands) -> Int32 {
        var coefficient = Number.one
        var numerator: [Value] = []
        var denominator: [Value] = []
        for factor in factors {
            if let n = graph.number(factor) {
                coefficient = n
            } else if let (base, power) = self.denominator(factor) {
                denominator.append(integerPower(registerOf[base]!, power))
            } else {
                numerator.append((registerOf[factor]!, false))
            }
        }
        let negate = coefficient == .minusOne
        if !coefficient.isOne && !negate { numerator.insert((constant(.number(coefficient)), false), at: 0) }
        var value: Value
        switch (multiplyAll(numerator), multiplyAll(denominator)) {
        case (let n?, let d?): value = combine(.divide, n, d)
        case (let n?, nil): value = n
        case (nil, let d?): value = unary(.reciprocal, d)
        case (nil, nil): preconditionFailure("a product has at least one factor")
        }
        if negate { value = unary(.negate, value) }
        precondition(value.temporary, "a canonical product has two operands or a coefficient")
        return value.register
    }
}
