// Emitted code, run: C compiled with cc, Swift with swiftc, Python with NumPy, PyTorch and JAX
// where installed, each against symdiff's verified values within their bounds.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffCommand
import SymDiffVerify

@Suite struct CodeExportTests {
    /// A formula, the variables, the orders: what each language's code must compute.
    struct Case: Sendable {
        var formula: String
        var variables: [String]
        var orders: ClosedRange<Int>
        /// The languages that lack a function of the formula (the export refuses them).
        var lacking: Set<String> = []
    }

    /// Formulas that cover the primitives (defined functions expand into them), at points away
    /// from their kinks and jumps.
    static let cases = [
        Case(formula: "x^2*sin(y)*exp(-x*y) + log(1 + x^2)", variables: ["x", "y"], orders: 0...2),
        Case(formula: "relu(2*relu(3*x - 1) - 0.5) + where(x > 0.5, x^2, sin(x)) + max(x, 0.3) + min(x, 0.7) + abs(x - 0.2) + sign(x - 1)", variables: ["x"], orders: 0...2),
        Case(formula: "tanh(x)*sigmoid(x) + softplus(x) + gelu(x) + silu(x) + mish(x) + elu(x - 1)", variables: ["x"], orders: 0...2),
        Case(formula: "atan2(y, x) + hypot(x, y) + sqrt(x^2 + y^2) + cbrt(x*y) + x^y", variables: ["x", "y"], orders: 0...2),
        Case(formula: "asin(x/3) + acos(x/3) + atan(x) + asinh(x) + acosh(x + 2) + atanh(x/3)", variables: ["x"], orders: 0...2),
        Case(formula: "log10(x + 3) + log2(x + 3) + expm1(x) + log1p(x) + sec(x) + csc(x + 2) + cot(x + 2) + sinh(x)*cosh(x)", variables: ["x"], orders: 0...2),
        Case(formula: "erf(x) + erfc(x) + ndtr(x)", variables: ["x"], orders: 0...2),
        // Their derivatives need digamma, which C and Swift lack.
        Case(formula: "gamma(x + 3) + lgamma(x + 3)", variables: ["x"], orders: 0...0, lacking: ["torch"]),
        Case(formula: "mod(5*x, 1.5) + fmod(5*x, 1.5) + floor(3*x) + ceil(3*x) + round(3*x) + trunc(3*x)", variables: ["x"], orders: 0...1),
        Case(formula: "besselj(1, x) + bessely(0, x + 1)", variables: ["x"], orders: 0...1, lacking: ["torch", "jax"]),
        Case(formula: "digamma(x + 2) + polygamma(1, x + 2) + erfinv(x/4)", variables: ["x"], orders: 0...1, lacking: ["c", "swift", "torch"]),
        Case(formula: "lambertw(x) + erfcx(x) + log_ndtr(x) + lbeta(x + 1, 2)", variables: ["x"], orders: 0...1, lacking: ["c", "swift", "torch", "jax"]),
        Case(formula: "(x < 1) + (x >= 0.4)*(x != 0.5) + !(x == 1) + ((x > 0.2) && (x < 1.5)) + ((x < 0) || (x > 1))", variables: ["x"], orders: 0...0),
    ]

    static let points: [String: [Double]] = ["x": [0.137, 0.419, 0.733, 1.291, 1.618], "y": [0.271, 1.113, 0.577, 1.414, 0.899]]

    /// Each case's code in `language` (`nil` where it uses a function the language lacks, which
    /// the error names) and symdiff's values and bounds at the points, by output.
    static func expected(_ c: Case, language: String) throws -> (code: String?, values: [[Double]], tolerances: [[Double]]) {
        let d = try Derivatives(DerivativeRequest(formulas: [c.formula], variables: c.variables, orders: c.orders))
        let verified = try Verification(d, at: PointSet(names: c.variables, columns: c.variables.map { points[$0]! }))
        #expect(verified.passed(strict: true), "\(c.formula)")
        let code: String?
        do { code = try emittedCode(d, language: language) } catch let error as CommandLineError {
            #expect(error.message.contains("has no \(language) form"), "\(error.message)")
            code = nil
        }
        #expect((code == nil) == c.lacking.contains(language), "\(language): \(c.formula)")
        let tolerances = verified.columns.map { column in
            zip(column.tolerance, column.roundingBound).map { $0 + $1 }
        }
        return (code, verified.columns.map(\.output), tolerances)
    }

    /// Checks `got` (values per output per point) against symdiff's: within the allowance
    /// `--verify` gives binary64 evaluation of the expression (the emitted code's error) plus
    /// the bound on the error of symdiff's value, and 16 ulp for the other side's libraries.
    static func compare(_ got: [[Double]], _ values: [[Double]], _ bounds: [[Double]], _ label: String) {
        #expect(got.count == values.count, "\(label): \(got.count) outputs, expected \(values.count)")
        for (k, (column, reference)) in zip(got, values).enumerated() {
            for (i, (a, b)) in zip(column, reference).enumerated() {
                let tolerance = bounds[k][i] + 16 * b.ulp
                #expect(Swift.abs(a - b) <= tolerance, "\(label) output \(k) at point \(i): \(a) vs \(b) (tolerance \(tolerance))")
            }
        }
    }

    @Test func cCompiledAndRun() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        for (k, c) in Self.cases.enumerated() {
            let (code, values, bounds) = try Self.expected(c, language: "c")
            guard let code else { continue }
            let arrays = c.variables.map { "static const double \($0)[] = {\(Self.points[$0]!.map { "\($0)" }.joined(separator: ", "))};" }
            let outputs = (0..<values.count).map { "out\($0)" }
            let harness = """

                #include <stdio.h>
                int main(void) {
                    \(arrays.joined(separator: "\n    "))
                    static double \(outputs.map { "\($0)[5]" }.joined(separator: ", "));
                    symdiff_values(5, \((c.variables + outputs).joined(separator: ", ")));
                    \(outputs.map { "for (int i = 0; i < 5; i++) printf(\"%.17g\\n\", \($0)[i]);" }.joined(separator: "\n    "))
                    return 0;
                }

                """
            directory.write("m\(k).c", Array((code + harness).utf8))
            let run = try SymDiffBinary.shell("cc -std=c11 -Wall -Werror -o m\(k) m\(k).c -lm && ./m\(k)", in: URL(fileURLWithPath: directory.path))
            try #require(run.status == 0, "\(c.formula): \(run.stderr)\n\(code)")
            let numbers = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n").map { Double($0) ?? .nan }
            Self.compare(stride(from: 0, to: numbers.count, by: 5).map { Array(numbers[$0..<$0 + 5]) }, values, bounds, "c: \(c.formula)")
        }
    }

    @Test func swiftCompiledAndRun() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var program = "import Foundation\n"
        var expected: [(Case, [[Double]], [[Double]])] = []
        for (k, c) in Self.cases.enumerated() {
            let (code, values, bounds) = try Self.expected(c, language: "swift")
            guard let code else { continue }
            // Each file in a namespace of its own, so their helpers and functions do not clash.
            let body = code.replacingOccurrences(of: "import Foundation\n", with: "").replacingOccurrences(of: "\nfunc ", with: "\nstatic func ")
            program += "enum Module\(k) {\n\(body)}\n"
            let arguments = c.variables.map { "\($0): \(Self.points[$0]!)" }.joined(separator: ", ")
            program += "for (_, column) in Module\(k).symdiffValues(\(arguments)).sorted(by: { $0.key < $1.key }) { print(\"\(k)\", column.map { \"\\($0)\" }.joined(separator: \" \")) }\n"
            expected.append((c, values, bounds))
        }
        directory.write("main.swift", Array(program.utf8))
        let run = try SymDiffBinary.shell("swiftc -O -o emitted main.swift 2>&1 && ./emitted", in: URL(fileURLWithPath: directory.path))
        try #require(run.status == 0, "\(String(decoding: run.stdout, as: UTF8.self))\n\(run.stderr)")
        let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ") }
        for (k, (c, values, bounds)) in expected.enumerated() {
            let index = Self.cases.firstIndex { $0.formula == c.formula }!
            let mine = lines.filter { $0.first == Substring("\(index)") }.map { $0.dropFirst().map { Double($0) ?? .nan } }
            // The dictionary's keys sorted: the output order of the names, sorted the same way.
            let names = try Self.outputNames(c)
            let order = names.indices.sorted { names[$0] < names[$1] }
            var got = [[Double]](repeating: [], count: names.count)
            for (position, column) in zip(order, mine) { got[position] = column }
            Self.compare(got, values, bounds, "swift (\(k)): \(c.formula)")
        }
    }

    /// The outputs' names in the emitted code, in output order.
    static func outputNames(_ c: Case) throws -> [String] {
        let d = try Derivatives(DerivativeRequest(formulas: [c.formula], variables: c.variables, orders: c.orders))
        let separated = OutputTable.separatesVariables(d.pointVariables)
        return d.columns.map { OutputTable.pythonName(of: $0.name, wrt: $0.wrt, separated: separated) }
    }

    /// NumPy (required where `.ci/run` installed it), PyTorch and JAX (where installed).
    @Test(arguments: [("numpy", "np.asarray", "import numpy as np"), ("torch", "torch.tensor", "import torch"), ("jax", "jnp.asarray", "import jax.numpy as jnp")])
    func pythonRun(_ language: String, _ makeArray: String, _ importLine: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var driver = "import json, sys, importlib\nimport numpy as np\n\(importLine)\nsys.path.insert(0, '.')\nresults = {}\n"
        var expected: [Int: ([[Double]], [[Double]])] = [:]
        for (k, c) in Self.cases.enumerated() {
            let (code, values, bounds) = try Self.expected(c, language: language)
            guard let code else { continue }
            directory.write("m\(k).py", Array(code.utf8))
            let arguments = c.variables.map { "\(makeArray)(\(Self.points[$0]!), dtype=\(language == "torch" ? "torch" : language == "jax" ? "jnp" : "np").float64)" }
            driver += "out = importlib.import_module('m\(k)').symdiff_values(\(arguments.joined(separator: ", ")))\n"
            driver += "results[\(k)] = [np.asarray(v).tolist() for v in out.values()]\n"
            expected[k] = (values, bounds)
        }
        driver += "print(json.dumps(results))\n"
        directory.write("driver.py", Array(driver.utf8))
        let run = try SymDiffBinary.shell("python3 driver.py", in: URL(fileURLWithPath: directory.path))
        if run.status != 0, run.stderr.contains("ModuleNotFoundError"),
            language != "numpy" || ProcessInfo.processInfo.environment["SYMDIFF_REQUIRE_PYTHON_READERS"] != "1"
        {
            print("CodeExportTests: \(language) skipped, python3 lacks it")
            return
        }
        try #require(run.status == 0, "\(run.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: [[Double]]])
        for (k, (values, bounds)) in expected {
            Self.compare(try #require(results["\(k)"]), values, bounds, "\(language): \(Self.cases[k].formula)")
        }
    }
}
