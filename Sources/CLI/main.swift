import Diagnostics
import Foundation

/// Every command, in the order `tuanthu --help` lists them.
let commands: [CommandSpec] = [
    checkCommand,
    summaryCommand,
    recordCommand,
    diffCommand,
    lintCommand,
    testCommand,
    fmtCommand,
    explainCommand,
    explainCodeCommand,
    coverageCommand,
    schemaCommand,
    digestCommand,
    jsonCheckCommand,
    benchCommand,
    fuzzCommand,
]

let toolVersion = "0.1.0"

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

        Run `tuanthu <command> --help` for a command's options.
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
    guard let command = commands.first(where: { $0.name == first }) else {
        let suggestion = closestMatch(to: first, in: commands.map(\.name))
        printError("error: unknown command `\(first)`")
        if let s = suggestion { printError("  = help: did you mean `\(s)`?") }
        printError("run `tuanthu --help` for the list of commands")
        return ExitCode.usage
    }
    do {
        let parsed = try command.parse(Array(argv.dropFirst()))
        if parsed.has("--help") {
            writeOutput(command.helpText)
            return ExitCode.clean
        }
        return try command.run(parsed)
    } catch let e as UsageError {
        printError("error: \(terminalSafe(e.message))")
        if let h = e.help { printError("  = help: \(terminalSafe(h))") }
        printError("USAGE: tuanthu \(command.name) \(command.usage)\nrun `tuanthu \(command.name) --help` for details")
        return ExitCode.usage
    } catch let e as CommandError {
        printError("error: \(terminalSafe(e.message))")
        return e.code
    } catch let e as WriteFailure {
        printError("error: \(e.message)")
        return ExitCode.writeFailed
    } catch {
        printError("error: \(error)")
        return ExitCode.usage
    }
}

exit(runMain(Array(CommandLine.arguments.dropFirst())))
