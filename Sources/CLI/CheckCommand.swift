import Base
import Diagnostics
import Foundation
import JSON
import Reporters
import Semantics
import TuanThu

/// `tuanthu check [PATH...]`: the main job.
let checkCommand = CommandSpec(
    name: "check",
    summary: "Check dossiers (JSON) against a ruleset and report every finding.",
    usage: "[OPTIONS] [PATH...]",
    discussion: """
        PATH is a dossier file, a folder (every *.json below it, sorted), or - for NDJSON on
        standard input (one dossier per line). With no PATH, `-` is read.
        Without --rules, the bundled Can Tho pack is used ($TUANTHU_RULES overrides where it is).
        Exit codes: 0 clean; 1 a finding at or above --fail-on; 2 ruleset or usage error;
        3 a dossier could not be read (the others are still checked and reported);
        4 the report could not be written (closed pipe, full disk).
        """,
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Ruleset: a .rules file or a folder of them.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
        OptionSpec(name: "--output", short: "-o", value: "FILE", help: "Write the report to FILE instead of standard output."),
        OptionSpec(name: "--lang", value: "LANG", help: "Message language, falling back to the other.", choices: ["vi", "en"], defaultValue: "vi"),
        OptionSpec(name: "--fail-on", value: "SEVERITY", help: "Exit 1 when a finding has at least this severity.", choices: ["error", "warning", "info", "never"], defaultValue: "error"),
        OptionSpec(name: "--waivers", value: "FILE", help: "Approved waivers (JSON)."),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date the check is made on (YYYY-MM-DD).", defaultValue: "today in Asia/Ho_Chi_Minh"),
        purposeOptionSpec,
        OptionSpec(name: "--jobs", short: "-j", value: "N", help: "Parallel workers.", defaultValue: "all cores"),
        OptionSpec(name: "--max-bytes", value: "N", help: "Refuse dossiers larger than N bytes.", defaultValue: "67108864 (64 MiB)"),
        OptionSpec(name: "--quiet", short: "-q", help: "Text: show only the dossiers that fail the run (unreadable, or a finding at or above --fail-on), then the summary line. Other formats are complete."),
    ]
) { args in
    let format = ReportFormat(rawValue: args.value("--format") ?? "text")!
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(message: "`\(s)` is not a date", help: "write --as-of 2026-11-29") }
        asOf = d
    }
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    if let s = args.value("--jobs") {
        guard let n = Int(s), n >= 1, n <= 1024 else { throw UsageError(message: "--jobs takes a whole number from 1 to 1024, not `\(s)`") }
        jobs = n
    }
    var maxBytes = 64 << 20
    if let s = args.value("--max-bytes") {
        guard let n = Int(s), n >= 1 else { throw UsageError(message: "--max-bytes takes a positive whole number, not `\(s)`") }
        maxBytes = n
    }
    let failOn: RuleSeverity? = args.value("--fail-on").flatMap { $0 == "never" ? nil : RuleSeverity(rawValue: $0) } ?? (args.value("--fail-on") == "never" ? nil : .error)
    let lang = args.value("--lang") ?? "vi"

    let rulesPath = try args.value("--rules") ?? bundledRulesPath()
    let loaded = try loadRulesetOrFail(rulesPath)

    // Waivers are read before any output, so a bad file stops the run (exit 2)
    // without leaving a half-written report.
    var waivers: WaiverApplier? = nil
    if let path = args.value("--waivers") {
        do throws(WaiverLoadError) {
            let file = try WaiverFile.load(path: path, program: loaded.program)
            let applier = WaiverApplier(file, asOf: asOf, program: loaded.program)
            let warnings = file.warnings + applier.expiredWarnings
            if !warnings.isEmpty { printError(applier.render(warnings, colorize: useColor(fd: 2))) }
            waivers = applier
        } catch {
            printError(error.rendered(colorize: useColor(fd: 2)))
            throw CommandError(message: error.summary)
        }
    }

    let outputPath = args.value("--output")
    let color = outputPath == nil && format == .text && useColor(fd: 1)
    var context = ReportContext(program: loaded.program, toolVersion: toolVersion, asOf: asOf.description, lang: lang, color: color, failOn: failOn)
    context.rulesPath = rulesPath
    context.quiet = args.has("--quiet")
    context.purpose = purposeOption(args)
    var writer = makeReportWriter(format, context)
    var checkOptions = CheckOptions(asOf: asOf, jobs: jobs, maxBytes: maxBytes, digests: format != .text)
    checkOptions.purpose = purposeOption(args)
    let checker = BatchChecker(program: loaded.program, options: checkOptions)

    if args.positionals.isEmpty && isatty(0) != 0 {
        throw UsageError(message: "no dossiers given", help: "name files or folders, e.g. `tuanthu check Examples/`, or pipe NDJSON into `tuanthu check -`")
    }
    let paths = args.positionals.isEmpty ? ["-"] : args.positionals
    // The report must never overwrite an input: a dossier or waivers file
    // named as the output is refused; inside a checked folder, the output
    // (a previous report) is left out of the batch.
    let outputIdentity = outputPath.flatMap { FileIdentity(path: $0) }
    let outputCanonical = outputPath.map(canonicalPath)
    func isOutput(_ p: String) -> Bool {
        guard outputPath != nil else { return false }
        if let o = outputIdentity, let i = FileIdentity(path: p), o == i { return true }
        return canonicalPath(p) == outputCanonical
    }
    if let out = outputPath {
        for p in paths where p != "-" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), !isDirectory.boolValue, isOutput(p) {
                throw UsageError(message: "the output `\(out)` is the dossier `\(p)`; the report would overwrite it", help: "write the report elsewhere, e.g. `--output report.txt`")
            }
        }
        if let rulesFile = loaded.files.files.first(where: { isOutput($0.path) }) {
            throw UsageError(message: "the output `\(out)` is the rules file `\(rulesFile.path)`; the report would overwrite it", help: "write the report elsewhere, e.g. `--output report.txt`")
        }
        if let w = args.value("--waivers"), isOutput(w) {
            throw UsageError(message: "the output `\(out)` is the waivers file; the report would overwrite it", help: "write the report elsewhere, e.g. `--output report.txt`")
        }
    }
    var inputs: [DossierInput] = []
    var stdinReader: NDJSONReader? = nil
    for p in paths {
        if p == "-" {
            stdinReader = NDJSONReader(fileDescriptor: 0, maxLineBytes: maxBytes)
        } else {
            var notices: [String] = []
            inputs += expandDossierPaths([p], notices: &notices).filter { input in
                if case .file(let f) = input, f != p, isOutput(f) { return false }
                return true
            }
            for n in notices { printError("note: \(n)") }
        }
    }
    if inputs.isEmpty && stdinReader == nil {
        throw CommandError(message: "no dossiers: the paths hold no *.json files")
    }

    // Output goes to a file (renamed into place once complete) or standard
    // output, written as it is produced.
    let sink = try outputPath.map { p throws(CommandError) in try OutputSink.open(path: p) } ?? OutputSink.standardOutput
    var k = 0
    let summary = checkAndReport(checker, next: {
        // A failed write (closed pipe, full disk) ends the batch: nobody reads the rest.
        if sink.failure != nil { return nil }
        if k < inputs.count {
            k += 1
            return inputs[k - 1]
        }
        if var reader = stdinReader, let record = reader.next() {
            stdinReader = reader
            return .record(record, streamName: "<stdin>")
        }
        return nil
    }, writer: &writer, context: context, waivers: &waivers, write: sink.write)
    try sink.finish()
    if let w = waivers, case let unused = w.unusedWarnings, !unused.isEmpty {
        printError(w.render(unused, colorize: useColor(fd: 2)))
    }
    return ExitCode.of(summary)
}

/// Loads a ruleset; on errors, prints them and exits 2 (via CommandError).
func loadRulesetOrFail(_ path: String) throws -> LoadedRuleset {
    let loaded: LoadedRuleset
    do throws(LoadError) {
        loaded = try RulesetLoader.load(paths: [path])
    } catch {
        throw CommandError(message: error.message)
    }
    if loaded.hasErrors {
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        printError(DiagnosticRenderer(colorize: useColor(fd: 2)).render(errors, files: loaded.files))
        throw CommandError(message: "the ruleset `\(path)` has \(errors.count) error\(errors.count == 1 ? "" : "s"); run `tuanthu lint \(path)` for details")
    }
    return loaded
}

/// The bundled pack: $TUANTHU_RULES, else `Rules/kl81-cantho` under the
/// working directory, next to the executable's package, or in the source tree
/// the executable was built from.
func bundledRulesPath() throws -> String {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["TUANTHU_RULES"], !env.isEmpty { return env }
    var candidates = ["Rules/kl81-cantho"]
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
        candidates.append(dir.appendingPathComponent("Rules/kl81-cantho").path)
        candidates.append(dir.appendingPathComponent("share/tuanthu/Rules/kl81-cantho").path)
        dir.deleteLastPathComponent()
    }
    let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(sourceRoot.appendingPathComponent("Rules/kl81-cantho").path)
    for c in candidates where fm.fileExists(atPath: c) { return c }
    throw CommandError(message: "the bundled rules `Rules/kl81-cantho` were not found; pass --rules PATH or set TUANTHU_RULES")
}
