// With --verify every output format carries, per value, its status and its rounding-error bound.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand
@testable import SymDiffVerify

@Suite struct VerifyTraceTests {
    static let arguments = ["abs(x)*sin(y) + 1/(x + 1)", "--wrt", "x,y", "--grid", "x=-1:1:3,y=0.5:1.5:2", "--quiet"]
    static let values = ["f", "d/dx", "d/dy"]

    /// How a format carries the trace of a value column `NAME`.
    enum Carrier: String, Sendable {
        /// CSV: columns `NAME:status` (the status name) and `NAME:bound` after the values.
        case csvColumns
        /// JSON: `"status"` and `"bound"` arrays beside `"values"`.
        case jsonMembers
        /// `.npz`: arrays `PYNAME_status` (uint8 codes) and `PYNAME_bound` (float64), labelled
        /// `NAME:status` and `NAME:bound` in the metadata.
        case npzArrays
        /// `.npy`: columns `NAME:status` (codes as float64) and `NAME:bound` after the values.
        case npyColumns
    }

    /// The status names and bounds of `f`, `d/dx`, `d/dy` in `file`, which carries them as
    /// `carrier` says; `nil` for a column without a trace.
    static func trace(_ file: OutputFile, _ carrier: Carrier) throws -> [String: (status: [String], bound: [Double])?] {
        let codes = PointStatus.namesByCode
        var trace: [String: (status: [String], bound: [Double])?] = [:]
        for name in values {
            switch carrier {
            case .csvColumns:
                trace[name] = file.text["\(name):status"].map { ($0, file.columns["\(name):bound"] ?? []) }
            case .jsonMembers:
                trace[name] = (file.json[name]?["status"] as? [String]).map { status in
                    (status, (file.json[name]?["bound"] as? [Any] ?? []).map { ($0 as? Double) ?? .nan })
                }
            case .npzArrays:
                trace[name] = try file.arrays["\(name):status"].map { array in
                    #expect(array.descr == "|u1" && file.arrays["\(name):bound"]?.descr == "<f8")
                    return (array.data.map { codes[Int($0)] }, try #require(file.columns["\(name):bound"]))
                }
            case .npyColumns:
                trace[name] = file.columns["\(name):status"].map { ($0.map { codes[Int($0)] }, file.columns["\(name):bound"] ?? []) }
            }
        }
        return trace
    }

    /// The trace each format carries is the verification's, column by column: with `--verify`
    /// every value has its status (code or name) and bound, and the metadata their legend;
    /// without it there is none.
    @Test(arguments: [
        ("values.csv", Carrier.csvColumns), ("values.json", .jsonMembers), ("values.npz", .npzArrays),
        ("values.npy", .npyColumns), ("-", .csvColumns),
    ] as [(String, Carrier)], [true, false])
    func everyFormatCarriesTheTrace(_ output: (String, Carrier), _ verify: Bool) throws {
        let (out, carrier) = output
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file(out)
        let result = runSymDiff(Self.arguments + (out == "-" ? ["--format", "csv"] : ["--out", path]) + (verify ? ["--verify"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        let file = try out == "-" ? OutputFile(csv: result.stdout) : out.hasSuffix(".npy") ? Self.npyFile(path, verify: verify) : OutputFile(path)
        let trace = try Self.trace(file, carrier)
        guard verify else {
            #expect(trace.values.allSatisfy { $0 == nil }, "no trace without --verify")
            #expect(file.meta["status_codes"] == nil)
            return
        }
        let options = try Options(parsing: Self.arguments)
        let d = try Derivatives(DerivativeRequest(formulas: options.formulas, variables: options.variables))
        let points = try PointSet.grid(PointSpec.grid("x=-1:1:3,y=0.5:1.5:2", variables: d.pointVariables))
        let verification = try Verification(d, at: points, threads: 1)
        for (name, column) in zip(Self.values, verification.columns) {
            let carried = try #require(trace[name] ?? nil, "\(name)")
            #expect(carried.status == column.status.map(\.rawValue), "\(name)")
            // JSON writes a non-finite bound (at a pole) as null; and Foundation's parser on Linux
            // does not always read back the nearest double, so it is allowed a few ulps.
            let json = carrier == .jsonMembers
            let bound = json ? column.roundingBound.map { $0.isFinite ? $0 : .nan } : column.roundingBound
            #expect(zip(carried.bound, bound).allSatisfy { ulps($0, $1) <= (json ? 4 : 0) }, "\(name): \(carried.bound)")
            #expect(carried.bound.count == points.count)
        }
        #expect(trace["d/dx"]??.status[2] == "nondifferentiable", "x = 0, y = 0.5: the kink of abs")
        // .npy has no room for metadata, nor has CSV on standard output.
        #expect(out == "values.npy" || out == "-" || file.meta["status_codes"] == PointStatus.legend)
    }

    /// The `.npy` output read back by its documented columns: the points, the values, then a
    /// status code and a bound per value.
    static func npyFile(_ path: String, verify: Bool) throws -> OutputFile {
        try OutputFile(npy: path, columns: ["x", "y"] + values + (verify ? values.flatMap { ["\($0):status", "\($0):bound"] } : []))
    }

    /// Codes are fixed and dense, and the README documents each one.
    @Test func statusCodesAreDocumented() throws {
        #expect(PointStatus.allCases.map(\.code).sorted() == Array(0..<PointStatus.allCases.count))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for status in PointStatus.allCases {
            #expect(readme.contains("| \(status.code) | `\(status.rawValue)` |"), "README row for \(status)")
        }
    }
}
