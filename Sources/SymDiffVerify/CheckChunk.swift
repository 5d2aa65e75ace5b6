// One worker's results for the chunk of points it checks, merged into the columns when done.
import SymDiff
import SymDiffIO

/// A worker's per-point results for one chunk, by slot (the point's place in the chunk).
///
/// Workers write here, then copy the chunk into the columns under a lock (`merge`), so the
/// only memory as large as the point set is the columns' own arrays, each written once (at
/// 10^6 points, keeping a second full-size copy cost 300 MB and most of a second).
final class CheckChunk {
    /// One column's values, indexed by slot.
    struct Slots {
        let symbolic, output, extended, autodiff, finiteDifference, tolerance, roundingBound: UnsafeMutablePointer<Double>
        let status: UnsafeMutablePointer<PointStatus>
        let agrees: UnsafeMutablePointer<Bool>
    }

    /// The doubles per column: symbolic, output, extended, autodiff, finite difference,
    /// tolerance, bound.
    private static let doublesPerColumn = 7
    let columns: [Slots]
    /// The points' coordinates, by variable then slot.
    let inputs: [UnsafeMutablePointer<Double>]
    private let capacity: Int
    private let doubles: UnsafeMutablePointer<Double>
    private let statuses: UnsafeMutablePointer<PointStatus>
    private let flags: UnsafeMutablePointer<Bool>

    /// Room for `columnCount` columns at up to `capacity` points of `variableCount` variables.
    init(columnCount: Int, variableCount: Int, capacity: Int) {
        self.capacity = capacity
        let width = columnCount * capacity
        let count = Self.doublesPerColumn * width + variableCount * capacity
        doubles = .allocate(capacity: count)
        doubles.initialize(repeating: .nan, count: count)
        statuses = .allocate(capacity: width)
        statuses.initialize(repeating: .unverified, count: width)
        flags = .allocate(capacity: width)
        flags.initialize(repeating: true, count: width)
        let (doubles, statuses, flags) = (doubles, statuses, flags)
        columns = (0..<columnCount).map { k in
            let base = doubles + Self.doublesPerColumn * k * capacity
            return Slots(
                symbolic: base, output: base + capacity, extended: base + 2 * capacity, autodiff: base + 3 * capacity,
                finiteDifference: base + 4 * capacity, tolerance: base + 5 * capacity, roundingBound: base + 6 * capacity,
                status: statuses + k * capacity, agrees: flags + k * capacity)
        }
        inputs = (0..<variableCount).map { doubles + Self.doublesPerColumn * width + $0 * capacity }
    }

    deinit {
        doubles.deinitialize(count: (Self.doublesPerColumn * columns.count + inputs.count) * capacity)
        doubles.deallocate()
        statuses.deinitialize(count: columns.count * capacity)
        statuses.deallocate()
        flags.deinitialize(count: columns.count * capacity)
        flags.deallocate()
    }

    /// Makes the slots ready for the points `chunk` (at most `capacity`) of `points`: their
    /// coordinates, the symbolic and extended values the template's, finite differences NaN
    /// (the others are written by every check).
    func reset(for chunk: [Int], points: PointSet, template: [Verification.Column]) {
        for (v, column) in points.columns.enumerated() {
            for (slot, i) in chunk.enumerated() { inputs[v][slot] = column[i] }
        }
        for (k, slots) in columns.enumerated() {
            for (slot, i) in chunk.enumerated() {
                slots.symbolic[slot] = template[k].symbolic[i]
                slots.extended[slot] = template[k].extended[i]
                slots.finiteDifference[slot] = .nan
            }
        }
    }

    /// Copies the results for the points `chunk` into `columns`. An extended value is copied
    /// only where the check changed it, so a column whose extended values all stay shares the
    /// template's array.
    func merge(_ chunk: [Int], into columns: inout [Verification.Column]) {
        for (k, slots) in self.columns.enumerated() {
            columns[k].output.scatter(slots.output, to: chunk)
            columns[k].autodiff.scatter(slots.autodiff, to: chunk)
            columns[k].tolerance.scatter(slots.tolerance, to: chunk)
            columns[k].roundingBound.scatter(slots.roundingBound, to: chunk)
            columns[k].status.scatter(slots.status, to: chunk)
            columns[k].agrees.scatter(slots.agrees, to: chunk)
            for (slot, i) in chunk.enumerated() {
                if slots.extended[slot].bitPattern != columns[k].extended[i].bitPattern {
                    columns[k].extended[i] = slots.extended[slot]
                }
                if !slots.finiteDifference[slot].isNaN { columns[k].finiteDifference[i] = slots.finiteDifference[slot] }
            }
        }
    }
}

extension Array {
    /// Writes `values[slot]` at index `indices[slot]` for every slot.
    fileprivate mutating func scatter(_ values: UnsafeMutablePointer<Element>, to indices: [Int]) {
        withUnsafeMutableBufferPointer { buffer in
            for (slot, i) in indices.enumerated() { buffer[i] = values[slot] }
        }
    }
}

/// The one-sided partials and limits a worker found, by column and point: few, so kept aside.
struct CheckSpecials {
    var oneSided: [[Int: OneSided]]
    var limits: [[Int: Double]]

    init(columns: Int) {
        oneSided = Array(repeating: [:], count: columns)
        limits = Array(repeating: [:], count: columns)
    }
}
