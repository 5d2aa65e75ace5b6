// Output writers: exact CSV and JSON text, round trips through every reader, atomic writes.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IOWriterTests {
    /// Values chosen to stress round-tripping: subnormals, -0, the largest double, 0.1.
    static let x1: [Double] = [0.1, -0.0, .leastNonzeroMagnitude, 1.2345678901234567e150, -2.5, 1 / 3]
    static let x2: [Double] = [1e-17, 123456789.125, -1e22, 2, .pi, 0.7]

    static func table(_ values: [Double] = x1) -> OutputTable {
        let points = PointSet(names: ["x1", "x2"], columns: [values, x2])
        let f = OutputColumn(name: "f", values: zip(values, x2).map { $0 * $0 * sin($1) }, expression: "x1^2*sin(x2)")
        let d1 = OutputColumn(name: "d/dx1", values: zip(values, x2).map { 2 * $0 * sin($1) }, wrt: ["x1"], expression: "2*x1*sin(x2)")
        let d2 = OutputColumn(name: "d2/dx1^2", values: x2.map { 2 * sin($0) }, wrt: ["x1", "x1"], expression: "2*sin(x2)")
        return OutputTable(
            points: points, results: [OutputResult(function: f, derivatives: [d1, d2])],
            meta: ["formula": "x1^2*sin(x2)", "variables": "x1,x2", "order": "2"])
    }

    @Test(arguments: [TableFormat.csv, .npy, .npz], [1, 4, 1 << 16])
    func everyWriterRoundTripsBitExact(_ format: TableFormat, blockSize: Int) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let table = Self.table()
        let path = directory.file("ref.\(format.rawValue)")
        try table.write(to: path, blockSize: blockSize)
        let names = table.columns.map(\.name)
        // `.npz` holds the values under Python identifiers.
        let arrays = format == .npz ? ["x1", "x2", "f", "f_x1", "f_x1_x1"] : names
        let back = try PointSet.read(contentsOf: path, variables: arrays, columns: format == .npy ? names : nil)
        for (column, values) in zip(table.columns, back.columns) {
            #expect(bitwiseEqual(column.values, values), "\(column.name)")
        }
        #expect(directory.contents == ["ref.\(format.rawValue)"] + (format == .csv ? ["ref.csv.meta.json"] : []))
    }

    /// The writers' number formatting is `description`'s, byte for byte: NaNs of either sign
    /// and payload, zeros, infinities, subnormals, powers of ten at the switch to exponents,
    /// and 200,000 random bit patterns and unit-interval values.
    @Test func numbersAreFormattedAsDescription() {
        var random = SplitMix64(seed: 16)
        let special: [Double] = [
            .nan, -.nan, .signalingNaN, Double(bitPattern: 0xFFF0_0000_0000_0001), 0, -0.0, .infinity, -.infinity,
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 1e-5, 1e-4, 1e15, 1e16, 1e17, 0.1, 1 / 3,
        ]
        let values = special + (0..<100_000).map { _ in Double(bitPattern: random.next()) } + (0..<100_000).map { _ in random.nextUnit() }
        var text = TextBytes(capacity: 0)
        var mismatches: [String] = []
        for x in values {
            text.bytes.removeAll(keepingCapacity: true)
            text.append(x)
            let formatted = String(decoding: text.bytes, as: UTF8.self)
            if formatted != x.description { mismatches.append("\(x.bitPattern): \(formatted) vs \(x.description)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func csvText() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let points = PointSet(names: ["x", "a,b"], columns: [[1, -0.0, 1e-7], [-Double.nan, .infinity, -.infinity]])
        let table = OutputTable(
            points: points, results: [], meta: ["formula": "x\n\"y\"", "b": "1"])
        try table.write(to: directory.file("t.csv"))
        #expect(String(decoding: directory.bytes("t.csv.meta.json"), as: UTF8.self) == """
            {"b": "1", "formula": "x\\n\\"y\\""}

            """)
        #expect(String(decoding: directory.bytes("t.csv"), as: UTF8.self) == """
            x,"a,b"
            1.0,nan
            -0.0,inf
            1e-07,-inf

            """)
    }

    @Test func jsonTextAndPieces() throws {
        let points = PointSet(names: ["x"], columns: [[0.5, 2]])
        let f = OutputColumn(name: "f", values: [.nan, 4], expression: "x^2")
        let d = OutputColumn(name: "d/dx", values: [1, .infinity], wrt: ["x"], expression: "2*x")
        let table = OutputTable(points: points, results: [OutputResult(function: f, derivatives: [d])], meta: ["order": "1"])
        #expect(table.jsonDocument() == """
            {"meta": {"order": "1"},
             "points": {"x": [0.5, 2.0]},
             "results": [{"function": "x^2", "values": [null, 4.0], "derivatives": [{"wrt": ["x"], "expression": "2*x", "values": [1.0, null]}]}]}

            """)
        #expect(JSONText.numbers([.leastNonzeroMagnitude, -0.0, 1e22]) == "[5e-324, -0.0, 1e+22]")
        #expect(JSONText.string("a\u{1}\"") == "\"a\\u0001\\\"\"")
        let data = Data(table.jsonDocument().utf8)
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    }

    @Test func npzHoldsArraysAndMeta() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var table = Self.table()
        table.gradient = NDArray(shape: [6, 2], values: (0..<12).map(Double.init))
        table.hessian = NDArray(shape: [6, 2, 2], values: (0..<24).map(Double.init))
        try table.write(to: directory.file("ref.npz"))
        let names = ["x1", "x2", "f", "f_x1", "f_x1_x1", "gradient", "hessian", "meta"]
        let entries = try ZipArchive.entries(directory.bytes("ref.npz"), at: FileLocation(file: "ref.npz"))
        #expect(entries.map(\.name) == names.map { $0 + ".npy" })
        #expect(try OutputFile(directory.file("ref.npz")).meta["labels"] == "f_x1=d/dx1, f_x1_x1=d2/dx1^2")
        #expect(entries.allSatisfy { $0.method == 0 })
        var bad = table
        bad.hessian = NDArray(shape: [6, 2, 3], values: [])
        #expect(throws: OutputError(.arrayShape(array: "hessian", shape: [6, 2, 3], values: 0), path: directory.file("bad.npz"))) {
            try bad.write(to: directory.file("bad.npz"))
        }
        #expect(directory.contents == ["ref.npz"])
    }

    @Test func failedWritesLeaveNothing() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let missing = directory.file("no/such/dir/ref.csv")
        #expect(throws: OutputError(.cannotCreate(reason: "No such file or directory"), path: missing)) {
            try Self.table().write(to: missing)
        }
        let ragged = Self.table([1, 2])
        #expect(throws: OutputError(.columnLength(column: "x2", count: 6, expected: 2), path: directory.file("r.npy"))) {
            try ragged.write(to: directory.file("r.npy"))
        }
        #expect(throws: OutputError(.unknownFormat("txt"), path: directory.file("r.txt"))) {
            try Self.table().write(to: directory.file("r.txt"))
        }
        directory.write("keep.csv", Array("old\n".utf8))
        for var writer in [CSVTableWriter(path: directory.file("keep.csv")) as any TableWriter, NPYTableWriter(path: directory.file("keep.csv"))] {
            try writer.begin(TableHeader(columns: ["a", "b"], rowCount: 3))
            try writer.append([[1], [2]])
            #expect(directory.contents.count == 2)  // keep.csv and the temporary
            #expect(throws: OutputError.self) { try writer.append([[1, 2], [3]]) }
            #expect(directory.contents == ["keep.csv"])
        }
        var short = NPYTableWriter(path: directory.file("keep.csv"))
        try short.begin(TableHeader(columns: ["a"], rowCount: 3))
        try short.append([[1]])
        #expect(throws: OutputError(.rowCount(written: 1, declared: 3), path: directory.file("keep.csv"))) { try short.finish() }
        do {
            var abandoned = CSVTableWriter(path: directory.file("keep.csv"))
            try abandoned.begin(TableHeader(columns: ["a"], rowCount: 1))
        }
        #expect(directory.contents == ["keep.csv"])
        #expect(directory.bytes("keep.csv") == Array("old\n".utf8))
    }

    @Test func duplicateColumnsAreRejected() {
        let points = PointSet(names: ["f"], columns: [[1]])
        let table = OutputTable(points: points, results: [OutputResult(function: OutputColumn(name: "f", values: [1]), derivatives: [])])
        #expect(throws: OutputError(.duplicateColumn("f"), path: "x.csv")) { try table.write(to: "x.csv") }
    }
}

/// CRC-32 against its standard check values, across the eight-byte steps and the tail.
@Suite struct CRC32Tests {
    @Test(arguments: [
        ("", UInt32(0)),
        ("a", 0xE8B7_BE43),
        ("123456789", 0xCBF4_3926),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ])
    func checkValue(_ text: String, _ expected: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == expected)
        // The same bytes through the non-contiguous path and continued in two pieces.
        #expect(CRC32.checksum(text.utf8) == expected)
        let bytes = Array(text.utf8)
        let half = bytes.count / 2
        #expect(CRC32.checksum(bytes[half...], continuing: CRC32.checksum(bytes[..<half])) == expected)
    }

    /// The bytes `(131 i + 7) mod 256`: long enough for the carry-less folding (64 bytes on).
    static let pattern = (0..<5000).map { UInt8(truncatingIfNeeded: 131 * $0 + 7) }

    /// Prefixes of `pattern` against Python's `zlib.crc32`: at the folding's edges (64 bytes,
    /// 16-byte steps, a tail) and long runs.
    @Test(arguments: [
        (64, UInt32(0x38E4_DBB5)), (65, 0x6C31_1B46), (80, 0x89CD_CB09), (127, 0x8276_C596), (128, 0xCC81_6B20),
        (129, 0x9A7C_58AD), (1000, 0x1ED5_7BB9), (4099, 0xDFAD_E85A),
    ])
    func longInputs(_ count: Int, _ expected: UInt32) {
        #expect(CRC32.checksum(Self.pattern[..<count]) == expected)
    }

    /// Every length to 300 from every start to 16 (so every alignment), against the CRC
    /// computed a bit at a time from its definition.
    @Test func everyLengthAndAlignment() {
        func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var c = UInt32.max
            for byte in bytes {
                c ^= UInt32(byte)
                for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        for start in 0..<16 {
            for count in 0...300 {
                let bytes = Self.pattern[start..<(start + count)]
                #expect(CRC32.checksum(bytes) == bitwise(bytes), "start \(start), count \(count)")
            }
        }
    }
}
