// Where the parser puts what it reads: nodes, numbers, names, and the lists of children.

extension Parser {
    /// Appends a node written at `span`; its children were appended before it.
    mutating func add(_ kind: SyntaxKind, _ span: SourceSpan) -> SyntaxID {
        nodes.append(SyntaxNode(kind: kind, span: span))
        return SyntaxID(nodes.count - 1)
    }

    /// Appends a node written at `range`.
    mutating func add(_ kind: SyntaxKind, _ range: SourceRange) -> SyntaxID { add(kind, SourceSpan(range)) }

    /// Appends a numeric literal.
    mutating func addNumber(_ value: Number, _ range: SourceRange) -> SyntaxID {
        numbers.append(value)
        return add(.number(NumberID(numbers.count - 1)), range)
    }

    /// The value of node `id` if it is a numeric literal.
    func number(_ id: SyntaxID) -> Number? {
        guard case .number(let number) = nodes[Int(id.index)].kind else { return nil }
        return numbers[Int(number.index)]
    }

    /// The chain of `first` and the links pending from `base` on (`first` alone if none are).
    mutating func chain(_ first: SyntaxID, linksFrom base: Int) -> SyntaxID {
        guard let last = pendingLinks.last, pendingLinks.count > base else { return first }
        let list = SyntaxList(start: links.count, count: pendingLinks.count - base)
        for i in base..<pendingLinks.count { links.append(pendingLinks[i]) }
        pendingLinks.removeSubrange(base...)
        return add(.chain(first, list), span(of: first).union(span(of: last.operand)))
    }

    /// Adds a chain of `first` and `steps`.
    mutating func addChain(_ first: SyntaxID, _ steps: some Sequence<ChainLink>, _ range: SourceRange) -> SyntaxID {
        let start = links.count
        links.append(contentsOf: steps)
        return add(.chain(first, SyntaxList(start: start, count: links.count - start)), range)
    }

    /// Adds a call of `function` with `arguments`.
    mutating func addCall(_ function: Function, _ arguments: some Sequence<SyntaxID>, _ range: SourceRange) -> SyntaxID {
        addCall(function, arguments, SourceSpan(range))
    }

    /// Adds a call of `function` with `arguments`, written at `span`.
    mutating func addCall(_ function: Function, _ arguments: some Sequence<SyntaxID>, _ span: SourceSpan) -> SyntaxID {
        add(.call(function, commitArguments(arguments)), span)
    }

    /// Adds `D(f, variables...)`.
    mutating func addDerivative(_ f: SyntaxID, _ variables: some Sequence<DerivativeVariable>, _ range: SourceRange) -> SyntaxID {
        let start = derivativeVariables.count
        derivativeVariables.append(contentsOf: variables)
        return add(.derivative(f, SyntaxList(start: start, count: derivativeVariables.count - start)), range)
    }

    /// Appends `list` to the tree's arguments, as the run of one call.
    mutating func commitArguments(_ list: some Sequence<SyntaxID>) -> SyntaxList {
        let start = arguments.count
        arguments.append(contentsOf: list)
        return SyntaxList(start: start, count: arguments.count - start)
    }

    /// The name written by `token`, without its first `dropped` bytes (the `?` of a pattern variable).
    mutating func intern(_ token: Token, droppingFirst dropped: Int = 0) -> NameID {
        names.intern(lexer.bytes, token.range.start.offset + dropped, token.range.end.offset)
    }

    /// Where node `id` was written, in lines and columns.
    func range(of id: SyntaxID) -> SourceRange { lines.range(span(of: id)) }

    /// Where node `id` was written.
    func span(of id: SyntaxID) -> SourceSpan { nodes[Int(id.index)].span }
}
