// Lowering a program to steps over groups of lanes, in single assignment, for native code.
#if arch(x86_64)
import CVectorMath

/// Where a value of a native kernel (one group of lanes) comes from.
enum NativeValue: Equatable {
    /// Input column `index`, at the current points.
    case input(Int)
    /// Entry `index` of the constant pool (the number in every lane).
    case constant(Int)
    /// The result of a step.
    case computed
}

/// An integer argument of a call from native code, by the System V convention.
enum CallArgument: Equatable {
    /// The address of a value's lanes in memory.
    case value(Int)
    case immediate(Int32)
    /// The number of lanes in a group, fixed when the code is generated.
    case lanes
    case null
}

/// One step of a native kernel; values are indices into `NativeSteps.values`.
enum NativeStep: Equatable {
    /// `result = operation(a, b)`.
    case packed(PackedOperation, result: Int, a: Int, b: Int)
    case squareRoot(result: Int, a: Int)
    /// Calls `address` with `arguments`; the routine writes the lanes of each of `results`
    /// (each also among the arguments).
    case call(address: UInt, arguments: [CallArgument], results: [Int])
    /// Writes `value` to output column `output` at the current points.
    case store(output: Int, value: Int)

    /// The values the step reads.
    var operands: [Int] {
        switch self {
        case .packed(_, _, let a, let b): return [a, b]
        case .squareRoot(_, let a): return [a]
        case .call(_, let arguments, let results):
            return arguments.compactMap { if case .value(let v) = $0, !results.contains(v) { v } else { nil } }
        case .store(_, let value): return [value]
        }
    }

    /// The values the step defines.
    var results: [Int] {
        switch self {
        case .packed(_, let result, _, _), .squareRoot(let result, _): return [result]
        case .call(_, _, let results): return results
        case .store: return []
        }
    }
}

/// A program as steps over groups of lanes: each value is defined once, every arithmetic step is
/// the interpreter's operation in the interpreter's order, and every function is the routine
/// the interpreter calls on whole vectors, so that results agree bit for bit.
struct NativeSteps {
    var values: [NativeValue] = []
    var steps: [NativeStep] = []
    /// The constant pool: each number is stored in every lane of a group.
    var constants: [Double] = []
    /// The values step `i` reads, without repeats: `operandList[operandStart[i]..<operandStart[i + 1]]`.
    private(set) var operandStart: [Int] = [0], operandList: [Int] = []
    /// The steps that read value `v`, ascending: `useList[useStart[v]..<useStart[v + 1]]`.
    private(set) var useStart: [Int] = [], useList: [Int] = []

    /// The current value of each program register.
    private var valueOf: [Int]
    private var constantIndex: [UInt64: Int] = [:]

    init(_ program: Program) {
        valueOf = Array(repeating: -1, count: program.registerCount)
        for instruction in program.prologue {
            switch instruction.operation {
            case .input(let column): valueOf[Int(instruction.result)] = newValue(.input(column))
            case .number(let n): valueOf[Int(instruction.result)] = constant(Double(exactly: n))
            case .named(let c): valueOf[Int(instruction.result)] = constant(Double(constant: c))
            default: preconditionFailure("only inputs and constants are in the prologue")
            }
        }
        for instruction in program.body { lower(instruction) }
        let finals = program.outputs.map { valueOf[Int($0)] }
        steps = Self.placingStores(finals, in: steps)
        findUses()
    }

    /// Fills the operand and use lists (compressed rows: one flat array and the starts).
    private mutating func findUses() {
        var useCount = Array(repeating: 0, count: values.count + 1)
        for step in steps {
            let first = operandList.count
            for v in step.operands where !operandList[first...].contains(v) {
                operandList.append(v)
                useCount[v + 1] += 1
            }
            operandStart.append(operandList.count)
        }
        for v in 0..<values.count { useCount[v + 1] += useCount[v] }
        useStart = useCount
        var next = useCount
        useList = Array(repeating: 0, count: operandList.count)
        for i in steps.indices {
            for v in operandList[operandStart[i]..<operandStart[i + 1]] {
                useList[next[v]] = i
                next[v] += 1
            }
        }
    }

    /// The values step `i` reads, without repeats.
    func operands(of i: Int) -> ArraySlice<Int> { operandList[operandStart[i]..<operandStart[i + 1]] }

    private mutating func newValue(_ kind: NativeValue) -> Int {
        values.append(kind)
        return values.count - 1
    }

    /// The value of the pool entry holding `x` (one entry per bit pattern).
    private mutating func constant(_ x: Double) -> Int {
        if let index = constantIndex[x.bitPattern] { return index }
        constants.append(x)
        let value = newValue(.constant(constants.count - 1))
        constantIndex[x.bitPattern] = value
        return value
    }

    private mutating func packed(_ operation: PackedOperation, _ a: Int, _ b: Int) -> Int {
        let result = newValue(.computed)
        steps.append(.packed(operation, result: result, a: a, b: b))
        return result
    }

    /// `v` negated when `negated` is set: an xor with -0.0, as the interpreter's negation.
    private mutating func signed(_ v: Int, _ negated: Bool) -> Int { negated ? packed(.xor, v, constant(-0.0)) : v }

    /// A call of a CVectorMath routine over one group: `routine(operands..., results..., lanes)`.
    private mutating func callRoutine(_ address: UInt, _ operands: [Int], results count: Int) -> [Int] {
        let results = (0..<count).map { _ in newValue(.computed) }
        let arguments = (operands + results).map { CallArgument.value($0) } + [.lanes]
        steps.append(.call(address: address, arguments: arguments, results: results))
        return results
    }

    private mutating func lower(_ instruction: Instruction) {
        let a = instruction.a >= 0 ? valueOf[Int(instruction.a)] : nil
        let b = instruction.b >= 0 ? valueOf[Int(instruction.b)] : nil
        let result: Int
        switch instruction.operation {
        case .add: result = packed(.add, a!, b!)
        case .subtract: result = packed(.subtract, a!, b!)
        case .multiply: result = packed(.multiply, a!, b!)
        case .divide: result = packed(.divide, a!, b!)
        case .negate: result = signed(a!, true)
        case .reciprocal: result = packed(.divide, constant(1), a!)
        case .power: result = callRoutine(NativeRoutines.power, [a!, b!], results: 1)[0]
        case .sinCos(let cosine):
            let both = callRoutine(NativeRoutines.sinCos, [a!], results: 2)
            valueOf[Int(cosine)] = both[1]
            result = both[0]
        case .function(let f): result = apply(f, a!, b)
        case .chain(let chain):
            let operands = chain.operands.map { valueOf[Int($0)] }
            var accumulator = signed(operands[0], chain.negated & 1 != 0)
            for (j, operand) in operands.enumerated().dropFirst() {
                accumulator = packed(chain.multiplies ? .multiply : .add, accumulator, signed(operand, chain.negated >> j & 1 != 0))
            }
            result = signed(accumulator, chain.negated >> operands.count & 1 != 0)
        case .input, .number, .named: preconditionFailure("prologue operations do not occur in the body")
        }
        valueOf[Int(instruction.result)] = result
    }

    /// `f(a, b)` as `Double.apply` computes it on whole vectors.
    private mutating func apply(_ f: Function, _ a: Int, _ b: Int?) -> Int {
        if f == .sqrt {
            let result = newValue(.computed)
            steps.append(.squareRoot(result: result, a: a))
            return result
        }
        if let routine = NativeRoutines.group(f) ?? NativeRoutines.direct(f) {
            return callRoutine(routine, [a] + (b.map { [$0] } ?? []), results: 1)[0]
        }
        let result = newValue(.computed)
        let arguments: [CallArgument] = [.immediate(Int32(f.rawValue)), .value(a), b.map { .value($0) } ?? .null, .value(result), .lanes]
        steps.append(.call(address: NativeRoutines.gate, arguments: arguments, results: [result]))
        return result
    }

    /// `steps` with each output written right after its final value is defined (or first,
    /// for an input or a constant), so that outputs need not stay live to the end.
    private static func placingStores(_ finals: [Int], in steps: [NativeStep]) -> [NativeStep] {
        // Index 0 holds the stores before every step, index i + 1 those after step i.
        var storesAfter = Array(repeating: [NativeStep](), count: steps.count + 1)
        var placeOf = Array(repeating: 0, count: (finals.max() ?? 0) + 1)
        for (i, step) in steps.enumerated() {
            for v in step.results where v < placeOf.count { placeOf[v] = i + 1 }
        }
        for (k, v) in finals.enumerated() { storesAfter[placeOf[v]].append(.store(output: k, value: v)) }
        var placed = storesAfter[0]
        placed.reserveCapacity(steps.count + finals.count)
        for (i, step) in steps.enumerated() {
            placed.append(step)
            placed += storesAfter[i + 1]
        }
        return placed
    }
}

/// The addresses of the routines native code calls.
enum NativeRoutines {
    static let power = unsafeBitCast(symdiff_vec_pow as BinaryRoutine, to: UInt.self)
    /// `symdiff_group_sincos(x, sine, cosine, lanes)`.
    static let sinCos = unsafeBitCast(
        symdiff_group_sincos as @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
        to: UInt.self)

    /// The kernel entry `f(x, y, lanes)` for `f` without checks or tails, if CVectorMath has one.
    static func group(_ f: Function) -> UInt? {
        let entry: UnaryRoutine? = switch f {
        case .exp: symdiff_group_exp
        case .log: symdiff_group_log
        case .log1p: symdiff_group_log1p
        case .sin: symdiff_group_sin
        case .cos: symdiff_group_cos
        default: nil
        }
        return entry.map { unsafeBitCast($0, to: UInt.self) }
    }

    /// The gate to `Double.apply` for the functions without one direct routine:
    /// `gate(function.rawValue, a, b or null, result, lanes)`.
    static let gate: UInt = {
        let body: @convention(c) (Int32, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void = {
            code, a, b, result, lanes in Double.apply(Function(rawValue: Int(code))!, a!, b, result!, count: lanes)
        }
        return unsafeBitCast(body, to: UInt.self)
    }()

    /// The routine that `Double.apply` calls for `f` on whole vectors, if it calls one.
    static func direct(_ f: Function) -> UInt? {
        if let routine = Double.directRoutine(f) { return unsafeBitCast(routine, to: UInt.self) }
        if let routine = Double.directBinaryRoutine(f) { return unsafeBitCast(routine, to: UInt.self) }
        return nil
    }
}

#endif
