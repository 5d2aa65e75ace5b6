// The report of `symdiff check`, as text for people and JSON for tools.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffVerify

/// What `symdiff check` found, ready to print.
struct CheckReport {
    var array: ValueArray
    var comparison: CheckComparison
    var verification: Verification
    var diagnoses: [String]
    /// The formula as given (or how many there were).
    var formula: String

    /// The formula for the report's first line: up to 60 characters, then `...`.
    private var shortFormula: String { formula.count <= 60 ? formula : formula.prefix(57) + "..." }
    private var dtype: String { array.singlePrecision ? "float32" : "float64" }
    private var shape: String { "(" + array.shape.map(String.init).joined(separator: ", ") + (array.shape.count == 1 ? ",)" : ")") }
    private var toleranceLine: String {
        let t = comparison.tolerance
        return "|theirs - ours| <= \(String(format: "%g", t.atol)) + \(String(format: "%g", t.rtol))*|ours| + symdiff's error bound"
    }

    /// The text report: what was compared, the layout, the tolerance, a row per entry, kinks,
    /// skipped points, diagnoses and the verdict.
    var text: String {
        let v = verification
        var lines = [
            "check: \(array.name) (\(dtype), shape \(shape)) against symdiff's values of \(shortFormula) at \(v.points.count) points",
            "layout: \(comparison.layout.description)",
            "tolerance: \(toleranceLine) (\(dtype): torch.testing's defaults unless --rtol, --atol)",
            "",
        ]
        let header = ["entry", "agree", "worst point", "theirs", "ours"]
        var rows = [header]
        for entry in comparison.entries {
            let worst = entry.worst
            rows.append([
                entry.label, "\(entry.agreed)/\(entry.compared)", worst.map { CheckDiagnosis.point($0.point, v) } ?? "-",
                worst.map { Self.number($0.theirs) } ?? "-", worst.map { Self.number($0.ours) } ?? "-",
            ])
        }
        let widths = header.indices.map { k in rows.map { $0[k].count }.max()! }
        lines += rows.map { row in
            row.enumerated().map { $0 == row.count - 1 ? $1 : $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        for entry in comparison.entries where !entry.conventions.isEmpty {
            let matched = entry.conventions.sorted { $0.key < $1.key }.map { "\($0.key) at \($0.value)" }.joined(separator: ", ")
            lines.append("at kinks and jumps (not differentiable): \(entry.label) matched \(matched) point(s)")
        }
        for entry in comparison.entries where !entry.skipped.isEmpty {
            let skipped = entry.skipped.sorted { $0.key.code < $1.key.code }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            lines.append("not compared: \(entry.label) at \(skipped) point(s), where symdiff's own value is not confirmed")
        }
        lines += diagnoses.map { "diagnosis: \($0)" }
        let total = comparison.compared
        lines.append(
            comparison.passed
                ? "check: ok: all \(total) compared values agree"
                : "check: FAILED: \(comparison.failures) of \(total) compared values disagree")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON report: the same content, one object.
    var json: String {
        let v = verification
        let entries = comparison.entries.map { entry in
            var pairs: [(String, String)] = [
                ("label", JSONText.string(entry.label)), ("column", JSONText.string(v.columns[entry.column].name)),
                ("compared", "\(entry.compared)"), ("agreed", "\(entry.agreed)"),
                ("skipped", JSONText.object(entry.skipped.sorted { $0.key.code < $1.key.code }.map { ($0.key.rawValue, "\($0.value)") })),
                ("conventions", JSONText.object(entry.conventions.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") })),
            ]
            if let worst = entry.worst {
                let point = JSONText.object(zip(v.points.names, v.points.columns).map { ($0, JSONText.number($1[worst.point])) })
                pairs.append(("worst", JSONText.object([
                    ("index", "\(worst.point)"), ("point", point), ("theirs", JSONText.number(worst.theirs)), ("ours", JSONText.number(worst.ours)),
                ])))
            }
            return JSONText.object(pairs)
        }
        return JSONText.object([
            ("file", JSONText.string(array.name)), ("dtype", JSONText.string(dtype)), ("shape", "[" + array.shape.map(String.init).joined(separator: ", ") + "]"),
            ("points", "\(v.points.count)"),
            ("layout", JSONText.object([
                ("kind", JSONText.string(comparison.layout.kind.rawValue)), ("description", JSONText.string(comparison.layout.description)),
            ])),
            ("tolerance", JSONText.object([
                ("rtol", JSONText.number(comparison.tolerance.rtol)), ("atol", JSONText.number(comparison.tolerance.atol)),
            ])),
            ("entries", "[" + entries.joined(separator: ", ") + "]"),
            ("diagnoses", "[" + diagnoses.map(JSONText.string).joined(separator: ", ") + "]"),
            ("compared", "\(comparison.compared)"), ("disagree", "\(comparison.failures)"), ("passed", comparison.passed ? "true" : "false"),
        ]) + "\n"
    }

    /// A value as the report prints it: 10 significant digits.
    static func number(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.10g", x) }
}
