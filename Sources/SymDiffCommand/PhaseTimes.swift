// Time spent in each phase of a run with points, for --stats.
import Synchronization

/// The time spent reading or making points, evaluating, checking and writing, added up over
/// chunks from whichever thread did the work. The writer runs beside the computation, so
/// the phases can add up to more than the run's wall time.
final class PhaseTimes: Sendable {
    /// A phase of a run with points.
    enum Phase: Int, CaseIterable {
        case points, evaluate, verify, write

        /// The name `--stats` prints.
        var name: String {
            switch self {
            case .points: "points"
            case .evaluate: "evaluate"
            case .verify: "verify"
            case .write: "write"
            }
        }
    }

    private let seconds = Mutex([Double](repeating: 0, count: Phase.allCases.count))

    /// Adds `duration` to `phase`.
    func add(_ phase: Phase, _ duration: Duration) {
        let time = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        seconds.withLock { $0[phase.rawValue] += time }
    }

    /// Runs `body`, adding its time to `phase`.
    func measure<Result, Failure: Error>(_ phase: Phase, _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let start = ContinuousClock.now
        defer { add(phase, ContinuousClock.now - start) }
        return try body()
    }

    /// The time of `phase` so far, in seconds.
    func seconds(_ phase: Phase) -> Double { seconds.withLock { $0[phase.rawValue] } }
}
