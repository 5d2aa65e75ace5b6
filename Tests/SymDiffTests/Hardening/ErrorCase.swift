// One row of the bad-input table and the checks every row must pass.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

/// A bad input: its category, the arguments, the expected message and where it points.
struct ErrorCase: CustomStringConvertible, Sendable {
    /// Where the error must point.
    enum Place: Sendable {
        /// `--> line:column` and a caret under that column of the quoted formula line.
        case formula(line: Int, column: Int)
        /// `--> file:line:column` (formula files) or `error: file:line:column:` (points files).
        case file(String)
        /// `error: file: byte offset:` (binary points files; `archive.npz(x.npy)` for an entry).
        case binary(String, byte: Int)
        /// A caret under 0-based column `column` of the quoted argument line.
        case argument(column: Int)
    }

    var category: String
    var arguments: [[UInt8]]
    /// The start of the message after `error: `.
    var message: String
    var place: Place

    init(_ category: String, _ arguments: [String], _ message: String, at place: Place) {
        self.init(category, raw: arguments.map { Array($0.utf8) }, message, at: place)
    }

    init(_ category: String, raw arguments: [[UInt8]], _ message: String, at place: Place) {
        self.category = category
        self.arguments = arguments
        self.message = message
        self.place = place
    }

    var description: String {
        "[\(category)] " + arguments.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: " ")
    }

    /// Records an issue for each requirement `run` misses: exit status 2, nothing on stdout,
    /// one `error:` message at the expected place with a caret, and a hint (or a message that
    /// says what to write).
    func check(_ run: BinaryRun) {
        let comment = Comment(rawValue: "\(self)\nstderr:\n\(run.stderr)")
        #expect(run.status == 2, comment)
        #expect(run.stdout.isEmpty, comment)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines.first { $0.hasPrefix("error: ") } ?? ""
        #expect(first.hasPrefix("error: " + message) || first.contains(message), comment)
        #expect(lines.filter { $0.hasPrefix("error: ") || $0.contains(": error: ") }.count == 1, comment)
        let hasHint = lines.contains { $0.hasPrefix("  hint: ") }
        #expect(hasHint || first.contains("did you mean") || first.contains(": write "), comment)
        switch place {
        case .formula(let line, let column):
            let arrow = lines.firstIndex(of: "  --> \(line):\(column)")
            #expect(arrow != nil, comment)
            if let arrow, arrow + 2 < lines.count, lines[arrow + 1].count <= 2 + 100 {
                // The caret sits under the column (two spaces of indent; the quoted line is short).
                #expect(lines[arrow + 2].firstIndex(of: "^").map { lines[arrow + 2].distance(from: lines[arrow + 2].startIndex, to: $0) } == column + 1, comment)
            }
        case .file(let location):
            #expect(run.stderr.contains("--> \(location)\n") || first.hasPrefix("error: \(location):"), comment)
        case .binary(let file, let byte):
            #expect(first.hasPrefix("error: \(file): byte \(byte): "), comment)
        case .argument(let column):
            let caret = lines.first { $0.hasPrefix("  ") && $0.contains("^") && $0.allSatisfy { " ^~".contains($0) } }
            #expect(caret.flatMap { $0.firstIndex(of: "^") }.map { caret!.distance(from: caret!.startIndex, to: $0) } == column + 2, comment)
        }
    }
}

/// Files the table's points and formula cases read, written into a fresh directory.
enum ErrorCaseFiles {
    static let texts: [String: [UInt8]] = [
        "nocol.csv": Array("t,y\n1,2\n".utf8),
        "ragged.csv": Array("x,y\n1,2\n3\n".utf8),
        "nonnumeric.csv": Array("x,y\n1,2\n3,abc\n".utf8),
        "nonfinite.csv": Array("x,y\n1,nan\n".utf8),
        "empty.csv": [],
        "dupcol.csv": Array("x,y,x\n1,2,3\n".utf8),
        "f32.npy": npy(descr: "<f4", shape: "(3, 2)", dataBytes: 24),
        "i8.npy": npy(descr: "<i8", shape: "(3, 2)", dataBytes: 48),
        "short.npy": npy(descr: "<f8", shape: "(3, 2)", dataBytes: 40),
        "long.npy": npy(descr: "<f8", shape: "(3, 2)", dataBytes: 56),
        "v4.npy": [0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0],
        "header.npy": npy(descr: "<f8", shape: "(3, 2", dataBytes: 48),
        "cut.npz": Array(npz(["x": 3, "y": 3]).prefix(100)),
        "crc.npz": npz(["x": 3, "y": 3]).enumerated().map { $0 == 35 + 128 ? ~$1 : $1 },
        "len.npz": npz(["x": 3, "y": 2]),
        "f32.npz": zip([("x.npy", npy(descr: "<f4", shape: "(3,)", dataBytes: 12)), ("y.npy", npy(descr: "<f8", shape: "(3,)", dataBytes: 24))]),
        "hex.csv": Array("x,y\n1,0x10\n".utf8),
        "tiny.csv": Array("x,y\n1e-400,1\n".utf8),
        "nan.npy": npy(descr: "<f8", shape: "(3, 2)", dataBytes: 40) + double(.nan),
        "inf.npz": zip([("x.npy", npy(descr: "<f8", shape: "(3,)", dataBytes: 24)), ("y.npy", npy(descr: "<f8", shape: "(3,)", dataBytes: 16) + double(.infinity))]),
        "twice.npz": zip(["x.npy", "y.npy", "x.npy"].map { ($0, npy(descr: "<f8", shape: "(3,)", dataBytes: 24)) }),
        "key.npy": npy(descr: "<f8", shape: "(3, 2), 'shape': (2, 3)", dataBytes: 48),
        "blank.txt": Array("\n  \n".utf8),
        "line2.txt": Array("u = 1;\n2*sinn(u)\n".utf8),
        "badutf8.txt": Array("x+\n1".utf8) + [0xFF],
        "nul.txt": [0x78, 0x2B, 0x00],
    ]

    /// A `.npy` file (format 1.0) with the given header fields and zero data bytes.
    static func npy(descr: String, shape: String, dataBytes: Int) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let length = UInt16(header.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            + Array(header.utf8) + [UInt8](repeating: 0, count: dataBytes)
    }

    /// The 8 bytes of `x` in a little-endian float64 array.
    static func double(_ x: Double) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: x.bitPattern >> (8 * $0)) } }

    /// An `.npz` archive of float64 zeros, `count` values under each name, in name order.
    static func npz(_ counts: [String: Int]) -> [UInt8] {
        zip(counts.sorted { $0.key < $1.key }.map { ("\($0.key).npy", npy(descr: "<f8", shape: "(\($0.value),)", dataBytes: 8 * $0.value)) })
    }

    /// A zip archive storing `entries` uncompressed, as `np.savez` writes it.
    static func zip(_ entries: [(name: String, contents: [UInt8])]) -> [UInt8] {
        var (archive, directory) = ([UInt8](), [UInt8]())
        for (name, contents) in entries {
            // From the flags to the extra field's length, the same in both headers: stored, undated.
            var common: [UInt8] = []
            for (value, bytes) in [(0, 2), (0, 2), (0, 4), (Int(CRC32.checksum(contents)), 4), (contents.count, 4), (contents.count, 4), (name.utf8.count, 2), (0, 2)] {
                common.appendLittleEndian(value, bytes: bytes)
            }
            directory.appendLittleEndian(0x0201_4B50, bytes: 4)
            directory.appendLittleEndian(20 << 16 | 20, bytes: 4)
            directory += common + [UInt8](repeating: 0, count: 10)
            directory.appendLittleEndian(archive.count, bytes: 4)
            directory += Array(name.utf8)
            archive.appendLittleEndian(0x0403_4B50, bytes: 4)
            archive.appendLittleEndian(20, bytes: 2)
            archive += common + Array(name.utf8) + contents
        }
        var end: [UInt8] = []
        for (value, bytes) in [(0x0605_4B50, 4), (0, 4), (entries.count, 2), (entries.count, 2), (directory.count, 4), (archive.count, 4), (0, 2)] {
            end.appendLittleEndian(value, bytes: bytes)
        }
        return archive + directory + end
    }

    /// A new directory holding every file of `texts`.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in texts { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        return url
    }
}
