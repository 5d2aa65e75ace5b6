// The compiled evaluator: same bits however points are blocked and threaded, and the same
// values as the graph interpreter.
import Foundation
import Testing
import SymDiffAutodiff
import SymDiffVerify
@testable import SymDiff

/// A formula, its gradient and its Hessian entries compiled into one program (with chains
/// unless `fusing` is false).
func compiledWithDerivatives(_ text: String, fusing: Bool = true) throws -> (ExprGraph, [NodeID], Program) {
    var formula = try Formula(parsing: text)
    let variables = formula.variables
    var roots = [formula.root]
    roots += try formula.graph.partials(of: formula.root, order: 1, withRespectTo: variables).map(\.node)
    roots += try formula.graph.partials(of: formula.root, order: 2, withRespectTo: variables).map(\.node)
    var rewriter = Rewriter()
    roots = try rewriter.simplify(roots, in: &formula.graph)
    let program = try Compiler.compile(roots, in: formula.graph, inputs: ["x", "y", "z"], fusing: fusing)
    return (formula.graph, roots, program)
}

/// `count` seeded points with every variable in (0.2, 2).
func samplePoints(_ count: Int, seed: UInt64) -> [[Double]] {
    var random = SeededGenerator(seed: seed)
    return (0..<3).map { _ in (0..<count).map { _ in Double.random(in: 0.2..<2, using: &random) } }
}

@Suite struct EvaluatorTests {
    static let block = 64

    /// Blocks and threads never change a bit: every point count around the block size,
    /// against the same program run one point at a time on one thread.
    @Test(arguments: [0, 1, block - 1, block, block + 1, 5 * block + 3])
    func blockingDoesNotChangeBits(_ count: Int) throws {
        var generator = FormulaGenerator(seed: UInt64(count) + 11)
        for _ in 0..<40 {
            let text = generator.formula(depth: 3)
            let (_, _, program) = try compiledWithDerivatives(text)
            let points = samplePoints(count, seed: 5)
            let blocked = Evaluator(program, blockSize: Self.block, threads: 2).evaluate(points)
            let scalar = Evaluator(program, blockSize: 1, threads: 1).evaluate(points)
            #expect(blocked.count == program.outputs.count)
            for (a, b) in zip(blocked, scalar) {
                #expect(a.count == count)
                #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }, "'\(text)'")
            }
        }
    }

    /// Thousands of inputs and outputs (110 variables, the 6,105 entries of a Hessian) take
    /// no recursion as deep as the columns: evaluated on a thread with a 256 KiB stack (as deep
    /// as the columns, the recursion overflowed it), the values are right.
    @Test func manyColumns() throws {
        let n = 110
        var formula = try Formula(parsing: (1..<n).map { "x\($0)*x\($0 + 1)" }.joined(separator: " + "))
        let variables = (1...n).map { "x\($0)" }
        let hessian = try formula.graph.partials(of: formula.root, order: 2, withRespectTo: variables)
        let program = try Compiler.compile(hessian.map(\.node), in: formula.graph, inputs: variables)
        let points = (1...n).map { i in [Double(i), -Double(i)] }
        nonisolated(unsafe) var values: [[Double]] = []
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            values = Evaluator(program, threads: 1).evaluate(points)
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        done.wait()
        #expect(values.count == hessian.count)
        for (partial, column) in zip(hessian, values) {
            let (i, j) = (Int(partial.variables[0].dropFirst())!, Int(partial.variables[1].dropFirst())!)
            #expect(column == [Double](repeating: abs(i - j) == 1 ? 1 : 0, count: 2), "\(partial.name)")
        }
    }

    /// Chains give the bits of the instructions they fuse, NaN signs included: generated formulas
    /// and their derivatives, fused and unfused, at points where some values are NaN, infinite
    /// or zero, in whole vectors and in tails, in both precisions.
    @Test func chainsGiveTheUnfusedBits() throws {
        var generator = FormulaGenerator(seed: 23)
        var points = samplePoints(67, seed: 3)
        for (k, special) in [0, -0.0, -1.5, 1e300, -.infinity, .nan, 2].enumerated() { points[k % 3][k * 5] = special }
        var chains = 0
        for _ in 0..<200 {
            let text = generator.formula(depth: 3)
            let fused = try compiledWithDerivatives(text).2
            let unfused = try compiledWithDerivatives(text, fusing: false).2
            chains += fused.body.count { if case .chain = $0.operation { true } else { false } }
            for precision in Precision.allCases {
                let a = Evaluator(fused, blockSize: Self.block, threads: 1).evaluate(points, precision: precision)
                let b = Evaluator(unfused, blockSize: Self.block, threads: 1).evaluate(points, precision: precision)
                for (x, y) in zip(a, b) {
                    let same = zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || (precision != .double && $0.isNaN && $1.isNaN) }
                    #expect(same, "'\(text)' in \(precision)")
                }
            }
        }
        #expect(chains > 200)
    }

    /// The compiled program computes what the graph means, by an independent interpreter, at
    /// the outputs that are well-conditioned there (rounding-error bound within `1e-10` of the
    /// value; elsewhere the two evaluation orders may legitimately differ).
    @Test func agreesWithTheGraphInterpreter() throws {
        let seed: UInt64 = 77
        var generator = FormulaGenerator(seed: seed)
        for _ in 0..<300 {
            let text = generator.formula(depth: 3)
            let (graph, roots, program) = try compiledWithDerivatives(text)
            let points = samplePoints(5, seed: seed)
            let compiled = Evaluator(program, blockSize: 4, threads: 1).evaluate(points)
            for i in 0..<5 {
                let point = ["x": points[0][i], "y": points[1][i], "z": points[2][i]]
                let interpreted = graph.evaluate(roots, at: point)
                let bounds = Tape(graph, roots: roots, variables: ["x", "y", "z"])
                    .evaluate(at: [points[0][i], points[1][i], points[2][i]].map { RoundingBound<BinaryArithmetic>(input: $0) })
                for (k, value) in interpreted.enumerated()
                where value.isFinite && abs(value) < 1e100 && bounds[k].bound <= 1e-10 * abs(bounds[k].value) {
                    #expect(agree(compiled[k][i], value, tolerance: 1e-9), "seed \(seed) '\(text)' output \(k) at \(point)")
                }
            }
        }
    }

    /// `exp(x) - 1` at x = 1e-4 cancels 4 digits: binary64 is off by 4e-13, extended precision
    /// (64-bit significand) rounds to the correctly rounded value (mpmath: 1.0000500016667084e-4).
    @Test func extendedPrecisionRoundsOnceAtTheEnd() throws {
        let formula = try Formula(parsing: "exp(x) - 1")
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["x"])
        let exact = 1.0000500016667084e-4
        let inDouble = Evaluator(program).evaluate([[1e-4]])[0][0]
        #expect(abs(inDouble - exact) / exact > 1e-13)
        #if arch(x86_64)
        #expect(Evaluator(program).evaluate([[1e-4]], precision: .extended)[0][0] == exact)
        #endif
    }

    @Test func missingInputIsAnError() throws {
        let formula = try Formula(parsing: "x*y")
        #expect(throws: CompileError.missingInput("y")) {
            try Compiler.compile([formula.root], in: formula.graph, inputs: ["x"])
        }
    }
}

@Suite struct CompilerTests {
    /// Each node once, small integer powers as multiplications, quotients as one division.
    @Test func loweringShape() throws {
        let formula = try Formula(parsing: "x^2 + x^3 + 1/x^2 + sin(x)*y/z")
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["x", "y", "z"])
        #expect(!program.body.contains { $0.operation == .power })
        #expect(program.body.filter { $0.operation == .divide }.count == 1)
        #expect(program.body.filter { $0.operation == .reciprocal }.count == 1)
        #expect(program.body.filter { $0.operation == .function(.sin) }.count == 1)
    }

    /// The gradient shares the function's work: no subexpression is computed twice, and
    /// registers are reused once values die.
    @Test func sharingAndRegisterReuse() throws {
        var formula = try Formula(parsing: "x1^2*sin(x2)*exp(-x1*x2) + log(1 + x1^2)")
        let gradient = try formula.graph.gradient(of: formula.root, withRespectTo: ["x1", "x2"])
        let roots = [formula.root] + gradient
        let program = try Compiler.compile(roots, in: formula.graph, inputs: ["x1", "x2"])
        #expect(program.body.filter { $0.operation == .function(.exp) }.count == 1)
        // sin(x2) and cos(x2) are computed together, once.
        #expect(program.body.filter { if case .sinCos = $0.operation { return true } else { return false } }.count == 1)
        #expect(!program.body.contains { $0.operation == .function(.sin) || $0.operation == .function(.cos) })
        #expect(program.registerCount < formula.graph.reachable(from: roots).count)
    }

    /// A product with a negative coefficient and the sum over it become two chains: the
    /// multiplications with the negation, then the additions.
    @Test func runsBecomeChains() throws {
        let formula = try Formula(parsing: "-(a*b*c) + d + e")
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["a", "b", "c", "d", "e"])
        let chains = program.body.compactMap { if case .chain(let chain) = $0.operation { chain } else { nil } }
        #expect(program.body.count == 2 && chains.count == 2)
        #expect(chains.first?.multiplies == true && chains.first?.operands == [0, 1, 2])
        #expect(chains.first?.negated == 1 << 3)
        #expect(chains.last?.multiplies == false && chains.last?.operands.count == 3 && chains.last?.negated == 0)
    }

    /// A long chain needs few registers however long it is: each value dies at its next use.
    @Test func deadValuesFreeRegisters() throws {
        let text = String(repeating: "sin(2*", count: 300) + "x" + String(repeating: ")", count: 300)
        let formula = try Formula(parsing: text)
        let program = try Compiler.compile([formula.root], in: formula.graph, inputs: ["x"])
        #expect(program.body.count == 600)
        #expect(program.registerCount <= 5)
    }

    /// Depth-first evaluation order computes each gap `x(i+1) - x(i)^2` of the Rosenbrock
    /// gradient next to its readers instead of all of them first: 30 registers (17 of them the
    /// inputs and constants) where node order needed 37 (measured when the order changed).
    @Test func depthFirstOrderKeepsFewValuesLive() throws {
        let text = (1..<10).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")
        var formula = try Formula(parsing: text)
        var roots = try formula.graph.partials(of: formula.root, order: 1, withRespectTo: formula.variables).map(\.node)
        var rewriter = Rewriter()
        roots = try rewriter.simplify(roots, in: &formula.graph)
        let program = try Compiler.compile(roots, in: formula.graph, inputs: formula.variables)
        #expect(program.registerCount <= 30)
    }
}
