// symdiff benchmarks: one line per case with its median time and the issue's target.
// Run in release mode: swift run -c release SymDiffBenchmarks [CASE-PREFIX]
import Foundation
import HandFused
import SymDiff
import SymDiffIO

/// Cases whose name starts with this argument run; all run without one.
let only = CommandLine.arguments.dropFirst().first ?? ""

/// Whether the case `name` was selected on the command line.
func selected(_ name: String) -> Bool { name.hasPrefix(only) }

/// The median wall time of `body` over `runs` runs, after one warm-up run, in seconds.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return times.sorted()[times.count / 2]
}

/// A hand-fused loop from input columns to output columns over `n` points.
typealias HandFusedLoop = ([UnsafePointer<Double>], [UnsafeMutablePointer<Double>], Int) -> Void

/// The fastest and the median wall time of `body` over `runs` runs, after one warm-up run, in
/// seconds (on a shared machine the fastest run is the least disturbed one).
func timings(runs: Int, _ body: () -> Void) -> (fastest: Double, median: Double) {
    body()
    let clock = ContinuousClock()
    let times = (0..<runs).map { _ in
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }.sorted()
    return (times[0], times[runs / 2])
}

/// Prints one result line: name, measured value, target, and whether the target is met.
func report(_ name: String, _ value: @autoclosure () throws -> Double, unit: String, target: Double, scale: Double) rethrows {
    guard selected(name) else { return }
    let value = try value()
    let measured = value * scale
    let verdict = measured <= target ? "met" : "NOT met"
    print(
        name.padding(toLength: 52, withPad: " ", startingAt: 0)
            + String(format: "%10.3f %@   target <= %g %@   %@", measured, unit, target, unit, verdict))
}

/// Differentiates a parsed function to the gradient and the Hessian's distinct entries and
/// simplifies them all, as `symdiff --order 1` plus `--order 2` would.
func gradientAndHessian(_ formula: Formula, simplify: Bool = true) throws -> ExprGraph {
    var graph = formula.graph
    let gradient = try graph.partials(of: formula.root, order: 1, withRespectTo: formula.variables)
    let hessian = try graph.partials(of: formula.root, order: 2, withRespectTo: formula.variables)
    if simplify {
        var rewriter = Rewriter()
        _ = try rewriter.simplify((gradient + hessian).map(\.node), in: &graph)
    }
    return graph
}

let f1 = "x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2)"
let rosenbrock100 = (1..<100).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")
let nestedSine = "sin(sin(sin(sin(sin(sin(sin(x)))))))"

print("symdiff benchmarks (release build, one core, median of runs)")

let f1Formula = try Formula(parsing: f1)
try report("f1 gradient + Hessian, simplified", try median(runs: 2000) { _ = try gradientAndHessian(f1Formula) },
       unit: "us", target: 15, scale: 1e6)
try report("f1 gradient + Hessian, not simplified (part of the above)",
           try median(runs: 2000) { _ = try gradientAndHessian(f1Formula, simplify: false) }, unit: "us", target: 15, scale: 1e6)
try report("f1 parse + gradient + Hessian, simplified",
       try median(runs: 2000) { _ = try gradientAndHessian(Formula(parsing: f1)) }, unit: "us", target: 15, scale: 1e6)

report("f1 zero test (Derivatives runs it once per formula)",
       median(runs: 2000) { _ = f1Formula.graph.isRecognizedZero(f1Formula.root) }, unit: "us", target: 5, scale: 1e6)

let rosenbrockFormula = try Formula(parsing: rosenbrock100)
report("Rosenbrock 100 zero test (gives up: too many monomials)",
       median(runs: 20) { _ = rosenbrockFormula.graph.isRecognizedZero(rosenbrockFormula.root) }, unit: "ms", target: 5, scale: 1e3)
try report("Rosenbrock 100 gradient + Hessian, simplified",
       try median(runs: 20) { _ = try gradientAndHessian(rosenbrockFormula) }, unit: "ms", target: 25, scale: 1e3)

let nestedFormula = try Formula(parsing: nestedSine)
var tenthNodes = 0
try report("10th derivative of sin^7 nested (sin(sin(...(x))))", try median(runs: 3) {
    var graph = nestedFormula.graph
    let d = try graph.derivative(of: nestedFormula.root, withRespectTo: Array(repeating: "x", count: 10))
    var rewriter = Rewriter()
    let simplified = try rewriter.simplify(d, in: &graph)
    tenthNodes = graph.reachable(from: [simplified]).count
}, unit: "s", target: 0.35, scale: 1)
if tenthNodes > 0 { print("    its DAG: \(tenthNodes) nodes") }

if selected("symengine peer") { symEnginePeer() }

var sharing = f1Formula.graph
let gradient = try sharing.gradient(of: f1Formula.root, withRespectTo: f1Formula.variables)
let functionOps = sharing.reachable(from: [f1Formula.root]).count
let gradientOps = sharing.reachable(from: gradient).count
report("f1 gradient ops / f1 ops (shared DAG nodes \(gradientOps)/\(functionOps))",
       Double(gradientOps) / Double(functionOps), unit: "x ", target: 3, scale: 1)

for megabytes in [1, 4] where selected("parse") {
    var text = "x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2)"
    while text.utf8.count < megabytes << 20 { text += "+x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2)" }
    let seconds = try median(runs: 5) { _ = try Parser.parse(text) }
    let rate = Double(text.utf8.count) / seconds / 1e6
    print("parse a \(megabytes) MB formula".padding(toLength: 52, withPad: " ", startingAt: 0)
          + String(format: "%10.1f MB/s  target >= 50 MB/s   %@", rate, rate >= 50 ? "met" : "NOT met"))
    // What a library user pays: parsing, then lowering into the expression graph.
    let lowering = try median(runs: 5) { _ = try Formula(parsing: text) }
    print("  parse and lower it (Formula(parsing:))".padding(toLength: 52, withPad: " ", startingAt: 0)
          + String(format: "%10.1f MB/s", Double(text.utf8.count) / lowering / 1e6))
}

// MARK: - Evaluation (part 2)

/// Compiles `f` and its partials of `orders`, and the points to evaluate at.
func evaluationCase(_ text: String, orders: [Int], points: Int) throws -> (Program, [[Double]]) {
    var formula = try Formula(parsing: text)
    var roots: [NodeID] = []
    for order in orders {
        roots += try formula.graph.partials(of: formula.root, order: order, withRespectTo: formula.variables).map(\.node)
    }
    var rewriter = Rewriter()
    roots = try rewriter.simplify(roots, in: &formula.graph)
    let program = try Compiler.compile(roots, in: formula.graph, inputs: formula.variables)
    var random = SplitMix64(seed: 1)
    let columns = formula.variables.map { _ in (0..<points).map { _ in 0.1 + 1.8 * random.nextUnit() } }
    return (program, columns)
}

let pointCount = 1_000_000
let rosenbrock10 = (1..<10).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")

/// The evaluation cases: the issue's target and its figure for the hand-fused limit on its
/// machine (0: report only), and the hand-fused loop computing the same outputs.
let evaluationCases: [(name: String, text: String, orders: [Int], target: Double, issueLimit: Double, reference: HandFusedLoop)] = [
    ("eval f1 gradient", f1, [1], 6, 3.9, { x, y, n in hand_fused_f1_gradient(x[0], x[1], y[0], y[1], n) }),
    ("eval Rosenbrock 10 gradient", rosenbrock10, [1], 10, 7.5, { x, y, n in
        hand_fused_rosenbrock_gradient(x.map { Optional($0) }, y.map { Optional($0) }, 10, n)
    }),
    ("eval f1 gradient + Hessian", f1, [1, 2], 0, 0, { x, y, n in
        hand_fused_f1_hessian(x[0], x[1], y[0], y[1], y[2], y[3], y[4], n)
    }),
]

for (name, text, orders, target, issueLimit, reference) in evaluationCases where selected(name) {
    let (program, columns) = try evaluationCase(text, orders: orders, points: pointCount)
    // Preallocated columns: the evaluation alone, as a reader and writer would stream it.
    let inputs = columns.map { column in
        let p = UnsafeMutablePointer<Double>.allocate(capacity: pointCount)
        p.initialize(from: column, count: pointCount)
        return UnsafePointer(p)
    }
    let outputs = program.outputs.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: pointCount) }
    let expected = program.outputs.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: pointCount) }
    defer { (inputs.map { UnsafeMutablePointer(mutating: $0) } + outputs + expected).forEach { $0.deallocate() } }

    print("\(name): \(program.operationCount) ops, 10^6 points, min / median of 9 runs")
    var single = 0.0
    for threads in Set([1, ProcessInfoCores.count]).sorted() {
        let evaluator = Evaluator(program, threads: threads)
        let (fastest, typical) = timings(runs: 9) { evaluator.evaluate(inputs: inputs, outputs: outputs, count: pointCount) }
        if threads == 1 { single = fastest }
        let kind = evaluator.isNative ? "machine code" : "interpreter"
        print("    symdiff (\(kind)), \(threads) thread(s)".padding(toLength: 52, withPad: " ", startingAt: 0)
              + String(format: "%8.3f / %8.3f ns/pt", fastest * 1e9 / Double(pointCount), typical * 1e9 / Double(pointCount)))
    }
    guard hand_fused_available() != 0 else { continue }
    // The loops take variables and gradient entries in numeric order (x1, x2, ..., x10); the
    // program in the order of its inputs.
    let numeric = program.inputs.indices.sorted { Int(program.inputs[$0].dropFirst())! < Int(program.inputs[$1].dropFirst())! }
    let expectedColumns = numeric.map { expected[$0] } + expected.dropFirst(numeric.count)
    let (limit, limitTypical) = timings(runs: 9) { reference(numeric.map { inputs[$0] }, expectedColumns, pointCount) }
    // Relative to each column's largest value, so that cancellation near zero does not count.
    let difference = zip(outputs, expected).map { y, z in
        let scale = (0..<pointCount).map { abs(z[$0]) }.max()!
        return (0..<pointCount).map { abs(y[$0] - z[$0]) }.max()! / scale
    }.max()!
    print("    hand-fused libmvec loop, 1 thread".padding(toLength: 52, withPad: " ", startingAt: 0)
          + String(format: "%8.3f / %8.3f ns/pt   (same values to %.1e of each column's largest)", limit * 1e9 / Double(pointCount),
                    limitTypical * 1e9 / Double(pointCount), difference))
    let ratio = single / limit
    if target > 0 {
        let allowed = target / issueLimit
        print(String(format: "    1 thread / hand-fused = %.2f; the issue's target %g / %g = %.2f   %@", ratio, target, issueLimit,
                     allowed, ratio <= allowed ? "met" : "NOT met"))
    } else {
        print(String(format: "    reaches %.0f%% of the hand-fused limit (1 thread)", 100 / ratio))
    }
}

if selected("compile") {
    let big = (1...120).map { "sin(x\($0 % 7)*\($0))*exp(-x\($0 % 5)^2)" }.joined(separator: " + ")
    var formula = try Formula(parsing: big)
    let gradient = try formula.graph.gradient(of: formula.root, withRespectTo: formula.variables)
    let roots = [formula.root] + gradient
    let program = try Compiler.compile(roots, in: formula.graph, inputs: formula.variables)
    let seconds = try median(runs: 50) { _ = try Compiler.compile(roots, in: formula.graph, inputs: formula.variables) }
    report("compile a program of \(program.operationCount) ops", seconds, unit: "ms", target: 1, scale: 1e3)
    // The machine code is generated on the first evaluation of enough points: its cost on top.
    let generation = median(runs: 50) { _ = Evaluator(program, threads: 1).isNative }
    print("  + machine code, at the first >= \(Evaluator.defaultNativeMinimumPoints)-point run".padding(toLength: 52, withPad: " ", startingAt: 0)
          + String(format: "%10.3f ms", generation * 1e3))
}

if selected("vector math") {
    print("vector math: ns/element of each array routine against a scalar libm loop, 10^6 elements")
    vectorMathBenchmark()
}

if selected("verify") {
    verifyBenchmark()
}

if selected("throughput") {
    throughputBenchmark()
}
