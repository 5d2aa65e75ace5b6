// Per-column figures of a verification: largest differences, worst point, finite-difference spread.

extension Verification.Column {
    /// The largest differences between the output value and the autodiff value
    /// over the `ok` points, and where the largest in ulps occurs.
    public struct Differences: Sendable, Equatable {
        public var absolute = 0.0
        /// Relative to the autodiff value (0 where both are 0).
        public var relative = 0.0
        /// In units in the last place of the larger of the two.
        public var ulps = 0.0
        /// The point of the largest difference in ulps, if any `ok` point differs at all.
        public var worstPoint: Int?
        /// The tolerance at `worstPoint`, in ulps.
        public var toleranceUlps = 0.0
    }

    /// The differences between the two paths at the `ok` points.
    public var differences: Differences {
        var d = Differences()
        for i in status.indices where status[i] == .ok {
            let s = output[i]
            let a = autodiff[i]
            let absolute = Swift.abs(s - a)
            let ulp = Swift.max(Swift.abs(s), Swift.abs(a)).ulp
            d.absolute = Swift.max(d.absolute, absolute)
            if a != 0 { d.relative = Swift.max(d.relative, absolute / Swift.abs(a)) }
            if absolute / ulp > d.ulps {
                d.ulps = absolute / ulp
                d.worstPoint = i
                d.toleranceUlps = tolerance[i] / ulp
            }
        }
        return d
    }

    /// The largest `|finite difference - symbolic| / max(1, |symbolic|)` over the `ok`
    /// points, or `nil` for the function (no finite difference is taken).
    public var finiteDifferenceSpread: Double? {
        guard !wrt.isEmpty else { return nil }
        var spread = 0.0
        for (i, estimate) in finiteDifference where status[i] == .ok {
            spread = Swift.max(spread, Swift.abs(estimate - output[i]) / Swift.max(1, Swift.abs(output[i])))
        }
        return spread
    }

    /// The points where the values disagree.
    public var disagreeingPoints: [Int] { agrees.indices.filter { !agrees[$0] } }
}
