// Values written as they are computed (and checked, with --verify), in every format, one
// chunk of points at a time.
import Foundation
import SymDiff
import SymDiffIO
import SymDiffVerify

/// What a run with points printed: its standard output (beyond the values streamed there),
/// the `--verify` report for stderr, and the summary of the check.
struct ValuesOutcome {
    var stdout = ""
    var report = ""
    var summary: VerificationSummary?
    /// The time of each phase, for `--stats`; `nil` without points.
    var phases: PhaseTimes?
}

/// Computes the values at the points of `source` a chunk at a time, checks each chunk with
/// `--verify`, and writes them in `format` to `--out`, or to `standardOutput`, as they come:
/// memory holds one chunk of points and values (`ValuePlan.chunkSize`) and the summary of
/// the check, whatever the number of points.
///
/// `--out` is an atomic file, so a failure leaves no file, nor does `--verify --strict` that
/// fails. On standard output a large `.npy` points file is read through once first, so that
/// a bad value in it is an error before anything is printed. With `--verify`, the text
/// format prints the formulas and the report instead of values.
func writeValues(
    _ d: Derivatives, at source: PointsSource, options: Options, format: OutputFormat, standardOutput: StreamSink
) throws -> ValuesOutcome {
    let points = try problemStreamedPoints(options, source: source, d)
    let plan = try ValuePlan(d, inputs: points.names, options: options, source: source)
    let threads = options.threads ?? ProcessInfoCores.count
    let verifier = options.verify ? try Verifier(d, names: points.names, precision: options.precision, threads: threads) : nil
    let selection = Verifier.Selection(count: points.count, maxPoints: options.maxVerifyPoints)
    let skeleton = plan.skeleton(pointNames: points.names, verified: verifier.map { _ in (selection.total, points.count) })
    let summary = verifier.map { _ in VerificationSummary(columns: plan.columns.map { ($0.name, $0.wrt) }, names: points.names) }
    let reportOnly = verifier != nil && format == .text
    let sink: any ByteSink
    if let out = options.out, !reportOnly { sink = try AtomicFile(path: out) } else { sink = standardOutput }
    var background: BackgroundWriter?
    /// Abandons the output once the writer's thread is done with it.
    func abandon() {
        _ = try? background?.drain()
        sink.discard()
    }
    do {
        if options.out == nil, points is NPYFilePoints { try readThrough(points) }
        var writer = reportOnly ? nil : try makeWriter(format, sink: sink, plan: plan, skeleton: skeleton, array: options.array, d)
        try writer?.begin(TableHeader(
            columns: skeleton.flatColumns.map(\.name), rowCount: points.count, meta: format == .text ? [:] : skeleton.meta))
        var check = verifier.map { StreamedCheck($0, selection: selection, summary: summary!, options: options, deadline: d.graph.deadline) }
        defer { check?.progress?.finish() }
        let phases = PhaseTimes()
        background = writer.map { BackgroundWriter($0, phases: phases) }
        nonisolated(unsafe) let shared = plan
        try plan.forEachChunk(points, check: &check, phases: phases) { inputs, count, verification in
            try background?.append {
                phases.measure(verification == nil ? .evaluate : .write) { shared.block(inputs, count: count, verification: verification) }
            }
        }
        writer = try background?.drain()
        var outcome = ValuesOutcome(summary: check?.summary, phases: phases)
        if let summary = check?.summary {
            let report = verifyReport(summary, precision: options.precision)
            if var json = writer as? JSONTableWriter {
                json.late["verify"] = jsonVerification(summary, options.precision)
                writer = json
            }
            if reportOnly {
                let text = try textReport(d) + "\n" + report
                if let out = options.out, !withheld(summary, options) { try writeText(text, to: out) }
                outcome.stdout = options.out == nil ? text : report
            } else if options.out == nil {
                outcome.report = format == .json ? "" : report
            } else {
                outcome.stdout = report
            }
            if withheld(summary, options) {
                sink.discard()
                return outcome
            }
        }
        try phases.measure(.write) { () throws(OutputError) in try writer?.finish() }
        return outcome
    } catch let error as PointsError {
        abandon()
        // Only a points file read as the output is written fails here.
        guard case .file(let path) = source else { throw error }
        throw pointsFileError(error, path: path)
    } catch {
        abandon()
        throw error
    }
}

/// The check of a run verified chunk by chunk: the verifier, the points still to check, what
/// was found so far, and the progress line.
struct StreamedCheck {
    let verifier: Verifier
    var selection: Verifier.Selection
    var summary: VerificationSummary
    let progress: VerifyProgress?
    let deadline: ContinuousClock.Instant?

    init(_ verifier: Verifier, selection: Verifier.Selection, summary: VerificationSummary, options: Options, deadline: ContinuousClock.Instant?) {
        self.verifier = verifier
        self.selection = selection
        self.summary = summary
        progress = VerifyProgress(total: selection.total, quiet: options.quiet)
        self.deadline = deadline
    }

    /// Checks the points of `chunk`, which follow the ones checked so far, and adds the
    /// verification to the summary; finite differences are shared out so the whole run takes
    /// about `Verification.finiteDifferencePoints`.
    mutating func check(_ chunk: PointSet, from first: Int) -> Verification {
        let done = summary.checkedCount
        var report: (@Sendable (Int) -> Void)?
        if let progress { report = { progress.report(done + $0) } }
        let selected = selection.next(upTo: first + chunk.count).map { $0 - first }
        let verification = verifier.check(
            chunk, selected: selected,
            finiteDifferencePoints: max(1, Verification.finiteDifferencePoints * selected.count / max(1, selection.total)),
            deadline: deadline, progress: report)
        summary.add(verification)
        return verification
    }
}

extension ValuePlan {
    /// Writes the points and values to `writer` chunk by chunk, reading the points a chunk at
    /// a time too, so only the chunk in flight is held. Throws `OutputError` from the writer
    /// and `PointsError` from reading the points; the writer's file is then left unfinished,
    /// and removed when released.
    func stream<Writer: TableWriter>(_ points: some ChunkedPoints, into writer: inout Writer) throws {
        try writer.begin(TableHeader(columns: points.names + columns.map(\.name), rowCount: points.count, meta: meta))
        var unchecked: StreamedCheck?
        try forEachChunk(points, check: &unchecked) { inputs, count, _ in
            try writer.append(block(inputs, count: count, verification: nil))
        }
        try writer.finish()
    }

    /// Calls `body` with the points of each chunk of `points` in turn, their number, and their
    /// verification by `check` when there is one, timing reading and checking in `phases`;
    /// with progress on a terminal for runs over a second unless `--quiet` (`check`'s own,
    /// when checking).
    func forEachChunk(
        _ points: some ChunkedPoints, check: inout StreamedCheck?, phases: PhaseTimes? = nil,
        _ body: ([[Double]], Int, Verification?) throws -> Void
    ) throws {
        let chunk = chunkSize(width: points.names.count)
        let clock = ContinuousClock()
        let start = clock.now
        let showProgress = check == nil && !options.quiet && isatty(STDERR_FILENO) != 0
        var shown = false
        var first = 0
        repeat {
            let range = first..<min(points.count, first + chunk)
            let reading = clock.now
            let inputs = try points.columns(in: range)
            let made = clock.now
            let verification = check?.check(PointSet(names: points.names, columns: inputs, count: range.count), from: first)
            phases?.add(.points, made - reading)
            if verification != nil { phases?.add(.verify, clock.now - made) }
            try body(inputs, range.count, verification)
            first = range.upperBound
            if showProgress && clock.now - start > .seconds(1) {
                FileHandle.standardError.write(Data("\rsymdiff: \(first) of \(points.count) points".utf8))
                shown = true
            }
        } while first < points.count
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// The writer of `format` to `sink`, for blocks of `skeleton.flatColumns`; for `.npy`, only
/// the `.npz` layout's array `array` when one is named.
private func makeWriter(
    _ format: OutputFormat, sink: any ByteSink, plan: ValuePlan, skeleton: OutputTable, array: String?, _ d: Derivatives
) throws -> any TableWriter {
    switch format {
    case .text:
        try sink.write(Array((try textReport(d) + "\n").utf8))
        var writer = CSVTableWriter(sink: sink)
        writer.labels = skeleton.csvLabels
        return writer
    case .csv:
        var writer = CSVTableWriter(sink: sink)
        writer.labels = skeleton.csvLabels
        return writer
    case .json:
        return JSONTableWriter(sink: sink, template: jsonValuesTemplate(d, skeleton, verified: !skeleton.statusCodes.isEmpty))
    case .npy:
        var writer = NPYTableWriter(sink: sink)
        if let name = array {
            let entries = plan.npzEntries(skeleton)
            guard let entry = entries.first(where: { $0.name == name }) else {
                throw CommandLineError(
                    "this request has no array '\(name)'", argument: "--array \(name)", underline: 8..<(8 + name.count),
                    hint: "its arrays: " + entries.map(\.name).joined(separator: ", "))
            }
            writer.array = entry
        }
        return writer
    case .npz:
        var writer = NPZTableWriter(sink: sink)
        writer.entries = plan.npzEntries(skeleton)
        return writer
    case .graph:
        preconditionFailure("the graph format holds no values")
    }
}

/// Whether `--out` is not written because `--verify --strict` failed: a file of reference
/// values exists only when it passed (an older file under that name is left as it was).
func withheld(_ summary: VerificationSummary?, _ options: Options) -> Bool {
    guard options.strict, options.out != nil, let summary else { return false }
    return !summary.passed(strict: true)
}

/// Writes `text` to the file `path`, atomically.
func writeText(_ text: String, to path: String) throws {
    let file = try AtomicFile(path: path)
    try file.write(Array(text.utf8))
    try file.commit()
}

/// Reads every point of `points` once, for the errors reading can find.
private func readThrough(_ points: some ChunkedPoints) throws(PointsError) {
    var first = 0
    while first < points.count {
        let range = first..<min(points.count, first + (1 << 16))
        _ = try points.columns(in: range)
        first = range.upperBound
    }
}
