// Reading a points file: CSV, .npy or .npz, told apart by their first bytes.
import Foundation
import SymDiff

extension PointSet {
    /// Reads the points file at `path` and returns the columns named `variables`, in that order.
    ///
    /// The format is recognized by content, not by name: `\x93NUMPY` starts a `.npy` file,
    /// `PK` a zip (`.npz`) archive, anything else is CSV. `columns` names the columns of a 2-D
    /// `.npy` array (`--columns x,t`); without it the array's columns are `variables` in order.
    /// In every format, the values of the variables must be finite. A file that is not
    /// regular (a FIFO, a pipe: `/dev/stdin`, `<(cmd)`) is opened and read once.
    public static func read(
        contentsOf path: String, variables: [String], columns: [String]? = nil, maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        if let points = try npyInPieces(path: path, variables: variables, columns: columns, maxPoints: maxPoints) {
            return points
        }
        let bytes = try bytes(ofFile: path, maxBytes: maxFileBytes(maxPoints: maxPoints, columns: columns?.count ?? variables.count))
        return try read(bytes: bytes, file: path, variables: variables, columns: columns, maxPoints: maxPoints)
    }

    /// Whether `bytes` are a `.npy` file (they start with `\x93NUMPY`), whose columns have no names.
    public static func isNPY(_ bytes: [UInt8]) -> Bool { bytes.starts(with: NPY.magic) }

    /// Whether the file at `path` is a regular file that starts as a `.npy` file; `false` when
    /// it is not, or cannot be read. Other files are not opened: a FIFO's or a pipe's bytes
    /// would be consumed, or the opening would wait for a writer.
    public static func isNPYFile(atPath path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var prefix = [UInt8](repeating: 0, count: NPY.magic.count)
        let n = prefix.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n == prefix.count && isNPY(prefix)
    }

    /// The bytes of the points file at `path`, opened once and read whole (see
    /// `bytes(readingFrom:file:maxBytes:)`); `cannotRead` with the system's reason when it
    /// cannot be opened.
    public static func bytes(ofFile path: String, maxBytes: Int) throws(PointsError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PointsError(.cannotRead(reason: String(cString: strerror(errno))), at: FileLocation(file: path)) }
        defer { close(fd) }
        return try bytes(readingFrom: fd, file: path, maxBytes: maxBytes)
    }

    /// The bytes read from the open descriptor `descriptor` (a file, a pipe, standard input) to
    /// its end; `file` names it in errors. `cannotRead` with the system's reason (a closed
    /// descriptor: `Bad file descriptor`); also past `maxBytes` (an endless stream) or, before
    /// any format's magic, with a NUL byte in the first chunk read (`/dev/zero`: no points file
    /// starts so).
    public static func bytes(readingFrom descriptor: Int32, file: String, maxBytes: Int) throws(PointsError) -> [UInt8] {
        func failure(_ reason: String) -> PointsError { PointsError(.cannotRead(reason: reason), at: FileLocation(file: file)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw failure(String(cString: strerror(errno))) }
            if n == 0 { return bytes }
            if bytes.isEmpty && chunk[0] != NPY.magic[0] && chunk[0] != UInt8(ascii: "P"), let nul = chunk[..<n].firstIndex(of: 0) {
                throw failure("byte \(nul) is NUL: not CSV text, .npy or .npz")
            }
            bytes += chunk[..<n]
            if bytes.count > maxBytes { throw failure("more than \(maxBytes) bytes, the most --max-points allows") }
        }
    }

    /// The most bytes a points file for `maxPoints` points of `columns` columns is read to: 64
    /// bytes per value and per row, and 1 MiB of headers.
    public static func maxFileBytes(maxPoints: Int, columns: Int) -> Int {
        let (perRow, o1) = (columns + 1).multipliedReportingOverflow(by: 64)
        let (body, o2) = perRow.multipliedReportingOverflow(by: maxPoints)
        return o1 || o2 ? Int.max : body + (1 << 20)
    }

    /// Reads the points in `bytes`, a file's contents; `file` names it in errors, which give
    /// the line and column in a CSV file and the byte offset in a `.npy` or `.npz` file (in
    /// the entry's contents for `archive.npz(x.npy)`), except for a problem with the whole
    /// file or array: a missing column or array, or an entry too large to read.
    public static func read(
        bytes: [UInt8], file: String, variables: [String], columns: [String]? = nil, maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        if bytes.starts(with: NPY.magic) {
            return try npy(bytes: bytes, file: file, variables: variables, columns: columns, maxPoints: maxPoints)
        }
        if bytes.starts(with: Array("PK".utf8)) {
            return try npz(bytes: bytes, file: file, variables: variables, maxPoints: maxPoints)
        }
        return try csv(bytes: bytes, file: file, variables: variables, maxPoints: maxPoints)
    }

    /// Reads a `.npy` file: dtype `<f8`, format version 1.0, 2.0 or 3.0, shape `(N, k)` in C or
    /// Fortran order with its columns named by `columns` (default: `variables`), or `(N,)`
    /// when a single column is named; the columns of `variables` hold no NaN or infinity (the
    /// others are not read). A header key given twice is an error.
    public static func npy(
        bytes: [UInt8], file: String, variables: [String], columns: [String]? = nil, maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        let location = FileLocation(file: file)
        let layout = try NPYLayout(
            NPY.header(of: bytes, at: location), byteCount: bytes.count, location: location, variables: variables,
            columns: columns, maxPoints: maxPoints)
        let data = try layout.columns(in: 0..<layout.count) { offset, count in bytes[offset..<(offset + count)] }
        return PointSet(names: variables, columns: data, count: layout.count)
    }

    /// Reads a `.npz` archive: one 1-D `<f8` array per variable, stored as entry `NAME.npy`,
    /// all of one length, every value finite. Entries may be stored (`np.savez`) or deflated
    /// (`np.savez_compressed`). Two entries for one array name (`x.npy` twice, or `x` and
    /// `x.npy`) are an error, at the second one's directory record: NumPy reads one of them.
    public static func npz(
        bytes: [UInt8], file: String, variables: [String], maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        let location = FileLocation(file: file)
        let entries = try ZipArchive.entries(bytes, at: location)
        let arrays = entries.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
        var firstEntry: [String: Int] = [:]
        for (index, name) in arrays.enumerated() {
            if let first = firstEntry[name] {
                throw PointsError(
                    .duplicateArray(name, entries: [entries[first].name, entries[index].name]),
                    at: location.at(byte: entries[index].directoryOffset))
            }
            firstEntry[name] = index
        }
        var columns: [[Double]] = []
        for name in variables {
            guard let index = firstEntry[name] else {
                throw PointsError(.missingArray(name, arrays: arrays), at: location)
            }
            let entryLocation = FileLocation(file: "\(file)(\(entries[index].name))")
            guard entries[index].size / 8 <= maxPoints + 8192 else {
                throw PointsError(.tooManyPoints(">\(maxPoints)", limit: maxPoints), at: entryLocation)
            }
            let contents = try ZipArchive.contents(of: entries[index], in: bytes, at: location)
            let header = try NPY.header(of: contents, at: entryLocation)
            guard header.shape.count == 1 else {
                throw PointsError(.unsupportedShape(header.shape, expected: "(N,)"), at: header.shapeLocation)
            }
            let n = header.shape[0]
            try checkPointCount(n, limit: maxPoints, location: header.shapeLocation)
            if let first = columns.first, first.count != n {
                throw PointsError(
                    .lengthMismatch(array: name, count: n, expected: first.count, reference: variables[0]),
                    at: header.shapeLocation)
            }
            try NPY.checkDataSize(header, elements: n, byteCount: contents.count, at: entryLocation)
            let values = NPY.doubles(contents[...], offset: header.dataOffset, count: n)
            if let i = values.firstIndex(where: { !$0.isFinite }) {
                throw PointsError(
                    .nonFiniteElement("\(values[i])", column: name, row: i), at: entryLocation.at(byte: header.dataOffset + 8 * i))
            }
            columns.append(values)
        }
        return PointSet(names: variables, columns: columns, count: columns.first?.count ?? 0)
    }
}
