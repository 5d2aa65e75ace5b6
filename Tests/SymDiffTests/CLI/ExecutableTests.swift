// The built `symdiff` binary as a subprocess: exit status and streams as a shell sees them.
import Foundation
import Testing

/// The `symdiff` executable next to the test bundle.
private func executable() throws -> URL {
    let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let url = runner.deletingLastPathComponent().appendingPathComponent("symdiff")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
    }
    return url
}

/// Runs the binary with `arguments`; returns status, stdout, stderr.
private func run(_ arguments: [String]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

@Suite struct ExecutableTests {
    @Test func gradientThroughTheBinary() throws {
        let (status, stdout, stderr) = try run(["x1^2*sin(x2)", "--wrt", "x1,x2"])
        #expect(status == 0)
        #expect(stdout == "f = x1^2*sin(x2)\nd/dx1 = 2*x1*sin(x2)\nd/dx2 = x1^2*cos(x2)\n")
        #expect(stderr == "")
    }

    @Test func badInputExitsWithTwoAndPrintsNothingOnStandardOutput() throws {
        let (status, stdout, stderr) = try run(["sin(x"])
        #expect(status == 2)
        #expect(stdout == "")
        #expect(stderr.hasPrefix("error: expected ')' to close '(' at 1:4"))
    }
}

/// Output that cannot be written is an error, not a crash: a full disk and a closed standard
/// output exit with status 1 and say so on standard error, as coreutils do.
@Suite struct UnwritableOutputTests {
    @Test(arguments: [
        ("exec 1>/dev/full; \"$0\" 'x^2' --wrt x", "No space left on device"),
        ("exec 1>&-; \"$0\" 'x^2' --wrt x", "Bad file descriptor"),
    ])
    func reportsTheWriteError(_ script: String, _ reason: String) throws {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let symdiff = runner.deletingLastPathComponent().appendingPathComponent("symdiff")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, symdiff.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1)
        #expect(stderr == "symdiff: write error: \(reason)\n")
    }
}
