// The command line: the table of options and the parser that reads argv into `Options`.
import SymDiff
import SymDiffIO
import SymDiffVerify

/// The output formats of `--format`.
enum OutputFormat: String, CaseIterable {
    case text, json, graph, csv, npy, npz

    /// The format of a table file, for the formats that have values.
    var table: TableFormat? { TableFormat(rawValue: rawValue) }
}

/// Where the sample points come from.
enum PointsSource {
    case at(String), grid(String), random(String), file(PointsFile)
}

/// Everything the command line asked for.
struct Options {
    var formulas: [String] = []
    var formulaFiles: [String] = []
    var variables: [String]?
    var orders = 1...1
    /// The `--order` value as typed, for errors about the partials it asks for.
    var orderText: String?
    /// `nil`: taken from the `--out` extension, else text.
    var format: OutputFormat?
    var points: PointsSource?
    var seed = "0"
    var ranges: String?
    var columns: String?
    /// `--fix w1=0.5,...`: variables held at constants at every point.
    var fix: String?
    var out: String?
    var threads: Int?
    var precision = Precision.double
    var quiet = false
    /// Check every value two ways (symbolic and autodiff) and report.
    var verify = false
    /// With `verify`: fail on any value that is not `ok`.
    var strict = false
    var maxPoints = PointSet.defaultMaxPoints
    /// The most points `--verify` checks: it holds every value and costs about 0.1 ms per
    /// value on one core.
    var maxVerifyPoints = Options.defaultMaxVerifyPoints
    static let defaultMaxVerifyPoints = 1_000_000
    var simplify = true
    var stats = false
    var trace = false
    var help = false
    var version = false
    var functions = false
    var limits = Limits()
    /// `symdiff check`: compare the user's values (`--against`, `--key`) with symdiff's.
    var check = false
    var against: String?
    var keys: [String] = []
    /// `--array NAME`: the one array of the `.npz` layout a `.npy` output holds.
    var array: String?
    /// `--emit LANGUAGE`: the values as code (`numpy`, `c`, ...), the derivatives as LaTeX, or
    /// a test file (`pytest`, `unittest`) of `--test-function` against reference values.
    var emit: String?
    /// `--plot FILE.svg`: the values on the grid, verified, drawn.
    var plot: String?
    /// `--test-function MODULE:FUNCTION`: the Python function a test file tests.
    var testFunction: String?
    /// `--test-arrays numpy|torch`: what the test file passes that function.
    var testArrays = "numpy"
    var rtol: Double?
    var atol: Double?
    var layout: CheckLayout.Kind?
    /// `symdiff mms`: the manufactured solution's bindings and the PDE operator applied to it.
    var mms = false
    var solution: String?
    var pde: String?
}

/// A command-line error: what is wrong, the argument it is about, and a hint.
struct CommandLineError: ReportedError {
    var message: String
    /// The argument as typed, with the part to underline.
    var argument: String
    var underline: Range<Int>
    var hint: String?

    init(_ message: String, argument: String, underline: Range<Int>? = nil, hint: String? = nil) {
        self.message = message
        self.argument = argument
        self.underline = underline ?? 0..<argument.count
        self.hint = hint
    }

    /// The argument, with carets under the part it is about.
    var excerpt: ErrorExcerpt? { ErrorExcerpt(argument, underline: underline) }

    /// The error as printed on stderr (`ReportedError`'s renderer, for the command line).
    var rendered: String { rendered(for: .commandLine) }
}

/// One long option: its name, whether it takes a value, and how to apply it.
private struct OptionSpec: Sendable {
    let name: String
    let apply: @Sendable (inout Options, String) throws(CommandLineError) -> Void
    let takesValue: Bool
}

private func flag(_ name: String, _ set: @escaping @Sendable (inout Options) -> Void) -> OptionSpec {
    OptionSpec(name: name, apply: { options, _ in set(&options) }, takesValue: false)
}

private func value(
    _ name: String, _ apply: @escaping @Sendable (inout Options, String) throws(CommandLineError) -> Void
) -> OptionSpec {
    OptionSpec(name: name, apply: apply, takesValue: true)
}

/// A whole number in `range`, or an error naming the option; `argument` is the option's
/// whole value when `text` is only part of it, `hint` what to do instead.
private func integer(
    _ text: String, option: String, in range: ClosedRange<Int>, argument: String? = nil, hint: String? = nil
) throws(CommandLineError) -> Int {
    guard let n = Int(text), range.contains(n) else {
        let what = range.upperBound == Int.max ? "an integer ≥ \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        let whole = argument ?? text
        let start = option.count + 1 + (whole.range(of: text).map { whole.distance(from: whole.startIndex, to: $0.lowerBound) } ?? 0)
        let isNumber = Int(text) != nil
        throw CommandLineError(
            "\(option) takes \(what), got '\(text)'", argument: "\(option) \(whole)",
            underline: start..<(start + Swift.max(1, text.count)),
            hint: hint ?? (isNumber ? "use a value in that range" : "write a whole number in decimal digits"))
    }
    return n
}

/// A tolerance of `symdiff check`: a finite number from 0 on.
private func tolerance(_ text: String, option: String) throws(CommandLineError) -> Double {
    guard let x = Double(text), x.isFinite, x >= 0 else {
        throw CommandLineError(
            "\(option) takes a number from 0 on, got '\(text)'", argument: "\(option) \(text)",
            underline: (option.count + 1)..<(option.count + 1 + Swift.max(1, text.count)), hint: "e.g. \(option) 1e-6")
    }
    return x
}

/// The hint for a `--max-...` value out of its range.
private let limitHint = "limits take a whole number in decimal digits; see LIMITS in symdiff --help"

private let optionTable: [OptionSpec] = [
    value("--wrt") { options, text throws(CommandLineError) in
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingSpaces
        }
        var offset = "--wrt ".count
        for (i, name) in names.enumerated() {
            if let problem = Derivatives.problem(withVariable: name) {
                throw CommandLineError(
                    problem, argument: "--wrt \(text)", underline: offset..<(offset + max(1, name.count)),
                    hint: "--wrt takes a comma-separated list of variables, e.g. --wrt x1,x2")
            }
            if names[..<i].contains(name) {
                throw CommandLineError(
                    "'\(name)' is listed twice", argument: "--wrt \(text)", underline: offset..<(offset + name.count),
                    hint: "list each variable once; --order 2 gives the second partials")
            }
            offset += name.count + 1
        }
        options.variables = names
    },
    value("--order") { options, text throws(CommandLineError) in
        let bounds = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let range = 0...options.limits.maxDerivativeOrder
        let hint = "--order takes N (0 to \(range.upperBound); raise the limit with --max-order N) or LOW:HIGH"
        guard bounds.count <= 2 else {
            throw CommandLineError(
                "--order takes N or LOW:HIGH, got '\(text)'", argument: "--order \(text)",
                underline: 8..<(8 + text.count), hint: "e.g. --order 2 or --order 1:2")
        }
        let low = try integer(bounds[0], option: "--order", in: range, argument: text, hint: hint)
        let high = bounds.count == 2 ? try integer(bounds[1], option: "--order", in: low...range.upperBound, argument: text, hint: hint) : low
        options.orders = low...high
        options.orderText = text
    },
    value("--format") { options, text throws(CommandLineError) in
        guard let format = OutputFormat(rawValue: text) else {
            throw CommandLineError(
                "unknown format '\(text)'", argument: "--format \(text)", underline: 9..<(9 + text.count),
                hint: "formats: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        options.format = format
    },
    value("--file") { options, text in options.formulaFiles.append(text) },
    value("--at") { options, text in options.points = .at(text) },
    value("--grid") { options, text in options.points = .grid(text) },
    value("--random") { options, text in options.points = .random(text) },
    value("--seed") { options, text in options.seed = text },
    value("--range") { options, text in options.ranges = text },
    value("--points") { options, text in options.points = .file(PointsFile(path: text)) },
    value("--columns") { options, text in options.columns = text },
    value("--fix") { options, text in options.fix = text },
    value("--out") { options, text in options.out = text },
    value("--threads") { options, text throws(CommandLineError) in
        options.threads = try integer(text, option: "--threads", in: 1...1024)
    },
    value("--precision") { options, text throws(CommandLineError) in
        guard let precision = Precision(rawValue: text) else {
            throw CommandLineError(
                "unknown precision '\(text)'", argument: "--precision \(text)", underline: 12..<(12 + text.count),
                hint: "precisions: " + Precision.allCases.map(\.rawValue).joined(separator: ", "))
        }
        options.precision = precision
    },
    value("--solution") { options, text in options.solution = text },
    value("--pde") { options, text in options.pde = text },
    flag("--check") { $0.verify = true },
    value("--against") { options, text in options.against = text },
    value("--array") { options, text in options.array = text },
    value("--emit") { options, text throws(CommandLineError) in
        guard (emitLanguages + testFileLanguages).contains(text) else { throw unknownLanguage(text) }
        options.emit = text
    },
    value("--plot") { options, text throws(CommandLineError) in
        guard text.hasSuffix(".svg") else {
            throw CommandLineError(
                "--plot writes SVG: name the file .svg", argument: "--plot \(text)", underline: 7..<(7 + text.count),
                hint: "--plot relu.svg (open it in a browser)")
        }
        options.plot = text
    },
    value("--test-function") { options, text throws(CommandLineError) in
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } }) else {
            throw CommandLineError(
                "--test-function takes MODULE:FUNCTION", argument: "--test-function \(text)", underline: 16..<(16 + text.count),
                hint: "--test-function mypackage.pinn:derivatives")
        }
        options.testFunction = text
    },
    value("--test-arrays") { options, text throws(CommandLineError) in
        guard ["numpy", "torch"].contains(text) else {
            throw CommandLineError(
                "--test-arrays is numpy or torch", argument: "--test-arrays \(text)", underline: 14..<(14 + text.count),
                hint: "--test-arrays torch passes float64 tensors with requires_grad=True")
        }
        options.testArrays = text
    },
    value("--key") { options, text in options.keys = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) },
    value("--rtol") { options, text throws(CommandLineError) in options.rtol = try tolerance(text, option: "--rtol") },
    value("--atol") { options, text throws(CommandLineError) in options.atol = try tolerance(text, option: "--atol") },
    value("--layout") { options, text throws(CommandLineError) in
        guard let kind = CheckLayout.Kind(rawValue: text) else {
            throw CommandLineError(
                "unknown layout '\(text)'", argument: "--layout \(text)", underline: 9..<(9 + text.count),
                hint: "layouts: " + CheckLayout.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        options.layout = kind
    },
    flag("--quiet") { $0.quiet = true },
    flag("--verify") { $0.verify = true },
    flag("--strict") { $0.strict = true },
    value("--max-points") { options, text throws(CommandLineError) in
        options.maxPoints = try integer(text, option: "--max-points", in: 1...Int(Int32.max), hint: limitHint)
    },
    value("--max-verify-points") { options, text throws(CommandLineError) in
        options.maxVerifyPoints = try integer(text, option: "--max-verify-points", in: 1...Int(Int32.max), hint: limitHint)
    },
    flag("--no-simplify") { $0.simplify = false },
    flag("--stats") { $0.stats = true },
    flag("--trace") { $0.trace = true },
    flag("--help") { $0.help = true },
    flag("--version") { $0.version = true },
    flag("--functions") { $0.functions = true },
    value("--max-depth") { options, text throws(CommandLineError) in
        options.limits.maxNestingDepth = try integer(text, option: "--max-depth", in: 1...100_000, hint: limitHint)
    },
    value("--max-identifier-length") { options, text throws(CommandLineError) in
        options.limits.maxIdentifierLength = try integer(text, option: "--max-identifier-length", in: 1...Int(Int32.max), hint: limitHint)
    },
    value("--max-seconds") { options, text throws(CommandLineError) in
        options.limits.maxSeconds = try integer(text, option: "--max-seconds", in: 1...1_000_000_000, hint: limitHint)
    },
    value("--max-formula-bytes") { options, text throws(CommandLineError) in
        options.limits.maxFormulaBytes = try integer(text, option: "--max-formula-bytes", in: 1...Int(Int32.max), hint: limitHint)
    },
    value("--max-nodes") { options, text throws(CommandLineError) in
        options.limits.maxNodes = try integer(text, option: "--max-nodes", in: 1...Int(Int32.max), hint: limitHint)
    },
    value("--max-order") { options, text throws(CommandLineError) in
        options.limits.maxDerivativeOrder = try integer(text, option: "--max-order", in: 0...1_000_000, hint: limitHint)
    },
    value("--max-partials") { options, text throws(CommandLineError) in
        options.limits.maxPartials = try integer(text, option: "--max-partials", in: 1...Int(Int32.max), hint: limitHint)
    },
    value("--max-output-bytes") { options, text throws(CommandLineError) in
        options.limits.maxPrintedBytes = try integer(text, option: "--max-output-bytes", in: 1...Int.max, hint: limitHint)
    },
]

/// Every option's name, with whether it takes a value: the option table, for tools that
/// read argument lists as `Options(parsing:)` does (the argv fuzz target).
public let optionNames: [(name: String, takesValue: Bool)] = optionTable.map { ($0.name, $0.takesValue) }

extension Options {
    /// Reads `arguments` (without the program name).
    ///
    /// Long options take their value as the next argument or after `=`. `-h` is `--help`.
    /// Any other argument is a formula, even one that starts with `-` (`-x^2`); `--` ends the
    /// options. Limits are applied before `--order` is checked against them, whatever the order.
    init(parsing arguments: [String]) throws(CommandLineError) {
        self.init()
        var pending: [(OptionSpec, String, String)] = []
        // `symdiff check ...` and `symdiff mms ...`; a formula that is the variable `check`
        // (or `mms`) is `symdiff -- check`.
        check = arguments.first == "check"
        mms = arguments.first == "mms"
        var i = check || mms ? 1 : 0
        var optionsEnded = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                if argument == "-h" && !optionsEnded { help = true } else { formulas.append(argument) }
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let spec = optionTable.first(where: { $0.name == parts[0] }) else {
                let suggestion = nearestName(to: parts[0], among: optionTable.map(\.name))
                throw CommandLineError(
                    "unknown option '\(parts[0])'", argument: argument, underline: 0..<parts[0].count,
                    hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "symdiff --help lists the options")
            }
            var text = parts.count > 1 ? parts[1] : ""
            if spec.takesValue && parts.count == 1 {
                guard i < arguments.count else {
                    throw CommandLineError("\(spec.name) needs a value", argument: argument, hint: "see symdiff --help")
                }
                text = arguments[i]
                i += 1
            } else if !spec.takesValue && parts.count > 1 {
                throw CommandLineError("\(spec.name) takes no value", argument: argument)
            }
            if spec.takesValue && text.isEmpty {
                // `--wrt=` is an empty value, not a request to take the next argument.
                throw CommandLineError(
                    "\(spec.name) needs a value", argument: argument, underline: argument.count..<(argument.count + 1),
                    hint: parts.count > 1 ? "write \(spec.name)=VALUE or \(spec.name) VALUE" : "see symdiff --help")
            }
            pending.append((spec, text, spec.takesValue && parts.count == 1 ? "\(argument) \(text)" : argument))
        }
        try Self.checkConflicts(pending.map { ($0.0, $0.2) })
        try Self.checkStandardInput(pending.map { ($0.0.name, $0.1, $0.2) })
        let limitsFirst = pending.filter { $0.0.name.hasPrefix("--max-") } + pending.filter { !$0.0.name.hasPrefix("--max-") }
        for (spec, text, _) in limitsFirst { try spec.apply(&self, text) }
        try checkOutputFormat()
        try checkArray()
        try checkTestFile(pending.map { ($0.0.name, $0.2) })
        try checkCheckOptions(pending.map { ($0.0.name, $0.2) })
        try checkManufacturedSolution(pending.map { ($0.0.name, $0.2) })
    }

    /// The options that may be given more than once: each `--file` adds formulas.
    static let repeatable: Set<String> = ["--file"]
    /// The options that each give the sample points: at most one of them.
    static let pointSources = ["--at", "--grid", "--random", "--points"]

    /// Refuses an option with a value given twice (`--order 1 --order 2`: which one was
    /// meant?) and two sources of points; `given` holds each option with its argument as typed.
    private static func checkConflicts(_ given: [(OptionSpec, String)]) throws(CommandLineError) {
        var seen: [String: String] = [:]
        var source: String?
        for (spec, argument) in given where spec.takesValue {
            if let first = seen[spec.name], !repeatable.contains(spec.name) {
                throw CommandLineError(
                    "\(spec.name) is given twice", argument: argument, underline: 0..<spec.name.count,
                    hint: "give it once; the first was '\(first)'")
            }
            seen[spec.name] = seen[spec.name] ?? argument
            if pointSources.contains(spec.name) {
                if let source {
                    throw CommandLineError(
                        "\(spec.name) and \(source) both give the points", argument: argument, underline: 0..<spec.name.count,
                        hint: "give the points one way: " + pointSources.joined(separator: ", "))
                }
                source = spec.name
            }
        }
    }

    /// The paths that name standard input.
    static let standardInputPaths: Set<String> = ["-", "/dev/stdin", "/dev/fd/0"]

    /// Refuses `--points` and `--file` both reading standard input, which can be read once;
    /// `given` holds each option's name, value and argument as typed.
    private static func checkStandardInput(_ given: [(name: String, value: String, argument: String)]) throws(CommandLineError) {
        let readers = given.filter { ["--points", "--file"].contains($0.name) && standardInputPaths.contains($0.value) }
        guard let points = readers.first(where: { $0.name == "--points" }), let file = readers.first(where: { $0.name == "--file" })
        else { return }
        throw CommandLineError(
            "\(points.argument) and \(file.argument) both read standard input", argument: points.argument,
            underline: 9..<points.argument.count,
            hint: "standard input can be read once: give the formula as an argument, or the points in a file")
    }

    /// Refuses `--test-function` and `--test-arrays` without `--emit pytest` or `unittest`;
    /// `given` holds each option's name and argument as typed.
    private func checkTestFile(_ given: [(name: String, argument: String)]) throws(CommandLineError) {
        guard !testFileLanguages.contains(emit ?? "") else { return }
        if let misplaced = given.first(where: { ["--test-function", "--test-arrays"].contains($0.name) }) {
            throw CommandLineError(
                "\(misplaced.name) is an option of --emit pytest and --emit unittest", argument: misplaced.argument,
                underline: 0..<misplaced.name.count, hint: "add --emit pytest --out test_NAME.py")
        }
    }

    /// Refuses `--array` unless the output is `.npy` (a `.npz` holds every array already).
    private func checkArray() throws(CommandLineError) {
        guard let array else { return }
        let npy = format == .npy || (format == nil && out.flatMap { TableFormat(path: $0) } == .npy)
        if !npy {
            throw CommandLineError(
                "--array picks the one array a .npy file holds: it needs --out FILE.npy", argument: "--array \(array)",
                underline: 0..<7, hint: "symdiff \"[u, v]\" --wrt x,y --order 1 --random 100 --out jacobian.npy --array jacobian")
        }
    }

    /// Refuses `--format` naming a table format other than the one the `--out` extension names
    /// (`--out t.npy --format csv` would write CSV text into a file called `.npy`).
    private func checkOutputFormat() throws(CommandLineError) {
        guard let out, let format, let named = TableFormat(path: out), format.table != named else { return }
        throw CommandLineError(
            "--format \(format.rawValue) disagrees with the extension of --out \(out)", argument: "--out \(out)",
            underline: 6..<(6 + out.count), hint: "name the file .\(format.rawValue), or leave out --format to write \(named.rawValue)")
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
