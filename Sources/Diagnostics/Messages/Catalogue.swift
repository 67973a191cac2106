#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one message catalogue: everything tuanthu says to people — diagnostics,
// built-in findings, read errors, waiver warnings, report headings and labels
// — is an entry here, in Vietnamese and English, keyed by a stable id.
//
// An area of the tool (JSON input, rule files, findings, reports, …) lists
// its entries as the cases of one enum conforming to `MessageArea`, in its own
// file of this folder, and is named in `messageAreas` below so that the tests
// can check every entry: both languages present and different, the same
// `{placeholders}` in both. Call sites build a `LocalizedText` with
// `localize(_:_:)`; the language is chosen only when the text is rendered.
//
// Numbers and dates inside messages are written the way a reader of each
// language writes them (vi `1.100`, `18,6`, `15/06/2025`; en `1,100`, `18.6`,
// `2025-06-15`), by `formatNumber` and `formatDate`, on the digits rather
// than with Foundation's locales (which differ between Linux and macOS).

/// The language of everything the tool says to people (`--lang`).
public enum Lang: String, Sendable, CaseIterable {
    case vi, en
}

/// Text in both languages; which one is shown is decided when it is rendered.
public struct LocalizedText: Sendable, Hashable {
    /// The Vietnamese text.
    package var vi: String
    /// The English text.
    package var en: String

    /// Text given in both languages.
    package init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// Text that reads the same in both languages (a name, a quoted excerpt).
    package init(verbatim: String) {
        self.vi = verbatim
        self.en = verbatim
    }

    /// The text in `lang`.
    public func callAsFunction(_ lang: Lang) -> String { lang == .vi ? vi : en }
}

/// A value filled into a `{placeholder}` of a catalogue entry.
package enum MessageArg: Sendable {
    /// Text inserted as it is in both languages (a name, a path, a code).
    case text(String)
    /// A number written as `formatNumber` or the dossier writes it (`1100`,
    /// `18.6`), localised; `grouping: false` for a year.
    case number(String, grouping: Bool = true)
    /// A date as `YYYY-MM-DD`, localised (vi `15/06/2025`).
    case date(String)
    /// Text that itself differs by language (another entry, a rule's message).
    case localized(LocalizedText)
    /// A value a finding found, worded in the language filled in only
    /// (`ValueShape.text`), straight into the bytes being filled.
    case shape(ValueShape)

    func render(_ lang: Lang) -> String {
        switch self {
        case .text(let s): return s
        case .number(let s, let grouping): return formatNumber(s, lang, grouping: grouping)
        case .date(let s): return formatDate(s, lang)
        case .localized(let t): return t(lang)
        case .shape(let v):
            var bytes: [UInt8] = []
            v.appendText(lang, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Appends the argument in `lang` to `out` as UTF-8: `render(lang)`'s bytes.
    func append(_ lang: Lang, to out: inout [UInt8]) {
        switch self {
        case .shape(let v): v.appendText(lang, to: &out)
        default:
            var value = render(lang)
            value.withUTF8 { out.append(contentsOf: $0) }
        }
    }
}

/// The entries of one area of the tool: each case is one message with a
/// stable `key` (e.g. `json.expected-value`) and its templates.
package protocol MessageArea: CaseIterable, Sendable {
    /// The stable id of this entry, `area.name`.
    var key: String { get }
    /// The Vietnamese and English templates; `{name}` marks a placeholder.
    var templates: (vi: String, en: String) { get }
}

/// Every area of the catalogue, for the tests that check each entry has
/// both languages. A new area file adds its enum here.
package let messageAreas: [any MessageArea.Type] = [
    ReportWord.self,
    ReportText.self,
    InputMessage.self,
    CommandMessage.self,
    WaiverMessage.self,
    SyntaxMessage.self, SyntaxPhrase.self, SemanticMessage.self, RegexMessage.self,
    FindingMessage.self,
    TestMessage.self, CoverageMessage.self,
    SettingsMessage.self, BenchMessage.self, FuzzMessage.self,
    ExplainMessage.self,
]

/// The entries of every area: key and both templates.
package func allMessageEntries() -> [(key: String, vi: String, en: String)] {
    func entries<A: MessageArea>(_ a: A.Type) -> [(key: String, vi: String, en: String)] {
        a.allCases.map { ($0.key, $0.templates.vi, $0.templates.en) }
    }
    return messageAreas.flatMap { entries($0) }
}

/// The entry `key` with its placeholders filled in, in both languages. A
/// placeholder without an argument stays as written (the tests catch it).
package func localize<A: MessageArea>(_ key: A, _ args: KeyValuePairs<String, MessageArg> = [:]) -> LocalizedText {
    let t = key.templates
    return LocalizedText(vi: fill(t.vi, args, .vi), en: fill(t.en, args, .en))
}

/// The names of the `{placeholders}` in a template, in order of appearance.
/// A placeholder is `{` + an identifier (ASCII letter or `_`, then letters,
/// digits, `_`) + `}`; any other brace is text, so a help can show rule
/// syntax such as `{{`, `{ … }` or `\u{1EA1}` as it is written.
package func placeholders(_ template: String) -> [String] {
    var names: [String] = []
    var template = template
    template.withUTF8 { t in
        forEachPlaceholder(in: t) { _, name in names.append(String(decoding: UnsafeBufferPointer(rebasing: t[name]), as: UTF8.self)) }
    }
    return names
}

/// Calls `body` with each `{identifier}` placeholder of the UTF-8 template
/// `t`, in order: the byte range of the whole placeholder (braces included)
/// and of its name. Works on bytes: templates are filled for every finding
/// a report shows, in both languages.
@inline(__always)
private func forEachPlaceholder(in t: UnsafeBufferPointer<UInt8>, _ body: (_ whole: Range<Int>, _ name: Range<Int>) -> Void) {
    @inline(__always) func isStart(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") }
    @inline(__always) func isRest(_ b: UInt8) -> Bool { isStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
    let n = t.count
    guard let base = t.baseAddress else { return }
    var i = 0
    while i < n {
        // To the next brace with memchr: most of a template is text.
        guard let hit = memchr(base + i, Int32(UInt8(ascii: "{")), n - i) else { return }
        i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        var j = i + 1
        guard j < n, isStart(t[j]) else {
            i += 1
            continue
        }
        while j < n && isRest(t[j]) { j += 1 }
        guard j < n, t[j] == UInt8(ascii: "}") else {
            i = j
            continue
        }
        body(i..<(j + 1), (i + 1)..<j)
        i = j + 1
    }
}

/// Whether `s`'s UTF-8 is `bytes` (a placeholder's name against an argument's).
@inline(__always)
private func sameBytes(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let u = s.utf8
    guard u.count == bytes.count else { return false }
    return u.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) } ?? u.elementsEqual(bytes)
}

/// `template` with each placeholder replaced by its argument in `lang`;
/// a template without one is returned as it is (no copy). Built as UTF-8
/// bytes, one `String` at the end.
private func fill<Args: Collection>(_ template: String, _ args: Args, _ lang: Lang) -> String where Args.Element == (key: String, value: MessageArg) {
    var template = template
    return template.withUTF8 { t -> String? in
        guard let base = t.baseAddress, memchr(base, Int32(UInt8(ascii: "{")), t.count) != nil else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(t.count + 64)
        guard fillBytes(t, args, lang, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    } ?? template
}

/// Appends the UTF-8 template `t` with each placeholder replaced by its
/// argument in `lang` to `out`; false (and nothing appended) when no
/// placeholder has an argument.
private func fillBytes<Args: Collection>(_ t: UnsafeBufferPointer<UInt8>, _ args: Args, _ lang: Lang, into out: inout [UInt8]) -> Bool
where Args.Element == (key: String, value: MessageArg) {
    var copied = 0
    forEachPlaceholder(in: t) { whole, name in
        let nameBytes = UnsafeBufferPointer(rebasing: t[name])
        guard let arg = args.first(where: { sameBytes($0.key, nameBytes) })?.value else { return }
        // A placeholder without an argument stays as written (copied with the text).
        out.append(contentsOf: UnsafeBufferPointer(rebasing: t[copied..<whole.lowerBound]))
        arg.append(lang, to: &out)
        copied = whole.upperBound
    }
    if copied == 0 { return false }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: t[copied...]))
    return true
}

/// Appends the entry `key` in `lang`, its placeholders filled in, to `out`
/// as UTF-8 bytes: the bytes of `localize(key, args)(lang)`, without making
/// a `String` (a report writing the text straight into its output).
package func fill<A: MessageArea, Args: Collection>(_ key: A, _ args: Args, _ lang: Lang, into out: inout [UInt8])
where Args.Element == (key: String, value: MessageArg) {
    let t = key.templates
    var template = lang == .vi ? t.vi : t.en
    template.withUTF8 { t in
        if !fillBytes(t, args, lang, into: &out) { out.append(contentsOf: t) }
    }
}

/// `fill(_:_:_:into:)` with the arguments written as a literal.
package func fill<A: MessageArea>(_ key: A, _ args: KeyValuePairs<String, MessageArg>, _ lang: Lang, into out: inout [UInt8]) {
    fill(key, args[...], lang, into: &out)
}

/// The entry `key` filled in, in both languages, with its arguments given
/// as a list (`localize` with a list made at run time).
package func localize<A: MessageArea, Args: Collection>(_ key: A, arguments args: Args) -> LocalizedText
where Args.Element == (key: String, value: MessageArg) {
    let t = key.templates
    return LocalizedText(vi: fill(t.vi, args, .vi), en: fill(t.en, args, .en))
}

/// `plain` (digits, an optional `-` and `.` fraction) with the thousands
/// grouped and the decimal mark of `lang`: vi groups with `.` and marks
/// decimals with `,`; en groups with `,` and keeps `.`. Anything else (an
/// exponent, `NaN`) is returned as it is. `grouping: false` leaves the whole
/// part as it is (a year: `2025`, not `2.025`).
package func formatNumber(_ plain: String, _ lang: Lang, grouping: Bool = true) -> String {
    var body = Substring(plain)
    var sign = ""
    if body.hasPrefix("-") {
        sign = "-"
        body = body.dropFirst()
    }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first else { return plain }
    let fraction = parts.count > 1 ? parts[1] : nil
    func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard isDigits(whole), fraction.map(isDigits) ?? true else { return plain }
    let vi = lang == .vi
    var out = ""
    if grouping && whole.count > 3 {
        let digits = Array(whole)
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(vi ? "." : ",") }
            out.append(c)
        }
    } else {
        out = String(whole)
    }
    if let fraction { out += (vi ? "," : ".") + fraction }
    return sign + out
}

/// A `YYYY-MM-DD` date in `lang`: `15/06/2025` in Vietnamese, as it is in
/// English. Text of another shape is returned as it is.
package func formatDate(_ iso: String, _ lang: Lang) -> String {
    let b = Array(iso.utf8)
    guard lang == .vi, b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
          b.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) })
    else { return iso }
    return "\(iso.suffix(2))/\(iso.dropFirst(5).prefix(2))/\(iso.prefix(4))"
}
