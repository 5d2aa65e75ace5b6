// A DEFLATE decoder (RFC 1951) for compressed .npz entries, after Mark Adler's puff.c.
import SymDiff

/// Decompresses raw DEFLATE data, as `np.savez_compressed` stores each array.
///
/// Codes are decoded one bit at a time from canonical Huffman tables (counts per length, then
/// symbols in code order), which needs no lookup tables and rejects every malformed stream
/// with an error rather than a crash. The output is bounded by `limit` bytes.
struct Inflater {
    /// What is wrong with the stream, and where decoding stopped.
    struct Failure: Error {
        var detail: String
        /// The offset in the input of the byte holding the last bit read; `inflate` sets it.
        var position = 0
    }

    private let input: [UInt8]
    private var position: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let limit: Int

    /// The data of the DEFLATE stream `input[start...]`, at most `limit` bytes of it.
    static func inflate(_ input: [UInt8], from start: Int = 0, limit: Int) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: input, position: start, limit: limit)
        inflater.output.reserveCapacity(min(limit, 1 << 26))
        do throws(Failure) {
            var last = false
            while !last {
                last = try inflater.bits(1) == 1
                switch try inflater.bits(2) {
                case 0: try inflater.stored()
                case 1: try inflater.codes(Self.fixedLengths, Self.fixedDistances)
                case 2: try inflater.dynamic()
                default: throw Failure(detail: "invalid deflate block type 3")
                }
            }
        } catch {
            // The bits read so far end `bitCount` bits before `position`.
            throw Failure(detail: error.detail, position: max(start, (inflater.position * 8 - inflater.bitCount - 1) / 8))
        }
        return inflater.output
    }

    private init(input: [UInt8], position: Int, limit: Int) {
        self.input = input
        self.position = position
        self.limit = limit
    }

    private mutating func bits(_ n: Int) throws(Failure) -> Int {
        while bitCount < n {
            guard position < input.count else { throw Failure(detail: "deflate data ends early") }
            bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return value
    }

    /// A stored block: the rest of the current byte is skipped, then LEN, ~LEN and LEN bytes.
    private mutating func stored() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Failure(detail: "deflate data ends early") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == complement ^ 0xFFFF else { throw Failure(detail: "stored block length check fails") }
        position += 4
        guard position + length <= input.count else { throw Failure(detail: "deflate data ends early") }
        guard output.count + length <= limit else { throw Failure(detail: "data is longer than its declared size") }
        output += input[position..<(position + length)]
        position += length
    }

    /// A canonical Huffman code: how many codes of each length 0...15, and the symbols
    /// ordered by code.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        /// The code for `lengths` (each 0...15), which must not be over-subscribed.
        init(lengths: [Int]) throws(Failure) {
            var left = 1
            for length in 1...15 {
                left = left * 2 - lengths.count { $0 == length }
                guard left >= 0 else { throw Failure(detail: "over-subscribed Huffman code") }
            }
            self.init(checked: lengths)
        }

        /// The code for `lengths`, known not to be over-subscribed.
        init(checked lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private mutating func decode(_ code: Huffman) throws(Failure) -> Int {
        var (value, first, index) = (0, 0, 0)
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw Failure(detail: "invalid Huffman code")
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed codes of RFC 1951 section 3.2.6.
    private static let fixedLengths = Huffman(
        checked: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
            + [Int](repeating: 8, count: 8))
    private static let fixedDistances = Huffman(checked: [Int](repeating: 5, count: 30))

    /// Literals and length/distance pairs until the end-of-block symbol.
    private mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws(Failure) {
        while true {
            var symbol = try decode(lengths)
            if symbol < 256 {
                guard output.count < limit else { throw Failure(detail: "data is longer than its declared size") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw Failure(detail: "invalid length symbol") }
            let length = Self.lengthBase[symbol] + (try bits(Self.lengthExtra[symbol]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < 30 else { throw Failure(detail: "invalid distance symbol") }
            let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Failure(detail: "distance reaches before the start of the data") }
            guard output.count + length <= limit else { throw Failure(detail: "data is longer than its declared size") }
            let start = output.count - distance
            for i in 0..<length { output.append(output[start + i]) }
        }
    }

    /// A block with its own codes, themselves Huffman-coded.
    private mutating func dynamic() throws(Failure) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure(detail: "too many length or distance codes") }
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeCount { codeLengths[Self.codeLengthOrder[i]] = try bits(3) }
        let lengthCode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            let (value, repeats): (Int, Int)
            switch symbol {
            case 0..<16: (value, repeats) = (symbol, 1)
            case 16:
                guard let previous = lengths.last else { throw Failure(detail: "repeat with no previous length") }
                (value, repeats) = (previous, 3 + (try bits(2)))
            case 17: (value, repeats) = (0, 3 + (try bits(3)))
            default: (value, repeats) = (0, 11 + (try bits(7)))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else { throw Failure(detail: "too many code lengths") }
            lengths += repeatElement(value, count: repeats)
        }
        guard lengths[256] != 0 else { throw Failure(detail: "no end-of-block code") }
        try codes(
            Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
    }
}
