// Dense maps and sets over the nodes of one graph, for passes that visit most of them.

/// A map from the nodes of one graph to values, stored by node index (no hashing).
struct NodeMap<Value> {
    private var values: [Value?]

    /// An empty map for a graph of `count` nodes.
    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(id: NodeID) -> Value? {
        get { values[Int(id.index)] }
        set { values[Int(id.index)] = newValue }
    }

    subscript(id: NodeID, default fallback: Value) -> Value {
        get { values[Int(id.index)] ?? fallback }
        set { values[Int(id.index)] = newValue }
    }
}

/// A set of the nodes of one graph, stored as one flag per node.
struct NodeSet {
    private var members: [Bool]

    /// An empty set for a graph of `count` nodes.
    init(count: Int) { members = Array(repeating: false, count: count) }

    func contains(_ id: NodeID) -> Bool { members[Int(id.index)] }

    mutating func insert(_ id: NodeID) { members[Int(id.index)] = true }

    /// Removes `id`; returns whether it was a member.
    mutating func remove(_ id: NodeID) -> Bool {
        defer { members[Int(id.index)] = false }
        return members[Int(id.index)]
    }
}
