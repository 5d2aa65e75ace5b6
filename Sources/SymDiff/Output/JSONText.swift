// JSON text for reference values: numbers that round-trip, null for non-finite, the document.

/// Builders of JSON text, exposed so the command line can merge values into its own reports.
public enum JSONText {
    /// The shortest decimal that reads back as `x` (Swift's `description`), or `null` when
    /// `x` is NaN or infinite.
    public static func number(_ x: Double) -> String {
        x.isFinite ? x.description : "null"
    }

    /// `[v1, v2, ...]` with `number(_:)` for each value.
    public static func numbers(_ values: [Double]) -> String {
        var text = "["
        text.reserveCapacity(values.count * 20)
        for (i, x) in values.enumerated() {
            if i > 0 { text += ", " }
            text += number(x)
        }
        return text + "]"
    }

    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `{"key": value, ...}` from pairs whose values are already JSON text, in the given order.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

extension OutputTable {
    /// The metadata as a JSON object, keys sorted.
    public var jsonMeta: String { JSONText.object(sortedMeta.map { ($0.0, JSONText.string($0.1)) }) }

    /// The point columns as a JSON object, `{"x1": [...], ...}`.
    public var jsonPoints: String {
        JSONText.object(zip(points.names, points.columns).map { ($0, JSONText.numbers($1)) })
    }

    /// One result as `{"function", "values", "derivatives": [{"wrt", "expression", "values"}]}`, with
    /// `"status"` and `"bound"` beside `"values"` when the columns have them.
    public func jsonResult(_ result: OutputResult) -> String {
        let derivatives = result.derivatives.map { d in
            JSONText.object([
                ("wrt", "[" + d.wrt.map(JSONText.string).joined(separator: ", ") + "]"),
                ("expression", JSONText.string(d.expression ?? d.name)), ("values", JSONText.numbers(d.values)),
            ] + traceMembers(d))
        }
        return JSONText.object([
            ("function", JSONText.string(result.function.expression ?? result.function.name)),
            ("values", JSONText.numbers(result.function.values)),
        ] + traceMembers(result.function) + [("derivatives", "[" + derivatives.joined(separator: ",\n      ") + "]")])
    }

    /// The `"status"` (by name) and `"bound"` members of a column that has them.
    private func traceMembers(_ column: OutputColumn) -> [(String, String)] {
        let names = statusCodes.map(JSONText.string)
        return (column.status.map { [("status", "[" + $0.map { names[Int($0)] }.joined(separator: ", ") + "]")] } ?? [])
            + (column.bound.map { [("bound", JSONText.numbers($0))] } ?? [])
    }

    /// The whole document: `{"meta": {...}, "points": {...}, "results": [...]}` and a newline.
    public func jsonDocument() -> String {
        "{\"meta\": \(jsonMeta),\n \"points\": \(jsonPoints),\n \"results\": ["
            + results.map(jsonResult).joined(separator: ",\n  ") + "]}\n"
    }
}
