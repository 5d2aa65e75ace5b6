// The temporary files being written, for removal from a signal handler.
import Foundation
import SymDiff

/// The paths of the temporary output files that exist, in fixed slots a signal handler can
/// read without allocating or locking.
///
/// A slot holds a C string (never freed: a few bytes per output file) or null. Registering
/// and unregistering happen on ordinary threads; `removeAll()` only reads the slots and calls
/// `unlink`, which is async-signal-safe.
enum TemporaryFiles {
    /// How many temporaries can be listed at once; a further one is written unlisted.
    static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    private static let lock = NSLock()

    /// Lists `path`; its slot, or `nil` when all are taken.
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
        slots[free] = strdup(path)
        return free
    }

    /// Takes the path in `slot` off the list.
    static func unregister(_ slot: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[slot] = nil
    }

    /// Unlinks every listed path.
    static func removeAll() {
        for k in 0..<capacity {
            if let path = slots[k] { unlink(path) }
        }
    }
}
