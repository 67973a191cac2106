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
            throw CommandError(error.messageText)
        }
    }
    var files = SourceMap()
    let renderer = cliRenderer()
    var changed = 0
    var broken = 0
    for path in paths {
        guard let data = readWholeFile(path) else {
            throw CommandError(localize(CommandMessage.cannotReadPath, ["path": .text(path)]))
        }
        let source = files.add(path: path, bytes: data)
        switch RulesFormatter.format(source) {
        case .refused(let diagnostics):
            printError(renderer.render(diagnostics, files: files))
            printError(say(.notFormattedSyntax, ["path": .text(path)]))
            broken += 1
        case .formatted(let text):
            if Array(text.utf8) == source.bytes { continue }
            changed += 1
            if check {
                writeOutput(say(.wouldReformat, ["path": .text(path)]) + "\n")
                writeOutput(LineDiff.unified(old: String(decoding: source.bytes, as: UTF8.self), new: text, path: path))
            } else {
                // Through the symlink, keeping the file's mode and owner; never half-written.
                do throws(WriteFailure) {
                    try replaceFileContents(path, with: text)
                } catch {
                    throw CommandError(localize(CommandMessage.cannotWriteWhy, ["path": .text(path), "why": .localized(error.messageText)]), code: ExitCode.writeFailed)
                }
                writeOutput(say(.reformatted, ["path": .text(path)]) + "\n")
            }
        }
    }
    let unchanged = paths.count - changed - broken
    let counts: KeyValuePairs<String, MessageArg> = ["n": .number(String(changed)), "unchanged": .number(String(unchanged))]
    var summary = check
        ? say(changed == 1 ? .fmtCheckSummaryOne : .fmtCheckSummary, counts)
        : say(changed == 1 ? .fmtSummaryOne : .fmtSummary, counts)
    if broken > 0 { summary += say(.fmtWithSyntaxErrors, ["n": .number(String(broken))]) }
    printError(summary)
    if broken > 0 { return ExitCode.usage }
    return check && changed > 0 ? ExitCode.findings : ExitCode.clean
}
