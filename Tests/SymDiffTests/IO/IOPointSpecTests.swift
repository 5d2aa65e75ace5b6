// --at, --grid, --range, --random, --seed and --columns: values, determinism and errors with spans.
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IOPointSpecTests {
    @Test func atGivesOnePointInVariableOrder() throws {
        let points = try PointSpec.at(" x2 = 0.7, x1=1.5", variables: ["x1", "x2"])
        #expect(points.names == ["x1", "x2"])
        #expect(points.columns == [[1.5], [0.7]])
        #expect(points.count == 1)
    }

    struct SpecError: Sendable, CustomTestStringConvertible {
        var option: String
        var text: String
        var message: String
        var span: Range<Int>
        var testDescription: String { "\(option) \(text)" }
    }

    static let specErrors: [SpecError] = [
        SpecError(option: "--at", text: "x1=1.5,x2", message: "expected 'name=value', found 'x2'", span: 7..<9),
        SpecError(option: "--at", text: "x1=abc,x2=1", message: "'abc' is not a number", span: 3..<6),
        SpecError(option: "--at", text: "x1=nan,x2=1", message: "'nan' is not a finite number", span: 3..<6),
        SpecError(option: "--at", text: "x1=1,x1=2", message: "'x1' is given twice", span: 5..<7),
        SpecError(option: "--at", text: "x1=1,y=2", message: "'y' is not a variable of the formula or of --wrt (variables: x1, x2)", span: 5..<6),
        SpecError(option: "--at", text: "x1=1", message: "--at gives no value for 'x2'", span: 0..<4),
        SpecError(option: "--at", text: "1x=1", message: "'1x' is not a variable name: it must match [A-Za-z_][A-Za-z0-9_]*", span: 0..<2),
        SpecError(option: "--grid", text: "x1=0:1:3,x2=0:1", message: "expected 'a:b:n', found '0:1'", span: 12..<15),
        SpecError(option: "--grid", text: "x1=0:1:0,x2=0:1:2", message: "expected a whole number of points of at least 1, found '0'", span: 7..<8),
        SpecError(option: "--grid", text: "x1=0:1:2.5,x2=0:1:2", message: "expected a whole number of points of at least 1, found '2.5'", span: 7..<10),
        SpecError(option: "--grid", text: "x1=-1e308:1e308:3,x2=0:1:2", message: "interval -1e+308:1e+308 is too wide: its width overflows", span: 3..<15),
        SpecError(option: "--range", text: "x1=2:1", message: "interval 2.0:1.0 is reversed: its lower end is above its upper end", span: 3..<6),
        SpecError(option: "--range", text: "x1=0:inf", message: "'inf' is not a finite number", span: 5..<8),
        SpecError(option: "--range", text: "x1=0", message: "expected 'a:b', found '0'", span: 3..<4),
        // Numbers are decimal (DecimalNumber): what Double(String) also reads is refused.
        SpecError(option: "--at", text: "x1=0x10,x2=1", message: "'0x10' is not a number", span: 3..<7),
        SpecError(option: "--at", text: "x1= 1\u{0}2 ,x2=1", message: "'1\\02' is not a number", span: 3..<8),
        SpecError(option: "--at", text: "x1=1e-400,x2=1", message: "'1e-400' is too small: it rounds to 0", span: 3..<9),
        SpecError(option: "--at", text: "x1=1,x2=-1e400", message: "'-1e400' is not a finite number", span: 8..<14),
        SpecError(option: "--grid", text: "x1=0:1e-999:3,x2=0:1:2", message: "'1e-999' is too small: it rounds to 0", span: 5..<11),
        SpecError(option: "--range", text: "x1=-Infinity:0", message: "'-Infinity' is not a finite number", span: 3..<12),
        SpecError(option: "--range", text: "x1=0:0x1p3", message: "'0x1p3' is not a number", span: 5..<10),
    ]

    static func error(_ c: SpecError) -> PointsError? {
        let variables = ["x1", "x2"]
        do {
            switch c.option {
            case "--at": _ = try PointSpec.at(c.text, variables: variables)
            case "--grid": _ = try PointSpec.grid(c.text, variables: variables)
            default: _ = try PointSpec.ranges(c.text, variables: variables)
            }
        } catch {
            return error
        }
        return nil
    }

    @Test(arguments: specErrors) func specErrorsAreSpecific(_ c: SpecError) {
        let error = Self.error(c)
        #expect(error?.message == c.message)
        #expect(error?.span == c.span)
        #expect(error?.location == nil)
    }

    @Test func gridIsInclusiveWithExactEndpointsLastVariableFastest() throws {
        let axes = try PointSpec.grid("t=0:1:3, x=-2:2:2", variables: ["x", "t"])
        let points = try PointSet.grid(axes)
        #expect(points.names == ["x", "t"])
        #expect(points.columns[0] == [-2, -2, -2, 2, 2, 2])
        #expect(points.columns[1] == [0, 0.5, 1, 0, 0.5, 1])
        let tenth = try PointSet.grid(PointSpec.grid("x=0.1:0.7:7", variables: ["x"]))
        let expected: [Double] = (0..<6).map { (i: Int) -> Double in 0.1 + (0.7 - 0.1) * Double(i) / 6 } + [0.7]
        #expect(tenth.columns[0] == expected)
        let single = try PointSet.grid(PointSpec.grid("x=3:5:1", variables: ["x"]))
        #expect(single.columns == [[3]])
    }

    @Test func hugeGridsAndCountsHitThePointLimit() throws {
        let huge = try PointSpec.grid("x=0:1:100000000,y=0:1:10000000", variables: ["x", "y"])
        #expect(throws: PointsError(.tooManyPoints("1000000000000000", limit: PointSet.defaultMaxPoints))) {
            _ = try PointSet.grid(huge)
        }
        let small = try PointSpec.grid("x=0:1:11,y=0:1:11", variables: ["x", "y"])
        #expect(throws: PointsError(.tooManyPoints("121", limit: 100))) { _ = try PointSet.grid(small, maxPoints: 100) }
        #expect(throws: PointsError(.tooManyPoints("1e12", limit: PointSet.defaultMaxPoints), span: 0..<4)) {
            _ = try PointSpec.count("1e12")
        }
        #expect(throws: PointsError(.invalidPointCount("-3"), span: 0..<2)) { _ = try PointSpec.count("-3") }
        #expect(throws: PointsError(.invalidSeed("x"), span: 0..<1)) { _ = try PointSpec.seed("x") }
        #expect(try PointSpec.count("1e3") == 1000)
        for text in ["0x10", "nan", "1e-400", "1e400"] {
            #expect(throws: PointsError(.invalidPointCount(text), span: 0..<text.count)) { _ = try PointSpec.count(text) }
        }
        #expect(try PointSpec.seed("18446744073709551615") == .max)
    }

    /// SplitMix64 written out again from its published definition, to pin the generator.
    static func splitMix(_ seed: UInt64, count: Int) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomPointsArePinnedAndPrefixStable() throws {
        // The first outputs of SplitMix64 from seed 0, as published with the reference code.
        #expect(Self.splitMix(0, count: 2) == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4])
        let ranges = try PointSpec.ranges("t=-1:1", variables: ["x", "t"])
        let points = try PointSet.random(count: 3, seed: 42, ranges: ranges, variables: ["x", "t"])
        let raw = Self.splitMix(42, count: 6).map { Double($0 >> 11) / 9_007_199_254_740_992 }
        #expect(points.columns[0] == [raw[0], raw[2], raw[4]])
        #expect(points.columns[1] == [raw[1], raw[3], raw[5]].map { -1 + 2 * $0 })
        let longer = try PointSet.random(count: 4, seed: 42, ranges: ranges, variables: ["x", "t"])
        #expect(longer.columns.map { Array($0.prefix(3)) } == points.columns)
        #expect(try PointSet.random(count: 3, seed: 43, variables: ["x", "t"]) != points)
        #expect(points.columns[0].allSatisfy { (0..<1).contains($0) })
    }

    /// Random points made a range at a time, in pieces on any number of threads, are the
    /// points of the one sequential SplitMix64 stream, point-major.
    @Test(arguments: [1, 2, 3])
    func randomRangesAreTheSequentialStream(threads: Int) throws {
        let random = try RandomPoints(count: 50_000, seed: 9, variables: ["x", "y"], threads: threads)
        let raw = Self.splitMix(9, count: 2 * 50_000).map { Double($0 >> 11) / 9_007_199_254_740_992 }
        let range = 12_345..<47_000
        let columns = random.columns(in: range)
        #expect(columns[0] == range.map { raw[2 * $0] })
        #expect(columns[1] == range.map { raw[2 * $0 + 1] })
    }

    @Test func columnsAreVariableNamesEachOnce() throws {
        #expect(try PointSpec.columns("x, t") == ["x", "t"])
        #expect(throws: PointsError.self) { _ = try PointSpec.columns("x,sin") }
        #expect(throws: PointsError(.duplicateColumnName("x"), span: 4..<6)) { _ = try PointSpec.columns("x,t, x") }
    }
}
