// The symdiff executable: runs one invocation on a thread with a large stack and exits.
import CVectorMath
import Foundation
import SymDiff
import SymDiffIO
import SymDiffCommand

/// The stack size of the worker thread. Every recursive pass is bounded by the depth limits;
/// this leaves a wide margin over the bounds (it is reserved address space, not memory).
let workerStackBytes = 1 << 30

// A standard descriptor the process was started without (`>&-`) is held by /dev/null opened
// the wrong way round, so that files symdiff opens never take its number (output meant for
// stdout would go into them) and using it still fails with "Bad file descriptor".
for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
    _ = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
}

// An interrupted run leaves no temporary files behind.
AtomicFile.removeTemporaryFilesOnSignals()

// Values are computed a chunk at a time in blocks of a few MiB, allocated and freed in turn:
// kept in the heap for the next chunk, not mapped afresh (glibc maps blocks from 128 KiB at
// first), which spares the page faults of new zeroed pages (0.05 s of 10^6 points verified).
symdiff_keep_freed_blocks(64 << 20, 128 << 20)

/// What the worker thread's invocation printed and its status; set before the thread ends.
nonisolated(unsafe) var invocation: Invocation?

/// Runs the invocation on a thread with a `workerStackBytes` stack and waits for it; the
/// `pthread_create` error number when the thread cannot start (under `ulimit -v`, say).
func runOnWorkerThread() -> Int32? {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, workerStackBytes)
    var thread = pthread_t()
    let started = pthread_create(&thread, &attributes, { _ in
        let raw = (1..<Int(CommandLine.argc)).map { i in
            CommandLine.unsafeArgv[i].map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        }
        invocation = runSymDiff(rawArguments: raw, standardOutput: StreamSink(descriptor: STDOUT_FILENO))
        return nil
    }, nil)
    guard started == 0 else { return started }
    pthread_join(thread, nil)
    return nil
}

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

if let failure = runOnWorkerThread() {
    _ = writeAll(
        "symdiff: cannot start: \(String(cString: strerror(failure))): the worker thread reserves \(workerStackBytes >> 20) MiB "
            + "of address space for its stack\n  hint: allow more virtual memory (ulimit -v at least 2097152)\n",
        to: STDERR_FILENO)
    exit(1)
}
let result = invocation!

// Output that cannot be written (a full disk, a closed descriptor, a pipe whose reader left
// while SIGPIPE is ignored) is an error of its own, as in coreutils: exit status 1, with a
// message unless the reader is gone. Never a crash.
if let failure = writeAll(result.stdout, to: STDOUT_FILENO) {
    if failure != EPIPE { _ = writeAll("symdiff: write error: \(String(cString: strerror(failure)))\n", to: STDERR_FILENO) }
    _ = writeAll(result.stderr, to: STDERR_FILENO)
    exit(max(result.status, 1))
}
_ = writeAll(result.stderr, to: STDERR_FILENO)
exit(result.status)
