// Expressions as a straight-line program for code export: shared subexpressions as locals.

/// Why expressions cannot be exported to a language.
public struct ExportError: ReportedError, Equatable, Sendable {
    public let message: String
    public let hint: String?
}

/// Expressions as a straight-line program over one graph: the nodes that become local
/// variables, in evaluation order, and the named outputs, each written in a `CodeDialect`.
///
/// The program is the DAG, not a tree: a node used twice is computed once into a local, and so
/// is a node whose inline text would nest more than `maxInlineDepth` levels (which also bounds
/// the writer's recursion). Locals are `_t0`, `_t1`, ...; an input named so is renamed
/// (`CodeDialect.safeName`). Defined functions are expanded into primitives first, as every
/// evaluator sees them.
public struct CodeProgram: Sendable {
    public private(set) var graph: ExprGraph
    /// The inputs, one array each, in order.
    public let inputs: [String]
    /// The nodes computed into locals, in evaluation order.
    public private(set) var locals: [NodeID] = []
    /// The outputs: a name and the node it holds.
    public private(set) var outputs: [(name: String, node: NodeID)]
    private var localNames: [NodeID: String] = [:]

    /// The program of `outputs` over `inputs`, with no inline text deeper than `maxInlineDepth`
    /// (1 makes every operation a local of its own).
    public init(graph: ExprGraph, inputs: [String], outputs: [(name: String, node: NodeID)], maxInlineDepth: Int = 16) {
        var graph = graph
        let roots = graph.expandingDefinitions(outputs.map(\.node))
        self.inputs = inputs
        self.outputs = zip(outputs, roots).map { ($0.name, $1) }
        let nodes = graph.reachable(from: roots)
        var uses: [NodeID: Int] = [:]
        for id in nodes { for operand in graph[id].operands { uses[operand, default: 0] += 1 } }
        for root in roots { uses[root, default: 0] += 1 }
        var depth: [NodeID: Int] = [:]
        var names: [NodeID: String] = [:]
        var locals: [NodeID] = []
        for id in nodes {
            let operands = graph[id].operands
            guard !operands.isEmpty else { continue }
            let inline = 1 + operands.map { names[$0] == nil ? depth[$0] ?? 0 : 0 }.max()!
            if uses[id, default: 0] > 1 || inline > maxInlineDepth {
                names[id] = "_t\(locals.count)"
                locals.append(id)
            } else {
                depth[id] = inline
            }
        }
        self.locals = locals
        localNames = names
        self.graph = graph
    }

    /// The name of the local that holds `node`; `nil` when it is written inline.
    public func localName(_ node: NodeID) -> String? { localNames[node] }

    /// Whether `node` depends on no input (a constant output must still be a full array).
    public func isConstant(_ node: NodeID) -> Bool { graph.variables(in: [node]).isEmpty }

    /// The text of `node` in `dialect`, with locals by name (a local's own definition is
    /// written by passing `defining: true`).
    public func text(_ node: NodeID, in dialect: CodeDialect, defining: Bool = false) throws(ExportError) -> String {
        try ExpressionWriter(program: self, dialect: dialect).text(node, top: defining).text
    }

    /// Every function the program applies, for helpers and imports.
    public var functions: Set<Function> {
        var result = Set<Function>()
        for id in graph.reachable(from: outputs.map(\.node)) {
            if case .apply(let f, _) = graph[id] { result.insert(f) }
        }
        return result
    }
}

/// Binding strength of exported text, weakest first.
enum CodePrecedence: Int, Comparable {
    case sum, product, unary, power, atom
    static func < (a: CodePrecedence, b: CodePrecedence) -> Bool { a.rawValue < b.rawValue }
}

/// Writes one node's inline text; recursion is bounded by the program's `maxInlineDepth`.
struct ExpressionWriter {
    let program: CodeProgram
    let dialect: CodeDialect
    var graph: ExprGraph { program.graph }

    /// The text of `id` and how strongly it binds; a local prints as its name unless `top`.
    func text(_ id: NodeID, top: Bool = false) throws(ExportError) -> (text: String, precedence: CodePrecedence) {
        if !top, let name = program.localName(id) { return (name, .atom) }
        switch graph[id] {
        case .number(let n): return number(n.doubleValue)
        case .constant(let c): return (dialect.constant(c), .atom)
        case .variable(let name): return (dialect.variable(dialect.safeName(name)), .atom)
        case .sum(let terms): return try sum(terms)
        case .product(let factors): return try product(factors)
        case .power(let base, let exponent): return try power(base, exponent)
        case .apply(let f, let arguments):
            guard let template = dialect.functions[f] else {
                throw ExportError(
                    message: "\(f.name) has no \(dialect.name) form in symdiff's export",
                    hint: Self.languages(with: f))
            }
            var out = template
            for (k, argument) in arguments.enumerated().reversed() {
                out = out.replacingOccurrences(of: "{\(k)}", with: try text(argument).text)
            }
            return (out, .atom)
        }
    }

    /// The hint for a function a language lacks: the languages that have it.
    static func languages(with f: Function) -> String {
        let names = CodeDialect.all.filter { $0.functions[f] != nil }.map(\.name)
        return names.isEmpty ? "no language has \(f.name) yet; --emit latex writes any formula" : "languages that have it: " + names.joined(separator: ", ")
    }

    private func number(_ x: Double) -> (text: String, precedence: CodePrecedence) {
        (dialect.number(x), x < 0 || (x == 0 && x.sign == .minus) ? .unary : .atom)
    }

    private func wrapped(_ item: (text: String, precedence: CodePrecedence), below level: CodePrecedence) -> String {
        item.precedence < level ? "(\(item.text))" : item.text
    }

    private func sum(_ terms: Operands) throws(ExportError) -> (text: String, precedence: CodePrecedence) {
        var out = ""
        for (i, term) in terms.enumerated() {
            if i > 0, let negated = try negatedText(term) {
                out += " - " + wrapped(negated, below: .product)
            } else {
                let item = try text(term)
                out += (i > 0 ? " + " : "") + (i > 0 ? wrapped(item, below: .product) : item.text)
            }
        }
        return (out, .sum)
    }

    /// The text of `-term` when `term` is a negative number or a product with a negative coefficient.
    private func negatedText(_ term: NodeID) throws(ExportError) -> (text: String, precedence: CodePrecedence)? {
        switch graph[term] {
        case .number(let n) where n.isNegative: return number(-n.doubleValue)
        case .product(let factors):
            guard let c = graph.number(factors[0]), c.isNegative else { return nil }
            return try product(factors, coefficient: -c.doubleValue)
        default: return nil
        }
    }

    private func product(_ factors: Operands, coefficient: Double? = nil) throws(ExportError) -> (text: String, precedence: CodePrecedence) {
        var c = coefficient ?? 1
        var numerator: [String] = []
        var denominator: [String] = []
        for (i, factor) in factors.enumerated() {
            if i == 0, let n = graph.number(factor) {
                if coefficient == nil { c = n.doubleValue }
                continue
            }
            if case .power(let base, let exponent) = graph[factor], let e = graph.number(exponent), e.isNegative, program.localName(factor) == nil {
                let positive = e == .minusOne ? try text(base) : try powerText(base, -e.doubleValue)
                denominator.append(wrapped(positive, below: .power))
            } else {
                numerator.append(wrapped(try text(factor), below: .product))
            }
        }
        if c != 1 && c != -1 || numerator.isEmpty { numerator.insert(dialect.number(Swift.abs(c)), at: 0) }
        let body = numerator.joined(separator: "*") + denominator.map { "/" + $0 }.joined()
        return c < 0 ? ("-" + body, .unary) : (body, .product)
    }

    private func power(_ base: NodeID, _ exponent: NodeID) throws(ExportError) -> (text: String, precedence: CodePrecedence) {
        if let e = graph.number(exponent) {
            if e.isNegative { return ("\(dialect.number(1))/" + wrapped(try powerText(base, -e.doubleValue), below: .power), .product) }
            return try powerText(base, e.doubleValue)
        }
        return dialect.power(try text(base), try text(exponent))
    }

    /// `base^e` for a positive number `e`: `sqrt` for 1/2.
    private func powerText(_ base: NodeID, _ e: Double) throws(ExportError) -> (text: String, precedence: CodePrecedence) {
        if e == 1 { return try text(base) }
        if e == 0.5 { return (dialect.functions[.sqrt]!.replacingOccurrences(of: "{0}", with: try text(base).text), .atom) }
        let exponent = dialect.integerExponents && e == e.rounded() && Swift.abs(e) < 0x1p53 ? ("\(Int64(e))", CodePrecedence.atom) : number(e)
        return dialect.power(try text(base), exponent)
    }
}
