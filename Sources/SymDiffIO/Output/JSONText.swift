// JSON text for reference values: numbers that round-trip, null for non-finite, the document.
import SymDiff

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

    /// The whole document, `{"meta": {...}, "points": {...}, "results": [...]}` and a newline,
    /// or the one `template` (made by `jsonTemplate`) shapes, its late members from `late`.
    public func jsonDocument(_ template: JSONTemplate? = nil, late: [String: String] = [:]) -> String {
        (template ?? jsonTemplate()).rendered(flatColumns, late: late)
    }

    /// The document with a hole for each column's values (by index in `flatColumns`):
    /// `leading` members (pairs of key and JSON text), `meta`, `points`, a member for each
    /// key of `lateBeforeResults` whose JSON text comes at the end (`.late(key)`), then `results`, each `{"function", "values", "derivatives": [{"wrt",
    /// "expression", "values"}]}`, with `"status"` and `"bound"` beside `"values"` when the
    /// columns have them.
    public func jsonTemplate(leading: [(String, String)] = [], lateBeforeResults: [String] = []) -> JSONTemplate {
        let flatNames = flatColumns.map(\.name)
        let index = Dictionary(flatNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var template = JSONTemplate()
        template.append("{" + leading.map { "\(JSONText.string($0.0)): \($0.1),\n " }.joined() + "\"meta\": \(jsonMeta),\n \"points\": {")
        for (j, name) in points.names.enumerated() {
            template.append((j > 0 ? ", " : "") + JSONText.string(name) + ": ")
            template.append(.numbers(j))
        }
        template.append("},\n")
        for key in lateBeforeResults {
            template.append(" \(JSONText.string(key)): ")
            template.append(.late(key))
            template.append(",\n")
        }
        template.append(" \"results\": [")
        /// The `values` member of `column`, and its `status` and `bound` when it has them.
        func values(_ column: OutputColumn) {
            template.append("\"values\": ")
            template.append(.numbers(index[column.name]!))
            if column.status != nil {
                template.append(", \"status\": ")
                template.append(.names(index[column.name + ":status"]!))
            }
            if column.bound != nil {
                template.append(", \"bound\": ")
                template.append(.numbers(index[column.name + ":bound"]!))
            }
        }
        for (r, result) in results.enumerated() {
            template.append((r > 0 ? ",\n  " : "") + "{\"function\": " + JSONText.string(result.function.expression ?? result.function.name) + ", ")
            values(result.function)
            template.append(", \"derivatives\": [")
            for (k, d) in result.derivatives.enumerated() {
                template.append((k > 0 ? ",\n      " : "") + "{\"wrt\": [" + d.wrt.map(JSONText.string).joined(separator: ", ")
                    + "], \"expression\": " + JSONText.string(d.expression ?? d.name) + ", ")
                values(d)
                template.append("}")
            }
            template.append("]}")
        }
        template.append("]}\n")
        template.statusNames = statusCodes
        return template
    }
}

/// A JSON document with holes for the values of columns: written text, then a column's
/// values as a JSON array, and so on; what `JSONTableWriter` fills block by block.
public struct JSONTemplate: Sendable {
    /// One part of the document.
    public enum Piece: Sendable, Equatable {
        /// Text written as it is.
        case text(String)
        /// The values of block column `j`, as `[v1, v2, ...]` (`null` for non-finite).
        case numbers(Int)
        /// The codes of block column `j`, as an array of the names `statusNames` gives them.
        case names(Int)
        /// JSON text known only when the document is finished, under this key.
        case late(String)
    }

    /// The parts, in order.
    public private(set) var pieces: [Piece] = []
    /// The name of each code, for `.names` holes.
    public var statusNames: [String] = []

    /// An empty template.
    public init() {}

    /// Appends a piece; consecutive text is merged.
    mutating func append(_ piece: Piece) {
        if case .text(let more) = piece, case .text(let text)? = pieces.last {
            pieces[pieces.count - 1] = .text(text + more)
        } else {
            pieces.append(piece)
        }
    }

    mutating func append(_ text: String) { append(.text(text)) }

    /// The elements of hole `piece` for `rows` rows of `block`, separated by `, `.
    func elements(_ piece: Piece, _ block: [[Double]], rows: Range<Int>) -> [UInt8] {
        var text = TextBytes(capacity: rows.count * 22)
        switch piece {
        case .text, .late: break
        case .numbers(let j):
            for i in rows {
                if i > rows.lowerBound { text.appendSeparator() }
                let x = block[j][i]
                if x.isFinite { text.append(x) } else { text.append(contentsOf: "null".utf8) }
            }
        case .names(let j):
            let names = statusNames.map { Array(JSONText.string($0).utf8) }
            for i in rows {
                if i > rows.lowerBound { text.appendSeparator() }
                text.append(contentsOf: names[Int(block[j][i])])
            }
        }
        return text.bytes
    }

    /// The whole document with the values of `columns` and the `late` texts.
    func rendered(_ columns: [OutputColumn], late: [String: String] = [:]) -> String {
        let block = columns.map(\.values)
        let rows = 0..<(block.first?.count ?? 0)
        return pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .late(let key): return late[key] ?? "null"
            case .numbers, .names: return "[" + String(decoding: elements(piece, block, rows: rows), as: UTF8.self) + "]"
            }
        }.joined()
    }
}
