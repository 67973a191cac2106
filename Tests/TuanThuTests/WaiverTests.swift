import Diagnostics
import Evaluator
import Foundation
import Reporters
import Semantics
import Testing
@testable import TuanThu

// Waivers: loading (every mistake located at file:line:col), matching
// (rule, dossier by id or path, pointer prefix, missing paths), the outcomes
// they change, and the warnings for expired and unused waivers.

/// Parses waivers given as text, as if read from `waivers.json`.
private func waivers(_ text: String, _ program: Program) throws(WaiverLoadError) -> WaiverFile {
    try WaiverFile.parse(bytes: Array(text.utf8), path: "waivers.json", program: program)
}

/// One waiver object as JSON text.
private func waiver(rule: String, dossier: String, pointer: String? = nil, expires: String = "2025-06-30") -> String {
    let p = pointer.map { #", "pointer": "\#($0)""# } ?? ""
    return #"{"rule": "\#(rule)", "dossier": "\#(dossier)"\#(p), "reason": "r", "approved_by": "a", "expires": "\#(expires)"}"#
}

/// The fixture dossiers checked, then `text`'s waivers applied.
private func apply(_ text: String) throws -> (results: [DossierResult], applier: WaiverApplier) {
    let program = try ReportFixture.program()
    let file = try waivers(text, program)
    let (results, applier) = ReportFixture.results(program, waivers: file)
    return (results, try #require(applier))
}

/// `path:line:col` of each diagnostic.
private func locations(_ ds: [Diagnostic], _ files: SourceMap) -> [String] {
    ds.map { files.describe($0.span) ?? "-" }
}

/// The fixture program (loaded once).
private let fixtureProgram: Program = try! ReportFixture.program()
private func program() -> Program { fixtureProgram }

@Suite("waivers")
struct WaiverTests {
    private func result(_ results: [DossierResult], _ id: String) throws -> DossierResult {
        try #require(results.first { $0.id == id })
    }

    private func outcome(_ r: DossierResult, _ rule: String) -> RuleOutcome? {
        program().rules.firstIndex { $0.id == rule }.map { r.rules[$0] }
    }

    @Test func liveWaiverCoversEveryFindingOfARule() throws {
        let (results, applier) = try apply("[\(waiver(rule: "KL81-3.6-EIA-02", dossier: "CT-2024-0031")), \(waiver(rule: "tuanthu.duplicate-key", dossier: "CT-2024-0031"))]")
        let d = try result(results, "CT-2024-0031")
        #expect(d.findings.allSatisfy { $0.waiver == AppliedWaiver(reason: "r", approvedBy: "a", expires: "2025-06-30") })
        #expect(outcome(d, "KL81-3.6-EIA-02") == .waived)
        #expect(d.outcome == .pass)
        // The duplicate key counts as one waived rule.
        #expect(d.summary[.waived] == 2)
        #expect(d.summary[.fail] == 0)
        #expect(applier.unusedWarnings.isEmpty)
        #expect(applier.expiredWarnings.isEmpty)
        // Waived findings do not count toward --fail-on.
        var summary = BatchSummary()
        summary.add(d, ReportFixture.context(program()))
        #expect(summary.failingFindings == 0)
        #expect(ExitCode.of(summary) == 0)
    }

    @Test func partialCoverLeavesTheRuleFailing() throws {
        let (results, _) = try apply("[\(waiver(rule: "KL81-2-PLAN-01", dossier: "CT-2024-0012", pointer: "/plan/items/1"))]")
        let b = try result(results, "CT-2024-0012")
        let plan = b.findings.filter { $0.rule == "KL81-2-PLAN-01" }
        #expect(plan.count == 2)
        #expect(plan.map { $0.waiver != nil } == [false, true])
        #expect(outcome(b, "KL81-2-PLAN-01") == .fail)
        #expect(b.outcome == .fail)
    }

    @Test func missingDataIsCoveredByItsMissingPath() throws {
        // The finding is blamed on the root (`eia` is absent); it names `/eia/approved_on` as missing.
        let (results, _) = try apply("[\(waiver(rule: "KL81-3.6-EIA-02", dossier: "./Tests/Fixtures/reports/dossiers/b-fail.json", pointer: "/eia"))]")
        let b = try result(results, "CT-2024-0012")
        #expect(outcome(b, "KL81-3.6-EIA-02") == .waived)
    }

    @Test func waivingTheViolationsLeavesMissingData() throws {
        let all = ["KL81-2-PLAN-01", "KL81-3.5-WW-01", "KL81-3.5-SW-03"].map { waiver(rule: $0, dossier: "CT-2024-0012") }
        let (results, _) = try apply("[\(all.joined(separator: ","))]")
        let b = try result(results, "CT-2024-0012")
        #expect(outcome(b, "KL81-3.5-WW-01") == .waived)
        #expect(b.outcome == .missing)
    }

    @Test func expiredWaiverIsIgnoredWithAWarning() throws {
        let text = "[\n  \(waiver(rule: "KL81-3.5-WW-01", dossier: "CT-2024-0012", expires: "2025-01-14")),\n  \(waiver(rule: "KL81-3.5-SW-03", dossier: "CT-2024-0012", expires: "2025-01-15"))\n]"
        let (results, applier) = try apply(text)
        let b = try result(results, "CT-2024-0012")
        #expect(b.findings.first { $0.rule == "KL81-3.5-WW-01" }?.waiver == nil)
        // Live through its `expires` day.
        #expect(b.findings.first { $0.rule == "KL81-3.5-SW-03" }?.waiver != nil)
        let expired = applier.expiredWarnings
        #expect(expired.map(\.code.rawValue) == ["W4102"])
        #expect(locations(expired, applier.file.files) == ["waivers.json:2:103"])
        #expect(expired.first?.message.contains("expired on 2025-01-14") == true)
        // An expired waiver is not also reported as unused.
        #expect(applier.unusedWarnings.isEmpty)
    }

    @Test func unmatchedWaiverIsReported() throws {
        let text = "[\n\(waiver(rule: "KL81-3.5-WW-01", dossier: "CT-2024-0001"))\n]"
        let (results, applier) = try apply(text)
        #expect(results.allSatisfy { $0.findings.allSatisfy { $0.waiver == nil } })
        let unused = applier.unusedWarnings
        #expect(unused.map(\.code.rawValue) == ["W4103"])
        #expect(locations(unused, applier.file.files) == ["waivers.json:2:10"])
        let rendered = applier.render(unused)
        #expect(rendered.contains("warning[W4103]: the waiver of `KL81-3.5-WW-01` for `CT-2024-0001` matched no finding"))
        #expect(rendered.contains("--> waivers.json:2:10"))
    }

    @Test func pointerMatchesItselfAndBelowOnly() {
        #expect(isAtOrBelow("/plan/items/1", "/plan/items/1"))
        #expect(isAtOrBelow("/plan/items/1/criteria", "/plan/items/1"))
        #expect(!isAtOrBelow("/plan/items/10", "/plan/items/1"))
        #expect(!isAtOrBelow("/plan", "/plan/items/1"))
        #expect(isAtOrBelow("/anything", ""))
    }

    @Test func unknownRuleIsAWarning() throws {
        let file = try waivers("[\(waiver(rule: "KL81-3.5-WW-1", dossier: "x"))]", program())
        #expect(file.warnings.map(\.code.rawValue) == ["W4101"])
        #expect(file.warnings.first?.help == "did you mean `KL81-3.5-WW-01`?")
    }
}

@Suite("waiver file errors")
struct WaiverFileErrorTests {
    /// The diagnostics a bad waivers file gives: code and `line:col`.
    private func errors(_ text: String) -> [String] {
        do {
            _ = try waivers(text, program())
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map { d in
                let loc = error.files.describe(d.span).map { String($0.dropFirst("waivers.json:".count)) } ?? "-"
                return "\(d.code) \(loc)"
            }
        }
    }

    @Test func malformedJSON() throws {
        let text = "[\n  {\"rule\": \"KL81-3.5-WW-01\",, \"dossier\": \"x\"}\n]"
        #expect(errors(text) == ["E3001 2:29"])
        do {
            _ = try waivers(text, program())
            Issue.record("a malformed file must not load")
        } catch {
            let rendered = error.rendered()
            #expect(rendered.contains("--> waivers.json:2:29"))
            #expect(rendered.contains("^"))
            #expect(error.summary.en == "the waivers file `waivers.json` has 1 error; no dossier was checked")
        }
    }

    @Test func notAnArray() {
        #expect(errors(#"{"rule": "x"}"#) == ["E4102 1:1"])
    }

    @Test func missingFields() {
        let text = "[\n  {\"rule\": \"KL81-3.5-WW-01\", \"dossier\": \"x\", \"approved_by\": \"a\"}\n]"
        #expect(errors(text) == ["E4104 2:3", "E4104 2:3"])
    }

    @Test func badDateIsLocatedAtTheValue() {
        let text = "[\n  {\"rule\": \"R\", \"dossier\": \"x\", \"reason\": \"r\", \"approved_by\": \"a\",\n   \"expires\": \"2025-02-30\"}\n]"
        #expect(errors(text) == ["E4106 3:15"])
        #expect(errors(text.replacingOccurrences(of: "2025-02-30", with: "30/06/2025")) == ["E4106 3:15"])
    }

    @Test func wrongTypesAndEmptyStrings() {
        let text = #"[{"rule": "R", "dossier": 12, "reason": " ", "approved_by": "a", "expires": "2025-01-01", "pointer": "wastewater"}]"#
        #expect(errors(text) == ["E4105 1:27", "E4105 1:41", "E4107 1:102"])
    }

    @Test func unknownFieldAndDuplicateKeyAreErrors() throws {
        // A misspelt `pointer` would silently widen the waiver to the whole dossier.
        let text = #"[{"rule": "R", "dossier": "x", "pointr": "/a", "reason": "r", "reason": "s", "approved_by": "a", "expires": "2025-01-01"}]"#
        #expect(errors(text) == ["E4109 1:32", "E4108 1:63"])
        do {
            _ = try waivers(text, program())
        } catch {
            #expect(error.diagnostics.contains { $0.help == "did you mean `pointer`?" })
        }
    }

    @Test func unreadableFile() {
        do {
            _ = try WaiverFile.load(path: "/nonexistent/waivers.json")
            Issue.record("a missing file must not load")
        } catch {
            #expect(error.diagnostics.first?.message == "cannot read the waivers file `/nonexistent/waivers.json`: no such file")
        }
    }
}
