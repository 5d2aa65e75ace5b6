// The monomial products of a jet sweep's multiplications, cut down to what each step's operands depend on.
import SymDiff

/// Every product table a `JetProgram` sweep multiplies by, in three flat arrays, so the sweep
/// reads them through pointers without reference counting.
///
/// A step that depends on some of the jet variables only has zero coefficients at every
/// monomial in the others: its multiplications take only the products of monomials in its
/// operands' variables (`JetLayout.products(_:left:right:)`), each distinct table made once.
struct JetProductTables: Sendable {
    /// Table `t`'s products giving monomial `r` are `starts[t * (count + 1) + r]..<starts[t *
    /// (count + 1) + r + 1]`, indices into `left` and `right`.
    let left: [Int32]
    let right: [Int32]
    let starts: [Int32]
    /// Each step's first table: a product step's `k`-th varying factor after the first is
    /// multiplied by table `first[step] + k - 1`, a power or function step's increments by
    /// table `first[step]`.
    let first: [Int]
    /// The table of every product, for multiplications between intermediate jets.
    static let allProducts = 0

    /// The tables of `tape`'s steps, seeded with the tape variables `seeds`; `varies` says
    /// which steps depend on one.
    init(_ tape: Tape, seeds: [Int], layout: JetLayout, varies: [Bool]) {
        var tables = [layout.products]
        var first: [Int] = []
        var made: [[Set<Int>]: JetLayout.Products] = [:]
        /// The jet variables (indices into `seeds`) each step depends on.
        var supports: [Set<Int>] = []
        func append(increments: Bool, _ left: Set<Int>, _ right: Set<Int>) {
            let key = [left, right, increments ? [-1] : []]
            let table = made[key] ?? layout.products(increments ? layout.increments : layout.products, left: left, right: right)
            made[key] = table
            tables.append(table)
        }
        for step in tape.steps {
            first.append(tables.count)
            if case .variable(let k) = step {
                supports.append(seeds.firstIndex(of: k).map { [$0] } ?? [])
                continue
            }
            let operands = tape.operands(of: step)
            let support = operands.reduce(into: Set<Int>()) { $0.formUnion(supports[$1]) }
            supports.append(support)
            switch step {
            case .sum, .number, .constant, .variable: break
            case .product:
                var running: Set<Int>?
                for f in operands where varies[f] {
                    if let r = running { append(increments: false, r, supports[f]) }
                    running = (running ?? []).union(supports[f])
                }
            case .integerPower, .constantPower, .power, .apply:
                append(increments: true, support, support)
            }
        }
        var (left, right, starts): ([Int32], [Int32], [Int32]) = ([], [], [])
        for table in tables {
            starts += table.starts.map { $0 + Int32(left.count) }
            left += table.left
            right += table.right
        }
        (self.left, self.right, self.starts, self.first) = (left, right, starts, first)
    }

    /// The tables as pointers, valid in `body`.
    func withPointers<Result>(count: Int, _ body: (Pointers) -> Result) -> Result {
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                starts.withUnsafeBufferPointer { starts in
                    body(Pointers(left: left.baseAddress!, right: right.baseAddress!, starts: starts.baseAddress!, stride: count + 1))
                }
            }
        }
    }

    /// The tables during a sweep.
    struct Pointers {
        let left: UnsafePointer<Int32>
        let right: UnsafePointer<Int32>
        let starts: UnsafePointer<Int32>
        let stride: Int

        /// Where table `table`'s run of each result starts, then its end.
        func runs(_ table: Int) -> UnsafePointer<Int32> { starts + table * stride }
    }
}
