// --verify over the whole fixture corpus, and binary64 accuracy where the rounding bound is small.
import Testing
import SymDiff
import SymDiffVerify

/// The fixture corpus through `Verification`: every formula at its points, orders 1 to 4 for
/// one variable and 1 to 2 for several, as `symdiff --verify` would run it.
@Suite struct FixtureVerifyTests {
    /// The verification of one fixture case in `precision`.
    static func verify(_ fixture: FixtureCase, precision: Precision = .double) throws -> Verification {
        let orders = fixture.variables.count == 1 ? 1...4 : 1...2
        let d = try Derivatives(DerivativeRequest(formulas: [fixture.formula], variables: fixture.variables, orders: orders))
        let rows = fixture.assignments()
        let points = PointSet(names: d.freeVariables, columns: d.freeVariables.map { name in rows.map { $0[name]! } })
        return try Verification(d, at: points, precision: precision, threads: 2)
    }

    /// The 50-digit reference of `column` at every point, rounded to binary64.
    static func references(_ fixture: FixtureCase, _ column: Verification.Column) -> [Double]? {
        fixture.partials.first { $0.wrt == column.wrt }.map { $0.values.map { Double($0) ?? .nan } }
    }

    /// No value disagrees and every fixture point is `ok` (the corpus keeps off kinks, edges
    /// and cancellations).
    @Test func everyFixtureFormulaVerifies() throws {
        var values = 0
        for fixture in FixtureFile.cases {
            let v = try Self.verify(fixture)
            #expect(v.passed(), "\(fixture.formula): \(v.columns.filter { $0.disagreements > 0 }.map(\.name))")
            for column in v.columns {
                values += column.status.count
                for (i, status) in column.status.enumerated() where status != .ok {
                    Issue.record("\(fixture.formula) \(column.name) at point \(i): \(status.rawValue)")
                }
            }
        }
        print("fixture verify: \(FixtureFile.cases.count) formulas, \(values) values, all ok and agreeing")
        #expect(values > 4000)
    }

    /// Where the running error bound of the binary64 computation is at most 2 ulp, the value
    /// is within 4 ulp of the 50-digit reference (the factor 2 allows for the compiled program
    /// rounding in another order than the expression the bound follows).
    @Test func binary64IsWithinFourUlpWhereWellConditioned() throws {
        var wellConditioned = 0
        var all = 0
        var worst = 0.0
        for fixture in FixtureFile.cases {
            let v = try Self.verify(fixture)
            for column in v.columns {
                guard let references = Self.references(fixture, column) else { continue }
                for (i, reference) in references.enumerated() {
                    all += 1
                    guard column.roundingBound[i] <= 2 * reference.magnitude.ulp else { continue }
                    wellConditioned += 1
                    let error = ulps(column.symbolic[i], reference)
                    worst = Swift.max(worst, error)
                    #expect(error <= 4, "\(fixture.formula) \(column.name) at point \(i): \(error) ulp, bound \(column.roundingBound[i])")
                }
            }
        }
        print("fixture binary64: \(wellConditioned) of \(all) values well-conditioned (bound <= 2 ulp), worst \(worst) ulp")
        // The bound is a worst case: it calls about one value in eight this well-conditioned.
        #expect(wellConditioned > 500)
    }
}
