// An unnamed temporary file: room for output that must be written in another order.
import Foundation
import SymDiff

/// A temporary file without a name (created and unlinked at once), read and written at
/// offsets: where a writer keeps what cannot go out yet, so memory stays bounded. It is
/// created next to the output (`directory`), and vanishes when released or on any exit.
final class ScratchFile {
    private let descriptor: Int32
    /// The output the scratch space serves, named in errors.
    private let path: String
    /// The number of bytes appended so far (the end of the data).
    private(set) var size = 0

    /// A scratch file in `directory` for the output `path` (`mkstemp` fills in the six `X`s).
    init(directory: String, for path: String) throws(OutputError) {
        self.path = path
        var template = Array((directory.isEmpty ? "." : directory).utf8CString.dropLast())
            + Array(("/.symdiff-scratch-" + String(repeating: "X", count: 6)).utf8CString)
        descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw OutputError(.cannotCreate(reason: String(cString: strerror(errno))), path: path) }
        unlink(template)
    }

    /// A scratch file for the output `sink`: beside an output file (in its directory), in
    /// `TMPDIR` (default `/tmp`) for standard output, a device or a FIFO.
    convenience init(serving sink: any ByteSink) throws(OutputError) {
        if let file = sink as? AtomicFile, file.isSeekable {
            let target = AtomicFile.resolvingLinks(file.path)
            try self.init(directory: target.lastIndex(of: "/").map { String(target[..<$0]) } ?? ".", for: file.path)
        } else {
            let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            try self.init(directory: temporary, for: sink.path)
        }
    }

    deinit { close(descriptor) }

    /// Writes `bytes` at `offset`, extending the file as needed.
    func write(raw bytes: UnsafeRawBufferPointer, at offset: Int) throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw OutputError(.writeFailed(reason: String(cString: strerror(errno))), path: path) }
            written += n
        }
        size = max(size, offset + bytes.count)
    }

    /// Appends `bytes` at the end; returns where they start.
    @discardableResult
    func append(_ bytes: [UInt8]) throws(OutputError) -> Int {
        let start = size
        try bytes.withRawBytes { raw throws(OutputError) in try write(raw: raw, at: start) }
        return start
    }

    /// Copies the bytes `range` to `sink`, 1 MiB at a time.
    func copy(_ range: Range<Int>, to sink: some ByteSink) throws(OutputError) {
        var piece = [UInt8](repeating: 0, count: min(1 << 20, max(range.count, 1)))
        var offset = range.lowerBound
        while offset < range.upperBound {
            let want = min(piece.count, range.upperBound - offset)
            let n = piece.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, want, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw OutputError(.writeFailed(reason: "scratch space: " + String(cString: strerror(errno))), path: path) }
            try piece.withRawBytes { raw throws(OutputError) in try sink.write(raw: UnsafeRawBufferPointer(rebasing: raw[..<n])) }
            offset += n
        }
    }
}
