// Parser tables: input to fully parenthesized reading, tree shape, and error locations.
import Testing
@testable import SymDiff

@Suite struct SyntaxParserTests {
    @Test(arguments: [
        ("-x^2", "(-(x ^ 2))"),
        ("x^y^z", "(x ^ (y ^ z))"),
        ("a/b/c", "((a / b) / c)"),
        ("2^-3^2", "(2 ^ (-(3 ^ 2)))"),
        ("x--y", "(x - (-y))"),
        ("a*b/c*d", "(((a * b) / c) * d)"),
        ("a-b*c^d^e", "(a - (b * (c ^ (d ^ e))))"),
        ("--x", "(-(-x))"),
        ("-+x", "(-(+x))"),
        ("x^-y^-z", "(x ^ (-(y ^ (-z))))"),
        ("x ** 2 ^ 3", "(x ^ (2 ^ 3))"),
        ("hypot(x+1, -y)", "hypot((x + 1), (-y))"),
        ("min(max(a, b), c)", "min(max(a, b), c)"),
        ("pow(pow(x, y), z)", "((x ^ y) ^ z)"),
        ("D(sin(x)*y, x, 2, y, 1)", "D((sin(x) * y), x, x, y)"),
        ("D(x, y, 0, x)", "D(x, x)"),
        ("e^x", "(e ^ x)"),
        ("exp(1)", "exp(1)"),
        ("u=x;v=u;w=v;w", "u = x; v = u; w = v; w"),
        ("\tx\r\n+\ny\n", "(x + y)"),
        ("x_y1*X", "(x_y1 * X)"),
        ("1.5e3 + 007", "(1500 + 7)"),
    ])
    func reading(_ input: String, _ expected: String) {
        #expect(SyntaxTestSupport.reading(input) == expected)
    }

    @Test func chainIsOneNaryNode() throws {
        let tree = try Parser.parse("a+b-c")
        guard case .chain(let first, let list) = tree[tree.body].kind else {
            Issue.record("body is \(tree[tree.body].kind)")
            return
        }
        func variable(_ id: SyntaxID) -> String? {
            if case .variable(let name) = tree[id].kind { tree[name] } else { nil }
        }
        #expect(variable(first) == "a")
        #expect(tree.links(list).map(\.op) == [.add, .subtract])
        #expect(tree.links(list).map { variable($0.operand) } == ["b", "c"])
    }

    @Test func nodesAreInPostOrder() throws {
        let tree = try Parser.parse("u = sin(x)^2; D(u*atan2(y, -x), x, 2) + (u - 1)/pow(x, 3)")
        for (index, node) in tree.nodes.enumerated() {
            for child in Self.children(of: node.kind, in: tree) { #expect(Int(child.index) < index) }
        }
        #expect(Int(tree.body.index) == tree.nodes.count - 1)
    }

    @Test func bindingsResolveToReferences() throws {
        let tree = try Parser.parse("u = exp(-x^2); v = u*u; D(v, x) + 2*x*u")
        #expect(tree.bindings.map(\.name) == ["u", "v"])
        let references = tree.nodes.compactMap { node -> Int? in
            if case .bindingReference(let index) = node.kind { return index }
            return nil
        }
        #expect(references == [0, 0, 1, 0])
        #expect(!tree.nodes.contains { node in
            if case .variable(let name) = node.kind { ["u", "v"].contains(tree[name]) } else { false }
        })
    }

    @Test func rangesCoverWhatWasWritten() throws {
        let source = "2 * (x + y) - sin(z)"
        let tree = try Parser.parse(source)
        func text(_ id: SyntaxID) -> String {
            let range = tree.range(of: id)
            return String(decoding: Array(source.utf8)[range.start.offset..<range.end.offset], as: UTF8.self)
        }
        #expect(text(tree.body) == source)
        guard case .chain(let product, let links) = tree[tree.body].kind,
            case .chain(_, let factors) = tree[product].kind
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(text(tree.links(factors).first!.operand) == "(x + y)")
        #expect(text(tree.links(links).first!.operand) == "sin(z)")
    }

    @Test func derivativeVariablesKeepTheirRanges() throws {
        let tree = try Parser.parse("D(f, x, 2,\n y)")
        guard case .derivative(_, let list) = tree[tree.body].kind else {
            Issue.record("not a derivative")
            return
        }
        let variables = tree.derivativeVariables(list)
        #expect(variables.map(\.name) == ["x", "x", "y"])
        #expect(variables.map { "\($0.range.start.line):\($0.range.start.column)" } == ["1:6", "1:6", "2:2"])
    }

    @Test(arguments: [
        ("x +\n  * y", "2:3 expected an expression after '+', found '*'"),
        ("sin(x", "1:6 expected ')' to close '(' at 1:4"),
        ("(x; y)", "1:3 expected ')' to close '(' at 1:1"),
        ("atan2(x y)", "1:9 implicit multiplication is not supported"),
        ("atan2(x,)", "1:9 expected an expression after ',', found ')'"),
        ("sin()", "1:1 'sin' takes 1 argument, got 0"),
        ("pow(x)", "1:1 'pow' takes 2 arguments, got 1"),
        ("sine(x)", "1:1 unknown function 'sine'; did you mean 'sin'?"),
        ("arctan(x)", "1:1 unknown function 'arctan'; did you mean 'atan'?"),
        ("u = 2; u(x)", "1:8 'u' is not a function"),
        ("D", "1:1 'D' is a function: write D(f, x)"),
        ("atan2", "1:1 'atan2' is a function: write atan2(x, y)"),
        ("2 sin(x)", "1:3 implicit multiplication is not supported"),
        ("x;;", "1:3 expected end of formula, found ';'"),
        ("2 = x", "1:3 unexpected '=' in an expression"),
        ("u = x = 1; u", "1:7 unexpected '=' in an expression"),
        ("D(f, x, 2, 3)", "1:12 expected a variable to differentiate with respect to, found '3'"),
        ("D(f, sin)", "1:6 cannot differentiate with respect to function 'sin'"),
        ("D(f, x, 2.0)", "1:9 expected a non-negative integer derivative count, found '2.0'"),
        ("D(f, x, 999, y, 2)", "1:17 derivative order 1001 is more than the limit of 1000"),
        ("D(f, x, 99999999999999999999)", "1:9 expected a non-negative integer derivative count, found '99999999999999999999'"),
        ("D(f, x, 9223372036854775807, y)", "1:9 derivative order 9223372036854775807 is more than the limit of 1000"),
        ("u = D(u, x); u", "1:7 'u' is used in its own definition"),
        ("u = D(x, u); u", "1:10 cannot differentiate with respect to bound name 'u'"),
        ("ln = 1; ln", "1:1 cannot bind 'ln': it is a function name"),
        ("x = 1; e = 2; x", "1:8 cannot bind 'e': it is a constant"),
    ])
    func errors(_ input: String, _ expected: String) {
        #expect(SyntaxTestSupport.located(input) == expected)
    }

    @Test func relatedRangePointsAtTheOtherPlace() throws {
        let unclosed = try #require(SyntaxTestSupport.diagnostic("x1^2*sin(x2"))
        #expect(unclosed.related?.start.column == 9)
        let rebound = try #require(SyntaxTestSupport.diagnostic("u = 1;\nu = 2; u"))
        #expect(rebound.related?.start.line == 1)
        #expect(rebound.range.start.line == 2)
    }

    static func children(of kind: SyntaxKind, in tree: SyntaxTree) -> [SyntaxID] {
        switch kind {
        case .number, .constant, .variable, .bindingReference, .patternVariable: return []
        case .negate(let a), .plus(let a): return [a]
        case .chain(let first, let links): return [first] + tree.links(links).map(\.operand)
        case .power(let a, let b): return [a, b]
        case .call(_, let arguments): return Array(tree.arguments(arguments))
        case .derivative(let f, _): return [f]
        }
    }
}
