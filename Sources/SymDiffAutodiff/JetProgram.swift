// A tape evaluated on jets: the value and every partial up to an order, in one sweep per point.
import SymDiff

/// A tape evaluated on truncated multivariate Taylor polynomials (`JetLayout`) in `Wide`: one
/// sweep at a point gives every root's value and every partial up to `layout.order` by the
/// seeded variables, mixed or pure, of any order.
///
/// Sums and products are polynomial arithmetic. Every other step is a function of one
/// argument composed with that argument's jet, `f(u) = Σ g_k (u - u0)^k`, where the
/// `g_k = f^(k)(u0) / k!` come from this module's univariate `Taylor` rules, so values and
/// kink conventions are the nested duals' own. `atan2`, `hypot`, `min`, `max` and powers with
/// a varying exponent are written in those terms. A zero coefficient contributes nothing to a
/// product, whatever it meets, as a zero tangent in `Dual`.
public final class JetProgram: Sendable {
    public let tape: Tape
    public let layout: JetLayout
    /// The tape variable seeded as each jet variable.
    public let seeds: [Int]
    /// Whether each step depends on a seeded variable; the others keep only their value.
    let varies: [Bool]
    /// The monomial `x_j` of each tape variable seeded as jet variable `j`, by tape variable
    /// (-1 for one not seeded).
    let seedMonomial: [Int]
    /// The value of each step with no variable under it (numbers, constants and what is made
    /// of them), computed once; `nil` for the others.
    let constants: [Wide?]
    /// The operands of every sum and product step, one after another (`operandRanges` says
    /// where each step's are): read at every point without copying the steps' arrays.
    let operands: [Int]
    let operandRanges: [Range<Int>]
    /// Whether each step is a sum, a product or something else, without the operand arrays.
    let kinds: [StepKind]
    /// The monomial products each step's multiplications take.
    let productTables: JetProductTables

    /// What a step is, for the sweep's dispatch.
    enum StepKind: Sendable { case sum, product, other }

    /// The program for `tape` seeding the tape variables `seeds`, up to total order `order`.
    public init(_ tape: Tape, seeds: [Int], order: Int) throws(JetLayout.TooLarge) {
        self.tape = tape
        self.seeds = seeds
        layout = try JetLayout(variableCount: seeds.count, order: order)
        var varies: [Bool] = []
        for step in tape.steps {
            if case .variable(let k) = step {
                varies.append(seeds.contains(k))
            } else {
                varies.append(tape.operands(of: step).contains { varies[$0] })
            }
        }
        self.varies = varies
        let layout = layout
        var seedMonomial = Array(repeating: -1, count: tape.variables.count)
        for (j, v) in seeds.enumerated() where v >= 0 && v < seedMonomial.count { seedMonomial[v] = layout.linear[j] }
        self.seedMonomial = seedMonomial
        var constants: [Wide?] = []
        let values: [Wide] = tape.values(at: tape.variables.map { _ in Wide.nan })
        for (k, step) in tape.steps.enumerated() {
            if case .variable = step {
                constants.append(nil)
            } else {
                constants.append(tape.operands(of: step).allSatisfy { constants[$0] != nil } ? values[k] : nil)
            }
        }
        self.constants = constants
        var operands: [Int] = []
        operandRanges = tape.steps.map { step in
            let start = operands.count
            if case .sum(let terms) = step { operands += terms }
            if case .product(let factors) = step { operands += factors }
            return start..<operands.count
        }
        self.operands = operands
        kinds = tape.steps.map { step in
            switch step {
            case .sum: .sum
            case .product: .product
            default: .other
            }
        }
        productTables = JetProductTables(tape, seeds: seeds, layout: layout, varies: varies)
    }

    /// The coefficients of every step at one point, then five jets of scratch space: one
    /// workspace per thread.
    public struct Workspace {
        var coefficients: [Wide]
    }

    /// The scratch jets: `compose` uses 0 and 1, its callers 2 and 3, and 4 holds a
    /// univariate series (`order + 1` coefficients, never more than a jet's).
    static let scratchJets = 5

    /// A workspace for this program, all coefficients 0.
    public func makeWorkspace() -> Workspace {
        Workspace(coefficients: Array(repeating: 0, count: (tape.steps.count + Self.scratchJets) * layout.count))
    }

    /// The value of step `step` after the last `evaluate`.
    public func value(_ workspace: Workspace, step: Int) -> Wide { workspace.coefficients[step * layout.count] }

    /// Root `root`'s partial along the monomial `monomial` (`layout.monomial`) after the last `evaluate`.
    public func partial(_ workspace: Workspace, root: Int, monomial: Int) -> Wide {
        workspace.coefficients[tape.roots[root] * layout.count + monomial] * layout.factorials[monomial]
    }

    /// Every step's value after the last `evaluate`, in `values` (replacing what it held).
    public func values(_ workspace: Workspace, into values: inout [Wide]) {
        let m = layout.count
        Self.fill(&values, count: tape.steps.count) { k in workspace.coefficients[k * m] }
    }

    /// Root `root`'s value, then its partial along each of `monomials` (`nil`: 0), after the
    /// last `evaluate`, in `values` (replacing what it held).
    public func partials(_ workspace: Workspace, root: Int, monomials: [Int?], into values: inout [Wide]) {
        let base = tape.roots[root] * layout.count
        Self.fill(&values, count: monomials.count + 1) { j in
            guard j > 0 else { return workspace.coefficients[base] }
            return monomials[j - 1].map { workspace.coefficients[base + $0] * layout.factorials[$0] } ?? 0
        }
    }

    /// Makes `values` `count` long, element `k` `value(k)`.
    private static func fill(_ values: inout [Wide], count: Int, _ value: (Int) -> Wide) {
        if values.count != count { values = Array(repeating: 0, count: count) }
        values.withUnsafeMutableBufferPointer { out in
            for k in 0..<count { out[k] = value(k) }
        }
    }

    /// Evaluates every step at `inputs` (in the tape's variable order) into `workspace`.
    public func evaluate(at inputs: [Wide], _ workspace: inout Workspace) {
        let m = layout.count
        productTables.withPointers(count: m) { tables in
            workspace.coefficients.withUnsafeMutableBufferPointer { all in
                operands.withUnsafeBufferPointer { operands in
                    let c = all.baseAddress!
                    let scratch = c + tape.steps.count * m
                    for k in tape.steps.indices {
                        let out = c + k * m
                        if let constant = constants[k] {
                            out[0] = constant
                            continue
                        }
                        if !varies[k] {
                            out[0] = scalarValue(tape.steps[k], c, inputs)
                            continue
                        }
                        let own = UnsafeBufferPointer(rebasing: operands[operandRanges[k]])
                        switch kinds[k] {
                        case .sum:
                            for i in 0..<m { out[i] = 0 }
                            for t in own { add(c + t * m, to: out, varies[t] ? m : 1) }
                        case .product: product(own, c, out, scratch, tables, first: productTables.first[k])
                        case .other:
                            // Variables, powers and functions: steps without operand arrays.
                            if case .variable(let v) = tape.steps[k] {
                                out[0] = inputs[v]
                                out[seedMonomial[v]] = 1
                            } else {
                                composite(tape.steps[k], c, out, scratch, tables, productTables.first[k])
                            }
                        }
                    }
                }
            }
        }
    }

    /// The value of a step that depends on no seeded variable, from its operands' values.
    private func scalarValue(_ step: Tape.Step, _ c: UnsafeMutablePointer<Wide>, _ inputs: [Wide]) -> Wide {
        let m = layout.count
        switch step {
        case .number(let n): return Tape.scalar(n)
        case .constant(.pi): return .pi
        case .constant(.e): return Wide.exp(1)
        case .variable(let k): return k >= 0 ? inputs[k] : .nan
        case .sum(let terms): return terms.dropFirst().reduce(c[terms[0] * m]) { $0 + c[$1 * m] }
        case .product(let factors): return factors.dropFirst().reduce(c[factors[0] * m]) { $0 * c[$1 * m] }
        case .integerPower(let base, let n): return Wide.power(c[base * m], n)
        case .constantPower(let base, let e), .power(let base, let e): return Wide.power(c[base * m], c[e * m])
        case .apply(let f, let a, let b): return Wide.apply(f, c[a * m], b.map { c[$0 * m] } ?? .nan)
        }
    }

    /// `out += a` over the first `count` coefficients.
    func add(_ a: UnsafeMutablePointer<Wide>, to out: UnsafeMutablePointer<Wide>, _ count: Int) {
        for i in 0..<count { out[i] += a[i] }
    }

    /// The product of the factors' jets into `out`.
    /// `first` is the step's first product table.
    private func product(
        _ factors: UnsafeBufferPointer<Int>, _ c: UnsafeMutablePointer<Wide>, _ out: UnsafeMutablePointer<Wide>,
        _ scratch: UnsafeMutablePointer<Wide>, _ tables: JetProductTables.Pointers, first: Int
    ) {
        let m = layout.count
        var constant: Wide = 1
        for f in factors where !varies[f] { constant *= c[f * m] }
        // Each multiplication writes where the next does not read, alternating between `out`
        // and `scratch` so that the last lands in `out`.
        var remaining = factors.count { varies[$0] } - 1
        var (source, table): (UnsafeMutablePointer<Wide>?, Int) = (nil, first)
        for f in factors where varies[f] {
            guard let left = source else {
                source = c + f * m
                continue
            }
            remaining -= 1
            let target = remaining % 2 == 0 ? out : scratch
            multiply(left, c + f * m, into: target, tables, table)
            (source, table) = (target, table + 1)
        }
        if let source, source != out { copy(source, to: out) }
        for i in 0..<m where i == 0 || out[i] != 0 { out[i] *= constant }
    }

    /// A power or function step: its operands' jets through univariate compositions.
    /// `increments` is the table of products that multiplying by an increment of the step's operands takes.
    private func composite(
        _ step: Tape.Step, _ c: UnsafeMutablePointer<Wide>, _ out: UnsafeMutablePointer<Wide>, _ scratch: UnsafeMutablePointer<Wide>,
        _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        let m = layout.count
        let order = layout.order
        func value(_ k: Int) -> Wide { c[k * m] }
        func variable(_ x: Wide) -> Taylor<Wide> { Taylor(variable: x, order: order) }
        func constant(_ x: Wide) -> Taylor<Wide> { Taylor(coefficients: [x]) }
        switch step {
        case .integerPower(let base, let n):
            compose(.integerPower(n), c + base * m, into: out, scratch, tables, increments) { Taylor.power(variable(value(base)), n) }
        case .constantPower(let base, let e):
            compose(.constantPower(value(e)), c + base * m, into: out, scratch, tables, increments) {
                Taylor.power(variable(value(base)), constantExponent: constant(value(e)))
            }
        case .power(let base, let e):
            power(base: base, exponent: e, c, out, scratch, tables, increments)
        case .apply(let f, let a, let b) where f.arity == 1 || b == nil:
            compose(.apply(f), c + a * m, into: out, scratch, tables, increments) {
                Taylor.apply(f, variable(value(a)), constant(b.map(value) ?? .nan))
            }
        case .apply(let f, let n, let x?) where f.info.integerOrder:
            // The order is a constant integer: a function of x alone.
            compose(.apply(f), c + x * m, into: out, scratch, tables, increments) {
                Taylor.apply(f, constant(value(n)), variable(value(x)))
            }
        case .apply(let f, let a, let b?):
            binary(f, c + a * m, c + b * m, out, scratch, tables, increments)
        case .apply(_, _, .none), .number, .constant, .variable, .sum, .product:
            preconditionFailure("not a composite step")
        }
    }

    /// `a^b` where the exponent's step varies with some variable.
    private func power(
        base: Int, exponent: Int, _ c: UnsafeMutablePointer<Wide>, _ out: UnsafeMutablePointer<Wide>, _ scratch: UnsafeMutablePointer<Wide>,
        _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        let m = layout.count
        let (a, b) = (c[base * m], c[exponent * m])
        if !varies[base] {
            // `0^y` is 0 all around a positive `y`.
            if a == 0 && b > 0 {
                for i in 0..<m { out[i] = 0 }
                return
            }
            let series = Taylor.power(Taylor(coefficients: [a]), Taylor(variable: b, order: layout.order))
            compose(series, c + exponent * m, into: out, scratch, tables, increments)
            return
        }
        if !varies[exponent] {
            let series = Taylor.power(Taylor(variable: a, order: layout.order), constantExponent: Taylor(coefficients: [b]))
            compose(series, c + base * m, into: out, scratch, tables, increments)
            return
        }
        // At a = 0 every term of a^b's expansion up to an order below b carries a positive
        // power of a: all vanish.
        if a == 0 && b > Wide(layout.order) {
            for i in 0..<m { out[i] = 0 }
            return
        }
        // exp(b log a), with the value from the C pow.
        let (logA, product) = (scratch + 2 * m, scratch + 3 * m)
        compose(.apply(.log), c + base * m, into: logA, scratch, tables, increments) { Taylor.apply(.log, Taylor(variable: a, order: layout.order), 0) }
        multiply(c + exponent * m, logA, into: product, tables, JetProductTables.allProducts)
        compose(.apply(.exp), product, into: out, scratch, tables, increments) { Taylor.apply(.exp, Taylor(variable: product[0], order: layout.order), 0) }
        out[0] = Wide.power(a, b)
    }

    /// `f(u)` for the univariate `kind`, by `JetSeries` where it has a closed form, else from
    /// the series `fallback()` builds.
    func compose(
        _ kind: JetSeries.Kind, _ u: UnsafeMutablePointer<Wide>, into out: UnsafeMutablePointer<Wide>,
        _ scratch: UnsafeMutablePointer<Wide>, _ tables: JetProductTables.Pointers, _ increments: Int, fallback: () -> Taylor<Wide>
    ) {
        let g = scratch + 4 * layout.count
        if !JetSeries.coefficients(kind, at: u[0], order: layout.order, into: g) {
            let series = fallback()
            for k in 0...layout.order { g[k] = series[k] }
        }
        compose(g, u, into: out, scratch, tables, increments)
    }

    /// `f(u)` for the univariate series `series` of `f` at `u0 = u[0]`.
    func compose(
        _ series: Taylor<Wide>, _ u: UnsafeMutablePointer<Wide>, into out: UnsafeMutablePointer<Wide>, _ scratch: UnsafeMutablePointer<Wide>,
        _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        let g = scratch + 4 * layout.count
        for k in 0...layout.order { g[k] = series[k] }
        compose(g, u, into: out, scratch, tables, increments)
    }

    /// `Σ g_k (u - u0)^k` into `out`, where `g` holds `g_0 ... g_order` of a univariate series
    /// at `u0 = u[0]`, by Horner's rule (over the products `increments`); the value is `g_0`.
    func compose(
        _ g: UnsafeMutablePointer<Wide>, _ u: UnsafeMutablePointer<Wide>, into out: UnsafeMutablePointer<Wide>,
        _ scratch: UnsafeMutablePointer<Wide>, _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        var (r, t) = (scratch, scratch + layout.count)
        // The first step, g_order * (u - u0) + g_(order-1), is a scaling.
        let top = g[layout.order]
        r[0] = g[layout.order - 1]
        for i in 1..<layout.count { r[i] = u[i] == 0 ? 0 : top * u[i] }
        guard layout.order >= 2 else { return copy(r, to: out) }
        for k in stride(from: layout.order - 2, through: 0, by: -1) {
            // The last step writes `out`; the others alternate between the two scratch jets.
            let target = k == 0 ? out : t
            multiply(r, u, into: target, tables, increments)
            target[0] = g[k]
            (r, t) = (target, r)
        }
    }

    /// The truncated product `a * b` into `out` (which is neither) over the products of
    /// table `table`, each result summed in a register and stored once (one with no products
    /// is 0): a zero coefficient of degree 1 or more contributes nothing.
    func multiply(
        _ a: UnsafeMutablePointer<Wide>, _ b: UnsafeMutablePointer<Wide>, into out: UnsafeMutablePointer<Wide>,
        _ tables: JetProductTables.Pointers, _ table: Int
    ) {
        let (left, right, runs) = (tables.left, tables.right, tables.runs(table))
        for r in 0..<layout.count {
            var sum: Wide = 0
            for p in Int(runs[r])..<Int(runs[r + 1]) {
                let (i, j) = (Int(left[p]), Int(right[p]))
                let (x, y) = (a[i], b[j])
                if (i != 0 && x == 0) || (j != 0 && y == 0) { continue }
                sum += x * y
            }
            out[r] = sum
        }
    }

    func copy(_ from: UnsafeMutablePointer<Wide>, to out: UnsafeMutablePointer<Wide>) {
        out.update(from: from, count: layout.count)
    }
}
