// Fuzz target 1: the parser on any bytes returns a tree or a diagnostic that renders, never crashes.
import FuzzSupport
import SymDiff

/// Parses the input with the default limits (the ones that must keep every input off the
/// stack's end) and checks what comes back: a tree whose nodes and ranges lie inside the
/// source, or a diagnostic whose range lies inside it and that renders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    do {
        let tree = try Parser.parse(utf8: bytes)
        let end = tree.source.utf8.count
        // The body (the last component of a vector formula) is the last node parsed.
        let last = tree.components.last ?? tree.body
        precondition(Int(last.index) == tree.nodes.count - 1, "the body is not the last node")
        precondition(tree.components.isEmpty || tree.components[0] == tree.body, "the body is not the first component")
        for node in tree.nodes {
            precondition(
                0 <= node.span.start && node.span.start <= node.span.end && Int(node.span.end) <= end,
                "node span \(node.span) outside a source of \(end) bytes")
        }
    } catch {
        precondition(error.range.end.offset <= bytes.count, "diagnostic range \(error.range) past the end")
        let text = String(decoding: bytes, as: UTF8.self)
        precondition(!error.rendered(source: text).isEmpty && !error.message.isEmpty)
    }
    return 0
}

#if !SYMDIFF_FUZZING
@main enum FuzzParseMain {
    static func main() { FuzzInput.runFiles(fuzzParse) }
}
#endif
