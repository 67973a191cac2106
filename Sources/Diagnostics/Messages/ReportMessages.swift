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

/// Headings, column names and phrases of the reports (text, Markdown, HTML,
/// the HTML index, the inspection record, `summary`, `diff`).
package enum ReportText: String, MessageArea {
    case resubmissionDiff
    case dossierID
    case outcomeWord
    case differentRulesetsNote
    case fixed
    case new
    case stillOpen
    case noneWord
    case waivedTag
    case newFindings
    case rulesWhoseOutcomeChanged
    case valuesTheRulesReadThatChanged
    case absent
    case outcomeHeading
    case differentRulesetsNoteSentence
    case rule
    case pointer
    case message
    case old
    case rulesHeading
    case inspectionResults
    case allDossiers
    case summary
    case asOf
    case dossierInspectionResults
    case ruleset
    case dossiers
    case summaryByPlaceTypeItemAnd
    case find
    case fileIdCommuneType
    case all
    case clickAColumnHeadingToSort
    case dossierHeading
    case id
    case commune
    case type
    case errorsHeading
    case warningsHeading
    case infoHeading
    case missingHeading
    case theDossierCannotBeRead
    case title
    case cites
    case severity
    case resultHeading
    case findingsHeading
    case location
    case root
    case missingPaths
    case fix
    case note
    case waiver
    case expression
    case value
    case inspectionReport3
    case rulesCount
    case purpose
    case total
    case ruleset2
    case filter
    case itemFilter
    case reset
    case dossiersShown
    case inspectionRecord
    case page
    case pageOf
    case no
    case recordOfTheInspectionOfA
    case onTheImplementationOf
    case theDossierInspected
    case dossierNumber
    case project
    case investor
    case formerly
    case place
    case kind
    case submittedOn
    case file
    case present
    case inspectors
    case facilityRepresentative
    case results
    case checkedAgainst
    case and
    case noFindings
    case itemHeading
    case ofWord
    case requirementsOfTheDossierItself
    case responseOfTheFacilityOrInvestor
    case basisAndDigests
    case ofTheRuleset
    case ofTheDossier
    case asOfHeading
    case tool
    case facilityRepresentativeSignature
    case signatureAndFullName
    case theInspectors
    case whereWord
    case line
    case remedy
    case asOfShort
    case waivedFindings
    case inspectionSummary
    case byOutcome
    case byCommuneOrWard
    case byFormerDistrict
    case byKindOfDossier
    case byProjectType
    case byItemOfTheLetter
    case byRuleFailedOrMissingData
    case dossiersWithTheMostSeriousFindings
    case group
    case pass
    case fail
    case missingCount
    case unreadable
    case findingsCount
    case waivedCount
    case errorsCount
    case warningsCount
    case infoCount
    case moreGroups
    case dossierNotPassing, dossiersNotPassing, finding, dossierOne, moreDossiersNotPassing, reportCut
    case noFindingsApplicable, noFindingsApplicableOne, tagMissingData, tagInvalid, andMore, purposeLine
    case notVerifiedHead, citeItem, citePoint, citeUnverified
    case titleWithCites, itemWord, pointWord
    case checkedLine, ruleOne, ruleMany, selectedBy, withWarnings, rulesetLine, valueMissing, nation, motto, dateLine
    case moreValues
    case citeVerificationNotStated

    package var key: String { "report-text.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .resubmissionDiff: ("So sánh hồ sơ nộp lại", "Resubmission diff")
        case .dossierID: ("Mã hồ sơ", "Dossier")
        case .outcomeWord: ("kết luận", "outcome")
        case .differentRulesetsNote: ("lưu ý: hai phiên bản được kiểm tra theo hai bộ quy tắc khác nhau", "note: the two versions were checked against different rulesets")
        case .fixed: ("Đã khắc phục", "Fixed")
        case .new: ("Mới", "New")
        case .stillOpen: ("Vẫn còn", "Still open")
        case .noneWord: ("(không có)", "(none)")
        case .waivedTag: (" (được miễn)", " (waived)")
        case .newFindings: ("Phát hiện mới", "New findings")
        case .rulesWhoseOutcomeChanged: ("Quy tắc đổi kết quả", "Rules whose outcome changed")
        case .valuesTheRulesReadThatChanged: ("Giá trị thay đổi mà quy tắc đọc", "Values the rules read that changed")
        case .absent: ("(không có)", "(absent)")
        case .outcomeHeading: ("Kết luận", "Outcome")
        case .differentRulesetsNoteSentence: ("Lưu ý: hai phiên bản được kiểm tra theo hai bộ quy tắc khác nhau.", "Note: the two versions were checked against different rulesets.")
        case .rule: ("Quy tắc", "Rule")
        case .pointer: ("Vị trí", "Pointer")
        case .message: ("Nội dung", "Message")
        case .old: ("Cũ", "Old")
        case .rulesHeading: ("Quy tắc", "Rules")
        case .inspectionResults: ("Kết quả kiểm tra", "Inspection report")
        case .allDossiers: ("Danh sách hồ sơ", "All dossiers")
        case .summary: ("Tổng hợp", "Summary")
        case .asOf: ("ngày kiểm tra", "as of")
        case .dossierInspectionResults: ("Kết quả kiểm tra hồ sơ", "Inspection report")
        case .ruleset: ("Bộ quy tắc", "Ruleset")
        case .dossiers: ("hồ sơ", "dossiers")
        case .summaryByPlaceTypeItemAnd: ("Tổng hợp theo địa bàn, loại hình, mục, quy tắc", "Summary by place, type, item and rule")
        case .find: ("Tìm", "Find")
        case .fileIdCommuneType: ("tệp, mã, xã/phường, loại hình", "file, id, commune, type")
        case .all: ("tất cả", "all")
        case .clickAColumnHeadingToSort: ("Bấm tiêu đề cột để sắp xếp.", "Click a column heading to sort.")
        case .dossierHeading: ("Hồ sơ", "Dossier")
        case .id: ("Mã", "ID")
        case .commune: ("Xã, phường", "Commune")
        case .type: ("Loại hình", "Type")
        case .errorsHeading: ("Lỗi", "Errors")
        case .warningsHeading: ("Cảnh báo", "Warnings")
        case .infoHeading: ("Thông tin", "Info")
        case .missingHeading: ("Thiếu dữ liệu", "Missing")
        case .theDossierCannotBeRead: ("Không đọc được hồ sơ", "The dossier cannot be read")
        case .title: ("Nội dung", "Title")
        case .cites: ("Căn cứ", "Cites")
        case .severity: ("Mức", "Severity")
        case .resultHeading: ("Kết quả", "Outcome")
        case .findingsHeading: ("Phát hiện", "Findings")
        case .location: ("Vị trí", "Location")
        case .root: ("(gốc)", "(root)")
        case .missingPaths: ("Thiếu", "Missing")
        case .fix: ("Cách sửa", "Fix")
        case .note: ("Lưu ý", "Note")
        case .waiver: ("Miễn trừ", "Waiver")
        case .expression: ("Biểu thức", "Expression")
        case .value: ("Giá trị", "Value")
        case .inspectionReport3: ("Biên bản kiểm tra hồ sơ", "Inspection report")
        case .rulesCount: ("quy tắc", "rules")
        case .purpose: ("Mục đích", "Purpose")
        case .total: ("Tổng", "Total")
        case .ruleset2: ("bộ quy tắc", "ruleset")
        case .filter: ("Lọc", "Filter")
        case .itemFilter: ("Căn cứ", "Item")
        case .reset: ("Bỏ lọc", "Reset")
        case .dossiersShown: ("hồ sơ hiển thị", "dossiers shown")
        case .inspectionRecord: ("Biên bản kiểm tra hồ sơ", "Inspection record")
        case .page: ("Trang", "Page")
        case .pageOf: ("/", "of")
        case .no: ("Số", "No.")
        case .recordOfTheInspectionOfA: ("BIÊN BẢN KIỂM TRA HỒ SƠ DỰ ÁN", "RECORD OF THE INSPECTION OF A PROJECT DOSSIER")
        case .onTheImplementationOf: ("Về việc thực hiện", "On the implementation of")
        case .theDossierInspected: ("Hồ sơ được kiểm tra", "The dossier inspected")
        case .dossierNumber: ("Mã hồ sơ", "Dossier number")
        case .project: ("Dự án", "Project")
        case .investor: ("Chủ đầu tư", "Investor")
        case .formerly: ("trước đây", "formerly")
        case .place: ("Địa điểm", "Location")
        case .kind: ("Loại hồ sơ", "Kind")
        case .submittedOn: ("Ngày nộp", "Submitted on")
        case .file: ("Tệp hồ sơ", "File")
        case .present: ("Thành phần", "Present")
        case .inspectors: ("Đoàn kiểm tra", "Inspectors")
        case .facilityRepresentative: ("Đại diện cơ sở, chủ đầu tư", "For the facility or investor")
        case .results: ("Kết quả kiểm tra", "Results")
        case .checkedAgainst: ("Đã đối chiếu", "Checked against")
        case .and: ("và", "and")
        case .noFindings: ("Không có phát hiện.", "No findings.")
        case .itemHeading: ("Mục", "Item")
        case .ofWord: ("của", "of")
        case .requirementsOfTheDossierItself: ("Yêu cầu về hồ sơ", "Requirements of the dossier itself")
        case .responseOfTheFacilityOrInvestor: ("Ý kiến của đại diện cơ sở, chủ đầu tư", "Response of the facility or investor")
        case .basisAndDigests: ("Căn cứ đối chiếu và mã kiểm tra", "Basis and digests")
        case .ofTheRuleset: ("bộ quy tắc", "of the ruleset")
        case .ofTheDossier: ("hồ sơ", "of the dossier")
        case .asOfHeading: ("Ngày đối chiếu", "As of")
        case .tool: ("Công cụ", "Tool")
        case .facilityRepresentativeSignature: ("ĐẠI DIỆN CƠ SỞ, CHỦ ĐẦU TƯ", "FOR THE FACILITY OR INVESTOR")
        case .signatureAndFullName: ("Ký, ghi rõ họ tên", "Signature and full name")
        case .theInspectors: ("ĐOÀN KIỂM TRA", "THE INSPECTORS")
        case .whereWord: ("Vị trí", "Where")
        case .line: ("dòng", "line")
        case .remedy: ("Kiến nghị", "Remedy")
        case .asOfShort: ("ngày", "as of")
        case .waivedFindings: ("Phát hiện được miễn", "Waived findings")
        case .inspectionSummary: ("Tổng hợp kết quả kiểm tra hồ sơ", "Inspection summary")
        case .byOutcome: ("Theo kết luận", "By outcome")
        case .byCommuneOrWard: ("Theo xã, phường", "By commune or ward")
        case .byFormerDistrict: ("Theo quận, huyện cũ", "By former district")
        case .byKindOfDossier: ("Theo loại hồ sơ", "By kind of dossier")
        case .byProjectType: ("Theo loại hình dự án", "By project type")
        case .byItemOfTheLetter: ("Theo mục của Công văn", "By item of the letter")
        case .byRuleFailedOrMissingData: ("Theo quy tắc (không đạt hoặc thiếu dữ liệu)", "By rule (failed or missing data)")
        case .dossiersWithTheMostSeriousFindings: ("Hồ sơ có phát hiện nghiêm trọng nhất", "Dossiers with the most serious findings")
        case .group: ("Nhóm", "Group")
        case .pass: ("đạt", "pass")
        case .fail: ("không đạt", "fail")
        case .missingCount: ("thiếu dữ liệu", "missing")
        case .unreadable: ("lỗi đọc", "unreadable")
        case .findingsCount: ("phát hiện", "findings")
        case .waivedCount: ("được miễn", "waived")
        case .errorsCount: ("lỗi", "errors")
        case .warningsCount: ("cảnh báo", "warnings")
        case .infoCount: ("thông tin", "info")
        case .moreGroups: ("nhóm khác", "more groups")
        case .dossierNotPassing: ("hồ sơ chưa đạt", "dossier not passing")
        case .dossiersNotPassing: ("hồ sơ chưa đạt", "dossiers not passing")
        case .finding: ("phát hiện", "finding")
        case .dossierOne: ("hồ sơ", "dossier")
        case .moreDossiersNotPassing: ("_… và {n} hồ sơ khác chưa đạt._", "_… and {n} more dossiers not passing._")
        case .reportCut: ("_Báo cáo bị cắt ở {max} ký tự: hiển thị {shown} / {total} phát hiện. Xem toàn bộ với `--format html` hoặc `--format json`._",
                          "_Report cut at {max} characters: {shown} of {total} findings shown. Run with `--format html` or `--format json` for everything._")
        case .noFindingsApplicable: ("{n} quy tắc áp dụng, không có phát hiện nào.", "{n} applicable rules, no findings.")
        case .noFindingsApplicableOne: ("{n} quy tắc áp dụng, không có phát hiện nào.", "{n} applicable rule, no findings.")
        case .tagMissingData: ("[thiếu dữ liệu]", "[missing data]")
        case .tagInvalid: ("[không hợp lệ]", "[invalid]")
        case .andMore: ("(và {n} phát hiện khác)", "(and {n} more)")
        case .purposeLine: ("Mục đích: {purpose}; ngày kiểm tra {asOf}", "Purpose: {purpose}; as of {asOf}")
        case .notVerifiedHead: ("ngưỡng chưa được đối chiếu với văn bản gốc: ", "threshold not verified against the source text: ")
        case .citeItem: ("{source} mục {item}", "{source} item {item}")
        case .citePoint: (" điểm {point}", " point {point}")
        case .citeUnverified: (" (chưa đối chiếu)", " (unverified)")
        case .citeVerificationNotStated: (" (không nêu đã đối chiếu hay chưa)", " (not stated whether verified)")
        case .itemWord: ("mục", "item")
        case .pointWord: ("điểm", "point")
        case .titleWithCites: ("{title} (căn cứ: {cites})", "{title} (cites: {cites})")
        case .checkedLine: ("Đã kiểm tra {n} {dossiers} theo bộ quy tắc {ruleset} ({rules} {ruleWord}{selection}), ngày {asOf}: {pass} đạt{warned}, {fail} không đạt, {missing} thiếu dữ liệu, {error} lỗi đọc; {findings} {findingWord}.",
                            "Checked {n} {dossiers} against {ruleset} ({rules} {ruleWord}{selection}) as of {asOf}: {pass} pass{warned}, {fail} fail, {missing} missing data, {error} unreadable; {findings} {findingWord}.")
        case .ruleOne: ("quy tắc", "rule")
        case .ruleMany: ("quy tắc", "rules")
        case .selectedBy: (", chọn bằng {selection}", ", selected by {selection}")
        case .withWarnings: (" ({n} có cảnh báo)", " ({n} with warnings)")
        case .rulesetLine: ("Bộ quy tắc: {identity}", "Ruleset: {identity}")
        case .valueMissing: ("(thiếu)", "(missing)")
        case .moreValues: (" (và {n} giá trị khác)", " (and {n} more values)")
        case .nation: ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM")
        case .motto: ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")
        case .dateLine: ("ngày {day} tháng {month} năm {year}", "{day} {month} {year}")
        }
    }
}
