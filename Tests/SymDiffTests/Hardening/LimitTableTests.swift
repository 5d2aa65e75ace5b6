// Issue 5's resource limits: each one just under, at and just over its value, the error that
// names it and its flag, and the time budget that ends a symbolic blow-up.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct LimitTableTests {
    /// One limit: a flag and its value, and three inputs whose size is limit - 1, limit and
    /// limit + 1 by that limit's measure. The first two must succeed, the third must fail
    /// with a message naming the limit and a hint naming the flag.
    struct Case: CustomStringConvertible, Sendable {
        var flag: String
        var limit: Int
        /// The arguments of the runs at limit - 1, limit and limit + 1 (the flag is added).
        var runs: [[String]]
        var message: String

        var description: String { "\(flag) \(limit)" }
    }

    static let cases: [Case] = [
        // Parentheses around x: depth 4, 5, 6.
        Case(flag: "--max-depth", limit: 5, runs: [4, 5, 6].map { [String(repeating: "(", count: $0) + "x" + String(repeating: ")", count: $0)] },
             message: "formula is nested more than 5 levels deep"),
        // Formulas of 4, 5 and 6 bytes.
        Case(flag: "--max-formula-bytes", limit: 5, runs: [["x+yy"], ["x+y+z"], ["x+y+zz"]],
             message: "formula is 6 bytes, more than the limit of 5 bytes"),
        // Identifiers of 2, 3 and 4 characters.
        Case(flag: "--max-identifier-length", limit: 3, runs: [["ab+1"], ["abc+1"], ["abcd+1"]],
             message: "identifier is 4 characters long, more than the limit of 3"),
        // --order 2, 3, 4.
        Case(flag: "--max-order", limit: 3, runs: [2, 3, 4].map { ["x^5", "--order", "\($0)"] },
             message: "--order takes an integer from 0 to 3, got '4'"),
        // D(...) of total order 2, 3, 4.
        Case(flag: "--max-order", limit: 3, runs: [2, 3, 4].map { ["D(x^5, x, \($0))"] },
             message: "derivative order 4 is more than the limit of 3"),
        // The gradient over 5, 6 and 7 variables: 5, 6 and 7 partials.
        Case(flag: "--max-partials", limit: 6, runs: [5, 6, 7].map { n in [(1...n).map { "x\($0)" }.joined(separator: "*")] },
             message: "7 partial derivatives requested, more than the limit of 6"),
        // Every order of every formula counts: two gradients over 4 variables (8), orders
        // 1 and 2 over 3 variables (3 + 6 = 9), orders 0 to 2 over 3 variables (1 + 3 + 6 = 10).
        Case(flag: "--max-partials", limit: 9, runs: [["x*y", "z*w"], ["x*y*z", "--order", "1:2"], ["x*y*z", "--order", "0:2"]],
             message: "10 partial derivatives requested, more than the limit of 9"),
        // All printed expressions together: "sin(x)" and "cos(x)" are 12 bytes; "sin(x)"
        // alone (--order 0) is 6; with "sin(2*x)" and "2*cos(2*x)" 18.
        Case(flag: "--max-output-bytes", limit: 12, runs: [["sin(x)", "--order", "0"], ["sin(x)"], ["sin(2*x)"]],
             message: "the printed output would exceed the limit of 12 bytes"),
        // 9, 10 and 11 random points.
        Case(flag: "--max-points", limit: 10, runs: [9, 10, 11].map { ["x", "--random", "\($0)"] },
             message: "11 points are more than the limit of 10"),
        // --max-verify-points is not an error past it: the points beyond are `unverified`
        // (VerifyCommandTests.pointLimitLeavesTheRestUnverified).
    ]

    @Test(arguments: cases)
    func underAtAndOverTheLimit(_ c: Case) {
        for (k, arguments) in c.runs.enumerated() {
            let result = runSymDiff(arguments + [c.flag, String(c.limit)])
            if k < 2 {
                #expect(result.status == 0, "\(c) \(arguments): \(result.stderr)")
            } else {
                #expect(result.status == 2, "\(c) \(arguments)")
                #expect(result.stdout == "")
                #expect(result.stderr.hasPrefix("error: \(c.message)"), "\(c): \(result.stderr)")
                #expect(result.stderr.contains(c.flag), "\(c): the error names the flag: \(result.stderr)")
            }
        }
    }
}
