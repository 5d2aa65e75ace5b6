// The README's table of limits against the code: every default, every flag.
import Foundation
import SymDiff
import SymDiffIO
import Testing
@testable import SymDiffCommand

@Suite struct LimitsDocumentationTests {
    /// Each limit's flag, its default in the code, and how the README writes that default.
    static let limits: [(flag: String, value: Int, readme: String)] = [
        ("--max-formula-bytes", Limits().maxFormulaBytes, "64 MiB"),
        ("--max-depth", Limits().maxNestingDepth, "1000"),
        ("--max-identifier-length", Limits().maxIdentifierLength, "256"),
        ("--max-nodes", Limits().maxNodes, "20,000,000"),
        ("--max-order", Limits().maxDerivativeOrder, "1000"),
        ("--max-partials", Limits().maxPartials, "100,000"),
        ("--max-output-bytes", Limits().maxPrintedBytes, "256 MiB"),
        ("--max-seconds", Limits().maxSeconds, "60 s"),
        ("--max-points", PointSet.defaultMaxPoints, "50,000,000"),
        ("--max-verify-points", Options.defaultMaxVerifyPoints, "1,000,000"),
    ]

    @Test func readmeTableMatchesTheDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("| `--max-") && $0.hasSuffix("` |") }
        #expect(rows.count == Self.limits.count)
        for (flag, value, written) in Self.limits {
            let row = rows.first { $0.hasSuffix("| `\(flag)` |") }
            #expect(row?.contains("| \(written) |") == true, "\(flag): \(row ?? "no row")")
            let number = Int(written.filter(\.isNumber))!
            let scaled = written.hasSuffix("MiB") ? number << 20 : number
            #expect(scaled == value, "\(flag): README \(written), code \(value)")
            #expect(helpText.contains("\(flag) N"), "\(flag) is in --help")
            #expect(helpText.contains("default \(value)"), "\(flag) default in --help")
            // The flag is accepted and sets the limit.
            #expect(runSymDiff(["x", flag, String(value)]).status == 0, "\(flag) \(value)")
        }
    }
}
