// The identifiers a parser reads, interned by their bytes: each distinct name is turned into a
// `String` and looked up among the reserved names once, however often the formula writes it.

/// The names read so far, each with a `NameID`, what it stands for, and how calls of it read.
///
/// A name of up to 8 bytes is its own key: its bytes packed into a `UInt64` (identifier bytes
/// are never 0, so no two names pack alike), hashed by one multiplication and compared in one
/// step. A longer name is hashed with FNV-1a and compared byte by byte with where it was first
/// written. Either way, reading a known name makes no `String` and hashes nothing with
/// SipHash. Open addressing, at most half full.
struct NameInterner {
    /// One name and what is known of it.
    private struct Entry {
        let name: String
        /// What the name stands for if it is reserved (`sin`, `pi`, `D`), else nil.
        let callee: Parser.Callee?
        /// Where the name's call readings start in `readings`, or -1 if it names no function.
        let readingStart: Int32
        /// Where the name was first written: its first byte, and its length in bytes.
        let start: Int32, count: Int32
        /// The hash, so growing the table reads no bytes.
        let hash: UInt64
        /// The packed bytes, or 0 for a name longer than 8 bytes.
        let key: UInt64
    }

    /// The names in order of first appearance (one list, so a formula of a few names costs a
    /// few allocations, not a few per name).
    private var entries: [Entry] = []
    /// The call readings of each function name by argument count, `readingCounts` per name,
    /// each worked out when a call first needs it.
    private var readings: [KnownReading] = []
    /// The argument counts whose readings are kept; larger ones are worked out per call.
    private static let readingCounts = 8
    /// The table: a name's index + 1, or 0 for a free slot.
    private var slots = [Int32](repeating: 0, count: 16)

    /// The name spelled by `bytes[start..<end]`, added if it is new.
    mutating func intern(_ bytes: [UInt8], _ start: Int, _ end: Int) -> NameID {
        let mask = slots.count - 1
        var (key, hash): (UInt64, UInt64) = (0, 0xCBF2_9CE4_8422_2325)
        if end - start <= 8 {
            for i in start..<end { key = key << 8 | UInt64(bytes[i]) }
            hash = key &* 0x9E37_79B9_7F4A_7C15
        } else {
            for i in start..<end { hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01B3 }
        }
        var slot = Self.home(hash, mask)
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if key != 0 {
                if entries[index].key == key { return NameID(index) }
            } else if entries[index].hash == hash, Self.equal(bytes, entries[index], start, end) {
                return NameID(index)
            }
            slot = (slot + 1) & mask
        }
        return add(bytes, start, end, key: key, hash: hash, slot: slot)
    }

    /// Adds the name spelled by `bytes[start..<end]` in the free `slot`.
    private mutating func add(_ bytes: [UInt8], _ start: Int, _ end: Int, key: UInt64, hash: UInt64, slot: Int) -> NameID {
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        let callee = Parser.callee(name)
        var readingStart: Int32 = -1
        if case .function? = callee {
            readingStart = Int32(readings.count)
            readings += repeatElement(.unknown, count: Self.readingCounts)
        }
        if entries.isEmpty { entries.reserveCapacity(8) }
        entries.append(Entry(
            name: name, callee: callee, readingStart: readingStart, start: Int32(start), count: Int32(end - start),
            hash: hash, key: key))
        slots[slot] = Int32(entries.count)
        if 2 * entries.count > slots.count { grow() }
        return NameID(entries.count - 1)
    }

    /// The names in order of first appearance.
    var names: [String] { entries.map(\.name) }

    /// The text of a name.
    subscript(name: NameID) -> String { entries[Int(name.index)].name }

    /// What a name stands for if it is reserved.
    func callee(_ name: NameID) -> Parser.Callee? { entries[Int(name.index)].callee }

    /// How a call of the function name `name` with `count` arguments reads, if it can.
    mutating func reading(_ name: NameID, arguments count: Int) -> CallReading? {
        let start = Int(entries[Int(name.index)].readingStart)
        guard start >= 0 else { return nil }
        guard count < Self.readingCounts else { return CallReading(self[name], arguments: count) }
        switch readings[start + count] {
        case .known(let reading): return reading
        case .unknown:
            let reading = CallReading(self[name], arguments: count)
            readings[start + count] = .known(reading)
            return reading
        }
    }

    /// A call reading once worked out (`nil` when no function of the name takes that many
    /// arguments), or not yet.
    private enum KnownReading {
        case unknown
        case known(CallReading?)
    }

    private static func home(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
    }

    private static func equal(_ bytes: [UInt8], _ entry: Entry, _ start: Int, _ end: Int) -> Bool {
        guard Int(entry.count) == end - start else { return false }
        for k in 0..<(end - start) where bytes[Int(entry.start) + k] != bytes[start + k] { return false }
        return true
    }

    /// Doubles the table, placing each name by its stored hash.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Self.home(entry.hash, mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

/// How a call of a function name reads with a given number of arguments, worked out once per
/// name and count: the function it names and what the parser checks and fills in.
struct CallReading {
    /// The function the call names (`log(x)` and `log(x, base)` name two).
    let function: Function
    /// The function's parameter count: defaults fill a call up to it, a variadic call folds past it.
    let arity: Int
    /// Whether the first argument must be a constant integer order (`polygamma(n, x)`).
    let integerOrder: Bool

    /// The reading of a call of `name` with `count` arguments, as `Function.named` finds it.
    init?(_ name: String, arguments count: Int) {
        guard let function = Function.named(name, arguments: count) else { return nil }
        self.function = function
        arity = function.arity
        integerOrder = function.info.integerOrder
    }
}
