// The built `symdiff` binary as a subprocess: exit status and streams as a shell sees them.
import Foundation
import Testing

/// Runs the binary with `arguments`; returns status, stdout, stderr.
private func run(_ arguments: [String]) throws -> (Int32, String, String) {
    let result = try SymDiffBinary.run(arguments)
    return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
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
        let folder = FileManager.default.temporaryDirectory
        let result = try SymDiffBinary.shell(script, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "symdiff: write error: \(reason)\n")
    }
}
