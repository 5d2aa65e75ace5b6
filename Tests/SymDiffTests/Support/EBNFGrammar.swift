// The rules of grammar/formula.ebnf as data, for generating formulas from the grammar itself.
import Foundation

/// A grammar read from W3C-style EBNF: `name ::= body`, bodies of quoted terminals,
/// `[...]` character classes, rule names, `( )` groups, `|`, and postfix `? * +`.
/// Comments `(* ... *)` are dropped.
struct EBNFGrammar: Sendable {
    /// One piece of a rule body.
    indirect enum Term: Sendable {
        case terminal(String)
        /// A character class such as `[A-Za-z_]`, kept as written.
        case characterClass(String)
        case rule(String)
        case sequence([Term])
        case choice([Term])
        case optional(Term)
        case zeroOrMore(Term)
        case oneOrMore(Term)
    }

    /// Rule bodies by name, and the names in file order.
    private(set) var rules: [String: Term] = [:]
    private(set) var names: [String] = []

    /// The grammar of the formula language, from `grammar/formula.ebnf`.
    static let formula = EBNFGrammar(GrammarExample.grammarText)

    /// Reads every `name ::= body` of `text`; a body runs until the next rule.
    init(_ text: String) {
        let code = text.replacingOccurrences(of: #"\(\*[\s\S]*?\*\)"#, with: " ", options: .regularExpression)
        var current: (name: String, body: String)?
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.range(of: #"^[A-Za-z-]+\s*::="#, options: .regularExpression) {
                if let rule = current { add(rule) }
                let name = line[match].dropLast(3).trimmingCharacters(in: .whitespaces)
                current = (name, String(line[match.upperBound...]))
            } else if current != nil {
                current!.body += " " + line
            }
        }
        if let rule = current { add(rule) }
    }

    private mutating func add(_ rule: (name: String, body: String)) {
        var tokens = Self.tokens(rule.body)[...]
        rules[rule.name] = Self.choice(&tokens)
        names.append(rule.name)
    }

    /// The body split into quoted terminals, classes, names and punctuation.
    private static func tokens(_ body: String) -> [String] {
        let pattern = #"'[^']*'|"[^"]*"|\[[^\]]*\]|[A-Za-z][A-Za-z0-9-]*|[()|?*+]"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(body.startIndex..., in: body)
        return regex.matches(in: body, range: range).map { String(body[Range($0.range, in: body)!]) }
    }

    private static func choice(_ tokens: inout ArraySlice<String>) -> Term {
        var alternatives = [sequence(&tokens)]
        while tokens.first == "|" {
            tokens.removeFirst()
            alternatives.append(sequence(&tokens))
        }
        return alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
    }

    private static func sequence(_ tokens: inout ArraySlice<String>) -> Term {
        var items: [Term] = []
        while let token = tokens.first, token != "|", token != ")" {
            tokens.removeFirst()
            var item: Term
            switch token.first! {
            case "(":
                item = choice(&tokens)
                tokens.removeFirst()  // ")"
            case "'", "\"": item = .terminal(String(token.dropFirst().dropLast()))
            case "[": item = .characterClass(token)
            default: item = .rule(token)
            }
            switch tokens.first {
            case "?": item = .optional(item)
            case "*": item = .zeroOrMore(item)
            case "+": item = .oneOrMore(item)
            default: items.append(item); continue
            }
            tokens.removeFirst()
            items.append(item)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }
}
