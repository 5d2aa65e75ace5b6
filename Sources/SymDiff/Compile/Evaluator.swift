// Running a program block by block over columns of points, on all cores.
import Dispatch
import Synchronization

/// A floating-point type a program can be evaluated in.
public protocol EvaluationScalar: RealFunctions {
    /// `n` rounded once to this type.
    init(exactly n: Number)
    /// `c` rounded once to this type.
    init(constant c: Constant)
    /// `result[i] = -a[i]` (`negate`) or `1/a[i]` (`reciprocal`) for `i < count`.
    static func unaryArithmetic(_ operation: Operation, _ a: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>, count: Int)
    /// `result[i] = a[i] op b[i]` for `i < count`, `op` one of add, subtract, multiply, divide.
    static func arithmetic(
        _ operation: Operation, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>,
        count: Int)
    /// `result[i]` = `chain` over `operands[j][i]` for `i < count`: its additions or
    /// multiplications and sign flips, in order.
    static func chain(
        _ chain: Chain, _ operands: UnsafePointer<UnsafePointer<Self>>, _ result: UnsafeMutablePointer<Self>, count: Int)
    /// `result[i] = a[i]^b[i]` for `i < count`, as `pow` computes it.
    static func power(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>, count: Int)
    /// `sine[i] = sin(a[i])` and `cosine[i] = cos(a[i])` for `i < count`.
    static func sinCos(_ a: UnsafePointer<Self>, _ sine: UnsafeMutablePointer<Self>, _ cosine: UnsafeMutablePointer<Self>, count: Int)
    /// `result[i] = f(a[i], b[i])` for `i < count`; `b` is `nil` for one-argument functions.
    static func apply(
        _ f: Function, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>?, _ result: UnsafeMutablePointer<Self>,
        count: Int)
}

extension EvaluationScalar {
    public init(exactly n: Number) {
        switch n {
        case .rational(let p, let q): self = Self(p) / Self(q)
        case .real(let x): self = Self(x)
        }
    }

    /// The elementwise negation or reciprocal loop.
    public static func unaryArithmetic(
        _ operation: Operation, _ a: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>, count n: Int
    ) {
        if operation == .negate {
            for i in 0..<n { result[i] = -a[i] }
        } else {
            for i in 0..<n { result[i] = 1 / a[i] }
        }
    }

    /// The elementwise loops of the four operations.
    public static func arithmetic(
        _ operation: Operation, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>,
        count n: Int
    ) {
        switch operation {
        case .add: for i in 0..<n { result[i] = a[i] + b[i] }
        case .subtract: for i in 0..<n { result[i] = a[i] - b[i] }
        case .multiply: for i in 0..<n { result[i] = a[i] * b[i] }
        default: for i in 0..<n { result[i] = a[i] / b[i] }
        }
    }

    /// The elementwise chain loop, one point at a time through all operands.
    public static func chain(
        _ chain: Chain, _ operands: UnsafePointer<UnsafePointer<Self>>, _ result: UnsafeMutablePointer<Self>, count n: Int
    ) {
        let k = chain.operands.count
        func signed(_ x: Self, _ bit: Int) -> Self { chain.negated >> bit & 1 == 0 ? x : -x }
        for i in 0..<n {
            var value = signed(operands[0][i], 0)
            for j in 1..<k { value = chain.multiplies ? value * signed(operands[j][i], j) : value + signed(operands[j][i], j) }
            result[i] = signed(value, k)
        }
    }

    /// The elementwise `pow` loop.
    public static func power(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ result: UnsafeMutablePointer<Self>, count: Int) {
        for i in 0..<count { result[i] = Self.pow(a[i], b[i]) }
    }

    /// One elementwise loop of `sineCosine`, bit for bit `Function.evaluate`'s `sin` and `cos`.
    public static func sinCos(
        _ a: UnsafePointer<Self>, _ sine: UnsafeMutablePointer<Self>, _ cosine: UnsafeMutablePointer<Self>, count: Int
    ) {
        for i in 0..<count { (sine[i], cosine[i]) = Self.sineCosine(a[i]) }
    }

    /// The elementwise loop over `Function.evaluate`, bit for bit the scalar interpreter.
    public static func apply(
        _ f: Function, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>?, _ result: UnsafeMutablePointer<Self>,
        count: Int
    ) {
        if let b {
            for i in 0..<count { result[i] = f.evaluate(a[i], b[i]) }
        } else {
            for i in 0..<count { result[i] = f.evaluate(a[i]) }
        }
    }
}

extension Double: EvaluationScalar {
    public init(constant c: Constant) { self = c.value }
}

#if arch(x86_64)
extension Float80: EvaluationScalar {
    public init(constant c: Constant) {
        switch c {
        case .pi: self = .pi
        case .e: self = Float80.exp(1)
        }
    }
}
#endif

/// The precision a program is evaluated in; results are always rounded to `Double`.
public enum Precision: String, Sendable, CaseIterable {
    /// IEEE binary64.
    case double
    #if arch(x86_64)
    /// x87 extended (64-bit significand), rounded to binary64 once at the end.
    case extended
    #endif
}

/// Runs a `Program` over columns of points.
///
/// In binary64 on x86-64 with AVX2, from `nativeMinimumPoints` points on, the program runs as
/// machine code (`NativeKernel`, generated on first use and shared by copies of the
/// evaluator) over groups of points, its values in registers. Otherwise it is interpreted:
/// points are processed in blocks of `blockSize` (struct of arrays: one register is one block
/// of values, so a whole program's registers stay in cache) and each instruction is a tight
/// loop over the block. Either way the work is spread over `threads` workers, and the results
/// are the same bits whatever the block size, the number of threads, or the choice of
/// machine code.
public struct Evaluator: Sendable {
    public let program: Program
    public var blockSize: Int
    public var threads: Int
    #if arch(x86_64)
    /// The machine code for binary64, unless interpreting was asked for.
    private let native: NativeKernelCache?
    #endif

    /// The default of `nativeMinimumPoints`: below it the interpreter finishes in about the
    /// time generating the machine code takes.
    public static let defaultNativeMinimumPoints = 4096
    /// Point counts from which binary64 evaluation runs as machine code (0: always, where it
    /// can run, as the tests and the fuzzer compare it with the interpreter).
    public var nativeMinimumPoints = Evaluator.defaultNativeMinimumPoints

    /// An evaluator of `program`; `native: false` always interprets (for comparing the two).
    public init(_ program: Program, blockSize: Int = 256, threads: Int = ProcessInfoCores.count, native: Bool = true) {
        self.program = program
        self.blockSize = blockSize
        self.threads = max(1, threads)
        #if arch(x86_64)
        self.native = native ? NativeKernelCache() : nil
        #endif
    }

    /// Whether binary64 evaluation of `nativeMinimumPoints` or more points runs as machine
    /// code (generating it if that has not happened yet).
    public var isNative: Bool {
        #if arch(x86_64)
        return native?.kernel(for: program) != nil
        #else
        return false
        #endif
    }

    /// Points per unit of work handed to a thread by the native path.
    private static let nativeChunk = 16_384

    /// The outputs at every point: `columns[c]` holds input `program.inputs[c]`, all of
    /// `count` values (the columns' length by default; give it when there are no inputs);
    /// returns one column per output, evaluated in `precision` and rounded to `Double`.
    public func evaluate(_ columns: [[Double]], count: Int? = nil, precision: Precision = .double) -> [[Double]] {
        let count = count ?? columns.first?.count ?? 0
        switch precision {
        case .double: return evaluate(columns, count: count, in: Double.self)
        #if arch(x86_64)
        case .extended: return evaluate(columns, count: count, in: Float80.self)
        #endif
        }
    }

    /// Evaluates points `0..<count`, reading input column `c` at `inputs[c]` and writing output
    /// `k` at `outputs[k]`, in `precision`. The pointers must stay valid for the call.
    public func evaluate(
        inputs: [UnsafePointer<Double>], outputs: [UnsafeMutablePointer<Double>], count: Int,
        precision: Precision = .double
    ) {
        switch precision {
        case .double: evaluate(Double.self, inputs: inputs, outputs: outputs, count: count)
        #if arch(x86_64)
        case .extended: evaluate(Float80.self, inputs: inputs, outputs: outputs, count: count)
        #endif
        }
    }

    // Generic internals, specialized inside the module for each precision.

    func evaluate<T: EvaluationScalar>(_ columns: [[Double]], count: Int, in _: T.Type) -> [[Double]] {
        precondition(columns.count == program.inputs.count && columns.allSatisfy { $0.count == count })
        return withPointers(to: columns) { inputs in
            makeColumns(program.outputs.count, count: count) { outputs in
                evaluate(T.self, inputs: inputs, outputs: outputs, count: count)
            }
        }
    }

    func evaluate<T: EvaluationScalar>(
        _: T.Type, inputs: [UnsafePointer<Double>], outputs: [UnsafeMutablePointer<Double>], count: Int
    ) {
        // Workers only read the inputs and write disjoint blocks of the outputs.
        nonisolated(unsafe) let inputs = inputs
        nonisolated(unsafe) let outputs = outputs
        #if arch(x86_64)
        if T.self == Double.self, count >= nativeMinimumPoints, let kernel = native?.kernel(for: program) {
            spread((count + Self.nativeChunk - 1) / Self.nativeChunk) { chunks in
                for chunk in chunks {
                    let start = chunk * Self.nativeChunk
                    kernel.run(inputs: inputs, outputs: outputs, start: start, count: min(Self.nativeChunk, count - start))
                }
            }
            return
        }
        #endif
        let program = program
        let blockSize = blockSize
        spread((count + blockSize - 1) / blockSize) { blocks in
            let registers = Registers<T>(program: program, blockSize: blockSize)
            for block in blocks {
                let start = block * blockSize
                registers.run(program, inputs: inputs, outputs: outputs, start: start, count: min(blockSize, count - start))
            }
            registers.deallocate()
        }
    }

    /// Runs `work` on up to `threads` workers at once, which take the units `0..<units` one
    /// after another as each is free: a worker slowed by another thread on its core (the
    /// writer of the last chunk, say) takes fewer, and none waits idle for it.
    private func spread(_ units: Int, _ work: @escaping @Sendable (ClaimedUnits) -> Void) {
        let workers = min(threads, units)
        guard workers > 0 else { return }
        let claimed = ClaimedUnits(count: units)
        if workers == 1 { return work(claimed) }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in work(claimed) }
    }
}

/// The units `0..<count`, each handed to whichever worker iterating asks first.
final class ClaimedUnits: Sequence, Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int

    init(count: Int) { self.count = count }

    func makeIterator() -> AnyIterator<Int> {
        AnyIterator { [self] in
            let unit = next.add(1, ordering: .relaxed).oldValue
            return unit < count ? unit : nil
        }
    }
}

/// One worker's registers: `registerCount` blocks of `blockSize` values, constants filled once.
///
/// In binary64 the input registers point straight into the input columns (the body never
/// writes them), and an output's register is the output column's block (a register is only a
/// place in memory, and no two registers share one), so neither inputs nor most outputs are
/// copied; in other precisions they are converted per block.
private struct Registers<T: EvaluationScalar> {
    let storage: UnsafeMutablePointer<T>
    let blockSize: Int
    /// Where each register's block starts: in `storage`, or in an input or output column.
    let bases: UnsafeMutablePointer<UnsafeMutablePointer<T>>
    /// Per output, whether its register can be the output column itself: a body register
    /// (not an input or a constant) that no other output shares.
    let writesInPlace: [Bool]

    init(program: Program, blockSize: Int) {
        self.blockSize = blockSize
        storage = .allocate(capacity: max(1, program.registerCount) * blockSize)
        bases = .allocate(capacity: max(1, program.registerCount))
        for r in 0..<program.registerCount { bases[r] = storage + r * blockSize }
        let filledBefore = Set(program.prologue.map(\.result))
        var uses: [Int32: Int] = [:]
        for r in program.outputs { uses[r, default: 0] += 1 }
        writesInPlace = program.outputs.map { T.self == Double.self && !filledBefore.contains($0) && uses[$0] == 1 }
        for instruction in program.prologue {
            let value: T
            switch instruction.operation {
            case .number(let n): value = T(exactly: n)
            case .named(let c): value = T(constant: c)
            default: continue
            }
            register(instruction.result).update(repeating: value, count: blockSize)
        }
    }

    func deallocate() {
        storage.deallocate()
        bases.deallocate()
    }

    @inline(__always) func register(_ r: Int32) -> UnsafeMutablePointer<T> { bases[Int(r)] }

    /// Runs the program on points `start..<start + count`, `count <= blockSize`.
    func run(
        _ program: Program, inputs: [UnsafePointer<Double>], outputs: [UnsafeMutablePointer<Double>], start: Int,
        count n: Int
    ) {
        for instruction in program.prologue {
            if case .input(let column) = instruction.operation {
                let x = inputs[column] + start
                if T.self == Double.self {
                    // Read only: the compiler never writes an input register.
                    bases[Int(instruction.result)] = UnsafeMutableRawPointer(mutating: x).assumingMemoryBound(to: T.self)
                } else {
                    let r = register(instruction.result)
                    for i in 0..<n { r[i] = T(x[i]) }
                }
            }
        }
        for (k, output) in program.outputs.enumerated() where writesInPlace[k] {
            bases[Int(output)] = UnsafeMutableRawPointer(outputs[k] + start).assumingMemoryBound(to: T.self)
        }
        for instruction in program.body {
            let r = register(instruction.result)
            // A chain keeps its operands in the chain: its `a` is -1, never a register.
            var a: UnsafePointer<T> { UnsafePointer(register(instruction.a)) }
            switch instruction.operation {
            case .add, .subtract, .multiply, .divide:
                T.arithmetic(instruction.operation, a, register(instruction.b), r, count: n)
            case .negate, .reciprocal:
                T.unaryArithmetic(instruction.operation, a, r, count: n)
            case .power:
                T.power(a, register(instruction.b), r, count: n)
            case .function(let f):
                T.apply(f, a, f.arity == 2 ? UnsafePointer(register(instruction.b)) : nil, r, count: n)
            case .sinCos(let cosine):
                T.sinCos(a, r, register(cosine), count: n)
            case .chain(let chain):
                withUnsafeTemporaryAllocation(of: UnsafePointer<T>.self, capacity: chain.operands.count) { operands in
                    for (j, o) in chain.operands.enumerated() { operands[j] = UnsafePointer(register(o)) }
                    T.chain(chain, UnsafePointer(operands.baseAddress!), r, count: n)
                }
            case .input, .number, .named:
                preconditionFailure("prologue operations do not occur in the body")
            }
        }
        for (k, output) in program.outputs.enumerated() where !writesInPlace[k] {
            let r = register(output)
            let y = outputs[k] + start
            for i in 0..<n { y[i] = Double(r[i]) }
        }
    }
}

/// How many arrays `withPointers` and `makeColumns` reach by nesting one closure per array;
/// with more, they work on copies, so their recursion stays this shallow however many
/// columns there are (tens of thousands of partials overflowed a thread's stack).
private let nestingLimit = 64

/// Calls `body` with a pointer to the storage of each array: without copying them up to
/// `nestingLimit` arrays (one nested `withUnsafeBufferPointer` each), else to copies.
private func withPointers<R>(to arrays: [[Double]], _ body: ([UnsafePointer<Double>]) -> R) -> R {
    guard arrays.count <= nestingLimit else {
        let copies = arrays.map { array in
            let copy = UnsafeMutablePointer<Double>.allocate(capacity: max(1, array.count))
            copy.initialize(from: array, count: array.count)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        return body(copies.map { UnsafePointer($0) })
    }
    var pointers: [UnsafePointer<Double>] = []
    pointers.reserveCapacity(arrays.count)
    func nest(_ i: Int) -> R {
        if i == arrays.count { return body(pointers) }
        return arrays[i].withUnsafeBufferPointer { buffer in
            pointers.append(buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!)
            return nest(i + 1)
        }
    }
    return nest(0)
}

/// `columns` new arrays of `count` values each, which `body` must fill completely, given
/// where each one's values go (not zeroed first; copied after only beyond `nestingLimit`
/// columns).
public func makeColumns(
    _ columns: Int, count: Int, _ body: ([UnsafeMutablePointer<Double>]) -> Void
) -> [[Double]] {
    guard columns <= nestingLimit else {
        let buffers = (0..<columns).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: max(1, count)) }
        defer { buffers.forEach { $0.deallocate() } }
        body(buffers)
        return buffers.map { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
    var pointers: [UnsafeMutablePointer<Double>] = []
    var arrays: [[Double]] = []
    func nest(_ i: Int) {
        if i == columns {
            body(pointers)
            return
        }
        arrays.append(Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            pointers.append(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            nest(i + 1)
            initialized = count
        })
    }
    nest(0)
    return arrays.reversed()
}
