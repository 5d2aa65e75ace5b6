// The CSV points reader: a header row naming the variables, then one point per row.
import SymDiff

extension PointSet {
    /// Reads the points of a CSV file's bytes: the columns named `variables`, in that order.
    ///
    /// The format: `#` comment lines and blank lines may come before the header; the header
    /// names the columns, quoted (`"x1"`) or not, in any order; columns not in `variables` are
    /// ignored, but every row must have as many fields as the header. Fields are separated by
    /// `,`; a quoted field may contain `,` and `""` but not a line break. Lines end in LF or
    /// CRLF; blank lines are skipped; a UTF-8 byte order mark is skipped. Numbers are decimal
    /// (`DecimalNumber`: no `0x10`, `nan` or `inf`), finite, and nonzero unless written as 0;
    /// spaces around them are trimmed. `file` names the file in errors, which carry line and
    /// column.
    public static func csv(
        bytes: [UInt8], file: String, variables: [String], maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        var reader = CSVLines(bytes: bytes)
        var header: [String]?
        var headerFields: [CSVLines.Field] = []
        var headerLine = CSVLines.Line(start: 0, end: 0, number: 1)
        while header == nil, let line = reader.next() {
            guard !line.isBlank(in: bytes), bytes[line.start] != UInt8(ascii: "#") else { continue }
            try line.fields(in: bytes, file: file, into: &headerFields)
            header = headerFields.map { $0.text(in: bytes) }
            headerLine = line
        }
        guard let header else {
            // Where the header should have been: the start of the file.
            let start = FileLocation(file: file, line: 1, column: 1)
            throw PointsError(bytes.allSatisfy(\.isSpace) ? .emptyFile : .noHeader, at: start)
        }
        var indices: [Int] = []
        for name in variables {
            let matches = header.indices.filter { header[$0] == name }
            // A missing column is reported at the start of the header, a duplicate at its second use.
            guard let index = matches.first else {
                throw PointsError(.missingColumn(name, columns: header), at: headerLine.location(of: headerLine.start, in: bytes, file: file))
            }
            if matches.count > 1 {
                throw PointsError(.duplicateColumn(name), at: headerLine.location(of: headerFields[matches[1]].start, in: bytes, file: file))
            }
            indices.append(index)
        }
        var columns = variables.map { _ in [Double]() }
        var count = 0
        var fields: [CSVLines.Field] = []
        while let line = reader.next() {
            if line.isBlank(in: bytes) { continue }
            try line.fields(in: bytes, file: file, into: &fields)
            if fields.count != header.count {
                let at = fields.count > header.count ? fields[header.count].start - 1 : line.end
                throw PointsError(
                    .raggedRow(fields: fields.count, headerFields: header.count),
                    at: line.location(of: at, in: bytes, file: file))
            }
            count += 1
            try checkPointCount(count, limit: maxPoints, location: line.location(of: line.start, in: bytes, file: file))
            for (j, index) in indices.enumerated() {
                let field = fields[index]
                let text = field.text(in: bytes)
                let location = { line.location(of: field.start, in: bytes, file: file) }
                guard !text.isEmpty else { throw PointsError(.emptyValue(column: variables[j]), at: location()) }
                do { columns[j].append(try DecimalNumber.value(of: text)) } catch {
                    switch error {
                    case .notDecimal: throw PointsError(.nonNumeric(text, column: variables[j]), at: location())
                    case .nonFinite: throw PointsError(.nonFiniteValue(text, column: variables[j]), at: location())
                    case .underflow: throw PointsError(.valueTooSmall(text, column: variables[j]), at: location())
                    }
                }
            }
        }
        return PointSet(names: variables, columns: columns, count: count)
    }
}

/// The lines of a CSV file, each as a byte range without its line break.
private struct CSVLines {
    struct Line {
        var start: Int
        var end: Int
        var number: Int

        func isBlank(in bytes: [UInt8]) -> Bool {
            bytes[start..<end].allSatisfy(\.isSpace)
        }

        /// The place of byte `offset` of this line, its column counted in Unicode scalars.
        func location(of offset: Int, in bytes: [UInt8], file: String) -> FileLocation {
            let scalars = bytes[start..<max(start, min(offset, end))].count { $0 & 0xC0 != 0x80 }
            return FileLocation(file: file, line: number, column: scalars + 1)
        }

        /// The comma-separated fields of the line, replacing the contents of `fields`.
        func fields(in bytes: [UInt8], file: String, into fields: inout [Field]) throws(PointsError) {
            fields.removeAll(keepingCapacity: true)
            var i = start
            while true {
                let fieldStart = i
                var j = i
                while j < end, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                var quoted = false
                if j < end, bytes[j] == UInt8(ascii: "\"") {
                    quoted = true
                    j += 1
                    while true {
                        guard j < end else {
                            throw PointsError(.unterminatedQuote, at: location(of: fieldStart, in: bytes, file: file))
                        }
                        if bytes[j] == UInt8(ascii: "\"") {
                            if j + 1 < end, bytes[j + 1] == UInt8(ascii: "\"") { j += 2; continue }
                            break
                        }
                        j += 1
                    }
                }
                while j < end, bytes[j] != UInt8(ascii: ",") { j += 1 }
                fields.append(Field(start: fieldStart, end: j, quoted: quoted))
                guard j < end else { return }
                i = j + 1
            }
        }
    }

    /// One field: its bytes, including quotes and surrounding spaces.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool

        /// The field's text without surrounding spaces; for a quoted field, without its
        /// quotes, with `""` read as `"`.
        func text(in bytes: [UInt8]) -> String {
            var (first, last) = (start, end)
            while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
            let raw = String(decoding: bytes[first..<last], as: UTF8.self)
            guard quoted, let open = raw.firstIndex(of: "\""), let close = raw.lastIndex(of: "\""), open < close else {
                return raw
            }
            return (String(raw[raw.index(after: open)..<close]).replacing("\"\"", with: "\"")
                + String(raw[raw.index(after: close)...])).strippingSpaces
        }
    }

    let bytes: [UInt8]
    var position: Int
    var number = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> Line? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        number += 1
        return Line(start: start, end: end, number: number)
    }
}

extension UInt8 {
    /// A space, tab, carriage return or line feed.
    var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
}
