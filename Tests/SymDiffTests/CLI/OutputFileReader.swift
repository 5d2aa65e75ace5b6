// Reading symdiff's output files back in tests: columns by name, metadata, and .npz arrays of any dtype.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

/// An output file read back: every 1-D column by name, the metadata, and for `.npz` files
/// every array with its dtype.
struct OutputFile {
    /// The columns: CSV header names, JSON point names and column names (`f`, `d/dx1`, ...),
    /// `.npz` array names and their labels (`f_x1` and `d/dx1`); CSV text columns are left out.
    var columns: [String: [Double]] = [:]
    /// The CSV header in order (empty for other formats).
    var header: [String] = []
    /// The CSV columns that hold text, such as statuses.
    var text: [String: [String]] = [:]
    var meta: [String: String] = [:]
    /// The `.npz` arrays: dtype, shape and data bytes, by name.
    var arrays: [String: (descr: String, shape: [Int], data: [UInt8])] = [:]
    /// The JSON result members other than values (`status`, `bound`), by column name.
    var json: [String: [String: Any]] = [:]

    /// Reads `path`, in the format its extension names.
    init(_ path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch TableFormat(path: path) {
        case .csv?:
            try readCSV(String(decoding: bytes, as: UTF8.self))
            if let sidecar = FileManager.default.contents(atPath: CSVTableWriter.metadataPath(path)) { meta = try Self.meta(sidecar) }
        case .json?: try readJSON(bytes)
        case .npz?: try readNPZ(bytes, path: path)
        default: Issue.record("no reader for \(path)")
        }
    }

    /// The CSV text of the values (standard output's, without metadata).
    init(csv: String) throws { try readCSV(csv) }

    /// The `.npy` file at `path`, whose columns (it has no names) are `names`: its values as
    /// written, NaN and infinities included, which the points reader refuses.
    init(npy path: String, columns names: [String]) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let header = try NPY.header(of: bytes, at: FileLocation(file: path))
        let count = try #require(header.shape.first)
        #expect(header.shape == [count, names.count] && !header.fortranOrder)
        try NPY.checkDataSize(header, elements: count * names.count, byteCount: bytes.count, at: FileLocation(file: path))
        for (j, name) in names.enumerated() {
            columns[name] = NPY.doubles(bytes[...], offset: header.dataOffset + 8 * j, count: count, stride: names.count)
        }
    }

    private mutating func readCSV(_ csv: String) throws {
        var lines = csv.split(separator: "\n")
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (j, name) in header.enumerated() {
            let cells = rows.map { $0[j] }
            let values = cells.compactMap(Double.init)
            if values.count == cells.count { columns[name] = values } else { text[name] = cells }
        }
    }

    private mutating func readJSON(_ bytes: [UInt8]) throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        meta = try #require(document["meta"] as? [String: String])
        for (name, values) in try #require(document["points"] as? [String: [Double]]) { columns[name] = values }
        for result in try #require(document["results"] as? [[String: Any]]) {
            columns["f"] = (result["values"] as? [Any])?.map { ($0 as? Double) ?? .nan }
            json["f"] = result
            for derivative in try #require(result["derivatives"] as? [[String: Any]]) {
                let wrt = try #require(derivative["wrt"] as? [String])
                let name = Partial(variables: wrt, node: NodeID(0)).name
                columns[name] = (derivative["values"] as? [Any])?.map { ($0 as? Double) ?? .nan }
                json[name] = derivative
            }
        }
    }

    private mutating func readNPZ(_ bytes: [UInt8], path: String) throws {
        let location = FileLocation(file: path)
        for entry in try ZipArchive.entries(bytes, at: location) {
            let contents = try ZipArchive.contents(of: entry, in: bytes, at: location)
            let length = Int(contents[8]) | Int(contents[9]) << 8
            let dictionary = String(decoding: contents[10..<(10 + length)], as: UTF8.self)
            let descr = try #require(dictionary.firstMatch(of: /'descr': '([^']*)'/)).1
            let shape = try #require(dictionary.firstMatch(of: /'shape': \(([^)]*)\)/)).1
            let name = String(entry.name.dropLast(4))
            let data = Array(contents[(10 + length)...])
            arrays[name] = (String(descr), shape.split(separator: ",").compactMap { Int(String($0).strippingSpaces) }, data)
            if descr == "<f8" {
                columns[name] = stride(from: 0, to: data.count, by: 8).map { i in
                    Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[i + $1]) << (8 * $1) })
                }
            }
            // The metadata: `meta`, or `meta_` when a variable takes `meta` (a unicode array).
            if name.hasPrefix("meta") && descr.hasPrefix("<U") {
                let scalars = stride(from: 0, to: data.count, by: 4).compactMap { i in
                    Unicode.Scalar((0..<4).reduce(UInt32(0)) { $0 | UInt32(data[i + $1]) << (8 * $1) })
                }
                meta = try Self.meta(Data(String(String.UnicodeScalarView(scalars.filter { $0 != "\0" })).utf8))
            }
        }
        // Each value array also under its name in the other formats (`f_x` as `d/dx`, `f_x_status`
        // as `d/dx:status`), from the metadata's `labels`.
        for pair in (meta["labels"] ?? "").split(separator: ", ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            arrays[parts[1]] = arrays[parts[0]]
            columns[parts[1]] = columns[parts[0]]
        }
    }

    private static func meta(_ data: Data) throws -> [String: String] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }
}
