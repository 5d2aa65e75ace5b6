// Reading the entries of a zip archive (an .npz file) through its central directory, and CRC-32.
import CVectorMath
import SymDiff

/// One file in a zip archive, as its central directory describes it.
struct ZipEntry {
    var name: String
    var method: Int
    var flags: Int
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
    /// The offset of the entry's central directory record in the archive.
    var directoryOffset: Int
}

/// The zip reader: the central directory (with ZIP64 sizes and offsets), stored and
/// deflated entries, CRC-checked. Every offset is bounds-checked, so a damaged archive gives
/// `PointsError.notZip` or `.corruptEntry`, never a crash. Errors carry the offset in the
/// archive of the record or field at fault, or the end of the file for what runs past it.
enum ZipArchive {
    /// The entries of the archive `bytes`, which `location` names.
    static func entries(_ bytes: [UInt8], at location: FileLocation) throws(PointsError) -> [ZipEntry] {
        let reader = ByteReader(bytes: bytes, location: location)
        // The record ends the file; without one, the file is cut short or not a zip archive.
        let noEnd = PointsError(.notZip("no end of central directory record"), at: reader.at(bytes.count))
        guard bytes.count >= 22 else { throw noEnd }
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 0xFFFF), by: -1)
            .first(where: { reader.signature(at: $0, 0x0605_4B50) })
        else { throw noEnd }
        var count = try reader.int(at: end + 10, bytes: 2)
        var (offset, pointer) = (try reader.int(at: end + 16, bytes: 4), end + 16)
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, reader.signature(at: end - 20, 0x0706_4B50) {
            let zip64End = try reader.int(at: end - 20 + 8, bytes: 8)
            guard reader.signature(at: zip64End, 0x0606_4B50) else {
                let at = reader.at(zip64End, pointer: end - 20 + 8)
                throw PointsError(.notZip("bad ZIP64 end of central directory record"), at: at)
            }
            count = try reader.int(at: zip64End + 32, bytes: 8)
            (offset, pointer) = (try reader.int(at: zip64End + 48, bytes: 8), zip64End + 48)
        }
        var entries: [ZipEntry] = []
        for _ in 0..<min(count, bytes.count / 46) {
            guard reader.signature(at: offset, 0x0201_4B50) else {
                throw PointsError(.notZip("bad central directory entry"), at: reader.at(offset, pointer: pointer))
            }
            let nameLength = try reader.int(at: offset + 28, bytes: 2)
            let extraLength = try reader.int(at: offset + 30, bytes: 2)
            let commentLength = try reader.int(at: offset + 32, bytes: 2)
            let name = String(decoding: try reader.slice(at: offset + 46, count: nameLength), as: UTF8.self)
            var entry = ZipEntry(
                name: name, method: try reader.int(at: offset + 10, bytes: 2), flags: try reader.int(at: offset + 8, bytes: 2),
                crc: UInt32(try reader.int(at: offset + 16, bytes: 4)),
                compressedSize: try reader.int(at: offset + 20, bytes: 4), size: try reader.int(at: offset + 24, bytes: 4),
                localHeaderOffset: try reader.int(at: offset + 42, bytes: 4), directoryOffset: offset)
            try readZip64(&entry, extra: offset + 46 + nameLength, length: extraLength, reader: reader)
            entries.append(entry)
            // The next record follows this one: no field points at it but its own offset.
            offset += 46 + nameLength + extraLength + commentLength
            pointer = offset
        }
        guard entries.count == count else {
            throw PointsError(.notZip("central directory is truncated"), at: reader.at(offset))
        }
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

    /// The uncompressed, CRC-checked contents of `entry` of the archive `bytes`, which
    /// `location` names.
    static func contents(of entry: ZipEntry, in bytes: [UInt8], at location: FileLocation) throws(PointsError) -> [UInt8] {
        let reader = ByteReader(bytes: bytes, location: location)
        // The general purpose flags and the method are at 8 and 10 in the directory record.
        if entry.flags & 1 != 0 { throw PointsError(.encryptedEntry(entry.name), at: reader.at(entry.directoryOffset + 8)) }
        let header = entry.localHeaderOffset
        guard reader.signature(at: header, 0x0403_4B50) else {
            let at = reader.at(header, pointer: entry.directoryOffset + 42)
            throw PointsError(.notZip("bad local file header for '\(entry.name)'"), at: at)
        }
        let start = header + 30 + (try reader.int(at: header + 26, bytes: 2)) + (try reader.int(at: header + 28, bytes: 2))
        let data = try reader.slice(at: start, count: entry.compressedSize)
        let contents: [UInt8]
        switch entry.method {
        case 0: contents = Array(data)
        case 8:
            do { contents = try Inflater.inflate(Array(data), limit: entry.size) } catch {
                throw PointsError(.corruptEntry(error.detail, entry: entry.name), at: reader.at(start + error.position))
            }
        default:
            throw PointsError(
                .unsupportedCompression(method: entry.method, entry: entry.name), at: reader.at(entry.directoryOffset + 10))
        }
        guard contents.count == entry.size else {
            let detail = "\(contents.count) bytes, the directory says \(entry.size)"
            throw PointsError(.corruptEntry(detail, entry: entry.name), at: reader.at(start))
        }
        guard CRC32.checksum(contents) == entry.crc else {
            throw PointsError(.corruptEntry("CRC-32 mismatch", entry: entry.name), at: reader.at(start))
        }
        return contents
    }
}

/// Bounds-checked little-endian reads from a byte array, with errors at the offset read.
private struct ByteReader {
    let bytes: [UInt8]
    let location: FileLocation

    /// The location of `offset`, or of the end of the file for an offset past it.
    func at(_ offset: Int) -> FileLocation { location.at(byte: min(max(0, offset), bytes.count)) }

    /// The location of a record at `offset`, or of the field at `pointer` that gives that
    /// offset when the record would start past the end of the file.
    func at(_ offset: Int, pointer: Int) -> FileLocation { at(offset < bytes.count ? offset : pointer) }

    func signature(at offset: Int, _ value: Int) -> Bool {
        offset >= 0 && offset <= bytes.count - 4 && (try? int(at: offset, bytes: 4)) == value
    }

    func int(at offset: Int, bytes count: Int) throws(PointsError) -> Int {
        let slice = try slice(at: offset, count: count)
        let value = slice.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value <= UInt64(Int.max) else { throw PointsError(.notZip("size or offset out of range"), at: at(offset)) }
        return Int(value)
    }

    func slice(at offset: Int, count: Int) throws(PointsError) -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw PointsError(.notZip("an offset points past the end of the file"), at: at(offset))
        }
        return bytes[offset..<(offset + count)]
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected), the checksum of zip entries.
///
/// Eight bytes a step by eight tables ("slicing-by-8", Kounavis and Berry, Intel 2005): about
/// four times the speed of the byte-wise loop, which still handles the tail.
enum CRC32 {
    /// `tables[256 * k + n]`: the CRC of byte `n` followed by `k` zero bytes, in one flat
    /// block that lives as long as the process (read without bounds checks).
    nonisolated(unsafe) private static let tables: UnsafePointer<UInt32> = {
        let first: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
            (0..<8).reduce(UInt32(n)) { (c: UInt32, _: Int) -> UInt32 in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
        for n in 0..<256 { tables[n] = first[n] }
        for k in 1..<8 {
            for n in 0..<256 {
                let c = tables[256 * (k - 1) + n]
                tables[256 * k + n] = first[Int(c & 0xFF)] ^ (c >> 8)
            }
        }
        return UnsafePointer(tables)
    }()

    /// The CRC-32 of `bytes`, continuing from `crc` (the CRC of the bytes before them).
    static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32 {
        if let result = bytes.withContiguousStorageIfAvailable({ checksum(buffer: $0, continuing: crc) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { checksum(buffer: $0, continuing: crc) }
    }

    /// The CRC-32 of the bytes at `raw`, continuing from `crc`.
    static func checksum(raw: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        raw.withMemoryRebound(to: UInt8.self) { checksum(buffer: $0, continuing: crc) }
    }

    private static func checksum(buffer: UnsafeBufferPointer<UInt8>, continuing crc: UInt32) -> UInt32 {
        var c = ~crc
        let t = tables
        /// Table `k`'s entry for byte `n`.
        func entry(_ k: Int, _ n: UInt32) -> UInt32 { t[256 * k + Int(n & 0xFF)] }
        guard let base = buffer.baseAddress else { return crc }
        // Carry-less multiplication where the CPU has it (16 bytes a step), the tail by tables.
        var i = symdiff_crc32_fold(&c, base, buffer.count)
        while i + 8 <= buffer.count {
            let one = c ^ UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
            let two = UInt32(littleEndian: UnsafeRawPointer(base + i + 4).loadUnaligned(as: UInt32.self))
            let low = entry(7, one) ^ entry(6, one >> 8) ^ entry(5, one >> 16) ^ entry(4, one >> 24)
            let high = entry(3, two) ^ entry(2, two >> 8) ^ entry(1, two >> 16) ^ entry(0, two >> 24)
            c = low ^ high
            i += 8
        }
        while i < buffer.count {
            c = entry(0, c ^ UInt32(base[i])) ^ (c >> 8)
            i += 1
        }
        return ~c
    }
}
