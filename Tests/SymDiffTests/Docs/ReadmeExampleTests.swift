// Every symdiff command in the README's code blocks, run as written by the built binary in a
// directory holding the files the examples read: the exit status its shown output implies,
// and that output itself where the README shows it.
import Foundation
import Testing
@testable import SymDiffCommand

@Suite struct ReadmeExampleTests {
    /// One command of the README, with the output shown after it (`$ symdiff ...` blocks).
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var shown: [String]?
        var testDescription: String { command }
    }

    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The commands of every code block; lines continued with `\` joined.
    static let examples: [Example] = {
        var examples: [Example] = []
        for block in readme.components(separatedBy: "```").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            var i = 0
            while i < lines.count {
                var line = lines[i]
                let prompted = line.hasPrefix("$ symdiff ")
                guard prompted || line.hasPrefix("symdiff ") else {
                    i += 1
                    continue
                }
                if prompted { line.removeFirst(2) }
                while line.hasSuffix("\\") && i + 1 < lines.count {
                    i += 1
                    line = String(line.dropLast()) + " " + lines[i].trimmingCharacters(in: .whitespaces)
                }
                i += 1
                var shown: [String]?
                if prompted {
                    var output: [String] = []
                    while i < lines.count && !lines[i].hasPrefix("$ ") {
                        output.append(lines[i])
                        i += 1
                    }
                    while output.last?.isEmpty == true { output.removeLast() }
                    shown = output
                }
                examples.append(Example(command: line, shown: shown))
            }
        }
        return examples
    }()

    /// The usage lines, which are not commands.
    static let notRunnable = ["FORMULA...", "--file PATH [options]"]

    /// `Fixtures/readme`: the files the examples read (`scripts/generate_readme_fixtures.py`).
    static var fixtures: URL {
        get throws { try #require(Bundle.module.url(forResource: "readme", withExtension: nil, subdirectory: "Fixtures")) }
    }

    /// `command` split as a shell would: double- and single-quoted words, and a `#` comment.
    static func words(_ command: String) -> [String] {
        var (words, word, quote, inWord) = ([String](), "", Character?.none, false)
        for c in command {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "\"" || c == "'" {
                (quote, inWord) = (c, true)
            } else if c == "#" && !inWord {
                break
            } else if c == " " {
                if inWord { words.append(word) }
                (word, inWord) = ("", false)
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func theReadmeHasExamples() {
        #expect(Self.examples.count >= 20)
        #expect(Self.examples.filter { e in !Self.notRunnable.contains { e.command.contains($0) } }.count >= 19)
    }

    @Test(arguments: examples.filter { e in !notRunnable.contains { e.command.contains($0) } })
    func runsAsWritten(_ example: Example) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: try Self.fixtures.path) {
            try FileManager.default.copyItem(atPath: try Self.fixtures.appendingPathComponent(name).path, toPath: directory.file(name))
        }
        let arguments = Array(Self.words(example.command).dropFirst())
        let result = try SymDiffBinary.run(arguments, in: URL(fileURLWithPath: directory.path))
        let shown = example.shown ?? []
        let expected: Int32 = shown.contains { $0.hasPrefix("error:") } ? 2 : shown.contains { $0.contains("FAILED") } ? 1 : 0
        #expect(result.status == expected, "\(result.stderr)")
        guard !shown.isEmpty else { return }
        let actual = (String(decoding: result.stdout, as: UTF8.self) + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Self.matches(shown.map(Self.unannotated), actual), "README shows:\n\(shown.joined(separator: "\n"))\nsymdiff prints:\n\(actual.joined(separator: "\n"))")
    }

    /// A shown line without its `(on stderr)` note and trailing spaces.
    static func unannotated(_ line: String) -> String {
        var text = line
        if let range = text.range(of: "(on stderr)") { text.removeSubrange(range) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Whether `actual` holds the `shown` lines in order, trailing spaces aside, a shown `...`
    /// standing for any number of lines.
    static func matches(_ shown: [String], _ actual: [String]) -> Bool {
        let actual = actual.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        func match(_ s: Int, _ a: Int) -> Bool {
            if s == shown.count { return actual[a...].allSatisfy(\.isEmpty) }
            if shown[s] == "..." { return (a...actual.count).contains { match(s + 1, $0) } }
            return a < actual.count && actual[a] == shown[s] && match(s + 1, a + 1)
        }
        return match(0, 0)
    }
}
