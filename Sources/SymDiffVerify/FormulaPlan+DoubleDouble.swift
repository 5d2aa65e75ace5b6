// The widest tier of adaptive precision: the symbolic value and autodiff in double-double.
import SymDiff
import SymDiffAutodiff

extension FormulaPlan {
    /// The output for column `j` (partial along `wrt`) computed in double-double, where
    /// extended precision was not enough (`sin(x)/x`'s derivative at 1e-6 cancels 19 digits),
    /// or `nil` when that is not within `refinedRelativeBound` either. `values` are the
    /// symbolic roots in double-double at `point`.
    ///
    /// The bound scales the binary64 bound `symbolicBound` by `2^-42`: double-double's
    /// operations round at `2^-106` and its library functions are within `2^-95` (tested
    /// against mpmath), `2^-42` of binary64's allowance of one ulp each. The value is checked
    /// against autodiff in double-double (nested duals, or Taylor series for pure partials
    /// above order 4) within `2^-42 (B_s + B_a) + 2 B_n + 4 ulp`; `autodiffBound()` gives `B_a`
    /// when needed.
    func doubleDoubleRefinement(
        _ j: Int, _ wrt: [Int], values: [DoubleDouble], point: [Double], symbolicBound: Wide, numbers: Wide,
        autodiffBound: () -> Wide?
    ) -> (value: Double, bound: Double, agrees: Bool)? {
        let symbolicValue = values[j]
        let value = symbolicValue.doubleValue
        let bound = Self.refinedBound(symbolicBound * 0x1p-42 + numbers, value)
        guard value.isFinite && Swift.abs(value) >= Double.leastNormalMagnitude
            && bound <= Self.refinedRelativeBound * Swift.abs(value),
            let autodiff = doubleDoublePartial(wrt, at: point.map { DoubleDouble($0) })
        else { return nil }
        let difference = Swift.abs((symbolicValue - autodiff).doubleValue)
        func tolerance(_ autodiffBound: Wide) -> Double {
            Double(0x1p-42 * (symbolicBound + autodiffBound) + 2 * numbers) + 4 * value.ulp
        }
        let agrees = difference <= tolerance(0) || autodiffBound().map { difference <= tolerance($0) } ?? false
        return (value, bound, agrees)
    }

    /// The autodiff partial along `directions` (tape variables) at `point` in double-double;
    /// `nil` for mixed partials above order 4.
    private func doubleDoublePartial(_ directions: [Int], at point: [DoubleDouble]) -> DoubleDouble? {
        if directions.contains(-1) { return 0 }
        if directions.count > Verification.maxNestedOrder {
            guard Set(directions).count == 1 else { return nil }
            return Autodiff.derivatives(jets.tape, at: point, along: directions[0], order: directions.count)[0].last!
        }
        return Autodiff.partials(jets.tape, at: point, directions: directions)[0]
    }
}
