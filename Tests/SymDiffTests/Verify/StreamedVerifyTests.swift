// --verify a chunk at a time gives, value for value, what one verification of all points gives.
import Foundation
import Testing
import SymDiff
import SymDiffIO
import SymDiffVerify
@testable import SymDiffCommand

/// The streamed check (`Verifier` chunk by chunk, `VerificationSummary` between chunks)
/// against `Verification` over the whole set: the same values, statuses and bounds at every
/// point, and the same counts in the report. Twenty columns and three variables make a
/// chunk of 45,590 points, so 95,000 points take three chunks.
@Suite struct StreamedVerifyTests {
    static let formula = "abs(x - 0.5)*sin(y)*exp(-z) + x*y*z"
    static let arguments = [formula, "--wrt", "x,y,z", "--order", "0:3", "--random", "95000", "--range", "x=0:1,y=0:1,z=0:1"]

    @Test func chunksGiveTheValuesOfOneVerification() throws {
        let result = runSymDiff(Self.arguments + ["--verify", "--max-verify-points", "3000", "--format", "csv", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let d = try Derivatives(DerivativeRequest(formulas: [Self.formula], variables: ["x", "y", "z"], orders: 0...3))
        let ranges = try PointSpec.ranges("x=0:1,y=0:1,z=0:1", variables: d.pointVariables)
        let points = try PointSet.random(count: 95_000, seed: 0, ranges: ranges, variables: d.pointVariables)
        let whole = try Verification(d, at: points, maxPoints: 3000)
        #expect(whole.columns.count == 20)

        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = rows[0].split(separator: ",").map(String.init)
        #expect(rows.count == points.count + 1)
        let table = rows.dropFirst().map { $0.split(separator: ",") }
        var mismatches = 0
        for column in whole.columns {
            let (value, status, bound) = try (
                #require(header.firstIndex(of: column.name)), #require(header.firstIndex(of: column.name + ":status")),
                #require(header.firstIndex(of: column.name + ":bound")))
            for (i, fields) in table.enumerated() {
                let same = Double(fields[value])!.bitPattern == column.output[i].bitPattern
                    && String(fields[status]) == column.status[i].rawValue
                    && (Double(fields[bound]).map { $0 == column.roundingBound[i] || ($0.isNaN && column.roundingBound[i].isNaN) } ?? false)
                if !same { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        // The report's counts are those of the whole verification.
        let counts = whole.statusCounts
        let total = counts.values.reduce(0, +)
        #expect(result.stderr.contains("\nverify: \(total) value(s): "), "\(result.stderr.suffix(300))")
        #expect(result.stderr.contains("\(counts[.unverified, default: 0]) unverified"))
    }
}
