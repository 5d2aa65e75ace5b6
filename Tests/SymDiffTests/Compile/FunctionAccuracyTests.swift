// Every function through the compiled binary64 evaluator, against mpmath at 40 digits.
import Foundation
import Testing
@testable import SymDiff

/// `Fixtures/functions.json`: per function, binary64 points and the true values (25 digits),
/// the ulps each is held to, those measured near zeros in ulps of 1/2, and the catalog's
/// functions left unmeasured (exact ones, reciprocals and aliases of measured ones).
private struct FunctionFixture: Decodable {
    var functions: [String: [[String]]]
    var limits: [String: Double]
    var crossZero: Set<String>
    var unmeasured: Set<String>

    static let loaded = try? loadFixture("functions", as: FunctionFixture.self)
}

@Suite struct FunctionAccuracyTests {
    static let names = FunctionFixture.loaded.map { Array($0.functions.keys).sorted() } ?? []

    /// Every function of the catalog is measured (under its own name, alone or with constant
    /// arguments) or listed as unmeasured, and every key is a formula with a limit.
    @Test func fixtureCoversTheCatalog() throws {
        let fixture = try #require(FunctionFixture.loaded)
        let measured = Set(Self.names.map { String($0.prefix { $0 != "(" }) })
        for f in Function.allCases {
            #expect(measured.contains(f.name) != fixture.unmeasured.contains(f.name), "\(f.name): measured or unmeasured, not both")
        }
        #expect(fixture.unmeasured.isSubset(of: Function.allCases.map(\.name)))
        for name in Self.names {
            #expect(fixture.limits[name] != nil, "\(name) has no limit")
            #expect(throws: Never.self) { try Formula(parsing: name.contains("(") ? name : "\(name)(x)") }
        }
    }

    /// Within the fixture's limit of the correctly rounded value at every point: 1 ulp for the
    /// original functions, 8 for the special functions, 2 for the rest (each value rounds the
    /// 25-digit reference to binary64 once, 0.5 ulp of it). A fixture key with arguments
    /// (`log(x, 3)`) is the call itself; near zeros some count in ulps of 1/2.
    @Test(arguments: names)
    func withinTheirUlps(_ name: String) throws {
        let fixture = try #require(FunctionFixture.loaded)
        let rows = try #require(fixture.functions[name])
        let formula = try Formula(parsing: name.contains("(") ? name : "\(name)(x)")
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["x"])
        let xs = rows.map { Double($0[0])! }
        let values = Evaluator(program, blockSize: 64, threads: 1).evaluate([xs])[0]
        var worst = (ulps: 0.0, x: 0.0)
        for (i, row) in rows.enumerated() {
            let reference = Double(row[1])!
            var error = ulps(values[i], reference)
            if fixture.crossZero.contains(name) && Swift.abs(reference) < 0.5 { error = Swift.abs(values[i] - reference) / (0.5).ulp }
            if error > worst.ulps { worst = (error, xs[i]) }
        }
        print("function accuracy: \(name) worst \(worst.ulps) ulp at x = \(worst.x) over \(rows.count) points")
        let limit = try #require(fixture.limits[name])
        #expect(worst.ulps <= limit, "\(name): \(worst.ulps) ulp at x = \(worst.x), \(rows.count) points")
    }
}
