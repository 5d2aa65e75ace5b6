// Splits formula text into tokens, working on UTF-8 bytes, one token at a time.

/// A lexer over the UTF-8 bytes of a formula, producing tokens on demand.
///
/// The lexer is a small value: the parser copies it to look one token further ahead. Every
/// byte before `position` is ASCII (anything else is an error), so a column is a byte offset
/// from the start of the line.
struct Lexer {
    let bytes: [UInt8]
    /// The longest identifier accepted (`Limits.maxIdentifierLength`).
    let maxIdentifierLength: Int
    let allowsPatternVariables: Bool
    /// The offset of the next unread byte.
    var position = 0
    /// The value of the last number token read.
    var numberValue = Number.zero
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8], limits: Limits, allowsPatternVariables: Bool) {
        self.bytes = bytes
        maxIdentifierLength = limits.maxIdentifierLength
        self.allowsPatternVariables = allowsPatternVariables
    }

    /// The location of byte `offset`, which must be on the current line.
    func location(_ offset: Int) -> SourceLocation {
        SourceLocation(offset: offset, line: line, column: offset - lineStart + 1)
    }

    /// The range of bytes `start..<end`, which must be on the current line.
    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(start), end: location(end))
    }

    /// The source text of bytes `start..<end`.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Reads the next token, or `.end` at the end of the input.
    mutating func next() throws(Diagnostic) -> Token {
        skipWhitespace()
        let start = position
        guard start < bytes.count else { return Token(kind: .end, range: range(start, start)) }
        let byte = bytes[start]
        if Self.isDigit(byte) || byte == UInt8(ascii: ".") { return try number() }
        if Self.isIdentifierStart(byte) { return try identifier() }
        position += 1
        let kind: TokenKind
        switch byte {
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"):
            if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                position += 1
                kind = .caret
            } else {
                kind = .star
            }
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "("): kind = .leftParenthesis
        case UInt8(ascii: ")"): kind = .rightParenthesis
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "="): kind = followedBy("=") ? .equalEqual : .equals
        case UInt8(ascii: "<"): kind = followedBy("=") ? .lessEqual : .less
        case UInt8(ascii: ">"): kind = followedBy("=") ? .greaterEqual : .greater
        case UInt8(ascii: "!"): kind = followedBy("=") ? .notEqual : .not
        case UInt8(ascii: "&") where followedBy("&"): kind = .and
        case UInt8(ascii: "|") where followedBy("|"): kind = .or
        case UInt8(ascii: "?") where allowsPatternVariables: return try patternVariable(start)
        case 0x80...: throw nonASCII(at: start)
        default:
            let error: SyntaxError = byte == 0
                ? .nulByte : .unexpectedCharacter(Unicode.Scalar(byte), patternVariablesAllowed: allowsPatternVariables)
            throw Diagnostic(error, at: range(start, start + 1))
        }
        return Token(kind: kind, range: range(start, position))
    }

    /// Whether the next byte is `character`; if so it becomes part of the token.
    private mutating func followedBy(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            default: return
            }
        }
    }

    /// The end of the run of identifier characters in `bytes` starting at `start`.
    static func identifierEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
        return end
    }

    /// `identifier ::= [A-Za-z_] [A-Za-z0-9_]*`, excluding the reserved words for non-finite numbers.
    private mutating func identifier() throws(Diagnostic) -> Token {
        let start = position
        let end = Self.identifierEnd(bytes, from: start)
        position = end
        let length = end - start
        guard length <= maxIdentifierLength else {
            throw Diagnostic(.identifierTooLong(length: length, limit: maxIdentifierLength), at: range(start, end))
        }
        if (length == 3 || length == 8) && Self.isNonFiniteName(bytes, start, end) {
            throw Diagnostic(.nonFiniteLiteral(text(start, end)), at: range(start, end))
        }
        return Token(kind: .identifier, range: range(start, end))
    }

    /// Whether `bytes[start..<end]` spell `nan`, `inf` or `infinity`, in any case.
    private static func isNonFiniteName(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        func matches(_ word: StaticString) -> Bool {
            end - start == word.utf8CodeUnitCount
                && (0..<word.utf8CodeUnitCount).allSatisfy { bytes[start + $0] | 0x20 == word.utf8Start[$0] }
        }
        return matches("nan") || matches("inf") || matches("infinity")
    }

    /// `patternvar ::= '?' identifier`
    private mutating func patternVariable(_ start: Int) throws(Diagnostic) -> Token {
        guard position < bytes.count, Self.isIdentifierStart(bytes[position]) else {
            throw Diagnostic(.missingPatternVariableName, at: range(start, start + 1))
        }
        _ = try identifier()
        return Token(kind: .patternVariable, range: range(start, position))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
