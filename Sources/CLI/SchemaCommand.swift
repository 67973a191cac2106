import FileIO
import Foundation
import Reporters
import TuanThu

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
