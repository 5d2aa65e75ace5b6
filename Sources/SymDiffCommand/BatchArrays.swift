// The batch-first arrays of an .npz file beside its columns: gradient, Hessian, higher-order
// tensors, the Jacobian of several formulas, and one variable's derivatives stacked.
import SymDiff
import SymDiffIO

/// One array of an `.npz` file of values, gathered from the value columns.
struct BatchArray {
    /// The key, never a variable's (`OutputTable.unique`).
    var name: String
    /// The shape after the batch axis.
    var rowShape: [Int]
    /// For each entry of a row, in C order: the index into the value columns, `nil` for 0.
    var sources: [Int?]
    /// Which axis is which, for the file's metadata.
    var description: String

    /// The arrays for `columns` (each formula's function, then its partials, as
    /// `Derivatives.columns` orders them) of `d`, with names avoiding `taken` (the variables).
    static func arrays(_ d: Derivatives, columns: [(wrt: [String], formula: Int)], taken: Set<String>) -> [BatchArray] {
        let variables = d.variables
        let axes = "(" + variables.joined(separator: ", ") + ")"
        let formulas = Dictionary(grouping: columns.indices, by: { columns[$0].formula }).sorted { $0.key < $1.key }.map(\.value)
        /// The layout of order `order` of formula `k`: row shape and global column indices.
        func layout(_ k: Int, _ order: Int) -> (rowShape: [Int], sources: [Int?])? {
            let indices = formulas[k]
            guard let (shape, sources) = NDArray.batchFirstLayout(indices.map { columns[$0].wrt }, variables: variables, order: order)
            else { return nil }
            return (shape, sources.map { $0.map { indices[$0] } })
        }
        func named(_ name: String) -> String { OutputTable.unique(name, avoiding: taken) }
        var result: [BatchArray] = []
        let orders = d.orders.filter { $0 >= 1 }
        if formulas.count == 1 {
            for order in orders {
                guard let (shape, sources) = layout(0, order) else { continue }
                let name = order == 1 ? "gradient" : order == 2 ? "hessian" : "order\(order)"
                let index = ["a", "b", "c", "d", "e", "f"].prefix(order).joined(separator: ", ") + (order > 6 ? ", ..." : "")
                result.append(BatchArray(
                    name: named(name), rowShape: shape, sources: sources,
                    description: "\(named(name)) (N\(String(repeating: ", d", count: order))): [i, \(index)] is the partial of f by those of \(axes) at point i"))
            }
            // One variable's derivatives of every order asked for, side by side.
            if variables.count == 1, orders.count > 1 {
                let stack = orders.compactMap { layout(0, $0)?.sources.first ?? nil }
                if stack.count == orders.count {
                    result.append(BatchArray(
                        name: named("derivatives"), rowShape: [orders.count], sources: stack,
                        description: "\(named("derivatives")) (N, \(orders.count)): [i, k] is the derivative of order \(orders[0]) + k by \(variables[0]) at point i"))
                }
            }
        } else {
            for (order, base) in [(1, "jacobian"), (2, "hessians")] where orders.contains(order) {
                let rows = formulas.indices.compactMap { layout($0, order) }
                guard rows.count == formulas.count, let shape = rows.first?.rowShape else { continue }
                let what = order == 1 ? "[i, r, a] is d(formula r)/da" : "[i, r, a, b] is the second partial of formula r by a, b"
                result.append(BatchArray(
                    name: named(base), rowShape: [formulas.count] + shape, sources: rows.flatMap(\.sources),
                    description: "\(named(base)) (N, m\(String(repeating: ", d", count: order))): \(what) at point i, variables \(axes)"))
            }
        }
        return result
    }
}
