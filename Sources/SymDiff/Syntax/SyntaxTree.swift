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

/// The kinds of syntax nodes. Children are `SyntaxID`s of nodes created earlier.
public enum SyntaxKind: Hashable, Sendable {
    /// A numeric literal, already converted (`12`, `3.5`, `1e-3`).
    case number(Number)
    /// `pi` or `e`.
    case constant(Constant)
    /// A free variable.
    case variable(String)
    /// A use of the name bound by `bindings[index]`.
    case bindingReference(Int)
    /// `?name`, accepted only when parsing rule patterns.
    case patternVariable(String)
    /// Unary minus.
    case negate(SyntaxID)
    /// Unary plus, kept so the fully parenthesized reading shows what was written.
    case plus(SyntaxID)
    /// `first op1 x1 op2 x2 ...` where all operators are additive, or all multiplicative.
    case chain(SyntaxID, [ChainLink])
    /// `base ^ exponent` (also spelled `**` or `pow(base, exponent)`).
    case power(SyntaxID, SyntaxID)
    /// A built-in function applied to its arguments, arity already checked.
    case call(Function, [SyntaxID])
    /// `D(f, x, y, ...)`: the partial derivative of `f`, once per listed variable, in order.
    /// `D(f, x, 3)` lists `x` three times; `D(f, x, 0)` lists nothing.
    case derivative(SyntaxID, [DerivativeVariable])
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

/// A parsed formula: nodes in post-order (every child before its parent), the bindings, and
/// the body.
///
/// Because children come first, every pass over the tree is a forward loop over `nodes`, and
/// no pass recurses on input-controlled depth. The tree holds only value types, so freeing
/// it never recurses either.
public struct SyntaxTree: Sendable {
    public var source: String
    public var nodes: [SyntaxNode]
    public var bindings: [Binding]
    public var body: SyntaxID
    /// The components of a vector-valued formula (`[u, v]`, `grad(u, x, y)`), each a result of
    /// its own; empty for a formula whose value is a number (`body`). `body` is the first.
    public var components: [SyntaxID]

    public init(source: String, nodes: [SyntaxNode], bindings: [Binding], body: SyntaxID, components: [SyntaxID] = []) {
        self.source = source
        self.nodes = nodes
        self.bindings = bindings
        self.body = body
        self.components = components
    }

    public subscript(id: SyntaxID) -> SyntaxNode { nodes[Int(id.index)] }
}
