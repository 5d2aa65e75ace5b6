// What a formula means: a hash-consed arena of expression nodes, children before parents.

/// The index of a node in an `ExprGraph`. Equal IDs mean equal expressions.
public struct NodeID: Hashable, Comparable, Sendable {
    public let index: Int32
    init(_ index: Int) { self.index = Int32(index) }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
}

/// One expression node. Operands are IDs of nodes created earlier.
///
/// Canonical form (kept by the constructors in `ExprGraph+Construct.swift`):
/// - a `sum` or `product` has at least two operands, none of its own kind, at most one number,
///   which comes first; the others are in ascending `NodeID` order, so `x*y` and `y*x` are one
///   node;
/// - a `sum` never holds two terms that differ only by a numeric coefficient (they were
///   collected), a `product` never holds a number 0 or 1;
/// - a `power` has an exponent other than 0 and 1.
public enum Node: Hashable, Sendable {
    case number(Number)
    case constant(Constant)
    case variable(String)
    case sum(Operands)
    case product(Operands)
    case power(NodeID, NodeID)
    case apply(Function, Operands)

    /// The operands, in order; empty for leaves.
    public var operands: Operands {
        switch self {
        case .number, .constant, .variable: return .empty
        case .sum(let xs), .product(let xs), .apply(_, let xs): return xs
        case .power(let base, let exponent): return Operands(base, exponent)
        }
    }

    /// Appends the operands to `list`.
    public func appendOperands(to list: inout [NodeID]) {
        switch self {
        case .number, .constant, .variable: break
        case .sum(let xs), .product(let xs), .apply(_, let xs): xs.append(to: &list)
        case .power(let base, let exponent):
            list.append(base)
            list.append(exponent)
        }
    }
}

/// An arena of hash-consed expression nodes.
///
/// Invariants: `nodes[i]` only refers to IDs below `i` (so the array is already an evaluation
/// order and every pass is a forward loop), and no node occurs twice (so equality is an
/// integer compare and common subexpressions are shared for free). A value type: copy it to
/// branch, pass it `inout` to build.
public struct ExprGraph: Sendable {
    public private(set) var nodes: [Node] = []
    private var index = NodeIndex()
    /// Per node, a 64-bit summary of the variables under it: each variable sets one bit
    /// (chosen by a hash of its name), a node has the union of its operands' bits. A clear bit
    /// proves the variable does not occur, so a derivative by it is 0 without a visit.
    private(set) var variableMasks: [UInt64] = []
    /// Per node, a 64-bit summary of the functions applied under it (`functionBit`): a clear
    /// bit proves none of that bit's functions occurs.
    private(set) var functionMasks: [UInt64] = []
    /// Per node, its head (`headCode`): what a rule's operands are first compared by.
    private(set) var heads: [UInt16] = []
    /// Memoized partial derivatives: `memos[k]` holds, per node index, the index of the
    /// derivative by the variable `memoVariables[k]` (-1 not computed yet).
    var memoVariables: [NodeID] = []
    var memos: [[Int32]] = []
    /// The slots of `memoVariables` by variable, once there are more than
    /// `memoLinearSearch` (fewer are found faster by a linear search than by hashing).
    var memoSlots: [NodeID: Int] = [:]
    static let memoLinearSearch = 16
    /// The working lists that `sum` and `product` reuse from call to call.
    var buffers = ConstructionBuffers()
    /// The IDs of the numbers -1, 0 and 1 once interned (-1 before), by value + 1.
    var unitNumbers: [Int32] = [-1, -1, -1]

    /// The bounds this graph enforces; see `checkNodeLimit()` and `checkWork()`.
    public var limits: Limits
    /// When symbolic work on this graph must stop (`Limits.maxSeconds` after the request
    /// began); `nil`, the default, sets no time budget.
    public var deadline: ContinuousClock.Instant?
    /// Steps of work since the deadline was last compared with the clock.
    private var stepsSinceClock = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The bit a call of `f` sets in function masks: its raw value modulo 64, so a clear bit
    /// still proves the function absent once there are more than 64.
    static func functionBit(_ f: Function) -> UInt64 { 1 << UInt64(f.rawValue % 64) }

    /// The bit that `name` sets in variable masks (FNV-1a of its bytes, modulo 64).
    static func maskBit(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return 1 << (h % 64)
    }

    /// The number of distinct nodes.
    public var count: Int { nodes.count }

    /// The operands of all nodes together: what the graph's memory grows with once sums and
    /// products get long (a derivative that rebuilds a longer product at every level of a
    /// deep chain holds quadratically many).
    public private(set) var operandCount = 0

    /// The operands allowed per allowed node (`limits.maxNodes`): memory stays in proportion
    /// to the node limit.
    public static let operandsPerNode = 4

    public subscript(id: NodeID) -> Node { nodes[Int(id.index)] }

    /// The ID of `node`, adding it if it is new. `node` must already be canonical.
    mutating func intern(_ node: Node) -> NodeID {
        let hash = NodeIndex.hash(node)
        if let id = index.find(node, hash: hash, in: nodes) { return id }
        let id = NodeID(nodes.count)
        nodes.append(node)
        index.insert(id, hash: hash, in: nodes)
        // By cases, not through `operands` (which makes an array for a power), and without a
        // local function (whose captures would be checked for exclusivity at run time).
        var (variables, functions): (UInt64, UInt64) = (0, 0)
        switch node {
        case .number, .constant: break
        case .variable(let name): variables = ExprGraph.maskBit(name)
        case .sum(let xs), .product(let xs), .apply(_, let xs):
            operandCount += xs.count
            for x in xs {
                variables |= variableMasks[Int(x.index)]
                functions |= functionMasks[Int(x.index)]
            }
            if case .apply(let f, _) = node { functions |= ExprGraph.functionBit(f) }
        case .power(let base, let exponent):
            operandCount += 2
            variables |= variableMasks[Int(base.index)] | variableMasks[Int(exponent.index)]
            functions |= functionMasks[Int(base.index)] | functionMasks[Int(exponent.index)]
        }
        variableMasks.append(variables)
        functionMasks.append(functions)
        heads.append(ExprGraph.headCode(node))
        return id
    }

    /// The heads of sums and of products.
    static let sumHead: UInt16 = 0
    static let productHead: UInt16 = 1

    /// A node's kind, and for a call its function, as one number: sums 0, products 1,
    /// powers 2, leaves 3, a call of `f` 4 plus `f.rawValue`.
    static func headCode(_ node: Node) -> UInt16 {
        switch node {
        case .sum: return sumHead
        case .product: return productHead
        case .power: return 2
        case .number, .constant, .variable: return 3
        case .apply(let f, _): return 4 + UInt16(f.rawValue)
        }
    }

    /// Makes room for at least `headroom` more nodes before the next growth, keeping the
    /// doubling: a small graph about to be differentiated grows once, not four times.
    mutating func reserveNodes(headroom: Int) {
        guard nodes.capacity < nodes.count + headroom / 4 else { return }
        let capacity = max(2 * nodes.count, nodes.count + headroom)
        nodes.reserveCapacity(capacity)
        variableMasks.reserveCapacity(capacity)
        functionMasks.reserveCapacity(capacity)
        heads.reserveCapacity(capacity)
    }

    /// Throws when the graph holds more nodes than `limits.maxNodes`, or more operands than
    /// `operandsPerNode` times that.
    public func checkNodeLimit() throws(LimitExceeded) {
        if nodes.count > limits.maxNodes {
            throw LimitExceeded(.nodes, limit: limits.maxNodes)
        }
        let (maxOperands, overflow) = limits.maxNodes.multipliedReportingOverflow(by: ExprGraph.operandsPerNode)
        if !overflow && operandCount > maxOperands {
            throw LimitExceeded(.operands, limit: maxOperands)
        }
    }

    /// Checks the node limit, and every `clockInterval` steps the deadline: called once per
    /// node of work by differentiation, simplification and lowering.
    public mutating func checkWork() throws(LimitExceeded) {
        try checkNodeLimit()
        stepsSinceClock += 1
        guard stepsSinceClock >= ExprGraph.clockInterval else { return }
        stepsSinceClock = 0
        try checkDeadline()
    }

    /// Throws when the deadline has passed.
    public func checkDeadline() throws(LimitExceeded) {
        if let deadline, ContinuousClock.now > deadline {
            throw LimitExceeded(.time, limit: limits.maxSeconds)
        }
    }

    /// Steps of work between two reads of the clock (a read costs about as much as a step).
    static let clockInterval = 256

    /// The IDs of every node reachable from `roots`, in ascending (evaluation) order.
    public func reachable(from roots: [NodeID]) -> [NodeID] {
        var seen = [Bool](repeating: false, count: nodes.count)
        var found: [NodeID] = []
        var stack = roots
        while let id = stack.popLast() {
            guard !seen[Int(id.index)] else { continue }
            seen[Int(id.index)] = true
            found.append(id)
            self[id].appendOperands(to: &stack)
        }
        return found.sorted()
    }

    /// The free variables under `roots`, in ascending node order.
    public func variables(in roots: [NodeID]) -> [String] {
        reachable(from: roots).compactMap { id in
            if case .variable(let name) = self[id] { return name }
            return nil
        }
    }

    /// The numeric value of `id` when it is a number node.
    public func number(_ id: NodeID) -> Number? {
        if case .number(let n) = self[id] { return n }
        return nil
    }
}
