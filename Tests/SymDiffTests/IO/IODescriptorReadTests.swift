// Points read from an open descriptor (standard input, a pipe): to the end, bounded, once.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IODescriptorReadTests {
    /// The read end of a pipe that holds `bytes` (under a pipe's 64 KiB buffer), its write end closed.
    static func pipe(_ bytes: [UInt8]) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        try #require(Glibc.pipe(&ends) == 0)
        try #require(bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == bytes.count)
        close(ends[1])
        return ends[0]
    }

    @Test func pipesAreReadToTheirEnd() throws {
        let npy = IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2, 2)"), [1, 2, 3, 4])
        let npz = ErrorCaseFiles.zip([
            ("x.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2,)"), [1, 3])),
            ("t.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2,)"), [2, 4])),
        ])
        for bytes in [Array("x,t\n1,2\n3,4\n".utf8), npy, npz] {
            let fd = try Self.pipe(bytes)
            defer { close(fd) }
            let read = try PointSet.bytes(readingFrom: fd, file: "<stdin>", maxBytes: 1_000)
            #expect(read == bytes)
            #expect(PointSet.isNPY(read) == (bytes == npy))
            #expect(try PointSet.read(bytes: read, file: "<stdin>", variables: ["x", "t"]).columns == [[1, 3], [2, 4]])
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "past the limit", bytes: Array(("x\n" + String(repeating: "1\n", count: 100)).utf8),
            message: "<stdin>: cannot read the points file: more than 100 bytes, the most --max-points allows"),
        Bad(name: "NUL bytes first", bytes: [0x31, 0, 0], message: "<stdin>: cannot read the points file: byte 1 is NUL: not CSV text, .npy or .npz"),
    ]

    @Test(arguments: bad) func badStreamsAreErrors(_ c: Bad) throws {
        let fd = try Self.pipe(c.bytes)
        defer { close(fd) }
        let error = #expect(throws: PointsError.self) { _ = try PointSet.bytes(readingFrom: fd, file: "<stdin>", maxBytes: 100) }
        #expect(error?.description == c.message)
    }

    /// A descriptor that is not open (standard input closed with `<&-`) is an error, not a crash.
    @Test func closedDescriptorIsAnError() {
        let error = #expect(throws: PointsError.self) { _ = try PointSet.bytes(readingFrom: -1, file: "<stdin>", maxBytes: 100) }
        #expect(error?.description == "<stdin>: cannot read the points file: Bad file descriptor")
    }

    @Test func theLimitIs64BytesPerValueAndRowAndOneMebibyte() {
        #expect(PointSet.maxFileBytes(maxPoints: 1_000, columns: 2) == 192_000 + (1 << 20))
        #expect(PointSet.maxFileBytes(maxPoints: Int.max / 2, columns: 2) == Int.max)
    }
}
