// The limits that bound symbolic work: the node count at its exact boundary, the partial
// count of a large request before any work, and the time budget that ends a blow-up.
import Foundation
import SymDiff
import Testing
@testable import SymDiffCommand

@Suite struct BudgetTests {
    /// The graph's node count is checked after every step, so a request whose graph ends
    /// with N nodes succeeds with --max-nodes N and N + 1 and fails with N - 1.
    @Test(arguments: [
        ["x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)", "--order", "1:2"],
        ["tanh(w2*tanh(w1*x + b1) + b2)", "--wrt", "x,w1", "--order", "2"],
        ["sin(sin(sin(x)))", "--order", "4", "--no-simplify"],
    ])
    func nodeLimitBoundary(_ arguments: [String]) throws {
        let stats = runSymDiff(arguments + ["--stats"])
        let line = try #require(stats.stderr.split(separator: "\n").first { $0.contains("shared graph") })
        let n = try #require(Int(line.split(separator: " ").last.map(String.init) ?? ""))
        for (limit, status) in [(n - 1, Int32(2)), (n, 0), (n + 1, 0)] {
            let result = runSymDiff(arguments + ["--max-nodes", String(limit)])
            #expect(result.status == status, "--max-nodes \(limit) with \(n) nodes: \(result.stderr)")
            if status == 2 {
                #expect(result.stderr.hasPrefix("error: the expression graph would exceed the limit of \(limit) nodes"))
                #expect(result.stderr.contains("hint: raise the limit with --max-nodes"))
            }
        }
    }

    /// The derivative of a let-binding chain `u1 = sin(x); u2 = sin(u1); ...` is the product of
    /// every level's cosine, rebuilt one factor longer at each level: few nodes, quadratically
    /// many operands. The operand budget (4 per allowed node) ends it with an error naming
    /// --max-nodes; 300 levels hold about 45,000 operands against 16,000 for --max-nodes 4000,
    /// while 30 levels fit. (A 10^5-level chain ran 60 s into 6 GB before this budget.)
    @Test(arguments: [(30, Int32(0)), (300, Int32(2))])
    func operandBudgetEndsQuadraticGrowth(_ levels: Int, _ status: Int32) {
        let chain = (2...levels).map { "u\($0) = sin(u\($0 - 1))" }.joined(separator: "; ")
        let result = runSymDiff(["u1 = sin(x); \(chain); u\(levels)", "--max-nodes", "4000"])
        #expect(result.status == status, "\(result.stderr)")
        if status == 2 {
            #expect(result.stderr.hasPrefix(
                "error: the expression graph's sums and products would exceed the limit of 16000 operands in all (4 per allowed node)"))
            #expect(result.stderr.contains("hint: raise the limit with --max-nodes"))
        }
    }

    /// `--order 10` over 10 variables asks for C(19, 10) = 92,378 partials: under the default
    /// limit of 100,000, and refused before any differentiation when the limit is one less.
    @Test func tenthOrderOverTenVariables() {
        let formula = (1...10).map { "x\($0)" }.joined(separator: "*")
        let clock = ContinuousClock()
        let start = clock.now
        let result = runSymDiff([formula, "--order", "10", "--max-partials", "92377"])
        #expect(clock.now - start < .seconds(1))
        #expect(result.status == 2)
        #expect(result.stderr == """
            error: 92378 partial derivatives requested, more than the limit of 92377
              --order 10
                      ^^
              hint: raise the limit with --max-partials

            """)
    }

    /// The 30th derivative of sin nested 8 deep runs for hours; with --max-seconds 1 it ends
    /// in about a second with an error naming the budget and its flag, through the binary.
    @Test func blowUpEndsAtTheTimeBudget() throws {
        let run = try SymDiffBinary.run(["sin(sin(sin(sin(sin(sin(sin(sin(x))))))))", "--order", "30", "--max-seconds", "1"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: symbolic work ran past the time budget of 1 second\n  --> 1:1\n"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: raise the limit with --max-seconds"))
        #expect(run.seconds < 10, "took \(run.seconds) s")
    }

    /// The budget also ends printing, which can take long for a result with many bindings.
    @Test func printingChecksTheBudget() throws {
        var limits = Limits()
        limits.maxSeconds = 1
        var formula = try Formula(parsing: "sin(x)*exp(x)", limits: limits)
        #expect(try formula.graph.printedFormula(formula.root) == formula.graph.formula(formula.root))
        formula.graph.deadline = .now - .seconds(1)
        #expect(throws: LimitExceeded(.time, limit: 1)) { try formula.graph.printedFormula(formula.root) }
    }
}
