// Every rewrite rule: it fires on its own left side, keeps the value, and keeps the domain.
import Testing
@testable import SymDiff

/// Binds each pattern variable of `rule` to a variable or, where the condition wants one, a
/// number; returns the instantiated sides and the free variables.
private func instances(of rule: RewriteRule, numberChoice: Int64) -> (ExprGraph, NodeID, NodeID, [String]) {
    var graph = ExprGraph()
    var arguments: [NodeID] = []
    var variables: [String] = []
    for name in rule.lhs.parameters {
        if rule.condition?.variable == name {
            arguments.append(graph.number(numberChoice))
        } else {
            let variable = "v_" + name.dropFirst()
            variables.append(variable)
            arguments.append(graph.variable(variable))
        }
    }
    let lhs = graph.instantiate(rule.lhs, with: Operands(arguments))
    let rhs = graph.instantiate(rule.rhs, with: Operands(arguments))
    return (graph, lhs, rhs, variables)
}

@Suite struct RuleTests {
    @Test(arguments: Rules.rewriteRules.map { ($0.name, $0) })
    func ruleFiresAndKeepsValueAndDomain(_ name: String, _ rule: RewriteRule) throws {
        var random = SeededGenerator(seed: 3)
        for choice: Int64 in [2, 4, -2] {
            var (graph, lhs, rhs, variables) = instances(of: rule, numberChoice: choice)
            var rewriter = Rewriter(rules: [rule])
            let rewritten = try rewriter.simplify(lhs, in: &graph)
            #expect(rewritten == rhs, "\(name): \(graph.formula(lhs)) became \(graph.formula(rewritten)), not \(graph.formula(rhs))")
            for _ in 0..<50 {
                let point = Dictionary(uniqueKeysWithValues: variables.map { ($0, Double.random(in: -3...3, using: &random)) })
                let before = graph.evaluate(lhs, at: point)
                let after = graph.evaluate(rhs, at: point)
                #expect(agree(before, after, tolerance: 1e-12), "\(name) at \(point): \(before) vs \(after)")
            }
        }
    }

    /// Rule names are unique, kebab-case, and every left side has an indexable head.
    @Test func ruleTableIsWellFormed() {
        let names = Rules.rewriteRules.map(\.name)
        #expect(Set(names).count == names.count)
        for rule in Rules.rewriteRules {
            #expect(rule.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.name)")
            #expect(rule.head != .leaf || rule.lhsText == "log(e)", "\(rule.name) has a leaf head")
        }
    }

    /// Simplification stops, and says why.
    @Test func runsToAFixpointUnderLimits() throws {
        var (graph, roots) = try lowered(["sin(x)^2 + cos(x)^2 + log(exp(y))"])
        var rewriter = Rewriter()
        let result = try rewriter.simplify(roots[0], in: &graph)
        #expect(graph.formula(result) == "y + 1")
        #expect(rewriter.report.stop == .fixpoint)
        #expect(rewriter.report.fired["pythagorean"] == 1 && rewriter.report.fired["log-exp"] == 1)
    }
}
