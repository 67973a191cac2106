import Base
import Evaluator
import Foundation
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// Golden files for every report format: the fixture ruleset and four
// dossiers in Tests/Fixtures/reports (one passing, one failing with waived
// findings, one that is not JSON, one with a duplicate key), checked as of a
// fixed date with the fixture waivers, compared byte for byte with
// Tests/Fixtures/reports/expected.<format>. `UPDATE_GOLDEN=1 swift test`
// rewrites them; review the diff like code.
//
// The run goes through the library (BatchChecker, WaiverApplier, the
// writers), with paths relative to the package root so the bytes do not
// depend on where the package is checked out.

/// The report fixture: ruleset, dossiers, waivers, and a driver for the writers.
enum ReportFixture {
    /// The package root: three levels up from `Tests/TuanThuTests/<file>.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = "Tests/Fixtures/reports"
    static let asOf = CivilDate("2025-01-15")!

    /// Relative fixture paths resolve from the package root (where `swift test`
    /// normally runs already; the change is made once, only if needed).
    static let atRoot: Bool = {
        let fm = FileManager.default
        if URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path != root.standardizedFileURL.path {
            return fm.changeCurrentDirectoryPath(root.path)
        }
        return true
    }()

    static func program() throws -> Program {
        _ = atRoot
        let loaded = try RulesetLoader.load(paths: ["\(folder)/fixture.rules"])
        try #require(!loaded.hasErrors, "the fixture ruleset does not load")
        return loaded.program
    }

    static func waivers(_ program: Program) throws -> WaiverFile {
        try WaiverFile.load(path: "\(folder)/waivers.json", program: program)
    }

    /// Checks the fixture dossiers; with `waivers`, applies the fixture waivers.
    static func results(_ program: Program, jobs: Int = 1, waivers: WaiverFile? = nil) -> (results: [DossierResult], applier: WaiverApplier?) {
        _ = atRoot
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: asOf, jobs: jobs))
        var results = checker.check(expandDossierPaths(["\(folder)/dossiers"]))
        var applier = waivers.map { WaiverApplier($0, asOf: asOf, program: program) }
        if applier != nil {
            for k in results.indices { applier!.apply(&results[k]) }
        }
        return (results, applier)
    }

    static func context(_ program: Program, lang: String = "en") -> ReportContext {
        var c = ReportContext(program: program, toolVersion: "0.1.0-test", asOf: asOf.description, lang: lang, color: false, failOn: .error)
        c.workingDirectory = root.path
        c.rulesPath = "Tests/Fixtures/reports/fixture.rules"
        return c
    }

    /// A whole report, written the way `check` writes it.
    static func report(_ format: ReportFormat, _ results: [DossierResult], _ context: ReportContext) -> String {
        var writer = makeReportWriter(format, context)
        var summary = BatchSummary()
        var out = writer.begin()
        for r in results {
            summary.add(r, context)
            out += writer.dossier(r)
        }
        return out + writer.end(summary)
    }

    /// The fixture run, every waiver applied, as `format`.
    static func golden(_ format: ReportFormat, lang: String = "en") throws -> String {
        let program = try program()
        let (results, _) = results(program, waivers: try waivers(program))
        return report(format, results, context(program, lang: lang))
    }
}

@Suite("report golden files")
struct ReportGoldenTests {
    @Test(arguments: ReportFormat.allCases)
    func golden(_ format: ReportFormat) throws {
        let actual = try ReportFixture.golden(format)
        let url = ReportFixture.root.appendingPathComponent("\(ReportFixture.folder)/expected.\(format.rawValue)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path), "missing `\(url.lastPathComponent)`; run with UPDATE_GOLDEN=1 to create it")
        let expectedText = String(decoding: expected, as: UTF8.self)
        if actual != expectedText {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
            let k = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("""
                `expected.\(format.rawValue)` differs at line \(k + 1) (UPDATE_GOLDEN=1 rewrites it)
                expected: \(k < e.count ? String(e[k]) : "<end>")
                actual:   \(k < a.count ? String(a[k]) : "<end>")
                """)
        }
    }

    /// Same inputs, same bytes, whatever the number of workers.
    @Test(arguments: [ReportFormat.sarif, .junit, .html, .markdown])
    func independentOfJobs(_ format: ReportFormat) throws {
        let program = try ReportFixture.program()
        let waivers = try ReportFixture.waivers(program)
        let one = ReportFixture.results(program, jobs: 1, waivers: waivers).results
        let three = ReportFixture.results(program, jobs: 3, waivers: waivers).results
        let context = ReportFixture.context(program)
        #expect(ReportFixture.report(format, one, context) == ReportFixture.report(format, three, context))
    }
}

@Suite("check as a whole: waivers and rendering on the workers")
struct CheckAndReportTests {
    /// `checkAndReport` applies waivers and renders each dossier on its
    /// workers; whatever the number of workers, it writes the golden file's
    /// bytes (made one dossier at a time) and leaves the same waivers unused.
    @Test(arguments: ReportFormat.allCases, [1, 3])
    func writesTheGoldenReport(_ format: ReportFormat, jobs: Int) throws {
        _ = ReportFixture.atRoot
        let program = try ReportFixture.program()
        let file = try ReportFixture.waivers(program)
        let (_, serial) = ReportFixture.results(program, waivers: file)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: ReportFixture.asOf, jobs: jobs))
        let inputs = expandDossierPaths(["\(ReportFixture.folder)/dossiers"])
        var writer = makeReportWriter(format, ReportFixture.context(program))
        var waivers: WaiverApplier? = WaiverApplier(file, asOf: ReportFixture.asOf, program: program)
        var out = ""
        var k = 0
        let summary = checkAndReport(checker, next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, writer: &writer,
                                     context: ReportFixture.context(program), waivers: &waivers, write: { out += $0 })
        #expect(out == (try ReportFixture.golden(format)))
        #expect(summary.dossiers == inputs.count)
        let unused = try #require(waivers).unusedWarnings.map(\.message)
        #expect(unused == (try #require(serial)).unusedWarnings.map(\.message))
        #expect(!unused.isEmpty)
    }
}
