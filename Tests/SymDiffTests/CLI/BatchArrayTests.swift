// The batch-first arrays of .npz output against derivatives worked out by hand: the Jacobian
// of several formulas, third-order tensors, one variable's stacked derivatives.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

@Suite struct BatchArrayTests {
    /// The `.npz` written for `arguments`, read back.
    static func npz(_ arguments: [String]) throws -> OutputFile {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("values.npz")
        let result = runSymDiff(arguments + ["--out", path])
        try #require(result.status == 0, "\(result.stderr)")
        return try OutputFile(path)
    }

    /// The float64 values of array `name` and its shape.
    static func array(_ file: OutputFile, _ name: String) throws -> (shape: [Int], values: [Double]) {
        let array = try #require(file.arrays[name], "\(name) among \(file.arrays.keys.sorted())")
        #expect(array.descr == "<f8")
        let values = array.data.withUnsafeBytes { raw in
            (0..<(array.data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
        return (array.shape, values)
    }

    @Test func jacobianOfSeveralFormulas() throws {
        let file = try Self.npz(["[x*t, x + t^2]", "--wrt", "x,t", "--grid", "x=-1:1:3,t=0.5:1.5:2"])
        let (x, t) = (try #require(file.columns["x"]), try #require(file.columns["t"]))
        let (shape, values) = try Self.array(file, "jacobian")
        #expect(shape == [6, 2, 2])
        for i in 0..<6 { #expect(Array(values[(4 * i)..<(4 * i + 4)]) == [t[i], x[i], 1, 2 * t[i]]) }
        #expect(file.meta["arrays"]?.contains("jacobian (N, m, d): [i, r, a] is d(formula r)/da") == true)
    }

    /// `x^2 y^3`: every third partial by (x, y), each ordering of the indices alike.
    @Test func thirdOrderTensor() throws {
        let file = try Self.npz(["x^2*y^3", "--wrt", "x,y", "--order", "3", "--at", "x=2,y=3"])
        let (shape, values) = try Self.array(file, "order3")
        #expect(shape == [1, 2, 2, 2])
        let (x, y) = (2.0, 3.0)
        // [xxx, xxy, xyx, xyy, yxx, yxy, yyx, yyy]
        let xxy = 6 * y * y, xyy = 12 * x * y, yyy = 6 * x * x
        #expect(values == [0, xxy, xxy, xyy, xxy, xyy, xyy, yyy])
    }

    /// `sin(x)` to order 4: cos, -sin, -cos, sin side by side.
    @Test func stackedDerivativesOfOneVariable() throws {
        let file = try Self.npz(["sin(x)", "--order", "1:4", "--at", "x=0.5"])
        let (shape, values) = try Self.array(file, "derivatives")
        #expect(shape == [1, 4])
        #expect(values == [cos(0.5), -sin(0.5), -cos(0.5), sin(0.5)])
    }

    /// Variables named like the arrays keep their names; the arrays move aside.
    @Test func arraysNeverTakeAVariablesName() throws {
        let file = try Self.npz(["meta*gradient^2", "--order", "1:2", "--at", "meta=2,gradient=3"])
        #expect(file.columns["gradient"] == [3])
        #expect(file.columns["meta"] == [2])
        #expect(file.arrays["gradient_"] != nil && file.arrays["hessian"] != nil && file.arrays["meta_"] != nil)
    }

    /// `.npz` names of values are Python identifiers (`f_xt`), joined by `_` once a variable's
    /// name is longer than a letter, and never a variable's; `labels` maps them back.
    @Test(arguments: [
        (["x^2*t", "--wrt", "x,t", "--order", "0:2", "--at", "x=2,t=3"], ["f", "f_x", "f_t", "f_xx", "f_xt", "f_tt"]),
        (["x1*x2", "--wrt", "x1,x2", "--order", "1:2", "--at", "x1=2,x2=3"], ["f_x1", "f_x2", "f_x1_x1", "f_x1_x2", "f_x2_x2"]),
        (["[x*y, y]", "--wrt", "x,y", "--at", "x=2,y=3"], ["f1_x", "f1_y", "f2_x", "f2_y"]),
        (["f_x*x", "--wrt", "x", "--at", "x=2,f_x=3"], ["f_x_", "f_x"]),
    ])
    func valueNamesArePythonIdentifiers(_ arguments: [String], _ names: [String]) throws {
        let file = try Self.npz(arguments)
        for name in names {
            #expect(file.arrays[name] != nil, "\(name) among \(file.arrays.keys.sorted())")
            #expect(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        let labels = (file.meta["labels"] ?? "").split(separator: ", ").map { $0.split(separator: "=").first.map(String.init) ?? "" }
        #expect(Set(names).subtracting(["f", "f_x"]).isSubset(of: Set(labels)), "\(file.meta["labels"] ?? "")")
    }

    /// `--array NAME` writes one array of the `.npz` layout as the whole `.npy`: the same shape
    /// and values; a name the request lacks, or `--array` without `.npy`, is an error with no file.
    @Test func oneArrayAsNPY() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let request = ["[x*t, sin(x)*t^2]", "--wrt", "x,t", "--grid", "x=-1:1:3,t=0.5:1.5:2"]
        #expect(runSymDiff(request + ["--out", directory.file("j.npy"), "--array", "jacobian"]).status == 0)
        #expect(runSymDiff(request + ["--out", directory.file("all.npz")]).status == 0)
        let npy = directory.bytes("j.npy")
        let header = try NPY.header(of: npy, at: FileLocation(file: "j.npy"))
        #expect(header.shape == [6, 2, 2] && header.descr == "<f8")
        let jacobian = try Self.array(OutputFile(directory.file("all.npz")), "jacobian")
        #expect(NPY.doubles(npy[...], offset: header.dataOffset, count: 24, stride: 1) == jacobian.values)
        let missing = runSymDiff(request + ["--out", directory.file("h.npy"), "--array", "hessian"])
        #expect(missing.status == 2 && missing.stderr.contains("this request has no array 'hessian'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("its arrays: x, t, f1, f1_x, f1_t, f2, f2_x, f2_t, jacobian"), "\(missing.stderr)")
        let notNPY = runSymDiff(request + ["--out", directory.file("j.csv"), "--array", "jacobian"])
        #expect(notNPY.status == 2 && notNPY.stderr.contains("--array picks the one array a .npy file holds"))
        #expect(directory.contents.sorted() == ["all.npz", "j.npy"])
    }
}
