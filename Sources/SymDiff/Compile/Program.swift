// The compiled form of expressions: a straight-line program over registers.

/// What one instruction computes. Operands are registers; results go to a register.
public enum Operation: Hashable, Sendable {
    /// Input column `index` (a variable).
    case input(Int)
    /// An exact number, the same in every lane, rounded once to the evaluation precision.
    case number(Number)
    /// `pi` or `e`, rounded once to the evaluation precision.
    case named(Constant)
    case add, subtract, multiply, divide
    case negate, reciprocal
    /// `a^b` for a non-integer or large exponent, as `pow` computes it.
    case power
    /// A built-in function of `a` (and `b` for the two-argument ones).
    case function(Function)
    /// `sin(a)` into `result` and `cos(a)` into `cosine`, computed together.
    case sinCos(cosine: Int32)
    /// Several additions or multiplications, with negations, in one pass (see `Chain`).
    case chain(Chain)
}

/// A run of additions or of multiplications fused into one instruction: the result is
/// `±(±o0 ∘ ±o1 ∘ ... ∘ ±o(k-1))`, left to right, from the operand registers `o`.
///
/// It performs the operations of the instructions it replaces in their order, sign flips
/// included, so its results are theirs bit for bit; only the intermediate values no longer
/// pass through registers.
public struct Chain: Hashable, Sendable {
    /// The most operands of one chain (the unrolled loops of CVectorMath).
    public static let maxOperands = 6

    /// Whether the steps multiply; otherwise they add.
    public var multiplies: Bool
    /// The operand registers, 2 to `maxOperands` of them.
    public var operands: [Int32]
    /// Bit `j` set: operand `j` is negated; bit `operands.count` set: the result is negated.
    public var negated: UInt32

    public init(multiplies: Bool, operands: [Int32], negated: UInt32 = 0) {
        self.multiplies = multiplies
        self.operands = operands
        self.negated = negated
    }
}

/// One step of a program: `result = operation(a, b)`.
public struct Instruction: Hashable, Sendable {
    public var operation: Operation
    public var result: Int32
    public var a: Int32
    public var b: Int32

    public init(_ operation: Operation, result: Int32, a: Int32 = -1, b: Int32 = -1) {
        self.operation = operation
        self.result = result
        self.a = a
        self.b = b
    }
}

/// A straight-line program that computes every requested output from the input columns.
///
/// Invariants: `inputs` and `constants` come first (registers filled once per block or once
/// per run), then the body, in which each shared subexpression is computed once; a register
/// is reused once its value is dead; `outputs[i]` is the register holding output `i` at the
/// end.
public struct Program: Sendable {
    /// The variable names, in input column order.
    public var inputs: [String]
    /// Instructions that fill registers once per run (numbers, constants) or once per block
    /// (inputs).
    public var prologue: [Instruction]
    /// The instructions computing the outputs, in order.
    public var body: [Instruction]
    public var registerCount: Int
    public var outputs: [Int32]

    /// The number of arithmetic and function instructions in the body.
    public var operationCount: Int { body.count }
}
