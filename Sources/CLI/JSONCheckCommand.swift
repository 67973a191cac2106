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
    let renderer = DiagnosticRenderer(colorize: useColor(fd: 2))
    for path in args.positionals {
        guard let data = readWholeFile(path) else {
            printError("error: cannot read `\(terminalSafeLine(path))`: no such file or not readable")
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
                    "W3001", "duplicate key `\(key)` in one object", at: doc.span(d.second, file: file.id), label: "repeated here",
                    secondary: [Label(doc.span(d.first, file: file.id), "first here")],
                    help: "keep one of them: tools disagree on which copy wins"))
            }
            writeOutput("\(terminalSafeLine(path)): ok (\(doc.nodes.count) values\(warnings.isEmpty ? "" : ", \(warnings.count) duplicate key\(warnings.count == 1 ? "" : "s")"))\n")
            if !warnings.isEmpty { printError(renderer.render(warnings, files: files)) }
        } catch {
            printError(renderer.render([error.diagnostic(file: file.id)], files: files))
            status = ExitCode.unreadableDossier
        }
    }
    return status
}
