// The canonical constructors: each stated law holds, the domain is kept, values never change.
import Testing
@testable import SymDiff
import SymDiffAutodiff
import SymDiffVerify

/// Lowers each text into one shared graph and returns the roots.
func lowered(_ texts: [String], limits: Limits = Limits()) throws -> (ExprGraph, [NodeID]) {
    var graph = ExprGraph(limits: limits)
    var roots: [NodeID] = []
    for text in texts {
        roots.append(try graph.lower(Parser.parse(text, limits: limits, allowPatternVariables: true)))
    }
    return (graph, roots)
}

@Suite struct CanonicalFormTests {
    @Test(arguments: Rules.canonicalLaws.map { ($0.name, $0.lhs, $0.rhs) })
    func lawIsKeptByConstruction(_ name: String, _ lhs: String, _ rhs: String) throws {
        let (graph, roots) = try lowered([lhs, rhs])
        #expect(roots[0] == roots[1], "\(name): '\(lhs)' built \(graph.formula(roots[0])), '\(rhs)' built \(graph.formula(roots[1]))")
    }

    /// Rewrites that would change where an expression is defined are not made.
    @Test(arguments: [
        ("x/x", "x/x"),
        ("sqrt(x)^2", "sqrt(x)^2"),
        ("x^(1/2)*x^(1/2)", "x^(1/2)*x^(1/2)"),
        ("x^2/x", "x^2/x"),
        ("(x^2)^(1/2)", "(x^2)^(1/2)"),
        ("(x^(1/2))^2", "(x^(1/2))^2"),
        ("exp(log(x))", "exp(log(x))"),
        ("1/0", "1/0"),
        ("0^-1", "1/0"),
    ])
    func domainIsKept(_ input: String, _ printed: String) throws {
        let (graph, roots) = try lowered([input])
        var g = graph
        var rewriter = Rewriter()
        let simplified = try rewriter.simplify(roots[0], in: &g)
        #expect(g.formula(simplified) == printed)
    }

    @Test(arguments: [
        ("x^(1/3)*x^(1/3)", "x^(2/3)"),
        ("x^2*x^(1/2)", "x^(5/2)"),
        ("(x^(1/3))^3", "(x^(1/3))^3"),
        ("2^(1/2)*2^(1/2)", "2"),
        ("(-x)^2", "x^2"),
        ("(-x)^3", "-x^3"),
        ("2*(x + y) - 2*x", "2*y"),
        ("x - (x - y)", "y"),
        ("(2*x)/(4*y)", "x/(2*y)"),
        ("-(-(-x))", "-x"),
        ("1e3*x", "1000*x"),
        ("0.5*x + x/2", "x"),
    ])
    func canonicalExamples(_ input: String, _ printed: String) throws {
        let (graph, roots) = try lowered([input])
        #expect(graph.formula(roots[0]) == printed)
    }

    /// Rebuilding any node from its own operands gives the node back.
    @Test func constructionIsIdempotent() throws {
        var generator = FormulaGenerator(seed: 7)
        for _ in 0..<300 {
            let text = generator.formula(depth: 4)
            var (graph, _) = try lowered([text])
            for i in 0..<graph.count {
                let id = NodeID(i)
                let node = graph[id]
                #expect(graph.rebuild(node, operands: node.operands) == id, "\(text): node \(graph.formula(id))")
            }
        }
    }

    /// Canonical form and simplification agree with evaluating the text as written, at
    /// points where they are well-conditioned.
    ///
    /// A point is skipped when the running rounding-error bound of the canonical or simplified
    /// form (`RoundingBound`) exceeds `1e-10` of its value: there the forms may legitimately
    /// differ (`sin` of a huge argument), or one may fall just off a domain edge the other
    /// hits exactly (`acosh(y/y)` as `acosh(y*y^-1)`).
    @Test func valuesNeverChange() throws {
        let seed: UInt64 = 2024
        var generator = FormulaGenerator(seed: seed)
        var compared = 0
        for _ in 0..<2000 {
            let text = generator.formula(depth: 4)
            let point = generator.point()
            let tree = try Parser.parse(text)
            guard let written = evaluateAsWritten(tree, at: point), written.isFinite, abs(written) < 1e100 else { continue }
            var graph = ExprGraph()
            let root = try graph.lower(tree)
            var rewriter = Rewriter()
            let simplified = try rewriter.simplify(root, in: &graph)
            let names = Array(point.keys)
            let bounds = Tape(graph, roots: [root, simplified], variables: names).evaluate(at: names.map { RoundingBound<BinaryArithmetic>(input: point[$0]!) })
            guard bounds.allSatisfy({ $0.bound <= 1e-10 * abs($0.value) }) else { continue }
            for (what, id) in [("canonical", root), ("simplified", simplified)] {
                let value = graph.evaluate(id, at: point)
                #expect(agree(value, written, tolerance: 1e-9), "seed \(seed) \(what) '\(text)' at \(point): written \(written), got \(value) from \(graph.formula(id))")
            }
            compared += 1
        }
        #expect(compared > 1000)
    }
}
