// What the fuzz targets share: turning libFuzzer's buffer into bytes, and a runner for builds without libFuzzer.
import Foundation

/// The input of one fuzz run, and the way a target runs when it is built without libFuzzer.
///
/// Built by `scripts/fuzz.sh` (`--sanitize=fuzzer`, `-DSYMDIFF_FUZZING`), a target is only
/// `LLVMFuzzerTestOneInput` and libFuzzer supplies `main`. In a plain `swift build` the
/// target's `main` calls `runFiles`, which feeds it every file named on the command line, so
/// the package builds and links without libFuzzer and a saved crash replays in a debugger.
public enum FuzzInput {
    /// libFuzzer's buffer as an array; a null pointer (size 0) is the empty input.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Runs `target` on every file named in `arguments` (directories: every file inside,
    /// in name order) and prints how many ran; exits with status 2 when a path cannot be read.
    public static func runFiles(
        _ target: (UnsafePointer<UInt8>?, Int) -> CInt, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) {
        var count = 0
        for path in arguments where !path.hasPrefix("-") {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
                    exit(2)
                }
                _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, $0.count) }
                count += 1
            }
        }
        print("ran \(count) input(s) without libFuzzer")
    }

    /// `path` itself, or the regular files in it when it is a directory.
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
