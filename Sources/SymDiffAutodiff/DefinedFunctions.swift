// Defined functions in any autodiff arithmetic, through their definitions' tapes.
import SymDiff

extension Function {
    /// Each defined function's definition as a tape over its parameters, by raw value.
    private static let definitionTapes: [Tape?] = allCases.map { f in
        f.definition.map { Tape($0.graph, roots: [$0.root], variables: $0.parameters) }
    }

    /// A defined function's value at `arguments` through its definition, in `S`'s arithmetic.
    /// A tape holds no defined function (`Tape` expands them); this serves direct calls of
    /// `apply` with one.
    func definedValue<S: AutodiffScalar>(_ arguments: S...) -> S {
        Self.definitionTapes[rawValue]!.evaluate(at: arguments)[0]
    }
}
