// Number literals: scanning, the errors for malformed ones, and conversion to `Number`.

extension Lexer {
    /// `number ::= (digits ('.' digits?)? | '.' digits) (('e' | 'E') ('+' | '-')? digits)?`
    ///
    /// An integer literal that fits `Int64` becomes an exact rational; any other literal goes
    /// through `Double` and `Number(Double)`. A literal that overflows to infinity or rounds a
    /// non-zero value to 0 is an error, as is a letter right after the number (`2x`).
    mutating func number() throws(Diagnostic) -> Token {
        let start = position
        var end = digitsEnd(from: start)
        var isInteger = true
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            isInteger = false
            end = digitsEnd(from: end + 1)
        }
        guard end - start > 1 || bytes[start] != UInt8(ascii: ".") else {
            throw Diagnostic(.malformedNumber(".", .noDigits), at: range(start, end))
        }
        let mantissaEnd = end
        if end == start + 1, bytes[start] == UInt8(ascii: "0"), end + 1 < bytes.count,
            bytes[end] | 0x20 == UInt8(ascii: "x"), bytes[end + 1].isHexDigitOrPoint
        {
            throw malformed(start, scanNumberLike(from: end + 1), .hexadecimal)
        }
        if end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "e") {
            var digits = end + 1
            if digits < bytes.count, bytes[digits] == UInt8(ascii: "+") || bytes[digits] == UInt8(ascii: "-") {
                digits += 1
            } else if digits < bytes.count, Self.isIdentifierStart(bytes[digits]) {
                throw implicitMultiplication(start, end)
            }
            guard digits < bytes.count, Self.isDigit(bytes[digits]) else {
                throw malformed(start, digits, .missingExponentDigits)
            }
            isInteger = false
            end = digitsEnd(from: digits)
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            throw malformed(start, scanNumberLike(from: end), .misplacedDecimalPoint)
        }
        if end < bytes.count, Self.isIdentifierStart(bytes[end]) { throw implicitMultiplication(start, end) }
        position = end
        numberValue = try convert(start, end, isInteger: isInteger, mantissaEnd: mantissaEnd)
        return Token(kind: .number, range: range(start, end))
    }

    private func convert(_ start: Int, _ end: Int, isInteger: Bool, mantissaEnd: Int) throws(Diagnostic) -> Number {
        if isInteger, let exact = exactInteger(start, end) { return .rational(exact, 1) }
        let text = self.text(start, end)
        guard let double = Double(text), double.isFinite else {
            throw Diagnostic(.numberOutOfRange(text), at: range(start, end))
        }
        if double == 0, bytes[start..<mantissaEnd].contains(where: { $0 &- UInt8(ascii: "1") < 9 }) {
            throw Diagnostic(.numberRoundsToZero(text), at: range(start, end))
        }
        if let exact = Number(exactDecimal: text) { return exact }
        guard let number = Number(double) else { throw Diagnostic(.numberOutOfRange(text), at: range(start, end)) }
        return number
    }

    /// The value of the digits `start..<end`, or `nil` when it overflows `Int64`.
    private func exactInteger(_ start: Int, _ end: Int) -> Int64? {
        var value: Int64 = 0
        for byte in bytes[start..<end] {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    private func digitsEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        return end
    }

    /// The end of a run that still looks like part of a number (`1.2.3`, `0x1p3`).
    private func scanNumberLike(from start: Int) -> Int {
        var end = start
        while end < bytes.count, Self.isIdentifierPart(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
        return end
    }

    private func malformed(_ start: Int, _ end: Int, _ problem: MalformedNumber) -> Diagnostic {
        Diagnostic(.malformedNumber(text(start, end), problem), at: range(start, end))
    }

    /// The error for a number written directly before a name, as in `2x`.
    private func implicitMultiplication(_ start: Int, _ nameStart: Int) -> Diagnostic {
        let nameEnd = Self.identifierEnd(bytes, from: nameStart)
        let error = SyntaxError.implicitMultiplication(left: text(start, nameStart), right: text(nameStart, nameEnd))
        return Diagnostic(error, at: range(nameStart, nameEnd))
    }
}

extension UInt8 {
    fileprivate var isHexDigitOrPoint: Bool {
        Lexer.isDigit(self) || (self | 0x20) &- UInt8(ascii: "a") < 6 || self == UInt8(ascii: ".")
    }
}
