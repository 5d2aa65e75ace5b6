// Jets of the functions of two arguments: each written through univariate compositions and
// jet arithmetic, as the nested duals' rules are.
import SymDiff

extension JetProgram {
    /// A function of two arguments with at least one varying.
    func binary(
        _ f: Function, _ a: UnsafeMutablePointer<Wide>, _ b: UnsafeMutablePointer<Wide>, _ out: UnsafeMutablePointer<Wide>,
        _ scratch: UnsafeMutablePointer<Wide>, _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        let m = layout.count
        let order = layout.order
        let (x, y) = (a[0], b[0])
        let v = Wide.apply(f, x, y)
        switch f {
        case .min, .max:
            let aWins = f == .min ? x < y : x > y
            let bWins = f == .min ? y < x : y > x
            for i in 0..<m { out[i] = aWins ? a[i] : bWins ? b[i] : (a[i] + b[i]) / 2 }
        case .hypot:
            let (squares, square) = (scratch + 2 * m, scratch + 3 * m)
            multiply(a, a, into: squares, tables, JetProductTables.allProducts)
            multiply(b, b, into: square, tables, JetProductTables.allProducts)
            add(square, to: squares, m)
            compose(.apply(.sqrt), squares, into: out, scratch, tables, increments) { Taylor.apply(.sqrt, Taylor(variable: squares[0], order: order), 0) }
        case .atan2:
            // atan2(a, b) - atan(a/b) is locally constant where b != 0; atan2(a, b) + atan(b/a) where a != 0.
            let (numerator, denominator, sign): (UnsafeMutablePointer<Wide>, UnsafeMutablePointer<Wide>, Wide) =
                Swift.abs(y) >= Swift.abs(x) ? (a, b, 1) : (b, a, -1)
            guard denominator[0] != 0 else {
                for i in 0..<m { out[i] = .nan }
                break
            }
            let (reciprocal, quotient) = (scratch + 2 * m, scratch + 3 * m)
            compose(.integerPower(-1), denominator, into: reciprocal, scratch, tables, increments) {
                Taylor.power(Taylor(variable: denominator[0], order: order), -1)
            }
            multiply(numerator, reciprocal, into: quotient, tables, JetProductTables.allProducts)
            compose(.apply(.atan), quotient, into: out, scratch, tables, increments) { Taylor.apply(.atan, Taylor(variable: quotient[0], order: order), 0) }
            for i in 0..<m { out[i] *= sign }
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr:
            for i in 0..<m { out[i] = 0 }
        case .select:
            // The branch picked, every coefficient; or -0 and nothing else.
            for i in 0..<m { out[i] = x != 0 ? b[i] : 0 }
        case .mod, .fmod:
            // Locally a - k*b with the integer k fixed.
            let k = Wide.apply(f == .mod ? .floor : .trunc, x / y, x)
            for i in 0..<m { out[i] = a[i] - (b[i] == 0 ? 0 : k * b[i]) }
        default: bivariate(f, a, b, out, scratch, tables, increments)
        }
        out[0] = v
    }

    /// Any other primitive of two arguments: `Σ c_ij (a - a0)^i (b - b0)^j`, with the
    /// coefficients `c_ij` from the function's Taylor rule on nested series (along `a` outside,
    /// `b` inside), each row `Σ_j c_ij (b - b0)^j` composed and the rows summed by Horner's
    /// rule in `a - a0`.
    private func bivariate(
        _ f: Function, _ a: UnsafeMutablePointer<Wide>, _ b: UnsafeMutablePointer<Wide>, _ out: UnsafeMutablePointer<Wide>,
        _ scratch: UnsafeMutablePointer<Wide>, _ tables: JetProductTables.Pointers, _ increments: Int
    ) {
        let (m, order) = (layout.count, layout.order)
        let alongA = Taylor<Taylor<Wide>>(
            coefficients: [Taylor(coefficients: [a[0]]), 1] + Array(repeating: 0, count: Swift.max(order - 1, 0)))
        let alongB = Taylor<Taylor<Wide>>(coefficients: [Taylor(variable: b[0], order: order)])
        let c = Taylor<Taylor<Wide>>.apply(f, alongA, alongB)
        let buffers = UnsafeMutablePointer<Wide>.allocate(capacity: 3 * m)
        defer { buffers.deallocate() }
        var (sum, product, row) = (buffers, buffers + m, buffers + 2 * m)
        for i in stride(from: order, through: 0, by: -1) {
            let coefficients = (0...(order - i)).map { j in c[i][j] }
            compose(Taylor(coefficients: coefficients), b, into: row, scratch, tables, increments)
            if i == order {
                copy(row, to: sum)
            } else {
                multiply(sum, a, into: product, tables, increments)
                for k in 0..<m { product[k] += row[k] }
                (sum, product) = (product, sum)
            }
        }
        copy(sum, to: out)
    }
}
