import Diagnostics
import Foundation
import Testing
import TuanThu

// Every ```rules snippet of Rules/FORMS.md loads with no diagnostic at
// all (it lints clean), is already formatted, and its `test` blocks pass.

@Suite("Rules/FORMS.md examples")
struct FormsDocTests {
    static let snippets: [String] = {
        let url = FormatFixtures.root.appendingPathComponent("Rules/FORMS.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [String] = []
        var current: [String]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```rules" {
                current = []
            } else if current != nil, line == "```" {
                out.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(String(line))
            }
        }
        return out
    }()

    @Test func thereIsAnExamplePerForm() {
        #expect(Self.snippets.count == 6)
    }

    @Test(arguments: snippets) func exampleLintsFormatsAndPassesItsTests(_ snippet: String) throws {
        let loaded = RulesetLoader.load(sources: [("FORMS.rules", snippet)])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer().render(loaded.diagnostics, files: loaded.files))")
        #expect(try FormatFixtures.format(snippet) == snippet)
        let results = TestRunner(program: loaded.program, asOf: evalAsOf).run()
        #expect(!results.isEmpty)
        for r in results { #expect(r.passed, "\(r.name): \(r.failures)") }
    }
}
