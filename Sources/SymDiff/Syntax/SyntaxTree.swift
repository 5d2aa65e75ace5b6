// What the user wrote: the parsed formula as an arena of nodes with source ranges.

/// A position in formula text: a UTF-8 byte offset plus 1-based line and column.
///
/// Columns count Unicode scalars, so a caret printed under the source line lines up with
/// the character the message is about. Stored in 32 bits each (formulas are limited to less
/// than 2 GiB), which keeps syntax nodes small and parsing fast.
public struct SourceLocation: Hashable, Sendable, Comparable {
    private var storedOffset: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(truncatingIfNeeded: newValue) }
    }
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(truncatingIfNeeded: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(truncatingIfNeeded: newValue) }
    }

    public init(offset: Int, line: Int, column: Int) {
        storedOffset = Int32(truncatingIfNeeded: offset)
        storedLine = Int32(truncatingIfNeeded: line)
        storedColumn = Int32(truncatingIfNeeded: column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
}

/// A half-open range of formula text, `start` included and `end` excluded.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The smallest range that covers both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }
}

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
    /// A numeric literal, already converted (`12`, `3.5`, `1e-3`).
    case number(Number)
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

/// One node: its kind and the text it was parsed from.
public struct SyntaxNode: Hashable, Sendable {
    public var kind: SyntaxKind
    public var range: SourceRange
    public init(kind: SyntaxKind, range: SourceRange) {
        self.kind = kind
        self.range = range
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
        source: String, nodes: [SyntaxNode], names: [String], arguments: [SyntaxID], links: [ChainLink],
        derivativeVariables: [DerivativeVariable], bindings: [Binding], body: SyntaxID, components: [SyntaxID] = []
    ) {
        self.source = source
        self.nodes = nodes
        self.names = names
        self.arguments = arguments
        self.links = links
        self.derivativeVariables = derivativeVariables
        self.bindings = bindings
        self.body = body
        self.components = components
    }

    public subscript(id: SyntaxID) -> SyntaxNode { nodes[Int(id.index)] }

    /// The text of a name.
    public subscript(name: NameID) -> String { names[Int(name.index)] }

    /// The arguments of a call.
    public func arguments(_ list: SyntaxList) -> ArraySlice<SyntaxID> { arguments[list.indices] }

    /// The steps of a chain.
    public func links(_ list: SyntaxList) -> ArraySlice<ChainLink> { links[list.indices] }

    /// The variables of a `D(...)`.
    public func derivativeVariables(_ list: SyntaxList) -> ArraySlice<DerivativeVariable> { derivativeVariables[list.indices] }
}
