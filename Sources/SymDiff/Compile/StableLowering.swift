// Stable lowering: equivalent forms for the program that evaluates an expression, where the
// printed form overflows or cancels in binary64. The printed expression never changes.

/// A named rewrite applied only to what is evaluated (the program symdiff compiles and the
/// tape `--verify` bounds), never to the expression it prints: where the readable form's
/// intermediates leave binary64's range, an equal form whose intermediates stay bounded.
///
/// Each rule is value-preserving wherever both forms are finite (tested against the plain
/// form), and right where the plain form overflows (tested against mpmath references).
public enum StableLowering: String, CaseIterable, Sendable {
    /// `sinh(u)^a * cosh(u)^c` with `c < 0` (net, over a product's factors) as
    /// `tanh(u)^k * sinh(u)^(a - k) * sech(u)^(-c - k)`, `k = min(a, -c)`: `-2*sinh(x)/cosh(x)^3`
    /// at 320 is `-2*tanh(x)*sech(x)^2`, not `inf/inf`.
    case hyperbolicQuotient = "hyperbolic-quotient"
    /// `cosh(u)^-n` as `sech(u)^n`, with `sech(u) = 2*exp(-abs(u))/(1 + exp(-2*abs(u)))`:
    /// `1/cosh(x)` at 800 is 0 (the true value underflows), not `1/inf` after an overflow
    /// warning, and `cosh(x)^-2` at 400 is a subnormal, not 0.
    case sechPower = "sech-power"
    /// A polynomial `P(tanh(u))` with numeric coefficients that vanishes at `tanh(u) = ±1`
    /// as `Q(tanh(u))*sech(u)^2` with `P(t) = (1 - t^2) Q(t)`, repeated while `Q(±1) = 0`:
    /// `2*tanh(x)^3 - 2*tanh(x)`, the third derivative of `log(cosh(x))`, is
    /// `-2*tanh(x)*sech(x)^2`, not the difference of two numbers near 2 (all digits lost
    /// from `|x| = 20` on).
    case tanhPolynomial = "tanh-polynomial"
    /// `exp(u) - 1` as `expm1(u)`, which is relative-accurate near `u = 0`: `2*(exp(x) - 1)/x^3`
    /// in the second derivative of `(exp(x) - 1)/x` at 1e-6 is not `exp(x)`'s rounding error
    /// over `x^3`.
    case expMinusOne = "exp-minus-one"
    /// `log(1 + u)` as `log1p(u)`: `log(1 + x1^2)` at `x1 = 1e-7` is `1e-14`, not
    /// `log(1.00000000000001) = 9.992e-15`.
    case logOnePlus = "log-one-plus"

    /// The rule in formula syntax: what is matched, and what is evaluated instead.
    public var rule: (plain: String, lowered: String) {
        switch self {
        case .hyperbolicQuotient: ("sinh(u)^a*cosh(u)^c, c < 0", "tanh(u)^k*sinh(u)^(a-k)*sech(u)^(-c-k), k = min(a, -c)")
        case .sechPower: ("cosh(u)^-n", "(2*exp(-abs(u))/(1 + exp(-2*abs(u))))^n")
        case .tanhPolynomial: ("P(tanh(u)), P(1) = P(-1) = 0", "Q(tanh(u))*sech(u)^2, P(t) = (1 - t^2)*Q(t)")
        case .expMinusOne: ("exp(u) - 1", "expm1(u)")
        case .logOnePlus: ("log(1 + u)", "log1p(u)")
        }
    }
}

extension ExprGraph {
    /// `roots` with the stable lowerings applied, as new nodes of the graph (a root that no
    /// rule touches is itself). One pass over the nodes under the roots, children first.
    public mutating func stablyLowered(_ roots: [NodeID]) -> [NodeID] {
        // The rules match primitives: `sech(x)^2` is lowered as `cosh(x)^-2`.
        let roots = expandingDefinitions(roots)
        var map: [NodeID: NodeID] = [:]
        func mapped(_ id: NodeID) -> NodeID { map[id] ?? id }
        for id in reachable(from: roots) {
            let node = self[id]
            var lowered: NodeID
            switch node {
            case .power(let base, let exponent):
                if let (u, n) = coshPower(base, exponent), n < 0 {
                    lowered = power(sech(mapped(u)), number(Number(Int64(-n))))
                } else {
                    lowered = rebuild(node, operands: node.operands.transformed(mapped))
                }
            case .product(let factors):
                lowered = hyperbolicQuotient(factors, mapped) ?? rebuild(node, operands: factors.transformed(mapped))
            case .sum(let terms):
                lowered = rebuild(node, operands: terms.transformed(mapped))
                lowered = tanhPolynomial(lowered) ?? expMinusOne(lowered) ?? lowered
            case .apply(.log, let arguments):
                let argument = mapped(arguments[0])
                lowered = logOnePlus(argument) ?? apply(.log, [argument])
            default:
                lowered = node.operands.isEmpty ? id : rebuild(node, operands: node.operands.transformed(mapped))
            }
            if lowered != id { map[id] = lowered }
        }
        return roots.map(mapped)
    }

    /// `factors` as a product with each argument's net `sinh` and `cosh` powers rewritten by
    /// `StableLowering.hyperbolicQuotient`, or `nil` when no argument has a negative net power
    /// of `cosh`. The other factors are `mapped`.
    private mutating func hyperbolicQuotient(_ factors: Operands, _ mapped: (NodeID) -> NodeID) -> NodeID? {
        /// The net integer powers of `sinh(u)` and `cosh(u)` among the factors, by argument `u`.
        var powers: [NodeID: (sinh: Int, cosh: Int)] = [:]
        var others: [NodeID] = []
        for factor in factors {
            if let (u, n) = hyperbolicPower(factor, of: .sinh) {
                powers[u, default: (0, 0)].sinh += n
            } else if let (u, n) = hyperbolicPower(factor, of: .cosh) {
                powers[u, default: (0, 0)].cosh += n
            } else {
                others.append(mapped(factor))
            }
        }
        guard powers.values.contains(where: { $0.cosh < 0 && $0.sinh >= 0 }) else { return nil }
        var result = others
        for (u, p) in powers.sorted(by: { $0.key < $1.key }) {
            let argument = mapped(u)
            guard p.cosh < 0 && p.sinh >= 0 else {
                if p.sinh != 0 { result.append(power(apply(.sinh, [argument]), number(Number(Int64(p.sinh))))) }
                if p.cosh != 0 { result.append(power(apply(.cosh, [argument]), number(Number(Int64(p.cosh))))) }
                continue
            }
            let k = Swift.min(p.sinh, -p.cosh)
            result.append(power(apply(.tanh, [argument]), number(Number(Int64(k)))))
            result.append(power(apply(.sinh, [argument]), number(Number(Int64(p.sinh - k)))))
            result.append(power(sech(argument), number(Number(Int64(-p.cosh - k)))))
        }
        return product(Operands(result))
    }

    /// The sum `id` as `Q(tanh(u))*sech(u)^(2m)` by `StableLowering.tanhPolynomial`, or `nil`
    /// when it is not a polynomial in one `tanh(u)` with numeric coefficients that vanishes at
    /// `±1`.
    private mutating func tanhPolynomial(_ id: NodeID) -> NodeID? {
        guard case .sum(let terms) = self[id] else { return nil }
        var argument: NodeID?
        var coefficients: [Number] = []
        for term in terms {
            var (coefficient, rest) = (Number.one, term)
            if case .product(let factors) = self[term], factors.count == 2, let c = number(factors[0]) {
                (coefficient, rest) = (c, factors[1])
            }
            let degree: Int
            if let c = number(rest) {
                (coefficient, degree) = (coefficient * c, 0)
            } else if let (u, n) = hyperbolicPower(rest, of: .tanh), n > 0, argument == nil || argument == u {
                (argument, degree) = (u, n)
            } else {
                return nil
            }
            if coefficients.count <= degree { coefficients += Array(repeating: .zero, count: degree + 1 - coefficients.count) }
            coefficients[degree] = coefficients[degree] + coefficient
        }
        guard let u = argument else { return nil }
        var multiplicity = 0
        // Divide by t^2 - 1 while the remainder is 0: t^d = t^(d-2) (t^2 - 1) + t^(d-2).
        while coefficients.count > 2 {
            var remainder = coefficients
            var quotient = [Number](repeating: .zero, count: coefficients.count - 2)
            for d in stride(from: remainder.count - 1, through: 2, by: -1) {
                quotient[d - 2] = remainder[d]
                remainder[d - 2] = remainder[d - 2] + remainder[d]
            }
            guard remainder[0].isZero && remainder[1].isZero else { break }
            // P = (t^2 - 1) Q = (1 - t^2) (-Q).
            coefficients = quotient.map { -$0 }
            multiplicity += 1
        }
        guard multiplicity > 0 else { return nil }
        let t = apply(.tanh, [u])
        let q = sum(Operands(coefficients.enumerated().map { k, c in product([number(c), power(t, number(Number(Int64(k))))]) }))
        return product([q, power(sech(u), number(Number(Int64(2 * multiplicity))))])
    }

    /// The sum `id` with `exp(u) - 1` (or `1 - exp(u)`) among its terms rewritten by
    /// `StableLowering.expMinusOne`, or `nil` when it has no such pair.
    private mutating func expMinusOne(_ id: NodeID) -> NodeID? {
        guard case .sum(let terms) = self[id] else { return nil }
        for (k, term) in terms.enumerated() {
            var (sign, rest) = (Number.one, term)
            if case .product(let factors) = self[term], factors.count == 2, let c = number(factors[0]), c == .minusOne {
                (sign, rest) = (.minusOne, factors[1])
            }
            guard case .apply(.exp, let arguments) = self[rest],
                let one = terms.firstIndex(where: { number($0) == -sign })
            else { continue }
            let lowered = product([number(sign), apply(.expm1, [arguments[0]])])
            return sum(Operands(terms.indices.filter { $0 != k && $0 != one }.map { terms[$0] } + [lowered]))
        }
        return nil
    }

    /// `log1p(u)` for a sum `1 + u` (`StableLowering.logOnePlus`), or `nil` when `sum` has no
    /// term 1.
    private mutating func logOnePlus(_ sum: NodeID) -> NodeID? {
        guard case .sum(let terms) = self[sum], let one = terms.firstIndex(where: { number($0) == .one }) else { return nil }
        let rest = terms.indices.filter { $0 != one }.map { terms[$0] }
        return apply(.log1p, [rest.count == 1 ? rest[0] : self.sum(Operands(rest))])
    }

    /// `f(u)^n` for `factor` = `f(u)` or `f(u)^n` with an integer `n` of at most 64 in size:
    /// `(u, n)`, else `nil`.
    private func hyperbolicPower(_ factor: NodeID, of f: Function) -> (NodeID, Int)? {
        switch self[factor] {
        case .apply(let g, let arguments) where g == f: return (arguments[0], 1)
        case .power(let base, let exponent):
            guard case .apply(let g, let arguments) = self[base], g == f,
                let n = number(exponent)?.integerValue, Swift.abs(n) <= 64
            else { return nil }
            return (arguments[0], Int(n))
        default: return nil
        }
    }

    /// `(u, n)` when `base^exponent` is `cosh(u)^n` for an integer `n`.
    private func coshPower(_ base: NodeID, _ exponent: NodeID) -> (NodeID, Int)? {
        guard case .apply(.cosh, let arguments) = self[base], let n = number(exponent)?.integerValue, Swift.abs(n) <= 64
        else { return nil }
        return (arguments[0], Int(n))
    }

    /// `sech(u)` as `2*exp(-abs(u))/(1 + exp(-2*abs(u)))`: no intermediate above 2.
    private mutating func sech(_ u: NodeID) -> NodeID {
        let magnitude = apply(.abs, [u])
        let near = apply(.exp, [product([number(.minusOne), magnitude])])
        let far = apply(.exp, [product([number(Number(Int64(-2))), magnitude])])
        return product([number(Number(Int64(2))), near, power(sum([number(.one), far]), number(.minusOne))])
    }
}
