#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Catalogue area: the command line, files and outputs — the E4xxx messages
// of the CLI, the run module (inputs, reports, sinks) and the loaders of
// rule sets, config and agency files, the CLI's own errors and notes, and
// the system's reasons for a failed read or write. Options, paths, codes and
// backticked names are kept as they are in both languages.

/// Why a read or write failed, for `errno` `code`: the system's words in
/// English (as `strerror` gives them; a broken pipe, a full disk and a folder
/// said plainly), their Vietnamese for the common cases.
package func systemErrorText(_ code: Int32) -> LocalizedText {
    let entry: CommandMessage? =
        switch code {
        case EISDIR: .errorIsFolder
        case EPIPE: .errorPipe
        case ENOSPC: .errorNoSpace
        case ENOENT: .errorNoSuchFile
        case EACCES, EPERM: .errorPermission
        case ENOTDIR: .errorNotFolder
        case EROFS: .errorReadOnly
        case ELOOP: .errorTooManyLinks
        default: nil
        }
    let system = String(cString: strerror(code))
    guard let entry else { return LocalizedText(verbatim: system) }
    let text = localize(entry)
    // The English is the system's own text, except where it is said plainly above.
    return [EISDIR, EPIPE, ENOSPC].contains(code) ? text : LocalizedText(vi: text.vi, en: system)
}

/// Messages of the command line, files and outputs (E4xxx and the CLI's own).
package enum CommandMessage: String, MessageArea {
    case reportNamesNoFile
    case reportNamesNoFileHelp
    case formatIsOneOf
    case didYouMeanThen
    case didYouMean
    case notAReportFormat
    case writeReportPath
    case mapperStandardInputOnly
    case mapperStandardInputOnlyHelp
    case noDossiersInPaths
    case cannotOpenReportHelp
    case wroteFolderReport
    case wroteFolderReportOne
    case rulesetHasErrors
    case rulesetHasOneError
    case ruleSetsHaveErrors
    case ruleSetsHaveOneError
    case selectorKinds
    case selectorMatchesNoRule
    case selectorsMatchNoRule
    case selectionLeavesNoRule
    case selectionLeavesNoRuleHelp
    case writeReportElsewhere
    case outputIsDossier
    case outputIsRulesFile
    case outputIsWaiversFile
    case twoReportsOneFile
    case twoReportsOneFileHelp
    case cannotWriteReport
    case cannotOpenReport
    case standardOutput
    case inputOverMaxBytes
    case recordOverMaxBytes
    case documentOverMaxBytes
    case fileOverMaxBytes
    case cannotReadStandardInput
    case standardInputEmpty
    case cannotOpen
    case cannotRead
    case isAFolder
    case danglingLink
    case noSuchFile
    case noSuchFileBadName
    case cannotReadFolder
    case folderAlreadyChecked
    case fileNameNotUTF8
    case errorIsFolder
    case errorNoSuchFile
    case errorPermission
    case errorNotFolder
    case errorNoSpace
    case errorPipe
    case errorReadOnly
    case errorTooManyLinks
    case ruleSetGivenTwice
    case cannotReadPath
    case noSuchRulesPath
    case cannotReadRulesFolder
    case noRulesFiles
    case ruleIDInTwoSets
    case declaredAgainHere
    case firstDeclaredInSet
    case ruleIDInTwoSetsHelp
    case cannotWriteFile
    case cannotCreateFolder
    case unknownCommand
    case runHelpForCommands
    case setInConfig
    case runCommandHelp
    case unknownOption
    case seeCommandHelp
    case optionNeedsValue
    case oneOf
    case invalidOptionValue
    case expectedOneOf
    case optionGivenTwice
    case optionTakesNoValue
    case configContradiction
    case giveOneOfThem
    case missingArgument
    case unexpectedArgument
    case notADate
    case writeAsOf
    case noDossiersGiven
    case checkNoDossiersHelp
    case summaryNoDossiersHelp
    case jobsRange
    case maxBytesPositive
    case topRange
    case mapperNoFailOn
    case mapperNoFailOnHelp
    case bundledRulesNotFound
    case outputDirRequired
    case outputDirRequiredHelp
    case recordNoAgency
    case recordNoAgencyHelp
    case wroteRecords
    case wroteRecordsOne
    case noRuleIn
    case cannotReadWhy
    case ruleNoOutcome
    case cannotWriteWhy
    case notFormattedSyntax
    case wouldReformat
    case reformatted
    case fmtCheckSummary
    case fmtCheckSummaryOne
    case fmtSummary
    case fmtSummaryOne
    case fmtWithSyntaxErrors
    case lintOK
    case errorWord
    case errorsWord
    case warningWord
    case warningsWord
    case invalidRunPattern
    case noTestMatches
    case rulesetHasNoTests
    case testsListed
    case nothingToCompare
    case diffRulesetsDiffer
    case diffRulesetsDifferHelp
    case reportWithoutDossiers
    case reportWithoutDossiersHelp
    case reportHoldsSeveral
    case reportHoldsSeveralHelp
    case unknownBenchmark
    case available
    case positiveInteger
    case unknownShell
    case whichCode
    case listCodesHelp
    case unknownCode
    case listEveryCode
    case noSchema
    case wholeNumberOption
    case secondsOption
    case cannotWriteTo
    case jsonCheckUnreadable
    case jsonCheckOK
    case jsonCheckOKDuplicates
    case jsonCheckOKDuplicate
    case duplicateKeyInObject
    case repeatedHere
    case firstHere
    case keepOneToolsDisagree
    case configCannotRead
    case configCannotReadHelp
    case configNotObject
    case configNotObjectHelp
    case configDuplicate
    case configDuplicateHelp
    case configSectionNotObject
    case configSectionHelp
    case configCommandLineOnly
    case configCommandLineOnlyHelp
    case configUnknownKeyFor
    case configUnknownKey
    case configKeysOf
    case configTopLevelKey
    case configIsFlag
    case configWriteTrue
    case configOneValue
    case configWriteValue
    case configSharedSuitsAll
    case configTakesStrings
    case configTakesString
    case configInvalidValue
    case configMoveKey
    case configSummaryUnreadable
    case configSummary
    case configSummaryOne
    case agencyCannotRead
    case agencyNoSuchFile
    case agencyIsFolder
    case agencyUnreadable
    case agencyCheckPath
    case agencyNotObject
    case agencyNotObjectHelp
    case agencyMustBeString
    case agencyWriteString
    case agencyPersonObject
    case agencyPersonHelp
    case agencyUnknownPersonField
    case agencyPersonFields
    case agencyNoName
    case agencyAddName
    case agencyAppearsTwice
    case keepOne
    case agencyEmpty
    case agencyNameIt
    case agencyBadDate
    case agencyBadDateHelp
    case agencyInspectorsList
    case agencyInspectorsHelp
    case anInspector
    case agencyUnknownField
    case theFieldsAre
    case agencyNoAgency
    case agencyAddAgency
    case agencySummary
    case agencySummaryOne
    case explainRule
    case explainOutcome
    case explainFindingAt
    case explainSchema
    case root
    case usageLine
    case missingArguments
    case codeRenamed
    case rulesetHasWarnings
    case rulesetHasOneWarning
    case configFileNotDossier
    case waiversFileNotDossier
    case standardInputEmptyNoPath

    package var key: String { "command.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .reportNamesNoFile: ("`--report {spec}` không nêu tệp nào", "`--report {spec}` names no file")
        case .reportNamesNoFileHelp: ("viết `--report FORMAT=PATH`, ví dụ `--report sarif=out.sarif`; FORMAT là một trong {formats}",
                  "write `--report FORMAT=PATH`, e.g. `--report sarif=out.sarif`; FORMAT is one of {formats}")
        case .formatIsOneOf: ("FORMAT là một trong {formats}", "FORMAT is one of {formats}")
        case .didYouMeanThen: ("có phải ý bạn là {suggestion}? {rest}", "did you mean {suggestion}? {rest}")
        case .didYouMean: ("có phải ý bạn là {suggestion}?", "did you mean {suggestion}?")
        case .notAReportFormat: ("`--report {spec}`: `{name}` không phải một định dạng báo cáo",
                  "`--report {spec}`: `{name}` is not a report format")
        case .writeReportPath: ("viết `--report {name}=PATH`", "write `--report {name}=PATH`")
        case .mapperStandardInputOnly: ("--mapper chỉ đọc đầu vào chuẩn", "--mapper reads standard input only")
        case .mapperStandardInputOnlyHelp: ("chạy `tuanthu check - --mapper` với các bản ghi trên đầu vào chuẩn",
                  "run `tuanthu check - --mapper` with the records on standard input")
        case .noDossiersInPaths: ("không có hồ sơ nào: các đường dẫn không chứa tệp *.json",
                  "no dossiers: the paths hold no *.json files")
        case .cannotOpenReportHelp: ("kiểm tra rằng thư mục tồn tại và ghi được; chưa hồ sơ nào được kiểm tra",
                  "check that the folder exists and can be written; nothing was checked")
        case .wroteFolderReport: ("đã ghi {index}, summary.html và {n} trang trong dossiers/",
                  "wrote {index}, summary.html and {n} pages under dossiers/")
        case .wroteFolderReportOne: ("đã ghi {index}, summary.html và {n} trang trong dossiers/",
                  "wrote {index}, summary.html and {n} page under dossiers/")
        case .rulesetHasErrors: ("bộ quy tắc {ruleset} có {n} lỗi; chạy `tuanthu lint {paths}` để xem chi tiết",
                  "the ruleset {ruleset} has {n} errors; run `tuanthu lint {paths}` for details")
        case .rulesetHasOneError: ("bộ quy tắc {ruleset} có {n} lỗi; chạy `tuanthu lint {paths}` để xem chi tiết",
                  "the ruleset {ruleset} has {n} error; run `tuanthu lint {paths}` for details")
        case .ruleSetsHaveErrors: ("các bộ quy tắc {ruleset} có {n} lỗi; chạy `tuanthu lint {paths}` để xem chi tiết",
                  "the rule sets {ruleset} have {n} errors; run `tuanthu lint {paths}` for details")
        case .ruleSetsHaveOneError: ("các bộ quy tắc {ruleset} có {n} lỗi; chạy `tuanthu lint {paths}` để xem chi tiết",
                  "the rule sets {ruleset} have {n} error; run `tuanthu lint {paths}` for details")
        case .selectorKinds: ("bộ chọn là mã quy tắc, một mẫu (`KL81-3.5-*`), `tag:NAME` hoặc `item:N`; `tuanthu coverage` liệt kê các quy tắc",
                  "a selector is a rule id, a glob (`KL81-3.5-*`), `tag:NAME` or `item:N`; `tuanthu coverage` lists the rules")
        case .selectorMatchesNoRule: ("{selectors} không khớp quy tắc nào của bộ quy tắc",
                  "{selectors} matches no rule of the ruleset")
        case .selectorsMatchNoRule: ("{selectors} không khớp quy tắc nào của bộ quy tắc", "{selectors} match no rule of the ruleset")
        case .selectionLeavesNoRule: ("cách chọn `{selection}` không còn quy tắc nào để kiểm tra",
                  "the selection `{selection}` leaves no rule to check")
        case .selectionLeavesNoRuleHelp: ("mọi quy tắc mà `--only` nêu cũng bị `--skip` loại; hãy bỏ một trong hai",
                  "every rule `--only` names is also named by `--skip`; drop one of them")
        case .writeReportElsewhere: ("ghi báo cáo ra chỗ khác, ví dụ `--output report.txt`",
                  "write the report elsewhere, e.g. `--output report.txt`")
        case .outputIsDossier: ("đầu ra `{output}` chính là hồ sơ `{path}`; báo cáo sẽ ghi đè lên nó",
                  "the output `{output}` is the dossier `{path}`; the report would overwrite it")
        case .outputIsRulesFile: ("đầu ra `{output}` chính là tệp quy tắc `{path}`; báo cáo sẽ ghi đè lên nó",
                  "the output `{output}` is the rules file `{path}`; the report would overwrite it")
        case .outputIsWaiversFile: ("đầu ra `{output}` chính là tệp miễn trừ; báo cáo sẽ ghi đè lên nó",
                  "the output `{output}` is the waivers file; the report would overwrite it")
        case .twoReportsOneFile: ("hai báo cáo cùng được ghi vào `{path}` (`{first}` và `{second}`)",
                  "two reports are written to `{path}` (`{first}` and `{second}`)")
        case .twoReportsOneFileHelp: ("cho mỗi báo cáo một tệp riêng", "give each report its own file")
        case .cannotWriteReport: ("không ghi được báo cáo vào {target}: {why}", "cannot write the report to {target}: {why}")
        case .cannotOpenReport: ("không mở được báo cáo {target}: {why}", "cannot open the report to {target}: {why}")
        case .standardOutput: ("đầu ra chuẩn", "standard output")
        case .inputOverMaxBytes: ("đầu vào vượt quá --max-bytes {max} byte", "the input is over --max-bytes {max} bytes")
        case .recordOverMaxBytes: ("bản ghi dài {bytes} byte, vượt quá --max-bytes {max}",
                  "the record is {bytes} bytes, over --max-bytes {max}")
        case .documentOverMaxBytes: ("đầu vào dài {bytes} byte, vượt quá --max-bytes {max}",
                  "the input is {bytes} bytes, over --max-bytes {max}")
        case .fileOverMaxBytes: ("tệp dài {bytes} byte, vượt quá --max-bytes {max}",
                  "the file is {bytes} bytes, over --max-bytes {max}")
        case .cannotReadStandardInput: ("không đọc được đầu vào chuẩn: {why}", "cannot read standard input: {why}")
        case .standardInputEmpty: ("đầu vào chuẩn trống: không có hồ sơ nào để kiểm tra (chỉ có dòng trống, hoặc không có gì)",
                                   "standard input is empty: there is no dossier to check (only blank lines, or nothing)")
        case .cannotOpen: ("không mở được: {why}", "cannot open: {why}")
        case .cannotRead: ("không đọc được: {why}", "cannot read: {why}")
        case .isAFolder: ("là một thư mục, không phải một tệp", "is a folder, not a file")
        case .danglingLink: ("một liên kết tượng trưng không trỏ tới đâu", "a symbolic link to nothing")
        case .noSuchFile: ("không có tệp hay thư mục này", "no such file or folder")
        case .noSuchFileBadName: ("không có tệp hay thư mục này (tên đã cho không phải UTF-8 hợp lệ, mỗi byte lỗi hiện là \u{FFFD}; hãy đổi tên tệp)",
                  "no such file or folder (the name given is not valid UTF-8, each bad byte shown as \u{FFFD}; rename the file)")
        case .cannotReadFolder: ("không đọc được thư mục: {why}", "cannot read the folder: {why}")
        case .folderAlreadyChecked: ("`{path}` là thư mục đã được kiểm tra trong lần chạy này (một vòng liên kết tượng trưng hoặc một liên kết thứ hai tới nó); bỏ qua",
                  "`{path}` is a folder already checked in this run (a symbolic link loop or a second link to it); skipped")
        case .fileNameNotUTF8: ("tên tệp không phải UTF-8 hợp lệ; hãy đổi tên", "the file name is not valid UTF-8; rename it")
        case .errorIsFolder: ("đó là một thư mục", "it is a folder")
        case .errorNoSuchFile: ("không có tệp hay thư mục này", "No such file or directory")
        case .errorPermission: ("không có quyền truy cập", "Permission denied")
        case .errorNotFolder: ("một phần của đường dẫn không phải thư mục", "Not a directory")
        case .errorNoSpace: ("thiết bị đã hết chỗ trống", "no space left on the device")
        case .errorPipe: ("bên đọc đã đóng ống dẫn", "the reader closed the pipe")
        case .errorReadOnly: ("hệ thống tệp chỉ cho phép đọc", "Read-only file system")
        case .errorTooManyLinks: ("quá nhiều liên kết tượng trưng lồng nhau", "Too many levels of symbolic links")
        case .ruleSetGivenTwice: ("bộ quy tắc `{path}` được nêu hai lần (lần đầu là `{first}`); mỗi `--rules` chỉ nêu một lần",
                  "the rule set `{path}` is given twice (first as `{first}`); give each `--rules` once")
        case .cannotReadPath: ("không đọc được `{path}`", "cannot read `{path}`")
        case .noSuchRulesPath: ("không có tệp hay thư mục này: `{path}`", "no such file or folder: `{path}`")
        case .cannotReadRulesFolder: ("không đọc được thư mục `{path}`", "cannot read the folder `{path}`")
        case .noRulesFiles: ("không có tệp `.rules` nào trong `{path}`", "no `.rules` files in `{path}`")
        case .ruleIDInTwoSets: ("mã quy tắc `{id}` được khai báo trong hai bộ quy tắc: `{firstAt}` (--rules {firstSet}) và `{againAt}` (--rules {againSet})",
                  "rule id `{id}` is declared in two rule sets: `{firstAt}` (--rules {firstSet}) and `{againAt}` (--rules {againSet})")
        case .declaredAgainHere: ("khai báo lại ở đây", "declared again here")
        case .firstDeclaredInSet: ("khai báo lần đầu ở đây, trong --rules {set}", "first declared here, in --rules {set}")
        case .ruleIDInTwoSetsHelp: ("mã quy tắc phải là duy nhất trong mọi bộ `--rules`; hãy đổi tên quy tắc trong `{path}`, ví dụ thêm tiền tố của đơn vị bạn",
                  "rule ids are unique across every `--rules` set; rename the rule in `{path}`, e.g. with your department's prefix")
        case .cannotWriteFile: ("không ghi được `{path}`", "cannot write `{path}`")
        case .cannotCreateFolder: ("không tạo được thư mục `{path}`: {why}", "cannot create the folder `{path}`: {why}")
        case .unknownCommand: ("không có lệnh `{name}`", "unknown command `{name}`")
        case .runHelpForCommands: ("chạy `tuanthu --help` để xem danh sách lệnh", "run `tuanthu --help` for the list of commands")
        case .setInConfig: ("`{option}` được đặt trong {origin}", "`{option}` was set in {origin}")
        case .runCommandHelp: ("chạy `tuanthu {command} --help` để xem chi tiết", "run `tuanthu {command} --help` for details")
        case .unknownOption: ("lệnh `tuanthu {command}` không có tùy chọn `{name}`",
                  "unknown option `{name}` for `tuanthu {command}`")
        case .seeCommandHelp: ("xem `tuanthu {command} --help`", "see `tuanthu {command} --help`")
        case .optionNeedsValue: ("tùy chọn `{name}` cần một giá trị ({placeholder})",
                  "option `{name}` needs a value ({placeholder})")
        case .oneOf: ("một trong: {choices}", "one of: {choices}")
        case .invalidOptionValue: ("giá trị `{value}` không hợp lệ cho `{name}`", "invalid value `{value}` for `{name}`")
        case .expectedOneOf: ("giá trị phải là một trong: {choices}", "expected one of: {choices}")
        case .optionGivenTwice: ("tùy chọn `{name}` được nêu hơn một lần", "option `{name}` given more than once")
        case .optionTakesNoValue: ("tùy chọn `{name}` không nhận giá trị", "option `{name}` takes no value")
        case .configContradiction: ("`--config` và `--no-config` mâu thuẫn nhau",
                  "`--config` and `--no-config` contradict each other")
        case .giveOneOfThem: ("chỉ nêu một trong hai", "give one of them")
        case .missingArgument: ("thiếu đối số: {names}", "missing argument: {names}")
        case .missingArguments: ("thiếu các đối số: {names}", "missing arguments: {names}")
        case .rulesetHasWarnings: ("bộ quy tắc có {n} cảnh báo ({codes}); chạy `tuanthu lint {paths}` để xem chi tiết",
                                   "the ruleset has {n} warnings ({codes}); run `tuanthu lint {paths}` for details")
        case .rulesetHasOneWarning: ("bộ quy tắc có {n} cảnh báo ({codes}); chạy `tuanthu lint {paths}` để xem chi tiết",
                                     "the ruleset has {n} warning ({codes}); run `tuanthu lint {paths}` for details")
        case .configFileNotDossier: ("`{path}` là tệp cấu hình của tuanthu, không phải hồ sơ: không kiểm tra (nêu đích danh tệp này nếu muốn kiểm tra)",
                                     "`{path}` is tuanthu's config file, not a dossier: not checked (name it on the command line to check it)")
        case .waiversFileNotDossier: ("`{path}` là tệp miễn trừ (--waivers), không phải hồ sơ: không kiểm tra",
                                      "`{path}` is the waivers file (--waivers), not a dossier: not checked")
        case .standardInputEmptyNoPath: ("không nêu đường dẫn nào nên đã đọc đầu vào chuẩn, nhưng đầu vào chuẩn trống: hãy nêu tệp hoặc thư mục hồ sơ, ví dụ `tuanthu check Examples/`",
                                         "no path was given, so standard input was read, and it is empty: name the dossiers' files or folders, e.g. `tuanthu check Examples/`")
        case .codeRenamed: ("`{old}` nay là `{new}`: một lỗi, không còn là cảnh báo", "`{old}` is now `{new}`: an error, no longer a warning")
        case .unexpectedArgument: ("đối số `{arg}` không mong đợi", "unexpected argument `{arg}`")
        case .notADate: ("`{text}` không phải một ngày", "`{text}` is not a date")
        case .writeAsOf: ("viết ví dụ --as-of 2026-11-29", "write --as-of 2026-11-29")
        case .noDossiersGiven: ("chưa nêu hồ sơ nào", "no dossiers given")
        case .checkNoDossiersHelp: ("nêu tệp hoặc thư mục, ví dụ `tuanthu check Examples/`, hoặc chuyển NDJSON vào `tuanthu check -`",
                  "name files or folders, e.g. `tuanthu check Examples/`, or pipe NDJSON into `tuanthu check -`")
        case .summaryNoDossiersHelp: ("nêu tệp hoặc thư mục, ví dụ `Examples/`, hoặc chuyển NDJSON vào `-`",
                  "name files or folders, e.g. `Examples/`, or pipe NDJSON into `-`")
        case .jobsRange: ("--jobs nhận một số nguyên từ 1 đến 1024, không phải `{text}`",
                  "--jobs takes a whole number from 1 to 1024, not `{text}`")
        case .maxBytesPositive: ("--max-bytes nhận một số nguyên dương, không phải `{text}`",
                  "--max-bytes takes a positive whole number, not `{text}`")
        case .topRange: ("--top nhận một số nguyên từ 0 đến 10000, không phải `{text}`",
                  "--top takes a whole number from 0 to 10000, not `{text}`")
        case .mapperNoFailOn: ("--mapper không bao giờ làm tác vụ thất bại, nên không nhận `--fail-on {value}`",
                  "--mapper never fails the task, so it takes no `--fail-on {value}`")
        case .mapperNoFailOnHelp: ("bỏ `--fail-on`; các bản ghi cho biết kết luận của từng hồ sơ",
                  "drop `--fail-on`; the records say each dossier's outcome")
        case .bundledRulesNotFound: ("không tìm thấy bộ quy tắc đi kèm `Rules/kl81-cantho`; hãy dùng --rules PATH hoặc đặt TUANTHU_RULES",
                  "the bundled rules `Rules/kl81-cantho` were not found; pass --rules PATH or set TUANTHU_RULES")
        case .outputDirRequired: ("cần có --output DIR", "--output DIR is required")
        case .outputDirRequiredHelp: ("ví dụ `tuanthu record Examples/ --output records/`",
                  "e.g. `tuanthu record Examples/ --output records/`")
        case .recordNoAgency: ("biên bản không nêu cơ quan kiểm tra", "the record names no agency")
        case .recordNoAgencyHelp: ("dùng --agency FILE (có khóa `agency`) hoặc --agency-name \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\"",
                  "pass --agency FILE (with an `agency` key) or --agency-name \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\"")
        case .wroteRecords: ("đã ghi {n} biên bản vào {dir}", "wrote {n} records to {dir}")
        case .wroteRecordsOne: ("đã ghi {n} biên bản vào {dir}", "wrote {n} record to {dir}")
        case .noRuleIn: ("không có quy tắc `{rule}` trong `{path}`", "no rule `{rule}` in `{path}`")
        case .cannotReadWhy: ("không đọc được `{path}`: {why}", "cannot read `{path}`: {why}")
        case .ruleNoOutcome: ("quy tắc `{rule}` không có kết quả trên `{path}`",
                  "the rule `{rule}` has no outcome on `{path}`")
        case .cannotWriteWhy: ("không ghi được `{path}`: {why}", "cannot write `{path}`: {why}")
        case .notFormattedSyntax: ("{path}: chưa định dạng (có lỗi cú pháp)", "{path}: not formatted (syntax errors)")
        case .wouldReformat: ("sẽ định dạng lại {path}", "would reformat {path}")
        case .reformatted: ("đã định dạng lại {path}", "reformatted {path}")
        case .fmtCheckSummary: ("{n} tệp sẽ được định dạng lại, {unchanged} tệp đã đúng định dạng",
                  "{n} files would be reformatted, {unchanged} already formatted")
        case .fmtCheckSummaryOne: ("{n} tệp sẽ được định dạng lại, {unchanged} tệp đã đúng định dạng",
                  "{n} file would be reformatted, {unchanged} already formatted")
        case .fmtSummary: ("đã định dạng lại {n} tệp, {unchanged} tệp không đổi",
                  "{n} files reformatted, {unchanged} unchanged")
        case .fmtSummaryOne: ("đã định dạng lại {n} tệp, {unchanged} tệp không đổi",
                  "{n} file reformatted, {unchanged} unchanged")
        case .fmtWithSyntaxErrors: (", {n} tệp có lỗi cú pháp", ", {n} with syntax errors")
        case .lintOK: ("ổn: {n} quy tắc, không có vấn đề nào", "ok: {n} rules, no problems")
        case .errorWord: ("lỗi", "error")
        case .errorsWord: ("lỗi", "errors")
        case .warningWord: ("cảnh báo", "warning")
        case .warningsWord: ("cảnh báo", "warnings")
        case .invalidRunPattern: ("mẫu --run `{pattern}` không hợp lệ: {why}", "invalid --run pattern `{pattern}`: {why}")
        case .noTestMatches: ("không có bài kiểm thử nào của `{path}` có tên khớp `{pattern}`",
                  "no test of `{path}` has a name matching `{pattern}`")
        case .rulesetHasNoTests: ("bộ quy tắc không có bài kiểm thử nào", "the ruleset has no tests")
        case .testsListed: ("{n} bài kiểm thử của bộ quy tắc được liệt kê bằng `tuanthu test {path}`",
                  "the ruleset's {n} tests are listed by `tuanthu test {path}`")
        case .nothingToCompare: ("không có gì để so sánh", "nothing to compare")
        case .diffRulesetsDiffer: ("hai phiên bản được kiểm tra theo hai bộ quy tắc khác nhau (SHA-256 {old}… và {new}…)",
                  "the two versions were checked against different rulesets (SHA-256 {old}… and {new}…)")
        case .diffRulesetsDifferHelp: ("kiểm tra cả hai với cùng --rules, hoặc so sánh hai báo cáo tạo bằng một bộ quy tắc",
                  "check both with the same --rules, or compare two reports made with one ruleset")
        case .reportWithoutDossiers: ("`{path}` là một báo cáo `tuanthu/1` không có danh sách hồ sơ",
                  "`{path}` is a `tuanthu/1` report without a list of dossiers")
        case .reportWithoutDossiersHelp: ("hãy nêu một hồ sơ, hoặc một báo cáo do `tuanthu check --format json` ghi ra",
                  "give a dossier, or a report written by `tuanthu check --format json`")
        case .reportHoldsSeveral: ("báo cáo `{path}` chứa {n} hồ sơ; `diff` so sánh một phiên bản với một phiên bản khác",
                  "the report `{path}` holds {n} dossiers; `diff` compares one version with another")
        case .reportHoldsSeveralHelp: ("kiểm tra riêng từng phiên bản: `tuanthu check OLD.json --format json --output old-report.json`",
                  "check each version alone: `tuanthu check OLD.json --format json --output old-report.json`")
        case .unknownBenchmark: ("không có bài đo `{name}`", "unknown benchmark `{name}`")
        case .available: ("có sẵn: {names}", "available: {names}")
        case .positiveInteger: ("`{option}` phải là một số nguyên dương, gặp `{text}`",
                  "`{option}` must be a positive integer, found `{text}`")
        case .unknownShell: ("không có shell `{name}`", "unknown shell `{name}`")
        case .whichCode: ("mã nào? hãy nêu một mã, ví dụ `tuanthu explain-code E2017`",
                  "which code? give one, e.g. `tuanthu explain-code E2017`")
        case .listCodesHelp: ("`tuanthu explain-code --list` liệt kê tất cả", "`tuanthu explain-code --list` lists them all")
        case .unknownCode: ("không có mã chẩn đoán `{code}`", "unknown diagnostic code `{code}`")
        case .listEveryCode: ("`tuanthu explain-code --list` liệt kê mọi mã", "`tuanthu explain-code --list` lists every code")
        case .noSchema: ("bộ quy tắc `{path}` không khai báo `schema`", "the ruleset `{path}` declares no `schema`")
        case .wholeNumberOption: ("{option} nhận một số nguyên", "{option} takes a whole number")
        case .secondsOption: ("{option} nhận một số giây", "{option} takes a number of seconds")
        case .cannotWriteTo: ("không ghi được vào `{path}`", "cannot write to `{path}`")
        case .jsonCheckUnreadable: ("không đọc được `{path}`: không có tệp này hoặc không đọc được",
                  "cannot read `{path}`: no such file or not readable")
        case .jsonCheckOK: ("{path}: ổn ({n} giá trị)", "{path}: ok ({n} values)")
        case .jsonCheckOKDuplicates: ("{path}: ổn ({n} giá trị, {k} khóa trùng)", "{path}: ok ({n} values, {k} duplicate keys)")
        case .jsonCheckOKDuplicate: ("{path}: ổn ({n} giá trị, {k} khóa trùng)", "{path}: ok ({n} values, {k} duplicate key)")
        case .duplicateKeyInObject: ("khóa `{key}` lặp lại trong một đối tượng", "duplicate key `{key}` in one object")
        case .repeatedHere: ("lặp lại ở đây", "repeated here")
        case .firstHere: ("lần đầu ở đây", "first here")
        case .keepOneToolsDisagree: ("giữ một: các công cụ không thống nhất bản nào được dùng",
                  "keep one of them: tools disagree on which copy wins")
        case .configCannotRead: ("không đọc được tệp cấu hình `{path}`: {why}", "cannot read the config file `{path}`: {why}")
        case .configCannotReadHelp: ("kiểm tra đường dẫn đưa cho --config, hoặc chạy với --no-config",
                  "check the path given to --config, or run with --no-config")
        case .configNotObject: ("tệp cấu hình là một đối tượng JSON, nhưng tệp này chứa {kind}",
                  "a config file is a JSON object, but this file holds {kind}")
        case .configNotObjectHelp: ("viết ví dụ `{\"check\": {\"fail-on\": \"warning\"}}`",
                  "write e.g. `{\"check\": {\"fail-on\": \"warning\"}}`")
        case .configDuplicate: ("`{key}` xuất hiện hai lần trong một đối tượng", "`{key}` appears twice in one object")
        case .configDuplicateHelp: ("giữ một: các công cụ không thống nhất bản nào được tính",
                  "keep one: tools disagree on which copy counts")
        case .configSectionNotObject: ("`{name}` chứa các thiết lập của `tuanthu {name}`: một đối tượng, không phải {kind}",
                  "`{name}` holds the settings of `tuanthu {name}`: an object, not {kind}")
        case .configSectionHelp: ("viết `\"{name}\": {\"OPTION\": VALUE, …}`", "write `\"{name}\": {\"OPTION\": VALUE, …}`")
        case .configCommandLineOnly: ("không thể đặt `{name}` trong tệp cấu hình", "`{name}` cannot be set in a config file")
        case .configCommandLineOnlyHelp: ("nêu `--{name}` trên dòng lệnh", "give `--{name}` on the command line")
        case .configUnknownKeyFor: ("khóa `{name}` không có trong `tuanthu {command}`",
                  "unknown key `{name}` for `tuanthu {command}`")
        case .configUnknownKey: ("khóa `{name}` không xác định", "unknown key `{name}`")
        case .configKeysOf: ("các khóa của `{command}` là các tùy chọn của nó, bỏ dấu gạch: {keys}",
                  "the keys of `{command}` are its options without dashes: {keys}")
        case .configTopLevelKey: ("khóa cấp cao nhất là một lệnh (`check`, `test`, …) chứa các thiết lập của lệnh đó, hoặc một tùy chọn dùng chung cho các lệnh có tùy chọn ấy",
                  "a top-level key is a command (`check`, `test`, …) holding its settings, or an option shared by the commands that have it")
        case .configIsFlag: ("`--{name}` của `tuanthu {command}` là một cờ: true hoặc false, không phải {kind}",
                  "`--{name}` of `tuanthu {command}` is a flag: true or false, not {kind}")
        case .configWriteTrue: ("viết `\"{name}\": true`", "write `\"{name}\": true`")
        case .configOneValue: ("`--{name}` của `tuanthu {command}` nhận một giá trị, không phải một danh sách",
                  "`--{name}` of `tuanthu {command}` takes one value, not a list")
        case .configWriteValue: ("viết `\"{name}\": \"{placeholder}\"`", "write `\"{name}\": \"{placeholder}\"`")
        case .configSharedSuitsAll: ("; một khóa dùng chung phải hợp với mọi lệnh có tùy chọn đó",
                  "; a shared key must suit every command that has the option")
        case .configTakesStrings: ("`--{name}` của `tuanthu {command}` nhận các chuỗi (hoặc một danh sách chuỗi), không phải {kind}",
                  "`--{name}` of `tuanthu {command}` takes strings (or a list of them), not {kind}")
        case .configTakesString: ("`--{name}` của `tuanthu {command}` nhận một chuỗi, không phải {kind}",
                  "`--{name}` of `tuanthu {command}` takes a string, not {kind}")
        case .configInvalidValue: ("giá trị `{value}` không hợp lệ cho `--{name}` của `tuanthu {command}`",
                  "invalid value `{value}` for `--{name}` of `tuanthu {command}`")
        case .configMoveKey: ("; hoặc chuyển khóa vào mục của lệnh dùng nó, ví dụ `\"check\": {\"{name}\": …}`",
                  "; or move the key into the section of the command it is for, e.g. `\"check\": {\"{name}\": …}`")
        case .configSummaryUnreadable: ("chưa chạy lệnh nào: không đọc được tệp cấu hình `{path}`",
                  "no command was run: the config file `{path}` cannot be read")
        case .configSummary: ("tệp cấu hình `{path}` có {n} lỗi; hãy sửa, hoặc chạy với --no-config",
                  "the config file `{path}` has {n} errors; fix them, or run with --no-config")
        case .configSummaryOne: ("tệp cấu hình `{path}` có {n} lỗi; hãy sửa, hoặc chạy với --no-config",
                  "the config file `{path}` has {n} error; fix it, or run with --no-config")
        case .agencyCannotRead: ("không đọc được tệp cơ quan `{path}`: {why}", "cannot read the agency file `{path}`: {why}")
        case .agencyNoSuchFile: ("không có tệp này", "no such file")
        case .agencyIsFolder: ("đó là một thư mục", "it is a folder")
        case .agencyUnreadable: ("tệp không đọc được, hoặc lớn hơn 1 MiB", "it cannot be read, or is over 1 MiB")
        case .agencyCheckPath: ("kiểm tra đường dẫn đưa cho --agency", "check the path given to --agency")
        case .agencyNotObject: ("tệp cơ quan là một đối tượng JSON", "an agency file is a JSON object")
        case .agencyNotObjectHelp: ("viết `{\"agency\": \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\", …}`",
                  "write `{\"agency\": \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\", …}`")
        case .agencyMustBeString: ("`{name}` phải là một chuỗi", "`{name}` must be a string")
        case .agencyWriteString: ("viết `\"{name}\": \"…\"`", "write `\"{name}\": \"…\"`")
        case .agencyPersonObject: ("`{name}` phải là một đối tượng có `name` và `title`",
                  "`{name}` must be an object with `name` and `title`")
        case .agencyPersonHelp: ("viết `{\"name\": \"Nguyễn Văn A\", \"title\": \"Thanh tra viên\"}`",
                  "write `{\"name\": \"Nguyễn Văn A\", \"title\": \"Thanh tra viên\"}`")
        case .agencyUnknownPersonField: ("trường `{name}` của một người không xác định", "unknown field `{name}` of a person")
        case .agencyPersonFields: ("một người có `name` và `title`", "a person has `name` and `title`")
        case .agencyNoName: ("`{name}` không có `name`", "`{name}` has no `name`")
        case .agencyAddName: ("thêm `\"name\": \"…\"`", "add `\"name\": \"…\"`")
        case .agencyAppearsTwice: ("`{name}` xuất hiện hai lần", "`{name}` appears twice")
        case .keepOne: ("giữ một", "keep one")
        case .agencyEmpty: ("`agency` đang trống", "`agency` is empty")
        case .agencyNameIt: ("ghi tên cơ quan kiểm tra", "name the inspecting agency")
        case .agencyBadDate: ("`date` phải là một ngày viết theo dạng YYYY-MM-DD, không phải `{text}`",
                  "`date` must be a date written YYYY-MM-DD, not `{text}`")
        case .agencyBadDateHelp: ("viết ví dụ `\"date\": \"2026-11-29\"`", "write e.g. `\"date\": \"2026-11-29\"`")
        case .agencyInspectorsList: ("`inspectors` phải là một danh sách người", "`inspectors` must be a list of people")
        case .agencyInspectorsHelp: ("viết `[{\"name\": \"Nguyễn Văn A\", \"title\": \"Trưởng đoàn\"}]`",
                  "write `[{\"name\": \"Nguyễn Văn A\", \"title\": \"Trưởng đoàn\"}]`")
        case .anInspector: ("một thành viên đoàn kiểm tra", "an inspector")
        case .agencyUnknownField: ("trường `{name}` của tệp cơ quan không xác định", "unknown agency field `{name}`")
        case .theFieldsAre: ("các trường là {fields}", "the fields are {fields}")
        case .agencyNoAgency: ("tệp cơ quan không có `agency`", "the agency file has no `agency`")
        case .agencyAddAgency: ("thêm `\"agency\": \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\"`",
                  "add `\"agency\": \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\"`")
        case .agencySummary: ("tệp cơ quan `{path}` có {n} lỗi; chưa biên bản nào được ghi",
                  "the agency file `{path}` has {n} errors; no record was written")
        case .agencySummaryOne: ("tệp cơ quan `{path}` có {n} lỗi; chưa biên bản nào được ghi",
                  "the agency file `{path}` has {n} error; no record was written")
        case .explainRule: ("quy tắc {id}{title}", "rule {id}{title}")
        case .explainOutcome: ("kết quả: {outcome}", "outcome: {outcome}")
        case .explainFindingAt: ("{kind} tại {pointer} ({place}): {message}", "{kind} at {pointer} ({place}): {message}")
        case .explainSchema: ("kiểm tra theo lược đồ:", "schema validation:")
        case .root: ("(gốc)", "(root)")
        case .usageLine: ("CÁCH DÙNG: tuanthu {command} {usage}", "USAGE: tuanthu {command} {usage}")
        }
    }
}
