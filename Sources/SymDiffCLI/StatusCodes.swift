// The number that stands for each --verify status in output files that hold only numbers.
import SymDiffVerify

extension PointStatus {
    /// The status's code in `.npz` (`status/NAME`, uint8) and `.npy` (`NAME:status`) files.
    /// Fixed, so files of every version agree: a new status takes the next free code.
    var code: Int {
        switch self {
        case .ok: 0
        case .nondifferentiable: 1
        case .undefined: 2
        case .pole: 3
        case .removable: 4
        case .cancellation: 5
        case .overflow: 6
        case .unverified: 7
        }
    }

    /// The status names by code, as `OutputTable.statusCodes` takes them.
    static var namesByCode: [String] { allCases.sorted { $0.code < $1.code }.map(\.rawValue) }

    /// The legend the files' metadata record as `status_codes`: `0 ok, 1 nondifferentiable, ...`.
    static var legend: String { namesByCode.enumerated().map { "\($0) \($1)" }.joined(separator: ", ") }
}
