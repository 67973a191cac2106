import Diagnostics
import FileIO
import Format
import Foundation
import Reporters
import Semantics

/// `tuanthu fmt [--check] PATH...`: rewrite `.rules` files in canonical form.
let fmtCommand = CommandSpec(
    name: "fmt",
    summary: "Format .rules files canonically (keeps every comment).",
    usage: "[--check] PATH...",
    discussion: """
        PATH is a .rules file or a folder (every .rules file below it). Files are rewritten \
        in place only when formatting changes them, and listed. With --check nothing is \
        written: the files that would change are listed with a diff, and the exit status is 1 \
        if there are any. A file with a syntax error is left untouched and its errors shown \
        (exit 2).
        """,
    options: [
        OptionSpec(name: "--check", help: "Write nothing; list the files that would change, with a diff, and exit 1 if any."),
    ],
    minPositionals: 1
) { args in
    let check = args.has("--check")
    var paths: [String] = []
    for path in args.positionals {
        do throws(LoadError) {
            paths += try RulesetFiles.list(path)
        } catch {
            throw CommandError(message: error.message)
        }
    }
    var files = SourceMap()
    let renderer = DiagnosticRenderer(colorize: useColor(fd: 2))
    var changed = 0
    var broken = 0
    for path in paths {
        guard let data = readWholeFile(path) else {
            throw CommandError(message: "cannot read `\(path)`")
        }
        let source = files.add(path: path, bytes: data)
        switch RulesFormatter.format(source) {
        case .refused(let diagnostics):
            printError(renderer.render(diagnostics, files: files))
            printError("\(path): not formatted (syntax errors)")
            broken += 1
        case .formatted(let text):
            if Array(text.utf8) == source.bytes { continue }
            changed += 1
            if check {
                writeOutput("would reformat \(path)\n")
                writeOutput(LineDiff.unified(old: String(decoding: source.bytes, as: UTF8.self), new: text, path: path))
            } else {
                // Through the symlink, keeping the file's mode and owner; never half-written.
                do throws(WriteFailure) {
                    try replaceFileContents(path, with: text)
                } catch {
                    throw CommandError(message: "cannot write `\(path)`: \(error.message)", code: ExitCode.writeFailed)
                }
                writeOutput("reformatted \(path)\n")
            }
        }
    }
    let unchanged = paths.count - changed - broken
    var summary = check
        ? "\(changed) file\(changed == 1 ? "" : "s") would be reformatted, \(unchanged) already formatted"
        : "\(changed) file\(changed == 1 ? "" : "s") reformatted, \(unchanged) unchanged"
    if broken > 0 { summary += ", \(broken) with syntax errors" }
    printError(summary)
    if broken > 0 { return ExitCode.usage }
    return check && changed > 0 ? ExitCode.findings : ExitCode.clean
}
