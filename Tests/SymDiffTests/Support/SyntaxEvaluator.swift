// Evaluating a formula exactly as written, from its syntax tree: the check on canonical form.
import Foundation
@testable import SymDiff

/// The value of a syntax tree at a point, operator by operator as the text says, with no
/// canonical form, folding or rewriting. `D(...)` is not supported (returns `nil`).
///
/// Comparing this with the graph's value checks that canonicalization and simplification
/// never change a value, by a path that does not share their code.
func evaluateAsWritten(_ tree: SyntaxTree, at point: [String: Double]) -> Double? {
    var value: [Double] = []
    for node in tree.nodes {
        func v(_ id: SyntaxID) -> Double { value[Int(id.index)] }
        switch node.kind {
        case .number(let n): value.append(tree[n].doubleValue)
        case .constant(let c): value.append(c.value)
        case .variable(let name): value.append(point[tree[name]] ?? .nan)
        case .bindingReference(let i): value.append(v(tree.bindings[i].value))
        case .patternVariable, .derivative: return nil
        case .negate(let a): value.append(-v(a))
        case .plus(let a): value.append(v(a))
        case .power(let a, let b): value.append(pow(v(a), v(b)))
        case .call(let f, let arguments):
            value.append(f.evaluate(arguments: tree.arguments(arguments).map(v)))
        case .chain(let first, let links):
            var total = v(first)
            for link in tree.links(links) {
                switch link.op {
                case .add: total += v(link.operand)
                case .subtract: total -= v(link.operand)
                case .multiply: total *= v(link.operand)
                case .divide: total /= v(link.operand)
                }
            }
            value.append(total)
        }
    }
    return value[Int(tree.body.index)]
}

/// Whether two values agree to `tolerance`, relative to the larger magnitude or 1, with NaN
/// equal to NaN and infinities equal only to themselves.
func agree(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
