// A located error and its one renderer: message, location, source line, caret line, hint.

/// An error at a place in the formula, optionally pointing at a related place too.
///
/// Parse errors carry a specific `SyntaxError`; later phases can report through
/// `init(message:hint:range:)` and get the same rendering.
public struct Diagnostic: ReportedError, Sendable, Equatable {
    /// What went wrong.
    public var error: SyntaxError
    /// Where it went wrong; an empty range points between two characters.
    public var range: SourceRange
    /// A second place the message refers to, such as the `(` an unclosed group opened with.
    public var related: SourceRange?

    /// An error at `range`, with an optional related range.
    public init(_ error: SyntaxError, at range: SourceRange, related: SourceRange? = nil) {
        self.error = error
        self.range = range
        self.related = related
    }

    /// A diagnostic for a problem found outside the parser.
    public init(message: String, hint: String? = nil, range: SourceRange) {
        self.init(.semantic(message: message, hint: hint), at: range)
    }

    /// The one-line description printed after `error: `.
    public var message: String { error.message }

    /// A suggested fix, if there is one.
    public var hint: String? { error.hint }

    /// Where, as `line:column`.
    public var place: String? { "\(range.start.line):\(range.start.column)" }

    /// The error as `audience` reads it, quoting the offending line of `source` (read from
    /// `file`, when given, which then prefixes the line and column), by `ReportedError`'s renderer:
    ///
    ///     error: expected ')' to close '(' at 1:9
    ///       --> 1:12
    ///       x1^2*sin(x2
    ///               ~  ^
    ///       hint: insert ')'
    ///
    /// A `^` marks each character of `range` (one for an empty range), a `~` each character
    /// of `related` when it is on the same line. Lines longer than `Self.window` characters
    /// are cut around the caret, with `...` where text was left out.
    public func rendered(source: String, file: String? = nil, for audience: ErrorAudience = .library) -> String {
        Quoted(diagnostic: self, place: (file.map { "\($0):" } ?? "") + place!, excerpt: excerpt(in: source)).rendered(for: audience)
    }

    /// The diagnostic with its place in a file and the line it is on.
    private struct Quoted: ReportedError {
        let diagnostic: Diagnostic
        let place: String?
        let excerpt: ErrorExcerpt?
        var message: String { diagnostic.message }
        var hint: String? { diagnostic.hint }
    }

    /// The line of `source` that `range` starts on, marked.
    public func excerpt(in source: String) -> ErrorExcerpt {
        // Control characters other than tab print as their visible pictures (NUL as U+2400 '␀'),
        // so the terminal shows what is there and the caret stays in its column.
        var line = Self.line(containing: range.start.offset, in: source).unicodeScalars.map(\.visible)
        var marks = [Unicode.Scalar](repeating: " ", count: line.count + 1)
        func mark(_ r: SourceRange, with scalar: Unicode.Scalar) {
            let first = r.start.column - 1
            let last = r.end.line == r.start.line ? Swift.max(first + 1, r.end.column - 1) : line.count
            for column in first..<Swift.min(last, marks.count) { marks[column] = scalar }
        }
        if let related, related.start.line == range.start.line { mark(related, with: "~") }
        mark(range, with: "^")
        for (column, scalar) in line.enumerated() where scalar == "\t" && marks[column] == " " {
            marks[column] = "\t"
        }
        if line.count > Self.window {
            let start = Swift.max(0, Swift.min(range.start.column - 1 - Self.window / 2, line.count - Self.window))
            let end = Swift.min(line.count, start + Self.window)
            let (head, tail) = (start > 0 ? "..." : "", end < line.count ? "..." : "")
            marks = Array(repeating: " ", count: head.count) + marks[start..<Swift.min(end + 1, marks.count)]
            line = Array(head.unicodeScalars) + line[start..<end] + Array(tail.unicodeScalars)
        }
        var markLine = String(String.UnicodeScalarView(marks))
        while markLine.last == " " { markLine.removeLast() }
        return ErrorExcerpt(line: String(String.UnicodeScalarView(line)), marks: markLine)
    }

    /// The widest source excerpt `rendered(source:)` prints, in characters.
    static let window = 100

    /// The line of `source` around UTF-8 offset `offset`, without its line break.
    private static func line(containing offset: Int, in source: String) -> String {
        let utf8 = source.utf8
        let position = utf8.index(utf8.startIndex, offsetBy: Swift.min(offset, utf8.count))
        var start = position
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != UInt8(ascii: "\n") {
            start = utf8.index(before: start)
        }
        var end = position
        while end < utf8.endIndex, utf8[end] != UInt8(ascii: "\n"), utf8[end] != UInt8(ascii: "\r") {
            end = utf8.index(after: end)
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// The scalar as a terminal should show it in a message: a control character other than
    /// tab as its picture (NUL as U+2400 '␀', ESC as U+241B '␛', DEL as U+2421 '␡'), a C1
    /// control (U+0080 to U+009F, which some terminals obey) as U+FFFD; any other as itself.
    /// One scalar for one, so a caret line under the text stays aligned.
    public var visible: Unicode.Scalar {
        switch value {
        case 0x09: return self
        case 0..<0x20: return Unicode.Scalar(0x2400 + value)!
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        default: return self
        }
    }
}

extension String {
    /// The string with every control character replaced by its visible form (`Unicode.Scalar.visible`):
    /// what symdiff prints when it echoes text a user or a file supplied.
    public var withVisibleControls: String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: unicodeScalars.map(\.visible))
        return String(result)
    }
}
