// Where a table writer's bytes go: an atomic file, or a stream such as standard output.
import Foundation
import SymDiff

/// A destination of bytes written front to back: an `AtomicFile`, which appears only when
/// complete, or a `StreamSink`, whose bytes are out as soon as they are written.
public protocol ByteSink: AnyObject {
    /// The name errors give the destination: a path, or `<stdout>`.
    var path: String { get }
    /// Appends `bytes`.
    func write(raw bytes: UnsafeRawBufferPointer) throws(OutputError)
    /// Ends the output: an atomic file moves into place, a stream is flushed.
    func commit() throws(OutputError)
    /// Abandons the output: an atomic file is removed; a stream keeps what it sent.
    func discard()
}

extension ByteSink {
    /// Appends the bytes of `bytes`.
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        try bytes.withRawBytes { raw throws(OutputError) in try write(raw: raw) }
    }
}

extension AtomicFile: ByteSink {}

/// Bytes sent to an open descriptor (standard output) in 1 MiB pieces, or, without one,
/// kept in memory (`captured`), as a test runs the command in-process.
///
/// A write error is `OutputError.writeFailed`, or `.brokenPipe` when the reader has gone
/// (SIGPIPE ignored), for the caller to end quietly as `head`'s writers do.
public final class StreamSink: ByteSink {
    public let path: String
    /// The descriptor written, `nil` to capture.
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    /// Everything written, when there is no descriptor.
    public private(set) var captured: [UInt8] = []

    /// A sink writing to `descriptor` (or capturing, when `nil`), named `path` in errors.
    public init(descriptor: Int32?, path: String = "<stdout>") {
        self.descriptor = descriptor
        self.path = path
    }

    public func write(raw bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard descriptor != nil else { return captured.append(contentsOf: bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func commit() throws(OutputError) { try flush() }

    public func discard() { buffer = [] }

    /// Writes the buffer out, retrying after signals.
    private func flush() throws(OutputError) {
        guard let descriptor else { return }
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let problem: OutputError.Problem = errno == EPIPE ? .brokenPipe : .writeFailed(reason: String(cString: strerror(errno)))
                buffer = []
                throw OutputError(problem, path: path)
            }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension Array {
    /// Calls `body` with the array's bytes, passing on its `OutputError` (the standard
    /// library's `withUnsafeBytes` only rethrows untyped errors).
    func withRawBytes<Result>(_ body: (UnsafeRawBufferPointer) throws(OutputError) -> Result) throws(OutputError) -> Result {
        var outcome: Swift.Result<Result, OutputError>?
        withUnsafeBytes { raw in outcome = Swift.Result { () throws(OutputError) -> Result in try body(raw) } }
        return try outcome!.get()
    }
}
