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

    /// Known issue: formulas whose simplified derivatives carry a constant rounded to binary64.
    ///
    /// Decimal literals are exact rationals, so folding them is exact (`1 - 0.1` is 9/10);
    /// but a folded constant whose numerator or denominator overflows `Int64` falls back to
    /// the nearest double. `exp(-E/(8.617333262e-5*T))` squares `50000000000000/4308666631` in
    /// its second derivative by `T`; that constant's rounding puts the extended-precision value
    /// 3 ulp from the exact one. Values of these formulas over 2 ulp are recorded as known
    /// issues while within `foldedConstantsBound`; an entry with no value over 2 ulp fails as
    /// stale.
    static let foldedConstants: Set<String> = [
        "exp(-E/(8.617333262e-5*T))",
    ]
    /// The largest error allowed for the formulas of `foldedConstants`.
    static let foldedConstantsBound = 4.0

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
        withKnownIssue("a derivative constant rounded to binary64 (FixtureUlpTests.foldedConstants)") {
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
