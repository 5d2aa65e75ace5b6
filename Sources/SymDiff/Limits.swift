// The resource limits of every phase, in one place, each with the setting that raises it.

/// Explicit bounds on input and work, so that no input can exhaust the stack, memory or time.
///
/// Every limit is checked where the work happens and reported by an error that names the
/// limit and the setting that raises it (`ReportTerm`: the CLI flag on the command line). The
/// README's table of limits lists the same defaults.
public struct Limits: Hashable, Sendable {
    /// Largest formula accepted, in UTF-8 bytes (`--max-formula-bytes`).
    public var maxFormulaBytes = 64 << 20
    /// Deepest nesting of parentheses, calls, unary signs and powers (`--max-depth`).
    public var maxNestingDepth = 1_000
    /// Longest identifier, in characters (`--max-identifier-length`).
    public var maxIdentifierLength = 256
    /// Most nodes the expression graph may hold (`--max-nodes`).
    public var maxNodes = 20_000_000
    /// Highest total derivative order in one `D(...)` call or `--order` (`--max-order`).
    public var maxDerivativeOrder = 1_000
    /// Most partial derivatives one request may produce (`--max-partials`).
    public var maxPartials = 100_000
    /// Largest printed output, in bytes: one expression for the library, all the expressions
    /// of a report together for the CLI (`--max-output-bytes`).
    public var maxPrintedBytes = 256 << 20
    /// Longest symbolic work (differentiation, simplification, printing) of one request, in
    /// seconds, counted from `ExprGraph.deadline` (`--max-seconds`).
    public var maxSeconds = 60

    public init() {}
}

/// An error saying which limit a piece of work ran into and how to raise it.
public struct LimitExceeded: ReportedError, Hashable, Sendable {
    /// The limits that symbolic work can run into after parsing.
    public enum Kind: String, Sendable {
        case nodes, operands, derivativeOrder, partials, printedSize, time
    }

    public var kind: Kind
    public var limit: Int
    /// How much was asked for, when that is known before the work (the partial count).
    public var requested: Int?

    public init(_ kind: Kind, limit: Int, requested: Int? = nil) {
        self.kind = kind
        self.limit = limit
        self.requested = requested
    }

    /// The setting that raises this limit.
    public var setting: ReportTerm {
        switch kind {
        case .nodes, .operands: return .maxNodes
        case .derivativeOrder: return .maxDerivativeOrder
        case .partials: return .maxPartials
        case .printedSize: return .maxPrintedBytes
        case .time: return .maxSeconds
        }
    }

    /// One lowercase phrase naming the limit, without the setting (see `hint`).
    public var what: String {
        switch kind {
        case .nodes: return "the expression graph would exceed the limit of \(limit) nodes"
        case .operands:
            return "the expression graph's sums and products would exceed the limit of \(limit) operands in all "
                + "(\(ExprGraph.operandsPerNode) per allowed node)"
        case .derivativeOrder: return "derivative order exceeds the limit of \(limit)"
        case .partials:
            let count = requested.map { "\($0) partial derivatives requested" } ?? "too many partial derivatives requested"
            return "\(count), more than the limit of \(limit)"
        case .printedSize: return "the printed output would exceed the limit of \(limit) bytes"
        case .time: return "symbolic work ran past the time budget of \(limit) second\(limit == 1 ? "" : "s")"
        }
    }

    /// How to get past the limit (naming the setting by its `ReportTerm.token`).
    public var hint: String? { "raise the limit with \(setting.token)" }

    /// What went wrong: `what`.
    public var message: String { what }
}
