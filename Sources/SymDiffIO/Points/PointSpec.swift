// Parsers for the point specifications of the command line: --at, --grid, --range, --random, --seed, --columns.
import SymDiff

/// One variable's interval: `[lower, upper)` for random points, `[lower, upper]` in `count`
/// steps for a grid.
public struct VariableInterval: Hashable, Sendable {
    /// The variable.
    public var name: String
    /// The lower end.
    public var lower: Double
    /// The upper end.
    public var upper: Double
    /// For a grid axis, the number of values (at least 1); 0 for a random range.
    public var count: Int

    /// An interval of `name`; `count` is the number of grid values, unused for random ranges.
    public init(name: String, lower: Double, upper: Double, count: Int = 0) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.count = count
    }
}

/// Parsers for the text of point options, each returning typed values or a `PointsError`
/// whose `span` is the range of characters of the text to underline.
///
/// Items are separated by `,`; spaces around items, names and numbers are ignored. Numbers
/// are decimal, finite, and nonzero unless written as 0 (`DecimalNumber`).
public enum PointSpec {
    /// The point of `--at x1=1.5,x2=0.7`: every name must be one of `variables`, and every
    /// variable must be given.
    public static func at(_ text: String, variables: [String]) throws(PointsError) -> PointSet {
        let items = try assignments(text, option: "--at", variables: variables)
        var columns: [[Double]] = []
        for variable in variables {
            guard let item = items.first(where: { $0.name == variable }) else {
                throw PointsError(.missingValue(variable: variable, option: "--at"), span: 0..<text.count)
            }
            columns.append([try number(item.value, at: item.valueSpan)])
        }
        return PointSet(names: variables, columns: columns, count: 1)
    }

    /// The values of `--fix w1=0.5,b1=0.1`: variables held at constants at every point (still
    /// differentiated by), each a distinct member of `variables`, in the order given.
    public static func fixed(_ text: String, variables: [String]) throws(PointsError) -> [(name: String, value: Double)] {
        var values: [(name: String, value: Double)] = []
        for item in try assignments(text, option: "--fix", variables: variables) {
            values.append((item.name, try number(item.value, at: item.valueSpan)))
        }
        return values
    }

    /// The axes of `--grid x=-2:2:401,t=0:1:11`, in the order of `variables`, each of them
    /// given once.
    public static func grid(_ text: String, variables: [String]) throws(PointsError) -> [VariableInterval] {
        let items = try assignments(text, option: "--grid", variables: variables)
        var axes: [VariableInterval] = []
        for variable in variables {
            guard let item = items.first(where: { $0.name == variable }) else {
                throw PointsError(.missingValue(variable: variable, option: "--grid"), span: 0..<text.count)
            }
            let parts = try fields(of: item, count: 3, option: "--grid")
            guard let n = Int(parts[2].text.strippingSpaces), n >= 1 else {
                throw PointsError(.invalidPointCount(parts[2].text), span: parts[2].span)
            }
            axes.append(try interval(item.name, parts[0], parts[1], count: n, allowReversed: true))
        }
        return axes
    }

    /// The intervals of `--range x1=-1:1,x2=0:6.28`, in the order given; variables not
    /// listed default to `[0, 1)` in `PointSet.random`.
    public static func ranges(_ text: String, variables: [String]) throws(PointsError) -> [VariableInterval] {
        var intervals: [VariableInterval] = []
        for item in try assignments(text, option: "--range", variables: variables) {
            let parts = try fields(of: item, count: 2, option: "--range")
            intervals.append(try interval(item.name, parts[0], parts[1], count: 0, allowReversed: false))
        }
        return intervals
    }

    /// The point count of `--random N`: a whole number of at least 1 in decimal notation
    /// (`1e6` is accepted), at most `maxPoints`.
    public static func count(_ text: String, maxPoints: Int = PointSet.defaultMaxPoints) throws(PointsError) -> Int {
        let trimmed = text.strippingSpaces
        let span = 0..<text.count
        if let n = Int(trimmed) {
            guard n >= 1 else { throw PointsError(.invalidPointCount(text), span: span) }
            do { try checkPointCount(n, limit: maxPoints) } catch { throw PointsError(error.problem, span: span) }
            return n
        }
        guard let x = try? DecimalNumber.value(of: trimmed), x >= 1, x.rounded() == x else {
            throw PointsError(.invalidPointCount(text), span: span)
        }
        if x > Double(maxPoints) { throw PointsError(.tooManyPoints(trimmed, limit: maxPoints), span: span) }
        return Int(x)
    }

    /// The seed of `--seed S`: a whole number from 0 to 2^64 - 1.
    public static func seed(_ text: String) throws(PointsError) -> UInt64 {
        guard let seed = UInt64(text.strippingSpaces) else { throw PointsError(.invalidSeed(text), span: 0..<text.count) }
        return seed
    }

    /// The names of `--columns x,t`: the columns of a 2-D `.npy` array, in order, each named
    /// once (which of two columns named `x` would be `x`?).
    public static func columns(_ text: String) throws(PointsError) -> [String] {
        var names: [String] = []
        for (name, span) in split(text, separator: ",") {
            let trimmed = name.strippingSpaces
            if let reason = Derivatives.problem(withVariable: trimmed) {
                throw PointsError(.invalidVariableName(trimmed, reason: reason), span: span)
            }
            if names.contains(trimmed) { throw PointsError(.duplicateColumnName(trimmed), span: span) }
            names.append(trimmed)
        }
        return names
    }

    // MARK: - Pieces

    /// One `name=value` item, with the character ranges of its value and of the whole item.
    private struct Assignment {
        var name: String
        var value: String
        var valueSpan: Range<Int>
        var span: Range<Int>
    }

    /// The `name=value` items of `text`; every name a distinct member of `variables`.
    private static func assignments(
        _ text: String, option: String, variables: [String]
    ) throws(PointsError) -> [Assignment] {
        var items: [Assignment] = []
        for (item, span) in split(text, separator: ",") {
            let parts = split(item, separator: "=")
            guard parts.count == 2 else {
                throw PointsError(.expectedAssignment(found: item, option: option), span: span)
            }
            let name = parts[0].text.strippingSpaces
            let nameSpan = (span.lowerBound + parts[0].span.lowerBound)..<(span.lowerBound + parts[0].span.upperBound)
            if let reason = Derivatives.problem(withVariable: name) {
                throw PointsError(.invalidVariableName(name, reason: reason), span: nameSpan)
            }
            guard variables.contains(name) else {
                throw PointsError(.unknownVariable(name, variables: variables), span: nameSpan)
            }
            if items.contains(where: { $0.name == name }) {
                throw PointsError(.duplicateVariable(name), span: nameSpan)
            }
            let valueSpan = (span.lowerBound + parts[1].span.lowerBound)..<(span.lowerBound + parts[1].span.upperBound)
            items.append(Assignment(name: name, value: parts[1].text, valueSpan: valueSpan, span: span))
        }
        return items
    }

    /// The `:`-separated fields of an item's value, which must number `count`.
    private static func fields(
        of item: Assignment, count: Int, option: String
    ) throws(PointsError) -> [(text: String, span: Range<Int>)] {
        let parts = split(item.value, separator: ":").map {
            (text: $0.text, span: (item.valueSpan.lowerBound + $0.span.lowerBound)..<(item.valueSpan.lowerBound + $0.span.upperBound))
        }
        guard parts.count == count else {
            throw PointsError(.expectedInterval(found: item.value, option: option), span: item.valueSpan)
        }
        return parts
    }

    private static func interval(
        _ name: String, _ lower: (text: String, span: Range<Int>), _ upper: (text: String, span: Range<Int>),
        count: Int, allowReversed: Bool
    ) throws(PointsError) -> VariableInterval {
        let a = try number(lower.text, at: lower.span)
        let b = try number(upper.text, at: upper.span)
        let span = lower.span.lowerBound..<upper.span.upperBound
        if !allowReversed && a > b { throw PointsError(.reversedInterval(lower: a, upper: b), span: span) }
        if !(b - a).isFinite { throw PointsError(.intervalTooWide(lower: a, upper: b), span: span) }
        return VariableInterval(name: name, lower: a, upper: b, count: count)
    }

    /// A finite decimal number, after trimming spaces.
    private static func number(_ text: String, at span: Range<Int>) throws(PointsError) -> Double {
        let trimmed = text.strippingSpaces
        do { return try DecimalNumber.value(of: trimmed) } catch {
            switch error {
            case .notDecimal: throw PointsError(.invalidNumber(trimmed), span: span)
            case .nonFinite: throw PointsError(.nonFiniteNumber(trimmed), span: span)
            case .underflow: throw PointsError(.numberTooSmall(trimmed), span: span)
            }
        }
    }

    /// The pieces of `text` between separators, each with its range of characters.
    private static func split(_ text: String, separator: Character) -> [(text: String, span: Range<Int>)] {
        var pieces: [(text: String, span: Range<Int>)] = []
        var start = 0
        for (i, piece) in text.split(separator: separator, omittingEmptySubsequences: false).enumerated() {
            if i > 0 { start += 1 }
            pieces.append((String(piece), start..<(start + piece.count)))
            start += piece.count
        }
        return pieces
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var strippingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
