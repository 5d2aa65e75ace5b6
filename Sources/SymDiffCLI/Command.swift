// Running one symdiff invocation in-process: arguments in, stdout, stderr and status out.
import Foundation
import SymDiff
import SymDiffVerify

/// What an invocation printed and its exit status.
///
/// Output is collected and written only at the end, so an error never leaves partial output.
struct Invocation {
    var stdout = ""
    var stderr = ""
    var status: Int32 = 0

    /// Exit status for bad input of any kind: formula, option, limit.
    static let usageError: Int32 = 2
    /// Exit status when `--verify` finds values that disagree (or, with `--strict`, values not ok).
    static let verificationFailed: Int32 = 1
}

/// Runs symdiff with `arguments` (without the program name). `readFile` supplies the bytes of
/// `--file` paths, `-` meaning standard input.
func runSymDiff(_ arguments: [String], readFile: (String) throws -> Data = readFileOrStandardInput) -> Invocation {
    var result = Invocation()
    let options: Options
    do {
        options = try Options(parsing: arguments)
    } catch {
        result.stderr = error.rendered
        result.status = Invocation.usageError
        return result
    }
    if options.help {
        result.stdout = helpText
        return result
    }
    if options.version {
        result.stdout = "symdiff \(symdiffVersion)\n"
        return result
    }
    var formulas = options.formulas
    for path in options.formulaFiles {
        do {
            formulas.append(try formulaText(from: readFile(path), path: path, limits: options.limits))
        } catch let error as CommandLineError {
            return failure(error.rendered)
        } catch {
            return failure("error: cannot read '\(path)': \(error.localizedDescription)\n")
        }
    }
    if formulas.isEmpty {
        return failure("error: no formula given\n  hint: symdiff \"x1^2*sin(x2)\" --wrt x1,x2; see symdiff --help\n")
    }
    let request = DerivativeRequest(
        formulas: formulas, variables: options.variables, orders: options.orders,
        simplify: options.simplify, limits: options.limits)
    let derivatives: Derivatives
    do {
        derivatives = try Derivatives(request)
    } catch {
        return failure(describe(error, formulas: formulas))
    }
    let clock = ContinuousClock()
    let start = clock.now
    var verification: Verification?
    var verificationReport = ""
    do {
        (result.stdout, verificationReport, verification) = try output(derivatives, options: options)
    } catch let error as VerificationError {
        return failure(describe(error))
    } catch let error as CommandLineError {
        return failure(error.rendered)
    } catch let error as LimitExceeded {
        return failure("error: \(error.message)\n")
    } catch let error as OutputError {
        return failure(error.rendered)
    } catch {
        return failure("error: \(error)\n")
    }
    let printing = clock.now - start
    result.stderr = derivatives.notes.map { "note: \($0)\n" }.joined()
    if options.trace { result.stderr += traceReport(derivatives.rewriteReport) }
    if options.stats { result.stderr += statsReport(derivatives, printing: printing) }
    if let verification {
        result.stderr += verificationReport + verifySummary(verification, strict: options.strict)
        if !verification.passed(strict: options.strict) { result.status = Invocation.verificationFailed }
    }
    return result
}

/// What the run prints on stdout (empty when it writes `--out`, except for the `--verify`
/// report), in the requested format, with values when points were given; and with
/// `--verify`, the verification and its report when stdout carries CSV.
private func output(_ d: Derivatives, options: Options) throws -> (String, String, Verification?) {
    let format = options.format ?? options.out.flatMap { TableFormat(path: $0) }.flatMap { OutputFormat(rawValue: $0.rawValue) } ?? .text
    guard options.points != nil || !options.verify else {
        throw CommandLineError(
            "--verify checks values: it needs points", argument: "--verify",
            hint: "give points with --at, --grid, --random or --points")
    }
    guard options.verify || !options.strict else {
        throw CommandLineError("--strict only applies with --verify", argument: "--strict", hint: "add --verify")
    }
    var table: OutputTable?
    var verification: Verification?
    if let source = options.points {
        let points = try samplePoints(options, source: source, variables: d.freeVariables)
        let plan = try ValuePlan(d, inputs: points.names, options: options, source: source)
        if options.verify {
            let v = try Verification(
                d, at: points, precision: options.precision, threads: options.threads ?? ProcessInfoCores.count)
            verification = v
            table = plan.table(at: points, statuses: v.columns.map { $0.status.map(\.rawValue) })
        } else if let out = options.out, format == .csv || format == .npy {
            // Streamed: the values are written as they are computed, never held whole.
            if format == .csv {
                var writer = CSVTableWriter(path: out)
                try plan.stream(points, into: &writer)
            } else {
                var writer = NPYTableWriter(path: out)
                try plan.stream(points, into: &writer)
            }
            return ("", "", nil)
        } else {
            table = plan.table(at: points)
        }
    }
    let text: String
    switch (format, table) {
    case (.text, _) where verification != nil: text = try textReport(d) + "\n" + verifyReport(verification!, precision: options.precision)
    case (.text, _): text = try textReport(d) + (table.map { "\n" + csvText($0, meta: false) } ?? "")
    case (.json, nil): text = try jsonReport(d)
    case (.json, let table?): text = jsonValuesReport(d, table, verification: verification, precision: options.precision)
    case (.graph, _): text = graphReport(d)
    case (.csv, let table?) where options.out == nil:
        return (csvText(table), verification.map { verifyReport($0, precision: options.precision) } ?? "", verification)
    case (.csv, let table?), (.npy, let table?), (.npz, let table?):
        guard let out = options.out else {
            throw CommandLineError(
                "\(format.rawValue) is a binary format: it needs --out FILE", argument: "--format \(format.rawValue)",
                hint: "symdiff ... --out ref.\(format.rawValue)")
        }
        try table.write(to: out, format: format.table)
        return (verification.map { verifyReport($0, precision: options.precision) } ?? "", "", verification)
    case (.csv, nil), (.npy, nil), (.npz, nil):
        throw CommandLineError(
            "\(format.rawValue) output holds values: it needs points", argument: "--format \(format.rawValue)",
            hint: "give points with --at, --grid, --random or --points")
    }
    guard let out = options.out else { return (text, "", verification) }
    let file = try AtomicFile(path: out)
    try file.write(text.utf8)
    try file.commit()
    return (verification.map { verifyReport($0, precision: options.precision) } ?? "", "", verification)
}

/// The table as CSV text: the `# {meta}` line (unless `meta` is false), the header, one row
/// per point.
private func csvText(_ table: OutputTable, meta: Bool = true) -> String {
    let columns = table.columns
    let header = TableHeader(columns: columns.map(\.name), rowCount: table.points.count, meta: meta ? table.meta : [:])
    let rows = CSVTableWriter.rows(columns.map(\.values), count: table.points.count)
    return CSVTableWriter.headerText(header) + String(decoding: rows, as: UTF8.self)
}

private func failure(_ message: String) -> Invocation {
    Invocation(stdout: "", stderr: message, status: Invocation.usageError)
}

/// The formula text in `data`, which must be UTF-8 without NUL bytes and within the limit.
private func formulaText(from data: Data, path: String, limits: Limits) throws(CommandLineError) -> String {
    if data.count > limits.maxFormulaBytes {
        throw CommandLineError(
            "'\(path)' holds \(data.count) bytes, more than the limit of \(limits.maxFormulaBytes)",
            argument: "--file \(path)", hint: "raise the limit with --max-formula-bytes")
    }
    if let nul = data.firstIndex(of: 0) {
        throw CommandLineError("'\(path)' contains a NUL byte at offset \(nul - data.startIndex)", argument: "--file \(path)")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw CommandLineError("'\(path)' is not valid UTF-8", argument: "--file \(path)")
    }
    return text
}

/// Reads a file, or standard input for `-`.
func readFileOrStandardInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    return try Data(contentsOf: URL(fileURLWithPath: path))
}

/// The stderr text for a failed request.
private func describe(_ error: SymDiffError, formulas: [String]) -> String {
    switch error {
    case .syntax(let diagnostic, let index):
        let which = formulas.count > 1 ? "in formula \(index + 1): " : ""
        return which + diagnostic.rendered(source: formulas[index])
    case .limit(let limit):
        return "error: \(limit.message)\n"
    case .invalidVariable(let name, let reason):
        return CommandLineError(reason, argument: "--wrt \(name)", underline: 6..<(6 + name.count)).rendered
    }
}

/// The stderr text for a verification that cannot run.
private func describe(_ error: VerificationError) -> String {
    switch error {
    case .unsupportedOrder(let wrt):
        return CommandLineError(
            "--verify checks mixed partials up to order \(Verification.maxMixedOrder); "
                + "\(wrt.joined(separator: ",")) is of order \(wrt.count)",
            argument: "--verify", hint: "lower --order, or verify pure partials (one variable) of any order").rendered
    case .missingVariable(let name):
        return CommandLineError("the points have no values for '\(name)'", argument: name, hint: "give every free variable a value").rendered
    }
}

private func traceReport(_ report: RewriteReport) -> String {
    var text = "trace: \(report.passes) pass(es), stopped at \(report.stop.rawValue)\n"
    for (name, count) in report.fired.sorted(by: { $0.key < $1.key }) {
        text += "trace: \(name) fired \(count) time(s)\n"
    }
    return text
}

private func statsReport(_ d: Derivatives, printing: Duration) -> String {
    let s = d.statistics
    func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1e3) }
    let printSeconds = Double(printing.components.seconds) + Double(printing.components.attoseconds) * 1e-18
    return """
        stats: nodes: function \(s.functionNodes), derivatives \(s.derivativeNodesBeforeSimplification) \
        before simplification and \(s.derivativeNodesAfterSimplification) after, shared graph \(s.graphNodes)
        stats: time: parse \(ms(s.parseSeconds)), differentiate \(ms(s.differentiateSeconds)), \
        simplify \(ms(s.simplifySeconds)), print \(ms(printSeconds))

        """
}
