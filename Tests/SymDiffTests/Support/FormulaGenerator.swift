// Random formulas generated from the rules of grammar/formula.ebnf, depth-bounded and seeded.
@testable import SymDiff

/// Generates formula text by expanding the rules of `grammar/formula.ebnf` at random.
///
/// The grammar gives the structure; a few context conditions the EBNF cannot state are
/// table rows here: a call has its function's arity, names are the variables `x y z`,
/// numbers come from a small pool of literals, and pattern variables, bindings (not
/// formulas of their own), the vector operators (read into `D(...)`, whose vectors the grammar
/// cannot tell from names) and conditions are left out; `D(...)` is rare. Past the depth budget every
/// choice takes the alternative that ends soonest and repetitions stop, so any budget
/// terminates. Points are in (0.2, 2), where the bare variables are inside every domain;
/// callers skip the points where a formula is not finite.
struct FormulaGenerator {
    var random: SeededGenerator
    let variables = ["x", "y", "z"]
    let grammar = EBNFGrammar.formula

    /// Literals a `number` becomes.
    static let numbers = ["1", "2", "3", "5", "0.5", "2.5", "1e-1", "1.5"]
    /// Rule expansions per level of nesting (`expr term unary power primary call`).
    static let expansionsPerLevel = 6
    /// Relative weights of alternatives by the rules they mention (the product; 1 for
    /// others): variables and calls often, signs, constants and parentheses seldom.
    static let weights: [String: Double] = [
        "patternvar": 0, "binding": 0, "operator-call": 0, "derivative": 0.01, "unary": 0.15, "identifier": 4, "call": 2,
        "constant": 0.3, "expr": 0.5,
    ]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// A formula of nesting depth at most about `depth`.
    mutating func formula(depth: Int) -> String {
        var words: [String] = []
        expand(.rule("expr"), budget: depth * Self.expansionsPerLevel, into: &words)
        return words.joined(separator: " ")
    }

    /// A point with every variable in (0.2, 2).
    mutating func point() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: variables.map { ($0, Double.random(in: 0.2..<2, using: &random)) })
    }

    private mutating func expand(_ term: EBNFGrammar.Term, budget: Int, into words: inout [String]) {
        switch term {
        case .terminal(let text): words.append(text == "!" ? "-" : text)
        case .characterClass: words.append(variables.randomElement(using: &random)!)
        case .rule(let name): expandRule(name, budget: budget - 1, into: &words)
        case .sequence(let items): for item in items { expand(item, budget: budget, into: &words) }
        case .choice(let alternatives):
            expand(choose(alternatives, budget: budget), budget: budget, into: &words)
        case .optional(let item):
            if budget > 0 && Double.random(in: 0..<1, using: &random) < 0.3 { expand(item, budget: budget, into: &words) }
        case .zeroOrMore(let item):
            for _ in 0..<repetitions(budget: budget) { expand(item, budget: budget, into: &words) }
        case .oneOrMore(let item):
            for _ in 0...repetitions(budget: budget) { expand(item, budget: budget, into: &words) }
        }
    }

    /// The rows for the context conditions, else the rule's body.
    private mutating func expandRule(_ name: String, budget: Int, into words: inout [String]) {
        switch name {
        // Conditions are left out (see `functions`): an expression is a sum, `!` a minus.
        case "expr": expandRule("sum", budget: budget + 1, into: &words)
        case "identifier": words.append(variables.randomElement(using: &random)!)
        case "number": words.append(Self.numbers.randomElement(using: &random)!)
        case "count": words.append(["1", "2"].randomElement(using: &random)!)
        case "call":
            let function = Self.functions.randomElement(using: &random)!
            words += [function.name, "("]
            for k in 0..<function.arity {
                if k > 0 { words.append(",") }
                // An order is an integer number (`polygamma(1, x)`).
                if k == 0 && function.info.integerOrder {
                    words.append(["0", "1", "2"].randomElement(using: &random)!)
                } else {
                    expandRule("expr", budget: budget - 1, into: &words)
                }
            }
            words.append(")")
        default:
            guard let body = grammar.rules[name] else { return }  // EOF
            expand(body, budget: budget, into: &words)
        }
    }

    /// Every function but the steps, which jump at every integer, and the conditions, which jump
    /// where their sides meet: two evaluations an ulp apart (compiled and interpreted,
    /// reordered sums) would differ by 1 there. `PrinterTests.conditionsReadBack` covers those.
    static let functions = Function.allCases.filter {
        ![.floor, .ceil, .round, .trunc, .mod, .fmod, .frac, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual,
          .logicalAnd, .logicalOr, .logicalNot, .select, .where].contains($0)
    }

    /// 0 to 2 repetitions, mostly 0; none past the budget.
    private mutating func repetitions(budget: Int) -> Int {
        guard budget > 0 else { return 0 }
        let r = Double.random(in: 0..<1, using: &random)
        return r < 0.6 ? 0 : r < 0.9 ? 1 : 2
    }

    /// An alternative by weight; past the budget, the one that ends soonest.
    private mutating func choose(_ alternatives: [EBNFGrammar.Term], budget: Int) -> EBNFGrammar.Term {
        let usable = alternatives.filter { weight($0) > 0 }
        if budget <= 0 {
            let least = usable.map(height).min()!
            return usable.filter { height($0) == least }.randomElement(using: &random)!
        }
        var r = Double.random(in: 0..<usable.map(weight).reduce(0, +), using: &random)
        for alternative in usable {
            r -= weight(alternative)
            if r < 0 { return alternative }
        }
        return usable.last!
    }

    private func weight(_ term: EBNFGrammar.Term) -> Double {
        mentions(term).compactMap { Self.weights[$0] }.reduce(1, *)
    }

    /// The rule names a term refers to directly.
    private func mentions(_ term: EBNFGrammar.Term) -> [String] {
        switch term {
        case .rule(let name): return [name]
        case .terminal, .characterClass: return []
        case .sequence(let items), .choice(let items): return items.flatMap(mentions)
        case .optional(let item), .zeroOrMore(let item), .oneOrMore(let item): return mentions(item)
        }
    }

    /// How many rule expansions a term needs at least before it is all terminals.
    private func height(_ term: EBNFGrammar.Term) -> Int { Self.height(term, Self.ruleHeights) }

    private static func height(_ term: EBNFGrammar.Term, _ rules: [String: Int]) -> Int {
        switch term {
        case .rule(let name): return rules[name] ?? 1
        case .terminal, .characterClass, .optional, .zeroOrMore: return 0
        case .sequence(let items): return items.map { height($0, rules) }.max() ?? 0
        case .choice(let items): return items.map { height($0, rules) }.min() ?? 0
        case .oneOrMore(let item): return height(item, rules)
        }
    }

    /// Each rule's least expansion count, by iterating to a fixed point; the rules the
    /// generator writes itself take one.
    static let ruleHeights: [String: Int] = {
        let grammar = EBNFGrammar.formula
        let written = ["identifier", "number", "count", "call"]
        var heights = Dictionary(uniqueKeysWithValues: grammar.names.map { ($0, written.contains($0) ? 1 : Int.max / 4) })
        var changed = true
        while changed {
            changed = false
            for name in grammar.names where !written.contains(name) {
                let h = 1 + height(grammar.rules[name]!, heights)
                if h < heights[name]! {
                    heights[name] = h
                    changed = true
                }
            }
        }
        return heights
    }()
}
