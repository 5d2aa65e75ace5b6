// Arrays of values from someone else's code, to compare with symdiff's: `.npy`, an array of a
// `.npz` archive, or columns of a CSV file.
import SymDiff

/// A numeric array of any shape, in C order, read from a file another program wrote, with the
/// precision it was stored in.
public struct ValueArray: Sendable {
    /// The file, and the array or columns in it: `u.npy`, `ref.npz(hessian)`, `out.csv(u_x,u_t)`.
    public var name: String
    /// The size of each axis.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, last axis fastest; NaN and infinities as stored.
    public var values: [Double]
    /// Whether the file stored float32 (`<f4`): its values carry float32's rounding.
    public var singlePrecision: Bool

    public init(name: String, shape: [Int], values: [Double], singlePrecision: Bool) {
        (self.name, self.shape, self.values, self.singlePrecision) = (name, shape, values, singlePrecision)
    }

    /// The dtypes read: little-endian float64 and float32.
    static let dtypes: Set<String> = ["<f8", "<f4"]

    /// Reads the array in `bytes` (told apart by their first bytes, as points files are): a
    /// `.npy` array; the array `keys[0]` of a `.npz` archive (or its only array); the columns
    /// `keys` of a CSV file, as an `(N, k)` array (`(N,)` for one). At most `maxValues` values.
    public static func read(bytes: [UInt8], file: String, keys: [String], maxValues: Int) throws(PointsError) -> ValueArray {
        if bytes.starts(with: NPY.magic) {
            return try npy(bytes, location: FileLocation(file: file), name: file, maxValues: maxValues)
        }
        if bytes.starts(with: Array("PK".utf8)) { return try npz(bytes, file: file, key: keys.first, maxValues: maxValues) }
        guard !keys.isEmpty else { throw PointsError(.columnsNotNamed, at: FileLocation(file: file)) }
        let points = try PointSet.csv(bytes: bytes, file: file, variables: keys, maxPoints: maxValues / Swift.max(1, keys.count))
        var values = [Double](repeating: 0, count: points.count * keys.count)
        for (j, column) in points.columns.enumerated() {
            for i in 0..<points.count { values[i * keys.count + j] = column[i] }
        }
        let shape = keys.count == 1 ? [points.count] : [points.count, keys.count]
        return ValueArray(name: "\(file)(\(keys.joined(separator: ",")))", shape: shape, values: values, singlePrecision: false)
    }

    /// The array of a `.npy` file's bytes, float64 or float32, C or Fortran order.
    static func npy(_ bytes: [UInt8], location: FileLocation, name: String, maxValues: Int) throws(PointsError) -> ValueArray {
        let header = try NPY.header(of: bytes, at: location, descrs: dtypes)
        let single = header.descr == "<f4"
        var count = 1
        for n in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow, product <= maxValues else {
                throw PointsError(.tooManyPoints(">\(maxValues)", limit: maxValues), at: header.shapeLocation)
            }
            count = product
        }
        let width = single ? 4 : 8
        let found = bytes.count - header.dataOffset
        if found < count * width {
            throw PointsError(.truncated(expectedBytes: count * width, foundBytes: found), at: location.at(byte: bytes.count))
        }
        if found > count * width {
            throw PointsError(.trailingData(bytes: found - count * width), at: location.at(byte: header.dataOffset + count * width))
        }
        var values = single
            ? bytes.withUnsafeBytes { raw in
                (0..<count).map { i in
                    Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: header.dataOffset + 4 * i, as: UInt32.self))))
                }
            }
            : NPY.doubles(bytes[...], offset: header.dataOffset, count: count)
        if header.fortranOrder && header.shape.count > 1 { values = cOrder(values, shape: header.shape) }
        return ValueArray(name: name, shape: header.shape, values: values, singlePrecision: single)
    }

    /// Every float64 or float32 array of a `.npz` archive, by name (others, such as a unicode
    /// `meta`, are left out).
    public static func arrays(ofArchive bytes: [UInt8], file: String, maxValues: Int) throws(PointsError) -> [ValueArray] {
        let location = FileLocation(file: file)
        var result: [ValueArray] = []
        for entry in try ZipArchive.entries(bytes, at: location) {
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            guard entry.size / 4 <= maxValues + 8192 else { continue }
            let contents = try ZipArchive.contents(of: entry, in: bytes, at: location)
            let entryLocation = FileLocation(file: "\(file)(\(entry.name))")
            guard let array = try? npy(contents, location: entryLocation, name: "\(file)(\(name))", maxValues: maxValues) else { continue }
            result.append(array)
        }
        return result
    }

    /// The array `key` of a `.npz` archive (entry `key.npy` or `key`), or its only array.
    static func npz(_ bytes: [UInt8], file: String, key: String?, maxValues: Int) throws(PointsError) -> ValueArray {
        let location = FileLocation(file: file)
        let entries = try ZipArchive.entries(bytes, at: location)
        let arrays = entries.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
        let index: Int
        if let key {
            guard let found = arrays.firstIndex(of: key) else { throw PointsError(.missingArray(key, arrays: arrays), at: location) }
            index = found
        } else {
            guard arrays.count == 1 else { throw PointsError(.arrayNotNamed(arrays: arrays), at: location) }
            index = 0
        }
        guard entries[index].size / 4 <= maxValues + 8192 else {
            throw PointsError(.tooManyPoints(">\(maxValues)", limit: maxValues), at: location)
        }
        let contents = try ZipArchive.contents(of: entries[index], in: bytes, at: location)
        let name = "\(file)(\(arrays[index]))"
        return try npy(contents, location: FileLocation(file: "\(file)(\(entries[index].name))"), name: name, maxValues: maxValues)
    }

    /// Fortran-order `values` of `shape` (first axis fastest) in C order (last axis fastest).
    private static func cOrder(_ values: [Double], shape: [Int]) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for c in 0..<values.count {
            var f = 0
            var stride = 1
            for axis in 0..<shape.count {
                f += index[axis] * stride
                stride *= shape[axis]
            }
            result[c] = values[f]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
