// Reading the entries of a zip archive (an .npz file) through its central directory, and CRC-32.

/// One file in a zip archive, as its central directory describes it.
struct ZipEntry {
    var name: String
    var method: Int
    var flags: Int
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
}

/// The zip reader: the central directory (with ZIP64 sizes and offsets), stored and
/// deflated entries, CRC-checked. Every offset is bounds-checked, so a damaged archive gives
/// `PointsError.notZip` or `.corruptEntry`, never a crash.
enum ZipArchive {
    /// The entries of the archive `bytes`.
    static func entries(_ bytes: [UInt8], at location: FileLocation) throws(PointsError) -> [ZipEntry] {
        let reader = ByteReader(bytes: bytes, location: location)
        guard bytes.count >= 22 else { throw PointsError(.notZip("no end of central directory record"), at: location) }
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 0xFFFF), by: -1)
            .first(where: { reader.signature(at: $0, 0x0605_4B50) })
        else { throw PointsError(.notZip("no end of central directory record"), at: location) }
        var count = try reader.int(at: end + 10, bytes: 2)
        var offset = try reader.int(at: end + 16, bytes: 4)
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, reader.signature(at: end - 20, 0x0706_4B50) {
            let zip64End = try reader.int(at: end - 20 + 8, bytes: 8)
            guard reader.signature(at: zip64End, 0x0606_4B50) else {
                throw PointsError(.notZip("bad ZIP64 end of central directory record"), at: location)
            }
            count = try reader.int(at: zip64End + 32, bytes: 8)
            offset = try reader.int(at: zip64End + 48, bytes: 8)
        }
        var entries: [ZipEntry] = []
        for _ in 0..<min(count, bytes.count / 46) {
            guard reader.signature(at: offset, 0x0201_4B50) else {
                throw PointsError(.notZip("bad central directory entry"), at: location)
            }
            let nameLength = try reader.int(at: offset + 28, bytes: 2)
            let extraLength = try reader.int(at: offset + 30, bytes: 2)
            let commentLength = try reader.int(at: offset + 32, bytes: 2)
            let name = String(decoding: try reader.slice(at: offset + 46, count: nameLength), as: UTF8.self)
            var entry = ZipEntry(
                name: name, method: try reader.int(at: offset + 10, bytes: 2), flags: try reader.int(at: offset + 8, bytes: 2),
                crc: UInt32(try reader.int(at: offset + 16, bytes: 4)),
                compressedSize: try reader.int(at: offset + 20, bytes: 4), size: try reader.int(at: offset + 24, bytes: 4),
                localHeaderOffset: try reader.int(at: offset + 42, bytes: 4))
            try readZip64(&entry, extra: offset + 46 + nameLength, length: extraLength, reader: reader)
            entries.append(entry)
            offset += 46 + nameLength + extraLength + commentLength
        }
        guard entries.count == count else { throw PointsError(.notZip("central directory is truncated"), at: location) }
        return entries
    }

    /// The ZIP64 extra field (id 1) holds, in order, those of size, compressed size and
    /// offset whose 32-bit fields are 0xFFFFFFFF.
    private static func readZip64(_ entry: inout ZipEntry, extra: Int, length: Int, reader: ByteReader) throws(PointsError) {
        var position = extra
        while position + 4 <= extra + length {
            let id = try reader.int(at: position, bytes: 2)
            let size = try reader.int(at: position + 2, bytes: 2)
            if id == 1 {
                var field = position + 4
                for keyPath in [\ZipEntry.size, \.compressedSize, \.localHeaderOffset] where entry[keyPath: keyPath] == 0xFFFF_FFFF {
                    entry[keyPath: keyPath] = try reader.int(at: field, bytes: 8)
                    field += 8
                }
            }
            position += 4 + size
        }
    }

    /// The uncompressed, CRC-checked contents of `entry`.
    static func contents(of entry: ZipEntry, in bytes: [UInt8], at location: FileLocation) throws(PointsError) -> [UInt8] {
        let reader = ByteReader(bytes: bytes, location: location)
        if entry.flags & 1 != 0 { throw PointsError(.encryptedEntry, at: location) }
        let header = entry.localHeaderOffset
        guard reader.signature(at: header, 0x0403_4B50) else { throw PointsError(.notZip("bad local file header"), at: location) }
        let start = header + 30 + (try reader.int(at: header + 26, bytes: 2)) + (try reader.int(at: header + 28, bytes: 2))
        let data = try reader.slice(at: start, count: entry.compressedSize)
        let contents: [UInt8]
        switch entry.method {
        case 0: contents = Array(data)
        case 8:
            do { contents = try Inflater.inflate(Array(data), limit: entry.size) } catch {
                throw PointsError(.corruptEntry(error.detail), at: location)
            }
        default: throw PointsError(.unsupportedCompression(method: entry.method), at: location)
        }
        guard contents.count == entry.size else {
            throw PointsError(.corruptEntry("\(contents.count) bytes, the directory says \(entry.size)"), at: location)
        }
        guard CRC32.checksum(contents) == entry.crc else { throw PointsError(.corruptEntry("CRC-32 mismatch"), at: location) }
        return contents
    }
}

/// Bounds-checked little-endian reads from a byte array.
private struct ByteReader {
    let bytes: [UInt8]
    let location: FileLocation

    func signature(at offset: Int, _ value: Int) -> Bool {
        offset >= 0 && offset + 4 <= bytes.count && (try? int(at: offset, bytes: 4)) == value
    }

    func int(at offset: Int, bytes count: Int) throws(PointsError) -> Int {
        let slice = try slice(at: offset, count: count)
        let value = slice.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value <= UInt64(Int.max) else { throw PointsError(.notZip("size or offset out of range"), at: location) }
        return Int(value)
    }

    func slice(at offset: Int, count: Int) throws(PointsError) -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw PointsError(.notZip("an offset points past the end of the file"), at: location)
        }
        return bytes[offset..<(offset + count)]
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected), the checksum of zip entries.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    /// The CRC-32 of `bytes`, continuing from `crc` (the CRC of the bytes before them).
    static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}
