// A language that expressions are exported to: its spelling of numbers, powers and functions,
// and the file around them.

/// What a code file holds: the formulas it comes from, its inputs and outputs, and the
/// program's statements, already written in the file's language.
public struct CodeFile: Sendable {
    /// The formulas, for the header comment.
    public var formulas: [String]
    /// The input arrays' names, as written in the code.
    public var inputs: [String]
    /// Each local's name and the text of its value.
    public var locals: [(name: String, text: String)]
    /// Each output's name, what it is (`d2/dxdt = ...`), the text of its value, and whether
    /// it is constant (so must be spread over the points).
    public var outputs: [(name: String, label: String, text: String, constant: Bool)]
    /// The functions the program applies.
    public var functions: Set<Function>
}

/// A language that `--emit` writes: how a number, a constant, a variable, a power and each
/// primitive function are spelled, and how the file around the statements looks.
///
/// A function's template is an atom (a call, or text in parentheses) with `{0}`, `{1}` for its
/// arguments, each used once, so an argument is computed once however it is spelled.
public struct CodeDialect: Sendable {
    /// The name `--emit` takes.
    public let name: String
    /// The file extension the code is usually saved with.
    public let fileExtension: String
    /// Each primitive function's template; a function without one cannot be exported.
    let functions: [Function: String]
    let number: @Sendable (Double) -> String
    let constant: @Sendable (Constant) -> String
    /// How a variable reads inside the statements (`x` or `x[i]`).
    let variable: @Sendable (String) -> String
    /// `base ^ exponent` from the texts of both and how they bind.
    let power: @Sendable ((text: String, precedence: CodePrecedence), (text: String, precedence: CodePrecedence)) -> (text: String, precedence: CodePrecedence)
    /// Whether a whole-number exponent is written as an integer (`x**2`, not `x**2.0`).
    let integerExponents: Bool
    /// Names a variable may not take: keywords, and names the file uses.
    let reserved: Set<String>
    /// The deepest inline expression (1: every operation its own typed local).
    public let maxInlineDepth: Int
    let file: @Sendable (CodeFile) -> String

    /// Every language, in the order `--help` lists them.
    public static let all: [CodeDialect] = [.numpy, .torch, .jax, .c, .swift]

    /// The language called `name`.
    public static func named(_ name: String) -> CodeDialect? { all.first { $0.name == name } }

    /// `name`, or with `_` appended while it is a reserved word of the language or a local's
    /// name (`_t` and digits).
    public func safeName(_ name: String) -> String {
        var result = name
        while reserved.contains(result) || (result.hasPrefix("_t") && result.count > 2 && result.dropFirst(2).allSatisfy(\.isNumber)) {
            result += "_"
        }
        return result
    }
}

extension CodeDialect {
    /// The code of `program` in this language.
    public func code(_ program: CodeProgram, formulas: [String], labels: [String]) throws(ExportError) -> String {
        var locals: [(String, String)] = []
        for node in program.locals {
            locals.append((program.localName(node)!, try program.text(node, in: self, defining: true)))
        }
        var outputs: [(String, String, String, Bool)] = []
        for ((name, node), label) in zip(program.outputs, labels) {
            outputs.append((name, label, try program.text(node, in: self), program.isConstant(node)))
        }
        return file(CodeFile(
            formulas: formulas, inputs: program.inputs.map(safeName), locals: locals, outputs: outputs, functions: program.functions))
    }

    /// A number as a binary64 literal in C-like syntax (`2.0`, `0.1`, `1e-300`): shortest
    /// round-trip digits.
    static func doubleLiteral(_ x: Double) -> String {
        let text = "\(x)"
        return text.contains(".") || text.contains("e") || text.contains("n") ? text : text + ".0"
    }

    /// `base ** exponent`, Python's right-associative power that binds tighter than unary minus.
    static func pythonPower(
        _ base: (text: String, precedence: CodePrecedence), _ exponent: (text: String, precedence: CodePrecedence)
    ) -> (text: String, precedence: CodePrecedence) {
        let b = base.precedence < .atom ? "(\(base.text))" : base.text
        let e = exponent.precedence < .atom ? "(\(exponent.text))" : exponent.text
        return ("\(b)**\(e)", .power)
    }

    /// The line that documents each output, for the header comment.
    static func outputLines(_ file: CodeFile, prefix: String) -> String {
        file.outputs.map { "\(prefix)\($0.name): \($0.label)\n" }.joined()
    }
}
