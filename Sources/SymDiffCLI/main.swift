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
FileHandle.standardOutput.write(Data(invocation.stdout.utf8))
FileHandle.standardError.write(Data(invocation.stderr.utf8))
exit(invocation.status)
