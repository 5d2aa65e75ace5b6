// Runs the examples of grammar/formula.ebnf and checks its function list against the code.
import Foundation
import Testing
@testable import SymDiff

/// One example line of the grammar file.
struct GrammarExample: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable { case ok, okPattern = "ok-pattern", error }
    var kind: Kind
    var input: String
    var expected: String
    var lineNumber: Int

    var testDescription: String { "formula.ebnf:\(lineNumber) \(kind.rawValue): \(input)" }

    static let grammarURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("grammar/formula.ebnf")

    static let grammarText: String = (try? String(contentsOf: grammarURL, encoding: .utf8)) ?? ""

    /// Every example line: `(* KIND: INPUT => EXPECTED *)` on a line of its own.
    static let all: [GrammarExample] = grammarText.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated().compactMap { index, line in
            guard line.hasPrefix("(* "), line.hasSuffix(" *)"),
                let colon = line.firstIndex(of: ":"),
                let kind = Kind(rawValue: String(line[line.index(line.startIndex, offsetBy: 3)..<colon])),
                let arrow = line.range(of: " => ")
            else { return nil }
            let input = line[line.index(after: colon)..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            let expected = line[arrow.upperBound..<line.index(line.endIndex, offsetBy: -3)].trimmingCharacters(in: .whitespaces)
            return GrammarExample(
                kind: kind, input: input.replacingOccurrences(of: "\\n", with: "\n"), expected: expected, lineNumber: index + 1)
        }
}

@Suite struct SyntaxGrammarFileTests {
    @Test(arguments: GrammarExample.all)
    func example(_ example: GrammarExample) {
        switch example.kind {
        case .ok: #expect(SyntaxTestSupport.reading(example.input) == example.expected)
        case .okPattern: #expect(SyntaxTestSupport.reading(example.input, patterns: true) == example.expected)
        case .error: #expect(SyntaxTestSupport.located(example.input) == example.expected)
        }
    }

    @Test func grammarHasEnoughExamples() {
        #expect(GrammarExample.all.filter { $0.kind != .error }.count >= 30)
        #expect(GrammarExample.all.filter { $0.kind == .error }.count >= 25)
    }

    @Test func functionListMatchesTheCode() throws {
        let text = GrammarExample.grammarText
        let start = try #require(text.range(of: "function-name ::="))
        let end = try #require(text.range(of: "\n\n", range: start.upperBound..<text.endIndex))
        let rule = text[start.upperBound..<end.lowerBound]
        let names = rule.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        let expected = Set(Function.allCases.map(\.name)).union(Function.aliases.keys).union(["pow", "piecewise", "legendre", "hermite", "chebyshev_t", "laguerre"])
        #expect(names.count == Set(names).count, "a name is listed twice")
        #expect(Set(names) == expected)
    }

    /// Every name the grammar lists as callable is parsed as a call.
    @Test func everyListedFunctionParses() {
        for function in Function.allCases {
            let arguments = (function.info.integerOrder ? ["1"] + Array(repeating: "x", count: function.arity - 1)
                : Array(repeating: "x", count: function.arity)).joined(separator: ", ")
            #expect(SyntaxTestSupport.reading("\(function.name)(\(arguments))") == "\(function.name)(\(arguments))")
        }
    }
}
