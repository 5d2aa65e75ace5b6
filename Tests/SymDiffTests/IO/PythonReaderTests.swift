// Symdiff's CSV and .npz files read by NumPy and pandas with their defaults, run where
// python3 has them (CI installs them; elsewhere the test says it was skipped).
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct PythonReaderTests {
    /// Runs `script` with python3; `nil` when NumPy or pandas is missing and the environment
    /// does not require them (`SYMDIFF_REQUIRE_PYTHON_READERS=1`, as `.ci/run` sets).
    static func python(_ script: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && problem.contains("ModuleNotFoundError")
            && ProcessInfo.processInfo.environment["SYMDIFF_REQUIRE_PYTHON_READERS"] != "1"
        {
            print("PythonReaderTests: skipped, python3 lacks NumPy or pandas")
            return nil
        }
        try #require(process.terminationStatus == 0, "\(problem)")
        return text
    }

    /// `numpy.genfromtxt(names=True)` and `pandas.read_csv` with their defaults read every
    /// column and row of a CSV file, metadata and statuses included (the metadata sits in
    /// `PATH.meta.json`, where neither reader looks); `np.load` reads every `.npz` array, even
    /// with variables named like symdiff's own arrays (`f`, `gradient`, `meta`).
    @Test func numpyAndPandasReadTheFiles() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let csv = directory.file("values.csv")
        #expect(runSymDiff(["abs(x)*sin(t)", "--wrt", "x,t", "--grid", "x=-1:1:5,t=0:1:3", "--verify", "--out", csv]).status == 0)
        let npz = directory.file("values.npz")
        #expect(runSymDiff(["f^2*gradient + meta", "--wrt", "f,gradient,meta", "--order", "1:2", "--random", "7", "--out", npz]).status == 0)
        let script = """
            import json, numpy as np, pandas as pd
            a = np.genfromtxt('\(csv)', delimiter=',', names=True, dtype=None, encoding='utf-8')
            p = pd.read_csv('\(csv)')
            meta = json.load(open('\(csv).meta.json'))
            z = np.load('\(npz)', allow_pickle=False)
            print(len(a), len(a.dtype.names), p.shape[0], p.shape[1], ','.join(p.columns), 'status_codes' in meta)
            print(sorted(z.files), z['gradient_'].shape, z['hessian'].shape, json.loads(str(z['meta_']))['variables'])
            """
        guard let output = try Self.python(script) else { return }
        let lines = output.split(separator: "\n")
        #expect(lines.first == "15 11 15 11 x,t,f,d/dx,d/dt,f:status,f:bound,d/dx:status,d/dx:bound,d/dt:status,d/dt:bound True", "\(output)")
        #expect(lines.dropFirst().first?.contains("'f', 'f_'") == true, "\(output)")
        #expect(lines.dropFirst().first?.hasSuffix("(7, 3) (7, 3, 3) f,gradient,meta") == true, "\(output)")
    }
}
