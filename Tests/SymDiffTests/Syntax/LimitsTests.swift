// Resource limits of the parser: nesting depth, formula size, and very large inputs.
import Testing
@testable import SymDiff

@Suite struct SyntaxLimitsTests {
    static let limit = Limits().maxNestingDepth

    /// `depth` levels of one nesting construct around `x`.
    static func nested(_ construct: String, depth: Int) -> String {
        switch construct {
        case "parens": return String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        case "calls": return String(repeating: "sin(", count: depth) + "x" + String(repeating: ")", count: depth)
        case "signs": return String(repeating: "-", count: depth) + "x"
        default: return Array(repeating: "x", count: depth + 1).joined(separator: "^")
        }
    }

    @Test(arguments: ["parens", "calls", "signs", "powers"])
    func nestingUpToTheLimitParses(_ construct: String) {
        #expect(SyntaxTestSupport.located(Self.nested(construct, depth: Self.limit - 1)) == "parsed")
        #expect(SyntaxTestSupport.located(Self.nested(construct, depth: Self.limit)) == "parsed")
    }

    @Test(arguments: ["parens", "calls", "signs", "powers"])
    func nestingBeyondTheLimitFails(_ construct: String) throws {
        let diagnostic = try #require(SyntaxTestSupport.diagnostic(Self.nested(construct, depth: Self.limit + 1)))
        #expect(diagnostic.message == "formula is nested more than \(Self.limit) levels deep")
        #expect(ReportTerm.spelling(diagnostic.hint ?? "", for: .commandLine) == "raise the limit with --max-depth")
    }

    @Test func mixedNestingCountsEveryLevel() {
        var limits = Limits()
        limits.maxNestingDepth = 4
        #expect(SyntaxTestSupport.located("-(sin(x^2))", limits: limits) == "parsed")
        #expect(SyntaxTestSupport.located("-(sin(-x^2))", limits: limits) == "1:9 formula is nested more than 4 levels deep")
        #expect(SyntaxTestSupport.located("x+y*z-w/v", limits: limits) == "parsed")
    }

    @Test func hundredThousandParenthesesAreAnErrorNotACrash() {
        let source = Self.nested("parens", depth: 100_000)
        #expect(SyntaxTestSupport.located(source) == "1:\(Self.limit + 1) formula is nested more than \(Self.limit) levels deep")
        #expect(SyntaxTestSupport.located(String(repeating: "-", count: 100_000) + "x").hasSuffix("levels deep"))
        #expect(SyntaxTestSupport.located(String(repeating: "x^", count: 100_000) + "x").hasSuffix("levels deep"))
    }

    @Test func formulaSizeLimitNamesTheFlag() throws {
        var limits = Limits()
        limits.maxFormulaBytes = 8
        #expect(SyntaxTestSupport.located("x+y+z+w", limits: limits) == "parsed")
        let diagnostic = try #require(SyntaxTestSupport.diagnostic("x+y+z+w+v", limits: limits))
        #expect(diagnostic.message == "formula is 9 bytes, more than the limit of 8 bytes")
        #expect(ReportTerm.spelling(diagnostic.hint ?? "", for: .commandLine) == "raise the limit with --max-formula-bytes")
        #expect(ReportTerm.spelling(diagnostic.hint ?? "", for: .library) == "raise the limit with Limits.maxFormulaBytes")
        #expect(throws: Diagnostic.self) { try Parser.parse(utf8: Array("x+y+z+w+v".utf8), limits: limits) }
    }

    @Test func millionTermSumIsOneChain() throws {
        let terms = 1_000_000
        let source = Array(repeating: "x", count: terms).joined(separator: "+")
        let tree = try Parser.parse(source)
        #expect(tree.nodes.count == terms + 1)
        guard case .chain(_, let list) = tree[tree.body].kind else {
            Issue.record("body is not a chain")
            return
        }
        let links = tree.links(list)
        #expect(links.count == terms - 1)
        #expect(links.allSatisfy { $0.op == .add })
    }

    @Test func megabyteFormulaParses() throws {
        let piece = "u*sin(x_1)^2 - exp(-y/3.5e-1)*atan2(y, x) + D(x^3*y, x, 2, y) "
        let copies = (1 << 20) / piece.utf8.count + 1
        let source = "u = hypot(x, y);\n" + Array(repeating: piece, count: copies).joined(separator: "+\n")
        #expect(source.utf8.count > 1 << 20)
        let tree = try Parser.parse(source)
        guard case .chain(_, let list) = tree[tree.body].kind else {
            Issue.record("body is not a chain")
            return
        }
        let links = tree.links(list)
        #expect(links.count == 3 * copies - 1)
        #expect(tree.range(of: tree.body).end.line == copies + 1)
    }
}
