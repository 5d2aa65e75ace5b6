// A small insertion-ordered map from operands to values, for collecting terms and factors.

/// An insertion-ordered map from node IDs to values.
///
/// Sums and products mostly have a handful of operands, where a linear scan beats hashing;
/// past `linearLimit` keys a dictionary index takes over, so a million-term sum stays linear.
struct OperandTable<Value> {
    private(set) var keys: [NodeID] = []
    private(set) var values: [Value] = []
    private var positions: [NodeID: Int]?
    private let linearLimit = 32

    /// Combines `value` into the entry for `key`, or adds the entry.
    mutating func merge(_ key: NodeID, _ value: Value, _ combine: (inout Value, Value) -> Void) {
        if let i = position(of: key) {
            combine(&values[i], value)
            return
        }
        keys.append(key)
        values.append(value)
        if positions != nil {
            positions![key] = keys.count - 1
        } else if keys.count > linearLimit {
            positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
    }

    private func position(of key: NodeID) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }
}
