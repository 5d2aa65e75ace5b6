// Values from a large .npy points file streamed to a file: the bytes of the points read whole,
// errors before any output, and no file left by a failure.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

@Suite struct StreamedPointsTests {
    static let formula = "x^2*sin(y)*exp(-x*y) + log(1 + x^2)"

    /// A `.npy` file just over the piecewise-read size, with columns `names` of random values
    /// in C or Fortran order; six columns make 350,525 points, over one chunk of evaluation.
    static func largeFile(names: [String], fortran: Bool) -> [UInt8] {
        let rows = PointSet.piecewiseReadBytes / 8 / names.count + 1000
        var generator = SplitMix64(seed: 3)
        let values = (0..<(rows * names.count)).map { _ in Double(generator.next() >> 11) * 0x1p-51 - 2 }
        return IONumPyReaderTests.npy(IONumPyReaderTests.dict(fortran: fortran, shape: "(\(rows), \(names.count))"), values)
    }

    /// The plan of `arguments` for `points`, as `runSymDiff` makes it.
    static func plan(_ arguments: [String], points: some ChunkedPoints) throws -> ValuePlan {
        let options = try Options(parsing: arguments)
        let d = try Derivatives(DerivativeRequest(formulas: options.formulas, variables: options.variables, orders: options.orders))
        return try ValuePlan(d, inputs: points.names, options: options, source: try #require(options.points))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var columns: [String]
        var fortran: Bool
        var out: String
        var order: String
        var testDescription: String { "\(fortran ? "Fortran" : "C") order, columns \(columns), \(out), order \(order)" }
    }

    /// The output streamed while the file is read chunk by chunk is, byte for byte, the output
    /// of the same points read whole into memory, whatever the order and the columns used.
    @Test(arguments: [
        Case(columns: ["a", "x", "b", "c", "y", "d"], fortran: false, out: "v.npy", order: "1:2"),
        Case(columns: ["y", "b", "c", "d", "g", "x"], fortran: true, out: "v.npy", order: "1"),
        Case(columns: ["y", "a", "x", "b", "c", "d"], fortran: false, out: "v.csv", order: "0"),
    ])
    func streamedOutputIsTheOutputOfThePointsReadWhole(_ c: Case) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let bytes = Self.largeFile(names: c.columns, fortran: c.fortran)
        directory.write("p.npy", bytes)
        let path = directory.file("p.npy")
        #expect(try NPYFilePoints(path: path, variables: ["x", "y"], columns: c.columns) != nil, "read chunk by chunk")
        let arguments = [Self.formula, "--order", c.order, "--points", path, "--columns", c.columns.joined(separator: ","), "--quiet"]
        let result = runSymDiff(arguments + ["--out", directory.file(c.out)])
        #expect(result.status == 0 && result.stdout == "" && result.stderr == "", "\(result.stderr)")

        let points = try PointSet.read(bytes: bytes, file: path, variables: ["x", "y"], columns: c.columns)
        let plan = try Self.plan(arguments, points: points)
        let memoryPath = directory.file("memory-" + c.out)
        if c.out.hasSuffix(".csv") {
            var writer = CSVTableWriter(path: memoryPath)
            try plan.stream(points, into: &writer)
        } else {
            var writer = NPYTableWriter(path: memoryPath)
            try plan.stream(points, into: &writer)
        }
        // Compared outside #expect, which would diff the large arrays on failure.
        let (streamed, fromMemory) = (directory.bytes(c.out), directory.bytes("memory-" + c.out))
        let firstDifference = streamed.indices.first { $0 >= fromMemory.count || streamed[$0] != fromMemory[$0] } ?? streamed.count
        #expect(streamed.count == fromMemory.count && firstDifference == streamed.count, "first difference at byte \(firstDifference)")
        let sidecars = c.out.hasSuffix(".csv") ? ["memory-" + c.out + ".meta.json", c.out + ".meta.json"] : []
        #expect(directory.contents == (["memory-" + c.out, "p.npy", c.out] + sidecars).sorted())
    }

    /// A large file cut short is reported before any output is written, with the message and
    /// byte offset of the whole-file reader, and leaves no file.
    @Test func largeFileCutShortFailsBeforeAnyOutput() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let bytes = Array(Self.largeFile(names: ["x", "a", "y", "b", "c", "d"], fortran: false).dropLast(20))
        directory.write("p.npy", bytes)
        let path = directory.file("p.npy")
        let result = runSymDiff([Self.formula, "--points", path, "--columns", "x,a,y,b,c,d", "--out", directory.file("v.npy")])
        let whole = #expect(throws: PointsError.self) {
            _ = try PointSet.read(bytes: bytes, file: path, variables: ["x", "y"], columns: ["x", "a", "y", "b", "c", "d"])
        }
        #expect(result.status == 2 && result.stdout == "")
        #expect(result.stderr.hasPrefix("error: \(try #require(whole).description)\n  --points \(path)\n"), "\(result.stderr)")
        #expect(result.stderr.contains(": file is truncated: expected "))
        #expect(directory.contents == ["p.npy"])
    }

    /// A file that fails to read in the middle of a streamed output (here: cut short after
    /// the first chunk) ends the stream with that error, and the output file is never created.
    @Test func readFailureMidStreamLeavesNoFile() throws {
        /// The points of a file that is cut to its header once the first chunk is read.
        struct CutAfterFirstChunk: ChunkedPoints {
            let file: NPYFilePoints
            let path: String
            let header: Int
            var names: [String] { file.names }
            var count: Int { file.count }
            func columns(in range: Range<Int>) throws(PointsError) -> [[Double]] {
                if range.lowerBound > 0 { truncate(path, off_t(header)) }
                return try file.columns(in: range)
            }
        }
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let names = ["y", "b", "c", "d", "g", "x"]
        let bytes = Self.largeFile(names: names, fortran: true)
        directory.write("p.npy", bytes)
        let path = directory.file("p.npy")
        let file = try #require(try NPYFilePoints(path: path, variables: ["x", "y"], columns: names))
        let header = bytes.count - 8 * 6 * file.count
        let points = CutAfterFirstChunk(file: file, path: path, header: header)
        let plan = try Self.plan([Self.formula, "--points", path, "--columns", names.joined(separator: ",")], points: points)
        func write() throws {
            var writer = NPYTableWriter(path: directory.file("v.npy"))
            try plan.stream(points, into: &writer)
        }
        let error = #expect(throws: PointsError.self) { try write() }
        #expect(error?.description == "\(path): byte \(header): file is truncated: expected \(bytes.count - header) bytes of data, found 0")
        #expect(directory.contents == ["p.npy"])
        #expect(pointsFileError(try #require(error), path: PointsFile(path: path)).rendered.hasPrefix("error: \(path): byte \(header): "))
    }
}
