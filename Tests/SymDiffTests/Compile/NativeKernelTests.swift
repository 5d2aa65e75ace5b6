// Machine code gives the interpreter's bits: the same operations in the same order, the same
// routines, whatever the register pressure.
import CVectorMath
import Testing
@testable import SymDiff

@Suite struct NativeKernelTests {
    /// Values where functions and arithmetic take their special paths.
    static let specials: [Double] = [0, -0.0, -1.5, 1e300, -1e300, .infinity, -.infinity, .nan, 0x1p-1070, 2, 1e6]

    /// Points in (0.2, 2) with special values spread over the variables and over whole groups
    /// of four and the tail.
    static func points(_ count: Int) -> [[Double]] {
        var points = samplePoints(count, seed: 9)
        for (k, special) in specials.enumerated() where k * 3 < count { points[k % 3][k * 3] = special }
        return points
    }

    /// Both evaluations of `program` at `points`, compared bit for bit (NaN payloads included).
    static func expectSameBits(_ program: Program, _ points: [[Double]], _ label: String) {
        let native = Evaluator(program, threads: 2)
        let interpreted = Evaluator(program, blockSize: 64, threads: 1, native: false)
        #expect(native.isNative == (symdiff_vec_simd_available() != 0))
        let a = native.evaluate(points, count: points.first?.count ?? 0)
        let b = interpreted.evaluate(points, count: points.first?.count ?? 0)
        for (k, (x, y)) in zip(a, b).enumerated() {
            let same = zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
            #expect(same, "\(label): output \(k) differs")
        }
    }

    @Test(arguments: [0, 1, 3, 4, 5, 67, 16_384 + 7])
    func generatedFormulasGiveTheInterpretersBits(_ count: Int) throws {
        var generator = FormulaGenerator(seed: UInt64(count) + 101)
        let points = Self.points(count)
        for _ in 0..<(count > 1000 ? 10 : 120) {
            let text = generator.formula(depth: 3)
            let (_, _, program) = try compiledWithDerivatives(text)
            Self.expectSameBits(program, points, "'\(text)' at \(count) points")
        }
    }

    /// Every function of the language, through its direct routine or the gate to `Double.apply`.
    @Test(arguments: Function.allCases)
    func everyFunctionGivesTheInterpretersBits(_ f: Function) throws {
        let text = f.arity == 2 ? "\(f)(x*y - 1, z + x)" : "\(f)(x*y - 1) + \(f)(z)"
        let (_, _, program) = try compiledWithDerivatives(text)
        Self.expectSameBits(program, Self.points(67), text)
    }

    /// Far more live values than registers, and calls between them: spills and reloads.
    @Test func registerPressureSpillsWithoutChangingBits() throws {
        let terms = (1...40).map { "x^\($0 % 4 + 1)*y*\($0)/(z + \($0))" }.joined(separator: " + ")
        let text = "(\(terms)) * exp(x) * sin(y + z) + sigmoid(\(terms))"
        let (_, _, program) = try compiledWithDerivatives(text)
        Self.expectSameBits(program, Self.points(35), "40 terms")
    }
}
