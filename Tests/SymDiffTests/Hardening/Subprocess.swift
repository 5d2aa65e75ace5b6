// The built `symdiff` binary run with raw argument bytes or from a shell script, output to
// files, under a hang guard: the one way tests start it.
import Foundation
import Testing

/// What one run of the binary printed, its exit status and how long it took.
struct BinaryRun {
    var status: Int32
    var stdout: Data
    var stderr: String
    var seconds: Double
}

/// Runs the `symdiff` executable next to the test bundle, directly or from a `/bin/sh` script.
///
/// Arguments are raw bytes (so a test can pass invalid UTF-8, which `Process` cannot),
/// standard output and error go to files (no pipe can fill up), standard input is `stdin`
/// or empty. A run that has not ended after `timeout` seconds is killed and reported as a
/// test issue: the guard against a hang, not a timing assertion.
enum SymDiffBinary {
    static let timeout = 60.0

    /// The executable: `symdiff` in the directory of the test runner.
    static func url() throws -> URL {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let url = runner.deletingLastPathComponent().appendingPathComponent("symdiff")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }

    /// Runs the binary with UTF-8 `arguments` in `directory`.
    static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, keepStandardOutput: Bool = true,
        environment: [String: String] = [:]
    ) throws -> BinaryRun {
        try run(
            raw: arguments.map { Array($0.utf8) }, in: directory, stdin: stdin, keepStandardOutput: keepStandardOutput,
            environment: environment)
    }

    /// Runs the binary with raw argument bytes in `directory` (default: a new temporary one);
    /// with `keepStandardOutput` false, its stdout goes to `/dev/null`.
    static func run(
        raw arguments: [[UInt8]], in directory: URL? = nil, stdin: Data? = nil, keepStandardOutput: Bool = true,
        environment: [String: String] = [:]
    ) throws -> BinaryRun {
        // `sh` changes to the directory and execs the binary with the arguments untouched
        // (`"$@"` passes each byte string as it is; nothing is interpreted). Glibc's
        // posix_spawn_file_actions_addchdir_np is not visible to Swift here.
        try spawn(
            label: arguments.map { String(decoding: $0, as: UTF8.self) }, in: directory, stdin: stdin,
            keepStandardOutput: keepStandardOutput, environment: environment
        ) {
            cwd in ["-c", "cd \"$0\" && exec \"$@\"", cwd.path, try url().path].map { Array($0.utf8) } + arguments
        }
    }

    /// Runs `script` with `/bin/sh` in `directory`, `$0` being the binary, as a user's shell
    /// would run it (pipes, redirections, `ulimit`, signals).
    static func shell(_ script: String, in directory: URL, keepStandardOutput: Bool = true) throws -> BinaryRun {
        try spawn(label: [script], in: directory, stdin: nil, keepStandardOutput: keepStandardOutput, environment: [:]) { _ in
            ["-c", "cd \"$1\" || exit 99\n" + script, try url().path, directory.path].map { Array($0.utf8) }
        }
    }

    /// Spawns `/bin/sh` with the arguments `shellArguments` makes from the working directory,
    /// stdin from `stdin`, stdout and stderr to files; waits, under the hang guard.
    private static func spawn(
        label: [String], in directory: URL? = nil, stdin: Data?, keepStandardOutput: Bool, environment extra: [String: String],
        shellArguments: (URL) throws -> [[UInt8]]
    ) throws -> BinaryRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cwd = directory ?? scratch
        let (outPath, errPath, inPath) = (keepStandardOutput ? scratch.path + "/stdout" : "/dev/null", scratch.path + "/stderr", scratch.path + "/stdin")
        try (stdin ?? Data()).write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        // argv and envp as NUL-terminated byte strings, freed after the spawn.
        let argv = ([Array("/bin/sh".utf8)] + (try shellArguments(cwd))).map { bytes -> UnsafeMutablePointer<CChar>? in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { $1 }
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            argv.forEach { $0?.deallocate() }
            envp.forEach { free($0) }
        }
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now - start > .seconds(timeout) {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                Issue.record("symdiff did not finish within \(timeout) s: \(label)")
                break
            }
            usleep(2_000)
        }
        let elapsed = ContinuousClock.now - start
        // WIFEXITED / WEXITSTATUS, which Swift does not import: a signal leaves a nonzero low byte.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return BinaryRun(
            status: exitStatus, stdout: keepStandardOutput ? try Data(contentsOf: URL(fileURLWithPath: outPath)) : Data(),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
