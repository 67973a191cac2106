import Diagnostics
import Evaluator
import Semantics

// Pieces the SARIF, JUnit, HTML and Markdown writers share: the list of rules
// a report describes (the program's plus the reserved `tuanthu.…` checks),
// each dossier's per-rule rows, citations as text, and paths as URIs.

// MARK: - Rules

/// A rule as a report describes it: one of the program's rules, or a reserved
/// check of the dossier itself (`tuanthu.duplicate-key`).
struct ReportRule: Sendable {
    var id: String
    /// Titles and hints by language (`vi`, `en`, …).
    var titles: [(lang: String, text: String)]
    var hints: [(lang: String, text: String)]
    /// The rule's `///` description lines.
    var doc: [String]
    var cites: [Citation]
    /// The severity of its findings.
    var severity: RuleSeverity
    var tags: [String]
    /// True for `tuanthu.…` checks, which no ruleset declares.
    var isReserved: Bool

    /// The title in `lang` (falling back to vi, then en), or the id when the rule has none.
    func title(_ lang: String) -> String { pickText(titles, lang) ?? id }
    /// The hint in `lang`, falling back like the title.
    func hint(_ lang: String) -> String? { pickText(hints, lang) }
}

/// Every rule a report can name, in program order, then the reserved checks.
struct ReportRules: Sendable {
    let list: [ReportRule]
    /// Position in `list` by rule id.
    let index: [String: Int]
    /// How many of `list` are the program's own rules (the rest are reserved).
    let programCount: Int

    /// The reserved checks of the dossier itself; their findings come from
    /// reading the JSON, not from a rule.
    static let reserved: [ReportRule] = [
        ReportRule(
            id: "tuanthu.duplicate-key",
            titles: [("vi", "Mỗi khóa chỉ xuất hiện một lần trong một đối tượng JSON"),
                     ("en", "Each key appears once in its JSON object")],
            hints: [("vi", "Giữ lại một bản của khóa và xóa bản còn lại."),
                    ("en", "Keep one copy of the key and delete the other.")],
            doc: ["Different JSON tools keep different copies of a repeated key, so a duplicate can smuggle a value past a checker."],
            cites: [], severity: .error, tags: ["input"], isReserved: true),
        ReportRule(
            id: "tuanthu.duplicate-id",
            titles: [("vi", "Mỗi hồ sơ trong một đợt kiểm tra có mã riêng"),
                     ("en", "Each dossier of a run has its own id")],
            hints: [("vi", "Sửa mã của hồ sơ hoặc bỏ bản trùng khỏi đợt kiểm tra."),
                    ("en", "Correct the dossier's id or drop the duplicate from the batch.")],
            doc: ["Waivers and registers name dossiers by id: a second dossier with the same id could take the first one's waivers."],
            cites: [], severity: .error, tags: ["input"], isReserved: true),
        ReportRule(
            id: "tuanthu.evidence.mismatch",
            titles: [("vi", "Tệp chứng cứ có đúng mã SHA-256 khai trong hồ sơ"),
                     ("en", "An evidence file has the SHA-256 the dossier gives")],
            hints: [("vi", "Đối chiếu tệp với bản gốc; nếu tệp đúng, sửa sha256 trong hồ sơ."),
                    ("en", "Compare the file with the original; if the file is right, correct sha256 in the dossier.")],
            doc: ["`check` hashes each evidence file found beside the dossier: a different digest means the file is not the document the dossier names."],
            cites: [], severity: .error, tags: ["input", "evidence"], isReserved: true),
        ReportRule(
            id: "tuanthu.evidence.unverified",
            titles: [("vi", "Tệp chứng cứ có bên cạnh hồ sơ để xác minh"),
                     ("en", "An evidence file is beside the dossier to be verified")],
            hints: [("vi", "Đặt tệp chứng cứ cạnh hồ sơ rồi kiểm tra lại."),
                    ("en", "Put the evidence file beside the dossier and check again.")],
            doc: ["A claim backed by a file that is not there is not verified: missing data, never a pass."],
            cites: [], severity: .warning, tags: ["input", "evidence"], isReserved: true),
    ]

    /// The schema-validation checks, at the severities the ruleset gives them;
    /// none when the ruleset declares no schema.
    static func schemaChecks(_ program: Program) -> [ReportRule] {
        guard program.schema != nil else { return [] }
        return SchemaProblem.allCases.map { p in
            let (vi, en, hvi, hen): (String, String, String, String) = switch p {
            case .type: ("Mỗi giá trị có đúng kiểu lược đồ quy định", "Each value has the type the schema declares",
                         "Ghi giá trị đúng kiểu: số không đặt trong dấu nháy, danh sách trong [ ].", "Write the value with its type: numbers unquoted, lists in [ ].")
            case .enum: ("Giá trị thuộc danh mục cho phép", "The value is one of the allowed values",
                         "Ghi mã của một giá trị trong danh mục.", "Write the code of one of the allowed values.")
            case .date: ("Ngày tháng hợp lệ", "Dates are valid",
                         "Ghi ngày có thật, dạng 2024-07-09 hoặc 09/07/2024.", "Write a real date as 2024-07-09 or 09/07/2024.")
            case .unknownKey: ("Mọi khóa đều có trong lược đồ", "Every key is declared by the schema",
                               "Sửa chính tả của khóa hoặc xóa khóa.", "Correct the key's spelling or delete it.")
            case .required: ("Có đủ các trường bắt buộc", "The required fields are present",
                             "Bổ sung trường bắt buộc vào hồ sơ.", "Add the required field to the dossier.")
            }
            return ReportRule(
                id: p.findingID, titles: [("vi", vi), ("en", en)], hints: [("vi", hvi), ("en", hen)],
                doc: ["Checked against the ruleset's `schema` before any rule runs; a value that fails decides no rule."],
                cites: [], severity: program.schemaSeverity[p] ?? p.defaultSeverity, tags: ["input", "schema"], isReserved: true)
        }
    }

    init(_ program: Program) {
        var list = program.rules.map { r in
            ReportRule(id: r.id, titles: r.titles, hints: r.hints, doc: r.doc, cites: r.cites,
                       severity: r.severity, tags: r.tags, isReserved: false)
        }
        programCount = list.count
        for r in Self.reserved + Self.schemaChecks(program) where !list.contains(where: { $0.id == r.id }) { list.append(r) }
        self.list = list
        var index: [String: Int] = [:]
        for (k, r) in list.enumerated() where index[r.id] == nil { index[r.id] = k }
        self.index = index
    }

    /// The rule with this id, if the report knows it.
    subscript(id: String) -> ReportRule? { index[id].map { list[$0] } }
}

/// One line of a dossier's checklist: a rule, its outcome, its findings.
struct RuleRow {
    /// Position in `ReportRules.list`, or nil for a reserved id no report knows.
    var ruleIndex: Int?
    var id: String
    var outcome: RuleOutcome
    var findings: [Finding]
    /// Each of `findings`' index in the dossier's findings (to look up where it is in `DossierResult.places`).
    var findingIndices: [Int] = []
}

/// A readable dossier's checklist: every rule of the program in order, then
/// each reserved check that produced findings (`reservedOutcome`), as in the JSON report.
/// Findings are dealt to their rows by the rules' positions: no per-dossier dictionary.
func ruleRows(_ r: DossierResult, _ rules: ReportRules) -> [RuleRow] {
    guard r.outcome != .error else { return [] }
    var rows: [RuleRow] = []
    rows.reserveCapacity(r.rules.count + 1)
    for (k, outcome) in r.rules.enumerated() where k < rules.programCount {
        rows.append(RuleRow(ruleIndex: k, id: rules.list[k].id, outcome: outcome, findings: []))
    }
    let programRows = rows.count
    for (i, f) in r.findings.enumerated() {
        if let k = rules.index[f.rule], k < programRows {
            rows[k].findings.append(f)
            rows[k].findingIndices.append(i)
        }
        guard f.rule.hasPrefix("tuanthu.") else { continue }
        if let at = rows[programRows...].firstIndex(where: { $0.id == f.rule }) {
            rows[at].findings.append(f)
            rows[at].findingIndices.append(i)
        } else {
            rows.append(RuleRow(ruleIndex: rules.index[f.rule], id: f.rule, outcome: .fail, findings: [f], findingIndices: [i]))
        }
    }
    for k in programRows..<rows.count { rows[k].outcome = reservedOutcome(rows[k].findings) }
    return rows
}

// MARK: - Text

/// `1032-CV/TU item 3.5` (or `mục 3.5` in Vietnamese); an item that names
/// itself (`Điều 28`, `Phụ lục II`) is written as is; the source alone when
/// no item is cited.
/// A cited point follows as `điểm a` / `point a`; a cite of an item or
/// point marked `unverified` ends with `(chưa đối chiếu)` / `(unverified)`,
/// one marked neither way with `(không nêu đã đối chiếu hay chưa)` / `(not
/// stated whether verified)`, unless `marked` is false.
package func citationText(_ c: Citation, _ lang: String, marked: Bool = true) -> String {
    let language = Lang(rawValue: lang) ?? .en
    var s: String
    if let item = c.item {
        if let first = item.unicodeScalars.first, ("0"..."9").contains(first) {
            s = localize(ReportText.citeItem, ["source": .text(c.source), "item": .text(item)])(language)
        } else {
            s = "\(c.source) \(language == .en ? legalWordsInEnglish(item) : item)"
        }
        if let point = c.point { s += localize(ReportText.citePoint, ["point": .text(point)])(language) }
    } else {
        s = c.source
    }
    if marked && c.verified == false { s += localize(ReportText.citeUnverified)(language) }
    // An item the rules do not mark either way is not shown as verified.
    if marked && c.verified == nil { s += localize(ReportText.citeVerificationNotStated)(language) }
    return s
}

/// The article, clause and point words of a Vietnamese legal reference in
/// English (`Điều 32` → `Art. 32`, `khoản 2` → `cl. 2`, `điểm a` → `pt. a`),
/// so that an English report never says "Điều"; the numbers and the rest are
/// kept as written. Words are compared as Unicode text, so a reference
/// written in NFD is found too.
package func legalWordsInEnglish(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return s }
    let words: [(String, String)] = [("Điều", "Art."), ("điều", "art."), ("Khoản", "Cl."), ("khoản", "cl."), ("Điểm", "Pt."), ("điểm", "pt.")]
    return s.split(separator: " ", omittingEmptySubsequences: false).map { w -> String in
        words.first { $0.0 == w }.map(\.1) ?? String(w)
    }.joined(separator: " ")
}

/// The language-neutral form used in machine output: `1032-CV/TU item 3.5`,
/// without the unverified mark (machine output says it in a field of its own).
/// The item is kept as the rule file writes it (`Điều 32`): the key names
/// the citation, it is not text for people.
func citationKey(_ c: Citation) -> String {
    guard let item = c.item else { return c.source }
    var s = item.unicodeScalars.first.map { ("0"..."9").contains($0) } == true ? "\(c.source) item \(item)" : "\(c.source) \(item)"
    if let point = c.point { s += " point \(point)" }
    return s
}

/// The note of a finding resting on unverified thresholds, one line:
/// `ngưỡng chưa được đối chiếu với văn bản gốc: key_energy_user_toe_year = 1000 (50/2010/QH12 Điều 33)`.
package func unverifiedNote(_ thresholds: [ThresholdInfo], _ lang: String) -> String? {
    guard !thresholds.isEmpty else { return nil }
    let head = localize(ReportText.notVerifiedHead)(Lang(rawValue: lang) ?? .en)
    return head + thresholds.map { t in
        let cites = t.cites.map { citationText($0, lang, marked: false) }.joined(separator: "; ")
        return cites.isEmpty ? "\(t.name) = \(t.shortValue)" : "\(t.name) = \(t.shortValue) (\(cites))"
    }.joined(separator: "; ")
}

/// Unverified thresholds as machine output gives them: name, value as
/// written, citations and the reason.
func unverifiedJSON(_ thresholds: [ThresholdInfo]) -> JSONOut {
    .array(thresholds.map { t in
        .object([
            ("name", .string(t.name)),
            ("value", .string(t.valueText)),
            ("cites", .array(t.cites.map { .string(citationKey($0)) })),
            ("reason", .optionalString(t.reason)),
        ])
    })
}

/// `unverifiedJSON` written straight into bytes (the JSON report's
/// findings); `citeKeys` holds the citation keys made once, by `letIndex`.
func writeUnverified(_ thresholds: [ThresholdInfo], citeKeys: [Int: (name: String, keys: [String])], _ w: inout JSONWriter) {
    let keys = thresholds.map { t in
        if let made = citeKeys[t.letIndex], made.name == t.name, made.keys.count == t.cites.count { return made.keys }
        return t.cites.map(citationKey)
    }
    w.array { w in
        for (k, t) in thresholds.enumerated() {
            w.object { w in
                w.key("name"); w.string(t.name)
                w.key("value"); w.string(t.valueText)
                w.key("cites")
                w.array { w in for c in keys[k] { w.string(c) } }
                w.key("reason"); w.string(t.reason)
            }
        }
    }
}

/// `Mục đích: …; ngày kiểm tra …` / `Purpose: …; as of …`: what every report states about the run.
func purposeLine(_ context: ReportContext) -> String {
    localize(ReportText.purposeLine, ["purpose": .localized(LocalizedText(vi: context.purpose.label("vi"), en: context.purpose.label("en"))),
                                      "asOf": .text(context.asOf)])(Lang(rawValue: context.lang) ?? .en)
}

/// The text of a declared source item, e.g. item "3.5" of "1032-CV/TU".
/// Item texts are quotations of Vietnamese legal documents with no English
/// version, so an English report leaves them out (the citation itself, with
/// `Art.` for `Điều`, says which text is meant) rather than mix languages.
func itemText(_ c: Citation, _ program: Program, _ lang: String) -> String? {
    guard lang == Lang.vi.rawValue else { return nil }
    guard let item = c.item else { return program.sources.first { $0.name == c.source }?.title }
    return program.sources.first { $0.name == c.source }?.items.first { $0.id == item }?.text
}

/// The finding's message in `lang`, on one line.
func oneLine(_ s: String) -> String {
    guard s.contains(where: { $0.isNewline }) else { return s }
    return s.split(whereSeparator: \.isNewline).joined(separator: " ")
}

// MARK: - Paths

/// A dossier path as a URI reference relative to `workingDirectory`, for
/// SARIF's `artifactLocation.uri`: relative paths stay relative, absolute
/// paths under the working directory become relative, other absolute paths
/// become `file://` URIs. Characters outside RFC 3986's unreserved set and
/// `/` are percent-encoded (so `<stdin>` is `%3Cstdin%3E`).
func artifactURI(_ path: String, workingDirectory: String?) -> (uri: String, relative: Bool) {
    var p = path
    // A stream's name (`<stdin>`) is no file under the working directory.
    if p.hasPrefix("<") { return (percentEncodePath(p), false) }
    if p.hasPrefix("/") {
        if let wd = workingDirectory, !wd.isEmpty {
            let base = wd.hasSuffix("/") ? wd : wd + "/"
            if p.hasPrefix(base) {
                return (percentEncodePath(String(p.dropFirst(base.count))), true)
            }
        }
        return ("file://" + percentEncodePath(p), false)
    }
    while p.hasPrefix("./") { p.removeFirst(2) }
    return (percentEncodePath(p), true)
}

private func percentEncodePath(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            out.unicodeScalars.append(Unicode.Scalar(b))
        default:
            let h = String(b, radix: 16, uppercase: true)
            out += "%" + (h.count == 1 ? "0" + h : h)
        }
    }
    return out
}

// MARK: - Excerpts

/// One line of a dossier excerpt, split around the highlighted bytes.
struct ExcerptLine {
    /// The line number as shown (1-based, NDJSON records keep their stream line).
    var number: Int
    var before: String
    var marked: String
    var after: String
}

/// The lines around a finding (`radius` before and after), with the blamed
/// value marked. A value that runs past its first line is marked only on
/// that line, so an object blamed as a whole does not paint the excerpt.
///
/// Each line is windowed around the value, as the text renderer does: at
/// most `context` bytes before and after it (the text renderer shows 120 columns) and `markLimit` bytes of the
/// value itself, `…` marking each cut. A minified dossier is one line, and
/// repeating it whole under every finding made a 1 MB dossier a 5 MB report.
func excerpt(_ source: SourceFile, start: UInt32, end: UInt32, radius: Int = 2,
             context: Int = 120, markLimit: Int = 200) -> [ExcerptLine] {
    let bytes = source.bytes
    guard !bytes.isEmpty else { return [] }
    let start = Int(min(start, UInt32(bytes.count)))
    let first = source.lines.lineIndex(of: UInt32(start))
    let lo = max(0, first - radius)
    let hi = min(source.lines.lineCount - 1, first + radius)
    var out: [ExcerptLine] = []
    for li in lo...hi {
        let range = source.lineRange(li)
        if li == first {
            let markEnd = min(max(Int(end), start), range.upperBound)
            let s = min(max(start, range.lowerBound), range.upperBound)
            out.append(ExcerptLine(
                number: li + source.firstLine,
                before: tail(bytes[range.lowerBound..<s], context),
                marked: head(bytes[s..<markEnd], markLimit),
                after: head(bytes[markEnd..<range.upperBound], context)))
        } else {
            out.append(ExcerptLine(number: li + source.firstLine, before: head(bytes[range], 2 * context), marked: "", after: ""))
        }
    }
    // Trailing empty lines at the end of the file say nothing.
    while let last = out.last, last.number - source.firstLine > first, (last.before + last.after).allSatisfy(\.isWhitespace) {
        out.removeLast()
    }
    return out
}

/// The first `limit` bytes (cut at a character boundary), `…` if cut.
private func head(_ bytes: ArraySlice<UInt8>, _ limit: Int) -> String {
    guard bytes.count > limit else { return decode(bytes) }
    var end = bytes.startIndex + limit
    while end > bytes.startIndex && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return decode(bytes[bytes.startIndex..<end]) + "…"
}

/// The last `limit` bytes (cut at a character boundary), `…` if cut.
private func tail(_ bytes: ArraySlice<UInt8>, _ limit: Int) -> String {
    guard bytes.count > limit else { return decode(bytes) }
    var start = bytes.endIndex - limit
    while start < bytes.endIndex && bytes[start] & 0xC0 == 0x80 { start += 1 }
    return "…" + decode(bytes[start..<bytes.endIndex])
}

/// At most `limit` characters of a message or value from a dossier, `…` if
/// cut: one finding's share of an HTML or Markdown report stays bounded.
func capped(_ s: String, _ limit: Int = 2000) -> String {
    guard s.utf8.count > limit else { return s }
    return String(s.prefix(limit)) + "…"
}

private func decode(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
