// --verify end to end in-process: the report, the statuses in JSON, the exit statuses.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct VerifyCommandTests {
    @Test func reportStatesToleranceAndVerdicts() {
        let result = runSymDiff(["x1^2*sin(x2)", "--wrt", "x1,x2", "--order", "1:2", "--random", "50", "--verify"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("agreement at ok points: |symbolic - autodiff| <= 2 B_s + 2^-10 B_a + 4 ulp"))
        #expect(result.stdout.contains("d2/dx1dx2"))
        #expect(!result.stdout.contains("DISAGREE"))
        #expect(result.stderr == "verify: 300 value(s): 300 ok; all ok values agree\n")
    }

    @Test func strictFailsOnPointsThatAreNotOk() {
        let plain = runSymDiff(["abs(x)", "--wrt", "x", "--at", "x=0", "--verify"])
        let strict = runSymDiff(["abs(x)", "--wrt", "x", "--at", "x=0", "--verify", "--strict"])
        #expect(plain.status == 0)
        #expect(strict.status == Invocation.verificationFailed)
        #expect(strict.stderr.contains("1 ok, 1 nondifferentiable; FAILED (--strict)"))
        #expect(plain.stdout.contains("one-sided along x: left -1, right 1; PyTorch's convention gives 0"))
    }

    @Test func jsonCarriesStatusArrays() throws {
        let result = runSymDiff(["abs(x)", "--wrt", "x", "--grid", "x=-1:1:3", "--verify", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results[0]["status"] as? [String] == ["ok", "ok", "ok"])
        let derivatives = try #require(results[0]["derivatives"] as? [[String: Any]])
        #expect(derivatives[0]["status"] as? [String] == ["ok", "nondifferentiable", "ok"])
        let verify = try #require(json["verify"] as? [String: Any])
        #expect(verify["passed"] as? Bool == true)
    }

    /// Misuse is a usage error (status 2, nothing on stdout).
    @Test(arguments: [
        ["x^2", "--verify"],
        ["x^2", "--at", "x=1", "--strict"],
        ["x*y", "--wrt", "x,y,z,t,u,v,w,a,b,c,d,e1", "--order", "6", "--at", "x=1,y=2", "--verify"],
    ])
    func misuseIsAUsageError(_ arguments: [String]) {
        let result = runSymDiff(arguments)
        #expect(result.status == Invocation.usageError)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: "))
    }

    /// Mixed partials of order 5 and 6, beyond nested duals: the jets check them.
    @Test func highMixedOrdersAreVerified() {
        let result = runSymDiff(["exp(x*y)*sin(x)", "--wrt", "x,y", "--order", "5:6", "--grid", "x=-1:1:3,y=0:1:2", "--verify"])
        #expect(result.status == 0)
        #expect(result.stderr.hasSuffix("all ok values agree\n"))
        #expect(!result.stderr.contains("unverified"))
    }

    /// Past `--max-verify-points` an even spread is checked and the rest is `unverified`, in
    /// the summary and in every value's status; `--strict` fails on them.
    @Test func pointLimitLeavesTheRestUnverified() throws {
        let arguments = ["x^2", "--wrt", "x", "--random", "11", "--verify", "--max-verify-points", "4", "--format", "json"]
        let result = runSymDiff(arguments)
        #expect(result.status == 0)
        #expect(result.stderr.contains("8 ok, 14 unverified"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let status = try #require(results[0]["status"] as? [String])
        #expect(status.filter { $0 == "ok" }.count == 4 && status.filter { $0 == "unverified" }.count == 7)
        #expect(runSymDiff(arguments + ["--strict"]).status == Invocation.verificationFailed)
        let meta = try #require(json["meta"] as? [String: String])
        #expect(meta["verified_points"] == "4 of 11; the others are unverified (status code 7)")
    }

    /// `--stats` books the check's time apart from printing.
    @Test func statsNameTheVerifyTime() {
        let result = runSymDiff(["x^2", "--wrt", "x", "--random", "5", "--verify", "--stats"])
        #expect(result.status == 0)
        #expect(result.stderr.contains(", verify ") && result.stderr.contains(" ms\n"))
    }

    @Test func pureHighOrderUsesTaylorSeries() {
        let result = runSymDiff(["sin(x)*exp(x)", "--wrt", "x", "--order", "6", "--grid", "x=0:1:5", "--verify"])
        #expect(result.status == 0)
        #expect(result.stderr.hasSuffix("all ok values agree\n"))
    }

    @Test func csvOnStdoutSendsTheReportToStderr() {
        let result = runSymDiff(["exp(x)", "--wrt", "x", "--at", "x=1", "--verify", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("x,f,d/dx,"))
        #expect(result.stderr.contains("verify: 2 value(s) at 1 point(s)"))
    }
}
