// `--emit LANGUAGE`: the formulas and their derivatives as code, or as LaTeX.
import SymDiff
import SymDiffIO

/// The languages `--emit` writes, as `--help` lists them.
let emitLanguages = CodeDialect.all.map(\.name) + ["latex"]

/// The error for `--emit` naming a language it does not write.
func unknownLanguage(_ language: String) -> CommandLineError {
    CommandLineError(
        "unknown language '\(language)'", argument: "--emit \(language)", underline: 7..<(7 + language.count),
        hint: "languages: " + (emitLanguages + testFileLanguages).joined(separator: ", "))
}

/// The request's values as code in `language`: one function from the input arrays (the
/// variables points give, in order) to every column `symdiff` would write, each under its
/// `.npz` name (`f`, `f_x`, `f_xt`), computed through the same numerically stable forms.
func emittedCode(_ d: Derivatives, language: String) throws -> String {
    if language == "latex" { return LaTeX.document(d) }
    guard let dialect = CodeDialect.named(language) else { throw unknownLanguage(language) }
    let inputs = d.pointVariables
    let separated = OutputTable.separatesVariables(inputs)
    var taken = Set(inputs.map(dialect.safeName))
    var outputs: [(name: String, node: NodeID)] = []
    var labels: [String] = []
    for column in d.columns {
        let name = OutputTable.unique(OutputTable.pythonName(of: column.name, wrt: column.wrt, separated: separated), avoiding: taken)
        taken.insert(name)
        outputs.append((dialect.safeName(name), column.evaluation))
        labels.append("\(column.name) = \(label(d, column.node))")
    }
    let program = CodeProgram(graph: d.graph, inputs: inputs, outputs: outputs, maxInlineDepth: dialect.maxInlineDepth)
    do {
        return try dialect.code(program, formulas: d.results.map(\.source), labels: labels)
    } catch {
        throw CommandLineError(error.message, argument: "--emit \(language)", underline: 7..<(7 + language.count), hint: error.hint)
    }
}

/// The formula of `node` for a comment, a docstring or a title: printed with let-bindings
/// for shared subexpressions (a tree can be exponentially larger than its graph), or a note
/// when that is longer than 2,000 bytes.
func label(_ d: Derivatives, _ node: NodeID) -> String {
    (try? d.graph.printedFormula(node, limit: 2_000)) ?? "(longer than 2,000 characters: see symdiff's text output)"
}
