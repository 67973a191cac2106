// Catalogue area: the waivers file (E41xx) and the waiver warnings (W41xx).
// Field names, rule ids, dossier ids and dates are kept as they are.

/// Messages about waivers files and waivers (E41xx, W41xx).
package enum WaiverMessage: String, MessageArea {
    case cannotReadFile
    case noSuchFile
    case isFolder
    case unreadableOrLarge
    case notArray
    case notArrayHelp
    case duplicateField
    case firstHere
    case duplicateFieldHelp
    case notObject
    case unknownField
    case didYouMean
    case theFieldsAre
    case missingField
    case missingFieldHelp
    case notString
    case writeField
    case emptyField
    case badPointer
    case writePointer
    case badExpires
    case badExpiresHelp
    case noSuchRule
    case expired
    case expiredLabel
    case expiredHelp
    case unused
    case unusedAt
    case unusedHelp
    case summary
    case summaryOne
    case moreNotShown

    package var key: String { "waiver.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .cannotReadFile: ("không đọc được tệp miễn trừ `{path}`: {why}", "cannot read the waivers file `{path}`: {why}")
        case .noSuchFile: ("không có tệp này", "no such file")
        case .isFolder: ("đó là một thư mục", "it is a folder")
        case .unreadableOrLarge: ("tệp không đọc được, hoặc lớn hơn 64 MiB", "it cannot be read, or is over 64 MiB")
        case .notArray: ("tệp miễn trừ là một mảng JSON các miễn trừ, nhưng tệp này chứa {kind}",
                  "a waivers file is a JSON array of waivers, but this file holds {kind}")
        case .notArrayHelp: ("viết `[ {\"rule\": …, \"dossier\": …, …} ]`", "write `[ {\"rule\": …, \"dossier\": …, …} ]`")
        case .duplicateField: ("`{name}` xuất hiện hai lần trong một miễn trừ", "`{name}` appears twice in one waiver")
        case .firstHere: ("lần đầu ở đây", "first here")
        case .duplicateFieldHelp: ("giữ một; mỗi công cụ đọc trường lặp lại theo một cách khác nhau",
                  "keep one; a repeated field is read differently by different tools")
        case .notObject: ("một miễn trừ là một đối tượng JSON, nhưng đây là {kind}",
                  "a waiver is a JSON object, but this is {kind}")
        case .unknownField: ("trường miễn trừ `{name}` không xác định", "unknown waiver field `{name}`")
        case .didYouMean: ("có phải ý bạn là `{suggestion}`?", "did you mean `{suggestion}`?")
        case .theFieldsAre: ("các trường là {fields}", "the fields are {fields}")
        case .missingField: ("miễn trừ này không có `{name}`", "this waiver has no `{name}`")
        case .missingFieldHelp: ("thêm `\"{name}\": {example}`; mỗi miễn trừ nói rõ cái gì, ở đâu, vì sao, ai duyệt và đến khi nào",
                  "add `\"{name}\": {example}`; every waiver says what, where, why, who and until when")
        case .notString: ("`{name}` phải là một chuỗi, không phải {kind}", "`{name}` must be a string, not {kind}")
        case .writeField: ("viết `\"{name}\": {example}`", "write `\"{name}\": {example}`")
        case .emptyField: ("`{name}` đang trống", "`{name}` is empty")
        case .badPointer: ("`pointer` phải là một JSON Pointer (trống, hoặc bắt đầu bằng `/`), không phải `{pointer}`",
                  "`pointer` must be a JSON Pointer (empty, or starting with `/`), not `{pointer}`")
        case .writePointer: ("viết `\"/{pointer}\"`", "write `\"/{pointer}\"`")
        case .badExpires: ("`expires` phải là một ngày viết theo dạng YYYY-MM-DD, không phải `{text}`",
                  "`expires` must be a calendar date written YYYY-MM-DD, not `{text}`")
        case .badExpiresHelp: ("viết ví dụ `\"expires\": \"2025-06-30\"`", "write e.g. `\"expires\": \"2025-06-30\"`")
        case .noSuchRule: ("bộ quy tắc không có quy tắc `{rule}`; miễn trừ này không thể khớp phát hiện nào",
                  "the ruleset has no rule `{rule}`; this waiver can match nothing")
        case .expired: ("miễn trừ cho `{rule}` của `{dossier}` đã hết hạn ngày {expires} và bị bỏ qua (kiểm tra theo ngày {asOf})",
                  "the waiver of `{rule}` for `{dossier}` expired on {expires} and is ignored (checking as of {asOf})")
        case .expiredLabel: ("đã hết hạn", "expired")
        case .expiredHelp: ("gia hạn bằng một ngày `expires` mới, hoặc xóa miễn trừ",
                  "renew it with a new `expires` date, or delete it")
        case .unused: ("miễn trừ cho `{rule}` của `{dossier}`{at} không khớp phát hiện nào",
                  "the waiver of `{rule}` for `{dossier}`{at} matched no finding")
        case .unusedAt: (" tại `{pointer}`", " at `{pointer}`")
        case .unusedHelp: ("hồ sơ có thể đã được sửa (hãy xóa miễn trừ), hoặc `dossier` hay `pointer` của nó sai",
                  "the dossier may be fixed (delete the waiver), or its `dossier` or `pointer` may be wrong")
        case .summary: ("tệp miễn trừ `{path}` có {n} lỗi{more}; chưa hồ sơ nào được kiểm tra",
                  "the waivers file `{path}` has {n} errors{more}; no dossier was checked")
        case .summaryOne: ("tệp miễn trừ `{path}` có {n} lỗi{more}; chưa hồ sơ nào được kiểm tra",
                  "the waivers file `{path}` has {n} error{more}; no dossier was checked")
        case .moreNotShown: (" (và {n} vấn đề khác không hiển thị)", " (and {n} more problems not shown)")
        }
    }
}
