// The names of `.npz` arrays: Python identifiers, in the `u_x`, `u_xt` style of PINN code.
import SymDiff

extension OutputTable {
    /// The Python identifier of a value column as an `.npz` array: `f` for the function, `f_x`,
    /// `f_xx`, `f_xt` for its partials (`f2`, `f2_x` for the second of several formulas).
    ///
    /// `name` is the column's name (`f`, `d2/dxdt`, `f2:d/dx`), `wrt` the variables it is a
    /// partial by. With `separated` (some variable's name is longer than one letter) the
    /// variables are joined by `_`, so that `f_x1_x2` is not `f_x12`.
    public static func pythonName(of name: String, wrt: [String], separated: Bool) -> String {
        let colon = name.firstIndex(of: ":")
        let function = colon.map { String(name[..<$0]) } ?? (wrt.isEmpty ? name : "f")
        guard !wrt.isEmpty else { return function }
        return function + "_" + wrt.joined(separator: separated ? "_" : "")
    }

    /// Whether the `.npz` names of partials by `variables` join them with `_`: when any name
    /// is longer than one letter.
    public static func separatesVariables(_ variables: [String]) -> Bool {
        variables.contains { $0.count > 1 }
    }

    /// The `.npz` names of value columns (each a column's name and the variables it is a
    /// partial by) beside points named `pointNames`: the value's Python name and those of its
    /// status and bound arrays, none a variable's.
    public static func npzNames(_ columns: [(name: String, wrt: [String])], pointNames: [String]) -> [(value: String, status: String, bound: String)] {
        let taken = Set(pointNames)
        let separated = separatesVariables(pointNames)
        return columns.map { column in
            let value = unique(pythonName(of: column.name, wrt: column.wrt, separated: separated), avoiding: taken)
            return (value, unique(value + "_status", avoiding: taken), unique(value + "_bound", avoiding: taken))
        }
    }
}
