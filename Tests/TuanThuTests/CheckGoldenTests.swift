import Foundation
import Reporters
import Run
import Testing
import TuanThu

// Golden outputs of `tuanthu check` on a small batch (Tests/Fixtures/check):
// a passing dossier, a failing one (NFD text, a number written 800.0, a
// missing criterion), one with missing data, a broken JSON file and one with
// a duplicate key and a number written as a string. Fixed as-of date,
// relative paths. `UPDATE_GOLDEN=1 swift test` rewrites the expected files.

@Suite("check: golden outputs")
struct CheckGoldenTests {
    /// The dossiers of the batch, in the order `check DIR` finds them, with relative display paths.
    static func batch() -> [DossierInput] {
        expandDossierPaths([checkFixtures + "/dossiers"])
    }

    static func relative(_ output: String) -> String {
        output.replacingOccurrences(of: packageRootPath + "/", with: "")
    }

    @Test func batchHoldsTheFiveDossiersSorted() {
        #expect(Self.batch().map { Self.relative($0.displayPath) } == [
            "Tests/Fixtures/check/dossiers/a-pass.json", "Tests/Fixtures/check/dossiers/b-fail.json",
            "Tests/Fixtures/check/dossiers/c-missing.json", "Tests/Fixtures/check/dossiers/d-broken.json",
            "Tests/Fixtures/check/dossiers/e-duplicate.json",
        ])
    }

    @Test func textOutput() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let run = runBatch(program, Self.batch(), format: .text, jobs: 1)
        try expectGolden(Self.relative(run.output), checkFixtures + "/expected.txt")
        #expect(ExitCode.of(run.summary) == 3)
    }

    @Test func jsonOutput() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let run = runBatch(program, Self.batch(), format: .json, jobs: 1)
        try expectGolden(Self.relative(run.output), checkFixtures + "/expected.json")
        // The output is one JSON document.
        let data = Data(Self.relative(run.output).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "tuanthu/1")
        #expect((object["dossiers"] as? [Any])?.count == 5)
    }

    @Test func englishTextOutput() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let run = runBatch(program, Self.batch(), format: .text, jobs: 2, lang: "en")
        try expectGolden(Self.relative(run.output), checkFixtures + "/expected.en.txt")
    }

    @Test func outcomesOfTheBatch() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let results = runBatch(program, Self.batch(), format: .json, jobs: 1).results
        #expect(results.map(\.outcome) == [.pass, .fail, .missing, .error, .fail])
        // The broken file is located: line 3, at the second member without a comma.
        let broken = results[3]
        #expect(broken.error?.line == 3 && broken.error?.column == 34)
        #expect(broken.error?.message.contains("expected ','") == true)
        // The duplicate key is an invalid finding of a reserved rule, and the dossier fails.
        let duplicate = results[4].findings.filter { $0.rule == "tuanthu.duplicate-key" }
        #expect(duplicate.map(describeFinding) == ["invalid /wastewater/treatment/capacity_m3_day"])
        // The string "1.200" compared with a number is invalid at the string, not at the number.
        let ww = results[4].findings.filter { $0.rule == "KL81-3.5-WW-01" }
        #expect(ww.map(describeFinding) == ["invalid /wastewater/generated_m3_day"])
        #expect(ww.first?.message("en").contains("the string \"1.200\"") == true)
    }

    /// Round trip: each finding's line:column is where its pointer's value starts in the file.
    @Test func everyFindingLocationIsWhereItsPointerLeads() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let results = runBatch(program, Self.batch(), format: .json, jobs: 1).results
        #expect(results.reduce(0) { $0 + $1.findings.count } >= 9)
        try expectFindingsWhereTheirPointersLead(results)
    }
}
