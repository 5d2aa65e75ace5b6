// Printing expressions in formula syntax, with as few parentheses as reading back needs.

/// Binding strength of printed forms, weakest first.
private enum Precedence: Int, Comparable {
    case sum, product, unary, power, atom
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// Prints nodes of one graph in formula syntax.
///
/// Reading the text back gives the same node: a sum prints as `a - b` and a negative power
/// as a quotient, and the parser's canonical constructors undo exactly that. Nodes named in
/// `names` print as that name (used for let-bindings of shared subexpressions).
struct Printer {
    let graph: ExprGraph
    var names: [NodeID: String] = [:]

    /// The text of `id` and how strongly it binds.
    private func text(_ id: NodeID) -> (String, Precedence) {
        if let name = names[id] { return (name, .atom) }
        switch graph[id] {
        case .number(let n): return numberText(n)
        case .constant(let c): return (c.rawValue, .atom)
        case .variable(let name): return (name, .atom)
        case .apply(let f, let arguments):
            return ("\(f.name)(\(arguments.map { text($0).0 }.joined(separator: ", ")))", .atom)
        case .sum(let terms): return sumText(terms)
        case .product(let factors): return productText(factors)
        case .power(let base, let exponent):
            if let n = graph.number(exponent), n.isNegative {
                return ("1/" + wrapped(powerText(base, -n), above: .product), .product)
            }
            return (powerText(base, exponent: text(exponent)), .power)
        }
    }

    /// The formula text of `id`.
    func formula(_ id: NodeID) -> String { text(id).0 }

    private func wrapped(_ item: (String, Precedence), above level: Precedence) -> String {
        item.1 > level ? item.0 : "(\(item.0))"
    }

    private func numberText(_ n: Number) -> (String, Precedence) {
        let spelled = n.description
        if case .real(let x) = n, !x.isFinite { return (spelled, x.isNaN ? .atom : x > 0 ? .product : .unary) }
        if n.isNegative { return (spelled, .unary) }
        if case .rational(let p, let q) = n, q != 1, Number.decimalText(p, q) == nil { return (spelled, .product) }
        return (spelled, .atom)
    }

    private func powerText(_ base: NodeID, _ exponent: Number) -> (String, Precedence) {
        if exponent.isOne { return text(base) }
        return (powerText(base, exponent: numberText(exponent)), .power)
    }

    private func powerText(_ base: NodeID, exponent: (String, Precedence)) -> String {
        // The exponent may itself be a power (right-associative) but needs parentheses below.
        let e = exponent.1 >= .power ? exponent.0 : "(\(exponent.0))"
        return wrapped(text(base), above: .power) + "^" + e
    }

    /// Positive terms first and negative ones after, the constant last in its group:
    /// `x^2 - 2*x + 1` is `x^2 + 1 - 2*x`, and `1 - x` stays `1 - x`.
    private func sumText(_ terms: [NodeID]) -> (String, Precedence) {
        let constant = terms.filter { graph.number($0) != nil }
        let others = terms.filter { graph.number($0) == nil }
        let ordered = others.filter { !isNegative($0) } + constant.filter { !isNegative($0) }
            + others.filter(isNegative) + constant.filter(isNegative)
        var out = ""
        for (i, term) in ordered.enumerated() {
            if isNegative(term) && i == 0 {
                out += text(term).0
            } else if isNegative(term) {
                out += " - " + wrapped(negatedText(term), above: .sum)
            } else {
                out += (i == 0 ? "" : " + ") + text(term).0
            }
        }
        return (out, .sum)
    }

    /// Variables, constants and their powers, which print before other factors: `2*x*sin(x)`.
    private func isSimple(_ id: NodeID) -> Bool {
        switch graph[id] {
        case .variable, .constant: return true
        case .power(let base, _): return isSimple(base)
        default: return false
        }
    }

    private func isNegative(_ id: NodeID) -> Bool {
        switch graph[id] {
        case .number(let n): return n.isNegative
        case .product(let factors): return graph.number(factors[0])?.isNegative ?? false
        default: return false
        }
    }

    /// The text of `-id` for a negative term, without building the negated node.
    private func negatedText(_ id: NodeID) -> (String, Precedence) {
        switch graph[id] {
        case .number(let n): return numberText(-n)
        case .product(let factors): return productText(factors, negate: true)
        default: preconditionFailure("only numbers and products are negative")
        }
    }

    /// `c*a*b/(d*e^2)`: coefficient numerator and positive powers above, the rest below.
    private func productText(_ factors: [NodeID], negate: Bool = false) -> (String, Precedence) {
        var coefficient = graph.number(factors[0]) ?? .one
        if negate { coefficient = -coefficient }
        var above: [String] = []
        var below: [(String, Precedence)] = []
        var numberBelow = false
        if coefficient.isNegative { coefficient = -coefficient }
        switch coefficient {
        case .rational(let p, let q) where Number.decimalText(p, q) != nil:
            above.append(Number.decimalText(p, q)!)
        case .rational(let p, let q) where q != 1 && p != 1 && Number.decimalText(q, p) != nil:
            // `E/(8.617333262e-5*T)` rather than `50000000000000*E/(4308666631*T)`.
            below.append((Number.decimalText(q, p)!, .atom))
            numberBelow = true
        case .rational(let p, let q):
            if p != 1 { above.append(String(p)) }
            if q != 1 { below.append((String(q), .atom)) }
            numberBelow = q != 1
        case .real:
            above.append(coefficient.description)
        }
        var sums: [String] = []
        var dividesByZero = false
        var sumsBelow = 0
        for factor in factors.filter(isSimple) + factors.filter({ !isSimple($0) }) where graph.number(factor) == nil {
            if case .power(let base, let exponent) = graph[factor], names[factor] == nil,
                let n = graph.number(exponent), n.isNegative
            {
                below.append(powerText(base, -n))
                dividesByZero = dividesByZero || graph.number(base)?.isZero == true
                if case .sum = graph[base], n == .minusOne { sumsBelow += 1 }
            } else if case .sum = graph[factor], names[factor] == nil {
                sums.append(wrapped(text(factor), above: .product))
            } else {
                above.append(wrapped(text(factor), above: .product))
            }
        }
        // Sums last: `-(a + b)*c` would read back as `(-a - b)*c`, a different node.
        let leadsWithSum = above.isEmpty && !sums.isEmpty
        above += sums
        var out = above.isEmpty ? "1" : above.joined(separator: "*")
        if below.count == 1 {
            out += "/" + wrapped(below[0], above: .product)
        } else if dividesByZero || below.count == 2 && sumsBelow == 1 && numberBelow {
            // `x/(y*0)` would read back as `x/0`, and `x/(2*(a + b))` as `x/(2*a + 2*b)`:
            // divide factor by factor instead.
            out += below.map { "/" + wrapped($0, above: .product) }.joined()
        } else if !below.isEmpty {
            out += "/(" + below.map { wrapped($0, above: .product) }.joined(separator: "*") + ")"
        }
        let isNegated = (graph.number(factors[0])?.isNegative ?? false) != negate
        if !isNegated { return (out, .product) }
        // A sign before a leading sum would be read into that sum alone: negate the whole.
        return leadsWithSum ? ("-(\(out))", .unary) : ("-" + out, .unary)
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
    /// much larger than the graph; an error when the text would exceed `limit` bytes
    /// (default `limits.maxPrintedBytes`) or work runs past the graph's deadline.
    ///
    /// A shared subexpression prints once per use, so a tree can be exponentially larger than
    /// its graph (the 10th derivative of a nested function). The tree size is counted first,
    /// forward and saturating. When it is more than `sharingFactor` times the node count
    /// (and over `sharingMinimum`), every shared non-leaf node is printed once as a binding,
    /// `_1 = ...; _2 = ...; body`, which is formula syntax and reads back to the same node.
    public func printedFormula(_ id: NodeID, limit: Int? = nil) throws(LimitExceeded) -> String {
        let limit = Swift.min(limit ?? limits.maxPrintedBytes, limits.maxPrintedBytes)
        // The error names the configured limit even when `limit` is what is left of it.
        let exceeded = LimitExceeded(.printedSize, limit: limits.maxPrintedBytes)
        try checkDeadline()
        let order = reachable(from: [id])
        var treeSize: [NodeID: Int] = [:]
        var uses: [NodeID: Int] = [:]
        for node in order {
            treeSize[node] = self[node].operands.reduce(1) { total, child in
                uses[child, default: 0] += 1
                let (sum, overflow) = total.addingReportingOverflow(treeSize[child]!)
                return overflow ? Int.max : sum
            }
        }
        var printer = Printer(graph: self)
        var text = ""
        if treeSize[id]! > Swift.max(ExprGraph.sharingMinimum, ExprGraph.sharingFactor * order.count) {
            let prefix = bindingPrefix()
            for node in order where node != id && uses[node, default: 0] > 1 && !self[node].operands.isEmpty {
                let name = "\(prefix)\(printer.names.count + 1)"
                text += "\(name) = \(printer.formula(node)); "
                printer.names[node] = name
                if text.utf8.count > limit { throw exceeded }
                if printer.names.count % ExprGraph.clockInterval == 0 { try checkDeadline() }
            }
        } else if treeSize[id]! > limit {
            throw exceeded
        }
        text += printer.formula(id)
        if text.utf8.count > limit { throw exceeded }
        return text
    }

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
