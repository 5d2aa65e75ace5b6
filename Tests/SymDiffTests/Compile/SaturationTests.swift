// Saturated regions, where float64 autograd returns 0 or loses most digits: symdiff's compiled
// values of f, f' and f'' stay within 1e-12 of 50-digit references.
import Testing
@testable import SymDiff

@Suite struct SaturationTests {
    static let cases = (try? FixtureFile.load("saturation"))?.cases ?? []

    @Test func fixtureLoads() {
        #expect(Self.cases.count == 6)
    }

    /// tanh(5x) on [3, 8], sigmoid on ±[20, 60], softplus on [-60, -20], exp(-x^2) and erfc
    /// on [5, 20]: every value, first and second derivative, relative error ≤ 1e-12.
    @Test(arguments: cases)
    func withinTolerance(_ fixture: FixtureCase) throws {
        for precision in Precision.allCases {
            let comparisons = try fixture.compiledComparisons(maxOrder: 2, precision: precision)
            #expect(comparisons.count == 3 * fixture.points.count)
            for comparison in comparisons {
                #expect(comparison.passes, "\(precision): \(comparison)")
            }
        }
    }
}
