// Recursive descent parser: one method per rule of grammar/formula.ebnf, lowest precedence first.

/// Parses formula text into a `SyntaxTree`, following `grammar/formula.ebnf`.
///
/// Operator chains are loops, so a million-term sum costs no stack. Everything that does
/// recurse (parentheses, calls, unary signs, powers) counts against `Limits.maxNestingDepth`,
/// so no input can overflow the stack while that limit keeps its default.
public struct Parser {
    var lexer: Lexer
    /// The token being looked at.
    var token: Token
    /// The token before `token`, for messages such as "expected an expression after '+'".
    var previous: Token
    let limits: Limits
    var nodes: [SyntaxNode] = []
    /// Where the lines of the formula start.
    var lines = LineTable()
    /// The values of the numeric literals read so far.
    var numbers: [Number] = []
    /// The identifiers read so far.
    var names = NameInterner()
    /// The children of finished nodes (`SyntaxTree.arguments`, `links`, `derivativeVariables`).
    var arguments: [SyntaxID] = []
    var links: [ChainLink] = []
    var derivativeVariables: [DerivativeVariable] = []
    /// The children read of nodes not yet finished, innermost node's last: a node's children
    /// move to the tree's lists when it is finished, so no node owns an array.
    var pendingArguments: [SyntaxID] = []
    var pendingLinks: [ChainLink] = []
    var bindings: [Binding] = []
    var bindingIndex: [String: Int] = [:]
    /// The names bound to vectors (`v = [a, b];`), with their components.
    var vectorBindings: [String: [SyntaxID]] = [:]
    /// The components of a vector-valued body; empty for a number.
    var components: [SyntaxID] = []
    /// The name whose binding value is being parsed, which that value must not use.
    var defining: String?
    /// The first use of each free variable inside a binding value: binding it later is an error.
    var variablesInBindings: [String: SourceRange] = [:]
    /// The current nesting of parentheses, calls, unary signs and powers.
    var depth = 0

    /// Parses `source`, with `?name` pattern variables accepted only if `allowPatternVariables`.
    ///
    /// A formula that could nest deeper than a few levels is parsed on a thread whose stack is
    /// sized for `limits.maxNestingDepth`, so the depth limit, not the caller's stack, decides
    /// how deep a formula may nest.
    public static func parse(
        _ source: String, limits: Limits = Limits(), allowPatternVariables: Bool = false
    ) throws(Diagnostic) -> SyntaxTree {
        try checkSize(source.utf8.count, limits)
        let bytes = Array(source.utf8)
        let census = Census(bytes)
        let lines = census.lines
        let parse = { @Sendable () throws(Diagnostic) -> SyntaxTree in
            var parser = try Parser(bytes: bytes, limits: limits, allowPatternVariables: allowPatternVariables)
            parser.nodes.reserveCapacity(census.nodes)
            parser.numbers.reserveCapacity(census.numbers)
            parser.links.reserveCapacity(census.operators)
            parser.arguments.reserveCapacity(census.openings)
            parser.lines = lines
            let body = try parser.formula()
            return SyntaxTree(
                source: source, nodes: parser.nodes, lines: lines, numbers: parser.numbers, names: parser.names.names,
                arguments: parser.arguments,
                links: parser.links, derivativeVariables: parser.derivativeVariables, bindings: parser.bindings,
                body: body, components: parser.components)
        }
        let levels = Swift.min(limits.maxNestingDepth + 1, census.depthBound)
        guard levels > inlineDepth else { return try parse() }
        return try LargeStack.run(bytes: stackBytesPerLevel * levels + 1 << 20, parse)
    }

    /// The deepest nesting parsed on the caller's stack, however small that stack is.
    static let inlineDepth = 32
    /// A generous bound on the stack one nesting level uses: debug builds measured about 20 KB.
    /// The stack is reserved, not committed, so only the depth actually reached costs memory.
    static let stackBytesPerLevel = 64 << 10

    /// Parses raw bytes, reporting invalid UTF-8 and NUL bytes with their location.
    public static func parse(
        utf8 bytes: [UInt8], limits: Limits = Limits(), allowPatternVariables: Bool = false
    ) throws(Diagnostic) -> SyntaxTree {
        try checkSize(bytes.count, limits)
        try Lexer.validate(bytes)
        return try parse(String(decoding: bytes, as: UTF8.self), limits: limits, allowPatternVariables: allowPatternVariables)
    }

    /// Checks that `bytes` are UTF-8 without NUL bytes, reporting the first bad byte with its
    /// line and column (an invalid sequence counts as one column, as it renders as one `�`).
    public static func validate(utf8 bytes: [UInt8]) throws(Diagnostic) {
        try Lexer.validate(bytes)
    }

    private static func checkSize(_ byteCount: Int, _ limits: Limits) throws(Diagnostic) {
        guard byteCount <= limits.maxFormulaBytes else {
            let start = SourceLocation(offset: 0, line: 1, column: 1)
            throw Diagnostic(.formulaTooLarge(bytes: byteCount, limit: limits.maxFormulaBytes), at: SourceRange(start: start, end: start))
        }
    }

    private init(bytes: [UInt8], limits: Limits, allowPatternVariables: Bool) throws(Diagnostic) {
        lexer = Lexer(bytes: bytes, limits: limits, allowsPatternVariables: allowPatternVariables)
        token = try lexer.next()
        previous = token
        self.limits = limits
    }

    // MARK: - Grammar rules

    /// `formula ::= (binding ';')* (expr | vector) ';'? EOF`
    mutating func formula() throws(Diagnostic) -> SyntaxID {
        guard token.kind != .end else {
            let start = SourceLocation(offset: 0, line: 1, column: 1)
            throw Diagnostic(.emptyFormula, at: SourceRange(start: start, end: start))
        }
        while token.kind == .identifier, try peek() == .equals {
            let name = text(of: token)
            try binding()
            guard token.kind == .semicolon else {
                if token.kind == .end { throw Diagnostic(.expectedSemicolonAfterBinding(name), at: token.range) }
                throw unexpectedAfterOperand(closing: nil)
            }
            try advance()
            if token.kind == .end { throw Diagnostic(.missingBody, at: token.range) }
        }
        let body: SyntaxID
        if try startsVector() {
            components = try vector().components
            body = components[0]
        } else {
            body = try expr()
        }
        if token.kind == .semicolon {
            try advance()
            if token.kind != .end { throw Diagnostic(.trailingInput(found: describe(token)), at: token.range) }
        }
        guard token.kind == .end else { throw unexpectedAfterOperand(closing: nil) }
        return body
    }

    /// `binding ::= identifier '=' (expr | vector)`
    mutating func binding() throws(Diagnostic) {
        let nameToken = token
        let name = text(of: nameToken)
        if let callee = Self.callee(name) {
            if case .constant = callee { throw Diagnostic(.bindingReservedName(name, isConstant: true), at: nameToken.range) }
            throw Diagnostic(.bindingReservedName(name, isConstant: false), at: nameToken.range)
        }
        if let index = bindingIndex[name] {
            let first = bindings[index].nameRange
            throw Diagnostic(.rebinding(name, firstAt: first.start), at: nameToken.range, related: first)
        }
        if let components = vectorBindings[name] {
            let first = range(of: components[0])
            throw Diagnostic(.rebinding(name, firstAt: first.start), at: nameToken.range, related: first)
        }
        if let use = variablesInBindings[name] {
            throw Diagnostic(.boundAfterUse(name, firstUse: use.start), at: nameToken.range, related: use)
        }
        try advance()
        try advance()
        defining = name
        if try startsVector() {
            vectorBindings[name] = try vector().components
            defining = nil
            return
        }
        let value = try expr()
        defining = nil
        bindingIndex[name] = bindings.count
        bindings.append(Binding(name: name, nameRange: nameToken.range, value: value))
    }

    /// `expr ::= conjunction ('||' conjunction)*`
    mutating func expr() throws(Diagnostic) -> SyntaxID {
        try logicChain(.or, .logicalOr) { parser throws(Diagnostic) in try parser.conjunction() }
    }

    /// `conjunction ::= comparison ('&&' comparison)*`
    mutating func conjunction() throws(Diagnostic) -> SyntaxID {
        try logicChain(.and, .logicalAnd) { parser throws(Diagnostic) in try parser.comparison() }
    }

    /// `operand (op operand)*` as calls of `function`, from the left: `a || b || c` is
    /// `logical_or(logical_or(a, b), c)`. A loop, so a long chain costs no stack.
    private mutating func logicChain(
        _ op: TokenKind, _ function: Function, _ operand: (inout Parser) throws(Diagnostic) -> SyntaxID
    ) throws(Diagnostic) -> SyntaxID {
        var left = try operand(&self)
        while token.kind == op {
            try advance()
            let right = try operand(&self)
            left = addCall(function, [left, right], span(of: left).union(span(of: right)))
        }
        return left
    }

    /// `comparison ::= sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?`
    ///
    /// Comparisons do not chain: `a < b < c` is an error, not `(a < b) < c`.
    mutating func comparison() throws(Diagnostic) -> SyntaxID {
        let left = try sum()
        guard let function = token.kind.comparison else { return left }
        let first = token
        try advance()
        let right = try sum()
        if token.kind.comparison != nil {
            throw Diagnostic(.chainedComparison(first: text(of: first), second: text(of: token)), at: token.range)
        }
        return addCall(function, [left, right], span(of: left).union(span(of: right)))
    }

    /// `sum ::= term (('+' | '-') term)*`
    mutating func sum() throws(Diagnostic) -> SyntaxID {
        let first = try term()
        let base = pendingLinks.count
        while true {
            let op: ChainOperator
            switch token.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return chain(first, linksFrom: base)
            }
            try advance()
            let operand = try term()
            pendingLinks.append(ChainLink(op: op, operand: operand))
        }
    }

    /// `term ::= unary (('*' | '/') unary)*`
    mutating func term() throws(Diagnostic) -> SyntaxID {
        let first = try unary()
        let base = pendingLinks.count
        while true {
            let op: ChainOperator
            switch token.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return chain(first, linksFrom: base)
            }
            try advance()
            let operand = try unary()
            pendingLinks.append(ChainLink(op: op, operand: operand))
        }
    }

    /// `unary ::= ('-' | '+' | '!') unary | power`
    mutating func unary() throws(Diagnostic) -> SyntaxID {
        let sign = token
        switch sign.kind {
        case .minus, .plus, .not: break
        default: return try power()
        }
        try enter(sign)
        try advance()
        let operand = try unary()
        depth -= 1
        let kind: SyntaxKind = switch sign.kind {
        case .minus: .negate(operand)
        case .plus: .plus(operand)
        default: .call(.logicalNot, commitArguments([operand]))
        }
        return add(kind, SourceSpan(sign.range).union(span(of: operand)))
    }

    /// `power ::= primary (('^' | '**') unary)?`
    ///
    /// The exponent is a `unary`, which makes `^` right-associative and allows `2^-x`.
    mutating func power() throws(Diagnostic) -> SyntaxID {
        let base = try primary()
        guard token.kind == .caret else { return base }
        try enter(token)
        try advance()
        let exponent = try unary()
        depth -= 1
        return add(.power(base, exponent), span(of: base).union(span(of: exponent)))
    }

    /// `primary ::= number | constant | identifier | patternvar | call | '(' expr ')'`
    mutating func primary() throws(Diagnostic) -> SyntaxID {
        let first = token
        switch first.kind {
        case .number:
            let value = lexer.numberValue
            try advance()
            return addNumber(value, first.range)
        case .patternVariable:
            try advance()
            return add(.patternVariable(intern(first, droppingFirst: 1)), first.range)
        case .identifier:
            let name = intern(first)
            try advance()
            if token.kind == .leftParenthesis { return try call(name, at: first) }
            return try reference(name, at: first)
        case .leftBracket:
            throw Diagnostic(.vectorInScalarContext(what: "'['...']'"), at: first.range)
        case .leftParenthesis:
            try enter(first)
            try advance()
            let inner = try expr()
            guard token.kind == .rightParenthesis else { throw unexpectedAfterOperand(closing: first) }
            nodes[Int(inner.index)].span = SourceSpan(first.range.union(token.range))
            try advance()
            depth -= 1
            return inner
        default:
            let after = previous.range.start.offset < first.range.start.offset ? text(of: previous) : nil
            throw Diagnostic(.expectedExpression(after: after, found: describe(first)), at: first.range)
        }
    }

    // MARK: - Helpers

    /// Moves to the next token.
    mutating func advance() throws(Diagnostic) {
        previous = token
        token = try lexer.next()
    }

    /// The kind of the token after `token`.
    func peek() throws(Diagnostic) -> TokenKind {
        var ahead = lexer
        return try ahead.next().kind
    }

    /// Counts one more level of nesting, opened by `opener`.
    mutating func enter(_ opener: Token) throws(Diagnostic) {
        depth += 1
        guard depth <= limits.maxNestingDepth else {
            throw Diagnostic(.nestingTooDeep(limit: limits.maxNestingDepth), at: opener.range)
        }
    }

    func text(of token: Token) -> String { lexer.text(token.range.start.offset, token.range.end.offset) }

    /// The token as messages name it: quoted text, or "end of formula".
    func describe(_ token: Token) -> String { token.kind == .end ? "end of formula" : "'\(text(of: token))'" }

    /// The error for a token that cannot follow a complete operand: implicit multiplication,
    /// a stray `)`, `,` or `=`, or a group opened by `open` that is never closed.
    func unexpectedAfterOperand(closing open: Token?) -> Diagnostic {
        switch token.kind {
        case let kind where kind.startsOperand:
            return Diagnostic(.implicitMultiplication(left: text(of: previous), right: text(of: token)), at: token.range)
        case .rightParenthesis where open == nil: return Diagnostic(.unmatchedClosingParenthesis, at: token.range)
        case .comma: return Diagnostic(.commaOutsideCall, at: token.range)
        case .equals: return Diagnostic(.misplacedEquals, at: token.range)
        case .not: return Diagnostic(.misplacedNot, at: token.range)
        default:
            if let open {
                return Diagnostic(.unclosedParenthesis(openedAt: open.range.start), at: token.range, related: open.range)
            }
            return Diagnostic(.trailingInput(found: describe(token)), at: token.range)
        }
    }
}
