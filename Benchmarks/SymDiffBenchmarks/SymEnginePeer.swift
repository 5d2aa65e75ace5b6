// The symbolic kernel's peer: SymEngine (through its Python module), timed in the same run.
import Foundation

/// Runs `Peers/symengine_kernel.py` and prints its median times beside the cases above (f1's
/// gradient + Hessian, the nested sine's 10th derivative); a note instead when SymEngine is
/// not installed (`pip install symengine`; CI does not need it).
func symEnginePeer() {
    let python = URL(fileURLWithPath: "/usr/bin/env")
    guard processSeconds(python, ["python3", "-c", "import symengine"]) != nil else {
        print("symengine peer: not installed (pip install symengine); not measured")
        return
    }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers/symengine_kernel.py").path
    let process = Process()
    process.executableURL = python
    process.arguments = ["python3", script]
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch { return print("symengine peer: \(error)") }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    print("symengine peer (Python module, in process, median)")
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: "\t")
        guard fields.count == 2, let seconds = Double(fields[1]) else { continue }
        let scaled = seconds < 0.01 ? String(format: "%10.3f us", seconds * 1e6) : String(format: "%10.3f s", seconds)
        print("  SymEngine: \(fields[0])".padding(toLength: 52, withPad: " ", startingAt: 0) + scaled)
    }
}
