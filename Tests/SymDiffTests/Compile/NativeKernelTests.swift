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

    /// The evaluator's machine code, and kernels with values of one and of two vectors, against
    /// the interpreter at `points`, bit for bit (NaN payloads included).
    static func expectSameBits(_ program: Program, _ points: [[Double]], _ label: String) {
        let count = points.first?.count ?? 0
        let interpreted = Evaluator(program, blockSize: 64, threads: 1, native: false).evaluate(points, count: count)
        var native = Evaluator(program, threads: 2)
        native.nativeMinimumPoints = 0
        #expect(native.isNative == (symdiff_vec_simd_available() != 0))
        var results = [("evaluator", native.evaluate(points, count: count))]
        for vectors in [1, 2] {
            guard let kernel = NativeKernel(program, vectors: vectors) else { continue }
            results.append(("\(vectors) vector(s)", run(kernel, points, count: count)))
        }
        for (name, values) in results {
            for (k, (x, y)) in zip(values, interpreted).enumerated() {
                let same = x.count == count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(same, "\(label), \(name): output \(k) differs")
            }
        }
    }

    /// `kernel` over all of `points` in one run.
    static func run(_ kernel: NativeKernel, _ points: [[Double]], count: Int) -> [[Double]] {
        let inputs = points.map { column in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            p.initialize(from: column, count: count)
            return p
        }
        let columns = (0..<kernel.outputCount).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: max(1, count)) }
        defer { (inputs + columns).forEach { $0.deallocate() } }
        kernel.run(inputs: inputs.map { UnsafePointer($0) }, outputs: columns, start: 0, count: count)
        return columns.map { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }

    @Test(arguments: [0, 1, 3, 4, 7, 8, 9, 67, 16_384 + 7])
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
        let text = f.info.integerOrder ? "\(f.name)(1, x*y - 1) + \(f.name)(2, z)" : f.arity == 1
            ? "\(f.name)(x*y - 1) + \(f.name)(z)" : "\(f.name)(\(["x*y - 1", "z + x", "y"].prefix(f.arity).joined(separator: ", ")))"
        let (_, _, program) = try compiledWithDerivatives(text)
        Self.expectSameBits(program, Self.points(67), text)
    }

    /// Two NaNs meeting in an addition or multiplication give the first operand's NaN (sign and
    /// payload) in the interpreter as in machine code, in a tail as in a whole group of four.
    /// Fuzzer find, in release builds only (where clang optimizes CVectorMathAVX2): the chain
    /// loop's scalar tail computed `x - y` as `-y + x`, so `hypot(x, y)`'s second derivative at
    /// `y = -NaN` was +NaN at the fifth of five points and -NaN in machine code; and in whole
    /// groups LLVM's assembler swapped the sources of `vaddpd`/`vmulpd` where that gave a shorter
    /// encoding (in longer chains, depending on register allocation). `swift test -c release`
    /// checks this.
    @Test func nanOperandsKeepTheirOrder() throws {
        let first = -Double(nan: 0x2a, signaling: false), second = Double(nan: 0x15, signaling: false)
        let firstWins = ["x - y": first, "x + y + z": first, "-x - y - z": -first, "x*y*z": first, "-x*y*z": -first]
        let longer = ["x + y + z + x*y + x*z + y*z", "x*y*z*sin(x)*cos(y)*exp(z)"]
        for text in firstWins.keys.sorted() + longer {
            let (_, _, program) = try compiledWithDerivatives(text)
            #expect(program.body.contains { if case .chain = $0.operation { true } else { false } }, "'\(text)'")
            for count in 1...9 {
                let points = [first, second, 1.5].map { Array(repeating: $0, count: count) }
                if let expected = firstWins[text] {
                    let interpreted = Evaluator(program, blockSize: 64, threads: 1, native: false).evaluate(points, count: count)
                    #expect(interpreted[0].allSatisfy { $0.bitPattern == expected.bitPattern }, "'\(text)' at \(count) points")
                }
                Self.expectSameBits(program, points, "'\(text)' at \(count) points")
            }
        }
    }

    /// Far more live values than registers, and calls between them: spills and reloads.
    @Test func registerPressureSpillsWithoutChangingBits() throws {
        let terms = (1...40).map { "x^\($0 % 4 + 1)*y*\($0)/(z + \($0))" }.joined(separator: " + ")
        let text = "(\(terms)) * exp(x) * sin(y + z) + sigmoid(\(terms))"
        let (_, _, program) = try compiledWithDerivatives(text)
        Self.expectSameBits(program, Self.points(35), "40 terms")
    }
}
