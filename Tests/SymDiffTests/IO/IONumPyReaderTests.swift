// The .npy and .npz readers: layouts NumPy writes, inflate, and one specific error per kind of bad file.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IONumPyReaderTests {
    /// A version 1.0 `.npy` file with header dictionary `dictionary` and `data` as float64.
    static func npy(_ dictionary: String, _ data: [Double], version: UInt8 = 1) -> [UInt8] {
        var header = Array(dictionary.utf8)
        let prefix = version == 1 ? 10 : 12
        while (prefix + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        bytes.appendLittleEndian(header.count, bytes: prefix - 8)
        bytes += header
        for x in data { bytes.appendLittleEndian(x) }
        return bytes
    }

    static func dict(_ descr: String = "<f8", fortran: Bool = false, shape: String) -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    }

    static func read(_ bytes: [UInt8], _ variables: [String] = ["x", "t"], columns: [String]? = nil) throws(PointsError) -> PointSet {
        try PointSet.read(bytes: bytes, file: "p.npy", variables: variables, columns: columns)
    }

    /// Files of `piecewiseReadBytes` or more are read in pieces, whole or a range of points at
    /// a time: the same columns as the whole-file reader in both orders with columns out of
    /// order and unused ones, and the same error for a cut-short file.
    @Test func largeFilesReadInPiecesGiveTheSameColumns() throws {
        let rows = PointSet.piecewiseReadBytes / 8 / 3 + 4099
        let values = (0..<(3 * rows)).map { Double($0) * 0.25 - 7 }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for fortran in [false, true] {
            let bytes = Self.npy(Self.dict(fortran: fortran, shape: "(\(rows), 3)"), values)
            #expect(bytes.count >= PointSet.piecewiseReadBytes)
            let path = directory.appendingPathComponent("big.npy").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let names = ["a", "b", "c"]
            let pieces = try #require(try PointSet.npyInPieces(path: path, variables: ["c", "a"], columns: names, maxPoints: rows))
            let whole = try PointSet.read(bytes: bytes, file: path, variables: ["c", "a"], columns: names)
            #expect(pieces.count == rows && pieces.columns == whole.columns)
            #expect(pieces.columns[1][rows - 1] == (fortran ? values[rows - 1] : values[3 * rows - 3]))
            // Ranges that do not fall on piece boundaries, and an empty one.
            let file = try #require(try NPYFilePoints(path: path, variables: ["c", "a"], columns: names))
            #expect(file.count == rows && file.names == ["c", "a"])
            for range in [0..<0, 0..<1, 77..<100_077, (rows - 300_001)..<rows] {
                let same = try file.columns(in: range) == whole.columns(in: range)
                #expect(same, "\(range)")
            }

            let cut = Array(bytes.dropLast(12))
            try Data(cut).write(to: URL(fileURLWithPath: path))
            let piecewiseError = #expect(throws: PointsError.self) { _ = try PointSet.read(contentsOf: path, variables: names) }
            let wholeError = #expect(throws: PointsError.self) { _ = try PointSet.read(bytes: cut, file: path, variables: names) }
            #expect(piecewiseError == wholeError && piecewiseError?.description.contains("truncated") == true)
        }
    }

    /// A NaN in a file read in pieces is found at the value the whole-file reader reports,
    /// when the piece holding it is read: a range before it reads.
    @Test func nonFiniteValuesInLargeFilesAreFoundAsWhole() throws {
        let rows = PointSet.piecewiseReadBytes / 8 / 2 + 1
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var values = [Double](repeating: 0.5, count: 2 * rows)
        values[rows - 5] = .infinity  // x, the fifth row from the end
        values[2 * rows - 9] = .nan  // t, the ninth row from the end: the lower row, though in the later column
        for fortran in [true, false] {
            let bytes = Self.npy(Self.dict(fortran: fortran, shape: "(\(rows), 2)"), fortran ? values : (0..<(2 * rows)).map { values[$0 % 2 * rows + $0 / 2] })
            directory.write("big.npy", bytes)
            let path = directory.file("big.npy")
            let whole = #expect(throws: PointsError.self) { _ = try PointSet.read(bytes: bytes, file: path, variables: ["x", "t"]) }
            let pieces = #expect(throws: PointsError.self) { _ = try PointSet.read(contentsOf: path, variables: ["x", "t"]) }
            let offset = 128 + 8 * (fortran ? 2 * rows - 9 : 2 * (rows - 9) + 1)
            #expect(whole?.description == "\(path): byte \(offset): non-finite value nan in column 't' at row index \(rows - 9)")
            #expect(pieces == whole)
            let file = try #require(try NPYFilePoints(path: path, variables: ["x", "t"]))
            #expect(try file.columns(in: 0..<(rows - 9)).allSatisfy { $0.allSatisfy { $0 == 0.5 } })
            let late = #expect(throws: PointsError.self) { _ = try file.columns(in: (rows - 20)..<rows) }
            #expect(late == whole)
        }
    }

    /// A file cut short after it was opened and checked fails at the next read, with the
    /// message of a file cut short from the start, at its new end.
    @Test func fileCutShortWhileReadIsAnError() throws {
        let rows = PointSet.piecewiseReadBytes / 8 / 2 + 1
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("big.npy")
        let bytes = Self.npy(Self.dict(fortran: true, shape: "(\(rows), 2)"), Array(repeating: 0.5, count: 2 * rows))
        directory.write("big.npy", bytes)
        // A small file is read whole.
        directory.write("small.npy", Self.npy(Self.dict(shape: "(1, 2)"), [1, 2]))
        #expect(try NPYFilePoints(path: directory.file("small.npy"), variables: ["x", "t"]) == nil)
        let file = try #require(try NPYFilePoints(path: path, variables: ["t"], columns: ["x", "t"]))
        #expect(try file.columns(in: 0..<2) == [[0.5, 0.5]])
        let end = bytes.count - 8 * rows
        #expect(truncate(path, off_t(end)) == 0)
        let error = #expect(throws: PointsError.self) { _ = try file.columns(in: 0..<2) }
        #expect(error?.description == "\(path): byte \(end): file is truncated: expected \(16 * rows) bytes of data, found \(8 * rows)")
    }

    @Test func layouts() throws {
        let c = try Self.read(Self.npy(Self.dict(shape: "(3, 2)"), [1, 10, 2, 20, 3, 30]))
        #expect(c.columns == [[1, 2, 3], [10, 20, 30]])
        let f = try Self.read(Self.npy(Self.dict(fortran: true, shape: "(3, 2)"), [1, 2, 3, 10, 20, 30]))
        #expect(f.columns == [[1, 2, 3], [10, 20, 30]])
        let one = try Self.read(Self.npy(Self.dict(shape: "(3,)"), [1, 2, 3]), ["t"])
        #expect(one.columns == [[1, 2, 3]])
        let named = try Self.read(Self.npy(Self.dict(shape: "(2, 3)"), [1, 2, 3, 4, 5, 6]), ["x", "t"], columns: ["t", "y", "x"])
        #expect(named.columns == [[3, 6], [1, 4]])
        let v2 = try Self.read(Self.npy(Self.dict(shape: "(1, 2)"), [5, 6], version: 2))
        #expect(v2.columns == [[5], [6]])
        let empty = try Self.read(Self.npy(Self.dict(shape: "(0, 2)"), []))
        #expect(empty.count == 0 && empty.columns == [[], []])
        // A column no variable uses is not read, so it may hold anything.
        let unused = try Self.read(Self.npy(Self.dict(shape: "(2, 3)"), [1, .nan, 3, 4, .infinity, 6]), ["x", "t"], columns: ["x", "u", "t"])
        #expect(unused.columns == [[1, 4], [3, 6]])
        // Written by NumPy 2.4: np.lib.format.write_array(f, [[1., 2.], [3., 4.]], version=(2, 0)).
        let numpy = try #require(Data(base64Encoded: "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwPwAAAAAAAABAAAAAAAAACEAAAAAAAAAQQA=="))
        #expect(try Self.read([UInt8](numpy)).columns == [[1, 3], [2, 4]])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        /// The byte offset the error points at.
        var byte: Int
        var variables = ["x", "t"]
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "float32", bytes: npy(dict("<f4", shape: "(1, 2)"), []), message: "dtype '<f4': float32 is not supported, save as float64", byte: 20),
        Bad(name: "big-endian", bytes: npy(dict(">f8", shape: "(1, 2)"), []), message: "dtype '>f8': big-endian float64 is not supported, save as little-endian '<f8'", byte: 20),
        Bad(name: "int64", bytes: npy(dict("<i8", shape: "(1, 2)"), []), message: "dtype '<i8' is not supported: only float64 ('<f8') is", byte: 20),
        Bad(name: "structured", bytes: npy("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (1,), }", []), message: "dtype 'structured' is not supported: only float64 ('<f8') is", byte: 20),
        Bad(name: "3-D", bytes: npy(dict(shape: "(1, 2, 1)"), [1, 2]), message: "array has shape (1, 2, 1), expected (N, 2) for columns x, t", byte: 60),
        Bad(name: "1-D for two", bytes: npy(dict(shape: "(2,)"), [1, 2]), message: "array has shape (2,), expected (N, 2) for columns x, t", byte: 60),
        Bad(name: "columns", bytes: npy(dict(shape: "(1, 3)"), [1, 2, 3]), message: "array has 3 columns for 2 variables (x, t)", byte: 60),
        Bad(name: "truncated", bytes: npy(dict(shape: "(2, 2)"), [1, 2, 3]), message: "file is truncated: expected 32 bytes of data, found 24", byte: 152),
        Bad(name: "trailing", bytes: npy(dict(shape: "(1, 2)"), [1, 2, 3]), message: "8 unexpected bytes after the array data", byte: 144),
        Bad(name: "version", bytes: [0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0], message: "unsupported .npy format version 4.0", byte: 6),
        Bad(name: "header cut", bytes: [0x93] + Array("NUMPY".utf8) + [1, 0, 0xFF, 0, 0x7B], message: "file is truncated: expected 265 bytes of data, found 11", byte: 11),
        Bad(name: "no shape", bytes: npy("{'descr': '<f8', 'fortran_order': False}", []), message: "malformed .npy header: no 'shape' key", byte: 10),
        Bad(name: "bad literal", bytes: npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2}", []), message: "malformed .npy header: expected ')', found '}'", byte: 65),
        Bad(name: "negative", bytes: npy(dict(shape: "(-1, 2)"), []), message: "malformed .npy header: 'shape' holds something other than sizes", byte: 60),
        Bad(name: "huge", bytes: npy(dict(shape: "(4611686018427387904, 2)"), []), message: "4611686018427387904 points are more than the limit of 50000000", byte: 60),
        // Python keeps the last of two values of a key; a reader keeping the first would disagree.
        Bad(name: "key twice", bytes: npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), 'shape': (2, 1), }", [1, 2]), message: "malformed .npy header: key 'shape' is given twice", byte: 68),
        // Values must be finite, as in CSV files: the error names the column and the row
        // (counted from 0, as NumPy indexes) and points at the value's 8 bytes.
        Bad(name: "NaN, C order", bytes: npy(dict(shape: "(2, 2)"), [1, 2, 3, .nan]), message: "non-finite value nan in column 't' at row index 1", byte: 152),
        Bad(name: "-inf, Fortran order", bytes: npy(dict(fortran: true, shape: "(2, 2)"), [1, -.infinity, 3, 4]), message: "non-finite value -inf in column 'x' at row index 1", byte: 136),
        Bad(name: "1-D", bytes: npy(dict(shape: "(2,)"), [.infinity, 1]), message: "non-finite value inf in column 'x' at row index 0", byte: 128, variables: ["x"]),
        // The lowest row first, whichever column it is in, in both orders.
        Bad(name: "lowest row, C order", bytes: npy(dict(shape: "(3, 2)"), [1, 2, 3, .nan, .infinity, 6]), message: "non-finite value nan in column 't' at row index 1", byte: 152),
        Bad(name: "lowest row, Fortran order", bytes: npy(dict(fortran: true, shape: "(3, 2)"), [1, 3, .infinity, 2, .nan, 6]), message: "non-finite value nan in column 't' at row index 1", byte: 160),
    ]

    @Test(arguments: bad) func badNPYFilesGetSpecificErrors(_ c: Bad) {
        var caught: PointsError?
        do { _ = try Self.read(c.bytes, c.variables) } catch { caught = error }
        #expect(caught?.message == c.message)
        #expect(caught?.location == FileLocation(file: "p.npy", byte: c.byte))
    }

    @Test func float32HasAHint() {
        var caught: PointsError?
        do { _ = try Self.read(Self.npy(Self.dict("<f4", shape: "(1, 2)"), [])) } catch { caught = error }
        #expect(caught?.hint == "np.save(path, a.astype(np.float64))")
    }

    /// `np.savez_compressed(f, x=[0.5, 1.5, -2.25, 1e-300, 3.0], t=np.linspace(0, 1, 5))` by
    /// NumPy 2.4: deflated entries with ZIP64 local headers.
    static let compressed = [UInt8](Data(base64Encoded: """
        UEsDBC0AAAAIAAAAIQBzoPH6//////////8FABQAeC5ucHkBABAAqAAAAAAAAABcAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQW\
        pAL5GqY6mjoKtQoUAC4GMHhgD6F/QGmmA5GffxySz1vKCOFzOAAAUEsDBC0AAAAIAAAAIQAvO56E//////////8FABQAdC5ucHkBABAAqAAAAAAAAABSAAAAAAAAAJvsF+obEMnIUMZQrZ6S\
        WpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GqY6mjoKtQoUAC4GFHDBHkI/gNIvoPQHewBQSwECLQMtAAAACAAAACEAc6Dx+lwAAACoAAAABQAAAAAAAAAAAAAA\
        gAEAAAAAeC5ucHlQSwECLQMtAAAACAAAACEALzuehFIAAACoAAAABQAAAAAAAAAAAAAAgAGTAAAAdC5ucHlQSwUGAAAAAAIAAgBmAAAAHAEAAAAA
        """) ?? Data())

    @Test func compressedArchivesAreInflated() throws {
        let points = try PointSet.read(bytes: Self.compressed, file: "c.npz", variables: ["t", "x"])
        #expect(points.columns == [[0, 0.25, 0.5, 0.75, 1], [0.5, 1.5, -2.25, 1e-300, 3.0]])
    }

    @Test func inflateDecodesFixedHuffmanBlocks() throws {
        // zlib.compressobj(9, zlib.DEFLATED, -15, strategy=zlib.Z_FIXED) of "hello hello hello world".
        let stream = [UInt8](try #require(Data(base64Encoded: "y0jNyclXyEAiy/OLclIA")))
        #expect(try Inflater.inflate(stream, limit: 100) == Array("hello hello hello world".utf8))
        #expect(throws: Inflater.Failure.self) { _ = try Inflater.inflate(stream, limit: 10) }
    }

    static func archiveError(_ bytes: [UInt8], _ variables: [String] = ["t", "x"]) -> PointsError? {
        do { _ = try PointSet.npz(bytes: bytes, file: "c.npz", variables: variables) } catch { return error }
        return nil
    }

    /// An archive with two entries for one array, which NumPy would resolve by reading one, is
    /// an error at the second entry's directory record; so is a value that is not finite.
    @Test func ambiguousArchivesAndNonFiniteValuesAreErrors() {
        func array(_ values: [Double]) -> [UInt8] { Self.npy(Self.dict(shape: "(\(values.count),)"), values) }
        let (x, t) = (array([1, 2]), array([3, 4]))
        typealias Entries = [(name: String, contents: [UInt8])]
        /// The offset of the directory record of entry `index` of `entries`.
        func directoryOffset(_ entries: Entries, _ index: Int) -> Int {
            entries.reduce(0) { $0 + 30 + $1.name.utf8.count + $1.contents.count } + entries[..<index].reduce(0) { $0 + 46 + $1.name.utf8.count }
        }
        let twice: Entries = [("x.npy", x), ("t.npy", t), ("x.npy", array([5, 6]))]
        #expect(Self.archiveError(ErrorCaseFiles.zip(twice))?.description
            == "c.npz: byte \(directoryOffset(twice, 2)): archive has two entries named 'x.npy'")
        let bare: Entries = [("x", x), ("t.npy", t), ("x.npy", x)]
        #expect(Self.archiveError(ErrorCaseFiles.zip(bare))?.description
            == "c.npz: byte \(directoryOffset(bare, 2)): archive entries 'x' and 'x.npy' both hold array 'x'")
        // Even when the array is not one of the variables.
        #expect(Self.archiveError(ErrorCaseFiles.zip(twice), ["t"]) != nil)
        #expect(Self.archiveError(ErrorCaseFiles.zip([("x.npy", x), ("t.npy", array([3, .nan]))]))?.description
            == "c.npz(t.npy): byte 136: non-finite value nan in column 't' at row index 1")
    }

    @Test func badArchivesGetSpecificErrors() {
        var bytes = Self.compressed
        #expect(Self.archiveError(bytes, ["x", "y"])?.description == "c.npz: archive has no array 'y' (arrays: x, t)")
        bytes[100] ^= 0xFF
        // A CRC-32 mismatch is reported at the start of the entry's data (30 + 5 + 20 bytes of header).
        #expect(Self.archiveError(bytes)?.description == "c.npz: byte 55: corrupt archive entry 'x.npy': CRC-32 mismatch")
        var blockType = Self.compressed
        blockType[55] |= 0b110
        #expect(Self.archiveError(blockType)?.description == "c.npz: byte 55: corrupt archive entry 'x.npy': invalid deflate block type 3")
        #expect(Self.archiveError(Array(Self.compressed.prefix(300)))?.description == "c.npz: byte 300: not a valid .npz (zip) archive: no end of central directory record")
        #expect(Self.archiveError(Array("PK\u{3}\u{4}".utf8))?.description == "c.npz: byte 4: not a valid .npz (zip) archive: no end of central directory record")
        var method = Self.compressed
        method[0x11C + 10] = 12  // the first central directory entry's method: bzip2
        #expect(Self.archiveError(method, ["x"])?.description == "c.npz: byte 294: zip compression method 12 of entry 'x.npy' is not supported")
        var encrypted = Self.compressed
        encrypted[0x11C + 8] |= 1
        #expect(Self.archiveError(encrypted, ["x"])?.description == "c.npz: byte 292: archive entry 'x.npy' is encrypted, which is not supported")
    }

    /// A version 3.0 header is UTF-8; a byte that is not is reported where it is.
    @Test func utf8HeadersAreChecked() throws {
        var bytes = Self.npy(Self.dict(shape: "(1, 2)") + "  ", [1, 2], version: 3)
        bytes[12 + 61] = 0xFF
        var caught: PointsError?
        do { _ = try Self.read(bytes) } catch { caught = error }
        #expect(caught?.description == "p.npy: byte 73: malformed .npy header: not valid UTF-8")
        #expect(try Self.read(Self.npy(Self.dict(shape: "(1, 2)") + "# é", [1, 2], version: 3)).count == 1)
    }

    @Test func mutatedFilesNeverCrash() {
        var generator = SplitMix64(seed: 11)
        let npyFile = Self.npy(Self.dict(shape: "(3, 2)"), [1, 10, 2, 20, 3, 30])
        for original in [Self.compressed, npyFile] {
            for _ in 0..<1_500 {
                var bytes = original
                for _ in 0..<(1 + generator.next() % 4) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                if generator.next() % 4 == 0 { bytes.removeLast(Int(generator.next() % UInt64(bytes.count))) }
                _ = try? PointSet.read(bytes: bytes, file: "m", variables: ["x", "t"])
            }
        }
    }
}
