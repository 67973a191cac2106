import Diagnostics
import Syntax

// The compiled form of a ruleset: names resolved to slots, paths to key
// lists, functions to built-in ids, so evaluating a dossier re-resolves
// nothing. Built once per ruleset by `Analyzer`, read by the evaluator.

/// A value during evaluation. Dossier values stay in the document as
/// `.node(index)` and are interpreted where used, so reading a path
/// allocates nothing.
public enum Value: Sendable {
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
}

/// A field name, kept as UTF-8 bytes for lookup.
public struct Key: Sendable {
    public let text: String
    public let bytes: [UInt8]
    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }
}

/// One step of a compiled path.
public enum PathStep: Sendable {
    case key(Key)
    /// `[expr]`: a number indexes a list, a string names a field.
    case index(Code)
    /// `[*]`: the remaining steps apply to every element.
    case project
}

/// The built-in functions of LANGUAGE.md section 4.
public enum Builtin: String, Sendable, CaseIterable {
    case exists, count, sum, min, max, len, lower, upper, contains, mentions, matches
    case date, today, days_between, year, distinct, abs, round

    /// Accepted argument counts.
    public var arity: ClosedRange<Int> {
        switch self {
        case .today: 0...0
        case .contains, .mentions, .matches, .days_between: 2...2
        case .round: 1...2
        default: 1...1
        }
    }

    /// How the signature is shown in messages.
    public var signature: String {
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
        case .date: "date(string)"
        case .today: "today()"
        case .days_between: "days_between(a, b)"
        case .year: "year(date)"
        case .distinct: "distinct(list)"
        case .abs: "abs(number)"
        case .round: "round(number, places)"
        }
    }
}

/// A compiled expression with the span of its source.
public struct Code: Sendable {
    public var op: Op
    public var span: Span
    public init(_ op: Op, _ span: Span) {
        self.op = op
        self.span = span
    }

    public indirect enum Op: Sendable {
        case constant(Value)
        /// A string with interpolations.
        case format([FormatPart])
        /// A path from the dossier root, a local or a global. A path of field
        /// names from the root has a slot in the per-dossier path cache
        /// (`Program.pathCacheSize`); others have -1.
        case path(Code, [PathStep], cacheSlot: Int)
        /// The dossier's root object.
        case root
        /// A frame slot: a `for each` or quantifier variable, or a `def` parameter.
        case local(Int)
        /// A `let`, by index; evaluated at most once per dossier.
        case global(Int)
        case call(Builtin, [Code])
        /// Compiled regular expression for `matches` with a constant pattern.
        case matches(Code, RegexBox)
        /// A `def`, by index, with its arguments.
        case callDef(Int, [Code])
        case quantifier(Quantifier, slot: Int, Code, Code)
        case not(Code)
        case negate(Code)
        case binary(BinaryOperator, Code, Code)
        case list([Code])
        case object([(String, Code)])
        /// Dates compared or computed where the schema types a side as a date.
        case toDate(Code)
        /// A node that did not compile (an error was reported).
        case bad
    }

    public enum FormatPart: Sendable {
        case text(String)
        case value(Code)
    }
}

/// A regular expression compiled once at load time.
public final class RegexBox: @unchecked Sendable {
    // Swift's Regex is not Sendable; the box is immutable after creation and
    // matching does not mutate it.
    public let regex: Regex<AnyRegexOutput>
    public let pattern: String
    public init(_ regex: Regex<AnyRegexOutput>, pattern: String) {
        self.regex = regex
        self.pattern = pattern
    }
}

public enum RuleSeverity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error
    var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (a: RuleSeverity, b: RuleSeverity) -> Bool { a.rank < b.rank }
}

/// A citation of a source item.
public struct Citation: Sendable, Hashable {
    public var source: String
    public var item: String?
}

/// A message in several languages (`vi`, `en`, …); an untagged message is `vi`.
public struct LocalizedText: Sendable {
    public var entries: [(lang: String, text: Code)]
    public init(entries: [(lang: String, text: Code)] = []) { self.entries = entries }
    public var isEmpty: Bool { entries.isEmpty }
    public var languages: [String] { entries.map(\.lang) }
}

/// A compiled statement of a rule body.
public enum CompiledStatement: Sendable {
    case require(condition: Code, message: LocalizedText, span: Span)
    case forEach(slot: Int, variable: String, collection: Code, filter: Code?, body: [CompiledStatement], span: Span)
}

/// A compiled rule. A class, so the evaluator's loop over the rules of
/// every dossier passes a reference instead of copying every field.
public final class CompiledRule: @unchecked Sendable {
    public var id: String
    public var idSpan: Span
    public var doc: [String]
    /// Titles by language (plain text).
    public var titles: [(lang: String, text: String)]
    public var hints: [(lang: String, text: String)]
    public var cites: [Citation]
    public var severity: RuleSeverity
    public var tags: [String]
    public var effectiveFrom: CivilDate?
    public var effectiveUntil: CivilDate?
    public var when: Code?
    public var body: [CompiledStatement]
    /// Frame slots the rule needs (loop and quantifier variables).
    public var frameSize: Int
    public var span: Span

    public init(id: String, idSpan: Span, doc: [String], titles: [(lang: String, text: String)], hints: [(lang: String, text: String)], cites: [Citation], severity: RuleSeverity, tags: [String], effectiveFrom: CivilDate?, effectiveUntil: CivilDate?, when: Code?, body: [CompiledStatement], frameSize: Int, span: Span) {
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
    public func title(_ lang: String) -> String? { pick(titles, lang) }
    public func hint(_ lang: String) -> String? { pick(hints, lang) }
}

func pick(_ texts: [(lang: String, text: String)], _ lang: String) -> String? {
    texts.first { $0.lang == lang }?.text ?? texts.first { $0.lang == "vi" }?.text ?? texts.first { $0.lang == "en" }?.text ?? texts.first?.text
}

/// A compiled `let`.
public struct CompiledLet: Sendable {
    public var name: String
    public var value: Code
    /// Slots for quantifier variables inside the value.
    public var frameSize: Int
    public var span: Span
}

/// A compiled `def`.
public struct CompiledDef: Sendable {
    public var name: String
    public var parameterCount: Int
    public var body: Code
    /// Parameters first, then quantifier variables.
    public var frameSize: Int
    public var span: Span
}

/// A declared source and its items.
public struct SourceInfo: Sendable {
    public var name: String
    public var title: String?
    public var issued: CivilDate?
    public var items: [ItemInfo]
    public var span: Span
}

public struct ItemInfo: Sendable {
    public var id: String
    public var text: String
    public var notCheckable: String?
    public var span: Span
}

/// A compiled test block.
public struct CompiledTest: Sendable {
    public enum Given: Sendable {
        /// The inline object's JSON bytes and where they start in the rules file.
        case inline(bytes: [UInt8], file: FileID, offset: UInt32)
        case file(path: String)
        case none
    }
    public var name: String
    public var given: Given
    public var expectations: [(rule: String, outcome: String, at: String?, span: Span)]
    public var span: Span
}

/// Everything a ruleset is, compiled.
public struct Program: Sendable {
    public var name: String
    public var title: String?
    public var version: String?
    /// The dossier field whose date decides which rules are in force.
    public var dateField: [Key]?
    public var sources: [SourceInfo]
    public var schema: SchemaType?
    public var schemaDoc: SchemaDecl?
    public var lets: [CompiledLet]
    public var defs: [CompiledDef]
    public var rules: [CompiledRule]
    public var tests: [CompiledTest]
    public var files: SourceMap
    /// SHA-256 of the ruleset's files (paths and bytes, in order), hex.
    public var digest: String
    /// Distinct cacheable paths (field names from the dossier root).
    public var pathCacheSize: Int = 0

    public func rule(_ id: String) -> CompiledRule? { rules.first { $0.id == id } }
}
