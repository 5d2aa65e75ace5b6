// The resource limits of every phase, in one place, each with the CLI flag that raises it.

/// Explicit bounds on input and work, so that no input can exhaust the stack, memory or time.
///
/// Every limit is checked where the work happens and reported by an error that names the
/// limit and the flag that raises it.
public struct Limits: Hashable, Sendable {
    /// Largest formula accepted, in UTF-8 bytes (`--max-formula-bytes`).
    public var maxFormulaBytes = 64 << 20
    /// Deepest nesting of parentheses, calls, unary signs and powers (`--max-depth`).
    public var maxNestingDepth = 1_000
    /// Longest identifier, in characters.
    public var maxIdentifierLength = 256
    /// Most nodes the expression graph may hold (`--max-nodes`).
    public var maxNodes = 20_000_000
    /// Highest total derivative order in one `D(...)` call or `--order` (`--max-order`).
    public var maxDerivativeOrder = 1_000
    /// Most partial derivatives one request may produce (`--max-partials`).
    public var maxPartials = 100_000
    /// Largest printed expression, in bytes (`--max-output-bytes`).
    public var maxPrintedBytes = 256 << 20

    public init() {}
}

/// An error saying which limit a piece of work ran into and how to raise it.
public struct LimitExceeded: Error, Hashable, Sendable {
    /// The limits that symbolic work can run into after parsing.
    public enum Kind: String, Sendable {
        case nodes, derivativeOrder, partials, printedSize
    }

    public var kind: Kind
    public var limit: Int

    public init(_ kind: Kind, limit: Int) {
        self.kind = kind
        self.limit = limit
    }

    /// One lowercase phrase naming the limit and the flag that raises it.
    public var message: String {
        switch kind {
        case .nodes:
            return "the expression graph would exceed \(limit) nodes (raise the limit with --max-nodes)"
        case .derivativeOrder:
            return "derivative order exceeds the limit of \(limit) (raise it with --max-order)"
        case .partials:
            return "more than \(limit) partial derivatives requested (raise the limit with --max-partials)"
        case .printedSize:
            return "the printed expression would exceed \(limit) bytes (raise the limit with --max-output-bytes)"
        }
    }
}
