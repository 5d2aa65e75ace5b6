// The built binary under the faults a shell can arrange: links, devices, FIFOs, signals, limits.
import Foundation
import Testing

/// One run of the binary through `/bin/sh` in a fresh folder: `script` runs with `$0` the
/// binary; its exit status must be `status`, its stderr must contain `stderr` (and with
/// status 2, bad input, its stdout must be empty), and then `after` (a shell condition, in
/// the same folder) must hold.
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
    /// Writes `p.npy`: the one point (3, 9, 6) of `x^2` and its derivative at 3, for a run
    /// that reads it back as the three variables of `a+b+c`.
    static let writeNPY = "\"$0\" 'x^2' --at x=3 --out p.npy && "
    /// A run summing the three columns of `p.npy`, read from `source`, into `v.csv`.
    static func sum(_ source: String) -> String { "\"$0\" 'a+b+c' --points \(source) --out v.csv" }
    /// The condition that `v.csv` holds the sum 18.
    static let summed = "grep -q '^3.0,9.0,6.0,18.0,' v.csv"

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
        // Inputs that are not what they seem (issue 12): numbers, non-finite values, ambiguity.
        ShellFault(name: "a hexadecimal number is refused", script: "\"$0\" x --at x=0x10", status: 2, stderr: "'0x10' is not a number", after: "true"),
        ShellFault(name: "a number that rounds to 0 is refused", script: "printf 'x\\n1e-400\\n' > p.csv; \"$0\" x --points p.csv",
                   status: 2, stderr: "p.csv:2:1: value '1e-400' in column 'x' is too small", after: "true"),
        ShellFault(name: "an infinity in a .npy file is refused", script: "\"$0\" '1/x' --at x=0 --out p.npy && \"$0\" 'x*f' --points p.npy --columns x,f,g",
                   status: 2, stderr: "non-finite value inf in column 'f' at row index 0", after: "true"),
        ShellFault(name: "an infinity in a .npz file is refused", script: "\"$0\" '1/x' --at x=0 --out p.npz && \"$0\" 'x*f' --points p.npz",
                   status: 2, stderr: "p.npz(f.npy): byte 128: non-finite value inf in column 'f' at row index 0", after: "true"),
        ShellFault(name: "a .npy header key given twice is refused", script: #"""
            { printf '\223NUMPY\001\000\166\000'; printf "%-117s\n" "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'shape': (2,), }"
              printf '\0\0\0\0\0\0\360\77'; } > k.npy; "$0" x --points k.npy
            """#, status: 2, stderr: "k.npy: byte 66: malformed .npy header: key 'shape' is given twice", after: "true"),
        ShellFault(name: "a column named twice is refused", script: writeNPY + "\"$0\" 'a*b' --points p.npy --columns a,b,a",
                   status: 2, stderr: "column 'a' is named twice", after: "true"),
        // Points from standard input, pipes and FIFOs: read once, bounded.
        ShellFault(name: "--points - reads CSV from standard input", script: "printf 'x\\n2\\n' | \"$0\" 'x^2' --points - --out v.csv",
                   status: 0, stderr: "", after: "grep -q '^2.0,4.0,4.0$' v.csv"),
        ShellFault(name: "--points - reads .npy from standard input", script: writeNPY + "cat p.npy | " + sum("-"),
                   status: 0, stderr: "<stdin> has no column names", after: summed),
        ShellFault(name: "--points /dev/stdin reads a .npy pipe", script: writeNPY + "cat p.npy | " + sum("/dev/stdin"),
                   status: 0, stderr: "/dev/stdin has no column names", after: summed),
        ShellFault(name: "--points <(cmd) reads a .npy pipe", script: writeNPY + "bash -c '\"$0\" a+b+c --points <(cat p.npy) --out v.csv' \"$0\"",
                   status: 0, stderr: "/dev/fd/", after: summed),
        ShellFault(name: "--points a FIFO is opened once",
                   script: writeNPY + "mkfifo f.npy; cat p.npy > f.npy & timeout 60 " + sum("f.npy") + "; s=$?; kill $! 2>/dev/null; wait; exit $s",
                   status: 0, stderr: "f.npy has no column names", after: summed),
        ShellFault(name: "--points - with standard input closed", script: "\"$0\" x --points - <&-",
                   status: 2, stderr: "<stdin>: cannot read the points file: Bad file descriptor", after: "true"),
        ShellFault(name: "--points - and --file - both read standard input", script: "echo x | \"$0\" --file - --points -",
                   status: 2, stderr: "--points - and --file - both read standard input", after: "true"),
        ShellFault(name: "--points - stops at the limit", script: "yes 1 | \"$0\" x --points - --max-points 1000",
                   status: 2, stderr: "the most --max-points allows", after: "true"),
        ShellFault(name: "--points - from /dev/zero is refused at once", script: "\"$0\" x --points - < /dev/zero", status: 2, stderr: "NUL", after: "true"),
        ShellFault(name: "standard error closed while reporting", script: "\"$0\" 'sin(x' 2>&-", status: 2, stderr: "", after: "true"),
        ShellFault(name: "a worker thread that cannot start", script: "ulimit -v 1000000; \(run)", status: 1, stderr: "cannot start", after: "true"),
        ShellFault(name: "values streamed to a full disk", script: "\"$0\" 'sin(x)' --wrt x --random 300000 --format csv > /dev/full",
                   status: 1, stderr: "symdiff: write error: No space left on device", after: "true"),
        ShellFault(name: "JSON streamed to a closed stdout", script: "TMPDIR=. \"$0\" 'sin(x)' --wrt x --random 300000 --format json >&-",
                   status: 1, stderr: "symdiff: write error: Bad file descriptor", after: "test -z \"$(ls -A)\""),
        ShellFault(name: "JSON on stdout with no room for its scratch file",
                   script: "TMPDIR=missing \"$0\" 'sin(x)' --wrt x --random 10 --format json",
                   status: 1, stderr: "symdiff: write error: cannot create the output file", after: "test -z \"$(ls -A)\""),
        ShellFault(name: "a reader that leaves while SIGPIPE is ignored",
                   script: "trap '' PIPE; { \"$0\" 'sin(x)' --wrt x --random 3000000 --format csv; echo $? > s; } | head -c 100 > /dev/null; exit $(cat s)",
                   status: 1, stderr: "", after: "true"),
        ShellFault(name: ".npz to a device that is full", script: "\"$0\" 'sin(x)' --wrt x --random 1000 --format npz --out /dev/full",
                   status: 2, stderr: "No space left on device", after: "true"),
        ShellFault(name: "SIGTERM leaves no temporary file", script: interrupted("TERM"), status: 143, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
        ShellFault(name: "SIGINT leaves no temporary file", script: interrupted("INT"), status: 130, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
        ShellFault(name: "SIGHUP leaves no temporary file", script: interrupted("HUP"), status: 129, stderr: "",
                   after: "! ls -a | grep -q tmp && ! test -e big.csv"),
    ]

    @Test(arguments: cases)
    func holds(_ fault: ShellFault) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try SymDiffBinary.shell(fault.script, in: folder)
        let stdout = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == fault.status, "\(fault.name): stderr \(run.stderr)")
        #expect(fault.stderr.isEmpty || run.stderr.contains(fault.stderr), "\(fault.name): stderr \(run.stderr)")
        #expect(run.status != 2 || stdout.isEmpty, "\(fault.name): stdout \(stdout)")
        #expect(!run.stderr.contains("crashed") && !run.stderr.contains("Fatal error"))
        let checked = try SymDiffBinary.shell(fault.after, in: folder)
        #expect(checked.status == 0, "\(fault.name): after the run, \(fault.after) does not hold")
    }
}
