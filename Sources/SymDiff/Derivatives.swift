// The library's front door: formulas and variables in, simplified partial derivatives out.

/// What to differentiate: formulas, the variables, and the orders.
public struct DerivativeRequest: Sendable {
    public var formulas: [String]
    /// The variables to differentiate by; `nil` means every free variable of the formulas in
    /// order of first appearance.
    public var variables: [String]?
    /// The orders of the partials: `1...1` for the gradient, `2...2` for the Hessian's
    /// distinct entries, `1...2` for both. Order 0 is the function itself.
    public var orders: ClosedRange<Int>
    /// Whether to run the rewrite rules on the results (canonical form is always kept).
    public var simplify: Bool
    public var limits: Limits

    public init(
        formulas: [String], variables: [String]? = nil, orders: ClosedRange<Int> = 1...1, simplify: Bool = true,
        limits: Limits = Limits()
    ) {
        self.formulas = formulas
        self.variables = variables
        self.orders = orders
        self.simplify = simplify
        self.limits = limits
    }
}

/// Why a request could not be answered.
public enum SymDiffError: Error, Sendable {
    /// A formula did not parse, or named something it cannot; `formula` indexes the request.
    case syntax(Diagnostic, formula: Int)
    /// Work ran into a limit; `formula` indexes the request when the work was on one formula.
    case limit(LimitExceeded, formula: Int?)
    /// A requested variable cannot be differentiated by.
    case invalidVariable(String, reason: String)
}

/// The answer to a `DerivativeRequest`: every function and partial as nodes of one graph.
///
/// All results share one graph, so the gradient does not copy the function and the Hessian
/// reuses the gradient.
public struct Derivatives: Sendable {
    /// One formula's function and its partials.
    public struct Result: Sendable {
        /// The formula as given, or `formula[k]` for component `k` of a vector-valued one.
        public var source: String
        /// The index in the request of the formula it comes from.
        public var formula: Int
        /// Which component of a vector-valued formula it is; `nil` for a number-valued one.
        public var component: Int?
        /// The function, simplified like its partials.
        public var function: NodeID
        public var partials: [Partial]
        /// The function as written (lowered, not simplified): what the partials were taken of,
        /// so what an independent check differentiates. Simplification can change a derivative
        /// at a kink: `abs(x)^2` becomes `x^2`, whose second derivative at 0 is 2 where the
        /// partials of `abs(x)^2`, with PyTorch's `sign(0) = 0`, give 0.
        public var original: NodeID
    }

    /// Node counts and time per phase, for `--stats`.
    public struct Statistics: Sendable {
        public var functionNodes = 0
        public var derivativeNodesBeforeSimplification = 0
        public var derivativeNodesAfterSimplification = 0
        public var graphNodes = 0
        public var parseSeconds = 0.0
        public var differentiateSeconds = 0.0
        public var simplifySeconds = 0.0
    }

    public var graph: ExprGraph
    /// The variables differentiated by: the request's, or every free variable in order of
    /// first appearance.
    public var variables: [String]
    /// Every free variable of the formulas, in order of first appearance.
    public var freeVariables: [String]
    /// The variables of the problem, in the order points give them: `variables` (the `--wrt`
    /// list), then the free variables not among them, in order of first appearance.
    ///
    /// A variable of `variables` that no formula uses is one of them (PyTorch's
    /// `allow_unused` case): points give it values, and its partials are 0.
    public var pointVariables: [String] { variables + freeVariables.filter { !variables.contains($0) } }
    public var orders: ClosedRange<Int>
    public var results: [Result]
    /// Remarks that are not errors, such as a variable that occurs in no formula.
    public var notes: [String]
    public var statistics: Statistics
    public var rewriteReport: RewriteReport
    /// The node evaluated for each printed node a stable lowering changed (`StableLowering`).
    var evaluationNodes: [NodeID: NodeID] = [:]

    /// Parses, differentiates and simplifies everything `request` asks for.
    public init(_ request: DerivativeRequest) throws(SymDiffError) {
        let clock = ContinuousClock()
        var start = clock.now
        graph = ExprGraph(limits: request.limits)
        // The time budget covers the whole request, printing included (the graph keeps it).
        graph.deadline = start + .seconds(request.limits.maxSeconds)
        orders = request.orders
        notes = []
        statistics = Statistics()
        var functions: [NodeID] = []
        /// The formula each function comes from (a vector formula gives one per component),
        /// and its source: the formula, or `formula[k]` for component `k`.
        var formulaOf: [Int] = []
        var componentOf: [Int?] = []
        var sources: [String] = []
        var freeVariables: [String] = []
        var boundNames = Set<String>()
        for (i, text) in request.formulas.enumerated() {
            do {
                let tree = try Parser.parse(text, limits: request.limits)
                let components = try graph.lowerComponents(tree)
                functions += components
                formulaOf += components.map { _ in i }
                componentOf += tree.components.isEmpty ? [nil] : components.indices.map { $0 }
                sources += tree.components.isEmpty ? [text] : components.indices.map { "\(text)[\($0)]" }
                for v in tree.freeVariables where !freeVariables.contains(v) { freeVariables.append(v) }
                boundNames.formUnion(tree.bindings.map(\.name))
            } catch {
                throw .syntax(error, formula: i)
            }
        }
        self.freeVariables = freeVariables
        variables = request.variables ?? freeVariables
        for (i, v) in variables.enumerated() {
            if let reason = Self.problem(withVariable: v) { throw .invalidVariable(v, reason: reason) }
            if variables[..<i].contains(v) { throw .invalidVariable(v, reason: "'\(v)' is listed twice") }
            if boundNames.contains(v) && !freeVariables.contains(v) {
                throw .invalidVariable(v, reason: "'\(v)' is a let-bound name, not a free variable")
            }
            if !freeVariables.contains(v) {
                notes.append("'\(v)' does not occur in the formula; its derivatives are 0")
            }
        }
        statistics.parseSeconds = Self.seconds(since: start, clock)
        start = clock.now
        // Every partial of every order of every formula counts against one limit, before any work.
        var total = 0
        for order in request.orders {
            let (sum, overflow) = total.addingReportingOverflow(ExprGraph.multisetCount(variables.count, order, cap: Int.max - 1))
            total = overflow ? Int.max : sum
        }
        let (requested, overflow) = total.multipliedReportingOverflow(by: functions.count)
        if overflow || requested > request.limits.maxPartials {
            throw .limit(LimitExceeded(.partials, limit: request.limits.maxPartials, requested: overflow || requested == Int.max ? nil : requested), formula: nil)
        }
        var partials: [[Partial]] = []
        for (i, f) in functions.enumerated() {
            var all: [Partial] = []
            do {
                for order in request.orders {
                    all += try graph.partials(of: f, order: order, withRespectTo: variables)
                }
            } catch {
                throw .limit(error, formula: formulaOf[i])
            }
            partials.append(all)
        }
        statistics.differentiateSeconds = Self.seconds(since: start, clock)
        statistics.functionNodes = graph.reachable(from: functions).count
        statistics.derivativeNodesBeforeSimplification = graph.reachable(from: partials.flatMap { $0.map(\.node) }).count
        start = clock.now
        let originals = functions
        var rewriter = Rewriter()
        if request.simplify {
            do {
                let roots = try rewriter.simplify(functions + partials.flatMap { $0.map(\.node) }, in: &graph)
                var next = roots[functions.count...].makeIterator()
                functions = Array(roots[..<functions.count])
                partials = partials.map { $0.map { Partial(variables: $0.variables, node: next.next()!) } }
            } catch {
                throw .limit(error, formula: request.formulas.count == 1 ? 0 : nil)
            }
            // A function that is 0 wherever it is defined (a manufactured solution's source
            // term, for one) has partials that are 0 too.
            for i in functions.indices where graph.number(functions[i]) == nil && graph.isRecognizedZero(functions[i]) {
                let zero = graph.number(.zero)
                functions[i] = zero
                partials[i] = partials[i].map { Partial(variables: $0.variables, node: zero) }
            }
        }
        statistics.simplifySeconds = Self.seconds(since: start, clock)
        statistics.derivativeNodesAfterSimplification = graph.reachable(from: partials.flatMap { $0.map(\.node) }).count
        statistics.graphNodes = graph.count
        rewriteReport = rewriter.report
        let roots = functions + partials.flatMap { $0.map(\.node) }
        for (root, lowered) in zip(roots, graph.stablyLowered(roots)) where lowered != root { evaluationNodes[root] = lowered }
        results = functions.indices.map {
            Result(
                source: sources[$0], formula: formulaOf[$0], component: componentOf[$0], function: functions[$0], partials: partials[$0],
                original: originals[$0])
        }
    }

    /// Why `name` cannot be a variable, or `nil` when it can.
    public static func problem(withVariable name: String) -> String? {
        let bytes = Array(name.utf8)
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F }
        guard let first = bytes.first, isLetter(first),
            bytes.allSatisfy({ isLetter($0) || (0x30...0x39).contains($0) })
        else { return "'\(name)' is not a variable name: it must match [A-Za-z_][A-Za-z0-9_]*" }
        if Function.named(name) != nil || name == "pow" || name == "D" {
            return "'\(name)' is a function, not a variable"
        }
        if Constant(rawValue: name) != nil { return "'\(name)' is a constant, not a variable" }
        return nil
    }

    private static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
