import Diagnostics
import Foundation
import Reporters
import Semantics
import TuanThu

/// `tuanthu lint PATH...`: load rulesets and report every error and warning.
let lintCommand = CommandSpec(
    name: "lint",
    summary: "Load a ruleset and report every error and warning in it.",
    usage: "[--format text|json] PATH...",
    discussion: "PATH is a .rules file or a folder of them; several PATHs are rule sets layered into one ruleset, as `check --rules A --rules B` loads them (a rule id in two sets is E4200). Diagnostics are sorted by file and position. Exit 0 when clean or with warnings only, 2 on any error.",
    options: [
        OptionSpec(name: "--format", value: "FORMAT", help: "Output format.", choices: ["text", "json"], defaultValue: "text"),
    ],
    minPositionals: 1
) { args in
    let loaded: LoadedRuleset
    do throws(LoadError) {
        loaded = try RulesetLoader.load(sets: args.positionals)
    } catch {
        throw CommandError(error.messageText)
    }
    let diagnostics = loaded.diagnostics
    if args.value("--format") == "json" {
        writeOutput(diagnosticsJSON(diagnostics, files: loaded.files))
    } else {
        let renderer = cliRenderer()
        if !diagnostics.isEmpty { printError(renderer.render(diagnostics, files: loaded.files)) }
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        let summary = errors == 0 && warnings == 0
            ? say(.lintOK, ["n": .number(String(loaded.ruleCount))])
            : "\(errors) \(say(errors == 1 ? .errorWord : .errorsWord)), \(warnings) \(say(warnings == 1 ? .warningWord : .warningsWord))"
        printError(summary)
    }
    return diagnostics.contains { $0.severity == .error } ? ExitCode.usage : ExitCode.clean
}
