// `--plot FILE.svg`: the values on a grid drawn by hand as SVG, one panel per value.
import Foundation
import SymDiff
import SymDiffVerify

/// One value to draw: its name (`d/dx`), expression, and per grid point its value and status.
struct PlotSeries {
    var name: String
    var expression: String
    var values: [Double]
    var status: [PointStatus]
}

/// The SVG text of a plot, built from parts with their coordinates in pixels.
///
/// Every panel is a `<g class="panel">` whose `data-` attributes give its data ranges and its
/// rectangle in pixels, so a reader (the tests) can map the drawn coordinates back to values.
struct SVGPlot {
    static let width = 760.0
    static let margin = (left: 78.0, right: 24.0, top: 46.0, bottom: 46.0)
    var body = ""
    var height = 0.0

    /// The SVG document.
    var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(height))" viewBox="0 0 \(Int(Self.width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        \(body)</svg>

        """
    }

    mutating func add(_ element: String) { body += element + "\n" }

    /// `text` with `&`, `<`, `>` and `"` escaped for XML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate in pixels, to 0.01.
    static func pixel(_ x: Double) -> String { String(format: "%.2f", x) }

    /// Round tick values covering `[low, high]`: about `count` of them at 1, 2 or 5 times a power of ten.
    static func ticks(_ low: Double, _ high: Double, count: Int = 6) -> [Double] {
        guard high > low, (high - low).isFinite else { return [low] }
        let raw = (high - low) / Double(count)
        let power = Foundation.pow(10, (Foundation.log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var ticks: [Double] = []
        var t = (low / step).rounded(.up) * step
        while t <= high + step * 1e-9 {
            ticks.append(Swift.abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return ticks
    }

    /// A tick label: at most 4 significant digits.
    static func label(_ x: Double) -> String { String(format: "%.4g", x) }

    /// The range of `values` to draw: all finite ones, or where a few are far out (near a
    /// pole) the 2nd to 98th percentile, widened by 5% each side; never empty.
    static func range(_ values: [Double]) -> (Double, Double) {
        let finite = values.filter(\.isFinite).sorted()
        guard let first = finite.first, let last = finite.last else { return (-1, 1) }
        var (low, high) = (first, last)
        if finite.count >= 20 {
            let (q02, q98) = (finite[finite.count / 50], finite[finite.count - 1 - finite.count / 50])
            if high - low > 20 * (q98 - q02) && q98 > q02 { (low, high) = (q02, q98) }
        }
        if high == low { (low, high) = (low - Swift.max(1, Swift.abs(low)) / 2, high + Swift.max(1, Swift.abs(high)) / 2) }
        let pad = (high - low) * 0.05
        return (low - pad, high + pad)
    }

    /// The color of `t` in [0, 1] on a perceptually ordered scale (viridis' anchors).
    static func color(_ t: Double) -> String {
        let anchors: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let x = Swift.min(Swift.max(t.isFinite ? t : 0, 0), 1) * Double(anchors.count - 1)
        let i = Swift.min(Int(x), anchors.count - 2)
        let f = x - Double(i)
        let (a, b) = (anchors[i], anchors[i + 1])
        return String(format: "#%02x%02x%02x", Int(a.0 + (b.0 - a.0) * f), Int(a.1 + (b.1 - a.1) * f), Int(a.2 + (b.2 - a.2) * f))
    }
}

extension PointStatus {
    /// How a point of this status is drawn, and what the legend calls it; `nil` for `ok`.
    var plotMark: (legend: String, color: String)? {
        switch self {
        case .ok: nil
        case .nondifferentiable: ("kink (nondifferentiable: PyTorch's value drawn)", "#e66100")
        case .undefined: ("undefined (outside the domain)", "#777777")
        case .pole: ("pole", "#d7191c")
        case .removable: ("removable (the limit drawn)", "#1a85ff")
        case .cancellation: ("cancellation (digits lost)", "#9d4edd")
        case .overflow: ("overflow", "#9d4edd")
        case .unverified: ("unverified", "#aaaaaa")
        }
    }
}
