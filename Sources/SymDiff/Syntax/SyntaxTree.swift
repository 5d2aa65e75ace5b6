// What the user wrote: the parsed formula as an arena of nodes with source spans.

/// The index of a node in a `SyntaxTree`.
public struct SyntaxID: Hashable, Sendable {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
}

/// An infix operator of a left-associative chain (`a + b - c`, `a * b / c`).
public enum ChainOperator: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// One `op operand` step of a chain.
public struct ChainLink: Hashable, Sendable {
    public var op: ChainOperator
    public var operand: SyntaxID
    public init(op: ChainOperator, operand: SyntaxID) {
        self.op = op
        self.operand = operand
    }
}

/// A variable of a `D(f, x, y, ...)` call with where it was written.
public struct DerivativeVariable: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// The index of a number in `SyntaxTree.numbers`.
public struct NumberID: Hashable, Sendable {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
}

/// The index of a name in `SyntaxTree.names`.
public struct NameID: Hashable, Sendable {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
}

/// A run of consecutive entries in one of a tree's lists (`arguments`, `links` or
/// `derivativeVariables`): the children of one node.
///
/// Children live in lists shared by the whole tree, not in an array per node, so a node is
/// plain data: parsing allocates nothing per node, and freeing a tree visits no node.
public struct SyntaxList: Hashable, Sendable {
    public let start: Int32
    public let count: Int32
    public init(start: Int, count: Int) {
        self.start = Int32(start)
        self.count = Int32(count)
    }

    /// The positions of the run in its list.
    public var indices: Range<Int> { Int(start)..<Int(start) + Int(count) }
}

/// The kinds of syntax nodes. Children are `SyntaxID`s of nodes created earlier.
public enum SyntaxKind: Hashable, Sendable {
    /// A numeric literal, already converted (`12`, `3.5`, `1e-3`): `numbers[id]`.
    case number(NumberID)
    /// `pi` or `e`.
    case constant(Constant)
    /// A free variable, named by `names[id]`.
    case variable(NameID)
    /// A use of the name bound by `bindings[index]`.
    case bindingReference(Int)
    /// `?name`, accepted only when parsing rule patterns; `names[id]` is the name without `?`.
    case patternVariable(NameID)
    /// Unary minus.
    case negate(SyntaxID)
    /// Unary plus, kept so the fully parenthesized reading shows what was written.
    case plus(SyntaxID)
    /// `first op1 x1 op2 x2 ...` where all operators are additive, or all multiplicative; the
    /// `op operand` steps are `links[list]`.
    case chain(SyntaxID, SyntaxList)
    /// `base ^ exponent` (also spelled `**` or `pow(base, exponent)`).
    case power(SyntaxID, SyntaxID)
    /// A built-in function applied to `arguments[list]`, arity already checked.
    case call(Function, SyntaxList)
    /// `D(f, x, y, ...)`: the partial derivative of `f`, once per variable of
    /// `derivativeVariables[list]`, in order. `D(f, x, 3)` lists `x` three times; `D(f, x, 0)`
    /// lists nothing.
    case derivative(SyntaxID, SyntaxList)
}

/// One node: its kind and the bytes it was parsed from (`SyntaxTree.range(of:)` gives their
/// lines and columns).
///
/// 24 bytes of plain data: a megabyte of formula makes about half a million nodes.
public struct SyntaxNode: Hashable, Sendable {
    public var kind: SyntaxKind
    public var span: SourceSpan
    public init(kind: SyntaxKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A let-binding `name = value;` written before the formula's body.
public struct Binding: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var value: SyntaxID
    public init(name: String, nameRange: SourceRange, value: SyntaxID) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
    }
}

/// A parsed formula: nodes in post-order (every child before its parent), the lists their
/// children are kept in, the names they use, the bindings, and the body.
///
/// Because children come first, every pass over the tree is a forward loop over `nodes`, and
/// no pass recurses on input-controlled depth. The tree holds only value types, so freeing
/// it never recurses either.
public struct SyntaxTree: Sendable {
    public var source: String
    public var nodes: [SyntaxNode]
    /// The lines of `source`, which turn a node's span into lines and columns.
    public var lines: LineTable
    /// The value of every numeric literal, in order.
    public var numbers: [Number]
    /// Every distinct identifier read (variables, functions, constants), in order of first
    /// appearance; `.variable` and `.patternVariable` nodes name theirs by index.
    public var names: [String]
    /// The arguments of every call, each call's a run named by its `SyntaxList`.
    public var arguments: [SyntaxID]
    /// The `op operand` steps of every chain.
    public var links: [ChainLink]
    /// The variables of every `D(...)`.
    public var derivativeVariables: [DerivativeVariable]
    public var bindings: [Binding]
    public var body: SyntaxID
    /// The components of a vector-valued formula (`[u, v]`, `grad(u, x, y)`), each a result of
    /// its own; empty for a formula whose value is a number (`body`). `body` is the first.
    public var components: [SyntaxID]

    public init(
        source: String, nodes: [SyntaxNode], lines: LineTable, numbers: [Number], names: [String], arguments: [SyntaxID],
        links: [ChainLink], derivativeVariables: [DerivativeVariable], bindings: [Binding], body: SyntaxID,
        components: [SyntaxID] = []
    ) {
        self.source = source
        self.nodes = nodes
        self.lines = lines
        self.numbers = numbers
        self.names = names
        self.arguments = arguments
        self.links = links
        self.derivativeVariables = derivativeVariables
        self.bindings = bindings
        self.body = body
        self.components = components
    }

    public subscript(id: SyntaxID) -> SyntaxNode { nodes[Int(id.index)] }

    /// Where node `id` was written.
    public func range(of id: SyntaxID) -> SourceRange { lines.range(nodes[Int(id.index)].span) }

    /// The value of a numeric literal.
    public subscript(number: NumberID) -> Number { numbers[Int(number.index)] }

    /// The text of a name.
    public subscript(name: NameID) -> String { names[Int(name.index)] }

    /// The arguments of a call.
    public func arguments(_ list: SyntaxList) -> ArraySlice<SyntaxID> { arguments[list.indices] }

    /// The steps of a chain.
    public func links(_ list: SyntaxList) -> ArraySlice<ChainLink> { links[list.indices] }

    /// The variables of a `D(...)`.
    public func derivativeVariables(_ list: SyntaxList) -> ArraySlice<DerivativeVariable> { derivativeVariables[list.indices] }
}
