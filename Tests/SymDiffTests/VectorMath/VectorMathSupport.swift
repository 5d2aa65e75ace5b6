// Error in ulps against Float80, sample points over the whole binary64 line, and array calls.
import Foundation

/// How many sample points per binade and per random batch the accuracy tests draw, set by the
/// environment variable `SYMDIFF_VECTORMATH_DENSITY` (default 4: about 90 000 points per
/// function). Setting it also prints each function's measured maximum errors; the bounds in the
/// tables were recorded at densities 16 and 64.
let sweepDensity = ProcessInfo.processInfo.environment["SYMDIFF_VECTORMATH_DENSITY"].flatMap { Int($0) } ?? 4

/// Whether the tests print their measurements (a density was set explicitly).
let printsMeasurements = ProcessInfo.processInfo.environment["SYMDIFF_VECTORMATH_DENSITY"] != nil

/// The error of `y` in units of the last place of binary64 at `exact`.
///
/// Semantics: NaN against NaN is 0, NaN against a number is infinite. Infinities count as
/// ±2^1024 (the next binade past the largest finite double), so an overflow at the threshold
/// is measured rather than called infinitely wrong. The ulp below 2^-1022 is the subnormal
/// spacing 2^-1074. Signs of zero are not compared here; the special-value tests do that.
func ulpError(_ y: Double, _ exact: Float80) -> Double {
    if y.isNaN || exact.isNaN { return y.isNaN && exact.isNaN ? 0 : .infinity }
    let limit = Float80(sign: .plus, exponent: 1024, significand: 1)
    let computed = y.isInfinite ? (y < 0 ? -limit : limit) : Float80(y)
    let target = Swift.max(-limit, Swift.min(limit, exact))
    let exponent = target == 0 ? -1022 : Swift.min(1023, Swift.max(-1022, Int(target.exponent)))
    let ulp = Float80(sign: .plus, exponent: exponent - 52, significand: 1)
    return Double(abs(computed - target) / ulp)
}

/// `x` with a uniformly random significand in every binade from 2^-1074 to 2^1023, `perBinade`
/// points each, both signs, plus the binade boundaries themselves.
func logSweep(perBinade: Int, using random: inout SeededGenerator) -> [Double] {
    var points: [Double] = []
    for exponent in -1074...1023 {
        points.append(Double(sign: .plus, exponent: exponent, significand: 1))
        for _ in 0..<perBinade {
            let significand = Double.random(in: 1..<2, using: &random)
            points.append(Double(sign: .plus, exponent: exponent, significand: significand))
        }
    }
    return points + points.map { -$0 }
}

/// `count` doubles with uniformly random bit patterns (every binade, NaNs and infinities alike).
func randomBitPatterns(_ count: Int, using random: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in Double(bitPattern: random.next()) }
}

/// Arguments with exceptional results or where implementations branch: zeros, infinities,
/// NaNs, subnormals, the ends of the range, huge arguments of sin and cos, poles and domain
/// edges, and arguments past the overflow and underflow thresholds of exp, sinh, cosh, erfc and
/// tanh. Where `mustMatchScalarLibm` says so, routines must give scalar libm's result bit for bit.
let specialValues: [Double] = {
    let base: [Double] = [
        0, .infinity, .nan, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
        1, 0x1p-54, 1e-300, 1e22, 1e300, 1e308, 710, 710.48, 745.14, 1000, 27.3, 38,
    ]
    return base + base.map { -$0 } + [-Double.nan, Double(bitPattern: 0x7FF0_0000_0000_0001)]
}()

/// Whether a routine must give scalar libm's result bit for bit: an argument or the result is
/// zero, subnormal, infinite or NaN. Elsewhere a result only has to be within the function's
/// ulp bound (pow(1e300, 0.5) is an ordinary argument pair, just a large one).
func mustMatchScalarLibm(arguments: [Double], result: Double) -> Bool {
    func exceptional(_ value: Double) -> Bool { value == 0 || value.isSubnormal || !value.isFinite }
    return arguments.contains(where: exceptional) || exceptional(result)
}

/// Ordinary arguments near branch points (thresholds, multiples of π, binade edges): they join
/// the accuracy sweep, where a result may differ from scalar libm's within the ulp bound.
let nearSpecialValues: [Double] = {
    let base: [Double] = [
        Double(1).nextUp, Double(1).nextDown, 0.5, 2, 3, 2.5, 1e-20, 1e-8, .pi / 4, .pi / 2, .pi, 2 * .pi, 1e6 * .pi,
        709.782712893384, 709.79, 710.4758600739439, 745.1332191019411, 708.39, 19.06, 22, 27.22, 6,
        0x1p-28, 0x1p52, 0x1p53, Double.leastNormalMagnitude.nextDown,
    ]
    return base + base.map { -$0 }
}()

/// A smaller set of special values for the two-argument functions, paired with each other.
let specialPairValues: [Double] = {
    let base: [Double] = [
        0, .infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1, 0.5, 2, 3, 2.5, 1e300, 1e-300,
        Double(1).nextUp, Double(1).nextDown,
    ]
    return base + base.map { -$0 }
}()

/// A double of random sign whose binade is uniform over all finite binades, significand uniform.
func logUniform(using random: inout SeededGenerator) -> Double {
    let exponent = Int.random(in: -1074...1023, using: &random)
    let magnitude = Double(sign: .plus, exponent: exponent, significand: Double.random(in: 1..<2, using: &random))
    return Bool.random(using: &random) ? magnitude : -magnitude
}

/// Signature of the one-argument array routines in CVectorMath.
typealias UnaryKernel = @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void

/// Signature of the two-argument array routines in CVectorMath.
typealias BinaryKernel = @convention(c) (
    UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int
) -> Void

/// `kernel` applied to the whole array `x` in one call.
func apply(_ kernel: UnaryKernel, _ x: [Double]) -> [Double] {
    [Double](unsafeUninitializedCapacity: x.count) { y, count in
        x.withUnsafeBufferPointer { kernel($0.baseAddress, y.baseAddress, x.count) }
        count = x.count
    }
}

/// `kernel` applied to the arrays `a` and `b` (of equal length) in one call.
func apply(_ kernel: BinaryKernel, _ a: [Double], _ b: [Double]) -> [Double] {
    [Double](unsafeUninitializedCapacity: a.count) { y, count in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in kernel(a.baseAddress, b.baseAddress, y.baseAddress, a.count) }
        }
        count = a.count
    }
}

/// `values` padded with 0.5 to a multiple of 4, so that every value goes through a vector block.
func paddedToBlocks(_ values: [Double]) -> [Double] {
    values + Array(repeating: 0.5, count: (4 - values.count % 4) % 4)
}
