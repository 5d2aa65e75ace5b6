// Register allocation and machine code for the steps of a native kernel.
#if arch(x86_64)

/// The machine code of a native kernel and what running it takes.
struct NativeCode {
    var bytes: [UInt8]
    /// Points per pass of the loop (four per vector a value spans).
    var lanes: Int
    /// Spill slots (of one value each) the frame needs after the constant pool.
    var slotCount: Int
    /// The estimated cost per point: vector memory accesses, plus `callCost` per call.
    var costPerPoint: Double
    /// Values written to memory because the registers ran out (not because of a call).
    var pressureSpills: Int
}

/// Machine code for `NativeSteps`: a loop over groups of points that keeps values in ymm
/// registers, spilling to a frame when they run out and around calls.
///
/// A value spans `vectors` ymm registers (four lanes each), so a register here names that many
/// consecutive ymm registers, and every operation is emitted once per vector: the vectors are
/// independent, which lets the processor overlap them, and calls are made once per group.
///
/// The function is `kernel(inputs, outputs, groups, frame)` (System V): `inputs` and `outputs`
/// point at arrays of column pointers already offset to the first point, `groups` ≥ 1 is the
/// number of groups, and `frame` points at the constant pool (a group of lanes per entry)
/// followed by the spill slots. Straight-line code makes the furthest-next-use eviction
/// (Belady's) optimal for register reloads.
struct NativeCodegen {
    /// A call's overhead in vector memory accesses (measured order of magnitude: a call, its
    /// argument set-up and the spills around it cost about as much as eight loads).
    static let callCost = 8.0
    private static let inputColumns = GeneralRegister.rbx, outputColumns = GeneralRegister.r12
    private static let endOffset = GeneralRegister.r13, offset = GeneralRegister.r14, frame = GeneralRegister.r15
    private static let vectorBytes = 32

    /// Vectors per value, registers (of `vectors` ymm registers each), bytes per value.
    private let vectors: Int, registers: Int, width: Int
    private var memoryAccesses = 0
    private var calls = 0
    private var pressureSpills = 0
    private let plan: NativeSteps
    private var assembler = X86Assembler()
    /// How far each value's list of reading steps (`plan.useList`) is consumed.
    private var cursor: [Int]
    private var holder: [Int?]
    private var registerOf: [Int?]
    private var slotOf: [Int?]
    /// Whether a computed value's slot holds it (inputs and constants always are in memory).
    private var stored: [Bool]
    private var freeSlots: [Int] = []
    private var slotCount = 0

    /// The machine code of `plan` with values of `vectors` ymm registers (1 or 2).
    static func generate(_ plan: NativeSteps, vectors: Int) -> NativeCode {
        var codegen = NativeCodegen(plan, vectors: vectors)
        codegen.emitFunction()
        let lanes = 4 * vectors
        let cost = (Double(codegen.memoryAccesses) + callCost * Double(codegen.calls)) / Double(lanes)
        return NativeCode(
            bytes: codegen.assembler.bytes, lanes: lanes, slotCount: codegen.slotCount, costPerPoint: cost,
            pressureSpills: codegen.pressureSpills)
    }

    private init(_ plan: NativeSteps, vectors: Int) {
        self.plan = plan
        self.vectors = vectors
        registers = 16 / vectors
        width = Self.vectorBytes * vectors
        holder = Array(repeating: nil, count: registers)
        cursor = Array(plan.useStart.dropLast())
        registerOf = Array(repeating: nil, count: plan.values.count)
        slotOf = Array(repeating: nil, count: plan.values.count)
        stored = plan.values.map { $0 != .computed }
    }

    private mutating func emitFunction() {
        let saved: [GeneralRegister] = [.rbx, .r12, .r13, .r14, .r15]
        // Five pushes after the return address leave the stack 16-byte aligned for calls.
        saved.forEach { assembler.push($0) }
        assembler.move(Self.inputColumns, .rdi)
        assembler.move(Self.outputColumns, .rsi)
        assembler.move(Self.endOffset, .rdx)
        assembler.shiftLeft(Self.endOffset, UInt8(width.trailingZeroBitCount))
        assembler.move(Self.frame, .rcx)
        assembler.zero(.rax)
        assembler.move(Self.offset, .rax)
        let loop = assembler.bytes.count
        for (i, step) in plan.steps.enumerated() { emit(step, at: i) }
        assembler.add(Self.offset, immediate: Int8(exactly: width)!)
        assembler.compare(Self.offset, Self.endOffset)
        assembler.jumpIfBelow(to: loop)
        assembler.zeroUpper()
        saved.reversed().forEach { assembler.pop($0) }
        assembler.returnFromCall()
    }

    // MARK: - Steps

    private mutating func emit(_ step: NativeStep, at i: Int) {
        switch step {
        case .packed(let operation, let result, let a, let b):
            // b keeps its register while a is loaded.
            var protected: UInt32 = registerOf[b].map { 1 << $0 } ?? 0
            let first = acquire(a, at: i, protecting: &protected)
            if let second = registerOf[b] {
                protected |= 1 << second
                let destination = reusable(a, first, at: i) ?? reusable(b, second, at: i) ?? takeRegister(at: i, protecting: protected)
                packed(operation, destination, first, second)
                finish(at: i, result: result, in: destination)
            } else {
                let memory = memoryOperand(of: b, using: .rax)
                let destination = reusable(a, first, at: i) ?? takeRegister(at: i, protecting: protected)
                packed(operation, destination, first, memory)
                finish(at: i, result: result, in: destination)
            }
        case .squareRoot(let result, let a):
            var protected: UInt32 = 0
            let source = acquire(a, at: i, protecting: &protected)
            let destination = reusable(a, source, at: i) ?? takeRegister(at: i, protecting: protected)
            for j in 0..<vectors { assembler.squareRoot(destination * vectors + j, source * vectors + j) }
            finish(at: i, result: result, in: destination)
        case .call(let address, let arguments, let results):
            emitCall(address, arguments, results, at: i)
            releaseDead(plan.operands(of: i), after: i)
            releaseDead(results[...], after: i)
        case .store(let output, let value):
            var protected: UInt32 = 0
            let source = acquire(value, at: i, protecting: &protected)
            assembler.move(.rax, MemoryOperand(Self.outputColumns, displacement: Int32(8 * output)))
            packed(.storeUnaligned, source, nil, MemoryOperand(.rax, index: Self.offset))
            releaseDead([value][...], after: i)
        }
    }

    /// Binds `result` to `register` after releasing the step's operands that die there.
    private mutating func finish(at i: Int, result: Int, in register: Int) {
        releaseDead(plan.operands(of: i), after: i)
        if let old = holder[register] { unbind(old) }
        holder[register] = result
        registerOf[result] = register
        releaseDead([result][...], after: i)
    }

    /// Every live value goes to memory first: the callee may change every ymm register.
    private mutating func emitCall(_ address: UInt, _ arguments: [CallArgument], _ results: [Int], at i: Int) {
        for r in 0..<registers {
            guard let v = holder[r] else { continue }
            if nextUse(v, from: i) != .max { writeBack(v) }
            unbind(v)
        }
        for v in results {
            slotOf[v] = newSlot()
            stored[v] = true
        }
        assembler.zeroUpper()
        for (k, argument) in arguments.enumerated() {
            let target = GeneralRegister.arguments[k]
            switch argument {
            case .value(let v):
                assembler.loadAddress(target, memoryOperand(of: v, using: target))
            case .immediate(let n): assembler.move(target, immediate: n)
            case .lanes: assembler.move(target, immediate: Int32(4 * vectors))
            case .null: assembler.zero(target)
            }
        }
        assembler.call(address)
        calls += 1
    }

    /// `operation` on each vector of registers `destination`, `first` and `second`.
    private mutating func packed(_ operation: PackedOperation, _ destination: Int, _ first: Int, _ second: Int) {
        let v = vectors
        for j in 0..<v { assembler.packed(operation, destination * v + j, first * v + j, second * v + j) }
    }

    /// `operation` on each vector of registers `destination` and `first` and of `memory`
    /// (`first` is `nil` for loads and stores, whose register is `destination`).
    private mutating func packed(_ operation: PackedOperation, _ destination: Int, _ first: Int?, _ memory: MemoryOperand) {
        let v = vectors
        memoryAccesses += v
        for j in 0..<v {
            var part = memory
            part.displacement += Int32(j * Self.vectorBytes)
            // An unused VEX.vvvv must encode register 0.
            assembler.packed(operation, destination * v + j, first.map { $0 * v + j } ?? 0, part)
        }
    }

    // MARK: - Registers and slots

    /// The register holding `v`, loading it into one first if needed.
    private mutating func acquire(_ v: Int, at i: Int, protecting protected: inout UInt32) -> Int {
        if let r = registerOf[v] {
            protected |= 1 << r
            return r
        }
        let r = takeRegister(at: i, protecting: protected)
        packed(.loadUnaligned, r, nil, memoryOperand(of: v, using: .rax))
        holder[r] = v
        registerOf[v] = r
        protected |= 1 << r
        return r
    }

    /// `register` if operand `v` dies at step `i`, so the result can take its place.
    private mutating func reusable(_ v: Int, _ register: Int, at i: Int) -> Int? {
        nextUse(v, from: i + 1) == .max ? register : nil
    }

    /// A free register, or the one whose value is needed furthest ahead, written back if it
    /// is still needed and not in memory.
    private mutating func takeRegister(at i: Int, protecting protected: UInt32) -> Int {
        if let free = (0..<registers).first(where: { holder[$0] == nil && protected >> $0 & 1 == 0 }) { return free }
        var victim = -1, furthest = -1
        for r in 0..<registers where protected >> r & 1 == 0 {
            let next = nextUse(holder[r]!, from: i)
            if next > furthest { (victim, furthest) = (r, next) }
        }
        let v = holder[victim]!
        if nextUse(v, from: i) != .max, !stored[v] {
            pressureSpills += 1
            writeBack(v)
        }
        unbind(v)
        return victim
    }

    /// Stores a computed value held only in a register to its slot.
    private mutating func writeBack(_ v: Int) {
        guard !stored[v], let r = registerOf[v] else { return }
        let slot = slotOf[v] ?? newSlot()
        slotOf[v] = slot
        packed(.storeUnaligned, r, nil, slotOperand(slot))
        stored[v] = true
    }

    private mutating func unbind(_ v: Int) {
        if let r = registerOf[v] { holder[r] = nil }
        registerOf[v] = nil
    }

    /// Frees the registers and slots of the values in `vs` that are not read after step `i`.
    private mutating func releaseDead(_ vs: ArraySlice<Int>, after i: Int) {
        for v in vs where nextUse(v, from: i + 1) == .max {
            unbind(v)
            if let slot = slotOf[v] {
                freeSlots.append(slot)
                slotOf[v] = nil
            }
        }
    }

    private mutating func newSlot() -> Int {
        if let slot = freeSlots.popLast() { return slot }
        slotCount += 1
        return slotCount - 1
    }

    /// The first step at or after `i` that reads `v`, or `Int.max`.
    private mutating func nextUse(_ v: Int, from i: Int) -> Int {
        let end = plan.useStart[v + 1]
        while cursor[v] < end && plan.useList[cursor[v]] < i { cursor[v] += 1 }
        return cursor[v] < end ? plan.useList[cursor[v]] : .max
    }

    // MARK: - Memory operands

    /// Where `v`'s lanes are in memory; an input's column pointer is loaded into `scratch`.
    private mutating func memoryOperand(of v: Int, using scratch: GeneralRegister) -> MemoryOperand {
        switch plan.values[v] {
        case .input(let column):
            assembler.move(scratch, MemoryOperand(Self.inputColumns, displacement: Int32(8 * column)))
            return MemoryOperand(scratch, index: Self.offset)
        case .constant(let k):
            return MemoryOperand(Self.frame, displacement: Int32(width * k))
        case .computed:
            precondition(stored[v], "a computed value is read from memory only after it is stored")
            return slotOperand(slotOf[v]!)
        }
    }

    private func slotOperand(_ slot: Int) -> MemoryOperand {
        MemoryOperand(Self.frame, displacement: Int32(width * (plan.constants.count + slot)))
    }
}

#endif
