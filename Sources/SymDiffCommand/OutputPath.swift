// The checks on --out and --plot that can be made before any work: where they go, and what they would overwrite.
import Foundation
import SymDiff
import SymDiffIO

/// Refuses an `--out` (or `--plot`) that cannot be written or would destroy an input, before
/// any work: its folder must exist and be writable, it must not be a folder, and it must not
/// be the same file as `--points` or a `--file` (the output would overwrite what is being read).
func checkOutputPath(_ options: Options) throws(CommandLineError) {
    // A test file's reference values go beside it, FILE.npz for FILE.py: checked as outputs too.
    let reference = options.out.flatMap { out in
        testFileLanguages.contains(options.emit ?? "") && out.hasSuffix(".py") ? String(out.dropLast(3)) + ".npz" : nil
    }
    for (option, path) in [("--out", options.out), ("--out", reference), ("--plot", options.plot)] {
        guard let path else { continue }
        try checkOutputPath(path, option: option, options)
    }
}

private func checkOutputPath(_ out: String, option: String, _ options: Options) throws(CommandLineError) {
    let argument = "\(option) \(out)"
    let underline = (option.count + 1)..<(option.count + 1 + out.count)
    var status = stat()
    if stat(out, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
        throw CommandLineError("\(option) names a folder", argument: argument, underline: underline, hint: "name a file in it, e.g. \(out)/ref.npz")
    }
    let target = AtomicFile.resolvingLinks(out)
    let folder = target.lastIndex(of: "/").map { String(target[...$0]) } ?? "."
    var folderStatus = stat()
    guard stat(folder, &folderStatus) == 0, (folderStatus.st_mode & S_IFMT) == S_IFDIR else {
        throw CommandLineError(
            "the folder of \(option) does not exist", argument: argument, underline: underline, hint: "create \(folder) first")
    }
    let isRegularOrNew = stat(out, &status) != 0 || (status.st_mode & S_IFMT) == S_IFREG
    guard !isRegularOrNew || access(folder, W_OK) == 0 else {
        throw CommandLineError(
            "cannot write in the folder of \(option): \(String(cString: strerror(errno)))", argument: argument, underline: underline,
            hint: "choose a folder you can write to")
    }
    var inputs = options.formulaFiles.filter { $0 != "-" }.map { ("--file", $0) }
    if case .file(let points) = options.points, !points.isStandardInput { inputs.append(("--points", points.path)) }
    for (inputOption, input) in inputs where sameFile(input, out) {
        throw CommandLineError(
            "\(option) is the same file as \(inputOption) \(input): writing would destroy the input", argument: argument,
            underline: underline, hint: "write to another file")
    }
}

/// Whether `a` and `b` name one existing file (the same device and inode, links followed).
private func sameFile(_ a: String, _ b: String) -> Bool {
    var (first, second) = (stat(), stat())
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
}
