// The symdiff executable: runs one invocation on a thread with a large stack and exits.
import Foundation

/// The stack size of the worker thread. Every recursive pass is bounded by the depth limits;
/// this leaves a wide margin over the bounds (it is reserved address space, not memory).
let workerStackBytes = 1 << 30

nonisolated(unsafe) var invocation = Invocation()
let done = DispatchSemaphore(value: 0)
let worker = Thread {
    let raw = (1..<Int(CommandLine.argc)).map { i in
        CommandLine.unsafeArgv[i].map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
    }
    invocation = runSymDiff(rawArguments: raw)
    done.signal()
}
worker.stackSize = workerStackBytes
worker.start()
done.wait()

/// Writes all of `text` to `descriptor` (retrying after signals); the errno of a failure.
func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        bytes = bytes.dropFirst(n)
    }
    return nil
}

// Output that cannot be written (a full disk, a closed descriptor, a pipe whose reader left
// while SIGPIPE is ignored) is an error of its own, as in coreutils: exit status 1, with a
// message unless the reader is gone. Never a crash.
if let failure = writeAll(invocation.stdout, to: STDOUT_FILENO) {
    if failure != EPIPE { _ = writeAll("symdiff: write error: \(String(cString: strerror(failure)))\n", to: STDERR_FILENO) }
    _ = writeAll(invocation.stderr, to: STDERR_FILENO)
    exit(max(invocation.status, 1))
}
_ = writeAll(invocation.stderr, to: STDERR_FILENO)
exit(invocation.status)
