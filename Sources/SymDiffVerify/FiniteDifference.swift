// The coarse third opinion: central finite differences with Richardson extrapolation.
import SymDiffAutodiff

/// Central finite differences in `Wide`, each one Richardson-extrapolated from steps `h` and
/// `h/2`: `(4 D(h/2) - D(h)) / 3`, error `O(h^4)`, with `h = 2^-12 max(1, |x|)`.
///
/// Partials of order 1 and 2 difference the function itself (nested for order 2), so they
/// owe nothing to either derivative path. Higher orders difference the autodiff partial of
/// one order less along the last variable. Only ever shown, never used as the truth.
struct FiniteDifference {
    /// The function's value at a point.
    let function: ([Wide]) -> Wide
    /// The autodiff partial along some directions at a point.
    let partial: ([Wide], [Int]) -> Wide

    /// The estimate of the partial along `directions` (tape variable indices) at `point`.
    func estimate(_ directions: [Int], at point: [Wide]) -> Wide {
        switch directions.count {
        case 0: return function(point)
        case 1, 2: return nested(directions, point, function)
        default:
            let rest = Array(directions.dropLast())
            return nested([directions.last!], point) { partial($0, rest) }
        }
    }

    /// The partial along `directions` of `g` by nested extrapolated central differences.
    private func nested(_ directions: [Int], _ point: [Wide], _ g: @escaping ([Wide]) -> Wide) -> Wide {
        guard let k = directions.last else { return g(point) }
        let inner = Array(directions.dropLast())
        let h = 0x1p-12 * Swift.max(1, Swift.abs(point[k]))
        func central(_ h: Wide) -> Wide {
            var plus = point
            var minus = point
            plus[k] += h
            minus[k] -= h
            return (nested(inner, plus, g) - nested(inner, minus, g)) / (2 * h)
        }
        return (4 * central(h / 2) - central(h)) / 3
    }
}
