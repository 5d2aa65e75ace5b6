// Names in formulas: variables, constants, binding references, function calls and D(...).

extension Parser {
    /// What a reserved name stands for.
    enum Callee {
        case constant(Constant)
        case function(Function)
        /// `pow(a, b)`, read as `a ^ b`.
        case pow
        /// `D(f, x, ...)`.
        case derivative
        /// `piecewise(c1, v1, c2, v2, ..., otherwise)`, read as nested `where`.
        case piecewise
        /// `legendre(n, x)` and the other orthogonal polynomials, expanded where read.
        case polynomial(OrthogonalPolynomial)
        /// `grad`, `laplacian`, `div`, `curl`, ...: read into `D(...)` and arithmetic.
        case vectorOperator(VectorOperator)

        /// An example argument list for "write sin(x)".
        var exampleArguments: String {
            switch self {
            case .function(let function): return function.arity == 2 ? "x, y" : "x"
            case .pow: return "x, y"
            case .derivative: return "f, x"
            case .piecewise: return "x < 0, -x, x"
            case .polynomial: return "3, x"
            case .vectorOperator(let op): return op.exampleArguments
            case .constant: return ""
            }
        }
    }

    /// Every reserved name: constants, functions with their aliases, `pow`, `piecewise` and `D`.
    static let callees = NameTable(calleeEntries)

    private static let calleeEntries: [String: Callee] = {
        var table: [String: Callee] = ["pow": .pow, "D": .derivative, "piecewise": .piecewise]
        for constant in Constant.allCases { table[constant.rawValue] = .constant(constant) }
        for family in OrthogonalPolynomial.allCases { table[family.rawValue] = .polynomial(family) }
        for op in VectorOperator.allCases { table[op.rawValue] = .vectorOperator(op) }
        // A name of several functions (`log`, `log(x, base)`) stands for its first here; the
        // call picks by its arguments.
        for function in Function.allCases where table[function.name] == nil { table[function.name] = .function(function) }
        for (alias, function) in Function.aliases { table[alias] = .function(function) }
        return table
    }()

    /// What `name` stands for if it is reserved. Most variable names are rejected by their
    /// first byte or length without hashing, which keeps million-variable formulas fast.
    static func callee(_ name: String) -> Callee? {
        guard let first = name.utf8.first, first < 128, calleeFirstBytes[Int(first)], name.utf8.count <= longestCallee
        else { return nil }
        return callees[name]
    }

    private static let calleeFirstBytes: [Bool] = (0..<128).map { byte in
        calleeEntries.keys.contains { $0.utf8.first == UInt8(byte) }
    }

    private static let longestCallee = calleeEntries.keys.map(\.utf8.count).max() ?? 0

    /// The names that can be called, for "did you mean" suggestions, in a fixed order.
    static let callableNames: [String] =
        Function.allCases.map(\.name) + Function.aliases.keys.sorted() + ["pow", "piecewise"]
        + OrthogonalPolynomial.allCases.map(\.rawValue) + VectorOperator.allCases.map(\.rawValue) + ["D"]

    /// A name not followed by `(`: a constant, a binding reference or a free variable.
    ///
    /// `name` has been consumed; `nameToken` is where it was written.
    mutating func reference(_ id: NameID, at nameToken: Token) throws(Diagnostic) -> SyntaxID {
        switch names.callee(id) {
        case .constant(let constant)?: return add(.constant(constant), nameToken.range)
        case let callee?:
            let name = names[id]
            if token.kind.startsOperand {
                throw Diagnostic(.missingOpenParenthesis(function: name, argument: text(of: token)), at: token.range)
            }
            throw Diagnostic(.functionWithoutCall(name, arguments: callee.exampleArguments), at: nameToken.range)
        case nil:
            guard !bindingIndex.isEmpty || !vectorBindings.isEmpty || defining != nil else {
                return add(.variable(id), nameToken.range)
            }
            let name = names[id]
            if !bindingIndex.isEmpty, let index = bindingIndex[name] { return add(.bindingReference(index), nameToken.range) }
            if !vectorBindings.isEmpty, vectorBindings[name] != nil {
                throw Diagnostic(.vectorInScalarContext(what: "'\(name)'"), at: nameToken.range)
            }
            if name == defining { throw Diagnostic(.selfReference(name), at: nameToken.range) }
            if defining != nil, variablesInBindings[name] == nil { variablesInBindings[name] = nameToken.range }
            return add(.variable(id), nameToken.range)
        }
    }

    /// `call ::= identifier '(' expr (',' expr)* ')'`
    ///
    /// `name` has been consumed and `token` is the `(`. `pow(a, b)` becomes `a ^ b`.
    mutating func call(_ id: NameID, at nameToken: Token) throws(Diagnostic) -> SyntaxID {
        let function: Function?
        let callee = names.callee(id)
        switch callee {
        case .function(let f)?: function = f
        case .pow?, .piecewise?, .polynomial?: function = nil
        case .derivative?: return try derivative(at: nameToken)
        case .vectorOperator(let op)?: return try scalarOperator(op, at: nameToken)
        case .constant?: throw Diagnostic(.constantCalled(names[id]), at: nameToken.range)
        case nil:
            let name = names[id]
            let suggestion = Self.suggestion(for: name)
            if bindingIndex[name] != nil || name == defining || (suggestion == nil && name.count == 1) {
                throw Diagnostic(.notAFunction(name), at: nameToken.range)
            }
            throw Diagnostic(.unknownFunction(name, suggestion: suggestion), at: nameToken.range)
        }
        try enter(nameToken)
        let open = token
        try advance()
        // The arguments wait in `pendingArguments` from `base` on until the call is finished.
        let base = pendingArguments.count
        if token.kind != .rightParenthesis {
            let argument = try expr()
            pendingArguments.append(argument)
            while token.kind == .comma {
                try advance()
                let argument = try expr()
                pendingArguments.append(argument)
            }
        }
        guard token.kind == .rightParenthesis else { throw unexpectedAfterOperand(closing: open) }
        let range = nameToken.range.union(token.range)
        let count = pendingArguments.count - base
        if case .piecewise? = callee { return try piecewise(takeArguments(from: base), range) }
        if case .polynomial(let family)? = callee { return try orthogonalPolynomial(family, takeArguments(from: base), range) }
        // `log(x)` and `log(x, base)` are two functions of one name: the count picks.
        let resolved = function.flatMap { _ in names.reading(id, arguments: count) }
        guard resolved != nil || (function == nil && count == 2) else {
            let name = names[id]
            let expected = function == nil ? "2" : Function.argumentCounts(name)
            throw Diagnostic(.wrongArgumentCount(function: name, expected: expected, got: count), at: range)
        }
        try advance()
        depth -= 1
        guard let resolved else {
            let (powerBase, exponent) = (pendingArguments[base], pendingArguments[base + 1])
            pendingArguments.removeSubrange(base...)
            return add(.power(powerBase, exponent), range)
        }
        // Built-in templates (derivative rows) may write the order as an expression: `n + 1`.
        if resolved.integerOrder && !lexer.allowsPatternVariables {
            let order = pendingArguments[base]
            guard let n = number(order)?.integerValue, (0...1000).contains(n)
            else { throw Diagnostic(.integerOrderRequired(function: names[id]), at: self.range(of: order)) }
        }
        return call(resolved, argumentsFrom: base, range)
    }

    /// The pending arguments from `base` on, no longer pending.
    private mutating func takeArguments(from base: Int) -> [SyntaxID] {
        defer { pendingArguments.removeSubrange(base...) }
        return Array(pendingArguments[base...])
    }

    /// `piecewise(c1, v1, ..., otherwise)` as `where(c1, v1, where(c2, v2, ... otherwise))`:
    /// the first true condition picks its value. `token` is the closing `)`.
    private mutating func piecewise(_ arguments: [SyntaxID], _ range: SourceRange) throws(Diagnostic) -> SyntaxID {
        guard arguments.count >= 3 && arguments.count % 2 == 1 else {
            throw Diagnostic(.wrongArgumentCount(function: "piecewise", expected: "an odd number from 3", got: arguments.count), at: range)
        }
        try advance()
        depth -= 1
        let pairs = stride(from: arguments.count - 3, through: 0, by: -2)
        return pairs.reduce(arguments[arguments.count - 1]) { otherwise, i in
            addCall(.where, [arguments[i], arguments[i + 1], otherwise], range)
        }
    }

    /// The call of `function` with the pending arguments from `base` on, as written: defaults
    /// filled in, a variadic call folded from the left (`max(a, b, c)` is `max(max(a, b), c)`).
    private mutating func call(_ reading: CallReading, argumentsFrom base: Int, _ range: SourceRange) -> SyntaxID {
        let (function, count, arity) = (reading.function, pendingArguments.count - base, reading.arity)
        if count > arity {
            let arguments = takeArguments(from: base)
            return arguments.dropFirst(2).reduce(addCall(function, arguments.prefix(2), range)) { folded, next in
                addCall(function, [folded, next], range)
            }
        }
        if count < arity {
            for value in function.info.defaults.suffix(arity - count) { pendingArguments.append(addNumber(value, range)) }
        }
        let list = SyntaxList(start: arguments.count, count: pendingArguments.count - base)
        for i in base..<pendingArguments.count { arguments.append(pendingArguments[i]) }
        pendingArguments.removeSubrange(base...)
        return add(.call(function, list), range)
    }

    /// `derivative ::= 'D' '(' expr (',' identifier (',' count)?)+ ')'`
    ///
    /// SymPy's `diff` convention: a variable may be followed by a non-negative integer
    /// literal, the number of times to differentiate with respect to it.
    mutating func derivative(at nameToken: Token) throws(Diagnostic) -> SyntaxID {
        try enter(nameToken)
        let open = token
        try advance()
        if token.kind == .rightParenthesis {
            throw Diagnostic(.derivativeNeedsVariable, at: nameToken.range.union(token.range))
        }
        let function = try expr()
        if token.kind == .rightParenthesis {
            throw Diagnostic(.derivativeNeedsVariable, at: nameToken.range.union(token.range))
        }
        var variables: [DerivativeVariable] = []
        var countMayFollow = false
        while token.kind == .comma {
            try advance()
            switch token.kind {
            case .identifier:
                let name = text(of: token)
                try checkDerivativeVariable(name)
                try checkOrder(variables.count + 1)
                variables.append(DerivativeVariable(name: name, range: token.range))
                countMayFollow = true
            case .number where countMayFollow:
                let count = lexer.numberValue
                let digits = text(of: token)
                guard let n = count.integerValue, digits.utf8.allSatisfy(Lexer.isDigit) else {
                    throw Diagnostic(.derivativeCountInvalid(found: describe(token)), at: token.range)
                }
                let (order, overflow) = n.addingReportingOverflow(Int64(variables.count - 1))
                try checkOrder(overflow ? Int64.max : order)
                let variable = variables.removeLast()
                variables += repeatElement(variable, count: Int(n))
                countMayFollow = false
            case .minus where countMayFollow:
                throw Diagnostic(.derivativeCountInvalid(found: describe(token)), at: token.range)
            default:
                throw Diagnostic(.derivativeVariableExpected(found: describe(token)), at: token.range)
            }
            try advance()
            if token.kind != .comma, token.kind != .rightParenthesis, !token.kind.startsOperand {
                throw Diagnostic(.derivativeVariableExpected(found: "an expression"), at: previous.range.union(token.range))
            }
        }
        guard token.kind == .rightParenthesis else { throw unexpectedAfterOperand(closing: open) }
        let range = nameToken.range.union(token.range)
        try advance()
        depth -= 1
        return addDerivative(function, variables, range)
    }

    private func checkDerivativeVariable(_ name: String) throws(Diagnostic) {
        if bindingIndex[name] != nil || name == defining {
            throw Diagnostic(.derivativeWithRespectToBinding(name), at: token.range)
        }
        switch Self.callee(name) {
        case .constant?: throw Diagnostic(.derivativeWithRespectToConstant(name), at: token.range)
        case .some: throw Diagnostic(.derivativeWithRespectToFunction(name), at: token.range)
        case nil: break
        }
    }

    private func checkOrder<N: BinaryInteger>(_ order: N) throws(Diagnostic) {
        guard order <= limits.maxDerivativeOrder else {
            throw Diagnostic(.derivativeOrderTooHigh(order: Int64(order), limit: limits.maxDerivativeOrder), at: token.range)
        }
    }

    // MARK: - Suggestions

    /// The callable name closest to `name`, if it is close enough to be a typo.
    static func suggestion(for name: String) -> String? {
        nearestName(to: name, among: callableNames)
    }
}
