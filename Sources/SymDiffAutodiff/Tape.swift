// The reachable part of a graph as a flat list of steps, for evaluating it at many points.
import SymDiff

/// The nodes under some roots in evaluation order, with operands as positions in that order.
///
/// Built once; each evaluation is then a loop over an array in any `AutodiffScalar`, with no
/// hashing. A step's power rule is chosen at build time: an integer exponent uses
/// `power(_:_:)` with an `Int`, an exponent with no variables under it the constant-exponent
/// rule (so the base may be negative), any other the general rule.
public struct Tape: Sendable {
    /// One node's computation; operands are positions of earlier steps.
    public enum Step: Sendable {
        case number(Number)
        case constant(Constant)
        /// The variable at this index of `variables`.
        case variable(Int)
        case sum([Int])
        case product([Int])
        case integerPower(base: Int, exponent: Int)
        case constantPower(base: Int, exponent: Int)
        case power(base: Int, exponent: Int)
        case apply(Function, Int, Int?)
    }

    /// The graph node of each step, in evaluation order (children first).
    public let nodes: [NodeID]
    /// The variables an evaluation assigns, in the order of its inputs.
    public let variables: [String]
    /// The position of each root in `nodes`.
    public let roots: [Int]
    /// The computation of each of `nodes`.
    public let steps: [Step]

    /// The tape of everything under `roots`; a variable not in `variables` evaluates to NaN.
    public init(_ graph: ExprGraph, roots: [NodeID], variables: [String]) {
        // Defined functions are taped as their definitions: every step is a primitive.
        var graph = graph
        let roots = graph.expandingDefinitions(roots)
        let order = graph.reachable(from: roots)
        var position: [NodeID: Int] = [:]
        var isConstant: [Bool] = []
        var steps: [Step] = []
        let variableIndex = Dictionary(variables.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (k, id) in order.enumerated() {
            position[id] = k
            let node = graph[id]
            let operands = node.operands.map { position[$0]! }
            isConstant.append(operands.allSatisfy { isConstant[$0] } && {
                if case .variable = node { return false }
                return true
            }())
            switch node {
            case .number(let n): steps.append(.number(n))
            case .constant(let c): steps.append(.constant(c))
            case .variable(let name): steps.append(.variable(variableIndex[name] ?? -1))
            case .sum: steps.append(.sum(operands))
            case .product: steps.append(.product(operands))
            case .power(_, let exponent):
                if let n = graph.number(exponent)?.integerValue, let k = Int(exactly: n) {
                    steps.append(.integerPower(base: operands[0], exponent: k))
                } else if isConstant[operands[1]] {
                    steps.append(.constantPower(base: operands[0], exponent: operands[1]))
                } else {
                    steps.append(.power(base: operands[0], exponent: operands[1]))
                }
            case .apply(let f, _): steps.append(.apply(f, operands[0], operands.count > 1 ? operands[1] : nil))
            }
        }
        nodes = order
        self.variables = variables
        self.roots = roots.map { position[$0]! }
        self.steps = steps
    }

    /// The value of every step, in `nodes` order, with `inputs` in `variables` order.
    @inlinable
    public func values<S: AutodiffScalar>(at inputs: [S]) -> [S] {
        var value: [S] = []
        values(at: inputs, into: &value)
        return value
    }

    /// The value of every step into `value`, whose storage is reused (callers that evaluate
    /// at many points keep one array).
    ///
    /// Inlinable, so that callers in other modules get it specialized for their scalar type.
    @inlinable
    public func values<S: AutodiffScalar>(at inputs: [S], into value: inout [S]) {
        value.removeAll(keepingCapacity: true)
        value.reserveCapacity(steps.count)
        for step in steps { value.append(evaluate(step, value, inputs)) }
    }

    /// The roots' values, with `inputs` in `variables` order.
    @inlinable
    public func evaluate<S: AutodiffScalar>(at inputs: [S]) -> [S] {
        let value = values(at: inputs)
        return roots.map { value[$0] }
    }

    /// One step's value from the values before it.
    @inlinable
    func evaluate<S: AutodiffScalar>(_ step: Step, _ value: [S], _ inputs: [S]) -> S {
        switch step {
        case .number(let n): return Self.scalar(n)
        case .constant(.pi): return S.pi
        case .constant(.e): return S.exp(1)
        case .variable(let k): return k >= 0 ? inputs[k] : S(.nan)
        case .sum(let terms):
            var sum = value[terms[0]]
            for t in 1..<terms.count { sum = sum + value[terms[t]] }
            return sum
        case .product(let factors):
            var product = value[factors[0]]
            for f in 1..<factors.count { product = product * value[factors[f]] }
            return product
        case .integerPower(let base, let n): return S.power(value[base], n)
        case .constantPower(let base, let exponent): return S.power(value[base], constantExponent: value[exponent])
        case .power(let base, let exponent): return S.power(value[base], value[exponent])
        case .apply(let f, let a, let b): return S.apply(f, value[a], b.map { value[$0] } ?? S(.nan))
        }
    }

    /// The operand positions of a step.
    public func operands(of step: Step) -> [Int] {
        switch step {
        case .integerPower(let base, _): return [base]
        case .constantPower(let base, let exponent), .power(let base, let exponent): return [base, exponent]
        case .apply(_, let a, let b): return b.map { [a, $0] } ?? [a]
        case .sum(let terms), .product(let terms): return terms
        case .number, .constant, .variable: return []
        }
    }

    /// A power or function step applied to its operands' values `x`.
    func operation<S: AutodiffScalar>(_ step: Step, _ x: [S]) -> S {
        switch step {
        case .integerPower(_, let n): return S.power(x[0], n)
        case .constantPower: return S.power(x[0], constantExponent: x[1])
        case .power: return S.power(x[0], x[1])
        case .apply(let f, _, _): return S.apply(f, x[0], x.count > 1 ? x[1] : S(.nan))
        case .sum: return x.dropFirst().reduce(x[0], +)
        case .product: return x.dropFirst().reduce(x[0], *)
        case .number, .constant, .variable: preconditionFailure("leaves have no operation")
        }
    }

    /// A graph number in `S`: a rational as a quotient of its parts, so wider types keep the digits.
    @inlinable
    public static func scalar<S: AutodiffScalar>(_ n: Number) -> S {
        switch n {
        case .rational(let p, let q): return q == 1 ? integer(p) : integer(p) / integer(q)
        case .real(let r): return S(r)
        }
    }

    /// `n` in `S`, rounded once if `S` is too narrow for it. Beyond 32 bits it is built from
    /// two 32-bit halves, `high * 2^32 + low`, each exact in every type: x87 extended precision
    /// holds the sum exactly, binary64 rounds it once, and a `RoundingBound` sees one rounded
    /// addition (where binary64 rounds) rather than a number that is not short. `S(Double(n))`
    /// would round `n` to binary64 in every type.
    @inlinable
    static func integer<S: AutodiffScalar>(_ n: Int64) -> S {
        guard n.magnitude > 1 << 32 else { return S(Double(n)) }
        return S(Double(n >> 32)) * S(0x1p32) + S(Double(n & 0xFFFF_FFFF))
    }
}
