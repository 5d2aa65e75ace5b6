// The canonicalizing constructors: every node enters the graph through these.

extension ExprGraph {
    // MARK: - Leaves

    /// The node for the constant `value`.
    ///
    /// 0, 1 and -1, which every constructor and derivative step asks for, are remembered
    /// once interned, so asking again costs a comparison, not a hash-table probe.
    public mutating func number(_ value: Number) -> NodeID {
        guard case .rational(let p, 1) = value, p >= -1 && p <= 1 else { return intern(.number(value)) }
        let slot = Int(p + 1)
        if unitNumbers[slot] >= 0 { return NodeID(Int(unitNumbers[slot])) }
        let id = intern(.number(value))
        unitNumbers[slot] = id.index
        return id
    }

    /// The node for the integer `value`.
    public mutating func number(_ value: Int64) -> NodeID { intern(.number(Number(value))) }

    /// The node for the free variable `name`.
    public mutating func variable(_ name: String) -> NodeID { intern(.variable(name)) }

    /// The node for `pi` or `e`.
    public mutating func constant(_ constant: Constant) -> NodeID { intern(.constant(constant)) }

    // MARK: - Powers

    /// The canonical `base ^ exponent`.
    ///
    /// Folds exact numeric powers, `u^0 = 1` and `u^1 = u` (as `pow` does, even for NaN),
    /// `1^u = 1`, `e^u = exp(u)`; writes every negative power of 0 as `0^-1` (all are +inf);
    /// distributes an integer power over a product; merges
    /// `(u^a)^n` into `u^(a*n)` for integer `n` when the domain stays the same.
    public mutating func power(_ base: NodeID, _ exponent: NodeID) -> NodeID {
        if let b = number(base), b.isOne { return base }
        let n = number(exponent)
        if n?.isZero == true { return number(.one) }
        if n?.isOne == true { return base }
        if case .constant(.e) = self[base] { return apply(.exp, .single(exponent)) }
        guard let n else { return intern(.power(base, exponent)) }
        switch self[base] {
        case .number(let b):
            if let folded = b.raised(to: n) { return number(folded) }
            if b.isZero && n != .minusOne { return power(base, number(.minusOne)) }
        case .power(let innerBase, let innerExponent):
            if let a = number(innerExponent), n.integerValue != nil,
                a.integerValue != nil || (a * n).integerValue == nil || isPositiveNumber(innerBase)
            {
                return power(innerBase, number(a * n))
            }
        case .product(let factors) where n.integerValue != nil:
            return product(Operands(factors.map { power($0, exponent) }))
        default:
            break
        }
        return intern(.power(base, exponent))
    }

    private func isPositiveNumber(_ id: NodeID) -> Bool {
        if let n = number(id) { return !n.isNegative && !n.isZero }
        return false
    }

    // MARK: - Functions

    /// `function(arguments)`, folded when the value is exact.
    ///
    /// Piecewise-linear functions fold at every number; `sqrt` folds perfect squares; the others
    /// fold only at 0 and ±1 when the value there is an integer or a half (`exp(0) = 1`,
    /// `log(1) = 0`, `sigmoid(0) = 1/2`), where binary64 evaluation is exact.
    public mutating func apply(_ function: Function, _ arguments: Operands) -> NodeID {
        precondition(arguments.count == function.arity, "\(function) takes \(function.arity) arguments")
        let values = arguments.compactMap { number($0) }
        if values.count == arguments.count, let folded = exactValue(function, values) {
            return number(folded)
        }
        // A Bessel function of negative order (a derivative row's n - 1 at n = 0) as one of
        // positive order: J_-n = (-1)^n J_n, Y likewise, I_-n = I_n (scaled too), K_-n = K_n.
        if [.besselj, .bessely, .besseli, .besselk, .ive].contains(function), let order = number(arguments[0])?.integerValue, order < 0 {
            let positive = intern(.apply(function, [number(Number(-order)), arguments[1]]))
            let odd = order % 2 != 0 && (function == .besselj || function == .bessely)
            return odd ? product([number(.minusOne), positive]) : positive
        }
        return intern(.apply(function, arguments))
    }

    private func exactValue(_ function: Function, _ values: [Number]) -> Number? {
        let doubles = values.map(\.doubleValue)
        let value = function.evaluate(arguments: doubles)
        switch function {
        case .abs, .sign, .relu, .heaviside: return pieceOfLinear(function, values[0])
        case .min: return values.min()
        case .max: return values.max()
        case .sqrt:
            return values[0].exactSquareRoot
        default:
            guard values.allSatisfy({ [.zero, .one, .minusOne].contains($0) }), value.isFinite,
                (2 * value).rounded() == 2 * value
            else { return nil }
            return Number(numerator: Int64(2 * value), denominator: 2)
        }
    }

    /// `abs`, `sign`, `relu`, `heaviside` of one number, exactly.
    private func pieceOfLinear(_ function: Function, _ x: Number) -> Number {
        switch function {
        case .abs: return x.isNegative ? -x : x
        case .sign: return x.isZero ? .zero : x.isNegative ? .minusOne : .one
        case .relu: return x.isNegative ? .zero : x
        default: return x.isNegative || x.isZero ? .zero : .one
        }
    }
}

extension ExprGraph {
    /// The canonical node of `node`'s kind over new `operands` (one per old operand).
    public mutating func rebuild(_ node: Node, operands: Operands) -> NodeID {
        switch node {
        case .number, .constant, .variable: return intern(node)
        case .sum: return sum(operands)
        case .product: return product(operands)
        case .power: return power(operands[0], operands[1])
        case .apply(let function, _): return apply(function, operands)
        }
    }
}
