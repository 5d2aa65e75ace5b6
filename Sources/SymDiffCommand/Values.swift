// Values at sample points: the points the options ask for, one compiled program, the table.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffVerify

/// The variables `--fix` holds at constants, with their values (none without it).
func fixedValues(_ options: Options, variables: [String]) throws(CommandLineError) -> [(name: String, value: Double)] {
    guard let text = options.fix else { return [] }
    do { return try PointSpec.fixed(text, variables: variables) } catch { throw flagError(error, flag: "--fix", text: text) }
}

/// The points the options ask for, for every variable of `d`: the point source gives the
/// variables `--fix` does not hold, whose constants follow as columns of their own.
func problemPoints(_ options: Options, source: PointsSource, _ d: Derivatives) throws(CommandLineError) -> PointSet {
    let fixed = try fixedValues(options, variables: d.pointVariables)
    let free = d.pointVariables.filter { name in !fixed.contains { $0.name == name } }
    let points = try samplePoints(options, source: source, variables: free)
    return PointSet(
        names: points.names + fixed.map(\.name),
        columns: points.columns + fixed.map { [Double](repeating: $0.value, count: points.count) }, count: points.count)
}

/// The points of a run written as it is computed (`streamedPoints`), with `--fix`'s constants.
func problemStreamedPoints(_ options: Options, source: PointsSource, _ d: Derivatives) throws(CommandLineError) -> any ChunkedPoints {
    let fixed = try fixedValues(options, variables: d.pointVariables)
    let free = d.pointVariables.filter { name in !fixed.contains { $0.name == name } }
    let points = try streamedPoints(options, source: source, variables: free)
    return fixed.isEmpty ? points : FixedPoints(base: points, fixed: fixed)
}

/// Points with some variables held at constants, appended after the base's columns.
struct FixedPoints: ChunkedPoints {
    let base: any ChunkedPoints
    let fixed: [(name: String, value: Double)]
    var names: [String] { base.names + fixed.map(\.name) }
    var count: Int { base.count }
    func columns(in range: Range<Int>) throws(PointsError) -> [[Double]] {
        try base.columns(in: range) + fixed.map { [Double](repeating: $0.value, count: range.count) }
    }
}

/// The sample points the options ask for, with a column per name of `variables`.
func samplePoints(_ options: Options, source: PointsSource, variables: [String]) throws(CommandLineError) -> PointSet {
    switch source {
    case .at(let text):
        do { return try PointSpec.at(text, variables: variables) } catch { throw flagError(error, flag: "--at", text: text) }
    case .grid(let text):
        do {
            return try PointSet.grid(PointSpec.grid(text, variables: variables), maxPoints: options.maxPoints)
        } catch { throw flagError(error, flag: "--grid", text: text) }
    case .random(let text):
        let (count, seed, ranges) = try randomSpec(options, text: text, variables: variables)
        do {
            return try PointSet.random(count: count, seed: seed, ranges: ranges, variables: variables, maxPoints: options.maxPoints)
        } catch { throw flagError(error, flag: "--random", text: text) }
    case .file(let file):
        let columns = try fileColumns(options)
        do {
            return try file.points(variables: variables, columns: columns, maxPoints: options.maxPoints)
        } catch { throw pointsFileError(error, path: file) }
    }
}

/// The sample points for an output written as it is computed, read or made a chunk at a
/// time: a large `.npy` points file is left on disk, checked but read a chunk at a time; a
/// grid or random points are computed a chunk at a time; other points are read whole by
/// `samplePoints`.
func streamedPoints(_ options: Options, source: PointsSource, variables: [String]) throws(CommandLineError) -> any ChunkedPoints {
    switch source {
    case .file(let file):
        let columns = try fileColumns(options)
        do {
            return try file.chunkedPoints(variables: variables, columns: columns, maxPoints: options.maxPoints)
        } catch { throw pointsFileError(error, path: file) }
    case .grid(let text):
        do {
            return try GridPoints(PointSpec.grid(text, variables: variables), maxPoints: options.maxPoints)
        } catch { throw flagError(error, flag: "--grid", text: text) }
    case .random(let text):
        let (count, seed, ranges) = try randomSpec(options, text: text, variables: variables)
        do {
            return try RandomPoints(
                count: count, seed: seed, ranges: ranges, variables: variables, maxPoints: options.maxPoints,
                threads: options.threads ?? ProcessInfoCores.count)
        } catch { throw flagError(error, flag: "--random", text: text) }
    case .at: break
    }
    return try samplePoints(options, source: source, variables: variables)
}

/// The point count, seed and ranges of `--random text`, `--seed` and `--range`.
private func randomSpec(
    _ options: Options, text: String, variables: [String]
) throws(CommandLineError) -> (count: Int, seed: UInt64, ranges: [VariableInterval]) {
    let count: Int
    let seed: UInt64
    var ranges: [VariableInterval] = []
    do { count = try PointSpec.count(text, maxPoints: options.maxPoints) } catch {
        throw flagError(error, flag: "--random", text: text)
    }
    do { seed = try PointSpec.seed(options.seed) } catch { throw flagError(error, flag: "--seed", text: options.seed) }
    if let range = options.ranges {
        do { ranges = try PointSpec.ranges(range, variables: variables) } catch {
            throw flagError(error, flag: "--range", text: range)
        }
    }
    return (count, seed, ranges)
}

/// The column names `--columns` gives a points file, if any.
func fileColumns(_ options: Options) throws(CommandLineError) -> [String]? {
    guard let text = options.columns else { return nil }
    do { return try PointSpec.columns(text) } catch { throw flagError(error, flag: "--columns", text: text) }
}

/// How the columns of a `.npy` points file, which has no names, are matched to variables: by
/// `--columns`, else in the order of the problem's variables (`Derivatives.pointVariables`:
/// the `--wrt` order, then the other free variables in order of first appearance).
struct ArrayColumnOrder {
    /// The `.npy` file, as errors name it (`<stdin>` for standard input).
    let path: String
    /// The variable of each column of the array, in order.
    let names: [String]
    /// Where the order comes from, as the metadata and the note say it.
    let origin: String
    /// Whether the order was inferred (no `--columns`) for an array of several columns.
    let isInferred: Bool

    /// The order of the columns of the points of `source`, or `nil` when they do not come
    /// from a `.npy` file.
    init?(_ source: PointsSource?, options: Options, derivatives d: Derivatives) throws(CommandLineError) {
        guard case .file(let file)? = source, file.isNPY else { return nil }
        path = file.name
        if let columns = try fileColumns(options) {
            (names, origin, isInferred) = (columns, "--columns", false)
            return
        }
        let fixed = Set(try fixedValues(options, variables: d.pointVariables).map(\.name))
        names = d.pointVariables.filter { !fixed.contains($0) }
        isInferred = names.count > 1
        switch options.variables {
        case nil: origin = "the order of first appearance in the formula"
        case let wrt? where wrt.count == names.count: origin = "the --wrt order"
        case _?: origin = "the --wrt order, then the order of first appearance in the formula"
        }
    }

    /// The metadata every output file records: the variables of the array's columns, and
    /// where their order comes from.
    var meta: [String: String] { ["point_columns": names.joined(separator: ","), "point_columns_from": origin] }

    /// The stderr note for an inferred order, `nil` when the order was given or is the only one.
    var note: String? {
        guard isInferred else { return nil }
        return "\(path) has no column names; reading its columns as \(names.joined(separator: ",")) (\(origin)); "
            + "name them with --columns"
    }
}

/// A problem with the text of a points option, underlined in `flag text`.
private func flagError(_ error: PointsError, flag: String, text: String) -> CommandLineError {
    let start = flag.count + 1
    let span = error.span.map { (start + $0.lowerBound)..<(start + $0.upperBound) }
    return CommandLineError(error.message, argument: "\(flag) \(text)", underline: span, hint: error.hint)
}

/// A problem with the points file `file`, whether found on reading it up front or while a
/// streamed output reads it; standard input that cannot be read gets its own hint.
func pointsFileError(_ error: PointsError, path file: PointsFile) -> CommandLineError {
    let path = file.path
    var hint = error.hint
    if file.isStandardInput, case .cannotRead = error.problem {
        hint = "'--points -' reads CSV, .npy or .npz points from standard input, e.g. gen | symdiff f --points -"
    }
    return CommandLineError(error.description, argument: "--points \(path)", underline: 9..<(9 + path.count), hint: hint)
}

/// A description of the points for the files' metadata.
private func describe(_ source: PointsSource, _ options: Options) -> String {
    switch source {
    case .at(let text): return "at \(text)"
    case .grid(let text): return "grid \(text)"
    case .random(let count): return "random \(count), seed \(options.seed)" + (options.ranges.map { ", range \($0)" } ?? "")
    case .file(let file):
        return (file.isStandardInput ? "standard input" : "file \(file.path)") + (options.columns.map { ", columns \($0)" } ?? "")
    }
}

/// The conventions every file records, so a reader knows what the values at kinks mean.
let conventions = "PyTorch at kinks: sign(0) = 0 so abs'(0) = 0, heaviside(0) = 0 so relu'(0) = 0, "
    + "min/max give 1/2 to each side at a tie"

/// How a request is evaluated at points: one program for every function and partial, the
/// columns it fills, and the metadata files record.
///
/// Columns are named `f`, `d/dx1`, ... (prefixed `f2:` for the second of several formulas).
struct ValuePlan {
    /// One output of the program: a function (empty `wrt`) or a partial of the formula
    /// whose function column precedes it.
    struct Column {
        var name: String
        var wrt: [String]
        var expression: String
    }

    /// The compiled program, `nil` when `--verify` computes the values (its `Verifier` has its own).
    let evaluator: Evaluator?
    let columns: [Column]
    private(set) var meta: [String: String]
    let derivatives: Derivatives
    let options: Options

    /// Throws `CommandLineError` for points that lack a variable, `FormulaLimit` for
    /// expressions too large to record.
    init(_ d: Derivatives, inputs: [String], options: Options, source: PointsSource) throws {
        var budget = PrintBudget(d.graph)
        // A value column never takes a variable's name (a variable may be called `f`).
        var taken = Set(inputs)
        let columns = try d.columns.map { column in
            let name = OutputTable.unique(column.name, avoiding: taken)
            taken.insert(name)
            return Column(name: name, wrt: column.wrt, expression: try budget.print(column.node, formula: d.results[column.formula].formula))
        }
        if options.verify {
            evaluator = nil
        } else {
            let program: Program
            do {
                program = try d.program(inputs: inputs)
            } catch {
                switch error {
                case .missingInput(let name):
                    throw CommandLineError("the points have no values for '\(name)'", argument: name, hint: "give every free variable a value")
                }
            }
            evaluator = Evaluator(program, threads: options.threads ?? ProcessInfoCores.count)
        }
        self.columns = columns
        derivatives = d
        self.options = options
        meta = [
            "symdiff": symdiffVersion, "formula": d.results.map(\.source).joined(separator: "\n"),
            "variables": d.variables.joined(separator: ","), "orders": "\(d.orders.lowerBound):\(d.orders.upperBound)",
            "points": describe(source, options), "precision": options.precision.rawValue, "conventions": conventions,
        ].merging(try ArrayColumnOrder(source, options: options, derivatives: d)?.meta ?? [:]) { $1 }
        let format = options.format?.table ?? options.out.flatMap { TableFormat(path: $0) }
        if format == .npz {
            let arrays = batchArrays(pointNames: inputs)
            if !arrays.isEmpty { meta["arrays"] = arrays.map(\.description).joined(separator: "; ") }
        }
    }

    /// The table of a run without its values (names, expressions, metadata), for the headers
    /// and templates of streamed outputs; with `verified` (the number of points selected for
    /// the check, out of `count`), with status and bound columns and their metadata.
    func skeleton(pointNames: [String], verified: (selected: Int, count: Int)? = nil) -> OutputTable {
        var results: [OutputResult] = []
        for column in columns {
            var output = OutputColumn(name: column.name, values: [], wrt: column.wrt, expression: column.expression)
            if verified != nil { (output.status, output.bound) = ([], []) }
            if column.wrt.isEmpty {
                results.append(OutputResult(function: output, derivatives: []))
            } else {
                results[results.count - 1].derivatives.append(output)
            }
        }
        let points = PointSet(names: pointNames, columns: pointNames.map { _ in [] }, count: 0)
        var table = OutputTable(points: points, results: results, meta: meta)
        if let (selected, count) = verified {
            table.meta["verified_points"] = "\(selected) of \(count)" + (selected < count ? "; the others are unverified (status code 7)" : "")
            table.statusCodes = PointStatus.namesByCode
            table.meta["status_codes"] = PointStatus.legend
            table.meta["bound"] = "per value, a first-order bound on its absolute rounding error (B_s + B_n in the --verify report)"
        }
        return table
    }

    /// The arrays of a streamed `.npz` of blocks of `skeleton.flatColumns`: every column, the
    /// batch-first arrays (`batchArrays`), then bounds and statuses.
    func npzEntries(_ skeleton: OutputTable) -> [NPZEntry] {
        let first = skeleton.points.names.count
        let arrays = batchArrays(pointNames: skeleton.points.names).map { array in
            (name: array.name, rowShape: array.rowShape, sources: array.sources.map { $0.map { first + $0 } })
        }
        return skeleton.npzEntries(arrays: arrays)
    }

    /// The batch-first arrays beside the columns (`BatchArray.arrays`).
    func batchArrays(pointNames: [String]) -> [BatchArray] {
        let formulaOf = derivatives.columns.map(\.formula)
        return BatchArray.arrays(derivatives, columns: zip(columns, formulaOf).map { ($0.wrt, $1) }, taken: Set(pointNames))
    }

    /// The block of the flat columns at points `inputs` (`count` of them): the points, every
    /// value, and with `verification` (of those points) each value's status code and bound;
    /// the verified values are the refined ones, where binary64 lost digits.
    func block(_ inputs: [[Double]], count: Int, verification: Verification?) -> [[Double]] {
        guard let verification else {
            return inputs + (evaluator?.evaluate(inputs, count: count, precision: options.precision) ?? [])
        }
        return inputs + verification.columns.map(\.output)
            + verification.columns.flatMap { [$0.status.map { Double($0.code) }, $0.roundingBound] }
    }

    /// The values one chunk of a streamed run holds at most: 4M doubles (32 MiB) of inputs
    /// and outputs together, so memory does not grow with the number of columns; a chunk
    /// `--verify` checks holds a quarter of that, as the check keeps more per value.
    static let chunkValues = 1 << 22

    /// The points per chunk for points of `width` variables: at most 2^18, and `chunkValues`
    /// values with the columns (a quarter with `--verify`).
    func chunkSize(width: Int) -> Int {
        let values = options.verify ? Self.chunkValues / 4 : Self.chunkValues
        return max(1, min(1 << 18, values / max(1, width + columns.count)))
    }
}
