// Inputs at the size limits: deep nesting, a million terms, a megabyte, huge outputs.
import Foundation
import Testing
@testable import SymDiff
@testable import SymDiffCommand

@Suite struct LargeInputTests {
    @Test func hundredThousandDeepParenthesesIsAClearError() {
        let text = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        let result = symdiff("--file", "deep.txt", files: ["deep.txt": Data(text.utf8)])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("--max-depth"), "stderr: \(result.stderr.prefix(300))")
    }

    @Test func millionTermSumWorks() {
        let text = "x" + String(repeating: "+x", count: 999_999)
        let result = symdiff("--file", "sum.txt", files: ["sum.txt": Data(text.utf8)])
        #expect(result.status == 0)
        #expect(result.stdout == "f = 1000000*x\nd/dx = 1000000\n")
    }

    @Test func megabyteFormulaWorks() {
        var text = "x1^2*sin(x2)"
        while text.utf8.count < 1 << 20 { text += "+x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2)" }
        let result = symdiff("--file", "big.txt", "--format", "json", files: ["big.txt": Data(text.utf8)])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\"variables\": [\"x1\", \"x2\"]"))
    }

    @Test func formulaOverTheSizeLimitIsAClearError() {
        let result = symdiff("--file", "f.txt", "--max-formula-bytes", "10", files: ["f.txt": Data("x+x+x+x+x+x".utf8)])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-formula-bytes"))
    }

    /// Text over the output limit, even with let-bindings, is refused before it is printed.
    @Test func outputOverTheLimitIsAClearError() {
        let result = symdiff("sin(sin(sin(sin(sin(x)))))", "--order", "6", "--max-output-bytes", "1000")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("--max-output-bytes"))
    }

    /// The 10th derivative of a 7-fold nested sine: a tree far too large to print, a graph
    /// of about 21,000 nodes, printed with let-bindings.
    @Test func tenthDerivativeOfNestedSinePrintsShared() {
        let result = symdiff("sin(sin(sin(sin(sin(sin(sin(x)))))))", "--order", "10")
        #expect(result.status == 0)
        #expect(result.stdout.contains("d10/dx^10 = _1 = sin(x); "))
        #expect(result.stdout.utf8.count < 2_000_000)
    }

    @Test func nodeLimitIsAClearError() {
        let result = symdiff("sin(sin(sin(sin(x))))", "--order", "8", "--max-nodes", "500")
        #expect(result.status == 2)
        // The 8th derivative reaches the operand budget (4 per allowed node) before 500 nodes.
        let named = result.stderr.contains("exceed the limit of 500 nodes") || result.stderr.contains("limit of 2000 operands")
        #expect(named && result.stderr.contains("--max-nodes"), "\(result.stderr)")
    }
}
