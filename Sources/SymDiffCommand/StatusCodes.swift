// The legend of the --verify status codes (`PointStatus.code`) that output files record.
import SymDiffVerify

extension PointStatus {
    /// The status names by code, as `OutputTable.statusCodes` takes them.
    static var namesByCode: [String] { allCases.sorted { $0.code < $1.code }.map(\.rawValue) }

    /// The legend the files' metadata record as `status_codes`: `0 ok, 1 nondifferentiable, ...`.
    static var legend: String { namesByCode.enumerated().map { "\($0) \($1)" }.joined(separator: ", ") }
}
