import Base
import Evaluator
import Foundation
import Semantics

/// The result of one `test` block.
public struct TestResult: Sendable {
    /// The test's name.
    public var name: String
    /// Where the test is declared (`file:line:col`).
    public var location: String
    /// Whether every expectation was met.
    public var passed: Bool
    /// One line per unmet expectation (or why the test could not run).
    public var failures: [String]
    /// One line per expectation that was met: `RULE outcome [at "/pointer"]`.
    package var met: [String] = []
}

/// Runs the `test` blocks of a ruleset.
public struct TestRunner {
    /// The compiled ruleset whose tests are run.
    package let program: Program
    /// The date the tests are checked as of.
    package let asOf: CivilDate

    /// Creates a runner for `program`'s tests as of `asOf`.
    public init(program: Program, asOf: CivilDate) {
        self.program = program
        self.asOf = asOf
    }

    /// Runs every test in declaration order.
    public func run() -> [TestResult] {
        let evaluator = Evaluator(program: program, asOf: asOf)
        return program.tests.map { run($0, evaluator) }
    }

    private func run(_ test: CompiledTest, _ evaluator: Evaluator) -> TestResult {
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
                continue
            }
            if actual.rawValue != x.outcome {
                var line = "expect \(x.rule) \(x.outcome)\(x.at.map { " at \"\($0)\"" } ?? ""): got \(actual.rawValue)"
                if !findings.isEmpty {
                    line += " — " + findings.prefix(3).map { "\($0.kind.rawValue) at \"\($0.pointer)\": \($0.message("en"))" }.joined(separator: "; ")
                }
                failures.append(line)
                continue
            }
            if let at = x.at, !findings.contains(where: { $0.pointer == at }) {
                let got = findings.map { "\"\($0.pointer)\"" }.joined(separator: ", ")
                failures.append("expect \(x.rule) \(x.outcome) at \"\(at)\": findings are at \(got.isEmpty ? "no pointer" : got)")
                continue
            }
            met.append("\(x.rule) \(x.outcome)\(x.at.map { " at \"\($0)\"" } ?? "")")
        }
        return TestResult(name: test.name, location: location, passed: failures.isEmpty, failures: failures, met: met)
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
