// Streaming table writers: a header, then blocks of rows, then finish; CSV and NPY never hold the table.
import Foundation
import SymDiff

/// What a table writer needs before the first block: column names, row count and metadata.
public struct TableHeader: Hashable, Sendable {
    /// The column names, in order.
    public var columns: [String]
    /// The number of rows that will be appended (NPY writes it first).
    public var rowCount: Int
    /// Metadata, written where the format has room for it.
    public var meta: [String: String]

    /// A header for `rowCount` rows of `columns`.
    public init(columns: [String], rowCount: Int, meta: [String: String] = [:]) {
        self.columns = columns
        self.rowCount = rowCount
        self.meta = meta
    }
}

/// A writer that takes a table block by block, so large tables need not be held twice.
///
/// Call `begin` once, `append` for each block of rows (one array per column, all of the same
/// length), then `finish`, which makes the file appear atomically. After any error the
/// temporary file is gone and the target untouched; a writer dropped before `finish` leaves
/// nothing either.
public protocol TableWriter {
    /// Starts the file with its header.
    mutating func begin(_ header: TableHeader) throws(OutputError)
    /// Appends rows: `block[j]` holds the values of column `j`.
    mutating func append(_ block: [[Double]]) throws(OutputError)
    /// Ends the file and moves it into place.
    mutating func finish() throws(OutputError)
}

/// Shared bookkeeping: where the bytes go, the header, the rows written so far.
struct WriterState {
    let path: String
    /// Where the bytes go, from `begin` on: an `AtomicFile` at `path`, or the given sink.
    var sink: (any ByteSink)?
    /// A sink given at creation, used by `begin` instead of a new file.
    private let given: (any ByteSink)?
    var header = TableHeader(columns: [], rowCount: 0)
    var rows = 0

    /// State for a writer of the file `path`.
    init(path: String) { (self.path, given) = (path, nil) }

    /// State for a writer to `sink`, such as standard output.
    init(sink: any ByteSink) { (path, given) = (sink.path, sink) }


    /// Opens the output after checking that column names are distinct.
    mutating func begin(_ header: TableHeader) throws(OutputError) {
        guard sink == nil else { throw OutputError(.writerState("begin was already called"), path: path) }
        var seen = Set<String>()
        for name in header.columns where !seen.insert(name).inserted {
            throw OutputError(.duplicateColumn(name), path: path)
        }
        self.header = header
        if let given { sink = given } else { sink = try AtomicFile(path: path) }
    }

    /// Appends `bytes`; a failure abandons the output, so no partial file remains.
    mutating func write(_ bytes: [UInt8]) throws(OutputError) {
        try bytes.withRawBytes { raw throws(OutputError) in try write(raw: raw) }
    }

    /// Appends the bytes at `raw`; a failure abandons the output.
    mutating func write(raw: UnsafeRawBufferPointer) throws(OutputError) {
        guard let sink else { return }
        do { try sink.write(raw: raw) } catch {
            fail()
            throw error
        }
    }

    /// The row count of `block`, after checking the block's shape; on a bad block the
    /// output is discarded.
    mutating func check(_ block: [[Double]]) throws(OutputError) -> Int {
        guard sink != nil else { throw OutputError(.writerState("append was called before begin"), path: path) }
        let rowCount = block.first?.count ?? 0
        var problem: OutputError.Problem?
        if block.count != header.columns.count {
            problem = .blockWidth(columns: block.count, expected: header.columns.count)
        } else if let j = block.firstIndex(where: { $0.count != rowCount }) {
            problem = .columnLength(column: header.columns[j], count: block[j].count, expected: rowCount)
        } else if rows + rowCount > header.rowCount {
            problem = .rowCount(written: rows + rowCount, declared: header.rowCount)
        }
        if let problem {
            fail()
            throw OutputError(problem, path: path)
        }
        rows += rowCount
        return rowCount
    }

    /// Commits the output once all declared rows are written.
    mutating func finish() throws(OutputError) {
        guard let sink else { throw OutputError(.writerState("finish was called before begin"), path: path) }
        guard rows == header.rowCount else {
            fail()
            throw OutputError(.rowCount(written: rows, declared: header.rowCount), path: path)
        }
        self.sink = nil
        try sink.commit()
    }

    /// Abandons the output (a file's temporary is removed).
    mutating func fail() {
        sink?.discard()
        sink = nil
    }
}

/// CSV: a header row, one row per point; numbers in shortest round-trip form, non-finite as
/// `nan`, `inf`, `-inf`. Metadata goes beside a regular file, in `PATH.meta.json` (a JSON
/// object), so that `numpy.genfromtxt(names=True)` and `pandas.read_csv` read the file with
/// their defaults; a CSV written to standard output, a device or a FIFO has none.
///
/// Names with `,`, `"`, a leading `#` or surrounding spaces are quoted. A column of codes
/// (such as statuses) listed in `labels` is written as the names its codes stand for.
public struct CSVTableWriter: TableWriter {
    private var state: WriterState
    /// The columns whose values are codes, by index, with the name of each code: value `k`
    /// of column `j` is written `labels[j][k]`.
    public var labels: [Int: [String]] = [:]

    /// A writer of the CSV file `path`.
    public init(path: String) { state = WriterState(path: path) }

    /// A writer to `sink`, such as standard output.
    public init(sink: any ByteSink) { state = WriterState(sink: sink) }

    public mutating func begin(_ header: TableHeader) throws(OutputError) {
        try state.begin(header)
        try state.write(Array(Self.headerText(header).utf8))
    }

    /// Appends the rows of `block`, formatted in pieces of about 64K values, eight pieces at
    /// once on all cores, and written in order.
    public mutating func append(_ block: [[Double]]) throws(OutputError) {
        let rows = try state.check(block)
        let step = max(1, (1 << 16) / max(1, block.count))
        let labels = self.labels
        for group in stride(from: 0, to: rows, by: 8 * step) {
            let pieces = inParallel((min(rows, group + 8 * step) - group + step - 1) / step) { p in
                let start = group + p * step
                return Self.rows(block, start..<min(rows, start + step), labels: labels)
            }
            for piece in pieces { try state.write(piece) }
        }
    }

    /// The header row.
    public static func headerText(_ header: TableHeader) -> String {
        header.columns.map(Self.quoted).joined(separator: ",") + "\n"
    }

    /// The metadata file beside the CSV file `path`.
    public static func metadataPath(_ path: String) -> String { path + ".meta.json" }

    /// The rows `range` of `block` (one array per column) as CSV lines; the columns of
    /// `labels` hold codes, written as their names.
    public static func rows(_ block: [[Double]], _ range: Range<Int>, labels: [Int: [String]] = [:]) -> [UInt8] {
        var text = TextBytes(capacity: range.count * block.count * 20)
        for i in range {
            for j in block.indices {
                if j > 0 { text.append(UInt8(ascii: ",")) }
                if let names = labels[j] {
                    text.append(contentsOf: names[Int(block[j][i])].utf8)
                } else {
                    text.append(block[j][i])
                }
            }
            text.append(UInt8(ascii: "\n"))
        }
        return text.bytes
    }

    /// Writes the metadata file (for a file with metadata), then moves the CSV file into
    /// place; if that fails, the metadata file goes too.
    public mutating func finish() throws(OutputError) {
        // A device or FIFO (`--out /dev/stdout`) has no room beside it.
        guard let file = state.sink as? AtomicFile, !file.direct, !state.header.meta.isEmpty else { return try state.finish() }
        let pairs = state.header.meta.sorted { $0.key < $1.key }.map { ($0.key, JSONText.string($0.value)) }
        let path = Self.metadataPath(AtomicFile.resolvingLinks(file.path))
        do {
            let file = try AtomicFile(path: path)
            try file.write(Array((JSONText.object(pairs) + "\n").utf8))
            try file.commit()
        } catch {
            state.fail()
            throw error
        }
        do { try state.finish() } catch {
            unlink(path)
            throw error
        }
    }

    /// `name`, quoted when a reader could misread it.
    static func quoted(_ name: String) -> String {
        let plain = !name.isEmpty && !name.contains(",") && !name.contains("\"") && !name.hasPrefix("#")
            && name.strippingSpaces == name && !name.contains("\n") && !name.contains("\r")
        return plain ? name : "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}

/// NPY: one 2-D `<f8` array `(N, columns)` in C order; the header, with N, comes first,
/// then rows are written as blocks arrive. Names and metadata are not stored.
public struct NPYTableWriter: TableWriter {
    private var state: WriterState
    /// The one array to write instead of the table (`--array`): shape `(rows, rowShape...)`,
    /// gathered from the block's columns as in a `.npz`.
    public var array: NPZEntry?
    /// The rows of the last block, interleaved: kept from block to block, so that each block
    /// does not map and fault in a new buffer.
    private var rowMajor: [Double] = []

    /// A writer of the `.npy` file `path`.
    public init(path: String) { state = WriterState(path: path) }

    /// A writer to `sink`.
    public init(sink: any ByteSink) { state = WriterState(sink: sink) }

    public mutating func begin(_ header: TableHeader) throws(OutputError) {
        try state.begin(header)
        if let array {
            try state.write(NPY.header(descr: array.codes ? "|u1" : "<f8", shape: [header.rowCount] + array.rowShape))
        } else {
            try state.write(NPY.header(descr: "<f8", shape: [header.rowCount, header.columns.count]))
        }
    }

    /// Appends the rows of `block`, interleaved into rows and written whole.
    public mutating func append(_ block: [[Double]]) throws(OutputError) {
        let rows = try state.check(block)
        if let array {
            try NPZTableWriter.rowBytes(array, block, rows: rows).withRawBytes { raw throws(OutputError) in try state.write(raw: raw) }
            return
        }
        let width = block.count
        if rowMajor.count < rows * width { rowMajor = [Double](repeating: 0, count: rows * width) }
        rowMajor.withUnsafeMutableBufferPointer { out in
            for (j, column) in block.enumerated() {
                column.withUnsafeBufferPointer { column in
                    for i in 0..<rows { out[i * width + j] = column[i] }
                }
            }
        }
        #if _endian(little)
        try rowMajor.withRawBytes { raw throws(OutputError) in try state.write(raw: UnsafeRawBufferPointer(rebasing: raw[..<(8 * rows * width)])) }
        #else
        var bytes = [UInt8]()
        bytes.appendLittleEndian(contentsOf: Array(rowMajor[..<(rows * width)]))
        try state.write(bytes)
        #endif
    }

    public mutating func finish() throws(OutputError) { try state.finish() }
}

extension [UInt8] {
    /// Appends the 8 bytes of `x`, little-endian.
    mutating func appendLittleEndian(_ x: Double) {
        let bits = x.bitPattern
        for k in 0..<8 { append(UInt8(truncatingIfNeeded: bits >> (8 * k))) }
    }

    /// Appends the 8 bytes of each of `values`, little-endian: one copy on a little-endian machine.
    mutating func appendLittleEndian(contentsOf values: [Double]) {
        #if _endian(little)
        values.withUnsafeBytes { append(contentsOf: $0) }
        #else
        reserveCapacity(count + 8 * values.count)
        for x in values { appendLittleEndian(x) }
        #endif
    }

    /// Appends the low `count` bytes of `x`, little-endian.
    mutating func appendLittleEndian(_ x: Int, bytes count: Int) {
        for k in 0..<count { append(UInt8(truncatingIfNeeded: x >> (8 * k))) }
    }
}
