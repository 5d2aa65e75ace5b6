// Reading 8-bit RGB and RGBA PNG files (a browser's screenshots) into pixels, for image tests.
@testable import SymDiff
@testable import SymDiffIO

/// The pixels of a PNG image: 8-bit RGB or RGBA, not interlaced, as headless Chromium writes.
struct PNGImage {
    let width: Int
    let height: Int
    /// Red, green, blue per pixel, row by row.
    let rgb: [UInt8]

    struct Unsupported: Error { var reason: String }

    init(_ bytes: [UInt8]) throws {
        guard bytes.count > 8, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Unsupported(reason: "not a PNG") }
        var (width, height, channels) = (0, 0, 0)
        var data: [UInt8] = []
        var i = 8
        func be32(_ k: Int) -> Int { bytes[k..<k + 4].reduce(0) { $0 << 8 | Int($1) } }
        while i + 8 <= bytes.count {
            let length = be32(i)
            let type = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
            let body = bytes[i + 8..<i + 8 + length]
            if type == "IHDR" {
                (width, height) = (be32(i + 8), be32(i + 12))
                let (depth, color, interlace) = (body[body.startIndex + 8], body[body.startIndex + 9], body[body.startIndex + 12])
                guard depth == 8, color == 2 || color == 6, interlace == 0 else { throw Unsupported(reason: "depth \(depth), color \(color)") }
                channels = color == 2 ? 3 : 4
            } else if type == "IDAT" {
                data += body
            }
            i += 12 + length
        }
        let stride = width * channels
        let raw = try Inflater.inflate(data, from: 2, limit: height * (stride + 1))
        guard raw.count == height * (stride + 1) else { throw Unsupported(reason: "\(raw.count) bytes of image data") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: predicted = 0
                }
                pixels[y * stride + x] = UInt8((value + predicted) & 0xFF)
            }
        }
        self.width = width
        self.height = height
        rgb = channels == 3 ? pixels : (0..<width * height).flatMap { pixels[$0 * 4..<$0 * 4 + 3] }
    }
}
