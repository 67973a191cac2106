import Base
import Diagnostics
import Syntax

// The compiled form of a ruleset: its declarations, with every expression
// in the IR (IR.swift) — names resolved to slots, paths to key lists,
// functions to built-in ids — so evaluating a dossier re-resolves nothing.
// Built once per ruleset by `Analyzer`, read by the evaluator.

/// A value during evaluation. Dossier values stay in the document as
/// `.node(index)` and are interpreted where used, so reading a path
/// allocates nothing.
package enum Value: Sendable {
    /// An absent path (three-valued logic's unknown).
    case missing
    /// A type error happened (the evaluator's trace says where).
    case invalid
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(CivilDate)
    /// A value of the dossier, by node index.
    case node(Int32)
    /// A computed list (a projection, a literal, `distinct`).
    case list([Value])
    /// A computed object (object literals).
    case object([(String, Value)])
    /// An integer literal of a rule beyond 2^53, with its digits as written
    /// (the double has rounded it): compared exactly, like dossier integers.
    case bigInteger(Double, String)
}

/// A field name, kept as UTF-8 bytes for lookup.
package struct Key: Sendable {
    /// The name as written.
    package let text: String
    /// `text` as UTF-8 bytes, compared against dossier keys.
    package let bytes: [UInt8]
    /// Creates a key from a field name.
    package init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }
}

/// The built-in functions of Rules/README.md section 5.
package enum Builtin: String, Sendable, CaseIterable {
    case exists, count, sum, min, max, len, lower, upper, contains, mentions, matches, full_match
    case date, today, days_between, year, distinct, abs, round
    /// The date validity in force is judged on: the `--as-of` date for an
    /// inspection, the dossier's `date_field` for a pre-validation.
    case reference_date
    /// The `--as-of` date whatever the purpose (`today()` under another name).
    case as_of
    case is_number, is_string, is_bool, is_list, is_object, is_null

    /// Accepted argument counts.
    package var arity: ClosedRange<Int> {
        switch self {
        case .today, .reference_date, .as_of: 0...0
        case .contains, .mentions, .matches, .full_match, .days_between: 2...2
        case .round: 1...2
        default: 1...1
        }
    }

    /// How the signature is shown in messages.
    package var signature: String {
        switch self {
        case .exists: "exists(path)"
        case .count: "count(list)"
        case .sum: "sum(list)"
        case .min: "min(list)"
        case .max: "max(list)"
        case .len: "len(string)"
        case .lower: "lower(string)"
        case .upper: "upper(string)"
        case .contains: "contains(list_or_string, value)"
        case .mentions: "mentions(text, phrase)"
        case .matches: "matches(string, \"regex\")"
        case .full_match: "full_match(string, \"regex\")"
        case .date: "date(string)"
        case .today: "today()"
        case .reference_date: "reference_date()"
        case .as_of: "as_of()"
        case .days_between: "days_between(a, b)"
        case .year: "year(date)"
        case .distinct: "distinct(list)"
        case .abs: "abs(number)"
        case .round: "round(number, places)"
        case .is_number: "is_number(value)"
        case .is_string: "is_string(value)"
        case .is_bool: "is_bool(value)"
        case .is_list: "is_list(value)"
        case .is_object: "is_object(value)"
        case .is_null: "is_null(value)"
        }
    }
}

/// A regular expression compiled once at load time, and how a call uses it.
package final class RegexBox: Sendable {
    /// The compiled expression.
    package let regex: LinearRegex
    /// `full_match` (the whole string must match) rather than `matches` (a search).
    package let isWholeMatch: Bool
    /// The pattern as written in the rules file.
    package var pattern: String { regex.pattern }
    /// Boxes a compiled expression for `matches` or, when `isWholeMatch`, `full_match`.
    package init(_ regex: LinearRegex, isWholeMatch: Bool) {
        self.regex = regex
        self.isWholeMatch = isWholeMatch
    }
}

/// Why a dossier is checked, which decides the date `reference_date()` gives.
public enum CheckPurpose: String, Sendable, CaseIterable {
    /// Before approval (the default): validity is judged on the dossier's
    /// `date_field` (the submission date).
    case prevalidation
    /// An inspection: validity is judged on the `--as-of` date.
    case inspection

    /// The purpose as reports name it in `lang` (any language but `vi` is English).
    package func label(_ lang: String) -> String {
        switch (self, lang) {
        case (.prevalidation, "vi"): "tiền kiểm hồ sơ (hiệu lực xét theo ngày nộp hồ sơ)"
        case (.inspection, "vi"): "thanh tra, kiểm tra (hiệu lực xét theo ngày kiểm tra)"
        case (.prevalidation, _): "pre-validation (validity judged on the submission date)"
        case (.inspection, _): "inspection (validity judged on the as-of date)"
        }
    }
}

/// How serious a failed rule is; ordered `info < warning < error`.
public enum RuleSeverity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error
    var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    /// Orders severities from `info` (lowest) to `error`.
    public static func < (a: RuleSeverity, b: RuleSeverity) -> Bool { a.rank < b.rank }
}

/// A citation of a source item, or of a point of one.
package struct Citation: Sendable, Hashable {
    /// The cited source's id.
    package var source: String
    /// The cited item's id, or nil when the whole source is cited.
    package var item: String?
    /// The cited point of the item (`point "a"`), or nil.
    package var point: String? = nil
    /// Whether the cited item or point was checked against the text: nil
    /// when the source or item says neither (or the whole source is cited).
    package var verified: Bool? = nil

    /// Creates a citation; `verified` is filled in when the ruleset loads.
    package init(source: String, item: String?, point: String? = nil, verified: Bool? = nil) {
        self.source = source
        self.item = item
        self.point = point
        self.verified = verified
    }

    /// `SOURCE ITEM POINT` as a person reads it: `08/2022/NĐ-CP Điều 97 điểm 1`
    /// in Vietnamese, `… Điều 97 point 1` in English.
    package func text(lang: String = "vi") -> String {
        var t = source
        if let item { t += " " + item }
        if let point { t += (lang == "vi" ? " điểm " : " point ") + point }
        return t
    }
}

/// A `threshold`: a named figure with the article it comes from and whether
/// that was checked against the text.
package struct ThresholdInfo: Sendable {
    /// The threshold's name.
    package var name: String
    /// Its index in `Program.lets`.
    package var letIndex: Int
    /// The value as written in the rules file, blanks collapsed (`1000`, `2025-09-01`).
    package var valueText: String
    /// Its `cite` lines.
    package var cites: [Citation]
    /// `verified` (true) or `unverified` (false).
    package var verified: Bool
    /// Why it is unverified; nil when verified.
    package var reason: String?
    /// Where the threshold's name was written.
    package var span: Span

    /// Creates a threshold record from its parts.
    package init(name: String, letIndex: Int, valueText: String, cites: [Citation], verified: Bool, reason: String?, span: Span) {
        self.name = name
        self.letIndex = letIndex
        self.valueText = valueText
        self.cites = cites
        self.verified = verified
        self.reason = reason
        self.span = span
    }

    /// The value as written, cut to 40 characters (a list of limits would
    /// otherwise fill the note of every finding that reads it).
    package var shortValue: String {
        valueText.count <= 40 ? valueText : String(valueText.prefix(39)) + "…"
    }
}

/// A compiled rule. A value: the evaluator's loop over the rules reads the
/// side tables (`SideTables.rules`), not this, so nothing hot copies it.
package struct CompiledRule: Sendable {
    /// The rule id, unique across the ruleset.
    package var id: String
    /// Where the rule id was written.
    package var idSpan: Span
    /// The `///` lines before the rule, without the slashes.
    package var doc: [String]
    /// Titles by language (plain text).
    package var titles: [(lang: String, text: String)]
    /// Hints by language (plain text).
    package var hints: [(lang: String, text: String)]
    /// The `cite` clauses in source order.
    package var cites: [Citation]
    /// How serious a failure of the rule is.
    package var severity: RuleSeverity
    /// The rule's tags in source order.
    package var tags: [String]
    /// First date the rule is in force (inclusive), or nil for always.
    package var effectiveFrom: CivilDate?
    /// Date the rule stops being in force (exclusive), or nil for never.
    package var effectiveUntil: CivilDate?
    /// The `when` condition's node in `Program.ir`; where it does not hold
    /// the rule does not apply. Nil means always.
    package var when: Int32?
    /// The statements in source order, in `Program.ir`'s statement table.
    package var body: IRBody
    /// Frame slots the rule needs (loop and quantifier variables, and the
    /// parameters of the defs inlined in it).
    package var frameSize: Int
    /// Source range of the whole rule.
    package var span: Span
    /// Indices in `Program.thresholds` of the `unverified` thresholds the
    /// rule reads, directly or through lets, defs and other thresholds.
    package var unverifiedThresholds: [Int] = []

    /// Creates a compiled rule from its parts.
    package init(id: String, idSpan: Span, doc: [String], titles: [(lang: String, text: String)], hints: [(lang: String, text: String)], cites: [Citation], severity: RuleSeverity, tags: [String], effectiveFrom: CivilDate?, effectiveUntil: CivilDate?, when: Int32?, body: IRBody, frameSize: Int, span: Span) {
        self.id = id
        self.idSpan = idSpan
        self.doc = doc
        self.titles = titles
        self.hints = hints
        self.cites = cites
        self.severity = severity
        self.tags = tags
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.when = when
        self.body = body
        self.frameSize = frameSize
        self.span = span
    }

    /// The title in `lang`, falling back to vi, then en, then any.
    package func title(_ lang: String) -> String? { pick(titles, lang) }
    /// The hint in `lang`, falling back to vi, then en, then any.
    package func hint(_ lang: String) -> String? { pick(hints, lang) }
}

func pick(_ texts: [(lang: String, text: String)], _ lang: String) -> String? {
    texts.first { $0.lang == lang }?.text ?? texts.first { $0.lang == "vi" }?.text ?? texts.first { $0.lang == "en" }?.text ?? texts.first?.text
}

/// A compiled `let`.
package struct CompiledLet: Sendable {
    /// The bound name.
    package var name: String
    /// The value's node in `Program.ir`.
    package var value: Int32
    /// Slots for quantifier variables inside the value.
    package var frameSize: Int
    /// Source range of the whole declaration.
    package var span: Span
}

/// A compiled `def`.
package struct CompiledDef: Sendable {
    /// The function's name.
    package var name: String
    /// Number of parameters; they take frame slots `0..<parameterCount`.
    package var parameterCount: Int
    /// The body's node in `Program.ir`.
    package var body: Int32
    /// Parameters first, then quantifier variables.
    package var frameSize: Int
    /// Source range of the whole declaration.
    package var span: Span
}

/// A declared source and its items.
package struct SourceInfo: Sendable {
    /// The source's id string.
    package var name: String
    /// The `title` string, if given.
    package var title: String?
    /// The `issued` date, if given.
    package var issued: CivilDate?
    /// The items in source order.
    package var items: [ItemInfo]
    /// Source range of the whole declaration.
    package var span: Span
}

/// One citable item of a declared source.
package struct ItemInfo: Sendable {
    /// The item's id within its source.
    package var id: String
    /// The item's text as quoted from the source.
    package var text: String
    /// Why the item cannot be checked from a dossier, or nil if it can.
    package var notCheckable: String?
    /// Source range of the item.
    package var span: Span
    /// `verified` (true), `unverified` (false), or neither (nil).
    package var verified: Bool? = nil
    /// The item's points (sub-items) in source order.
    package var points: [PointInfo] = []
}

/// One point (sub-item) of a source item, such as `4(a)`.
package struct PointInfo: Sendable {
    /// The point's id within its item.
    package var id: String
    /// The point's text as quoted from the source.
    package var text: String
    /// Its verification, the item's when the point says none.
    package var verified: Bool?
    /// Where the point's id was written.
    package var span: Span
    /// Creates a point record from its parts.
    package init(id: String, text: String, verified: Bool?, span: Span) {
        self.id = id
        self.text = text
        self.verified = verified
        self.span = span
    }
}

/// A compiled test block.
package struct CompiledTest: Sendable {
    /// The dossier a test runs against.
    package enum Given: Sendable {
        /// The inline object's JSON bytes and where they start in the rules file.
        case inline(bytes: [UInt8], file: FileID, offset: UInt32)
        case file(path: String)
        case none
    }
    /// The test's name (plain text).
    package var name: String
    /// The dossier the test runs against.
    package var given: Given
    /// The `expect` lines: rule id, outcome, optional JSON Pointer, and where written.
    package var expectations: [(rule: String, outcome: String, at: String?, span: Span)]
    /// Source range of the whole test.
    package var span: Span
    /// `inspect on DATE`: the test is an inspection on that date; nil for a pre-validation.
    package var inspectOn: CivilDate? = nil
}

/// Everything a ruleset is, compiled.
public struct Program: Sendable {
    /// The ruleset's name.
    package var name: String
    /// The `title` string, if given.
    package var title: String?
    /// The `version` string, if given.
    package var version: String?
    /// The dossier field whose date decides which rules are in force.
    package var dateField: [Key]?
    /// The declared sources in source order.
    package var sources: [SourceInfo]
    /// The checked schema, or nil when the ruleset declares none.
    package var schema: SchemaType?
    /// The schema declaration's syntax tree, if the ruleset has one.
    package var schemaDoc: SchemaDecl?
    /// The `required when` conditions of the schema; `SchemaFieldInfo.requiredWhen` indexes this.
    package var schemaConditions: [SchemaCondition] = []
    /// Severity of each kind of schema-validation finding (`schema_severity`, else the default).
    package var schemaSeverity: [SchemaProblem: RuleSeverity] = [:]
    /// The compiled `let`s; `XOp.global` indexes this.
    package var lets: [CompiledLet]
    /// The compiled `def`s; `XOp.callDef` indexes this.
    package var defs: [CompiledDef]
    /// The compiled rules in source order.
    package var rules: [CompiledRule]
    /// The `threshold`s in source order.
    package var thresholds: [ThresholdInfo] = []
    /// The compiled tests in source order.
    package var tests: [CompiledTest]
    /// The ruleset's source files, for rendering diagnostics.
    package var files: SourceMap
    /// SHA-256 of the ruleset's files (paths and bytes, in order), hex.
    package var digest: String
    /// Per cacheable path (field names from the dossier root; `XOp.path`'s
    /// `slot`): the slot of the same path without its last field, or -1
    /// for a one-field path. Every prefix of a cacheable path has a slot, so
    /// `a.b.c` and `a.b.d` find `a.b` once per dossier.
    package var pathCachePrefix: [Int] = []
    /// Distinct cacheable paths.
    package var pathCacheSize: Int { pathCachePrefix.count }
    /// Every expression of the ruleset, built once by the analyzer and
    /// shared read-only by every evaluator of the ruleset (`Evaluator`
    /// reads it whatever rules a copy of the program keeps).
    package var ir: IRProgram

    /// The rule with id `id`, or nil.
    package func rule(_ id: String) -> CompiledRule? { rules.first { $0.id == id } }
}
