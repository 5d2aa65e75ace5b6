// Same input, same bytes, through the binary; and an error never leaves a file behind.
import Foundation
import Testing

@Suite struct ReproducibilityTests {
    static let formula = "x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)"

    /// Runs that print or write: each is run twice, in two fresh directories, and must give
    /// the same stdout and the same file bytes.
    static let runs: [(arguments: [String], file: String?)] = [
        ([formula, "--order", "1:2"], nil),
        ([formula, "--order", "2", "--format", "json"], nil),
        ([formula, "--order", "2", "--format", "graph"], nil),
        (["sin(sin(sin(sin(sin(sin(x))))))", "--order", "6"], nil),
        ([formula, "--order", "1:2", "--random", "50", "--seed", "7", "--range", "x1=-1:1,x2=0:3", "--format", "csv"], nil),
        ([formula, "--order", "1:2", "--random", "50", "--seed", "7", "--out", "ref.npz"], "ref.npz"),
        ([formula, "--order", "1:2", "--random", "50", "--seed", "7", "--out", "ref.csv"], "ref.csv"),
        ([formula, "--order", "1:2", "--random", "50", "--seed", "7", "--out", "ref.json"], "ref.json"),
        ([formula, "--order", "1", "--random", "50", "--seed", "7", "--out", "ref.npy"], "ref.npy"),
        ([formula, "--grid", "x1=-1:1:5,x2=0:1:3", "--out", "grid.npz"], "grid.npz"),
    ]

    @Test(arguments: runs.indices)
    func sameInputSameBytes(_ i: Int) throws {
        let (arguments, file) = Self.runs[i]
        var outputs: [(Data, Data?)] = []
        for _ in 0..<2 {
            let directory = try Self.freshDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let run = try SymDiffBinary.run(arguments, in: directory)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let written = try file.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
            if file != nil { #expect(run.stdout.isEmpty) } else { #expect(!run.stdout.isEmpty) }
            outputs.append((run.stdout, written))
        }
        #expect(outputs[0].0 == outputs[1].0, "stdout differs: \(arguments)")
        #expect(outputs[0].1 == outputs[1].1, "file differs: \(arguments)")
        if let written = outputs[0].1 { #expect(written.count > 100) }
    }

    /// Failing runs that name an output file: the file is not created (or an existing one is
    /// kept as it was) and no temporary file is left in the directory.
    @Test(arguments: [
        ["x1*x2", "--points", "bad.csv", "--out", "out.npz"],
        ["x1*x2", "--points", "bad.csv", "--out", "out.csv"],
        ["x1*x2", "--random", "10", "--max-output-bytes", "3", "--out", "out.json"],
        ["x1*x2", "--random", "10", "--max-output-bytes", "3", "--out", "out.csv"],
        ["x1*x2", "--random", "10", "--out", "existing"],
        ["sin(x1", "--random", "10", "--out", "out.npy"],
    ])
    func errorsLeaveNoFile(_ arguments: [String]) throws {
        let directory = try Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x1,x2\n1,2\n3,oops\n".utf8).write(to: directory.appendingPathComponent("bad.csv"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("existing"), withIntermediateDirectories: false)
        let before = try Set(FileManager.default.contentsOfDirectory(atPath: directory.path))
        let run = try SymDiffBinary.run(arguments, in: directory)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: "), "\(run.stderr)")
        let after = try Set(FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(after == before, "\(arguments) left \(after.subtracting(before).sorted())")
    }

    static func freshDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
