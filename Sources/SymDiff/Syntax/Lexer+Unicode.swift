// Non-ASCII input: hints for look-alike characters, and validation of raw UTF-8 bytes.

extension Lexer {
    /// The error for the non-ASCII character starting at byte `start`.
    func nonASCII(at start: Int) -> Diagnostic {
        let length = bytes[start] >= 0xF0 ? 4 : bytes[start] >= 0xE0 ? 3 : 2
        let end = Swift.min(bytes.count, start + length)
        let scalar = text(start, end).unicodeScalars.first ?? "\u{FFFD}"
        let startLocation = location(start)
        let spot = SourceRange(start: startLocation, end: SourceLocation(offset: end, line: startLocation.line, column: startLocation.column + 1))
        if Self.superscriptDigits.contains(scalar) {
            var baseStart = start
            while baseStart > 0, Self.isIdentifierPart(bytes[baseStart - 1]) { baseStart -= 1 }
            let exponent = text(start, Swift.min(bytes.count, start + 24)).unicodeScalars
                .prefix { Self.superscriptDigits.contains($0) }
            return Diagnostic(.superscript(base: text(baseStart, start), exponent: String(String.UnicodeScalarView(exponent))), at: spot)
        }
        return Diagnostic(.unsupportedCharacter(scalar, suggestion: Self.suggestion(for: scalar)), at: spot)
    }

    private static let superscriptDigits: Set<Unicode.Scalar> = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// What to write instead of a common look-alike of an ASCII operator, digit or letter.
    static func suggestion(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0xB7, 0xD7, 0x2022, 0x2217, 0x22C5: return "write '*' to multiply"
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: return "write '-'"
        case 0xF7, 0x2044, 0x2215: return "write '/'"
        case 0x3C0: return "write pi"
        case 0x221A: return "write sqrt(x)"
        case 0x2202: return "write D(f, x) for a derivative"
        case 0x221E: return "symdiff formulas are finite"
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return "replace it with a plain space"
        case 0x200B, 0x2060, 0xFEFF: return "delete this invisible character"
        case 0xFF01...0xFF5E: return "write the ASCII '\(Unicode.Scalar(UInt8(scalar.value - 0xFEE0)))'"
        default:
            return scalar.properties.isAlphabetic ? "names must use ASCII letters, digits and '_'" : nil
        }
    }

    /// Checks that `bytes` are UTF-8 without NUL bytes, or reports the first bad byte.
    ///
    /// Columns count scalars, an invalid sequence counting as one, as it renders as one `�`.
    static func validate(_ bytes: [UInt8]) throws(Diagnostic) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var (offset, line, column) = (0, 1, 1)
        func here(_ length: Int) -> SourceRange {
            SourceRange(
                start: SourceLocation(offset: offset, line: line, column: column),
                end: SourceLocation(offset: offset + length, line: line, column: column + 1))
        }
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0 { throw Diagnostic(.nulByte, at: here(1)) }
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    (line, column) = (line + 1, 0)
                }
                offset += encoded.count
                column += 1
            case .error(let length): throw Diagnostic(.invalidUTF8, at: here(length))
            case .emptyInput: return
            }
        }
    }
}
