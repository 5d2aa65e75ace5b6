// The operand list of a node: a few IDs stored inline, so that most nodes own no heap memory.

/// The operands of a sum, product or function call, in order.
///
/// Up to `inlineCapacity` IDs are stored in the value itself, more in an array. Most nodes
/// have two or three operands, so building, copying, comparing and dropping them allocates
/// nothing and counts no references: that was about 40% of the symbolic engine's time when
/// every node held an array. The representation is canonical (a list that fits inline is
/// always inline, unused slots hold `NodeID.unused`), so the derived equality and hash are
/// those of the list.
public enum Operands: Hashable, Sendable {
    case few(count: UInt8, NodeID, NodeID, NodeID, NodeID)
    case many([NodeID])

    /// How many operands are stored without an array.
    public static let inlineCapacity = 4

    /// The empty list.
    public static let empty = Operands.few(count: 0, .unused, .unused, .unused, .unused)

    /// The list of one operand.
    public static func single(_ id: NodeID) -> Operands { .few(count: 1, id, .unused, .unused, .unused) }

    /// The list `a`, `b`, without the array an array literal builds.
    public init(_ a: NodeID, _ b: NodeID) { self = .few(count: 2, a, b, .unused, .unused) }

    /// The list `a`, `b`, `c`, without the array an array literal builds.
    public init(_ a: NodeID, _ b: NodeID, _ c: NodeID) { self = .few(count: 3, a, b, c, .unused) }

    /// The list of `ids`, in order.
    public init<S: Sequence>(_ ids: S) where S.Element == NodeID {
        var slots = (NodeID.unused, NodeID.unused, NodeID.unused, NodeID.unused)
        var count = 0
        var iterator = ids.makeIterator()
        while let id = iterator.next() {
            switch count {
            case 0: slots.0 = id
            case 1: slots.1 = id
            case 2: slots.2 = id
            case 3: slots.3 = id
            default:
                var spilled = [slots.0, slots.1, slots.2, slots.3, id]
                while let more = iterator.next() { spilled.append(more) }
                self = .many(spilled)
                return
            }
            count += 1
        }
        self = .few(count: UInt8(count), slots.0, slots.1, slots.2, slots.3)
    }

    /// The list `ids`, keeping the array when it is too long to store inline.
    public init(_ ids: [NodeID]) {
        self = ids.count > Operands.inlineCapacity ? .many(ids) : Operands(copying: ids)
    }

    /// The list `ids`, in an array of its own when it is too long to store inline (so `ids`,
    /// a reused buffer, stays unshared).
    public init(copying ids: [NodeID]) {
        self = ids.withUnsafeBufferPointer { Operands(copying: $0) }
    }

    /// The list of the IDs in `buffer`, which is borrowed, not kept.
    public init(copying buffer: UnsafeBufferPointer<NodeID>) {
        let u = NodeID.unused
        switch buffer.count {
        case 0: self = .empty
        case 1: self = .few(count: 1, buffer[0], u, u, u)
        case 2: self = .few(count: 2, buffer[0], buffer[1], u, u)
        case 3: self = .few(count: 3, buffer[0], buffer[1], buffer[2], u)
        case 4: self = .few(count: 4, buffer[0], buffer[1], buffer[2], buffer[3])
        default: self = .many(Array(buffer))
        }
    }

    /// The operands as an array.
    public var array: [NodeID] {
        if case .many(let ids) = self { return ids }
        return Array(self)
    }

    /// The operands in ascending ID order.
    public func sorted() -> Operands {
        guard case .few(let count, var a, var b, var c, var d) = self else { return .many(array.sorted()) }
        // A sorting network over the used slots; unused ones stay last.
        @inline(__always) func order(_ x: inout NodeID, _ y: inout NodeID) { if y < x { swap(&x, &y) } }
        switch count {
        case 2: order(&a, &b)
        case 3: order(&a, &b); order(&b, &c); order(&a, &b)
        case 4: order(&a, &b); order(&c, &d); order(&a, &c); order(&b, &d); order(&b, &c)
        default: break
        }
        return .few(count: count, a, b, c, d)
    }

    /// The list with `id` in place of the operand at `position`.
    public func replacing(at position: Int, with id: NodeID) -> Operands {
        switch self {
        case .few(let count, var a, var b, var c, var d):
            precondition(position >= 0 && position < Int(count), "operand position out of range")
            switch position {
            case 0: a = id
            case 1: b = id
            case 2: c = id
            default: d = id
            }
            return .few(count: count, a, b, c, d)
        case .many(var ids):
            ids[position] = id
            return .many(ids)
        }
    }

    /// The list with `id` added at the end.
    public func appending(_ id: NodeID) -> Operands {
        switch self {
        case .few(let count, var a, var b, var c, var d):
            switch count {
            case 0: a = id
            case 1: b = id
            case 2: c = id
            case 3: d = id
            default: return .many([a, b, c, d, id])
            }
            return .few(count: count + 1, a, b, c, d)
        case .many(var ids):
            ids.append(id)
            return .many(ids)
        }
    }

    /// Appends the operands to `list`, slot by slot (`+=` would go through the generic
    /// sequence path).
    public func append(to list: inout [NodeID]) {
        switch self {
        case .few(let count, let a, let b, let c, let d):
            if count > 0 { list.append(a) }
            if count > 1 { list.append(b) }
            if count > 2 { list.append(c) }
            if count > 3 { list.append(d) }
        case .many(let ids):
            list += ids
        }
    }

    /// The list with each operand replaced by `transform` of it, in order.
    public func transformed(_ transform: (NodeID) throws -> NodeID) rethrows -> Operands {
        switch self {
        case .few(let count, let a, let b, let c, let d):
            let u = NodeID.unused
            return .few(
                count: count, count > 0 ? try transform(a) : u, count > 1 ? try transform(b) : u,
                count > 2 ? try transform(c) : u, count > 3 ? try transform(d) : u)
        case .many(let ids):
            return .many(try ids.map(transform))
        }
    }

    /// The list with `id` put first.
    public func prepending(_ id: NodeID) -> Operands {
        switch self {
        case .few(let count, let a, let b, let c, _) where count < 4:
            // Unused slots hold `unused` already, so the shift keeps the form canonical.
            return .few(count: count + 1, id, a, b, c)
        default:
            var ids = [id]
            ids.reserveCapacity(count + 1)
            ids.append(contentsOf: self)
            return .many(ids)
        }
    }

    /// The list without its first operand.
    public func droppingFirst() -> Operands { Operands(dropFirst()) }
}

extension Operands: RandomAccessCollection {
    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch self {
        case .few(let count, _, _, _, _): return Int(count)
        case .many(let ids): return ids.count
        }
    }

    public subscript(position: Int) -> NodeID {
        switch self {
        case .few(let count, let a, let b, let c, let d):
            precondition(position >= 0 && position < Int(count), "operand position out of range")
            switch position {
            case 0: return a
            case 1: return b
            case 2: return c
            default: return d
            }
        case .many(let ids):
            return ids[position]
        }
    }
}

/// Builds an operand list one ID at a time: inline while it fits, then in an array of its
/// own, so a long list costs amortized constant time per ID (`appending` copies a long list).
struct OperandsBuilder {
    private var few = Operands.empty
    private var spilled: [NodeID] = []

    mutating func append(_ id: NodeID) {
        if spilled.isEmpty && few.count < Operands.inlineCapacity {
            few = few.appending(id)
            return
        }
        if spilled.isEmpty {
            spilled.reserveCapacity(2 * Operands.inlineCapacity)
            few.append(to: &spilled)
        }
        spilled.append(id)
    }

    /// The list built.
    var operands: Operands { spilled.isEmpty ? few : .many(spilled) }
}

extension Operands: ExpressibleByArrayLiteral {
    public init(arrayLiteral ids: NodeID...) { self.init(ids) }
}

extension NodeID {
    /// What an unused inline operand slot holds.
    static let unused = NodeID(-1)
}
