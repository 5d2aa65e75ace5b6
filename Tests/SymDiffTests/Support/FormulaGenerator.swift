// Random formulas over the whole formula language, depth-bounded and seeded.
@testable import SymDiff

/// Generates formula text from the language's constructs: numbers, variables, constants,
/// unary signs, the five operators, and every built-in function at its arity.
///
/// Numbers stay small and exponents are small integers or halves, so values at points in
/// (0.2, 2) are mostly finite; callers skip points where the formula is not.
struct FormulaGenerator {
    var random: SeededGenerator
    let variables = ["x", "y", "z"]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// A formula of nesting depth at most `depth`.
    mutating func formula(depth: Int) -> String {
        if depth <= 0 || Int.random(in: 0..<10, using: &random) < 2 { return leaf() }
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            let op = ["+", "-", "*", "/"].randomElement(using: &random)!
            return "(\(formula(depth: depth - 1)) \(op) \(formula(depth: depth - 1)))"
        case 4:
            let exponent = ["2", "3", "-1", "-2", "0.5", "(1/3)", "y"].randomElement(using: &random)!
            return "(\(formula(depth: depth - 1)))^\(exponent)"
        case 5:
            return "-\(formula(depth: depth - 1))"
        default:
            let f = Function.allCases.randomElement(using: &random)!
            let arguments = (0..<f.arity).map { _ in formula(depth: depth - 1) }
            return "\(f.name)(\(arguments.joined(separator: ", ")))"
        }
    }

    private mutating func leaf() -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<6: return variables.randomElement(using: &random)!
        case 6..<8: return String(Int.random(in: 1...5, using: &random))
        case 8: return ["0.5", "2.5", "1e-1"].randomElement(using: &random)!
        default: return ["pi", "e"].randomElement(using: &random)!
        }
    }

    /// A point with every variable in (0.2, 2).
    mutating func point() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: variables.map { ($0, Double.random(in: 0.2..<2, using: &random)) })
    }
}
