// symdiff benchmarks: one line per case with its median time and the issue's target.
// Run in release mode: swift run -c release SymDiffBenchmarks [CASE-PREFIX]
import Foundation
import SymDiff

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
       unit: "us", target: 25, scale: 1e6)
try report("f1 gradient + Hessian, not simplified (part of the above)",
           try median(runs: 2000) { _ = try gradientAndHessian(f1Formula, simplify: false) }, unit: "us", target: 25, scale: 1e6)
try report("f1 parse + gradient + Hessian, simplified",
       try median(runs: 2000) { _ = try gradientAndHessian(Formula(parsing: f1)) }, unit: "us", target: 25, scale: 1e6)

let rosenbrockFormula = try Formula(parsing: rosenbrock100)
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
}, unit: "s", target: 0.7, scale: 1)
if tenthNodes > 0 { print("    its DAG: \(tenthNodes) nodes") }

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
          + String(format: "%10.1f MB/s  target >= 20 MB/s   %@", rate, rate >= 20 ? "met" : "NOT met"))
}
