// The hash-consing index: from a node's contents to its ID, with a cheap hash.

/// An open-addressing hash table from node contents to node IDs.
///
/// Interning is the hottest operation of the engine, and `Dictionary` hashes through SipHash,
/// which costs more than the rest of a constructor. Nodes are small (a tag and a few integer
/// operands), so a multiply-xorshift mix over those words is enough: hash flooding is not a
/// concern for a table whose keys the program builds itself. A node's home slot comes from
/// the upper half of its hash, and each slot keeps that half (its tag) beside the ID: a probe
/// compares nodes only when the tags agree, and growing never hashes a node again. Linear
/// probing; the table doubles at half load.
struct NodeIndex: Sendable {
    /// Per slot, 0 when empty, else the hash's upper 32 bits above the node's ID plus 1.
    private var slots = [UInt64](repeating: 0, count: 64)

    /// The ID of `node` in `nodes`, or `nil`.
    func find(_ node: Node, hash: UInt64, in nodes: [Node]) -> NodeID? {
        let mask = slots.count - 1
        let tag = hash >> 32
        var i = Int(tag) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot >> 32 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if nodes[id] == node { return NodeID(id) }
            }
            i = (i + 1) & mask
        }
    }

    /// Records that `nodes[id]` has `hash`; `nodes` must already hold it.
    mutating func insert(_ id: NodeID, hash: UInt64, in nodes: [Node]) {
        if 2 * nodes.count > slots.count { grow() }
        place((hash >> 32) << 32 | UInt64(id.index + 1))
    }

    /// Puts `slot` in the first free slot from its home position (its tag, modulo the size) on.
    private mutating func place(_ slot: UInt64) {
        let mask = slots.count - 1
        var i = Int(slot >> 32) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    /// Doubles the table, placing each entry again by its tag.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        for slot in old where slot != 0 { place(slot) }
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
            mixOperands(operands, into: &h)
        case .product(let operands):
            mix(6)
            mixOperands(operands, into: &h)
        case .power(let base, let exponent):
            mix(7)
            mix(UInt64(base.index) << 32 | UInt64(exponent.index))
        case .apply(let f, let operands):
            mix(8 + UInt64(f.rawValue))
            mixOperands(operands, into: &h)
        }
        return h ^ (h >> 32)
    }

    /// Mixes `operands` into `h`: an inline list as its four slots (unused ones hold one
    /// constant), without iterating.
    @inline(__always)
    private static func mixOperands(_ operands: Operands, into h: inout UInt64) {
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        switch operands {
        case .few(_, let a, let b, let c, let d):
            mix(UInt64(UInt32(bitPattern: a.index)) << 32 | UInt64(UInt32(bitPattern: b.index)))
            mix(UInt64(UInt32(bitPattern: c.index)) << 32 | UInt64(UInt32(bitPattern: d.index)))
        case .many(let ids):
            for id in ids { mix(UInt64(id.index)) }
        }
    }
}

extension Array where Element == NodeID {
    /// Puts these distinct node IDs in ascending (evaluation) order, given that each is
    /// marked `mark` in `marks` and no other ID in their span is.
    ///
    /// When they fill at least an eighth of the span between the lowest and the highest, a
    /// scan of the span lists them in order; otherwise they are sorted. (Sorting a few dozen
    /// IDs is an insertion sort, whose cost grows with their square.)
    mutating func sortMarked(in marks: [Int32], as mark: Int32) {
        guard let low = self.min(), let high = self.max() else { return }
        let span = Int(high.index) - Int(low.index) + 1
        guard span <= 8 * count else {
            sort()
            return
        }
        removeAll(keepingCapacity: true)
        for i in Int(low.index)...Int(high.index) where marks[i] == mark { append(NodeID(i)) }
    }
}
