import Evaluator
import Foundation
@testable import Reporters
import Run
import Semantics
import Testing
import TuanThu

#if canImport(FoundationXML)
import FoundationXML
#endif

// What the golden files cannot say on their own: the JUnit document is
// well-formed XML even with hostile text, the SARIF run agrees with the
// findings (rule indices, columns, suppressions, notifications), the HTML
// is self-contained and escaped, the Markdown report stays under its limit.

/// A dossier whose text is hostile to every output format: XML-forbidden
/// control characters, markup, quotes, a CDATA end, a backtick.
private let hostileDossier = #"""
{"id": "X-<1>&\"2\"", "submitted_on": "2024-10-01",
 "project": {"type": "factory"},
 "plan": {"items": [{"name": "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007F ]]> <script>alert('x')</script> `tick` | pipe", "criteria": {"environment": ["x"]}}]},
 "wastewater": {"generated_m3_day": 10, "treatment": {"capacity_m3_day": 1}},
 "solid_waste": {"plan": "\u0007 <b>&amp;</b> *bold* _it_ [link](http://x) @someone"}}
"""#

/// Checks `text` as a dossier file (written to a temporary folder).
private func checkHostile(_ program: Program, _ text: String = hostileDossier) throws -> [DossierResult] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("hostile <&> \"q\".json")
    try Data(text.utf8).write(to: file)
    let checker = BatchChecker(program: program, options: CheckOptions(asOf: ReportFixture.asOf, jobs: 1))
    return checker.check([.file(path: file.path)])
}

/// Parses XML with Foundation's parser; the error, if any.
private final class XMLCheck: NSObject, XMLParserDelegate {
    var error: Error?
    var elements: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ text: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        if !parser.parse() && check.error == nil { check.error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return check
    }
}

@Suite("JUnit report")
struct JUnitReportTests {
    @Test func fixtureIsWellFormed() throws {
        let xml = try ReportFixture.golden(.junit)
        let check = XMLCheck.parse(xml)
        #expect(check.error == nil)
        #expect(check.elements["testsuite"] == 4)
        #expect(check.elements["error"] == 1)
        // KL81-3.6-EIA-02 is a warning: below the default --fail-on error, its two findings are not failures (shown in <system-out>).
        #expect(xml.contains("tests=\"14\" failures=\"3\" errors=\"1\" skipped=\"2\""))
        #expect(check.elements["system-out"] == 2)
    }

    @Test func hostileTextIsEscaped() throws {
        let program = try ReportFixture.program()
        let results = try checkHostile(program)
        let xml = ReportFixture.report(.junit, results, ReportFixture.context(program))
        let check = XMLCheck.parse(xml)
        #expect(check.error == nil, "\(xml)")
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("]]&gt;"))
    }

    @Test func escapingFunctions() {
        #expect(xmlAttribute("a<b>&\"c\"'\n\t\r") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;&#9;&#13;")
        #expect(xmlText("x\u{0}y\u{1B}z\u{FFFE}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(xmlText("line\nnext\ttab") == "line\nnext\ttab")
    }
}

@Suite("SARIF report")
struct SARIFReportTests {
    private func document() throws -> (sarif: [String: Any], results: [DossierResult]) {
        let program = try ReportFixture.program()
        let (results, _) = ReportFixture.results(program, waivers: try ReportFixture.waivers(program))
        let text = ReportFixture.report(.sarif, results, ReportFixture.context(program))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return (try #require(json as? [String: Any]), results)
    }

    @Test func runAgreesWithFindings() throws {
        let (sarif, results) = try document()
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["KL81-2-PLAN-01", "KL81-3.5-WW-01", "KL81-3.6-EIA-02", "KL81-3.5-SW-03", "tuanthu.duplicate-key", "tuanthu.duplicate-id",
                                             "tuanthu.evidence.mismatch", "tuanthu.evidence.unverified"])
        #expect((rules[3]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "note")
        #expect((rules[1]["properties"] as? [String: Any])?["citations"] as? [String] == ["1032-CV/TU item 3.5", "Luật BVMT 2020 Điều 30"])

        let sarifResults = try #require(run["results"] as? [[String: Any]])
        let findings = results.flatMap(\.findings)
        #expect(sarifResults.count == findings.count)
        let placed = results.flatMap { r in r.findings.map { r.location(of: $0) } }
        for ((r, f), at) in zip(zip(sarifResults, findings), placed) {
            #expect(r["ruleId"] as? String == f.rule)
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == f.rule)
            let location = try #require((r["locations"] as? [[String: Any]])?.first)
            let region = try #require((location["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == at.line)
            #expect(region["startColumn"] as? Int == at.column)
            let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
            #expect(logical["fullyQualifiedName"] as? String == f.pointer)
            let suppressions = r["suppressions"] as? [[String: Any]]
            #expect((suppressions != nil) == (f.waiver != nil))
            if let w = f.waiver, let s = suppressions?.first {
                #expect(s["kind"] as? String == "external")
                #expect(s["justification"] as? String == w.reason)
            }
        }
        // Column 99 on a line with Vietnamese text before the value: Unicode scalars, not bytes.
        #expect(results.contains { r in r.findings.contains { $0.rule == "KL81-3.5-WW-01" && r.location(of: $0).line == 11 && r.location(of: $0).column == 99 } })

        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1)
        let note = try #require((notes.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((note["artifactLocation"] as? [String: Any])?["uri"] as? String == "Tests/Fixtures/reports/dossiers/c-broken.json")
        #expect((note["region"] as? [String: Any])?["startLine"] as? Int == 4)
    }

    @Test func fingerprintsAreStableAndDistinct() throws {
        let first = try document().sarif
        let second = try document().sarif
        func prints(_ s: [String: Any]) -> [String] {
            ((s["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []).compactMap {
                ($0["partialFingerprints"] as? [String: String])?["tuanthu/v1"]
            }
        }
        #expect(prints(first) == prints(second))
        #expect(Set(prints(first)).count == prints(first).count)
        #expect(prints(first).count == 7)
    }

    @Test func artifactURIs() {
        #expect(artifactURI("Examples/a b.json", workingDirectory: "/w").uri == "Examples/a%20b.json")
        #expect(artifactURI("./x/y.json", workingDirectory: "/w") == ("x/y.json", true))
        #expect(artifactURI("/w/p/Đ.json", workingDirectory: "/w") == ("p/%C4%90.json", true))
        #expect(artifactURI("/elsewhere/a.json", workingDirectory: "/w") == ("file:///elsewhere/a.json", false))
        #expect(artifactURI("<stdin>", workingDirectory: nil).uri == "%3Cstdin%3E")
    }
}

@Suite("HTML report")
struct HTMLReportTests {
    @Test func selfContainedAndEscaped() throws {
        let page = try ReportFixture.golden(.html)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        for external in ["<link", "src=", "@import", "url(", "http://", "@font-face"] {
            #expect(!page.contains(external), "the page must not load `\(external)`")
        }
        #expect(page.contains("@media print"))
        // The fixture's title holds markup; it must show as text.
        #expect(page.contains("sorts at source &lt;preferred&gt; &amp; &quot;recycles&quot;"))
        #expect(!page.contains("<preferred>"))
        // Every rule on every readable dossier's checklist: 4 + 4 + 5 (duplicate key).
        #expect(page.components(separatedBy: "<tr class=\"rule\"").count - 1 == 13)
        // The blamed value is marked in the excerpt.
        #expect(page.contains("&quot;capacity_m3_day&quot;: <mark>800</mark> }"))
        #expect(page.contains("Thanh tra Sở TN&amp;MT &quot;Cần Thơ&quot;"))
    }

    @Test func hostileDossier() throws {
        let program = try ReportFixture.program()
        let page = ReportFixture.report(.html, try checkHostile(program), ReportFixture.context(program))
        #expect(!page.contains("<script>alert"))
        #expect(!page.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F })
    }

    @Test func vietnamese() throws {
        let page = try ReportFixture.golden(.html, lang: "vi")
        #expect(page.contains("<html lang=\"vi\">"))
        #expect(page.contains("Biên bản kiểm tra hồ sơ"))
        #expect(page.contains("1032-CV/TU mục 3.5"))
    }
}

@Suite("Markdown report")
struct MarkdownReportTests {
    /// 120 dossiers not passing (40 copies of the fixture batch), under a limit.
    private func longReport(limit: Int) throws -> String {
        let program = try ReportFixture.program()
        let context = ReportFixture.context(program)
        let (results, _) = ReportFixture.results(program, waivers: try ReportFixture.waivers(program))
        var writer = MarkdownReport(context)
        writer.maxLength = limit
        var summary = BatchSummary()
        var out = writer.begin()
        for _ in 0..<40 {
            for r in results {
                summary.add(r, context)
                out += writer.dossier(r)
            }
        }
        return out + writer.end(summary)
    }

    @Test(arguments: [1_800, 20_000, 65_000])
    func truncatesUnderLimit(_ limit: Int) throws {
        let out = try longReport(limit: limit)
        #expect(out.utf8.count <= limit)
        #expect(out.contains("_Report cut at \(limit) characters: "))
        #expect(out.hasPrefix("### tuanthu — reports\\_fixture 2024.07-test, as of 2025-01-15\n\nRuleset: `Tests/Fixtures/reports/fixture.rules (SHA-256 "))
        #expect(out.contains(")`\n\nPurpose: pre-validation (validity judged on the submission date); as of 2025-01-15\n\n❌ **120 / 160 dossiers not passing**"))
    }

    @Test func longTableIsCut() throws {
        let out = try longReport(limit: 20_000)
        #expect(out.contains("_… and 70 more dossiers not passing._"))
    }

    @Test func hostileTextIsInert() throws {
        let program = try ReportFixture.program()
        let text = ReportFixture.report(.markdown, try checkHostile(program), ReportFixture.context(program))
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<b>"))
        #expect(!text.contains("[link](http"))
        #expect(text.contains("\\*bold\\*"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func codeSpans() {
        #expect(code("a`b") == "``a`b``")
        #expect(code("`x") == "`` `x ``")
        #expect(md("a|b *c* <d>") == "a\\|b \\*c\\* &lt;d&gt;")
    }
}
