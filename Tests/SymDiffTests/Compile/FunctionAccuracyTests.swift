// Every function through the compiled binary64 evaluator, against mpmath at 40 digits.
import Foundation
import Testing
@testable import SymDiff

/// `Fixtures/functions.json`: per function, binary64 points and the true values (25 digits).
private struct FunctionFixture: Decodable {
    var functions: [String: [[String]]]

    static let loaded: FunctionFixture? = {
        guard let url = Bundle.module.url(forResource: "functions", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(FunctionFixture.self, from: data)
    }()
}

@Suite struct FunctionAccuracyTests {
    static let names = FunctionFixture.loaded.map { Array($0.functions.keys).sorted() } ?? []

    @Test func fixtureHasEveryTranscendentalFunction() {
        #expect(Self.names.count == 22)
    }

    /// Within 1 ulp of the correctly rounded value at every point: each value rounds the
    /// 25-digit reference to binary64 once (0.5 ulp), so the evaluator may add at most 0.5.
    @Test(arguments: names)
    func withinOneUlp(_ name: String) throws {
        let rows = try #require(FunctionFixture.loaded?.functions[name])
        let formula = try Formula(parsing: "\(name)(x)")
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["x"])
        let xs = rows.map { Double($0[0])! }
        let values = Evaluator(program, blockSize: 64, threads: 1).evaluate([xs])[0]
        var worst = (ulps: 0.0, x: 0.0)
        for (i, row) in rows.enumerated() {
            let error = ulps(values[i], Double(row[1])!)
            if error > worst.ulps { worst = (error, xs[i]) }
        }
        print("function accuracy: \(name) worst \(worst.ulps) ulp at x = \(worst.x) over \(rows.count) points")
        #expect(worst.ulps <= 1, "\(name): \(worst.ulps) ulp at x = \(worst.x), \(rows.count) points")
    }
}
