// Exact rational arithmetic with its binary64 fallback.
import Testing
@testable import SymDiff

@Suite struct NumberTests {
    @Test(arguments: [
        (Number(numerator: 2, denominator: 4)!, Number.rational(1, 2)),
        (Number(numerator: 3, denominator: -6)!, Number.rational(-1, 2)),
        (Number(2.0)!, Number.rational(2, 1)),
        // A double whose shortest spelling is a short decimal is that decimal.
        (Number(0.5)!, Number.rational(1, 2)),
        (Number(0.1)!, Number.rational(1, 10)),
        (Number(0.30000000000000004)!, Number(numerator: 30_000_000_000_000_004, denominator: 100_000_000_000_000_000)!),
        (Number(1.6e-19)!, Number.real(1.6e-19)),
        (Number.rational(1, 3) + Number.rational(1, 6), Number.rational(1, 2)),
        (Number.rational(2, 3) * Number.rational(3, 2), Number.one),
        (Number.rational(-2, 3).raised(to: Number(3))!, Number.rational(-8, 27)),
        (Number.rational(2, 3).raised(to: Number(-2))!, Number.rational(9, 4)),
        (Number(Int64.max) + Number.one, Number.real(9.223372036854775808e18)),
    ])
    func arithmetic(_ computed: Number, _ expected: Number) {
        #expect(computed == expected)
    }

    @Test func divisionByZeroIsNotANumber() {
        #expect(Number(numerator: 1, denominator: 0) == nil)
        #expect(Number.zero.raised(to: Number.minusOne) == nil)
        #expect(Number(Double.infinity) == nil)
    }

    /// Overflowing constant arithmetic gives the IEEE infinity, not a saturated finite value.
    @Test func overflowIsInfinite() {
        #expect(Number.real(1e308) * Number(2) == .real(.infinity))
        #expect(Number.real(-1e308) + Number.real(-1e308) == .real(-.infinity))
    }

    @Test(arguments: [(Number.rational(-1, 3), "-1/3"), (Number.real(0.1), "0.1"), (Number.real(1e300), "1e+300"),
                      (Number.real(.infinity), "1e308*10"), (Number.real(-.infinity), "-1e308*10"),
                      (Number.real(.nan), "(1e308*10 - 1e308*10)")])
    func spelling(_ number: Number, _ text: String) {
        #expect(number.description == text)
    }
}
