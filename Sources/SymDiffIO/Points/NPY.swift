// The .npy format (NumPy NEP 1): reading and writing the header, reading float64 data.
import SymDiff

/// The parts of the `.npy` format symdiff reads and writes.
///
/// A file is the magic `\x93NUMPY`, a version byte pair, the header length (2 bytes in
/// version 1.0, 4 in 2.0 and 3.0, little-endian), a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }` padded with spaces and a
/// newline so the data starts at a multiple of 64, then the data.
enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// What a header says.
    struct Header {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
        /// Where the `shape` value is, for errors about the shape.
        var shapeLocation: FileLocation
        /// The offset of the first data byte.
        var dataOffset: Int
    }

    /// The header of the `.npy` file `bytes`, checked to describe data of a type in `descrs`
    /// (float64 unless the caller takes others). Errors carry
    /// the byte offset of the problem: the field or header value at fault, or the end of a
    /// file that is cut short.
    static func header(of bytes: [UInt8], at location: FileLocation, descrs: Set<String> = ["<f8"]) throws(PointsError) -> Header {
        guard bytes.starts(with: magic) else {
            throw PointsError(bytes.isEmpty ? .emptyFile : .notNPY, at: location.at(byte: 0))
        }
        let end = location.at(byte: bytes.count)
        guard bytes.count >= 10 else { throw PointsError(.truncated(expectedBytes: 10, foundBytes: bytes.count), at: end) }
        let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
        guard (1...3).contains(major), minor == 0 else {
            throw PointsError(.unsupportedNPYVersion(major: major, minor: minor), at: location.at(byte: 6))
        }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else {
            throw PointsError(.truncated(expectedBytes: 8 + lengthBytes, foundBytes: bytes.count), at: end)
        }
        let length = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let start = 8 + lengthBytes
        guard bytes.count >= start + length else {
            throw PointsError(.truncated(expectedBytes: start + length, foundBytes: bytes.count), at: end)
        }
        let (scalars, offsets) = try headerScalars(bytes[start..<(start + length)], utf8: major == 3, at: location)
        var parser = NPYLiteralParser(scalars: scalars)
        let fields: [NPYLiteralParser.Field]
        do { fields = try parser.dictionary() } catch {
            throw PointsError(.malformedNPYHeader(error.detail), at: location.at(byte: offsets[error.position]))
        }
        /// The value of `key` and where it is.
        func field(_ key: String) throws(PointsError) -> (value: NPYLiteral, location: FileLocation) {
            guard let field = fields.first(where: { $0.key == key }) else {
                throw PointsError(.malformedNPYHeader("no '\(key)' key"), at: location.at(byte: start))
            }
            return (field.value, location.at(byte: offsets[field.position]))
        }
        let descrField = try field("descr")
        guard case .string(let descr) = descrField.value else {
            throw PointsError(.unsupportedDType("structured"), at: descrField.location)
        }
        guard descrs.contains(descr) else { throw PointsError(.unsupportedDType(descr), at: descrField.location) }
        let orderField = try field("fortran_order")
        guard case .word(let order) = orderField.value, order == "True" || order == "False" else {
            throw PointsError(.malformedNPYHeader("'fortran_order' is not True or False"), at: orderField.location)
        }
        let shapeField = try field("shape")
        guard case .sequence(let dimensions) = shapeField.value else {
            throw PointsError(.malformedNPYHeader("'shape' is not a tuple"), at: shapeField.location)
        }
        var shape: [Int] = []
        for dimension in dimensions {
            guard case .word(let word) = dimension, let n = Int(word), n >= 0 else {
                throw PointsError(.malformedNPYHeader("'shape' holds something other than sizes"), at: shapeField.location)
            }
            shape.append(n)
        }
        return Header(
            descr: descr, fortranOrder: order == "True", shape: shape, shapeLocation: shapeField.location,
            dataOffset: start + length)
    }

    /// The characters of the header dictionary `slice` (Latin-1, or UTF-8 in version 3.0),
    /// and the file offset of each, with one more entry for the end of the header.
    private static func headerScalars(
        _ slice: ArraySlice<UInt8>, utf8: Bool, at location: FileLocation
    ) throws(PointsError) -> (scalars: [Unicode.Scalar], offsets: [Int]) {
        guard utf8 else { return (slice.map { Unicode.Scalar($0) }, Array(slice.indices) + [slice.endIndex]) }
        var (scalars, offsets) = ([Unicode.Scalar](), [Int]())
        var offset = slice.startIndex
        var iterator = slice.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                offsets.append(offset)
                offset += UTF8.width(scalar)
            case .emptyInput: return (scalars, offsets + [offset])
            case .error: throw PointsError(.malformedNPYHeader("not valid UTF-8"), at: location.at(byte: offset))
            }
        }
    }

    /// The `count` little-endian doubles starting `offset` bytes into `bytes`, `stride`
    /// doubles apart, which the caller has checked to lie inside `bytes`.
    static func doubles(_ bytes: ArraySlice<UInt8>, offset: Int, count: Int, stride: Int = 1) -> [Double] {
        precondition(count == 0 || offset >= 0 && offset + 8 * (stride * (count - 1) + 1) <= bytes.count)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * stride * i, as: UInt64.self)))
            }
        }
    }

    /// Checks that the data of `header`, `elements` doubles, fills the rest of a file of
    /// `byteCount` bytes exactly: a short file is reported at its end, extra bytes where they start.
    static func checkDataSize(_ header: Header, elements: Int, byteCount: Int, at location: FileLocation) throws(PointsError) {
        let found = byteCount - header.dataOffset
        let (expected, overflow) = elements.multipliedReportingOverflow(by: 8)
        if overflow || expected > found {
            throw PointsError(
                .truncated(expectedBytes: overflow ? Int.max : expected, foundBytes: found), at: location.at(byte: byteCount))
        }
        if found > expected {
            throw PointsError(.trailingData(bytes: found - expected), at: location.at(byte: header.dataOffset + expected))
        }
    }

    /// A complete header for data of type `descr` and `shape`, C order, padded to 64 bytes:
    /// version 1.0 when the header fits in 65535 bytes, else 2.0.
    static func header(descr: String, shape: [Int]) -> [UInt8] {
        let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dictionary = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(tuple), }".utf8)
        let version: UInt8 = dictionary.count + 1 + 10 + 63 <= 0xFFFF ? 1 : 2
        let prefix = version == 1 ? 10 : 12
        let length = (dictionary.count + 1 + prefix + 63) / 64 * 64 - prefix
        var bytes = magic + [version, 0]
        for i in 0..<(prefix - 8) { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
        bytes += dictionary
        bytes += [UInt8](repeating: 0x20, count: length - dictionary.count - 1) + [0x0A]
        return bytes
    }
}

/// A value of the Python literal subset `.npy` headers use.
enum NPYLiteral {
    case string(String)
    /// A name or number: `True`, `False`, `3`.
    case word(String)
    /// A tuple or list.
    case sequence([NPYLiteral])
}

/// A reader of one Python dict literal, with string keys and `NPYLiteral` values.
struct NPYLiteralParser {
    /// What is wrong, and the index of the scalar where it was found.
    struct Failure: Error {
        var detail: String
        var position: Int
    }

    /// One `key: value` pair, with the index of the value's first scalar.
    struct Field {
        var key: String
        var value: NPYLiteral
        var position: Int
    }

    var scalars: [Unicode.Scalar]
    var position = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    /// The fields of the dictionary, in order; a key given twice is an error (Python would
    /// keep the last value, a reader that takes the first would disagree).
    mutating func dictionary() throws(Failure) -> [Field] {
        try expect("{")
        var fields: [Field] = []
        while peek() != "}" {
            let keyPosition = position
            guard case .string(let key) = try value(depth: 0) else {
                throw Failure(detail: "a key is not a string", position: keyPosition)
            }
            if fields.contains(where: { $0.key == key }) {
                throw Failure(detail: "key '\(key)' is given twice", position: keyPosition)
            }
            try expect(":")
            _ = peek()  // skips the spaces before the value
            let valuePosition = position
            fields.append(Field(key: key, value: try value(depth: 0), position: valuePosition))
            if peek() == "," { position += 1 } else { break }
        }
        try expect("}")
        return fields
    }

    private mutating func value(depth: Int) throws(Failure) -> NPYLiteral {
        guard depth < 32 else { throw Failure(detail: "nested too deeply", position: position) }
        switch peek() {
        case "'", "\"":
            let quote = scalars[position]
            position += 1
            var text = String.UnicodeScalarView()
            while position < scalars.count, scalars[position] != quote {
                if scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
                text.append(scalars[position])
                position += 1
            }
            guard position < scalars.count else { throw Failure(detail: "unterminated string", position: position) }
            position += 1
            return .string(String(text))
        case "(", "[":
            let close: Unicode.Scalar = scalars[position] == "(" ? ")" : "]"
            position += 1
            var items: [NPYLiteral] = []
            while peek() != close {
                items.append(try value(depth: depth + 1))
                if peek() == "," { position += 1 } else { break }
            }
            try expect(close)
            return .sequence(items)
        default:
            var word = String.UnicodeScalarView()
            while position < scalars.count, scalars[position].properties.isAlphabetic || ("0"..."9").contains(scalars[position])
                || scalars[position] == "_" || scalars[position] == "-" {
                word.append(scalars[position])
                position += 1
            }
            guard !word.isEmpty else { throw Failure(detail: "expected a value, found \(found)", position: position) }
            return .word(String(word))
        }
    }

    /// The next scalar that is not a space, or `nil` at the end.
    private mutating func peek() -> Unicode.Scalar? {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(Failure) {
        guard peek() == scalar else { throw Failure(detail: "expected '\(scalar)', found \(found)", position: position) }
        position += 1
    }

    /// The scalar at `position` quoted, or `the end of the header`.
    private var found: String {
        position < scalars.count ? "'\(scalars[position].escaped(asASCII: true))'" : "the end of the header"
    }
}
