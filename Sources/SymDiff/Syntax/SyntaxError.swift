// Every problem the formula front end reports, one case each, with its message and hint.

/// How a number literal is malformed.
public enum MalformedNumber: Hashable, Sendable {
    /// A second `.` or a `.` in the exponent: `1.2.3`, `1e5.5`.
    case misplacedDecimalPoint
    /// An exponent marker without digits: `1e`, `1e+`.
    case missingExponentDigits
    /// A C-style hexadecimal literal: `0x1p3`.
    case hexadecimal
    /// A `.` with no digit on either side.
    case noDigits
}

/// One problem found in a formula (or, through `semantic`, by a later phase).
///
/// The location lives in `Diagnostic`; a case carries only what its message needs.
/// Messages follow the Swift compiler's style: one lowercase phrase, no final period,
/// naming the thing.
public enum SyntaxError: Hashable, Sendable {
    // MARK: - Input as a whole
    case emptyFormula
    case formulaTooLarge(bytes: Int, limit: Int)
    case nestingTooDeep(limit: Int)
    case invalidUTF8
    case nulByte

    // MARK: - Characters and literals
    /// An ASCII character that starts no token (`$`, `{`, a lone `&`, or `?` outside rule patterns).
    case unexpectedCharacter(Unicode.Scalar, patternVariablesAllowed: Bool)
    /// A non-ASCII character; `suggestion` says what to write instead of a common look-alike.
    case unsupportedCharacter(Unicode.Scalar, suggestion: String?)
    /// A superscript digit after `base`: `x²`.
    case superscript(base: String, exponent: String)
    case identifierTooLong(length: Int, limit: Int)
    case nonFiniteLiteral(String)
    case numberOutOfRange(String)
    case numberRoundsToZero(String)
    case malformedNumber(String, MalformedNumber)
    /// `?` not followed by a name while pattern variables are allowed.
    case missingPatternVariableName

    // MARK: - Expressions
    /// Two operands side by side (`2x`, `x y`, `(x)(y)`).
    case implicitMultiplication(left: String, right: String)
    /// An operand is missing: `x+`, `*x`, `x^^2`. `after` is the operator before the gap.
    case expectedExpression(after: String?, found: String)
    case unclosedParenthesis(openedAt: SourceLocation)
    case unmatchedClosingParenthesis
    case commaOutsideCall
    case misplacedEquals
    /// `!` right after an operand: `x ! y`.
    case misplacedNot
    /// A second comparison in a row: `a < b < c`.
    case chainedComparison(first: String, second: String)
    case trailingInput(found: String)

    // MARK: - Names and calls
    case unknownFunction(String, suggestion: String?)
    case notAFunction(String)
    case constantCalled(String)
    /// An order argument that is not a non-negative integer number: `polygamma(x, y)`.
    case integerOrderRequired(function: String)
    /// A function name used as a value; `arguments` is an example argument list.
    case functionWithoutCall(String, arguments: String)
    case missingOpenParenthesis(function: String, argument: String)
    case wrongArgumentCount(function: String, expected: String, got: Int)

    // MARK: - D(...)
    case derivativeNeedsVariable
    case derivativeVariableExpected(found: String)
    case derivativeWithRespectToBinding(String)
    case derivativeWithRespectToConstant(String)
    case derivativeWithRespectToFunction(String)
    case derivativeCountInvalid(found: String)
    case derivativeOrderTooHigh(order: Int64, limit: Int)

    // MARK: - Vectors and operators
    /// A vector (`[u, v]`, `grad(...)`, a vector binding) where a number is needed; `what` names it.
    case vectorInScalarContext(what: String)
    /// A number where an operator needs a vector.
    case vectorExpected(operator: String, found: String)
    /// Vectors or variable lists of different lengths: `div([a, b], x, y, z)`.
    case vectorLengthMismatch(operator: String, expected: Int, got: Int)
    /// `curl` of other than 3 components.
    case curlNeedsThreeComponents(got: Int)
    case unclosedBracket(openedAt: SourceLocation)

    // MARK: - Bindings
    case selfReference(String)
    case rebinding(String, firstAt: SourceLocation)
    case bindingReservedName(String, isConstant: Bool)
    case boundAfterUse(String, firstUse: SourceLocation)
    case expectedSemicolonAfterBinding(String)
    case missingBody

    /// A problem found after parsing, such as "cannot differentiate with respect to 'u'".
    case semantic(message: String, hint: String?)
}

extension SyntaxError {
    /// The one-line description printed after `error: `.
    public var message: String {
        switch self {
        case .emptyFormula: return "empty formula"
        case .formulaTooLarge(let bytes, let limit):
            return "formula is \(bytes) bytes, more than the limit of \(limit) bytes"
        case .nestingTooDeep(let limit): return "formula is nested more than \(limit) levels deep"
        case .invalidUTF8: return "formula is not valid UTF-8"
        case .nulByte: return "formula contains a NUL byte"
        case .unexpectedCharacter(let c, _): return "unexpected character \(Self.spell(c))"
        case .unsupportedCharacter(let c, _): return "unsupported character \(Self.spell(c))"
        case .superscript(let base, let exponent): return "'\(base)\(exponent)' is not supported: write \(base)^\(Self.digits(exponent))"
        case .identifierTooLong(let length, let limit):
            return "identifier is \(length) characters long, more than the limit of \(limit)"
        case .nonFiniteLiteral(let name):
            return "'\(name)' literals are not allowed: symdiff formulas are finite"
        case .numberOutOfRange(let text): return "number '\(text)' is out of range"
        case .numberRoundsToZero(let text): return "number '\(text)' is too small: it rounds to 0"
        case .malformedNumber(let text, .misplacedDecimalPoint): return "number '\(text)' has a misplaced '.'"
        case .malformedNumber(let text, .missingExponentDigits): return "number '\(text)' has no digits in its exponent"
        case .malformedNumber(let text, .hexadecimal): return "hexadecimal number '\(text)' is not supported"
        case .malformedNumber(_, .noDigits): return "expected a digit next to '.'"
        case .missingPatternVariableName: return "expected a name after '?'"
        case .implicitMultiplication: return "implicit multiplication is not supported"
        case .expectedExpression(let after?, let found): return "expected an expression after '\(after)', found \(found)"
        case .expectedExpression(nil, let found): return "expected an expression, found \(found)"
        case .unclosedParenthesis(let open): return "expected ')' to close '(' at \(open.line):\(open.column)"
        case .unmatchedClosingParenthesis: return "unexpected ')' without a matching '('"
        case .commaOutsideCall: return "unexpected ',' outside a function call"
        case .misplacedEquals: return "unexpected '=' in an expression"
        case .misplacedNot: return "unexpected '!' after an operand"
        case .chainedComparison(let first, let second): return "comparisons do not chain: '\(second)' follows a '\(first)' comparison"
        case .trailingInput(let found): return "expected end of formula, found \(found)"
        case .unknownFunction(let name, let suggestion?): return "unknown function '\(name)'; did you mean '\(suggestion)'?"
        case .unknownFunction(let name, nil): return "unknown function '\(name)'"
        case .notAFunction(let name): return "'\(name)' is not a function"
        case .constantCalled(let name): return "'\(name)' is a constant, not a function"
        case .integerOrderRequired(let name): return "'\(name)' takes a constant integer order >= 0 as its first argument"
        case .vectorInScalarContext(let what): return "\(what) is a vector where a number is needed"
        case .vectorExpected(let op, let found): return "'\(op)' takes a vector here, found \(found)"
        case .vectorLengthMismatch(let op, let expected, let got):
            return "'\(op)' needs \(expected) component(s) or variable(s) here, got \(got)"
        case .curlNeedsThreeComponents(let got): return "'curl' takes a vector of 3 components, got \(got)"
        case .unclosedBracket(let at): return "expected ']' to close '[' at \(at.line):\(at.column)"
        case .functionWithoutCall(let name, let arguments): return "'\(name)' is a function: write \(name)(\(arguments))"
        case .missingOpenParenthesis(let function, _): return "expected '(' after function name '\(function)'"
        case .wrongArgumentCount(let function, let expected, let got):
            return "'\(function)' takes \(expected) argument\(expected == "1" ? "" : "s"), got \(got)"
        case .derivativeNeedsVariable: return "'D' takes an expression and at least one variable"
        case .derivativeVariableExpected(let found): return "expected a variable to differentiate with respect to, found \(found)"
        case .derivativeWithRespectToBinding(let name): return "cannot differentiate with respect to bound name '\(name)'"
        case .derivativeWithRespectToConstant(let name): return "cannot differentiate with respect to constant '\(name)'"
        case .derivativeWithRespectToFunction(let name): return "cannot differentiate with respect to function '\(name)'"
        case .derivativeCountInvalid(let found): return "expected a non-negative integer derivative count, found \(found)"
        case .derivativeOrderTooHigh(let order, let limit):
            return "derivative order \(order) is more than the limit of \(limit)"
        case .selfReference(let name): return "'\(name)' is used in its own definition"
        case .rebinding(let name, let first): return "'\(name)' is already bound at \(first.line):\(first.column)"
        case .bindingReservedName(let name, true): return "cannot bind '\(name)': it is a constant"
        case .bindingReservedName(let name, false): return "cannot bind '\(name)': it is a function name"
        case .boundAfterUse(let name, let first):
            return "'\(name)' is bound after its use as a variable at \(first.line):\(first.column)"
        case .expectedSemicolonAfterBinding(let name): return "expected ';' after the binding of '\(name)'"
        case .missingBody: return "expected a formula after the bindings"
        case .semantic(let message, _): return message
        }
    }

    /// A suggested fix, printed after `hint: `; `nil` only where the message itself says
    /// what to write (`did you mean 'sin'?`, `write x^2`).
    public var hint: String? {
        switch self {
        case .emptyFormula: return "write a formula, e.g. x1^2*sin(x2)"
        case .formulaTooLarge: return "raise the limit with \(ReportTerm.maxFormulaBytes.token)"
        case .nestingTooDeep: return "raise the limit with \(ReportTerm.maxNestingDepth.token)"
        case .invalidUTF8: return "formulas are ASCII text; save the file as UTF-8"
        case .nulByte: return "remove the NUL byte: formulas are text"
        case .unexpectedCharacter(let c, let allowed):
            switch c {
            case "?" where !allowed: return "pattern variables like '?a' are only allowed in rewrite rules"
            case "{", "}": return "use '(' and ')' for grouping, '[' and ']' for vectors"
            case "&", "|": return "write '&&' for and, '||' for or"
            default: return Self.alphabet
            }
        case .unsupportedCharacter(_, let suggestion): return suggestion ?? Self.alphabet
        case .superscript: return nil
        case .identifierTooLong: return "use a shorter name, or raise the limit with \(ReportTerm.maxIdentifierLength.token)"
        case .nonFiniteLiteral: return "write a finite number; values that overflow print as inf and nan"
        case .numberOutOfRange: return "numbers must be below 1.8e308 in magnitude (binary64)"
        case .numberRoundsToZero: return "write 0, or rescale the formula: binary64 numbers are above 5e-324"
        case .malformedNumber(let text, .missingExponentDigits) where text.hasSuffix("e") || text.hasSuffix("E"):
            return "write \(text)3 for an exponent, or \(text.dropLast())*e to multiply by the constant e"
        case .malformedNumber(_, .missingExponentDigits): return "write digits after the exponent sign, e.g. 1e+3"
        case .malformedNumber(_, .misplacedDecimalPoint): return "a number has at most one '.', before its exponent: 1.25e3"
        case .malformedNumber(_, .hexadecimal): return "write the number in decimal"
        case .malformedNumber(_, .noDigits): return "write 0.5 or 5.0"
        case .missingPatternVariableName: return "write a name after '?', e.g. ?a"
        case .implicitMultiplication(let left, let right):
            if left.hasSuffix(")") || right.hasPrefix("(") { return "insert '*' between '\(left)' and '\(right)'" }
            return "insert '*': write \(left)*\(right)"
        case .expectedExpression("=", "'<'"), .expectedExpression("=", "'>'"):
            return "to compare, write <= or >= ('=' binds a name: u = x^2; u + 1)"
        case .expectedExpression(let after?, _): return "'\(after)' needs an operand after it"
        case .expectedExpression(nil, _): return "an expression starts with a number, a name, '(' or a sign"
        case .unclosedParenthesis: return "insert ')'"
        case .unmatchedClosingParenthesis: return "remove the ')' or insert a '(' before it"
        case .commaOutsideCall: return "commas separate the arguments of a call, e.g. atan2(y, x)"
        case .misplacedEquals: return "bindings have the form 'name = value;' and come before the formula; compare with '=='"
        case .misplacedNot: return "'!' negates the condition after it: write x != y to compare, x > 0 && !(y > 0) to combine"
        case .chainedComparison: return "join two comparisons with '&&': (a < b) && (b < c)"
        case .trailingInput: return "only bindings 'name = value;' may come before the formula"
        case .unknownFunction(_, _?): return nil
        case .unknownFunction: return "\(ReportTerm.functionList.token) lists the functions"
        case .notAFunction(let name): return "insert '*' to multiply: write \(name)*(...)"
        case .constantCalled(let name): return "insert '*' to multiply: write \(name)*(...)"
        case .integerOrderRequired(let name): return "write \(name)(1, x): the order is a number such as 0, 1, 2, not an expression"
        case .vectorInScalarContext:
            return "vectors go into div, curl, jacobian, dot and norm, or make the whole formula (one result per component)"
        case .vectorExpected: return "write the vector as [a, b, c], or give it by grad(...), curl(...) or a vector binding"
        case .vectorLengthMismatch(let op, _, _): return "give '\(op)' one variable per component, e.g. div([a, b], x, y)"
        case .curlNeedsThreeComponents: return "in 2-D the curl is the number D(v, x) - D(u, y)"
        case .unclosedBracket: return "insert ']'"
        case .functionWithoutCall: return nil
        case .missingOpenParenthesis(let function, let argument): return "insert '(' ... ')': write \(function)(\(argument))"
        case .wrongArgumentCount("piecewise", _, _): return "write piecewise(c1, v1, c2, v2, otherwise): conditions and values in pairs, then one more value"
        case .wrongArgumentCount(let function, let expected, _):
            return "write \(function)(\(["x", "a, b", "x, lo, hi"][Swift.min(Int(expected.prefix(1)) ?? 2, 3) - 1]))"
        case .derivativeNeedsVariable: return "write D(f, x) for the derivative of f with respect to x"
        case .derivativeVariableExpected: return "write D(f, x), D(f, x, 2) or D(f, x, y)"
        case .derivativeWithRespectToBinding, .derivativeWithRespectToConstant, .derivativeWithRespectToFunction:
            return "differentiate with respect to a free variable"
        case .derivativeCountInvalid: return "write D(f, x, 2) for the second derivative"
        case .derivativeOrderTooHigh: return "raise the limit with \(ReportTerm.maxDerivativeOrder.token)"
        case .selfReference: return "a binding may use only the names bound before it"
        case .rebinding: return "choose another name"
        case .bindingReservedName: return "choose another name"
        case .boundAfterUse: return "bind the name before its first use, or rename the binding"
        case .expectedSemicolonAfterBinding: return "insert ';' and then the formula"
        case .missingBody: return "write the formula after the last ';'"
        case .semantic(_, let hint): return hint
        }
    }

    /// What a formula may contain, for characters that start no token.
    private static let alphabet = "formulas use ASCII letters, digits, '_', '.', spaces and + - * / ^ ( ) , ; = < > ! && ||"

    private static func spell(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
        return c.properties.isWhitespace || c.value < 0x20 || c.value == 0x7F || c.properties.generalCategory == .format
            ? code : "'\(c)' (\(code))"
    }

    private static func digits(_ superscripts: String) -> String {
        let map: [Character: Character] = [
            "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        ]
        return String(superscripts.map { map[$0] ?? $0 })
    }
}
