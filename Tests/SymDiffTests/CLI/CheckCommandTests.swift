// `symdiff check` on arrays an autograd run could write: right ones pass, each classic mistake
// fails with its diagnosis, and bad requests are errors with the layouts listed.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand

/// The sample points of the tests: 40 points of (x, t) in [-1, 1] x [0.1, 1], none at 0.
private let xs = (0..<40).map { -0.975 + 0.05 * Double($0) }
private let ts = (0..<40).map { 0.1 + 0.9 * Double(($0 * 7) % 40) / 40 }

/// u = x^2 sin(t) by hand: its gradient and Hessian at point i.
private func gradient(_ i: Int) -> [Double] { [2 * xs[i] * sin(ts[i]), xs[i] * xs[i] * cos(ts[i])] }
private func hessian(_ i: Int) -> [Double] {
    let mixed = 2 * xs[i] * cos(ts[i])
    return [2 * sin(ts[i]), mixed, mixed, -xs[i] * xs[i] * sin(ts[i])]
}

/// A `.npy` file of `values` with `shape`, float64 or float32.
private func npy(shape: [Int], _ values: [Double], single: Bool = false) -> [UInt8] {
    let data: [UInt8] = single
        ? values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: Float(v).bitPattern >> (8 * $0)) } }
        : values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
    return NPY.header(descr: single ? "<f4" : "<f8", shape: shape) + data
}

@Suite struct CheckCommandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// The array the user's code wrote.
        var array: @Sendable () -> [UInt8]
        var status: Int32
        /// Text the report (stdout for 0 and 1, stderr for 2) must contain.
        var says: [String]
        var testDescription: String { name }
    }

    /// The arrays of the cases, each built by a function of its own (one expression of them all
    /// is too much for the type checker).
    static func rightHessian() -> [UInt8] { npy(shape: [40, 2, 2], (0..<40).flatMap(hessian)) }
    static func float32Gradient() -> [UInt8] { npy(shape: [40, 2], (0..<40).flatMap(gradient), single: true) }
    static func doubledMixedPartial() -> [UInt8] {
        let values: [Double] = (0..<40).flatMap { i in hessian(i).enumerated().map { k, h in k == 1 || k == 2 ? 2 * h : h } }
        return npy(shape: [40, 2, 2], values)
    }
    static func firstForSecond() -> [UInt8] { npy(shape: [40], (0..<40).map { gradient($0)[0] }) }
    static func flippedGradient() -> [UInt8] { npy(shape: [40, 2], (0..<40).flatMap { i in gradient(i).map { -$0 } }) }
    static func zeros() -> [UInt8] { npy(shape: [40], [Double](repeating: 0, count: 40)) }
    static func someNaN() -> [UInt8] {
        var values = [Double](repeating: .nan, count: 40)
        for i in 0..<40 where i % 10 != 0 {
            let radius = (xs[i] * xs[i] + ts[i] * ts[i]).squareRoot()
            values[i] = xs[i] / radius
        }
        return npy(shape: [40], values)
    }
    /// As a float32 computation leaves them: a few float32 ulps off (beyond float64's rtol).
    static func computedInFloat32() -> [UInt8] {
        npy(shape: [40], (0..<40).map { i in Double(Float(3 * exp(3 * xs[i]) * sin(ts[i])).nextUp.nextUp.nextUp) })
    }
    static func batchSum() -> [UInt8] {
        let sum = (0..<40).map { gradient($0)[0] }.reduce(0, +)
        return npy(shape: [40], [Double](repeating: sum, count: 40))
    }
    /// The Laplacian of u = x^3 t^2 with u_xt added by mistake: 6 x t^2 + 2 x^3 + 6 x^2 t.
    static func laplacianWithMixedPartial() -> [UInt8] {
        var values = [Double](repeating: 0, count: 40)
        for i in 0..<40 {
            let (x, t) = (xs[i], ts[i])
            let (uxx, utt, uxt) = (6 * x * t * t, 2 * x * x * x, 6 * x * x * t)
            values[i] = uxx + utt + uxt
        }
        return npy(shape: [40], values)
    }
    static func reversedPoints() -> [UInt8] { npy(shape: [40, 2, 2], (0..<40).reversed().flatMap(hessian)) }
    static func jacobian() -> [UInt8] { npy(shape: [40, 2, 2], (0..<40).flatMap { i in [ts[i], xs[i], 1, 2 * ts[i]] }) }
    static func transposedJacobian() -> [UInt8] { npy(shape: [40, 2, 2], (0..<40).flatMap { i in [ts[i], 1, xs[i], 2 * ts[i]] }) }
    static func flatHessian() -> [UInt8] { npy(shape: [40, 4], (0..<40).flatMap(hessian)) }
    static func pointsLast() -> [UInt8] { npy(shape: [2, 40], (0..<2).flatMap { k in (0..<40).map { gradient($0)[k] } }) }

    static let hessianRequest = ["x^2*sin(t)", "--wrt", "x,t", "--order", "2"]
    static let gradientRequest = ["x^2*sin(t)", "--wrt", "x,t"]
    static let secondRequest = ["x^2*sin(t)", "--wrt", "x", "--order", "2"]

    static let cases: [Case] = [
        Case(name: "a right Hessian", arguments: hessianRequest, array: rightHessian, status: 0,
             says: ["layout: the Hessian of f by (x, t)", "check: ok: all 160 compared values agree"]),
        Case(name: "a right float32 gradient", arguments: gradientRequest, array: float32Gradient, status: 0,
             says: ["float32", "1e-05 + 1.3e-06*|ours|", "check: ok"]),
        Case(name: "a factor of 2 on the mixed partial", arguments: hessianRequest, array: doubledMixedPartial, status: 1,
             says: ["their [0, 1] d2/dxdt is 2 times ours", "FAILED: 80 of 160"]),
        Case(name: "u_x where u_xx was meant", arguments: secondRequest, array: firstForSecond, status: 1,
             says: ["their d2/dx^2 equals our d/dx"]),
        Case(name: "a sign flipped", arguments: gradientRequest, array: flippedGradient, status: 1,
             says: ["their d/dx is minus ours", "their d/dt is minus ours"]),
        Case(name: "a second derivative that is silently 0", arguments: secondRequest, array: zeros, status: 1,
             says: ["their d2/dx^2 is 0 at every point"]),
        Case(name: "NaN where the derivative is finite", arguments: ["sqrt(x^2 + t^2)", "--wrt", "x"], array: someNaN, status: 1,
             says: ["their d/dx is NaN at 4 point(s)"]),
        Case(name: "values computed in float32, stored as float64", arguments: ["exp(3*x)*sin(t)", "--wrt", "x"], array: computedInFloat32,
             status: 1, says: ["agrees with ours to float32's tolerance only"]),
        Case(name: "the derivative of sum(u) over the batch", arguments: ["x^2*sin(t)", "--wrt", "x"], array: batchSum, status: 1,
             says: ["every row is the sum of symdiff's rows over the 40 points"]),
        Case(name: "a Laplacian that adds u_xt", arguments: ["u = x^3*t^2; laplacian(u, x, t)", "--wrt", "x,t", "--order", "0"],
             array: laplacianWithMixedPartial, status: 1, says: ["their f is ours plus our u: d2/dxdt: a term too many"]),
        Case(name: "values for the points in another order", arguments: hessianRequest, array: reversedPoints, status: 1,
             says: ["check: FAILED", "x=-0.975, t=0.1"]),
        Case(name: "a right Jacobian", arguments: ["x*t", "x + t^2", "--wrt", "x,t"], array: jacobian, status: 0,
             says: ["layout: the Jacobian of the 2 formulas by (x, t)", "check: ok"]),
        Case(name: "a transposed Jacobian", arguments: ["x*t", "x + t^2", "--wrt", "x,t"], array: transposedJacobian, status: 1,
             says: ["the array is transposed"]),
        Case(name: "a shape that fits no layout", arguments: hessianRequest, array: flatHessian, status: 2,
             says: ["the array's shape (40, 4) fits no layout", "--layout partials: (40, 3)", "--layout hessian: (40, 2, 2)"]),
        Case(name: "the points last", arguments: gradientRequest, array: pointsLast, status: 2,
             says: ["does not start with the number of points", "the points come first"]),
        Case(name: "a layout named that does not fit", arguments: hessianRequest + ["--layout", "gradient"], array: rightHessian,
             status: 2, says: ["is not the gradient layout of the request"]),
    ]

    @Test(arguments: cases)
    func reports(_ c: Case) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("points.csv", Array(("x,t\n" + zip(xs, ts).map { "\($0),\($1)\n" }.joined()).utf8))
        directory.write("theirs.npy", c.array())
        let result = runSymDiff(["check"] + c.arguments + ["--points", directory.file("points.csv"), "--against", directory.file("theirs.npy")])
        #expect(result.status == c.status, "\(result.stdout)\(result.stderr)")
        let report = c.status == 2 ? result.stderr : result.stdout
        for text in c.says { #expect(report.contains(text), "\(report)") }
        if c.status != 2 { #expect(result.stderr.isEmpty, "\(result.stderr)") }
    }

    /// At a kink, PyTorch's value (relu'(0) = 0) and either one-sided limit all pass, and the
    /// report says which one each point matched; another value fails.
    @Test(arguments: [(0.0, "symdiff's (PyTorch's) value at 1"), (1.0, "the right-sided limit at 1")])
    func kinkConventions(_ atZero: Double, _ says: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("theirs.npy", npy(shape: [5], [0, 0, atZero, 1, 1]))
        let result = runSymDiff(["check", "relu(x)", "--grid", "x=-1:1:5", "--against", directory.file("theirs.npy")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("matched \(says) point(s)"), "\(result.stdout)")
        directory.write("wrong.npy", npy(shape: [5], [0, 0, 0.3, 1, 1]))
        #expect(runSymDiff(["check", "relu(x)", "--grid", "x=-1:1:5", "--against", directory.file("wrong.npy")]).status == 1)
    }

    /// The values may sit in an `.npz` (by `--key`), in CSV columns, or in columns of the
    /// points file itself; the JSON report says the same as the text.
    @Test func otherFilesAndJSON() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let rows = zip(xs, ts).enumerated().map { i, p in "\(p.0),\(p.1),\(gradient(i)[0]),\(gradient(i)[1])\n" }.joined()
        directory.write("all.csv", Array(("x,t,u_x,u_t\n" + rows).utf8))
        let request = ["check", "x^2*sin(t)", "--wrt", "x,t", "--points", directory.file("all.csv")]
        #expect(runSymDiff(request + ["--key", "u_x,u_t"]).status == 0)
        #expect(runSymDiff(request + ["--key", "u_t,u_x"]).stdout.contains("their d/dx equals our d/dt"))
        #expect(runSymDiff(request + ["--against", directory.file("all.csv"), "--key", "u_x,u_t"]).status == 0)
        let archive = ErrorCaseFiles.zip([
            ("grad.npy", npy(shape: [40, 2], (0..<40).flatMap(gradient))), ("other.npy", npy(shape: [3], [1, 2, 3])),
        ])
        directory.write("ref.npz", archive)
        let npz = runSymDiff(request + ["--against", directory.file("ref.npz"), "--key", "grad", "--format", "json"])
        #expect(npz.status == 0, "\(npz.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(npz.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        #expect((json["layout"] as? [String: Any])?["kind"] as? String == "gradient")
        // Without --key, the array that fits is compared and the other listed.
        let unnamed = runSymDiff(request + ["--against", directory.file("ref.npz")])
        #expect(unnamed.status == 0 && unnamed.stdout.contains("not compared (no layout fits): other (3,)"), "\(unnamed.stdout)")
    }

    /// An `.npz` without `--key`: every array whose name (a value's, as labelled or as in
    /// symdiff's `.npz`, `gradient`, `hessian`)
    /// or shape fits a layout is compared; the others are listed as not compared.
    @Test func everyFittingArrayOfAnArchive() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("points.csv", Array(("x,t\n" + zip(xs, ts).map { "\($0),\($1)\n" }.joined()).utf8))
        let archive = ErrorCaseFiles.zip([
            ("d/dx.npy", npy(shape: [40], (0..<40).map { gradient($0)[0] })),
            ("f_xt.npy", npy(shape: [40], (0..<40).map { hessian($0)[1] })),
            ("gradient.npy", npy(shape: [40, 2], (0..<40).flatMap(gradient))),
            ("hessian.npy", npy(shape: [40, 2, 2], (0..<40).flatMap { i in hessian(i).map { -$0 } })),
            ("other.npy", npy(shape: [3], [1, 2, 3])),
        ])
        directory.write("theirs.npz", archive)
        let result = runSymDiff([
            "check", "x^2*sin(t)", "--wrt", "x,t", "--order", "1:2", "--points", directory.file("points.csv"),
            "--against", directory.file("theirs.npz"),
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("layout: the array named d/dx: its values"))
        #expect(result.stdout.contains("layout: the array named f_xt: its values"))
        #expect(result.stdout.contains("layout: the gradient of f by (x, t)"))
        #expect(result.stdout.contains("their [0, 0] d2/dx^2 is minus ours"))
        #expect(result.stdout.contains("not compared (no layout fits): other (3,)"))
        #expect(result.stdout.hasSuffix("check: FAILED: 1 of 4 arrays disagree\n"), "\(result.stdout)")
    }

    /// Bad requests: each an error with status 2 and nothing on stdout.
    @Test(arguments: [
        (["check", "x^2", "--points", "p.csv"], "symdiff check needs the values to compare"),
        (["check", "x^2", "--against", "a.npy"], "symdiff check compares values at points"),
        (["x^2", "--against", "a.npy"], "--against is an option of symdiff check"),
        (["check", "x^2", "--at", "x=1", "--against", "a.npy", "--verify"], "symdiff check does not take --verify"),
        (["check", "x^2", "--at", "x=1", "--against", "a.npy", "--rtol", "-1"], "--rtol takes a number from 0 on"),
        (["check", "x^2", "--at", "x=1", "--against", "a.npy", "--layout", "matrix"], "unknown layout 'matrix'"),
        (["check", "x^2", "--at", "x=1", "--key", "u"], "--key without --against names columns of the points file"),
    ])
    func badRequests(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
