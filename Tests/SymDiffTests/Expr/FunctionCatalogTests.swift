// The function catalog against itself and against every list of functions outside the code.
import Foundation
import Testing
@testable import SymDiff

/// Every function is one catalog row; the README, `--help`, `--functions`, the grammar
/// (`GrammarFileTests`) and the fuzz dictionary list exactly what the catalog has.
@Suite struct FunctionCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every spelling of every function.
    static let spellings = Function.allCases.flatMap(\.info.names)

    @Test func readmeListsEveryFunction() throws {
        let readme = try Self.text("README.md")
        for f in Function.allCases {
            #expect(readme.contains("| `\(f.name)("), "README's function table has no row for \(f.name)")
        }
        for alias in Function.aliases.keys {
            #expect(readme.contains("(\(alias))"), "README does not name the alias \(alias)")
        }
    }

    @Test func helpAndFunctionsListEveryFunction() {
        let help = symdiff("--help").stdout
        let functions = symdiff("--functions")
        #expect(functions.status == 0)
        for f in Function.allCases {
            #expect(help.contains(" \(f.name)("), "--help does not name \(f.name)")
            #expect(functions.stdout.contains("\(f.name)("), "--functions does not name \(f.name)")
        }
        for alias in Function.aliases.keys {
            #expect(help.contains("(\(alias))") && functions.stdout.contains("(\(alias))"), "the alias \(alias)")
        }
        #expect(functions.stdout.split(separator: "\n").count == 2 * Function.allCases.count)
    }

    @Test func fuzzDictionaryHasEveryFunction() throws {
        let dictionary = try Self.text("Fuzz/formula.dict")
        for name in Self.spellings {
            #expect(dictionary.contains("\"\(name)(\""), "Fuzz/formula.dict lacks \(name)")
        }
    }

    /// A definition names only its parameters and expands to primitives; defaults and
    /// variadic calls fit the parameters.
    @Test(arguments: Function.allCases.filter(\.isDefined))
    func definitionIsWellFormed(_ f: Function) throws {
        let definition = try #require(f.definition)
        #expect(Set(definition.graph.variables(in: [definition.root])).isSubset(of: f.parameterNames))
        var graph = definition.graph
        let expanded = graph.expandingDefinitions([definition.root])
        for id in graph.reachable(from: expanded) {
            if case .apply(let g, _) = graph[id] { #expect(!g.isDefined, "\(f.name) expands to \(g.name)") }
        }
    }

    @Test(arguments: Function.allCases)
    func parametersFitTheCalls(_ f: Function) {
        let info = f.info
        #expect(info.defaults.count < f.arity || f.arity == 0)
        #expect(!info.variadic || f.arity == 2)
        #expect(Function.named(f.name, arguments: f.arity) == f)
        #expect(info.derivatives.count == f.arity)
    }

    /// `log` is two functions told apart by their arguments; defaults and variadic calls.
    @Test(arguments: [
        ("log(x)", "log(x)"), ("log(x, 2)", "log(x, 2)"), ("ln(x)", "log(x)"), ("leaky_relu(x)", "leaky_relu(x, 0.01)"),
        ("hardtanh(x, 0)", "hardtanh(x, 0, 1)"), ("max(x, y, z)", "max(max(x, y), z)"), ("swish(x)", "silu(x)"),
        ("logsumexp(x, y, z)", "logaddexp(logaddexp(x, y), z)"),
    ])
    func callsRead(_ text: String, _ printed: String) throws {
        let formula = try Formula(parsing: text)
        #expect(formula.graph.formula(formula.root) == printed)
    }
}
