// The tokens of the formula language, as the lexer hands them to the parser.

/// The kind of a token: one byte, so tokens are compared and copied cheaply.
enum TokenKind: Equatable, Sendable {
    /// A numeric literal; its value, converted to an exact rational or a finite double, is the
    /// lexer's `numberValue` until the next token is read.
    case number
    /// A name; its text is the token's source text.
    case identifier
    /// `?name`, produced only when the parser allows pattern variables.
    case patternVariable
    case plus, minus, star, slash
    /// `^`, or its spelling `**`.
    case caret
    case leftParenthesis, rightParenthesis, comma, semicolon, equals
    /// `[` and `]` around the components of a vector: `[u, v]`.
    case leftBracket, rightBracket
    /// Comparisons: `<`, `<=`, `>`, `>=`, `==`, `!=`.
    case less, lessEqual, greater, greaterEqual, equalEqual, notEqual
    /// Logic: `&&`, `||`, `!`.
    case and, or, not
    case end

    /// The comparison function of a comparison token.
    var comparison: Function? {
        switch self {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equalEqual: return .equal
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    /// Whether the token can begin an operand, which makes it an implicit multiplication when
    /// it directly follows another operand.
    var startsOperand: Bool {
        switch self {
        case .number, .identifier, .patternVariable, .leftParenthesis: return true
        default: return false
        }
    }
}

/// A token and the text it was read from.
///
/// Names are kept as source ranges rather than strings, so a token is plain data and copying
/// one costs no reference counting.
struct Token: Equatable, Sendable {
    var kind: TokenKind
    var range: SourceRange
}
