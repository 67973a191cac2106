import Base
import Diagnostics
import Foundation
import Testing
import TuanThu

// The project's documents are tested like code.
//
// Convention for code blocks in README.md and Rules/README.md, by the fence's
// info string:
//   ```rules    a whole ruleset, self-contained (its `source` and `schema`
//               included): it must load with no error and no warning, and
//               its own `test`s, if any, must pass (as of 2026-11-29).
//   ```console  `$ tuanthu ARGS` lines, each followed by the output the tool
//               prints (standard output, then standard error), run from the
//               project root; a line holding only `…` stands for any lines.
//               `$ swift run tuanthu` is run as `tuanthu`.
// Every other fence (```text, ```json, a bare ```) is not run.

/// A fenced code block of a Markdown file.
struct CodeBlock: Sendable, CustomTestStringConvertible {
    var file: String
    /// The line of the opening fence, from 1.
    var line: Int
    var info: String
    var text: String
    var testDescription: String { "\(file):\(line) (\(info))" }
}

/// The fenced blocks of a Markdown file under the package root.
func codeBlocks(_ file: String) -> [CodeBlock] {
    guard let text = try? String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8) else { return [] }
    var blocks: [CodeBlock] = []
    var open: (fence: String, line: Int, info: String, lines: [String])? = nil
    for (k, line) in text.components(separatedBy: "\n").enumerated() {
        if var o = open {
            if line == o.fence {
                blocks.append(CodeBlock(file: file, line: o.line, info: o.info, text: o.lines.joined(separator: "\n") + "\n"))
                open = nil
            } else {
                o.lines.append(line)
                open = o
            }
        } else if line.hasPrefix("```") {
            let fence = String(line.prefix { $0 == "`" })
            open = (fence, k + 1, String(line.dropFirst(fence.count)).trimmingCharacters(in: .whitespaces), [])
        }
    }
    if let o = open { blocks.append(CodeBlock(file: file, line: o.line, info: "unclosed", text: o.lines.joined(separator: "\n"))) }
    return blocks
}

private let documents = ["README.md", "Rules/README.md", "Rules/FORMS.md", "Rules/REGEX.md", "Rules/VALIDATION.md"]
private let allBlocks = documents.flatMap(codeBlocks)

/// Splits a command line on spaces, keeping double-quoted words whole.
private func words(_ line: String) -> [String] {
    var out: [String] = [], current = "", quoted = false, any = false
    for c in line {
        if c == "\"" { quoted.toggle(); any = true; continue }
        if c == " " && !quoted {
            if any { out.append(current) }
            current = ""
            any = false
            continue
        }
        current.append(c)
        any = true
    }
    if any { out.append(current) }
    return out
}

/// Does `actual` match `expected`, where a line `…` in `expected` stands for any lines?
func linesMatch(_ expected: [String], _ actual: [String]) -> Bool {
    guard let first = expected.first else { return actual.isEmpty }
    if first == "…" {
        return (0...actual.count).contains { linesMatch(Array(expected.dropFirst()), Array(actual.dropFirst($0))) }
    }
    guard let a = actual.first, a == first else { return false }
    return linesMatch(Array(expected.dropFirst()), Array(actual.dropFirst()))
}

@Suite("documentation")
struct DocumentationTests {
    @Test func everyDocumentHasBlocksOfBothKinds() {
        // The chapters beside the reference show syntax in plain fences and
        // are checked by their own suites (FormsDocTests, RegexTests).
        for doc in ["README.md", "Rules/README.md"] {
            #expect(codeBlocks(doc).contains { $0.info == "rules" }, "\(doc) has a ```rules block")
            #expect(codeBlocks(doc).contains { $0.info == "console" }, "\(doc) has a ```console block")
        }
        #expect(!allBlocks.contains { $0.info == "unclosed" }, "a code fence is never closed")
    }

    @Test(arguments: allBlocks.filter { $0.info == "rules" })
    func rulesBlockLoadsClean(_ block: CodeBlock) throws {
        let loaded = RulesetLoader.load(sources: [("\(block.file):\(block.line)", block.text)])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer().render(loaded.diagnostics, files: loaded.files))")
        #expect(loaded.ruleCount > 0, "a rules block declares at least one rule")
        guard !loaded.hasErrors else { return }
        // Its own tests, if any, pass: the block's examples say true things.
        let asOf = try #require(CivilDate("2026-11-29"))
        for result in TestRunner(program: loaded.program, asOf: asOf).run() where !result.passed {
            Issue.record("test \(result.name) fails: \(result.failures.map { $0(.en) }.joined(separator: "; "))")
        }
    }

    @Test(arguments: allBlocks.filter { $0.info == "console" })
    func consoleBlockPrintsWhatItShows(_ block: CodeBlock) throws {
        var commands: [(line: String, expected: [String])] = []
        for line in block.text.components(separatedBy: "\n").dropLast() {
            if line.hasPrefix("$ ") {
                commands.append((String(line.dropFirst(2)), []))
            } else {
                try #require(!commands.isEmpty, "output before the first `$ ` line: \(line)")
                commands[commands.count - 1].expected.append(line)
            }
        }
        try #require(!commands.isEmpty, "a console block with no `$ tuanthu` line")
        for (line, expected) in commands {
            var argv = words(line)
            if argv.starts(with: ["swift", "run"]) { argv.removeFirst(2) }
            try #require(argv.first == "tuanthu", "`\(line)`: only `tuanthu` commands are run")
            let run = try runTool(Array(argv.dropFirst()), in: packageRoot)
            var actual = (run.stdout + run.stderr).components(separatedBy: "\n")
            while actual.last == "" { actual.removeLast() }
            var wanted = expected
            while wanted.last == "" { wanted.removeLast() }
            #expect(linesMatch(wanted, actual), """
                `\(line)` printed something else
                --- shown in \(block.file):\(block.line)
                \(wanted.joined(separator: "\n"))
                --- printed
                \(actual.joined(separator: "\n"))
                """)
        }
    }

    @Test func dossierFormatIsUpToDate() throws {
        let loaded = try RulesetLoader.load(paths: [packageRoot.appendingPathComponent("Rules/kl81-cantho").path])
        let command = "swift run tuanthu schema --format markdown --output Examples/DOSSIER-FORMAT.md"
        let generated = try #require(schemaMarkdown(loaded.program, command: command))
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("Examples/DOSSIER-FORMAT.md"), encoding: .utf8)
        #expect(committed == generated, "Examples/DOSSIER-FORMAT.md differs from the pack's schema; regenerate it: \(command)")
    }

    @Test func theMarkdownIsWhatTheCommandPrints() throws {
        let run = try runTool(["schema", "--format", "markdown", "Rules/kl81-cantho"], in: packageRoot)
        #expect(run.status == 0)
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("Examples/DOSSIER-FORMAT.md"), encoding: .utf8)
        #expect(run.stdout == committed)
    }

    /// The project refers to no file outside itself.
    @Test func noReferenceLeavesTheProject() throws {
        let forbidden = ["../" + "shared", "LANGUAGE" + ".md", "DOSSIER" + ".md"]
        var hits: [String] = []
        for top in ["README.md", "Rules", "Examples", "Sources", "Tests", ".ci"] {
            let url = packageRoot.appendingPathComponent(top)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            let files: [URL]
            if isFolder.boolValue {
                let e = try #require(FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil))
                files = e.compactMap { $0 as? URL }.filter { ["md", "swift", "rules", "sh", "json", "rego", "py", "txt"].contains($0.pathExtension) || $0.lastPathComponent == "run" }
            } else {
                files = [url]
            }
            for f in files {
                guard let text = try? String(contentsOf: f, encoding: .utf8) else { continue }
                for word in forbidden where text.contains(word) {
                    // The outside suites are optional and only `.ci` may look for them.
                    if top == ".ci" && word.hasPrefix("../") { continue }
                    hits.append("\(f.path.replacingOccurrences(of: packageRoot.path + "/", with: "")): \(word)")
                }
            }
        }
        #expect(hits.isEmpty, "references outside the project: \(hits)")
    }
}
