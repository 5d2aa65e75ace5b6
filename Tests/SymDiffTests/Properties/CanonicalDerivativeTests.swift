// Derivatives are built in canonical form: every node is a fixed point of its constructor.
import Testing
@testable import SymDiff

@Suite struct CanonicalDerivativeTests {
    /// Differentiation takes shortcuts past the collecting constructors (a numeric factor
    /// derivative scales the other factors; `n*c*u^(n-1)` for a numeric power): rebuilding
    /// any node of a gradient or Hessian through its constructor must give the node itself,
    /// or equal expressions would be different nodes.
    @Test func everyDerivativeNodeIsCanonical() throws {
        let seed: UInt64 = 7
        var generator = FormulaGenerator(seed: seed)
        for _ in 0..<1500 {
            let text = generator.formula(depth: 4)
            var graph = ExprGraph()
            let root = try graph.lower(Parser.parse(text))
            let variables = ["x", "y"]
            let gradient = try graph.partials(of: root, order: 1, withRespectTo: variables)
            let hessian = try graph.partials(of: root, order: 2, withRespectTo: variables)
            for id in graph.reachable(from: (gradient + hessian).map(\.node)) {
                let node = graph[id]
                let rebuilt = graph.rebuild(node, operands: node.operands)
                #expect(rebuilt == id, "seed \(seed): '\(text)': \(graph.formula(id)) rebuilds as \(graph.formula(rebuilt))")
            }
        }
    }
}
