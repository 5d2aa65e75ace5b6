// Every derivative row, checked against finite differences of the function's own numerics.
import Testing
@testable import SymDiff

/// Where each function is sampled: a box per argument, away from poles, kinks and ties.
private func domain(_ f: Function) -> [ClosedRange<Double>] {
    switch f {
    case .tan, .sec: return [-1.2...1.2]
    case .csc, .cot, .log, .log10, .log2, .sqrt: return [0.2...3]
    case .asin, .acos, .atanh: return [-0.9...0.9]
    case .acosh: return [1.1...4]
    case .abs, .sign, .relu, .heaviside, .cbrt: return [0.2...3]
    case .atan2: return [-2...2, 0.3...2]
    case .hypot: return [-2...2, 0.3...2]
    case .min, .max: return [0.2...1, 1.2...2]
    case .log1p: return [-0.8...3]
    case .polygamma: return [1...1, f.info.samples]
    // The catalog's sampling range, a base, slope or bound from 1.5 to 3 after it.
    default: return [f.info.samples.clamped(to: -2.5...2.5)] + Array(repeating: 1.5...3, count: f.arity - 1)
    }
}

/// The central difference of `g` at `x` with Richardson extrapolation (error O(h^4)).
func richardson(_ g: (Double) -> Double, at x: Double) -> Double {
    let h = 1e-3 * max(1, abs(x))
    func central(_ h: Double) -> Double { (g(x + h) - g(x - h)) / (2 * h) }
    return (4 * central(h / 2) - central(h)) / 3
}

@Suite struct DerivativeRowTests {
    /// Each row `∂f/∂argument` equals the finite difference of `Function.evaluate` to 1e-7,
    /// at 20 random points of the function's domain; seed 1.
    @Test(arguments: Function.allCases)
    func rowMatchesFiniteDifference(_ f: Function) throws {
        var random = SeededGenerator(seed: 1)
        let names = f.parameterNames
        for _ in 0..<20 {
            let point = domain(f).map { Double.random(in: $0, using: &random) }
            // An order is an integer: nothing differentiates by it.
            for (i, row) in f.derivativeRows.enumerated() where !(i == 0 && f.info.integerOrder) {
                var graph = ExprGraph()
                let rowNode = graph.instantiate(Template(row, parameters: names), with: Operands(names.map { graph.variable($0) }))
                let symbolic = graph.evaluate(rowNode, at: Dictionary(uniqueKeysWithValues: zip(names, point)))
                let numeric = richardson({ t in
                    var p = point
                    p[i] = t
                    return f.evaluate(arguments: p)
                }, at: point[i])
                #expect(agree(symbolic, numeric, tolerance: 1e-7), "\(f.name) row \(i) '\(row)' at \(point): \(symbolic) vs finite difference \(numeric)")
            }
        }
    }

    /// The rows name only the function's own parameters.
    @Test(arguments: Function.allCases)
    func rowUsesItsParameters(_ f: Function) throws {
        #expect(f.derivativeRows.count == f.arity)
        for row in f.derivativeRows {
            // As the catalog parses them: a template may write an order as `n + 1`.
            let template = Template(row, parameters: f.parameterNames)
            #expect(Set(template.graph.variables(in: [template.root])).isSubset(of: f.parameterNames), "\(f.name): '\(row)'")
        }
    }

    /// At the kinks the rows give PyTorch's conventions.
    @Test(arguments: [
        ("abs(x)", 0.0, 0.0), ("relu(x)", 0.0, 0.0), ("sign(x)", 0.0, 0.0), ("heaviside(x)", 0.0, 0.0),
        ("max(x, 1)", 1.0, 0.5), ("min(x, 1)", 1.0, 0.5), ("max(1, x)", 1.0, 0.5),
    ])
    func kinkConvention(_ formula: String, _ x: Double, _ expected: Double) throws {
        var (graph, roots) = try lowered([formula])
        let d = try graph.derivative(of: roots[0], withRespectTo: "x")
        #expect(graph.evaluate(d, at: ["x": x]) == expected)
    }
}
