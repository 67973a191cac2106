import Diagnostics
import Evaluator
import Semantics

// The words of the reports in the language of `--lang`, from the message
// catalogue (`Sources/Diagnostics/Messages/ReportMessages.swift`).

/// Localised words of the reports.
struct Words {
    let lang: String
    /// The language of the reports.
    var language: Lang { Lang(rawValue: lang) ?? .en }
    private func word(_ w: ReportWord) -> String { localize(w)(language) }

    /// A heading or phrase of the reports, its placeholders filled in.
    func t(_ w: ReportText, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(w, args)(language) }

    /// `one` when `n` is 1, else `many` (English plurals; Vietnamese has none).
    func count(_ n: Int, _ one: ReportText, _ many: ReportText) -> String { t(n == 1 ? one : many) }

    func outcome(_ o: DossierOutcome) -> String {
        switch o {
        case .pass: word(.outcomePass)
        case .fail: word(.outcomeFail)
        case .missing: word(.outcomeMissing)
        case .error: word(.outcomeError)
        }
    }
    /// A dossier's heading: its outcome, or "passes with warnings".
    func verdict(_ v: DossierVerdict) -> String {
        switch v {
        case .pass: outcome(.pass)
        case .passWithWarnings: word(.verdictPassWithWarnings)
        case .fail: outcome(.fail)
        case .missing: outcome(.missing)
        case .error: outcome(.error)
        }
    }
    var basis: String { word(.cites) }
    var fix: String { word(.fix) }
    var missingWord: String { word(.missing) }
    var waived: String { word(.waived) }

    /// A rule outcome for people: `pass`, `fail`, … or `đạt`, `không đạt`, ….
    func rule(_ o: RuleOutcome) -> String {
        switch o {
        case .pass: word(.rulePass)
        case .fail: word(.ruleFail)
        case .missing: word(.ruleMissing)
        case .notApplicable: word(.ruleNotApplicable)
        case .waived: word(.ruleWaived)
        }
    }

    func severity(_ s: RuleSeverity) -> String {
        switch s {
        case .error: word(.severityError)
        case .warning: word(.severityWarning)
        case .info: word(.severityInfo)
        }
    }

    func kind(_ k: FindingKind) -> String {
        switch k {
        case .violation: word(.kindViolation)
        case .missing: word(.kindMissing)
        case .invalid: word(.kindInvalid)
        }
    }

    /// `waived: reason — approved by X, until 2025-06-30`.
    func waiver(_ w: AppliedWaiver) -> String {
        localize(ReportWord.waiverLine, ["reason": .text(w.reason), "approver": .text(w.approvedBy), "expires": .text(w.expires)])(language)
    }

    var approvedBy: String { word(.approvedBy) }
    var expires: String { word(.until) }
    var pointer: String { word(.pointer) }
    var readDossier: String { word(.readDossier) }
}
