// Values written as they are computed, in every format, one chunk of points at a time.
import Foundation
import SymDiff

/// Writes the values at the points of `source` in `format` to `--out`, or to `standardOutput`,
/// as they are computed: memory holds one chunk of points and values (`ValuePlan.chunkValues`)
/// whatever the number of points. `--out` is an atomic file, so a failure leaves no file;
/// on standard output a large `.npy` points file is read through once first, so that a bad
/// value in it is an error before anything is printed.
func writeStreamed(
    _ d: Derivatives, at source: PointsSource, options: Options, format: OutputFormat, standardOutput: StreamSink
) throws {
    let points = try streamedPoints(options, source: source, variables: d.pointVariables)
    let plan = try ValuePlan(d, inputs: points.names, options: options, source: source)
    let sink: any ByteSink
    if let out = options.out { sink = try AtomicFile(path: out) } else { sink = standardOutput }
    do {
        if options.out == nil, points is NPYFilePoints { try readThrough(points) }
        switch format {
        case .text:
            try sink.write(Array((try textReport(d) + "\n").utf8))
            var writer = CSVTableWriter(sink: sink)
            try plan.stream(points, into: &writer, meta: false)
        case .csv:
            var writer = CSVTableWriter(sink: sink)
            try plan.stream(points, into: &writer)
        case .json:
            var writer = JSONTableWriter(sink: sink, template: jsonValuesTemplate(d, plan.skeleton(pointNames: points.names)))
            try plan.stream(points, into: &writer)
        case .npy:
            var writer = NPYTableWriter(sink: sink)
            try plan.stream(points, into: &writer)
        case .npz:
            var writer = NPZTableWriter(sink: sink)
            writer.entries = plan.npzEntries(pointNames: points.names)
            try plan.stream(points, into: &writer)
        case .graph:
            preconditionFailure("the graph format holds no values")
        }
    } catch let error as PointsError {
        sink.discard()
        // Only a points file read as the output is written fails here.
        guard case .file(let path) = source else { throw error }
        throw pointsFileError(error, path: path)
    } catch {
        sink.discard()
        throw error
    }
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
