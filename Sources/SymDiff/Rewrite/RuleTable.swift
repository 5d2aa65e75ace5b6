// The simplification rules as named data in formula syntax, grouped by theme.

/// The simplification rules.
///
/// Two kinds of law: the algebra of sums, products and powers is kept by the canonical
/// constructors on every node (`canonicalLaws` states it, as data the tests check), because
/// collecting like terms of a million-term sum by pattern matching would be quadratic; identities
/// of functions are rewrite rules (`rewriteRules`) run by the `Rewriter`.
public enum Rules {
    // MARK: - Rewrite rules, applied by the Rewriter

    public static let trigonometric: [RewriteRule] = [
        RewriteRule("pythagorean",        "sin(?u)^2 + cos(?u)^2",        "1"),
        RewriteRule("pythagorean-scaled", "?c*sin(?u)^2 + ?c*cos(?u)^2",  "?c"),
        RewriteRule("tan-quotient",       "sin(?u)/cos(?u)",              "tan(?u)"),
        RewriteRule("sin-odd",            "sin(-?u)",                     "-sin(?u)"),
        RewriteRule("cos-even",           "cos(-?u)",                     "cos(?u)"),
        RewriteRule("tan-odd",            "tan(-?u)",                     "-tan(?u)"),
    ]

    public static let hyperbolic: [RewriteRule] = [
        RewriteRule("cosh-sinh",          "cosh(?u)^2 - sinh(?u)^2",      "1"),
        RewriteRule("tanh-quotient",      "sinh(?u)/cosh(?u)",            "tanh(?u)"),
        RewriteRule("cosh-ratio",         "cosh(?u)/cosh(?u)",            "1"),
        RewriteRule("sech-squared",       "1 - sinh(?u)^2/cosh(?u)^2",    "1/cosh(?u)^2"),
        RewriteRule("sinh-odd",           "sinh(-?u)",                    "-sinh(?u)"),
        RewriteRule("cosh-even",          "cosh(-?u)",                    "cosh(?u)"),
        RewriteRule("tanh-odd",           "tanh(-?u)",                    "-tanh(?u)"),
    ]

    public static let exponential: [RewriteRule] = [
        RewriteRule("log-exp",            "log(exp(?u))",                 "?u"),
        // expm1(u) > -1 for every u, so this holds everywhere; expm1(log1p(u)) = u and
        // exp(log1p(u)) - 1 = u only above -1, and are not rules.
        RewriteRule("log-one-plus-exp-minus-one", "log1p(expm1(?u))",     "?u"),
        RewriteRule("exp-product",        "exp(?a)*exp(?b)",              "exp(?a + ?b)"),
        RewriteRule("exp-power",          "exp(?a)^?n",                   "exp(?n*?a)",  when: .number("?n")),
        RewriteRule("log-e",              "log(e)",                       "1"),
    ]

    public static let absoluteValue: [RewriteRule] = [
        RewriteRule("sqrt-square",        "sqrt(?u^2)",                   "abs(?u)"),
        RewriteRule("abs-abs",            "abs(abs(?u))",                 "abs(?u)"),
        RewriteRule("abs-negate",         "abs(-?u)",                     "abs(?u)"),
        RewriteRule("abs-even-power",     "abs(?u)^?n",                   "?u^?n",       when: .evenInteger("?n")),
        RewriteRule("sign-times-abs",     "sign(?u)*abs(?u)",             "?u"),
        RewriteRule("cbrt-cube",          "cbrt(?u)^3",                   "?u"),
    ]

    /// Every rewrite rule, in the order the Rewriter tries them.
    public static let rewriteRules: [RewriteRule] = trigonometric + hyperbolic + exponential + absoluteValue

    // MARK: - Laws kept by the canonical constructors

    /// A law that building any node keeps: the left side builds the same node as the right.
    public struct CanonicalLaw: Sendable {
        public let name: String
        public let lhs: String
        public let rhs: String
    }

    private static func law(_ name: String, _ lhs: String, _ rhs: String) -> CanonicalLaw {
        CanonicalLaw(name: name, lhs: lhs, rhs: rhs)
    }

    public static let canonicalLaws: [CanonicalLaw] = [
        law("constant-folding",   "2 + 3*4 - 1/2",            "27/2"),
        law("exact-rational",     "(2/3)^-2",                 "9/4"),
        law("add-zero",           "?a + 0",                   "?a"),
        law("mul-one",            "?a*1",                     "?a"),
        law("mul-zero",           "?a*0",                     "0"),
        law("pow-one",            "?a^1",                     "?a"),
        law("pow-zero",           "?a^0",                     "1"),
        law("one-pow",            "1^?a",                     "1"),
        law("double-negation",    "-(-?a)",                   "?a"),
        law("sub-self",           "?a - ?a",                  "0"),
        law("add-commutes",       "?a + ?b",                  "?b + ?a"),
        law("mul-commutes",       "?a*?b",                    "?b*?a"),
        law("add-associates",     "(?a + ?b) + ?c",           "?a + (?b + ?c)"),
        law("mul-associates",     "(?a*?b)*?c",               "?a*(?b*?c)"),
        law("like-terms",         "?a + ?a",                  "2*?a"),
        law("like-terms-scaled",  "3*?a - 5*?a",              "-2*?a"),
        law("like-factors",       "?a*?a",                    "?a^2"),
        law("merge-powers",       "?a^2*?a^3",                "?a^5"),
        law("merge-negative",     "?a^-1*?a^-2",              "?a^-3"),
        law("power-of-power",     "(?a^2)^3",                 "?a^6"),
        law("power-of-product",   "(2*?a*?b)^2",              "4*?a^2*?b^2"),
        law("distribute-number",  "-(?a - ?b)",               "?b - ?a"),
        law("e-power",            "e^?a",                     "exp(?a)"),
        law("exact-functions",    "exp(0) + log(1) + sqrt(9/4) + sigmoid(0)", "3"),
    ]
}
