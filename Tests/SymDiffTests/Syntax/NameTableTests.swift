// The reserved-name table: every name is found with its value, other names are not.
import Testing
@testable import SymDiff

@Suite struct NameTableTests {
    /// Names of many lengths, including ones past the inline size of a small string.
    static let entries: [String: Int] = Dictionary(uniqueKeysWithValues: (0..<300).map { k in
        (String(repeating: "ab", count: k % 13) + "n\(k)", k)
    })

    @Test func everyNameIsFoundAndNoOther() {
        let table = NameTable(NameTableTests.entries)
        for (name, value) in NameTableTests.entries { #expect(table[name] == value) }
        for missing in ["", "n", "n300", "abn0", "N1", "n1 ", "ababababababababababababn299x"] {
            #expect(table[missing] == nil)
        }
    }

    @Test func everyCalleeReadsAsItself() throws {
        // Each function name parses as a call of that function, through the table.
        for function in Function.allCases where function.arity == 1 {
            let tree = try Parser.parse("\(function.name)(x)")
            #expect(tree.nodes.contains { if case .call(let f, _) = $0.kind { f.name == function.name } else { false } })
        }
    }
}
