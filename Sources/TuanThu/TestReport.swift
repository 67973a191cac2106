import Diagnostics
import Foundation
import Reporters
import Semantics

// The reports of `tuanthu test`: text for a terminal, JSON for tools (as
// `opa test --format json`), JUnit XML for CI test tabs (as `conftest verify
// --output junit`). The same results give the same bytes: no times, no hosts.

/// The formats of `tuanthu test`.
package enum TestReportFormat: String, Sendable, CaseIterable {
    /// PASS/FAIL lines and a summary.
    case text
    /// One JSON document.
    case json
    /// JUnit XML: one `<testsuite>` per rules file, one `<testcase>` per test.
    case junit
}

/// Rules no test exercises, and rules whose `pass` or `fail` outcome no test expects.
package struct TestCoverage: Sendable {
    /// Number of rules in the ruleset.
    package var rules: Int
    /// Rules no test names.
    package var untested: [String]
    /// Rules no test expects to pass.
    package var noPass: [String]
    /// Rules no test expects to fail.
    package var noFail: [String]

    /// The coverage of `runner`'s ruleset by its tests.
    package init(_ runner: TestRunner) {
        let gaps = runner.coverageGaps()
        rules = runner.program.rules.count
        untested = gaps.untested
        noPass = gaps.noPass
        noFail = gaps.noFail
    }
}

/// What a `tuanthu test` report says besides the results.
package struct TestReportContext: Sendable {
    /// The ruleset whose tests ran.
    package var program: Program
    /// The ruleset path as given (named beside the digest).
    package var rulesPath: String
    /// The date the tests were checked as of.
    package var asOf: String
    /// The tool version reports show.
    package var toolVersion: String
    /// The `--run` pattern, if tests were selected by name.
    package var pattern: String? = nil
    /// Tests the pattern left out.
    package var notRun = 0
    /// `--coverage`: the coverage gaps to report.
    package var coverage: TestCoverage? = nil
    /// Text: list only the failing tests.
    package var quiet = false
    /// Text: ANSI colours.
    package var color = false
    /// The language of the text for people (the text report, and the
    /// failure lines inside JSON and JUnit); keys and attributes stay as they are.
    package var lang: Lang = .vi

    /// Creates a context.
    package init(program: Program, rulesPath: String, asOf: String, toolVersion: String) {
        self.program = program
        self.rulesPath = rulesPath
        self.asOf = asOf
        self.toolVersion = toolVersion
    }
}

/// The report of a test run in `format`.
package func renderTestReport(_ results: [TestResult], format: TestReportFormat, context: TestReportContext) -> String {
    switch format {
    case .text: testTextReport(results, context)
    case .json: testJSONReport(results, context)
    case .junit: testJUnitReport(results, context)
    }
}

// MARK: - Text

private func testTextReport(_ results: [TestResult], _ context: TestReportContext) -> String {
    let lang = context.lang
    func say(_ entry: TestMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(lang) }
    func paint(_ s: String, _ c: String) -> String { context.color ? "\u{1B}[\(c)m\(s)\u{1B}[0m" : s }
    // PASS and FAIL padded to one width, so that the names line up in either language.
    let pass = say(.pass), fail = say(.fail)
    let width = max(pass.count, fail.count) + 2
    var out = ""
    for r in results where !r.passed || !context.quiet {
        let word = r.passed ? pass : fail
        out += paint(word, r.passed ? "32" : "1;31") + String(repeating: " ", count: width - word.count)
        out += "\(terminalSafeLine(r.name))  (\(terminalSafeLine(r.location)))\n"
        // Names and failures quote rule text and test dossiers: controls escaped.
        for f in r.failures { out += "      \(terminalSafe(f(lang)))\n" }
        if !context.quiet { for m in r.met { out += "      ✓ \(terminalSafe(m))\n" } }
    }
    let failed = results.count { !$0.passed }
    out += say(.summary, ["passed": .number(String(results.count - failed)), "failed": .number(String(failed))])
    if let p = context.pattern { out += say(.notRun, ["n": .number(String(context.notRun)), "pattern": .text(terminalSafeLine(p))]) }
    out += "\n"
    if let c = context.coverage {
        out += "\n" + say(.coverageLine, ["exercised": .number(String(c.rules - c.untested.count)), "rules": .number(String(c.rules))]) + "\n"
        if !c.untested.isEmpty { out += "  " + say(.untestedRules, ["rules": .text(c.untested.joined(separator: ", "))]) + "\n" }
        if !c.noFail.isEmpty { out += "  " + say(.neverExpectedToFail, ["rules": .text(c.noFail.joined(separator: ", "))]) + "\n" }
        if !c.noPass.isEmpty { out += "  " + say(.neverExpectedToPass, ["rules": .text(c.noPass.joined(separator: ", "))]) + "\n" }
        if c.untested.isEmpty && c.noFail.isEmpty && c.noPass.isEmpty { out += "  " + say(.everyRuleBothWays) + "\n" }
    }
    return out
}

// MARK: - JSON

private func testJSONReport(_ results: [TestResult], _ context: TestReportContext) -> String {
    let failed = results.count { !$0.passed }
    let tests: [JSONOut] = results.map { r in
        var members: [(String, JSONOut)] = [
            ("name", .string(r.name)),
            ("file", .string(r.file)),
            ("line", .int(r.line)),
            ("column", .int(r.column)),
            ("passed", .bool(r.passed)),
        ]
        members.append(("expectations", .array(r.expectations.map { x in
            var e: [(String, JSONOut)] = [
                ("rule", .string(x.rule)),
                ("expected", .string(x.expected)),
                ("at", .optionalString(x.at)),
                ("actual", .optionalString(x.actual)),
                ("met", .bool(x.met)),
            ]
            if let detail = x.detail { e.append(("detail", .string(detail(context.lang)))) }
            return .object(e)
        })))
        members.append(("failures", .array(r.failures.map { .string($0(context.lang)) })))
        return .object(members)
    }
    var root: [(String, JSONOut)] = [
        ("tool", .object([("name", .string("tuanthu")), ("version", .string(context.toolVersion))])),
        ("ruleset", .object([
            ("name", .string(context.program.name)),
            ("path", .string(context.rulesPath)),
            ("sha256", .string(context.program.digest)),
        ])),
        ("as_of", .string(context.asOf)),
        ("run", .optionalString(context.pattern)),
        ("summary", .object([
            ("tests", .int(results.count)),
            ("passed", .int(results.count - failed)),
            ("failed", .int(failed)),
            ("not_run", .int(context.notRun)),
        ])),
        ("tests", .array(tests)),
    ]
    if let c = context.coverage {
        root.append(("coverage", .object([
            ("rules", .int(c.rules)),
            ("exercised", .int(c.rules - c.untested.count)),
            ("untested", .array(c.untested.map { .string($0) })),
            ("never_expected_to_fail", .array(c.noFail.map { .string($0) })),
            ("never_expected_to_pass", .array(c.noPass.map { .string($0) })),
        ])))
    }
    return JSONOut.object(root).serialized(pretty: true) + "\n"
}

// MARK: - JUnit

/// One `<testsuite>` per rules file (in the order of their first test), one
/// `<testcase>` per test: a met test is empty; an unmet one has one
/// `<failure type="expectation">` listing each unmet expectation with the
/// expected and the actual outcome; a test that could not run (its `given`
/// is unreadable) has an `<error>`. `--coverage` adds a last suite with no
/// test cases whose properties give the gaps.
private func testJUnitReport(_ results: [TestResult], _ context: TestReportContext) -> String {
    var order: [String] = []
    var byFile: [String: [TestResult]] = [:]
    for r in results {
        if byFile[r.file] == nil { order.append(r.file) }
        byFile[r.file, default: []].append(r)
    }
    let classname = context.program.name
    let lang = context.lang
    func say(_ entry: TestMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(lang) }
    // The labels of a failure's lines, padded to one width in either language.
    let labels = [TestMessage.expectedLabel, .actualLabel, .detailLabel].map { say($0) + ":" }
    let labelWidth = (labels.map(\.count).max() ?? 0) + 1
    func label(_ k: Int) -> String { "  " + labels[k] + String(repeating: " ", count: labelWidth - labels[k].count) }
    var suites = ""
    var totals = (tests: 0, failures: 0, errors: 0)
    for file in order {
        let tests = byFile[file]!
        var cases = ""
        var counts = (tests: 0, failures: 0, errors: 0)
        for r in tests {
            counts.tests += 1
            let open = "    <testcase classname=\"\(xmlAttribute(classname))\" name=\"\(xmlAttribute(r.name))\" file=\"\(xmlAttribute(r.file))\" line=\"\(r.line)\""
            if r.passed {
                cases += open + "/>\n"
            } else if r.couldNotRun {
                counts.errors += 1
                let message = r.failures.first?(lang) ?? say(.couldNotRun)
                cases += open + ">\n      <error message=\"\(xmlAttribute(message))\" type=\"given\">\(xmlText("\(r.location): \(r.failures.map { $0(lang) }.joined(separator: "\n"))\n"))</error>\n    </testcase>\n"
            } else {
                counts.failures += 1
                let unmet = r.expectations.filter { !$0.met }
                var message = r.failures.first?(lang) ?? say(.expectationNotMet)
                if r.failures.count > 1 { message += say(.andMore, ["n": .number(String(r.failures.count - 1))]) }
                var text = "\(r.location)\n"
                for x in unmet {
                    text += "expect \(x.rule) \(x.expected)\(x.at.map { " at \"\($0)\"" } ?? "")\n"
                    text += label(0) + "\(x.expected)\(x.at.map { " at \"\($0)\"" } ?? "")\n"
                    text += label(1) + (x.actual ?? say(.noSuchRule)) + "\n"
                    if let detail = x.detail, x.actual != nil { text += label(2) + detail(lang) + "\n" }
                }
                cases += open + ">\n      <failure message=\"\(xmlAttribute(message))\" type=\"expectation\">\(xmlText(text))</failure>\n    </testcase>\n"
            }
        }
        suites += "  <testsuite name=\"\(xmlAttribute(file))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"0\">\n"
        suites += properties(context, [])
        suites += cases + "  </testsuite>\n"
        totals.tests += counts.tests
        totals.failures += counts.failures
        totals.errors += counts.errors
    }
    if let c = context.coverage {
        suites += "  <testsuite name=\"coverage\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        suites += properties(context, [
            ("coverage.rules", String(c.rules)),
            ("coverage.exercised", String(c.rules - c.untested.count)),
            ("coverage.untested", c.untested.joined(separator: ", ")),
            ("coverage.never_expected_to_fail", c.noFail.joined(separator: ", ")),
            ("coverage.never_expected_to_pass", c.noPass.joined(separator: ", ")),
        ])
        suites += "  </testsuite>\n"
    }
    let p = context.program
    let name = "tuanthu test: \(p.name)\(p.version.map { " \($0)" } ?? "")"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"\(xmlAttribute(name))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"0\">\n"
    out += suites + "</testsuites>\n"
    return out
}

/// A suite's `<properties>`: the as-of date, the ruleset, the `--run` pattern, then `extra`.
private func properties(_ context: TestReportContext, _ extra: [(String, String)]) -> String {
    var list: [(String, String)] = [
        ("as_of", context.asOf),
        ("ruleset.path", context.rulesPath),
        ("ruleset.sha256", context.program.digest),
    ]
    if let p = context.pattern { list.append(("run", p)) }
    list += extra
    var s = "    <properties>\n"
    for (name, value) in list { s += "      <property name=\"\(xmlAttribute(name))\" value=\"\(xmlAttribute(value))\"/>\n" }
    return s + "    </properties>\n"
}
