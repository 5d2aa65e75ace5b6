// Functions defined by others: their definitions as templates, expanded into primitives wherever
// an expression is evaluated.

extension FunctionInfo {
    /// Each defined function's definition as a template over its parameters, by raw value
    /// (`nil` for a primitive).
    static let definitionGraphs: [Template?] = Function.allCases.map { f in
        f.info.definition.map { Template($0, parameters: f.parameterNames) }
    }

    /// The function-mask bits of the defined functions (`ExprGraph.functionBit`).
    static let definedFunctionBits: UInt64 = Function.allCases.filter(\.isDefined).reduce(0) { $0 | ExprGraph.functionBit($1) }
}

extension Function {
    /// A defined function's definition as a template over `parameterNames`; `nil` for a primitive.
    public var definition: Template? { FunctionInfo.definitionGraphs[rawValue] }
}

extension ExprGraph {
    /// `roots` with every call of a defined function replaced by its definition, down to
    /// primitives, as nodes of this graph; a root with none under it is itself. Compiling,
    /// taping and stable lowering start here, so every evaluator sees primitives only.
    public mutating func expandingDefinitions(_ roots: [NodeID]) -> [NodeID] {
        guard roots.contains(where: { functionMasks[Int($0.index)] & FunctionInfo.definedFunctionBits != 0 }) else { return roots }
        var map: [NodeID: NodeID] = [:]
        for id in reachable(from: roots) {
            let node = self[id]
            let operands = node.operands.transformed { map[$0] ?? $0 }
            let expanded: NodeID
            if case .apply(let f, _) = node, let template = FunctionInfo.definitionGraphs[f.rawValue] {
                expanded = instantiate(template, with: operands, expandingDefinitions: true)
            } else {
                expanded = operands == node.operands ? id : rebuild(node, operands: operands)
            }
            if expanded != id { map[id] = expanded }
        }
        return roots.map { map[$0] ?? $0 }
    }

    /// The value of `root` with the variables `names` at `parameters`, in any precision: the
    /// scalar path of a defined function's definition.
    func evaluate<T: RealFunctions>(_ root: NodeID, parameters: [T], names: [String]) -> T {
        var value: [NodeID: T] = [:]
        for id in reachable(from: [root]) {
            let node = self[id]
            let x = node.operands.map { value[$0]! }
            switch node {
            case .number(let n): value[id] = T(n.doubleValue)
            case .constant(let c): value[id] = c == .pi ? T.pi : T.exp(1)
            case .variable(let name):
                value[id] = names.firstIndex(of: name).flatMap { $0 < parameters.count ? parameters[$0] : nil } ?? .nan
            case .sum: value[id] = x.dropFirst().reduce(x[0], +)
            case .product: value[id] = x.dropFirst().reduce(x[0], *)
            case .power: value[id] = T.pow(x[0], x[1])
            case .apply(let f, _): value[id] = f.evaluate(arguments: x)
            }
        }
        return value[root]!
    }
}
