// A program compiled to x86-64 machine code, and running it over columns of points.
#if arch(x86_64)
import CVectorMath
import Glibc
import Synchronization

/// A program as machine code in executable memory, for binary64 on x86-64 with AVX2.
///
/// It computes what the block interpreter computes, bit for bit: the same operations in the
/// same order on each group of points, and the same routines for every function; only the
/// intermediate values stay in registers instead of passing through memory. A tail of fewer than
/// `lanes` points runs as one group padded with zeros, as the interpreter's vector routines pad it.
final class NativeKernel: Sendable {
    /// The points computed per pass of the loop: 4 or 8.
    let lanes: Int

    /// The code's address and mapped size (the mapping lives as long as the kernel).
    private let address: UInt
    private let size: Int
    private let constants: [Double]
    private let slotCount: Int
    private let inputCount: Int
    let outputCount: Int

    private typealias Entry = @convention(c) (
        UnsafePointer<UnsafePointer<Double>>, UnsafePointer<UnsafeMutablePointer<Double>>, Int, UnsafeMutableRawPointer
    ) -> Void

    /// The kernel of `program` with values of `vectors` ymm registers (by default whichever of
    /// 1 and 2 costs less), or `nil` if this CPU lacks AVX2 or the system refuses executable memory.
    init?(_ program: Program, vectors: Int? = nil) {
        guard symdiff_vec_simd_available() != 0 else { return nil }
        let plan = NativeSteps(program)
        // Two vectors per value halve the calls per point and overlap independent work, but
        // leave half the registers: unless that made values spill, whichever of the two needs
        // fewer memory accesses and calls per point.
        var code = NativeCodegen.generate(plan, vectors: vectors ?? 2)
        if vectors == nil && code.pressureSpills > 0 {
            let narrow = NativeCodegen.generate(plan, vectors: 1)
            if narrow.costPerPoint < code.costPerPoint { code = narrow }
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        size = (code.bytes.count + page - 1) / page * page
        guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            memory != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        memory.copyMemory(from: code.bytes, byteCount: code.bytes.count)
        guard mprotect(memory, size, PROT_READ | PROT_EXEC) == 0 else {
            munmap(memory, size)
            return nil
        }
        address = UInt(bitPattern: memory)
        constants = plan.constants
        slotCount = code.slotCount
        lanes = code.lanes
        inputCount = program.inputs.count
        outputCount = program.outputs.count
    }

    deinit { munmap(UnsafeMutableRawPointer(bitPattern: address), size) }

    /// Evaluates points `start..<start + count` of the columns.
    func run(inputs: [UnsafePointer<Double>], outputs: [UnsafeMutablePointer<Double>], start: Int, count: Int) {
        let entry = unsafeBitCast(address, to: Entry.self)
        let frame = UnsafeMutablePointer<Double>.allocate(capacity: lanes * max(1, constants.count + slotCount))
        defer { frame.deallocate() }
        for (k, c) in constants.enumerated() { (frame + lanes * k).initialize(repeating: c, count: lanes) }
        let groups = count / lanes
        if groups > 0 {
            let offsetInputs = inputs.map { $0 + start }
            let offsetOutputs = outputs.map { $0 + start }
            entry(offsetInputs, offsetOutputs, groups, frame)
        }
        let tail = count - lanes * groups
        guard tail > 0 else { return }
        let first = start + lanes * groups
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: lanes * (inputCount + outputCount))
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0, count: lanes * (inputCount + outputCount))
        let paddedInputs = inputs.enumerated().map { c, column in
            (scratch + lanes * c).update(from: column + first, count: tail)
            return UnsafePointer(scratch + lanes * c)
        }
        let paddedOutputs = (0..<outputCount).map { scratch + lanes * (inputCount + $0) }
        entry(paddedInputs, paddedOutputs, 1, frame)
        for (column, padded) in zip(outputs, paddedOutputs) { (column + first).update(from: padded, count: tail) }
    }
}

/// The machine code of one program, generated on first use; copies of an evaluator share it.
final class NativeKernelCache: Sendable {
    /// `nil` until the first use, then the kernel or `.some(nil)` where there can be none.
    private let kernel = Mutex<NativeKernel??>(nil)

    /// The kernel of `program` (always the same program for one cache).
    func kernel(for program: Program) -> NativeKernel? {
        kernel.withLock { kernel in
            if kernel == nil { kernel = .some(NativeKernel(program)) }
            return kernel!
        }
    }
}

#endif
