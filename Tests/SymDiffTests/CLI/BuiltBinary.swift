// The built `symdiff` binary, run as a shell runs it: the one way tests start it.
import Foundation

/// The `symdiff` executable beside the test bundle, and ways to run it.
enum BuiltBinary {
    /// The executable's location (checked to exist).
    static func url() throws -> URL {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let url = runner.deletingLastPathComponent().appendingPathComponent("symdiff")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }

    /// Runs `executable` with `arguments` in `folder` (default: the current one), without
    /// backtraces; its exit status, stdout (`nil`: discarded) and stderr.
    static func run(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, keepStandardOutput: Bool = true
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = keepStandardOutput ? out : FileHandle.nullDevice
        process.standardError = err
        try process.run()
        // stderr is read on another thread, so that neither pipe fills while the other is read.
        let stderr = Collected()
        let reading = DispatchGroup()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: reading) { stderr.data = errorHandle.readDataToEndOfFile() }
        let stdout = keepStandardOutput ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        reading.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr.data, as: UTF8.self))
    }

    /// Bytes one thread reads and another takes after waiting for it.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// Runs `script` with `/bin/sh` in `folder`, `$0` being the binary; its exit status and stderr.
    static func shell(_ script: String, in folder: URL) throws -> (status: Int32, stderr: String) {
        let result = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, try url().path], in: folder, keepStandardOutput: false)
        return (result.status, result.stderr)
    }
}
