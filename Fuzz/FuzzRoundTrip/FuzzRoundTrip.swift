// Fuzz target 2: whatever parses prints as formula text that reads back to the same graph node.
import FuzzSupport
import SymDiff

/// The limits of one run: room for anything a few kilobytes can say, small enough that
/// `D(f, x, 1000)` on a large `f` ends in a limit error rather than a timeout.
let limits: Limits = {
    var limits = Limits()
    limits.maxNodes = 200_000
    limits.maxDerivativeOrder = 20
    limits.maxPrintedBytes = 4 << 20
    return limits
}()

/// Parse, lower, print (with let-bindings when shared), parse and lower into the same graph:
/// the node must be the same. The fully parenthesized reading of the syntax tree must mean
/// the same: the same node, or (where the canonical form depends on grouping: a number
/// distributes over a sum only when the sum is its lone factor, a known issue) the same
/// values at three points.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoundTrip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    var graph = ExprGraph(limits: limits)
    let root: NodeID
    let tree: SyntaxTree
    do {
        tree = try Parser.parse(utf8: bytes, limits: limits)
        root = try graph.lower(tree)
    } catch {
        return 0
    }
    guard let printed = try? graph.printedFormula(root) else { return 0 }
    let again: NodeID
    do {
        again = try graph.lower(Parser.parse(printed, limits: limits))
    } catch {
        fatalError("'\(tree.source)' printed as '\(printed)', which does not read back: \(error.message)")
    }
    precondition(again == root, "'\(tree.source)' printed as '\(printed)' reads back as '\(graph.formula(again))'")
    if tree.bindings.isEmpty, let parenthesized = try? graph.lower(Parser.parse(tree.parenthesized(), limits: limits)) {
        precondition(
            parenthesized == root || sameValues(graph, parenthesized, root),
            "'\(tree.source)' read as '\(tree.parenthesized())' means '\(graph.formula(parenthesized))'")
    }
    return 0
}

/// Whether `a` and `b` evaluate alike at three points (every variable 0.7, then -1.3, then
/// 2.1): equal within 1e-9 relative, or both not finite.
func sameValues(_ graph: ExprGraph, _ a: NodeID, _ b: NodeID) -> Bool {
    let names = graph.variables(in: [a, b])
    return [0.7, -1.3, 2.1].allSatisfy { x in
        let point = Dictionary(uniqueKeysWithValues: names.map { ($0, x) })
        let (u, v) = (graph.evaluate(a, at: point), graph.evaluate(b, at: point))
        if !u.isFinite || !v.isFinite { return !u.isFinite && !v.isFinite }
        return Swift.abs(u - v) <= 1e-9 * Swift.max(1, Swift.abs(u), Swift.abs(v))
    }
}

#if !SYMDIFF_FUZZING
@main enum FuzzRoundTripMain {
    static func main() { FuzzInput.runFiles(fuzzRoundTrip) }
}
#endif
