// Grid and random point sets, reproducible bit for bit on every machine.

/// SplitMix64 (Steele, Lea and Flood 2014; the seeding generator of xoshiro): the state is
/// one 64-bit word, advanced by 0x9E3779B97F4A7C15 and mixed on every call.
///
///     state &+= 0x9E3779B97F4A7C15
///     z = (state ^ (state >> 30)) &* 0xBF58476D1CE4E5B9
///     z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
///     return z ^ (z >> 31)
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state; the first output is computed from `seed + 0x9E3779B97F4A7C15`.
    public private(set) var state: UInt64

    /// A generator whose first step starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in `[0, 1)` from the top 53 bits of the next output: `Double(next() >> 11) * 2^-53`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

extension PointSet {
    /// The tensor-product grid of `axes`, one axis per variable in column order, the last
    /// axis varying fastest (so the columns reshape to `(n1, n2, ...)` in C order).
    ///
    /// Axis values are `a + (b - a) * Double(i) / Double(n - 1)` for `i` in `0..<n`, except that
    /// the last is exactly `b`; a one-value axis is `a`.
    public static func grid(_ axes: [VariableInterval], maxPoints: Int = defaultMaxPoints) throws(PointsError) -> PointSet {
        var total = 1
        var overflow = false
        for axis in axes {
            guard axis.count >= 1 else { throw PointsError(.invalidPointCount(String(axis.count))) }
            let (product, o) = total.multipliedReportingOverflow(by: axis.count)
            (total, overflow) = (product, overflow || o)
        }
        if overflow || total > maxPoints {
            let count = overflow ? "\(axes.reduce(1.0) { $0 * Double($1.count) })" : String(total)
            throw PointsError(.tooManyPoints(count, limit: maxPoints))
        }
        var columns: [[Double]] = []
        var stride = total
        for axis in axes {
            let n = axis.count
            stride /= n
            let values = (0..<n).map { i in
                n == 1 ? axis.lower : i == n - 1 ? axis.upper : axis.lower + (axis.upper - axis.lower) * Double(i) / Double(n - 1)
            }
            var column = [Double]()
            column.reserveCapacity(total)
            let repeats = total / (n * stride)
            for _ in 0..<repeats {
                for value in values { column.append(contentsOf: repeatElement(value, count: stride)) }
            }
            columns.append(column)
        }
        return PointSet(names: axes.map(\.name), columns: columns, count: total)
    }

    /// `count` uniform random points from `SplitMix64(seed:)`, the same on every machine.
    ///
    /// Generation is point-major: for each point, for each variable in the order of
    /// `variables`, one `nextUnit()` `u` gives `a + (b - a) * u` for the variable's interval in
    /// `ranges` (`[0, 1)` when it has none); a result that rounds up to `b` becomes the largest
    /// double below `b`. So the first `n` points of a longer run are the points of a run of `n`.
    public static func random(
        count: Int, seed: UInt64, ranges: [VariableInterval] = [], variables: [String],
        maxPoints: Int = defaultMaxPoints
    ) throws(PointsError) -> PointSet {
        try checkPointCount(count, limit: maxPoints)
        let bounds = variables.map { name in
            ranges.last(where: { $0.name == name }).map { ($0.lower, $0.upper) } ?? (0, 1)
        }
        var columns = variables.map { _ in [Double](repeating: 0, count: max(count, 0)) }
        var generator = SplitMix64(seed: seed)
        for i in 0..<max(count, 0) {
            for (j, (a, b)) in bounds.enumerated() {
                let x = a + (b - a) * generator.nextUnit()
                columns[j][i] = x < b || a == b ? x : b.nextDown
            }
        }
        return PointSet(names: variables, columns: columns, count: max(count, 0))
    }
}
