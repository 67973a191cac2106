import Base
import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics
import Run
import TuanThu

/// `tuanthu diff OLD NEW`: a resubmission compared with the version before it.
let diffCommand = CommandSpec(
    name: "diff",
    summary: "Compare two versions of a dossier: findings fixed, new and still open, values changed.",
    usage: "[OPTIONS] OLD NEW",
    discussion: """
        OLD and NEW are each a dossier (checked now, against --rules) or a JSON report of one
        dossier (`tuanthu check DOSSIER --format json`). A finding is the same in both when its
        rule and JSON Pointer are. Besides the findings, the diff lists each rule whose outcome
        changed, and every value a finding of either version read that differs between them,
        old → new: a value moved just past a threshold shows here. For a report, values come
        from the dossier file it names when that file still has the report's SHA-256, else
        from the report's evidence (a value it does not give is shown as unknown).
        Exit codes: 0 nothing new or still open at or above --fail-on; 1 otherwise; 2 usage or
        ruleset error, or an input that is a report of several dossiers; 3 an input cannot be read.
        """,
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Ruleset for dossier inputs.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ["text", "json", "html"], defaultValue: "text"),
        OptionSpec(name: "--output", short: "-o", value: "FILE", help: "Write the diff to FILE instead of standard output."),
        OptionSpec(name: "--lang", value: "LANG", help: "Message language.", choices: ["vi", "en"], defaultValue: "vi"),
        OptionSpec(name: "--fail-on", value: "SEVERITY", help: "Exit 1 when a new or still-open finding has at least this severity.", choices: ["error", "warning", "info", "never"], defaultValue: "error"),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date dossier inputs are checked on (YYYY-MM-DD).", defaultValue: "today in Asia/Ho_Chi_Minh"),
        purposeOptionSpec,
    ],
    minPositionals: 2,
    maxPositionals: 2
) { args in
    let paths = args.positionals
    var sides: [DiffSide?] = [nil, nil]
    var dossierPaths: [(index: Int, path: String)] = []
    for (k, p) in paths.enumerated() {
        guard case .success(let bytes) = readFileBounded(p, maxBytes: 64 << 20) else {
            printError("error[E4001]: cannot read `\(p)`")
            return ExitCode.unreadableDossier
        }
        if isReport(bytes) {
            do throws(DiffInputError) {
                sides[k] = try DiffSide(report: bytes, path: p)
            } catch {
                printError("error[\(error.code)]: \(error.message)\n  = help: \(error.help)")
                return ExitCode.usage
            }
        } else {
            dossierPaths.append((k, p))
        }
    }
    var rulesetDigest = ""
    if !dossierPaths.isEmpty {
        let run = try InspectionRun(args, positionals: dossierPaths.map(\.path))
        rulesetDigest = run.loaded.program.digest
        let ids = run.loaded.program.rules.map(\.id)
        var k = 0
        var unreadable = false
        _ = run.check { r, bytes in
            if r.outcome == .error {
                printError(r.error?.rendered ?? "error: cannot read `\(r.file)`")
                unreadable = true
            }
            sides[dossierPaths[k].index] = DiffSide(result: r, bytes: bytes(), rulesetDigest: rulesetDigest, ruleIDs: ids)
            k += 1
        }
        if unreadable { return ExitCode.unreadableDossier }
    }
    guard let old = sides[0], let new = sides[1] else { throw CommandError(message: "nothing to compare") }
    if old.rulesetDigest != new.rulesetDigest {
        let code = "W4300"
        printError("warning[\(code)]: the two versions were checked against different rulesets (SHA-256 \(old.rulesetDigest.prefix(12))… and \(new.rulesetDigest.prefix(12))…)\n  = help: check both with the same --rules, or compare two reports made with one ruleset")
    }
    let diff = DossierDiff(old: old, new: new)
    let lang = args.value("--lang") ?? "vi"
    let text: String = switch args.value("--format") ?? "text" {
    case "json": diff.json()
    case "html": diff.html(lang: lang)
    default: diff.text(lang: lang)
    }
    try writeReport(text, to: args.value("--output"))
    let failOn: RuleSeverity? = args.value("--fail-on") == "never" ? nil : RuleSeverity(rawValue: args.value("--fail-on") ?? "error") ?? .error
    return diff.fails(failOn) ? ExitCode.findings : ExitCode.clean
}

/// Is this JSON a `tuanthu/1` report (an object whose `format` is "tuanthu/1")?
private func isReport(_ bytes: [UInt8]) -> Bool {
    guard let doc = try? JSONParser.parse(bytes), doc[0].kind == .object, let f = doc.member(0, key: "format"), doc[f].kind == .string else { return false }
    return doc.string(f) == "tuanthu/1"
}
