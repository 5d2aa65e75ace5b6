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
    /// Highest total derivative order in one `D(...)` call or `--order`.
    public var maxDerivativeOrder = 1_000

    public init() {}
}
