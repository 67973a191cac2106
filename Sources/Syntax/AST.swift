import Diagnostics

// The typed syntax tree of a `.rules` file. Every node has a span; a part
// that failed to parse becomes `.bad`, and later stages skip it silently.

/// A name with where it was written.
public struct Name: Sendable, Hashable {
    public var text: String
    public var span: Span
    public init(_ text: String, _ span: Span) {
        self.text = text
        self.span = span
    }
}

/// A string literal: text with `{expr}` interpolations. NFC-normalised.
public struct StringLiteral: Sendable {
    public enum Part: Sendable {
        case text(String)
        case interpolation(Expr)
    }
    public var parts: [Part]
    public var span: Span

    public init(parts: [Part], span: Span) {
        self.parts = parts
        self.span = span
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
    public var value: CivilDate
    public var span: Span
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

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

public enum Quantifier: String, Sendable {
    case all, any, none, count
}

/// An expression with its span.
public struct Expr: Sendable {
    public var kind: Kind
    public var span: Span

    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

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

/// One `"key": value` of an object literal.
public struct ObjectEntry: Sendable {
    public var key: String
    public var keySpan: Span
    public var value: Expr
}

// MARK: - Declarations

/// A whole `.rules` file.
public struct RulesFile: Sendable {
    public var file: FileID
    public var decls: [Decl]
    public var comments: [Comment]
    public init(file: FileID, decls: [Decl], comments: [Comment]) {
        self.file = file
        self.decls = decls
        self.comments = comments
    }
}

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
    public var name: Name
    public var title: StringLiteral?
    public var version: StringLiteral?
    /// The dossier field whose date selects the rules in force (`effective`).
    public var dateField: [Name]?
    public var span: Span
}

/// `source "ID" { title … issued … item "N" "text" [not_checkable "why"] }`
public struct SourceDecl: Sendable {
    public var name: StringLiteral
    public var title: StringLiteral?
    public var issued: DateLiteral?
    public var items: [SourceItem]
    public var span: Span
}

public struct SourceItem: Sendable {
    public var id: StringLiteral
    public var text: StringLiteral
    /// Why the item cannot be checked from a dossier, if it cannot.
    public var notCheckable: StringLiteral?
    public var span: Span
}

/// `schema { field… }`
public struct SchemaDecl: Sendable {
    public var fields: [SchemaField]
    public var span: Span
}

public struct SchemaField: Sendable {
    public var name: Name
    public var isOptional: Bool
    public var type: TypeExpr
    public var span: Span
}

/// A field type in a schema.
public struct TypeExpr: Sendable {
    public indirect enum Kind: Sendable {
        case string, number, integer, bool, date
        case enumeration([StringLiteral])
        case list(TypeExpr)
        case object([SchemaField])
        case bad
    }
    public var kind: Kind
    public var span: Span
}

/// `let NAME = expr`
public struct LetDecl: Sendable {
    public var name: Name
    public var value: Expr
    public var span: Span
}

/// `def NAME(params) = expr`
public struct DefDecl: Sendable {
    public var name: Name
    public var parameters: [Name]
    public var body: Expr
    public var span: Span
}

/// `rule ID { meta… [when expr] body }`
public struct RuleDecl: Sendable {
    public var id: Name
    /// The `///` lines before the rule, without the slashes.
    public var doc: [String]
    public var metas: [RuleMeta]
    public var when: Expr?
    public var body: [Statement]
    public var span: Span
    /// The rule did not parse completely; later stages keep its id only.
    public var isBroken: Bool
}

public struct RuleMeta: Sendable {
    public enum Kind: Sendable {
        case title(lang: Name?, StringLiteral)
        case cite(source: StringLiteral, item: StringLiteral?)
        case severity(Name)
        case tags([Name])
        case effective(from: DateLiteral?, until: DateLiteral?)
        case hint(lang: Name?, StringLiteral)
    }
    public var kind: Kind
    public var span: Span
}

public enum Statement: Sendable {
    case require(RequireStatement)
    case forEach(ForEachStatement)

    public var span: Span {
        switch self {
        case .require(let r): r.span
        case .forEach(let f): f.span
        }
    }
}

/// `require expr [else [LANG] "…" {LANG "…"}]`
public struct RequireStatement: Sendable {
    public var condition: Expr
    public var messages: [Message]
    public var span: Span
}

/// One language's text of a message.
public struct Message: Sendable {
    public var lang: Name?
    public var text: StringLiteral
}

/// `for each x in expr [where expr] { body }`
public struct ForEachStatement: Sendable {
    public var variable: Name
    public var collection: Expr
    public var filter: Expr?
    public var body: [Statement]
    public var span: Span
}

/// `test "name" { given (object | file "path") expect… }`
public struct TestDecl: Sendable {
    public enum Given: Sendable {
        /// An inline JSON object; its source text is parsed as JSON.
        case object(Expr)
        case file(StringLiteral)
    }
    public var name: StringLiteral
    public var given: Given?
    public var expectations: [Expectation]
    public var span: Span
}

/// `expect RULE_ID outcome [at "/pointer"]`
public struct Expectation: Sendable {
    public var rule: Name
    public var outcome: Name
    public var at: StringLiteral?
    public var span: Span
}
