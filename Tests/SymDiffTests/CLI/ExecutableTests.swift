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
