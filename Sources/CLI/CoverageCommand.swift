import Foundation
import TuanThu

/// `tuanthu coverage [PATH]`: source items × rules.
let coverageCommand = CommandSpec(
    name: "coverage",
    summary: "Show which items of each legal source the rules cover, and whether tests exercise them.",
    usage: "[--format text|json|markdown] [PATH]",
    discussion: "For every item of every `source`, and every point of an item: the rules citing it and whether a test exercises each. A checkable item or point that no rule cites is a gap. Then the `unverified` thresholds with the article each should come from, the `unverified` source items, and the rules that cite only the ruleset's first source (the letter it implements) and no article of law. Exit 1 when there is a gap. PATH defaults to the bundled pack.",
    options: [
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ["text", "json", "markdown"], defaultValue: "text"),
    ],
    maxPositionals: 1
) { args in
    let path = try args.positionals.first ?? bundledRulesPath()
    let loaded = try loadRulesetOrFail(path)
    let report = CoverageReport(program: loaded.program)
    switch args.value("--format") ?? "text" {
    case "json": writeOutput(report.json())
    case "markdown": writeOutput(report.markdown())
    // Titles and citations come from rule files: controls escaped on a terminal.
    default: writeOutput(terminalSafe(report.text()))
    }
    return report.gaps > 0 ? ExitCode.findings : ExitCode.clean
}

/// `tuanthu schema [PATH]`: the dossier schema as JSON Schema, or as Markdown.
let schemaCommand = CommandSpec(
    name: "schema",
    summary: "Print the ruleset's dossier schema as JSON Schema (2020-12) for planners' editors, or as Markdown.",
    usage: "[--format json|markdown] [--output FILE] [PATH]",
    discussion: "Descriptions come from the `//` comments above each field of the ruleset's `schema`. Optional fields (`?`) may also be null. `--format markdown` gives one table per object (Examples/DOSSIER-FORMAT.md is generated so). PATH defaults to the bundled pack.",
    options: [
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ["json", "markdown"], defaultValue: "json"),
        OptionSpec(name: "--output", short: "-o", value: "FILE", help: "Write the schema to FILE."),
    ],
    maxPositionals: 1
) { args in
    let path = try args.positionals.first ?? bundledRulesPath()
    let loaded = try loadRulesetOrFail(path)
    let text: String?
    if args.value("--format") == "markdown" {
        text = schemaMarkdown(loaded.program, command: dossierFormatCommand)
    } else {
        text = jsonSchema(loaded.program)
    }
    guard let text else {
        throw CommandError(message: "the ruleset `\(path)` declares no `schema`")
    }
    if let out = args.value("--output") {
        // As `check --output` writes: through symlinks, mode kept, never half-written.
        try replaceFileContents(out, with: text)
    } else {
        writeOutput(text)
    }
    return ExitCode.clean
}

/// The command that regenerates `Examples/DOSSIER-FORMAT.md`, quoted in its header.
let dossierFormatCommand = "swift run tuanthu schema --format markdown --output Examples/DOSSIER-FORMAT.md"
