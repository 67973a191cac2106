import Base
import Diagnostics
import Foundation
import JSON
import Reporters
import Run
import Semantics
import TuanThu

/// `tuanthu check [PATH...]`: the main job.
let checkCommand = CommandSpec(
    name: "check",
    summary: "Check dossiers (JSON) against a ruleset and report every finding.",
    usage: "[OPTIONS] [PATH...]",
    discussion: """
        PATH is a dossier file, a folder (every *.json below it, sorted), or - for standard input:
        one JSON document when its first non-blank line is not a whole JSON value (a pretty-printed
        dossier), else NDJSON, one dossier per line. With no PATH, `-` is read.
        Without --rules, the bundled Can Tho pack is used ($TUANTHU_RULES overrides where it is);
        --rules again layers more rule sets over the first (rule ids unique across sets).
        A dossier whose findings are all below --fail-on passes with warnings.
        Exit codes: 0 clean; 1 a finding at or above --fail-on; 2 ruleset or usage error;
        3 a dossier could not be read (the others are still checked and reported);
        4 the report could not be written (closed pipe, full disk).
        """,
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Rule set: a .rules file or a folder of them; again to layer more sets.", defaultValue: "the bundled Rules/kl81-cantho", repeatable: true),
        OptionSpec(name: "--only", value: "SELECTOR", help: "Check only these rules: an id, a glob (KL81-3.5-*), tag:NAME or item:N.", repeatable: true),
        OptionSpec(name: "--skip", value: "SELECTOR", help: "Leave these rules out (same selectors as --only).", repeatable: true),
        OptionSpec(name: "--format", short: "-f", value: "FORMAT", help: "Output format.", choices: ReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
        OptionSpec(name: "--output", short: "-o", value: "FILE", help: "Write the report to FILE instead of standard output."),
        OptionSpec(name: "--report", value: "FORMAT=PATH", help: "Also write a report in FORMAT to PATH (e.g. sarif=out.sarif).", repeatable: true),
        OptionSpec(name: "--fail-on", value: "SEVERITY", help: "Exit 1 when a finding has at least this severity.", choices: ["error", "warning", "info", "never"], defaultValue: "error"),
        OptionSpec(name: "--mapper", help: "Mapper mode: NDJSON on standard input, an unreadable record is an output record, exit 0."),
        OptionSpec(name: "--waivers", value: "FILE", help: "Approved waivers (JSON)."),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date the check is made on (YYYY-MM-DD).", defaultValue: "today in Asia/Ho_Chi_Minh"),
        purposeOptionSpec,
        OptionSpec(name: "--jobs", short: "-j", value: "N", help: "Parallel workers.", defaultValue: "all cores"),
        OptionSpec(name: "--max-bytes", value: "N", help: "Refuse dossiers larger than N bytes.", defaultValue: "67108864 (64 MiB)"),
        OptionSpec(name: "--quiet", short: "-q", help: "Text: show only the dossiers that fail the run (unreadable, or a finding at or above --fail-on), then the summary line. Other formats are complete."),
    ]
) { args in
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(localize(CommandMessage.notADate, ["text": .text(s)]), help: localize(CommandMessage.writeAsOf)) }
        asOf = d
    }
    if args.positionals.isEmpty && isatty(0) != 0 {
        throw UsageError(localize(CommandMessage.noDossiersGiven), help: localize(CommandMessage.checkNoDossiersHelp))
    }
    var request = CheckRequest(ruleSets: try rulesPaths(args), inputs: args.positionals.isEmpty ? ["-"] : args.positionals,
                               asOf: asOf, toolVersion: toolVersion)
    request.standardInputImplied = args.positionals.isEmpty
    request.format = ReportFormat(rawValue: args.value("--format") ?? "text")!
    request.output = args.value("--output")
    if let s = args.value("--jobs") {
        guard let n = Int(s), n >= 1, n <= 1024 else { throw UsageError(localize(CommandMessage.jobsRange, ["text": .text(s)])) }
        request.jobs = n
    }
    if let s = args.value("--max-bytes") {
        guard let n = Int(s), n >= 1 else { throw UsageError(localize(CommandMessage.maxBytesPositive, ["text": .text(s)])) }
        request.maxBytes = n
    }
    request.mapper = args.has("--mapper")
    if let f = args.value("--fail-on") {
        if request.mapper && f != "never" {
            throw UsageError(localize(CommandMessage.mapperNoFailOn, ["value": .text(f)]), help: localize(CommandMessage.mapperNoFailOnHelp))
        }
        request.failOn = f == "never" ? nil : RuleSeverity(rawValue: f)
    }
    request.lang = args.value("--lang") ?? "vi"
    request.quiet = args.has("--quiet")
    request.purpose = purposeOption(args)
    request.waivers = args.value("--waivers")
    request.selection = RuleSelection(only: args.all("--only"), skip: args.all("--skip"))
    request.colorStandardOutput = useColor(fd: 1)
    request.colorStandardError = useColor(fd: 2)
    do throws(RunError) {
        request.reports = try args.all("--report").map { s throws(RunError) in try ReportTarget.parse(s) }
        return try CheckRun.execute(request, log: printError)
    } catch {
        printError(error.rendered(cliLang))
        return error.status
    }
}

/// The rule sets of a command: each `--rules` in order, else the bundled pack.
func rulesPaths(_ args: ParsedArguments) throws -> [String] {
    let given = args.all("--rules")
    return given.isEmpty ? [try bundledRulesPath()] : given
}

/// Loads a ruleset; on errors, prints them and exits 2 (via CommandError).
func loadRulesetOrFail(_ path: String) throws -> LoadedRuleset {
    try loadRulesetOrFail([path])
}

/// Loads rule sets layered into one ruleset (`--rules` repeated; E4200 for a
/// rule id in two sets); on errors, prints them and exits 2.
func loadRulesetOrFail(_ paths: [String]) throws -> LoadedRuleset {
    do throws(RunError) {
        return try CheckRun.loadRuleSets(paths, colorize: useColor(fd: 2), lang: cliLang)
    } catch {
        if let d = error.detail { printError(d) }
        throw CommandError(error.messageText, code: error.status)
    }
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
    throw CommandError(localize(CommandMessage.bundledRulesNotFound))
}

/// `--only`/`--skip` of a command, checked against `program`; nil after
/// printing E4201 when a selector matches no rule (the command exits 2).
func checkedSelection(_ args: ParsedArguments, _ program: Program) -> RuleSelection? {
    let selection = RuleSelection(only: args.all("--only"), skip: args.all("--skip"))
    do throws(RunError) {
        _ = try CheckRun.select(selection, program)
        return selection
    } catch {
        printError(error.rendered(cliLang))
        return nil
    }
}
