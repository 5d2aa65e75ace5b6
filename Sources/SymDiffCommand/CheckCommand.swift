// `symdiff check`: the user's own derivatives (an autograd run's arrays) against symdiff's
// verified values, with the layout stated, the tolerance explained and the mistake diagnosed.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffVerify

/// Exit status of `symdiff check` when a value disagrees.
let checkFailed: Int32 = 1

/// Runs `symdiff check` for `derivatives`: reads the points and the user's array, verifies
/// symdiff's values there, compares, and reports (text or JSON on stdout); status 0 when every
/// compared value agrees, 1 otherwise, 2 for bad input.
func runCheck(_ d: Derivatives, formulas: [String], options: Options) -> Invocation {
    do {
        let report = try check(d, formulas: formulas, options: options)
        return Invocation(stdout: report.text, stderr: "", status: report.passed ? 0 : checkFailed)
    } catch let error as CommandLineError {
        return Invocation(stdout: "", stderr: error.rendered, status: Invocation.usageError)
    } catch let error as CheckLayoutError {
        let argument = options.against.map { "--against \($0)" } ?? "--key \(options.keys.joined(separator: ","))"
        let rendered = CommandLineError(error.message, argument: argument, underline: 0..<argument.count, hint: error.hint).rendered
        let listing = error.listing.map { "    \($0)\n" }.joined()
        return Invocation(stdout: "", stderr: rendered + "  layouts:\n" + listing, status: Invocation.usageError)
    } catch let error as VerificationError {
        return Invocation(stdout: "", stderr: "error: \(error)\n", status: Invocation.usageError)
    } catch {
        return Invocation(stdout: "", stderr: "error: \(error)\n", status: Invocation.usageError)
    }
}

/// The comparison's report and whether it passed: of the one array, or of every array of an
/// `.npz` archive given without `--key` whose name or shape fits a layout.
private func check(_ d: Derivatives, formulas: [String], options: Options) throws -> (text: String, passed: Bool) {
    guard let source = options.points else { throw CommandLineError("no points", argument: "check") }
    let points = try problemPoints(options, source: source, d)
    let threads = options.threads ?? ProcessInfoCores.count
    let verification = try Verification(
        d, at: points, precision: options.precision, threads: threads, maxPoints: options.maxVerifyPoints)
    let withFunctions = options.orders.lowerBound == 0
    var compared: [(ValueArray, CheckLayout)] = []
    var skipped: [String] = []
    if let archive = try archiveArrays(options, verification: verification) {
        for array in archive {
            let key = String(array.name.drop { $0 != "(" }.dropFirst().dropLast())
            do {
                compared.append((array, try CheckLayout.infer(key: key, shape: array.shape, verification: verification, withFunctions: withFunctions)))
            } catch {
                skipped.append("\(key) \(CheckLayoutError.spelled(array.shape))")
            }
        }
        guard !compared.isEmpty else {
            throw CommandLineError(
                "no array of \(options.against ?? "") fits a layout of the request (\(skipped.joined(separator: ", ")))",
                argument: "--against \(options.against ?? "")", hint: "name the array with --key; symdiff check --help lists the layouts")
        }
    } else {
        let array = try userArray(options, source: source, verification: verification)
        compared = [(array, try CheckLayout.infer(shape: array.shape, verification: verification, withFunctions: withFunctions, kind: options.layout))]
    }
    let formula = formulas.count == 1 ? formulas[0] : "\(formulas.count) formulas"
    var reports: [CheckReport] = []
    for (array, layout) in compared {
        var tolerance = CheckTolerance.defaults(singlePrecision: array.singlePrecision)
        if let rtol = options.rtol { tolerance.rtol = rtol }
        if let atol = options.atol { tolerance.atol = atol }
        let comparison = CheckComparison(array, layout: layout, verification: verification, tolerance: tolerance)
        let diagnoses = comparison.passed
            ? [] : CheckDiagnosis.diagnose(array, comparison, verification: verification, alternatives: alternatives(d, formulas, points, options))
        reports.append(CheckReport(array: array, comparison: comparison, verification: verification, diagnoses: diagnoses, formula: formula))
    }
    let passed = reports.allSatisfy(\.comparison.passed)
    if reports.count == 1 && skipped.isEmpty { return (options.format == .json ? reports[0].json : reports[0].text, passed) }
    if options.format == .json {
        let skippedJSON = "[" + skipped.map(JSONText.string).joined(separator: ", ") + "]"
        let body = reports.map { $0.json.trimmingCharacters(in: .newlines) }.joined(separator: ", ")
        return ("{\"reports\": [\(body)], \"not_compared\": \(skippedJSON), \"passed\": \(passed)}\n", passed)
    }
    var text = reports.map(\.text).joined(separator: "\n")
    if !skipped.isEmpty { text += "not compared (no layout fits): \(skipped.joined(separator: ", "))\n" }
    text += passed ? "check: ok: every array agrees\n" : "check: FAILED: \(reports.filter { !$0.comparison.passed }.count) of \(reports.count) arrays disagree\n"
    return (text, passed)
}

/// Every array of the `--against` archive when it is an `.npz` given without `--key` and
/// holding more than one; `nil` otherwise.
private func archiveArrays(_ options: Options, verification v: Verification) throws -> [ValueArray]? {
    guard let path = options.against, options.keys.isEmpty, !Options.standardInputPaths.contains(path) else { return nil }
    let width = CheckLayout.candidates(v, withFunctions: true).map { $0.sources.count }.max() ?? 1
    let maxValues = v.points.count * Swift.max(width, v.columns.count)
    do throws(PointsError) {
        let bytes = try PointSet.bytes(ofFile: path, maxBytes: 32 * maxValues * Swift.max(1, v.columns.count) + (1 << 16))
        guard bytes.starts(with: Array("PK".utf8)) else { return nil }
        let arrays = try ValueArray.arrays(ofArchive: bytes, file: path, maxValues: maxValues)
        return arrays.count > 1 ? arrays : nil
    } catch {
        let argument = "--against \(path)"
        throw CommandLineError(error.description, argument: argument, underline: 10..<argument.count, hint: error.hint)
    }
}

/// The user's array: `--against FILE` (with `--key` naming an array or columns), or the
/// `--key` columns of the points file.
private func userArray(_ options: Options, source: PointsSource, verification v: Verification) throws -> ValueArray {
    let path: String
    let argument: String
    if let against = options.against {
        (path, argument) = (against, "--against \(against)")
    } else if case .file(let file) = source, !file.isStandardInput {
        (path, argument) = (file.path, "--points \(file.path)")
    } else {
        throw CommandLineError(
            "--key names columns of the points file, which standard input cannot give twice", argument: "--points -",
            hint: "write the values to a file and give it with --against")
    }
    // Room for the widest layout of the request, and a header.
    let width = CheckLayout.candidates(v, withFunctions: true).map { $0.sources.count }.max() ?? 1
    let maxValues = v.points.count * width
    do throws(PointsError) {
        let bytes = Options.standardInputPaths.contains(path)
            ? try PointSet.bytes(readingFrom: STDIN_FILENO, file: "<stdin>", maxBytes: 32 * maxValues + (1 << 16))
            : try PointSet.bytes(ofFile: path, maxBytes: 32 * maxValues + (1 << 16))
        return try ValueArray.read(bytes: bytes, file: path, keys: options.keys, maxValues: maxValues)
    } catch {
        throw CommandLineError(error.description, argument: argument, underline: (argument.count - path.count)..<argument.count, hint: error.hint)
    }
}

/// symdiff's other values at the points, for the diagnosis to try: every partial of each
/// formula by the `--wrt` variables from order 0 to one past the highest asked for (when
/// there are at most 200 of them), else the requested ones; and the partials of each
/// let-bound name to order 2 at least (`u: d2/dxdy`).
private func alternatives(
    _ d: Derivatives, _ formulas: [String], _ points: PointSet, _ options: Options
) -> [CheckDiagnosis.Alternative] {
    let highest = d.columns.map(\.wrt.count).max() ?? 0
    let request = DerivativeRequest(
        formulas: formulas, variables: d.variables, orders: 0...(highest + 1), simplify: true, limits: options.limits)
    var wider = d
    if let more = try? Derivatives(request), more.columns.count <= 200 { wider = more }
    var result = values(wider, points, options, prefix: "")
    // The partials of each let-bound name (`u` of `u = ...; laplacian(u, x, y)`), which a
    // wrong operator may have mixed in.
    for formula in formulas {
        guard let tree = try? Parser.parse(formula, limits: options.limits), !tree.bindings.isEmpty else { continue }
        let head = String(formula.utf8.prefix(Int(tree[tree.body].span.start))) ?? ""
        for binding in tree.bindings {
            let bound = DerivativeRequest(
                formulas: [head + binding.name], variables: d.variables, orders: 0...Swift.max(2, highest + 1), simplify: true,
                limits: options.limits)
            guard let partials = try? Derivatives(bound), partials.columns.count <= 200 else { continue }
            result += values(partials, points, options, prefix: binding.name + ": ")
        }
    }
    return result
}

/// The values of every column of `d` at `points`, named with `prefix`.
private func values(_ d: Derivatives, _ points: PointSet, _ options: Options, prefix: String) -> [CheckDiagnosis.Alternative] {
    guard let program = try? d.program(inputs: points.names) else { return [] }
    let values = Evaluator(program, threads: options.threads ?? ProcessInfoCores.count).evaluate(points.columns, count: points.count)
    return zip(d.columns, values).map { (prefix + $0.name, $1) }
}
