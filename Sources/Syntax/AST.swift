import Base
import Diagnostics

// The typed syntax tree of a `.rules` file. Every node has a span; a part
// that failed to parse becomes `.bad`, and later stages skip it silently.

/// A name with where it was written.
package struct Name: Sendable, Hashable {
    /// The name as written (an identifier or rule id).
    package var text: String
    /// Where the name was written.
    package var span: Span
    /// Creates a name from its text and span.
    package init(_ text: String, _ span: Span) {
        self.text = text
        self.span = span
    }
}

/// A string literal: text with `{expr}` interpolations, or a raw string in
/// backticks (text only, taken as written). NFC-normalised.
package struct StringLiteral: Sendable {
    /// One piece of a string literal, in source order.
    package enum Part: Sendable {
        case text(String)
        case interpolation(Expr)
    }
    /// The pieces in order; empty for `""`.
    package var parts: [Part]
    /// Source range of the literal, quotes included.
    package var span: Span
    /// Written in backticks: no escapes, no interpolation (the formatter keeps it so).
    package var isRaw: Bool

    /// Creates a string literal from its parts.
    package init(parts: [Part], span: Span, isRaw: Bool = false) {
        self.parts = parts
        self.span = span
        self.isRaw = isRaw
    }

    /// The text when there is no interpolation.
    package var plainText: String? {
        if parts.isEmpty { return "" }
        if parts.count == 1, case .text(let t) = parts[0] { return t }
        return nil
    }

    /// Whether the string has `{expr}` interpolations.
    package var isInterpolated: Bool { plainText == nil }
}

/// A date literal.
package struct DateLiteral: Sendable {
    /// The calendar date written.
    package var value: CivilDate
    /// Source range of the literal.
    package var span: Span
}

/// A prefix operator.
package enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

/// An infix operator; the raw value is its spelling in source.
package enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case coalesce = "??"

    /// Binding strength, higher binds tighter (the grammar's levels).
    package var precedence: Int {
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
package enum Quantifier: String, Sendable {
    case all, any, none, count
}

/// An expression with its span.
package struct Expr: Sendable {
    /// What the expression is.
    package var kind: Kind
    /// Source range of the whole expression.
    package var span: Span

    /// Creates an expression from its kind and span.
    package init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    /// The forms of expression.
    package indirect enum Kind: Sendable {
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
package struct Comprehension: Sendable {
    /// The expression computed for each element kept.
    package var element: Expr
    /// The variable bound to each element in turn.
    package var variable: Name
    /// The list iterated over.
    package var collection: Expr
    /// The `where` condition, if any.
    package var filter: Expr?
    /// Written in brackets (`[e for …]`); false for a call's argument (`sum(e for …)`).
    package var isBracketed: Bool
}

/// One `"key": value` of an object literal.
package struct ObjectEntry: Sendable {
    /// The key, NFC-normalised, without quotes.
    package var key: String
    /// Where the key was written.
    package var keySpan: Span
    /// The value expression.
    package var value: Expr
}

// MARK: - Declarations

/// A whole `.rules` file.
package struct RulesFile: Sendable {
    /// The file the tree was parsed from.
    package var file: FileID
    /// Top-level declarations in source order, `.bad` ones included.
    package var decls: [Decl]
    /// Every comment in the file, in source order (kept for the formatter).
    package var comments: [Comment]
    /// Creates a file tree from its parts.
    package init(file: FileID, decls: [Decl], comments: [Comment]) {
        self.file = file
        self.decls = decls
        self.comments = comments
    }
}

/// A top-level declaration.
package enum Decl: Sendable {
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
    package var span: Span {
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
package struct RulesetDecl: Sendable {
    /// The ruleset's name.
    package var name: Name
    /// The `title` string, if given.
    package var title: StringLiteral?
    /// The `version` string, if given.
    package var version: StringLiteral?
    /// The dossier field whose date selects the rules in force (`effective`).
    package var dateField: [Name]?
    /// `schema_severity KIND SEVERITY` lines: the severity of one kind of
    /// schema-validation finding (`unknown_key`, `type`, …), in source order.
    package var schemaSeverities: [SchemaSeverityDecl] = []
    /// Source range of the whole declaration.
    package var span: Span
}

/// `schema_severity unknown_key error` in a `ruleset` block.
package struct SchemaSeverityDecl: Sendable {
    /// The kind of validation finding: `type`, `enum`, `date`, `unknown_key` or `required`.
    package var kind: Name
    /// `error`, `warning` or `info`.
    package var severity: Name
    /// Source range from `schema_severity` to the severity.
    package var span: Span
    /// Creates the line from its parts.
    package init(kind: Name, severity: Name, span: Span) {
        self.kind = kind
        self.severity = severity
        self.span = span
    }
}

/// `source "ID" { title … issued … item "N" "text" [not_checkable "why"] }`
package struct SourceDecl: Sendable {
    /// The source's id string, as cited by `cite`.
    package var name: StringLiteral
    /// The `title` string, if given.
    package var title: StringLiteral?
    /// The `issued` date, if given.
    package var issued: DateLiteral?
    /// The `item` entries in source order.
    package var items: [SourceItem]
    /// Source range of the whole declaration.
    package var span: Span
}

/// One `item "N" "text"` of a source: a citable clause.
package struct SourceItem: Sendable {
    /// The item's id within its source, as cited by `cite`.
    package var id: StringLiteral
    /// The item's text as quoted from the source.
    package var text: StringLiteral
    /// Why the item cannot be checked from a dossier, if it cannot.
    package var notCheckable: StringLiteral?
    /// `verified` or `unverified` after the text; nil when the item says neither (W2070).
    package var verification: Verification? = nil
    /// The `point "ID" "text"` lines inside the item's braces, in source order.
    package var points: [SourcePoint] = []
    /// The item's `{ … }` holding its points (from `{` to `}`), if written.
    package var pointsBlock: Span? = nil
    /// Source range of the item.
    package var span: Span
}

/// One `point "ID" "text" [verified | unverified]` of a source item: a
/// sub-item such as `4(a)`, cited as `cite "S" item "N" point "ID"`.
package struct SourcePoint: Sendable {
    /// The point's id within its item.
    package var id: StringLiteral
    /// The point's text as quoted from the source.
    package var text: StringLiteral
    /// Its own verification; nil inherits the item's.
    package var verification: Verification?
    /// Source range of the point.
    package var span: Span
    /// Creates a point from its parts.
    package init(id: StringLiteral, text: StringLiteral, verification: Verification?, span: Span) {
        self.id = id
        self.text = text
        self.verification = verification
        self.span = span
    }
}

/// `verified`, or `unverified ["reason"]`: whether a source item, point or
/// threshold was checked against the text of the law.
package struct Verification: Sendable {
    /// True for `verified`.
    package var isVerified: Bool
    /// The keyword as written.
    package var keyword: Name
    /// Why it is unverified (`unverified "reason"`), if given.
    package var reason: StringLiteral?
    /// Source range from the keyword to the reason.
    package var span: Span
    /// Creates a verification clause from its parts.
    package init(isVerified: Bool, keyword: Name, reason: StringLiteral?, span: Span) {
        self.isVerified = isVerified
        self.keyword = keyword
        self.reason = reason
        self.span = span
    }
}

/// `cite "SOURCE" [item "N" [point "P"]]`, in a rule or a threshold.
package struct CiteClause: Sendable {
    /// The cited source's id.
    package var source: StringLiteral
    /// The cited item, if any.
    package var item: StringLiteral?
    /// The cited point of that item, if any.
    package var point: StringLiteral?
    /// Source range of the whole clause.
    package var span: Span
    /// Creates a citation clause from its parts.
    package init(source: StringLiteral, item: StringLiteral?, point: StringLiteral?, span: Span) {
        self.source = source
        self.item = item
        self.point = point
        self.span = span
    }
}

/// `schema { field… }`
package struct SchemaDecl: Sendable {
    /// The top-level fields in source order.
    package var fields: [SchemaField]
    /// Source range of the whole declaration.
    package var span: Span
}

/// One `name[?]: type` field of a schema or schema object.
package struct SchemaField: Sendable {
    /// The field's key in the dossier.
    package var name: Name
    /// Whether the field was marked `?` and may be absent.
    package var isOptional: Bool
    /// The field's type.
    package var type: TypeExpr
    /// `required when EXPR`: the field must be present when EXPR (over the
    /// dossier root) is true. Nil for an always-required or optional field.
    package var requiredWhen: Expr?
    /// Source range of the whole field.
    package var span: Span
}

/// One value of an `enum(…)` type, with its optional labels:
/// `"high" vi "nguy cơ cao" en "high risk"`.
package struct EnumValue: Sendable {
    /// The value as the dossier writes it.
    package var value: StringLiteral
    /// `vi`/`en` labels in source order; the language keyword keeps its span.
    package var labels: [(lang: Name, text: StringLiteral)]
    /// Source range from the value to its last label.
    package var span: Span
    /// Creates an enum value from its parts.
    package init(value: StringLiteral, labels: [(lang: Name, text: StringLiteral)], span: Span) {
        self.value = value
        self.labels = labels
        self.span = span
    }
}

/// A field type in a schema.
package struct TypeExpr: Sendable {
    /// The forms of field type.
    package indirect enum Kind: Sendable {
        case string, number, integer, bool, date
        case enumeration([EnumValue])
        case list(TypeExpr)
        case object([SchemaField])
        case bad
    }
    /// What the type is.
    package var kind: Kind
    /// Source range of the type.
    package var span: Span
}

/// `let NAME = expr`, or `threshold NAME = expr` with its `cite` lines and
/// verification: a threshold is a `let` that carries its legal basis.
package struct LetDecl: Sendable {
    /// The bound name.
    package var name: Name
    /// The bound expression.
    package var value: Expr
    /// Source range of the whole declaration.
    package var span: Span
    /// The clauses of a `threshold`; nil for a plain `let`.
    package var threshold: ThresholdClauses? = nil
}

/// What a `threshold` adds to a `let`: where the figure comes from, and
/// whether it was checked against that text.
package struct ThresholdClauses: Sendable {
    /// The `cite` lines in source order (at least one, E1071).
    package var cites: [CiteClause]
    /// `verified` or `unverified "reason"` (required, E1070).
    package var verification: Verification?
    /// Creates the clauses from their parts.
    package init(cites: [CiteClause], verification: Verification?) {
        self.cites = cites
        self.verification = verification
    }
}

/// `def NAME(params) = expr`
package struct DefDecl: Sendable {
    /// The function's name.
    package var name: Name
    /// The parameter names in order.
    package var parameters: [Name]
    /// The expression the function returns.
    package var body: Expr
    /// Source range of the whole declaration.
    package var span: Span
}

/// `rule ID { meta… [when expr] body }`
package struct RuleDecl: Sendable {
    /// The rule id, unique across the ruleset.
    package var id: Name
    /// The `///` lines before the rule, without the slashes.
    package var doc: [String]
    /// The meta clauses (`title`, `cite`, …) in source order.
    package var metas: [RuleMeta]
    /// The `when` condition; the rule applies only where it holds. Nil means always.
    package var when: Expr?
    /// The `require` and `for each` statements in source order.
    package var body: [Statement]
    /// Source range of the whole rule.
    package var span: Span
    /// The rule did not parse completely; later stages keep its id only.
    package var isBroken: Bool
}

/// One meta clause of a rule, such as `title` or `cite`.
package struct RuleMeta: Sendable {
    /// The forms of meta clause; `lang` is nil for the default language.
    package enum Kind: Sendable {
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
    package var kind: Kind
    /// Source range of the clause.
    package var span: Span
}

/// A statement in a rule or `for each` body.
package enum Statement: Sendable {
    case require(RequireStatement)
    case forEach(ForEachStatement)

    /// Source range of the whole statement.
    package var span: Span {
        switch self {
        case .require(let r): r.span
        case .forEach(let f): f.span
        }
    }
}

/// `require expr [else [LANG] "…" {LANG "…"}]`
package struct RequireStatement: Sendable {
    /// The condition that must hold.
    package var condition: Expr
    /// The `else` messages, one per language; empty if none.
    package var messages: [Message]
    /// Source range of the whole statement.
    package var span: Span
}

/// One language's text of a message.
package struct Message: Sendable {
    /// The language tag (`vi`, `en`), or nil for the default language.
    package var lang: Name?
    /// The message text.
    package var text: StringLiteral
}

/// `for each x[, i] in expr [where expr] { body }`
package struct ForEachStatement: Sendable {
    /// The loop variable.
    package var variable: Name
    /// The position variable (`i` in `for each it, i in …`): 1 for the first element.
    package var index: Name?
    /// The expression iterated over.
    package var collection: Expr
    /// The `where` condition, if any; elements where it fails are skipped.
    package var filter: Expr?
    /// The statements run for each element.
    package var body: [Statement]
    /// Source range of the whole statement.
    package var span: Span
}

/// `test "name" { given (object | file "path") expect… }`
package struct TestDecl: Sendable {
    /// The dossier a test runs against.
    package enum Given: Sendable {
        /// An inline JSON object, parsed by the JSON module (see `givenJSON`).
        case object(Expr)
        case file(StringLiteral)
    }
    /// The test's name.
    package var name: StringLiteral
    /// The `given` dossier; nil if the test has none.
    package var given: Given?
    /// The inline object's bytes as the JSON module parsed them (comments
    /// blanked to spaces, so offsets match the rules file from the object's
    /// `{`); nil for `given file` or an object that is not JSON.
    package var givenJSON: [UInt8]? = nil
    /// The `expect` lines in source order.
    package var expectations: [Expectation]
    /// Source range of the whole test.
    package var span: Span
    /// `inspect on DATE`: the test is an inspection on that date; nil for a
    /// pre-validation with the command's `--as-of`.
    package var inspectOn: InspectClause? = nil
}

/// `inspect on 2026-01-15` in a test: the check is an inspection on that date.
package struct InspectClause: Sendable {
    /// The inspection date.
    package var date: DateLiteral
    /// Source range from `inspect` to the date.
    package var span: Span
    /// Creates the clause from its parts.
    package init(date: DateLiteral, span: Span) {
        self.date = date
        self.span = span
    }
}

/// `expect RULE_ID outcome [at "/pointer"]`
package struct Expectation: Sendable {
    /// The rule id expected.
    package var rule: Name
    /// The expected outcome: `pass`, `fail`, `missing` or `not_applicable`.
    package var outcome: Name
    /// The JSON Pointer the outcome is expected at, if given.
    package var at: StringLiteral?
    /// Source range of the whole line.
    package var span: Span
}
