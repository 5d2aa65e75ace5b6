// The text and JSON reports of a finished request.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffVerify

/// A limit that printing one formula's results ran into, with the formula's index.
struct FormulaLimit: Error {
    var limit: LimitExceeded
    var formula: Int
}

/// Prints expressions within one budget of bytes for all of them together, so the
/// `--max-output-bytes` limit bounds a whole report, not each expression.
struct PrintBudget {
    let graph: ExprGraph
    private(set) var remaining: Int

    init(_ graph: ExprGraph) {
        self.graph = graph
        remaining = graph.limits.maxPrintedBytes
    }

    /// `id` printed, its bytes taken from the budget.
    mutating func print(_ id: NodeID, formula: Int) throws(FormulaLimit) -> String {
        do {
            let text = try graph.printedFormula(id, limit: remaining)
            remaining -= text.utf8.count
            return text
        } catch {
            throw FormulaLimit(limit: error, formula: formula)
        }
    }
}

/// One line per function and partial: `f = ...`, then `d/dx1 = ...`; a blank line between
/// the blocks of several formulas.
func textReport(_ d: Derivatives) throws(FormulaLimit) -> String {
    var budget = PrintBudget(d.graph)
    var blocks: [String] = []
    for result in d.results {
        // A vector formula's components say which they are: f[0], f[1], ...
        let name = result.component.map { "f[\($0)]" } ?? "f"
        var block = "\(name) = \(try budget.print(result.function, formula: result.formula))\n"
        for partial in result.partials where !partial.variables.isEmpty {
            block += "\(partial.name) = \(try budget.print(partial.node, formula: result.formula))\n"
        }
        blocks.append(block)
    }
    return blocks.joined(separator: "\n")
}

/// The JSON contract: variables, and per formula its function and its partials.
///
/// ```
/// {"variables": ["x1","x2"],
///  "results": [{"function": "x1^2*sin(x2)",
///               "derivatives": [{"wrt": ["x1"], "expression": "2*x1*sin(x2)"}, ...]}]}
/// ```
/// Keys are written in this fixed order, so equal input gives equal bytes.
func jsonReport(_ d: Derivatives) throws(FormulaLimit) -> String {
    var budget = PrintBudget(d.graph)
    var results: [String] = []
    for result in d.results {
        let function = try budget.print(result.function, formula: result.formula)
        var derivatives: [String] = []
        for partial in result.partials where !partial.variables.isEmpty {
            derivatives.append(
                "{\"wrt\": \(jsonArray(partial.variables)), \"expression\": \(JSONText.string(try budget.print(partial.node, formula: result.formula)))}")
        }
        // A vector formula's component says which it is, before its function.
        let component = result.component.map { "\"formula\": \(result.formula), \"component\": \($0), " } ?? ""
        results.append(
            "{\(component)\"function\": \(JSONText.string(function)),\n"
                + "   \"derivatives\": [" + derivatives.joined(separator: ",\n      ") + "]}")
    }
    return "{\"variables\": \(jsonArray(d.variables)),\n \"results\": [" + results.joined(separator: ",\n  ") + "]}\n"
}

/// The expression graph as data, for tools: every node reachable from the results, children
/// first, each as `[kind, payload]` with operands as indices into `nodes`.
///
/// ```
/// {"variables": ["x"],
///  "nodes": [["variable", "x"], ["number", "2"], ["power", [0, 1]], ["sin", [2]]],
///  "results": [{"function": 3, "derivatives": [{"wrt": ["x"], "node": 7}]}]}
/// ```
/// Numbers are exact: `"p"` or `"p/q"` for rationals, the shortest round-trip decimal for reals.
func graphReport(_ d: Derivatives) -> String {
    let roots = d.results.flatMap { [$0.function] + $0.partials.map(\.node) }
    let order = d.graph.reachable(from: roots)
    var position: [NodeID: Int] = [:]
    var nodes: [String] = []
    for (i, id) in order.enumerated() {
        position[id] = i
        let node = d.graph[id]
        let operands = "[" + node.operands.map { String(position[$0]!) }.joined(separator: ", ") + "]"
        switch node {
        case .number(let n): nodes.append("[\"number\", \(JSONText.string(n.exactDescription))]")
        case .constant(let c): nodes.append("[\"constant\", \(JSONText.string(c.rawValue))]")
        case .variable(let name): nodes.append("[\"variable\", \(JSONText.string(name))]")
        case .sum: nodes.append("[\"sum\", \(operands)]")
        case .product: nodes.append("[\"product\", \(operands)]")
        case .power: nodes.append("[\"power\", \(operands)]")
        case .apply(let f, _): nodes.append("[\(JSONText.string(f.name)), \(operands)]")
        }
    }
    let results = d.results.map { result in
        let partials = result.partials.filter { !$0.variables.isEmpty }.map {
            "{\"wrt\": \(jsonArray($0.variables)), \"node\": \(position[$0.node]!)}"
        }
        return "{\"function\": \(position[result.function]!), \"derivatives\": [\(partials.joined(separator: ", "))]}"
    }
    return "{\"variables\": \(jsonArray(d.variables)),\n \"nodes\": [" + nodes.joined(separator: ",\n  ")
        + "],\n \"results\": [" + results.joined(separator: ",\n  ") + "]}\n"
}

/// The template of the JSON contract with values: `variables`, `meta`, `points`, and per
/// formula its `function` and `values` and per partial `wrt`, `expression` and `values`
/// (`null` for a non-finite value), which a streamed writer fills; when `verified`, with
/// status and bound beside the values and a `verify` member before `results`, the late
/// text `verify` (`jsonVerification`).
func jsonValuesTemplate(_ d: Derivatives, _ table: OutputTable, verified: Bool) -> JSONTemplate {
    table.jsonTemplate(leading: [("variables", jsonArray(d.variables))], lateBeforeResults: verified ? ["verify"] : [])
}

/// The `verify` member: the method, and per value the largest differences and the verdict.
func jsonVerification(_ v: VerificationSummary, _ precision: Precision) -> String {
    let columns = v.columns.map { column in
        let d = column.differences
        return JSONText.object([
            ("name", JSONText.string(column.name)), ("max_abs_difference", JSONText.number(d.absolute)),
            ("max_rel_difference", JSONText.number(d.relative)), ("max_ulps", JSONText.number(d.ulps)),
            ("worst_point", d.worstPoint.map(String.init) ?? "null"), ("disagreements", String(column.disagreements)),
        ])
    }
    return JSONText.object([
        ("passed", v.passed() ? "true" : "false"), ("method", JSONText.string(verifyMethod(precision))),
        ("values", "[" + columns.joined(separator: ",\n    ") + "]"),
    ])
}

private func jsonArray(_ items: [String]) -> String {
    "[" + items.map(JSONText.string).joined(separator: ", ") + "]"
}

