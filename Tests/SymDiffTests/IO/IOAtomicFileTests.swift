// Atomic files past the point where the disk writes are started early: every byte arrives.
import Foundation
import Testing
@testable import SymDiffIO

@Suite struct IOAtomicFileTests {
    /// The bytes at `offsets` of a pattern with a prime period just under 1 MiB (so a piece
    /// written at the wrong place or twice shows).
    static func pattern(_ offsets: Range<Int>) -> Data {
        var bytes = Data(capacity: offsets.count)
        var i = offsets.lowerBound
        while i < offsets.upperBound {
            let start = i % period
            let n = min(period - start, offsets.upperBound - i)
            bytes.append(contentsOf: block[start..<(start + n)])
            i += n
        }
        return bytes
    }

    static let period = 1_048_573
    static let block: [UInt8] = (0..<period).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }

    /// The file's bytes.
    static func contents(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    /// 80 MiB written front to back in uneven pieces, small and large (past the 32 MiB at
    /// which writing to the disk starts, more than once), arrive whole, and no temporary is left.
    @Test func sequentialWritesPastTheWritebackInterval() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let total = 80 << 20
        let file = try AtomicFile(path: directory.file("big.bin"))
        var offset = 0
        var piece = 1
        while offset < total {
            let end = min(total, offset + piece)
            try Self.pattern(offset..<end).withUnsafeBytes { try file.write(raw: $0) }
            offset = end
            piece = piece < 1 << 24 ? piece * 7 + 3 : 1 << 20 + 5
        }
        try file.commit()
        #expect(directory.contents == ["big.bin"])
        #expect(Self.contents(directory.file("big.bin")) == Self.pattern(0..<total))
    }

    /// A file laid out in advance and written at offsets, as `.npz` is: 48 MiB in pieces out
    /// of order, then the head; all arrive.
    @Test func writesAtOffsetsPastTheWritebackInterval() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let piece = 6 << 20
        let order = [3, 7, 1, 5, 2, 6, 4, 0]
        let file = try AtomicFile(path: directory.file("laid-out.bin"))
        for k in order {
            try Self.pattern((k * piece)..<((k + 1) * piece)).withUnsafeBytes { try file.write(raw: $0, at: k * piece) }
        }
        try file.commit()
        #expect(Self.contents(directory.file("laid-out.bin")) == Self.pattern(0..<(order.count * piece)))
    }
}
