// Grid and random point sets, reproducible bit for bit on every machine.
import Dispatch
import SymDiff

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

/// The points of a tensor-product grid, computed a range at a time from their indices, so a
/// run over a large grid holds only the range in flight (see `PointSet.grid`).
public struct GridPoints: ChunkedPoints, Sendable {
    /// The variables, in column order.
    public let names: [String]
    /// The number of points.
    public let count: Int
    /// The values of each axis, in column order.
    private let axes: [[Double]]

    /// The grid of `axes`, one per variable in column order, or an error when an axis is empty
    /// or the grid has more than `maxPoints` points.
    public init(_ axes: [VariableInterval], maxPoints: Int = PointSet.defaultMaxPoints) throws(PointsError) {
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
        names = axes.map(\.name)
        count = total
        self.axes = axes.map { axis in
            let n = axis.count
            return (0..<n).map { i in
                n == 1 ? axis.lower : i == n - 1 ? axis.upper : axis.lower + (axis.upper - axis.lower) * Double(i) / Double(n - 1)
            }
        }
    }

    /// The values of the points `range`, the last axis varying fastest.
    public func columns(in range: Range<Int>) -> [[Double]] {
        var stride = count
        return axes.map { values in
            stride /= values.count
            return range.map { i in values[(i / stride) % values.count] }
        }
    }
}

/// Uniform random points from `SplitMix64`, computed a range at a time: SplitMix64's state
/// after `k` steps is `seed + k * 0x9E3779B97F4A7C15`, so any point's values can be found
/// without the ones before it (see `PointSet.random`).
public struct RandomPoints: ChunkedPoints, Sendable {
    /// The variables, in column order.
    public let names: [String]
    /// The number of points.
    public let count: Int
    private let seed: UInt64
    /// Each variable's interval, in column order.
    private let bounds: [(lower: Double, upper: Double)]
    /// How many threads make the points.
    private let threads: Int

    /// `count` points of `variables`, each in its interval of `ranges` (`[0, 1)` when it has
    /// none), made on `threads` threads, or an error when `count` is above `maxPoints`.
    public init(
        count: Int, seed: UInt64, ranges: [VariableInterval] = [], variables: [String],
        maxPoints: Int = PointSet.defaultMaxPoints, threads: Int = ProcessInfoCores.count
    ) throws(PointsError) {
        try checkPointCount(count, limit: maxPoints)
        self.threads = Swift.max(1, threads)
        names = variables
        self.count = max(count, 0)
        self.seed = seed
        bounds = variables.map { name in
            ranges.last(where: { $0.name == name }).map { ($0.lower, $0.upper) } ?? (0, 1)
        }
    }

    /// The values of the points `range`, one array per variable: pieces of 16K points are
    /// made on the threads, each from its own place in the sequence, so the values do not
    /// depend on the number of threads.
    public func columns(in range: Range<Int>) -> [[Double]] {
        let pieces = (range.count + Self.piece - 1) / Self.piece
        let bounds = self.bounds
        let seed = self.seed
        return makeColumns(bounds.count, count: range.count) { columns in
            // Every value is written by exactly one piece.
            nonisolated(unsafe) let shared = columns
            /// Makes piece `p` of the range.
            @Sendable func makePiece(_ p: Int) {
                let first = range.lowerBound + p * Self.piece
                let count = Swift.min(Self.piece, range.upperBound - first)
                let steps = UInt64(truncatingIfNeeded: first) &* UInt64(truncatingIfNeeded: bounds.count)
                var generator = SplitMix64(seed: seed &+ steps &* 0x9E37_79B9_7F4A_7C15)
                for i in (first - range.lowerBound)..<(first - range.lowerBound + count) {
                    for (j, (a, b)) in bounds.enumerated() {
                        let x = a + (b - a) * generator.nextUnit()
                        shared[j][i] = x < b || a == b ? x : b.nextDown
                    }
                }
            }
            let workers = Swift.min(threads, pieces)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for p in stride(from: worker, to: pieces, by: workers) { makePiece(p) }
            }
        }
    }

    /// The points one worker makes at a time.
    private static let piece = 1 << 14
}

extension PointSet {
    /// The tensor-product grid of `axes`, one axis per variable in column order, the last
    /// axis varying fastest (so the columns reshape to `(n1, n2, ...)` in C order).
    ///
    /// Axis values are `a + (b - a) * Double(i) / Double(n - 1)` for `i` in `0..<n`, except that
    /// the last is exactly `b`; a one-value axis is `a`.
    public static func grid(_ axes: [VariableInterval], maxPoints: Int = defaultMaxPoints) throws(PointsError) -> PointSet {
        let grid = try GridPoints(axes, maxPoints: maxPoints)
        return PointSet(names: grid.names, columns: grid.columns(in: 0..<grid.count), count: grid.count)
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
        let random = try RandomPoints(count: count, seed: seed, ranges: ranges, variables: variables, maxPoints: maxPoints)
        return PointSet(names: variables, columns: random.columns(in: 0..<random.count), count: random.count)
    }
}
