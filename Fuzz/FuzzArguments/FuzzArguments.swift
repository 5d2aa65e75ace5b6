// Fuzz target 5: the command line on any argv vector exits 0, 1 or 2 with output that fits the status, never crashes.
//
// The input is an argv vector without the program name: its bytes split at NUL bytes, so an
// argument may hold anything else, bytes that are not UTF-8 included (an empty input is no
// arguments, `a\0\0b` is three). It runs in-process through `runSymDiff(rawArguments:...)`,
// which reads the bytes as the executable does, on a thread with the executable's stack.
//
// What the target does not let an input do, so that every run is fast and repeatable and
// leaves the filesystem alone (`ArgumentVector`):
// - Inputs that give `--out`, `--points`, `--plot` or `--against` as options are skipped:
//   `--out` and `--plot` write a file, `--points` and `--against` read one, or standard input. As the value of another option, or a
//   formula after `--`, those words run like any other.
// - `--file PATH` is served from memory (`files`): `-` and a few names the dictionary knows;
//   any other path does not exist. No file is read.
// - Work is capped (`caps`): a `--max-points`, `--max-seconds`, `--max-nodes`,
//   `--max-partials`, `--max-output-bytes` or `--threads` value above its cap is lowered to
//   the cap, and the options not given are put first, at their caps. `--quiet` is put first
//   too, so that no progress line goes to a terminal. One input then runs in about a second
//   at most (`--max-seconds 1` bounds the symbolic work and the check).
// The one file a run may touch is the JSON writer's scratch file for values on standard
// output: created in `TMPDIR` and unlinked at once, a few KiB.
import Foundation
import FuzzSupport
import SymDiff
import SymDiffIO
import SymDiffCommand

/// The files `--file` reads, by path: standard input and a few files the dictionary names,
/// well-formed and not.
let files: [String: [UInt8]] = [
    "-": Array("u = exp(-x^2); D(u, x) + 2*x*u".utf8),
    "f.txt": Array("x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)\n".utf8),
    "bad.txt": Array("sin(x +\n".utf8),
    "binary.txt": [0x78, 0x2b, 0x00, 0xff, 0x79],
    "empty.txt": [],
]

/// The contents of `path`, at most `limit` bytes of them, as `readFileOrStandardInput` reads
/// them; a path not in `files` does not exist.
func readFile(_ path: String, limit: Int) throws -> Data {
    guard let bytes = files[path] else { throw POSIXError(.ENOENT) }
    return Data(bytes.prefix(limit))
}

/// Runs the input's argv vector as `ArgumentVector` makes it safe and checks the outcome:
/// - exit status 0, 1 or 2, and never a crash or a trap;
/// - status 2 (bad input): nothing on stdout, and stderr opens with `error: ` (or
///   `in formula N: error: ` for one formula of several);
/// - status 1: only from `--verify`, whose summary says `FAILED`;
/// - status 0 and 1: no line of stderr starts with `error:`; status 0 prints something on
///   stdout (a report, values, the help or the version; `--out` is never given).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let vector = ArgumentVector(FuzzInput.bytes(data, size)) else { return 0 }
    let arguments = vector.capped
    let sink = StreamSink(descriptor: nil)
    var invocation: Invocation?
    WorkerThread.shared.run { invocation = runSymDiff(rawArguments: arguments, readFile: readFile, standardOutput: sink) }
    guard let result = invocation else { fatalError("the worker thread returned no invocation") }
    let argv = arguments.map { String(decoding: $0, as: UTF8.self) }
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    let context = "argv \(argv): status \(result.status), stderr \(result.stderr.prefix(500))"
    switch result.status {
    case Invocation.usageError:
        precondition(result.stdout.isEmpty, "\(context); stdout \(result.stdout.prefix(200))")
        precondition(opensWithError(lines[0]), context)
    case Invocation.verificationFailed:
        precondition(lines.contains { $0.hasPrefix("verify: ") && $0.contains("FAILED") }, context)
        precondition(!lines.contains { $0.hasPrefix("error:") }, context)
    case 0:
        precondition(!lines.contains { $0.hasPrefix("error:") }, context)
        precondition(!result.stdout.isEmpty, "\(context); nothing on stdout")
    default:
        preconditionFailure(context)
    }
    return 0
}

/// Whether the first line of stderr opens an error: `error: `, or `in formula N: error: `.
func opensWithError(_ line: Substring) -> Bool {
    var rest = line
    if rest.hasPrefix("in formula ") {
        rest = rest.dropFirst("in formula ".count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        rest = rest.dropFirst(digits.count)
        guard rest.hasPrefix(": ") else { return false }
        rest = rest.dropFirst(2)
    }
    return rest.hasPrefix("error: ")
}

#if !SYMDIFF_FUZZING
@main enum FuzzArgumentsMain {
    static func main() { FuzzInput.runFiles(fuzzArguments) }
}
#endif
