// Catalogue area: what `tuanthu test` and `tuanthu coverage` say — the
// PASS/FAIL lines of a test run, why an expectation was not met, the summary
// and the coverage lines, and the table of source items × rules. The rule
// language's own words (`expect`, `pass`, `fail`, `missing`, `at`) are quoted
// as they are written in a rules file, in both languages.

/// The report of `tuanthu test` (text, and the prose inside JSON and JUnit).
package enum TestMessage: String, MessageArea {
    case pass
    case fail
    case summary
    case notRun
    case cannotReadGiven
    case noGiven
    case dossierUnreadable
    case noSuchRule
    case expectNoSuchRule
    case gotOutcome
    case findingAt
    case findingsAt
    case noFindings
    case coverageLine
    case untestedRules
    case neverExpectedToFail
    case neverExpectedToPass
    case everyRuleBothWays
    case couldNotRun
    case expectationNotMet
    case andMore
    case expectedLabel
    case actualLabel
    case detailLabel

    package var key: String { "test.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .pass: ("ĐẠT", "PASS")
        case .fail: ("KHÔNG ĐẠT", "FAIL")
        case .summary: ("{passed} đạt, {failed} không đạt", "{passed} passed, {failed} failed")
        case .notRun: (", {n} không chạy (--run `{pattern}`)", ", {n} not run (--run `{pattern}`)")
        case .cannotReadGiven: ("không đọc được `{path}`", "cannot read `{path}`")
        case .noGiven: ("bài kiểm thử không có hồ sơ `given` dùng được", "the test has no usable `given` dossier")
        case .dossierUnreadable: ("không đọc được hồ sơ: {why}", "the dossier cannot be read: {why}")
        case .noSuchRule: ("không có quy tắc này", "no such rule")
        case .expectNoSuchRule: ("expect {rule}: không có quy tắc này", "expect {rule}: no such rule")
        case .gotOutcome: ("{expectation}: kết quả là {actual}", "{expectation}: got {actual}")
        case .findingAt: ("{kind} tại \"{pointer}\": {message}", "{kind} at \"{pointer}\": {message}")
        case .findingsAt: ("các phát hiện nằm ở {pointers}", "findings are at {pointers}")
        case .noFindings: ("không có phát hiện nào", "findings are at no pointer")
        case .coverageLine: ("độ phủ: {exercised} trên {rules} quy tắc có bài kiểm thử",
                             "coverage: {exercised} of {rules} rules exercised by a test")
        case .untestedRules: ("quy tắc chưa có bài kiểm thử nào: {rules}", "rules no test exercises: {rules}")
        case .neverExpectedToFail: ("quy tắc chưa bài kiểm thử nào mong đợi `fail`: {rules}", "rules never expected to fail: {rules}")
        case .neverExpectedToPass: ("quy tắc chưa bài kiểm thử nào mong đợi `pass`: {rules}", "rules never expected to pass: {rules}")
        case .everyRuleBothWays: ("mọi quy tắc đều có bài kiểm thử mong đợi `pass` và bài kiểm thử mong đợi `fail`",
                                  "every rule has a passing and a failing test")
        case .couldNotRun: ("bài kiểm thử không chạy được", "the test could not run")
        case .expectationNotMet: ("một `expect` không được đáp ứng", "an expectation was not met")
        case .andMore: (" (và {n} điều khác)", " (and {n} more)")
        case .expectedLabel: ("mong đợi", "expected")
        case .actualLabel: ("thực tế", "actual")
        case .detailLabel: ("chi tiết", "detail")
        }
    }
}

/// The text and Markdown of `tuanthu coverage`: source items × rules, gaps,
/// and what is not verified against the law.
package enum CoverageMessage: String, MessageArea {
    case item
    case whole
    case point
    case notCheckable
    case notCheckableBecause
    case gap
    case pointNotCovered
    case untested
    case unverifiedTag
    case itemsCovered
    case itemsCoveredOneGap
    case pointsCovered
    case unverifiedThresholds
    case none
    case shouldComeFrom
    case unverifiedItems
    case directiveOnlyRules
    case tableHeader
    case coveredTested
    case coveredSomeUntested
    case tableGap
    case tableNotCovered
    case tableUnverified
    case tablePoint
    case thresholdTableHeader
    case verifiedYes
    case verifiedNo

    package var key: String { "coverage.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .item: ("mục {id}", "item {id}")
        case .whole: ("(toàn văn)", "(whole)")
        case .point: ("điểm {id}", "point {id}")
        case .notCheckable: ("không kiểm tra được", "not checkable")
        case .notCheckableBecause: ("không kiểm tra được — {why}", "not checkable — {why}")
        case .gap: ("CHƯA PHỦ: không có quy tắc — {text}", "GAP: no rule — {text}")
        case .pointNotCovered: ("chưa được phủ — {text}", "not covered — {text}")
        case .untested: (" (chưa kiểm thử)", " (untested)")
        case .unverifiedTag: (" [chưa đối chiếu]", " [unverified]")
        case .itemsCovered: ("{covered} trên {total} mục kiểm tra được đã có quy tắc; {gaps} mục chưa phủ",
                             "{covered} of {total} checkable items covered; {gaps} gaps")
        case .itemsCoveredOneGap: ("{covered} trên {total} mục kiểm tra được đã có quy tắc; {gaps} mục chưa phủ",
                                   "{covered} of {total} checkable items covered; {gaps} gap")
        case .pointsCovered: ("{covered} trên {total} điểm của các mục kiểm tra được đã có quy tắc; {gaps} điểm chưa phủ",
                              "{covered} of {total} points of checkable items covered; {gaps} not covered")
        case .unverifiedThresholds: ("Ngưỡng chưa đối chiếu với văn bản gốc ({n}):", "Unverified thresholds ({n}):")
        case .none: ("không có", "none")
        case .shouldComeFrom: ("{name} = {value} — cần lấy từ {cites}", "{name} = {value} — should come from {cites}")
        case .unverifiedItems: ("Mục văn bản nguồn chưa đối chiếu ({n}):", "Unverified source items ({n}):")
        case .directiveOnlyRules: ("Quy tắc chỉ viện dẫn {directive}, không viện dẫn điều luật nào ({n}):",
                                   "Rules citing only {directive}, no article of law ({n}):")
        case .tableHeader: ("| Văn bản nguồn | Mục | Quy tắc | Tình trạng |", "| Source | Item | Rules | Status |")
        case .coveredTested: ("đã phủ, đã kiểm thử", "covered, tested")
        case .coveredSomeUntested: ("đã phủ, có quy tắc chưa kiểm thử", "covered, some untested")
        case .tableGap: ("**chưa phủ**", "**gap**")
        case .tableNotCovered: ("**chưa được phủ**", "**not covered**")
        case .tableUnverified: (" (chưa đối chiếu)", " (unverified)")
        case .tablePoint: ("{item} điểm {point}", "{item} point {point}")
        case .thresholdTableHeader: ("| Ngưỡng | Giá trị | Điều khoản | Đã đối chiếu |", "| Threshold | Value | Article | Verified |")
        case .verifiedYes: ("rồi", "yes")
        case .verifiedNo: ("**chưa**", "**no**")
        }
    }
}
