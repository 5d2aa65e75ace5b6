// Autodiff against symdiff's symbolic derivatives on seeded random formulas.
import Testing
import SymDiff
import SymDiffAutodiff

/// The two independent paths agree on generated formulas: symbolic derivatives (the derivative
/// table, evaluated in binary64) and dual numbers: `Autodiff.gradient` for first partials,
/// nested duals for second ones.
///
/// Points where the formula's value is not finite are skipped; both partials must be finite to
/// be compared; they agree when `|autodiff - symbolic| <= 1e-9 max(1, |autodiff|, |symbolic|)`.
/// The bound is loose on purpose: the two paths round differently, and the symbolic form may
/// cancel where the dual one does not. Partials finite on one side only are counted and
/// printed, not failed: there the paths differ in how `0 * inf` arises (a dual's zero
/// tangent stays zero; the symbolic chain rule may multiply it out).
@Suite struct AutodiffSymbolicTests {
    static let formulaCount = 400
    static let tolerance = 1e-9

    /// One generated formula's partials by both paths at one point.
    struct Pair {
        var formula: String
        var point: [String: Double]
        var wrt: [String]
        var symbolic: Double
        var autodiff: Double

        var comparable: Bool { symbolic.isFinite && autodiff.isFinite }
        var agrees: Bool {
            Swift.abs(autodiff - symbolic) <= AutodiffSymbolicTests.tolerance * Swift.max(1, Swift.abs(autodiff), Swift.abs(symbolic))
        }
    }

    static func pairs(seed: UInt64) throws -> [Pair] {
        var generator = FormulaGenerator(seed: seed)
        var result: [Pair] = []
        for _ in 0..<formulaCount {
            let text = generator.formula(depth: 4)
            let point = generator.point()
            var formula = try Formula(parsing: text)
            // Outside the domain forward mode carries NaN into every partial, while a symbolic
            // partial may drop the undefined term: such points say nothing.
            guard formula.graph.evaluate(formula.root, at: point).isFinite else { continue }
            let variables = formula.variables
            let gradient = Autodiff.gradient(of: formula.root, in: formula.graph, at: point, variables: variables)
            for (variable, autodiff) in zip(variables, gradient) {
                let node = try formula.graph.derivative(of: formula.root, withRespectTo: variable)
                result.append(Pair(
                    formula: text, point: point, wrt: [variable], symbolic: formula.graph.evaluate(node, at: point), autodiff: autodiff))
            }
            for wrt in variables.flatMap({ v in variables.filter { $0 >= v }.map { [v, $0] } }) {
                let node = try formula.graph.derivative(of: formula.root, withRespectTo: wrt)
                result.append(Pair(
                    formula: text, point: point, wrt: wrt, symbolic: formula.graph.evaluate(node, at: point),
                    autodiff: Autodiff.partial(of: formula.root, in: formula.graph, at: point, variables: wrt)))
            }
        }
        return result
    }

    @Test func agreesWithSymbolicDerivatives() throws {
        let seed: UInt64 = 0xAD1F
        let all = try Self.pairs(seed: seed)
        let compared = all.filter(\.comparable)
        #expect(compared.count >= Self.formulaCount)
        for pair in compared where !pair.agrees {
            Issue.record("seed \(seed): \(pair.formula) at \(pair.point) d/d\(pair.wrt.joined(separator: " d")): symbolic \(pair.symbolic), autodiff \(pair.autodiff)")
        }
        let onlyOneFinite = all.filter { $0.symbolic.isFinite != $0.autodiff.isFinite }
        print("autodiff vs symbolic: \(Self.formulaCount) formulas, \(all.count) partials, \(compared.count) both finite, "
            + "\(compared.filter { !$0.agrees }.count) disagree, \(onlyOneFinite.count) finite on one side only")
        for pair in onlyOneFinite.prefix(5) {
            print("  one side finite: \(pair.formula) at \(pair.point) d/d\(pair.wrt.joined(separator: " d")): symbolic \(pair.symbolic), autodiff \(pair.autodiff)")
        }
    }
}
