// Distance between two binary64 values in units in the last place, counted as representable steps.

/// How many binary64 values lie between `value` and `reference`, counting one end: 0 when
/// they are the same double, 1 when they are neighbours.
///
/// `reference` is the correctly rounded true value, so 0 means `value` is the nearest double.
/// Within one binade this is `|value - reference| / reference.ulp`. Counting steps instead of
/// dividing by one ulp keeps the measure symmetric where the spacing changes: the double
/// just below a power of two is 1 step from it (its distance is only half the power's ulp),
/// and subnormals are spaced 2^-1074 like the smallest normal binade, which the bit patterns
/// already encode. Across zero the steps on both sides add up.
///
/// Semantics: `+0` and `-0` are the same value; NaN against NaN is 0 and NaN against anything
/// else is infinite; an infinity is one step past the largest finite double of its sign, so
/// an overflow at the threshold is measured rather than called infinitely wrong.
func ulps(_ value: Double, _ reference: Double) -> Double {
    if value.isNaN || reference.isNaN { return value.isNaN && reference.isNaN ? 0 : .infinity }
    let (a, b) = (orderedSteps(value), orderedSteps(reference))
    return Double(a > b ? UInt64(a - b) : UInt64(b - a))
}

/// `x`'s position on the line of binary64 values: its bit pattern for `x >= 0`, the negated
/// pattern of `-x` below 0, so that neighbours differ by 1 and both zeros are 0.
private func orderedSteps(_ x: Double) -> Int64 {
    let magnitude = Int64(bitPattern: x.magnitude.bitPattern)
    return x.sign == .minus ? -magnitude : magnitude
}
