// Files exchanged with NumPy: scripts/check_io.py writes inputs, this test reads them and writes outputs.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

/// The Swift half of `scripts/check_io.py`, which runs this test with `SYMDIFF_IO_DIR` set.
///
/// Without the variable (as in CI) the outputs are written to a temporary directory and
/// removed, so the writers still run; Python is never needed.
@Suite struct IOSampleFilesTests {
    static let directory = ProcessInfo.processInfo.environment["SYMDIFF_IO_DIR"]

    /// The inputs NumPy wrote, where present: the same points `(x, t)` in every format.
    @Test func readsWhatNumPyWrites() throws {
        guard let directory = Self.directory else { return }
        let path = { (name: String) in directory + "/" + name }
        let reference = try PointSet.read(contentsOf: path("in_savez.npz"), variables: ["x", "t"])
        #expect(reference.count == 2_000)
        for name in ["in_compressed.npz", "in_c.npy", "in_f.npy", "in.csv"] {
            let points = try PointSet.read(contentsOf: path(name), variables: ["x", "t"])
            #expect(zip(points.columns, reference.columns).allSatisfy(bitwiseEqual), "\(name)")
        }
        let swapped = try PointSet.read(contentsOf: path("in_c.npy"), variables: ["t"], columns: ["x", "t"])
        #expect(swapped.columns == [reference.columns[1]])
        #expect(throws: PointsError(.unsupportedDType("<f4"), at: FileLocation(file: path("in_f4.npy"), byte: 20))) {
            _ = try PointSet.read(contentsOf: path("in_f4.npy"), variables: ["x", "t"])
        }
    }

    /// Writes `out.{csv,npy,npz,json}` for f = x^2*t at a grid, the same with a verification
    /// trace as `traced.{csv,npy,npz,json}`, and `random.npy`.
    @Test func writesFilesForNumPy() throws {
        let scratch = Self.directory == nil ? ScratchDirectory() : nil
        defer { scratch?.remove() }
        let directory = Self.directory ?? scratch?.path ?? ""
        let points = try PointSet.grid(PointSpec.grid("x=-2:2:5,t=0:1:3", variables: ["x", "t"]))
        let (x, t) = (points.columns[0], points.columns[1])
        let n = points.count
        let f = OutputColumn(name: "f", values: (0..<n).map { x[$0] * x[$0] * t[$0] }, expression: "x^2*t")
        let dx = OutputColumn(name: "d/dx", values: (0..<n).map { 2 * x[$0] * t[$0] }, wrt: ["x"], expression: "2*x*t")
        let dt = OutputColumn(name: "d/dt", values: (0..<n).map { x[$0] * x[$0] }, wrt: ["t"], expression: "x^2")
        let dxx = OutputColumn(name: "d2/dx^2", values: t.map { 2 * $0 }, wrt: ["x", "x"], expression: "2*t")
        let gradient: [Double] = (0..<n).flatMap { [dx.values[$0], dt.values[$0]] }
        let hessian: [Double] = (0..<n).flatMap { [2 * t[$0], 2 * x[$0], 2 * x[$0], 0] as [Double] }
        let table = OutputTable(
            points: points, results: [OutputResult(function: f, derivatives: [dx, dt, dxx])],
            gradient: NDArray(shape: [n, 2], values: gradient), hessian: NDArray(shape: [n, 2, 2], values: hessian),
            meta: ["formula": "x^2*t", "variables": "x,t", "grid": "x=-2:2:5,t=0:1:3", "symdiff": "test"])
        for format in TableFormat.allCases {
            try table.write(to: directory + "/out." + format.rawValue, blockSize: 4)
        }
        // With a verification trace: statuses (d/dx nondifferentiable where x = 0) and bounds of 2^-53 |value|.
        func withTrace(_ column: OutputColumn) -> OutputColumn {
            var column = column
            column.status = x.map { column.name == "d/dx" && $0 == 0 ? 1 : 0 }  // codes of statusCodes below
            column.bound = column.values.map { Swift.abs($0) * 0x1p-53 }
            return column
        }
        var traced = table
        traced.statusCodes = ["ok", "nondifferentiable"]
        traced.results = table.results.map { OutputResult(function: withTrace($0.function), derivatives: $0.derivatives.map(withTrace)) }
        for format in TableFormat.allCases {
            try traced.write(to: directory + "/traced." + format.rawValue, blockSize: 4)
        }
        let random = try PointSet.random(
            count: 100, seed: 2026, ranges: PointSpec.ranges("x=-1:1", variables: ["x", "t"]), variables: ["x", "t"])
        try OutputTable(points: random, results: []).write(to: directory + "/random.npy")
        #expect(Set(["out.csv", "out.npy", "out.npz", "out.json", "traced.npz", "random.npy"]).isSubset(of: try FileManager.default.contentsOfDirectory(atPath: directory)))
    }
}
