// The autodiff interpreter over an expression graph, and gradients and mixed partials built on it.
import SymDiff

/// Derivatives of expression graphs by automatic differentiation, independent of the symbolic table.
public enum Autodiff {
    /// The values of `roots` at the point `values`, computed in the scalar type `S`.
    ///
    /// One pass over a `Tape` of the reachable nodes. An unbound variable is NaN.
    public static func evaluate<S: AutodiffScalar>(_ graph: ExprGraph, roots: [NodeID], at values: [String: S]) -> [S] {
        let variables = Array(values.keys)
        return Tape(graph, roots: roots, variables: variables).evaluate(at: variables.map { values[$0]! })
    }

    /// The gradient of `root` by `variables` at `point`: one forward `Dual` pass per variable.
    public static func gradient(of root: NodeID, in graph: ExprGraph, at point: [String: Double], variables: [String]) -> [Double] {
        variables.map { partial(of: root, in: graph, at: point, variables: [$0]) }
    }

    /// The mixed partial of `root` by `variables` (a multiset, up to 4 of them) at `point`.
    public static func partial(of root: NodeID, in graph: ExprGraph, at point: [String: Double], variables: [String]) -> Double {
        let names = Array(point.keys)
        let tape = Tape(graph, roots: [root], variables: names)
        let directions = variables.map { names.firstIndex(of: $0) ?? -1 }
        return partials(tape, at: names.map { point[$0]! }, directions: directions)[0]
    }

    /// Every root's mixed partial along `directions` (indices into the tape's variables, a
    /// multiset of up to 4; an index of -1 is a variable the tape does not have) at `inputs`.
    ///
    /// Nested duals, one level per direction: level `i` seeds the variable `directions[i]`,
    /// and the coefficient of all directions together is the partial. No directions gives
    /// the values.
    public static func partials<T: NestedDual>(_ tape: Tape, at inputs: [T], directions: [Int]) -> [T] where T.Base == T {
        switch directions.count {
        case 0: return tape.evaluate(at: inputs)
        case 1: return nested(Dual<T>.self, tape, inputs, directions)
        case 2: return nested(Dual<Dual<T>>.self, tape, inputs, directions)
        case 3: return nested(Dual<Dual<Dual<T>>>.self, tape, inputs, directions)
        case 4: return nested(Dual<Dual<Dual<Dual<T>>>>.self, tape, inputs, directions)
        default: preconditionFailure("Autodiff.partials supports up to 4 directions, got \(directions.count)")
        }
    }

    /// `f, f', ..., f^(order)` of `root` along `variable` at `point` (other variables fixed),
    /// from one pass of order-`order` Taylor series.
    public static func derivatives(
        of root: NodeID, in graph: ExprGraph, at point: [String: Double], along variable: String, order: Int
    ) -> [Double] {
        let names = Array(point.keys)
        let tape = Tape(graph, roots: [root], variables: names)
        return derivatives(tape, at: names.map { point[$0]! }, along: names.firstIndex(of: variable) ?? -1, order: order)[0]
    }

    /// For each root, `f, f', ..., f^(order)` along the tape variable `direction` at `inputs`,
    /// from one pass of order-`order` Taylor series.
    public static func derivatives<T: AutodiffScalar>(_ tape: Tape, at inputs: [T], along direction: Int, order: Int) -> [[T]] {
        let seeded = inputs.indices.map { k in
            k == direction ? Taylor(variable: inputs[k], order: order) : Taylor(coefficients: [inputs[k]])
        }
        return tape.evaluate(at: seeded).map { series in (0...order).map(series.derivative) }
    }

    /// The all-directions coefficient of every root, evaluated in the nested dual type `S`.
    private static func nested<S: NestedDual>(_: S.Type, _ tape: Tape, _ inputs: [S.Base], _ directions: [Int]) -> [S.Base] {
        let seeded = inputs.indices.map { k in S.seeded(inputs[k], directions.map { $0 == k }[...]) }
        return tape.evaluate(at: seeded).map(\.mixedPartial)
    }
}

/// A base scalar or a nesting of `Dual`s over it, seeded one level per direction.
public protocol NestedDual: AutodiffScalar {
    /// The scalar at the bottom of the nesting.
    associatedtype Base: AutodiffScalar
    /// `value`, with derivative 1 at each level whose entry of `directions` is true (outermost first).
    static func seeded(_ value: Base, _ directions: ArraySlice<Bool>) -> Self
    /// The coefficient of the product of all the levels' directions.
    var mixedPartial: Base { get }
}

extension Double: NestedDual {
    public static func seeded(_ value: Double, _ directions: ArraySlice<Bool>) -> Double { value }
    public var mixedPartial: Double { self }
}

extension DoubleDouble: NestedDual {
    public static func seeded(_ value: DoubleDouble, _ directions: ArraySlice<Bool>) -> DoubleDouble { value }
    public var mixedPartial: DoubleDouble { self }
}

#if arch(x86_64)
extension Float80: NestedDual {
    public static func seeded(_ value: Float80, _ directions: ArraySlice<Bool>) -> Float80 { value }
    public var mixedPartial: Float80 { self }
}
#endif

extension Dual: NestedDual where T: NestedDual {
    public static func seeded(_ value: T.Base, _ directions: ArraySlice<Bool>) -> Dual {
        Dual(value: T.seeded(value, directions.dropFirst()), derivative: directions.first == true ? 1 : 0)
    }

    public var mixedPartial: T.Base { derivative.mixedPartial }
}
