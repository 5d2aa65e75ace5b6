// The argv vector of one fuzz input: split at NUL bytes, skipped when it would use files, capped in work.
import Foundation
import SymDiffCommand

/// The options whose values are capped, with their caps, in the order they are put first when
/// not given: few points, one second, small graphs, few partials, 1 MiB printed, two threads
/// (the same work on every machine).
let caps: [(option: String, cap: Int)] = [
    ("--max-points", 100), ("--max-seconds", 1), ("--max-nodes", 100_000), ("--max-partials", 1_000),
    ("--max-output-bytes", 1 << 20), ("--threads", 2),
]

/// The options that use a file or standard input directly: an input giving one is skipped.
let fileOptions: Set<String> = ["--out", "--points", "--plot", "--against"]

/// The options without a value, as `Options(parsing:)` reads them (`-h` is not an option
/// there either: it is read as a formula unless alone).
let flagOptions = Set(optionNames.filter { !$0.takesValue }.map(\.name))

/// The options that take a value, next or after `=`, as `Options(parsing:)` reads them.
let valueOptions = Set(optionNames.filter(\.takesValue).map(\.name))

/// The arguments of one input, and the options the command line reads from them.
struct ArgumentVector {
    /// One option as the parser reads it: its name and the argument that holds its value (the
    /// option itself when the value follows `=`, or for a flag).
    struct Given {
        let name: String
        let index: Int
        let inline: Bool
    }

    /// The arguments, split at NUL bytes.
    let arguments: [[UInt8]]
    /// The options read from `arguments`, in order.
    let given: [Given]

    /// The arguments in `bytes`, or `nil` when they give `--out` or `--points`.
    init?(_ bytes: [UInt8]) {
        arguments = bytes.isEmpty ? [] : bytes.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        given = Self.options(in: arguments.map { String(decoding: $0, as: UTF8.self) })
        if given.contains(where: { fileOptions.contains($0.name) }) { return nil }
    }

    /// The options `Options(parsing:)` reads from `arguments`, up to where it stops with an
    /// error: an unknown option, a value missing, a flag given a value. Read the same way: an
    /// argument is an option when it starts with `--`; its name ends at the first `=`, and the
    /// value follows it when there is text after it, else it is the next argument; `--` ends
    /// the options.
    static func options(in arguments: [String]) -> [Given] {
        var given: [Given] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("--") else { continue }
            if argument == "--" { break }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if flagOptions.contains(parts[0]) && parts.count == 1 {
                given.append(Given(name: parts[0], index: i - 1, inline: false))
            } else if valueOptions.contains(parts[0]) && parts.count == 2 {
                given.append(Given(name: parts[0], index: i - 1, inline: true))
            } else if valueOptions.contains(parts[0]) && i < arguments.count {
                given.append(Given(name: parts[0], index: i, inline: false))
                i += 1
            } else {
                break
            }
        }
        return given
    }

    /// The arguments to run: each capped value above its cap lowered to it, and `--quiet` and
    /// the capped options not given put first.
    var capped: [[UInt8]] {
        var arguments = self.arguments
        for option in given {
            guard let cap = caps.first(where: { $0.option == option.name })?.cap else { continue }
            let text = String(decoding: arguments[option.index], as: UTF8.self)
            let value = option.inline ? String(text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[1]) : text
            guard let number = Int(value), number > cap else { continue }
            arguments[option.index] = Array((option.inline ? "\(option.name)=\(cap)" : "\(cap)").utf8)
        }
        let absent = caps.filter { cap in !given.contains { $0.name == cap.option } }
        return [Array("--quiet".utf8)] + absent.flatMap { [Array($0.option.utf8), Array(String($0.cap).utf8)] } + arguments
    }
}

/// The thread every run takes place on, with the executable's stack: `symdiff` runs its
/// invocation on a thread with a 1 GiB stack (reserved address space), and the depth limits
/// count on it. One thread serves every input: a thread per input would leave libdispatch's
/// per-thread caches behind (`concurrentPerform`), which LeakSanitizer reports as leaks.
final class WorkerThread: @unchecked Sendable {
    /// The stack size, as `workerStackBytes` in the executable's `main.swift`.
    static let stackBytes = 1 << 30
    static let shared = WorkerThread()

    /// The run in progress; handed over by `requested`, finished when `finished` is signalled.
    private var work: (() -> Void)?
    private let requested = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    private init() {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, Self.stackBytes)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<WorkerThread>.fromOpaque(context!).takeUnretainedValue().serve()
        }, Unmanaged.passRetained(self).toOpaque())
        precondition(started == 0, "the worker thread cannot start: \(String(cString: strerror(started)))")
    }

    /// Runs `body` on the thread and waits for it to end.
    func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { body in
            work = body
            requested.signal()
            finished.wait()
            work = nil
        }
    }

    /// The thread's loop: each run handed over, in turn.
    private func serve() -> Never {
        while true {
            requested.wait()
            do {
                let body = work!
                body()
            }
            finished.signal()
        }
    }
}
