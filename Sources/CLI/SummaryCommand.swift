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

/// `tuanthu summary [PATH...]`: a batch summary for an inspection office.
let summaryCommand = CommandSpec(
    name: "summary",
    summary: "Check dossiers and total them by outcome, commune or ward, project type, item and rule.",
    usage: "[OPTIONS] [PATH...]",
    discussion: """
        PATH is as for `check` (files, folders, or - for NDJSON on standard input). The dossiers
        are checked as `check` checks them, one pass, and only the totals are kept: by outcome; by
        commune or ward (location.commune) and former district (location.legacy_district); by kind
        and project type; by cited item of the letter; by rule; and the dossiers with the most
        serious open findings (errors, then warnings, missing data, info). HTML draws the totals as
        inline SVG bar charts (no script, no network).
        Exit codes as for `check`: 0 clean; 1 a finding at or above --fail-on; 2 ruleset or usage
        error; 3 a dossier could not be read.
        """,
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Ruleset: a .rules file or a folder of them.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ["text", "json", "markdown", "html"], defaultValue: "text"),
        OptionSpec(name: "--output", short: "-o", value: "FILE", help: "Write the summary to FILE instead of standard output."),
        OptionSpec(name: "--top", value: "N", help: "How many of the worst dossiers to list.", defaultValue: "10"),
        OptionSpec(name: "--fail-on", value: "SEVERITY", help: "Exit 1 when a finding has at least this severity.", choices: ["error", "warning", "info", "never"], defaultValue: "error"),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date the check is made on (YYYY-MM-DD).", defaultValue: "today in Asia/Ho_Chi_Minh"),
        OptionSpec(name: "--jobs", short: "-j", value: "N", help: "Parallel workers.", defaultValue: "all cores"),
        purposeOptionSpec,
    ]
) { args in
    let format = args.value("--format") ?? "text"
    let lang = args.value("--lang") ?? "vi"
    var top = 10
    if let s = args.value("--top") {
        guard let n = Int(s), n >= 0, n <= 10_000 else { throw UsageError(localize(CommandMessage.topRange, ["text": .text(s)])) }
        top = n
    }
    let run = try InspectionRun(args)
    var summary = InspectionSummary(run.context, top: top)
    let batch = run.check { r, bytes in summary.add(r, bytes: bytes()) }
    let text: String = switch format {
    case "json": summary.json()
    case "markdown": summary.markdown(lang: lang)
    case "html": summaryPage(summary, lang: lang)
    default: summary.text(lang: lang)
    }
    try writeReport(text, to: args.value("--output"))
    return ExitCode.of(batch)
}

/// A standalone HTML page holding the summary section.
func summaryPage(_ summary: InspectionSummary, lang: String) -> String {
    let title = localize(ReportText.inspectionSummary)(Lang(rawValue: lang) ?? .en)
    return """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — \(summary.asOf)</title>
        <style>
        body { margin: 0 auto; max-width: 1000px; padding: 24px 32px; font: 14px/1.45 system-ui, sans-serif; color: #1d1d1f; }
        \(InspectionSummary.css)</style>
        </head>
        <body>
        \(summary.htmlSection(lang: lang))</body>
        </html>

        """
}

/// Writes a finished report to a file (renamed into place) or standard output.
func writeReport(_ text: String, to path: String?) throws {
    if let path {
        let sink = try OutputSink.open(path: path)
        sink.write(text)
        try sink.finish()
    } else {
        writeOutput(text)
    }
}

/// The part of `check` the inspection commands share: the ruleset, the
/// as-of date, the dossiers named on the command line, checked in parallel.
struct InspectionRun {
    let loaded: LoadedRuleset
    let rulesPath: String
    let asOf: CivilDate
    let jobs: Int
    let paths: [String]
    var context: ReportContext

    /// Why the dossiers are checked (`reference_date()`).
    let purpose: CheckPurpose

    /// Reads `--rules`, `--as-of`, `--jobs`, `--lang`, `--fail-on`, `--purpose` and the paths.
    init(_ args: ParsedArguments, positionals: [String]? = nil, defaultPurpose: CheckPurpose = .prevalidation) throws {
        var asOf = todayInVietnam()
        if let s = args.value("--as-of") {
            guard let d = CivilDate(s) else { throw UsageError(localize(CommandMessage.notADate, ["text": .text(s)]), help: localize(CommandMessage.writeAsOf)) }
            asOf = d
        }
        self.asOf = asOf
        var jobs = availableCores()
        if let s = args.value("--jobs") {
            guard let n = Int(s), n >= 1, n <= 1024 else { throw UsageError(localize(CommandMessage.jobsRange, ["text": .text(s)])) }
            jobs = n
        }
        self.jobs = jobs
        rulesPath = try args.value("--rules") ?? bundledRulesPath()
        loaded = try loadRulesetOrFail(rulesPath)
        if let note = CheckRun.warningsNote(loaded, paths: [rulesPath]) { printError("note: " + say(note)) }
        let failOn: RuleSeverity? = args.value("--fail-on") == "never" ? nil : RuleSeverity(rawValue: args.value("--fail-on") ?? "error") ?? .error
        context = ReportContext(program: loaded.program, toolVersion: toolVersion, asOf: asOf.description, lang: args.value("--lang") ?? "vi", failOn: failOn)
        context.rulesPath = rulesPath
        purpose = args.value("--purpose").flatMap(CheckPurpose.init(rawValue:)) ?? defaultPurpose
        context.purpose = purpose
        let given = positionals ?? args.positionals
        if given.isEmpty && isatty(0) != 0 {
            throw UsageError(localize(CommandMessage.noDossiersGiven), help: localize(CommandMessage.summaryNoDossiersHelp))
        }
        paths = given.isEmpty ? ["-"] : given
    }

    /// Checks every dossier, handing each result to `observe` in input order
    /// with a way to get the dossier's bytes (a result without findings keeps none).
    func check(_ observe: (DossierResult, () -> [UInt8]?) -> Void) -> BatchSummary {
        var inputs: [DossierInput] = []
        var readsStandardInput = false
        for p in paths {
            if p == "-" {
                readsStandardInput = true
            } else {
                var notices: [LocalizedText] = []
                inputs += expandDossierPaths([p], notices: &notices)
                for n in notices { printError("note: \(say(n))") }
            }
        }
        // The run module's reader: a pretty-printed document or NDJSON on standard input, as `check` reads it.
        var queue = InputQueue(files: inputs, standardInput: readsStandardInput, mapper: false, maxBytes: 64 << 20)
        var options = CheckOptions(asOf: asOf, jobs: jobs)
        options.purpose = purpose
        let checker = BatchChecker(program: loaded.program, options: options)
        var summary = BatchSummary()
        // Results come back in input order: the inputs handed out and not yet
        // reported, oldest first (at most one batch of them).
        var pending: [DossierInput] = []
        var head = 0
        checker.run(next: {
            let input = queue.next()
            if let input { pending.append(input) }
            return input
        }, emit: { r in
            let input = pending[head]
            head += 1
            if head > 4096 {
                pending.removeFirst(head)
                head = 0
            }
            summary.add(r, context)
            observe(r) {
                switch input {
                case .file(let path): try? readFileBounded(path, maxBytes: 64 << 20).get()
                case .record(let rec, _): rec.bytes
                case .document(let bytes, _): bytes
                case .unreadable: nil
                }
            }
        })
        return summary
    }
}
