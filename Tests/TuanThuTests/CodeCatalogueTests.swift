import Diagnostics
import Foundation
import Testing

// The diagnostic code catalogue is complete and true: every code written in
// Sources/ has an entry, every entry's example makes the built tool emit its
// code, and Rules/DIAGNOSTICS.md is what the catalogue generates.

/// Every `"E1234"`/`"W1234"` string literal in the Swift files under Sources/.
private func codesUsedInSources() throws -> [String: [String]] {
    let sources = packageRoot.appendingPathComponent("Sources")
    let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
    var used: [String: [String]] = [:]
    let catalogue = "CodeCatalogue.swift"
    for case let url as URL in enumerator where url.pathExtension == "swift" && url.lastPathComponent != catalogue {
        let text = try String(contentsOf: url, encoding: .utf8)
        let bytes = Array(text.utf8)
        // A quote, E or W, four digits, a quote.
        var i = 0
        while i + 6 < bytes.count {
            if bytes[i] == 0x22, bytes[i + 1] == 0x45 || bytes[i + 1] == 0x57, bytes[i + 6] == 0x22,
               bytes[(i + 2)...(i + 5)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let code = String(decoding: bytes[(i + 1)...(i + 5)], as: UTF8.self)
                used[code, default: []].append(url.lastPathComponent)
                i += 6
            } else {
                i += 1
            }
        }
    }
    return used
}

@Suite("diagnostic code catalogue")
struct CodeCatalogueTests {
    @Test func everyCodeUsedInSourcesIsCatalogued() throws {
        let used = try codesUsedInSources()
        #expect(used.count > 50, "the scan of Sources/ found too few codes: \(used.keys.sorted())")
        let catalogued = Set(CodeCatalogue.entries.map(\.code))
        for (code, files) in used.sorted(by: { $0.key < $1.key }) where !catalogued.contains(code) {
            Issue.record("\(code) (used in \(Set(files).sorted().joined(separator: ", "))) is missing from Sources/Diagnostics/CodeCatalogue.swift")
        }
    }

    @Test func everyCataloguedCodeIsUsedAndListedOnce() throws {
        let used = try codesUsedInSources()
        let codes = CodeCatalogue.entries.map(\.code)
        #expect(codes.count == Set(codes).count, "a code is catalogued twice")
        for code in codes { #expect(used[code] != nil, "\(code) is catalogued but no source emits it") }
        for e in CodeCatalogue.entries {
            #expect(!e.title.isEmpty && !e.explanation.isEmpty && !e.fix.isEmpty && !e.example.arguments.isEmpty, "\(e.code)")
            #expect(e.title.first?.isUppercase == false && e.title.last != ".", "\(e.code): a title starts lowercase and has no final period")
        }
    }

    /// Only E3009 (a 4 GiB document) cannot be shown by a runnable example.
    @Test func onlyTheseExamplesAreNotRun() {
        #expect(CodeCatalogue.entries.filter { $0.example.notRunnable != nil }.map(\.code) == ["E3009"])
    }

    @Test(arguments: CodeCatalogue.entries.filter { $0.example.notRunnable == nil }.map(\.code))
    func exampleEmitsItsCode(_ code: String) throws {
        let entry = try #require(CodeCatalogue.entry(code))
        let folder = try makeTemporaryFolder("tuanthu-code-\(code)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for f in entry.example.files {
            try Data(f.bytes).write(to: folder.appendingPathComponent(f.name))
        }
        let run = try runTool(entry.example.arguments, in: folder)
        let output = run.stdout + run.stderr
        let kind = code.hasPrefix("W") ? "warning" : "error"
        #expect(output.contains("\(kind)[\(code)]"), "`tuanthu \(entry.example.arguments.joined(separator: " "))` did not emit \(code):\n\(output)")
        #expect(code.hasPrefix("W") ? true : run.status != 0, "exit \(run.status) for an error")
    }

    @Test func explainCodePrintsTheEntry() throws {
        let run = try runTool(["explain-code", "e2017"], in: packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout == CodeCatalogue.explanation(try #require(CodeCatalogue.entry("E2017"))))
        #expect(run.stdout.hasPrefix("E2017: invalid regular expression\n"))
        #expect(run.stdout.contains("\n    rule A {\n      require matches(\"abc\", \"[a-\")\n    }\n\nHow to fix it: "))
    }

    /// A retired code is no longer emitted; `explain-code` names its successor
    /// and prints that entry, which says what the old code was.
    @Test(arguments: CodeCatalogue.renamed.sorted { $0.key < $1.key })
    func aRenamedCodeLeadsToItsSuccessor(_ old: String, _ new: String) throws {
        #expect(CodeCatalogue.entry(old) == nil)
        let entry = try #require(CodeCatalogue.entry(new))
        #expect(entry.explanation.contains("was the warning \(old)"))
        let run = try runTool(["explain-code", old.lowercased(), "--lang", "en"], in: packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout == CodeCatalogue.explanation(entry))
        #expect(run.stderr == "note: `\(old)` is now `\(new)`: an error, no longer a warning\n")
    }

    @Test(arguments: CodeCatalogue.entries.map(\.code))
    func explanationIsTidy(_ code: String) throws {
        let text = CodeCatalogue.explanation(try #require(CodeCatalogue.entry(code)))
        #expect(text.hasPrefix("\(code): "))
        #expect(!text.contains("\n\n\n"), "no run of blank lines")
        #expect(text.hasSuffix(".\n") || text.hasSuffix("`\n") || text.hasSuffix(")\n"))
    }

    @Test func anUnknownCodeIsAUsageErrorWithASuggestion() throws {
        let run = try runTool(["explain-code", "E217", "--lang", "en"], in: packageRoot)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: unknown diagnostic code `E217`"))
        #expect(run.stderr.contains("did you mean `E2017`?"))
    }

    @Test func diagnosticsIndexIsUpToDate() throws {
        let url = packageRoot.appendingPathComponent("Rules/DIAGNOSTICS.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == CodeCatalogue.markdown(),
                "Rules/DIAGNOSTICS.md differs from the catalogue; regenerate it: swift run tuanthu explain-code --markdown > Rules/DIAGNOSTICS.md")
    }
}
