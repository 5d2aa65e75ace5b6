// `--points -` through the built binary: standard input gives what the same file gives.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct StandardInputPointsTests {
    /// The same two points of x, t in each format.
    static let files: [String: [UInt8]] = [
        "p.csv": Array("x,t\n0.5,-2\n1e-3,3.25\n".utf8),
        "p.npy": IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2, 2)"), [0.5, -2, 1e-3, 3.25]),
        "p.npz": ErrorCaseFiles.zip([
            ("x.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2,)"), [0.5, 1e-3])),
            ("t.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2,)"), [-2, 3.25])),
        ]),
    ]

    /// The CSV values and the stderr are those of the file, but for how the metadata names
    /// the points and the note names the array.
    @Test(arguments: files.keys.sorted()) func standardInputReadsAsTheFile(_ name: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(name, try #require(Self.files[name]))
        let arguments = ["sin(x)*t^2", "--wrt", "x,t", "--order", "1:2", "--format", "csv"]
        let file = try SymDiffBinary.run(arguments + ["--points", name], in: URL(fileURLWithPath: directory.path))
        let stdin = try SymDiffBinary.run(arguments + ["--points", "-"], stdin: Data(directory.bytes(name)))
        #expect(file.status == 0 && stdin.status == 0, "\(stdin.stderr)")
        let expected = String(decoding: file.stdout, as: UTF8.self).replacing("\"points\": \"file \(name)\"", with: "\"points\": \"standard input\"")
        #expect(String(decoding: stdin.stdout, as: UTF8.self) == expected)
        #expect(stdin.stderr == file.stderr.replacing("\(name) has no column names", with: "<stdin> has no column names"))
        #expect(stdin.stderr.contains("<stdin> has no column names") == (name == "p.npy"))
    }
}
