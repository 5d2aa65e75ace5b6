// Taylor series (one pass, order 4) against nested duals and against the SymPy fixture.
import Testing
import SymDiff
import SymDiffAutodiff

/// Taylor recurrences and nested dual numbers are two independent ways to the same n-th
/// derivatives: they must agree per function and on generated formulas, and Taylor must match
/// the fixture's pure partials (`∂^k/∂x^k`, any formula) within the fixture's tolerance.
@Suite struct AutodiffTaylorTests {
    /// Relative agreement between Taylor and nested duals, on the scale `max(1, |either|)`.
    static let tolerance = 1e-9

    /// Nested-dual derivatives `f, f', ..., f^(order)` along `variable`.
    static func dualDerivatives(_ formula: Formula, at point: [String: Double], along variable: String, order: Int) -> [Double] {
        (0...order).map { k in
            Autodiff.partial(of: formula.root, in: formula.graph, at: point, variables: Array(repeating: variable, count: k))
        }
    }

    static func agree(_ taylor: Double, _ dual: Double) -> Bool {
        Swift.abs(taylor - dual) <= tolerance * Swift.max(1, Swift.abs(taylor), Swift.abs(dual))
    }

    /// Every function, defined ones through their definitions' tapes; the arguments after the
    /// first of a defined function from 1.5 to 3 (a base, a slope, a bound).
    @Test(arguments: Function.allCases)
    func functionMatchesNestedDuals(_ f: Function) throws {
        let arguments = (f.info.integerOrder ? ["1", "x"] : ["x", "y", "z"]).prefix(f.arity)
        let formula = try Formula(parsing: "\(f.name)(\(arguments.joined(separator: ", ")))")
        var random = SeededGenerator(seed: 0x7A71 + UInt64(f.rawValue))
        let (first, second) = (f.info.samples, f.isDefined ? 1.5...3.0 : -3.0...3.0)
        var checked = 0
        while checked < 20 {
            let point = [
                "x": Double.random(in: first, using: &random), "y": Double.random(in: second, using: &random),
                "z": Double.random(in: second, using: &random),
            ]
            let (x, y) = (point["x"]!, point["y"]!)
            guard Swift.abs(x) > 0.01, f.arity == 1 || (Swift.abs(y) > 0.01 && Swift.abs(x - y) > 0.01) else { continue }
            checked += 1
            for variable in formula.variables {
                let taylor = Autodiff.derivatives(of: formula.root, in: formula.graph, at: point, along: variable, order: 4)
                let dual = Self.dualDerivatives(formula, at: point, along: variable, order: 4)
                #expect(zip(taylor, dual).allSatisfy(Self.agree), "\(f.name) along \(variable) at \(point): Taylor \(taylor), duals \(dual)")
            }
        }
    }

    @Test func kinksMatchDuals() throws {
        for (text, point) in [("abs(x)", 0.0), ("relu(x)", 0), ("sign(x)", 0), ("heaviside(x)", 0), ("min(x, 1)", 1), ("max(x, 1)", 1)] {
            let formula = try Formula(parsing: text)
            let taylor = Autodiff.derivatives(of: formula.root, in: formula.graph, at: ["x": point], along: "x", order: 2)
            #expect(taylor == Self.dualDerivatives(formula, at: ["x": point], along: "x", order: 2), "\(text)")
        }
    }

    @Test func matchesFixturePurePartials() throws {
        var compared: [Comparison] = []
        for fixture in FixtureFile.cases {
            let formula = try Formula(parsing: fixture.formula)
            for (i, point) in fixture.assignments().enumerated() {
                for variable in fixture.variables {
                    let pure = fixture.partials.filter { partial in
                        partial.wrt.allSatisfy { $0 == variable } && (!partial.wrt.isEmpty || variable == fixture.variables.first)
                    }
                    let order = pure.map(\.wrt.count).max() ?? 0
                    let taylor = Autodiff.derivatives(of: formula.root, in: formula.graph, at: point, along: variable, order: order)
                    compared += pure.map { partial in
                        Comparison(
                            formula: fixture.formula, wrt: partial.wrt, point: fixture.points[i], simplified: false,
                            expected: Double(partial.values[i]) ?? .nan, got: taylor[partial.wrt.count])
                    }
                }
            }
        }
        #expect(compared.count > 1000)
        for comparison in compared where !comparison.passes { Issue.record("Taylor: \(comparison)") }
        let worst = compared.filter { $0.relativeError != nil }.max { $0.relativeError! < $1.relativeError! }
        print("Taylor vs fixture: \(compared.count) pure partials (orders 0-4), \(compared.filter { !$0.passes }.count) outside "
            + "tolerance, worst relative error \(worst?.relativeError ?? 0) (\(worst.map { "\($0)" } ?? "-"))")
    }

    @Test func generatedFormulasMatchNestedDuals() throws {
        let seed: UInt64 = 0x7A7
        var generator = FormulaGenerator(seed: seed)
        var (compared, disagreements) = (0, 0)
        for _ in 0..<300 {
            let text = generator.formula(depth: 4)
            let formula = try Formula(parsing: text)
            let point = generator.point()
            guard let variable = formula.variables.first else { continue }
            let taylor = Autodiff.derivatives(of: formula.root, in: formula.graph, at: point, along: variable, order: 3)
            let dual = Self.dualDerivatives(formula, at: point, along: variable, order: 3)
            for (t, d) in zip(taylor, dual) where t.isFinite && d.isFinite {
                compared += 1
                if !Self.agree(t, d) {
                    disagreements += 1
                    Issue.record("seed \(seed): \(text) at \(point) along \(variable): Taylor \(taylor), duals \(dual)")
                }
            }
        }
        #expect(compared >= 600)
        print("Taylor vs nested duals: 300 generated formulas, \(compared) derivatives compared, \(disagreements) disagree")
    }
}
