// Reading a large `.npy` points file piece by piece, so that only the named columns are held.
import Foundation

extension PointSet {
    /// `.npy` files from this size on are read in pieces instead of whole.
    static let piecewiseReadBytes = 1 << 24
    /// The bytes read at once.
    private static let pieceBytes = 1 << 20

    /// The points of the `.npy` file at `path` read piece by piece (the header, then each
    /// named column's values), or `nil` when the file is smaller than `piecewiseReadBytes`,
    /// is not a regular `.npy` file, or has a header longer than one piece: then the caller
    /// reads the whole file, and errors are the same either way.
    static func npyInPieces(
        path: String, variables: [String], columns: [String]?, maxPoints: Int
    ) throws(PointsError) -> PointSet? {
        let location = FileLocation(file: path)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PointsError(.cannotRead(reason: String(cString: strerror(errno))), at: location) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) >= piecewiseReadBytes else {
            return nil
        }
        let size = Int(status.st_size)
        let prefix = try readPiece(fd, offset: 0, count: pieceBytes, location: location)
        guard prefix.starts(with: NPY.magic) else { return nil }
        let header: NPY.Header
        do {
            header = try NPY.header(of: prefix, at: location)
        } catch {
            if case .truncated = error.problem { return nil }
            throw error
        }
        return try npyColumns(
            header, byteCount: size, location: location, variables: variables, columns: columns, maxPoints: maxPoints
        ) { (offset, count, stride) throws(PointsError) in
            var values: [Double] = []
            values.reserveCapacity(count)
            let rowsPerPiece = max(1, pieceBytes / (8 * stride))
            var row = 0
            while row < count {
                let rows = min(rowsPerPiece, count - row)
                let piece = try readPiece(fd, offset: offset + 8 * stride * row, count: 8 * (stride * (rows - 1) + 1), location: location)
                values += NPY.doubles(piece, offset: 0, count: rows, stride: stride)
                row += rows
            }
            return values
        }
    }

    /// `count` bytes of `fd` from `offset` on (fewer only at the end of the file).
    private static func readPiece(_ fd: Int32, offset: Int, count: Int, location: FileLocation) throws(PointsError) -> [UInt8] {
        var piece = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw PointsError(.cannotRead(reason: String(cString: strerror(errno))), at: location) }
            if n == 0 { break }
            filled += n
        }
        return Array(piece[..<filled])
    }
}
