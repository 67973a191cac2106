import Diagnostics
import Foundation
import Reporters

/// `tuanthu explain-code CODE`: what a diagnostic code means and how to fix it.
let explainCodeCommand = CommandSpec(
    name: "explain-code",
    summary: "Explain a diagnostic code (E2017, W4102, …): its meaning, an example and the fix.",
    usage: "CODE | --list | --markdown",
    discussion: "Prints the catalogue entry of CODE: a one-line title, an explanation, a minimal input that triggers it and how to fix it. `--list` prints every code with its title; `--markdown` prints the whole catalogue as Markdown (Rules/DIAGNOSTICS.md is generated so).",
    options: [
        OptionSpec(name: "--list", help: "List every code with its title."),
        OptionSpec(name: "--markdown", help: "Print the whole catalogue as Markdown."),
    ],
    maxPositionals: 1
) { args in
    if args.has("--markdown") {
        writeOutput(CodeCatalogue.markdown())
        return ExitCode.clean
    }
    if args.has("--list") {
        writeOutput(CodeCatalogue.entries.map { "\($0.code)  \($0.title)\n" }.joined())
        return ExitCode.clean
    }
    guard let code = args.positionals.first else {
        throw UsageError(localize(CommandMessage.whichCode), help: localize(CommandMessage.listCodesHelp))
    }
    if let now = CodeCatalogue.renamed[code.uppercased()], let entry = CodeCatalogue.entry(now) {
        printError("note: " + say(.codeRenamed, ["old": .text(code.uppercased()), "new": .text(now)]))
        writeOutput(CodeCatalogue.explanation(entry))
        return ExitCode.clean
    }
    guard let entry = CodeCatalogue.entry(code) else {
        let suggestion = closestMatch(to: code.uppercased(), in: CodeCatalogue.entries.map(\.code))
        let list = localize(CommandMessage.listEveryCode)
        throw UsageError(
            localize(CommandMessage.unknownCode, ["code": .text(code)]),
            help: suggestion.map { localize(CommandMessage.didYouMeanThen, ["suggestion": .text("`\($0)`"), "rest": .localized(list)]) } ?? list)
    }
    writeOutput(CodeCatalogue.explanation(entry))
    return ExitCode.clean
}
