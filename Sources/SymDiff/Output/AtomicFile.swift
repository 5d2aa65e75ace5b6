// A file that appears under its name only when complete: temporary file, fsync, rename.
import Foundation

/// An output file written to a temporary file next to it (`.NAME.tmp-PID-RANDOM`) and renamed
/// over `path` by `commit()`, so readers see the old file or the complete new one, never a
/// part.
///
/// If the file is discarded, or released before `commit()`, the temporary is removed. Writes
/// are buffered in 1 MiB chunks.
public final class AtomicFile {
    /// The final path.
    public let path: String
    /// The temporary file written until `commit()`.
    public let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var open = true

    /// Creates the temporary file in the directory of `path`.
    public init(path: String) throws(OutputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        temporaryPath = "\(directory).\(name).tmp-\(getpid())-\(suffix)"
        descriptor = Foundation.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw OutputError(.cannotCreate(reason: Self.reason()), path: path) }
        buffer.reserveCapacity(Self.chunk)
    }

    deinit { discard() }

    /// Appends `bytes`.
    public func write<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(OutputError) {
        guard open else { throw OutputError(.writerState("the output file is already closed"), path: path) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Appends `bytes`, written straight from where they are when they are large.
    public func write(raw bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard bytes.count >= Self.chunk else { return try write(bytes) }
        guard open else { throw OutputError(.writerState("the output file is already closed"), path: path) }
        try flush()
        try writeAll(bytes)
    }

    /// Flushes, syncs and closes the temporary file, renames it to `path` and syncs the
    /// directory; on failure the temporary is removed.
    public func commit() throws(OutputError) {
        guard open else { throw OutputError(.writerState("the output file is already closed"), path: path) }
        try flush()
        guard fsync(descriptor) == 0 else {
            let error = OutputError(.writeFailed(reason: Self.reason()), path: path)
            discard()
            throw error
        }
        close(descriptor)
        open = false
        guard rename(temporaryPath, path) == 0 else {
            let error = OutputError(.renameFailed(reason: Self.reason()), path: path)
            unlink(temporaryPath)
            throw error
        }
        syncDirectory()
    }

    /// Syncs the directory, so the rename itself survives a crash; best effort, as some file
    /// systems cannot sync directories.
    private func syncDirectory() {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        let fd = Foundation.open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Closes and removes the temporary file; `path` is untouched.
    public func discard() {
        guard open else { return }
        close(descriptor)
        unlink(temporaryPath)
        open = false
        buffer = []
    }

    private func flush() throws(OutputError) {
        var failure: OutputError?
        buffer.withUnsafeBytes { bytes in
            do throws(OutputError) { try writeAll(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` to the temporary file (retrying after signals); on failure the
    /// temporary is removed.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let error = OutputError(.writeFailed(reason: Self.reason()), path: path)
                discard()
                throw error
            }
            written += n
        }
    }

    private static let chunk = 1 << 20

    private static func reason() -> String { String(cString: strerror(errno)) }
}
