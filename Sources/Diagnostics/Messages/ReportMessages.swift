// Catalogue area: the words of the reports (outcomes, severities, labels).
// Machine-readable values (outcome and kind names in attributes and data
// fields) stay in English and are not here; only text for people is.

/// Words and short labels the reports print.
package enum ReportWord: String, MessageArea {
    case outcomePass, outcomeFail, outcomeMissing, outcomeError, verdictPassWithWarnings
    case rulePass, ruleFail, ruleMissing, ruleNotApplicable, ruleWaived
    case severityError, severityWarning, severityInfo
    case kindViolation, kindMissing, kindInvalid
    case cites, fix, missing, waived, approvedBy, until, pointer, readDossier
    case waiverLine

    package var key: String { "report.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .outcomePass: ("ĐẠT", "PASS")
        case .outcomeFail: ("KHÔNG ĐẠT", "FAIL")
        case .outcomeMissing: ("THIẾU DỮ LIỆU", "MISSING DATA")
        case .outcomeError: ("LỖI ĐỌC HỒ SƠ", "UNREADABLE")
        case .verdictPassWithWarnings: ("ĐẠT (có cảnh báo)", "PASS (with warnings)")
        case .rulePass: ("đạt", "pass")
        case .ruleFail: ("không đạt", "fail")
        case .ruleMissing: ("thiếu dữ liệu", "missing data")
        case .ruleNotApplicable: ("không áp dụng", "not applicable")
        case .ruleWaived: ("được miễn", "waived")
        case .severityError: ("lỗi", "error")
        case .severityWarning: ("cảnh báo", "warning")
        case .severityInfo: ("thông tin", "info")
        case .kindViolation: ("vi phạm", "violation")
        case .kindMissing: ("thiếu dữ liệu", "missing data")
        case .kindInvalid: ("không hợp lệ", "invalid value")
        case .cites: ("căn cứ", "cites")
        case .fix: ("cách sửa", "fix")
        case .missing: ("thiếu", "missing")
        case .waived: ("được miễn", "waived")
        case .approvedBy: ("người duyệt", "approved by")
        case .until: ("hiệu lực đến", "until")
        case .pointer: ("vị trí", "pointer")
        case .readDossier: ("đọc hồ sơ", "read the dossier")
        case .waiverLine: ("được miễn: {reason} — người duyệt {approver}, hiệu lực đến {expires}",
                           "waived: {reason} — approved by {approver}, until {expires}")
        }
    }
}
