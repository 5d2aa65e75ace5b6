// Runs a recursive computation on a thread with a stack of a chosen size.
import Foundation

/// Runs work on a dedicated thread with a large stack, so recursion bounded by a limit
/// cannot overflow a small caller stack (such as a concurrency pool thread's).
enum LargeStack {
    /// The result of the work, handed from the worker thread back to the caller.
    private final class Outcome<Value>: @unchecked Sendable {
        var result: Result<Value, Diagnostic>?
    }

    /// Runs `work` on a new thread with a stack of `bytes` bytes and waits for its result.
    static func run<Value>(bytes: Int, _ work: @escaping @Sendable () throws(Diagnostic) -> Value) throws(Diagnostic) -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { () throws(Diagnostic) -> Value in try work() }
            done.signal()
        }
        thread.stackSize = bytes
        thread.start()
        done.wait()
        switch outcome.result {
        case .success(let value)?: return value
        case .failure(let diagnostic)?: throw diagnostic
        case nil: preconditionFailure("the worker thread finished without a result")
        }
    }
}
