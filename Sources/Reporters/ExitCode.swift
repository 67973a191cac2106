/// The process exit statuses of every command, and the rule that turns a
/// checked batch into one. The one place this policy lives: the CLI returns
/// these, the tests assert them.
package enum ExitCode {
    /// Nothing to report.
    package static let clean: Int32 = 0
    /// Findings at or above `--fail-on` (or failing tests, coverage gaps, unformatted files).
    package static let findings: Int32 = 1
    /// A usage error, or a ruleset with errors.
    package static let usage: Int32 = 2
    /// A dossier could not be read.
    package static let unreadableDossier: Int32 = 3
    /// The output could not be written (closed pipe, full disk, I/O error).
    package static let writeFailed: Int32 = 4
    /// `tuanthu fuzz` found a case over its time budget.
    package static let hang: Int32 = 5

    /// The status of `check`: 3 if a dossier was unreadable, else 1 if a
    /// finding reached `--fail-on`, else 0.
    package static func of(_ summary: BatchSummary) -> Int32 {
        if summary.error > 0 { return unreadableDossier }
        return summary.failingFindings > 0 ? findings : clean
    }
}
