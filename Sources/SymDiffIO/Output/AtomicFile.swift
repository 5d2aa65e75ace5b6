// A file that appears under its name only when complete: temporary file, fsync, rename.
import CSystemCalls
import Foundation
import SymDiff

/// An output file written to a temporary file next to it (`.NAME.tmp-PID-RANDOM`) and renamed
/// over `path` by `commit()`, so readers see the old file or the complete new one, never a
/// part.
///
/// - A symbolic link is followed: the file it names is replaced, the link stays.
/// - A file being replaced keeps its permission bits (and, where allowed, its owner).
/// - A path that names something other than a regular file (a device such as `/dev/null`, a
///   FIFO) is written directly: there is nothing to replace.
///
/// If the file is discarded, or released before `commit()`, the temporary is removed; while it
/// exists it is listed for `removeTemporaryFiles()`, which a signal handler may call. Writes
/// are buffered in 1 MiB chunks.
public final class AtomicFile {
    /// The final path.
    public let path: String
    /// The file written until `commit()`: the temporary, or `path` itself when it is not a
    /// regular file.
    public let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var open = true
    /// Whether `path` is written directly (a device or FIFO), not through a temporary.
    public let direct: Bool
    private var registration: Int?
    /// Bytes written since the data was last synced.
    private var unsynced = 0

    /// Creates the temporary file in the directory of the file `path` names.
    public init(path: String) throws(OutputError) {
        self.path = path
        let target = Self.resolvingLinks(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        direct = exists && (existing.st_mode & S_IFMT) != S_IFREG
        if direct {
            temporaryPath = target
            descriptor = Foundation.open(target, O_WRONLY | O_TRUNC)
            guard descriptor >= 0 else { throw OutputError(.cannotCreate(reason: Self.reason()), path: path) }
            return
        }
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        temporaryPath = "\(directory).\(name).tmp-\(getpid())-\(suffix)"
        descriptor = Foundation.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw OutputError(.cannotCreate(reason: Self.reason()), path: path) }
        registration = TemporaryFiles.register(temporaryPath)
        if exists {
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
        buffer.reserveCapacity(Self.chunk)
    }

    /// The path that `path` names after following symbolic links (at most 40, as the kernel);
    /// `path` itself when it is not a link or cannot be read as one.
    public static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let target = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else {
                current = (current.lastIndex(of: "/").map { String(current[...$0]) } ?? "") + target
            }
        }
        return current
    }

    /// Makes `signals` (by default SIGINT, SIGTERM and SIGHUP) remove every temporary file not
    /// yet committed or discarded, then end the process as the signal would have (a shell
    /// reports status 128 + n); signals the process ignores stay ignored. For executables; a library leaves signals to its host.
    public static func removeTemporaryFilesOnSignals(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        TemporaryFiles.removeAll()  // initializes the slots outside any handler
        for signal in signals {
            // A signal the process was started ignoring (`nohup`, a background job) stays ignored.
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TemporaryFiles.removeAll()
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
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

    /// Whether `write(raw:at:)` can be used: the output goes through a temporary file, not
    /// straight to a device or FIFO.
    public var isSeekable: Bool { !direct }

    /// Writes `bytes` at byte `offset` of the temporary file (which must be seekable): for
    /// writers that lay a file out in advance, and then use no sequential `write`.
    public func write(raw bytes: UnsafeRawBufferPointer, at offset: Int) throws(OutputError) {
        guard open, !direct else { throw OutputError(.writerState("the output file cannot be written at offsets"), path: path) }
        try flush()
        try writeAll(bytes, at: offset)
    }

    /// Flushes, syncs and closes the temporary file, renames it to `path` and syncs the
    /// directory; on failure the temporary is removed.
    public func commit() throws(OutputError) {
        guard open else { throw OutputError(.writerState("the output file is already closed"), path: path) }
        try flush()
        if direct {
            close(descriptor)
            open = false
            return
        }
        guard fsync(descriptor) == 0 else {
            let error = OutputError(.writeFailed(reason: Self.reason()), path: path)
            discard()
            throw error
        }
        close(descriptor)
        open = false
        defer { registration.map(TemporaryFiles.unregister) }
        guard rename(temporaryPath, Self.resolvingLinks(path)) == 0 else {
            let error = OutputError(.renameFailed(reason: Self.reason()), path: path)
            unlink(temporaryPath)
            throw error
        }
        syncDirectory()
    }

    /// Syncs the directory, so the rename itself survives a crash; best effort, as some file
    /// systems cannot sync directories.
    private func syncDirectory() {
        let path = Self.resolvingLinks(self.path)
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        let fd = Foundation.open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Closes and removes the temporary file; `path` is untouched (a device or FIFO written
    /// directly keeps what it was sent).
    public func discard() {
        guard open else { return }
        close(descriptor)
        if !direct { unlink(temporaryPath) }
        registration.map(TemporaryFiles.unregister)
        open = false
        buffer = []
    }

    private func flush() throws(OutputError) {
        try buffer.withRawBytes { bytes throws(OutputError) in try writeAll(bytes) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` to the temporary file, where the sequential writes are or at
    /// `offset` (retrying after signals); on failure the temporary is removed.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let (start, count) = (bytes.baseAddress! + written, bytes.count - written)
            let n = offset.map { pwrite(descriptor, start, count, off_t($0 + written)) } ?? Foundation.write(descriptor, start, count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let error = OutputError(.writeFailed(reason: Self.reason()), path: path)
                discard()
                throw error
            }
            written += n
        }
        // Starting the disk writes as the file grows, without waiting for them, spreads them
        // over the run instead of leaving them all to `commit`'s fsync. (Waiting, as
        // `fdatasync` would, stalls the writer behind the disk: 0.2 to 1.1 s for 400 MB here,
        // against 0.1 to 0.25 s.)
        unsynced += written
        if unsynced >= Self.syncInterval && !direct {
            _ = symdiff_start_writeback(descriptor, 0, 0)
            unsynced = 0
        }
    }

    private static let chunk = 1 << 20
    /// How many bytes are written between starts of the disk writes.
    private static let syncInterval = 32 << 20

    private static func reason() -> String { String(cString: strerror(errno)) }
}
