// A table writer fed from a thread of its own, so that writing a chunk overlaps checking the next.
import Dispatch
import SymDiff
import SymDiffIO

/// A `TableWriter` run on a serial queue: `append` hands it the work of making and writing
/// one block and returns at once, unless a block is still being written (so at most two
/// chunks are held: the one written and the one computed). The first error is kept and
/// thrown by the next `append` or by `finish`.
final class BackgroundWriter: @unchecked Sendable {
    // Touched only on `queue`, or after `drain`; `slot` orders the hand-offs.
    private var writer: any TableWriter
    private var failure: Error?
    private let queue = DispatchQueue(label: "symdiff.writer")
    private let slot = DispatchSemaphore(value: 1)
    private let phases: PhaseTimes

    /// A background writer for `writer`, timing its writes in `phases`.
    init(_ writer: any TableWriter, phases: PhaseTimes) {
        self.writer = writer
        self.phases = phases
    }

    /// Writes the block `make` returns, on the writer's queue, once the previous one is written.
    func append(_ make: @escaping @Sendable () -> [[Double]]) throws {
        slot.wait()
        if let failure {
            slot.signal()
            throw failure
        }
        queue.async {
            defer { self.slot.signal() }
            let block = make()
            do { try self.phases.measure(.write) { () throws(OutputError) in try self.writer.append(block) } } catch { self.failure = error }
        }
    }

    /// Waits for every block to be written; the writer, to finish or discard, or the first error.
    func drain() throws -> any TableWriter {
        queue.sync {}
        if let failure { throw failure }
        return writer
    }
}
