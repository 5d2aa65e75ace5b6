// The binary64 bound sweep against the extended-precision `RoundingBound` rules, and its C rows against their rule.
import CVectorMath
import Foundation
import Testing
import SymDiff
import SymDiffAutodiff
@testable import SymDiffVerify

@Suite struct BoundSweepTests {
    /// The sweep over a block and `RoundingBound` in extended precision at each point are the
    /// same first-order rules computed two ways: at every ordinary lane the sweep's value is
    /// within its bound of the extended one, and the bounds agree within second-order terms.
    @Test(arguments: [
        "x^2*sin(y)*exp(-x*y) + log(1 + x^2)",
        "cos(x)*sin(y) - sqrt(x^2 + y^2)*log1p(x*y)",
        "expm1(x*y)/(1 + y^2)^3 + x^-2*cos(y)^2",
        "(x + y + 0.1)*(x - y)*(x*y - 1/3)",
    ])
    func sweepAgreesWithRoundingBound(_ text: String) throws {
        let formula = try Formula(parsing: text)
        let tape = Tape(formula.graph, roots: [formula.root], variables: ["x", "y"])
        var generator = SeededGenerator(seed: 7)
        let count = 37
        let inputs = (0..<2).map { _ in (0..<count).map { _ in Double.random(in: 0.05...2, using: &generator) } }
        var sweep = BoundSweep<BinaryArithmetic>(tape)
        sweep.evaluate(inputs, count: count)
        var checked = 0
        for lane in 0..<count where !sweep.unusual[lane] {
            let reference: RoundingBound<BinaryArithmetic> = tape.evaluate(at: inputs.map { RoundingBound(input: $0[lane]) })[0]
            let (value, bound) = sweep.root(0, lane: lane)
            // The bound holds: the binary64 value is within it of the extended one.
            #expect(Swift.abs(Wide(value) - reference.value) <= Wide(bound), "\(text) at lane \(lane)")
            #expect(Swift.abs(Wide(bound) - reference.bound) <= 1e-4 * reference.bound, "\(text) at lane \(lane)")
            checked += 1
        }
        #expect(checked == count)
    }

    /// One case of a C row: an operation on `(value, bound)` and `(x, e)`, and the expected result.
    struct RowCase: Sendable, CustomTestStringConvertible {
        let sum: Bool
        let value, bound, x, e: Double
        let expected: (value: Double, bound: Double)
        var testDescription: String { "\(value) \(sum ? "+" : "*") \(x) (bounds \(bound), \(e))" }
    }

    static let u = 0x1p-53

    /// Exact operations on exact operands add nothing; inexact ones `u |result|`; an underflow
    /// the smallest subnormal; errors carried by `|slope| * error`, infinite ones as infinity;
    /// a NaN result has a NaN bound (the sweep's lane is then unusual).
    static let rowCases: [RowCase] = [
        RowCase(sum: true, value: 1, bound: 0, x: 2, e: 0, expected: (3, 0)),
        RowCase(sum: true, value: 0.1, bound: 0, x: 0.2, e: 0, expected: (0.1 + 0.2, u * (0.1 + 0.2))),
        RowCase(sum: true, value: 1, bound: 1e-20, x: 2, e: 2e-20, expected: (3, 1e-20 + 2e-20 + u * 3)),
        RowCase(sum: true, value: 1, bound: .infinity, x: 2, e: 0, expected: (3, .infinity)),
        RowCase(sum: false, value: 3, bound: 0, x: 5, e: 0, expected: (15, 0)),
        RowCase(sum: false, value: 0.1, bound: 0, x: 3, e: 0, expected: (0.1 * 3, u * (0.1 * 3))),
        RowCase(sum: false, value: 3, bound: 0, x: 2, e: 1e-10, expected: (6, 3 * 1e-10 + u * 6)),
        RowCase(sum: false, value: 1e-200, bound: 0, x: 1e-200, e: 0, expected: (0, .leastNonzeroMagnitude)),
        RowCase(sum: false, value: 0, bound: 0, x: .infinity, e: 0, expected: (.nan, .nan)),
        RowCase(sum: false, value: 2, bound: 1, x: .nan, e: 0, expected: (.nan, .nan)),
        RowCase(sum: false, value: 2, bound: 0, x: 3, e: .infinity, expected: (6, .infinity)),
    ]

    /// Each case at every lane of rows of 1 to 9 lanes (whole vectors and tails).
    @Test(arguments: rowCases)
    func rowFollowsTheRule(_ row: RowCase) {
        for n in 1...9 {
            var (values, bounds) = (Array(repeating: row.value, count: n), Array(repeating: row.bound, count: n))
            let (x, e) = (Array(repeating: row.x, count: n), Array(repeating: row.e, count: n))
            (row.sum ? symdiff_bound_sum : symdiff_bound_product)(&values, &bounds, x, e, Self.u, n)
            for lane in 0..<n {
                #expect(values[lane].bitPattern == row.expected.value.bitPattern || (values[lane].isNaN && row.expected.value.isNaN))
                #expect(bounds[lane] == row.expected.bound || (bounds[lane].isNaN && row.expected.bound.isNaN), "lane \(lane) of \(n)")
            }
        }
    }
}
