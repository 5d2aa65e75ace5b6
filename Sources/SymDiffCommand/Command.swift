// Running one symdiff invocation in-process: arguments in, stdout, stderr and status out.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffAutodiff
import SymDiffVerify

/// What an invocation printed and its exit status.
///
/// Reports are collected and written at the end; values at points stream to standard output
/// as they are computed (`runSymDiff`'s `standardOutput`), after every check of the input,
/// so that bad input prints nothing there, and only a failing write can cut them short.
public struct Invocation {
    public var stdout = ""
    public var stderr = ""
    public var status: Int32 = 0

    /// Exit status for bad input of any kind: formula, option, limit.
    public static let usageError: Int32 = 2
    /// Exit status when `--verify` finds values that disagree (or, with `--strict`, values not ok).
    public static let verificationFailed: Int32 = 1
    /// Exit status when the output cannot be written.
    static let writeFailed: Int32 = 1
}

/// Runs symdiff with the raw bytes of its arguments, as the system passes them: an argument
/// that is not UTF-8 is an error at its first bad byte, not a replacement character.
public func runSymDiff(
    rawArguments: [[UInt8]], readFile: (String, Int) throws -> Data = readFileOrStandardInput,
    standardOutput: StreamSink = StreamSink(descriptor: nil)
) -> Invocation {
    for (i, bytes) in rawArguments.enumerated() {
        do {
            try Parser.validate(utf8: bytes)
        } catch {
            let text = String(decoding: bytes, as: UTF8.self)
            let previous = i > 0 ? String(decoding: rawArguments[i - 1], as: UTF8.self) : ""
            let isFormula = !text.hasPrefix("--") && !(previous.hasPrefix("--") && !previous.contains("="))
            if isFormula { return failure(error.rendered(source: text, for: .commandLine)) }
            let column = error.range.start.column - 1
            return failure(CommandLineError(
                "argument \(i + 1) is not valid UTF-8", argument: text, underline: column..<(column + 1),
                hint: "symdiff reads UTF-8 text; formulas, names and paths are ASCII").rendered)
        }
    }
    return runSymDiff(rawArguments.map { String(decoding: $0, as: UTF8.self) }, readFile: readFile, standardOutput: standardOutput)
}

/// Runs symdiff with `arguments` (without the program name). `readFile` supplies the bytes of
/// `--file` paths, `-` meaning standard input. Values streamed as they are computed go to
/// `standardOutput` (by default captured, and put before the invocation's `stdout`).
func runSymDiff(
    _ arguments: [String], readFile: (String, Int) throws -> Data = readFileOrStandardInput,
    standardOutput: StreamSink = StreamSink(descriptor: nil)
) -> Invocation {
    var result = run(arguments, readFile: readFile, standardOutput: standardOutput)
    if !standardOutput.captured.isEmpty { result.stdout = String(decoding: standardOutput.captured, as: UTF8.self) + result.stdout }
    return result
}

private func run(_ arguments: [String], readFile: (String, Int) throws -> Data, standardOutput: StreamSink) -> Invocation {
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
    if options.functions {
        result.stdout = functionsText
        return result
    }
    do {
        try checkOutputPath(options)
    } catch {
        return failure(error.rendered)
    }
    var formulas = options.formulas
    /// The file each formula came from, `nil` for formulas given as arguments.
    var files = [String?](repeating: nil, count: formulas.count)
    for path in options.formulaFiles {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        do {
            data = try readFile(path, options.limits.maxFormulaBytes + 1)
        } catch {
            return failure(CommandLineError(
                "cannot read '\(path)': \(readFailure(error))", argument: "--file \(path)",
                underline: 7..<(7 + path.count), hint: "check the path; '--file -' reads standard input").rendered)
        }
        do {
            formulas.append(try formulaText(from: data, path: path, limits: options.limits))
            files.append(name)
        } catch let error as CommandLineError {
            return failure(error.rendered)
        } catch let error as Diagnostic {
            return failure(error.rendered(source: String(decoding: data, as: UTF8.self), file: name, for: .commandLine))
        } catch {
            return failure("error: \(error)\n")
        }
    }
    if formulas.isEmpty {
        // The caret marks where the formula goes: after the program name.
        return failure(CommandLineError(
            "no formula given", argument: (["symdiff"] + arguments).joined(separator: " "), underline: 8..<9,
            hint: "symdiff \"x1^2*sin(x2)\" --wrt x1,x2; see symdiff --help").rendered)
    }
    let request = DerivativeRequest(
        formulas: formulas, variables: options.variables, orders: options.orders,
        simplify: options.simplify, limits: options.limits)
    let derivatives: Derivatives
    do {
        derivatives = try Derivatives(request)
    } catch {
        return failure(describe(error, formulas: formulas, files: files, options: options))
    }
    if options.check { return runCheck(derivatives, formulas: formulas, options: options) }
    let clock = ContinuousClock()
    let start = clock.now
    let outcome: ValuesOutcome
    do {
        outcome = try output(derivatives, options: options, standardOutput: standardOutput)
    } catch let error as OutputError where error.path == standardOutput.path {
        // As when the final output cannot be written: status 1, quiet when the reader has gone.
        result.status = Invocation.writeFailed
        switch error.problem {
        case .brokenPipe: break
        case .writeFailed(let reason): result.stderr = "symdiff: write error: \(reason)\n"
        default: result.stderr = "symdiff: write error: \(error.message)\n"
        }
        return result
    } catch let error as VerificationError {
        return failure(describe(error, options: options))
    } catch let error as CommandLineError {
        return failure(error.rendered)
    } catch let error as FormulaLimit {
        return failure(describe(.limit(error.limit, formula: error.formula), formulas: formulas, files: files, options: options))
    } catch let error as OutputError {
        let (option, out) = options.plot.map { ("--plot", $0) } ?? ("--out", options.out ?? "")
        return failure(CommandLineError(
            error.description, argument: "\(option) \(out)", underline: (option.count + 1)..<(option.count + 1 + out.count),
            hint: error.hint ?? "\(option) takes the path of a file in an existing, writable directory").rendered)
    } catch {
        return failure("error: \(error)\n")
    }
    let printing = clock.now - start
    var notes = derivatives.notes
    do {
        if let note = try ArrayColumnOrder(options.points, options: options, derivatives: derivatives)?.note { notes.append(note) }
    } catch {
        return failure(error.rendered)
    }
    result.stderr = notes.map { "note: \($0.withVisibleControls)\n" }.joined()
    if options.trace { result.stderr += traceReport(derivatives.rewriteReport) }
    result.stdout = outcome.stdout
    if options.stats { result.stderr += statsReport(derivatives, printing: printing, phases: outcome.phases) }
    if let summary = outcome.summary {
        result.stderr += outcome.report + verifySummary(summary, strict: options.strict)
        if !summary.passed(strict: options.strict) { result.status = Invocation.verificationFailed }
        if let out = options.out, withheld(summary, options) {
            result.stderr += "verify: --strict: \(out) was not written\n"
        }
    }
    return result
}

/// What the run prints on stdout (empty when it writes `--out`, except for the `--verify`
/// report), in the requested format, with values when points were given (streamed by
/// `writeValues`); the `--verify` report for stderr; and the summary of the check.
private func output(_ d: Derivatives, options: Options, standardOutput: StreamSink) throws -> ValuesOutcome {
    let format = options.format ?? options.out.flatMap { TableFormat(path: $0) }.flatMap { OutputFormat(rawValue: $0.rawValue) } ?? .text
    guard options.points != nil || !options.verify else {
        throw CommandLineError(
            "--verify checks values: it needs points", argument: "--verify",
            hint: "give points with --at, --grid, --random or --points")
    }
    guard options.verify || !options.strict else {
        throw CommandLineError("--strict only applies with --verify", argument: "--strict", hint: "add --verify")
    }
    if let path = options.plot {
        guard options.out == nil, options.emit == nil, options.format == nil else {
            throw CommandLineError("--plot writes the SVG only: it takes no --out, --format or --emit", argument: "--plot \(path)", hint: "run symdiff twice")
        }
        return try writePlot(d, options: options, to: path)
    }
    if let language = options.emit, testFileLanguages.contains(language) {
        return try writeTestFile(d, options: options, language: language, standardOutput: standardOutput)
    }
    if let language = options.emit {
        guard options.points == nil, options.format == nil else {
            throw CommandLineError(
                "--emit writes code, not values: it takes no points or --format", argument: "--emit \(language)",
                hint: "symdiff \"x^2*sin(t)\" --wrt x,t --order 1:2 --emit numpy --out reference.py")
        }
        let code = try emittedCode(d, language: language)
        guard let out = options.out else { return ValuesOutcome(stdout: code) }
        try writeText(code, to: out)
        return ValuesOutcome()
    }
    if format == .npy || format == .npz, options.out == nil {
        throw CommandLineError(
            "\(format.rawValue) is a binary format: it needs --out FILE", argument: "--format \(format.rawValue)",
            hint: "symdiff ... --out ref.\(format.rawValue)")
    }
    if let source = options.points, format != .graph {
        return try writeValues(d, at: source, options: options, format: format, standardOutput: standardOutput)
    }
    let text: String
    switch format {
    case .text: text = try textReport(d)
    case .json: text = try jsonReport(d)
    case .graph: text = graphReport(d)
    case .csv, .npy, .npz:
        throw CommandLineError(
            "\(format.rawValue) output holds values: it needs points", argument: "--format \(format.rawValue)",
            hint: "give points with --at, --grid, --random or --points")
    }
    guard let out = options.out else { return ValuesOutcome(stdout: text) }
    try writeText(text, to: out)
    return ValuesOutcome()
}

private func failure(_ message: String) -> Invocation {
    Invocation(stdout: "", stderr: message, status: Invocation.usageError)
}

/// The formula text in `data`, which must be within the size limit (`CommandLineError`) and
/// UTF-8 without NUL bytes (a `Diagnostic` at the first bad byte).
private func formulaText(from data: Data, path: String, limits: Limits) throws -> String {
    if data.count > limits.maxFormulaBytes {
        throw CommandLineError(
            "'\(path)' holds more than the limit of \(limits.maxFormulaBytes) bytes",
            argument: "--file \(path)", underline: 7..<(7 + path.count), hint: "raise the limit with --max-formula-bytes N")
    }
    if let text = String(validating: data, as: UTF8.self), !data.contains(0) { return text }
    try Parser.validate(utf8: Array(data))
    return String(decoding: data, as: UTF8.self)
}

/// Why a file could not be read, in a few words.
private func readFailure(_ error: Error) -> String {
    if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)).lowercased() }
    switch (error as? CocoaError)?.code {
    case .fileReadNoSuchFile?, .fileNoSuchFile?: return "no such file"
    case .fileReadNoPermission?: return "permission denied"
    default:
        let description = (error as NSError).localizedFailureReason ?? error.localizedDescription
        return description.prefix(1).lowercased() + description.dropFirst().prefix { $0 != "." }
    }
}

/// Reads a file, or standard input for `-`, up to `limit` bytes (one past the formula size
/// limit), so an endless stream (`/dev/zero`) ends in the size error.
public func readFileOrStandardInput(_ path: String, limit: Int) throws -> Data {
    let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { if path != "-" { close(fd) } }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while data.count < limit {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit - data.count)) }
        if n < 0 && errno == EINTR { continue }
        guard n >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if n == 0 { break }
        data.append(contentsOf: chunk[..<n])
    }
    return data
}

/// The stderr text for a failed request; `files` names the file each formula came from.
private func describe(_ error: SymDiffError, formulas: [String], files: [String?], options: Options) -> String {
    switch error {
    case .syntax(let diagnostic, let index):
        let which = formulas.count > 1 && files[index] == nil ? "in formula \(index + 1): " : ""
        return which + diagnostic.rendered(source: formulas[index], file: files[index], for: .commandLine)
    case .limit(let limit, let index):
        if limit.kind == .partials || limit.kind == .derivativeOrder {
            let order = options.orderText ?? "1"
            return CommandLineError(limit.what, argument: "--order \(order)", underline: 8..<(8 + order.count), hint: limit.hint).rendered
        }
        guard let index else { return limit.rendered(for: .commandLine) }
        // The whole first line of the formula whose work ran into the limit.
        let firstLine = formulas[index].prefix { $0 != "\n" && $0 != "\r" }
        let end = SourceLocation(offset: firstLine.utf8.count, line: 1, column: firstLine.unicodeScalars.count + 1)
        let diagnostic = Diagnostic(
            message: limit.what, hint: limit.hint, range: SourceRange(start: SourceLocation(offset: 0, line: 1, column: 1), end: end))
        let which = formulas.count > 1 && files[index] == nil ? "in formula \(index + 1): " : ""
        return which + diagnostic.rendered(source: formulas[index], file: files[index], for: .commandLine)
    case .invalidVariable(let name, let reason):
        let wrt = options.variables?.joined(separator: ",") ?? name
        let start = 6 + (options.variables?.prefix { $0 != name }.reduce(0) { $0 + $1.count + 1 } ?? 0)
        return CommandLineError(
            reason, argument: "--wrt \(wrt)", underline: start..<(start + name.count),
            hint: "--wrt takes variable names, each once").rendered
    }
}

/// The stderr text for a verification that cannot run: named for `--verify`, or for `--emit
/// pytest` and `unittest`, which verify their reference values themselves.
private func describe(_ error: VerificationError, options: Options) -> String {
    switch error {
    case .tooManyCoefficients:
        let checker = options.emit.map { "--emit \($0)" } ?? "--verify"
        let subject = options.emit == nil ? "--verify would need" : "\(checker) checks its reference values, which would need"
        return CommandLineError(
            error.message.replacingOccurrences(of: "the check would need", with: subject), argument: checker,
            hint: "verify fewer variables (--wrt) or a lower --order").rendered
    case .missingVariable(let name):
        return CommandLineError(error.message, argument: name, hint: error.hint).rendered
    }
}

private func traceReport(_ report: RewriteReport) -> String {
    var text = "trace: \(report.passes) pass(es), stopped at \(report.stop.rawValue)\n"
    for (name, count) in report.fired.sorted(by: { $0.key < $1.key }) {
        text += "trace: \(name) fired \(count) time(s)\n"
    }
    return text
}

/// The `--stats` lines: node counts, time per phase (with points: reading or making them,
/// evaluating, checking and writing, which overlap, as the writer runs beside the rest; without:
/// printing the report), and peak memory.
private func statsReport(_ d: Derivatives, printing: Duration, phases: PhaseTimes?) -> String {
    let s = d.statistics
    func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1e3) }
    let printSeconds = Double(printing.components.seconds) + Double(printing.components.attoseconds) * 1e-18
    let work = phases.map { phases in
        // Evaluation is part of the check with --verify: a phase that never ran is left out.
        PhaseTimes.Phase.allCases.filter { phases.seconds($0) > 0 }.map { "\($0.name) \(ms(phases.seconds($0)))" }
            .joined(separator: ", ")
            + ", all values \(ms(printSeconds))"
    } ?? "print \(ms(printSeconds))"
    return """
        stats: nodes: function \(s.functionNodes), derivatives \(s.derivativeNodesBeforeSimplification) \
        before simplification and \(s.derivativeNodesAfterSimplification) after, shared graph \(s.graphNodes)
        stats: time: parse \(ms(s.parseSeconds)), differentiate \(ms(s.differentiateSeconds)), \
        simplify \(ms(s.simplifySeconds)), \(work)
        stats: memory: peak resident \(peakResidentMiB()) MiB

        """
}

/// The process's peak resident memory so far, in MiB: `VmHWM` in `/proc/self/status`, the high
/// water mark of this program's own memory. `getrusage`'s `ru_maxrss` keeps the peak of the
/// process that spawned this one (carried across `vfork` and `exec`), so a small run started by a
/// large test process reported that process's 400 to 500 MiB; it is the fallback without `/proc`.
private func peakResidentMiB() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kibibytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
    {
        return (kibibytes + 1023) / 1024
    }
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return (usage.ru_maxrss + 1023) / 1024
}
