// Issue 5's precedence regression table: valid inputs whose values are pinned by hand.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct PrecedenceTableTests {
    /// A formula, a point, and the function and derivative values there, worked out by hand
    /// from the grammar's reading (stated in `reading`), not taken from symdiff's output.
    /// Constant formulas are multiplied by `x` and read at x = 1, so f and df/dx are the
    /// constant itself.
    struct Case: CustomStringConvertible, Sendable {
        var formula: String
        var reading: String
        var at: String
        /// Expected columns after the point's: f, then each first partial in `--wrt` order.
        var values: [Double]

        var description: String { "\(formula) read as \(reading) at \(at)" }
    }

    static let cases: [Case] = [
        Case(formula: "-x^2", reading: "-(x^2): -(3^2) = -9, d/dx = -2x = -6", at: "x=3", values: [-9, -6]),
        Case(formula: "-2^2*x", reading: "-(2^2)*x: -4", at: "x=1", values: [-4, -4]),
        Case(formula: "(-2)^2*x", reading: "4*x", at: "x=1", values: [4, 4]),
        Case(formula: "(-x)^2", reading: "x^2: 9, d/dx = 6", at: "x=3", values: [9, 6]),
        Case(formula: "(-1)^0*x", reading: "1*x", at: "x=1", values: [1, 1]),
        Case(formula: "(-1)^101*x", reading: "-x (odd power of -1)", at: "x=1", values: [-1, -1]),
        Case(formula: "2^3^2*x", reading: "2^(3^2)*x = 2^9*x = 512*x, not (2^3)^2 = 64", at: "x=1", values: [512, 512]),
        Case(formula: "2^-3^2*x", reading: "2^(-(3^2))*x = 2^-9*x = x/512", at: "x=1", values: [0.001953125, 0.001953125]),
        Case(formula: "x^-1", reading: "1/x: 1/4, d/dx = -1/x^2 = -1/16", at: "x=4", values: [0.25, -0.0625]),
        Case(formula: "x--y", reading: "x - (-y) = 5 + 3 = 8, d/dx = 1, d/dy = 1", at: "x=5,y=3", values: [8, 1, 1]),
        Case(formula: "x-+-y", reading: "x - (+(-y)) = x + y = 8", at: "x=5,y=3", values: [8, 1, 1]),
        Case(formula: "x-y-1", reading: "(x - y) - 1 = 1, d/dy = -1", at: "x=5,y=3", values: [1, 1, -1]),
        Case(formula: "1/2*x", reading: "(1/2)*x = x/2 (no integer division): 1.5, d/dx = 0.5", at: "x=3", values: [1.5, 0.5]),
        Case(formula: "x/y/2", reading: "(x/y)/2 = (8/2)/2 = 2, d/dx = 1/(2y) = 0.25, d/dy = -x/(2y^2) = -1", at: "x=8,y=2", values: [2, 0.25, -1]),
        Case(formula: "x/2*y", reading: "(x/2)*y = 8, d/dx = y/2 = 1, d/dy = x/2 = 4", at: "x=8,y=2", values: [8, 1, 4]),
        Case(formula: "x^3", reading: "(-2)^3 = -8, d/dx = 3x^2 = 12 (integer powers of negative bases are defined)", at: "x=-2", values: [-8, 12]),
        Case(formula: "x^3", reading: "(-2.5)^3 = -15.625, d/dx = 3*6.25 = 18.75", at: "x=-2.5", values: [-15.625, 18.75]),
        Case(formula: "x**2*3", reading: "(x^2)*3 = 12, d/dx = 6x = 12", at: "x=2", values: [12, 12]),
        Case(formula: "2*-x", reading: "2*(-x) = -6", at: "x=3", values: [-6, -2]),
        Case(formula: "-x*y", reading: "(-x)*y = -(x*y) = -15, d/dx = -y = -3, d/dy = -x = -5", at: "x=5,y=3", values: [-15, -3, -5]),
        Case(formula: "u = x + 1; u^2", reading: "(x + 1)^2 = 16, d/dx = 2(x + 1) = 8", at: "x=3", values: [16, 8]),
        Case(formula: "pow(x, 2)^3", reading: "(x^2)^3 = x^6 = 64, d/dx = 6x^5 = 192", at: "x=2", values: [64, 192]),
    ]

    @Test(arguments: cases)
    func pinnedValues(_ c: Case) throws {
        let result = runSymDiff([c.formula, "--at", c.at, "--format", "csv"])
        #expect(result.status == 0, "\(c): \(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        try #require(rows.count == 2, "\(c): \(result.stdout)")
        let variables = c.at.split(separator: ",").count
        let values = rows[1].split(separator: ",").dropFirst(variables).map { Double(String($0)) }
        #expect(values == c.values.map { Optional($0) }, "\(c): header \(rows[0])")
    }

    /// The one value not exactly representable: d/dx 2^(x^2) = 2^(x^2)*ln 2*2x, at x = 1
    /// that is 4 ln 2 = 2.772588722239781... (to 16 digits), within 2 ulps.
    @Test func powerTowerDerivative() throws {
        let result = runSymDiff(["2^x^2", "--at", "x=1", "--format", "csv"])
        let row = try #require(result.stdout.split(separator: "\n").last)
        let values = row.split(separator: ",").compactMap { Double(String($0)) }
        try #require(values.count == 3, "\(result.stdout)")
        #expect(values[1] == 2)
        let expected = 2.772588722239781
        #expect(abs(values[2] - expected) <= 2 * expected.ulp, "\(values[2])")
    }
}
