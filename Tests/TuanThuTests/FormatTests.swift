import Format
import Foundation
import Testing

// Short input → output pairs for single layout decisions, in go/parser's
// short_test.go style; the golden files cover whole files.

/// (input, expected output) pairs.
private let layoutCases: [(String, String)] = [
    // Keywords and punctuation spaced canonically; one meta per line.
    ("rule R{severity error title\"t\"require a==1}", "rule R {\n  title \"t\"\n  severity error\n  require a == 1\n}\n"),
    // An empty block stays `{}`.
    ("rule R {\n\n}", "rule R {}\n"),
    // At most one blank line, none just inside a brace, none before `}`.
    ("rule R {\n\n\n  require a\n\n\n\n  require b\n\n}\n", "rule R {\n  require a\n\n  require b\n}\n"),
    // Consecutive lets keep the author's grouping; other declarations get a blank line.
    ("let a = 1\nlet b = 2\n\n\nlet c = 3\nrule R { require a }", "let a = 1\nlet b = 2\n\nlet c = 3\n\nrule R {\n  require a\n}\n"),
    // `else` on its own line; further languages under the first tag.
    ("rule R { require a else vi \"x\" en \"y\" }", "rule R {\n  require a\n    else vi \"x\"\n         en \"y\"\n}\n"),
    ("rule R { require a else \"x\" }", "rule R {\n  require a\n    else \"x\"\n}\n"),
    // Numbers and dates as written.
    ("let a = 1_000_000 + 1e6 + 0.50\nlet d = 2024-02-29", "let a = 1_000_000 + 1e6 + 0.50\nlet d = 2024-02-29\n"),
    // Unary operators.
    ("let a = - -x\nlet b = not(x)\nlet c = -(1)", "let a = - -x\nlet b = not (x)\nlet c = -(1)\n"),
    // Strings re-escaped; interpolations printed from the tree.
    (#"let s = "a\u{62}\"{ x+1 }\"{{}}\u{200B}""#, #"let s = "ab\"{x + 1}\"{{}}\u{200B}""# + "\n"),
    // An interpolated object keeps a space after `{` so it does not read as `{{`.
    (#"let s = "{ {"a": 1}["a"] }""#, #"let s = "{ { "a": 1 }["a"] }""# + "\n"),
    // A quoted field name that is an identifier loses its quotes; others keep them.
    ("schema { \"a\": string, \"b c\"?: number }", "schema {\n  a: string\n  \"b c\"?: number\n}\n"),
    // Trailing commas are dropped.
    ("let l = [1, 2,]\nlet o = {\"a\": 1,}", "let l = [1, 2]\nlet o = { \"a\": 1 }\n"),
    // Comments: end-of-line stays at the end of its line, own-line stays on its own line.
    ("let a = 1 // one\n// two\nlet b = 2", "let a = 1 // one\n// two\nlet b = 2\n"),
    ("let a = f(/* x */ 1)", "let a = f(/* x */ 1)\n"),
    // A comment moves with the meta it belongs to.
    ("rule R {\n  require a // req\n  // about the hint\n  hint \"h\" // hint\n}", "rule R {\n  // about the hint\n  hint \"h\" // hint\n  require a // req\n}\n"),
    // A line comment inside an expression breaks it there.
    ("let a = x and // why\n y", "let a = x and // why\n  y\n"),
    // BOM dropped, CRLF made LF, trailing blanks removed.
    ("\u{FEFF}let a = 1 \r\nlet b = 2\t\r\n", "let a = 1\nlet b = 2\n"),
    // Nothing in, nothing out.
    ("", ""),
    ("\n\n", ""),
]

@Suite("fmt layout")
struct FormatLayoutTests {
    @Test("short cases", arguments: layoutCases)
    func layout(input: String, expected: String) throws {
        let output = try FormatFixtures.format(input)
        #expect(output == expected)
        #expect(try FormatFixtures.format(output) == output, "not idempotent")
        #expect(commentTexts(input) == commentTexts(output))
        #expect(meaning(input) == meaning(output))
    }

    @Test("a line of exactly 100 columns stays; one more breaks")
    func lineWidth() throws {
        // Indent (2) + `require ` (8) + operands joined by ` and ` (5).
        let fits = "  require " + String(repeating: "a", count: 40) + " and " + String(repeating: "b", count: 45)
        #expect(fits.count == 100)
        let input = "rule R {\n\(fits)\n}\n"
        #expect(try FormatFixtures.format(input) == input)
        let long = "rule R {\n\(fits)b\n}\n"
        let expected = "rule R {\n  require " + String(repeating: "a", count: 40) + " and\n    " + String(repeating: "b", count: 46) + "\n}\n"
        #expect(try FormatFixtures.format(long) == expected)
    }

    @Test("a long list breaks one item per line; nested groups break only when needed")
    func nestedBreaking() throws {
        let items = (1...12).map { "plan.item_number_\($0)" }.joined(separator: ", ")
        let output = try FormatFixtures.format("let xs = [\(items)]\nlet ys = f([1, 2], g(3))")
        let lines = output.split(separator: "\n")
        #expect(lines.first == "let xs = [")
        #expect(lines.contains("  plan.item_number_7,"))
        #expect(lines.contains("let ys = f([1, 2], g(3))"))
        #expect(lines.allSatisfy { $0.count <= RulesFormatter.lineWidth })
    }

    @Test("a long list of literals fills its lines")
    func fill() throws {
        let items = (1...30).map { "\"v\($0)\"" }.joined(separator: ", ")
        let output = try FormatFixtures.format("let xs = [\(items)]")
        let lines = output.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("  \"v1\", \"v2\", "))
        #expect(lines.allSatisfy { $0.count <= RulesFormatter.lineWidth })
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count > RulesFormatter.lineWidth - 8 || $0.hasSuffix("\"v30\"") })
    }
}

@Suite("fmt refuses what does not parse")
struct FormatRefusalTests {
    @Test(
        "syntax errors are returned, not formatted",
        arguments: [
            "rule {",
            "rule R { require }",
            "let = 3",
            "rule R { title \"unterminated }",
            "test \"t\" { expect R pass }",
            "/* never closed",
        ])
    func refused(input: String) {
        let result = RulesFormatter.format(input)
        #expect(result.text == nil)
        #expect(result.diagnostics.contains { $0.severity == .error })
    }
}

@Suite("fmt --check diff")
struct LineDiffTests {
    @Test("equal texts give no diff")
    func equal() {
        #expect(LineDiff.unified(old: "a\nb\n", new: "a\nb\n", path: "f") == "")
    }

    @Test("one changed line in context")
    func oneChange() {
        let old = "1\n2\n3\n4\n5\n6\n7\n"
        let new = "1\n2\n3\nfour\n5\n6\n7\n"
        let expected = "--- f\n+++ f (formatted)\n@@ -2,5 +2,5 @@\n 2\n 3\n-4\n+four\n 5\n 6\n"
        #expect(LineDiff.unified(old: old, new: new, path: "f") == expected)
    }

    @Test("a long, wholly different text gives a short diff")
    func bounded() {
        let old = (1...5000).map { "old \($0)" }.joined(separator: "\n")
        let new = (1...5000).map { "new \($0)" }.joined(separator: "\n")
        let diff = LineDiff.unified(old: old, new: new, path: "f")
        #expect(diff.split(separator: "\n").count < 100)
        #expect(diff.hasSuffix("… more changes\n"))
    }

    @Test("insertions and deletions")
    func insertDelete() {
        let diff = LineDiff.unified(old: "a\nb\nc\n", new: "a\nc\nd\n", path: "f", context: 0)
        #expect(diff.contains("-b\n"))
        #expect(diff.contains("+d\n"))
        #expect(!diff.contains("-a"))
    }
}

@Suite("fmt test helpers")
struct FormatHelperTests {
    @Test("the meaning dump tells different trees apart and ignores layout")
    func meaningDump() {
        #expect(meaning("let a = 1") != meaning("let a = 2"))
        #expect(meaning("let a = b.c") != meaning("let a = b[\"c\"]"))
        #expect(meaning("let a = (1)") != meaning("let a = 1"))
        #expect(meaning("let a =\n  1 // c") == meaning("let a = 1"))
        #expect(meaning("rule R { hint \"h\" title \"t\" }") == meaning("rule R { title \"t\" hint \"h\" }"))
        #expect(meaning("rule R { title \"a\" title \"b\" }") != meaning("rule R { title \"b\" title \"a\" }"))
    }
}
