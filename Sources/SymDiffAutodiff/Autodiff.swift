// The autodiff interpreter over an expression graph, and gradients and mixed partials built on it.
import SymDiff

/// Derivatives of expression graphs by automatic differentiation, independent of the symbolic table.
public enum Autodiff {
    /// The values of `roots` at the point `values`, computed in the scalar type `S`.
    ///
    /// One forward loop over the reachable nodes. Integer powers use `power(_:_:)` with an
    /// `Int`, powers whose exponent has no variables under it the constant-exponent rule, other
    /// powers the general one. An unbound variable is NaN.
    public static func evaluate<S: AutodiffScalar>(_ graph: ExprGraph, roots: [NodeID], at values: [String: S]) -> [S] {
        let value = nodeValues(graph, order: graph.reachable(from: roots), at: values).value
        return roots.map { value[$0]! }
    }

    /// The value of every node of `order` (children first), and which nodes have no variable
    /// under them.
    static func nodeValues<S: AutodiffScalar>(
        _ graph: ExprGraph, order: [NodeID], at values: [String: S]
    ) -> (value: [NodeID: S], constant: Set<NodeID>) {
        var value: [NodeID: S] = [:]
        var constant: Set<NodeID> = []
        for id in order {
            let node = graph[id]
            if !node.operands.isEmpty, node.operands.allSatisfy(constant.contains) { constant.insert(id) }
            switch node {
            case .number(let n):
                value[id] = scalar(n)
                constant.insert(id)
            case .constant(.pi):
                value[id] = S.pi
                constant.insert(id)
            case .constant(.e):
                value[id] = S.exp(1)
                constant.insert(id)
            case .variable(let name): value[id] = values[name] ?? S(.nan)
            default: value[id] = operation(node, node.operands.map { value[$0]! }, graph, constant)
            }
        }
        return (value, constant)
    }

    /// The value of a sum, product, power or function node from its operands' values.
    ///
    /// Integer powers use `power(_:_:)` with an `Int`, powers whose exponent has no variables
    /// under it the constant-exponent rule, other powers the general one.
    static func operation<S: AutodiffScalar>(_ node: Node, _ x: [S], _ graph: ExprGraph, _ constant: Set<NodeID>) -> S {
        switch node {
        case .sum: return x.dropFirst().reduce(x[0], +)
        case .product: return x.dropFirst().reduce(x[0], *)
        case .power(_, let exponent):
            if let n = graph.number(exponent)?.integerValue, let k = Int(exactly: n) { return S.power(x[0], k) }
            if constant.contains(exponent) { return S.power(x[0], constantExponent: x[1]) }
            return S.power(x[0], x[1])
        case .apply(let f, _): return S.apply(f, x[0], x.count > 1 ? x[1] : S(.nan))
        case .number, .constant, .variable: preconditionFailure("leaves have no operation")
        }
    }

    /// A graph number in `S`: a rational as a quotient of its parts, so wider types keep the digits.
    private static func scalar<S: AutodiffScalar>(_ n: Number) -> S {
        switch n {
        case .rational(let p, let q): return q == 1 ? S(Double(p)) : S(Double(p)) / S(Double(q))
        case .real(let r): return S(r)
        }
    }

    /// The gradient of `root` by `variables` at `point`: one forward `Dual` pass per variable.
    public static func gradient(of root: NodeID, in graph: ExprGraph, at point: [String: Double], variables: [String]) -> [Double] {
        variables.map { partial(of: root, in: graph, at: point, variables: [$0]) }
    }

    /// The mixed partial of `root` by `variables` (a multiset, up to 4 of them) at `point`.
    ///
    /// Nested duals, one level per variable: level `i` seeds the direction of `variables[i]`,
    /// and the coefficient of all directions together is the partial. No variables gives the value.
    public static func partial(of root: NodeID, in graph: ExprGraph, at point: [String: Double], variables: [String]) -> Double {
        switch variables.count {
        case 0: return evaluate(graph, roots: [root], at: point)[0]
        case 1: return nested(Dual<Double>.self, root, graph, point, variables)
        case 2: return nested(Dual<Dual<Double>>.self, root, graph, point, variables)
        case 3: return nested(Dual<Dual<Dual<Double>>>.self, root, graph, point, variables)
        case 4: return nested(Dual<Dual<Dual<Dual<Double>>>>.self, root, graph, point, variables)
        default: preconditionFailure("Autodiff.partial supports up to 4 variables, got \(variables.count)")
        }
    }

    /// `f, f', ..., f^(order)` of `root` along `variable` at `point` (other variables fixed),
    /// from one pass of order-`order` Taylor series.
    public static func derivatives(
        of root: NodeID, in graph: ExprGraph, at point: [String: Double], along variable: String, order: Int
    ) -> [Double] {
        var values = point.mapValues { Taylor<Double>($0) }
        values[variable] = Taylor(variable: point[variable] ?? .nan, order: order)
        let series = evaluate(graph, roots: [root], at: values)[0]
        return (0...order).map(series.derivative)
    }

    /// The all-directions coefficient of `root` evaluated in the nested dual type `S`.
    private static func nested<S: NestedDual>(
        _: S.Type, _ root: NodeID, _ graph: ExprGraph, _ point: [String: Double], _ variables: [String]
    ) -> Double {
        let seeded = point.mapValues { S($0) }.merging(
            Set(variables).map { name in (name, S.seeded(point[name] ?? .nan, variables.map { $0 == name }[...])) },
            uniquingKeysWith: { $1 })
        return evaluate(graph, roots: [root], at: seeded)[0].mixedPartial
    }
}

/// A `Double` or a nesting of `Dual`s over it, seeded one level per direction.
protocol NestedDual: AutodiffScalar {
    /// `value`, with derivative 1 at each level whose entry of `directions` is true (outermost first).
    static func seeded(_ value: Double, _ directions: ArraySlice<Bool>) -> Self
    /// The coefficient of the product of all the levels' directions.
    var mixedPartial: Double { get }
}

extension Double: NestedDual {
    static func seeded(_ value: Double, _ directions: ArraySlice<Bool>) -> Double { value }
    var mixedPartial: Double { self }
}

extension Dual: NestedDual where T: NestedDual {
    static func seeded(_ value: Double, _ directions: ArraySlice<Bool>) -> Dual {
        Dual(value: T.seeded(value, directions.dropFirst()), derivative: T(directions.first == true ? 1 : 0))
    }

    var mixedPartial: Double { derivative.mixedPartial }
}
