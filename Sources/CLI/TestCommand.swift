import Base
import Diagnostics
import Foundation
import Reporters
import TuanThu

/// `tuanthu test PATH`: runs the rules' `test` blocks.
let testCommand = CommandSpec(
    name: "test",
    summary: "Run the `test` blocks of a ruleset and show expected against actual outcomes.",
    usage: "[--coverage] [--as-of DATE] PATH",
    discussion: "Each test checks its `given` dossier and compares every `expect` with the rule's outcome (and, with `at`, a finding's JSON Pointer). Exit 0 when all pass, 1 when any fails, 2 when the ruleset does not load.",
    options: [
        OptionSpec(name: "--coverage", help: "Also list rules no test exercises, and rules whose pass or fail outcome is never expected."),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date `today()` returns.", defaultValue: "today in Asia/Ho_Chi_Minh"),
        OptionSpec(name: "--quiet", short: "-q", help: "List only the tests that fail."),
        OptionSpec(name: "--only", value: "SELECTOR", help: "Only the expectations on these rules: an id, a glob, tag:NAME or item:N.", repeatable: true),
        OptionSpec(name: "--skip", value: "SELECTOR", help: "Leave the expectations on these rules out (same selectors as --only).", repeatable: true),
    ],
    minPositionals: 1, maxPositionals: 1
) { args in
    let loaded = try loadRulesetOrFail(args.positionals[0])
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(message: "`\(s)` is not a date", help: "write --as-of 2026-11-29") }
        asOf = d
    }
    guard let selection = checkedSelection(args, loaded.program) else { return ExitCode.usage }
    let runner = TestRunner(program: selection.applyToTests(loaded.program), asOf: asOf)
    let results = runner.run()
    var out = ""
    let color = useColor(fd: 1)
    func paint(_ s: String, _ c: String) -> String { color ? "\u{1B}[\(c)m\(s)\u{1B}[0m" : s }
    for r in results where !r.passed || !args.has("--quiet") {
        out += (r.passed ? paint("PASS", "32") : paint("FAIL", "1;31")) + "  \(terminalSafeLine(r.name))  (\(terminalSafeLine(r.location)))\n"
        // Names and failures quote rule text and test dossiers: controls escaped.
        for f in r.failures { out += "      \(terminalSafe(f))\n" }
        if !args.has("--quiet") { for m in r.met { out += "      ✓ \(terminalSafe(m))\n" } }
    }
    let failed = results.count { !$0.passed }
    out += "\(results.count - failed) passed, \(failed) failed\n"
    var gaps = false
    if args.has("--coverage") {
        let c = runner.coverageGaps()
        out += "\ncoverage: \(loaded.program.rules.count - c.untested.count) of \(loaded.program.rules.count) rules exercised by a test\n"
        if !c.untested.isEmpty { out += "  rules no test exercises: \(c.untested.joined(separator: ", "))\n" }
        if !c.noFail.isEmpty { out += "  rules never expected to fail: \(c.noFail.joined(separator: ", "))\n" }
        if !c.noPass.isEmpty { out += "  rules never expected to pass: \(c.noPass.joined(separator: ", "))\n" }
        gaps = !c.untested.isEmpty
        if !gaps && c.noFail.isEmpty && c.noPass.isEmpty { out += "  every rule has a passing and a failing test\n" }
    }
    writeOutput(out)
    return failed > 0 ? ExitCode.findings : ExitCode.clean
}
