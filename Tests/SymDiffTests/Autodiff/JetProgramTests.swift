// Jets (truncated multivariate Taylor polynomials) against the 50-digit SymPy reference and nested duals.
import Testing
import SymDiff
@testable import SymDiffAutodiff

/// Every partial of `Fixtures/derivatives.json` (orders 0 to 4, mixed and pure) read off one
/// jet sweep per point, seeded with every variable of the formula up to the highest order the
/// fixture asks for.
@Suite struct JetProgramTests {
    /// The jet value of each reference partial at each point, paired with the reference.
    static func comparisons(_ fixture: FixtureCase) throws -> [Comparison] {
        let formula = try Formula(parsing: fixture.formula)
        let tape = Tape(formula.graph, roots: [formula.root], variables: fixture.variables)
        let order = fixture.partials.map(\.wrt.count).max() ?? 0
        let program = try JetProgram(tape, seeds: Array(fixture.variables.indices), order: order)
        var workspace = program.makeWorkspace()
        var result: [Comparison] = []
        for (i, point) in fixture.points.enumerated() {
            program.evaluate(at: point.map { Wide(Double($0) ?? .nan) }, &workspace)
            for partial in fixture.partials {
                let monomial = program.layout.monomial(partial.wrt.map { fixture.variables.firstIndex(of: $0)! })
                result.append(Comparison(
                    formula: fixture.formula, wrt: partial.wrt, point: point, simplified: false,
                    expected: Double(partial.values[i]) ?? .nan,
                    got: Double(program.partial(workspace, root: 0, monomial: monomial))))
            }
        }
        return result
    }

    @Test(arguments: FixtureFile.cases)
    func matchesReference(_ fixture: FixtureCase) throws {
        for comparison in try Self.comparisons(fixture) where !comparison.passes {
            Issue.record("jet: \(comparison)")
        }
    }

    @Test func comparesManyValues() throws {
        #expect(try FixtureFile.cases.flatMap(Self.comparisons).count > 4000)
    }

    /// Orders the nested duals cannot reach: mixed partials of order 5 and 6, against values
    /// worked out by hand.
    @Test(arguments: [
        // ∂^5 (x^3 y^3) / ∂x^2 ∂y^3 = (6 x) * 6 = 72 at x = 2
        ("x^3*y^3", [0, 0, 1, 1, 1], [2.0, 5.0], 72.0),
        // ∂^6 exp(x*y) / ∂x^3 ∂y^3 at (0, 0): the coefficient of x^3 y^3 is 1/3!, times 3! 3!
        ("exp(x*y)", [0, 0, 0, 1, 1, 1], [0.0, 0.0], 6.0),
        // ∂^5 sin(x + y) = cos(x + y) for any split of 5 derivatives
        ("sin(x+y)", [0, 1, 1, 1, 1], [0.3, 0.4], 0.7648421872844885),
    ])
    func highMixedOrders(_ formula: String, _ directions: [Int], _ point: [Double], _ expected: Double) throws {
        let parsed = try Formula(parsing: formula)
        let tape = Tape(parsed.graph, roots: [parsed.root], variables: ["x", "y"])
        let program = try JetProgram(tape, seeds: [0, 1], order: directions.count)
        var workspace = program.makeWorkspace()
        program.evaluate(at: point.map { Wide($0) }, &workspace)
        let got = Double(program.partial(workspace, root: 0, monomial: program.layout.monomial(directions)))
        #expect(Swift.abs(got - expected) <= 1e-13 * Swift.max(1, Swift.abs(expected)))
    }

    /// A variable the formula does not use has partials 0; `0^y` is 0 around `y > 0`.
    @Test func unusedVariablesAndZeroBase() throws {
        let parsed = try Formula(parsing: "x*y + 0^z")
        let tape = Tape(parsed.graph, roots: [parsed.root], variables: ["x", "y", "z", "t"])
        let program = try JetProgram(tape, seeds: [0, 1, 2, 3], order: 2)
        var workspace = program.makeWorkspace()
        program.evaluate(at: [2, 3, 0.5, 7], &workspace)
        let layout = program.layout
        #expect(program.partial(workspace, root: 0, monomial: layout.monomial([0, 1])) == 1)
        #expect(program.partial(workspace, root: 0, monomial: layout.monomial([3])) == 0)
        #expect(program.partial(workspace, root: 0, monomial: layout.monomial([2, 3])) == 0)
        #expect(program.partial(workspace, root: 0, monomial: layout.monomial([2])) == 0)
    }

    /// The closed forms of `JetSeries` against the `Taylor` rules they stand in for, to order 8.
    @Test(arguments: [0.3, 1.7, -2.5, 12.0, 1e-3])
    func seriesMatchTaylor(_ x0: Double) throws {
        let x = Wide(x0)
        let order = 8
        let variable = Taylor<Wide>(variable: x, order: order)
        let cases: [(String, JetSeries.Kind, Taylor<Wide>)] = [
            ("exp", .apply(.exp), Taylor.apply(.exp, variable, 0)),
            ("sin", .apply(.sin), Taylor.apply(.sin, variable, 0)),
            ("cos", .apply(.cos), Taylor.apply(.cos, variable, 0)),
            ("sinh", .apply(.sinh), Taylor.apply(.sinh, variable, 0)),
            ("cosh", .apply(.cosh), Taylor.apply(.cosh, variable, 0)),
            ("x^3", .integerPower(3), Taylor.power(variable, 3)),
            ("x^-2", .integerPower(-2), Taylor.power(variable, -2)),
            ("x^0", .integerPower(0), Taylor.power(variable, 0)),
        ] + (x0 > 0 ? [
            ("log", .apply(.log), Taylor.apply(.log, variable, 0)),
            ("sqrt", .apply(.sqrt), Taylor.apply(.sqrt, variable, 0)),
            ("x^1.5", .constantPower(1.5), Taylor.power(variable, constantExponent: Taylor(coefficients: [1.5]))),
        ] : [])
        var g = [Wide](repeating: .nan, count: order + 1)
        for (name, kind, expected) in cases {
            #expect(g.withUnsafeMutableBufferPointer { JetSeries.coefficients(kind, at: x, order: order, into: $0.baseAddress!) })
            for k in 0...order {
                let scale = Swift.max(Swift.abs(expected[k]), 0x1p-60 * Swift.abs(expected[0]), 0x1p-1000)
                #expect(Swift.abs(g[k] - expected[k]) <= 0x1p-58 * scale, "\(name) at \(x0): g_\(k) = \(g[k]), Taylor \(expected[k])")
            }
        }
    }

    /// Every primitive of two arguments (the ones without a jet rule of their own through
    /// `bivariate`), both arguments varying: each partial to order 3 against nested duals.
    @Test(arguments: Function.allCases.filter { !$0.isDefined && $0.arity == 2 && !$0.info.integerOrder })
    func binaryPrimitiveMatchesNestedDuals(_ f: Function) throws {
        let parsed = try Formula(parsing: "\(f.name)(x, y)")
        let tape = Tape(parsed.graph, roots: [parsed.root], variables: ["x", "y"])
        let program = try JetProgram(tape, seeds: [0, 1], order: 3)
        var workspace = program.makeWorkspace()
        var random = SeededGenerator(seed: 0xB1 + UInt64(f.rawValue))
        let range = f.info.samples
        for _ in 0..<10 {
            let point = [Double.random(in: range, using: &random), Double.random(in: range, using: &random)]
            // Stay clear of ties and of the conditions' jumps.
            guard Swift.abs(point[0] - point[1]) > 0.05 else { continue }
            program.evaluate(at: point.map { Wide($0) }, &workspace)
            for directions in [[0], [1], [0, 1], [1, 1], [0, 0, 1], [0, 1, 1], [1, 1, 1]] {
                let jet = Double(program.partial(workspace, root: 0, monomial: program.layout.monomial(directions)))
                let duals = Autodiff.partial(
                    of: parsed.root, in: parsed.graph, at: ["x": point[0], "y": point[1]], variables: directions.map { ["x", "y"][$0] })
                #expect(Swift.abs(jet - duals) <= 1e-12 * Swift.max(1, Swift.abs(duals)), "\(f.name) \(directions) at \(point): jet \(jet), duals \(duals)")
            }
        }
    }

    /// A layout past `JetLayout.maxMonomials` is refused, not built.
    @Test func tooLargeLayout() {
        #expect(throws: JetLayout.TooLarge.self) { try JetLayout(variableCount: 20, order: 6) }
        #expect(throws: JetLayout.TooLarge.self) { try JetLayout(variableCount: 1000, order: 40) }
    }
}
