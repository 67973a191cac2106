import Diagnostics
import Foundation
import Reporters
import TuanThu

/// `tuanthu coverage [PATH]`: source items × rules.
let coverageCommand = CommandSpec(
    name: "coverage",
    summary: "Show which items of each legal source the rules cover, and whether tests exercise them.",
    usage: "[--format text|json|markdown] [--only SELECTOR] [--skip SELECTOR] [PATH...]",
    discussion: "For every item of every `source`, and every point of an item: the rules citing it and whether a test exercises each. A checkable item or point that no rule cites is a gap. Then the `unverified` thresholds with the article each should come from, the `unverified` source items, and the rules that cite only the ruleset's first source (the letter it implements) and no article of law. Exit 1 when there is a gap. PATH defaults to the bundled pack.",
    options: [
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ["text", "json", "markdown"], defaultValue: "text"),
        OptionSpec(name: "--only", value: "SELECTOR", help: "Only these rules (and the items they cite): an id, a glob, tag:NAME or item:N.", repeatable: true),
        OptionSpec(name: "--skip", value: "SELECTOR", help: "Leave these rules out (same selectors as --only).", repeatable: true),
    ]
) { args in
    // Several PATHs are rule sets layered into one ruleset, as `check --rules A --rules B`.
    let loaded = try loadRulesetOrFail(args.positionals.isEmpty ? [try bundledRulesPath()] : args.positionals)
    guard let selection = checkedSelection(args, loaded.program) else { return ExitCode.usage }
    let program = selection.applyToCoverage(loaded.program)
    let report = CoverageReport(program: program)
    switch args.value("--format") ?? "text" {
    case "json": writeOutput(report.json())
    case "markdown": writeOutput(report.markdown(lang: cliLang))
    // Titles and citations come from rule files: controls escaped on a terminal.
    default: writeOutput(terminalSafe(report.text(lang: cliLang)))
    }
    return report.gaps > 0 ? ExitCode.findings : ExitCode.clean
}
