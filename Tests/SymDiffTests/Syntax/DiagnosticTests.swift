// The one renderer: exact rendered output, caret and related-range lines, long lines, tabs.
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct SyntaxDiagnosticTests {
    static func rendered(_ source: String) -> String {
        SyntaxTestSupport.diagnostic(source)?.rendered(source: source) ?? "parsed"
    }

    @Test func unclosedParenthesisShowsBothPlaces() {
        #expect(Self.rendered("x1^2*sin(x2") == """
            error: expected ')' to close '(' at 1:9
              --> 1:12
              x1^2*sin(x2
                      ~  ^
              hint: insert ')'

            """)
    }

    @Test func unknownFunctionMarksTheWholeName() {
        #expect(Self.rendered("u = 1;\n2*sinn(u)\n+1") == """
            error: unknown function 'sinn'; did you mean 'sin'?
              --> 2:3
              2*sinn(u)
                ^^^^

            """)
    }

    @Test func implicitMultiplicationHasAHint() {
        #expect(Self.rendered("3 + 2x") == """
            error: implicit multiplication is not supported
              --> 1:6
              3 + 2x
                   ^
              hint: insert '*': write 2*x

            """)
    }

    @Test func caretUnderANonASCIICharacter() {
        #expect(Self.rendered("\tx² + 1") == """
            error: 'x²' is not supported: write x^2
              --> 1:3
            \tx² + 1
            \t ^

            """.replacingOccurrences(of: "\n\t", with: "\n  \t"))
    }

    @Test func rebindingMarksTheFirstBindingOnTheSameLine() {
        #expect(Self.rendered("u = 1; u = 2; u") == """
            error: 'u' is already bound at 1:1
              --> 1:8
              u = 1; u = 2; u
              ~      ^
              hint: choose another name

            """)
    }

    /// The hint names the setting as its reader knows it: the flag on the command line, the
    /// `Limits` property in code.
    @Test func nestingLimitNamesTheSetting() {
        let source = String(repeating: "(", count: 3) + "x" + String(repeating: ")", count: 3)
        var limits = Limits()
        limits.maxNestingDepth = 2
        let diagnostic = SyntaxTestSupport.diagnostic(source, limits: limits)
        #expect(diagnostic?.rendered(source: source, for: .commandLine) == """
            error: formula is nested more than 2 levels deep
              --> 1:3
              (((x)))
                ^
              hint: raise the limit with --max-depth

            """)
        #expect(diagnostic?.rendered(source: source).hasSuffix("  hint: raise the limit with Limits.maxNestingDepth\n") == true)
    }

    /// Every kind of error renders the same way: `error:`, the place, the marked text, the hint.
    @Test func everyErrorRendersAlike() {
        let points = PointsError(.emptyFile, at: FileLocation(file: "p.csv", line: 1, column: 1))
        #expect(points.rendered().hasPrefix("error: points file is empty\n  --> p.csv:1:1\n  hint: "))
        let limit = LimitExceeded(.nodes, limit: 10)
        #expect(limit.rendered(for: .commandLine).hasSuffix("  hint: raise the limit with --max-nodes\n"))
        let export = ExportError(message: "lambertw has no c form in symdiff's export", hint: "languages that have it: numpy")
        #expect(export.rendered() == "error: lambertw has no c form in symdiff's export\n  hint: languages that have it: numpy\n")
    }

    @Test func longLinesAreCutAroundTheCaret() throws {
        let source = String(repeating: "x+", count: 200) + "$" + String(repeating: "+x", count: 200)
        let diagnostic = try #require(SyntaxTestSupport.diagnostic(source))
        #expect(diagnostic.range.start.column == 401)
        let lines = diagnostic.rendered(source: source).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[4].hasPrefix("  hint: "))
        #expect(lines[2].hasPrefix("  ...") && lines[2].hasSuffix("..."))
        #expect(lines[2].count == 2 + 3 + Diagnostic.window + 3)
        let caret = try #require(lines[3].firstIndex(of: "^"))
        let marked = lines[2][lines[2].index(lines[2].startIndex, offsetBy: lines[3].distance(from: lines[3].startIndex, to: caret))]
        #expect(marked == "$")
    }

    @Test func semanticDiagnosticsRenderTheSameWay() {
        let source = "u = x^2; D(u, u)"
        let start = SourceLocation(offset: 14, line: 1, column: 15)
        let end = SourceLocation(offset: 15, line: 1, column: 16)
        let diagnostic = Diagnostic(
            message: "cannot differentiate with respect to 'u'", hint: "differentiate with respect to a free variable",
            range: SourceRange(start: start, end: end))
        #expect(diagnostic.rendered(source: source) == """
            error: cannot differentiate with respect to 'u'
              --> 1:15
              u = x^2; D(u, u)
                            ^
              hint: differentiate with respect to a free variable

            """)
        #expect(diagnostic.error == .semantic(message: diagnostic.message, hint: diagnostic.hint))
    }

    @Test(arguments: [
        ("sin x", "insert '(' ... ')': write sin(x)"),
        ("(x)(y)", "insert '*' between ')' and '('"),
        ("x(2)", "insert '*' to multiply: write x*(...)"),
        ("x+1)", "remove the ')' or insert a '(' before it"),
        ("u = 1", "insert ';' and then the formula"),
        ("x; y", "only bindings 'name = value;' may come before the formula"),
        ("x = y = 1", "bindings have the form 'name = value;' and come before the formula; compare with '=='"),
        ("x < y < z", "join two comparisons with '&&': (a < b) && (b < c)"),
        ("x =< y", "to compare, write <= or >= ('=' binds a name: u = x^2; u + 1)"),
        ("x ! y", "'!' negates the condition after it: write x != y to compare, x > 0 && !(y > 0) to combine"),
        ("piecewise(x < 0, 1)", "write piecewise(c1, v1, c2, v2, otherwise): conditions and values in pairs, then one more value"),
        ("D(f)", "write D(f, x) for the derivative of f with respect to x"),
        ("sinn(x)", nil),
    ] as [(String, String?)])
    func hints(_ input: String, _ hint: String?) throws {
        let diagnostic = try #require(SyntaxTestSupport.diagnostic(input))
        #expect(diagnostic.hint == hint)
    }

    @Test func messagesFollowTheStyle() {
        let inputs = GrammarExample.all.filter { $0.kind == .error }.map(\.input) + ["x+1)", "u = 1", "x(2)"]
        for input in inputs {
            guard let message = SyntaxTestSupport.diagnostic(input)?.message else {
                Issue.record("'\(input)' parsed")
                continue
            }
            #expect(message.first?.isUppercase != true || message.hasPrefix("'"), "\(message)")
            #expect(!message.hasSuffix("."), "\(message)")
        }
    }
}
