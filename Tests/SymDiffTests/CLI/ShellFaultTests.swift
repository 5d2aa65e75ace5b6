// The built binary under the faults a shell can arrange: links, devices, FIFOs, signals, limits.
import Foundation
import Testing

/// One run of the binary through `/bin/sh` in a fresh folder: `script` runs with `$0` the
/// binary; its exit status must be `status`, its stderr must contain `stderr`, and then
/// `after` (a shell condition, in the same folder) must hold.
struct ShellFault: Sendable, CustomTestStringConvertible {
    let name: String
    let script: String
    let status: Int32
    let stderr: String
    let after: String
    var testDescription: String { name }
}

/// Output files, inputs and signals as users meet them (issue 12): nothing the user owns is
/// destroyed, nothing is left behind, every failure has its exit status and message.
@Suite struct ShellFaultTests {
    static let run = "\"$0\" 'x^2' --wrt x --at x=1"
    /// A run that writes a large CSV stream for long enough to be interrupted, then `kill -SIG`
    /// once its temporary file exists. The signals start at their default actions (`env
    /// --default-signal`): a test runner may ignore them, and symdiff keeps ignored signals ignored.
    static func interrupted(_ signal: String) -> String {
        """
        env --default-signal "$0" 'sin(x)*exp(x)*y' --wrt x,y --order 1:2 --random 20000000 --out big.csv & pid=$!
        for i in $(seq 400); do ls -a | grep -q '\\.tmp-' && break; sleep 0.05; done
        kill -\(signal) $pid; wait $pid
        """
    }

    static let cases: [ShellFault] = [
        ShellFault(name: "a link is followed, not replaced", script: "echo old > real.csv; ln -s real.csv link.csv; \(run) --out link.csv",
                   status: 0, stderr: "", after: "test -L link.csv && grep -q '^1.0,1.0,2.0$' real.csv"),
        ShellFault(name: "a replaced file keeps its mode", script: "echo old > m.csv; chmod 600 m.csv; \(run) --out m.csv",
                   status: 0, stderr: "", after: "test \"$(stat -c %a m.csv)\" = 600 && grep -q '^1.0,1.0,2.0$' m.csv"),
        ShellFault(name: "a device is written, not replaced", script: "\(run) --out /dev/null", status: 0, stderr: "", after: "test -c /dev/null"),
        ShellFault(name: "a FIFO is written, not replaced", script: "mkfifo f.csv; cat f.csv > got.csv & \(run) --out f.csv; s=$?; wait; exit $s",
                   status: 0, stderr: "", after: "test -p f.csv && grep -q '^1.0,1.0,2.0$' got.csv"),
        ShellFault(name: "--out the same file as --points", script: "printf 'x\\n1\\n' > p.csv; \"$0\" 'x^2' --wrt x --points p.csv --out p.csv",
                   status: 2, stderr: "the same file as --points", after: "test \"$(cat p.csv)\" = \"$(printf 'x\\n1')\""),
        ShellFault(name: "--out the same file as --file", script: "echo 'x^2' > f.txt; \"$0\" --file f.txt --wrt x --out ./f.txt",
                   status: 2, stderr: "the same file as --file", after: "test \"$(cat f.txt)\" = 'x^2'"),
        ShellFault(name: "--verify --strict that fails writes nothing", script: "\"$0\" 'abs(x)' --wrt x --grid x=-1:1:3 --verify --strict --out s.csv",
                   status: 1, stderr: "s.csv was not written", after: "! test -e s.csv"),
        ShellFault(name: "--format against the --out extension", script: "\(run) --out t.npy --format csv",
                   status: 2, stderr: "disagrees with the extension", after: "! test -e t.npy"),
        ShellFault(name: "--out in a missing folder", script: "\(run) --out nowhere/a.csv", status: 2, stderr: "does not exist", after: "true"),
        ShellFault(name: "--out a folder", script: "mkdir d; \(run) --out d", status: 2, stderr: "names a folder", after: "test -d d"),
        ShellFault(name: "an option given twice", script: "\(run) --order 1 --order 2", status: 2, stderr: "--order is given twice", after: "true"),
        ShellFault(name: "two sources of points", script: "\(run) --grid x=0:1:3", status: 2, stderr: "both give the points", after: "true"),
        ShellFault(name: "--file - with standard input closed", script: "\"$0\" --file - <&-", status: 2, stderr: "cannot read '-'", after: "true"),
        ShellFault(name: "--file /dev/zero stops at the limit", script: "\"$0\" --file /dev/zero", status: 2, stderr: "more than the limit", after: "true"),
        ShellFault(name: "--points /dev/zero is refused at once", script: "\"$0\" x --wrt x --points /dev/zero", status: 2, stderr: "NUL", after: "true"),
        ShellFault(name: "an endless points stream stops at the limit", script: "yes 1 | \"$0\" x --wrt x --points /dev/stdin --max-points 1000",
                   status: 2, stderr: "the most --max-points allows", after: "true"),
        ShellFault(name: "standard error closed while reporting", script: "\"$0\" 'sin(x' 2>&-", status: 2, stderr: "", after: "true"),
        ShellFault(name: "a worker thread that cannot start", script: "ulimit -v 1000000; \(run)", status: 1, stderr: "cannot start", after: "true"),
        ShellFault(name: "SIGTERM leaves no temporary file", script: interrupted("TERM"), status: 143, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
        ShellFault(name: "SIGINT leaves no temporary file", script: interrupted("INT"), status: 130, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
        ShellFault(name: "SIGHUP leaves no temporary file", script: interrupted("HUP"), status: 129, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
    ]

    @Test(arguments: cases)
    func holds(_ fault: ShellFault) throws {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let symdiff = runner.deletingLastPathComponent().appendingPathComponent("symdiff")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, stderr) = try shell(fault.script, argument: symdiff.path, in: folder)
        #expect(status == fault.status, "\(fault.name): stderr \(stderr)")
        #expect(fault.stderr.isEmpty || stderr.contains(fault.stderr), "\(fault.name): stderr \(stderr)")
        #expect(!stderr.contains("crashed") && !stderr.contains("Fatal error"))
        let (checked, _) = try shell(fault.after, argument: symdiff.path, in: folder)
        #expect(checked == 0, "\(fault.name): after the run, \(fault.after) does not hold")
    }

    /// Runs `script` with `/bin/sh` in `folder`; its exit status and stderr.
    private func shell(_ script: String, argument: String, in folder: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, argument]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }
}
