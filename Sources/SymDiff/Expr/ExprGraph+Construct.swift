// The canonicalizing constructors: every node enters the graph through these.

extension ExprGraph {
    // MARK: - Leaves

    /// The node for the constant `value`.
    public mutating func number(_ value: Number) -> NodeID { intern(.number(value)) }

    /// The node for the integer `value`.
    public mutating func number(_ value: Int64) -> NodeID { intern(.number(Number(value))) }

    /// The node for the free variable `name`.
    public mutating func variable(_ name: String) -> NodeID { intern(.variable(name)) }

    /// The node for `pi` or `e`.
    public mutating func constant(_ constant: Constant) -> NodeID { intern(.constant(constant)) }

    // MARK: - Sums

    /// The canonical sum of `terms`.
    ///
    /// Flattens nested sums, folds numbers, and collects like terms (`x + 2*x` is `3*x`;
    /// terms that cancel are dropped, even where they were undefined: `log(x) - log(x)` is 0).
    public mutating func sum(_ terms: [NodeID]) -> NodeID {
        var constant = Number.zero
        var coefficients = OperandTable<Number>()
        func add(_ term: NodeID) {
            let (coefficient, rest) = splitCoefficient(term)
            coefficients.merge(rest, coefficient) { $0 = $0 + $1 }
        }
        for term in terms {
            switch self[term] {
            case .number(let n): constant = constant + n
            case .sum(let inner):
                for t in inner {
                    if case .number(let n) = self[t] { constant = constant + n } else { add(t) }
                }
            default: add(term)
            }
        }
        var operands: [NodeID] = []
        for (rest, coefficient) in zip(coefficients.keys, coefficients.values) where !coefficient.isZero {
            operands.append(scaled(rest, by: coefficient))
        }
        operands.sort()
        if !constant.isZero { operands.insert(number(constant), at: 0) }
        switch operands.count {
        case 0: return number(.zero)
        case 1: return operands[0]
        default: return intern(.sum(operands))
        }
    }

    /// `a + b`.
    public mutating func add(_ a: NodeID, _ b: NodeID) -> NodeID { sum([a, b]) }

    /// `a - b`.
    public mutating func subtract(_ a: NodeID, _ b: NodeID) -> NodeID { sum([a, negate(b)]) }

    /// `-a`.
    public mutating func negate(_ a: NodeID) -> NodeID { scaled(a, by: .minusOne) }

    /// Splits `term` into its numeric coefficient and the rest (`3*x*y` into 3 and `x*y`).
    mutating func splitCoefficient(_ term: NodeID) -> (Number, NodeID) {
        guard case .product(let factors) = self[term], case .number(let c) = self[factors[0]] else {
            return (.one, term)
        }
        if factors.count == 2 { return (c, factors[1]) }
        return (c, intern(.product(Array(factors.dropFirst()))))
    }

    /// `coefficient * term` for a term without a numeric coefficient of its own.
    mutating func scaled(_ term: NodeID, by coefficient: Number) -> NodeID {
        if coefficient.isOne { return term }
        if coefficient.isZero { return number(.zero) }
        switch self[term] {
        case .number(let n): return number(n * coefficient)
        case .product(let factors):
            if case .number(let c) = self[factors[0]] {
                let combined = c * coefficient
                if combined.isZero { return number(.zero) }
                if combined.isOne { return factors.count == 2 ? factors[1] : intern(.product(Array(factors.dropFirst()))) }
                return intern(.product([number(combined)] + factors.dropFirst()))
            }
            return intern(.product([number(coefficient)] + factors))
        case .sum(let terms):
            return sum(terms.map { scaled($0, by: coefficient) })
        default:
            return intern(.product([number(coefficient), term]))
        }
    }

    // MARK: - Products

    /// The canonical product of `factors`.
    ///
    /// Flattens nested products, folds numbers (a factor 0 makes the product 0), distributes a
    /// number over a lone sum (`2*(x + y)` is `2*x + 2*y`), and merges
    /// powers of one base when that keeps the domain: `x*x^2` is `x^3` and `x^-1*x^-2` is
    /// `x^-3`, but `x*x^-1` stays (it is undefined at 0) and so does `x^(1/2)*x^(1/2)`
    /// (undefined below 0).
    public mutating func product(_ factors: [NodeID]) -> NodeID {
        var coefficient = Number.one
        var exponents = OperandTable<[Number]>()
        func add(_ factor: NodeID) {
            if case .number(let n) = self[factor] {
                coefficient = coefficient * n
                return
            }
            var (base, exponent) = (factor, Number.one)
            if case .power(let b, let e) = self[factor], let n = number(e) { (base, exponent) = (b, n) }
            exponents.merge(base, [exponent]) { $0 += $1 }
        }
        for factor in factors {
            if case .product(let inner) = self[factor] { inner.forEach(add) } else { add(factor) }
        }
        if coefficient.isZero { return number(.zero) }
        var operands: [NodeID] = []
        for (base, baseExponents) in zip(exponents.keys, exponents.values) {
            for exponent in mergedExponents(baseExponents, base: base) {
                let factor = power(base, number(exponent))
                if case .number(let n) = self[factor] {
                    coefficient = coefficient * n
                } else if case .product(let inner) = self[factor] {
                    // A positive numeric base folded to a rational times a power.
                    for f in inner {
                        if case .number(let n) = self[f] { coefficient = coefficient * n } else { operands.append(f) }
                    }
                } else {
                    operands.append(factor)
                }
            }
        }
        if coefficient.isZero { return number(.zero) }
        if operands.count == 1, case .sum = self[operands[0]] {
            // A number times one sum distributes, so that `x - (x - y)` collects to `y`.
            return scaled(operands[0], by: coefficient)
        }
        operands.sort()
        if !coefficient.isOne { operands.insert(number(coefficient), at: 0) }
        switch operands.count {
        case 0: return number(coefficient)
        case 1: return operands[0]
        default: return intern(.product(operands))
        }
    }

    /// `a * b`.
    public mutating func multiply(_ a: NodeID, _ b: NodeID) -> NodeID { product([a, b]) }

    /// `a / b`, kept as `a * b^-1`.
    public mutating func divide(_ a: NodeID, _ b: NodeID) -> NodeID {
        product([a, power(b, number(.minusOne))])
    }

    /// Merges the numeric exponents of one base where the merged power has the same domain.
    ///
    /// Two exponents merge when they have the same sign and are both integers or add up to a
    /// non-integer. A positive numeric base is defined everywhere, so its exponents all merge.
    private func mergedExponents(_ exponents: [Number], base: NodeID) -> [Number] {
        if exponents.count == 1 { return exponents }
        if let b = number(base), !b.isNegative, !b.isZero {
            return [exponents.dropFirst().reduce(exponents[0], +)]
        }
        var merged: [Number] = []
        for negative in [false, true] {
            var accumulated: Number?
            for e in exponents where e.isNegative == negative {
                guard let a = accumulated else { accumulated = e; continue }
                let total = a + e
                let bothIntegers = a.integerValue != nil && e.integerValue != nil
                if bothIntegers || total.integerValue == nil {
                    accumulated = total
                } else {
                    merged.append(a)
                    accumulated = e
                }
            }
            if let a = accumulated { merged.append(a) }
        }
        return merged
    }

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
        if case .constant(.e) = self[base] { return apply(.exp, [exponent]) }
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
            return product(factors.map { power($0, exponent) })
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
    public mutating func apply(_ function: Function, _ arguments: [NodeID]) -> NodeID {
        precondition(arguments.count == function.arity, "\(function) takes \(function.arity) arguments")
        let values = arguments.compactMap { number($0) }
        if values.count == arguments.count, let folded = exactValue(function, values) {
            return number(folded)
        }
        return intern(.apply(function, arguments))
    }

    private func exactValue(_ function: Function, _ values: [Number]) -> Number? {
        let doubles = values.map(\.doubleValue)
        let value = function.evaluate(doubles[0], doubles.count > 1 ? doubles[1] : .nan)
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
    public mutating func rebuild(_ node: Node, operands: [NodeID]) -> NodeID {
        switch node {
        case .number, .constant, .variable: return intern(node)
        case .sum: return sum(operands)
        case .product: return product(operands)
        case .power: return power(operands[0], operands[1])
        case .apply(let function, _): return apply(function, operands)
        }
    }
}
