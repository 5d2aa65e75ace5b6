// Places in formula text: byte spans as nodes keep them, lines and columns as messages show them.

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

/// A half-open run of formula bytes, `start` included and `end` excluded: where a syntax node
/// was written, in 8 bytes (a `SourceRange` with its lines and columns takes 24).
public struct SourceSpan: Hashable, Sendable {
    public var start: Int32
    public var end: Int32

    public init(start: Int, end: Int) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    /// The bytes of `range`.
    public init(_ range: SourceRange) { self.init(start: range.start.offset, end: range.end.offset) }

    /// The smallest span that covers both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        var result = self
        result.start = Swift.min(start, other.start)
        result.end = Swift.max(end, other.end)
        return result
    }
}

/// The offsets at which the lines of a formula start, to turn byte offsets into lines and
/// columns.
///
/// A column is a byte offset from the start of its line: the lexer reads nothing past a
/// non-ASCII byte, so within what was parsed, bytes and Unicode scalars are the same.
public struct LineTable: Hashable, Sendable {
    /// The offset of the first byte of each line; the first is 0.
    public private(set) var starts: [Int32] = [0]

    public init() {}

    /// Records that a line starts at `offset`, after the last one recorded.
    mutating func startLine(at offset: Int) { starts.append(Int32(truncatingIfNeeded: offset)) }

    /// The line and column of byte `offset`.
    public func location(_ offset: Int) -> SourceLocation {
        // The last line starting at or before `offset`.
        var (low, high) = (0, starts.count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle }
        }
        return SourceLocation(offset: offset, line: low + 1, column: offset - Int(starts[low]) + 1)
    }

    /// The lines and columns of `span`.
    public func range(_ span: SourceSpan) -> SourceRange {
        SourceRange(start: location(Int(span.start)), end: location(Int(span.end)))
    }
}
