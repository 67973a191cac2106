import Foundation
import JSON
import Reporters
import Run
import Testing
import TuanThu

// `--jobs 1` and `--jobs 4` write the same bytes, and every finding of a
// large varied batch is located where its pointer leads.


/// Dossiers that exercise every outcome: present, absent, null and wrongly
/// typed fields, NFD text, big integers, duplicate keys, broken JSON, CRLF
/// line ends and a BOM, pretty or on one line.
func generateDossier(_ k: Int, _ g: inout SplitMix64) -> String {
    func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }
    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &g) < p }
    var members: [String] = ["\"id\": \"CT-\(1000 + k)\""]
    if chance(0.8) { members.append("\"submitted_on\": \(pick(["\"2024-08-01\"", "\"15/09/2024\"", "\"2024-01-01\"", "null", "\"someday\""]))") }
    var project: [String] = []
    if chance(0.9) { project.append("\"type\": \(pick(["\"factory\"", "\"industrial_cluster\"", "\"housing\"", "null", "7"]))") }
    if chance(0.7) {
        let text = pick(["Ứng phó biến đổi khí hậu", nfd("Thích ứng BIẾN ĐỔI  KHÍ HẬU"), "Không đề cập", "bien doi khi hau"])
        project.append("\"description\": \"\(text)\"")
    }
    members.append("\"project\": {\(project.joined(separator: ", "))}")
    if chance(0.85) {
        var ww: [String] = []
        if chance(0.9) { ww.append("\"generated_m3_day\": \(pick(["1200", "800", "\"1.200\"", "null", "9007199254740993"]))") }
        if chance(0.9) {
            var t = "\"capacity_m3_day\": \(pick(["1000", "1500.0", "800", "9007199254740992", "\"lớn\""]))"
            if chance(0.1) { t += ", \"capacity_m3_day\": 5" }
            ww.append("\"treatment\": {\(t)}")
        }
        members.append("\"wastewater\": {\(ww.joined(separator: ",\n    "))}")
    }
    if chance(0.85) {
        var items: [String] = []
        for i in 0..<Int.random(in: 0...4, using: &g) {
            var m: [String] = ["\"name\": \"\(pick(["Hạ tầng", "Đường nội bộ", nfd("Xử lý nước thải"), "Cây xanh"])) \(i)\""]
            if chance(0.8) { m.append("\"budget\": \(pick(["100000", "700000", "250000.50", "\"nhiều\"", "null"]))") }
            if chance(0.85) {
                var c: [String] = []
                if chance(0.8) { c.append("\"environment\": \(pick(["[\"ĐTM\"]", "[]", "null", "\"ĐTM\""]))") }
                if chance(0.7) { c.append("\"climate\": \(pick(["[\"Chống ngập\"]", "[]", "null"]))") }
                m.append("\"criteria\": {\(c.joined(separator: ", "))}")
            }
            items.append("{\(m.joined(separator: ", "))}")
        }
        members.append("\"plan\": {\"items\": \(chance(0.05) ? "\"none\"" : "[\n      " + items.joined(separator: ",\n      ") + "\n    ]")}")
    }
    var text = "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    if chance(0.05) { text = text.replacingOccurrences(of: ",\n  \"project\"", with: "\n  \"project\"") }  // broken JSON
    if chance(0.1) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    if chance(0.05) { text = "\u{FEFF}" + text }
    return text
}

@Suite("check: determinism and locations")
struct CheckDeterminismTests {
    /// Writes 200 generated dossiers to a fresh temporary folder.
    static func writeBatch() throws -> (folder: String, inputs: [DossierInput]) {
        let folder = NSTemporaryDirectory() + "tuanthu-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var g = SplitMix64(seed: 20_240_709)
        for k in 0..<200 {
            try Data(generateDossier(k, &g).utf8).write(to: URL(fileURLWithPath: folder + String(format: "/d%03d.json", k)))
        }
        return (folder, expandDossierPaths([folder]))
    }

    @Test(arguments: [ReportFormat.json, .text, .ndjson])
    func jobsOneAndFourWriteTheSameBytes(_ format: ReportFormat) throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let (folder, inputs) = try Self.writeBatch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(inputs.count == 200)
        let one = runBatch(program, inputs, format: format, jobs: 1)
        let four = runBatch(program, inputs, format: format, jobs: 4)
        #expect(one.output == four.output)
        #expect(ExitCode.of(one.summary) == ExitCode.of(four.summary))
        // The batch is varied: every dossier outcome occurs.
        let outcomes = Set(one.results.map(\.outcome.rawValue))
        #expect(outcomes == ["pass", "fail", "missing", "error"])
    }

    @Test func everyFindingOfTheBatchIsWhereItsPointerLeads() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let (folder, inputs) = try Self.writeBatch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = runBatch(program, inputs, format: .json, jobs: 4).results
        let findings = try expectFindingsWhereTheirPointersLead(results)
        let checked = findings.count
        let kinds = Set(findings.map(\.kind.rawValue))
        #expect(checked > 200)
        #expect(kinds == ["violation", "missing", "invalid"])
    }

    @Test func ndjsonRecordsGiveTheSameFindingsAsFiles() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let one = #"{"id": "X", "project": {"type": "factory"}, "wastewater": {"generated_m3_day": 10, "treatment": {"capacity_m3_day": 5}}}"#
        let stream = "\n" + one + "\n" + one + "\n"
        let inputs = ndjsonRecords(Array(stream.utf8)).map { DossierInput.record($0, streamName: "<stdin>") }
        let results = runBatch(program, inputs, format: .ndjson, jobs: 2).results
        #expect(results.count == 2)
        // Lines count in the stream: the records are on lines 2 and 3.
        #expect(results.map { r in r.findings.first { $0.rule == "KL81-3.5-WW-01" }.map { r.location(of: $0).line } } == [2, 3])
    }
}
