// The text and JSON reports of a finished request.
import Foundation
import SymDiff

/// One line per function and partial: `f = ...`, then `d/dx1 = ...`; a blank line between
/// the blocks of several formulas.
func textReport(_ d: Derivatives) throws(LimitExceeded) -> String {
    var blocks: [String] = []
    for result in d.results {
        var block = "f = \(try d.graph.printedFormula(result.function))\n"
        for partial in result.partials where !partial.variables.isEmpty {
            block += "\(partial.name) = \(try d.graph.printedFormula(partial.node))\n"
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
func jsonReport(_ d: Derivatives) throws(LimitExceeded) -> String {
    var results: [String] = []
    for result in d.results {
        var derivatives: [String] = []
        for partial in result.partials where !partial.variables.isEmpty {
            derivatives.append(
                "{\"wrt\": \(jsonArray(partial.variables)), \"expression\": \(jsonString(try d.graph.printedFormula(partial.node)))}")
        }
        results.append(
            "{\"function\": \(jsonString(try d.graph.printedFormula(result.function))), \"order\": \(d.order),\n"
                + "   \"derivatives\": [" + derivatives.joined(separator: ",\n      ") + "]}")
    }
    return "{\"variables\": \(jsonArray(d.variables)),\n \"results\": [" + results.joined(separator: ",\n  ") + "]}\n"
}

private func jsonArray(_ items: [String]) -> String {
    "[" + items.map(jsonString).joined(separator: ", ") + "]"
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
