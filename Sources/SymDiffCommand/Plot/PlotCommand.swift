// `--plot FILE.svg`: draws the request's values on its `--grid`, verified, to an SVG file.
import SymDiff
import SymDiffIO
import SymDiffVerify

/// The most grid points a plot draws (a heat map's cells are SVG elements).
let maxPlotPoints = 200_000

/// Verifies the values at the `--grid` points and writes them to `--plot` as an SVG: over one
/// grid variable a panel of lines per value, over two a heat map per value.
func writePlot(_ d: Derivatives, options: Options, to path: String) throws -> ValuesOutcome {
    let hint = "symdiff \"relu(2*relu(3*x+1)-1)\" --order 0:2 --grid x=-1:1:401 --plot relu.svg"
    guard case .grid(let text) = options.points else {
        throw CommandLineError("--plot draws the values on a grid: it needs --grid", argument: "--plot \(path)", hint: hint)
    }
    let axes: [VariableInterval]
    do { axes = try PointSpec.grid(text, variables: d.pointVariables) } catch {
        throw CommandLineError(error.description, argument: "--grid \(text)", hint: "give every variable a range: " + hint)
    }
    let spread = axes.filter { $0.count > 1 }
    guard (1...2).contains(spread.count) else {
        throw CommandLineError(
            "--plot draws over one or two grid variables, and this grid has \(spread.count) with more than one value",
            argument: "--grid \(text)", hint: "hold the others at one value: x=-1:1:101,t=0.5:0.5:1")
    }
    let points: PointSet
    do { points = try PointSet.grid(axes, maxPoints: maxPlotPoints) } catch {
        throw CommandLineError(
            "a plot draws at most \(maxPlotPoints) points, and this grid has more", argument: "--grid \(text)",
            hint: "use fewer grid values: a line needs a few hundred, a heat map a few hundred per side")
    }
    let verification = try Verification(d, at: points, precision: options.precision, threads: options.threads ?? ProcessInfoCores.count)
    let columns = d.columns
    let series = zip(columns, verification.columns).map { column, checked in
        PlotSeries(name: column.name, expression: label(d, column.node), values: checked.output, status: checked.status)
    }
    let grid = spread.map { axis in (0..<axis.count).map { k in axis.count == 1 ? axis.lower : axis.lower + (axis.upper - axis.lower) * Double(k) / Double(axis.count - 1) } }
    let fixed = Dictionary(uniqueKeysWithValues: axes.filter { $0.count == 1 }.map { ($0.name, $0.lower) })
    let plot = spread.count == 1
        ? SVGPlot.lines(
            x: grid[0], variable: spread[0].name, series: series, switches: switchPoints(d, variable: spread[0].name, x: grid[0], fixed: fixed))
        : SVGPlot.heatMaps(x: grid[0], y: grid[1], variables: (spread[0].name, spread[1].name), series: series)
    try writeText(plot.document, to: path)
    let summary = VerificationSummary(verification)
    return ValuesOutcome(report: verifyReport(summary, precision: options.precision), summary: summary)
}

/// The functions that switch where their argument (for `min`, `max` and comparisons, the
/// difference of their arguments) changes sign.
private let switching: Set<Function> = [.abs, .relu, .heaviside, .sign, .min, .max, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual]

/// Where a function of the formulas switches (a kink or a jump) strictly between two grid
/// values of `variable` (the others held at `fixed`): each sign change of a switching
/// argument between neighbors of `x`, narrowed by bisection to binary64 resolution. At most
/// `limit` of them, in increasing order.
func switchPoints(_ d: Derivatives, variable: String, x: [Double], fixed: [String: Double], limit: Int = 200) -> [Double] {
    var graph = d.graph
    var arguments: [NodeID] = []
    for id in graph.reachable(from: d.results.map(\.original)) {
        guard case .apply(let f, let operands) = graph[id], switching.contains(f) else { continue }
        arguments.append(operands.count == 1 ? operands[0] : graph.subtract(operands[0], operands[1]))
    }
    var found: [Double] = []
    for argument in Set(arguments) {
        func value(_ t: Double) -> Double { graph.evaluate(argument, at: fixed.merging([variable: t]) { $1 }) }
        var previous = value(x[0])
        for i in 1..<x.count {
            let next = value(x[i])
            defer { previous = next }
            guard previous * next < 0 else { continue }
            var (a, b, fa) = (x[i - 1], x[i], previous)
            for _ in 0..<80 where b - a > 0 {
                let m = a + (b - a) / 2
                guard m > a && m < b else { break }
                let fm = value(m)
                if fm == 0 { (a, b) = (m, m) } else if (fm < 0) == (fa < 0) { (a, fa) = (m, fm) } else { b = m }
            }
            found.append(a + (b - a) / 2)
            if found.count >= limit { return found.sorted() }
        }
    }
    return found.sorted()
}
