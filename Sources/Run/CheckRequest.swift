import Base
import Diagnostics
import Evaluator
import Foundation
import Reporters
import Semantics
import TuanThu

/// Everything one `check` run needs, typed: the command line parses into
/// this, and `CheckRun.execute` does the rest.
package struct CheckRequest: Sendable {
    /// The rule sets (`--rules`, repeatable), in order; layered into one ruleset.
    package var ruleSets: [String]
    /// Dossier paths: files, folders, `-` for standard input.
    package var inputs: [String]
    /// `inputs` is `-` because no path was given (an empty standard input
    /// then says so: the user may not have meant to pipe anything).
    package var standardInputImplied = false
    /// `--only` / `--skip`.
    package var selection = RuleSelection()
    /// The report on standard output (or `output`): `--format`.
    package var format: ReportFormat = .text
    /// `--output FILE` for the `format` report; nil for standard output.
    package var output: String? = nil
    /// More reports of the same run (`--report FORMAT=PATH`).
    package var reports: [ReportTarget] = []
    /// Why the dossiers are checked (`--purpose`): decides what `reference_date()` gives.
    package var purpose: CheckPurpose = .prevalidation
    /// `--quiet`: a text report shows only the dossiers that fail the run.
    package var quiet = false
    /// Exit 1 on a finding at or above this severity; nil for never.
    package var failOn: RuleSeverity? = .error
    /// The date the check is made on.
    package var asOf: CivilDate
    /// Parallel workers.
    package var jobs: Int = availableCores()
    /// Refuse dossiers (and records) larger than this.
    package var maxBytes: Int = 64 << 20
    /// Message language (`vi` or `en`).
    package var lang: String = "vi"
    /// `--waivers FILE`.
    package var waivers: String? = nil
    /// Mapper mode (`--mapper`): standard input is NDJSON whatever its first
    /// line, an unreadable record is a record of the output like any other,
    /// and the exit code is 0 unless the stream itself cannot be read (3) or
    /// the output cannot be written (4).
    package var mapper = false
    /// Colour the text report on standard output (a terminal that allows it).
    package var colorStandardOutput = false
    /// Colour the messages on standard error.
    package var colorStandardError = false
    /// The tool's version, for the reports.
    package var toolVersion: String

    /// Creates a request with the defaults of `tuanthu check`.
    package init(ruleSets: [String], inputs: [String], asOf: CivilDate, toolVersion: String) {
        self.ruleSets = ruleSets
        self.inputs = inputs
        self.asOf = asOf
        self.toolVersion = toolVersion
    }
}

/// One more report of a run: `--report FORMAT=PATH`.
package struct ReportTarget: Sendable, Hashable {
    /// The report's format.
    package var format: ReportFormat
    /// Where it is written (as `--output` writes: a temporary file renamed into place).
    package var path: String

    /// Creates a target from its parts.
    package init(format: ReportFormat, path: String) {
        self.format = format
        self.path = path
    }

    /// Parses `FORMAT=PATH` (e.g. `sarif=out.sarif`); E4202 when malformed.
    package static func parse(_ spec: String) throws(RunError) -> ReportTarget {
        let formats = ReportFormat.allCases.map(\.rawValue)
        guard let eq = spec.firstIndex(of: "=") else {
            throw RunError(code: "E4202", localize(CommandMessage.reportNamesNoFile, ["spec": .text(spec)]),
                           help: localize(CommandMessage.reportNamesNoFileHelp, ["formats": .text(formats.joined(separator: ", "))]))
        }
        let name = String(spec[..<eq]), path = String(spec[spec.index(after: eq)...])
        guard let format = ReportFormat(rawValue: name) else {
            let suggestion = closestMatch(to: name, in: formats)
            let formatsHelp = localize(CommandMessage.formatIsOneOf, ["formats": .text(formats.joined(separator: ", "))])
            throw RunError(code: "E4202", localize(CommandMessage.notAReportFormat, ["spec": .text(spec), "name": .text(name)]),
                           help: suggestion.map { localize(CommandMessage.didYouMeanThen, ["suggestion": .text("`\($0)=\(path)`"), "rest": .localized(formatsHelp)]) } ?? formatsHelp)
        }
        guard !path.isEmpty else {
            throw RunError(code: "E4202", localize(CommandMessage.reportNamesNoFile, ["spec": .text(spec)]),
                           help: localize(CommandMessage.writeReportPath, ["name": .text(name)]))
        }
        return ReportTarget(format: format, path: path)
    }
}

/// Why a run stopped before or after checking: printed as `error[CODE]:
/// message` (or `error: message` without a code) with its help, after any
/// `detail` (rendered diagnostics); `status` is the exit code.
package struct RunError: Error, Sendable {
    /// The diagnostic code (E42xx), or nil for a plain error.
    package var code: String?
    /// The one-line message, in both languages.
    package var messageText: Diagnostics.LocalizedText
    /// The message in English.
    package var message: String { messageText.en }
    /// How to fix it, in both languages.
    package var helpText: Diagnostics.LocalizedText?
    /// The help in English.
    package var help: String? { helpText?.en }
    /// Text printed before the message (the ruleset's rendered diagnostics).
    package var detail: String?
    /// The exit code: 2 (usage, ruleset), 3 (input), 4 (output).
    package var status: Int32

    /// Creates an error with catalogue texts; by default a usage error (exit 2).
    package init(code: String? = nil, _ message: Diagnostics.LocalizedText, help: Diagnostics.LocalizedText? = nil, detail: String? = nil, status: Int32 = 2) {
        self.code = code
        self.messageText = message
        self.helpText = help
        self.detail = detail
        self.status = status
    }

    /// The text for standard error, in `lang`.
    package func rendered(_ lang: Lang) -> String {
        var s = detail ?? ""
        s += "error\(code.map { "[\($0)]" } ?? ""): \(messageText(lang))\n"
        if let helpText { s += "  = help: \(helpText(lang))\n" }
        return s
    }
}
