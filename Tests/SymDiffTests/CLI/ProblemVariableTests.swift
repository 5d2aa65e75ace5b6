// Variables named in --wrt that the formula does not use: variables of the problem, given
// points by every option, with partials 0.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

@Suite struct ProblemVariableTests {
    /// The problem's variables: `--wrt` in its order, then the other free variables in order of
    /// first appearance.
    @Test(arguments: [
        ("sin(x2)*x1^2", nil, ["x2", "x1"]),
        ("sin(x2)*x1^2", ["x1", "x2"], ["x1", "x2"]),
        ("exp(-x^2)", ["x", "t"], ["x", "t"]),
        ("x*y", ["z"], ["z", "x", "y"]),
        ("y*x + w", ["t", "x"], ["t", "x", "y", "w"]),
        ("2", ["x"], ["x"]),
    ] as [(String, [String]?, [String])])
    func pointVariables(_ formula: String, _ wrt: [String]?, _ expected: [String]) throws {
        let d = try Derivatives(DerivativeRequest(formulas: [formula], variables: wrt))
        #expect(d.pointVariables == expected)
    }

    /// Points for `x` and `t` of `exp(-x^2)` differentiated by both, in every way points are
    /// given: the values at every point are those of `exp(-x^2)`, every partial by `t` is 0,
    /// and the note stays (with, for a `.npy` array without `--columns`, the note on its order).
    @Test(arguments: [
        ["--at", "x=1,t=0.5"],
        ["--grid", "x=-1:1:3,t=0:1:2"],
        ["--random", "5", "--range", "x=-2:2,t=5:6"],
        ["--points", "xt.csv"],
        ["--points", "xt.npy"],
        ["--points", "xt.npz"],
        ["--points", "tx.npy", "--columns", "t,x"],
    ])
    func unusedVariableTakesPoints(_ points: [String]) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try "x,t\n1,0.5\n2,0.25\n".write(toFile: directory.file("xt.csv"), atomically: true, encoding: .utf8)
        directory.write("xt.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2, 2)"), [1, 0.5, 2, 0.25]))
        directory.write("tx.npy", IONumPyReaderTests.npy(IONumPyReaderTests.dict(shape: "(2, 2)"), [0.5, 1, 0.25, 2]))
        try OutputTable(points: PointSet(names: ["x", "t"], columns: [[1, 2], [0.5, 0.25]]), results: [])
            .write(to: directory.file("xt.npz"))
        let arguments = ["exp(-x^2)", "--wrt", "x,t", "--order", "1:2", "--format", "csv"]
            + points.map { $0.hasSuffix(".csv") || $0.hasSuffix(".npy") || $0.hasSuffix(".npz") ? directory.file($0) : $0 }
        let result = runSymDiff(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let unnamed = points == ["--points", "xt.npy"]
            ? "note: \(directory.file("xt.npy")) has no column names; reading its columns as x,t (the --wrt order); name them with --columns\n"
            : ""
        #expect(result.stderr == "note: 't' does not occur in the formula; its derivatives are 0\n" + unnamed)
        let lines = result.stdout.split(separator: "\n")[...]
        #expect(lines.first == "x,t,f,d/dx,d/dt,d2/dx^2,d2/dxdt,d2/dt^2")
        for row in lines.dropFirst().map({ $0.split(separator: ",").map { Double($0)! } }) {
            let (x, t) = (row[0], row[1])
            let f = exp(-x * x)
            let expected = [f, -2 * x * f, 0, (4 * x * x - 2) * f, 0, 0]
            #expect(zip(row[2...], expected).allSatisfy { ulps($0, $1) <= 4 }, "at x=\(x), t=\(t): \(row)")
            #expect([row[4], row[6], row[7]] == [0, 0, 0])
            if points[0] == "--random" { #expect((5..<6).contains(t)) }
        }
    }

    /// Every partial of every order, mixed ones included, by a variable the formula does not
    /// use is 0: the columns not listed are 0.
    @Test(arguments: [
        ("0:3", 1 + 3 + 6 + 10, ["f": 6, "d/dx": 3, "d/dy": 2, "d2/dxdy": 1]),
        ("4", 15, [:]),
        ("2", 6, ["d2/dxdy": 1]),
    ] as [(String, Int, [String: Double])])
    func everyOrderOfAnUnusedVariableIsZero(_ order: String, _ columns: Int, _ nonzero: [String: Double]) throws {
        let result = runSymDiff(["x*y", "--wrt", "x,y,z", "--order", order, "--at", "x=2,y=3,z=5", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let names = lines.first!.split(separator: ",").map(String.init)
        let row = lines.dropFirst().first!.split(separator: ",").map { Double($0)! }
        #expect(names.count == 3 + columns + (order.hasPrefix("0") ? 0 : 1))
        #expect(row.prefix(3) == [2, 3, 5])
        for (name, value) in zip(names.dropFirst(3), row.dropFirst(3)) where name != "f" || nonzero["f"] != nil {
            #expect(value == nonzero[name, default: 0], "\(name)")
        }
    }

    /// With `--verify` too (PyTorch's `allow_unused` case, which once crashed the check): the
    /// partials by the unused `z` are 0 and `ok`, and every value agrees.
    @Test(arguments: [("x*y", "1:2"), ("x*y", "3"), ("abs(x)*y", "1:2")])
    func unusedVariableIsVerified(_ formula: String, _ order: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let out = directory.file("v.json")
        let result = runSymDiff([formula, "--wrt", "x,y,z", "--order", order, "--random", "20", "--range", "x=-1:1", "--verify", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("; all ok values agree\n"))
        let file = try OutputFile(out)
        #expect(file.columns.keys.contains { $0.contains("dz") })
        for (name, values) in file.columns where name.contains("dz") {
            #expect(values == Array(repeating: 0, count: 20), "\(name)")
            #expect(file.json[name]?["status"] as? [String] == Array(repeating: "ok", count: 20), "\(name)")
        }
    }

    /// A value for a variable that is neither in the formula nor in `--wrt` is refused,
    /// with a caret under it and the way to make it a variable.
    @Test func valueForAnUnlistedVariableIsAnError() {
        let result = runSymDiff(["exp(-x^2)", "--grid", "x=-1:1:7,t=0:1:2"])
        #expect(result.status == Invocation.usageError && result.stdout == "")
        #expect(result.stderr == """
            error: 't' is not a variable of the formula or of --wrt (variables: x)
              --grid x=-1:1:7,t=0:1:2
                              ^
              hint: list 't' in --wrt to make it a variable, or give no value for it

            """)
    }
}
