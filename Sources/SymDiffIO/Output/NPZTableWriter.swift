// NPZ output: a stored (uncompressed) zip of .npy arrays, as np.savez writes, with CRC-32,
// laid out in advance and filled block by block.
import SymDiff

/// One array of an `.npz` archive, filled row by row from the columns of each block.
public struct NPZEntry: Hashable, Sendable {
    /// The array's name (`np.load(path)[name]`), without `.npy`.
    public var name: String
    /// The shape after the row axis: `[]` for one value per row, `[d]` for a gradient, `[d, d]`
    /// for a Hessian.
    public var rowShape: [Int]
    /// For each element of a row, in C order, the block column it comes from (`nil`: 0).
    public var gather: [Int?]
    /// Whether the elements are `|u1` codes (the columns hold small whole numbers) instead
    /// of `<f8`.
    public var codes: Bool
    /// The column's name in the other formats (`d/dx` for the array `f_x`), listed in the
    /// archive's metadata under `labels`; `nil` when it is the array's name.
    public var label: String?

    /// An array of `rowShape` per row, gathered from the block columns `gather`.
    public init(name: String, rowShape: [Int] = [], gather: [Int?], codes: Bool = false) {
        self.name = name
        self.rowShape = rowShape
        self.gather = gather
        self.codes = codes
    }

    /// The 1-D float64 array of one block column.
    public static func column(_ name: String, _ index: Int) -> NPZEntry { NPZEntry(name: name, gather: [index]) }

    /// The block column whose float64 bytes are this array's bytes as they are (one value per
    /// row, little-endian machine), so they are written without a copy; `nil` when the array's
    /// bytes are gathered.
    var wholeColumn: Int? {
        #if _endian(little)
        return !codes && gather.count == 1 ? gather[0] : nil
        #else
        return nil
        #endif
    }

    var elementBytes: Int { codes ? 1 : 8 }
    var rowBytes: Int { gather.count * elementBytes }
}

/// NPZ: by default one 1-D `<f8` array per column under its name (`np.load(path)["d/dx1"]`),
/// or the arrays of `entries`; then `meta`, a 0-d unicode array holding the metadata as a
/// JSON object (`json.loads(str(npz["meta"]))`; `meta_` when an array takes `meta`); all
/// readable with `allow_pickle=False`.
///
/// The archive's layout is fixed by `begin` (every array's size follows from the row count),
/// so each block is written straight to its place in every array and memory stays at one
/// block, whatever the row count. An output that cannot be written at offsets (a FIFO, a
/// device) is built in a scratch file first and copied. Entries are stored, not compressed,
/// and dated 1980-01-01 so equal tables give equal bytes; archives are limited to 4 GiB and
/// 65535 arrays (no ZIP64), which `begin` checks before any work.
public struct NPZTableWriter: TableWriter {
    private var state: WriterState
    /// The arrays, in archive order before `meta`; `nil` for one per column.
    public var entries: [NPZEntry]?
    private var layout: ZipLayout?
    private var scratch: ScratchFile?

    /// A writer of the `.npz` file `path`.
    public init(path: String) { state = WriterState(path: path) }

    /// A writer to `sink`: written at offsets when it is an `AtomicFile` that allows it,
    /// else through a scratch file.
    public init(sink: any ByteSink) { state = WriterState(sink: sink) }

    public mutating func begin(_ header: TableHeader) throws(OutputError) {
        let entries = entries ?? header.columns.enumerated().map { NPZEntry.column($1, $0) }
        var names = Set<String>()
        for name in entries.map(\.name) where !names.insert(name).inserted {
            throw OutputError(.duplicateColumn(name), path: state.path)
        }
        var fields = header.meta
        let labelled = entries.filter { $0.label != nil && $0.label != $0.name }
        if !labelled.isEmpty { fields["labels"] = labelled.map { "\($0.name)=\($0.label!)" }.joined(separator: ", ") }
        let meta = JSONText.object(fields.sorted { $0.key < $1.key }.map { ($0.key, JSONText.string($0.value)) })
        let layout = try ZipLayout(
            entries: entries, rows: header.rowCount, meta: Self.npy(unicode: meta), metaName: OutputTable.unique("meta", avoiding: names),
            path: state.path)
        try state.begin(header)
        self.entries = entries
        self.layout = layout
        if let file = state.sink as? AtomicFile, file.isSeekable { return }
        do { scratch = try ScratchFile(serving: state.sink!) } catch {
            state.fail()
            throw error
        }
    }

    /// Appends the rows of `block` to every array: each array's CRC-32 (and its bytes, unless
    /// they are a block column's own) is found in parallel, then the bytes are written in place.
    public mutating func append(_ block: [[Double]]) throws(OutputError) {
        let rows = try state.check(block)
        guard var layout, let entries else { return }
        let first = state.rows - rows
        let checksums = layout.checksums
        let pieces = inParallel(entries.count) { e -> (bytes: [UInt8], checksum: UInt32) in
            if let column = entries[e].wholeColumn {
                return ([], block[column].withUnsafeBytes { CRC32.checksum(raw: UnsafeRawBufferPointer(rebasing: $0[..<(8 * rows)]), continuing: checksums[e]) })
            }
            let bytes = Self.rowBytes(entries[e], block, rows: rows)
            return (bytes, CRC32.checksum(bytes, continuing: checksums[e]))
        }
        do {
            for (e, entry) in entries.enumerated() {
                layout.checksums[e] = pieces[e].checksum
                let column = entry.wholeColumn.map { block[$0] }
                let offset = layout.dataOffsets[e] + first * entry.rowBytes
                if let column {
                    try column.withRawBytes { raw throws(OutputError) in try store(UnsafeRawBufferPointer(rebasing: raw[..<(8 * rows)]), at: offset) }
                } else {
                    try pieces[e].bytes.withRawBytes { raw throws(OutputError) in try store(raw, at: offset) }
                }
            }
        } catch {
            state.fail()
            throw error
        }
        self.layout = layout
    }

    public mutating func finish() throws(OutputError) {
        guard let layout, state.sink != nil else { throw OutputError(.writerState("finish was called before begin"), path: state.path) }
        do {
            for (offset, bytes) in layout.fixedParts() {
                try bytes.withRawBytes { raw throws(OutputError) in try store(raw, at: offset) }
            }
            if let scratch, let sink = state.sink { try scratch.copy(0..<layout.totalBytes, to: sink) }
        } catch {
            state.fail()
            throw error
        }
        try state.finish()
    }

    /// Writes `bytes` at `offset` of the archive: in the output file, or the scratch file.
    private func store(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(OutputError) {
        if let scratch { try scratch.write(raw: bytes, at: offset) } else if let file = state.sink as? AtomicFile {
            try file.write(raw: bytes, at: offset)
        }
    }

    /// The bytes of `rows` rows of `entry`, gathered from `block`.
    static func rowBytes(_ entry: NPZEntry, _ block: [[Double]], rows: Int) -> [UInt8] {
        if entry.codes {
            var bytes = [UInt8](repeating: 0, count: rows * entry.gather.count)
            for (k, column) in entry.gather.enumerated() {
                guard let column else { continue }
                for i in 0..<rows { bytes[i * entry.gather.count + k] = UInt8(clamping: Int(block[column][i])) }
            }
            return bytes
        }
        if entry.gather.count == 1, let column = entry.gather[0] {
            var bytes: [UInt8] = []
            bytes.appendLittleEndian(contentsOf: rows == block[column].count ? block[column] : Array(block[column][..<rows]))
            return bytes
        }
        var values = [Double](repeating: 0, count: rows * entry.gather.count)
        for (k, column) in entry.gather.enumerated() {
            guard let column else { continue }
            for i in 0..<rows { values[i * entry.gather.count + k] = block[column][i] }
        }
        var bytes: [UInt8] = []
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

/// Where everything in a stored zip of known entry sizes goes, and the running CRC-32 of
/// each entry: local header, `.npy` header and data for each array, then `meta`, the
/// central directory and the end record.
private struct ZipLayout {
    /// Each array's name in the archive (`NAME.npy`), `.npy` header, and offsets of its
    /// local header and first data byte (after the `.npy` header).
    private var names: [[UInt8]] = []
    private var npyHeaders: [[UInt8]] = []
    private var headerOffsets: [Int] = []
    private(set) var dataOffsets: [Int] = []
    private var sizes: [Int] = []
    /// Each array's CRC-32 so far: its `.npy` header and the rows written.
    var checksums: [UInt32] = []
    private let meta: [UInt8]
    /// The `meta` entry's file name: `meta.npy`, or `meta_.npy` when a variable is named `meta`.
    private let metaFile: [UInt8]
    /// Where the `meta` entry's local header starts.
    private var metaOffset = 0
    /// The size of the whole archive.
    private(set) var totalBytes = 0

    init(entries: [NPZEntry], rows: Int, meta: [UInt8], metaName: String, path: String) throws(OutputError) {
        self.meta = meta
        metaFile = Array((metaName + ".npy").utf8)
        var offset = 0
        for entry in entries {
            let name = Array((entry.name + ".npy").utf8)
            let npy = NPY.header(descr: entry.codes ? "|u1" : "<f8", shape: [rows] + entry.rowShape)
            let (data, overflow) = rows.multipliedReportingOverflow(by: entry.rowBytes)
            guard !overflow else { throw OutputError(.tooLargeForZip(bytes: Int.max), path: path) }
            names.append(name)
            npyHeaders.append(npy)
            headerOffsets.append(offset)
            dataOffsets.append(offset + 30 + name.count + npy.count)
            sizes.append(npy.count + data)
            checksums.append(CRC32.checksum(npy))
            offset += 30 + name.count + npy.count + data
            guard offset <= 0xFFFF_FFFF else { throw OutputError(.tooLargeForZip(bytes: offset), path: path) }
        }
        metaOffset = offset
        offset += 30 + metaFile.count + meta.count
        let directory = names.reduce(46 + metaFile.count) { $0 + 46 + $1.count }
        totalBytes = offset + directory + 22
        guard totalBytes <= 0xFFFF_FFFF else { throw OutputError(.tooLargeForZip(bytes: totalBytes), path: path) }
        guard names.count + 1 <= 0xFFFF else { throw OutputError(.tooManyArrays(count: names.count + 1), path: path) }
    }

    /// Everything but the arrays' rows, by offset, once every row is written (the local
    /// headers carry the CRCs): headers, `meta`, central directory, end record.
    func fixedParts() -> [(Int, [UInt8])] {
        var parts: [(Int, [UInt8])] = []
        var directory: [UInt8] = []
        let all = names.indices.map { (names[$0], checksums[$0], sizes[$0], headerOffsets[$0]) }
            + [(metaFile, CRC32.checksum(meta), meta.count, metaOffset)]
        for (e, (name, crc, size, offset)) in all.enumerated() {
            var local: [UInt8] = []
            local.appendLittleEndian(0x0403_4B50, bytes: 4)
            Self.fields(name: name, crc: crc, size: size, into: &local)
            local += name
            local += e < npyHeaders.count ? npyHeaders[e] : meta
            parts.append((offset, local))
            directory.appendLittleEndian(0x0201_4B50, bytes: 4)
            directory.appendLittleEndian(20, bytes: 2)  // version made by: 2.0, MS-DOS attributes
            Self.fields(name: name, crc: crc, size: size, into: &directory)
            directory.appendLittleEndian(0, bytes: 2 + 2 + 2 + 4)  // comment length, disk, internal and external attributes
            directory.appendLittleEndian(offset, bytes: 4)
            directory += name
        }
        let directoryOffset = metaOffset + 30 + metaFile.count + meta.count
        directory.appendLittleEndian(0x0605_4B50, bytes: 4)
        directory.appendLittleEndian(0, bytes: 4)  // this disk, directory disk
        directory.appendLittleEndian(all.count, bytes: 2)
        directory.appendLittleEndian(all.count, bytes: 2)
        directory.appendLittleEndian(directory.count - 12, bytes: 4)
        directory.appendLittleEndian(directoryOffset, bytes: 4)
        directory.appendLittleEndian(0, bytes: 2)  // comment length
        parts.append((directoryOffset, directory))
        return parts
    }

    /// The fields local headers and directory entries share, from "version needed" to
    /// "extra field length".
    private static func fields(name: [UInt8], crc: UInt32, size: Int, into bytes: inout [UInt8]) {
        bytes.appendLittleEndian(20, bytes: 2)  // version needed: 2.0
        bytes.appendLittleEndian(name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800, bytes: 2)  // bit 11: UTF-8 name
        bytes.appendLittleEndian(0, bytes: 2)  // method: stored
        bytes.appendLittleEndian(0, bytes: 2)  // time 00:00:00
        bytes.appendLittleEndian(0x21, bytes: 2)  // date 1980-01-01
        bytes.appendLittleEndian(Int(crc), bytes: 4)
        bytes.appendLittleEndian(size, bytes: 4)
        bytes.appendLittleEndian(size, bytes: 4)
        bytes.appendLittleEndian(name.count, bytes: 2)
        bytes.appendLittleEndian(0, bytes: 2)
    }
}
