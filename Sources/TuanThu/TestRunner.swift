import Base
import Evaluator
import FileIO
import Foundation
import Semantics

/// The result of one `test` block.
public struct TestResult: Sendable {
    /// The test's name.
    public var name: String
    /// Where the test is declared (`file:line:col`).
    public var location: String
    /// The rules file the test is declared in.
    package var file: String = ""
    /// The line of the test's declaration (1-based; 0 when unknown).
    package var line: Int = 0
    /// The column of the test's declaration (1-based; 0 when unknown).
    package var column: Int = 0
    /// Whether every expectation was met.
    public var passed: Bool
    /// One line per unmet expectation (or why the test could not run).
    public var failures: [String]
    /// One line per expectation that was met: `RULE outcome [at "/pointer"]`.
    package var met: [String] = []
    /// Every expectation the test could check, met or not, in order.
    package var expectations: [ExpectationResult] = []
    /// Whether the test could not run at all (its `given` dossier is unreadable or absent).
    package var couldNotRun: Bool { !passed && expectations.isEmpty }
}

/// One `expect` of a test, against what the check gave.
package struct ExpectationResult: Sendable {
    /// The rule (or reserved check) the expectation names.
    package var rule: String
    /// The outcome expected.
    package var expected: String
    /// The JSON Pointer a finding was expected at, if given.
    package var at: String?
    /// The outcome the rule had; nil when the ruleset has no such rule.
    package var actual: String?
    /// Whether the expectation was met.
    package var met: Bool
    /// Why it was not met (the findings, or the pointers they are at); empty when met.
    package var detail: String = ""
}

/// Runs the `test` blocks of a ruleset.
public struct TestRunner {
    /// The compiled ruleset whose tests are run.
    package let program: Program
    /// The date the tests are checked as of.
    package let asOf: CivilDate
    /// The purpose of the tests that do not say `inspect on DATE`.
    package let purpose: CheckPurpose

    /// Creates a runner for `program`'s tests as of `asOf`; a test with
    /// `inspect on DATE` is an inspection on that date whatever `purpose` is.
    public init(program: Program, asOf: CivilDate, purpose: CheckPurpose = .prevalidation) {
        self.program = program
        self.asOf = asOf
        self.purpose = purpose
    }

    /// Runs every test in declaration order, or those whose name `include` accepts.
    public func run(include: ((String) -> Bool)? = nil) -> [TestResult] {
        // Each inspection date gets an evaluator over the program's IR,
        // built when a test first needs it.
        let evaluator = Evaluator(program: program, asOf: asOf, purpose: purpose)
        var inspections: [CivilDate: Evaluator] = [:]
        return program.tests.filter { include?($0.name) ?? true }.map { test in
            guard let day = test.inspectOn else { return run(test, evaluator) }
            let e = inspections[day] ?? Evaluator(program: program, asOf: day, purpose: .inspection)
            inspections[day] = e
            return run(test, e)
        }
    }

    private func run(_ test: CompiledTest, _ evaluator: Evaluator) -> TestResult {
        var result = runUnplaced(test, evaluator)
        if let f = program.files[test.span.file] {
            let loc = f.location(of: test.span.start)
            result.file = f.path
            result.line = loc.line
            result.column = loc.column
        }
        return result
    }

    private func runUnplaced(_ test: CompiledTest, _ evaluator: Evaluator) -> TestResult {
        let location = program.files.describe(test.span) ?? "?"
        let bytes: [UInt8]
        let path: String
        switch test.given {
        case .inline(let b, let file, _):
            bytes = b
            path = program.files[file]?.path ?? "given"
        case .file(let p):
            guard case .success(let data) = readFileBounded(p, maxBytes: 64 << 20) else {
                return TestResult(name: test.name, location: location, passed: false, failures: ["cannot read `\(p)`"])
            }
            bytes = data
            path = p
        case .none:
            return TestResult(name: test.name, location: location, passed: false, failures: ["the test has no usable `given` dossier"])
        }
        let result = evaluator.check(bytes: bytes, path: path, digest: false)
        if let e = result.error {
            return TestResult(name: test.name, location: location, passed: false, failures: ["the dossier cannot be read: \(e.message)"])
        }
        var failures: [String] = []
        var met: [String] = []
        var checked: [ExpectationResult] = []
        for x in test.expectations {
            let findings = result.findings.filter { $0.rule == x.rule }
            let actual: RuleOutcome
            if let index = program.rules.firstIndex(where: { $0.id == x.rule }) {
                actual = result.rules[index]
            } else if reservedRuleIDs.contains(x.rule) {
                // A check of the checker itself (`tuanthu.schema.enum`, …): pass when it found nothing.
                actual = findings.isEmpty ? .pass : reservedOutcome(findings)
            } else {
                failures.append("expect \(x.rule): no such rule")
                checked.append(ExpectationResult(rule: x.rule, expected: x.outcome, at: x.at, actual: nil, met: false, detail: "no such rule"))
                continue
            }
            if actual.rawValue != x.outcome {
                var line = "expect \(x.rule) \(x.outcome)\(x.at.map { " at \"\($0)\"" } ?? ""): got \(actual.rawValue)"
                let detail = findings.prefix(3).map { "\($0.kind.rawValue) at \"\($0.pointer)\": \($0.message("en"))" }.joined(separator: "; ")
                if !findings.isEmpty { line += " — " + detail }
                failures.append(line)
                checked.append(ExpectationResult(rule: x.rule, expected: x.outcome, at: x.at, actual: actual.rawValue, met: false, detail: detail))
                continue
            }
            if let at = x.at, !findings.contains(where: { $0.pointer == at }) {
                let got = findings.map { "\"\($0.pointer)\"" }.joined(separator: ", ")
                let detail = "findings are at \(got.isEmpty ? "no pointer" : got)"
                failures.append("expect \(x.rule) \(x.outcome) at \"\(at)\": \(detail)")
                checked.append(ExpectationResult(rule: x.rule, expected: x.outcome, at: x.at, actual: actual.rawValue, met: false, detail: detail))
                continue
            }
            met.append("\(x.rule) \(x.outcome)\(x.at.map { " at \"\($0)\"" } ?? "")")
            checked.append(ExpectationResult(rule: x.rule, expected: x.outcome, at: x.at, actual: actual.rawValue, met: true))
        }
        return TestResult(name: test.name, location: location, passed: failures.isEmpty, failures: failures, met: met, expectations: checked)
    }

    /// Rules no test names, and rules whose `pass` or `fail` outcome no test expects.
    package func coverageGaps() -> (untested: [String], noPass: [String], noFail: [String]) {
        var outcomes: [String: Set<String>] = [:]
        for t in program.tests {
            for x in t.expectations { outcomes[x.rule, default: []].insert(x.outcome) }
        }
        var untested: [String] = [], noPass: [String] = [], noFail: [String] = []
        for r in program.rules {
            guard let o = outcomes[r.id] else {
                untested.append(r.id)
                continue
            }
            if !o.contains("pass") { noPass.append(r.id) }
            if !o.contains("fail") { noFail.append(r.id) }
        }
        return (untested, noPass, noFail)
    }
}
