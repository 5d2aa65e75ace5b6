// The panels of a plot: lines over one variable, heat maps over two.
import Foundation
import SymDiff
import SymDiffVerify

extension SVGPlot {
    static let lineHeight = 230.0
    static let legendHeight = 22.0

    /// One panel per series over `x`: the curve (broken where a value is not finite, undefined
    /// or at a pole), a marker at every point whose status is not `ok`, a dotted line at each
    /// of `switches` (kinks and jumps between grid points), axes with ticks and labels, and
    /// above all panels a legend of the markers drawn.
    static func lines(x: [Double], variable: String, series: [PlotSeries], switches: [Double] = []) -> SVGPlot {
        var plot = SVGPlot()
        let statuses = Set(series.flatMap(\.status)).filter { $0 != .ok }.sorted()
        plot.legend(statuses, switches: !switches.isEmpty, top: 8)
        let (x0, x1) = (x.min() ?? 0, x.max() ?? 1)
        for (k, s) in series.enumerated() {
            let top = legendHeight + margin.top + Double(k) * lineHeight
            let (left, width, height) = (margin.left, Self.width - margin.left - margin.right, lineHeight - margin.top - margin.bottom + 10)
            let drawable = zip(s.values, s.status).map { $1 == .undefined || $1 == .pole ? .nan : $0 }
            let (y0, y1) = range(drawable)
            func px(_ v: Double) -> Double { left + (v - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * width }
            func py(_ v: Double) -> Double { top + height - (v - y0) / (y1 - y0) * height }
            plot.add(
                "<g class=\"panel\" data-name=\"\(escaped(s.name))\" data-x0=\"\(x0)\" data-x1=\"\(x1)\" data-y0=\"\(y0)\" data-y1=\"\(y1)\" "
                    + "data-left=\"\(left)\" data-top=\"\(top)\" data-width=\"\(width)\" data-height=\"\(height)\">")
            plot.add("<clipPath id=\"clip\(k)\"><rect x=\"\(pixel(left))\" y=\"\(pixel(top))\" width=\"\(pixel(width))\" height=\"\(pixel(height))\"/></clipPath>")
            plot.axes(left: left, top: top, width: width, height: height, x: (x0, x1), y: (y0, y1), xLabel: variable)
            plot.add("<text x=\"\(pixel(left))\" y=\"\(pixel(top - 8))\" font-size=\"13\">\(escaped(s.name == "f" ? "f = " + s.expression : s.name + " = " + s.expression))</text>")
            for t in switches {
                plot.add(
                    "<line class=\"switch\" data-x=\"\(t)\" x1=\"\(pixel(px(t)))\" y1=\"\(pixel(top))\" x2=\"\(pixel(px(t)))\" y2=\"\(pixel(top + height))\" "
                        + "stroke=\"#e66100\" stroke-dasharray=\"1 3\" stroke-width=\"1.5\"><title>switch at \(escaped(variable)) = \(t)</title></line>")
            }
            // The curve, one polyline per run of drawable points.
            var runs: [[String]] = [[]]
            for (i, v) in drawable.enumerated() {
                if v.isFinite { runs[runs.count - 1].append(pixel(px(x[i])) + "," + pixel(py(v))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                plot.add("<polyline class=\"curve\" clip-path=\"url(#clip\(k))\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.8\" points=\"\(run.joined(separator: " "))\"/>")
            }
            for (i, status) in s.status.enumerated() {
                guard let mark = status.plotMark else { continue }
                let title = "<title>\(escaped(variable)) = \(label(x[i])): \(status.rawValue)</title>"
                switch status {
                case .pole:
                    plot.add("<line class=\"mark pole\" x1=\"\(pixel(px(x[i])))\" y1=\"\(pixel(top))\" x2=\"\(pixel(px(x[i])))\" y2=\"\(pixel(top + height))\" stroke=\"\(mark.color)\" stroke-dasharray=\"4 3\">\(title)</line>")
                case .undefined:
                    plot.add("<circle class=\"mark undefined\" cx=\"\(pixel(px(x[i])))\" cy=\"\(pixel(top + height - 4))\" r=\"2.5\" fill=\"\(mark.color)\">\(title)</circle>")
                default:
                    guard s.values[i].isFinite else { continue }
                    let fill = status == .removable ? "white" : mark.color
                    plot.add("<circle class=\"mark \(status.rawValue)\" cx=\"\(pixel(px(x[i])))\" cy=\"\(pixel(py(s.values[i])))\" r=\"4\" fill=\"\(fill)\" stroke=\"\(mark.color)\" stroke-width=\"1.5\" clip-path=\"url(#clip\(k))\">\(title)</circle>")
                }
            }
            plot.add("</g>")
        }
        plot.height = legendHeight + margin.top + Double(series.count) * lineHeight
        return plot
    }

    static let mapSize = 300.0

    /// One heat map per series over the grid `x` by `y` (row-major: `x` outer): a cell per
    /// point colored by value, gray where the status is not `ok` or the value not finite, a
    /// color bar with ticks, and axes with ticks and labels; two panels to a row.
    static func heatMaps(x: [Double], y: [Double], variables: (String, String), series: [PlotSeries]) -> SVGPlot {
        var plot = SVGPlot()
        plot.add("<text x=\"\(pixel(margin.left))\" y=\"18\" fill=\"#555555\">gray cells: not ok (kink, undefined, pole, ...) or not finite</text>")
        let (x0, x1, y0, y1) = (x.first ?? 0, x.last ?? 1, y.first ?? 0, y.last ?? 1)
        let (cellWidth, cellHeight) = (mapSize / Double(max(x.count, 1)), mapSize / Double(max(y.count, 1)))
        for (k, s) in series.enumerated() {
            let left = margin.left + Double(k % 2) * (Self.width / 2)
            let top = legendHeight + margin.top + Double(k / 2) * (mapSize + margin.top + margin.bottom)
            let okValues = zip(s.values, s.status).filter { $1 == .ok }.map(\.0)
            let (v0, v1) = range(okValues)
            plot.add(
                "<g class=\"panel heatmap\" data-name=\"\(escaped(s.name))\" data-x0=\"\(x0)\" data-x1=\"\(x1)\" data-y0=\"\(y0)\" data-y1=\"\(y1)\" "
                    + "data-v0=\"\(v0)\" data-v1=\"\(v1)\" data-left=\"\(left)\" data-top=\"\(top)\" data-width=\"\(mapSize)\" data-height=\"\(mapSize)\">")
            plot.add("<text x=\"\(pixel(left))\" y=\"\(pixel(top - 8))\" font-size=\"13\">\(escaped(s.name == "f" ? "f = " + s.expression : s.name))</text>")
            for i in x.indices {
                for j in y.indices {
                    let n = i * y.count + j
                    let v = s.values[n]
                    let fill = s.status[n] == .ok && v.isFinite ? color((v - v0) / (v1 - v0)) : "#d0d0d0"
                    plot.add(
                        "<rect class=\"cell\" shape-rendering=\"crispEdges\" data-value=\"\(v)\" x=\"\(pixel(left + Double(i) * cellWidth))\" y=\"\(pixel(top + mapSize - Double(j + 1) * cellHeight))\" "
                            + "width=\"\(pixel(cellWidth + 0.3))\" height=\"\(pixel(cellHeight + 0.3))\" fill=\"\(fill)\"/>")
                }
            }
            plot.axes(left: left, top: top, width: mapSize, height: mapSize, x: (x0, x1), y: (y0, y1), xLabel: variables.0, yLabel: variables.1, grid: false)
            plot.colorBar(left: left + mapSize + 8, top: top, height: mapSize, range: (v0, v1))
            plot.add("</g>")
        }
        plot.height = legendHeight + margin.top + Double((series.count + 1) / 2) * (mapSize + margin.top + margin.bottom)
        return plot
    }

    /// The frame, tick marks and labels of a panel, with light grid lines unless `grid` is false.
    mutating func axes(
        left: Double, top: Double, width: Double, height: Double, x: (Double, Double), y: (Double, Double), xLabel: String,
        yLabel: String? = nil, grid: Bool = true
    ) {
        for t in Self.ticks(x.0, x.1) {
            let p = left + (t - x.0) / (x.1 - x.0 == 0 ? 1 : x.1 - x.0) * width
            if grid { add("<line x1=\"\(Self.pixel(p))\" y1=\"\(Self.pixel(top))\" x2=\"\(Self.pixel(p))\" y2=\"\(Self.pixel(top + height))\" stroke=\"#eeeeee\"/>") }
            add("<line x1=\"\(Self.pixel(p))\" y1=\"\(Self.pixel(top + height))\" x2=\"\(Self.pixel(p))\" y2=\"\(Self.pixel(top + height + 5))\" stroke=\"black\"/>")
            add("<text x=\"\(Self.pixel(p))\" y=\"\(Self.pixel(top + height + 18))\" text-anchor=\"middle\">\(Self.label(t))</text>")
        }
        for t in Self.ticks(y.0, y.1, count: 4) {
            let p = top + height - (t - y.0) / (y.1 - y.0 == 0 ? 1 : y.1 - y.0) * height
            if grid { add("<line x1=\"\(Self.pixel(left))\" y1=\"\(Self.pixel(p))\" x2=\"\(Self.pixel(left + width))\" y2=\"\(Self.pixel(p))\" stroke=\"#eeeeee\"/>") }
            add("<line x1=\"\(Self.pixel(left - 5))\" y1=\"\(Self.pixel(p))\" x2=\"\(Self.pixel(left))\" y2=\"\(Self.pixel(p))\" stroke=\"black\"/>")
            add("<text x=\"\(Self.pixel(left - 8))\" y=\"\(Self.pixel(p + 4))\" text-anchor=\"end\">\(Self.label(t))</text>")
        }
        add("<rect x=\"\(Self.pixel(left))\" y=\"\(Self.pixel(top))\" width=\"\(Self.pixel(width))\" height=\"\(Self.pixel(height))\" fill=\"none\" stroke=\"black\"/>")
        add("<text x=\"\(Self.pixel(left + width / 2))\" y=\"\(Self.pixel(top + height + 34))\" text-anchor=\"middle\" font-style=\"italic\">\(Self.escaped(xLabel))</text>")
        if let yLabel {
            add("<text x=\"\(Self.pixel(left - 52))\" y=\"\(Self.pixel(top + height / 2))\" text-anchor=\"middle\" font-style=\"italic\" transform=\"rotate(-90 \(Self.pixel(left - 52)) \(Self.pixel(top + height / 2)))\">\(Self.escaped(yLabel))</text>")
        }
    }

    /// A vertical color bar for values in `range`, with ticks.
    mutating func colorBar(left: Double, top: Double, height: Double, range: (Double, Double)) {
        let steps = 40
        for k in 0..<steps {
            let y = top + height - Double(k + 1) * height / Double(steps)
            add("<rect x=\"\(Self.pixel(left))\" y=\"\(Self.pixel(y))\" width=\"12\" height=\"\(Self.pixel(height / Double(steps) + 0.3))\" fill=\"\(Self.color((Double(k) + 0.5) / Double(steps)))\"/>")
        }
        add("<rect x=\"\(Self.pixel(left))\" y=\"\(Self.pixel(top))\" width=\"12\" height=\"\(Self.pixel(height))\" fill=\"none\" stroke=\"black\"/>")
        for t in Self.ticks(range.0, range.1, count: 4) {
            let p = top + height - (t - range.0) / (range.1 - range.0) * height
            add("<text x=\"\(Self.pixel(left + 16))\" y=\"\(Self.pixel(p + 4))\" font-size=\"10\">\(Self.label(t))</text>")
        }
    }

    /// One line naming the curve, the switch lines when drawn, and each kind of marker drawn.
    mutating func legend(_ statuses: [PointStatus], switches: Bool, top: Double) {
        var x = Self.margin.left
        add("<line x1=\"\(Self.pixel(x))\" y1=\"\(Self.pixel(top + 6))\" x2=\"\(Self.pixel(x + 18))\" y2=\"\(Self.pixel(top + 6))\" stroke=\"#1f4e79\" stroke-width=\"1.8\"/>")
        add("<text x=\"\(Self.pixel(x + 22))\" y=\"\(Self.pixel(top + 10))\">value</text>")
        x += 70
        if switches {
            add("<line x1=\"\(Self.pixel(x + 5))\" y1=\"\(Self.pixel(top))\" x2=\"\(Self.pixel(x + 5))\" y2=\"\(Self.pixel(top + 12))\" stroke=\"#e66100\" stroke-dasharray=\"1 3\" stroke-width=\"1.5\"/>")
            add("<text x=\"\(Self.pixel(x + 14))\" y=\"\(Self.pixel(top + 10))\">a non-smooth function switches (between grid points)</text>")
            x += 330
        }
        for status in statuses {
            guard let mark = status.plotMark else { continue }
            add("<circle cx=\"\(Self.pixel(x + 5))\" cy=\"\(Self.pixel(top + 6))\" r=\"4\" fill=\"\(status == .removable ? "white" : mark.color)\" stroke=\"\(mark.color)\"/>")
            add("<text x=\"\(Self.pixel(x + 14))\" y=\"\(Self.pixel(top + 10))\">\(Self.escaped(mark.legend))</text>")
            x += 20 + Double(mark.legend.count) * 6.2
        }
    }
}
