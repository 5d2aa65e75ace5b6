// Lexer tables: number conversion, token locations, characters and bytes that are rejected.
import Testing
@testable import SymDiff

@Suite struct SyntaxLexerTests {
    /// The tokens of `source`, up to and excluding `.end`.
    static func tokens(_ source: String, patterns: Bool = false) throws -> [Token] {
        var lexer = Lexer(bytes: Array(source.utf8), limits: Limits(), allowsPatternVariables: patterns)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { return tokens }
            tokens.append(token)
        }
    }

    @Test(arguments: [
        ("12", Number.rational(12, 1)),
        ("3.5", Number.rational(7, 2)),
        (".5", Number.rational(1, 2)),
        ("1e-3", Number.rational(1, 1000)),
        ("0.1", Number.rational(1, 10)),
        ("8.9875517923e9", Number.rational(89_875_517_923, 10)),
        ("1.6e-19", Number.real(1.6e-19)),
        // 19 digits: read as binary64, whose shortest spelling, 0.12345678901234568, is exact.
        ("0.1234567890123456789", Number(numerator: 12_345_678_901_234_568, denominator: 100_000_000_000_000_000)!),
        ("2.5E+4", Number.rational(25000, 1)),
        ("1E2", Number.rational(100, 1)),
        ("0", Number.zero),
        ("0e5", Number.zero),
        ("9223372036854775807", Number.rational(.max, 1)),
        ("9223372036854775808", Number.real(9223372036854775808)),
        ("1e300", Number.real(1e300)),
        ("5e-324", Number.real(.leastNonzeroMagnitude)),
    ])
    func numberLiteral(_ text: String, _ value: Number) throws {
        var lexer = Lexer(bytes: Array(text.utf8), limits: Limits(), allowsPatternVariables: false)
        #expect(try lexer.next().kind == .number)
        #expect(lexer.numberValue == value)
        #expect(try lexer.next().kind == .end)
    }

    @Test func tokenKindsAndLocations() throws {
        let tokens = try Self.tokens("x1 ** 2;\n\t(a, b)=-+*/^")
        #expect(tokens.map(\.kind) == [
            .identifier, .caret, .number, .semicolon,
            .leftParenthesis, .identifier, .comma, .identifier, .rightParenthesis,
            .equals, .minus, .plus, .star, .slash, .caret,
        ])
        let starts = tokens.map { "\($0.range.start.line):\($0.range.start.column)" }
        #expect(starts.prefix(6) == ["1:1", "1:4", "1:7", "1:8", "2:2", "2:3"])
        #expect(tokens[1].range.end.column == 6)
        #expect(tokens[4].range.start.offset == 10)
    }

    @Test func patternVariablesOnlyWhenAllowed() throws {
        #expect(try Self.tokens("?a_1", patterns: true).map(\.kind) == [.patternVariable])
        #expect(SyntaxTestSupport.reading("?a_1 * 0", patterns: true) == "(?a_1 * 0)")
        #expect(SyntaxTestSupport.located("?1", patterns: true) == "1:1 expected a name after '?'")
        let rejected = try #require(SyntaxTestSupport.diagnostic("?a"))
        #expect(rejected.hint == "pattern variables like '?a' are only allowed in rewrite rules")
    }

    @Test func identifierLengthLimit() {
        let limit = Limits().maxIdentifierLength
        #expect(SyntaxTestSupport.located(String(repeating: "a", count: limit)) == "parsed")
        #expect(SyntaxTestSupport.located("1 + " + String(repeating: "a", count: limit + 1))
            == "1:5 identifier is \(limit + 1) characters long, more than the limit of \(limit)")
    }

    @Test(arguments: ["nan", "NaN", "inf", "Inf", "INFINITY", "infinity"])
    func nonFiniteNamesAreReserved(_ name: String) {
        #expect(SyntaxTestSupport.located("x*\(name)") == "1:3 '\(name)' literals are not allowed: symdiff formulas are finite")
    }

    @Test(arguments: [
        ("x²", "'x²' is not supported: write x^2", nil),
        ("x1³ + 1", "'x1³' is not supported: write x1^3", nil),
        ("x¹⁰", "'x¹⁰' is not supported: write x^10", nil),
        ("2·x", "unsupported character '·' (U+00B7)", "write '*' to multiply"),
        ("2×x", "unsupported character '×' (U+00D7)", "write '*' to multiply"),
        ("x−y", "unsupported character '−' (U+2212)", "write '-'"),
        ("x–y", "unsupported character '–' (U+2013)", "write '-'"),
        ("x÷y", "unsupported character '÷' (U+00F7)", "write '/'"),
        ("２*x", "unsupported character '２' (U+FF12)", "write the ASCII '2'"),
        ("sin（x)", "unsupported character '（' (U+FF08)", "write the ASCII '('"),
        ("x\u{00A0}+ y", "unsupported character U+00A0", "replace it with a plain space"),
        ("\u{FEFF}x", "unsupported character U+FEFF", "delete this invisible character"),
        ("2π", "unsupported character 'π' (U+03C0)", "write pi"),
        ("é", "unsupported character 'é' (U+00E9)", "names must use ASCII letters, digits and '_'"),
        ("x 😀", "unsupported character '😀' (U+1F600)", "formulas use ASCII letters, digits, '_', '.', spaces and + - * / ^ ( ) , ; = < > ! && ||"),
        ("x\u{0} y", "formula contains a NUL byte", "remove the NUL byte: formulas are text"),
        ("x | y", "unexpected character '|' (U+007C)", "write '&&' for and, '||' for or"),
        ("{x}", "unexpected character '{' (U+007B)", "use '(' and ')' for grouping, '[' and ']' for vectors"),
        ("2e", "number '2e' has no digits in its exponent", "write 2e3 for an exponent, or 2*e to multiply by the constant e"),
        ("2exp(x)", "implicit multiplication is not supported", "insert '*': write 2*exp"),
        ("1e5x", "implicit multiplication is not supported", "insert '*': write 1e5*x"),
        ("1e5.5", "number '1e5.5' has a misplaced '.'", "a number has at most one '.', before its exponent: 1.25e3"),
        (".", "expected a digit next to '.'", "write 0.5 or 5.0"),
        ("0x1F", "hexadecimal number '0x1F' is not supported", "write the number in decimal"),
        ("0x", "implicit multiplication is not supported", "insert '*': write 0*x"),
    ] as [(String, String, String?)])
    func rejectedCharacters(_ input: String, _ message: String, _ hint: String?) throws {
        let diagnostic = try #require(SyntaxTestSupport.diagnostic(input))
        #expect(diagnostic.message == message)
        #expect(diagnostic.hint == hint)
    }

    @Test func nonASCIIColumnCountsCharacters() throws {
        let diagnostic = try #require(SyntaxTestSupport.diagnostic("u = 1;\n  y × 2"))
        #expect(diagnostic.range.start.line == 2)
        #expect(diagnostic.range.start.column == 5)
        #expect(diagnostic.range.end.column == 6)
        #expect(diagnostic.range.end.offset - diagnostic.range.start.offset == 2)
    }

    @Test func rawBytesAreValidated() throws {
        let invalid = try #require(Self.byteError([UInt8]("x +\n y".utf8) + [0xFF] + [UInt8](" z".utf8)))
        #expect(invalid.message == "formula is not valid UTF-8")
        #expect("\(invalid.range.start.line):\(invalid.range.start.column)" == "2:3")
        #expect(invalid.range.start.offset == 6)
        let nul = try #require(Self.byteError([UInt8]("é+".utf8) + [0] + [UInt8]("x".utf8)))
        #expect(nul.message == "formula contains a NUL byte")
        #expect(nul.range.start.column == 3)
        let truncated = try #require(Self.byteError([UInt8]("x".utf8) + [0xE2, 0x88]))
        #expect(truncated.message == "formula is not valid UTF-8")
        #expect(truncated.range.start.column == 2)
        #expect(try Parser.parse(utf8: Array("sin(x)^2".utf8)).parenthesized() == "(sin(x) ^ 2)")
    }

    static func byteError(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try Parser.parse(utf8: bytes)
            return nil
        } catch {
            return error
        }
    }
}
