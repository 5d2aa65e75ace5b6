// The CSV points reader: accepted layouts, and one specific located error per kind of bad file.
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IOCSVReaderTests {
    static func read(_ text: String, variables: [String] = ["x1", "x2"], maxPoints: Int = 1_000) throws(PointsError) -> PointSet {
        try PointSet.csv(bytes: Array(text.utf8), file: "samples.csv", variables: variables, maxPoints: maxPoints)
    }

    struct Good: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    /// Every layout here holds the points (1, 2) and (3, -4.5) of x1, x2.
    static let good: [Good] = [
        Good(name: "plain", text: "x1,x2\n1,2\n3,-4.5\n"),
        Good(name: "no final newline", text: "x1,x2\n1,2\n3,-4.5"),
        Good(name: "CRLF", text: "x1,x2\r\n1,2\r\n3,-4.5\r\n"),
        Good(name: "blank trailing lines", text: "x1,x2\n1,2\n3,-4.5\n\n  \n"),
        Good(name: "comments first", text: "# made by hand\n#x1,x2\n\nx1,x2\n1,2\n3,-4.5\n"),
        Good(name: "columns reordered, extra ignored", text: "id,x2,x1\na,2,1\nb,-4.5,3\n"),
        Good(name: "quoted names and values", text: "\"x1\",\"x2\"\n\"1\",2\n3,\" -4.5 \"\n"),
        Good(name: "spaces around fields", text: " x1 , x2 \n 1 ,\t2\n3, -4.5\n"),
        Good(name: "byte order mark", text: "\u{FEFF}x1,x2\n1,2\n3,-4.5\n"),
        Good(name: "number spellings", text: "x1,x2\n1.0,2e0\n+3,-45e-1\n"),
        Good(name: "more number spellings", text: "x1,x2\n1.,+.2E1\n003,-4.50e+0\n"),
        Good(name: "quoted extra column with commas", text: "x1,note,x2\n1,\"a, \"\"b\"\"\",2\n3,,-4.5\n"),
    ]

    @Test(arguments: good) func layoutsAreRead(_ c: Good) throws {
        let points = try Self.read(c.text)
        #expect(points.names == ["x1", "x2"])
        #expect(points.columns == [[1, 3], [2, -4.5]])
        #expect(points.count == 2)
    }

    /// Subnormal values and zeros of both signs are read as written.
    @Test func tinyValuesAndSignedZerosAreKept() throws {
        let points = try Self.read("x1,x2\n5e-324,-0\n-2.5e-324,0e-400\n")
        #expect(bitwiseEqual(points.columns[0], [.leastNonzeroMagnitude, -.leastNonzeroMagnitude]))
        #expect(bitwiseEqual(points.columns[1], [-0.0, 0]))
    }

    @Test func headerOnlyGivesNoPoints() throws {
        #expect(try Self.read("x1,x2\n").count == 0)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var rendered: String
        var testDescription: String { rendered }
    }

    static let bad: [Bad] = [
        Bad(text: "x1,x2\n1,2\n3,abc\n", rendered: "samples.csv:3:3: non-numeric value 'abc' in column 'x2'"),
        Bad(text: "x1,x2\n1,2\n3, 1e\n", rendered: "samples.csv:3:3: non-numeric value '1e' in column 'x2'"),
        Bad(text: "x1,x2\n1,nan\n", rendered: "samples.csv:2:3: non-finite value 'nan' in column 'x2'"),
        Bad(text: "x1,x2\n-inf,1\n", rendered: "samples.csv:2:1: non-finite value '-inf' in column 'x1'"),
        Bad(text: "x1,x2\n1,\n", rendered: "samples.csv:2:3: empty value in column 'x2'"),
        Bad(text: "x1,t\n1,2\n", rendered: "samples.csv:1:1: points file has no column 'x2' (columns: x1, t)"),
        Bad(text: "x1,x2,x1\n1,2,3\n", rendered: "samples.csv:1:7: column 'x1' appears twice in the header"),
        Bad(text: "x1,x2\n1,2\n3\n", rendered: "samples.csv:3:2: row has 1 field, the header has 2"),
        Bad(text: "x1,x2\n1,2,5\n", rendered: "samples.csv:2:4: row has 3 fields, the header has 2"),
        Bad(text: "x1,x2\n\"1,2\n", rendered: "samples.csv:2:1: quoted field is not closed before the end of the line"),
        Bad(text: "", rendered: "samples.csv:1:1: points file is empty"),
        Bad(text: " \n\r\n", rendered: "samples.csv:1:1: points file is empty"),
        Bad(text: "# only a comment\n", rendered: "samples.csv:1:1: points file has no header row, only comments and blank lines"),
        Bad(text: "x1,x2\n1,2\n3,4\n5,6\n", rendered: "samples.csv:4:1: 3 points are more than the limit of 2"),
        Bad(text: "x1,x2\n1,2\né,ü,3\n", rendered: "samples.csv:3:4: row has 3 fields, the header has 2"),
        // Numbers are decimal (DecimalNumber): what Double(String) also reads is refused.
        Bad(text: "x1,x2\n1,0x10\n", rendered: "samples.csv:2:3: non-numeric value '0x10' in column 'x2'"),
        Bad(text: "x1,x2\n1, 1\u{0}2\n", rendered: "samples.csv:2:3: non-numeric value '1\\02' in column 'x2'"),
        Bad(text: "x1,x2\n\u{0664},1\n", rendered: "samples.csv:2:1: non-numeric value '\u{0664}' in column 'x1'"),
        Bad(text: "x1,x2\n1,Infinity\n", rendered: "samples.csv:2:3: non-finite value 'Infinity' in column 'x2'"),
        Bad(text: "x1,x2\n1,1e999\n", rendered: "samples.csv:2:3: non-finite value '1e999' in column 'x2'"),
        Bad(text: "x1,x2\n-1e-400,1\n", rendered: "samples.csv:2:1: value '-1e-400' in column 'x1' is too small: it rounds to 0"),
    ]

    @Test(arguments: bad) func badFilesGetLocatedErrors(_ c: Bad) {
        var caught: PointsError?
        do { _ = try Self.read(c.text, maxPoints: 2) } catch { caught = error }
        #expect(caught?.description == c.rendered)
    }

    @Test func errorsRenderWithHints() {
        var caught: PointsError?
        do { _ = try Self.read("x1,x2\n1,inf\n") } catch { caught = error }
        #expect(caught?.rendered() == """
            error: non-finite value 'inf' in column 'x2'
              --> samples.csv:2:3
              hint: sample points must be finite numbers

            """)
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("x12,\"\r\n# .e-+nai\u{FF}".utf8)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = try? PointSet.csv(bytes: bytes, file: "fuzz.csv", variables: ["x1", "x2"])
        }
    }
}
