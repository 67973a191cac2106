import Base
import Diagnostics
import Evaluator
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// Helpers of the `check` tests: the package root, the fixture ruleset, and
// running a batch through a report writer as `tuanthu check` does.

/// The package root as a path (`packageRoot` is the URL, in JSONTestSupport.swift).
let packageRootPath: String = packageRoot.path

/// `Tests/Fixtures/check`, absolute.
let checkFixtures = packageRootPath + "/Tests/Fixtures/check"

/// Loads a ruleset file under a display path relative to the package root,
/// so its digest does not depend on where the package is checked out.
func loadFixtureRuleset(_ relative: String) throws -> Program {
    let text = try String(contentsOfFile: packageRootPath + "/" + relative, encoding: .utf8)
    return try loadProgram(text, path: relative)
}

/// The output of `check --format FORMAT` over `inputs`, with `--jobs`.
func runBatch(_ program: Program, _ inputs: [DossierInput], format: ReportFormat, jobs: Int, lang: String = "vi",
              asOf: CivilDate = evalAsOf, failOn: RuleSeverity? = .error) -> (output: String, summary: BatchSummary, results: [DossierResult]) {
    let context = ReportContext(program: program, toolVersion: "test", asOf: asOf.description, lang: lang, color: false, failOn: failOn)
    var writer = makeReportWriter(format, context)
    var results: [DossierResult] = []
    let checker = BatchChecker(program: program, options: CheckOptions(asOf: asOf, jobs: jobs, digests: format != .text))
    var out = ""
    var k = 0
    var noWaivers: WaiverApplier? = nil
    let summary = checkAndReport(checker, next: {
        guard k < inputs.count else { return nil }
        k += 1
        return inputs[k - 1]
    }, writer: &writer, context: context, waivers: &noWaivers, write: { out += $0 }, observe: { results.append($0) })
    return (out, summary, results)
}

/// Compares `actual` with the golden file byte for byte; `UPDATE_GOLDEN=1` rewrites it.
func expectGolden(_ actual: String, _ path: String) throws {
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    if actual != expected {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let k = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("""
            \(path) differs at line \(k + 1) (run with UPDATE_GOLDEN=1 to rewrite it, then review the diff):
              expected: \(k < e.count ? e[k] : "<end>")
              actual:   \(k < a.count ? a[k] : "<end>")
            """)
    }
}

/// Checks that each finding's line:column is where its pointer's value
/// starts in its dossier file; returns the findings checked.
@discardableResult
func expectFindingsWhereTheirPointersLead(_ results: [DossierResult]) throws -> [Finding] {
    var checked: [Finding] = []
    for r in results where r.error == nil {
        let bytes = try #require(FileManager.default.contents(atPath: r.file))
        let file = SourceFile(id: FileID(0), path: r.file, bytes: [UInt8](bytes))
        let doc = try JSONParser.parse(file.bytes)
        for f in r.findings {
            let node = try #require(doc.node(atPointer: f.pointer), "\(r.file): \(f.pointer) names nothing")
            let loc = file.location(of: doc.nodes[node].start)
            let at = r.location(of: f)
            #expect("\(loc.line):\(loc.column)" == "\(at.line):\(at.column)", "\(r.file) \(f.rule) \(f.pointer)")
            checked.append(f)
        }
    }
    return checked
}
