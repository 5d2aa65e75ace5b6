// Binary64 block evaluation through the vector math routines of CVectorMath.
import CVectorMath

/// An array routine `y[i] = f(x[i])` of CVectorMath.
typealias UnaryRoutine = @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void
/// An array routine `y[i] = f(a[i], b[i])` of CVectorMath.
typealias BinaryRoutine = @convention(c) (
    UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int
) -> Void

/// The lane count of the vector kernels: tails are padded to it.
private let lanes = 4

/// Runs `routine(inputs, outputs, n)` over `count` values so that each value is computed in a
/// full group of `lanes`: the whole groups in place, the tail copied into a zero-padded scratch
/// group. A value's result then does not depend on where it sits in a block, so blocked and
/// one-point evaluation agree bit for bit.
private func lanewise(
    count: Int, inputs: (Int) -> [UnsafePointer<Double>], outputs: (Int) -> [UnsafeMutablePointer<Double>],
    _ routine: ([UnsafePointer<Double>], [UnsafeMutablePointer<Double>], Int) -> Void
) {
    let whole = count - count % lanes
    if whole > 0 { routine(inputs(0), outputs(0), whole) }
    guard whole < count else { return }
    let (tailInputs, tailOutputs) = (inputs(whole), outputs(whole))
    let tail = count - whole
    let size = lanes * (tailInputs.count + tailOutputs.count)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: size) { buffer in
        let scratch = buffer.baseAddress!
        scratch.initialize(repeating: 0, count: size)
        let paddedInputs = tailInputs.indices.map { k in
            (scratch + k * lanes).update(from: tailInputs[k], count: tail)
            return UnsafePointer(scratch + k * lanes)
        }
        let paddedOutputs = tailOutputs.indices.map { scratch + (tailInputs.count + $0) * lanes }
        routine(paddedInputs, paddedOutputs, lanes)
        for (output, padded) in zip(tailOutputs, paddedOutputs) { output.update(from: padded, count: tail) }
    }
}

private func unary(_ routine: UnaryRoutine, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
    if count % lanes == 0 { return routine(x, y, count) }
    lanewise(count: count, inputs: { [x + $0] }, outputs: { [y + $0] }) { x, y, n in routine(x[0], y[0], n) }
}

private func binary(
    _ routine: BinaryRoutine, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    _ count: Int
) {
    if count % lanes == 0 { return routine(a, b, y, count) }
    lanewise(count: count, inputs: { [a + $0, b + $0] }, outputs: { [y + $0] }) { x, y, n in routine(x[0], x[1], y[0], n) }
}

extension Double {
    /// `sin` and `cos` of each value in one pass of the fused vector routine, which gives the
    /// same bits as the separate ones; the tail is padded to a whole vector like the others.
    public static func sinCos(
        _ a: UnsafePointer<Double>, _ sine: UnsafeMutablePointer<Double>, _ cosine: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        if count % lanes == 0 { return symdiff_vec_sincos(a, sine, cosine, count) }
        lanewise(count: count, inputs: { [a + $0] }, outputs: { [sine + $0, cosine + $0] }) { x, y, n in
            symdiff_vec_sincos(x[0], y[0], y[1], n)
        }
    }

    /// `result[i] = -a[i]` or `1/a[i]` through the AVX2 loops (exact: the same bits).
    public static func unaryArithmetic(
        _ operation: Operation, _ a: UnsafePointer<Double>, _ result: UnsafeMutablePointer<Double>, count: Int
    ) {
        if operation == .negate {
            symdiff_vec_negate(a, result, count)
        } else {
            symdiff_vec_reciprocal(a, result, count)
        }
    }

    /// `result[i] = a[i] op b[i]` through the AVX2 loops (exact operations: the same bits).
    public static func arithmetic(
        _ operation: Operation, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        _ result: UnsafeMutablePointer<Double>, count: Int
    ) {
        switch operation {
        case .add: symdiff_vec_add(a, b, result, count)
        case .subtract: symdiff_vec_subtract(a, b, result, count)
        case .multiply: symdiff_vec_multiply(a, b, result, count)
        default: symdiff_vec_divide(a, b, result, count)
        }
    }

    /// A chain through the AVX2 loops (the same operations in the same order: the same bits).
    public static func chain(
        _ chain: Chain, _ operands: UnsafePointer<UnsafePointer<Double>>, _ result: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        operands.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: chain.operands.count) { operands in
            symdiff_vec_chain(chain.multiplies ? 1 : 0, operands, chain.negated, chain.operands.count, result, count)
        }
    }

    /// `result[i] = a[i]^b[i]` through glibc's libmvec pow (0.998 ulp, special values as `pow`).
    public static func power(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ result: UnsafeMutablePointer<Double>, count: Int
    ) {
        binary(symdiff_vec_pow, a, b, result, count)
    }

    /// The functions whose binary64 glibc libm exceeds 1 ulp (measured against Float80 and
    /// against mpmath): computed in x87 extended precision and rounded once, which is within
    /// 0.5 ulp plus the extended functions' own error (about 2^-11 ulp).
    private static func roundedFromExtended(_ f: Function) -> Bool {
        switch f {
        case .log10, .asinh, .acosh, .atanh, .cbrt: return true
        default: return false
        }
    }

    /// The CVectorMath routine that computes `f` by itself on whole groups of four, if there is
    /// one (native code calls it too).
    static func directRoutine(_ f: Function) -> UnaryRoutine? {
        #if arch(x86_64)
        if roundedFromExtended(f) { return nil }
        #endif
        switch f {
        case .sin: return symdiff_vec_sin
        case .cos: return symdiff_vec_cos
        case .tan: return symdiff_vec_tan
        case .asin: return symdiff_vec_asin
        case .acos: return symdiff_vec_acos
        case .atan: return symdiff_vec_atan
        case .sinh: return symdiff_vec_sinh
        case .cosh: return symdiff_vec_cosh
        case .tanh: return symdiff_vec_tanh
        case .asinh: return symdiff_vec_asinh
        case .acosh: return symdiff_vec_acosh
        case .atanh: return symdiff_vec_atanh
        case .exp: return symdiff_vec_exp
        case .log: return symdiff_vec_log
        case .log10: return symdiff_vec_log10
        case .log2: return symdiff_vec_log2
        case .sqrt: return symdiff_vec_sqrt
        case .cbrt: return symdiff_vec_cbrt
        case .erf: return symdiff_vec_erf
        case .erfc: return symdiff_vec_erfc
        case .ndtr: return symdiff_vec_ndtr
        case .tanhshrink: return symdiff_vec_tanhshrink
        case .geluTanh: return symdiff_vec_gelu_tanh
        case .expm1: return symdiff_vec_expm1
        case .log1p: return symdiff_vec_log1p
        // Built from others below, or defined functions (expanded before compiling).
        default: return nil
        }
    }

    /// A comparison, logic function or `select` as one loop per function, with no call or
    /// switch inside, which the compiler vectorizes; the same values as `Function.condition`.
    private static func conditions(
        _ f: Function, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ result: UnsafeMutablePointer<Double>,
        count n: Int
    ) {
        switch f {
        case .less: for i in 0..<n { result[i] = a[i] < b[i] ? 1 : 0 }
        case .lessEqual: for i in 0..<n { result[i] = a[i] <= b[i] ? 1 : 0 }
        case .greater: for i in 0..<n { result[i] = a[i] > b[i] ? 1 : 0 }
        case .greaterEqual: for i in 0..<n { result[i] = a[i] >= b[i] ? 1 : 0 }
        case .equal: for i in 0..<n { result[i] = a[i] == b[i] ? 1 : 0 }
        case .notEqual: for i in 0..<n { result[i] = a[i] != b[i] ? 1 : 0 }
        case .logicalAnd: for i in 0..<n { result[i] = a[i] != 0 && b[i] != 0 ? 1 : 0 }
        case .logicalOr: for i in 0..<n { result[i] = a[i] != 0 || b[i] != 0 ? 1 : 0 }
        case .logicalNot: for i in 0..<n { result[i] = a[i] == 0 ? 1 : 0 }
        default: for i in 0..<n { result[i] = a[i] != 0 ? b[i] : -0.0 }
        }
    }

    /// The two-argument CVectorMath routine that computes `f` by itself, if there is one.
    static func directBinaryRoutine(_ f: Function) -> BinaryRoutine? {
        switch f {
        case .atan2: return symdiff_vec_atan2
        case .hypot: return symdiff_vec_hypot
        default: return nil
        }
    }

    /// `result[i] = f(a[i], b[i])` through the vector routines, with the same formulas as
    /// `Function.evaluate` for the functions built from others (`sec = 1/cos`, `sigmoid`,
    /// `softplus`) and the scalar loop for the piecewise-linear ones.
    public static func apply(
        _ f: Function, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>?, _ result: UnsafeMutablePointer<Double>,
        count: Int
    ) {
        if let routine = directRoutine(f) { return unary(routine, a, result, count) }
        if let routine = directBinaryRoutine(f) { return binary(routine, a, b!, result, count) }
        #if arch(x86_64)
        if roundedFromExtended(f) {
            for i in 0..<count { result[i] = Double(f.evaluate(Float80(a[i]))) }
            return
        }
        #endif
        switch f {
        case .sec, .csc, .cot:
            unary(f == .sec ? symdiff_vec_cos : f == .csc ? symdiff_vec_sin : symdiff_vec_tan, a, result, count)
            for i in 0..<count { result[i] = 1 / result[i] }
        case .sigmoid:
            for i in 0..<count { result[i] = -Swift.abs(a[i]) }
            unary(symdiff_vec_exp, result, result, count)
            for i in 0..<count {
                let e = result[i]
                result[i] = a[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
            }
        case .softplus:
            for i in 0..<count { result[i] = -Swift.abs(a[i]) }
            unary(symdiff_vec_exp, result, result, count)
            unary(symdiff_vec_log1p, result, result, count)
            for i in 0..<count where a[i] > 0 { result[i] = a[i] + result[i] }
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalNot, .select:
            conditions(f, a, b ?? a, result, count: count)
        default:
            if let b {
                for i in 0..<count { result[i] = f.evaluate(a[i], b[i]) }
            } else {
                for i in 0..<count { result[i] = f.evaluate(a[i]) }
            }
        }
    }
}
