// Vectors and the vector-calculus operators: `[u, v]`, grad, laplacian, div, curl, hessian,
// jacobian, dot and norm, each read into scalar syntax (D(...), sums, products) where written.

/// The operators of vector calculus, read where written into `D(...)` and arithmetic.
public enum VectorOperator: String, CaseIterable, Sendable {
    /// `grad(u, x, y, ...)`: the vector of first partials.
    case grad
    /// `laplacian(u, x, y, ...)`: the sum of the pure second partials.
    case laplacian
    /// `div([a, b, ...], x, y, ...)`: the sum of each component's partial by its variable.
    case div
    /// `curl([a, b, c], x, y, z)`: the 3-vector `[D(c, y) - D(b, z), D(a, z) - D(c, x), D(b, x) - D(a, y)]`.
    case curl
    /// `hessian(u, x, y, ...)`: the second partials, row by row (n^2 components).
    case hessian
    /// `jacobian([u, v, ...], x, y, ...)`: each component's first partials, row by row.
    case jacobian
    /// `dot(a, b)`: the sum of the products of two vectors' components.
    case dot
    /// `norm(a)`: the Euclidean norm, as `hypot` (no overflow).
    case norm

    /// Whether the value is a vector rather than a number.
    var isVectorValued: Bool { [.grad, .curl, .hessian, .jacobian].contains(self) }

    /// Whether the first argument is a vector (else a number).
    var takesVector: Bool { [.div, .curl, .jacobian, .dot, .norm].contains(self) }

    /// An example argument list.
    var exampleArguments: String {
        switch self {
        case .grad, .laplacian, .hessian: return "u, x, y"
        case .div, .jacobian: return "[u, v], x, y"
        case .curl: return "[a, b, c], x, y, z"
        case .dot: return "[a, b], [c, d]"
        case .norm: return "[a, b]"
        }
    }
}

extension Parser {
    /// Whether the value starting at `token` is a vector: `[`, a vector binding, or a call of a
    /// vector-valued operator.
    mutating func startsVector() throws(Diagnostic) -> Bool {
        switch token.kind {
        case .leftBracket: return true
        case .identifier:
            let name = text(of: token)
            if vectorBindings[name] != nil { return true }
            guard case .vectorOperator(let op)? = Self.callee(name), op.isVectorValued else { return false }
            return try peek() == .leftParenthesis
        default: return false
        }
    }

    /// `vector ::= '[' expr (',' expr)* ']' | vectorcall | identifier` (a vector binding): its
    /// components and where it was written. A vector followed by an operator is an error.
    mutating func vector() throws(Diagnostic) -> (components: [SyntaxID], range: SourceRange) {
        let first = token
        var result: (components: [SyntaxID], range: SourceRange)
        switch first.kind {
        case .leftBracket:
            try enter(first)
            try advance()
            var components = [try expr()]
            while token.kind == .comma {
                try advance()
                components.append(try expr())
            }
            guard token.kind == .rightBracket else {
                if token.kind.startsOperand || token.kind == .rightParenthesis { throw unexpectedAfterOperand(closing: nil) }
                throw Diagnostic(.unclosedBracket(openedAt: first.range.start), at: token.range, related: first.range)
            }
            result = (components, first.range.union(token.range))
            try advance()
            depth -= 1
        case .identifier:
            let name = text(of: first)
            try advance()
            if let bound = vectorBindings[name] {
                result = (bound, first.range)
            } else if case .vectorOperator(let op)? = Self.callee(name), op.isVectorValued, token.kind == .leftParenthesis {
                result = try operatorCall(op, at: first)
            } else {
                throw Diagnostic(.vectorExpected(operator: "[", found: "'\(name)'"), at: first.range)
            }
        default:
            throw Diagnostic(.vectorExpected(operator: "[", found: describe(first)), at: first.range)
        }
        if ![.end, .semicolon, .comma, .rightParenthesis, .rightBracket].contains(token.kind) {
            throw Diagnostic(.vectorInScalarContext(what: "'\(lexer.text(result.range.start.offset, result.range.end.offset))'"), at: token.range)
        }
        return result
    }

    /// A call of `op` (its name consumed; `token` is the `(`): the components of its value,
    /// one for a number.
    mutating func operatorCall(_ op: VectorOperator, at nameToken: Token) throws(Diagnostic) -> (components: [SyntaxID], range: SourceRange) {
        try enter(nameToken)
        let open = token
        try advance()
        let name = op.rawValue
        var vector: [SyntaxID] = []
        var scalar: SyntaxID?
        if op.takesVector {
            guard try startsVector() else { throw Diagnostic(.vectorExpected(operator: name, found: describe(token)), at: token.range) }
            vector = try self.vector().components
        } else {
            scalar = try expr()
        }
        var other: [SyntaxID] = []
        var variables: [DerivativeVariable] = []
        while token.kind == .comma {
            try advance()
            if op == .dot && other.isEmpty {
                guard try startsVector() else { throw Diagnostic(.vectorExpected(operator: name, found: describe(token)), at: token.range) }
                other = try self.vector().components
                continue
            }
            guard token.kind == .identifier else { throw Diagnostic(.derivativeVariableExpected(found: describe(token)), at: token.range) }
            try checkOperatorVariable(text(of: token))
            variables.append(DerivativeVariable(name: text(of: token), range: token.range))
            try advance()
        }
        guard token.kind == .rightParenthesis else { throw unexpectedAfterOperand(closing: open) }
        let range = nameToken.range.union(token.range)
        try checkShape(op, vector: vector.count, other: other.count, variables: variables.count, range: range)
        try advance()
        depth -= 1
        let d = { (parser: inout Parser, f: SyntaxID, wrt: [DerivativeVariable]) in parser.addDerivative(f, wrt, range) }
        let components: [SyntaxID]
        switch op {
        case .grad: components = variables.map { d(&self, scalar!, [$0]) }
        case .laplacian: components = [sum(variables.map { d(&self, scalar!, [$0, $0]) }, range)]
        case .hessian: components = variables.flatMap { a in variables.map { b in d(&self, scalar!, [a, b]) } }
        case .div: components = [sum(zip(vector, variables).map { d(&self, $0, [$1]) }, range)]
        case .jacobian: components = vector.flatMap { f in variables.map { d(&self, f, [$0]) } }
        case .dot: components = [sum(zip(vector, other).map { addChain($0, [ChainLink(op: .multiply, operand: $1)], range) }, range)]
        case .norm:
            components = [vector.count == 1
                ? addCall(.abs, vector, range)
                : vector.dropFirst(2).reduce(addCall(.hypot, vector.prefix(2), range)) { addCall(.hypot, [$0, $1], range) }]
        case .curl:
            let (x, y, z) = (variables[0], variables[1], variables[2])
            let difference = { (parser: inout Parser, a: SyntaxID, b: SyntaxID) in
                parser.addChain(a, [ChainLink(op: .subtract, operand: b)], range)
            }
            let first = difference(&self, d(&self, vector[2], [y]), d(&self, vector[1], [z]))
            let second = difference(&self, d(&self, vector[0], [z]), d(&self, vector[2], [x]))
            components = [first, second, difference(&self, d(&self, vector[1], [x]), d(&self, vector[0], [y]))]
        }
        return (components, range)
    }

    /// The call of a number-valued operator in an expression (its name consumed).
    mutating func scalarOperator(_ op: VectorOperator, at nameToken: Token) throws(Diagnostic) -> SyntaxID {
        guard !op.isVectorValued else {
            throw Diagnostic(.vectorInScalarContext(what: "'\(op.rawValue)(\(op.exampleArguments))'"), at: nameToken.range)
        }
        return try operatorCall(op, at: nameToken).components[0]
    }

    /// Checks the counts of an operator's vectors and variables.
    private func checkShape(_ op: VectorOperator, vector: Int, other: Int, variables: Int, range: SourceRange) throws(Diagnostic) {
        let name = op.rawValue
        switch op {
        case .grad, .laplacian, .hessian, .jacobian:
            if variables == 0 { throw Diagnostic(.vectorLengthMismatch(operator: name, expected: 1, got: 0), at: range) }
        case .div:
            if variables != vector { throw Diagnostic(.vectorLengthMismatch(operator: name, expected: vector, got: variables), at: range) }
        case .curl:
            if vector != 3 { throw Diagnostic(.curlNeedsThreeComponents(got: vector), at: range) }
            if variables != 3 { throw Diagnostic(.vectorLengthMismatch(operator: name, expected: 3, got: variables), at: range) }
        case .dot:
            if other != vector { throw Diagnostic(.vectorLengthMismatch(operator: name, expected: vector, got: other), at: range) }
            if variables > 0 { throw Diagnostic(.wrongArgumentCount(function: name, expected: "2", got: 2 + variables), at: range) }
        case .norm:
            if variables > 0 { throw Diagnostic(.wrongArgumentCount(function: name, expected: "1", got: 1 + variables), at: range) }
        }
    }

    /// A variable of an operator is one D could take.
    private func checkOperatorVariable(_ name: String) throws(Diagnostic) {
        if bindingIndex[name] != nil || vectorBindings[name] != nil || name == defining {
            throw Diagnostic(.derivativeWithRespectToBinding(name), at: token.range)
        }
        switch Self.callee(name) {
        case .constant?: throw Diagnostic(.derivativeWithRespectToConstant(name), at: token.range)
        case .some: throw Diagnostic(.derivativeWithRespectToFunction(name), at: token.range)
        case nil: break
        }
    }

    /// The sum of `terms` (the one term alone).
    private mutating func sum(_ terms: [SyntaxID], _ range: SourceRange) -> SyntaxID {
        guard terms.count > 1 else { return terms[0] }
        return addChain(terms[0], terms.dropFirst().map { ChainLink(op: .add, operand: $0) }, range)
    }
}
