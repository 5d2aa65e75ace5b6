// What a reference-value file holds: point columns, function and derivative values, arrays, metadata.
import SymDiff

/// One named column of values, with what it is the value of.
public struct OutputColumn: Hashable, Sendable {
    /// The column's name in every format: `x1`, `f`, `d/dx1`, `d2/dx1dx2`, `d2/dx1^2`.
    public var name: String
    /// One value per point.
    public var values: [Double]
    /// For a derivative, the variables it is taken with respect to, as a multiset.
    public var wrt: [String]
    /// For a function or derivative, its expression in the formula language.
    public var expression: String?
    /// With `--verify`, each value's status as its code in `OutputTable.statusCodes` (`0` for
    /// `ok`, ...): beside the values in JSON (the name), as a column `NAME:status` in CSV (the
    /// name) and `.npy` (the code), as a uint8 array `PYNAME_status` of codes in `.npz`.
    public var status: [UInt8]?
    /// With `--verify`, a bound on each value's absolute rounding error: beside the values in
    /// JSON, as a column `NAME:bound` in CSV and `.npy`, as an array `PYNAME_bound` in `.npz`.
    public var bound: [Double]?

    /// A column named `name`; `wrt` and `expression` describe derivatives in JSON output.
    public init(name: String, values: [Double], wrt: [String] = [], expression: String? = nil) {
        self.name = name
        self.values = values
        self.wrt = wrt
        self.expression = expression
    }
}

/// The values of one formula: the function, then its derivatives.
public struct OutputResult: Hashable, Sendable {
    /// The function's values (`name` usually `f`, `expression` the formula).
    public var function: OutputColumn
    /// One column per partial derivative.
    public var derivatives: [OutputColumn]

    /// A result from its function column and derivative columns.
    public init(function: OutputColumn, derivatives: [OutputColumn]) {
        self.function = function
        self.derivatives = derivatives
    }
}

/// A dense float64 array in C order, such as a batch-first gradient `(N, d)` or Hessian `(N, d, d)`.
public struct NDArray: Hashable, Sendable {
    /// The size of each dimension.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, last index fastest.
    public var values: [Double]

    /// An array of `shape` holding `values` in C order.
    public init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    /// The batch-first array `(N, d, ..., d)` of the partials of order `order` (the gradient
    /// `(N, d)`, the Hessian `(N, d, d)`, ...) by `variables` (`d` of them), from `partials`:
    /// each the variables it is taken by, a multiset, and its values at the `count` points.
    /// Every ordering of a multiset's indices gets its value (the Hessian is symmetric); entries
    /// by variables no partial names are 0. `nil` when no partial has that order.
    public static func batchFirst(
        _ partials: [(wrt: [String], values: [Double])], variables: [String], order: Int, count: Int
    ) -> NDArray? {
        guard let (rowShape, sources) = batchFirstLayout(partials.map(\.wrt), variables: variables, order: order) else { return nil }
        let stride = sources.count
        var values = [Double](repeating: 0, count: count * stride)
        for (p, source) in sources.enumerated() {
            guard let source else { continue }
            for n in 0..<count { values[n * stride + p] = partials[source].values[n] }
        }
        return NDArray(shape: [count] + rowShape, values: values)
    }

    /// Where each entry of one row of the batch-first array of order `order` comes from: the
    /// index in `wrts` (each partial's variables, a multiset) of its partial, `nil` for 0;
    /// with the row's shape `(d, ..., d)`. `nil` when no partial has that order.
    public static func batchFirstLayout(_ wrts: [[String]], variables: [String], order: Int) -> (rowShape: [Int], sources: [Int?])? {
        guard order >= 1, !variables.isEmpty, wrts.contains(where: { $0.count == order }) else { return nil }
        let d = variables.count
        let index = Dictionary(variables.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let stride = (0..<order).reduce(1) { product, _ in product * d }
        var sources = [Int?](repeating: nil, count: stride)
        for (k, wrt) in wrts.enumerated() where wrt.count == order {
            var ordering = wrt.compactMap { index[$0] }.sorted()
            guard ordering.count == order else { continue }
            repeat {
                sources[ordering.reduce(0) { $0 * d + $1 }] = k
            } while nextPermutation(&ordering)
        }
        return (Array(repeating: d, count: order), sources)
    }

    /// Steps `items` to the next distinct ordering in lexicographic order, or returns false
    /// after the last one (the classic next-permutation: each distinct ordering once).
    private static func nextPermutation(_ items: inout [Int]) -> Bool {
        guard var i = items.indices.dropLast().last(where: { items[$0] < items[$0 + 1] }) else { return false }
        let j = items.indices.last { items[$0] > items[i] }!
        items.swapAt(i, j)
        i += 1
        items[i...].reverse()
        return true
    }
}

/// A table of reference values: the point columns, then each result's function and
/// derivative columns, plus optional whole arrays and string metadata.
///
/// Invariant (checked by `validate(path:)` before anything is written): every column has
/// `points.count` values and column names are distinct.
public struct OutputTable: Hashable, Sendable {
    /// The sample points, one column per variable.
    public var points: PointSet
    /// The values, one result per formula.
    public var results: [OutputResult]
    /// The batch-first gradient `(N, d)`, written to `.npz` files as `gradient`.
    public var gradient: NDArray?
    /// The batch-first Hessian `(N, d, d)`, written to `.npz` files as `hessian`.
    public var hessian: NDArray?
    /// Metadata (symdiff version, formula, variables, order, seed or grid, conventions);
    /// written sorted by key.
    public var meta: [String: String]
    /// The status names by code, for the formats that store statuses as numbers: code `k`
    /// is `statusCodes[k]`. Every status of every column must be one of them.
    public var statusCodes: [String] = []

    /// A table of `results` at `points`.
    public init(
        points: PointSet, results: [OutputResult], gradient: NDArray? = nil, hessian: NDArray? = nil,
        meta: [String: String] = [:]
    ) {
        self.points = points
        self.results = results
        self.gradient = gradient
        self.hessian = hessian
        self.meta = meta
    }

    /// Every column in file order: points, then for each result its function and derivatives.
    public var columns: [OutputColumn] {
        zip(points.names, points.columns).map { OutputColumn(name: $0, values: $1) } + valueColumns
    }

    /// The function and derivative columns of every result, in file order.
    var valueColumns: [OutputColumn] { results.flatMap { [$0.function] + $0.derivatives } }

    /// The columns of the verification trace, after every value column: for each column
    /// with statuses `NAME:status` (the status codes, as numbers), and for each column with
    /// bounds `NAME:bound`.
    var traceColumns: [OutputColumn] {
        valueColumns.flatMap { column in
            let codes = column.status.map { $0.map { Double($0) } }
            return [codes.map { OutputColumn(name: column.name + ":status", values: $0) },
                    column.bound.map { OutputColumn(name: column.name + ":bound", values: $0) }].compactMap { $0 }
        }
    }

    /// The columns of the flat formats, CSV and `.npy`: `columns`, then `traceColumns`.
    public var flatColumns: [OutputColumn] { columns + traceColumns }

    /// The metadata as pairs sorted by key.
    var sortedMeta: [(String, String)] { meta.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Checks the invariant, the trace and the shapes of `gradient` and `hessian`.
    public func validate(path: String) throws(OutputError) {
        var seen = Set<String>()
        for column in valueColumns {
            if let unknown = column.status?.first(where: { Int($0) >= statusCodes.count }) {
                throw OutputError(.unknownStatus("code \(unknown)", column: column.name), path: path)
            }
        }
        // The names and lengths of `flatColumns`, without building the trace's arrays.
        let points = zip(self.points.names, self.points.columns).map { ($0, $1.count) }
        let values = valueColumns.map { ($0.name, $0.values.count) }
        let trace = valueColumns.flatMap { column in
            [column.status.map { (column.name + ":status", $0.count) }, column.bound.map { (column.name + ":bound", $0.count) }]
                .compactMap { $0 }
        }
        for (name, count) in points + values + trace {
            guard seen.insert(name).inserted else { throw OutputError(.duplicateColumn(name), path: path) }
            guard count == self.points.count else {
                throw OutputError(.columnLength(column: name, count: count, expected: self.points.count), path: path)
            }
        }
        for (name, array) in [("gradient", gradient), ("hessian", hessian)] {
            guard let array else { continue }
            let (count, overflow) = array.shape.reduce((1, false)) { acc, n in
                let (p, o) = acc.0.multipliedReportingOverflow(by: n)
                return (p, acc.1 || o || n < 0)
            }
            guard !overflow, count == array.values.count else {
                throw OutputError(.arrayShape(array: name, shape: array.shape, values: array.values.count), path: path)
            }
        }
    }
}

/// The file formats of reference values.
public enum TableFormat: String, CaseIterable, Sendable {
    /// A header row, one row per point; metadata beside it in `PATH.meta.json`.
    case csv
    /// `{"meta", "points", "results"}` with values; non-finite values are `null`.
    case json
    /// One 2-D float64 array `(N, columns)`; no names, no metadata.
    case npy
    /// A zip of 1-D float64 arrays named by column, plus `gradient`, `hessian` and `meta`.
    case npz

    /// The format named by the extension of `path` (`ref.npz` is `.npz`), if it is one.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

extension OutputTable {
    /// Writes the table to `path` atomically in `format` (by default, the one named by the
    /// extension), streaming CSV and NPY in blocks of `blockSize` rows.
    public func write(to path: String, format: TableFormat? = nil, blockSize: Int = 1 << 16) throws(OutputError) {
        guard let format = format ?? TableFormat(path: path) else {
            let ext = path.split(separator: "/").last.flatMap { $0.split(separator: ".").dropFirst().last } ?? ""
            throw OutputError(.unknownFormat(String(ext)), path: path)
        }
        try validate(path: path)
        switch format {
        case .json:
            var writer = JSONTableWriter(path: path, template: jsonTemplate())
            try writeBlocks(flatColumns, into: &writer, blockSize: blockSize)
        case .csv:
            var writer = CSVTableWriter(path: path)
            writer.labels = csvLabels
            try writeBlocks(flatColumns, into: &writer, blockSize: blockSize)
        case .npy:
            var writer = NPYTableWriter(path: path)
            try writeBlocks(flatColumns, into: &writer, blockSize: blockSize)
        case .npz:
            // Each whole array is written from block columns of its own elements, after `flatColumns`.
            let flat = flatColumns
            var blockNames = flat.map(\.name)
            let arrays = [("gradient", gradient), ("hessian", hessian)].compactMap { name, array in
                array.map { (Self.unique(name, avoiding: Set(points.names)), $0) }
            }
            var layouts: [(name: String, rowShape: [Int], sources: [Int?])] = []
            for (name, array) in arrays {
                let stride = array.values.count / Swift.max(1, points.count)
                layouts.append((name, Array(array.shape.dropFirst()), (0..<stride).map { blockNames.count + $0 }))
                blockNames += (0..<stride).map { "\(name)[\($0)]" }
            }
            let entries = npzEntries(arrays: layouts)
            var writer = NPZTableWriter(path: path)
            writer.entries = entries
            try writer.begin(TableHeader(columns: blockNames, rowCount: points.count, meta: meta))
            try forEachBlock(blockSize) { range throws(OutputError) in
                var block = flat.map { Array($0.values[range]) }
                for (_, array) in arrays {
                    let stride = array.values.count / Swift.max(1, points.count)
                    block += (0..<stride).map { k in range.map { array.values[$0 * stride + k] } }
                }
                try writer.append(block)
            }
            try writer.finish()
        }
    }

    /// The arrays of an `.npz` written from blocks whose columns are `flatColumns` (then any
    /// others `arrays` name): each point column under its name and each value column under
    /// its Python name (`pythonName`: `f`, `f_x`, `f_xt`, labelled with the column's name),
    /// then `arrays` (each with its row shape and the block column of each element of a row,
    /// `nil` for 0), then `NAME_bound` for each value column with bounds, then `NAME_status`
    /// as `|u1` codes. No name is a variable's.
    public func npzEntries(arrays: [(name: String, rowShape: [Int], sources: [Int?])]) -> [NPZEntry] {
        let names = Self.npzNames(valueColumns.map { ($0.name, $0.wrt) }, pointNames: points.names)
        var entries = points.names.enumerated().map { NPZEntry.column($1, $0) }
        var j = points.names.count
        var bounds: [NPZEntry] = []
        var statuses: [NPZEntry] = []
        for (column, name) in zip(valueColumns, names) {
            var entry = NPZEntry.column(name.value, j)
            entry.label = column.name
            entries.append(entry)
            j += 1
        }
        for (column, name) in zip(valueColumns, names) {
            if column.status != nil {
                var status = NPZEntry(name: name.status, gather: [j], codes: true)
                status.label = column.name + ":status"
                statuses.append(status)
                j += 1
            }
            if column.bound != nil {
                var bound = NPZEntry.column(name.bound, j)
                bound.label = column.name + ":bound"
                bounds.append(bound)
                j += 1
            }
        }
        return entries + arrays.map { NPZEntry(name: $0.name, rowShape: $0.rowShape, gather: $0.sources) } + bounds + statuses
    }

    /// The CSV text of the table: the header, one row per point, statuses by name (the
    /// metadata goes in a file of its own beside a CSV file).
    public func csvText() -> String {
        let all = flatColumns
        let header = TableHeader(columns: all.map(\.name), rowCount: points.count)
        let rows = CSVTableWriter.rows(all.map(\.values), 0..<points.count, labels: csvLabels)
        return CSVTableWriter.headerText(header) + String(decoding: rows, as: UTF8.self)
    }

    /// The status columns of `flatColumns` by index, with the names their codes stand for.
    public var csvLabels: [Int: [String]] {
        var labels: [Int: [String]] = [:]
        var j = columns.count
        for column in valueColumns {
            if column.status != nil { (labels[j], j) = (statusCodes, j + 1) }
            if column.bound != nil { j += 1 }
        }
        return labels
    }

    private func writeBlocks<Writer: TableWriter>(
        _ columns: [OutputColumn], into writer: inout Writer, blockSize: Int
    ) throws(OutputError) {
        try writer.begin(TableHeader(columns: columns.map(\.name), rowCount: points.count, meta: meta))
        try forEachBlock(blockSize) { range throws(OutputError) in try writer.append(columns.map { Array($0.values[range]) }) }
        try writer.finish()
    }

    /// Calls `body` with consecutive ranges of at most `blockSize` points, covering them all.
    private func forEachBlock(_ blockSize: Int, _ body: (Range<Int>) throws(OutputError) -> Void) throws(OutputError) {
        var start = 0
        while start < points.count {
            let end = min(points.count, start + max(1, blockSize))
            try body(start..<end)
            start = end
        }
    }
}

extension OutputTable {
    /// `name`, or with `_` appended until it is none of `taken`: an output name symdiff picks
    /// (a value column, `gradient`, `meta`) never takes a variable's.
    public static func unique(_ name: String, avoiding taken: Set<String>) -> String {
        var result = name
        while taken.contains(result) { result += "_" }
        return result
    }
}
