// --fix: parameters held at constants at every point, still differentiated by.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct FixedParameterTests {
    /// A tanh unit's output and its derivatives by the input and by its weight, against the
    /// derivatives by hand, with the weight and bias held by --fix while the points vary x.
    @Test(arguments: [["--grid", "x=-1:1:5"], ["--random", "7", "--range", "x=-2:2"], ["--at", "x=0.3"]])
    func heldParametersAreDifferentiated(_ points: [String]) throws {
        let result = runSymDiff(["tanh(w*x + b)", "--wrt", "x,w", "--fix", "w=0.5,b=0.1", "--format", "csv"] + points)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "x,w,b,f,d/dx,d/dw")
        for line in lines.dropFirst() {
            let row = line.split(separator: ",").map { Double($0)! }
            let (x, w, b) = (row[0], row[1], row[2])
            #expect(w == 0.5 && b == 0.1)
            let u = tanh(w * x + b)
            let slope = 1 - u * u
            #expect(Swift.abs(row[3] - u) <= 1e-15 && Swift.abs(row[4] - w * slope) <= 1e-15 && Swift.abs(row[5] - x * slope) <= 1e-15, "\(line)")
        }
    }

    /// --verify and symdiff check see the held values as points like any other.
    @Test func verifyAndCheckSeeThem() {
        let verified = runSymDiff(["exp(-a*x^2)", "--wrt", "x,a", "--fix", "a=2", "--grid", "x=-1:1:5", "--order", "1:2", "--verify"])
        #expect(verified.status == 0 && verified.stderr.contains("all ok values agree"), "\(verified.stderr)")
    }

    @Test(arguments: [
        (["x*y", "--fix", "z=1", "--at", "x=1,y=2"], "'z' is not a variable of the formula or of --wrt"),
        (["x*y", "--fix", "y=1e999", "--at", "x=1"], "'1e999' is not a finite number"),
        (["x*y", "--fix", "y=1", "--at", "x=1,y=2"], "'y' is not a variable of the formula or of --wrt"),
        (["x*y", "--fix", "y", "--at", "x=1"], "expected 'name=value'"),
    ])
    func badValues(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
