// The fully parenthesized reading of a syntax tree, as the grammar's examples spell it.

extension SyntaxTree {
    /// The fully parenthesized reading of node `id`: `(a + b)`, `(-a)`, `sin(x)`, `D(f, x, x)`.
    ///
    /// A chain reads as nested left-associative binary operations, `((a + b) - c)`; a binding
    /// reference reads as the bound name. Builds readings in one forward pass over `nodes`
    /// (children precede parents), so it never recurses.
    public func parenthesized(_ id: SyntaxID) -> String {
        var readings: [String] = []
        readings.reserveCapacity(Int(id.index) + 1)
        for node in nodes[...Int(id.index)] {
            func read(_ child: SyntaxID) -> String { readings[Int(child.index)] }
            switch node.kind {
            case .number(let value):
                // A fraction is a quotient: parenthesized like one.
                let text = self[value].description
                readings.append(text.contains("/") ? "(\(text))" : text)
            case .constant(let constant): readings.append(constant.rawValue)
            case .variable(let name): readings.append(self[name])
            case .bindingReference(let index): readings.append(bindings[index].name)
            case .patternVariable(let name): readings.append("?" + self[name])
            case .negate(let operand): readings.append("(-\(read(operand)))")
            case .plus(let operand): readings.append("(+\(read(operand)))")
            case .chain(let first, let list):
                var text = String(repeating: "(", count: Int(list.count)) + read(first)
                for link in links(list) { text += " \(link.op.rawValue) \(read(link.operand)))" }
                readings.append(text)
            case .power(let base, let exponent): readings.append("(\(read(base)) ^ \(read(exponent)))")
            case .call(let function, let list):
                readings.append("\(function.name)(\(arguments(list).map(read).joined(separator: ", ")))")
            case .derivative(let function, let list):
                readings.append("D(\(([read(function)] + derivativeVariables(list).map(\.name)).joined(separator: ", ")))")
            }
        }
        return readings[Int(id.index)]
    }

    /// The whole formula, fully parenthesized: `u = (x ^ 2); (u + 1)`; a vector-valued one
    /// as its components, `[D(u, x), D(u, y)]` (vector bindings are substituted where used).
    public func parenthesized() -> String {
        let statements = bindings.map { "\($0.name) = \(parenthesized($0.value)); " }
        guard !components.isEmpty else { return statements.joined() + parenthesized(body) }
        return statements.joined() + "[" + components.map { parenthesized($0) }.joined(separator: ", ") + "]"
    }
}
