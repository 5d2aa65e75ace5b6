// The check spread over worker threads: chunks of points, a deadline, progress.
import Dispatch
import Synchronization
import SymDiff
import SymDiffIO
import SymDiffAutodiff

/// The check of the selected points, chunk by chunk, on a fixed number of workers.
///
/// Each worker takes the next chunk until none is left or the deadline has passed, so a
/// deadline leaves whole chunks unchecked, never part of one.
struct CheckRun {
    /// The columns with the results of the checked points.
    var columns: [Verification.Column]
    var checkedCount = 0

    /// Checks the points `selected` of `points` for `plans`, finite differences at every
    /// `finiteDifferenceStride`-th; `template` holds the symbolic values of every column at
    /// every point, and `columns` gets them with the results.
    init(
        plans: [FormulaPlan], points: PointSet, template: [Verification.Column], selected: [Int], finiteDifferenceStride: Int,
        threads: Int, deadline: ContinuousClock.Instant?, progress: (@Sendable (Int) -> Void)?
    ) {
        let workers = Swift.max(1, threads)
        let size = Swift.max(1, Swift.min(256, (selected.count + 8 * workers - 1) / (8 * workers)))
        let chunks = stride(from: 0, to: selected.count, by: size).map { Array(selected[$0..<Swift.min(selected.count, $0 + size)]) }
        let found = UnsafeSendableBuffer<CheckSpecials>(count: workers)
        // Each array is written once, by the merges; unchecked points keep these.
        let unchecked = template.map { column in
            var c = column
            c.output = column.symbolic
            c.autodiff = Array(repeating: .nan, count: points.count)
            c.tolerance = Array(repeating: .nan, count: points.count)
            c.roundingBound = Array(repeating: .nan, count: points.count)
            c.status = Array(repeating: .unverified, count: points.count)
            c.agrees = Array(repeating: true, count: points.count)
            return c
        }
        let state = Mutex((next: 0, checked: 0, columns: unchecked))
        let work: @Sendable (Int) -> Void = { worker in
            var workspaces = plans.map { $0.makeWorkspace() }
            let results = CheckChunk(columnCount: template.count, variableCount: points.columns.count, capacity: size)
            var specials = CheckSpecials(columns: template.count)
            defer { found.set(worker, specials) }
            while true {
                if let deadline, ContinuousClock.now >= deadline { return }
                let c = state.withLock { s in
                    defer { s.next += 1 }
                    return s.next
                }
                guard c < chunks.count else { return }
                results.reset(for: chunks[c], points: points, template: template)
                let inputs = results.inputs.map { Array(UnsafeBufferPointer(start: $0, count: chunks[c].count)) }
                for p in plans.indices { plans[p].screen(inputs, count: chunks[c].count, &workspaces[p]) }
                for (slot, i) in chunks[c].enumerated() {
                    let finiteDifferences = (c * size + slot) % finiteDifferenceStride == 0
                    for (p, plan) in plans.enumerated() {
                        plan.check(
                            point: i, slot: slot, points: points, chunk: results, workspace: &workspaces[p],
                            finiteDifferences: finiteDifferences, specials: &specials)
                    }
                }
                let checked = state.withLock { s in
                    results.merge(chunks[c], into: &s.columns)
                    s.checked += chunks[c].count
                    return s.checked
                }
                progress?(checked)
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        (columns, checkedCount) = state.withLock { ($0.columns, $0.checked) }
        for worker in 0..<workers {
            guard let part = found.value(at: worker) else { continue }
            for k in columns.indices {
                columns[k].oneSided.merge(part.oneSided[k]) { first, _ in first }
                columns[k].limits.merge(part.limits[k]) { first, _ in first }
            }
        }
    }
}

/// A fixed number of slots that concurrent workers each write one of, once.
final class UnsafeSendableBuffer<Element>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Element?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The element written to slot `index`, if any.
    func value(at index: Int) -> Element? { slots[index] }

    /// Writes slot `index`.
    func set(_ index: Int, _ element: Element) { slots[index] = element }
}
