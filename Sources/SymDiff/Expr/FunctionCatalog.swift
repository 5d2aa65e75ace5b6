// What the catalog's rows hold, and the lookups over them (names, overloads, argument counts).

#if arch(x86_64)
/// The extended precision the catalog's kernels compute in: x87's 64-bit significand.
public typealias ExtendedReal = Float80
#else
/// The extended precision the catalog's kernels compute in (binary64 where x87 is absent).
public typealias ExtendedReal = Double
#endif

extension Function {
    /// The function's row of the catalog.
    public var info: FunctionInfo { FunctionInfo.catalog[rawValue] }

    /// The name as written in formulas.
    public var name: String { info.names[0] }

    /// The number of arguments (after the parser fills in defaults and folds variadic calls).
    public var arity: Int { FunctionInfo.arities[rawValue] }

    /// Whether the function is defined by others (`FunctionInfo.definition`).
    public var isDefined: Bool { info.definition != nil }

    /// The names the derivative rows and the definition use for the arguments.
    public var parameterNames: [String] { info.parameters }

    /// `∂f/∂argument` for each argument, in formula syntax over `parameterNames`.
    var derivativeRows: [String] { info.derivatives }

    /// Other spellings the parser accepts, with the function each names.
    public static let aliases: [String: Function] = Dictionary(
        allCases.flatMap { f in f.info.names.dropFirst().map { ($0, f) } }, uniquingKeysWith: { first, _ in first })

    /// The functions spelled `name` (canonical or alias), one per number of arguments they take.
    public static func overloads(_ name: String) -> [Function] { byName[name] ?? [] }

    /// The function spelled `name` taking `count` arguments (with defaults filled in or a
    /// variadic call folded), if any.
    public static func named(_ name: String, arguments count: Int? = nil) -> Function? {
        let candidates = overloads(name)
        guard let count else { return candidates.first }
        return candidates.first { $0.accepts(count) }
    }

    /// Whether a call may pass `count` arguments: between the required ones and all of them,
    /// or any number from 2 for a variadic function.
    public func accepts(_ count: Int) -> Bool {
        let info = self.info
        if info.variadic && count >= 2 { return true }
        return count >= arity - info.defaults.count && count <= arity
    }

    /// The numbers of arguments the functions spelled `name` take: `1`, `1 or 2`, `1 to 3`, `2 or more`.
    public static func argumentCounts(_ name: String) -> String {
        let counts = Set(overloads(name).flatMap { f in (f.arity - f.info.defaults.count)...f.arity }).sorted()
        if overloads(name).contains(where: \.info.variadic) { return "\(counts[0]) or more" }
        guard let low = counts.first, let high = counts.last, low != high else { return counts.first.map(String.init) ?? "" }
        return high == low + 1 ? "\(low) or \(high)" : "\(low) to \(high)"
    }

    private static let byName: [String: [Function]] = Dictionary(
        grouping: allCases.flatMap { f in f.info.names.map { ($0, f) } }, by: \.0
    ).mapValues { $0.map(\.1) }
}

/// What the formula language knows of one function.
///
/// A class, because it is immutable and read in hot loops (`function.info.selects` for every
/// call differentiated, `accepts` for every call parsed): copying a struct of these fields
/// retained and released each of its arrays and strings, 10% of parsing.
public final class FunctionInfo: Sendable {
    /// The name as written and printed, then other accepted spellings (`ln` for `log`).
    public let names: [String]
    /// The parameters, in argument order: derivative rows and definitions are over these.
    public let parameters: [String]
    /// The values of the last `defaults.count` parameters when a call leaves them out.
    public let defaults: [Number]
    /// `∂f/∂parameter` for each parameter, in formula syntax. At kinks the rows give
    /// PyTorch's values (`heaviside(0) = 0`, so `relu'(0) = 0`; `leaky_relu'(0)` is the slope).
    public let derivatives: [String]
    /// The value in formula syntax over the parameters, for a function built from others;
    /// `nil` for a primitive.
    public let definition: String?
    /// Whether a call may pass more arguments than parameters: `max(a, b, c)` is `max(max(a, b), c)`.
    public let variadic: Bool
    /// Whether the first argument is an order: a constant integer from 0 to 1000, which the
    /// parser checks and nothing differentiates by (`polygamma(n, x)`).
    public let integerOrder: Bool
    /// Whether the first argument is a condition that picks among the others: the derivative
    /// is the same function of the condition and the others' derivatives (`where(c, a', b')`),
    /// so a branch not taken never reaches it, not even as `0*inf`.
    public let selects: Bool
    /// One line of documentation, for `--help` and the README.
    public let summary: String
    /// Where tests sample the first argument: inside the domain, away from poles (other
    /// arguments are sampled from -3 to 3).
    public let samples: ClosedRange<Double>
    /// A primitive's value in extended precision, which binary64 rounds once (within about
    /// 1 ulp); `nil` for a defined function and for the primitives `Function.evaluate` computes
    /// in each precision itself. An integer order comes as the first argument.
    public let kernel: Kernel?

    /// A function's value at its two arguments (the second NaN for one argument).
    public typealias Kernel = @Sendable (ExtendedReal, ExtendedReal) -> ExtendedReal

    private init(
        names: [String], parameters: [String], defaults: [Number], derivatives: [String], definition: String?, variadic: Bool,
        integerOrder: Bool, selects: Bool, summary: String, samples: ClosedRange<Double>, kernel: Kernel?
    ) {
        (self.names, self.parameters, self.defaults, self.derivatives, self.definition) = (names, parameters, defaults, derivatives, definition)
        (self.variadic, self.integerOrder, self.selects, self.summary, self.samples, self.kernel) = (
            variadic, integerOrder, selects, summary, samples, kernel
        )
    }

    /// A primitive of one parameter `u`, or of `parameters` (a first one named `n` is an
    /// integer order).
    static func primitive(
        _ names: [String], _ parameters: [String] = ["u"], derivatives: [String], variadic: Bool = false, selects: Bool = false,
        samples: ClosedRange<Double> = -3...3, kernel: Kernel? = nil, _ summary: String
    ) -> FunctionInfo {
        FunctionInfo(
            names: names, parameters: parameters, defaults: [], derivatives: derivatives, definition: nil, variadic: variadic,
            integerOrder: parameters.first == "n", selects: selects, summary: summary, samples: samples, kernel: kernel)
    }

    /// A kernel of an integer order `n` (NaN unless `n` is an integer within ±1000: negative
    /// ones come from derivative rows' `n - 1`) and an argument.
    static func ordered(_ kernel: @escaping @Sendable (Int, ExtendedReal) -> ExtendedReal) -> Kernel {
        { n, x in n == n.rounded() && Swift.abs(n) <= 1000 ? kernel(Int(n), x) : .nan }
    }

    /// A function defined by `definition` over `parameters`, the last of them optional with `defaults`.
    static func defined(
        _ names: [String], _ definition: String, parameters: [String] = ["u"], defaults: [Number] = [], derivatives: [String],
        variadic: Bool = false, selects: Bool = false, samples: ClosedRange<Double> = -3...3, _ summary: String
    ) -> FunctionInfo {
        FunctionInfo(
            names: names, parameters: parameters, defaults: defaults, derivatives: derivatives, definition: definition,
            variadic: variadic, integerOrder: parameters.first == "n", selects: selects, summary: summary, samples: samples,
            kernel: nil)
    }

    /// Every function's row, by raw value.
    static let catalog: [FunctionInfo] = Function.allCases.map(row)

    /// Every function's number of parameters, by raw value (read in hot loops).
    static let arities: [Int] = catalog.map(\.parameters.count)

    /// Every function's kernel, by raw value (read in hot loops).
    static let kernels: [Kernel?] = catalog.map(\.kernel)
}
