// The assembler's encodings, read back by an independent decoder (binutils' objdump).
#if arch(x86_64)
import Foundation
import Testing
@testable import SymDiff

@Suite struct X86AssemblerTests {
    /// Each instruction the kernels use, with registers below and above 8 in every position,
    /// and what objdump (Intel syntax) must read.
    static let cases: [(emit: @Sendable (inout X86Assembler) -> Void, expected: String)] = [
        ({ $0.packed(.add, 3, 9, 12) }, "vaddpd ymm3,ymm9,ymm12"),
        ({ $0.packed(.subtract, 14, 7, 0) }, "vsubpd ymm14,ymm7,ymm0"),
        ({ $0.packed(.multiply, 15, 0, MemoryOperand(.r15, displacement: 64)) }, "vmulpd ymm15,ymm0,YMMWORD PTR [r15+0x40]"),
        ({ $0.packed(.divide, 4, 11, MemoryOperand(.rax, index: .r14, displacement: 32)) },
         "vdivpd ymm4,ymm11,YMMWORD PTR [rax+r14*1+0x20]"),
        ({ $0.packed(.xor, 1, 2, MemoryOperand(.r15)) }, "vxorpd ymm1,ymm2,YMMWORD PTR [r15+0x0]"),
        ({ $0.packed(.loadUnaligned, 8, 0, MemoryOperand(.rax, index: .r14, displacement: 32)) }, "vmovupd ymm8,YMMWORD PTR [rax+r14*1+0x20]"),
        ({ $0.packed(.loadUnaligned, 2, 0, MemoryOperand(.rdi, index: .r14)) }, "vmovupd ymm2,YMMWORD PTR [rdi+r14*1+0x0]"),
        ({ $0.packed(.storeUnaligned, 13, 0, MemoryOperand(.r15, displacement: 96)) }, "vmovupd YMMWORD PTR [r15+0x60],ymm13"),
        ({ $0.squareRoot(10, 5) }, "vsqrtpd ymm10,ymm5"),
        ({ $0.zeroUpper() }, "vzeroupper"),
        ({ $0.move(.rax, MemoryOperand(.rbx, displacement: 72)) }, "mov rax,QWORD PTR [rbx+0x48]"),
        ({ $0.move(.rdi, MemoryOperand(.r12, displacement: 8)) }, "mov rdi,QWORD PTR [r12+0x8]"),
        ({ $0.loadAddress(.rsi, MemoryOperand(.r15, displacement: 96)) }, "lea rsi,[r15+0x60]"),
        ({ $0.loadAddress(.rcx, MemoryOperand(.rcx, index: .r14)) }, "lea rcx,[rcx+r14*1+0x0]"),
        ({ $0.move(.rbx, .rdi) }, "mov rbx,rdi"),
        ({ $0.move(.r12, .rsi) }, "mov r12,rsi"),
        ({ $0.move(.r14, .rax) }, "mov r14,rax"),
        ({ $0.move(.rdx, immediate: 8) }, "mov edx,0x8"),
        ({ $0.move(.r8, immediate: 8) }, "mov r8d,0x8"),
        ({ $0.zero(.rax) }, "xor eax,eax"),
        ({ $0.zero(.r8) }, "xor r8d,r8d"),
        ({ $0.call(0x1234_5678_9abc) }, "movabs rax,0x123456789abc"),
        ({ $0.shiftLeft(.r13, 6) }, "shl r13,0x6"),
        ({ $0.add(.r14, immediate: 64) }, "add r14,0x40"),
        ({ $0.compare(.r14, .r13) }, "cmp r14,r13"),
        ({ $0.push(.r15) }, "push r15"),
        ({ $0.pop(.rbx) }, "pop rbx"),
        ({ $0.returnFromCall() }, "ret"),
    ]

    /// objdump's reading of `bytes`: one instruction per line, mnemonic and operands.
    static func disassemble(_ bytes: [UInt8]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-asm-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "objdump (binutils) is needed to check the encodings")
        // Lines look like "   0:\tc4 c1 35 58 dc \tvaddpd ymm3,ymm9,ymm12".
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, fields[0].hasSuffix(":") else { return nil }
            return fields[2].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
    }

    @Test func objdumpReadsEachInstructionAsIntended() throws {
        for (emit, expected) in Self.cases {
            var assembler = X86Assembler()
            emit(&assembler)
            let lines = try Self.disassemble(assembler.bytes)
            // A call is a movabs of the address into rax, then call rax.
            #expect(lines.first == expected, "bytes \(assembler.bytes.map { String($0, radix: 16) })")
        }
    }

    /// A backward conditional jump lands on its target.
    @Test func jumpIfBelowReachesItsTarget() throws {
        var assembler = X86Assembler()
        assembler.returnFromCall()
        assembler.jumpIfBelow(to: 0)
        #expect(try Self.disassemble(assembler.bytes).last == "jb 0x0")
    }
}
#endif
