// `symdiff mms`: the source term that makes a PDE hold for a chosen solution, against closed
// forms worked out by hand, its residual check, and its errors.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct ManufacturedSolutionTests {
    /// The values of column `name` in a CSV report.
    static func column(_ csv: String, _ name: String) throws -> [Double] {
        let lines = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",").map(String.init)
        let k = try #require(header.firstIndex(of: name), "\(header)")
        return lines.dropFirst().map { Double($0.split(separator: ",")[k])! }
    }

    static let grid = "x=0.1:0.9:5,y=0.2:0.8:4,t=0:1:3,nu=0.01:0.01:1"

    /// A PDE's source term by hand, at (x, y, t, nu).
    typealias ClosedForm = @Sendable (Double, Double, Double, Double) -> Double

    static func heat(_ x: Double, _ y: Double, _ t: Double, _ nu: Double) -> Double {
        (2 * .pi * .pi - 1) * sin(.pi * x) * sin(.pi * y) * exp(-t)
    }

    static func burgers(_ x: Double, _ y: Double, _ t: Double, _ nu: Double) -> Double {
        let s = sin(.pi * x)
        return -s * exp(-t) + .pi * s * cos(.pi * x) * exp(-2 * t) + nu * .pi * .pi * s * exp(-t)
    }

    static func zero(_ x: Double, _ y: Double, _ t: Double, _ nu: Double) -> Double { 0 }

    struct Case: Sendable, CustomTestStringConvertible {
        var solution: String
        var pde: String
        /// The output column of the source term checked.
        var column: String
        var expected: ClosedForm
        var testDescription: String { pde }
    }

    /// The heat equation's and Burgers' source terms, worked out by hand, and the Taylor-Green
    /// vortex, which solves Navier-Stokes exactly: each source term at every grid point.
    static let cases = [
        Case(solution: "u = sin(pi*x)*sin(pi*y)*exp(-t)", pde: "D(u, t) - laplacian(u, x, y)", column: "f", expected: heat),
        Case(solution: "u = sin(pi*x)*exp(-t)", pde: "D(u, t) + u*D(u, x) - nu*D(u, x, 2)", column: "f", expected: burgers),
        Case(solution: taylorGreen, pde: navierStokes, column: "f2:f", expected: zero),
    ]

    @Test(arguments: cases)
    func sourceTerms(_ c: Case) throws {
        let result = runSymDiff(["mms", "--solution", c.solution, "--pde", c.pde, "--wrt", "x,y,t,nu", "--grid", Self.grid, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let x = try Self.column(result.stdout, "x")
        let y = try Self.column(result.stdout, "y")
        let t = try Self.column(result.stdout, "t")
        let nu = try Self.column(result.stdout, "nu")
        let values = try Self.column(result.stdout, c.column)
        #expect(values.count == 5 * 4 * 3)
        for i in values.indices {
            let reference = c.expected(x[i], y[i], t[i], nu[i])
            #expect(Swift.abs(values[i] - reference) <= 1e-13 * Swift.max(1, Swift.abs(reference)), "\(c.pde) at \(i): \(values[i]), \(reference)")
        }
    }

    static let taylorGreen =
        "u = -cos(x)*sin(y)*exp(-2*nu*t); v = sin(x)*cos(y)*exp(-2*nu*t); p = -(cos(2*x) + cos(2*y))*exp(-4*nu*t)/4"
    static let navierStokes =
        "[D(u,t) + u*D(u,x) + v*D(u,y) + D(p,x) - nu*laplacian(u,x,y), D(v,t) + u*D(v,x) + v*D(v,y) + D(p,y) - nu*laplacian(v,x,y), D(u,x) + D(v,y)]"

    /// `Fixtures/mms.json`: solutions that do not solve their PDEs, with SymPy's source terms.
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name, solution, pde: String
            var variables: [String]
            var points: [[Double]]
            var values: [[String]]
        }
        var cases: [Case]
    }

    /// Each source term at each point within 1e-12 of SymPy's (relative, or absolute below 1).
    @Test func sourceTermsMatchSymPy() throws {
        let fixture = try loadFixture("mms", as: Fixture.self)
        #expect(fixture.cases.count == 5)
        for c in fixture.cases {
            let directory = ScratchDirectory()
            defer { directory.remove() }
            let csv = c.variables.joined(separator: ",") + "\n" + c.points.map { $0.map { "\($0)" }.joined(separator: ",") + "\n" }.joined()
            directory.write("points.csv", Array(csv.utf8))
            let result = runSymDiff([
                "mms", "--solution", c.solution, "--pde", c.pde, "--wrt", c.variables.joined(separator: ","),
                "--points", directory.file("points.csv"), "--format", "csv",
            ])
            #expect(result.status == 0, "\(c.name): \(result.stderr)")
            let equations = c.values[0].count
            for k in 0..<equations {
                let got = try Self.column(result.stdout, equations == 1 ? "f" : "f\(k + 1):f")
                for (i, row) in c.values.enumerated() {
                    let reference = Double(row[k])!
                    #expect(Swift.abs(got[i] - reference) <= 1e-12 * Swift.max(1, Swift.abs(reference)), "\(c.name) eq \(k) at \(c.points[i]): \(got[i]) vs \(reference)")
                }
            }
        }
    }

    @Test func printsTheSourceAndChecksTheResidual() {
        let printed = runSymDiff(["mms", "--solution", "u = sin(pi*x)*exp(-t)", "--pde", "D(u, t) - D(u, x, 2)"])
        #expect(printed.status == 0)
        #expect(printed.stdout == "f = pi^2*sin(pi*x)*exp(-t) - sin(pi*x)*exp(-t)\n", "\(printed.stdout)")
        // The vortex solves Navier-Stokes: every source term simplifies to exactly 0.
        let vortex = runSymDiff(["mms", "--solution", Self.taylorGreen, "--pde", Self.navierStokes])
        #expect(vortex.stdout == "f[0] = 0\n\nf[1] = 0\n\nf[2] = 0\n", "\(vortex.stdout)")
        let checked = runSymDiff(["mms", "--solution", Self.taylorGreen, "--pde", Self.navierStokes, "--random", "200", "--check"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("all ok values agree"), "\(checked.stderr)")
    }

    @Test(arguments: [
        (["mms", "--solution", "u = x"], "symdiff mms needs --solution and --pde"),
        (["x^2", "--pde", "D(u, x)"], "--pde is an option of symdiff mms"),
        (["mms", "x^2", "--solution", "u = x", "--pde", "u"], "symdiff mms takes its formula from --solution and --pde"),
        (["mms", "--solution", "u = x", "--pde", "u", "--check"], "--check evaluates the residual at points: it needs them"),
    ])
    func badRequests(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
