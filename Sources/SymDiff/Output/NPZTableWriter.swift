// NPZ output: a stored (uncompressed) zip of .npy arrays, as np.savez writes, with CRC-32.

/// NPZ: one 1-D `<f8` array per column under its name (`np.load(path)["d/dx1"]`), then
/// `arrays` (such as `gradient` and `hessian`), then `codes` as uint8 arrays (such as
/// statuses), then `meta`, a 0-d unicode array holding the metadata as a JSON object
/// (`json.loads(str(npz["meta"]))`); all readable with `allow_pickle=False`.
///
/// Columns are buffered until `finish()`, which writes the archive. Entries are stored, not
/// compressed, and dated 1980-01-01 so equal tables give equal bytes; archives are limited
/// to 4 GiB (no ZIP64).
public struct NPZTableWriter: TableWriter {
    private var state: WriterState
    private var columns: [[Double]] = []
    /// Extra arrays written after the columns, by name.
    public var arrays: [(String, NDArray)] = []
    /// 1-D arrays of small codes written after `arrays`, by name, as `|u1`.
    public var codes: [(String, [UInt8])] = []

    /// A writer of the `.npz` file `path`.
    public init(path: String) { state = WriterState(path: path) }

    public mutating func begin(_ header: TableHeader) throws(OutputError) {
        var names = Set(header.columns)
        for name in arrays.map(\.0) + codes.map(\.0) + ["meta"] where !names.insert(name).inserted {
            throw OutputError(.duplicateColumn(name), path: state.path)
        }
        try state.begin(header)
        columns = header.columns.map { _ in [] }
    }

    public mutating func append(_ block: [[Double]]) throws(OutputError) {
        _ = try state.check(block)
        // A whole column in one block is kept as it is (shared, not copied).
        for (j, values) in block.enumerated() {
            if columns[j].isEmpty { columns[j] = values } else { columns[j] += values }
        }
    }

    public mutating func finish() throws(OutputError) {
        guard let file = state.file else { throw OutputError(.writerState("finish was called before begin"), path: state.path) }
        var archive = ZipWriter(file: file, path: state.path)
        do {
            for (name, values) in zip(state.header.columns, columns) {
                try archive.add(name: name + ".npy", npyShape: [values.count], values: values)
            }
            for (name, array) in arrays {
                try archive.add(name: name + ".npy", npyShape: array.shape, values: array.values)
            }
            for (name, values) in codes {
                try archive.add(name: name + ".npy", contents: NPY.header(descr: "|u1", shape: [values.count]) + values)
            }
            let meta = JSONText.object(state.header.meta.sorted { $0.key < $1.key }.map { ($0.key, JSONText.string($0.value)) })
            try archive.add(name: "meta.npy", contents: Self.npy(unicode: meta))
            try archive.finish()
        } catch {
            state.fail()
            throw error
        }
        columns = []
        try state.finish()
    }

    /// A `.npy` file of float64 `values` of `shape`.
    static func npy(shape: [Int], values: [Double]) -> [UInt8] {
        var bytes = NPY.header(descr: "<f8", shape: shape)
        bytes.appendLittleEndian(contentsOf: values)
        return bytes
    }

    /// A `.npy` file of one 0-d unicode string: dtype `<Un`, UTF-32LE code points.
    static func npy(unicode text: String) -> [UInt8] {
        let scalars = Array(text.unicodeScalars)
        var bytes = NPY.header(descr: "<U\(max(1, scalars.count))", shape: [])
        for scalar in scalars { bytes.appendLittleEndian(Int(scalar.value), bytes: 4) }
        if scalars.isEmpty { bytes += [0, 0, 0, 0] }
        return bytes
    }
}

/// Writes a zip archive of stored entries to an atomic file: local headers and data as
/// entries are added, the central directory and end record at the end.
struct ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: Int
        var offset: Int
    }

    private let file: AtomicFile
    private let path: String
    private var entries: [Entry] = []
    private var offset = 0

    init(file: AtomicFile, path: String) {
        self.file = file
        self.path = path
    }

    /// Adds a stored entry.
    mutating func add(name: String, contents: [UInt8]) throws(OutputError) {
        var failure: OutputError?
        contents.withUnsafeBytes { bytes in
            do throws(OutputError) { try add(name: name, parts: [bytes]) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Adds a stored `.npy` entry of float64 `values` of `shape`, written from the values'
    /// own bytes (on a little-endian machine) without building the entry first.
    mutating func add(name: String, npyShape shape: [Int], values: [Double]) throws(OutputError) {
        #if _endian(little)
        let header = NPY.header(descr: "<f8", shape: shape)
        var failure: OutputError?
        header.withUnsafeBytes { head in
            values.withUnsafeBytes { body in
                do throws(OutputError) { try add(name: name, parts: [head, body]) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        #else
        try add(name: name, contents: NPZTableWriter.npy(shape: shape, values: values))
        #endif
    }

    /// Adds a stored entry whose contents are `parts` in order.
    private mutating func add(name: String, parts: [UnsafeRawBufferPointer]) throws(OutputError) {
        let size = parts.reduce(0) { $0 + $1.count }
        let crc = parts.reduce(UInt32(0)) { CRC32.checksum($1, continuing: $0) }
        let entry = Entry(name: Array(name.utf8), crc: crc, size: size, offset: offset)
        var header: [UInt8] = []
        header.appendLittleEndian(0x0403_4B50, bytes: 4)
        fields(of: entry, into: &header)
        header += entry.name
        try checkSize(offset + header.count + size)
        try file.write(header)
        for part in parts { try file.write(raw: part) }
        offset += header.count + size
        entries.append(entry)
    }

    /// Writes the central directory and the end record.
    mutating func finish() throws(OutputError) {
        var directory: [UInt8] = []
        for entry in entries {
            directory.appendLittleEndian(0x0201_4B50, bytes: 4)
            directory.appendLittleEndian(20, bytes: 2)  // version made by: 2.0, MS-DOS attributes
            fields(of: entry, into: &directory)
            directory.appendLittleEndian(0, bytes: 2 + 2 + 2 + 4)  // comment length, disk, internal and external attributes
            directory.appendLittleEndian(entry.offset, bytes: 4)
            directory += entry.name
        }
        try checkSize(offset + directory.count)
        var end: [UInt8] = []
        end.appendLittleEndian(0x0605_4B50, bytes: 4)
        end.appendLittleEndian(0, bytes: 4)  // this disk, directory disk
        end.appendLittleEndian(entries.count, bytes: 2)
        end.appendLittleEndian(entries.count, bytes: 2)
        end.appendLittleEndian(directory.count, bytes: 4)
        end.appendLittleEndian(offset, bytes: 4)
        end.appendLittleEndian(0, bytes: 2)  // comment length
        guard entries.count <= 0xFFFF else { throw OutputError(.tooLargeForZip(bytes: offset), path: path) }
        try file.write(directory + end)
    }

    /// The fields local headers and directory entries share, from "version needed" to
    /// "extra field length".
    private func fields(of entry: Entry, into bytes: inout [UInt8]) {
        bytes.appendLittleEndian(20, bytes: 2)  // version needed: 2.0
        bytes.appendLittleEndian(entry.name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800, bytes: 2)  // bit 11: UTF-8 name
        bytes.appendLittleEndian(0, bytes: 2)  // method: stored
        bytes.appendLittleEndian(0, bytes: 2)  // time 00:00:00
        bytes.appendLittleEndian(0x21, bytes: 2)  // date 1980-01-01
        bytes.appendLittleEndian(Int(entry.crc), bytes: 4)
        bytes.appendLittleEndian(entry.size, bytes: 4)
        bytes.appendLittleEndian(entry.size, bytes: 4)
        bytes.appendLittleEndian(entry.name.count, bytes: 2)
        bytes.appendLittleEndian(0, bytes: 2)
    }

    private func checkSize(_ bytes: Int) throws(OutputError) {
        if bytes > 0xFFFF_FFFF { throw OutputError(.tooLargeForZip(bytes: bytes), path: path) }
    }
}
