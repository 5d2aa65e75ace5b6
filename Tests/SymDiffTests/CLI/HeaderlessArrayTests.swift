// A .npy points array has no column names: its columns follow --columns, else the --wrt order,
// and every output file and the stderr note say which order was used.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

@Suite struct HeaderlessArrayTests {
    /// `Fixtures/points-x1-x2.npy`: rows `(x1, x2)` = `(3, 0)`, `(-2, 0)`, `(1, 0.5)`, saved by
    /// NumPy (`scripts/generate_points_fixture.py`).
    static var fixture: String {
        get throws { try #require(Bundle.module.url(forResource: "points-x1-x2", withExtension: "npy", subdirectory: "Fixtures")).path }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// The variables of the array's columns, as the metadata states them.
        var pointColumns: String
        var origin: String
        /// Whether stderr carries the note that the order was inferred.
        var note: Bool
        /// Values of `sin(x2)*x1^2` computed by hand from the rows as read.
        var values: [String: [Double]]
        var testDescription: String { arguments.isEmpty ? "no --wrt" : arguments.joined(separator: " ") }
    }

    /// The rows read as `(x1, x2)`: f = x1^2 sin(x2), d/dx1 = 2 x1 sin(x2), d/dx2 = x1^2 cos(x2).
    static let asWritten: [String: [Double]] = [
        "x1": [3, -2, 1], "x2": [0, 0, 0.5], "f": [0, 0, 0.479425538604203],
        "d/dx1": [0, 0, 0.958851077208406], "d/dx2": [9, 4, 0.8775825618903728],
    ]
    /// The rows read as `(x2, x1)`.
    static let swapped: [String: [Double]] = [
        "x1": [0, 0, 0.5], "x2": [3, -2, 1], "f": [0, 0, 0.21036774620197413],
        "d/dx1": [0, 0, 0.8414709848078965], "d/dx2": [0, 0, 0.13507557646703494],
    ]

    @Test(arguments: [
        Case(arguments: ["--wrt", "x1,x2"], pointColumns: "x1,x2", origin: "the --wrt order", note: true, values: asWritten),
        Case(arguments: ["--wrt", "x1,x2", "--columns", "x1,x2"], pointColumns: "x1,x2", origin: "--columns", note: false, values: asWritten),
        Case(arguments: ["--wrt", "x1,x2", "--columns", "x2,x1"], pointColumns: "x2,x1", origin: "--columns", note: false, values: swapped),
        Case(arguments: [], pointColumns: "x2,x1", origin: "the order of first appearance in the formula", note: true, values: swapped),
        Case(
            arguments: ["--wrt", "x1"], pointColumns: "x1,x2", origin: "the --wrt order, then the order of first appearance in the formula",
            note: true, values: asWritten.filter { $0.key != "d/dx2" }),
    ], ["csv", "json", "npz"])
    func columnsFollowTheStatedOrder(_ c: Case, _ format: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = try Self.fixture
        let out = directory.file("values.\(format)")
        let result = runSymDiff(["sin(x2)*x1^2", "--points", path, "--out", out] + c.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let note = "note: \(path) has no column names; reading its columns as \(c.pointColumns) (\(c.origin)); name them with --columns\n"
        #expect(result.stderr == (c.note ? note : ""))
        let file = try OutputFile(out)
        #expect(file.meta["point_columns"] == c.pointColumns)
        #expect(file.meta["point_columns_from"] == c.origin)
        for (name, expected) in c.values {
            let values = try #require(file.columns[name], "\(name)")
            // A few ulps: Foundation's JSON parser on Linux does not always read back the nearest double.
            #expect(zip(values, expected).allSatisfy { ulps($0, $1) <= 4 } && values.count == 3, "\(name): \(values)")
        }
    }

    /// A large `.npy` file, read chunk by chunk as the output is written, has its columns in
    /// the same order: `--wrt`'s (here with an unused third variable), not first appearance.
    @Test func streamedFileUsesTheSameOrder() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let names = ["x1", "x2", "x3"]
        directory.write("p.npy", StreamedPointsTests.largeFile(names: names, fortran: false))
        let path = directory.file("p.npy")
        let file = try #require(try NPYFilePoints(path: path, variables: names), "read chunk by chunk")
        let result = runSymDiff(["sin(x2)*x1^2", "--wrt", "x1,x2,x3", "--points", path, "--out", directory.file("v.npy"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("note: \(path) has no column names; reading its columns as x1,x2,x3 (the --wrt order); name them with --columns\n"))
        let written = ["x1", "x2", "x3", "f", "d/dx1", "d/dx2", "d/dx3"]
        let output = try PointSet.read(contentsOf: directory.file("v.npy"), variables: written, columns: written)
        let input = try file.columns(in: 0..<file.count)
        #expect(output.count == file.count && Array(output.columns[0..<3]) == input, "the point columns as in the file")
        for i in stride(from: 0, to: file.count, by: 9973) {
            let (x1, x2) = (input[0][i], input[1][i])
            #expect(ulps(output.columns[3][i], x1 * x1 * sin(x2)) <= 2, "f at row \(i)")
            #expect(ulps(output.columns[5][i], x1 * x1 * cos(x2)) <= 2, "d/dx2 at row \(i)")
            #expect(output.columns[6][i] == 0)
        }
    }
}
