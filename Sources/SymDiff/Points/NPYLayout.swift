// Where the named columns of a `.npy` points array are, checked once, for every reader.

/// The place of each variable's values in the data of a 2-D (or 1-D) float64 `.npy` array,
/// after checking the header's shape against the column names, the point limit and the file
/// size.
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
        self.selected = selected
    }

    /// The values of the variables at the points `range`, one array per variable, decoded
    /// from `bytes(offset, count)`: the `count` bytes of the file from `offset` on. It is
    /// asked once for all the rows in C order, once per variable when columns are contiguous.
    func columns(
        in range: Range<Int>, bytes: (_ offset: Int, _ count: Int) throws(PointsError) -> ArraySlice<UInt8>
    ) throws(PointsError) -> [[Double]] {
        if contiguous {
            return try selected.map { (j) throws(PointsError) in
                NPY.doubles(try bytes(dataOffset + 8 * (count * j + range.lowerBound), 8 * range.count), offset: 0, count: range.count)
            }
        }
        let rows = try bytes(dataOffset + 8 * width * range.lowerBound, 8 * width * range.count)
        return selected.map { NPY.doubles(rows, offset: 8 * $0, count: range.count, stride: width) }
    }
}
