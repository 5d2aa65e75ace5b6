// JSON output written block by block: each column's values wait in a scratch file until the
// document reaches them.
import SymDiff

/// JSON: the document of a `JSONTemplate`, its holes filled with the columns of the blocks.
///
/// A JSON document lists each column's values whole, one column after another, while blocks
/// bring every column a few rows at a time; so each block's text for each hole goes to a
/// scratch file (beside the output, or in `TMPDIR` for standard output and devices), and
/// `finish` writes the document, copying each hole's pieces in order. Memory stays at one
/// block; the disk holds the values twice until the output is complete.
public struct JSONTableWriter: TableWriter {
    private var state: WriterState
    private let template: JSONTemplate
    private var scratch: ScratchFile?
    /// For each piece of the template, the ranges of the scratch file holding its text.
    private var segments: [[Range<Int>]] = []
    /// The JSON text of the template's `late` pieces, by key: to be set before `finish`.
    public var late: [String: String] = [:]

    /// A writer of the JSON file `path` shaped by `template`.
    public init(path: String, template: JSONTemplate) {
        state = WriterState(path: path)
        self.template = template
    }

    /// A writer to `sink` (standard output, say) shaped by `template`.
    public init(sink: any ByteSink, template: JSONTemplate) {
        state = WriterState(sink: sink)
        self.template = template
    }

    public mutating func begin(_ header: TableHeader) throws(OutputError) {
        try state.begin(header)
        segments = template.pieces.map { _ in [] }
        do { scratch = try ScratchFile(serving: state.sink!) } catch {
            state.fail()
            throw error
        }
    }

    /// Formats each hole's values of `block` in pieces of 64K values, eight pieces at once on
    /// all cores, and appends them to the scratch file.
    public mutating func append(_ block: [[Double]]) throws(OutputError) {
        let rows = try state.check(block)
        guard let scratch, rows > 0 else { return }
        let firstRow = state.rows - rows
        let step = 1 << 16
        var pieces: [(hole: Int, rows: Range<Int>)] = []
        for (p, piece) in template.pieces.enumerated() {
            if case .text = piece { continue }
            if case .late = piece { continue }
            for start in stride(from: 0, to: rows, by: step) { pieces.append((p, start..<min(rows, start + step))) }
        }
        let template = self.template
        do {
            for group in stride(from: 0, to: pieces.count, by: 8) {
                let part = pieces[group..<min(pieces.count, group + 8)]
                let texts = inParallel(part.count) { k in
                    let (hole, range) = part[part.startIndex + k]
                    let separator: [UInt8] = firstRow + range.lowerBound > 0 ? [0x2C, 0x20] : []
                    return separator + template.elements(template.pieces[hole], block, rows: range)
                }
                for (k, text) in texts.enumerated() {
                    let start = try scratch.append(text)
                    segments[part[part.startIndex + k].hole].append(start..<(start + text.count))
                }
            }
        } catch {
            state.fail()
            throw error
        }
    }

    public mutating func finish() throws(OutputError) {
        guard let sink = state.sink, let scratch else { throw OutputError(.writerState("finish was called before begin"), path: state.path) }
        do {
            for (p, piece) in template.pieces.enumerated() {
                switch piece {
                case .text(let text):
                    try sink.write(Array(text.utf8))
                    continue
                case .late(let key):
                    try sink.write(Array((late[key] ?? "null").utf8))
                    continue
                case .numbers, .names: break
                }
                try sink.write([UInt8(ascii: "[")])
                for segment in segments[p] { try scratch.copy(segment, to: sink) }
                try sink.write([UInt8(ascii: "]")])
            }
        } catch {
            state.fail()
            throw error
        }
        try state.finish()
    }
}
