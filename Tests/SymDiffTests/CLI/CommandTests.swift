// The command line end to end, in-process: outputs, notes, and every kind of bad input.
import Foundation
import Testing
@testable import SymDiffCommand

/// Runs symdiff in-process; `files` stands in for the file system and standard input.
func symdiff(_ arguments: String..., files: [String: Data] = [:]) -> Invocation {
    runSymDiff(arguments) { path, _ in
        guard let data = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return data
    }
}

@Suite struct CommandTests {
    @Test(arguments: [
        (["x1^2*sin(x2)", "--wrt", "x1,x2"], "f = x1^2*sin(x2)\nd/dx1 = 2*x1*sin(x2)\nd/dx2 = x1^2*cos(x2)\n"),
        (["x1^2*sin(x2)", "--wrt", "x1,x2", "--order", "2"],
         "f = x1^2*sin(x2)\nd2/dx1^2 = 2*sin(x2)\nd2/dx1dx2 = 2*x1*cos(x2)\nd2/dx2^2 = -x1^2*sin(x2)\n"),
        (["D(exp(-x^2), x) + 2*x*exp(-x^2)"], "f = 0\nd/dx = 0\n"),
        (["x^4", "--wrt", "x", "--order", "5"], "f = x^4\nd5/dx^5 = 0\n"),
        (["-x^2", "--order=1"], "f = -x^2\nd/dx = -2*x\n"),
        (["x*y", "x+y", "--wrt", "x"], "f = x*y\nd/dx = y\n\nf = x + y\nd/dx = 1\n"),
        (["--", "-x"], "f = -x\nd/dx = -1\n"),
        (["sin(x)", "--order", "0"], "f = sin(x)\n"),
        (["x^3", "--order", "1:2"], "f = x^3\nd/dx = 3*x^2\nd2/dx^2 = 6*x\n"),
    ])
    func output(_ arguments: [String], _ expected: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        #expect(result.stderr == "")
    }

    @Test func variableThatDoesNotOccurIsANote() {
        let result = symdiff("x^2", "--wrt", "x,z")
        #expect(result.status == 0)
        #expect(result.stdout == "f = x^2\nd/dx = 2*x\nd/dz = 0\n")
        #expect(result.stderr == "note: 'z' does not occur in the formula; its derivatives are 0\n")
    }

    /// Bad input of every kind: status 2, nothing on stdout, one message with a marker line.
    @Test(arguments: [
        (["sinn(x)"], "error: unknown function 'sinn'; did you mean 'sin'?"),
        (["x1^2*sin(x2"], "error: expected ')' to close '(' at 1:9"),
        (["2x"], "implicit multiplication"),
        ([""], "error: empty formula"),
        (["x+"], "error:"),
        (["x²"], "'x²' is not supported: write x^2"),
        (["nan*x"], "error:"),
        (["x", "--wrtt", "x"], "error: unknown option '--wrtt'"),
        (["x", "--order", "-1"], "error: --order takes an integer from 0 to 1000, got '-1'"),
        (["x", "--order", "1e9"], "error: --order takes an integer"),
        (["x", "--order", "2:1"], "error: --order takes an integer from 2 to 1000, got '1'"),
        (["x", "--order", "1:2:3"], "error: --order takes N or LOW:HIGH, got '1:2:3'"),
        (["x", "--order"], "error: --order needs a value"),
        (["x", "--wrt", "1x"], "error: '1x' is not a variable name"),
        (["x", "--wrt", "x,x"], "error: 'x' is listed twice"),
        (["x", "--wrt", "pi"], "error: 'pi' is a constant, not a variable"),
        (["u = x^2; u", "--wrt", "u"], "error: 'u' is a let-bound name, not a free variable"),
        (["x", "--format", "xml"], "error: unknown format 'xml'"),
        (["x", "--stats=yes"], "error: --stats takes no value"),
        ([], "error: no formula given"),
        (["x", "--file", "missing.txt"], "error: cannot read 'missing.txt'"),
        (["x^2", "--order", "3", "--max-order", "2"], "error: --order takes an integer from 0 to 2, got '3'"),
        (["x1*x2*x3", "--order", "3", "--max-partials", "5"], "error: 10 partial derivatives requested, more than the limit of 5"),
    ])
    func badInput(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments, readFile: { _, _ in throw CocoaError(.fileNoSuchFile) })
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message), "stderr was:\n\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: ") || result.stderr.hasPrefix("in formula"))
    }

    @Test func formulaFromFileAndStandardInput() {
        let result = symdiff("--file", "f.txt", "--file", "-", "--wrt", "x", files: ["f.txt": Data("x^3\n".utf8), "-": Data("sin(x)".utf8)])
        #expect(result.stdout == "f = x^3\nd/dx = 3*x^2\n\nf = sin(x)\nd/dx = cos(x)\n")
        let invalid = symdiff("--file", "bad.txt", files: ["bad.txt": Data([0x78, 0xFF, 0x2B])])
        #expect(invalid.status == 2 && invalid.stderr.contains("not valid UTF-8"))
        let stdin = symdiff("--file", "-", files: ["-": Data("x +\n 2y".utf8)])
        #expect(stdin.status == 2 && stdin.stderr.contains("  --> <stdin>:2:3\n"), "\(stdin.stderr)")
        let nul = symdiff("--file", "nul.txt", files: ["nul.txt": Data([0x78, 0x00])])
        #expect(nul.status == 2 && nul.stderr.hasPrefix("error: formula contains a NUL byte\n  --> nul.txt:1:2\n"))
    }

    @Test func jsonFollowsTheContract() throws {
        let result = symdiff("x1^2*sin(x2)", "--wrt", "x1,x2", "--format", "json")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["variables"] as? [String] == ["x1", "x2"])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results[0]["function"] as? String == "x1^2*sin(x2)")
        let derivatives = try #require(results[0]["derivatives"] as? [[String: Any]])
        #expect(derivatives.map { $0["wrt"] as? [String] } == [["x1"], ["x2"]])
        #expect(derivatives.map { $0["expression"] as? String } == ["2*x1*sin(x2)", "x1^2*cos(x2)"])
    }

    @Test func helpAndVersion() {
        let help = symdiff("--help")
        #expect(help.status == 0 && help.stdout.contains("EXAMPLES") && help.stdout.contains("--max-depth"))
        #expect(symdiff("-h").stdout == help.stdout)
        #expect(symdiff("--version").stdout == "symdiff \(symdiffVersion)\n")
    }

    @Test func statsAndTraceGoToStandardError() {
        let result = symdiff("sin(x)^2 + cos(x)^2 + x", "--stats", "--trace")
        #expect(result.stdout == "f = x + 1\nd/dx = 1\n")
        #expect(result.stderr.contains("trace: pythagorean fired 1 time(s)"))
        #expect(result.stderr.contains("stats: nodes: function"))
        #expect(result.stderr.contains("stats: time: parse"))
        #expect(result.stderr.contains("stats: memory: peak resident"))
    }

    /// Text a user typed or a file held is echoed with its control characters as pictures:
    /// an escape sequence in an argument cannot recolour or clear the user's terminal.
    @Test(arguments: [
        ["x", "--wrt", "a\u{1B}[31mb"], ["x", "--points", "p\u{1B}[2J.csv"], ["x", "--out", "/nowhere\u{1B}[2J/a.csv"],
        ["x", "--bad\u{1B}[1m"], ["x", "--at", "x=1\u{1B}[1m"], ["--file", "f\u{1B}]0;title\u{7}.txt"],
        ["x\u{1B}[31m+1"], ["x", "--wrt", "x\u{7F}"],
    ])
    func controlCharactersAreNeverEchoedRaw(_ arguments: [String]) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2)
        let raw = result.stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(raw.isEmpty, "\(result.stderr)")
        #expect(result.stderr.contains("\u{241B}") || result.stderr.contains("\u{2421}") || result.stderr.contains("U+001B"), "\(result.stderr)")
    }

    /// With points, `--stats` times each phase that ran: reading or making points, evaluating
    /// (inside the check with `--verify`), checking, writing.
    @Test(arguments: [(["--random", "1000", "--format", "csv"], ["points", "evaluate", "write"], ["verify"]),
                      (["--random", "1000", "--format", "csv", "--verify"], ["points", "verify", "write"], ["evaluate"])])
    func statsTimeEachPhase(_ options: [String], _ present: [String], _ absent: [String]) throws {
        let result = runSymDiff(["sin(x)", "--stats"] + options)
        let line = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("stats: time:") })
        for phase in present { #expect(line.contains(", \(phase) "), "\(line)") }
        for phase in absent { #expect(!line.contains(", \(phase) "), "\(line)") }
        #expect(line.contains("all values"))
    }

    /// Same input, same bytes.
    @Test func outputIsDeterministic() {
        let arguments = ["x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)", "--order", "2", "--format", "json"]
        #expect(runSymDiff(arguments).stdout == runSymDiff(arguments).stdout)
    }
}
