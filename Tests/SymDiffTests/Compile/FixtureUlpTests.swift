// The reference fixture through the compiled evaluator, in ulps of binary64: extended precision
// within 2 ulp of the 50-digit values, binary64's distribution reported.
import Testing
@testable import SymDiff

/// One compiled fixture value and its distance from the reference in binary64 steps.
struct UlpMeasurement: Sendable, CustomStringConvertible {
    var comparison: Comparison
    /// `ulps(got, expected)`: the reference parsed to `Double` is the correctly rounded value.
    var error: Double

    init(_ comparison: Comparison) {
        self.comparison = comparison
        error = ulps(comparison.got, comparison.expected)
    }

    var description: String { "\(error) ulp: \(comparison)" }

    /// Every value of `fixture` (all its partials, orders 0 to 4) compiled, evaluated in
    /// `precision` and measured.
    static func all(_ fixture: FixtureCase, precision: Precision) throws -> [UlpMeasurement] {
        let maxOrder = fixture.partials.map(\.wrt.count).max() ?? 0
        return try fixture.compiledComparisons(maxOrder: maxOrder, precision: precision).map(UlpMeasurement.init)
    }
}

/// How many errors fall in each bucket of a distribution of ulp errors.
struct UlpHistogram: CustomStringConvertible {
    /// Upper bounds of the buckets, inclusive; one more bucket holds everything above.
    static let bounds: [Double] = [0, 1, 2, 4]
    var counts = [Int](repeating: 0, count: bounds.count + 1)

    init(_ errors: [Double]) {
        for e in errors { counts[Self.bounds.firstIndex { e <= $0 } ?? Self.bounds.count] += 1 }
    }

    var description: String {
        let total = Swift.max(1, counts.reduce(0, +))
        let labels = ["0", "1", "2", "3-4", ">4"]
        return zip(labels, counts).map { label, n in
            let percent = (Double(n) / Double(total) * 1000).rounded() / 10
            return "\(label) ulp: \(n) (\(percent)%)"
        }.joined(separator: ", ")
    }
}

/// The fixture (`Fixtures/derivatives.json`) evaluated by the compiler and the block evaluator,
/// measured in ulps against the correctly rounded 50-digit references.
///
/// With `Precision.extended` (x87, rounded once to binary64) every value is within 2 ulp,
/// except the known issue of `foldedConstants`. Binary64 evaluation has no bound here: its
/// distribution and worst values are printed, for a criterion based on a running error bound
/// to come.
@Suite struct FixtureUlpTests {
    /// The largest error allowed with `Precision.extended`.
    static let extendedBound = 2.0

    /// Known issue: formulas whose simplified derivatives carry constants folded in binary64.
    ///
    /// `asin(0.5*x + 0.1)` has the derivative `0.5/sqrt((0.9 - 0.5*x)*(0.5*x + 1.1))`, whose
    /// `0.9` and `1.1` are `1 ∓ 0.1` rounded to the nearest double (`Number` arithmetic falls
    /// back to `Double` once a real takes part), not the exact `1 - 0.1000000000000000055...`
    /// the formula means. Evaluated at 50 digits, the printed expression is itself up to 14
    /// ulp from the exact derivative (the constant's error grows with the power it is raised
    /// to), so extended precision, which evaluates it faithfully, cannot reach 2 ulp. Values of
    /// these formulas over 2 ulp are recorded as known issues while within
    /// `foldedConstantsBound`; an entry with no value over 2 ulp fails as stale.
    static let foldedConstants: Set<String> = [
        "asin(0.5*x + 0.1)",
        "acos(x/3 - 0.2)",
        "0.8*tanh(1.5*x - 0.5) - 1.2*tanh(-0.7*x + 0.3) + 0.4*sigmoid(2*x)",
        "h1 = softplus(x - 2*y + 0.5); h2 = softplus(-1.5*x + y); 0.7*h1 - 0.4*h2 + softplus(h1 - h2)",
        "0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))",
    ]
    /// The largest error allowed for the formulas of `foldedConstants`.
    static let foldedConstantsBound = 16.0

    #if arch(x86_64)
    @Test(arguments: FixtureFile.cases)
    func extendedWithinTwoUlps(_ fixture: FixtureCase) throws {
        let over = try UlpMeasurement.all(fixture, precision: .extended).filter { !($0.error <= Self.extendedBound) }
        guard Self.foldedConstants.contains(fixture.formula) else {
            for m in over { Issue.record("extended: \(m)") }
            return
        }
        for m in over where !(m.error <= Self.foldedConstantsBound) {
            Issue.record("extended, over the folded-constants bound \(Self.foldedConstantsBound): \(m)")
        }
        withKnownIssue("derivative constants folded in binary64 (FixtureUlpTests.foldedConstants)") {
            for m in over { Issue.record("extended: \(m)") }
        }
    }

    /// Every formula of the known issue is in the fixture.
    @Test func foldedConstantsAreFixtureFormulas() {
        let formulas = Set(FixtureFile.cases.map(\.formula))
        #expect(Self.foldedConstants.subtracting(formulas).isEmpty)
    }
    #endif

    /// Both precisions over the whole fixture: the histogram and the worst values, printed.
    @Test func distribution() throws {
        let cases = FixtureFile.cases
        let expected = cases.reduce(0) { $0 + $1.partials.reduce(0) { $0 + $1.values.count } }
        var report = "fixture through the compiled evaluator, error in ulps of binary64:\n"
        for precision in Precision.allCases {
            let all = try cases.flatMap { try UlpMeasurement.all($0, precision: precision) }
            #expect(all.count == expected, "\(precision): \(all.count) values, the fixture has \(expected)")
            let ranked = all.sorted { $0.error > $1.error }
            report += "\(precision): \(all.count) values; \(UlpHistogram(all.map(\.error)))\n"
            report += ranked.prefix(8).map { "  \($0)" }.joined(separator: "\n") + "\n"
        }
        print(report, terminator: "")
    }

    /// The measure itself: neighbours are 1 apart across powers of two, subnormals and zero.
    @Test func ulpsCountsRepresentableSteps() {
        #expect(ulps(1, 1) == 0)
        #expect(ulps(1.0.nextUp, 1) == 1)
        #expect(ulps(1.0.nextDown, 1) == 1)
        #expect(ulps(1.0.nextDown, 1.0.nextUp) == 2)
        #expect(ulps(-3.0.nextUp, -3) == 1)
        #expect(ulps(0.1 + 0.2, 0.3) == 1)
        #expect(ulps(.leastNonzeroMagnitude, 0) == 1)
        #expect(ulps(.leastNonzeroMagnitude, -.leastNonzeroMagnitude) == 2)
        #expect(ulps(0, -0.0) == 0)
        #expect(ulps(.leastNormalMagnitude, .leastNormalMagnitude.nextDown) == 1)
        #expect(ulps(.infinity, .greatestFiniteMagnitude) == 1)
        #expect(ulps(.nan, .nan) == 0)
        #expect(ulps(.nan, 1) == .infinity)
        #expect(ulps(2, 1) == Double(1 << 52))
        #expect(UlpHistogram([0, 0, 1, 2, 3, 4, 4.5, .infinity]).counts == [2, 1, 1, 2, 2])
    }
}
