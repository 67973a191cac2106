import Diagnostics

// The typed syntax tree of a `.rules` file. Every node has a span; a part
// that failed to parse becomes `.bad`, and later stages skip it silently.

/// A name with where it was written.
public struct Name: Sendable, Hashable {
    /// The name as written (an identifier or rule id).
    public var text: String
    /// Where the name was written.
    public var span: Span
    /// Creates a name from its text and span.
    public init(_ text: String, _ span: Span) {
        self.text = text
        self.span = span
    }
}

/// A string literal: text with `{expr}` interpolations, or a raw string in
/// backticks (text only, taken as written). NFC-normalised.
public struct StringLiteral: Sendable {
    /// One piece of a string literal, in source order.
    public enum Part: Sendable {
        case text(String)
        case interpolation(Expr)
    }
    /// The pieces in order; empty for `""`.
    public var parts: [Part]
    /// Source range of the literal, quotes included.
    public var span: Span
    /// Written in backticks: no escapes, no interpolation (the formatter keeps it so).
    public var isRaw: Bool

    /// Creates a string literal from its parts.
    public init(parts: [Part], span: Span, isRaw: Bool = false) {
        self.parts = parts
        self.span = span
        self.isRaw = isRaw
    }

    /// The text when there is no interpolation.
    public var plainText: String? {
        if parts.isEmpty { return "" }
        if parts.count == 1, case .text(let t) = parts[0] { return t }
        return nil
    }

    /// Whether the string has `{expr}` interpolations.
    public var isInterpolated: Bool { plainText == nil }
}

/// A date literal.
public struct DateLiteral: Sendable {
    /// The calendar date written.
    public var value: CivilDate
    /// Source range of the literal.
    public var span: Span
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

/// An infix operator; the raw value is its spelling in source.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case coalesce = "??"

    /// Binding strength, higher binds tighter (the grammar's levels).
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: 4
        case .add, .subtract: 5
        case .multiply, .divide: 6
        case .coalesce: 8
        }
    }
}

/// The quantifier of an `all`/`any`/`none`/`count(x in xs: …)` expression.
public enum Quantifier: String, Sendable {
    case all, any, none, count
}

/// An expression with its span.
public struct Expr: Sendable {
    /// What the expression is.
    public var kind: Kind
    /// Source range of the whole expression.
    public var span: Span

    /// Creates an expression from its kind and span.
    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    /// The forms of expression.
    public indirect enum Kind: Sendable {
        /// A number; `text` is as written, without underscores.
        case number(Double, text: String)
        case string(StringLiteral)
        case date(CivilDate)
        case bool(Bool)
        case null
        /// A bare name: a variable, parameter, `let`, or top-level dossier field.
        case name(String)
        /// `base.name`
        case member(Expr, Name)
        /// `base[index]`
        case index(Expr, Expr)
        /// `base[*]`
        case project(Expr)
        /// `f(args)`
        case call(Name, [Expr])
        /// `all(x in xs: body)` and its siblings.
        case quantifier(Quantifier, Name, Expr, Expr)
        /// `if condition then a else b`.
        case conditional(Expr, Expr, Expr)
        /// `[e for x in xs where c]`, or `sum(e for x in xs where c)` as a call's only argument.
        case comprehension(Comprehension)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case list([Expr])
        case object([ObjectEntry])
        /// `(e)`, kept for the formatter.
        case paren(Expr)
        /// A part that did not parse.
        case bad
    }
}

/// `e for x in xs [where c]`: the list of `e` for each element `x` of `xs`
/// for which `c` holds.
public struct Comprehension: Sendable {
    /// The expression computed for each element kept.
    public var element: Expr
    /// The variable bound to each element in turn.
    public var variable: Name
    /// The list iterated over.
    public var collection: Expr
    /// The `where` condition, if any.
    public var filter: Expr?
    /// Written in brackets (`[e for …]`); false for a call's argument (`sum(e for …)`).
    public var isBracketed: Bool
}

/// One `"key": value` of an object literal.
public struct ObjectEntry: Sendable {
    /// The key, NFC-normalised, without quotes.
    public var key: String
    /// Where the key was written.
    public var keySpan: Span
    /// The value expression.
    public var value: Expr
}

// MARK: - Declarations

/// A whole `.rules` file.
public struct RulesFile: Sendable {
    /// The file the tree was parsed from.
    public var file: FileID
    /// Top-level declarations in source order, `.bad` ones included.
    public var decls: [Decl]
    /// Every comment in the file, in source order (kept for the formatter).
    public var comments: [Comment]
    /// Creates a file tree from its parts.
    public init(file: FileID, decls: [Decl], comments: [Comment]) {
        self.file = file
        self.decls = decls
        self.comments = comments
    }
}

/// A top-level declaration.
public enum Decl: Sendable {
    case ruleset(RulesetDecl)
    case source(SourceDecl)
    case schema(SchemaDecl)
    case `let`(LetDecl)
    case def(DefDecl)
    case rule(RuleDecl)
    case test(TestDecl)
    /// A declaration that did not parse, from its first token to where recovery resumed.
    case bad(Span)

    /// Source range of the whole declaration.
    public var span: Span {
        switch self {
        case .ruleset(let d): d.span
        case .source(let d): d.span
        case .schema(let d): d.span
        case .let(let d): d.span
        case .def(let d): d.span
        case .rule(let d): d.span
        case .test(let d): d.span
        case .bad(let s): s
        }
    }
}

/// `ruleset NAME { title … version … date_field … }`
public struct RulesetDecl: Sendable {
    /// The ruleset's name.
    public var name: Name
    /// The `title` string, if given.
    public var title: StringLiteral?
    /// The `version` string, if given.
    public var version: StringLiteral?
    /// The dossier field whose date selects the rules in force (`effective`).
    public var dateField: [Name]?
    /// `schema_severity KIND SEVERITY` lines: the severity of one kind of
    /// schema-validation finding (`unknown_key`, `type`, …), in source order.
    public var schemaSeverities: [SchemaSeverityDecl] = []
    /// Source range of the whole declaration.
    public var span: Span
}

/// `schema_severity unknown_key error` in a `ruleset` block.
public struct SchemaSeverityDecl: Sendable {
    /// The kind of validation finding: `type`, `enum`, `date`, `unknown_key` or `required`.
    public var kind: Name
    /// `error`, `warning` or `info`.
    public var severity: Name
    /// Source range from `schema_severity` to the severity.
    public var span: Span
    /// Creates the line from its parts.
    public init(kind: Name, severity: Name, span: Span) {
        self.kind = kind
        self.severity = severity
        self.span = span
    }
}

/// `source "ID" { title … issued … item "N" "text" [not_checkable "why"] }`
public struct SourceDecl: Sendable {
    /// The source's id string, as cited by `cite`.
    public var name: StringLiteral
    /// The `title` string, if given.
    public var title: StringLiteral?
    /// The `issued` date, if given.
    public var issued: DateLiteral?
    /// The `item` entries in source order.
    public var items: [SourceItem]
    /// Source range of the whole declaration.
    public var span: Span
}

/// One `item "N" "text"` of a source: a citable clause.
public struct SourceItem: Sendable {
    /// The item's id within its source, as cited by `cite`.
    public var id: StringLiteral
    /// The item's text as quoted from the source.
    public var text: StringLiteral
    /// Why the item cannot be checked from a dossier, if it cannot.
    public var notCheckable: StringLiteral?
    /// `verified` or `unverified` after the text; nil when the item says neither (W2070).
    public var verification: Verification? = nil
    /// The `point "ID" "text"` lines inside the item's braces, in source order.
    public var points: [SourcePoint] = []
    /// The item's `{ … }` holding its points (from `{` to `}`), if written.
    public var pointsBlock: Span? = nil
    /// Source range of the item.
    public var span: Span
}

/// One `point "ID" "text" [verified | unverified]` of a source item: a
/// sub-item such as `4(a)`, cited as `cite "S" item "N" point "ID"`.
public struct SourcePoint: Sendable {
    /// The point's id within its item.
    public var id: StringLiteral
    /// The point's text as quoted from the source.
    public var text: StringLiteral
    /// Its own verification; nil inherits the item's.
    public var verification: Verification?
    /// Source range of the point.
    public var span: Span
    /// Creates a point from its parts.
    public init(id: StringLiteral, text: StringLiteral, verification: Verification?, span: Span) {
        self.id = id
        self.text = text
        self.verification = verification
        self.span = span
    }
}

/// `verified`, or `unverified ["reason"]`: whether a source item, point or
/// threshold was checked against the text of the law.
public struct Verification: Sendable {
    /// True for `verified`.
    public var isVerified: Bool
    /// The keyword as written.
    public var keyword: Name
    /// Why it is unverified (`unverified "reason"`), if given.
    public var reason: StringLiteral?
    /// Source range from the keyword to the reason.
    public var span: Span
    /// Creates a verification clause from its parts.
    public init(isVerified: Bool, keyword: Name, reason: StringLiteral?, span: Span) {
        self.isVerified = isVerified
        self.keyword = keyword
        self.reason = reason
        self.span = span
    }
}

/// `cite "SOURCE" [item "N" [point "P"]]`, in a rule or a threshold.
public struct CiteClause: Sendable {
    /// The cited source's id.
    public var source: StringLiteral
    /// The cited item, if any.
    public var item: StringLiteral?
    /// The cited point of that item, if any.
    public var point: StringLiteral?
    /// Source range of the whole clause.
    public var span: Span
    /// Creates a citation clause from its parts.
    public init(source: StringLiteral, item: StringLiteral?, point: StringLiteral?, span: Span) {
        self.source = source
        self.item = item
        self.point = point
        self.span = span
    }
}

/// `schema { field… }`
public struct SchemaDecl: Sendable {
    /// The top-level fields in source order.
    public var fields: [SchemaField]
    /// Source range of the whole declaration.
    public var span: Span
}

/// One `name[?]: type` field of a schema or schema object.
public struct SchemaField: Sendable {
    /// The field's key in the dossier.
    public var name: Name
    /// Whether the field was marked `?` and may be absent.
    public var isOptional: Bool
    /// The field's type.
    public var type: TypeExpr
    /// `required when EXPR`: the field must be present when EXPR (over the
    /// dossier root) is true. Nil for an always-required or optional field.
    public var requiredWhen: Expr?
    /// Source range of the whole field.
    public var span: Span
}

/// One value of an `enum(…)` type, with its optional labels:
/// `"high" vi "nguy cơ cao" en "high risk"`.
public struct EnumValue: Sendable {
    /// The value as the dossier writes it.
    public var value: StringLiteral
    /// `vi`/`en` labels in source order; the language keyword keeps its span.
    public var labels: [(lang: Name, text: StringLiteral)]
    /// Source range from the value to its last label.
    public var span: Span
    /// Creates an enum value from its parts.
    public init(value: StringLiteral, labels: [(lang: Name, text: StringLiteral)], span: Span) {
        self.value = value
        self.labels = labels
        self.span = span
    }
}

/// A field type in a schema.
public struct TypeExpr: Sendable {
    /// The forms of field type.
    public indirect enum Kind: Sendable {
        case string, number, integer, bool, date
        case enumeration([EnumValue])
        case list(TypeExpr)
        case object([SchemaField])
        case bad
    }
    /// What the type is.
    public var kind: Kind
    /// Source range of the type.
    public var span: Span
}

/// `let NAME = expr`, or `threshold NAME = expr` with its `cite` lines and
/// verification: a threshold is a `let` that carries its legal basis.
public struct LetDecl: Sendable {
    /// The bound name.
    public var name: Name
    /// The bound expression.
    public var value: Expr
    /// Source range of the whole declaration.
    public var span: Span
    /// The clauses of a `threshold`; nil for a plain `let`.
    public var threshold: ThresholdClauses? = nil
}

/// What a `threshold` adds to a `let`: where the figure comes from, and
/// whether it was checked against that text.
public struct ThresholdClauses: Sendable {
    /// The `cite` lines in source order (at least one, E1071).
    public var cites: [CiteClause]
    /// `verified` or `unverified "reason"` (required, E1070).
    public var verification: Verification?
    /// Creates the clauses from their parts.
    public init(cites: [CiteClause], verification: Verification?) {
        self.cites = cites
        self.verification = verification
    }
}

/// `def NAME(params) = expr`
public struct DefDecl: Sendable {
    /// The function's name.
    public var name: Name
    /// The parameter names in order.
    public var parameters: [Name]
    /// The expression the function returns.
    public var body: Expr
    /// Source range of the whole declaration.
    public var span: Span
}

/// `rule ID { meta… [when expr] body }`
public struct RuleDecl: Sendable {
    /// The rule id, unique across the ruleset.
    public var id: Name
    /// The `///` lines before the rule, without the slashes.
    public var doc: [String]
    /// The meta clauses (`title`, `cite`, …) in source order.
    public var metas: [RuleMeta]
    /// The `when` condition; the rule applies only where it holds. Nil means always.
    public var when: Expr?
    /// The `require` and `for each` statements in source order.
    public var body: [Statement]
    /// Source range of the whole rule.
    public var span: Span
    /// The rule did not parse completely; later stages keep its id only.
    public var isBroken: Bool
}

/// One meta clause of a rule, such as `title` or `cite`.
public struct RuleMeta: Sendable {
    /// The forms of meta clause; `lang` is nil for the default language.
    public enum Kind: Sendable {
        case title(lang: Name?, StringLiteral)
        /// `cite "SOURCE" [item "N" [point "P"]]`.
        case cite(CiteClause)
        case severity(Name)
        case tags([Name])
        case effective(from: DateLiteral?, until: DateLiteral?)
        case hint(lang: Name?, StringLiteral)
        /// `allow WHAT "reason"`: a lint warning (such as `presence_gate`)
        /// accepted for this rule, with the reason a reviewer reads.
        case allow(Name, StringLiteral)
    }
    /// Which clause this is, with its arguments.
    public var kind: Kind
    /// Source range of the clause.
    public var span: Span
}

/// A statement in a rule or `for each` body.
public enum Statement: Sendable {
    case require(RequireStatement)
    case forEach(ForEachStatement)

    /// Source range of the whole statement.
    public var span: Span {
        switch self {
        case .require(let r): r.span
        case .forEach(let f): f.span
        }
    }
}

/// `require expr [else [LANG] "…" {LANG "…"}]`
public struct RequireStatement: Sendable {
    /// The condition that must hold.
    public var condition: Expr
    /// The `else` messages, one per language; empty if none.
    public var messages: [Message]
    /// Source range of the whole statement.
    public var span: Span
}

/// One language's text of a message.
public struct Message: Sendable {
    /// The language tag (`vi`, `en`), or nil for the default language.
    public var lang: Name?
    /// The message text.
    public var text: StringLiteral
}

/// `for each x[, i] in expr [where expr] { body }`
public struct ForEachStatement: Sendable {
    /// The loop variable.
    public var variable: Name
    /// The position variable (`i` in `for each it, i in …`): 1 for the first element.
    public var index: Name?
    /// The expression iterated over.
    public var collection: Expr
    /// The `where` condition, if any; elements where it fails are skipped.
    public var filter: Expr?
    /// The statements run for each element.
    public var body: [Statement]
    /// Source range of the whole statement.
    public var span: Span
}

/// `test "name" { given (object | file "path") expect… }`
public struct TestDecl: Sendable {
    /// The dossier a test runs against.
    public enum Given: Sendable {
        /// An inline JSON object; its source text is parsed as JSON.
        case object(Expr)
        case file(StringLiteral)
    }
    /// The test's name.
    public var name: StringLiteral
    /// The `given` dossier; nil if the test has none.
    public var given: Given?
    /// The `expect` lines in source order.
    public var expectations: [Expectation]
    /// Source range of the whole test.
    public var span: Span
    /// `inspect on DATE`: the test is an inspection on that date; nil for a
    /// pre-validation with the command's `--as-of`.
    public var inspectOn: InspectClause? = nil
}

/// `inspect on 2026-01-15` in a test: the check is an inspection on that date.
public struct InspectClause: Sendable {
    /// The inspection date.
    public var date: DateLiteral
    /// Source range from `inspect` to the date.
    public var span: Span
    /// Creates the clause from its parts.
    public init(date: DateLiteral, span: Span) {
        self.date = date
        self.span = span
    }
}

/// `expect RULE_ID outcome [at "/pointer"]`
public struct Expectation: Sendable {
    /// The rule id expected.
    public var rule: Name
    /// The expected outcome: `pass`, `fail`, `missing` or `not_applicable`.
    public var outcome: Name
    /// The JSON Pointer the outcome is expected at, if given.
    public var at: StringLiteral?
    /// Source range of the whole line.
    public var span: Span
}
