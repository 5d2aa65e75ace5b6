// The columns a request asks for: names, variables and order, as files and the verifier use them.
import Testing
import SymDiff

@Suite struct DerivativeColumnsTests {
    @Test func namesAndOrder() throws {
        let one = try Derivatives(DerivativeRequest(formulas: ["x*y"], orders: 0...2))
        #expect(one.columns.map(\.name) == ["f", "d/dx", "d/dy", "d2/dx^2", "d2/dxdy", "d2/dy^2"])
        #expect(one.columns.map(\.wrt) == [[], ["x"], ["y"], ["x", "x"], ["x", "y"], ["y", "y"]])
        let two = try Derivatives(DerivativeRequest(formulas: ["x", "x^2"], orders: 1...1))
        #expect(two.columns.map(\.name) == ["f1:f", "f1:d/dx", "f2:f", "f2:d/dx"])
        #expect(two.columns.map(\.formula) == [0, 0, 1, 1])
        let program = try two.program(inputs: ["x"])
        let values = Evaluator(program, threads: 1).evaluate([[3]], count: 1, precision: .double)
        #expect(values.map { $0[0] } == [3, 1, 9, 6])
    }
}
