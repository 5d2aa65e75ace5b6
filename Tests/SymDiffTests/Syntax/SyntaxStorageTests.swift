// How a syntax tree stores what was written: spans against the text, interned names, lists.
import Testing
@testable import SymDiff

@Suite struct SyntaxStorageTests {
    /// The line and column of `offset`, counted directly from the text.
    static func naiveLocation(_ source: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        let before = source[..<offset]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    @Test(arguments: [
        "x1^2*sin(x2)",
        "u = exp(-x^2);\n  v = u*u;\n\nD(v, x)\n + 2*x*u",
        "\n\n(a\n+\nb)\n*\n  c",
        "[sin(x),\n cos(y)]",
        "legendre(3,\n x) + max(a,\n b, c)",
    ])
    func spansGiveTheLinesAndColumnsOfTheText(_ source: String) throws {
        let tree = try Parser.parse(source)
        let bytes = Array(source.utf8)
        for index in tree.nodes.indices {
            let range = tree.range(of: SyntaxID(index))
            for location in [range.start, range.end] {
                let expected = Self.naiveLocation(bytes, location.offset)
                #expect(location.line == expected.line && location.column == expected.column, "node \(index) at \(location.offset)")
            }
        }
    }

    @Test func parenthesesWidenTheSpan() throws {
        let source = "2 * ( x + y )"
        let tree = try Parser.parse(source)
        guard case .chain(_, let links) = tree[tree.body].kind, let sum = tree.links(links).first?.operand else {
            Issue.record("unexpected shape")
            return
        }
        let span = tree[sum].span
        #expect(String(decoding: Array(source.utf8)[Int(span.start)..<Int(span.end)], as: UTF8.self) == "( x + y )")
    }

    @Test func nodesArePlainTwentyFourBytes() {
        #expect(MemoryLayout<SyntaxNode>.stride == 24)
        #expect(_isPOD(SyntaxNode.self))
    }

    @Test func eachDistinctNameIsInternedOnce() throws {
        // Enough names to grow the intern table several times, with shared prefixes and lengths,
        // short ones (packed into one word) and long ones (hashed and compared byte by byte).
        let distinct = (0..<3000).map { "v\($0)" } + ["v", "vv", "v_0", "V0", "abcdefgh", "abcdefghi", "abcdefgi"]
            + (0..<300).map { "temperature_\($0)_kelvin" }
        let source = (distinct + distinct.reversed()).joined(separator: "+")
        let tree = try Parser.parse(source)
        #expect(Set(tree.names).count == tree.names.count)
        #expect(Set(tree.names) == Set(distinct))
        let bytes = Array(source.utf8)
        var variables = 0
        for node in tree.nodes {
            guard case .variable(let name) = node.kind else { continue }
            variables += 1
            #expect(tree[name] == String(decoding: bytes[Int(node.span.start)..<Int(node.span.end)], as: UTF8.self))
        }
        #expect(variables == 2 * distinct.count)
        #expect(tree.freeVariables == distinct)
    }

    @Test func reservedNamesAreRecognizedWhereverTheyAreFirstRead() throws {
        // `sin` first read as a call, `pi` first as a constant, `x` used before and after.
        let tree = try Parser.parse("x*sin(pi) + sin(x)*pi - cos(x)")
        #expect(tree.freeVariables == ["x"])
        #expect(tree.parenthesized() == "(((x * sin(pi)) + (sin(x) * pi)) - cos(x))")
    }

    @Test func childrenOfNestedNodesKeepTheirOwnRuns() throws {
        let tree = try Parser.parse("f = max(a, min(b, c, d), e) * (a - b + c); hypot(f, 2)")
        #expect(tree.parenthesized() == "f = (max(max(a, min(min(b, c), d)), e) * ((a - b) + c)); hypot(f, 2)")
        for node in tree.nodes {
            switch node.kind {
            case .call(_, let list): #expect(list.count == 2 && list.indices.upperBound <= tree.arguments.count)
            case .chain(_, let list): #expect(list.count >= 1 && list.indices.upperBound <= tree.links.count)
            default: continue
            }
        }
    }
}
