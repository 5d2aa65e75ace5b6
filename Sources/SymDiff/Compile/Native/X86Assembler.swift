// Encoding the few x86-64 instructions that native kernels use into bytes.
#if arch(x86_64)

/// A general-purpose register of x86-64, by its encoding number.
enum GeneralRegister: UInt8 {
    case rax = 0, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15

    /// The System V integer argument registers, in argument order.
    static let arguments: [GeneralRegister] = [.rdi, .rsi, .rdx, .rcx, .r8, .r9]
}

/// A memory operand `[base + index + displacement]` (index scale 1).
struct MemoryOperand {
    var base: GeneralRegister
    var index: GeneralRegister?
    var displacement: Int32

    init(_ base: GeneralRegister, index: GeneralRegister? = nil, displacement: Int32 = 0) {
        self.base = base
        self.index = index
        self.displacement = displacement
    }
}

/// The VEX.256 packed-double instructions (map 0F, prefix 66) by opcode.
enum PackedOperation: UInt8 {
    case loadUnaligned = 0x10, storeUnaligned = 0x11, squareRoot = 0x51, xor = 0x57
    case add = 0x58, multiply = 0x59, subtract = 0x5C, divide = 0x5E
}

/// Appends machine code for x86-64 to `bytes`; registers named by number are ymm registers.
struct X86Assembler {
    private(set) var bytes: [UInt8] = []

    // MARK: - AVX

    /// `ymm[destination] = operation(ymm[first], ymm[second])`.
    mutating func packed(_ operation: PackedOperation, _ destination: Int, _ first: Int, _ second: Int) {
        vex(reg: destination, vvvv: first, rmExtension: second >> 3, indexExtension: 0)
        emit(operation.rawValue, 0xC0 | UInt8(destination & 7) << 3 | UInt8(second & 7))
    }

    /// `ymm[destination] = operation(ymm[first], memory)`; `first` is 0 for one-operand forms
    /// (a load into `destination`, or a store of it).
    mutating func packed(_ operation: PackedOperation, _ destination: Int, _ first: Int, _ memory: MemoryOperand) {
        vex(reg: destination, vvvv: first, rmExtension: Int(memory.base.rawValue >> 3),
            indexExtension: Int((memory.index?.rawValue ?? 0) >> 3))
        bytes.append(operation.rawValue)
        modRM(reg: UInt8(destination & 7), memory)
    }

    /// `vsqrtpd ymm[destination], ymm[source]`.
    mutating func squareRoot(_ destination: Int, _ source: Int) { packed(.squareRoot, destination, 0, source) }

    /// Clears the upper halves of all ymm registers (before calling code that may use SSE).
    mutating func zeroUpper() { emit(0xC5, 0xF8, 0x77) }

    /// The three-byte VEX prefix for map 0F, prefix 66, 256-bit, W0.
    private mutating func vex(reg: Int, vvvv: Int, rmExtension: Int, indexExtension: Int) {
        let r = UInt8(~(reg >> 3) & 1), x = UInt8(~indexExtension & 1), b = UInt8(~rmExtension & 1)
        emit(0xC4, r << 7 | x << 6 | b << 5 | 0x01, UInt8(~vvvv & 0xF) << 3 | 0x04 | 0x01)
    }

    // MARK: - General-purpose

    /// `destination = [memory]` (64 bits).
    mutating func move(_ destination: GeneralRegister, _ memory: MemoryOperand) {
        rex(wide: true, reg: destination.rawValue, memory)
        bytes.append(0x8B)
        modRM(reg: destination.rawValue & 7, memory)
    }

    /// `destination = source` (64 bits).
    mutating func move(_ destination: GeneralRegister, _ source: GeneralRegister) {
        emit(0x48 | (source.rawValue >> 3) << 2 | destination.rawValue >> 3, 0x89, 0xC0 | (source.rawValue & 7) << 3 | destination.rawValue & 7)
    }

    /// `destination = address of memory`.
    mutating func loadAddress(_ destination: GeneralRegister, _ memory: MemoryOperand) {
        rex(wide: true, reg: destination.rawValue, memory)
        bytes.append(0x8D)
        modRM(reg: destination.rawValue & 7, memory)
    }

    /// `destination = value`, zero-extended.
    mutating func move(_ destination: GeneralRegister, immediate value: Int32) {
        if destination.rawValue >= 8 { bytes.append(0x41) }
        bytes.append(0xB8 + destination.rawValue & 7)
        append(value)
    }

    /// `destination = 0`.
    mutating func zero(_ destination: GeneralRegister) {
        if destination.rawValue >= 8 { bytes.append(0x45) }
        emit(0x31, 0xC0 | (destination.rawValue & 7) << 3 | destination.rawValue & 7)
    }

    /// Calls the function at `address` through rax.
    mutating func call(_ address: UInt) {
        emit(0x48, 0xB8)
        withUnsafeBytes(of: UInt64(address).littleEndian) { bytes.append(contentsOf: $0) }
        emit(0xFF, 0xD0)
    }

    mutating func push(_ register: GeneralRegister) {
        if register.rawValue >= 8 { bytes.append(0x41) }
        bytes.append(0x50 + register.rawValue & 7)
    }

    mutating func pop(_ register: GeneralRegister) {
        if register.rawValue >= 8 { bytes.append(0x41) }
        bytes.append(0x58 + register.rawValue & 7)
    }

    /// `register += value` (64 bits, `value` in -128...127).
    mutating func add(_ register: GeneralRegister, immediate value: Int8) {
        emit(0x48 | register.rawValue >> 3, 0x83, 0xC0 | register.rawValue & 7, UInt8(bitPattern: value))
    }

    /// `register <<= count` (64 bits).
    mutating func shiftLeft(_ register: GeneralRegister, _ count: UInt8) {
        emit(0x48 | register.rawValue >> 3, 0xC1, 0xE0 | register.rawValue & 7, count)
    }

    /// Sets the flags for `first - second` (64 bits).
    mutating func compare(_ first: GeneralRegister, _ second: GeneralRegister) {
        emit(0x48 | (second.rawValue >> 3) << 2 | first.rawValue >> 3, 0x39, 0xC0 | (second.rawValue & 7) << 3 | first.rawValue & 7)
    }

    /// Jumps to byte `target` of the code when the last comparison was unsigned below.
    mutating func jumpIfBelow(to target: Int) {
        emit(0x0F, 0x82)
        append(Int32(target - (bytes.count + 4)))
    }

    mutating func returnFromCall() { bytes.append(0xC3) }

    // MARK: - Encoding

    private mutating func rex(wide: Bool, reg: UInt8, _ memory: MemoryOperand) {
        let index = memory.index?.rawValue ?? 0
        bytes.append(0x40 | (wide ? 8 : 0) | (reg >> 3) << 2 | (index >> 3) << 1 | memory.base.rawValue >> 3)
    }

    /// ModRM (mod 10: a 32-bit displacement), SIB when needed, and the displacement.
    private mutating func modRM(reg: UInt8, _ memory: MemoryOperand) {
        let base = memory.base.rawValue & 7
        if let index = memory.index {
            precondition(index != .rsp)
            emit(0x80 | reg << 3 | 4, (index.rawValue & 7) << 3 | base)
        } else {
            bytes.append(0x80 | reg << 3 | base)
            if base == 4 { bytes.append(0x24) }
        }
        append(memory.displacement)
    }

    private mutating func emit(_ byte: UInt8) { bytes.append(byte) }

    private mutating func emit(_ first: UInt8, _ second: UInt8) {
        bytes.append(first)
        bytes.append(second)
    }

    private mutating func emit(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
        emit(first, second)
        bytes.append(third)
    }

    private mutating func emit(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        emit(first, second)
        emit(third, fourth)
    }

    private mutating func append(_ value: Int32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

#endif
