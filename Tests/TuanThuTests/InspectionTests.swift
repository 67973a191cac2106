import Base
import Diagnostics
import Digest
import Evaluator
import Foundation
@testable import Reporters
import Semantics
import Run
import Testing
import TuanThu

#if canImport(FoundationXML)
import FoundationXML
#endif

// Item 3.6 inspection work on a small fixture (Tests/Fixtures/inspection), so
// the goldens do not move with the bundled pack: the batch summary (text,
// JSON, Markdown, SVG charts), the resubmission diff (text, JSON), the
// inspection record, the folder HTML report, evidence files and the agency file.
// `UPDATE_GOLDEN=1 swift test --filter Inspection` rewrites the expected files.

private let fixtures = packageRootPath + "/Tests/Fixtures/inspection"
private let asOf = CivilDate("2026-11-29")!

private func relative(_ s: String) -> String { s.replacingOccurrences(of: packageRootPath + "/", with: "") }

private func program() throws -> Program { try loadFixtureRuleset("Tests/Fixtures/inspection/inspection.rules") }

private func context(_ p: Program, lang: String = "vi") -> ReportContext {
    var c = ReportContext(program: p, toolVersion: "test", asOf: asOf.description, lang: lang)
    c.rulesPath = "Tests/Fixtures/inspection/inspection.rules"
    return c
}

/// The fixture dossiers checked, with relative paths, each with its bytes.
private func checked(_ p: Program, _ paths: [String]) -> [(DossierResult, [UInt8]?)] {
    let checker = BatchChecker(program: p, options: CheckOptions(asOf: asOf, jobs: 1))
    return checker.check(paths.map { .file(path: $0) }).map { r in
        var r = r
        let bytes = FileManager.default.contents(atPath: r.file).map { [UInt8]($0) }
        r.file = relative(r.file)
        return (r, bytes)
    }
}

private func summary(_ p: Program) -> InspectionSummary {
    var s = InspectionSummary(context(p), top: 3)
    for (r, bytes) in checked(p, expandDossierPaths([fixtures + "/dossiers"]).map(\.displayPath)) { s.add(r, bytes: bytes) }
    return s
}

/// Parses XML with Foundation's parser; the error, if any.
private final class SVGCheck: NSObject, XMLParserDelegate {
    var error: Error?
    var elements: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

@Suite("inspection: batch summary")
struct InspectionSummaryTests {
    @Test(arguments: ["text", "json", "markdown"])
    func golden(_ format: String) throws {
        let s = summary(try program())
        let text = switch format {
        case "json": s.json()
        case "markdown": s.markdown(lang: "vi")
        default: s.text(lang: "vi")
        }
        try expectGolden(text, fixtures + "/expected-summary.\(format == "markdown" ? "md" : format == "json" ? "json" : "txt")")
    }

    @Test func countsByOutcomePlaceAndItem() throws {
        let s = summary(try program())
        // The sector plan gives no project type: the factory rules cannot tell whether they apply (missing).
        #expect(s.total.dossiers == 5 && s.total.pass == 1 && s.total.fail == 1 && s.total.missing == 2 && s.total.error == 1)
        #expect(s.byCommune["xã Phong Điền"]?.dossiers == 2)
        #expect(s.byCommune["—"]?.dossiers == 2, "the sector plan and the unreadable file name no commune")
        #expect(s.byLegacyDistrict["quận Thốt Nốt"]?.fail == 1)
        #expect(s.byProjectType["factory"]?.dossiers == 2)
        #expect(s.byItem["1032-CV/TU item 3.5"]?.fail == 1 && s.byItem["1032-CV/TU item 3.5"]?.missing == 2)
        #expect(s.byRule["WW-01"]?.fail == 1 && s.byRule["WW-01"]?.missing == 2)
        #expect(s.worst.map(\.file) == ["Tests/Fixtures/inspection/dossiers/e-plan.json", "Tests/Fixtures/inspection/dossiers/a-factory.json",
                                        "Tests/Fixtures/inspection/dossiers/c-missing.json"])
    }

    @Test(arguments: ["vi", "en"])
    func chartsAreWellFormedSVG(_ lang: String) throws {
        let section = summary(try program()).htmlSection(lang: lang)
        var charts = 0
        var rest = Substring(section)
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let check = SVGCheck()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = check
            let ok = parser.parse()
            #expect(ok && check.error == nil, "an SVG chart is not well-formed XML: \(String(describing: check.error))")
            #expect((check.elements["rect"] ?? 0) > 0 && (check.elements["text"] ?? 0) > 0 && (check.elements["title"] ?? 0) > 0)
            charts += 1
            rest = rest[end.upperBound...]
        }
        #expect(charts == 7, "outcome, commune, former district, kind, type, item, rule")
        #expect(!section.contains("<script"), "the charts need no script")
    }
}

@Suite("inspection: resubmission diff")
struct InspectionDiffTests {
    private func diff() throws -> DossierDiff {
        let p = try program()
        let sides = checked(p, [fixtures + "/versions/v1.json", fixtures + "/versions/v2.json"]).map {
            DiffSide(result: $0.0, bytes: $0.1, rulesetDigest: p.digest, ruleIDs: p.rules.map(\.id))
        }
        return DossierDiff(old: sides[0], new: sides[1])
    }

    @Test func textGolden() throws { try expectGolden(try diff().text(lang: "en"), fixtures + "/expected-diff.txt") }
    @Test func jsonGolden() throws { try expectGolden(try diff().json(), fixtures + "/expected-diff.json") }

    @Test func fixedNewOpenAndValues() throws {
        let d = try diff()
        #expect(d.fixed.map(\.rule) == ["WW-01", "WW-02"])
        #expect(d.added.map(\.rule) == ["MON-01"])
        #expect(d.stillOpen.isEmpty)
        #expect(d.valueChanges.map(\.pointer) == ["/wastewater/capacity_m3_day", "/wastewater/generated_m3_day", "/wastewater/cod_mg_l", "/monitoring_per_year"].filter { p in
            d.valueChanges.contains { $0.pointer == p }
        })
        let cod = try #require(d.valueChanges.first { $0.pointer == "/wastewater/cod_mg_l" })
        #expect(cod.old == "168" && cod.new == "148" && cod.rules == ["WW-02"])
        #expect(!d.valueChanges.contains { $0.pointer == "/wastewater/generated_m3_day" }, "an unchanged value is not listed")
        #expect(d.fails(.warning) && !d.fails(.error) && !d.fails(nil))
    }

    @Test func reportsGiveTheSameFindings() throws {
        let p = try program()
        let c = context(p)
        let sides = try checked(p, [fixtures + "/versions/v1.json", fixtures + "/versions/v2.json"]).map { r, _ in
            let json = "{\"format\": \"tuanthu/1\", \"ruleset\": {\"sha256\": \"\(p.digest)\"}, \"dossiers\": [" + dossierJSON(r, c).serialized() + "]}"
            return try DiffSide(report: Array(json.utf8), path: r.file)
        }
        let d = DossierDiff(old: sides[0], new: sides[1])
        let fromDossiers = try diff()
        #expect(d.fixed.map(\.key) == fromDossiers.fixed.map(\.key))
        #expect(d.added.map(\.key) == fromDossiers.added.map(\.key))
        #expect(d.ruleChanges.map(\.id) == fromDossiers.ruleChanges.map(\.id))
        // The dossier files are still there with the reports' digests: values read from them.
        #expect(d.valueChanges.first { $0.pointer == "/wastewater/cod_mg_l" }?.old == "168")
    }

    @Test func aBatchReportIsRefused() throws {
        let two = #"{"format": "tuanthu/1", "dossiers": [{"file": "a"}, {"file": "b"}]}"#
        #expect(throws: DiffInputError.self) { try DiffSide(report: Array(two.utf8), path: "r.json") }
        let none = #"{"format": "tuanthu/1"}"#
        #expect(throws: DiffInputError.self) { try DiffSide(report: Array(none.utf8), path: "r.json") }
    }
}

@Suite("inspection: record")
struct InspectionRecordTests {
    private func record(lang: String) throws -> String {
        let p = try program()
        let agency = try AgencyFile.load(path: fixtures + "/agency.json")
        let (r, bytes) = checked(p, [fixtures + "/dossiers/a-factory.json"])[0]
        return InspectionRecordWriter(context(p, lang: lang), agency: agency).render(r, bytes: bytes)
    }

    @Test func htmlGolden() throws { try expectGolden(try record(lang: "vi"), fixtures + "/expected-record.html") }

    @Test func printLayout() throws {
        let vi = try record(lang: "vi"), en = try record(lang: "en")
        #expect(vi.contains("@page { size: A4;") && vi.contains(#"content: "Trang " counter(page) " / " counter(pages)"#))
        #expect(en.contains(#"content: "Page " counter(page) " of " counter(pages)"#))
        #expect(vi.contains("article.finding { border: 0.6pt solid #000; padding: 4pt 8pt; margin: 6pt 0; break-inside: avoid;"))
        // Findings in the order of the letter's items: item 3.5 before 3.6.
        let i35 = try #require(vi.range(of: "Mục 3.5")), i36 = vi.range(of: "Mục 3.6")
        #expect(i36 == nil || i35.lowerBound < i36!.lowerBound)
        #expect(vi.contains("Cần Thơ, ngày 29 tháng 11 năm 2026") && en.contains("Cần Thơ, 29 November 2026"))
        #expect(vi.contains("Nguyễn Văn An") && vi.contains("Lê Hoàng Phúc") && vi.contains("15/BB-KTMT"))
        // File names break between words: a line-break opportunity after `/`, `-`, `.`.
        #expect(vi.contains("a-<wbr>factory.<wbr>json"))
    }

    @Test(arguments: [
        (#"["x"]"#, "E4301"),
        (#"{"agency": 5}"#, "E4302"),
        (#"{"agency": "A", "inspectors": [{"title": "x"}]}"#, "E4304"),
        (#"{"agency": "A", "inspection_number": "1"}"#, "E4303"),
        (#"{"place": "Cần Thơ"}"#, "E4304"),
        (#"{"agency": "A", "date": "29/11/2026"}"#, "E4305"),
        (#"{"agency": "A", "agency": "B"}"#, "E4303"),
    ])
    func agencyFileErrors(_ text: String, _ code: String) throws {
        do {
            _ = try AgencyFile.parse(bytes: Array(text.utf8), path: "a.json")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.diagnostics.map(\.code.rawValue).contains(code), "\(error.rendered())")
        }
    }

    @Test func agencyFileReadsEveryKey() throws {
        let a = try AgencyFile.load(path: fixtures + "/agency.json")
        #expect(a == AgencyInfo(agency: "Sở Nông nghiệp và Môi trường", parentAgency: "Ủy ban nhân dân thành phố Cần Thơ",
                                inspectionNo: "15/BB-KTMT", date: "2026-11-29", place: "Cần Thơ",
                                inspectors: [RecordPerson(name: "Nguyễn Văn An", title: "Trưởng đoàn"), RecordPerson(name: "Trần Thị Bích Ngọc")],
                                representative: RecordPerson(name: "Lê Hoàng Phúc", title: "Phó Giám đốc")))
    }
}

@Suite("inspection: evidence files")
struct InspectionEvidenceTests {
    private static let rules = """
        rule A {
          require a > 0
        }

        """

    /// A dossier naming `evidence/doc.txt` with `digest`, in a fresh folder holding `file` (nil: no file).
    private func check(file: String?, digest: String) throws -> DossierResult {
        let dir = try makeTemporaryFolder("tuanthu-evidence")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        if let file { try Data(file.utf8).write(to: dir.appendingPathComponent("evidence/doc.txt")) }
        let dossier = #"{"a": 1, "evidence": [{"claim": "/a", "file": "evidence/doc.txt", "sha256": "\#(digest)"}]}"#
        try Data(dossier.utf8).write(to: dir.appendingPathComponent("d.json"))
        let p = try loadProgram(Self.rules, path: "r.rules")
        return BatchChecker(program: p, options: CheckOptions(asOf: asOf, jobs: 1)).check([.file(path: dir.appendingPathComponent("d.json").path)])[0]
    }

    private static let text = "Quyết định phê duyệt ĐTM\n"
    private static var digest: String { SHA256.hex(Array(text.utf8)) }

    @Test func aMatchingFileIsVerified() throws {
        let r = try check(file: Self.text, digest: Self.digest)
        #expect(r.findings.isEmpty && r.outcome == .pass)
    }

    @Test func aChangedFileIsAnError() throws {
        let r = try check(file: Self.text + "sửa", digest: Self.digest)
        #expect(r.findings.map(\.rule) == ["tuanthu.evidence.mismatch"] && r.findings[0].severity == .error)
        #expect(r.findings[0].pointer == "/evidence/0/sha256" && r.location(of: r.findings[0]).line == 1)
        #expect(r.outcome == .fail)
    }

    @Test func anAbsentFileIsNeverAPass() throws {
        let r = try check(file: nil, digest: Self.digest)
        #expect(r.findings.map(\.rule) == ["tuanthu.evidence.unverified"] && r.findings[0].kind == .missing)
        #expect(r.outcome == .missing)
    }

    @Test func aStreamRecordIsLeftToTheRules() throws {
        let p = try loadProgram(Self.rules, path: "r.rules")
        let line = #"{"a": 1, "evidence": [{"claim": "/a", "file": "doc.txt", "sha256": "\#(Self.digest)"}]}"#
        var r = Evaluator(program: p, asOf: asOf).check(bytes: Array(line.utf8), path: "<stdin>")
        verifyEvidence(&r, bytes: Array(line.utf8), folder: nil)
        #expect(r.findings.isEmpty && r.outcome == .pass, "no folder: nothing to look up")
    }
}

@Suite("inspection: folder HTML report")
struct InspectionFolderReportTests {
    @Test func writesAnIndexASummaryAndAPagePerDossier() throws {
        let p = try program()
        let dir = try makeTemporaryFolder("tuanthu-html-dir")
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = HTMLDirectoryReport(context(p), directory: dir.path)
        var writer: any ReportWriter = folder
        var waivers: WaiverApplier? = nil
        let inputs = expandDossierPaths([fixtures + "/dossiers"])
        var k = 0
        let checker = BatchChecker(program: p, options: CheckOptions(asOf: asOf, jobs: 2))
        let batch = checkAndReport(checker, next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, writer: &writer,
                                   context: context(p), waivers: &waivers, write: { #expect($0.isEmpty) })
        #expect(folder.failure == nil && batch.dossiers == 5)
        let fm = FileManager.default
        let pages = try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("dossiers").path).sorted()
        #expect(pages == ["00001.html", "00002.html", "00003.html", "00004.html", "00005.html"])
        let index = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.components(separatedBy: "<tr class=o-").count - 1 == 5)
        #expect(index.contains("<a href=dossiers/00001.html>") && index.contains("<script>"))
        #expect(index.contains("<link rel=\"stylesheet\" href=\"report.css\">"))
        let page = try String(contentsOf: dir.appendingPathComponent("dossiers/00001.html"), encoding: .utf8)
        #expect(page.contains("href=\"../report.css\"") && page.contains("WW-01") && !page.contains("<style>"))
        let summaryPage = try String(contentsOf: dir.appendingPathComponent("summary.html"), encoding: .utf8)
        #expect(summaryPage.contains("<svg") && summaryPage.contains("phường Thốt Nốt"))
        #expect(fm.fileExists(atPath: dir.appendingPathComponent("report.css").path))
    }

    /// A dossier whose only finding is a warning passes with warnings: the
    /// index rows, badges and filter say so, as the dossier's page does.
    @Test func theIndexShowsAPassWithWarningsAsSuch() throws {
        let p = try loadProgram("rule W {\n severity warning\n require a > 1\n}\n")
        let dir = try makeTemporaryFolder("tuanthu-html-warned")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = ReportContext(program: p, toolVersion: "test", asOf: "2026-11-29", lang: "vi", color: false, failOn: .error)
        let folder = HTMLDirectoryReport(c, directory: dir.path)
        var writer: any ReportWriter = folder
        var waivers: WaiverApplier? = nil
        var inputs = [DossierInput.document(bytes: Array(#"{"a": 1}"#.utf8), name: "d.json")]
        let checker = BatchChecker(program: p, options: CheckOptions(asOf: asOf, jobs: 1))
        _ = checkAndReport(checker, next: { inputs.popLast() }, writer: &writer, context: c, waivers: &waivers, write: { _ in })
        let index = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<tr class=o-pass_with_warnings>"), "\(index)")
        #expect(index.contains("<span class=\"badge o-pass_with_warnings\">ĐẠT (có cảnh báo)</span>"))
        #expect(index.contains("<option value=\"o-pass_with_warnings\">ĐẠT (có cảnh báo)</option>"))
        #expect(!index.contains("class=o-fail"))
        let css = try String(contentsOf: dir.appendingPathComponent("report.css"), encoding: .utf8)
        #expect(css.contains(".badge.o-pass_with_warnings {"))
    }
}
