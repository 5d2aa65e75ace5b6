// Printing expressions in formula syntax, with as few parentheses as reading back needs.

/// Binding strength of printed forms, weakest first.
private enum Precedence: Int, Comparable {
    case or, and, comparison, sum, product, unary, power, atom
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// Prints nodes of one graph in formula syntax.
///
/// Reading the text back gives the same node: a sum prints as `a - b` and a negative power
/// as a quotient, and the parser's canonical constructors undo exactly that. Nodes named in
/// `names` print as that name (used for let-bindings of shared subexpressions).
///
/// The printer never recurses: a graph can be far deeper than any formula's nesting (a chain
/// of let-bindings each wrapping the last), so each node expands into `Piece`s (text, and
/// the items inside it) and one loop writes them from an explicit stack into one string.
/// Whether an item needs parentheses depends only on its `precedence`, known before its
/// text is written.
struct Printer {
    let graph: ExprGraph
    var names: [NodeID: String] = [:]

    /// Something that prints: a node, the negation of a negative term (`x - 2*y` prints the
    /// term `-2*y` as `2*y`), or a node raised to a number.
    private enum Item {
        case node(NodeID)
        case negated(NodeID)
        case power(NodeID, Number)
    }

    /// Part of an item's text: literal text, or an item in parentheses when its precedence is
    /// at most `wrapAbove`.
    private enum Piece {
        case text(String)
        case item(Item, wrapAbove: Precedence?)
    }

    /// The formula text of `id`.
    func formula(_ id: NodeID) -> String {
        var out = ""
        var stack: [Piece] = [.item(.node(id), wrapAbove: nil)]
        while let piece = stack.popLast() {
            switch piece {
            case .text(let text):
                out += text
            case .item(let item, let level):
                let wrap = level.map { precedence(item) <= $0 } ?? false
                if wrap { stack.append(.text(")")) }
                stack += pieces(item).reversed()
                if wrap { stack.append(.text("(")) }
            }
        }
        return out
    }

    /// How strongly the text of `item` binds, without writing it.
    private func precedence(_ item: Item) -> Precedence {
        var item = item
        while true {
            switch item {
            case .power(let base, let exponent):
                guard exponent.isOne else { return .power }
                item = .node(base)
            case .negated(let id):
                switch graph[id] {
                case .number(let n): return numberText(-n).1
                case .product(let factors): return isNegativeNumber(factors[0]) ? .product : .unary
                default: preconditionFailure("only numbers and products are negative")
                }
            case .node(let id):
                if names[id] != nil { return .atom }
                switch graph[id] {
                case .number(let n): return numberText(n).1
                case .apply(let f, _): return Self.infix[f]?.precedence ?? .atom
                case .constant, .variable: return .atom
                case .sum: return .sum
                case .product(let factors): return isNegativeNumber(factors[0]) ? .unary : .product
                case .power(_, let exponent): return graph.number(exponent)?.isNegative == true ? .product : .power
                }
            }
        }
    }

    /// The text of `item` one level down: its own text, with items for its operands.
    private func pieces(_ item: Item) -> [Piece] {
        switch item {
        case .power(let base, let exponent):
            if exponent.isOne { return pieces(.node(base)) }
            let e = numberText(exponent)
            return [.item(.node(base), wrapAbove: .power), .text("^" + (e.1 >= .power ? e.0 : "(\(e.0))"))]
        case .negated(let id):
            switch graph[id] {
            case .number(let n): return [.text(numberText(-n).0)]
            case .product(let factors): return productPieces(factors, negate: true)
            default: preconditionFailure("only numbers and products are negative")
            }
        case .node(let id):
            if let name = names[id] { return [.text(name)] }
            switch graph[id] {
            case .number(let n): return [.text(numberText(n).0)]
            case .constant(let c): return [.text(c.rawValue)]
            case .variable(let name): return [.text(name)]
            case .apply(let f, let arguments) where Self.infix[f] != nil:
                let (symbol, precedence) = Self.infix[f]!
                if arguments.count == 1 { return [.text(symbol), .item(.node(arguments[0]), wrapAbove: .unary)] }
                // `&&` and `||` chain from the left; a comparison's sides are sums at most.
                let left: Precedence? = precedence == .comparison ? .comparison : precedence == .and ? .or : nil
                return [
                    .item(.node(arguments[0]), wrapAbove: left), .text(" \(symbol) "),
                    .item(.node(arguments[1]), wrapAbove: precedence),
                ]
            case .apply(let f, let arguments):
                var out: [Piece] = [.text(f.name + "(")]
                for (i, argument) in arguments.enumerated() {
                    if i > 0 { out.append(.text(", ")) }
                    out.append(.item(.node(argument), wrapAbove: nil))
                }
                return out + [.text(")")]
            case .sum(let terms): return sumPieces(terms)
            case .product(let factors): return productPieces(factors)
            case .power(let base, let exponent):
                if let n = graph.number(exponent), n.isNegative {
                    return [.text("1/"), .item(.power(base, -n), wrapAbove: .product)]
                }
                // The exponent may itself be a power (right-associative) but needs parentheses below.
                return [.item(.node(base), wrapAbove: .power), .text("^"), .item(.node(exponent), wrapAbove: .unary)]
            }
        }
    }

    /// The functions written as operators: comparisons, `&&`, `||` and the prefix `!`.
    private static let infix: [Function: (symbol: String, precedence: Precedence)] = [
        .less: ("<", .comparison), .lessEqual: ("<=", .comparison), .greater: (">", .comparison),
        .greaterEqual: (">=", .comparison), .equal: ("==", .comparison), .notEqual: ("!=", .comparison),
        .logicalAnd: ("&&", .and), .logicalOr: ("||", .or), .logicalNot: ("!", .unary),
    ]

    private func numberText(_ n: Number) -> (String, Precedence) {
        let spelled = n.description
        if case .real(let x) = n, !x.isFinite { return (spelled, x.isNaN ? .atom : x > 0 ? .product : .unary) }
        if n.isNegative { return (spelled, .unary) }
        if case .rational(let p, let q) = n, q != 1, Number.decimalText(p, q) == nil { return (spelled, .product) }
        return (spelled, .atom)
    }

    /// Positive terms first and negative ones after, the constant last in its group:
    /// `x^2 - 2*x + 1` is `x^2 + 1 - 2*x`, and `1 - x` stays `1 - x`.
    private func sumPieces(_ terms: Operands) -> [Piece] {
        let constant = terms.filter { graph.number($0) != nil }
        let others = terms.filter { graph.number($0) == nil }
        let ordered = others.filter { !isNegative($0) } + constant.filter { !isNegative($0) }
            + others.filter(isNegative) + constant.filter(isNegative)
        var out: [Piece] = []
        for (i, term) in ordered.enumerated() {
            if isNegative(term) && i == 0 {
                out.append(.item(.node(term), wrapAbove: .comparison))
            } else if isNegative(term) {
                out += [.text(" - "), .item(.negated(term), wrapAbove: .sum)]
            } else {
                if i > 0 { out.append(.text(" + ")) }
                out.append(.item(.node(term), wrapAbove: .comparison))
            }
        }
        return out
    }

    /// Variables, constants and their powers, which print before other factors: `2*x*sin(x)`.
    private func isSimple(_ id: NodeID) -> Bool {
        var id = id
        while case .power(let base, _) = graph[id] { id = base }
        switch graph[id] {
        case .variable, .constant: return true
        default: return false
        }
    }

    private func isNegativeNumber(_ id: NodeID) -> Bool { graph.number(id)?.isNegative ?? false }

    private func isNegative(_ id: NodeID) -> Bool {
        switch graph[id] {
        case .number(let n): return n.isNegative
        case .product(let factors): return isNegativeNumber(factors[0])
        default: return false
        }
    }

    /// `c*a*b/(d*e^2)`: coefficient numerator and positive powers above, the rest below.
    private func productPieces(_ factors: Operands, negate: Bool = false) -> [Piece] {
        var coefficient = graph.number(factors[0]) ?? .one
        if negate { coefficient = -coefficient }
        var above: [Piece] = []
        var below: [Piece] = []
        var numberBelow = false
        if coefficient.isNegative { coefficient = -coefficient }
        switch coefficient {
        case .rational(let p, let q) where Number.decimalText(p, q) != nil:
            above.append(.text(Number.decimalText(p, q)!))
        case .rational(let p, let q) where q != 1 && p != 1 && Number.decimalText(q, p) != nil:
            // `E/(8.617333262e-5*T)` rather than `50000000000000*E/(4308666631*T)`.
            below.append(.text(Number.decimalText(q, p)!))
            numberBelow = true
        case .rational(let p, let q):
            if p != 1 { above.append(.text(String(p))) }
            if q != 1 { below.append(.text(String(q))) }
            numberBelow = q != 1
        case .real:
            above.append(.text(coefficient.description))
        }
        var sums: [Piece] = []
        var dividesByZero = false
        var sumsBelow = 0
        for factor in factors.filter(isSimple) + factors.filter({ !isSimple($0) }) where graph.number(factor) == nil {
            if case .power(let base, let exponent) = graph[factor], names[factor] == nil,
                let n = graph.number(exponent), n.isNegative
            {
                below.append(.item(.power(base, -n), wrapAbove: .product))
                dividesByZero = dividesByZero || graph.number(base)?.isZero == true
                if case .sum = graph[base], n == .minusOne { sumsBelow += 1 }
            } else if case .sum = graph[factor] {
                // A sum printed as a binding's name too: `-_4*y` would negate `_4` alone.
                sums.append(.item(.node(factor), wrapAbove: .product))
            } else {
                above.append(.item(.node(factor), wrapAbove: .product))
            }
        }
        // Sums last: `-(a + b)*c` would read back as `(-a - b)*c`, a different node.
        let leadsWithSum = above.isEmpty && !sums.isEmpty
        above += sums
        var out: [Piece] = above.isEmpty ? [.text("1")] : Array(above.map { [$0] }.joined(separator: [Piece.text("*")]))
        if below.count == 1 {
            out += [.text("/"), below[0]]
        } else if dividesByZero || below.count == 2 && sumsBelow == 1 && numberBelow {
            // `x/(y*0)` would read back as `x/0`, and `x/(2*(a + b))` as `x/(2*a + 2*b)`:
            // divide factor by factor instead, by the number last, since `(a + b)/2/(c + d)`
            // would distribute the 1/2 over `a + b` before the division by `c + d`.
            let ordered = numberBelow ? Array(below.dropFirst()) + [below[0]] : below
            out += ordered.flatMap { [.text("/"), $0] }
        } else if !below.isEmpty {
            out += [.text("/(")] + Array(below.map { [$0] }.joined(separator: [Piece.text("*")])) + [.text(")")]
        }
        let isNegated = isNegativeNumber(factors[0]) != negate
        if !isNegated { return out }
        // A sign before a leading sum would be read into that sum alone: negate the whole.
        return leadsWithSum ? [.text("-(")] + out + [.text(")")] : [.text("-")] + out
    }
}

extension ExprGraph {
    /// `id` in formula syntax, with minimal parentheses; parsing it gives back `id`.
    public func formula(_ id: NodeID) -> String {
        Printer(graph: self).formula(id)
    }
}

extension ExprGraph {
    /// `id` in formula syntax, with let-bindings for shared subexpressions when the tree is
    /// much larger than the graph, and for every few hundred levels of a graph deeper than a
    /// formula may nest; an error when the text would exceed `limit` bytes (default
    /// `limits.maxPrintedBytes`) or work runs past the graph's deadline.
    ///
    /// A shared subexpression prints once per use, so a tree can be exponentially larger than
    /// its graph (the 10th derivative of a nested function). The tree size is counted first,
    /// forward and saturating. When it is more than `sharingFactor` times the node count
    /// (and over `sharingMinimum`), every shared non-leaf node is printed once as a binding,
    /// `_1 = ...; _2 = ...; body`, which is formula syntax and reads back to the same node.
    ///
    /// A graph can also be deeper than `limits.maxNestingDepth` allows a formula to nest:
    /// let-bindings that each wrap the last (`u1 = sin(x); u2 = sin(u1); ...`) build one
    /// without nesting. Printed plainly it would not read back, so then a node is also bound
    /// whenever the text below it could nest half the limit deep.
    public func printedFormula(_ id: NodeID, limit: Int? = nil) throws(LimitExceeded) -> String {
        let limit = Swift.min(limit ?? limits.maxPrintedBytes, limits.maxPrintedBytes)
        // The error names the configured limit even when `limit` is what is left of it.
        let exceeded = LimitExceeded(.printedSize, limit: limits.maxPrintedBytes)
        try checkDeadline()
        let order = reachable(from: [id])
        var treeSize: [NodeID: Int] = [:]
        var nesting: [NodeID: Int] = [:]
        var uses: [NodeID: Int] = [:]
        for node in order {
            let operands = self[node].operands
            treeSize[node] = operands.reduce(1) { total, child in
                uses[child, default: 0] += 1
                let (sum, overflow) = total.addingReportingOverflow(treeSize[child]!)
                return overflow ? Int.max : sum
            }
            nesting[node] = operands.isEmpty ? 1 : ExprGraph.levelsPerNode + operands.map { nesting[$0]! }.max()!
        }
        let sharing = treeSize[id]! > Swift.max(ExprGraph.sharingMinimum, ExprGraph.sharingFactor * order.count)
        if !sharing && treeSize[id]! > limit { throw exceeded }
        let deep = nesting[id]! > limits.maxNestingDepth
        let cut = Swift.max(ExprGraph.levelsPerNode, limits.maxNestingDepth / 2)
        var printer = Printer(graph: self)
        var text = ""
        let prefix = sharing || deep ? bindingPrefix() : ""
        for node in order where node != id && !self[node].operands.isEmpty {
            // The nesting below `node` once the bindings so far are names.
            let below = ExprGraph.levelsPerNode + self[node].operands.map { printer.names[$0] == nil ? nesting[$0]! : 0 }.max()!
            nesting[node] = below
            guard sharing && uses[node, default: 0] > 1 || deep && below >= cut else { continue }
            let name = "\(prefix)\(printer.names.count + 1)"
            text += "\(name) = \(printer.formula(node)); "
            printer.names[node] = name
            if text.utf8.count > limit { throw exceeded }
            if printer.names.count % ExprGraph.clockInterval == 0 { try checkDeadline() }
        }
        text += printer.formula(id)
        if text.utf8.count > limit { throw exceeded }
        return text
    }

    /// A bound on the nesting levels a node's text adds to its deepest operand's: a call, a
    /// sign, a power, parentheses (`-(...)^(-...)` opens three; one to spare).
    static let levelsPerNode = 4
    /// Trees more than this many times larger than their graph print with let-bindings.
    static let sharingFactor = 4
    /// Trees up to this many nodes always print without let-bindings.
    static let sharingMinimum = 400

    /// A prefix for binding names, `_`, lengthened until no variable of the graph starts with it.
    private func bindingPrefix() -> String {
        var prefix = "_"
        while nodes.contains(where: { if case .variable(let v) = $0 { return v.hasPrefix(prefix) } else { return false } }) {
            prefix += "_"
        }
        return prefix
    }
}
