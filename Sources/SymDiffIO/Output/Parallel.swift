// Independent pieces of work made on all cores, their results in order.
import Dispatch
import SymDiff

/// The results of `make(0)`, ..., `make(count - 1)`, computed concurrently on all cores: for
/// writers that format or checksum several pieces of a block at once and write them in order.
func inParallel<Result>(_ count: Int, _ make: (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(make) }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
        slots.deinitialize()
        slots.deallocate()
    }
    // Each iteration writes its own slot only.
    nonisolated(unsafe) let shared = slots
    withoutActuallyEscaping(make) { make in
        nonisolated(unsafe) let make = make
        DispatchQueue.concurrentPerform(iterations: count) { shared[$0] = make($0) }
    }
    return slots.map { $0! }
}
