// The extended-precision sin and cos kernel against mpmath at 40 digits and against glibc's sincosl.
#if arch(x86_64)
import CVectorMath
import Foundation
import Testing
import SymDiff

/// `Fixtures/extended-sincos.json`: points `hi + lo` (exact in extended precision) and their
/// sine and cosine to 30 digits.
private struct SineCosineFixture: Decodable {
    struct Case: Decodable {
        var hi, lo, sin, cos: String
    }

    var cases: [Case]

    static let loaded = try? loadFixture("extended-sincos", as: SineCosineFixture.self)
}

@Suite struct ExtendedSineCosineTests {
    /// `value`'s distance from the reference in ulps of extended precision at the reference.
    static func ulps(_ value: Float80, _ reference: Float80) -> Float80 {
        reference == 0 ? (value == 0 ? 0 : .infinity) : Swift.abs(value - reference) / reference.ulp
    }

    /// Every fixture point within 1 ulp for both functions: tiny and huge arguments, binary64
    /// numbers nearest to multiples of pi/2, odd multiples of pi/4, bits below binary64's.
    @Test func withinOneUlpOfMpmath() throws {
        let fixture = try #require(SineCosineFixture.loaded)
        #expect(fixture.cases.count > 600)
        for point in fixture.cases {
            let x = Float80(try #require(Double(point.hi))) + Float80(try #require(Double(point.lo)))
            let (sine, cosine) = Float80.sineCosine(x)
            let (trueSine, trueCosine) = (try #require(Float80(point.sin)), try #require(Float80(point.cos)))
            #expect(Self.ulps(sine, trueSine) <= 1, "sin(\(point.hi) + \(point.lo)) = \(sine), true \(trueSine)")
            #expect(Self.ulps(cosine, trueCosine) <= 1, "cos(\(point.hi) + \(point.lo)) = \(cosine), true \(trueCosine)")
            #expect(Float80.sin(x) == sine && Float80.cos(x) == cosine)
        }
    }

    /// Random arguments at every scale up to past the kernel's range: within 2 ulp of glibc's
    /// `sincosl` (each within 1 of the truth); signs of zero, infinities and NaN as glibc's.
    @Test func agreesWithGlibc() {
        var generator = SeededGenerator(seed: 41)
        var worst: Float80 = 0
        for scale: Float80 in [1e-9, 0.8, 3, 100, 1e4, 1e6, 6e7, 1e9] {
            for _ in 0..<5_000 {
                let x = Float80.random(in: -scale...scale, using: &generator)
                var (s, c): (Float80, Float80) = (0, 0)
                symdiff_sincosl(x, &s, &c)
                let (sine, cosine) = Float80.sineCosine(x)
                worst = Swift.max(worst, Self.ulps(sine, s), Self.ulps(cosine, c))
            }
        }
        #expect(worst <= 2)
        for x: Float80 in [0, -0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude] {
            var (s, c): (Float80, Float80) = (0, 0)
            symdiff_sincosl(x, &s, &c)
            let (sine, cosine) = Float80.sineCosine(x)
            #expect((sine == s && sine.sign == s.sign) || (sine.isNaN && s.isNaN), "sin(\(x))")
            #expect((cosine == c && cosine.sign == c.sign) || (cosine.isNaN && c.isNaN), "cos(\(x))")
        }
    }
}
#endif
