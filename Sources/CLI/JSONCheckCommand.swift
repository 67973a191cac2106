import Diagnostics
import FileIO
import Foundation
import JSON
import Reporters

/// `tuanthu json-check FILE...`: parse JSON files and print OK or the error.
let jsonCheckCommand = CommandSpec(
    name: "json-check",
    summary: "Parse JSON files strictly and show where each one is broken.",
    usage: "FILE...",
    discussion: "Prints `FILE: ok` for a valid file, or the error with its line, column and a caret. Duplicate keys are shown as warnings. Exit 3 if any file is broken.",
    options: [],
    minPositionals: 1
) { args in
    var status = ExitCode.clean
    var files = SourceMap()
    let renderer = cliRenderer()
    for path in args.positionals {
        guard let data = readWholeFile(path) else {
            printError("error: " + say(.jsonCheckUnreadable, ["path": .text(terminalSafeLine(path))]))
            status = ExitCode.unreadableDossier
            continue
        }
        let file = files.add(path: path, bytes: data)
        do throws(JSONParseError) {
            let doc = try JSONParser.parse(file.bytes)
            var warnings: [Diagnostic] = []
            for d in doc.duplicateKeys {
                let key = doc.string(d.second)
                warnings.append(.warning(
                    "W3001", localize(CommandMessage.duplicateKeyInObject, ["key": .text(key)]), at: doc.span(d.second, file: file.id),
                    label: localize(CommandMessage.repeatedHere),
                    secondary: [Label(doc.span(d.first, file: file.id), localize(CommandMessage.firstHere))],
                    help: localize(CommandMessage.keepOneToolsDisagree)))
            }
            let counts: KeyValuePairs<String, MessageArg> = ["path": .text(terminalSafeLine(path)), "n": .number(String(doc.nodes.count)), "k": .number(String(warnings.count))]
            writeOutput(say(warnings.isEmpty ? .jsonCheckOK : warnings.count == 1 ? .jsonCheckOKDuplicate : .jsonCheckOKDuplicates, counts) + "\n")
            if !warnings.isEmpty { printError(renderer.render(warnings, files: files)) }
        } catch {
            printError(renderer.render([error.diagnostic(file: file.id)], files: files))
            status = ExitCode.unreadableDossier
        }
    }
    return status
}
