// The --verify report: how the check works, one line per value, and the points that need a word.
import Foundation
import Synchronization
import SymDiff
import SymDiffVerify

/// How the two paths are compared, as the report states it, for values output in `precision`.
func verifyMethod(_ precision: Precision) -> String {
    let symbolic = precision == .extended
        ? "symbolic: the simplified derivative, compiled, in extended precision rounded to binary64 (the values symdiff outputs)"
        : "symbolic: the simplified derivative, compiled, in binary64 (the values symdiff outputs)"
    let bound = precision == .extended ? "2^-10 (B_s + B_a) + 4 ulp" : "2 B_s + 2^-10 B_a + 4 ulp"
    return """
        \(symbolic)
        autodiff: the formula itself, differentiated by nested dual numbers in extended precision
        agreement at ok points: |symbolic - autodiff| <= \(bound), and the symbolic value
          computed in extended precision within 2^-10 (B_s + B_a) + 4 ulp of autodiff, where
          B_s and B_a bound the rounding error of the binary64 computations (unit roundoff 2^-53
          per operation, 1 ulp per library function, propagated through each expression) and
          2^-10 = 2 * 2^-64 / 2^-53 scales a bound to extended precision
        finite differences: central, Richardson-extrapolated, in extended precision; shown, never used as the truth


        """
}

/// The report: the method, a table with one line per function or partial, then the points
/// that are not `ok` or that disagree (the ones the summary keeps).
func verifyReport(_ v: VerificationSummary, precision: Precision) -> String {
    var rows = [["value", "max |s-a|", "max rel", "max ulps", "tol ulps", "finite diff", "worst point", "statuses", "verdict"]]
    for column in v.columns {
        let d = column.differences
        rows.append([
            column.name, number(d.absolute), number(d.relative), number(d.ulps),
            d.worstPoint == nil ? "-" : number(d.toleranceUlps), column.finiteDifferenceSpread.map(number) ?? "-",
            column.worstCoordinates.map { describePoint($0, v.names) } ?? "-", statusText(column.statusCounts),
            column.disagreements == 0 ? "agree" : "DISAGREE at \(column.disagreements)",
        ])
    }
    var text = "verify: \(v.columns.count) value(s) at \(v.pointCount) point(s)\n" + verifyMethod(precision) + table(rows)
    for column in v.columns {
        for point in column.disagreeing {
            text += "\(column.name) at \(describePoint(point.coordinates, v.names)): symbolic \(number(point.symbolic)), "
                + "autodiff \(number(point.autodiff)), tolerance \(number(point.tolerance))\n"
        }
        for point in column.special {
            text += "\(column.name) at \(describePoint(point.coordinates, v.names)): \(point.status.rawValue)" + detail(point) + "\n"
        }
        if column.specialCount > column.special.count {
            text += "\(column.name): \(column.specialCount - column.special.count) more point(s) not ok\n"
        }
    }
    return text
}

/// The stderr summary: counts of each status, and whether the check passed.
func verifySummary(_ v: VerificationSummary, strict: Bool) -> String {
    let counts = v.statusCounts
    let total = counts.values.reduce(0, +)
    let parts = PointStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
    let disagreements = v.columns.map(\.disagreements).reduce(0, +)
    let verdict: String
    if disagreements > 0 {
        verdict = "FAILED: \(disagreements) value(s) disagree"
    } else if strict && counts[.ok, default: 0] < total {
        verdict = "FAILED (--strict): \(total - counts[.ok, default: 0]) value(s) not ok"
    } else {
        verdict = "all ok values agree"
    }
    return "verify: \(total) value(s): \(parts.joined(separator: ", ")); \(verdict)\n"
}

/// What the report says about a point that is not `ok`.
private func detail(_ point: VerificationSummary.Example) -> String {
    switch point.status {
    case .nondifferentiable:
        let convention = "; PyTorch's convention gives \(number(point.symbolic))"
        guard let sides = point.oneSided else { return convention }
        return ": one-sided along \(sides.variable): left \(number(sides.left)), right \(number(sides.right))" + convention
    case .removable:
        return ": limit \(point.limit.map(number) ?? "?"), value as written \(number(point.symbolic))"
    case .cancellation:
        return ": binary64 value \(number(point.symbolic)), extended precision \(number(point.extended))"
    case .overflow, .pole, .undefined:
        return ": value \(number(point.symbolic))"
    case .unverified:
        return ": not checked (time budget or --max-verify-points)"
    case .ok:
        return ""
    }
}

private func describePoint(_ coordinates: [Double], _ names: [String]) -> String {
    zip(names, coordinates).map { "\($0)=\(number($1))" }.joined(separator: ", ")
}

private func statusText(_ counts: [PointStatus: Int]) -> String {
    PointStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
}

/// A number in at most 3 significant digits for the table (the files keep every digit).
private func number(_ x: Double) -> String {
    if x == 0 || !x.isFinite { return x == 0 ? "0" : "\(x)" }
    let magnitude = Swift.abs(x)
    return magnitude >= 1e-3 && magnitude < 1e6 ? String(format: "%.3g", x) : String(format: "%.2e", x)
}

/// Rows as left-aligned columns two spaces apart.
private func table(_ rows: [[String]]) -> String {
    let widths = rows[0].indices.map { k in rows.map { $0[k].count }.max()! }
    return rows.map { row in
        zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n") + "\n"
}

/// The progress line of a long `--verify` run on a terminal: `symdiff: verified N of TOTAL
/// points` on stderr, at most every second, from the first second on.
final class VerifyProgress: Sendable {
    private let total: Int
    private let start = ContinuousClock.now
    /// When the line was last shown, if it was.
    private let lastShown = Mutex<ContinuousClock.Instant?>(nil)

    /// A progress line for `total` points, or `nil` when stderr is not a terminal or `quiet`.
    init?(total: Int, quiet: Bool) {
        guard !quiet && isatty(STDERR_FILENO) != 0 else { return nil }
        self.total = total
    }

    /// Shows `checked` points done, if a second has passed since the start and the last time.
    func report(_ checked: Int) {
        let now = ContinuousClock.now
        let show = lastShown.withLock { last in
            guard now - start > .seconds(1) && now - (last ?? start) > .seconds(1) else { return false }
            last = now
            return true
        }
        if show { FileHandle.standardError.write(Data("\rsymdiff: verified \(checked) of \(total) points".utf8)) }
    }

    /// Ends the line, if it was shown.
    func finish() {
        if lastShown.withLock({ $0 != nil }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
