// One way to report every error: what went wrong, where, the text with the spot marked, a hint.

/// An error a person reads. Every error symdiff reports (a formula's, a command line's, a
/// points file's, an output file's) is rendered by `rendered(for:)`:
///
///     error: expected ')' to close '(' at 1:9
///       --> 1:12
///       x1^2*sin(x2
///               ~  ^
///       hint: insert ')'
///
/// each part only when the error has it.
public protocol ReportedError: Error {
    /// What went wrong, in one line.
    var message: String { get }
    /// How to fix it, when known; it names settings by `ReportTerm.token`, which the renderer
    /// spells for its audience (`--max-nodes` on the command line, `Limits.maxNodes` in code).
    var hint: String? { get }
    /// Where: `samples.csv:3:7`, `1:12`, an output path; `nil` when the excerpt shows it.
    var place: String? { get }
    /// The text the error is in (a formula's line, a command-line argument), with the spot marked.
    var excerpt: ErrorExcerpt? { get }
}

/// A line of text and the marks under it: `^` under the spot, `~` under a related one.
public struct ErrorExcerpt: Sendable, Equatable {
    public var line: String
    public var marks: String

    public init(line: String, marks: String) {
        self.line = line
        self.marks = marks
    }

    /// `text` with `^` under the characters `underline` (one at least).
    public init(_ text: String, underline: Range<Int>) {
        line = text
        marks = String(repeating: " ", count: underline.lowerBound) + String(repeating: "^", count: Swift.max(1, underline.count))
    }
}

/// Who reads an error: how a hint spells the settings it names.
public enum ErrorAudience: Sendable {
    /// A person at the command line: `--max-nodes`.
    case commandLine
    /// A program using the library: `Limits.maxNodes`.
    case library
}

/// A setting or reference a hint names, spelled for each audience.
public enum ReportTerm: String, CaseIterable, Sendable {
    case maxFormulaBytes, maxNestingDepth, maxIdentifierLength, maxNodes, maxDerivativeOrder, maxPartials, maxPrintedBytes
    case maxSeconds, maxPoints, functionList

    /// How a hint writes the term, for the renderer to replace.
    public var token: String { "{\(rawValue)}" }

    /// The term for `audience`.
    public func spelled(for audience: ErrorAudience) -> String {
        switch (self, audience) {
        case (.functionList, .commandLine): return "symdiff --functions"
        case (.functionList, .library): return "Function.allCases"
        case (.maxPoints, .library): return "the maxPoints argument"
        case (_, .library): return "Limits." + rawValue
        case (.maxFormulaBytes, .commandLine): return "--max-formula-bytes"
        case (.maxNestingDepth, .commandLine): return "--max-depth"
        case (.maxIdentifierLength, .commandLine): return "--max-identifier-length"
        case (.maxNodes, .commandLine): return "--max-nodes"
        case (.maxDerivativeOrder, .commandLine): return "--max-order"
        case (.maxPartials, .commandLine): return "--max-partials"
        case (.maxPrintedBytes, .commandLine): return "--max-output-bytes"
        case (.maxSeconds, .commandLine): return "--max-seconds"
        case (.maxPoints, .commandLine): return "--max-points"
        }
    }

    /// `text` with every term's token spelled for `audience`.
    public static func spelling(_ text: String, for audience: ErrorAudience) -> String {
        guard text.contains("{") else { return text }
        return allCases.reduce(text) { $0.replacingOccurrences(of: $1.token, with: $1.spelled(for: audience)) }
    }
}

extension ReportedError {
    public var place: String? { nil }
    public var excerpt: ErrorExcerpt? { nil }

    /// The error as `audience` reads it; control characters show as their pictures (`␛`).
    public func rendered(for audience: ErrorAudience = .library) -> String {
        var text = "error: \(ReportTerm.spelling(message, for: audience).withVisibleControls)\n"
        if let place { text += "  --> \(place.withVisibleControls)\n" }
        if let excerpt { text += "  \(excerpt.line.withVisibleControls)\n  \(excerpt.marks)\n" }
        if let hint { text += "  hint: \(ReportTerm.spelling(hint, for: audience).withVisibleControls)\n" }
        return text
    }
}
