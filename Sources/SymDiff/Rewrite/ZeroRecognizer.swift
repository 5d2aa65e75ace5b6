// Recognizing expressions that are identically 0, by expanding them into sums of monomials in
// which sines and cosines have simple angles and no cosine is squared.

/// Expands an expression into a sum of monomials by identities that hold wherever it is
/// defined, to recognize that it is 0 everywhere.
///
/// The identities: products of sums are distributed and positive integer powers of sums
/// multiplied out; `sin` and `cos` of a sum follow the addition formulas, of an integer
/// multiple `k*u` (|k| ≤ 16) the multiple-angle recurrences, and of `n*pi/2` are exact;
/// `cos(u)^n` for n ≥ 2 is `cos(u)^(n - 2)*(1 - sin(u)^2)`; the `exp` factors of a monomial
/// are one `exp` of their arguments' sum. The canonical sum then collects like monomials: when
/// they all cancel, the expression is 0 wherever it is defined. Sines and cosines of unrelated
/// angles stay independent symbols, so the test is complete for polynomials in the sines,
/// cosines and exponentials of integer combinations of a set of angles (the Taylor–Green
/// vortex's source terms among them) and sound for everything: a `false` answer means "not
/// recognized", never "nonzero". Work is bounded by `maxTermsPerNode` and `maxMonomials`.
struct ZeroRecognizer {
    /// The most monomials one node may expand to before the recognizer gives up.
    static let maxTermsPerNode = 256
    /// The most monomials built in all before the recognizer gives up.
    static let maxMonomials = 20_000
    /// The largest integer multiple of an angle that is expanded.
    static let maxMultiple: Int64 = 16
    /// The most nodes an expression may have for the recognizer to try it.
    static let maxNodes = 4_000

    /// Why the recognizer stopped short: the work bound was reached.
    struct GaveUp: Error {}

    /// A copy of the graph the expansion writes to, so that the caller's graph gains no nodes.
    private var graph: ExprGraph
    private var budget = ZeroRecognizer.maxMonomials

    init(_ graph: ExprGraph) { self.graph = graph }

    /// Whether `root` expands to 0.
    mutating func isZero(_ root: NodeID) -> Bool {
        let nodes = graph.reachable(from: [root])
        guard nodes.count <= Self.maxNodes else { return false }
        var expanded: [NodeID: [NodeID]] = [:]
        do {
            // Operands have lower IDs than the nodes that use them: ascending order is bottom-up.
            for id in nodes { expanded[id] = try expand(graph[id], id, expanded) }
        } catch {
            return false
        }
        return expanded[root]!.isEmpty
    }

    /// The monomials of `node` (whose operands are expanded already), collected.
    private mutating func expand(_ node: Node, _ id: NodeID, _ expanded: [NodeID: [NodeID]]) throws(GaveUp) -> [NodeID] {
        switch node {
        case .number, .constant, .variable:
            return terms(of: id)
        case .sum(let operands):
            return try collected(operands.flatMap { expanded[$0]! })
        case .product(let operands):
            var result = [graph.number(.one)]
            for operand in operands { result = try multiply(result, expanded[operand]!) }
            return result
        case .power(let base, let exponent):
            let baseTerms = expanded[base]!
            if let n = graph.number(exponent)?.integerValue, n >= 2, n <= Self.maxMultiple, baseTerms.count > 1 {
                var result = baseTerms
                for _ in 1..<n { result = try multiply(result, baseTerms) }
                return result
            }
            let (expandedBase, expandedExponent) = (graph.sum(Operands(baseTerms)), graph.sum(Operands(expanded[exponent]!)))
            let power = graph.power(expandedBase, expandedExponent)
            return try collected(reduced(power))
        case .apply(let function, let arguments) where function == .sin || function == .cos:
            let (sine, cosine) = try sineAndCosine(of: expanded[arguments[0]]!)
            return function == .sin ? sine : cosine
        case .apply(let function, let arguments):
            var expandedArguments: [NodeID] = []
            for argument in arguments { expandedArguments.append(graph.sum(Operands(expanded[argument]!))) }
            return terms(of: graph.apply(function, Operands(expandedArguments)))
        }
    }

    /// `sin` and `cos` of a sum of terms, by the addition formulas.
    private mutating func sineAndCosine(of angle: [NodeID]) throws(GaveUp) -> (sine: [NodeID], cosine: [NodeID]) {
        var sine: [NodeID] = []
        var cosine = [graph.number(.one)]
        for term in angle {
            (sine, cosine) = try added((sine, cosine), try sineAndCosine(ofTerm: term))
        }
        return (sine, cosine)
    }

    /// `sin` and `cos` of `a + b` from those of `a` and `b`: the addition formulas.
    private mutating func added(
        _ a: (sine: [NodeID], cosine: [NodeID]), _ b: (sine: [NodeID], cosine: [NodeID])
    ) throws(GaveUp) -> (sine: [NodeID], cosine: [NodeID]) {
        let sine = try multiply(a.sine, b.cosine) + multiply(a.cosine, b.sine)
        let cosine = try multiply(a.cosine, b.cosine) + negated(multiply(a.sine, b.sine))
        return try (collected(sine), collected(cosine))
    }

    /// `sin` and `cos` of one term: exact at multiples of `pi/2`, by the multiple-angle
    /// recurrences for `k*u`, else the plain functions.
    private mutating func sineAndCosine(ofTerm term: NodeID) throws(GaveUp) -> (sine: [NodeID], cosine: [NodeID]) {
        var multiple: Int64 = 1
        var angle = term
        if case .product(let factors) = graph[term], let k = graph.number(factors[0]) {
            let rest = graph.product(factors.droppingFirst())
            if case .constant(.pi) = graph[rest], let quarter = (k * Number(2)).integerValue {
                let values: [Int64] = [0, 1, 0, -1]
                let index = Int(((quarter % 4) + 4) % 4)
                return (terms(of: graph.number(values[index])), terms(of: graph.number(values[(index + 1) % 4])))
            }
            if let k = k.integerValue, abs(k) <= Self.maxMultiple {
                multiple = k
                angle = rest
            }
        } else if case .constant(.pi) = graph[term] {
            return ([], terms(of: graph.number(.minusOne)))
        }
        let s = terms(of: graph.apply(.sin, [angle]))
        let c = terms(of: graph.apply(.cos, [angle]))
        var (sine, cosine) = (s, c)
        for _ in 1..<abs(multiple) { (sine, cosine) = try added((sine, cosine), (s, c)) }
        return (multiple < 0 ? negated(sine) : sine, cosine)
    }

    /// The collected product of two sums of monomials.
    private mutating func multiply(_ a: [NodeID], _ b: [NodeID]) throws(GaveUp) -> [NodeID] {
        var result: [NodeID] = []
        for x in a {
            for y in b { result += try reduced(graph.product([x, y])) }
        }
        return try collected(result)
    }

    /// A monomial with its `exp` factors merged and its squared cosines replaced, as monomials.
    private mutating func reduced(_ monomial: NodeID) throws(GaveUp) -> [NodeID] {
        budget -= 1
        if budget < 0 { throw GaveUp() }
        var factors: [NodeID] = []
        if case .product(let all) = graph[monomial] { factors = all.array } else { factors = [monomial] }
        var exponents: [NodeID] = []
        var merged = false
        factors.removeAll { factor in
            if case .apply(.exp, let argument) = graph[factor] {
                exponents.append(argument[0])
                return true
            }
            if case .power(let base, let n) = graph[factor], case .apply(.exp, let argument) = graph[base], let n = graph.number(n) {
                exponents.append(graph.scaled(argument[0], by: n))
                merged = true
                return true
            }
            return false
        }
        if exponents.count > 1 || merged {
            let exponent = graph.sum(Operands(exponents))
            factors.append(graph.apply(.exp, [exponent]))
        } else {
            factors += exponents.map { graph.apply(.exp, [$0]) }
        }
        for (i, factor) in factors.enumerated() {
            guard case .power(let base, let exponent) = graph[factor], case .apply(.cos, let angle) = graph[base],
                let n = graph.number(exponent)?.integerValue, n >= 2, n <= 4 * Self.maxMultiple
            else { continue }
            var others = factors
            let lowerExponent = graph.number(n - 2)
            others[i] = graph.power(base, lowerExponent)
            let lower = graph.product(Operands(others))
            let (sine, two, minusOne) = (graph.apply(.sin, angle), graph.number(2), graph.number(.minusOne))
            let sineSquared = graph.power(sine, two)
            let withSine = graph.product(Operands(others + [sineSquared, minusOne]))
            return try reduced(lower) + reduced(withSine)
        }
        return [graph.product(Operands(factors))]
    }

    /// Like monomials collected; a sum of more than `maxTermsPerNode` is too much work.
    private mutating func collected(_ monomials: [NodeID]) throws(GaveUp) -> [NodeID] {
        let result = terms(of: graph.sum(Operands(monomials)))
        if result.count > Self.maxTermsPerNode { throw GaveUp() }
        return result
    }

    private mutating func negated(_ monomials: [NodeID]) -> [NodeID] {
        monomials.map { graph.negate($0) }
    }

    /// The terms of a canonical sum: none for 0, the operands of a sum, else the node itself.
    ///
    /// Called as `terms(of: graph.sum(...))`: a nonmutating method would read `self` before
    /// its argument added the node, so it would not find it.
    private mutating func terms(of id: NodeID) -> [NodeID] {
        if case .sum(let operands) = graph[id] { return operands.array }
        if let n = graph.number(id), n.isZero { return [] }
        return [id]
    }
}

extension ExprGraph {
    /// Whether `root` is recognized as 0 wherever it is defined: a sum by expanding it into a
    /// sum of monomials (`ZeroRecognizer`), a product or positive power by a factor or base
    /// recognized so (a few levels down). `false` means not recognized within the work bound.
    /// The graph gains no nodes.
    public func isRecognizedZero(_ root: NodeID) -> Bool {
        isRecognizedZero(root, levels: 3)
    }

    private func isRecognizedZero(_ root: NodeID, levels: Int) -> Bool {
        switch self[root] {
        case .number(let n): return n.isZero
        case .product(let factors): return levels > 0 && factors.contains { isRecognizedZero($0, levels: levels - 1) }
        case .power(let base, let exponent):
            guard let n = number(exponent), !n.isNegative, !n.isZero else { return false }
            return levels > 0 && isRecognizedZero(base, levels: levels - 1)
        case .sum(let terms):
            guard mayBeZero(root, terms: terms) else { return false }
            var recognizer = ZeroRecognizer(self)
            return recognizer.isZero(root)
        default:
            return false
        }
    }

    /// A cheap filter before the expansion: `false` when the sum, evaluated in binary64 at a
    /// point chosen to be generic, is far from 0 compared with its terms (an identically zero
    /// sum is its terms' rounding, under 1e-9 of their sum of magnitudes). A point outside the
    /// domain proves nothing, and leaves the decision to the expansion.
    private func mayBeZero(_ root: NodeID, terms: Operands) -> Bool {
        let generic = [0.7236, 1.3183, 0.4142, 1.1547, 0.8862, 0.5772, 1.2599, 0.6931]
        let names = variables(in: [root])
        let point = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, generic[$0 % generic.count] + Double($0 / generic.count) / 7) })
        let values = evaluate([root] + terms, at: point)
        let magnitude = values.dropFirst().reduce(0) { $0 + Swift.abs($1) }
        guard values[0].isFinite, magnitude.isFinite else { return true }
        return Swift.abs(values[0]) <= 1e-9 * magnitude
    }
}
