import Diagnostics
import FileIO
import Foundation
import Reporters
import Run

/// Every command, in the order `tuanthu --help` lists them.
let commands: [CommandSpec] = [
    checkCommand,
    lintCommand,
    testCommand,
    fmtCommand,
    summaryCommand,
    recordCommand,
    diffCommand,
    explainCommand,
    explainCodeCommand,
    coverageCommand,
    schemaCommand,
    digestCommand,
    jsonCheckCommand,
    benchCommand,
    fuzzCommand,
    completionCommand,
    manCommand,
]

let toolVersion = "0.1.0"

/// `tuanthu --help`: the commands with their summaries.
func topLevelHelp() -> String {
    var s = """
        tuanthu \(toolVersion) — check project dossiers (JSON) against compliance rules

        USAGE: tuanthu <command> [options]

        COMMANDS:

        """
    let width = (commands.map(\.name.count).max() ?? 0) + 2
    for c in commands {
        s += "  \(c.name)" + String(repeating: " ", count: width - c.name.count) + c.summary + "\n"
    }
    s += """

        Run `tuanthu <command> --help` for a command's options, `tuanthu man` for the manual.
        Exit codes: 0 clean, 1 findings at or above --fail-on, 2 ruleset or usage error,
        3 a dossier could not be read, 4 the output could not be written.

        """
    return s
}

func runMain(_ argv: [String]) -> Int32 {
    guard let first = argv.first else {
        printError(topLevelHelp())
        return ExitCode.usage
    }
    switch first {
    case "--help", "-h", "help":
        if argv.count > 1, let c = commands.first(where: { $0.name == argv[1] }) {
            writeOutput(c.helpText)
        } else {
            writeOutput(topLevelHelp())
        }
        return ExitCode.clean
    case "--version", "-V", "version":
        writeOutput("tuanthu \(toolVersion)\n")
        return ExitCode.clean
    default:
        break
    }
    // The language of errors in the options themselves; the config file's `lang` applies once it is read.
    if let l = languageGiven(argv) { messageLanguage.withLock { $0 = l } }
    guard let command = commands.first(where: { $0.name == first }) else {
        let suggestion = closestMatch(to: first, in: commands.map(\.name))
        printError("error: " + say(.unknownCommand, ["name": .text(first)]))
        if let s = suggestion { printError("  = help: " + say(.didYouMean, ["suggestion": .text("`\(s)`")])) }
        printError(say(.runHelpForCommands))
        return ExitCode.usage
    }
    // Where the options came from, for errors about a value the config file gave.
    var origins: [String: String] = [:]
    var values: [String: [String]] = [:]
    do {
        var parsed = try command.parse(Array(argv.dropFirst()))
        if parsed.has("--help") {
            writeOutput(command.helpText)
            return ExitCode.clean
        }
        // A colour given as a flag applies at once, to the config file's own errors too.
        if let c = parsed.value("--color").flatMap(ColorChoice.init(rawValue:)) { colorChoice.withLock { $0 = c } }
        let configNote: LocalizedText
        if parsed.has("--no-config") {
            configNote = localize(SettingsMessage.notRead)
        } else {
            let located: (path: String, directory: String)?
            if let explicit = parsed.value("--config") {
                located = (explicit, (explicit as NSString).deletingLastPathComponent)
            } else {
                located = ConfigFile.locate(from: FileManager.default.currentDirectoryPath)
            }
            if let located {
                do throws(ConfigError) {
                    let config = try ConfigFile.load(path: located.path, directory: located.directory, commands: commands)
                    config.apply(to: &parsed, command: command)
                    configNote = LocalizedText(verbatim: config.path)
                } catch {
                    printError(cliRenderer().render(error.diagnostics, files: error.files))
                    printError("error: \(terminalSafe(say(error.summary)))")
                    return ExitCode.usage
                }
            } else {
                configNote = localize(SettingsMessage.noneFound, ["file": .text(configFileName)])
            }
        }
        if let c = parsed.value("--color").flatMap(ColorChoice.init(rawValue:)) { colorChoice.withLock { $0 = c } }
        if let l = parsed.value("--lang").flatMap(Lang.init(rawValue:)) { messageLanguage.withLock { $0 = l } }
        if parsed.has("--print-config") {
            writeOutput(printedConfig(command, parsed, configNote: configNote))
            return ExitCode.clean
        }
        origins = parsed.origins
        values = parsed.values
        try command.checkPositionals(parsed)
        return try command.run(parsed)
    } catch let e as UsageError {
        printError("error: \(terminalSafe(say(e.message)))")
        if let h = e.help { printError("  = help: \(terminalSafe(say(h)))") }
        // A bad value the config file gave: say where it is, or the user looks for it on the command line.
        for o in command.allOptions where origins[o.name].map({ $0 != "flag" }) == true
            && (e.message.en.contains(o.name) || (values[o.name] ?? []).contains { e.message.en.contains("`\($0)`") }) {
            printError("  = note: " + terminalSafe(say(.setInConfig, ["option": .text(o.name), "origin": .text(origins[o.name]!)])))
        }
        printError(say(.usageLine, ["command": .text(command.name), "usage": .text(command.usage)]) + "\n" + say(.runCommandHelp, ["command": .text(command.name)]))
        return ExitCode.usage
    } catch let e as CommandError {
        printError("error: \(terminalSafe(say(e.message)))")
        return e.code
    } catch let e as WriteFailure {
        printError("error: \(say(e.messageText))")
        return ExitCode.writeFailed
    } catch {
        printError("error: \(error)")
        return ExitCode.usage
    }
}

exit(runMain(Array(CommandLine.arguments.dropFirst())))
