import Diagnostics
import Foundation
import Testing

// The renderer's output, as golden files in Tests/Fixtures/diagnostics/:
// carets under Vietnamese text (NFC and NFD), tabs, wide characters,
// secondary labels, the first line, multi-line spans, NDJSON records that
// start deep in their stream, and very long lines.

private let folder = fixturesRoot.appendingPathComponent("diagnostics")

/// The span of the `occurrence`-th appearance of `needle` in `file`.
private func span(of needle: String, in file: SourceFile, occurrence: Int = 0) -> Span {
    let n = Array(needle.utf8)
    var seen = 0
    var i = 0
    while i + n.count <= file.bytes.count {
        if Array(file.bytes[i..<i + n.count]) == n {
            if seen == occurrence { return Span(file: file.id, start: UInt32(i), end: UInt32(i + n.count)) }
            seen += 1
        }
        i += 1
    }
    Issue.record("`\(needle)` not found")
    return Span(file: file.id, start: 0, end: 0)
}

private func render(_ d: Diagnostic, _ files: SourceMap, maxLineWidth: Int = 120) -> String {
    DiagnosticRenderer(colorize: false, maxLineWidth: maxLineWidth).render([d], files: files)
}

/// The underline rows of a rendering: the lines after the gutter bar that hold carets or dashes.
private func underlineRows(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.contains(" | ") && ($0.contains("^") || $0.contains("-")) && $0.trimmingCharacters(in: .whitespaces).hasPrefix("|") }
}

/// The display column (0-based, after the gutter) of the first caret in a rendering.
private func caretColumn(_ text: String) -> Int? {
    guard let row = text.split(separator: "\n").first(where: { $0.contains("^") && $0.trimmingCharacters(in: .whitespaces).hasPrefix("|") }) else { return nil }
    let afterBar = row[row.index(after: row.firstIndex(of: "|")!)...].dropFirst()
    return afterBar.prefix { $0 == " " }.count
}

private let vietnameseLines = [
    "{",
    "  \"project\": {",
    "    \"tên_dự_án\": \"Nhà máy chế biến thủy sản Trà Nóc\", \"nhóm\": \"V\",",
    "    \"địa_điểm\": \"Phường Bình Thủy\"",
    "  }",
    "}",
]

@Suite("Diagnostics renderer")
struct DiagnosticsRendererTests {
    private func vietnamese(_ form: String) -> (String, Diagnostic, SourceMap) {
        let text = vietnameseLines.joined(separator: "\n") + "\n"
        let normalized = form == "nfd" ? text.decomposedStringWithCanonicalMapping : text.precomposedStringWithCanonicalMapping
        var files = SourceMap()
        let file = files.add(path: "dossier-\(form).json", bytes: Array(normalized.utf8))
        let d = Diagnostic.error(
            "E3101", "invalid value `V` for `nhóm`", at: span(of: "\"V\"", in: file), label: "expected `I`, `II`, `III` or `IV`",
            help: "environmental risk groups are I to IV (LEP Art. 28)")
        return (normalized, d, files)
    }

    @Test(arguments: ["nfc", "nfd"])
    func caretsUnderVietnameseText(_ form: String) {
        let (_, d, files) = vietnamese(form)
        expectGolden(render(d, files), at: folder.appendingPathComponent("vietnamese-\(form).expected.txt"))
    }

    @Test func nfcAndNFDPutTheCaretInTheSameColumn() {
        let (nfcText, nfc, nfcFiles) = vietnamese("nfc")
        let (nfdText, nfd, nfdFiles) = vietnamese("nfd")
        #expect(nfcText.utf8.count < nfdText.utf8.count)
        let a = render(nfc, nfcFiles), b = render(nfd, nfdFiles)
        #expect(underlineRows(a) == underlineRows(b))
        // The caret sits under the value's quote: after 4 spaces, `"tên_dự_án": "Nhà máy chế biến thủy sản Trà Nóc", "nhóm": `.
        #expect(caretColumn(a) == 4 + "\"tên_dự_án\": \"Nhà máy chế biến thủy sản Trà Nóc\", \"nhóm\": ".count)
    }

    @Test func tabsExpandToFourColumns() {
        var files = SourceMap()
        let file = files.add(path: "tabs.json", bytes: Array("{\n\t\"id\":\t\"CT-1\",\n\t\"households\":\t-5\n}\n".utf8))
        let d = Diagnostic.error("E3102", "`households` must not be negative", at: span(of: "-5", in: file), label: "found -5")
        let text = render(d, files)
        expectGolden(text, at: folder.appendingPathComponent("tabs.expected.txt"))
        #expect(caretColumn(text) == 4 + "\"households\":".count + 4 - 1 + 1)
    }

    @Test func wideCharactersTakeTwoColumns() {
        var files = SourceMap()
        let file = files.add(path: "wide.json", bytes: Array("{\"ghi_chú\": \"环境 🌊 sông\", \"x\": tru}\n".utf8))
        let d = Diagnostic.error("E3001", "expected a value, found `tru`", at: span(of: "tru", in: file))
        let text = render(d, files)
        expectGolden(text, at: folder.appendingPathComponent("wide.expected.txt"))
        #expect(caretColumn(text) == "{\"ghi_chú\": \"".count + 4 + 1 + 2 + " sông\", \"x\": ".count)
    }

    @Test func secondaryLabelsOnOtherLinesAndTheSameLine() {
        var files = SourceMap()
        let text = """
            {
              "id": "CT-2025-0142",
              "kind": "investment_project",
              "submitted_on": "2025-03-14",
              "project": {"name": "Khu dân cư"},
              "location": {"commune": "Xã Thới Lai"},
              "id": "CT-2025-0143", "id": "CT-2025-0144"
            }

            """
        let file = files.add(path: "duplicates.json", bytes: Array(text.utf8))
        let d = Diagnostic.warning(
            "W3001", "duplicate key `id` in one object", at: span(of: "\"id\"", in: file, occurrence: 1), label: "repeated here",
            secondary: [
                Label(span(of: "\"id\"", in: file, occurrence: 0), "first here"),
                Label(span(of: "\"id\"", in: file, occurrence: 2), "and again"),
            ],
            notes: ["tools disagree on which copy wins"], help: "keep one of them")
        expectGolden(render(d, files), at: folder.appendingPathComponent("secondary-labels.expected.txt"))
    }

    @Test func labelOnTheFirstLine() {
        var files = SourceMap()
        let file = files.add(path: "first-line.json", bytes: Array("[\"một\", \"hai\",]\n".utf8))
        let d = Diagnostic.error("E3001", "expected a value after ',', found `]`", at: span(of: "]", in: file), label: "expected a value")
        expectGolden(render(d, files), at: folder.appendingPathComponent("first-line.expected.txt"))
    }

    @Test func multiLineSpanIsUnderlinedToTheEndOfItsFirstLine() {
        var files = SourceMap()
        let file = files.add(path: "multi-line.json", bytes: Array("{\n  \"eia\": {\n    \"decision_no\": null\n  },\n  \"id\": 1\n}\n".utf8))
        let start = span(of: "{\n    \"decision", in: file)
        let end = span(of: "},", in: file)
        let d = Diagnostic.error(
            "E3103", "`eia` must name its decision", at: Span(file: file.id, start: start.start, end: end.end), label: "this object")
        expectGolden(render(d, files), at: folder.appendingPathComponent("multi-line.expected.txt"))
    }

    @Test func ndjsonRecordKeepsItsLineNumberInTheStream() {
        var files = SourceMap()
        let file = files.add(path: "batch.ndjson", bytes: Array(#"{"id": "CT-7", "kind": "public_works" "stage": "operation"}"#.utf8), firstLine: 98)
        let d = Diagnostic.error(
            "E3001", "expected ',' or '}' after an object member, found `\"stage\"`", at: span(of: "\"stage\"", in: file),
            help: "a comma is probably missing before this")
        let text = render(d, files)
        expectGolden(text, at: folder.appendingPathComponent("ndjson-first-line.expected.txt"))
        #expect(text.contains("--> batch.ndjson:98:39"))
    }

    @Test func labelInAnotherFileIsListedByPath() {
        var files = SourceMap()
        let rules = files.add(path: "Rules/kl81.rules", bytes: Array("rule KL81-2-CLS-01 {\n  require project.env_group\n}\n".utf8))
        let dossier = files.add(path: "Examples/a.json", bytes: Array("{\n  \"project\": {}\n}\n".utf8))
        let d = Diagnostic.error(
            "E9001", "`project.env_group` is missing", at: span(of: "{}", in: dossier), label: "no `env_group` here",
            secondary: [Label(span(of: "project.env_group", in: rules), "required by this rule")])
        expectGolden(render(d, files), at: folder.appendingPathComponent("foreign-label.expected.txt"))
    }

    @Test func errorAtTheEndOfTheFile() {
        var files = SourceMap()
        let file = files.add(path: "truncated.json", bytes: Array("{\"id\": \"CT-1\",".utf8))
        let d = Diagnostic.error("E3001", "expected a string key, found end of input", at: Span(file: file.id, start: UInt32(file.bytes.count), end: UInt32(file.bytes.count + 1)))
        expectGolden(render(d, files), at: folder.appendingPathComponent("end-of-file.expected.txt"))
    }

    @Test func longLineIsCutAroundThePrimaryLabel() {
        var files = SourceMap()
        var record = #"{"id": "CT-2025-0142", "plan": {"items": ["#
        for k in 0..<40 { record += #"{"id": "KH-\#(k)", "name": "Trồng cây xanh ven sông Hậu"}, "# }
        record += #"{"id": "KH-40" "name": "Kè"}]}}"#
        let file = files.add(path: "minified.json", bytes: Array(record.utf8))
        let d = Diagnostic.error(
            "E3001", "expected ',' or '}' after an object member, found `\"name\"`", at: span(of: "\"name\": \"Kè\"", in: file),
            label: "expected ',' before this", secondary: [Label(span(of: "{\"id\": \"KH-40\"", in: file), "this object")])
        let text = render(d, files, maxLineWidth: 80)
        expectGolden(text, at: folder.appendingPathComponent("long-line.expected.txt"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count < 100 })
        // The caret sits under the `"` of `"name"`.
        let lines = text.split(separator: "\n").map { Array($0) }
        if let caretRow = lines.firstIndex(where: { $0.contains("^") }) {
            let column = lines[caretRow].firstIndex(of: "^")!
            #expect(lines[caretRow - 1][column] == "\"")
            #expect(lines[caretRow - 1][column + 1] == "n")
        } else {
            Issue.record("no caret")
        }
    }
}
