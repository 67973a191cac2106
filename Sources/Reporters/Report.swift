import Diagnostics
import Evaluator
import Foundation
import Semantics

/// What every report says about the run besides the results.
/// A warning of the ruleset, located in its `.rules` file.
package struct RulesetWarning: Sendable {
    package var code: String
    package var message: LocalizedText
    package var file: String
    package var line: Int
    package var column: Int

    package init(code: String, message: LocalizedText, file: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }
}

public struct ReportContext: Sendable {
    /// The compiled ruleset the dossiers were checked against.
    package var program: Program
    /// The tool name reports show.
    package var toolName = "tuanthu"
    /// The tool version reports show.
    public var toolVersion: String
    /// The tool's home page, for SARIF `informationUri`.
    package var toolURI = "https://github.com/tuanthu/tuanthu"
    /// The date the check was made on.
    public var asOf: String
    /// Why the dossiers were checked (every report states it with `asOf`).
    public var purpose: CheckPurpose = .prevalidation
    /// The language of messages (`vi` or `en`), falling back to the other.
    public var lang: String
    /// ANSI colours (text only).
    public var color: Bool
    /// Exit 1 on a finding at or above this severity; nil for never.
    public var failOn: RuleSeverity?
    /// Absolute dossier paths under this folder are reported relative to it
    /// (SARIF artifact URIs); nil keeps them absolute.
    package var workingDirectory: String? = FileManager.default.currentDirectoryPath
    /// `check --quiet`: the text report shows only the dossiers that fail the
    /// run (unreadable, or a finding counted by `failOn`) and the summary;
    /// the other formats stay complete, so their counts and records agree.
    package var quiet = false
    /// `check --mapper`: an unreadable record is an output record and the process exits 0.
    package var mapper = false
    /// Does the dossier make the run fail: unreadable, or a finding at or above `failOn`?
    package func failsRun(_ r: DossierResult) -> Bool {
        r.error != nil || r.findings.contains { fails($0) }
    }
    /// The ruleset path as the user gave it (named beside the digest); nil when not known.
    package var rulesPath: String? = nil
    /// Each rule set of the run (`--rules`, in order) with its digest; empty
    /// when the run names none (then `rulesPath` and the program's digest say it).
    package var ruleSets: [RuleSetIdentity] = []
    /// The rules selected by `--only`/`--skip`, in words (`--only tag:energy`); nil when all run.
    package var selection: String? = nil
    /// The ruleset's warnings (what `lint` reports), for SARIF's
    /// `toolConfigurationNotifications`: a presence gate in a rule set must
    /// reach a CI page, not only a terminal.
    package var rulesetWarnings: [RulesetWarning] = []
    /// `PATH (SHA-256 …)` for each set, or the digest alone: how reports name the ruleset's files.
    package var rulesetIdentity: String {
        if ruleSets.count > 1 { return ruleSets.map { "\($0.path) (SHA-256 \($0.sha256))" }.joined(separator: "; ") }
        return rulesPath.map { "\($0) (SHA-256 \(program.digest))" } ?? "SHA-256 \(program.digest)"
    }

    /// Creates a context; by default without colour, failing on errors.
    public init(program: Program, toolVersion: String, asOf: String, lang: String, color: Bool = false, failOn: RuleSeverity? = .error) {
        self.program = program
        self.toolVersion = toolVersion
        self.asOf = asOf
        self.lang = lang
        self.color = color
        self.failOn = failOn
    }

    /// How the dossier is headed under `--fail-on`: a dossier whose open
    /// findings are all below `--fail-on` passes with warnings — in every
    /// report and in the exit code alike.
    public func verdict(_ r: DossierResult) -> DossierVerdict {
        switch r.outcome {
        case .pass: return .pass
        case .error: return .error
        case .fail, .missing:
            guard failingCount(r.findings, upTo: 1) > 0 else { return .passWithWarnings }
            return r.outcome == .fail ? .fail : .missing
        }
    }

    /// Does this finding count toward exit code 1?
    package func fails(_ f: Finding) -> Bool {
        guard let failOn, f.waiver == nil else { return false }
        return f.severity >= failOn
    }

    /// How many of `findings` count toward exit code 1, stopping at `limit`.
    /// Reads the findings in place and captures nothing: a closure over
    /// `self` (`contains(where: fails)`) copied the whole context, a dozen
    /// reference counts shared by every worker, once per dossier.
    package func failingCount(_ findings: [Finding], upTo limit: Int = .max) -> Int {
        Reporters.failingCount(findings, failOn: failOn, upTo: limit)
    }
}

/// How many of `findings` count toward exit code 1 under `--fail-on`
/// `failOn` (unwaived, at or above it), stopping at `limit`; read in place.
func failingCount(_ findings: [Finding], failOn: RuleSeverity?, upTo limit: Int = .max) -> Int {
    guard let failOn else { return 0 }
    return findings.withUnsafeBufferPointer { fs in
        var n = 0
        for k in fs.indices where fs[k].severity >= failOn {
            if case .none = fs[k].waiver {
                n += 1
                if n >= limit { break }
            }
        }
        return n
    }
}

/// A dossier's heading under `--fail-on`: its outcome, except that a dossier
/// whose open findings are all below `--fail-on` passes with warnings.
public enum DossierVerdict: String, Sendable, CaseIterable {
    case pass, passWithWarnings = "pass_with_warnings", fail, missing, error
}

/// One rule set of a run: the path as given and its content digest.
public struct RuleSetIdentity: Sendable, Hashable {
    /// The path as given to `--rules`.
    public var path: String
    /// The set's SHA-256 content digest (what `tuanthu digest PATH` prints).
    public var sha256: String

    /// Creates an identity from its parts.
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Totals over a batch, kept while results stream by.
public struct BatchSummary: Sendable {
    /// Number of dossiers seen.
    public var dossiers = 0
    /// Dossiers that pass: outcome `pass`, or with findings all below `--fail-on` (`warned`).
    public var pass = 0
    /// Of `pass`, the dossiers that pass with warnings (findings below `--fail-on`).
    public var warned = 0
    /// Dossiers whose outcome was `fail`, with a finding at or above `--fail-on`.
    public var fail = 0
    /// Dossiers whose outcome was `missing`, with a finding at or above `--fail-on`.
    public var missing = 0
    /// Dossiers that could not be read (outcome `error`).
    public var error = 0
    /// Findings counted toward `--fail-on`.
    package var failingFindings = 0
    /// All findings, waived ones included.
    package var findings = 0

    /// Creates a summary with every count at 0.
    public init() {}

    /// Counts one dossier's outcome and findings.
    public mutating func add(_ r: DossierResult, _ context: ReportContext) {
        add(Entry(r, context))
    }

    /// What one dossier adds to the summary, worked out where it is checked
    /// (on a worker, in parallel): counting it in input order is then a few
    /// additions, and the thread that does it never reads the dossier's findings.
    package struct Entry: Sendable {
        /// The dossier's verdict under `--fail-on`.
        package var verdict: DossierVerdict
        /// Its findings, waived ones included.
        package var findings: Int
        /// Its findings counted toward `--fail-on`.
        package var failing: Int

        /// The entry of result `r` in a run with `context`.
        package init(_ r: DossierResult, _ context: ReportContext) {
            self.init(r, failOn: context.failOn)
        }

        /// The entry of result `r` in a run whose `--fail-on` is `failOn`
        /// (no context taken: a copy of one retains what every worker shares).
        package init(_ r: DossierResult, failOn: RuleSeverity?) {
            failing = failingCount(r.findings, failOn: failOn)
            findings = r.findings.count
            switch r.outcome {
            case .pass: verdict = .pass
            case .error: verdict = .error
            case .fail: verdict = failing > 0 ? .fail : .passWithWarnings
            case .missing: verdict = failing > 0 ? .missing : .passWithWarnings
            }
        }
    }

    /// Counts one dossier from its entry.
    package mutating func add(_ e: Entry) {
        dossiers += 1
        switch e.verdict {
        case .pass: pass += 1
        case .passWithWarnings:
            pass += 1
            warned += 1
        case .fail: fail += 1
        case .missing: missing += 1
        case .error: error += 1
        }
        findings += e.findings
        failingFindings += e.failing
    }
}

/// A report format: pieces of text written as results stream by. Formats
/// that need the whole batch keep what they need and write it at the end.
public protocol ReportWriter {
    mutating func begin() -> String
    mutating func dossier(_ result: DossierResult) -> String
    mutating func end(_ summary: BatchSummary) -> String
    /// The dossier's text when it depends on that dossier alone (else nil).
    /// `check` calls it on its workers, in parallel: it must change nothing.
    func renderAlone(_ result: DossierResult) -> String?
    /// The text to write for a dossier, given what `renderAlone` made of it.
    mutating func dossier(_ result: DossierResult, rendered: String?) -> String
    /// The bytes to write for a dossier when they depend on that dossier
    /// alone and the writer keeps nothing of it but a count (an NDJSON
    /// line, a JSON report's dossier object), else nil.
    /// `check` calls it on its workers, in parallel, and writes the bytes as
    /// they are: `dossier` is not called for a result that has them.
    func bytesAlone(_ result: DossierResult) -> [UInt8]?
    /// What to write, in input order, just before a dossier's `bytesAlone`
    /// bytes (the comma between two dossiers of a JSON list); empty by default.
    mutating func separator(beforeBytesOf result: DossierResult) -> [UInt8]
}

extension ReportWriter {
    package func renderAlone(_ result: DossierResult) -> String? { nil }
    package func bytesAlone(_ result: DossierResult) -> [UInt8]? { nil }
    package mutating func separator(beforeBytesOf result: DossierResult) -> [UInt8] { [] }
    package mutating func dossier(_ result: DossierResult, rendered: String?) -> String {
        rendered ?? dossier(result)
    }
}

/// The output formats of `check`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, ndjson, sarif, junit, html, markdown
}

/// A writer for a format.
public func makeReportWriter(_ format: ReportFormat, _ context: ReportContext) -> any ReportWriter {
    switch format {
    case .text: TextReport(context)
    case .json: JSONReport(context, pretty: true, lines: false)
    case .ndjson: JSONReport(context, pretty: false, lines: true)
    case .sarif: SARIFReport(context)
    case .junit: JUnitReport(context)
    case .html: HTMLReport(context)
    case .markdown: MarkdownReport(context)
    }
}
