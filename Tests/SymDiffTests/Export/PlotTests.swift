// `--plot`: well-formed SVG whose drawn points are symdiff's values, marks where the statuses
// say, the README's pictures as the tool draws them, and (with Chromium) their pixels.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SymDiffCommand

/// The elements of an SVG document with their attributes, in document order.
final class SVGElements: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []

    /// The elements of `data`; `nil` when it is not well-formed XML.
    static func parse(_ data: Data) -> [(name: String, attributes: [String: String])]? {
        let parser = XMLParser(data: data)
        let collector = SVGElements()
        parser.delegate = collector
        return parser.parse() ? collector.elements : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
    }
}

@Suite struct PlotTests {
    /// The SVG `arguments` plot, parsed.
    static func plot(_ arguments: [String]) throws -> (text: String, elements: [(name: String, attributes: [String: String])]) {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let result = runSymDiff(arguments + ["--plot", directory.file("plot.svg")])
        try #require(result.status == 0, "\(result.stderr)")
        let data = Data(directory.bytes("plot.svg"))
        let elements = try #require(SVGElements.parse(data), "not well-formed")
        return (String(decoding: data, as: UTF8.self), elements)
    }

    /// Over one variable: each panel's curve, mapped back through its axes, is symdiff's verified values
    /// (to the 0.01 pixel the coordinates are written with); the kinks of the nested ReLU lie
    /// between grid points and are found (at -1/3 and -1/6) and drawn.
    @Test func linesAreTheValues() throws {
        let request = ["relu(2*relu(3*x+1)-1) + sin(3*x)", "--order", "0:2", "--grid", "x=-1:1:101"]
        let (_, elements) = try Self.plot(request)
        let values = runSymDiff(request + ["--verify", "--format", "csv"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
        var panel: [String: String] = [:]
        var checked = 0
        var column = 0
        for element in elements {
            if element.attributes["class"]?.hasPrefix("panel") == true {
                panel = element.attributes
                column += 1
            }
            guard element.name == "polyline", let points = element.attributes["points"] else { continue }
            let number = { (key: String) in Double(panel[key]!)! }
            for pair in points.split(separator: " ") {
                let xy = pair.split(separator: ",").map { Double($0)! }
                let x = number("data-x0") + (xy[0] - number("data-left")) / number("data-width") * (number("data-x1") - number("data-x0"))
                let y = number("data-y0") + (number("data-top") + number("data-height") - xy[1]) / number("data-height") * (number("data-y1") - number("data-y0"))
                let row = try #require(values.min { Swift.abs($0[0] - x) < Swift.abs($1[0] - x) })
                let pixel = (number("data-y1") - number("data-y0")) / number("data-height") * 0.01
                #expect(Swift.abs(row[column] - y) <= pixel, "\(panel["data-name"]!) at x = \(x): drawn \(y), value \(row[column])")
                checked += 1
            }
        }
        #expect(column == 3 && checked == 3 * 101)
        let switches = elements.compactMap { $0.attributes["class"] == "switch" ? Double($0.attributes["data-x"]!) : nil }
        #expect(Set(switches).count == 2)
        #expect(switches.contains { Swift.abs($0 + 1.0 / 3) < 1e-15 } && switches.contains { Swift.abs($0 + 1.0 / 6) < 1e-15 })
    }

    /// Statuses are marked: `log` below 0 undefined, `1/x` at 0 a pole, `abs` at 0 a kink; the
    /// legend names each kind drawn.
    @Test func statusesAreMarked() throws {
        let (text, elements) = try Self.plot(["1/x + log(x) + abs(x - 0.5)", "--order", "0:1", "--grid", "x=-1:1:201"])
        let marks = elements.compactMap { $0.attributes["class"] }.filter { $0.hasPrefix("mark") }
        #expect(marks.filter { $0 == "mark undefined" }.count == 2 * 100)
        #expect(marks.filter { $0 == "mark pole" }.count == 2)
        #expect(marks.filter { $0 == "mark nondifferentiable" }.count == 1)
        for legend in ["undefined (outside the domain)", "pole", "kink (nondifferentiable: PyTorch's value drawn)"] {
            #expect(text.contains(">\(legend)</text>"), "\(legend)")
        }
    }

    /// Over two variables: one cell per grid point holding its value (the verified one, as
    /// `--verify` writes it), gray where not ok.
    @Test func heatMapCellsAreTheValues() throws {
        let request = ["x*exp(-y^2)", "--wrt", "x,y", "--order", "0:1", "--grid", "x=-1:1:11,y=-2:2:9"]
        let (_, elements) = try Self.plot(request)
        let values = runSymDiff(request + ["--verify", "--format", "csv"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
        let cells = elements.filter { $0.attributes["class"] == "cell" }
        #expect(cells.count == 3 * 99)
        for (k, cell) in cells.enumerated() {
            #expect(Double(cell.attributes["data-value"]!) == values[k % 99][2 + k / 99])
        }
        #expect(elements.filter { $0.attributes["class"] == "panel heatmap" }.count == 3)
    }

    /// The pictures in the README are what the tool draws now.
    @Test(arguments: [
        ("relu.svg", ["relu(2*relu(3*x+1)-1)", "--order", "0:2", "--grid", "x=-1:1:401"]),
        ("gaussian-laplacian.svg", ["laplacian(exp(-(x^2+y^2)/2), x, y)", "--wrt", "x,y", "--order", "0", "--grid", "x=-3:3:61,y=-3:3:61"]),
    ])
    func readmePicturesAreCurrent(_ name: String, _ arguments: [String]) throws {
        let (text, _) = try Self.plot(arguments)
        let committed = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
        #expect(text == committed, "Examples/plots/\(name) is stale: regenerate it with symdiff \(arguments.joined(separator: " ")) --plot \(name)")
    }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/plots")

    /// Headless Chromium draws the README's plot like the committed screenshot: at most 1% of
    /// pixels differ by more than 64 in a channel (fonts and antialiasing vary a little).
    /// Skipped, saying so, where no Chromium is installed.
    @Test func chromiumDrawsTheReferencePicture() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let browser = try SymDiffBinary.shell("command -v chromium || command -v chromium-browser", in: URL(fileURLWithPath: directory.path))
        guard browser.status == 0 else {
            print("PlotTests: Chromium not installed, the screenshot comparison skipped")
            return
        }
        let svg = Self.examples.appendingPathComponent("relu.svg").path
        let shot = try SymDiffBinary.shell(
            "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=760,760 --screenshot=shot.png file://\(svg) 2>/dev/null",
            in: URL(fileURLWithPath: directory.path))
        try #require(shot.status == 0)
        let image = try PNGImage(directory.bytes("shot.png"))
        let reference = try PNGImage(Array(try Data(contentsOf: Bundle.module.url(forResource: "relu", withExtension: "png", subdirectory: "Fixtures/plots")!)))
        try #require(image.width == reference.width && image.height == reference.height)
        let differing = stride(from: 0, to: image.rgb.count, by: 3).count { i in
            (0..<3).contains { Swift.abs(Int(image.rgb[i + $0]) - Int(reference.rgb[i + $0])) > 64 }
        }
        #expect(Double(differing) <= 0.01 * Double(image.width * image.height), "\(differing) pixels differ")
        // The comparison can fail: a blank image differs in every drawn pixel.
        let drawn = stride(from: 0, to: reference.rgb.count, by: 3).count { reference.rgb[$0] < 128 }
        #expect(Double(drawn) > 0.01 * Double(reference.width * reference.height))
    }

    @Test(arguments: [
        (["x^2", "--random", "10", "--plot", "p.svg"], "--plot draws the values on a grid: it needs --grid"),
        (["x*y*z", "--grid", "x=0:1:3,y=0:1:3,z=0:1:3", "--plot", "p.svg"], "--plot draws over one or two grid variables"),
        (["x^2", "--grid", "x=0:1:3", "--plot", "p.png"], "--plot writes SVG: name the file .svg"),
        (["x^2", "--grid", "x=0:1:3", "--plot", "p.svg", "--out", "v.csv"], "--plot writes the SVG only"),
        (["x^2", "--grid", "x=0:1:3", "--plot", "/nonexistent/p.svg"], "the folder of --plot does not exist"),
        (["x^2", "--grid", "x=0:1:1000000", "--plot", "p.svg"], "a plot draws at most 200000 points"),
    ])
    func badRequests(_ arguments: [String], _ message: String) {
        let result = runSymDiff(arguments)
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
