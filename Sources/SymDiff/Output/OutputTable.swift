// What a reference-value file holds: point columns, function and derivative values, arrays, metadata.

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
    /// With `--verify`, each value's status (`ok`, `nondifferentiable`, ...), written next to
    /// the values in JSON.
    public var status: [String]?

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
        zip(points.names, points.columns).map { OutputColumn(name: $0, values: $1) }
            + results.flatMap { [$0.function] + $0.derivatives }
    }

    /// The metadata as pairs sorted by key.
    var sortedMeta: [(String, String)] { meta.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Checks the invariant and the shapes of `gradient` and `hessian`.
    public func validate(path: String) throws(OutputError) {
        var seen = Set<String>()
        for column in columns {
            guard seen.insert(column.name).inserted else { throw OutputError(.duplicateColumn(column.name), path: path) }
            guard column.values.count == points.count else {
                throw OutputError(.columnLength(column: column.name, count: column.values.count, expected: points.count), path: path)
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
    /// A `# {meta}` line, a header row, one row per point.
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
        let header = TableHeader(columns: columns.map(\.name), rowCount: points.count, meta: meta)
        switch format {
        case .json:
            let file = try AtomicFile(path: path)
            try file.write(jsonDocument().utf8)
            try file.commit()
        case .csv:
            var writer = CSVTableWriter(path: path)
            try writeBlocks(into: &writer, header: header, blockSize: blockSize)
        case .npy:
            var writer = NPYTableWriter(path: path)
            try writeBlocks(into: &writer, header: header, blockSize: blockSize)
        case .npz:
            var writer = NPZTableWriter(path: path)
            writer.arrays = [("gradient", gradient), ("hessian", hessian)].compactMap { name, array in array.map { (name, $0) } }
            try writeBlocks(into: &writer, header: header, blockSize: blockSize)
        }
    }

    private func writeBlocks<Writer: TableWriter>(into writer: inout Writer, header: TableHeader, blockSize: Int) throws(OutputError) {
        try writer.begin(header)
        let all = columns.map(\.values)
        var start = 0
        while start < points.count {
            let end = min(points.count, start + max(1, blockSize))
            try writer.append(all.map { Array($0[start..<end]) })
            start = end
        }
        try writer.finish()
    }
}
