// Fuzz target 4: the points-file readers (CSV, .npy, .npz) on any bytes return points or an error, never crash.
import FuzzSupport
import SymDiff
import SymDiffIO

/// The most points one run may read: enough for every seed, small enough that a header
/// claiming millions of points is an error rather than a slow run.
let maxPoints = 100_000

/// The variable lists each input is read with: one name (the `(N,)` `.npy` shape), two, and
/// two named by `columns` in another order.
let readings: [(variables: [String], columns: [String]?)] = [
    (["x"], nil),
    (["x", "t"], nil),
    (["t", "x"], ["x", "t"]),
]

/// Reads the input as a points file every way in `readings`; what comes back must be
/// consistent: one column per variable, each `count` long, within `maxPoints`. Errors must
/// describe themselves, and a byte offset in the file itself must lie within it (0 to its
/// size: the end of a file cut short).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPoints(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for (variables, columns) in readings {
        do {
            let points = try PointSet.read(bytes: bytes, file: "fuzz", variables: variables, columns: columns, maxPoints: maxPoints)
            precondition(points.names == variables, "names \(points.names) for variables \(variables)")
            precondition(points.columns.count == variables.count && points.count <= maxPoints)
            precondition(points.columns.allSatisfy { $0.count == points.count }, "columns of unequal length")
        } catch {
            precondition(!error.description.isEmpty)
            if let location = error.location, location.file == "fuzz", let byte = location.byte {
                precondition((0...bytes.count).contains(byte), "\(error) in a file of \(bytes.count) bytes")
            }
        }
    }
    return 0
}

#if !SYMDIFF_FUZZING
@main enum FuzzPointsMain {
    static func main() { FuzzInput.runFiles(fuzzPoints) }
}
#endif
