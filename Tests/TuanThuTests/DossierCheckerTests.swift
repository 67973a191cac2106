import Base
import Evaluator
import Foundation
import Run
import Testing
import TuanThu

// The library's batch entry point: load a ruleset once, check many dossiers.

@Suite struct DossierCheckerTests {
    private var pack: String { packageRoot.appendingPathComponent("Rules/kl81-cantho").path }
    private var examples: [String] {
        let dir = packageRoot.appendingPathComponent("Examples").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted().map { dir + "/" + $0 }
    }

    private func outcomes(_ rs: [DossierResult]) -> [String] {
        rs.map { r in "\(r.file) \(r.outcome.rawValue) \(r.rules.map(\.rawValue).joined(separator: ",")) \(r.findings.map { "\($0.rule)@\($0.pointer)" }.joined(separator: ";"))" }
    }

    @Test func checksAsTheRunDoesWhateverTheJobs() throws {
        let ruleset = try RulesetLoader.load(paths: [pack])
        #expect(!ruleset.hasErrors)
        let asOf = CivilDate("2026-11-29")!
        let paths = examples + ["/no/such/dossier.json"]
        #expect(paths.count > 5)
        let checker = DossierChecker(ruleset: ruleset, asOf: asOf)
        let one = checker.check(paths: paths)
        let three = checker.check(paths: paths, jobs: 3)
        #expect(outcomes(one) == outcomes(three))
        // The same as `check`'s batch checker.
        let batch = BatchChecker(program: ruleset.program, options: CheckOptions(asOf: asOf, jobs: 1)).check(paths.map { .file(path: $0) })
        #expect(outcomes(one) == outcomes(batch))
        #expect(one.map(\.sha256) == batch.map(\.sha256))
        let missing = try #require(one.last)
        #expect(missing.outcome == .error)
        #expect(missing.error?.code == "E4001")
        #expect(one.dropLast().allSatisfy { $0.error == nil })
    }

    @Test func checksBytesAndRefusesWhatIsTooLarge() throws {
        let ruleset = RulesetLoader.load(sources: [("r.rules", "rule R { require project.area_ha > 1 }")])
        #expect(!ruleset.hasErrors)
        let checker = DossierChecker(ruleset: ruleset, asOf: CivilDate("2026-11-29")!, maxBytes: 40)
        #expect(checker.check(bytes: Array(#"{"project": {"area_ha": 2}}"#.utf8), name: "a.json").rules == [.pass])
        #expect(checker.check(bytes: Array(#"{"project": {"area_ha": 0.5}}"#.utf8), name: "b.json").rules == [.fail])
        #expect(checker.check(bytes: Array(#"{"project": {}}"#.utf8), name: "c.json").rules == [.missing])
        let big = checker.check(bytes: Array(#"{"project": {"area_ha": 2, "name": "far too long a name"}}"#.utf8), name: "d.json")
        #expect(big.outcome == .error && big.error?.code == "E4001")
    }
}
