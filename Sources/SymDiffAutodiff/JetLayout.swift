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
    /// Every product of two monomials within `order`: what multiplying two jets takes.
    let products: Products
    /// The products whose right factor is not the constant monomial: what multiplying by an
    /// increment `u - u0` takes.
    let increments: Products

    /// Products `left * right` of monomials, grouped by their result: those giving monomial
    /// `r` are `starts[r]..<starts[r + 1]`.
    struct Products: Sendable {
        let left: [Int32]
        let right: [Int32]
        let starts: [Int32]

        /// The products `(left, right, result)`, sorted by result, of `count` monomials.
        init(_ products: [(Int32, Int32, Int32)], count: Int) {
            left = products.map(\.0)
            right = products.map(\.1)
            var starts = [Int32](repeating: Int32(products.count), count: count + 1)
            for (p, product) in products.enumerated().reversed() { starts[Int(product.2)] = Int32(p) }
            // A result with no products starts where the next one does.
            for r in stride(from: count - 1, through: 0, by: -1) where starts[r] > starts[r + 1] { starts[r] = starts[r + 1] }
            self.starts = starts
        }
    }

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
        products = Self.products(exponents, degrees, order: order, index: index) { _, _ in true }
        increments = Self.products(exponents, degrees, order: order, index: index) { _, j in j != 0 }
    }

    /// The products of monomials `i * j` within `order` for which `included(i, j)`, by result.
    private static func products(
        _ exponents: [[Int]], _ degrees: [Int], order: Int, index: [[Int]: Int], included: (Int, Int) -> Bool
    ) -> Products {
        var products: [(Int32, Int32, Int32)] = []
        for (i, a) in exponents.enumerated() {
            for (j, b) in exponents.enumerated() where degrees[i] + degrees[j] <= order && included(i, j) {
                products.append((Int32(i), Int32(j), Int32(index[zip(a, b).map(+)]!)))
            }
        }
        products.sort { ($0.2, $0.0) < ($1.2, $1.0) }
        return Products(products, count: exponents.count)
    }

    /// The products of `products` whose left factor is a monomial in the variables `left` only
    /// and right factor one in `right` only: all that can be nonzero between jets that depend on
    /// those variables alone.
    func products(_ products: Products, left: Set<Int>, right: Set<Int>) -> Products {
        func within(_ monomial: Int32, _ variables: Set<Int>) -> Bool {
            exponents[Int(monomial)].indices.allSatisfy { exponents[Int(monomial)][$0] == 0 || variables.contains($0) }
        }
        var kept: [(Int32, Int32, Int32)] = []
        for r in 0..<count {
            for p in Int(products.starts[r])..<Int(products.starts[r + 1])
            where within(products.left[p], left) && within(products.right[p], right) {
                kept.append((products.left[p], products.right[p], Int32(r)))
            }
        }
        return Products(kept, count: count)
    }

    /// The number of monomials.
    public var count: Int { exponents.count }

    /// The monomial of the partial along `directions` (a multiset of variable indices).
    public func monomial(_ directions: [Int]) -> Int {
        var exponent = Array(repeating: 0, count: variableCount)
        for j in directions { exponent[j] += 1 }
        return exponents.firstIndex(of: exponent)!
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
