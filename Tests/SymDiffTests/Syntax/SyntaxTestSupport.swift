// Helpers shared by the syntax tests: parse to a reading, or to the error it reports.
@testable import SymDiff

enum SyntaxTestSupport {
    /// The fully parenthesized reading of `source`, or the message of the error it reports.
    static func reading(_ source: String, limits: Limits = Limits(), patterns: Bool = false) -> String {
        do {
            return try Parser.parse(source, limits: limits, allowPatternVariables: patterns).parenthesized()
        } catch {
            return "error: " + error.message
        }
    }

    /// The error `source` reports, or `nil` when it parses.
    static func diagnostic(_ source: String, limits: Limits = Limits(), patterns: Bool = false) -> Diagnostic? {
        do {
            _ = try Parser.parse(source, limits: limits, allowPatternVariables: patterns)
            return nil
        } catch {
            return error
        }
    }

    /// `"line:column message"` for the error `source` reports, or `"parsed"`.
    static func located(_ source: String, limits: Limits = Limits(), patterns: Bool = false) -> String {
        guard let d = diagnostic(source, limits: limits, patterns: patterns) else { return "parsed" }
        return "\(d.range.start.line):\(d.range.start.column) \(d.message)"
    }
}
