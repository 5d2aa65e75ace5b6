// The library as a Swift user calls it: the Hessian of a formula at points, verified.
import Foundation
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify

@Suite struct VerificationArrayTests {
    /// `x1^2*sin(x2)` has Hessian `[[2 sin x2, 2 x1 cos x2], [2 x1 cos x2, -x1^2 sin x2]]`.
    @Test func hessianAtPointsVerified() throws {
        let d = try Derivatives(DerivativeRequest(formulas: ["x1^2*sin(x2)"], orders: 1...2))
        let points = PointSet(names: d.pointVariables, columns: [[0.5, -1, 2], [0.25, 1, 3]])
        let verified = try Verification(d, at: points)
        #expect(verified.passed(strict: true))

        let hessian = try #require(verified.hessian)
        #expect(hessian.shape == [3, 2, 2])
        for n in 0..<3 {
            let (x1, x2) = (points.columns[0][n], points.columns[1][n])
            let mixed: Double = 2 * x1 * cos(x2)
            let expected: [Double] = [2 * sin(x2), mixed, mixed, -x1 * x1 * sin(x2)]
            for (k, want) in expected.enumerated() {
                #expect(Swift.abs(hessian.values[n * 4 + k] - want) <= 4 * want.ulp, "point \(n), entry \(k)")
            }
        }
        let gradient = try #require(verified.gradient)
        #expect(gradient.shape == [3, 2])
        #expect(verified.statuses(order: 2)?.allSatisfy { $0 == .ok } == true)
        #expect(verified.partials(order: 3) == nil)
    }

    /// A variable of `--wrt` the formula does not use has a zero row and column, all `ok`.
    @Test func unusedVariableGivesZeroEntries() throws {
        let d = try Derivatives(DerivativeRequest(formulas: ["x*y"], variables: ["x", "y", "z"], orders: 2...2))
        let points = PointSet(names: d.pointVariables, columns: [[1, 2], [3, 4], [5, 6]])
        let verified = try Verification(d, at: points, threads: 1)
        let hessian = try #require(verified.hessian)
        #expect(hessian.shape == [2, 3, 3])
        #expect(Array(hessian.values[0..<9]) == [0, 1, 0, 1, 0, 0, 0, 0, 0])
        #expect(verified.statuses(order: 2)?.allSatisfy { $0 == .ok } == true)
    }
}
