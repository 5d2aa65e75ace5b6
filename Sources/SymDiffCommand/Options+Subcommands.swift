// The subcommands' options: `symdiff check` and `symdiff mms` take some of their own and need
// others, checked once every option is read.

extension Options {
    /// The options only `symdiff check` takes.
    static let checkOnly = ["--against", "--key", "--rtol", "--atol", "--layout"]

    /// Refuses `check`'s options without `check`, and `check` without its values or points;
    /// `given` holds each option's name and argument as typed.
    func checkCheckOptions(_ given: [(name: String, argument: String)]) throws(CommandLineError) {
        guard check else {
            if let misplaced = given.first(where: { Self.checkOnly.contains($0.name) }) {
                throw CommandLineError(
                    "\(misplaced.name) is an option of symdiff check", argument: misplaced.argument, underline: 0..<misplaced.name.count,
                    hint: "symdiff check FORMULA --wrt VARS --points pts.npy --against theirs.npy")
            }
            return
        }
        if points == nil {
            throw CommandLineError(
                "symdiff check compares values at points: it needs them", argument: "check",
                hint: "give the points the values were computed at with --points, --grid, --random or --at")
        }
        if against == nil && keys.isEmpty {
            throw CommandLineError(
                "symdiff check needs the values to compare", argument: "check",
                hint: "--against theirs.npy (or .npz with --key NAME, or .csv with --key COLUMNS), or --key COLUMNS of the points file")
        }
        if against == nil, case .file = points {} else if against == nil {
            throw CommandLineError(
                "--key without --against names columns of the points file: it needs --points", argument: "--key \(keys.joined(separator: ","))",
                hint: "give the file of values with --against")
        }
        if let given = given.first(where: { ["--out", "--verify", "--strict"].contains($0.name) }) {
            throw CommandLineError(
                "symdiff check does not take \(given.name)", argument: given.argument, underline: 0..<given.name.count,
                hint: "check verifies every value itself and writes only its report (--format json for tools)")
        }
        if let format, format != .text && format != .json {
            throw CommandLineError(
                "symdiff check reports as text or json", argument: "--format \(format.rawValue)", hint: "--format json")
        }
    }

    /// Refuses `mms`'s options without `mms`, and `mms` without both; then makes its formula:
    /// the solution's bindings, then the PDE, whose value is the source term (order 0 unless
    /// `--order` says otherwise). `given` holds each option's name and argument as typed.
    mutating func checkManufacturedSolution(_ given: [(name: String, argument: String)]) throws(CommandLineError) {
        guard mms else {
            if let misplaced = given.first(where: { ["--solution", "--pde", "--check"].contains($0.name) }) {
                throw CommandLineError(
                    "\(misplaced.name) is an option of symdiff mms", argument: misplaced.argument, underline: 0..<misplaced.name.count,
                    hint: "symdiff mms --solution \"u = sin(pi*x)*exp(-t)\" --pde \"D(u, t) - laplacian(u, x)\"")
            }
            return
        }
        guard let solution, let pde else {
            throw CommandLineError(
                "symdiff mms needs --solution and --pde", argument: "mms",
                hint: "symdiff mms --solution \"u = sin(pi*x)*exp(-t)\" --pde \"D(u, t) - laplacian(u, x)\"")
        }
        if !formulas.isEmpty || !formulaFiles.isEmpty {
            throw CommandLineError(
                "symdiff mms takes its formula from --solution and --pde", argument: formulas.first ?? "--file",
                hint: "put the solution's bindings in --solution and the operator in --pde")
        }
        if verify && points == nil {
            throw CommandLineError(
                "--check evaluates the residual at points: it needs them", argument: "--check",
                hint: "give points with --at, --grid, --random or --points")
        }
        var bindings = solution.trimmingSpaces
        while bindings.hasSuffix(";") { bindings.removeLast() }
        formulas = [bindings + "; " + pde]
        if orderText == nil { orders = 0...0 }
    }
}
