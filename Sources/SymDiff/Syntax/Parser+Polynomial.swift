// Orthogonal polynomials of a constant order, expanded exactly where they are read.

/// A family of classical orthogonal polynomials, by its three-term recurrence
/// `p_(k+1) = ((α_k x + β_k) p_k - γ_k p_(k-1)) / δ_k`.
enum OrthogonalPolynomial: String, CaseIterable, Sendable {
    /// Legendre's `P_n`: `(k+1) P_(k+1) = (2k+1) x P_k - k P_(k-1)`.
    case legendre
    /// Hermite's `H_n`, the physicists' (scipy's `eval_hermite`): `H_(k+1) = 2x H_k - 2k H_(k-1)`.
    case hermite
    /// Chebyshev's `T_n`: `T_(k+1) = 2x T_k - T_(k-1)`.
    case chebyshevT = "chebyshev_t"
    /// Laguerre's `L_n`: `(k+1) L_(k+1) = (2k+1 - x) L_k - k L_(k-1)`.
    case laguerre

    /// The highest order a formula may ask for.
    static let maxOrder = 100

    /// `(α, β, γ, δ)` of the step from `p_k` to `p_(k+1)`.
    private func recurrence(_ k: Int64) -> (Int64, Int64, Int64, Int64) {
        switch self {
        case .legendre: (2 * k + 1, 0, k, k + 1)
        case .hermite: (2, 0, 2 * k, 1)
        case .chebyshevT: (2, 0, 1, 1)
        case .laguerre: (-1, 2 * k + 1, k, k + 1)
        }
    }

    /// The coefficients of `p_n`, constant term first, or `nil` when one is not a fraction of
    /// 64-bit integers (Legendre past about 30, Hermite past about 20): computed as reduced
    /// fractions, every step checked for overflow.
    func coefficients(_ n: Int) -> [Number]? {
        let first: [Fraction] = switch self {
        case .laguerre: [Fraction(1), Fraction(-1)]
        case .hermite: [Fraction(0), Fraction(2)]
        case .legendre, .chebyshevT: [Fraction(0), Fraction(1)]
        }
        var (previous, current) = ([Fraction(1)], first)
        if n == 0 { return previous.map(\.number) }
        for k in 1..<Swift.max(1, n) {
            let (alpha, beta, gamma, delta) = recurrence(Int64(k))
            var next = Array(repeating: Fraction(0), count: current.count + 1)
            for (i, c) in current.enumerated() {
                guard let a = next[i + 1] + c * alpha, let b = next[i] + c * beta else { return nil }
                (next[i + 1], next[i]) = (a, b)
            }
            for (i, c) in previous.enumerated() {
                guard let d = next[i] + c * -gamma else { return nil }
                next[i] = d
            }
            let divided = next.map { $0 / delta }
            guard divided.allSatisfy({ $0 != nil }) else { return nil }
            (previous, current) = (current, divided.map { $0! })
        }
        return current.map(\.number)
    }
}

/// A fraction of 64-bit integers in lowest terms, positive denominator; `nil` from an operation
/// that overflows.
private struct Fraction: Equatable {
    var numerator: Int64
    var denominator: Int64 = 1

    init(_ numerator: Int64) { self.numerator = numerator }

    init?(_ numerator: Int64, _ denominator: Int64) {
        let divisor = Fraction.gcd(numerator.magnitude, denominator.magnitude)
        guard divisor > 0 else { return nil }
        let sign: Int64 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int64(divisor)
        self.denominator = sign * denominator / Int64(divisor)
    }

    var number: Number { Number(numerator: numerator, denominator: denominator)! }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : gcd(b, a % b) }

    static func + (a: Fraction, b: Fraction?) -> Fraction? {
        guard let b else { return nil }
        let (p, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (q, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        let (sum, o3) = p.addingReportingOverflow(q)
        let (denominator, o4) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        return o1 || o2 || o3 || o4 ? nil : Fraction(sum, denominator)
    }

    static func * (a: Fraction, k: Int64) -> Fraction? {
        let (product, overflow) = a.numerator.multipliedReportingOverflow(by: k)
        return overflow ? nil : Fraction(product, a.denominator)
    }

    static func / (a: Fraction, k: Int64) -> Fraction? {
        let (denominator, overflow) = a.denominator.multipliedReportingOverflow(by: k)
        return overflow ? nil : Fraction(a.numerator, denominator)
    }
}

extension Parser {
    /// `polynomial(n, x)` with `n` an integer number: the polynomial of order `n` in `x` with its
    /// exact coefficients, in Horner's form (`x` read once, as a shared operand). `token` is the
    /// closing `)`.
    mutating func orthogonalPolynomial(
        _ family: OrthogonalPolynomial, _ arguments: [SyntaxID], _ range: SourceRange
    ) throws(Diagnostic) -> SyntaxID {
        let name = family.rawValue
        guard arguments.count == 2 else {
            throw Diagnostic(.wrongArgumentCount(function: name, expected: "2", got: arguments.count), at: range)
        }
        guard let n = number(arguments[0])?.integerValue,
            (0...Int64(OrthogonalPolynomial.maxOrder)).contains(n)
        else { throw Diagnostic(.integerOrderRequired(function: name), at: self.range(of: arguments[0])) }
        guard let coefficients = family.coefficients(Int(n)) else {
            throw Diagnostic(.semantic(
                message: "\(name)(\(n), x) has coefficients beyond exact 64-bit fractions",
                hint: "use a lower order: symdiff expands these polynomials exactly"), at: range)
        }
        try advance()
        depth -= 1
        let x = arguments[1]
        var result = addNumber(coefficients[coefficients.count - 1], range)
        for c in coefficients.dropLast().reversed() {
            result = addChain(result, [ChainLink(op: .multiply, operand: x)], range)
            if !c.isZero { result = addChain(result, [ChainLink(op: .add, operand: addNumber(c, range))], range) }
        }
        return result
    }
}
