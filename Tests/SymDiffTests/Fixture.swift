// The reference fixture (Fixtures/derivatives.json) and the comparison of symdiff against it.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO

/// The decoded `derivatives.json`, written by `scripts/generate_fixtures.py`.
struct FixtureFile: Decodable, Sendable {
    /// Who wrote the file and with what.
    struct Header: Decodable, Sendable {
        var generator: String
        var sympy: String
        var mpmath: String
        var digits: Int
    }

    var header: Header
    var cases: [FixtureCase]

    /// A fixture from the test bundle: `derivatives` (the corpus) or `saturation`.
    static func load(_ name: String = "derivatives") throws -> FixtureFile { try loadFixture(name) }

    /// The cases, or none when the file does not load (`FixtureTests.fixtureLoads` then fails).
    static let cases: [FixtureCase] = (try? load())?.cases ?? []
}

/// One formula with its points and the reference value of each partial at each point.
struct FixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    /// The reference values of one partial, one per point, as decimal strings.
    struct PartialValues: Decodable, Sendable {
        /// The variables differentiated by, a nondecreasing multiset; empty for the value.
        var wrt: [String]
        var values: [String]
    }

    var formula: String
    var variables: [String]
    /// Coordinates as decimal strings, in `variables` order.
    var points: [[String]]
    var partials: [PartialValues]

    var testDescription: String { formula }

    /// The points as binary64 assignments of the variables.
    func assignments() -> [[String: Double]] {
        points.map { row in
            Dictionary(uniqueKeysWithValues: zip(variables, row.map { Double($0) ?? .nan }))
        }
    }
}

/// One value compared: what the fixture says, what symdiff computed, and whether they agree.
struct Comparison: Sendable, CustomStringConvertible {
    /// Relative error bound for references of magnitude at least `relativeFloor`.
    static let relativeTolerance = 1e-12
    /// References below this magnitude are compared absolutely.
    static let relativeFloor = 1e-200
    /// Absolute error bound for references below `relativeFloor`.
    static let absoluteTolerance = 1e-300

    var formula: String
    var wrt: [String]
    var point: [String]
    var simplified: Bool
    var expected: Double
    var got: Double

    /// `|got - expected| / |expected|`, or `nil` when the reference is below `relativeFloor`.
    var relativeError: Double? {
        Swift.abs(expected) >= Self.relativeFloor ? Swift.abs(got - expected) / Swift.abs(expected) : nil
    }

    /// Whether `got` is within the stated tolerance; NaN and infinities never are.
    var passes: Bool {
        guard got.isFinite, expected.isFinite else { return false }
        if let relativeError { return relativeError <= Self.relativeTolerance }
        return Swift.abs(got - expected) <= Self.absoluteTolerance
    }

    var description: String {
        let partial = wrt.isEmpty ? "f" : "d/d" + wrt.joined(separator: " d")
        let error = relativeError.map { "relative error \($0)" } ?? "absolute error \(Swift.abs(got - expected))"
        return "\(formula) [\(simplified ? "simplified" : "unsimplified")] \(partial) at "
            + "(\(point.joined(separator: ", "))): expected \(expected), got \(got), \(error)"
    }
}

extension FixtureCase {
    /// symdiff's value of every fixture partial at every point, paired with the reference.
    ///
    /// Asks the library for each order the fixture holds, finds each partial by its variable
    /// multiset, and evaluates it with `ExprGraph.evaluate` in binary64.
    func comparisons(simplify: Bool) throws -> [Comparison] {
        var nodes: [[String]: (Derivatives, NodeID)] = [:]
        for order in Set(partials.map(\.wrt.count)).sorted() {
            let request = DerivativeRequest(formulas: [formula], variables: variables, orders: order...order, simplify: simplify)
            let derivatives = try Derivatives(request)
            for partial in derivatives.results[0].partials { nodes[partial.variables] = (derivatives, partial.node) }
        }
        let assignments = assignments()
        var result: [Comparison] = []
        for partial in partials {
            guard let (derivatives, node) = nodes[partial.wrt] else { throw FixtureMismatch.missingPartial(partial.wrt) }
            for (i, text) in partial.values.enumerated() {
                result.append(Comparison(
                    formula: formula, wrt: partial.wrt, point: points[i], simplified: simplify,
                    expected: Double(text) ?? .nan, got: derivatives.graph.evaluate(node, at: assignments[i])))
            }
        }
        return result
    }
}

extension FixtureCase {
    /// The partials of orders up to `maxOrder` through the compiler and the block evaluator,
    /// in `precision`, paired with the reference.
    func compiledComparisons(maxOrder: Int, precision: Precision) throws -> [Comparison] {
        var formula = try Formula(parsing: self.formula)
        var nodes: [[String]: NodeID] = [:]
        for order in 0...maxOrder {
            for partial in try formula.graph.partials(of: formula.root, order: order, withRespectTo: variables) {
                nodes[partial.variables] = partial.node
            }
        }
        let wanted = partials.filter { $0.wrt.count <= maxOrder }
        var rewriter = Rewriter()
        let roots = try rewriter.simplify(wanted.map { nodes[$0.wrt]! }, in: &formula.graph)
        let program = try Compiler.compile(roots, in: formula.graph, inputs: variables)
        let columns = variables.indices.map { v in points.map { Double($0[v]) ?? .nan } }
        let values = Evaluator(program, blockSize: 8, threads: 1).evaluate(columns, precision: precision)
        return zip(wanted, values).flatMap { partial, computed in
            zip(partial.values, computed).enumerated().map { i, pair in
                Comparison(
                    formula: self.formula, wrt: partial.wrt, point: points[i], simplified: true,
                    expected: Double(pair.0) ?? .nan, got: pair.1)
            }
        }
    }
}

/// The fixture asks for something symdiff did not produce.
enum FixtureMismatch: Error {
    case missingPartial([String])
}

// MARK: - Finite differences

/// The smoke check's estimate of `∂f/∂variable`: central differences with Richardson
/// extrapolation, `(4 D(h/2) - D(h)) / 3` where `D(h) = (f(x+h) - f(x-h)) / 2h`.
struct FiniteDifference: Sendable {
    /// The relative tolerance of the smoke check.
    static let tolerance = 1e-6

    /// The coordinate's scale: `|x|`, or 1 at `x = 0`.
    var scale: Double
    var estimate: Double
    /// The largest `|f|` among the point and the samples, for the noise floor.
    var magnitude: Double

    /// The estimate for `variable` at `point`, from `f` evaluated by `evaluate`.
    init(_ variable: String, at point: [String: Double], _ evaluate: ([String: Double]) -> Double) {
        let x = point[variable]!
        scale = x == 0 ? 1 : Swift.abs(x)
        let h = 1e-5 * scale
        var largest = Swift.abs(evaluate(point))
        func central(_ step: Double) -> Double {
            var plus = point, minus = point
            plus[variable] = x + step
            minus[variable] = x - step
            let (up, down) = (evaluate(plus), evaluate(minus))
            largest = Swift.max(largest, Swift.abs(up), Swift.abs(down))
            return (up - down) / (plus[variable]! - minus[variable]!)
        }
        estimate = (4 * central(h / 2) - central(h)) / 3
        magnitude = largest
    }

    /// Whether `derivative` agrees: `|estimate - d| <= tolerance * max(|d|, |f| / scale)`.
    ///
    /// The second term is the scale of the estimate's own rounding noise (`eps |f| / h`), so a
    /// derivative far smaller than `f` (saturation) is checked only to that noise.
    func agrees(with derivative: Double) -> Bool {
        Swift.abs(estimate - derivative) <= Self.tolerance * Swift.max(Swift.abs(derivative), magnitude / scale)
    }
}

/// `Fixtures/NAME.json` from the test bundle, decoded as `T`.
func loadFixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")
    else { throw CocoaError(.fileNoSuchFile) }
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}
