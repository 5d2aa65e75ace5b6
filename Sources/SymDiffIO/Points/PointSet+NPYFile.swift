// A large `.npy` points file read from disk a range of points at a time, with pread.
import Foundation
import SymDiff

/// The points of a large `.npy` file, read from the file a range of points at a time, so that
/// a run over 10^7 points holds only the range it works on.
///
/// Opening the file reads and checks the header, the shape and the size, with the errors and
/// byte offsets of the whole-file reader, so a bad file is reported before any work; values
/// are read when asked for, in pieces of about 1 MiB. The file stays open while the value
/// lives. A read fails with `cannotRead`, or `truncated` when the file has been cut short
/// since it was opened.
public final class NPYFilePoints: ChunkedPoints {
    /// The bytes read at once.
    private static let pieceBytes = 1 << 20

    /// The variables, in column order.
    public let names: [String]
    private let layout: NPYLayout
    private let descriptor: Int32
    private let location: FileLocation

    /// The number of points.
    public var count: Int { layout.count }

    /// Opens the `.npy` file at `path` for the columns of `variables` (the array's columns are
    /// named by `columns`, default `variables`, as in `PointSet.read(contentsOf:)`), or `nil`
    /// when the file is better read whole: smaller than `PointSet.piecewiseReadBytes`, not a
    /// regular file, not a `.npy` file, or with a header longer than one piece. Errors are
    /// those `PointSet.read(contentsOf:)` reports for the same file. A file that is not
    /// regular is not opened: a FIFO or a pipe (`<(cmd)`) can be read only once.
    public convenience init?(
        path: String, variables: [String], columns: [String]? = nil, maxPoints: Int = PointSet.defaultMaxPoints
    ) throws(PointsError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let location = FileLocation(file: path)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PointsError(.cannotRead(reason: String(cString: strerror(errno))), at: location) }
        let layout: NPYLayout?
        do {
            layout = try Self.layout(fd, location: location, variables: variables, columns: columns, maxPoints: maxPoints)
        } catch {
            close(fd)
            throw error
        }
        guard let layout else {
            close(fd)
            return nil
        }
        self.init(descriptor: fd, layout: layout, names: variables, location: location)
    }

    private init(descriptor: Int32, layout: NPYLayout, names: [String], location: FileLocation) {
        (self.descriptor, self.layout, self.names, self.location) = (descriptor, layout, names, location)
    }

    deinit { close(descriptor) }

    /// The values of the points `range`, one array per variable, read piece by piece.
    public func columns(in range: Range<Int>) throws(PointsError) -> [[Double]] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "points \(range) outside 0..<\(count)")
        var columns = [[Double]](repeating: [], count: names.count)
        for k in columns.indices { columns[k].reserveCapacity(range.count) }
        let rowsPerPiece = max(1, Self.pieceBytes / (layout.contiguous ? 8 : max(8, 8 * layout.width)))
        var first = range.lowerBound
        while first < range.upperBound {
            let piece = first..<min(range.upperBound, first + rowsPerPiece)
            let values = try layout.columns(in: piece, bytes: bytes)
            for k in columns.indices { columns[k] += values[k] }
            first = piece.upperBound
        }
        return columns
    }

    /// The layout of the `.npy` file `fd`, or `nil` when it is better read whole.
    private static func layout(
        _ fd: Int32, location: FileLocation, variables: [String], columns: [String]?, maxPoints: Int
    ) throws(PointsError) -> NPYLayout? {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) >= PointSet.piecewiseReadBytes
        else { return nil }
        let prefix = try read(fd, offset: 0, count: pieceBytes, location: location)
        guard prefix.starts(with: NPY.magic) else { return nil }
        let header: NPY.Header
        do {
            header = try NPY.header(of: prefix, at: location)
        } catch {
            if case .truncated = error.problem { return nil }
            throw error
        }
        return try NPYLayout(
            header, byteCount: Int(status.st_size), location: location, variables: variables, columns: columns,
            maxPoints: maxPoints)
    }

    /// The `count` bytes of the file from `offset` on, which the layout has checked to lie in
    /// the file: fewer means it was cut short since.
    private func bytes(_ offset: Int, _ count: Int) throws(PointsError) -> ArraySlice<UInt8> {
        let bytes = try Self.read(descriptor, offset: offset, count: count, location: location)
        guard bytes.count == count else {
            var status = stat()
            let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : offset + bytes.count
            throw PointsError(
                .truncated(expectedBytes: 8 * layout.count * layout.width, foundBytes: max(0, size - layout.dataOffset)),
                at: location.at(byte: size))
        }
        return bytes[...]
    }

    /// `count` bytes of `fd` from `offset` on (fewer only at the end of the file).
    private static func read(_ fd: Int32, offset: Int, count: Int, location: FileLocation) throws(PointsError) -> [UInt8] {
        var piece = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw PointsError(.cannotRead(reason: String(cString: strerror(errno))), at: location) }
            if n == 0 { break }
            filled += n
        }
        piece.removeLast(count - filled)
        return piece
    }
}

extension PointSet {
    /// `.npy` files from this size on are read in pieces instead of whole.
    public static let piecewiseReadBytes = 1 << 24

    /// The points of the `.npy` file at `path` read piece by piece, holding only the named
    /// columns, or `nil` when the file is better read whole (see `NPYFilePoints`).
    static func npyInPieces(
        path: String, variables: [String], columns: [String]?, maxPoints: Int
    ) throws(PointsError) -> PointSet? {
        guard let file = try NPYFilePoints(path: path, variables: variables, columns: columns, maxPoints: maxPoints) else {
            return nil
        }
        return PointSet(names: variables, columns: try file.columns(in: 0..<file.count), count: file.count)
    }
}
