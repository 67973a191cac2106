// Catalogue area: the tool's own instruments — `--print-config`, `bench`
// and `fuzz`. Option names, units (ms, MB/s, µs) and the names of the
// parsers compared are written as they are in both languages; figures go
// through `formatNumber`.

/// The table `--print-config` prints: its header, column names, and the
/// words for a flag's state and a setting's origin.
package enum SettingsMessage: String, MessageArea {
    case header
    case configFile
    case notRead
    case noneFound
    case columnOption
    case columnValue
    case columnFrom
    case on
    case off
    case notSet
    case fromDefault
    case fromFlag
    case defaultToday
    case defaultBundledRules
    case defaultAllCores
    case defaultExamplesBesideRules

    package var key: String { "settings.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .header: ("# tuanthu {command}: các thiết lập có hiệu lực", "# tuanthu {command}: effective settings")
        case .configFile: ("# tệp cấu hình: {note}", "# config file: {note}")
        case .notRead: ("không đọc tệp nào (--no-config)", "not read (--no-config)")
        case .noneFound: ("không có (không thấy {file} từ thư mục làm việc lên tới gốc kho mã hoặc gốc hệ thống tệp)",
                          "none (no {file} from the working folder up to the repository or filesystem root)")
        case .columnOption: ("tùy chọn", "option")
        case .columnValue: ("giá trị", "value")
        case .columnFrom: ("nguồn", "from")
        case .on: ("bật", "on")
        case .off: ("tắt", "off")
        case .notSet: ("(chưa đặt)", "(not set)")
        case .fromDefault: ("mặc định", "default")
        case .fromFlag: ("dòng lệnh", "flag")
        case .defaultToday: ("hôm nay theo giờ Asia/Ho_Chi_Minh", "today in Asia/Ho_Chi_Minh")
        case .defaultBundledRules: ("bộ quy tắc đi kèm Rules/kl81-cantho", "the bundled Rules/kl81-cantho")
        case .defaultAllCores: ("mọi lõi", "all cores")
        case .defaultExamplesBesideRules: ("Examples/ cạnh bộ quy tắc đi kèm", "Examples/ beside the bundled rules")
        }
    }
}

/// The tables of `tuanthu bench` (text format; `--format json` keeps its
/// English keys) and the failures of its own generated data.
package enum BenchMessage: String, MessageArea {
    case jsonHeader
    case columnParser
    case columnDossiersPerSecond
    case columnMsPerRound
    case ratio
    case navigation
    case checkHeader
    case rulesetLoad
    case columnWorkers
    case allWorkers
    case columnSpeedUp
    case scaling
    case moreWorkersThanCores
    case growthHeader
    case columnDimension
    case columnSize
    case columnPerUnit
    case columnRatio
    case dimensionListLength
    case dimensionDossierSize
    case dimensionRuleCount
    case dimensionCorpusSize
    case unitItems
    case unitRules
    case unitDossiers
    case perItem
    case perRule
    case perDossier
    case corpusNotJSON
    case foundationRejected
    case foundationNonObject
    case growthRulesetDoesNotLoad
    case growthDossiersUnreadable

    package var key: String { "bench.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .jsonHeader: ("tuanthu bench json: {documents} hồ sơ, {mb} MB, {values} giá trị mỗi vòng; trung vị của {rounds} vòng",
                           "tuanthu bench json: {documents} dossiers, {mb} MB, {values} values per round; median of {rounds} rounds")
        case .columnParser: ("bộ phân tích", "parser")
        case .columnDossiersPerSecond: ("hồ sơ/s", "dossiers/s")
        case .columnMsPerRound: ("ms/vòng", "ms/round")
        case .ratio: ("tỉ số: {ratio}× so với Foundation", "ratio: {ratio}× Foundation")
        case .navigation: ("tra cứu: {lookups} lần tra trong {ms} ms, {ns} ns mỗi lần",
                           "navigation: {lookups} lookups in {ms} ms, {ns} ns per lookup")
        case .checkHeader: ("tuanthu bench check: {documents} hồ sơ, {mb} MB, {rules} quy tắc; {failing} hồ sơ có phát hiện, {findings} phát hiện mỗi vòng; trung vị của {rounds} vòng",
                            "tuanthu bench check: {documents} dossiers, {mb} MB, {rules} rules; {failing} dossiers with findings, {findings} findings per round; median of {rounds} rounds")
        case .rulesetLoad: ("nạp bộ quy tắc (phân tích, kiểm tra, biên dịch)", "ruleset load (parse, check, compile)")
        case .columnWorkers: ("luồng", "workers")
        case .allWorkers: ("{n} (tất cả)", "{n} (all)")
        case .columnSpeedUp: ("× 1 luồng", "× 1 worker")
        case .scaling: ("tăng tốc: {factor}× với {n} luồng", "scaling: {factor}× with {n} workers")
        case .moreWorkersThanCores: (" (nhiều luồng hơn số lõi)", " (more workers than cores)")
        case .growthHeader: ("tuanthu bench growth: mỗi chiều tăng gấp đôi, một luồng; tỉ số = thời gian / thời gian bước trước ({linear} là tuyến tính)",
                             "tuanthu bench growth: each dimension doubled, one worker; ratio = time / previous time ({linear} is linear)")
        case .columnDimension: ("chiều", "dimension")
        case .columnSize: ("cỡ", "size")
        case .columnPerUnit: ("mỗi đơn vị", "per unit")
        case .columnRatio: ("tỉ số", "ratio")
        case .dimensionListLength: ("độ dài danh sách", "list length")
        case .dimensionDossierSize: ("cỡ hồ sơ", "dossier size")
        case .dimensionRuleCount: ("số quy tắc", "rule count")
        case .dimensionCorpusSize: ("cỡ tập hồ sơ", "corpus size")
        case .unitItems: ("{n} phần tử", "{n} items")
        case .unitRules: ("{n} quy tắc", "{n} rules")
        case .unitDossiers: ("{n} hồ sơ", "{n} dossiers")
        case .perItem: ("µs/phần tử", "µs/item")
        case .perRule: ("µs/quy tắc", "µs/rule")
        case .perDossier: ("µs/hồ sơ", "µs/dossier")
        case .corpusNotJSON: ("tập hồ sơ sinh ra không phải JSON hợp lệ: {why} tại byte {offset}",
                              "the corpus is not valid JSON: {why} at offset {offset}")
        case .foundationRejected: ("JSONSerialization từ chối tập hồ sơ: {why}", "JSONSerialization rejected the corpus: {why}")
        case .foundationNonObject: ("JSONSerialization trả về một giá trị không phải đối tượng", "JSONSerialization returned a non-object")
        case .growthRulesetDoesNotLoad: ("bộ quy tắc của bài đo growth không nạp được: {code} {message}",
                                         "the growth benchmark's ruleset does not load: {code} {message}")
        case .growthDossiersUnreadable: ("không đọc được các hồ sơ của bài đo growth ({dimension}, {size})",
                                         "the growth benchmark's dossiers could not be read ({dimension}, {size})")
        }
    }
}

/// What `tuanthu fuzz` prints: a line per target, and the watchdog's error.
package enum FuzzMessage: String, MessageArea {
    case targetLine
    case hang
    case hangSaved

    package var key: String { "fuzz.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .targetLine: ("{target}: {cases} ca, 0 lần sập, {hangs} lần treo, {seconds} s (ca chậm nhất {slowest} s)",
                           "{target}: {cases} cases, 0 crashes, {hangs} hangs, {seconds} s (slowest case {slowest} s)")
        case .hang: ("một ca {target} chạy quá {seconds} s", "a {target} case ran over {seconds} s")
        case .hangSaved: ("một ca {target} chạy quá {seconds} s; đầu vào của nó nằm ở {path}",
                          "a {target} case ran over {seconds} s; its input is in {path}")
        }
    }
}
