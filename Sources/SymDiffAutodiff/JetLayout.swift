// Truncated multivariate Taylor polynomials ("jets"): their monomials and the table of their products.

/// The monomials of a polynomial in `variableCount` variables truncated at total degree
/// `order`, and every product of two of them that stays within that degree.
///
/// Monomials are graded: degree 0 first, then each degree in lexicographic order of exponents.
/// A jet's coefficient of `x^α` is `∂^α f / α!`, so one jet holds every partial up to `order`.
public struct JetLayout: Sendable {
    /// The largest number of monomials a layout may have: the product table grows with its square.
    public static let maxMonomials = 2_000

    /// Why a layout cannot be built: it would have `monomials` monomials (`nil`: beyond `Int`).
    public struct TooLarge: Error, Sendable, Equatable {
        public var monomials: Int?
    }

    public let variableCount: Int
    public let order: Int
    /// The exponents of each monomial.
    public let exponents: [[Int]]
    /// The total degree of each monomial.
    let degrees: [Int]
    /// `α!` for each monomial: a coefficient times this is the partial.
    let factorials: [Wide]
    /// The monomial `x_j` of each variable `j`.
    let linear: [Int]
    /// The products `left * right` of monomials with degrees summing to at most `order`,
    /// ordered by their result: those giving monomial `r` are `productStarts[r]..<productStarts[r + 1]`.
    let productLeft: [Int32]
    let productRight: [Int32]
    let productStarts: [Int32]
    /// The same for the products whose right factor is not the constant monomial: what
    /// multiplying by an increment `u - u0` takes.
    let incrementLeft: [Int32]
    let incrementRight: [Int32]
    let incrementStarts: [Int32]

    /// The layout for `variableCount` variables up to total degree `order`.
    public init(variableCount: Int, order: Int) throws(TooLarge) {
        let count = Self.monomialCount(variableCount, order)
        guard let count, count <= Self.maxMonomials else { throw TooLarge(monomials: count) }
        self.variableCount = variableCount
        self.order = order
        var exponents: [[Int]] = [Array(repeating: 0, count: variableCount)]
        for degree in 1...max(1, order) where degree <= order {
            exponents += Self.exponents(variableCount, degree)
        }
        self.exponents = exponents
        degrees = exponents.map { $0.reduce(0, +) }
        factorials = exponents.map { e in e.reduce(Wide(1)) { product, k in (1...max(1, k)).reduce(product) { $0 * Wide($1) } } }
        let index = Dictionary(uniqueKeysWithValues: exponents.enumerated().map { ($1, $0) })
        linear = (0..<variableCount).map { j in index[(0..<variableCount).map { $0 == j ? 1 : 0 }] ?? 0 }
        var products: [(Int32, Int32, Int32)] = []
        for (i, a) in exponents.enumerated() {
            for (j, b) in exponents.enumerated() where degrees[i] + degrees[j] <= order {
                products.append((Int32(i), Int32(j), Int32(index[zip(a, b).map(+)]!)))
            }
        }
        products.sort { ($0.2, $0.0) < ($1.2, $1.0) }
        productLeft = products.map(\.0)
        productRight = products.map(\.1)
        productStarts = Self.starts(of: products.map(\.2), count: exponents.count)
        let increments = products.filter { $0.1 != 0 }
        incrementLeft = increments.map(\.0)
        incrementRight = increments.map(\.1)
        incrementStarts = Self.starts(of: increments.map(\.2), count: exponents.count)
    }

    /// The number of monomials.
    public var count: Int { exponents.count }

    /// The monomial of the partial along `directions` (a multiset of variable indices).
    public func monomial(_ directions: [Int]) -> Int {
        var exponent = Array(repeating: 0, count: variableCount)
        for j in directions { exponent[j] += 1 }
        return exponents.firstIndex(of: exponent)!
    }

    /// Where each of `count` results' run starts in `results` (sorted), then its end.
    private static func starts(of results: [Int32], count: Int) -> [Int32] {
        (0...count).map { r in Int32(results.firstIndex { $0 >= r } ?? results.count) }
    }

    /// `C(variables + order, order)`, or `nil` past `Int`.
    static func monomialCount(_ variables: Int, _ order: Int) -> Int? {
        var count = 1
        for k in 0..<order {
            let (product, overflow) = count.multipliedReportingOverflow(by: variables + k + 1)
            if overflow { return nil }
            count = product / (k + 1)
        }
        return count
    }

    /// Every exponent vector of `variables` entries with total `degree`, lexicographically descending.
    private static func exponents(_ variables: Int, _ degree: Int) -> [[Int]] {
        guard variables > 0 else { return [] }
        if variables == 1 { return [[degree]] }
        return (0...degree).reversed().flatMap { first in exponents(variables - 1, degree - first).map { [first] + $0 } }
    }
}
