// Issue 5's table of bad input, run through the built binary: every category, every case
// exits 2, prints nothing on stdout and one located message with a caret and a hint.
import Foundation
import Testing

@Suite struct ErrorTableTests {
    /// The table: category, arguments, start of the message, and where it must point.
    /// Columns are 1-based in formulas, 0-based in the quoted argument line.
    static let cases: [ErrorCase] = [
        ErrorCase("empty", [""], "empty formula", at: .formula(line: 1, column: 1)),
        ErrorCase("empty", ["   "], "empty formula", at: .formula(line: 1, column: 1)),
        ErrorCase("empty", ["\n\t "], "empty formula", at: .formula(line: 1, column: 1)),
        ErrorCase("empty", ["--file", "blank.txt"], "empty formula", at: .file("blank.txt:1:1")),
        ErrorCase("empty", [], "no formula given", at: .argument(column: 8)),
        ErrorCase("empty", ["--wrt", "x"], "no formula given", at: .argument(column: 8)),

        ErrorCase("parentheses", ["(x"], "expected ')' to close '(' at 1:1", at: .formula(line: 1, column: 3)),
        ErrorCase("parentheses", ["x)"], "unexpected ')' without a matching '('", at: .formula(line: 1, column: 2)),
        ErrorCase("parentheses", [")x("], "expected an expression, found ')'", at: .formula(line: 1, column: 1)),
        ErrorCase("parentheses", ["()"], "expected an expression after '(', found ')'", at: .formula(line: 1, column: 2)),
        ErrorCase("parentheses", ["sin(x"], "expected ')' to close '(' at 1:4", at: .formula(line: 1, column: 6)),
        ErrorCase("parentheses", ["((x)"], "expected ')' to close '(' at 1:1", at: .formula(line: 1, column: 5)),

        ErrorCase("operators", ["x+"], "expected an expression after '+', found end of formula", at: .formula(line: 1, column: 3)),
        ErrorCase("operators", ["*x"], "expected an expression, found '*'", at: .formula(line: 1, column: 1)),
        ErrorCase("operators", ["x^^2"], "expected an expression after '^', found '^'", at: .formula(line: 1, column: 3)),
        ErrorCase("operators", ["x**^2"], "expected an expression after '**', found '^'", at: .formula(line: 1, column: 4)),
        ErrorCase("operators", ["x*/y"], "expected an expression after '*', found '/'", at: .formula(line: 1, column: 3)),
        ErrorCase("operators", ["/x"], "expected an expression, found '/'", at: .formula(line: 1, column: 1)),

        ErrorCase("unknown function", ["sinn(x)"], "unknown function 'sinn'; did you mean 'sin'?", at: .formula(line: 1, column: 1)),
        ErrorCase("unknown function", ["Sin(x)"], "unknown function 'Sin'; did you mean 'sin'?", at: .formula(line: 1, column: 1)),
        ErrorCase("unknown function", ["x + EXP(x)"], "unknown function 'EXP'; did you mean 'exp'?", at: .formula(line: 1, column: 5)),
        ErrorCase("unknown function", ["foo(x)"], "unknown function 'foo'", at: .formula(line: 1, column: 1)),

        ErrorCase("wrong role", ["sin*x"], "'sin' is a function: write sin(x)", at: .formula(line: 1, column: 1)),
        ErrorCase("wrong role", ["x(2)"], "'x' is not a function", at: .formula(line: 1, column: 1)),
        ErrorCase("wrong role", ["pi(x)"], "'pi' is a constant, not a function", at: .formula(line: 1, column: 1)),
        ErrorCase("wrong role", ["e(x)"], "'e' is a constant, not a function", at: .formula(line: 1, column: 1)),
        ErrorCase("wrong role", ["D(x^2, pi)"], "cannot differentiate with respect to constant 'pi'", at: .formula(line: 1, column: 8)),
        ErrorCase("wrong role", ["u = u + 1; u"], "'u' is used in its own definition", at: .formula(line: 1, column: 5)),

        ErrorCase("arity", ["sin()"], "'sin' takes 1 argument, got 0", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["sin(x, y)"], "'sin' takes 1 argument, got 2", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["atan2(x)"], "'atan2' takes 2 arguments, got 1", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["pow(x)"], "'pow' takes 2 arguments, got 1", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["max(x)"], "'max' takes 2 or more arguments, got 1", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["log(x, 2, 3)"], "'log' takes 1 or 2 arguments, got 3", at: .formula(line: 1, column: 1)),
        ErrorCase("arity", ["hardtanh(x, 1, 2, 3)"], "'hardtanh' takes 1 to 3 arguments, got 4", at: .formula(line: 1, column: 1)),
        ErrorCase("order", ["polygamma(x, y)"], "'polygamma' takes a constant integer order >= 0 as its first argument", at: .formula(line: 1, column: 11)),
        ErrorCase("arity", ["D(x)"], "'D' takes an expression and at least one variable", at: .formula(line: 1, column: 1)),

        ErrorCase("implicit multiplication", ["2x"], "implicit multiplication is not supported", at: .formula(line: 1, column: 2)),
        ErrorCase("implicit multiplication", ["x y"], "implicit multiplication is not supported", at: .formula(line: 1, column: 3)),
        ErrorCase("implicit multiplication", ["sin x"], "expected '(' after function name 'sin'", at: .formula(line: 1, column: 5)),
        ErrorCase("implicit multiplication", ["(x)(y)"], "implicit multiplication is not supported", at: .formula(line: 1, column: 4)),
        ErrorCase("implicit multiplication", ["2 3"], "implicit multiplication is not supported", at: .formula(line: 1, column: 3)),

        ErrorCase("numbers", ["1.2.3"], "number '1.2.3' has a misplaced '.'", at: .formula(line: 1, column: 1)),
        ErrorCase("numbers", ["1e"], "number '1e' has no digits in its exponent", at: .formula(line: 1, column: 1)),
        ErrorCase("numbers", ["1e+"], "number '1e+' has no digits in its exponent", at: .formula(line: 1, column: 1)),
        ErrorCase("numbers", ["x*1e400"], "number '1e400' is out of range", at: .formula(line: 1, column: 3)),
        ErrorCase("numbers", ["1e-400"], "number '1e-400' is too small: it rounds to 0", at: .formula(line: 1, column: 1)),
        ErrorCase("numbers", ["0x1p3"], "hexadecimal number '0x1p3' is not supported", at: .formula(line: 1, column: 1)),
        ErrorCase("numbers", ["."], "expected a digit next to '.'", at: .formula(line: 1, column: 1)),

        ErrorCase("nan and inf", ["nan"], "'nan' literals are not allowed", at: .formula(line: 1, column: 1)),
        ErrorCase("nan and inf", ["inf"], "'inf' literals are not allowed", at: .formula(line: 1, column: 1)),
        ErrorCase("nan and inf", ["NaN*x"], "'NaN' literals are not allowed", at: .formula(line: 1, column: 1)),
        ErrorCase("nan and inf", ["x+Infinity"], "'Infinity' literals are not allowed", at: .formula(line: 1, column: 3)),
        ErrorCase("nan and inf", ["-inf"], "'inf' literals are not allowed", at: .formula(line: 1, column: 2)),

        ErrorCase("encoding", raw: [[0x78, 0x2B, 0xFF]], "formula is not valid UTF-8", at: .formula(line: 1, column: 3)),
        ErrorCase("encoding", ["--file", "badutf8.txt"], "formula is not valid UTF-8", at: .file("badutf8.txt:2:2")),
        ErrorCase("encoding", ["--file", "nul.txt"], "formula contains a NUL byte", at: .file("nul.txt:1:3")),
        ErrorCase("encoding", raw: [Array("x".utf8), Array("--wrt".utf8), [0x78, 0xC3]], "argument 3 is not valid UTF-8", at: .argument(column: 1)),
        ErrorCase("look-alikes", ["x²"], "'x²' is not supported: write x^2", at: .formula(line: 1, column: 2)),
        ErrorCase("look-alikes", ["x·y"], "unsupported character '·' (U+00B7)", at: .formula(line: 1, column: 2)),
        ErrorCase("look-alikes", ["x−1"], "unsupported character '−' (U+2212)", at: .formula(line: 1, column: 2)),
        ErrorCase("look-alikes", ["x+１２"], "unsupported character '１' (U+FF11)", at: .formula(line: 1, column: 3)),
        ErrorCase("look-alikes", ["x\u{00A0}+1"], "unsupported character U+00A0", at: .formula(line: 1, column: 2)),
        ErrorCase("look-alikes", ["θ+1"], "unsupported character 'θ' (U+03B8)", at: .formula(line: 1, column: 1)),

        ErrorCase("identifier length", [String(repeating: "x", count: 257)], "identifier is 257 characters long, more than the limit of 256", at: .formula(line: 1, column: 1)),
        ErrorCase("identifier length", ["abcd+1", "--max-identifier-length", "3"], "identifier is 4 characters long, more than the limit of 3", at: .formula(line: 1, column: 1)),

        ErrorCase("injection", ["__import__(\"os\")"], "unknown function '__import__'", at: .formula(line: 1, column: 1)),
        ErrorCase("injection", ["$(id)"], "unexpected character '$' (U+0024)", at: .formula(line: 1, column: 1)),
        ErrorCase("injection", ["x; rm -rf /"], "expected end of formula, found 'rm'", at: .formula(line: 1, column: 4)),
        ErrorCase("injection", ["`touch pwned`"], "unexpected character '`' (U+0060)", at: .formula(line: 1, column: 1)),
        ErrorCase("injection", ["x; touch pwned"], "expected end of formula, found 'touch'", at: .formula(line: 1, column: 4)),
        ErrorCase("injection", ["x & y"], "unexpected character '&' (U+0026)", at: .formula(line: 1, column: 3)),
        ErrorCase("injection", ["x' OR '1'='1"], "unexpected character ''' (U+0027)", at: .formula(line: 1, column: 2)),

        ErrorCase("arguments", ["x", "--bogus"], "unknown option '--bogus'", at: .argument(column: 0)),
        ErrorCase("arguments", ["x", "--order", "-1"], "--order takes an integer from 0 to 1000, got '-1'", at: .argument(column: 8)),
        ErrorCase("arguments", ["x", "--order", "1e9"], "--order takes an integer from 0 to 1000, got '1e9'", at: .argument(column: 8)),
        ErrorCase("arguments", ["x", "--order", "1:x"], "--order takes an integer from 1 to 1000, got 'x'", at: .argument(column: 10)),
        ErrorCase("arguments", ["x", "--order"], "--order needs a value", at: .argument(column: 0)),
        ErrorCase("arguments", ["x*y", "--wrt=", "y"], "--wrt needs a value", at: .argument(column: 6)),
        ErrorCase("arguments", ["x", "--out", ""], "--out needs a value", at: .argument(column: 5)),
        ErrorCase("arguments", ["x", "--wrt", "1x"], "'1x' is not a variable name", at: .argument(column: 6)),
        ErrorCase("arguments", ["x*y", "--wrt", "x,y,x"], "'x' is listed twice", at: .argument(column: 10)),
        ErrorCase("arguments", ["x*y", "--at", "x=1,y=2,x=3"], "'x' is given twice", at: .argument(column: 13)),
        ErrorCase("arguments", ["x", "--format", "xml"], "unknown format 'xml'", at: .argument(column: 9)),
        ErrorCase("arguments", ["x", "--threads", "0"], "--threads takes an integer from 1 to 1024, got '0'", at: .argument(column: 10)),
        ErrorCase("arguments", ["x", "--file", "missing.txt"], "cannot read 'missing.txt': no such file", at: .argument(column: 7)),
        ErrorCase("arguments", ["--file", "-", "--points", "-"], "--points - and --file - both read standard input", at: .argument(column: 9)),

        ErrorCase("numbers", ["x", "--at", "x=0x10"], "'0x10' is not a number", at: .argument(column: 7)),
        ErrorCase("numbers", ["x", "--range", "x=1e-400:1", "--random", "3"], "'1e-400' is too small: it rounds to 0", at: .argument(column: 10)),
        ErrorCase("numbers", ["x", "--grid", "x=0:1e999:3"], "'1e999' is not a finite number", at: .argument(column: 11)),
        ErrorCase("numbers", ["x", "--random", "0x10"], "expected a whole number of points of at least 1, found '0x10'", at: .argument(column: 9)),
        ErrorCase("numbers", ["x*y", "--points", "hex.csv"], "hex.csv:2:3: non-numeric value '0x10' in column 'y'", at: .file("hex.csv:2:3")),
        ErrorCase("numbers", ["x*y", "--points", "tiny.csv"], "tiny.csv:2:1: value '1e-400' in column 'x' is too small", at: .file("tiny.csv:2:1")),
        ErrorCase("numbers", ["x*y", "--points", "nan.npy"], "nan.npy: byte 168: non-finite value nan in column 'y' at row index 2", at: .binary("nan.npy", byte: 168)),
        ErrorCase("numbers", ["x*y", "--points", "inf.npz"], "inf.npz(y.npy): byte 144: non-finite value inf in column 'y' at row index 2", at: .binary("inf.npz(y.npy)", byte: 144)),

        ErrorCase("ambiguity", ["x*y", "--points", "twice.npz"], "twice.npz: byte 663: archive has two entries named 'x.npy'", at: .binary("twice.npz", byte: 663)),
        ErrorCase("ambiguity", ["x*y", "--points", "key.npy"], "key.npy: byte 68: malformed .npy header: key 'shape' is given twice", at: .binary("key.npy", byte: 68)),
        ErrorCase("ambiguity", ["x*y", "--points", "nan.npy", "--columns", "x,x"], "column 'x' is named twice", at: .argument(column: 12)),

        ErrorCase("points file", ["x*y", "--points", "missing.csv"], "missing.csv: cannot read the points file", at: .file("missing.csv")),
        ErrorCase("points file", ["x*y", "--points", "nocol.csv"], "nocol.csv:1:1: points file has no column 'x'", at: .file("nocol.csv:1:1")),
        ErrorCase("points file", ["x*y", "--points", "ragged.csv"], "ragged.csv:3:2: row has 1 field, the header has 2", at: .file("ragged.csv:3:2")),
        ErrorCase("points file", ["x*y", "--points", "nonnumeric.csv"], "nonnumeric.csv:3:3: non-numeric value 'abc' in column 'y'", at: .file("nonnumeric.csv:3:3")),
        ErrorCase("points file", ["x*y", "--points", "nonfinite.csv"], "nonfinite.csv:2:3: non-finite value 'nan' in column 'y'", at: .file("nonfinite.csv:2:3")),
        ErrorCase("points file", ["x*y", "--points", "empty.csv"], "empty.csv:1:1: points file is empty", at: .file("empty.csv:1:1")),
        ErrorCase("points file", ["x*y", "--points", "dupcol.csv"], "dupcol.csv:1:5: column 'x' appears twice in the header", at: .file("dupcol.csv:1:5")),
        ErrorCase("points file", ["x*y", "--points", "f32.npy"], "f32.npy: byte 20: dtype '<f4': float32 is not supported", at: .binary("f32.npy", byte: 20)),
        ErrorCase("points file", ["x*y", "--points", "i8.npy"], "i8.npy: byte 20: dtype '<i8' is not supported", at: .binary("i8.npy", byte: 20)),
        ErrorCase("points file", ["x*y", "--points", "short.npy"], "short.npy: byte 168: file is truncated: expected 48 bytes of data, found 40", at: .binary("short.npy", byte: 168)),
        ErrorCase("points file", ["x*y", "--points", "long.npy"], "long.npy: byte 176: 8 unexpected bytes after the array data", at: .binary("long.npy", byte: 176)),
        ErrorCase("points file", ["x*y", "--points", "v4.npy"], "v4.npy: byte 6: unsupported .npy format version 4.0", at: .binary("v4.npy", byte: 6)),
        ErrorCase("points file", ["x*y", "--points", "header.npy"], "header.npy: byte 67: malformed .npy header: expected a value, found '}'", at: .binary("header.npy", byte: 67)),
        ErrorCase("points file", ["x*y", "--points", "cut.npz"], "cut.npz: byte 100: not a valid .npz (zip) archive: no end of central directory record", at: .binary("cut.npz", byte: 100)),
        ErrorCase("points file", ["x*y", "--points", "crc.npz"], "crc.npz: byte 35: corrupt archive entry 'x.npy': CRC-32 mismatch", at: .binary("crc.npz", byte: 35)),
        ErrorCase("points file", ["x*y", "--points", "len.npz"], "len.npz(y.npy): byte 60: array 'y' has 2 values, 'x' has 3", at: .binary("len.npz(y.npy)", byte: 60)),
        ErrorCase("points file", ["x*y", "--points", "f32.npz"], "f32.npz(x.npy): byte 20: dtype '<f4': float32 is not supported", at: .binary("f32.npz(x.npy)", byte: 20)),

        ErrorCase("formula file", ["--file", "line2.txt"], "unknown function 'sinn'; did you mean 'sin'?", at: .file("line2.txt:2:3")),
        ErrorCase("formula file", ["x", "--file", "line2.txt"], "unknown function 'sinn'; did you mean 'sin'?", at: .file("line2.txt:2:3")),

        ErrorCase("limits", ["((x))", "--max-depth", "1"], "formula is nested more than 1 levels deep", at: .formula(line: 1, column: 2)),
        ErrorCase("limits", ["x+y+z", "--max-formula-bytes", "4"], "formula is 5 bytes, more than the limit of 4 bytes", at: .formula(line: 1, column: 1)),
        ErrorCase("limits", ["sin(x)", "--order", "3", "--max-nodes", "5"], "the expression graph would exceed the limit of 5 nodes", at: .formula(line: 1, column: 1)),
        ErrorCase("limits", ["x*y", "--order", "2", "--max-partials", "2"], "3 partial derivatives requested, more than the limit of 2", at: .argument(column: 8)),
        ErrorCase("limits", ["D(x^5, x, 4)", "--max-order", "3"], "derivative order 4 is more than the limit of 3", at: .formula(line: 1, column: 11)),
        ErrorCase("limits", ["sin(x)", "--max-output-bytes", "11"], "the printed output would exceed the limit of 11 bytes", at: .formula(line: 1, column: 1)),
        ErrorCase("limits", ["x", "--random", "11", "--max-points", "10"], "11 points are more than the limit of 10", at: .argument(column: 9)),
    ]

    @Test func tableCoversEveryCategoryOfTheIssue() {
        let categories = Set(Self.cases.map(\.category))
        #expect(categories.count >= 15, "\(categories.sorted())")
        for category in categories {
            #expect(Self.cases.count { $0.category == category } >= 1)
        }
    }

    /// Every case through the binary, one after another, with the slowest time printed; each
    /// run must end (the hang guard kills it after a minute) and take under 10 s.
    @Test func everyCaseFailsCleanly() throws {
        let directory = try ErrorCaseFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var slowest = (seconds: 0.0, name: "")
        for c in Self.cases {
            let run = try SymDiffBinary.run(raw: c.arguments, in: directory)
            c.check(run)
            #expect(run.seconds < 10, "\(c) took \(run.seconds) s")
            if run.seconds > slowest.seconds { slowest = (run.seconds, c.description) }
        }
        // The injection cases must be inert: nothing was run, nothing was created.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("pwned").path))
        print("ErrorTableTests: \(Self.cases.count) cases, slowest \(String(format: "%.3f", slowest.seconds)) s: \(slowest.name)")
    }
}
