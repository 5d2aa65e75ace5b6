// Fusing runs of additions or multiplications, and the negations next to them, into chains.

extension Program {
    /// The program with each run of adjacent instructions that accumulates one value by additions
    /// or by multiplications fused into one `.chain` instruction, so that the intermediate values
    /// never pass through memory.
    ///
    /// A run is an `add` or `multiply` (or a `negate` whose only reader is the next instruction,
    /// when that one adds or multiplies), then instructions of the same operation whose first
    /// operand is the previous result, then at most one `negate` of the result. Each
    /// intermediate value must have no reader but the next step and must not be an output. The
    /// chain reads its operands at the position of the run's last instruction, which is
    /// equivalent: within the run only intermediate registers (now never written) and the final
    /// one (read before written, per point) change.
    public func fusingChains() -> Program {
        let readers = readerCounts()
        var fused: [Instruction] = []
        var i = 0
        while i < body.count {
            guard var (chain, result, last) = chainStart(at: i, readers: readers) else {
                fused.append(body[i])
                i += 1
                continue
            }
            while last + 1 < body.count, readers[last] == 1, chain.negated >> chain.operands.count == 0 {
                let next = body[last + 1]
                guard next.a == result, next.b != result else { break }
                if next.operation == .negate {
                    chain.negated |= 1 << chain.operands.count
                } else if next.operation == (chain.multiplies ? .multiply : .add),
                    chain.operands.count < Chain.maxOperands
                {
                    chain.operands.append(next.b)
                } else {
                    break
                }
                result = next.result
                last += 1
            }
            fused.append(last == i ? body[i] : Instruction(.chain(chain), result: result))
            i = last + 1
        }
        var program = self
        program.body = fused
        return program
    }

    /// The chain of the run starting at instruction `i`, its result register and the index of
    /// its last instruction so far; `nil` if no run starts there.
    private func chainStart(at i: Int, readers: [Int]) -> (Chain, result: Int32, last: Int)? {
        let first = body[i]
        if first.operation == .add || first.operation == .multiply {
            return (Chain(multiplies: first.operation == .multiply, operands: [first.a, first.b]), first.result, i)
        }
        // -u feeding the next addition or multiplication: u with its sign flipped there.
        guard first.operation == .negate, readers[i] == 1, i + 1 < body.count else { return nil }
        let next = body[i + 1]
        guard next.operation == .add || next.operation == .multiply, next.a != next.b,
            next.a == first.result || next.b == first.result
        else { return nil }
        let operands = [next.a, next.b].map { $0 == first.result ? first.a : $0 }
        let negated: UInt32 = next.a == first.result ? 1 : 2
        return (Chain(multiplies: next.operation == .multiply, operands: operands, negated: negated), next.result, i + 1)
    }

    /// For each body instruction, how many later instructions read the value it writes (to its
    /// result register), plus one if that value is an output.
    private func readerCounts() -> [Int] {
        var readers = [Int](repeating: 0, count: body.count)
        var writer: [Int32: Int] = [:]
        for (index, instruction) in body.enumerated() {
            for register in instruction.operandRegisters {
                if let w = writer[register], w >= 0 { readers[w] += 1 }
            }
            writer[instruction.result] = index
            if case .sinCos(let cosine) = instruction.operation { writer[cosine] = -1 }
        }
        for register in outputs {
            if let w = writer[register], w >= 0 { readers[w] += 1 }
        }
        return readers
    }
}

extension Instruction {
    /// The registers this instruction reads.
    var operandRegisters: [Int32] {
        switch operation {
        case .add, .subtract, .multiply, .divide, .power: return [a, b]
        case .negate, .reciprocal, .sinCos: return [a]
        case .function(let f): return f.arity == 2 ? [a, b] : [a]
        case .chain(let chain): return chain.operands
        case .input, .number, .named: return []
        }
    }
}
