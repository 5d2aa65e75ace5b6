// The file of --points, standard input for '-': opened once, when the points are needed.
import Foundation
import SymDiff
import SymDiffIO

/// The file of `--points PATH`, `-` for standard input, read once, when the points are first
/// needed; whether it held a `.npy` array is remembered from that reading, since standard
/// input, a pipe (`<(cmd)`, `/dev/stdin`) or a FIFO cannot be opened or read again.
final class PointsFile {
    /// The path as given; `-` is standard input.
    let path: String
    /// Whether the bytes read were a `.npy` array; `nil` until read.
    private var readNPY: Bool?

    init(path: String) { self.path = path }

    /// Whether the points come from standard input.
    var isStandardInput: Bool { path == "-" }

    /// The file as errors and notes name it: the path, or `<stdin>`.
    var name: String { isStandardInput ? "<stdin>" : path }

    /// Whether the points are a `.npy` array, whose columns have no names: as read, or before
    /// they are read, as a regular file starts (standard input, a pipe or a FIFO cannot be
    /// looked at without consuming it: `false`).
    var isNPY: Bool { readNPY ?? (!isStandardInput && PointSet.isNPYFile(atPath: path)) }

    /// The points of `variables`, held whole.
    func points(variables: [String], columns: [String]?, maxPoints: Int) throws(PointsError) -> PointSet {
        switch try read(variables: variables, columns: columns, maxPoints: maxPoints) {
        case .inPieces(let file): return PointSet(names: variables, columns: try file.columns(in: 0..<file.count), count: file.count)
        case .whole(let points): return points
        }
    }

    /// The points of `variables` for an output written as it is computed: a large `.npy` file
    /// is left on disk, checked but read a range of points at a time.
    func chunkedPoints(variables: [String], columns: [String]?, maxPoints: Int) throws(PointsError) -> any ChunkedPoints {
        switch try read(variables: variables, columns: columns, maxPoints: maxPoints) {
        case .inPieces(let file): return file
        case .whole(let points): return points
        }
    }

    /// What reading found: a large regular `.npy` file to read in pieces, or the points of any
    /// other file, or of standard input, read whole (at most `PointSet.maxFileBytes`).
    private enum Contents {
        case inPieces(NPYFilePoints)
        case whole(PointSet)
    }

    private func read(variables: [String], columns: [String]?, maxPoints: Int) throws(PointsError) -> Contents {
        if !isStandardInput, let file = try NPYFilePoints(path: path, variables: variables, columns: columns, maxPoints: maxPoints) {
            readNPY = true
            return .inPieces(file)
        }
        let maxBytes = PointSet.maxFileBytes(maxPoints: maxPoints, columns: columns?.count ?? variables.count)
        let bytes = isStandardInput
            ? try PointSet.bytes(readingFrom: STDIN_FILENO, file: name, maxBytes: maxBytes)
            : try PointSet.bytes(ofFile: path, maxBytes: maxBytes)
        readNPY = PointSet.isNPY(bytes)
        return .whole(try PointSet.read(bytes: bytes, file: name, variables: variables, columns: columns, maxPoints: maxPoints))
    }
}
