// The command line with sample points: values, files, and bad points input.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

/// A fresh temporary directory for one test's files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct ValueTests {
    @Test func valuesAtOnePoint() {
        let result = symdiff("x1^2*sin(x2)", "--wrt", "x1,x2", "--at", "x1=1.5,x2=0.7")
        #expect(result.status == 0)
        let (x1, x2) = (1.5, 0.7)
        let row = result.stdout.split(separator: "\n").last!.split(separator: ",").map { Double($0)! }
        #expect(row == [x1, x2, x1 * x1 * sin(x2), 2 * x1 * sin(x2), x1 * x1 * cos(x2)])
    }

    @Test func gridIsInclusiveAndRowMajor() {
        let result = symdiff("x*t", "--grid", "x=0:1:3,t=-1:1:2", "--format", "csv", "--order", "0")
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows == ["0.0,-1.0,-0.0", "0.0,1.0,0.0", "0.5,-1.0,-0.5", "0.5,1.0,0.5", "1.0,-1.0,-1.0", "1.0,1.0,1.0"])
    }

    @Test func randomPointsAreReproducible() {
        let arguments = ["sin(x)*y", "--random", "50", "--seed", "7", "--range", "x=-1:1", "--format", "csv"]
        let first = runSymDiff(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == runSymDiff(arguments).stdout)
        #expect(first.stdout.split(separator: "\n").count == 1 + 50)
        #expect(runSymDiff(arguments.map { $0 == "7" ? "8" : $0 }).stdout != first.stdout)
    }

    /// Every file format written with --out reads back, holds the same values as the CSV on
    /// stdout, and leaves no temporary file.
    @Test(arguments: ["ref.npz", "ref.npy", "ref.csv", "ref.json"])
    func filesAreWrittenWhole(_ name: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        let arguments = ["x1^2*sin(x2)", "--order", "1:2", "--random", "20", "--seed", "0"]
        let result = runSymDiff(arguments + ["--out", path])
        #expect(result.status == 0 && result.stdout == "", "\(result.stderr)")
        // A CSV file's metadata sits beside it.
        let files = name.hasSuffix(".csv") ? [name, name + ".meta.json"] : [name]
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == files)
        let csv = runSymDiff(arguments + ["--format", "csv"]).stdout
        let expected = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        if name.hasSuffix(".npz") || name.hasSuffix(".csv") {
            // The `.npz` name of d2/dx1dx2 is a Python identifier.
            let mixed = name.hasSuffix(".npz") ? "f_x1_x2" : "d2/dx1dx2"
            let points = try PointSet.read(contentsOf: path, variables: ["x1", "x2", mixed])
            #expect(points.columns[2] == expected.map { $0[6] })
        }
        if name.hasSuffix(".npy") {
            let columns = ["x1", "x2", "f", "a", "b", "c", "d", "e"]
            let points = try PointSet.read(contentsOf: path, variables: ["c"], columns: columns)
            #expect(points.columns[0] == expected.map { $0[5] })
        }
    }

    /// A formula without variables still has a row per point (found by a fuzzing run), and a
    /// constant that overflows is +inf, as IEEE arithmetic gives, never the largest double.
    @Test func constantFormulaHasARowPerPoint() {
        let result = symdiff("1e308*2", "--order", "1:3", "--random", "17", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").dropFirst() == Array(repeating: "inf", count: 17)[...])
    }

    /// The same bytes whatever the number of threads.
    @Test func threadsDoNotChangeResults() {
        let arguments = ["sin(x)*exp(-y^2) + cos(x*y)", "--order", "1:2", "--random", "3000", "--format", "csv"]
        let one = runSymDiff(arguments + ["--threads", "1"])
        #expect(one.status == 0)
        #expect(runSymDiff(arguments + ["--threads", "2"]).stdout == one.stdout)
        #expect(runSymDiff(arguments + ["--threads", "7"]).stdout == one.stdout)
    }

    @Test func extendedPrecisionIsAvailable() {
        let result = symdiff("exp(x) - 1", "--at", "x=1e-4", "--precision", "extended", "--order", "0", "--format", "csv")
        #expect(result.stdout.hasSuffix("0.0001,0.00010000500016667084\n"))
    }

    @Test(arguments: [
        (["x*y", "--at", "x=1"], "error: --at gives no value for 'y'"),
        (["x", "--grid", "x=0:1"], "error:"),
        (["x", "--random", "-5"], "error:"),
        (["x", "--format", "npz", "--at", "x=1"], "error: npz is a binary format: it needs --out FILE"),
        (["x", "--format", "csv"], "error: csv output holds values: it needs points"),
        (["x", "--points", "/nonexistent/p.csv"], "error:"),
        (["x", "--precision", "quad"], "error: unknown precision 'quad'"),
        (["x", "--random", "10", "--max-points", "5"], "error:"),
        (["x", "--at", "x=1", "--out", "/nonexistent/dir/ref.csv"], "error:"),
    ])
    func badPointsInput(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test func pointsFileErrorsNameTheFileAndPlace() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.csv").path
        try "x,y\n1,2\n3,abc\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = runSymDiff(["x*y", "--points", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.csv:3:3"), "stderr: \(result.stderr)")
        let missing = runSymDiff(["x*z", "--points", path])
        #expect(missing.stderr.contains("'z'"), "stderr: \(missing.stderr)")
    }
}
