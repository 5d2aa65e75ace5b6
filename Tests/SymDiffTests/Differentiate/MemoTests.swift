// Memoized derivatives: found again by variable, below and past the linear search.
import Testing
@testable import SymDiff

@Suite struct MemoTests {
    /// The gradient of x0^2 + x1^3 + ... by 40 variables (past the 16 searched linearly), asked
    /// twice in scrambled orders: each partial is its exact derivative, and asking again gives
    /// the same node without building any.
    @Test func partialsAreMemoizedPerVariable() throws {
        let names = (0..<40).map { "x\($0)" }
        let text = names.enumerated().map { "\($1)^\($0 % 5 + 2)" }.joined(separator: " + ")
        var graph = ExprGraph()
        let root = try graph.lower(Parser.parse(text))
        var first: [String: NodeID] = [:]
        for name in names.reversed() { first[name] = try graph.derivative(of: root, withRespectTo: name) }
        for (k, name) in names.enumerated() {
            let n = k % 5 + 2
            let expected = try graph.lower(Parser.parse("\(n)*\(name)^\(n - 1)"))
            #expect(first[name] == expected, "d/d\(name)")
        }
        let count = graph.count
        for name in names.shuffled() { #expect(try graph.derivative(of: root, withRespectTo: name) == first[name]) }
        #expect(graph.count == count)
    }
}
