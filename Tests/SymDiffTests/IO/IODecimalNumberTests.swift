// The one reader of the numbers of points: decimal notation only, finite, no silent underflow.
import Testing
@testable import SymDiff
@testable import SymDiffIO

@Suite struct IODecimalNumberTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        /// The value, compared bit for bit (so -0 is not 0), or why the text is refused.
        var result: Result<Double, DecimalNumber.Failure>
        var testDescription: String { text.debugDescription }

        init(_ text: String, _ value: Double) { (self.text, result) = (text, .success(value)) }
        init(_ text: String, _ failure: DecimalNumber.Failure) { (self.text, result) = (text, .failure(failure)) }
    }

    static let cases: [Case] = [
        // Every form of the notation.
        Case("1", 1), Case("-2.5", -2.5), Case("+3", 3), Case(".5", 0.5), Case("1.", 1), Case("007", 7),
        Case("6.02e23", 6.02e23), Case("1E-3", 0.001), Case("1e+3", 1000), Case("0.1", 0.1),
        Case("3.14159265358979323846264338327950288", .pi), Case("1.7976931348623157e308", .greatestFiniteMagnitude),
        // Zeros written as zeros, of either sign, are not underflow.
        Case("-0", -0.0), Case("0e-999", 0), Case("0.000e5", 0), Case("-.0", -0.0),
        // Subnormal results are kept; one past half the smallest rounds up to it.
        Case("5e-324", .leastNonzeroMagnitude), Case("2.5e-324", .leastNonzeroMagnitude), Case("-1.1125369292536007e-308", -.leastNormalMagnitude / 2),
        // What Double(String) takes but is not decimal notation.
        Case("0x10", .notDecimal), Case("0X1p3", .notDecimal), Case("1\u{0}2", .notDecimal), Case("1\u{0}", .notDecimal),
        Case("nan(1)", .notDecimal), Case("snan", .notDecimal),
        // Not numbers in any notation.
        Case("", .notDecimal), Case("+", .notDecimal), Case("-", .notDecimal), Case(".", .notDecimal), Case("e5", .notDecimal),
        Case("1e", .notDecimal), Case("1e+", .notDecimal), Case("1.2.3", .notDecimal), Case("1..2", .notDecimal),
        Case("++1", .notDecimal), Case("1e5.5", .notDecimal), Case("1_000", .notDecimal), Case("1,5", .notDecimal),
        Case(" 1", .notDecimal), Case("1 ", .notDecimal), Case("1f", .notDecimal), Case("in", .notDecimal),
        Case("\u{0664}", .notDecimal), Case("\u{FF11}", .notDecimal), Case("1\u{2212}2", .notDecimal),
        // NaN and infinity, spelled out or by overflow.
        Case("nan", .nonFinite), Case("NaN", .nonFinite), Case("-nan", .nonFinite), Case("inf", .nonFinite),
        Case("+Inf", .nonFinite), Case("-infinity", .nonFinite), Case("INFINITY", .nonFinite),
        Case("1e400", .nonFinite), Case("-1e309", .nonFinite), Case("1.8e308", .nonFinite),
        Case(String(repeating: "9", count: 400), .nonFinite),
        // Nonzero decimals that round to 0.
        Case("1e-400", .underflow), Case("-1e-400", .underflow), Case("2e-324", .underflow),
        Case("0.0000001e-320", .underflow), Case("1e-99999999999999999999", .underflow),
    ]

    @Test(arguments: cases) func reads(_ c: Case) {
        let result = Result { () throws(DecimalNumber.Failure) -> Double in try DecimalNumber.value(of: c.text) }
        switch (result, c.result) {
        case (.success(let value), .success(let expected)): #expect(value.bitPattern == expected.bitPattern, "\(value)")
        case (.failure(let failure), .failure(let expected)): #expect(failure == expected)
        default: Issue.record("got \(result), expected \(c.result)")
        }
    }

    /// Every text `Double(String)` reads to a finite value and the reader accepts gives the
    /// same bits: the reader only narrows what is accepted.
    @Test func acceptedTextsReadAsDoubleReadsThem() {
        var generator = SplitMix64(seed: 3)
        let alphabet = Array("0123456789.eE+-")
        for _ in 0..<5_000 {
            let text = String((0..<(1 + Int(generator.next() % 12))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            guard let value = try? DecimalNumber.value(of: text) else { continue }
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
        }
    }
}
