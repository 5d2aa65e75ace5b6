// Fuzz target 3: parse, differentiate to order 2, evaluate; symbolic and autodiff agree wherever the status is ok,
// and machine code gives the interpreter's bits.
import FuzzSupport
import SymDiff
import SymDiffIO
import SymDiffVerify

/// Limits that keep one run to milliseconds: short formulas, small graphs, low `D(...)`
/// orders, few partials.
let limits: Limits = {
    var limits = Limits()
    limits.maxFormulaBytes = 64 << 10
    limits.maxNestingDepth = 200
    limits.maxNodes = 20_000
    limits.maxDerivativeOrder = 6
    limits.maxPartials = 60
    limits.maxPrintedBytes = 1 << 20
    return limits
}()

/// The coordinates of the points, one row per point; variable `j` takes column `j % 5`.
/// Ordinary values, a zero (kinks of abs, relu, sign), a negative (outside log and sqrt),
/// and a large one (saturated tanh and exp).
let coordinates: [[Double]] = [
    [0.7, -1.3, 2.1, 0.25, 3.5],
    [0, 1, -0.5, 0, 0.5],
    [-2.75, 0.125, 1.5, -0.8, 40],
]

/// Differentiates the input to order 2 by every free variable, verifies the function and
/// every partial at the fixed points in binary64 and in extended precision, and traps when
/// any `ok` value disagrees with autodiff or when the machine code's bits differ from the
/// interpreter's at special points (`NativeBits`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    guard let derivatives = try? Derivatives(DerivativeRequest(formulas: [text], orders: 1...2, limits: limits)) else {
        return 0
    }
    let names = derivatives.freeVariables
    guard names.count <= 6 else { return 0 }
    NativeBits.check(derivatives, text: text)
    let columns = names.indices.map { j in coordinates.map { $0[j % 5] } }
    let points = PointSet(names: names, columns: columns, count: coordinates.count)
    for precision in [Precision.double, .extended] {
        let verification: Verification
        do {
            verification = try Verification(derivatives, at: points, precision: precision, threads: 1)
        } catch {
            fatalError("'\(text)': verification could not run: \(error)")
        }
        for column in verification.columns where column.disagreements > 0 {
            let i = column.agrees.firstIndex(of: false)!
            fatalError("""
                '\(text)' \(column.name) at \(names.indices.map { "\(names[$0])=\(columns[$0][i])" }) in \(precision): \
                symbolic \(column.symbolic[i]), extended \(column.extended[i]), autodiff \(column.autodiff[i]), \
                tolerance \(column.tolerance[i])
                """)
        }
    }
    return 0
}

#if !SYMDIFF_FUZZING
@main enum FuzzVerifyMain {
    static func main() { FuzzInput.runFiles(fuzzVerify) }
}
#endif
