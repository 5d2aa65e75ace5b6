// Every problem with a points specification or a points file, one case each, with its message.
import SymDiff

/// Where in a points file a problem is: the path, and the line and column in a text file or
/// the byte offset in a binary one.
///
/// An entry of an `.npz` archive is written `archive.npz(x1.npy)`, as `ar` names members; a
/// byte offset there counts in the entry's uncompressed contents.
public struct FileLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as given, or `archive(entry)` for an archive entry.
    public var file: String
    /// 1-based line, for text files.
    public var line: Int?
    /// 1-based column in Unicode scalars, for text files.
    public var column: Int?
    /// 0-based offset from the start of the file, as `xxd` and `od` show it, for binary files.
    public var byte: Int?

    /// A place in `file`, optionally with a line and column.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The byte at 0-based offset `byte` of the binary file `file`.
    public init(file: String, byte: Int) {
        self.file = file
        self.byte = byte
    }

    /// `file`, `file:line`, `file:line:column`, or `file: byte N` for a binary file (not
    /// `file:N`, which tools read as a line number).
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        if let byte { text += ": byte \(byte)" }
        return text
    }

    /// The same file at 0-based byte offset `offset`.
    func at(byte offset: Int) -> FileLocation { FileLocation(file: file, byte: offset) }
}

/// A problem with a points specification (`--at`, `--grid`, `--range`, `--random`, `--seed`)
/// or a points file, with where it is.
///
/// Messages follow the house style: one lowercase phrase, no final period, naming the thing.
/// `description` prefixes the location: `samples.csv:3:7: non-numeric value 'abc' in column 'x2'`,
/// `samples.npy: byte 10: malformed .npy header: no 'shape' key`.
public struct PointsError: ReportedError, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong; each case carries only what its message needs.
    public enum Problem: Hashable, Sendable {
        // MARK: - Specifications
        case expectedAssignment(found: String, option: String)
        case invalidVariableName(String, reason: String)
        case invalidNumber(String)
        case nonFiniteNumber(String)
        case numberTooSmall(String)
        case expectedInterval(found: String, option: String)
        case invalidPointCount(String)
        case invalidSeed(String)
        case reversedInterval(lower: Double, upper: Double)
        case intervalTooWide(lower: Double, upper: Double)
        case duplicateVariable(String)
        case duplicateColumnName(String)
        case unknownVariable(String, variables: [String])
        case missingValue(variable: String, option: String)
        case tooManyPoints(String, limit: Int)

        // MARK: - Files
        case cannotRead(reason: String)
        case emptyFile
        case noHeader
        case missingColumn(String, columns: [String])
        case duplicateColumn(String)
        case raggedRow(fields: Int, headerFields: Int)
        case emptyValue(column: String)
        case nonNumeric(String, column: String)
        case nonFiniteValue(String, column: String)
        case valueTooSmall(String, column: String)
        case unterminatedQuote

        // MARK: - NumPy files
        case notNPY
        case unsupportedNPYVersion(major: Int, minor: Int)
        case malformedNPYHeader(String)
        case unsupportedDType(String)
        case unsupportedShape([Int], expected: String)
        case columnCountMismatch(found: Int, variables: [String])
        case truncated(expectedBytes: Int, foundBytes: Int)
        case trailingData(bytes: Int)
        case notZip(String)
        case unsupportedCompression(method: Int, entry: String)
        case corruptEntry(String, entry: String)
        case encryptedEntry(String)
        case missingArray(String, arrays: [String])
        case lengthMismatch(array: String, count: Int, expected: Int, reference: String)
        case duplicateArray(String, entries: [String])
        /// An archive of values holding other than one array, none named.
        case arrayNotNamed(arrays: [String])
        /// A CSV file of values, its columns not named.
        case columnsNotNamed
        case nonFiniteElement(String, column: String, row: Int)
    }

    /// What is wrong.
    public var problem: Problem
    /// Where, for problems in files.
    public var location: FileLocation?
    /// For problems in a specification, the characters of it to underline.
    public var span: Range<Int>?

    /// A problem at an optional file location or span of a specification.
    public init(_ problem: Problem, at location: FileLocation? = nil, span: Range<Int>? = nil) {
        self.problem = problem
        self.location = location
        self.span = span
    }

    /// The one-line description, without the location.
    public var message: String { problem.message }

    /// A suggested fix, when there is one.
    public var hint: String? { problem.hint }

    /// The message prefixed with the location, as in `samples.csv:3:7: ...`.
    public var description: String { location.map { "\($0): \(message)" } ?? message }

    /// Where, for `ReportedError`'s renderer: the file location (`samples.csv:3:7`).
    public var place: String? { location?.description }
}

extension PointsError.Problem {
    /// The one-line description printed after `error: `.
    public var message: String {
        switch self {
        case .expectedAssignment(let found, _): return "expected 'name=value', found '\(found)'"
        case .invalidVariableName(_, let reason): return reason
        case .invalidNumber(let text): return "'\(Self.escaped(text))' is not a number"
        case .nonFiniteNumber(let text): return "'\(text)' is not a finite number"
        case .numberTooSmall(let text): return "'\(text)' is too small: it rounds to 0"
        case .expectedInterval(let found, let option):
            return "expected '\(option == "--grid" ? "a:b:n" : "a:b")', found '\(found)'"
        case .invalidPointCount(let text): return "expected a whole number of points of at least 1, found '\(text)'"
        case .invalidSeed(let text): return "expected a seed from 0 to \(UInt64.max), found '\(text)'"
        case .reversedInterval(let lower, let upper):
            return "interval \(lower):\(upper) is reversed: its lower end is above its upper end"
        case .intervalTooWide(let lower, let upper): return "interval \(lower):\(upper) is too wide: its width overflows"
        case .duplicateVariable(let name): return "'\(name)' is given twice"
        case .duplicateColumnName(let name): return "column '\(name)' is named twice"
        case .unknownVariable(let name, let variables):
            return "'\(name)' is not a variable of the formula or of --wrt (variables: \(Self.list(variables)))"
        case .missingValue(let variable, let option): return "\(option) gives no value for '\(variable)'"
        case .tooManyPoints(let count, let limit): return "\(count) points are more than the limit of \(limit)"
        case .cannotRead(let reason): return "cannot read the points file: \(reason)"
        case .emptyFile: return "points file is empty"
        case .noHeader: return "points file has no header row, only comments and blank lines"
        case .missingColumn(let name, let columns):
            return "points file has no column '\(name)' (columns: \(Self.list(columns)))"
        case .duplicateColumn(let name): return "column '\(name)' appears twice in the header"
        case .raggedRow(let fields, let headerFields):
            return "row has \(fields) field\(fields == 1 ? "" : "s"), the header has \(headerFields)"
        case .emptyValue(let column): return "empty value in column '\(column)'"
        case .nonNumeric(let text, let column): return "non-numeric value '\(Self.escaped(text))' in column '\(column)'"
        case .nonFiniteValue(let text, let column): return "non-finite value '\(text)' in column '\(column)'"
        case .valueTooSmall(let text, let column): return "value '\(text)' in column '\(column)' is too small: it rounds to 0"
        case .unterminatedQuote: return "quoted field is not closed before the end of the line"
        case .notNPY: return "not a .npy file: it does not start with \\x93NUMPY"
        case .unsupportedNPYVersion(let major, let minor): return "unsupported .npy format version \(major).\(minor)"
        case .malformedNPYHeader(let detail): return "malformed .npy header: \(detail)"
        case .unsupportedDType(let descr):
            switch descr {
            case "<f4", "|f4", ">f4": return "dtype '\(descr)': float32 is not supported, save as float64"
            case ">f8": return "dtype '>f8': big-endian float64 is not supported, save as little-endian '<f8'"
            default: return "dtype '\(descr)' is not supported: only float64 ('<f8') is"
            }
        case .unsupportedShape(let shape, let expected):
            let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
            return "array has shape \(tuple), expected \(expected)"
        case .columnCountMismatch(let found, let variables):
            return "array has \(found) column\(found == 1 ? "" : "s") for \(variables.count) variable\(variables.count == 1 ? "" : "s") (\(Self.list(variables)))"
        case .truncated(let expected, let found): return "file is truncated: expected \(expected) bytes of data, found \(found)"
        case .trailingData(let bytes): return "\(bytes) unexpected bytes after the array data"
        case .notZip(let detail): return "not a valid .npz (zip) archive: \(detail)"
        case .unsupportedCompression(let method, let entry):
            return "zip compression method \(method) of entry '\(entry)' is not supported"
        case .corruptEntry(let detail, let entry): return "corrupt archive entry '\(entry)': \(detail)"
        case .encryptedEntry(let entry): return "archive entry '\(entry)' is encrypted, which is not supported"
        case .missingArray(let name, let arrays):
            return "archive has no array '\(name)' (arrays: \(Self.list(arrays)))"
        case .lengthMismatch(let array, let count, let expected, let reference):
            return "array '\(array)' has \(count) values, '\(reference)' has \(expected)"
        case .duplicateArray(let name, let entries):
            if entries[0] == entries[1] { return "archive has two entries named '\(entries[0])'" }
            return "archive entries '\(entries[0])' and '\(entries[1])' both hold array '\(name)'"
        case .nonFiniteElement(let value, let column, let row):
            return "non-finite value \(value) in column '\(column)' at row index \(row)"
        case .arrayNotNamed(let arrays): return "archive holds \(arrays.count) arrays (\(Self.list(arrays))): which one?"
        case .columnsNotNamed: return "which columns of the CSV file hold the values?"
        }
    }

    /// A suggested fix, printed after `hint: `.
    public var hint: String? {
        switch self {
        case .expectedAssignment(_, let option) where option == "--at":
            return "--at takes name=value pairs, e.g. --at x1=1.5,x2=0.7"
        case .expectedAssignment(_, let option) where option == "--range":
            return "--range takes name=a:b pairs, e.g. --range x1=-1:1,x2=0:6.28"
        case .expectedAssignment: return "--grid takes name=a:b:n triples, e.g. --grid x=-2:2:401,t=0:1:11"
        case .invalidVariableName: return "variable names match [A-Za-z_][A-Za-z0-9_]*"
        case .invalidNumber: return "write a decimal number, e.g. 1.5 or -2e-3"
        case .nonFiniteNumber, .nonFiniteValue: return "sample points must be finite numbers"
        case .numberTooSmall, .valueTooSmall: return "the smallest nonzero double is about 4.9e-324; write 0 for zero"
        case .expectedInterval(_, let option) where option == "--grid":
            return "a:b:n is n evenly spaced values from a to b inclusive, e.g. x=-2:2:401"
        case .expectedInterval: return "a:b is the interval [a, b), e.g. x=-1:1"
        case .invalidPointCount: return "e.g. --random 1000"
        case .invalidSeed: return "e.g. --seed 42"
        case .reversedInterval: return "write the lower end first"
        case .intervalTooWide: return "use a narrower interval"
        case .duplicateVariable: return "give each variable once"
        case .duplicateColumnName:
            return "name each column of the array once; a column no variable uses needs a name too, e.g. --columns x,u,t"
        case .unknownVariable(let name, _): return "list '\(name)' in --wrt to make it a variable, or give no value for it"
        case .missingValue(let variable, let option): return "add \(variable)=... to \(option)"
        case .tooManyPoints: return "use fewer points or raise the limit with \(ReportTerm.maxPoints.token)"
        case .cannotRead: return "check the path and the permissions"
        case .emptyFile: return "the first line names the columns, e.g. x1,x2; each later line is one point"
        case .noHeader, .missingColumn: return "the first row that is not a '#' comment names the columns"
        case .duplicateColumn: return "rename or remove one of the columns"
        case .raggedRow: return "every row needs one value per header column"
        case .emptyValue: return "every cell of a variable's column needs a number"
        case .nonNumeric: return "cells are decimal numbers, e.g. 1.5 or -2e-3"
        case .unterminatedQuote: return "close the field with '\"'; fields cannot span lines"
        case .notNPY, .unsupportedNPYVersion, .malformedNPYHeader, .truncated, .trailingData:
            return "write the file with np.save(path, a) from a float64 array"
        case .unsupportedDType(let descr) where descr.hasSuffix("f4"):
            return "np.save(path, a.astype(np.float64))"
        case .unsupportedDType: return "np.save(path, np.asarray(a, dtype='<f8'))"
        case .unsupportedShape: return "save a 2-D array (points, variables), or an .npz with one 1-D array per variable"
        case .columnCountMismatch: return "name the array's columns with --columns, e.g. --columns x,t"
        case .notZip, .corruptEntry, .unsupportedCompression:
            return "write the archive with np.savez or np.savez_compressed"
        case .encryptedEntry: return "write the archive with np.savez"
        case .missingArray(let name, _): return "np.savez(path, \(name)=...) names an array"
        case .lengthMismatch: return "every array needs one value per point"
        case .duplicateArray: return "NumPy would read only one of them; write the archive again with np.savez"
        case .nonFiniteElement:
            return "sample points must be finite numbers; keep the finite rows, e.g. a[np.isfinite(a).all(axis=1)]"
        case .arrayNotNamed: return "name the array with --key NAME"
        case .columnsNotNamed: return "name them with --key COLUMN[,COLUMN...], in the order of the partials"
        }
    }

    /// `text` with control characters escaped, so that a NUL byte in a value shows as `\0`.
    private static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: false) : String($0) }.joined()
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
