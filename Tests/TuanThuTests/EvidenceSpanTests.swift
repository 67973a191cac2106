import Diagnostics
import Evaluator
import Foundation
import JSON
import Reporters
import Run
import Testing

// Evidence spans (Rules/README.md section 10): each evidence value that is
// in the dossier carries its bytes there, and every report places it at the
// line and column findings use (text: underlined on its numbered line);
// a missing path has no place in any report.

/// One case: rule `R`, a dossier, and where each evidence value of R's one
/// finding is, in order (nil for a missing path).
struct EvidenceSpanCase: Sendable, CustomTestStringConvertible {
    var name: String
    var rule: String
    var dossier: String
    /// `(expr, line:column)` of each evidence value; nil where the path is missing.
    var evidence: [(expr: String, at: String?)]
    var testDescription: String { name }
}

@Suite("Evidence spans")
struct EvidenceSpanTests {
    static let cases: [EvidenceSpanCase] = [
        EvidenceSpanCase(name: "a nested value", rule: "require a.b.c > 5",
                         dossier: "{\n  \"a\": {\n    \"b\": {\"c\": 1}\n  }\n}",
                         evidence: [("a.b.c", "3:16")]),
        EvidenceSpanCase(name: "an array element", rule: "for each x in nums { require x > 0 }",
                         dossier: "{\"nums\": [\n  1,\n  -2\n]}",
                         evidence: [("x", "3:3")]),
        // `tên`, `Đê` and the rice emoji take 2, 2 and 4 bytes each: columns count scalars.
        EvidenceSpanCase(name: "multi-byte UTF-8 before the value on its line", rule: "require n > m",
                         dossier: "{\"tên\": \"Đê bao 🌾\", \"n\": 0, \"m\": 1}",
                         evidence: [("n", "1:26"), ("m", "1:34")]),
        EvidenceSpanCase(name: "a missing path", rule: "require exists(permit.number)",
                         dossier: "{\"permit\": {}}",
                         evidence: [("permit.number", nil)]),
        EvidenceSpanCase(name: "a missing path beside a present one", rule: "require a >= b",
                         dossier: "{\n  \"b\": 2\n}",
                         evidence: [("a", nil), ("b", "2:8")]),
    ]

    private func finding(_ c: EvidenceSpanCase) throws -> (DossierResult, Finding) {
        let p = try loadProgram("rule R {\n\(c.rule)\n}\n")
        let r = checkDossier(p, c.dossier)
        let own = r.findings.filter { $0.rule == "R" }
        try #require(own.count == 1, "\(c.name): findings \(own.map(describeFinding))")
        return (r, own[0])
    }

    @Test(arguments: cases)
    func evidenceIsPlacedAtItsValue(_ c: EvidenceSpanCase) throws {
        let (r, f) = try finding(c)
        #expect(f.evidence.map(\.expr) == c.evidence.map(\.expr), "\(c.name)")
        let placed = f.evidence.map { e in r.location(of: e).map { "\($0.line):\($0.column)" } }
        #expect(placed == c.evidence.map(\.at), "\(c.name)")
        for e in f.evidence {
            // A span exactly when there is a value: a missing path is nowhere.
            #expect((e.span == nil) == (e.valueJSON == nil), "\(c.name): \(e.expr)")
            if let span = e.span { #expect(span.file == r.source?.id, "\(c.name): \(e.expr) is in the dossier's file") }
        }
        try expectLocationsMatchPointers(r)
    }

    /// Where the finding blames the value an evidence entry shows, both are
    /// placed alike: the same line table and the same column count.
    @Test(arguments: cases.filter { $0.evidence.allSatisfy { $0.at != nil } })
    func evidenceAndFindingCountColumnsAlike(_ c: EvidenceSpanCase) throws {
        let (r, f) = try finding(c)
        let same = try #require(f.evidence.first { $0.pointer == f.pointer && $0.span != nil }, "\(c.name): no evidence at the blamed value")
        let at = try #require(r.location(of: same))
        #expect(at == r.location(of: f), "\(c.name)")
        #expect(r.position(of: f) == (at.line, at.column), "\(c.name)")
    }

    /// `places(ends:)` puts every finding and evidence value (start and
    /// end) where the one-at-a-time `location` functions do.
    @Test(arguments: cases)
    func placesInOnePassEqualOneAtATime(_ c: EvidenceSpanCase) throws {
        let p = try loadProgram("rule R {\n\(c.rule)\n}\n")
        let r = checkDossier(p, c.dossier)
        for withEnds in [false, true] {
            let places = r.places(ends: withEnds)
            #expect(places.starts == r.findings.map { r.location(of: $0) }, "\(c.name)")
            #expect(places.ends == (withEnds ? r.findings.map { r.location($0.span.end > $0.span.start ? $0.span.endPoint : $0.span) } : []), "\(c.name)")
            for (k, f) in r.findings.enumerated() {
                for (j, e) in f.evidence.enumerated() {
                    #expect(places.evidence(k, j) == r.location(of: e), "\(c.name): \(e.expr)")
                    if withEnds {
                        let end = e.span.flatMap { s in r.location(of: e).map { _ in r.location(s.end > s.start ? s.endPoint : s) } }
                        #expect(places.evidenceEnd(k, j) == end, "\(c.name): \(e.expr)")
                    }
                }
            }
        }
        // A result that holds no file places every finding on line 0 and no evidence value.
        var bare = r
        bare.source = nil
        let none = bare.places(ends: true)
        #expect(none.starts.allSatisfy { $0.line == 0 } && none.starts.count == r.findings.count)
        for (k, f) in r.findings.enumerated() {
            for j in f.evidence.indices { #expect(none.evidence(k, j) == nil && none.evidenceEnd(k, j) == nil) }
        }
    }

    @Test(arguments: cases)
    func theJSONReportGivesLineAndColumnOfPresentValuesOnly(_ c: EvidenceSpanCase) throws {
        let p = try loadProgram("rule R {\n\(c.rule)\n}\n")
        let r = checkDossier(p, c.dossier)
        let context = ReportContext(program: p, toolVersion: "test", asOf: evalAsOf.description, lang: "en")
        let dossier = try #require(JSONSerialization.jsonObject(with: Data(dossierJSONBytes(r, context))) as? [String: Any])
        let own = try #require(dossier["findings"] as? [[String: Any]]).filter { $0["rule"] as? String == "R" }
        try #require(own.count == 1, "\(c.name): findings \(own)")
        let evidence = try #require(own[0]["evidence"] as? [[String: Any]])
        let placed = evidence.map { e -> String? in
            guard let line = e["line"] as? Int, let column = e["column"] as? Int else {
                #expect(e["line"] == nil && e["column"] == nil, "\(c.name): half a location")
                #expect(e["value"] as? String == "missing", "\(c.name): a present value without a location")
                return nil
            }
            return "\(line):\(column)"
        }
        #expect(placed == c.evidence.map(\.at), "\(c.name)")
    }

    @Test(arguments: cases)
    func sarifRelatedLocationsAreThePresentValues(_ c: EvidenceSpanCase) throws {
        let p = try loadProgram("rule R {\n\(c.rule)\n}\n")
        let run = runBatch(p, [.document(bytes: Array(c.dossier.utf8), name: "d.json")], format: .sarif, jobs: 1)
        let log = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "R" })
        let related = result["relatedLocations"] as? [[String: Any]] ?? []
        let placed = related.map { loc -> String in
            let region = (loc["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
            return "\(region?["startLine"] as? Int ?? 0):\(region?["startColumn"] as? Int ?? 0)"
        }
        #expect(placed == c.evidence.compactMap(\.at), "\(c.name)")
        #expect(related.map { $0["id"] as? Int } == Array(0..<related.count).map { Optional($0) }, "\(c.name): ids 0, 1, …")
        let names = related.map { (($0["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"]) as? String }
        let (_, f) = try finding(c)
        #expect(names == f.evidence.filter { $0.span != nil }.map { Optional($0.pointer) }, "\(c.name)")
    }

    @Test(arguments: cases)
    func theHTMLEvidenceTableHasALocationColumn(_ c: EvidenceSpanCase) throws {
        let p = try loadProgram("rule R {\n\(c.rule)\n}\n")
        let html = runBatch(p, [.document(bytes: Array(c.dossier.utf8), name: "d.json")], format: .html, jobs: 1, lang: "en").output
        let table = try #require(html.range(of: "<table class=\"evidence\">").map { String(html[$0.lowerBound...].prefix { $0 != "\n" }) })
        #expect(table.contains("<th>Location</th>"))
        let cells = table.components(separatedBy: "<td class=\"nw\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        #expect(cells == c.evidence.map { $0.at.map { "<code>\($0)</code>" } ?? "—" }, "\(c.name)")
    }

    /// The text report underlines each other value on its numbered line, labelled `expr = value`.
    @Test func theTextReportUnderlinesEachOtherValueOnItsLine() throws {
        let p = try loadProgram("rule R {\nrequire cap >= need\n}\n")
        let dossier = "{\n  \"need\": 1200,\n  \"tên\": \"Trạm\", \"cap\": 800\n}"
        let text = runBatch(p, [.document(bytes: Array(dossier.utf8), name: "d.json")], format: .text, jobs: 1, lang: "en").output
        #expect(text.contains("""
             --> d.json:3:25
              |
            2 |   "need": 1200,
              |           ---- need = 1200
            3 |   "tên": "Trạm", "cap": 800
              |                         ^^^
            """), "\(text)")
    }

    /// A missing path has no line to show; the blamed value is not shown twice.
    @Test func theTextReportShowsNoPlaceForAMissingPath() throws {
        let p = try loadProgram("rule R {\nrequire a >= b\n}\n")
        let text = runBatch(p, [.document(bytes: Array("{\n  \"b\": 2\n}".utf8), name: "d.json")], format: .text, jobs: 1, lang: "en").output
        #expect(text.contains("2 |   \"b\": 2\n  |        - b = 2\n"), "\(text)")
        #expect(!text.contains("a = "), "\(text)")
    }

    /// A quantifier reads many values: four are shown, the last saying how many more.
    @Test func theTextReportShowsAtMostFourOtherValues() throws {
        let p = try loadProgram("rule R {\nrequire sum(items[*].v) > 100\n}\n")
        let items = (1...6).map { "    {\"v\": \($0)}" }.joined(separator: ",\n")
        let text = runBatch(p, [.document(bytes: Array("{\"items\": [\n\(items)\n]}".utf8), name: "d.json")], format: .text, jobs: 1, lang: "en").output
        let labels = text.components(separatedBy: "\n").filter { $0.contains("- items[*].v = ") }
        #expect(labels.count == 4, "\(text)")
        #expect(labels.last?.hasSuffix("- items[*].v = 4 (and 2 more values)") == true, "\(text)")
        let vi = runBatch(p, [.document(bytes: Array("{\"items\": [\n\(items)\n]}".utf8), name: "d.json")], format: .text, jobs: 1, lang: "vi").output
        #expect(vi.contains("- items[*].v = 4 (và 2 giá trị khác)\n"), "\(vi)")
    }

    /// A record of an NDJSON stream: its evidence lines count in the stream, as its findings' do.
    @Test func evidenceOfAStreamRecordIsPlacedInTheStream() throws {
        let p = try loadProgram("rule R {\nrequire a > b\n}\n")
        let record = NDJSONRecord(line: 7, bytes: Array(#"{"a": 1, "b": 2}"#.utf8))
        let run = runBatch(p, [.record(record, streamName: "<stdin>")], format: .json, jobs: 1)
        let r = try #require(run.results.first)
        let f = try #require(r.findings.first { $0.rule == "R" })
        #expect(f.evidence.compactMap { r.location(of: $0).map { "\($0.line):\($0.column)" } } == ["7:7", "7:15"])
        #expect(run.output.contains(#"{"expr": "a", "pointer": "/a", "value": 1, "line": 7, "column": 7}"#))
    }
}
