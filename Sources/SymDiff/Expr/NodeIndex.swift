// The hash-consing index: from a node's contents to its ID, with a cheap hash.

/// An open-addressing hash table from node contents to node IDs.
///
/// Interning is the hottest operation of the engine, and `Dictionary` hashes through SipHash,
/// which costs more than the rest of a constructor. Nodes are small (a tag and a few integer
/// operands), so a multiply-xorshift mix over those words is enough: hash flooding is not a
/// concern for a table whose keys the program builds itself. Linear probing; the table
/// doubles at half load.
struct NodeIndex: Sendable {
    private var slots = [Int32](repeating: -1, count: 64)

    /// The ID of `node` in `nodes`, or `nil`.
    func find(_ node: Node, hash: UInt64, in nodes: [Node]) -> NodeID? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { return nil }
            if nodes[Int(slot)] == node { return NodeID(Int(slot)) }
            i = (i + 1) & mask
        }
    }

    /// Records that `nodes[id]` has `hash`; `nodes` must already hold it.
    mutating func insert(_ id: NodeID, hash: UInt64, in nodes: [Node]) {
        if 2 * nodes.count > slots.count { grow(nodes) }
        place(id.index, hash: hash)
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    private mutating func grow(_ nodes: [Node]) {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (i, node) in nodes.enumerated() { place(Int32(i), hash: NodeIndex.hash(node)) }
    }

    /// A fast hash of a list of operands.
    static func hash<C: Collection>(operands: C) -> UInt64 where C.Element == NodeID {
        var h: UInt64 = 0
        for id in operands { h = (h ^ UInt64(id.index)) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 29 }
        return h
    }

    /// A fast hash of a node's contents.
    static func hash(_ node: Node) -> UInt64 {
        var h: UInt64 = 0
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        switch node {
        case .number(.rational(let p, let q)):
            mix(1)
            mix(UInt64(bitPattern: p))
            mix(UInt64(bitPattern: q))
        case .number(.real(let x)):
            mix(2)
            mix(x.bitPattern)
        case .constant(let c):
            mix(3)
            mix(c == .pi ? 0 : 1)
        case .variable(let name):
            mix(4)
            for byte in name.utf8 { mix(UInt64(byte)) }
        case .sum(let operands):
            mix(5)
            for id in operands { mix(UInt64(id.index)) }
        case .product(let operands):
            mix(6)
            for id in operands { mix(UInt64(id.index)) }
        case .power(let base, let exponent):
            mix(7)
            mix(UInt64(base.index) << 32 | UInt64(exponent.index))
        case .apply(let f, let operands):
            mix(8 + UInt64(f.rawValue))
            for id in operands { mix(UInt64(id.index)) }
        }
        return h ^ (h >> 32)
    }
}
