// One row of the bad-input table and the checks every row must pass.
import Foundation
import Testing

/// A bad input: its category, the arguments, the expected message and where it points.
struct ErrorCase: CustomStringConvertible, Sendable {
    /// Where the error must point.
    enum Place: Sendable {
        /// `--> line:column` and a caret under that column of the quoted formula line.
        case formula(line: Int, column: Int)
        /// `--> file:line:column` (formula files) or `error: file:line:column:` (points files).
        case file(String)
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

    /// A new directory holding every file of `texts`.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in texts { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        return url
    }
}
