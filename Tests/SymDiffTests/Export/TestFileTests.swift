// `--emit pytest|unittest`: the generated test passes on the right function and fails, naming
// the worst points, on a wrong one; run with python3 where NumPy (and pytest, PyTorch) are.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct TestFileTests {
    /// A module with a right function, a wrong one (`f_xx` is `cos(x)*t`) and a PyTorch autograd one.
    static let module = """
        import numpy as np

        def right(x, t):
            return {"f": np.sin(x) * t, "f_x": np.cos(x) * t, "f_xx": -np.sin(x) * t, "f_xt": np.cos(x)}

        def wrong(x, t):
            return {"f_x": np.cos(x) * t, "f_xx": np.cos(x) * t}

        def autograd(x, t):
            import torch
            u = torch.sin(x) * t
            (u_x,) = torch.autograd.grad(u.sum(), x, create_graph=True)
            (u_xx, u_xt) = torch.autograd.grad(u_x.sum(), (x, t))
            return {"f": u, "f_x": u_x, "f_xx": u_xx, "f_xt": u_xt}

        """

    /// Writes the test file for `function` and runs `command` (with `$T` the test file) in a
    /// directory holding the module; `nil` when python3 lacks what it needs and the
    /// environment does not require it.
    static func run(_ language: String, _ function: String, arrays: String = "numpy", command: String, needs: String) throws -> BinaryRun? {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("mymodule.py", Array(module.utf8))
        let test = directory.file("test_generated.py")
        let written = runSymDiff([
            "sin(x)*t", "--wrt", "x,t", "--order", "1:2", "--random", "50", "--emit", language, "--test-function", "mymodule:\(function)",
            "--test-arrays", arrays, "--out", test,
        ])
        try #require(written.status == 0, "\(written.stderr)")
        #expect(directory.contents.sorted() == ["mymodule.py", "test_generated.npz", "test_generated.py"])
        let available = try SymDiffBinary.shell("python3 -c 'import \(needs)'", in: URL(fileURLWithPath: directory.path))
        if available.status != 0 {
            let required = needs == "numpy" && ProcessInfo.processInfo.environment["SYMDIFF_REQUIRE_PYTHON_READERS"] == "1"
            try #require(!required, "python3 lacks \(needs): \(available.stderr)")
            print("TestFileTests: skipped, python3 lacks \(needs)")
            return nil
        }
        return try SymDiffBinary.shell(command.replacingOccurrences(of: "$T", with: "test_generated.py"), in: URL(fileURLWithPath: directory.path))
    }

    @Test func unittestPassesAndFails() throws {
        guard let right = try Self.run("unittest", "right", command: "python3 $T", needs: "numpy") else { return }
        #expect(right.status == 0, "\(right.stderr)")
        #expect(right.stderr.contains("OK (skipped=2)"), "\(right.stderr)")
        guard let wrong = try Self.run("unittest", "wrong", command: "python3 $T", needs: "numpy") else { return }
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("f_xx (d2/dx^2 = -t*sin(x)): 50 of 50 compared values disagree"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("theirs") && wrong.stderr.contains("allowed difference"))
    }

    @Test func pytestPassesAndFails() throws {
        guard let right = try Self.run("pytest", "right", command: "python3 -m pytest -q $T", needs: "numpy, pytest") else { return }
        #expect(right.status == 0 && String(decoding: right.stdout, as: UTF8.self).contains("4 passed, 2 skipped"), "\(String(decoding: right.stdout, as: UTF8.self))")
        guard let wrong = try Self.run("pytest", "wrong", command: "python3 -m pytest -q $T", needs: "numpy, pytest") else { return }
        let output = String(decoding: wrong.stdout, as: UTF8.self)
        #expect(wrong.status != 0 && output.contains("1 failed, 1 passed, 4 skipped"), "\(output)")
    }

    @Test func torchAutogradPasses() throws {
        guard let run = try Self.run("unittest", "autograd", arrays: "torch", command: "python3 $T", needs: "numpy, torch") else { return }
        #expect(run.status == 0 && run.stderr.contains("OK (skipped=2)"), "\(run.stderr)")
    }

    /// The reference values go beside the test file: when that is the points file, nothing is written.
    @Test func referenceNeverOverwritesThePoints() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let points = runSymDiff(["x^2", "--at", "x=1", "--out", directory.file("t.npz")])
        try #require(points.status == 0)
        let before = directory.bytes("t.npz")
        let result = runSymDiff(["x^2", "--emit", "pytest", "--test-function", "m:f", "--points", directory.file("t.npz"), "--out", directory.file("t.py")])
        #expect(result.status == 2 && result.stderr.contains("is the same file as --points"), "\(result.stderr)")
        #expect(directory.bytes("t.npz") == before && directory.contents == ["t.npz"])
    }

    /// `x1*x2*...*x70`: its jets to order 2 have C(72, 2) = 2,556 coefficients, above the check's 2,000.
    static let seventyVariables = (1...70).map { "x\($0)" }.joined(separator: "*")

    @Test(arguments: [
        (["x^2", "--emit", "pytest", "--test-function", "m:f", "--out", "t.py"], "it needs points and --out FILE.py"),
        (["x^2", "--emit", "pytest", "--at", "x=1", "--out", "t.py"], "--emit pytest needs --test-function MODULE:FUNCTION"),
        (["x^2", "--emit", "unittest", "--at", "x=1", "--test-function", "m:f", "--out", "t.npz"], "it needs points and --out FILE.py"),
        (["x^2", "--test-function", "nocolon"], "--test-function takes MODULE:FUNCTION"),
        (["x^2", "--test-arrays", "jax"], "--test-arrays is numpy or torch"),
        (["x^2", "--test-function", "m:f", "--at", "x=1"], "--test-function is an option of --emit pytest and --emit unittest"),
        // The reference values are verified: a request too large for that names --emit, not --verify.
        ([Self.seventyVariables, "--order", "2", "--emit", "pytest", "--test-function", "m:f", "--random", "2", "--out", "t.py"],
         "--emit pytest checks its reference values, which would need jets of 2556 coefficients"),
        ([Self.seventyVariables, "--order", "2", "--verify", "--random", "2"], "--verify would need jets of 2556"),
    ])
    func badRequests(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
