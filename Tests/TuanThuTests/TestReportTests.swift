import Base
import Diagnostics
import Foundation
import JSON
import Semantics
import Testing
import TuanThu

#if canImport(FoundationXML)
import FoundationXML
#endif

// `tuanthu test --format text|json|junit` and `--run PATTERN`: golden files
// for each format (made by the library, and the command must print the same
// bytes), well-formed JSON and JUnit with the right counts, and the selection
// of tests by a regular expression over their names.

/// The fixture: two rules files, six tests, three failing (a wrong outcome, a
/// wrong pointer, a broken `given` file).
private let fixture = "Tests/Fixtures/test-report"
private let asOf = CivilDate(year: 2026, month: 11, day: 29)!

/// The library's report of the fixture's tests, paths relative to the package root.
private func libraryReport(_ format: TestReportFormat, lang: Lang = .vi, pattern: String? = nil, coverage: Bool = false) throws -> String {
    let loaded = try RulesetLoader.load(paths: [packageRootPath + "/" + fixture])
    let runner = TestRunner(program: loaded.program, asOf: asOf)
    let regex = try pattern.map { try LinearRegex($0) }
    let results = runner.run(include: regex.map { r in { r.search(in: $0) } })
    var context = TestReportContext(program: loaded.program, rulesPath: fixture, asOf: asOf.description, toolVersion: "test")
    context.pattern = pattern
    context.notRun = loaded.program.tests.count - results.count
    if coverage { context.coverage = TestCoverage(runner) }
    context.lang = lang
    return renderTestReport(results, format: format, context: context)
        .replacingOccurrences(of: packageRootPath + "/", with: "")
}

/// The golden file of `format` in `lang`: `expected.txt` in Vietnamese (the default), `expected.en.txt` in English.
private func golden(_ format: TestReportFormat, _ lang: Lang) -> String {
    packageRootPath + "/" + fixture + "/expected." + (lang == .vi ? "" : "\(lang.rawValue).")
        + (format == .junit ? "junit.xml" : format == .json ? "json" : "txt")
}

/// Every format in every language.
private let formatsAndLanguages = TestReportFormat.allCases.flatMap { f in Lang.allCases.map { (f, $0) } }

/// Parses XML with Foundation's parser, counting elements.
private final class XMLCounter: NSObject, XMLParserDelegate {
    var error: Error?
    var elements: [String: Int] = [:]
    var attributes: [String: [[String: String]]] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        self.attributes[name, default: []].append(attributes)
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ text: String) -> XMLCounter {
        let counter = XMLCounter()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = counter
        if !parser.parse() && counter.error == nil { counter.error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return counter
    }
}

@Suite("tuanthu test: formats and --run")
struct TestReportTests {
    @Test(arguments: formatsAndLanguages)
    func goldenReport(_ format: TestReportFormat, _ lang: Lang) throws {
        try expectGolden(try libraryReport(format, lang: lang), golden(format, lang))
    }

    /// The command prints what the library renders (the version aside), and exits 1: tests fail.
    @Test(arguments: formatsAndLanguages)
    func commandPrintsTheGoldenReport(_ format: TestReportFormat, _ lang: Lang) throws {
        let run = try runTool(["test", fixture, "--as-of", "2026-11-29", "--format", format.rawValue, "--no-config", "--lang", lang.rawValue], in: packageRoot)
        #expect(run.status == 1, "\(run.stderr)")
        let version = try runTool(["--version"], in: packageRoot).stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?"
        let stdout = run.stdout.replacingOccurrences(of: "\"version\": \"\(version)\"", with: "\"version\": \"test\"")
        #expect(stdout == (try String(contentsOfFile: golden(format, lang), encoding: .utf8)))
    }

    @Test func junitIsWellFormedWithOneSuitePerRulesFile() throws {
        let xml = try libraryReport(.junit, lang: .en)
        let doc = XMLCounter.parse(xml)
        #expect(doc.error == nil)
        #expect(doc.elements["testsuite"] == 2)
        #expect(doc.elements["testcase"] == 6)
        #expect(doc.elements["failure"] == 2)
        #expect(doc.elements["error"] == 1)
        let suites = doc.attributes["testsuite"] ?? []
        #expect(suites.map { $0["name"] } == ["\(fixture)/a.rules", "\(fixture)/b.rules"])
        #expect(suites.map { $0["failures"] } == ["2", "0"])
        #expect(suites.map { $0["errors"] } == ["0", "1"])
        #expect(doc.attributes["testsuites"]?.first?["tests"] == "6")
        // The failure text gives the expected and the actual outcome.
        #expect(xml.contains("  expected: pass\n  actual:   fail\n"))
        #expect(xml.contains("  expected: fail at \"/b\"\n  actual:   fail\n  detail:   findings are at \"/a\"\n"))
        // Hostile test names are escaped.
        #expect(xml.contains("name=\"A &lt;wrongly&gt; expected to pass &amp; &quot;quoted&quot;\""))
    }

    @Test func junitCoverageIsASuiteOfProperties() throws {
        let xml = try libraryReport(.junit, coverage: true)
        let doc = XMLCounter.parse(xml)
        #expect(doc.error == nil)
        #expect(doc.elements["testsuite"] == 3)
        #expect(doc.elements["testcase"] == 6)
        #expect(xml.contains("<property name=\"coverage.rules\" value=\"2\"/>"))
        #expect(xml.contains("<property name=\"coverage.never_expected_to_fail\" value=\"B\"/>"))
    }

    @Test func jsonIsWellFormedWithTheCounts() throws {
        let text = try libraryReport(.json, coverage: true)
        let doc = try JSONParser.parse(Array(text.utf8))
        let summary = try #require(doc.member(0, key: "summary"))
        func number(_ key: String) -> Double? { doc.member(summary, key: key).map { doc.nodes[$0].number } }
        #expect(number("tests") == 6)
        #expect(number("passed") == 3)
        #expect(number("failed") == 3)
        #expect(number("not_run") == 0)
        let tests = try #require(doc.member(0, key: "tests"))
        #expect(doc.children(tests).count == 6)
        let coverage = try #require(doc.member(0, key: "coverage"))
        #expect(doc.member(coverage, key: "never_expected_to_fail").map { doc.children($0).map(doc.string) } == ["B"])
    }

    /// `--run` is a regular expression searched in the name: a substring, or anchored.
    @Test(arguments: zip(
        ["A fails", "^B", "pointer$", "(is 0|is 1)", "wrongly", "."],
        [["A fails when a is 0", "A fails, but at another pointer"],
         ["B is missing without b", "B reads a broken dossier file"],
         ["A fails, but at another pointer"],
         ["A passes when a is 1", "A fails when a is 0"],
         ["A <wrongly> expected to pass & \"quoted\""],
         ["A passes when a is 1", "A fails when a is 0", "A <wrongly> expected to pass & \"quoted\"", "A fails, but at another pointer", "B is missing without b", "B reads a broken dossier file"]]))
    func runSelectsByName(_ pattern: String, _ names: [String]) throws {
        let run = try runTool(["test", fixture, "--as-of", "2026-11-29", "--format", "json", "--run", pattern, "--no-config"], in: packageRoot)
        let doc = try JSONParser.parse(Array(run.stdout.utf8))
        let tests = try #require(doc.member(0, key: "tests"))
        let got = doc.children(tests).compactMap { doc.member($0, key: "name").map(doc.string) }
        #expect(got == names)
        let notRun = try #require(doc.member(0, key: "summary").flatMap { doc.member($0, key: "not_run") })
        #expect(Int(doc.nodes[notRun].number) == 6 - names.count)
        let failing = names.filter { $0.contains("wrongly") || $0.contains("pointer") || $0.contains("broken") }
        #expect(run.status == (failing.isEmpty ? 0 : 1))
    }

    @Test(arguments: zip(Lang.allCases, ["1 đạt, 0 không đạt, 5 không chạy (--run `^A passes`)\n",
                                         "1 passed, 0 failed, 5 not run (--run `^A passes`)\n"]))
    func runTextSaysHowManyWereLeftOut(_ lang: Lang, _ summary: String) throws {
        let run = try runTool(["test", fixture, "--as-of", "2026-11-29", "--run", "^A passes", "--no-config", "--lang", lang.rawValue], in: packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix(summary), "\(run.stdout)")
    }

    /// A pattern that selects nothing, or does not parse, is a usage error: never a silent pass.
    @Test(arguments: zip(["xyzzy", "A passes when a is 2", "[a-", "(a"],
                         ["no test of `Tests/Fixtures/test-report` has a name matching `xyzzy`",
                          "did you mean `A passes when a is 1`?",
                          "invalid --run pattern `[a-`",
                          "invalid --run pattern `(a`"]))
    func runThatSelectsNothingIsAnError(_ pattern: String, _ message: String) throws {
        let run = try runTool(["test", fixture, "--as-of", "2026-11-29", "--run", pattern, "--no-config", "--lang", "en"], in: packageRoot)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func quietTextListsOnlyFailingTests() throws {
        let run = try runTool(["test", fixture, "--as-of", "2026-11-29", "--quiet", "--no-config", "--lang", "en"], in: packageRoot)
        #expect(run.status == 1)
        let heads = run.stdout.split(separator: "\n").filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }
        #expect(heads.count == 3)
        #expect(heads.allSatisfy { $0.hasPrefix("FAIL") })
        #expect(run.stdout.hasSuffix("3 passed, 3 failed\n"))
    }

    /// The bundled pack's tests, as JUnit: well-formed, one suite per rules file that has tests, no failure.
    @Test func bundledPackAsJUnit() throws {
        let run = try runTool(["test", "Rules/kl81-cantho", "--as-of", "2026-11-29", "--format", "junit", "--no-config"], in: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let doc = XMLCounter.parse(run.stdout)
        #expect(doc.error == nil)
        #expect((doc.elements["testcase"] ?? 0) > 100)
        #expect(doc.elements["failure"] == nil)
        let files = Set((doc.attributes["testcase"] ?? []).compactMap { $0["file"] })
        #expect(doc.elements["testsuite"] == files.count)
    }
}
