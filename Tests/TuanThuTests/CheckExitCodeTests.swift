import Diagnostics
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// `ExitCode.of(summary)`: 3 when a dossier could not be read (the others
// are still counted), else 1 when a finding reaches --fail-on, else 0.

@Suite("check: exit codes")
struct CheckExitCodeTests {
    static let rules = """
        rule E { severity error
          require a > 0 }
        rule W { severity warning
          require b > 0 }
        rule I { severity info
          require c > 0 }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var dossiers: [String]
        var failOn: RuleSeverity?
        var exitCode: Int32
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "clean: 0", dossiers: [#"{"a": 1, "b": 1, "c": 1}"#], failOn: .error, exitCode: 0),
        Case(name: "an error finding with --fail-on error: 1", dossiers: [#"{"a": 0, "b": 1, "c": 1}"#], failOn: .error, exitCode: 1),
        Case(name: "a missing finding of an error rule counts too: 1", dossiers: [#"{"b": 1, "c": 1}"#], failOn: .error, exitCode: 1),
        Case(name: "a warning with --fail-on error: 0", dossiers: [#"{"a": 1, "b": 0, "c": 1}"#], failOn: .error, exitCode: 0),
        Case(name: "a warning with --fail-on warning: 1", dossiers: [#"{"a": 1, "b": 0, "c": 1}"#], failOn: .warning, exitCode: 1),
        Case(name: "an info finding with --fail-on warning: 0", dossiers: [#"{"a": 1, "b": 1, "c": 0}"#], failOn: .warning, exitCode: 0),
        Case(name: "an info finding with --fail-on info: 1", dossiers: [#"{"a": 1, "b": 1, "c": 0}"#], failOn: .info, exitCode: 1),
        Case(name: "--fail-on never: 0 whatever the findings", dossiers: [#"{"a": 0, "b": 0, "c": 0}"#], failOn: nil, exitCode: 0),
        Case(name: "a duplicate key fails with --fail-on error: 1", dossiers: [#"{"a": 1, "b": 1, "c": 1, "c": 1}"#], failOn: .error, exitCode: 1),
        Case(name: "an unreadable dossier: 3", dossiers: [#"{"a": 1,"#], failOn: .error, exitCode: 3),
        Case(name: "unreadable beats findings: 3", dossiers: [#"{"a": 0}"#, "[1, 2]", #"{"a": 1, "b": 1, "c": 1}"#], failOn: .error, exitCode: 3),
        Case(name: "unreadable with --fail-on never: still 3", dossiers: ["nope"], failOn: nil, exitCode: 3),
    ]

    @Test(arguments: cases) func exitCode(_ c: Case) throws {
        let program = try loadProgram(Self.rules)
        let inputs = ndjsonRecords(Array(c.dossiers.joined(separator: "\n").utf8)).map { DossierInput.record($0, streamName: "s") }
        let run = runBatch(program, inputs, format: .json, jobs: 1, failOn: c.failOn)
        #expect(ExitCode.of(run.summary) == c.exitCode)
        #expect(run.summary.dossiers == c.dossiers.count)
    }

    @Test func aMissingFileIsUnreadableAndTheBatchGoesOn() throws {
        let program = try loadProgram(Self.rules)
        let inputs = expandDossierPaths(["/nonexistent/tuanthu/x.json"]) + [.unreadable(path: "y.json", message: Diagnostics.LocalizedText(verbatim: "is a folder"))]
        let run = runBatch(program, inputs, format: .text, jobs: 1)
        #expect(run.results.map(\.outcome) == [.error, .error])
        #expect(ExitCode.of(run.summary) == 3)
        #expect(run.output.contains("/nonexistent/tuanthu/x.json: "))
    }

    @Test func aDossierOverMaxBytesIsUnreadable() throws {
        let program = try loadProgram(Self.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1, maxBytes: 8))
        let inputs = ndjsonRecords(Array(#"{"a": 1, "b": 1, "c": 1}"#.utf8)).map { DossierInput.record($0, streamName: "s") }
        let results = checker.check(inputs)
        #expect(results.map(\.outcome) == [.error])
        #expect(results.first?.error?.message.contains("--max-bytes") == true)
    }
}
