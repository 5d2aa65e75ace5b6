// Where the named columns of a `.npy` points array are, checked once, for every reader.
import SymDiff

/// The place of each variable's values in the data of a 2-D (or 1-D) float64 `.npy` array,
/// after checking the header's shape against the column names, the point limit and the file
/// size; the values it decodes are checked to be finite.
///
/// The whole-file reader and `NPYFilePoints` (which reads large files piece by piece) both
/// decode through it, so they accept the same files and report the same errors at the same
/// byte offsets.
struct NPYLayout {
    /// The number of points: the rows of the array.
    let count: Int
    /// The number of columns of the array.
    let width: Int
    /// Whether each column's values are contiguous (Fortran order, or a single column)
    /// rather than interleaved row by row (C order).
    let contiguous: Bool
    /// The file offset of the first data byte.
    let dataOffset: Int
    /// The array column of each variable, in variable order.
    let selected: [Int]
    /// The variables, for errors about their values.
    let variables: [String]
    /// The file, for errors about values.
    let location: FileLocation

    /// The layout of `variables` in the array `header` describes, in a file of `byteCount`
    /// bytes; `columns` names the array's columns (default: `variables`).
    init(
        _ header: NPY.Header, byteCount: Int, location: FileLocation, variables: [String], columns: [String]?, maxPoints: Int
    ) throws(PointsError) {
        let names = columns ?? variables
        let (n, k): (Int, Int)
        switch header.shape.count {
        case 1 where names.count == 1: (n, k) = (header.shape[0], 1)
        case 2: (n, k) = (header.shape[0], header.shape[1])
        default:
            let expected = names.count == 1 ? "(N,) or (N, 1)" : "(N, \(names.count)) for columns \(names.joined(separator: ", "))"
            throw PointsError(.unsupportedShape(header.shape, expected: expected), at: header.shapeLocation)
        }
        guard k == names.count else {
            throw PointsError(.columnCountMismatch(found: k, variables: names), at: header.shapeLocation)
        }
        try checkPointCount(n, limit: maxPoints, location: header.shapeLocation)
        let (elements, overflow) = n.multipliedReportingOverflow(by: k)
        guard !overflow else { throw PointsError(.tooManyPoints(String(n), limit: maxPoints), at: header.shapeLocation) }
        try NPY.checkDataSize(header, elements: elements, byteCount: byteCount, at: location)
        var selected: [Int] = []
        for name in variables {
            guard let j = names.firstIndex(of: name) else { throw PointsError(.missingColumn(name, columns: names), at: location) }
            selected.append(j)
        }
        (count, width, contiguous, dataOffset) = (n, k, header.fortranOrder || k == 1, header.dataOffset)
        (self.selected, self.variables, self.location) = (selected, variables, location)
    }

    /// The values of the variables at the points `range`, one array per variable, decoded
    /// from `bytes(offset, count)`: the `count` bytes of the file from `offset` on. It is
    /// asked once for all the rows in C order, once per variable when columns are contiguous.
    /// A NaN or an infinity is `nonFiniteElement`, at its byte offset.
    func columns(
        in range: Range<Int>, bytes: (_ offset: Int, _ count: Int) throws(PointsError) -> ArraySlice<UInt8>
    ) throws(PointsError) -> [[Double]] {
        let columns: [[Double]]
        if contiguous {
            columns = try selected.map { (j) throws(PointsError) in
                NPY.doubles(try bytes(dataOffset + 8 * (count * j + range.lowerBound), 8 * range.count), offset: 0, count: range.count)
            }
        } else {
            let rows = try bytes(dataOffset + 8 * width * range.lowerBound, 8 * width * range.count)
            columns = selected.map { NPY.doubles(rows, offset: 8 * $0, count: range.count, stride: width) }
        }
        try checkFinite(columns, firstRow: range.lowerBound)
        return columns
    }

    /// Throws `nonFiniteElement` for the first row of `columns` (the values of the rows from
    /// `firstRow` on) that holds a NaN or an infinity, naming its first such variable: so a
    /// file read in pieces fails at the value the whole-file reader fails at. One pass over
    /// the values decoded, bound by memory speed: about 2.5 ms per 10^7 values.
    private func checkFinite(_ columns: [[Double]], firstRow: Int) throws(PointsError) {
        var found: (row: Int, variable: Int)?
        for (k, values) in columns.enumerated() {
            if let i = values.firstIndex(where: { !$0.isFinite }), i < found?.row ?? Int.max { found = (i, k) }
        }
        guard let (i, k) = found else { return }
        let (row, j) = (firstRow + i, selected[k])
        let offset = dataOffset + 8 * (contiguous ? count * j + row : width * row + j)
        throw PointsError(.nonFiniteElement("\(columns[k][i])", column: variables[k], row: row), at: location.at(byte: offset))
    }
}
