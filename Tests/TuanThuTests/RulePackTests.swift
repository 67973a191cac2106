import Base
import Diagnostics
import Foundation
import Run
import Testing
import Evaluator
import Semantics
import TuanThu

// The bundled pack `Rules/kl81-cantho` and the `Examples/` dossiers: the pack
// loads cleanly, its own tests pass and cover every rule, every checkable item
// of 1032-CV/TU is covered, and each example gives exactly the outcome that
// Examples/README.md promises, so examples and rules cannot drift apart.

private let packPath = packageRoot.appendingPathComponent("Rules/kl81-cantho").path
private let examplesPath = packageRoot.appendingPathComponent("Examples").path
private let fixedDate = CivilDate("2026-11-29")!

private func loadPack() throws -> LoadedRuleset {
    try RulesetLoader.load(paths: [packPath])
}

/// One row of the table in Examples/README.md.
private struct ExpectedExample {
    var file: String
    var outcome: String
    var rules: [String]
}

private func expectedExamples() throws -> [ExpectedExample] {
    let readme = try String(contentsOfFile: examplesPath + "/README.md", encoding: .utf8)
    var rows: [ExpectedExample] = []
    for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count >= 5 else { continue }
        let file = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        let outcome = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "*"))
        let rules = cells[4].split(whereSeparator: { $0 == "," || $0 == " " || $0 == ":" })
            .map(String.init).filter { $0.hasPrefix("KL81-") }
        rows.append(ExpectedExample(file: file, outcome: outcome, rules: rules.sorted()))
    }
    return rows
}

@Test func packLoadsWithoutErrorsOrWarnings() throws {
    let loaded = try loadPack()
    let rendered = DiagnosticRenderer().render(loaded.diagnostics, files: loaded.files)
    #expect(loaded.diagnostics.isEmpty, "\(rendered)")
    #expect(loaded.program.rules.count >= 50)
    #expect(loaded.program.name == "kl81_cantho")
}

@Test func packTestsAllPassAndCoverEveryRule() throws {
    let loaded = try loadPack()
    let runner = TestRunner(program: loaded.program, asOf: fixedDate)
    let results = runner.run()
    #expect(results.count >= 150)
    for r in results where !r.passed {
        Issue.record("\(r.name) (\(r.location)): \(r.failures.map { $0(.en) }.joined(separator: "; "))")
    }
    let gaps = runner.coverageGaps()
    #expect(gaps.untested.isEmpty, "untested rules: \(gaps.untested)")
    // A check by hand (a limit not verified here, left null) never passes nor
    // fails: it is `missing` by design, and its tests expect that.
    let byHand = Set(loaded.program.rules.filter { $0.tags.contains("manual_check") }.map(\.id))
    #expect(byHand == ["KL81-3.2-EN-04", "KL81-3.5-WW-06", "KL81-3.5-AIR-02"])
    #expect(Set(gaps.noFail).subtracting(byHand).isEmpty, "rules never expected to fail: \(gaps.noFail)")
    #expect(Set(gaps.noPass).subtracting(byHand).isEmpty, "rules never expected to pass: \(gaps.noPass)")
    for id in byHand {
        let expectsMissing = results.contains { r in r.met.contains { $0.hasPrefix("\(id) missing") } }
        #expect(expectsMissing, "\(id) has no test expecting `missing`")
    }
}

@Test func everyCheckableItemOfTheLetterIsCovered() throws {
    let loaded = try loadPack()
    let report = CoverageReport(program: loaded.program)
    let letter = report.rows.filter { $0.source == "1032-CV/TU" && $0.item != nil }
    #expect(letter.count == 10, "items 1, 2, 3.1–3.6, 4, 5")
    #expect(report.gaps == 0, "\(report.text(lang: .en))")
    for row in letter where ["1", "4", "5"].contains(row.item!) {
        #expect(row.notCheckable != nil, "item \(row.item!) is declared not_checkable")
    }
}

@Test func examplesGiveTheOutcomesTheirReadmePromises() throws {
    let loaded = try loadPack()
    let expected = try expectedExamples()
    #expect(expected.count >= 10)
    let checker = BatchChecker(program: loaded.program, options: CheckOptions(asOf: fixedDate, jobs: 2))
    let results = checker.check(expandDossierPaths([examplesPath]))
    #expect(results.count == expected.count, "every example is listed in Examples/README.md")
    for e in expected {
        guard let r = results.first(where: { $0.file.hasSuffix("/" + e.file) }) else {
            Issue.record("Examples/README.md lists `\(e.file)`, which is not in Examples/")
            continue
        }
        #expect(r.outcome.rawValue == e.outcome, "\(e.file)")
        let notPassing = zip(loaded.program.rules, r.rules).filter { $0.1 == .fail || $0.1 == .missing }.map(\.0.id).sorted()
        #expect(notPassing == e.rules, "\(e.file)")
    }
    #expect(results.contains { $0.outcome == .pass })
    #expect(results.contains { $0.outcome == .fail })
}

/// One example dossier checked on a date, for a purpose: each rule's outcome by id.
private func exampleOutcomes(_ file: String, asOf: String, purpose: CheckPurpose) throws -> [String: RuleOutcome] {
    let loaded = try loadPack()
    var options = CheckOptions(asOf: CivilDate(asOf)!, jobs: 1)
    options.purpose = purpose
    let checker = BatchChecker(program: loaded.program, options: options)
    let results = checker.check(expandDossierPaths([examplesPath + "/" + file]))
    #expect(results.count == 1)
    return Dictionary(uniqueKeysWithValues: zip(loaded.program.rules.map(\.id), results[0].rules))
}

/// The legal review: a permit valid when the dossier was submitted but expired when the
/// facility is inspected fails the inspection, and passes the pre-validation.
@Test(arguments: [
    (CheckPurpose.prevalidation, "2026-01-15", RuleOutcome.pass),
    (CheckPurpose.inspection, "2026-01-15", RuleOutcome.fail),
    (CheckPurpose.inspection, "2025-06-30", RuleOutcome.pass),
])
func permitValidityIsJudgedOnTheReferenceDate(purpose: CheckPurpose, asOf: String, expected: RuleOutcome) throws {
    let outcomes = try exampleOutcomes("xuong-nuoc-da-thuan-hung-het-han-giay-phep.json", asOf: asOf, purpose: purpose)
    #expect(outcomes["KL81-3.6-PRM-01"] == expected, "\(purpose) on \(asOf)")
}

/// The legal review's boundary examples, each judged on the side of the law it stands on.
@Test(arguments: [
    ("xuong-may-nhom-ii-diem-a-tra-noc.json", "KL81-2-EIA-01", RuleOutcome.notApplicable),
    ("xuong-may-nhom-ii-diem-a-tra-noc.json", "KL81-3.6-CON-01", RuleOutcome.notApplicable),
    ("nha-may-thuc-pham-kcn-tra-noc-dau-noi.json", "KL81-3.5-WW-06", RuleOutcome.notApplicable),
    ("nha-may-thuc-pham-kcn-tra-noc-dau-noi.json", "KL81-3.5-WW-05", RuleOutcome.notApplicable),
    ("nha-may-che-bien-thuy-san-thot-not.json", "KL81-3.5-WW-03", RuleOutcome.notApplicable),
    ("trung-tam-thuong-mai-ninh-kieu-700-toe.json", "KL81-3.2-EN-01", RuleOutcome.fail),
    ("duong-ven-song-hau-o-mon.json", "KL81-3.3-ERO-02", RuleOutcome.notApplicable),
    ("ha-tang-cum-cong-nghiep-vinh-thanh.json", "KL81-3.5-WW-06", RuleOutcome.missing),
])
func boundaryExamplesAreJudgedRight(file: String, rule: String, expected: RuleOutcome) throws {
    let outcomes = try exampleOutcomes(file, asOf: "2026-11-29", purpose: .prevalidation)
    #expect(outcomes[rule] == expected, "\(file) \(rule)")
}
