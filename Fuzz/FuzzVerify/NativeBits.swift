// The machine-code evaluator against the interpreter, bit for bit, on every fuzzed formula.
import SymDiff

/// The check that binary64 machine code and the block interpreter give the same bits.
enum NativeBits {
    /// Values where arithmetic and functions take their special paths: zeros of both signs,
    /// ordinary values, huge ones, infinities, a subnormal, and NaNs of both signs with
    /// different payloads (a quiet and a signaling one), whose propagation must match too.
    static let values: [Double] = [
        0.7, 0, -0.0, -1.3, 1e300, -1e300, .infinity, -.infinity, .nan,
        -Double(nan: 0x2a, signaling: false), Double(nan: 0x15, signaling: true), 0x1p-1070, 40,
    ]

    /// The points, one row per point: variable `j` at point `i` takes
    /// `values[(i * (j + 1) + j) % 13]`, so each variable sees every value once and the
    /// variables meet in different pairs.
    static let points: [[Double]] = (0..<values.count).map { i in
        (0..<6).map { j in values[(i * (j + 1) + j) % values.count] }
    }

    /// Point counts: a lone tail, one group of four and a tail, several groups and a tail.
    static let counts = [1, 5, 13]

    /// Compiles the function and every partial of each result of `derivatives` into one
    /// program, evaluates it at the first `n` points for each of `counts` as machine code and
    /// interpreted, and traps with the formula, output, point and both bit patterns on the
    /// first difference. Does nothing when this machine cannot run the machine code.
    static func check(_ derivatives: Derivatives, text: String) {
        var roots: [NodeID] = []
        var labels: [String] = []
        for (k, result) in derivatives.results.enumerated() {
            roots.append(result.function)
            labels.append("f\(k + 1)")
            roots += result.partials.map(\.node)
            labels += result.partials.map { "f\(k + 1) \($0.name)" }
        }
        let names = derivatives.freeVariables
        let program: Program
        do {
            program = try Compiler.compile(roots, in: derivatives.graph, inputs: names)
        } catch {
            fatalError("'\(text)': the program could not be compiled: \(error)")
        }
        var native = Evaluator(program, threads: 1)
        native.nativeMinimumPoints = 0
        guard native.isNative else { return }
        let interpreter = Evaluator(program, blockSize: 64, threads: 1, native: false)
        for n in counts {
            let columns = names.indices.map { j in points.prefix(n).map { $0[j] } }
            let machine = native.evaluate(columns, count: n)
            let interpreted = interpreter.evaluate(columns, count: n)
            for (k, (x, y)) in zip(machine, interpreted).enumerated() {
                guard let i = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) else { continue }
                let point = names.indices.map { "\(names[$0])=\(hex(columns[$0][i]))" }.joined(separator: ", ")
                fatalError("""
                    '\(text)' output \(k) (\(labels[k])) at point \(i) of \(n) (\(point)): \
                    machine code \(hex(x[i])), interpreter \(hex(y[i]))
                    """)
            }
        }
    }

    /// `x` and its bit pattern, so that NaN payloads and signed zeros show.
    static func hex(_ x: Double) -> String {
        "\(x) (0x\(String(x.bitPattern, radix: 16)))"
    }
}
