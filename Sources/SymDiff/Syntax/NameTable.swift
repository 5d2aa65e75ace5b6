// A fixed table from reserved names to what they stand for, looked up without SipHash.

/// A read-only map from names to values, built once: open addressing over an FNV-1a hash of
/// each name's UTF-8 bytes.
///
/// The parser looks up each distinct identifier it reads (`NameInterner`), and `Dictionary`
/// hashes `String` keys with SipHash, seeded per process: a formula of a million variables
/// pays that a million times. The keys here are the program's own names, so a plain hash is
/// enough. The table is at most a quarter full.
struct NameTable<Value: Sendable>: Sendable {
    private let keys: [String?]
    private let values: [Value?]

    /// The table of `entries`.
    init(_ entries: [String: Value]) {
        var size = 16
        while size < 4 * entries.count { size *= 2 }
        var keys = [String?](repeating: nil, count: size)
        var values = [Value?](repeating: nil, count: size)
        for (name, value) in entries {
            var i = NameTable.hash(name) & (size - 1)
            while keys[i] != nil { i = (i + 1) & (size - 1) }
            keys[i] = name
            values[i] = value
        }
        self.keys = keys
        self.values = values
    }

    /// The value of `name`, or `nil` when it is not in the table.
    subscript(name: String) -> Value? {
        let mask = keys.count - 1
        var i = NameTable.hash(name) & mask
        while let key = keys[i] {
            if key == name { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// FNV-1a over the UTF-8 bytes of `name`.
    private static func hash(_ name: String) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        // Over the contiguous bytes, not through the view's iterator.
        var name = name
        name.withUTF8 { bytes in
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
