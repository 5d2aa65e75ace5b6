// C and Swift: a loop over the points, from input arrays to output arrays.

extension CodeDialect {
    /// The functions C and Swift spell alike (glibc's libm, which Swift's Foundation exports).
    private static let libm: [Function: String] = [
        .sin: "sin({0})", .cos: "cos({0})", .tan: "tan({0})", .sec: "(1.0/cos({0}))", .csc: "(1.0/sin({0}))",
        .cot: "(1.0/tan({0}))", .asin: "asin({0})", .acos: "acos({0})", .atan: "atan({0})", .atan2: "atan2({0}, {1})",
        .sinh: "sinh({0})", .cosh: "cosh({0})", .tanh: "tanh({0})", .asinh: "asinh({0})", .acosh: "acosh({0})",
        .atanh: "atanh({0})", .exp: "exp({0})", .log: "log({0})", .log10: "log10({0})", .log2: "log2({0})",
        .sqrt: "sqrt({0})", .cbrt: "cbrt({0})", .abs: "fabs({0})", .erf: "erf({0})", .erfc: "erfc({0})", .expm1: "expm1({0})",
        .log1p: "log1p({0})", .hypot: "hypot({0}, {1})", .floor: "floor({0})", .ceil: "ceil({0})", .trunc: "trunc({0})",
        .fmod: "fmod({0}, {1})", .gamma: "tgamma({0})", .lgamma: "lgamma({0})",
        .sign: "symdiff_sign({0})", .relu: "symdiff_relu({0})", .heaviside: "symdiff_heaviside({0})",
        .sigmoid: "symdiff_sigmoid({0})", .softplus: "symdiff_softplus({0})", .min: "symdiff_min({0}, {1})",
        .max: "symdiff_max({0}, {1})", .mod: "symdiff_mod({0}, {1})", .ndtr: "(0.5*erfc(-({0})/sqrt(2.0)))",
        .logicalAnd: "symdiff_and({0}, {1})", .logicalOr: "symdiff_or({0}, {1})", .logicalNot: "symdiff_not({0})",
        .select: "symdiff_select({0}, {1})",
        .less: "(({0}) < ({1}) ? 1.0 : 0.0)", .lessEqual: "(({0}) <= ({1}) ? 1.0 : 0.0)",
        .greater: "(({0}) > ({1}) ? 1.0 : 0.0)", .greaterEqual: "(({0}) >= ({1}) ? 1.0 : 0.0)",
        .equal: "(({0}) == ({1}) ? 1.0 : 0.0)", .notEqual: "(({0}) != ({1}) ? 1.0 : 0.0)",
    ]

    /// The helpers the templates call, in C; each is written only when a template uses it.
    /// They give symdiff's values where libm's differ: NaN in `min`, `max`, `relu` and
    /// `heaviside`, `sign(0) = 0`, Python's sign for `mod`, `-0` for `select`'s other pick.
    private static let cHelpers: [(name: String, code: String)] = [
        ("symdiff_sign", "static double symdiff_sign(double a) { return a > 0 ? 1.0 : a < 0 ? -1.0 : a == 0 ? 0.0 : a; }"),
        ("symdiff_relu", "static double symdiff_relu(double a) { return a > 0 || a != a ? a : 0.0; }"),
        ("symdiff_heaviside", "static double symdiff_heaviside(double a) { return a > 0 ? 1.0 : a != a ? a : 0.0; }"),
        ("symdiff_sigmoid", "static double symdiff_sigmoid(double a) { double e = exp(-fabs(a)); return a >= 0 ? 1 / (1 + e) : e / (1 + e); }"),
        ("symdiff_softplus", "static double symdiff_softplus(double a) { double l = log1p(exp(-fabs(a))); return a > 0 ? a + l : l; }"),
        ("symdiff_min", "static double symdiff_min(double a, double b) { return a != a || b != b ? a + b : a < b ? a : b; }"),
        ("symdiff_max", "static double symdiff_max(double a, double b) { return a != a || b != b ? a + b : a > b ? a : b; }"),
        ("symdiff_mod", "static double symdiff_mod(double a, double b) { double r = fmod(a, b); return r != 0 && (r < 0) != (b < 0) ? r + b : r; }"),
        ("symdiff_and", "static double symdiff_and(double a, double b) { return a != 0 && b != 0 ? 1.0 : 0.0; }"),
        ("symdiff_or", "static double symdiff_or(double a, double b) { return a != 0 || b != 0 ? 1.0 : 0.0; }"),
        ("symdiff_not", "static double symdiff_not(double a) { return a == 0 ? 1.0 : 0.0; }"),
        ("symdiff_select", "static double symdiff_select(double c, double u) { return c != 0 ? u : -0.0; }"),
    ]

    static let c = CodeDialect(
        name: "c", fileExtension: "c",
        functions: libm.merging([.round: "nearbyint({0})", .besselj: "jn((int)({0}), {1})", .bessely: "yn((int)({0}), {1})"]) { $1 },
        number: doubleLiteral, constant: { $0 == .pi ? "M_PI" : "M_E" }, variable: { "\($0)[symdiff_i]" },
        power: { base, exponent in ("pow(\(base.text), \(exponent.text))", .atom) }, integerExponents: false,
        reserved: cKeywords.union(["symdiff_i", "symdiff_n", "symdiff_values", "M_PI", "M_E"]), maxInlineDepth: 16,
        file: { file in
            var out = header(file, points: "at n points") + "#define _GNU_SOURCE\n#include <math.h>\n\n"
            for helper in cHelpers where usesHelper(helper.name, file) { out += helper.code + "\n" }
            out += "\n/// Each input and output points to n doubles. The outputs:\n" + outputLines(file, prefix: "///   ")
            let inputs = file.inputs.map { "const double *\($0)" }
            let outputs = file.outputs.map { "double *\($0.name)" }
            out += "void symdiff_values(long symdiff_n, " + (inputs + outputs).joined(separator: ", ") + ") {\n"
            out += "    for (long symdiff_i = 0; symdiff_i < symdiff_n; symdiff_i++) {\n"
            for (local, text) in file.locals { out += "        const double \(local) = \(text);\n" }
            for output in file.outputs { out += "        \(output.name)[symdiff_i] = \(output.text);\n" }
            return out + "    }\n}\n"
        })

    static let swift = CodeDialect(
        name: "swift", fileExtension: "swift",
        functions: libm.merging([.round: "({0}).rounded(.toNearestOrEven)", .besselj: "jn(Int32({0}), {1})", .bessely: "yn(Int32({0}), {1})"]) { $1 },
        number: doubleLiteral, constant: { $0 == .pi ? "Double.pi" : "M_E" }, variable: { "\($0)[symdiffIndex]" },
        power: { base, exponent in ("pow(\(base.text), \(exponent.text))", .atom) }, integerExponents: false,
        reserved: swiftKeywords.union(["symdiffIndex", "symdiffCount", "symdiffValues", "Double", "M_E"]), maxInlineDepth: 1,
        file: { file in
            var out = header(file, points: "at the points") + "import Foundation\n\n"
            for helper in cHelpers where usesHelper(helper.name, file) { out += swiftHelper(helper.code) + "\n" }
            out += "\n/// Each input holds one value per point. The outputs, by name:\n" + outputLines(file, prefix: "///   ")
            out += "func symdiffValues(" + file.inputs.map { "\($0): [Double]" }.joined(separator: ", ") + ") -> [String: [Double]] {\n"
            out += "    let symdiffCount = " + (file.inputs.first.map { "\($0).count" } ?? "1") + "\n"
            for output in file.outputs { out += "    var \(output.name) = [Double](repeating: 0, count: symdiffCount)\n" }
            out += "    for symdiffIndex in 0..<symdiffCount {\n"
            for (local, text) in file.locals { out += "        let \(local): Double = \(text)\n" }
            for output in file.outputs { out += "        \(output.name)[symdiffIndex] = \(output.text)\n" }
            out += "    }\n    return [" + file.outputs.map { "\"\($0.name)\": \($0.name)" }.joined(separator: ", ") + "]\n}\n"
            return out
        })

    /// The comment that opens a C or Swift file: what it computes, the conventions, the formulas.
    private static func header(_ file: CodeFile, points: String) -> String {
        "// Generated by symdiff: the values of these formulas and their partial derivatives \(points).\n"
            + "// Kinks follow PyTorch: sign(0) = 0, heaviside(0) = 0, so relu'(0) = 0.\n"
            + file.formulas.map { "//   \($0)\n" }.joined()
    }

    /// Whether a template of a function the file applies calls the helper `name`.
    private static func usesHelper(_ name: String, _ file: CodeFile) -> Bool {
        file.functions.contains { libm[$0]?.contains(name + "(") == true }
    }

    /// A C helper in Swift: the same body, with Swift's declarations.
    private static func swiftHelper(_ code: String) -> String {
        code.replacingOccurrences(of: "static double ", with: "func ")
            .replacingOccurrences(of: "(double a, double b)", with: "(_ a: Double, _ b: Double) -> Double")
            .replacingOccurrences(of: "(double c, double u)", with: "(_ c: Double, _ u: Double) -> Double")
            .replacingOccurrences(of: "(double a)", with: "(_ a: Double) -> Double")
            .replacingOccurrences(of: "double ", with: "let ")
            .replacingOccurrences(of: "fabs(", with: "Swift.abs(")
            .replacingOccurrences(of: "a != a", with: "a.isNaN").replacingOccurrences(of: "b != b", with: "b.isNaN")
    }

    private static let cKeywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
        "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true", "false",
    ]

    private static let swiftKeywords: Set<String> = [
        "as", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else", "enum", "extension", "fallthrough",
        "false", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "nil", "operator",
        "private", "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "static", "struct", "subscript", "super",
        "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    ]
}
