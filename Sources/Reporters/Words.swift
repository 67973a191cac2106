import Evaluator
import Semantics

// The words of the reports, in Vietnamese and English (`--lang`).
// Machine-readable values (outcome and kind names in attributes and data
// fields) stay in English; only text for people changes.

/// Localised words of the reports.
struct Words {
    let lang: String
    var vi: Bool { lang == "vi" }

    func outcome(_ o: DossierOutcome) -> String {
        switch o {
        case .pass: vi ? "ĐẠT" : "PASS"
        case .fail: vi ? "KHÔNG ĐẠT" : "FAIL"
        case .missing: vi ? "THIẾU DỮ LIỆU" : "MISSING DATA"
        case .error: vi ? "LỖI ĐỌC HỒ SƠ" : "UNREADABLE"
        }
    }
    /// A dossier's heading: its outcome, or "passes with warnings".
    func verdict(_ v: DossierVerdict) -> String {
        switch v {
        case .pass: outcome(.pass)
        case .passWithWarnings: vi ? "ĐẠT (có cảnh báo)" : "PASS (with warnings)"
        case .fail: outcome(.fail)
        case .missing: outcome(.missing)
        case .error: outcome(.error)
        }
    }
    var basis: String { vi ? "căn cứ" : "cites" }
    var fix: String { vi ? "cách sửa" : "fix" }
    var missingWord: String { vi ? "thiếu" : "missing" }
    var waived: String { vi ? "được miễn" : "waived" }

    /// A rule outcome for people: `pass`, `fail`, … or `đạt`, `không đạt`, ….
    func rule(_ o: RuleOutcome) -> String {
        switch o {
        case .pass: vi ? "đạt" : "pass"
        case .fail: vi ? "không đạt" : "fail"
        case .missing: vi ? "thiếu dữ liệu" : "missing data"
        case .notApplicable: vi ? "không áp dụng" : "not applicable"
        case .waived: vi ? "được miễn" : "waived"
        }
    }

    func severity(_ s: RuleSeverity) -> String {
        switch s {
        case .error: vi ? "lỗi" : "error"
        case .warning: vi ? "cảnh báo" : "warning"
        case .info: vi ? "thông tin" : "info"
        }
    }

    func kind(_ k: FindingKind) -> String {
        switch k {
        case .violation: vi ? "vi phạm" : "violation"
        case .missing: vi ? "thiếu dữ liệu" : "missing data"
        case .invalid: vi ? "không hợp lệ" : "invalid value"
        }
    }

    /// `waived: reason — approved by X, until 2025-06-30`.
    func waiver(_ w: AppliedWaiver) -> String {
        vi ? "được miễn: \(w.reason) — người duyệt \(w.approvedBy), hiệu lực đến \(w.expires)"
            : "waived: \(w.reason) — approved by \(w.approvedBy), until \(w.expires)"
    }

    var approvedBy: String { vi ? "người duyệt" : "approved by" }
    var expires: String { vi ? "hiệu lực đến" : "until" }
    var pointer: String { vi ? "vị trí" : "pointer" }
    var readDossier: String { vi ? "đọc hồ sơ" : "read the dossier" }
}
