import Base
import Diagnostics
import Foundation
import Reporters
import Semantics
import TuanThu

/// `tuanthu test PATH`: runs the rules' `test` blocks.
let testCommand = CommandSpec(
    name: "test",
    summary: "Run the `test` blocks of a ruleset and show expected against actual outcomes.",
    usage: "[--format text|json|junit] [--run PATTERN] [--coverage] [--as-of DATE] [--purpose PURPOSE] PATH...",
    discussion: """
        Each test checks its `given` dossier and compares every `expect` with the rule's outcome \
        (and, with `at`, a finding's JSON Pointer). --run PATTERN runs only the tests whose name \
        PATTERN matches: a regular expression (Rules/REGEX.md) searched anywhere in the name, so \
        plain text is a substring; `^…$` for the whole name. Exit 0 when all pass, 1 when any \
        fails, 2 when the ruleset does not load or PATTERN matches no test. Several PATHs are rule \
        sets layered into one ruleset, as `check --rules A --rules B` loads them.
        """,
    options: [
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format: text, JSON, or JUnit XML (one testsuite per rules file).", choices: TestReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
        OptionSpec(name: "--run", value: "PATTERN", help: "Run only the tests whose name the regular expression matches (searched anywhere in the name)."),
        OptionSpec(name: "--coverage", help: "Also list rules no test exercises, and rules whose pass or fail outcome is never expected."),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date `today()` returns.", defaultValue: "today in Asia/Ho_Chi_Minh"),
        purposeOptionSpec,
        OptionSpec(name: "--quiet", short: "-q", help: "Text: list only the tests that fail (JSON and JUnit list all)."),
        OptionSpec(name: "--only", value: "SELECTOR", help: "Only the expectations on these rules: an id, a glob, tag:NAME or item:N.", repeatable: true),
        OptionSpec(name: "--skip", value: "SELECTOR", help: "Leave the expectations on these rules out (same selectors as --only).", repeatable: true),
    ],
    minPositionals: 1
) { args in
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(localize(CommandMessage.notADate, ["text": .text(s)]), help: localize(CommandMessage.writeAsOf)) }
        asOf = d
    }
    // The pattern is checked before the ruleset loads: a typo is reported first.
    var regex: LinearRegex? = nil
    if let p = args.value("--run") {
        do throws(RegexSyntaxError) {
            regex = try LinearRegex(p)
        } catch {
            throw UsageError(localize(CommandMessage.invalidRunPattern, ["pattern": .text(p), "why": .localized(error.messageText)]),
                             help: error.helpText)
        }
    }
    let rulesPath = args.positionals.joined(separator: " ")
    let whole = try loadRulesetOrFail(args.positionals)
    guard let selection = checkedSelection(args, whole.program) else { return ExitCode.usage }
    var loaded = whole
    loaded.program = selection.applyToTests(whole.program)
    let runner = TestRunner(program: loaded.program, asOf: asOf, purpose: purposeOption(args))
    let results = runner.run(include: regex.map { r in { name in r.search(in: name) } })
    let total = loaded.program.tests.count
    if let p = args.value("--run"), results.isEmpty {
        let names = loaded.program.tests.map(\.name)
        throw UsageError(
            localize(CommandMessage.noTestMatches, ["path": .text(rulesPath), "pattern": .text(p)]),
            help: closestMatch(to: p, in: names).map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) }
                ?? (total == 0 ? localize(CommandMessage.rulesetHasNoTests)
                    : localize(CommandMessage.testsListed, ["n": .number(String(total)), "path": .text(rulesPath)])))
    }
    let format = TestReportFormat(rawValue: args.value("--format") ?? "text") ?? .text
    var context = TestReportContext(program: loaded.program, rulesPath: rulesPath, asOf: asOf.description, toolVersion: toolVersion)
    context.pattern = args.value("--run")
    context.notRun = total - results.count
    context.quiet = args.has("--quiet")
    context.color = format == .text && useColor(fd: 1)
    context.lang = cliLang
    if args.has("--coverage") { context.coverage = TestCoverage(runner) }
    writeOutput(renderTestReport(results, format: format, context: context))
    return results.contains { !$0.passed } ? ExitCode.findings : ExitCode.clean
}
