// Every problem writing an output file, one case each, with its message.
import SymDiff

/// A problem writing a reference-value file; no partial output file is left behind.
public struct OutputError: ReportedError, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong; each case carries only what its message needs.
    public enum Problem: Hashable, Sendable {
        case cannotCreate(reason: String)
        case writeFailed(reason: String)
        case renameFailed(reason: String)
        case unknownFormat(String)
        case duplicateColumn(String)
        case columnLength(column: String, count: Int, expected: Int)
        case unknownStatus(String, column: String)
        case blockWidth(columns: Int, expected: Int)
        case rowCount(written: Int, declared: Int)
        case arrayShape(array: String, shape: [Int], values: Int)
        case tooLargeForZip(bytes: Int)
        case tooManyArrays(count: Int)
        case brokenPipe
        case writerState(String)
    }

    /// What went wrong.
    public var problem: Problem
    /// The output file.
    public var path: String

    /// A problem writing `path`.
    public init(_ problem: Problem, path: String) {
        self.problem = problem
        self.path = path
    }

    /// The one-line description, without the path.
    public var message: String {
        switch problem {
        case .cannotCreate(let reason): return "cannot create the output file: \(reason)"
        case .writeFailed(let reason): return "cannot write the output file: \(reason)"
        case .renameFailed(let reason): return "cannot move the finished output into place: \(reason)"
        case .unknownFormat(let ext): return "unknown output format '\(ext)'"
        case .duplicateColumn(let name): return "column '\(name)' appears twice"
        case .columnLength(let column, let count, let expected):
            return "column '\(column)' has \(count) values, expected \(expected)"
        case .unknownStatus(let status, let column):
            return "column '\(column)' has status '\(status)', which has no code in the table's status codes"
        case .blockWidth(let columns, let expected): return "block has \(columns) columns, the table has \(expected)"
        case .rowCount(let written, let declared): return "\(written) rows were written, the header declared \(declared)"
        case .arrayShape(let array, let shape, let values):
            return "array '\(array)' of shape (\(shape.map(String.init).joined(separator: ", "))) has \(values) values"
        case .tooLargeForZip(let bytes): return "\(bytes) bytes are too many for an .npz archive without ZIP64"
        case .tooManyArrays(let count): return "\(count) arrays are too many for an .npz archive without ZIP64"
        case .brokenPipe: return "the reader of the output has gone"
        case .writerState(let detail): return detail
        }
    }

    /// A suggested fix, when there is one.
    public var hint: String? {
        switch problem {
        case .unknownFormat: return "output formats: " + TableFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
        case .tooLargeForZip: return "write .npy or .csv instead, or fewer points"
        case .tooManyArrays: return "write .npy or .csv instead, or fewer partials"
        default: return nil
        }
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }

    /// Where, for `ReportedError`'s renderer: the output's path.
    public var place: String? { path }
}
