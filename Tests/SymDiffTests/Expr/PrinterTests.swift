// Printing: minimal parentheses, readable order, and reading the text back gives the node.
import Testing
@testable import SymDiff

@Suite struct PrinterTests {
    @Test(arguments: [
        ("x1^2*sin(x2)", "x1^2*sin(x2)"),
        ("-x^2", "-x^2"),
        ("(-x)^y", "(-x)^y"),
        ("x^(y^z)", "x^y^z"),
        ("(x^y)^z", "(x^y)^z"),
        ("x^-y", "x^(-y)"),
        ("1/x", "1/x"),
        ("2/x^2", "2/x^2"),
        ("x/(y*z)", "x/(y*z)"),
        ("x/(y + z)", "x/(y + z)"),
        ("a - b", "a - b"),
        ("-a - b", "-a - b"),
        ("1 + x", "x + 1"),
        ("x^(1/3)", "x^(1/3)"),
        ("(1/2)^x", "(1/2)^x"),
        ("x/3", "x/3"),
        ("-2*x/3", "-2*x/3"),
        ("0.1*x", "0.1*x"),
        ("atan2(y, x)", "atan2(y, x)"),
        ("(a + b)*(c + d)", "(a + b)*(c + d)"),
        ("-(a + b)*c", "c*(-a - b)"),
        ("-((a + b)*c)", "-c*(a + b)"),
        ("-((a + b)*(c + d))", "-((a + b)*(c + d))"),
        ("-((a + b)/c)", "-((a + b)/c)"),
        ("x/y/0", "x/y/0"),
        ("2^(x + 1)", "2^(x + 1)"),
        ("pi*e^x", "pi*exp(x)"),
        ("lt(x, 1) + (x <= 2)*x", "(x < 1) + x*(x <= 2)"),
        ("!(x < 1)", "!(x < 1)"),
        ("logical_not(-5*z)", "!(-5*z)"),
        ("!x^2", "!x^2"),
        ("(a || b) && c", "(a || b) && c"),
        ("a || b && c", "a || b && c"),
        ("a && (b && c)", "a && (b && c)"),
        ("(x < 1) < 2", "(x < 1) < 2"),
        ("x + 1 >= y*2 || z != 0", "x + 1 >= 2*y || z != 0"),
        ("piecewise(x < 0, -x, x)", "where(x < 0, -x, x)"),
    ])
    func printed(_ input: String, _ expected: String) throws {
        let (graph, roots) = try lowered([input])
        #expect(graph.formula(roots[0]) == expected)
    }

    /// Print, parse into the same graph, and get the same node back; for generated formulas
    /// and their derivatives.
    @Test func printThenParseIsIdentity() throws {
        let seed: UInt64 = 99
        var generator = FormulaGenerator(seed: seed)
        for _ in 0..<2000 {
            let text = generator.formula(depth: 4)
            var graph = ExprGraph()
            let root = try graph.lower(Parser.parse(text))
            let derivative = try graph.derivative(of: root, withRespectTo: "x")
            for id in [root, derivative] {
                let printed = graph.formula(id)
                let again = try graph.lower(Parser.parse(printed))
                #expect(again == id, "seed \(seed): '\(text)' printed as '\(printed)' read back as '\(graph.formula(again))'")
            }
        }
    }
}

@Suite struct SharedPrintingTests {
    /// A derivative whose tree dwarfs its graph prints with let-bindings, and reading that
    /// text back gives the same node.
    /// Conditions print as operators and read back as the same node, with their derivatives.
    @Test(arguments: [
        "where(x > 0 && y <= 1 || !(z == 2), x*y, -sin(x)) + (x != y)*x^2",
        "piecewise(x < -1, 0, x < 1 && y >= 2, x*y, !(x == y), exp(x), 3)",
        "(x < y) < (y >= z) + logical_not(-x*y) - select(x, y^2)",
        "where(a, where(b, x, y), where(c < 0, x^2, !x)) || x",
    ])
    func conditionsReadBack(_ formula: String) throws {
        var (graph, roots) = try lowered([formula])
        let derivative = try graph.derivative(of: roots[0], withRespectTo: "x")
        for id in [roots[0], derivative] {
            let printed = graph.formula(id)
            #expect(try graph.lower(Parser.parse(printed)) == id, "'\(printed)'")
        }
    }

    @Test(arguments: [("sin(sin(sin(sin(x))))", 4), ("exp(tanh(x)*sigmoid(x))", 5), ("x^x", 6)])
    func letBindingsReadBack(_ formula: String, _ order: Int) throws {
        var (graph, roots) = try lowered([formula])
        let d = try graph.derivative(of: roots[0], withRespectTo: Array(repeating: "x", count: order))
        let text = try graph.printedFormula(d)
        #expect(text.hasPrefix("_1 = "), "\(text.prefix(80))")
        #expect(try graph.lower(Parser.parse(text)) == d)
    }

    @Test func smallExpressionsPrintPlain() throws {
        var (graph, roots) = try lowered(["x1^2*sin(x2)"])
        let d = try graph.derivative(of: roots[0], withRespectTo: "x1")
        #expect(try graph.printedFormula(d) == "2*x1*sin(x2)")
    }

    @Test func bindingNamesAvoidVariables() throws {
        var (graph, roots) = try lowered(["sin(sin(sin(sin(_1))))"])
        let d = try graph.derivative(of: roots[0], withRespectTo: Array(repeating: "_1", count: 4))
        let text = try graph.printedFormula(d)
        #expect(text.hasPrefix("__1 = "))
        #expect(try graph.lower(Parser.parse(text)) == d)
    }
}
