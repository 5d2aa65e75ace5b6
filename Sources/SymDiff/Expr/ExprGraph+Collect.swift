// Sums and products: flattening, folding numbers, collecting like terms and like factors.

/// A term of a sum, split into its numeric coefficient and the rest.
///
/// The rest is `factors` (the factors after the coefficient) when the term is a product,
/// else the term itself (`single`). Keeping it as a slice, not a node, means a term that
/// combines with no other costs no new node.
private struct LikeTerm {
    var original: NodeID
    var coefficient: Number
    var single: NodeID
    var factors: Slice<Operands>
    /// Where the term came in the sum, so that sorting is stable.
    var position: Int

    /// A total order on rests in which equal rests are equal.
    static func restOrder(_ a: LikeTerm, _ b: LikeTerm) -> Bool? {
        if a.factors.isEmpty != b.factors.isEmpty { return a.factors.isEmpty }
        if a.factors.isEmpty { return a.single == b.single ? nil : a.single < b.single }
        if a.factors.count != b.factors.count { return a.factors.count < b.factors.count }
        // Indexed, not zipped: a zip's iterators would retain both slices on every comparison.
        let (i, j) = (a.factors.startIndex, b.factors.startIndex)
        for k in 0..<a.factors.count where a.factors[i + k] != b.factors[j + k] { return a.factors[i + k] < b.factors[j + k] }
        return nil
    }
}

/// A factor of a product, split into base and numeric exponent.
private struct LikeFactor {
    var original: NodeID
    var base: NodeID
    var exponent: Number
    /// Where the factor came in the product, so that sorting is stable.
    var position: Int
}

/// Working lists kept in the graph, so that building nodes allocates none. A call takes a
/// list out while it works (a nested call finds it empty and makes its own) and puts it back
/// emptied, keeping its capacity.
struct ConstructionBuffers: Sendable {
    /// The operands `product` collects (its factors are on the stack).
    fileprivate var ids: [NodeID] = []
    /// The work lists of passes that do not nest: a derivative, a rewriter pass.
    var pending: [NodeID] = []
    var stack: [NodeID] = []
}

extension ExprGraph {
    // MARK: - Sums

    /// The canonical sum of `terms`.
    ///
    /// Flattens nested sums, folds numbers, and collects like terms (`x + 2*x` is `3*x`;
    /// terms that cancel are dropped, even where they were undefined: `log(x) - log(x)` is 0).
    /// A term that combines with no other is kept as it is.
    public mutating func sum(_ terms: Operands) -> NodeID {
        if let sum = sumOfUnlikeTerms(terms) { return sum }
        var count = 0
        for operand in terms { count += flattened(operand, inside: ExprGraph.sumHead).count }
        // The working lists on the stack (a sum keeps at most one operand per term, and its
        // number): no allocation and no reference counting for the lists themselves.
        return withUnsafeTemporaryAllocation(of: LikeTerm.self, capacity: count) { items in
            withUnsafeTemporaryAllocation(of: NodeID.self, capacity: count + 1) { operands in
                collectedSum(terms, items: items, operands: operands)
            }
        }
    }

    /// `sum` of `terms` once they are known to need collecting; `items` has room for every
    /// term after flattening, `operands` for one more.
    private mutating func collectedSum(
        _ terms: Operands, items buffer: UnsafeMutableBufferPointer<LikeTerm>, operands: UnsafeMutableBufferPointer<NodeID>
    ) -> NodeID {
        var constant = Number.zero
        var count = 0
        for operand in terms {
            for term in flattened(operand, inside: ExprGraph.sumHead) {
                let item: LikeTerm
                switch self[term] {
                case .number(let n):
                    constant = constant + n
                    continue
                case .product(let factors):
                    let c = number(factors[0])
                    let rest = c == nil ? factors[...] : factors.dropFirst()
                    item = LikeTerm(
                        original: term, coefficient: c ?? .one, single: rest.first!,
                        factors: rest.count == 1 ? Operands.empty[...] : rest, position: count)
                default:
                    item = LikeTerm(original: term, coefficient: .one, single: term, factors: Operands.empty[...], position: count)
                }
                buffer.initializeElement(at: count, to: item)
                count += 1
            }
        }
        var items = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
        defer { items.deinitialize() }
        // Sorted by rest, like terms are adjacent.
        items.sort { LikeTerm.restOrder($0, $1) ?? ($0.position < $1.position) }
        // One slot ahead for the number, written last.
        var used = 1
        var start = 0
        while start < items.count {
            var end = start + 1
            var coefficient = items[start].coefficient
            while end < items.count, LikeTerm.restOrder(items[start], items[end]) == nil {
                coefficient = coefficient + items[end].coefficient
                end += 1
            }
            defer { start = end }
            if end == start + 1 {
                operands[used] = items[start].original
                used += 1
                continue
            }
            if coefficient.isZero { continue }
            let rest = items[start].factors.isEmpty ? items[start].single : intern(.product(Operands(items[start].factors)))
            operands[used] = scaled(rest, by: coefficient)
            used += 1
        }
        var collected = UnsafeMutableBufferPointer(rebasing: operands[1..<used])
        collected.sort()
        var first = 1
        if !constant.isZero {
            first = 0
            operands[0] = number(constant)
        }
        let result = UnsafeBufferPointer(rebasing: operands[first..<used])
        switch result.count {
        case 0: return number(.zero)
        case 1: return result[0]
        default: return intern(.sum(Operands(copying: result)))
        }
    }

    /// `a + b`.
    public mutating func add(_ a: NodeID, _ b: NodeID) -> NodeID { sum(Operands(a, b)) }

    /// `a - b`.
    public mutating func subtract(_ a: NodeID, _ b: NodeID) -> NodeID { sum(Operands(a, negate(b))) }

    /// `-a`.
    public mutating func negate(_ a: NodeID) -> NodeID { scaled(a, by: .minusOne) }

    /// `coefficient * term`.
    mutating func scaled(_ term: NodeID, by coefficient: Number) -> NodeID {
        if coefficient.isOne { return term }
        if coefficient.isZero { return number(.zero) }
        switch self[term] {
        case .number(let n): return number(n * coefficient)
        case .product(let factors):
            if case .number(let c) = self[factors[0]] {
                let combined = c * coefficient
                if combined.isZero { return number(.zero) }
                if combined.isOne { return factors.count == 2 ? factors[1] : intern(.product(factors.droppingFirst())) }
                return intern(.product(factors.replacing(at: 0, with: number(combined))))
            }
            return intern(.product(factors.prepending(number(coefficient))))
        case .sum(let terms):
            return sum(Operands(terms.map { scaled($0, by: coefficient) }))
        default:
            return intern(.product(Operands(number(coefficient), term)))
        }
    }

    // MARK: - Products

    /// The canonical product of `factors`.
    ///
    /// Flattens nested products, folds numbers (a factor 0 makes the product 0), distributes a
    /// number over a lone sum (`2*(x + y)` is `2*x + 2*y`), and merges powers of one base
    /// when that keeps the domain: `x*x^2` is `x^3` and `x^-1*x^-2` is `x^-3`, but `x*x^-1`
    /// stays (it is undefined at 0) and so does `x^(1/2)*x^(1/2)` (undefined below 0). A
    /// factor whose base occurs once is kept as it is. `e` and `exp(n)` for a number `n` are
    /// powers of one base, so that grouping never matters: `(x*e)*e` is `x*e*e`.
    public mutating func product(_ factors: Operands) -> NodeID {
        if let product = productOfUnlikeFactors(factors) { return product }
        var count = 0
        for operand in factors { count += flattened(operand, inside: ExprGraph.productHead).count }
        // The factors on the stack: a product has few, and the list costs no allocation and
        // no reference counting.
        return withUnsafeTemporaryAllocation(of: LikeFactor.self, capacity: count) { items in
            collectedProduct(factors, items: items)
        }
    }

    /// `product` of `factors` once they are known not to be all unlike, `items` room for
    /// every factor after flattening.
    private mutating func collectedProduct(_ factors: Operands, items buffer: UnsafeMutableBufferPointer<LikeFactor>) -> NodeID {
        var coefficient = Number.one
        var count = 0
        for operand in factors {
            for factor in flattened(operand, inside: ExprGraph.productHead) {
                let item: LikeFactor
                switch self[factor] {
                case .number(let n):
                    coefficient = coefficient * n
                    continue
                case .power(let b, let e) where number(e) != nil:
                    item = LikeFactor(original: factor, base: b, exponent: number(e)!, position: count)
                case .apply(.exp, let arguments) where number(arguments[0]) != nil:
                    // `exp(2)` is `e^2` (the power constructor writes it so): a power of the base `e`,
                    // so that `x*e*e*e` and `((x*e)*e)*e` are both `x*exp(3)`.
                    item = LikeFactor(original: factor, base: constant(.e), exponent: number(arguments[0])!, position: count)
                default:
                    item = LikeFactor(original: factor, base: factor, exponent: .one, position: count)
                }
                buffer.initializeElement(at: count, to: item)
                count += 1
            }
        }
        if coefficient.isZero { return number(.zero) }
        var items = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
        // Sorted by base (ties by position), the factors of one base are adjacent.
        items.sort { $0.base != $1.base ? $0.base < $1.base : $0.position < $1.position }
        // The result's operands come from the graph's buffer (empty), and go back there emptied.
        var operands = buffers.ids
        buffers.ids = []
        defer {
            operands.removeAll(keepingCapacity: true)
            buffers.ids = operands
        }
        var start = 0
        while start < items.count {
            let base = items[start].base
            var end = start + 1
            while end < items.count, items[end].base == base { end += 1 }
            defer { start = end }
            if end == start + 1 {
                operands.append(items[start].original)
                continue
            }
            // A static function: a method reading `self` here would copy the whole graph.
            let positiveBase = number(base).map { !$0.isNegative && !$0.isZero } ?? false
            if let total = Self.mergedTotal(items[start..<end], positiveBase: positiveBase) {
                appendPower(base, total, to: &operands, coefficient: &coefficient)
            } else {
                for exponent in Self.mergedExponents(items[start..<end].map(\.exponent), positiveBase: positiveBase) {
                    appendPower(base, exponent, to: &operands, coefficient: &coefficient)
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
        default: return intern(.product(Operands(copying: operands)))
        }
    }

    /// `a * b`.
    public mutating func multiply(_ a: NodeID, _ b: NodeID) -> NodeID { product(Operands(a, b)) }

    /// `a / b`, kept as `a * b^-1`.
    public mutating func divide(_ a: NodeID, _ b: NodeID) -> NodeID {
        product(Operands(a, power(b, number(.minusOne))))
    }

    // MARK: - The common case, without the collecting

    /// The sum of a few `terms` none of which is a number or a sum and no two of which are
    /// like terms: the terms in ID order, which is what collecting would give, without the
    /// arrays it builds; `nil` when collecting is needed.
    private mutating func sumOfUnlikeTerms(_ terms: Operands) -> NodeID? {
        guard terms.count >= 2 && terms.count <= Self.fewOperands else { return nil }
        for term in terms {
            switch self[term] {
            case .number, .sum: return nil
            default: continue
            }
        }
        for i in 1..<terms.count {
            for j in 0..<i where areLikeTerms(terms[i], terms[j]) { return nil }
        }
        return intern(.sum(terms.sorted()))
    }

    /// Whether `a` and `b` differ only by a numeric coefficient (`x*y` and `2*x*y`, `x` and `-x`).
    private func areLikeTerms(_ a: NodeID, _ b: NodeID) -> Bool {
        if a == b { return true }
        switch (self[a], self[b]) {
        case (.product(let fa), .product(let fb)):
            // Indexed: `elementsEqual` on the slices goes through generic iterators.
            let (i, j) = (number(fa[0]) == nil ? 0 : 1, number(fb[0]) == nil ? 0 : 1)
            guard fa.count - i == fb.count - j else { return false }
            for k in 0..<(fa.count - i) where fa[i + k] != fb[j + k] { return false }
            return true
        case (.product(let fa), _): return fa.count == 2 && number(fa[0]) != nil && fa[1] == b
        case (_, .product(let fb)): return fb.count == 2 && number(fb[0]) != nil && fb[1] == a
        default: return false
        }
    }

    /// The product of a few `factors` none of which is a number, a product or `exp` of a
    /// number and no two of which are powers of one base: the factors in ID order, which is
    /// what merging would give, without the arrays it builds; `nil` when merging is needed.
    private mutating func productOfUnlikeFactors(_ factors: Operands) -> NodeID? {
        guard factors.count >= 2 && factors.count <= Self.fewOperands else { return nil }
        for factor in factors {
            switch self[factor] {
            case .number, .product: return nil
            case .apply(.exp, let arguments) where number(arguments[0]) != nil: return nil
            default: continue
            }
        }
        for i in 1..<factors.count {
            for j in 0..<i where base(of: factors[i]) == base(of: factors[j]) { return nil }
        }
        return intern(.product(factors.sorted()))
    }

    /// The base a factor merges by: `u` for `u^n` with a number `n`, else the factor.
    private func base(of factor: NodeID) -> NodeID {
        if case .power(let base, let exponent) = self[factor], number(exponent) != nil { return base }
        return factor
    }

    /// Up to how many operands the pairwise tests for like terms or factors are cheaper
    /// than collecting.
    private static let fewOperands = 8

    /// `operand`'s own operands when its head is `head` (a sum inside a sum, a product inside a
    /// product: canonical nodes nest one level at most), else `operand` alone.
    private func flattened(_ operand: NodeID, inside head: UInt16) -> Operands {
        heads[Int(operand.index)] == head ? self[operand].operands : .single(operand)
    }

    /// Appends `base^exponent` to a product's `operands`, its numeric part to `coefficient`.
    private mutating func appendPower(_ base: NodeID, _ exponent: Number, to operands: inout [NodeID], coefficient: inout Number) {
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

    /// The one exponent that `mergedExponents` gives for `factors` (of one base), without
    /// its arrays: their total, when the base is a positive number or the exponents have one
    /// sign and the total keeps their domain; `nil` when the merge keeps two or more powers.
    private static func mergedTotal(_ factors: Slice<UnsafeMutableBufferPointer<LikeFactor>>, positiveBase: Bool) -> Number? {
        let first = factors[factors.startIndex].exponent
        var total = first
        var allIntegers = first.integerValue != nil
        for factor in factors.dropFirst() {
            if !positiveBase && factor.exponent.isNegative != first.isNegative { return nil }
            total = total + factor.exponent
            allIntegers = allIntegers && factor.exponent.integerValue != nil
        }
        return positiveBase || allIntegers || total.integerValue == nil ? total : nil
    }

    /// Merges the numeric exponents of one base where the merged power has the same domain,
    /// the same way however the product was grouped.
    ///
    /// The exponents of each sign add up. When fractional ones add up to an integer total `n`
    /// (which would be defined for a negative base, where they are not), the result is
    /// `x^(n - 1/2) * x^(1/2)` (`x^(n + 1/2) * x^(-1/2)` for negative ones): the total and the
    /// domain stay, and any grouping of the factors gives that pair. A positive numeric base
    /// (`positiveBase`) is defined everywhere, so its exponents all merge.
    private static func mergedExponents(_ exponents: [Number], positiveBase: Bool) -> [Number] {
        if exponents.count == 1 { return exponents }
        if positiveBase { return [exponents.dropFirst().reduce(exponents[0], +)] }
        var merged: [Number] = []
        for negative in [false, true] {
            let group = exponents.filter { $0.isNegative == negative }
            guard let first = group.first else { continue }
            let total = group.dropFirst().reduce(first, +)
            if total.integerValue == nil || group.allSatisfy({ $0.integerValue != nil }) {
                merged.append(total)
            } else {
                // An integer total from fractional exponents would drop their domain (x < 0):
                // keep a square root apart, whatever the grouping was.
                let half = Number.rational(negative ? -1 : 1, 2)
                merged += [total + -half, half]
            }
        }
        return merged
    }
}
