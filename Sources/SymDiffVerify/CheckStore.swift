// Where the workers of a check write every column's per-point results, each at its own points.
import SymDiff

/// The per-point results of every column, in memory the workers write at disjoint points, so
/// that no worker allocates or merges per-chunk copies (at 10^6 points those were 400 MB).
final class CheckStore: @unchecked Sendable {
    /// One column's arrays, indexed by point.
    struct Slots {
        let output, extended, autodiff, finiteDifference, tolerance, roundingBound: UnsafeMutablePointer<Double>
        let status: UnsafeMutablePointer<PointStatus>
        let agrees: UnsafeMutablePointer<Bool>
    }

    /// The doubles per column: output, extended, autodiff, finite difference, tolerance, bound.
    private static let doublesPerColumn = 6
    let columns: [Slots]
    private let count: Int
    private let doubles: UnsafeMutablePointer<Double>
    private let statuses: UnsafeMutablePointer<PointStatus>
    private let flags: UnsafeMutablePointer<Bool>

    /// Results for `template`'s columns at `count` points, none checked yet: the output is the
    /// symbolic value, the extended one the template's, the rest NaN, `unverified`, agreeing.
    init(_ template: [Verification.Column], count: Int) {
        self.count = count
        let width = template.count * count
        doubles = .allocate(capacity: Self.doublesPerColumn * width)
        doubles.initialize(repeating: .nan, count: Self.doublesPerColumn * width)
        statuses = .allocate(capacity: width)
        statuses.initialize(repeating: .unverified, count: width)
        flags = .allocate(capacity: width)
        flags.initialize(repeating: true, count: width)
        let (doubles, statuses, flags) = (doubles, statuses, flags)
        columns = template.indices.map { k in
            let base = doubles + Self.doublesPerColumn * k * count
            return Slots(
                output: base, extended: base + count, autodiff: base + 2 * count, finiteDifference: base + 3 * count,
                tolerance: base + 4 * count, roundingBound: base + 5 * count, status: statuses + k * count,
                agrees: flags + k * count)
        }
        for (k, column) in template.enumerated() {
            columns[k].output.update(from: column.symbolic, count: count)
            columns[k].extended.update(from: column.extended, count: count)
        }
    }

    deinit {
        doubles.deinitialize(count: Self.doublesPerColumn * columns.count * count)
        doubles.deallocate()
        statuses.deinitialize(count: columns.count * count)
        statuses.deallocate()
        flags.deinitialize(count: columns.count * count)
        flags.deallocate()
    }

    /// Copies the results into `columns`' arrays.
    func fill(_ columns: inout [Verification.Column]) {
        func array<T>(_ start: UnsafeMutablePointer<T>) -> [T] { Array(UnsafeBufferPointer(start: start, count: count)) }
        for (k, slots) in self.columns.enumerated() {
            columns[k].output = array(slots.output)
            columns[k].extended = array(slots.extended)
            columns[k].autodiff = array(slots.autodiff)
            columns[k].finiteDifference = array(slots.finiteDifference)
            columns[k].tolerance = array(slots.tolerance)
            columns[k].roundingBound = array(slots.roundingBound)
            columns[k].status = array(slots.status)
            columns[k].agrees = array(slots.agrees)
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
