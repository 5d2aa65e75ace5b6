// The one reader of the numbers of points: --at, --grid, --range and --random values, CSV cells.
import SymDiff

/// Reads a textual number of a point: exactly decimal notation, converted to the nearest
/// double, which must be finite and, for a nonzero decimal, nonzero.
///
/// The notation is `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?` in ASCII:
/// `1`, `-2.5`, `.5`, `1.`, `6.02e23`. Everything else is refused, among it what
/// `Double(String)` would also take: hexadecimal (`0x10`, read as 16), `nan` and `inf`, and a
/// string with a NUL byte inside (C's `strtod` stops at it, so `1\0` `2` would read as 1).
/// A decimal beyond the largest double is refused as non-finite; a nonzero one that rounds to
/// 0 (`1e-400`) as too small. Subnormal results (`5e-324`) are kept.
enum DecimalNumber {
    /// Why a text is not the number of a point.
    enum Failure: Error, Equatable {
        /// Not decimal notation.
        case notDecimal
        /// `nan`, `inf` or `infinity` (any case, signed or not), or a decimal that overflows.
        case nonFinite
        /// A nonzero decimal that rounds to 0.
        case underflow
    }

    /// The value of `text`, which holds only the number (the caller trims spaces).
    static func value(of text: String) throws(Failure) -> Double {
        var utf8 = text
        let (isDecimal, nonzero) = utf8.withUTF8(scan)
        guard isDecimal else {
            let unsigned = text.lowercased().trimmingPrefix { $0 == "+" || $0 == "-" }
            throw ["nan", "inf", "infinity"].contains(String(unsigned)) ? .nonFinite : .notDecimal
        }
        guard let value = Double(text) else { throw .notDecimal }
        guard value.isFinite else { throw .nonFinite }
        if value == 0 && nonzero { throw .underflow }
        return value
    }

    /// Whether `bytes` are decimal notation, and whether a digit of the significand is not 0.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (isDecimal: Bool, nonzero: Bool) {
        var i = 0
        var nonzero = false
        func skip(_ a: UInt8, or b: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == a || bytes[i] == b else { return false }
            i += 1
            return true
        }
        /// Skips the digits at `i`; how many there were.
        func digits(significand: Bool) -> Int {
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                if significand && bytes[i] != UInt8(ascii: "0") { nonzero = true }
                i += 1
            }
            return i - start
        }
        _ = skip(UInt8(ascii: "+"), or: UInt8(ascii: "-"))
        var count = digits(significand: true)
        if skip(UInt8(ascii: "."), or: UInt8(ascii: ".")) { count += digits(significand: true) }
        guard count > 0 else { return (false, nonzero) }
        if skip(UInt8(ascii: "e"), or: UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+"), or: UInt8(ascii: "-"))
            guard digits(significand: false) > 0 else { return (false, nonzero) }
        }
        return (i == bytes.count, nonzero)
    }
}
