// One pass over the formula's bytes before parsing: how deep it may nest, how much it holds.

/// Counts over a formula's bytes that bound what parsing it can need: the nesting depth (for
/// the stack), the nodes, numbers, links and arguments (reserved up front, so no list is
/// copied as it grows), and where its lines start.
///
/// One table lookup per byte; every count is an upper bound or a close estimate.
struct Census {
    /// A bound on the nesting depth: every level starts with one of `(-+^*`.
    var depthBound = 0
    /// An estimate of the node count, rather over than under (under, the node list would be
    /// copied once it is nearly full): runs of name and number characters (leaves and calls),
    /// `^` (powers), `+-*/` (chains and signs), plus `(`.
    var nodes = 1
    /// An estimate of the numeric literals: runs that start with a digit or `.`.
    var numbers = 0
    /// A bound on the links of chains: each is written with one of `+-*/`.
    var operators = 0
    /// An estimate of the call arguments: one per `(` or `,`.
    var openings = 0
    var lines = LineTable()

    init(_ bytes: [UInt8]) {
        let classes = Self.classes
        var previousRun = 0
        bytes.withUnsafeBufferPointer { bytes in
            for (offset, byte) in bytes.enumerated() {
                let byteClass = Int(classes[Int(byte)])
                // A run starts where a run byte follows a byte that is not one.
                let run = byteClass >> ByteClass.runByte & 1
                let runStart = run & ~previousRun
                previousRun = run
                depthBound &+= byteClass >> ByteClass.opensLevel & 1
                nodes &+= (byteClass >> ByteClass.makesNode & 1) &+ runStart &+ (byteClass >> ByteClass.chainOperator & 1)
                numbers &+= runStart & (byteClass >> ByteClass.startsNumber & 1)
                operators &+= byteClass >> ByteClass.chainOperator & 1
                openings &+= byteClass >> ByteClass.opensArgument & 1
                if byteClass >> ByteClass.newline & 1 != 0 { lines.startLine(at: offset + 1) }
            }
        }
    }

    /// The bit positions of a byte's class.
    private enum ByteClass {
        static let opensLevel = 0, makesNode = 1, runByte = 2, newline = 3, chainOperator = 4, opensArgument = 5
        static let startsNumber = 6
    }

    /// The class of each byte value.
    private static let classes: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        func bit(_ position: Int, _ condition: Bool) -> UInt8 { condition ? 1 << position : 0 }
        let isDigit = Lexer.isDigit(byte) || byte == UInt8(ascii: ".")
        return bit(ByteClass.runByte, Lexer.isIdentifierPart(byte) || isDigit)
            | bit(ByteClass.opensLevel, "(^-+*".utf8.contains(byte))
            | bit(ByteClass.makesNode, "(^".utf8.contains(byte))
            | bit(ByteClass.newline, byte == UInt8(ascii: "\n"))
            | bit(ByteClass.chainOperator, "+-*/".utf8.contains(byte))
            | bit(ByteClass.opensArgument, "(,".utf8.contains(byte))
            | bit(ByteClass.startsNumber, isDigit)
    }
}
