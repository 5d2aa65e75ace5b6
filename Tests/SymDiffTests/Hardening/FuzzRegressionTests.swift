// Inputs the fuzz targets (Fuzz/, scripts/fuzz.sh) found crashing or breaking a property, as plain tests.
import Testing
@testable import SymDiff
@testable import SymDiffIO
@testable import SymDiffAutodiff
import SymDiffVerify

@Suite struct FuzzRegressionTests {
    /// `u1 = sin(x); u2 = sin(u1); ...; uN`: a graph `n` levels deep from a formula that
    /// nests one level.
    static func bindingChain(_ n: Int, _ function: String = "sin") -> String {
        (1...n).map { "u\($0) = \(function)(\($0 == 1 ? "x" : "u\($0 - 1)")); " }.joined() + "u\(n)"
    }

    /// The round-trip target's binding-chain seed: the printer recursed once per graph
    /// level and overflowed the stack; printed plainly, the text nested 10^5 deep and did
    /// not read back. Now it prints without recursion, binding every few hundred levels.
    @Test func deepBindingChainPrintsAndReadsBack() throws {
        var formula = try Formula(parsing: Self.bindingChain(100_000))
        let text = try formula.graph.printedFormula(formula.root)
        #expect(text.hasPrefix("_1 = sin(sin(") && text.hasSuffix(")"))
        #expect(try formula.graph.lower(Parser.parse(text)) == formula.root)
        #expect(formula.graph.formula(formula.root).utf8.count == 100_000 * 5 + 1)
    }

    /// A chain just under the nesting limit prints plainly, as before; the default limit
    /// allows 1000 levels, and each `sin` is one.
    @Test func shallowChainsPrintWithoutBindings() throws {
        let formula = try Formula(parsing: Self.bindingChain(200))
        #expect(try formula.graph.printedFormula(formula.root) == String(repeating: "sin(", count: 200) + "x" + String(repeating: ")", count: 200))
    }

    /// Powers of powers and chains of quotients and negations, deep through bindings: every
    /// printing path (power bases, denominators, negated terms) reads back.
    @Test(arguments: ["exp", "sqrt", "abs"])
    func deepChainsOfEveryShapeReadBack(_ function: String) throws {
        let shapes = [
            Self.bindingChain(3_000, function),
            (1...3_000).map { "u\($0) = (\($0 == 1 ? "x" : "u\($0 - 1)"))^y; " }.joined() + "u3000",
            (1...3_000).map { "u\($0) = 1 - 2/(\($0 == 1 ? "x" : "u\($0 - 1)") + y); " }.joined() + "u3000",
            (1...3_000).map { "u\($0) = -(\($0 == 1 ? "x" : "u\($0 - 1)") + 1)^(-y)*x; " }.joined() + "u3000",
        ]
        for source in shapes {
            var formula = try Formula(parsing: source)
            let text = try formula.graph.printedFormula(formula.root)
            #expect(try formula.graph.lower(Parser.parse(text)) == formula.root, "\(source.prefix(60))")
        }
    }

    /// With a small nesting limit the cut comes sooner and the text still reads back under it.
    @Test func bindingsFollowTheNestingLimit() throws {
        var limits = Limits()
        limits.maxNestingDepth = 40
        var formula = try Formula(parsing: Self.bindingChain(500), limits: limits)
        let text = try formula.graph.printedFormula(formula.root)
        #expect(try formula.graph.lower(Parser.parse(text, limits: limits)) == formula.root)
    }

    /// The round-trip target's first find, `9*1e308`: folding overflows to +inf, which
    /// printed as `1/0` and read back as a division by zero, another node. Non-finite numbers
    /// now print as products that fold back to them, and NaN is one number in the graph.
    @Test(arguments: [
        ("9*1e308", "1e308*10"),
        ("-9*1e308", "-1e308*10"),
        ("x - 9*1e308", "x - 1e308*10"),
        ("x^(-9*1e308)", "1/x^(1e308*10)"),
        ("9*1e308 - 9*1e308", "(1e308*10 - 1e308*10)"),
        ("x*(9*1e308 - 9*1e308)", "(1e308*10 - 1e308*10)*x"),
    ])
    func nonFiniteNumbersReadBack(_ source: String, _ printed: String) throws {
        var formula = try Formula(parsing: source)
        #expect(formula.graph.formula(formula.root) == printed)
        #expect(try formula.graph.lower(Parser.parse(printed)) == formula.root)
    }

    @Test func everyNaNIsOneNumber() {
        let nan = Number.real(.nan), other = Number.real(-Double.nan)
        #expect(nan == other && nan.hashValue == other.hashValue)
        #expect(nan != .real(.infinity) && Number.real(.infinity) == .real(.infinity))
    }

    /// The round-trip target's second find, `prrrrrrrrrrrrrrrrrrrrrrrri*e*e*e`: its fully
    /// parenthesized reading `((p*e)*e)*e` was another node, because `e*e` became `exp(2)`,
    /// which did not merge with the next `e`. Now `e` and `exp(n)` are powers of one base.
    @Test(arguments: [
        ("prrrrrrrrrrrrrrrrrrrrrrrri*e*e*e", "((prrrrrrrrrrrrrrrrrrrrrrrri*e)*e)*e"),
        ("x*e*e*e", "x*(e*(e*e))"),
        ("e*exp(2)*x", "(x*e)*exp(2)"),
        ("exp(2)*exp(3)", "exp(5)"),
        ("e*exp(-1)*e", "(e*exp(-1))*e"),
    ])
    func groupingNeverChangesAProduct(_ flat: String, _ grouped: String) throws {
        var graph = ExprGraph()
        #expect(try graph.lower(Parser.parse(flat)) == graph.lower(Parser.parse(grouped)))
    }

    /// The round-trip smoke run's find after decimal literals became exact: `abs(x)^0.5` read
    /// fully parenthesized as `(abs(x) ^ 1/2)`, which means `(abs(x)^1)/2`. Fractions now
    /// read parenthesized.
    ///
    /// Its next find: `09223337206854775807.8*x` has too many digits to be exact, so it was the
    /// real 9.223337206854776e18, which printed as that decimal and read back exactly as the
    /// integer 9223337206854776000, another node. A double whose shortest spelling is an
    /// exact decimal is now that decimal, so every real reads back as itself.
    @Test(arguments: [
        "abs(x)^0.5", "x^2.5*y", "2^-0.25", "x/0.4", "-1.5^x", "09223337206854775807.8*tanh(1.*x + 0.3)",
        "0.10000000000000000000001*x", "-0.30000000000000000000004*x", "1.6e-19*x - 4.799243e-11",
    ])
    func exactDecimalsReadBack(_ source: String) throws {
        var graph = ExprGraph()
        let tree = try Parser.parse(source)
        let root = try graph.lower(tree)
        #expect(try graph.lower(Parser.parse(tree.parenthesized())) == root, "\(tree.parenthesized())")
        #expect(try graph.lower(Parser.parse(graph.formula(root))) == root, "\(graph.formula(root))")
    }

    /// A round-trip find (a random-seed run): printed with let-bindings, `-_4*_10` negated the
    /// binding `_4 = 3*x + 1` alone, which distributed the sign into the sum: another node.
    /// A sum printed as a binding's name now goes last in its product like any other sum, and
    /// a product that would lead with one is negated as a whole.
    @Test func negatedProductOfABoundSumReadsBack() throws {
        var formula = try Formula(parsing: "D(e*atan2(1,3)*atan2(-x-1,3*x+1)*softshrink(x+1)**(x-x3),x,2)")
        let printed = try formula.graph.printedFormula(formula.root)
        #expect(printed.hasPrefix("_1 = "), "printed without bindings, which this case is about")
        #expect(try formula.graph.lower(Parser.parse(printed)) == formula.root, "\(printed)")
    }

    /// The round-trip target's third find, `.2^-992`: the power overflows, so it stayed a
    /// power and printed as `1/0.2^992`, but `0.2^992` underflowed and folded to 0, so the
    /// text read back as `1/0`. A real power now folds only when its reciprocal does too.
    @Test(arguments: [".2^-992", "0.2^992", "(-0.2)^-993", "x*1.5^-2000", "1e-200^2"])
    func powersFoldExactlyWhenTheirReciprocalsDo(_ source: String) throws {
        var formula = try Formula(parsing: source)
        let printed = formula.graph.formula(formula.root)
        #expect(try formula.graph.lower(Parser.parse(printed)) == formula.root, "printed as \(printed)")
    }

    /// The round-trip target's fourth find: a long product of `x`, `x^(1/3)` and `x^-in0` whose
    /// fully parenthesized reading, `((-x)*x)*x...`, lowered to another node: fractional
    /// exponents merged pairwise, so which merges happened depended on the grouping. Now the
    /// exponents of each sign add up, and a fractional sum that is an integer keeps a square
    /// root apart, whatever the grouping.
    @Test func fractionalPowerMergesDoNotDependOnGrouping() throws {
        let source = "-x*x*x*x*x*x*x*x*x*x*xx*x*x*x*x*x*xx*x*x*x**x*x*x*x*x*x*x*x*x*x*x*x*Strinx*x*x*x^(1/3)*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*h*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x^(1/3)*xx*x*x*x*x*x*x*x*xx*x*x*x*x*x*x*x*x*x*x*x*x*x*Strinx*x*x*x^(1/3)*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x**x*xx*x*x*x*x*xx**p*xx^-in0"
        var graph = ExprGraph()
        let tree = try Parser.parse(source)
        let flat = try graph.lower(tree)
        let grouped = try graph.lower(Parser.parse(tree.parenthesized()))
        #expect(grouped == flat)
        #expect(try graph.lower(Parser.parse(graph.printedFormula(flat))) == flat)
    }

    @Test(arguments: [
        ("x^(1/3)*x^(1/3)*x^(1/3)", "(x^(1/3)*x^(1/3))*x^(1/3)"),
        ("x^(1/3)*x^(1/2)*x^(1/6)*x", "x^(1/3)*(x^(1/2)*(x^(1/6)*x))"),
        ("x^(1/3)*x^(1/2)*x^(1/6)*x", "(x^(1/2)*x^(1/6))*(x^(1/3)*x)"),
        ("x^(-1/3)*x^(-2/3)", "1/(x^(1/2)*x^(1/2))"),
    ])
    func fractionalPowersMergeTheSameInAnyGrouping(_ flat: String, _ grouped: String) throws {
        var graph = ExprGraph()
        #expect(try graph.lower(Parser.parse(flat)) == graph.lower(Parser.parse(grouped)))
    }

    /// A later round-trip find: `(a + b)/2/(c + d)` printed that way read back with the 1/2
    /// distributed over `a + b` (a number times a lone sum distributes); the printer now
    /// divides by the number last. Open: the source's own fully parenthesized reading,
    /// `((a + b)/2)/(c + d)`, still distributes where the flat chain does not, since the
    /// distribution of a number over a lone sum depends on the grouping.
    @Test(arguments: [
        ("(1 + x/2 + x^2)/2/(11 - x/2 + x^2/12)", true), ("atan(x*z/2 - y)/(2*((x*z/2 - y)^2 + 1))", false),
    ])
    func numberDivisorsPrintLast(_ source: String, _ groupingIsOpen: Bool) throws {
        var graph = ExprGraph()
        let tree = try Parser.parse(source)
        let root = try graph.lower(tree)
        #expect(try graph.lower(Parser.parse(graph.formula(root))) == root, "\(graph.formula(root))")
        let grouped = try graph.lower(Parser.parse(tree.parenthesized()))
        if groupingIsOpen {
            withKnownIssue("distributing a number over a lone sum depends on the grouping") { #expect(grouped == root) }
        } else {
            #expect(grouped == root)
        }
    }

    /// The verify target's find, `exp(-x^2/2)*cos(xx*9220000000205763226)` at `x = 0, xx = 1`:
    /// the integer is exact in the graph and in extended precision, but the autodiff tape
    /// made every number a binary64 first, so autodiff computed the cosine of another
    /// argument (-0.2548 where the extended symbolic value, the right one, is -0.3887) and
    /// the error bounds did not count the rounding. The tape now keeps all 64 bits.
    @Test func autodiffKeepsEveryDigitOfLargeIntegers() throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: ["cos(9220000000205763226*x)"], orders: 1...2))
        let points = PointSet(names: ["x"], columns: [[1, 0.5]])
        for precision in [Precision.double, .extended] {
            let verification = try Verification(derivatives, at: points, precision: precision, threads: 1)
            #expect(verification.columns.allSatisfy { $0.disagreements == 0 }, "\(precision)")
            let f = try #require(verification.columns.first)
            #expect(f.autodiff[0] == f.extended[0], "\(precision)")
        }
    }

    @Test(arguments: [Int64.max, Int64.min, 9_220_000_000_205_763_226, -(1 << 53) - 1, 1 << 62, (1 << 32) + 1, -(1 << 32), 3] as [Int64])
    func tapeIntegersAreExactInExtendedPrecision(_ n: Int64) {
        let wide: Float80 = Tape.integer(n)
        #expect(wide == Float80(n))
        let double: Double = Tape.integer(n)
        #expect(double == Double(n))
        let exact: RoundingBound<RoundedNumbers> = Tape.integer(n)
        #expect(exact.bound == 0)
        let rounded: RoundingBound<BinaryArithmetic> = Tape.integer(n)
        #expect((rounded.bound == 0) == (Int64(exactly: Double(n)) == n))
    }

    /// Found with the verify target's find: `9220000000205763226*3` overflows 64 bits, so it
    /// folds to a binary64 number, 2098 above the product, and every path computes with that
    /// number; the bound on folded numbers counted it exact because it is a multiple of
    /// `2^-10`, as every binary64 number from `2^42` up is, and verification called the cosine
    /// `ok`. Only numbers up to `2^32` count as short now.
    @Test func largeFoldedNumbersCountAsRounded() throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: ["cos(9220000000205763226*3*x)"], orders: 1...1))
        let verification = try Verification(derivatives, at: PointSet(names: ["x"], columns: [[1]]), threads: 1)
        #expect(verification.columns.map { $0.status[0] } == [.cancellation, .cancellation])
        #expect(RoundingBound<RoundedNumbers>(2.766000000061729e19).bound > 0)
        #expect(RoundingBound<RoundedNumbers>(-0x1p32).bound == 0 && RoundingBound<RoundedNumbers>(2.625).bound == 0)
    }

    /// The verify target's find, `elu(-g*t)` at the origin: the mixed partial's row gives
    /// PyTorch's `elu'(0) = 1`, autodiff through the definition `relu'(0) = 0`, and along
    /// either axis the function is constant, so no one-sided difference shows the kink. At a
    /// point with a kink or jump such a difference is a convention: `nondifferentiable`.
    @Test(arguments: ["elu(-g*t)", "leaky_relu(-g*t)", "celu(g*t, 2)"])
    func conventionsDifferOnlyAtKinks(_ formula: String) throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: [formula], variables: ["g", "t"], orders: 2...2))
        let verification = try Verification(derivatives, at: PointSet(names: ["g", "t"], columns: [[0, 1], [0, 1]]), threads: 1)
        #expect(verification.passed())
        let mixed = try #require(verification.columns.first { $0.name == "d2/dgdt" })
        #expect(mixed.status[0] == .nondifferentiable)
    }

    /// The verify target's find, `1.4745e-50*nu^3/(exp(4-11*nu/T) - 1)` at `nu = -2.75,
    /// T = 0.125`, here minimized to `1/(exp(x) - 1)` at `x = 240`: the second derivative
    /// divides by `(exp(x) - 1)^3`, beyond binary64's range, so binary64 drops that term
    /// (`1/inf = 0`) and gets -5.9e-105 for 5.9e-105. The rounding bound, computed in extended
    /// precision, saw no overflow and called the value `ok`; a step beyond binary64's range
    /// made it `overflow`. Adaptive precision now outputs the extended-precision value there,
    /// whose sign and digits are right, and calls it `ok`.
    @Test func aStepBeyondBinary64RangeIsRefined() throws {
        let cases = [
            ("1/(exp(x) - 1)", ["x"], [[240.0, 1]]),
            ("1.4745e-50*nu^3/(exp(4-11*nu/T) - 1)", ["nu", "T"], [[-2.75, 1], [0.125, 1]]),
        ]
        for (formula, names, columns) in cases {
            let derivatives = try Derivatives(DerivativeRequest(formulas: [formula], variables: [names[0]], orders: 2...2))
            let verification = try Verification(derivatives, at: PointSet(names: names, columns: columns), threads: 1)
            #expect(verification.columns.map(\.status) == [[.ok, .ok], [.ok, .ok]], "\(formula)")
            #expect(verification.passed(strict: true), "\(formula)")
            let second = verification.columns[1]
            #expect(Swift.abs(second.output[0] - second.autodiff[0]) <= 4 * second.output[0].ulp, "\(formula)")
        }
        let square = RoundingBound<BinaryArithmetic>(input: 1e200) * RoundingBound(input: 1e200)
        #expect(square.overflows && (RoundingBound(input: 1) / square).overflows)
        #expect(RoundingBound<BinaryArithmetic>.power(RoundingBound(input: 1e200), -2).overflows)
        #expect(!RoundingBound<BinaryArithmetic>.power(RoundingBound(input: 1e200), -5).overflows)
    }

    /// The verify target's find on the jet-based check, `exp(-abs(v*t)^2/(0.4*(t + 1)))/sqrt(t + 1)`
    /// at `v = 0, t = 1`: simplification turns `abs(u)^2` into `u^2`, whose second derivative
    /// at 0 is 2, while the partials, taken of `abs(u)^2` with PyTorch's `sign(0) = 0`, give 0
    /// there. Autodiff differentiated the simplified function and disagreed; it now
    /// differentiates the function as written, as the partials were.
    @Test func autodiffDifferentiatesTheFormulaAsWritten() throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: ["exp(-abs( v*t)^2/(0.4*(t + 1)))/sqrt(t + 1)"], orders: 1...2))
        let names = derivatives.pointVariables
        let points = PointSet(names: names, columns: names.map { $0 == "v" ? [0] : [1] })
        let verification = try Verification(derivatives, at: points, threads: 1)
        #expect(verification.passed(), "\(verification.columns.filter { $0.disagreements > 0 }.map(\.name))")
        let d = try Derivatives(DerivativeRequest(formulas: ["abs(x)^2"], orders: 2...2))
        #expect(d.graph.formula(d.results[0].function) == "x^2" && d.graph.formula(d.results[0].original) == "abs(x)^2")
    }

    /// The verify target's find, `Set2^-3^6` at -2.75: the derivative `-729/Set2^730` is
    /// `-1.41188e-318` in binary64, `-1.412086e-318` in fact, 41 units of the smallest subnormal
    /// away. The bounds counted rounding as relative only, which underflow is not; `fma`
    /// called the subnormal product exact; and the refined bound, computed in binary64, fell
    /// to 0. Results below the normal range now add half the smallest subnormal per rounding,
    /// the screen does not trust `fma` there, bounds round up, and refined values stay in the
    /// normal range: both values are `cancellation` with bounds that hold their errors.
    @Test func subnormalResultsCarryTheirUnderflow() throws {
        let derivatives = try Derivatives(DerivativeRequest(formulas: ["Set2^-3^6"], orders: 1...1))
        let verification = try Verification(derivatives, at: PointSet(names: ["Set2"], columns: [[-2.75]]), threads: 1)
        #expect(verification.passed())
        let truth = ["-5.3267976286740123696e-321", "-1.4120856259284927336e-318"].map { Double($0)! }  // mpmath, 40 digits
        for (column, exact) in zip(verification.columns, truth) {
            #expect(column.status[0] == .cancellation, "\(column.name)")
            #expect(Swift.abs(column.output[0] - exact) <= column.roundingBound[0], "\(column.name)")
        }
        let product = RoundingBound<BinaryArithmetic>(input: 1e-200) * RoundingBound(input: 1e-200)
        #expect(product.bound > 0)
    }

    /// The verify target's find on the jet-based check (a formula of constants and powers whose
    /// d/dze is -7.0e-208): the compiled binary64 program gets -0.0, overflowing or
    /// underflowing in an order the bound, which follows the expression, does not foresee;
    /// the extended value agrees with autodiff. It counted as a disagreement; the binary64
    /// value has now lost its digits like any cancelling one and is output refined.
    @Test func evaluationOrderFailuresAreRefined() throws {
        let formula = "expy-E/(8.6173332620^110*(y - x^2)^log2(2 + (1 - x)^2 + 100*(ze-5*T) )- y^2)^2 + (0 - y)^5E2+2"
        let derivatives = try Derivatives(DerivativeRequest(formulas: [formula], variables: ["ze"], orders: 1...1))
        let names = derivatives.pointVariables
        let values: [String: Double] = ["expy": -2.75, "E": 0.125, "y": 1.5, "x": -0.8, "ze": 40, "T": -2.75]
        let points = PointSet(names: names, columns: names.map { [values[$0]!] })
        let verification = try Verification(derivatives, at: points, threads: 1)
        #expect(verification.passed(strict: true))
        let partial = verification.columns[1]
        #expect(partial.symbolic[0] == 0)
        #expect(Swift.abs(partial.output[0] - -7.019813269212555e-208) <= 4 * partial.output[0].ulp)
    }

    /// Open, found by the CI smoke run's verify target: `atanh(0.5*x - 2.5e-85)`. The constant
    /// is past 64-bit rationals, so a binary64 real, and folding `1 + 2.5e-85` in the
    /// derivative's `1/((1 - u)*(1 + u))` rounds it away: the second derivative at 0 is 0 where
    /// it is -1.25e-85. `--verify` says so (a disagreement, exit status 1); the numbers' bound
    /// cannot, as the folded number, 1, is short.
    @Test func foldingAwayATinyRealIsCaughtByVerify() throws {
        let formula = "atanh(0.5*x - 0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000025)"
        let derivatives = try Derivatives(DerivativeRequest(formulas: [formula], orders: 2...2))
        let verification = try Verification(derivatives, at: PointSet(names: ["x"], columns: [[0]]), threads: 1)
        #expect(!verification.passed(), "verify reports the folded-away constant")
        withKnownIssue("a real constant folded away by 1 + 2.5e-85 = 1 in binary64") {
            #expect(verification.columns[1].output[0] == -1.25e-85)
        }
    }

    /// The verify target's find on a long local run (not fixed yet), of the class of
    /// `FixtureUlpTests.foldedConstants`: folding `1/999995.9999` into the second derivative's
    /// coefficients overflows 64-bit rationals, so some fall back to binary64
    /// (`9.400037601090408e-05*...`). The extended-precision value then carries their rounding,
    /// 1.5e-15 relative here, more than the folded-constant allowance `2 B_n` of the extended
    /// criterion: --verify reports the value as disagreeing (visibly), while autodiff and the
    /// binary64 value are right (mpmath: -0.80815411621662722548...).
    @Test func longProductOfPowersVerifies() throws {
        let formula = "x*x*x*x*x*x*IteratorPrx*x*x*x*x*x*x*x*x*x*x*x*x*xx*x**x*x*x*x*x*x*x*x*x*x*xx*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x/x/x/x/x/x/x/x/x/x/x/x/999995.9999/x/x/x/x/x/x/xU/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x*x*x*x*x*x*xx/x/x"
        let derivatives = try Derivatives(DerivativeRequest(formulas: [formula], variables: ["x"], orders: 2...2))
        let points = PointSet(names: ["x", "IteratorPrx", "xx", "xU"], columns: [[0.7], [-1.3], [2.1], [0.25]])
        let verification = try Verification(derivatives, at: points, threads: 1)
        let column = verification.columns[1]
        #expect(Swift.abs(column.output[0] - column.autodiff[0]) <= 1e-14 * Swift.abs(column.autodiff[0]))
        withKnownIssue("folded constants rounded to binary64 exceed the extended criterion's 2 B_n") {
            #expect(verification.passed())
        }
    }

    /// Not a fuzzer find: found while adding byte offsets to the zip reader. A ZIP64 locator
    /// pointing near `Int.max` overflowed the bounds check `offset + 4 <= count` and trapped,
    /// on a 54-byte file. The check no longer adds to the offset, and the error points at
    /// the locator's pointer.
    @Test func zip64LocatorPastTheEndIsAnError() {
        var bytes = Array("PK".utf8) + [UInt8](repeating: 0, count: 10)
        for (value, count) in [(0x0706_4B50, 4), (0, 4), (Int.max, 8), (1, 4)] { bytes.appendLittleEndian(value, bytes: count) }
        for (value, count) in [(0x0605_4B50, 4), (0, 4), (0xFFFF, 2), (0xFFFF, 2), (0, 4), (0xFFFF_FFFF, 4), (0, 2)] {
            bytes.appendLittleEndian(value, bytes: count)
        }
        #expect(throws: PointsError(.notZip("bad ZIP64 end of central directory record"), at: FileLocation(file: "z.npz", byte: 20))) {
            _ = try PointSet.read(bytes: bytes, file: "z.npz", variables: ["x"])
        }
    }
}
