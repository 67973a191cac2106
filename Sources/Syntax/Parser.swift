import Base
import Diagnostics
import Foundation
import JSON

/// Recursive-descent parser for `.rules` files, one `parseX()` per grammar
/// production. It never stops at the first error: a broken declaration
/// becomes a `.bad` node (or a rule marked `isBroken`), the parser resumes at
/// the next declaration keyword that starts a line, and one run reports every
/// error, at most one per line.
package struct Parser {
    private var lexer: Lexer
    private var token: Token
    private var previousEnd: UInt32 = 0
    private let source: SourceFile
    private var file: FileID { source.id }
    private var diagnostics: [Diagnostic] = []
    /// Lines (0-based) that already have an error: another one there is
    /// likely a cascade.
    private var errorLines: Set<Int> = []
    private var depth = 0
    /// Levels added to the tree by the operands of left-associative chains
    /// (`a and b and c`, `a + b + c`, `x.a.b`): each makes the tree one level
    /// deeper for every later stage, so they count toward `maxTreeDepth`.
    private var chainDepth = 0
    /// The part of a rule parsed before an error, kept so its id stays known.
    private var partialRule: RuleDecl? = nil
    /// The last token that starts a line and looks like the start of a
    /// declaration, with the lexer just past it: recovery resumes there, so
    /// an error never swallows the declaration after it.
    private var resumePoint: (mark: Lexer.Mark, token: Token, previousEnd: UInt32)? = nil
    /// Tokens ending at or before this offset have had their lexer flags
    /// reported (recovery may lex them again).
    private var checkedUpTo: UInt32 = 0
    /// Diagnostics already reported, by code and start (recovery may meet
    /// the same problem twice).
    private var reported: Set<ReportKey> = []
    /// Parsing the inside of a `{expr}` interpolation; the lexer stops at
    /// the string's closing quote.
    private var isInterpolation = false

    private struct ReportKey: Hashable {
        var code: String
        var start: UInt32
    }

    /// Expressions nested deeper than this are an error, never a stack overflow.
    package static let maxDepth = 100
    /// The deepest expression tree accepted, counting each operand of a chain
    /// (`a and b and …`) as a level: the analyzer, the formatter and the
    /// evaluator walk the tree recursively, so a longer chain is an error, not
    /// a stack overflow.
    package static let maxTreeDepth = 256
    /// The most segments (`.name`, `[i]`, `[*]`) a path may have.
    package static let maxPathSegments = 128
    /// Parsing stops after this many errors.
    package static let maxErrors = 100

    struct Abort: Error {}

    /// Creates a parser positioned at the first token of `source`.
    package init(source: SourceFile) {
        self.source = source
        self.lexer = Lexer(bytes: source.bytes)
        self.token = Token(kind: .endOfFile, start: 0, end: 0, flags: [])
        self.token = lexer.next()
        checkToken()
    }

    /// Parses a whole file. Diagnostics come in source order.
    package static func parse(_ source: SourceFile) -> (RulesFile, [Diagnostic]) {
        var p = Parser(source: source)
        return p.parseFile()
    }

    // MARK: - Files and declarations

    // file = { decl } ;
    /// Parses the whole file; diagnostics in source order.
    package mutating func parseFile() -> (RulesFile, [Diagnostic]) {
        // Caught here too when it sits in a comment, which the parser never sees.
        // The standard library's validation is fast; find the bytes only when it fails.
        var bad = String(validating: source.bytes, as: UTF8.self) == nil ? firstInvalidUTF8(source.bytes) : nil
        while let b = bad, diagnostics.count < Parser.maxErrors {
            reportInvalidUTF8(at: b)
            bad = firstInvalidUTF8(source.bytes, from: b + 1)
        }
        var decls: [Decl] = []
        while token.kind != .endOfFile && diagnostics.count < Parser.maxErrors {
            let start = token.start
            do {
                decls.append(try parseDecl())
            } catch {
                if let rule = partialRule {
                    decls.append(.rule(rule))
                    partialRule = nil
                }
                synchronize(from: start)
                if case .rule = decls.last, decls.last!.span.start == start {
                } else {
                    decls.append(.bad(Span(file: file, start: start, end: max(start, previousEnd))))
                }
            }
        }
        if diagnostics.count >= Parser.maxErrors {
            diagnostics.append(.error("E1020", m(.tooManyErrors), at: here, notes: [m(.noteFixAndRerun)]))
        }
        return (RulesFile(file: file, decls: decls, comments: lexer.comments), DiagnosticBag.sorted(diagnostics))
    }

    /// Skips to the next declaration keyword at the start of a line; always
    /// makes progress past the token where the failed declaration began.
    /// When the failed declaration already ran past the start of the next
    /// one, goes back to it.
    private mutating func synchronize(from start: UInt32) {
        if let r = resumePoint, r.token.start > start, r.token.start <= token.start {
            lexer.reset(to: r.mark)
            lexer.readsJSONStrings = false
            token = r.token
            previousEnd = r.previousEnd
            return
        }
        if token.start == start && token.kind != .endOfFile { advance() }
        while token.kind != .endOfFile {
            if token.kind == .word && token.isAtLineStart && isDeclarationKeyword { return }
            // A `}` in the first column closes a top-level block: resume after it.
            if token.kind == .rbrace && token.isAtLineStart && (token.start == 0 || source.bytes[Int(token.start) - 1] == 0x0A || source.bytes[Int(token.start) - 1] == 0x0D) {
                advance()
                return
            }
            advance()
        }
    }

    private var isDeclarationKeyword: Bool {
        isWord("rule") || isWord("let") || isWord("threshold") || isWord("def") || isWord("test") || isWord("source") || isWord("schema") || isWord("ruleset")
    }

    /// The token starts a line and, with the token after it, reads as the
    /// start of a declaration (`rule ID`, `let NAME`, `test "…"`, `schema {`, …).
    /// Never inside an interpolation.
    private var looksLikeDeclarationStart: Bool {
        mutating get {
            guard !isInterpolation, token.kind == .word, token.isAtLineStart, isDeclarationKeyword else { return false }
            if isWord("rule") { return peek(expectingRuleID: true).kind == .ruleID }
            let next = peek().kind
            if isWord("test") || isWord("source") { return next == .string }
            if isWord("schema") { return next == .lbrace }
            return next == .word
        }
    }

    // decl = ruleset | source | schema | let | def | rule | test ;
    private mutating func parseDecl() throws(Abort) -> Decl {
        if token.kind == .rbrace {
            throw fail("E1011", m(.strayCloseBrace), help: m(.helpStrayCloseBrace))
        }
        // Something left on the line of a complete declaration (`let x = a ? b`).
        if !token.isAtLineStart && previousEnd > 0 && !isDeclarationKeyword {
            var help: LocalizedText? = nil
            switch token.kind {
            case .question: help = m(.helpNoTernary)
            case .assign: help = m(.helpUseEqualEqual)
            case .word, .number, .string, .date, .lparen, .lbracket: help = m(.helpMissingOperator)
            default: break
            }
            throw fail("E1011", m(.afterDeclaration, ["found": .localized(found(token))]), help: help)
        }
        guard token.kind == .word else {
            throw fail("E1011", m(.expectedDeclarationList, ["found": .localized(found(token))]))
        }
        if isWord("rule") { return .rule(try parseRule()) }
        if isWord("let") { return .let(try parseLet()) }
        if isWord("threshold") { return .let(try parseThreshold()) }
        if isWord("def") { return .def(try parseDef()) }
        if isWord("test") { return .test(try parseTest()) }
        if isWord("source") { return .source(try parseSource()) }
        if isWord("schema") { return .schema(try parseSchema()) }
        if isWord("ruleset") { return .ruleset(try parseRuleset()) }
        let word = text(token)
        let suggestion = suggestion(for: word, in: ["rule", "let", "threshold", "def", "test", "source", "schema", "ruleset"])
        throw fail("E1011", m(.expectedDeclaration, ["found": .localized(found(token))]), help: didYouMean(suggestion) ?? m(.helpDeclarationKinds))
    }

    // ruleset = "ruleset" IDENT "{" { "title" STRING | "version" STRING | "date_field" path } "}" ;
    private mutating func parseRuleset() throws(Abort) -> RulesetDecl {
        let start = token.start
        advance()
        let name = try expectIdentifier(p(.rulesetName), help: m(.helpRulesetForm))
        let brace = token.start
        try expect(.lbrace, p(.braceAfterRulesetName), help: m(.helpRulesetForm))
        var decl = RulesetDecl(name: name, title: nil, version: nil, dateField: nil, span: .none)
        while token.kind != .rbrace {
            try checkBlockIsOpen(p(.ruleset, ["name": .text(name.text)]), openedAt: brace)
            let keyStart = token.start
            if isWord("title") {
                advance()
                let s = try expectString(p(.rulesetTitle))
                if decl.title != nil { reportDuplicate("title", keyStart) }
                decl.title = s
            } else if isWord("version") {
                advance()
                let s = try expectString(p(.rulesetVersion))
                if decl.version != nil { reportDuplicate("version", keyStart) }
                decl.version = s
            } else if isWord("date_field") {
                advance()
                let p = try parsePath()
                if decl.dateField != nil { reportDuplicate("date_field", keyStart) }
                decl.dateField = p
            } else if isWord("schema_severity") {
                // schema_severity KIND SEVERITY ; the analyzer checks the words.
                advance()
                let kind = try expectIdentifier(p(.schemaFindingKind))
                let severity = try expectIdentifier(p(.severityWord))
                decl.schemaSeverities.append(SchemaSeverityDecl(kind: kind, severity: severity, span: spanFrom(keyStart)))
            } else {
                throw unexpectedWord(in: p(.ruleset, ["name": .text(name.text)]), expected: ["title", "version", "date_field", "schema_severity"])
            }
        }
        advance()
        decl.span = spanFrom(start)
        return decl
    }

    // path = NAME { "." NAME } ;
    private mutating func parsePath() throws(Abort) -> [Name] {
        var names = [try expectIdentifier(p(.fieldName))]
        while token.kind == .dot {
            advance()
            names.append(try expectIdentifier(p(.fieldNameAfterDot)))
        }
        return names
    }

    // source = "source" STRING "{" { "title" STRING | "issued" DATE
    //          | "item" STRING STRING [ "not_checkable" STRING ] [ verification ] [ "{" { point } "}" ] } "}" ;
    private mutating func parseSource() throws(Abort) -> SourceDecl {
        let start = token.start
        advance()
        let name = try expectString(p(.sourceName))
        let brace = token.start
        try expect(.lbrace, p(.braceAfterSourceName), help: m(.helpSourceForm))
        var decl = SourceDecl(name: name, title: nil, issued: nil, items: [], span: .none)
        let what = name.plainText.map { p(.namedSource, ["name": .text($0)]) } ?? p(.theSource)
        while token.kind != .rbrace {
            try checkBlockIsOpen(what, openedAt: brace)
            let keyStart = token.start
            if isWord("title") {
                advance()
                let s = try expectString(p(.sourceTitle))
                if decl.title != nil { reportDuplicate("title", keyStart) }
                decl.title = s
            } else if isWord("issued") {
                advance()
                let d = try expectDate(p(.sourceIssued))
                if decl.issued != nil { reportDuplicate("issued", keyStart) }
                decl.issued = d
            } else if isWord("item") {
                advance()
                let id = try expectString(p(.itemNumber))
                let text = try expectString(p(.itemText))
                var item = SourceItem(id: id, text: text, notCheckable: nil, span: .none)
                // `not_checkable "why"` and `verified`/`unverified` in either order.
                while true {
                    if isWord("not_checkable") {
                        let at = token.start
                        advance()
                        let why = try expectString(p(.notCheckableReason))
                        if item.notCheckable != nil { reportDuplicate("not_checkable", at) }
                        item.notCheckable = why
                    } else if let v = try parseVerification(reasonRequired: false) {
                        if item.verification != nil { reportDuplicateVerification(v) }
                        item.verification = v
                    } else {
                        break
                    }
                }
                if token.kind == .lbrace {
                    let open = token.start
                    advance()
                    let itemName = id.plainText.map { p(.namedItem, ["id": .text($0)]) } ?? p(.theItem)
                    while token.kind != .rbrace {
                        try checkBlockIsOpen(itemName, openedAt: open)
                        guard isWord("point") else { throw unexpectedWord(in: itemName, expected: ["point"]) }
                        item.points.append(try parsePoint())
                    }
                    advance()
                    item.pointsBlock = spanFrom(open)
                }
                item.span = spanFrom(keyStart)
                decl.items.append(item)
            } else {
                throw unexpectedWord(in: what, expected: ["title", "issued", "item"])
            }
        }
        advance()
        decl.span = spanFrom(start)
        return decl
    }

    // point = "point" STRING STRING [ verification ] ;
    private mutating func parsePoint() throws(Abort) -> SourcePoint {
        let start = token.start
        advance()
        let id = try expectString(p(.pointID))
        let text = try expectString(p(.pointText))
        let v = try parseVerification(reasonRequired: false)
        return SourcePoint(id: id, text: text, verification: v, span: spanFrom(start))
    }

    // verification = "verified" | "unverified" [ STRING ] ;
    /// `verified`, or `unverified` with its reason (required on a threshold,
    /// E1072); nil when neither word is here. `verified` takes no text (E1073).
    private mutating func parseVerification(reasonRequired: Bool) throws(Abort) -> Verification? {
        let start = token.start
        if isWord("verified") {
            let keyword = Name(text(token), span(token))
            advance()
            if token.kind == .string {
                throw fail("E1073", m(.verifiedTakesNoText), help: m(.helpVerifiedTakesNoText))
            }
            return Verification(isVerified: true, keyword: keyword, reason: nil, span: spanFrom(start))
        }
        guard isWord("unverified") else { return nil }
        let keyword = Name(text(token), span(token))
        advance()
        var reason: StringLiteral? = nil
        if token.kind == .string {
            reason = try expectString(p(.unverifiedReason))
        } else if reasonRequired {
            report(.error("E1072", m(.unverifiedNeedsReason), at: keyword.span, help: m(.helpUnverifiedNeedsReason)))
        }
        return Verification(isVerified: false, keyword: keyword, reason: reason, span: spanFrom(start))
    }

    // cite = "cite" STRING [ "item" STRING [ "point" STRING ] ] ;
    private mutating func parseCite() throws(Abort) -> CiteClause {
        let start = token.start
        advance()
        let source = try expectString(p(.citedSource))
        var item: StringLiteral? = nil
        var point: StringLiteral? = nil
        if isWord("item") {
            advance()
            item = try expectString(p(.citedItem))
            if isWord("point") {
                advance()
                point = try expectString(p(.citedPoint))
            }
        } else if isWord("point") {
            throw fail("E1074", m(.pointOutsideItem), help: m(.helpPointOutsideItem))
        }
        return CiteClause(source: source, item: item, point: point, span: spanFrom(start))
    }

    // threshold = "threshold" NAME "=" expr cite { cite } ( "verified" | "unverified" STRING ) ;
    // The clauses may come in any order; the formatter puts the cites first.
    private mutating func parseThreshold() throws(Abort) -> LetDecl {
        let start = token.start
        advance()
        let name = try expectBindingName(p(.nameAfterThreshold))
        try expect(.assign, p(.assignAfterName), help: m(.helpThresholdForm))
        let value = try parseExpr()
        var clauses = ThresholdClauses(cites: [], verification: nil)
        while true {
            if isWord("cite") {
                clauses.cites.append(try parseCite())
            } else if let v = try parseVerification(reasonRequired: true) {
                if clauses.verification != nil { reportDuplicateVerification(v) }
                clauses.verification = v
            } else {
                break
            }
        }
        let decl = LetDecl(name: name, value: value, span: spanFrom(start), threshold: clauses)
        if clauses.cites.isEmpty {
            report(.error("E1071", m(.thresholdCitesNothing, ["name": .text(name.text)]), at: name.span, help: m(.helpThresholdCitesNothing)))
        }
        if clauses.verification == nil {
            report(.error("E1070", m(.thresholdUnverified, ["name": .text(name.text)]), at: name.span, help: m(.helpThresholdUnverified)))
        }
        return decl
    }

    // schema = "schema" "{" { field } "}" ;
    private mutating func parseSchema() throws(Abort) -> SchemaDecl {
        let start = token.start
        advance()
        let brace = token.start
        try expect(.lbrace, p(.braceAfterSchema), help: m(.helpSchemaForm))
        let fields = try parseFields(of: p(.theSchema), openedAt: brace)
        return SchemaDecl(fields: fields, span: spanFrom(start))
    }

    /// Fields up to and including the closing `}`.
    private mutating func parseFields(of what: LocalizedText, openedAt brace: UInt32) throws(Abort) -> [SchemaField] {
        var fields: [SchemaField] = []
        while token.kind != .rbrace {
            try checkBlockIsOpen(what, openedAt: brace, fieldsMayLookLikeKeywords: true)
            fields.append(try parseField())
            if token.kind == .comma { advance() }
        }
        advance()
        return fields
    }

    // field = NAME [ "?" ] ":" type [ "required" "when" expr ] ;
    private mutating func parseField() throws(Abort) -> SchemaField {
        let start = token.start
        let name: Name
        if token.kind == .string {
            guard let t = decodeString(token).plainText else { throw interpolatedKey() }
            name = Name(t, span(token))
            advance()
        } else {
            name = try expectIdentifier(p(.fieldName))
        }
        var optional = false
        if token.kind == .question {
            optional = true
            advance()
        }
        try expect(.colon, p(.colonAfterFieldName))
        let type = try parseType()
        var requiredWhen: Expr? = nil
        // `required` starts the clause only before `when`: a next field may be named `required`.
        if isWord("required") {
            let next = peek()
            if next.kind == .word && source.bytes[Int(next.start)..<Int(next.end)].elementsEqual("when".utf8) {
                advance()
                advance()
                requiredWhen = try parseExpr()
            }
        }
        return SchemaField(name: name, isOptional: optional, type: type, requiredWhen: requiredWhen, span: spanFrom(start))
    }

    // type = "string" | "number" | "integer" | "bool" | "date" | "enum" "(" value { "," value } ")"
    //      | "[" type "]" | "{" { field } "}" ;
    // value = STRING [ "vi" STRING ] [ "en" STRING ] ;   (labels in either order)
    private mutating func parseType() throws(Abort) -> TypeExpr {
        let start = token.start
        try enter()
        defer { depth -= 1 }
        if token.kind == .lbracket {
            advance()
            let element = try parseType()
            try expect(.rbracket, p(.bracketAfterElementType))
            return TypeExpr(kind: .list(element), span: spanFrom(start))
        }
        if token.kind == .lbrace {
            advance()
            let fields = try parseFields(of: p(.theObjectType), openedAt: start)
            return TypeExpr(kind: .object(fields), span: spanFrom(start))
        }
        let simple: [(String, TypeExpr.Kind)] = [("string", .string), ("number", .number), ("integer", .integer), ("bool", .bool), ("date", .date)]
        for (word, kind) in simple where isWord(named: word) {
            advance()
            return TypeExpr(kind: kind, span: spanFrom(start))
        }
        if isWord("enum") {
            advance()
            try expect(.lparen, p(.parenAfterEnum))
            var values = [try parseEnumValue()]
            while token.kind == .comma {
                advance()
                values.append(try parseEnumValue())
            }
            try expect(.rparen, p(.commaOrParenAfterEnumValue))
            return TypeExpr(kind: .enumeration(values), span: spanFrom(start))
        }
        let names = ["string", "number", "integer", "bool", "date", "enum"]
        let suggestion = token.kind == .word ? suggestion(for: text(token), in: names) : nil
        throw fail("E1010", expectedFound(p(.aType)), help: didYouMean(suggestion) ?? m(.helpTypeForms))
    }

    /// One enum value and its `vi`/`en` labels.
    private mutating func parseEnumValue() throws(Abort) -> EnumValue {
        let start = token.start
        let value = try expectString(p(.enumValue))
        var labels: [(lang: Name, text: StringLiteral)] = []
        while (isWord("vi") || isWord("en")) && peekKind() == .string {
            let lang = Name(text(token), span(token))
            if labels.contains(where: { $0.lang.text == lang.text }) {
                throw fail("E1014", m(.secondEnumLabel, ["lang": .text(lang.text), "value": .text(value.plainText ?? "")]), help: m(.helpSecondEnumLabel))
            }
            advance()
            labels.append((lang, try expectString(p(.enumLabel, ["lang": .text(lang.text)]))))
        }
        // Kept in the canonical order vi, en, whatever the order written.
        labels.sort { $0.lang.text == "vi" && $1.lang.text != "vi" }
        return EnumValue(value: value, labels: labels, span: spanFrom(start))
    }

    // let = "let" IDENT "=" expr ;
    private mutating func parseLet() throws(Abort) -> LetDecl {
        let start = token.start
        advance()
        let name = try expectBindingName(p(.nameAfterLet))
        try expect(.assign, p(.assignAfterName), help: m(.helpLetForm))
        let value = try parseExpr()
        return LetDecl(name: name, value: value, span: spanFrom(start))
    }

    // def = "def" IDENT "(" [ IDENT { "," IDENT } ] ")" "=" expr ;
    private mutating func parseDef() throws(Abort) -> DefDecl {
        let start = token.start
        advance()
        let name = try expectBindingName(p(.functionNameAfterDef))
        try expect(.lparen, p(.parenAfterFunctionName), help: m(.helpDefForm))
        var params: [Name] = []
        if token.kind != .rparen {
            params.append(try expectBindingName(p(.parameterName)))
            while token.kind == .comma {
                advance()
                params.append(try expectBindingName(p(.parameterName)))
            }
        }
        try expect(.rparen, p(.parenAfterParameters), help: m(.helpDefForm))
        try expect(.assign, p(.assignBeforeBody), help: m(.helpDefForm))
        let body = try parseExpr()
        return DefDecl(name: name, parameters: params, body: body, span: spanFrom(start))
    }

    // MARK: - Rules

    // rule = "rule" RULE_ID "{" { meta } [ "when" expr ] body "}" ;
    // Metas, `when` and statements may come in any order (the language
    // reference puts a `hint` after `require`); the formatter puts them in
    // the grammar's order.
    private mutating func parseRule() throws(Abort) -> RuleDecl {
        let start = token.start
        let doc = docComment(before: start)
        advance(expectingRuleID: true)
        guard token.kind == .ruleID else {
            throw fail("E1010", expectedFound(p(.ruleIDAfterRule)), help: m(.helpRuleIDForm))
        }
        var rule = RuleDecl(id: Name(text(token), span(token)), doc: doc, metas: [], when: nil, body: [], span: .none, isBroken: false)
        advance()
        do throws(Abort) {
            let brace = token.start
            try expect(.lbrace, p(.braceAfterRuleID), help: m(.helpRuleBlockForm))
            while token.kind != .rbrace {
                try checkBlockIsOpen(p(.namedRule, ["id": .text(rule.id.text)]), openedAt: brace)
                if let meta = try parseMeta() {
                    rule.metas.append(meta)
                } else if isWord("when") {
                    let whenStart = token.start
                    advance()
                    let e = try parseExpr()
                    if rule.when != nil {
                        report(.error("E1014", m(.secondWhen), at: Span(file: file, start: whenStart, end: whenStart + 4), help: m(.helpSecondWhen)))
                    }
                    rule.when = e
                } else if let s = try parseStatement() {
                    rule.body.append(s)
                } else {
                    throw unexpectedWord(
                        in: p(.namedRule, ["id": .text(rule.id.text)]),
                        expected: ["title", "cite", "severity", "tags", "effective", "hint", "allow", "when", "require", "for"])
                }
            }
            advance()
        } catch {
            rule.isBroken = true
            rule.span = spanFrom(start)
            partialRule = rule
            throw error
        }
        rule.span = spanFrom(start)
        return rule
    }

    /// The `///` lines ending just before `offset`, without the slashes.
    private func docComment(before offset: UInt32) -> [String] {
        var lines: [String] = []
        var limit = offset
        for c in lexer.comments.reversed() {
            guard c.end <= limit else { continue }
            // Only whitespace between the comment and what follows.
            let between = source.bytes[Int(c.end)..<Int(limit)]
            guard c.kind == .doc, between.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { break }
            var t = source.text(Span(file: file, start: c.start + 3, end: c.end))
            if t.hasPrefix(" ") { t.removeFirst() }
            lines.insert(t, at: 0)
            limit = c.start
        }
        return lines
    }

    // meta = "title" [ LANG ] STRING | "cite" STRING [ "item" STRING ] | "severity" ( "error" | "warning" | "info" )
    //      | "tags" IDENT { "," IDENT } | "effective" [ "from" DATE ] [ "until" DATE ] | "hint" [ LANG ] STRING
    //      | "allow" IDENT STRING ;
    private mutating func parseMeta() throws(Abort) -> RuleMeta? {
        let start = token.start
        if isWord("title") || isWord("hint") {
            let isTitle = isWord("title")
            advance()
            let lang = try parseLang()
            let s = try expectString(isTitle ? p(.ruleTitle) : p(.hintText))
            return RuleMeta(kind: isTitle ? .title(lang: lang, s) : .hint(lang: lang, s), span: spanFrom(start))
        }
        if isWord("cite") {
            let c = try parseCite()
            return RuleMeta(kind: .cite(c), span: c.span)
        }
        if isWord("severity") {
            advance()
            guard token.kind == .word, ["error", "warning", "info"].contains(text(token)) else {
                let suggestion = token.kind == .word ? suggestion(for: text(token), in: ["error", "warning", "info"]) : nil
                throw fail("E1019", expectedFound(p(.severityAfterSeverity)), help: didYouMean(suggestion))
            }
            let name = Name(text(token), span(token))
            advance()
            return RuleMeta(kind: .severity(name), span: spanFrom(start))
        }
        if isWord("tags") {
            advance()
            var tags = [try expectIdentifier(p(.tag))]
            while token.kind == .comma {
                advance()
                tags.append(try expectIdentifier(p(.tag)))
            }
            return RuleMeta(kind: .tags(tags), span: spanFrom(start))
        }
        if isWord("effective") {
            advance()
            var from: DateLiteral? = nil
            var until: DateLiteral? = nil
            if isWord("from") {
                advance()
                from = try expectDate(p(.effectiveFrom))
            }
            if isWord("until") {
                advance()
                until = try expectDate(p(.effectiveUntil))
            }
            if from == nil && until == nil {
                throw fail("E1010", expectedFound(p(.fromOrUntil)), help: m(.helpEffectiveExample))
            }
            return RuleMeta(kind: .effective(from: from, until: until), span: spanFrom(start))
        }
        if isWord("allow") {
            advance()
            let what = try expectIdentifier(p(.allowedWhat))
            let reason = try expectString(p(.allowedReason))
            return RuleMeta(kind: .allow(what, reason), span: spanFrom(start))
        }
        return nil
    }

    /// An optional language tag: a two-letter lowercase word followed by a string.
    /// A word before a string that is not a tag (`enen "…"`, `VI "…"`) is an error.
    private mutating func parseLang() throws(Abort) -> Name? {
        guard token.kind == .word else { return nil }
        guard isLanguageTag else {
            if peekKind() == .string { throw badLanguageTag() }
            return nil
        }
        let name = Name(text(token), span(token))
        advance()
        return name
    }

    /// A word that starts a meta or a statement of a rule.
    private var isRuleBodyKeyword: Bool {
        isWord("title") || isWord("cite") || isWord("severity") || isWord("tags") || isWord("effective") || isWord("hint")
            || isWord("allow") || isWord("when") || isWord("require") || isWord("for")
    }

    /// The token is two lowercase ASCII letters.
    private var isLanguageTag: Bool {
        guard token.kind == .word, token.end - token.start == 2 else { return false }
        let a = source.bytes[Int(token.start)], b = source.bytes[Int(token.start) + 1]
        return a >= UInt8(ascii: "a") && a <= UInt8(ascii: "z") && b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
    }

    private mutating func badLanguageTag() -> Abort {
        let t = text(token)
        let lower = t.lowercased()
        let help = lower.count == 2 && lower.allSatisfy({ $0 >= "a" && $0 <= "z" }) ? m(.helpWriteTag, ["tag": .text(lower)]) : m(.helpTagForm)
        return fail("E1010", expectedFound(p(.languageTag)), help: help)
    }

    // body = { require | foreach } ;
    private mutating func parseStatement() throws(Abort) -> Statement? {
        if isWord("require") { return .require(try parseRequire()) }
        if isWord("for") { return .forEach(try parseForEach()) }
        return nil
    }

    // require = "require" expr [ "else" message ] ;
    // message = [ LANG ] STRING { LANG STRING } ;
    private mutating func parseRequire() throws(Abort) -> RequireStatement {
        let start = token.start
        advance()
        let condition = try parseExpr()
        var messages: [Message] = []
        if isWord("else") {
            advance()
            let lang = try parseLang()
            messages.append(Message(lang: lang, text: try expectString(p(.messageAfterElse))))
            while token.kind == .word, peekKind() == .string, !isRuleBodyKeyword, !looksLikeDeclarationStart {
                let lang = try parseLang()
                messages.append(Message(lang: lang, text: try expectString(p(.message))))
            }
            if token.kind == .string {
                throw fail("E1010", expectedFound(p(.languageTagBeforeMessage)), help: m(.helpElseLanguages))
            }
        }
        return RequireStatement(condition: condition, messages: messages, span: spanFrom(start))
    }

    // foreach = "for" "each" IDENT [ "," IDENT ] "in" expr [ "where" expr ] "{" body "}" ;
    private mutating func parseForEach() throws(Abort) -> ForEachStatement {
        let start = token.start
        advance()
        guard isWord("each") else { throw fail("E1010", expectedFound(p(.eachAfterFor)), help: m(.helpForEachForm)) }
        advance()
        let variable = try expectBindingName(p(.variableAfterForEach))
        var index: Name? = nil
        if token.kind == .comma {
            advance()
            index = try expectBindingName(p(.positionName, ["variable": .text(variable.text)]))
        }
        guard isWord("in") else { throw fail("E1010", expectedFound(p(.inAfterForEach, ["variables": .text(variable.text + (index.map { ", " + $0.text } ?? ""))]))) }
        advance()
        let (collection, filter) = try parseCollectionAndFilter()
        let brace = token.start
        try expect(.lbrace, p(.braceOpensForEach))
        try enter()
        defer { depth -= 1 }
        var body: [Statement] = []
        while token.kind != .rbrace {
            try checkBlockIsOpen(p(.theForEachBody), openedAt: brace)
            guard let s = try parseStatement() else {
                throw unexpectedWord(in: p(.aForEachBody), expected: ["require", "for"])
            }
            body.append(s)
        }
        advance()
        return ForEachStatement(variable: variable, index: index, collection: collection, filter: filter, body: body, span: spanFrom(start))
    }

    // MARK: - Tests

    // test = "test" STRING "{" "given" ( object | "file" STRING ) { expect } "}" ;
    private mutating func parseTest() throws(Abort) -> TestDecl {
        let start = token.start
        advance()
        let name = try expectString(p(.testName))
        let brace = token.start
        try expect(.lbrace, p(.braceAfterTestName), help: m(.helpGivenForm))
        var decl = TestDecl(name: name, given: nil, expectations: [], span: .none)
        if isWord("inspect") { decl.inspectOn = try parseInspect() }
        guard isWord("given") else {
            throw fail("E1010", expectedFound(p(.givenFirst)), help: m(.helpGivenForm))
        }
        advance()
        if isWord("file") {
            advance()
            decl.given = .file(try expectString(p(.dossierPath)))
        } else if token.kind == .lbrace {
            decl.given = .object(try parseGivenObject(into: &decl))
        } else {
            throw fail("E1010", expectedFound(p(.braceOrFileAfterGiven)))
        }
        while token.kind != .rbrace {
            try checkBlockIsOpen(p(.theTest), openedAt: brace)
            if isWord("inspect") {
                let at = token.start
                let clause = try parseInspect()
                if decl.inspectOn != nil { reportDuplicate("inspect", at) }
                decl.inspectOn = clause
                continue
            }
            guard isWord("expect") else { throw unexpectedWord(in: p(.theTest), expected: ["expect", "inspect"]) }
            decl.expectations.append(try parseExpect())
        }
        advance()
        decl.span = spanFrom(start)
        return decl
    }

    // inspect = "inspect" "on" DATE ;
    private mutating func parseInspect() throws(Abort) -> InspectClause {
        let start = token.start
        advance()
        guard isWord("on") else {
            throw fail("E1075", expectedFound(p(.onAfterInspect)), help: m(.helpInspectOn))
        }
        advance()
        let date = try expectDate(p(.inspectionDate))
        return InspectClause(date: date, span: spanFrom(start))
    }

    /// The JSON object after `given`, strictly RFC 8259 (the checker reads
    /// its source text as a JSON document): JSON strings and numbers, no
    /// names, dates or trailing commas. Comments are allowed, as everywhere in
    /// a rules file. The JSON module is the grammar: the lexer only finds
    /// where the object ends (its `{` … `}` tokens, stepping over strings and
    /// comments, which it keeps for the formatter); the bytes in between,
    /// comments blanked to spaces, go to `JSONParser`, and the result and any
    /// error are shifted back to their place in the rules file.
    private mutating func parseGivenObject(into decl: inout TestDecl) throws(Abort) -> Expr {
        let start = token.start
        let scanned = scanGivenObject()
        // What the scan already reported (an unterminated comment, a bad date, a
        // raw string…) is the error; the JSON error it causes is not another one.
        if scanned.swallowedByComment { throw Abort() }
        var bytes = Array(source.bytes[Int(start)..<Int(scanned.end)])
        // Comments inside the object become spaces: offsets, and so positions, stay.
        for c in lexer.comments where c.start >= start && c.end <= scanned.end {
            for k in Int(c.start - start)..<Int(c.end - start) where bytes[k] != 0x0A && bytes[k] != 0x0D { bytes[k] = 0x20 }
        }
        let document: JSONDocument
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            reportGivenError(error, base: start, scanned: scanned)
            throw Abort()
        }
        if let deep = scanned.tooDeep {
            report(.error("E1015", m(.nestingTooDeep, ["max": .number(String(Parser.maxDepth))]), at: span(deep), help: m(.helpNestingTooDeep)))
            throw Abort()
        }
        decl.givenJSON = bytes
        return givenExpr(document, JSONDocument.root, base: start)
    }

    /// What `scanGivenObject` found.
    private struct GivenScan {
        /// Offset just past the object's closing `}`, or where the scan stopped.
        var end: UInt32
        /// The scan ran into the end of a file an unterminated block comment swallowed.
        var swallowedByComment = false
        /// The first date token (`2024-07-09`): JSON has no dates.
        var firstDate: Token? = nil
        /// The first bracket nested deeper than `Parser.maxDepth`.
        var tooDeep: Token? = nil
    }

    /// Steps the lexer (reading JSON strings) from the `{` after `given` to
    /// its matching `}` and past it. Stops early at the end of the file or
    /// at a line that starts a declaration: the object was never closed.
    private mutating func scanGivenObject() -> GivenScan {
        lexer.readsJSONStrings = true
        defer { endJSON() }
        var scan = GivenScan(end: token.start)
        var depth = 0
        while true {
            switch token.kind {
            case .lbrace, .lbracket:
                depth += 1
                if depth > Parser.maxDepth && scan.tooDeep == nil { scan.tooDeep = token }
            case .rbrace, .rbracket:
                depth -= 1
            case .date:
                if scan.firstDate == nil { scan.firstDate = token }
            case .endOfFile:
                scan.end = token.start
                scan.swallowedByComment = token.flags.contains(.unterminatedComment)
                return scan
            default:
                if token.kind == .word && token.isAtLineStart && depth > 0 && looksLikeDeclarationStart {
                    scan.end = token.start
                    return scan
                }
            }
            if depth == 0 {
                scan.end = token.end
                // The token after the object is read as the rule language's.
                lexer.readsJSONStrings = false
                advance()
                return scan
            }
            advance()
        }
    }

    /// Back to the rule language's strings after `given { … }`.
    private mutating func endJSON() {
        guard lexer.readsJSONStrings else { return }
        lexer.readsJSONStrings = false
        if token.kind == .string { token = lexer.relex(token) }
    }

    /// The parsed object as the AST's value form, spans in the rules file.
    private func givenExpr(_ d: JSONDocument, _ n: Int, base: UInt32) -> Expr {
        let node = d[n]
        let at = Span(file: file, start: base + node.start, end: base + node.end)
        switch node.kind {
        case .object:
            return Expr(.object(d.members(n).map { m in
                let k = d[m.key]
                return ObjectEntry(key: d.string(m.key), keySpan: Span(file: file, start: base + k.start, end: base + k.end), value: givenExpr(d, m.value, base: base))
            }), at)
        case .array:
            return Expr(.list(d.children(n).map { givenExpr(d, $0, base: base) }), at)
        case .string:
            let text = d.string(n)
            return Expr(.string(StringLiteral(parts: text.isEmpty ? [] : [.text(text)], span: at)), at)
        case .number:
            return Expr(.number(node.number, text: d.sourceText(n)), at)
        case .bool:
            return Expr(.bool(node.isTrue), at)
        default:
            return Expr(.null, at)
        }
    }

    /// Reports why the object after `given` is not JSON, in the rule
    /// language's words and at its place in the rules file. A problem the
    /// lexer reported first on that line (a raw string, a date that does not
    /// exist) stays the one reported, as `report` keeps one error a line.
    private mutating func reportGivenError(_ e: JSONParseError, base: UInt32, scanned: GivenScan) {
        let offset = base + e.offset
        let found = tokenAt(offset)
        let foundSpan = span(found)
        if let date = scanned.firstDate, offset >= date.start, scanned.tooDeep.map({ offset < $0.start }) ?? true {
            // JSON reads `2024-07-09` as 2024 and then trips on `-07-09`: the date is the error.
            report(.error("E1022", m(.jsonExpectedValue, ["found": .localized(self.found(date))]), at: span(date), help: m(.helpJSONNoDates, ["date": .text(text(date))])))
            return
        }
        if let deep = scanned.tooDeep, offset >= deep.start {
            report(.error("E1015", m(.nestingTooDeep, ["max": .number(String(Parser.maxDepth))]), at: span(deep), help: m(.helpNestingTooDeep)))
            return
        }
        func at(_ from: UInt32, _ length: UInt32) -> Span { Span(file: file, start: base + from, end: base + from + max(1, length)) }
        switch e.reason {
        case .expectedValue:
            let help = found.kind == .word ? m(.helpJSONNoNames) : nil
            report(.error("E1022", m(.jsonExpectedValue, ["found": .localized(self.found(found))]), at: foundSpan, help: help))
        case .expectedKey:
            report(.error("E1022", expected(p(.stringKey), found), at: foundSpan, help: m(.helpKeyInQuotes)))
        case .trailingComma:
            let closer = text(found)
            let what = closer == "}" ? p(.jsonKey) : p(.jsonValue)
            report(.error("E1022", m(.jsonCommaBeforeClose, ["what": .localized(what), "closer": .text(closer)]), at: foundSpan,
                          help: m(.helpJSONNoTrailingComma, ["closer": .text(closer)])))
        case .expectedColon:
            report(.error("E1010", expected(p(.colonAfterKey), found), at: foundSpan))
        case .expectedSeparator(let isObject, let container):
            report(.error("E1022", expected(p(isObject ? .commaOrBraceInObject : .commaOrBracketInArray), found), at: foundSpan,
                          secondary: [Label(at(container, 1), m(isObject ? .labelUnclosedBrace : .labelUnclosedBracket))]))
        case .invalidEscape:
            let next = Int(offset) + 1 < source.bytes.count ? source.bytes[Int(offset) + 1] : 0
            let escape = Span(file: file, start: offset, end: min(UInt32(source.bytes.count), offset + 1 + UInt32(scalarLength(next))))
            report(.error("E1003", m(.jsonBadEscape, ["escape": .text(source.text(escape))]), at: escape, help: m(.helpJSONEscapes)))
        case .incompleteUnicodeEscape:
            report(.error("E1003", m(.jsonIncompleteEscape), at: Span(file: file, start: offset, end: offset + 2), help: m(.helpJSONEscapes)))
        case .loneSurrogate:
            let escape = at(e.offset, e.length)
            report(.error("E1003", m(.jsonLoneSurrogate, ["escape": .text(source.text(escape))]), at: escape, help: m(.helpJSONSurrogatePair)))
        case .controlCharacter:
            let c = source.bytes[Int(offset)]
            report(.error("E1022", m(.jsonControlCharacter), at: at(e.offset, 1), help: m(c == 0x09 ? .helpWriteTab : .helpWriteUnicodeEscape)))
        case .invalidNumber(let numberStart):
            var number = tokenAt(base + numberStart)
            var written = ""
            if number.kind == .minus {
                let digits = tokenAt(number.end)
                guard digits.kind == .number, digits.start == number.end else {
                    report(.error("E1022", expected(p(.numberAfterMinus), digits), at: span(digits)))
                    return
                }
                written = "-"
                number = digits
            }
            written += text(number)
            let help = m(written.contains("_") ? .helpJSONNumberUnderscore : .helpJSONNumberForms)
            report(.error("E1022", m(.notAJSONNumber, ["text": .text(written)]), at: span(number), help: help))
        case .tooDeep:
            report(.error("E1015", m(.nestingTooDeep, ["max": .number(String(Parser.maxDepth))]), at: foundSpan, help: m(.helpNestingTooDeep)))
        case .unterminatedString, .invalidUTF8, .trailingContent, .input:
            // The lexer reports the first two on the line already (E1002, E1007);
            // the others cannot happen for a slice that ends at its own `}`.
            report(.error("E1022", e.message, at: at(e.offset, e.length), help: e.help))
        }
    }

    /// The token (lexed as JSON) at `offset`, whitespace and comments skipped.
    private func tokenAt(_ offset: UInt32) -> Token {
        var l = Lexer(bytes: source.bytes, start: Int(offset))
        l.readsJSONStrings = true
        return l.next()
    }

    /// "expected WHAT, found TOKEN" for a token of the `given` JSON.
    private func expected(_ what: LocalizedText, _ token: Token) -> LocalizedText {
        m(.expectedFound, ["what": .localized(what), "found": .localized(found(token))])
    }

    // expect = "expect" RULE_ID ( "pass" | "fail" | "missing" | "not_applicable" ) [ "at" STRING ] ;
    private mutating func parseExpect() throws(Abort) -> Expectation {
        let start = token.start
        advance(expectingRuleID: true)
        guard token.kind == .ruleID else { throw fail("E1010", expectedFound(p(.ruleIDAfterExpect))) }
        let rule = Name(text(token), span(token))
        advance()
        let outcomes = ["pass", "fail", "missing", "not_applicable"]
        guard token.kind == .word, outcomes.contains(text(token)) else {
            let suggestion = token.kind == .word ? suggestion(for: text(token), in: outcomes) : nil
            throw fail("E1018", expectedFound(p(.outcome)), help: didYouMean(suggestion))
        }
        let outcome = Name(text(token), span(token))
        advance()
        var at: StringLiteral? = nil
        if isWord("at") {
            advance()
            at = try expectString(p(.jsonPointer))
        }
        return Expectation(rule: rule, outcome: outcome, at: at, span: spanFrom(start))
    }

    // MARK: - Expressions

    // expr = or ;
    mutating func parseExpr() throws(Abort) -> Expr {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    private mutating func enter() throws(Abort) {
        depth += 1
        if depth > Parser.maxDepth {
            throw fail("E1015", m(.nestingTooDeep, ["max": .number(String(Parser.maxDepth))]), help: m(.helpNestingTooDeep))
        }
        try checkTreeDepth()
    }

    /// One more operand of a left-associative chain; `steps` counts them, for
    /// the caller to give back when the chain ends.
    private mutating func chainStep(_ steps: inout Int) throws(Abort) {
        steps += 1
        chainDepth += 1
        try checkTreeDepth()
    }

    private mutating func checkTreeDepth() throws(Abort) {
        if depth + chainDepth > Parser.maxTreeDepth {
            throw fail("E1060", m(.expressionTooDeep, ["max": .number(String(Parser.maxTreeDepth))]), help: m(.helpExpressionTooDeep))
        }
    }

    // or = and { "or" and } ;
    private mutating func parseOr() throws(Abort) -> Expr {
        var lhs = try parseAnd()
        var steps = 0
        defer { chainDepth -= steps }
        while isWord("or") {
            try chainStep(&steps)
            advance()
            let rhs = try parseAnd()
            lhs = Expr(.binary(.or, lhs, rhs), lhs.span.merged(with: rhs.span))
        }
        return lhs
    }

    // and = not { "and" not } ;
    private mutating func parseAnd() throws(Abort) -> Expr {
        var lhs = try parseNot()
        var steps = 0
        defer { chainDepth -= steps }
        while isWord("and") {
            try chainStep(&steps)
            advance()
            let rhs = try parseNot()
            lhs = Expr(.binary(.and, lhs, rhs), lhs.span.merged(with: rhs.span))
        }
        return lhs
    }

    // not = "not" not | cmp ;
    private mutating func parseNot() throws(Abort) -> Expr {
        if isWord("not") {
            let start = token.start
            advance()
            try enter()
            defer { depth -= 1 }
            let operand = try parseNot()
            return Expr(.unary(.not, operand), spanFrom(start))
        }
        return try parseComparison()
    }

    // cmp = sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in" ) sum ] ;
    private mutating func parseComparison() throws(Abort) -> Expr {
        let lhs = try parseSum()
        guard let op = comparisonOperator() else {
            if token.kind == .assign { throw fail("E1010", expectedFound(p(.equalEqual)), help: m(.helpAssignOnlyInDecl)) }
            return lhs
        }
        advance()
        if op == .notIn { advance() }
        let rhs = try parseSum()
        if comparisonOperator() != nil {
            throw fail("E1021", m(.chainedComparison), help: m(.helpChainedComparison))
        }
        return Expr(.binary(op, lhs, rhs), lhs.span.merged(with: rhs.span))
    }

    private mutating func comparisonOperator() -> BinaryOperator? {
        switch token.kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .assign:
            // `a = b` in an expression: almost always meant `==`.
            return nil
        case .word:
            if isWord("in") { return .in }
            if isWord("not") {
                let next = peek()
                if next.kind == .word && source.bytes[Int(next.start)..<Int(next.end)].elementsEqual("in".utf8) { return .notIn }
            }
            return nil
        default: return nil
        }
    }

    // sum = prod { ( "+" | "-" ) prod } ;
    private mutating func parseSum() throws(Abort) -> Expr {
        var lhs = try parseProduct()
        var steps = 0
        defer { chainDepth -= steps }
        while token.kind == .plus || token.kind == .minus {
            try chainStep(&steps)
            let op: BinaryOperator = token.kind == .plus ? .add : .subtract
            advance()
            let rhs = try parseProduct()
            lhs = Expr(.binary(op, lhs, rhs), lhs.span.merged(with: rhs.span))
        }
        return lhs
    }

    // prod = unary { ( "*" | "/" ) unary } ;
    private mutating func parseProduct() throws(Abort) -> Expr {
        var lhs = try parseUnary()
        var steps = 0
        defer { chainDepth -= steps }
        while token.kind == .star || token.kind == .slash {
            try chainStep(&steps)
            let op: BinaryOperator = token.kind == .star ? .multiply : .divide
            advance()
            let rhs = try parseUnary()
            lhs = Expr(.binary(op, lhs, rhs), lhs.span.merged(with: rhs.span))
        }
        return lhs
    }

    // unary = "-" unary | coalesce ;
    private mutating func parseUnary() throws(Abort) -> Expr {
        if token.kind == .minus {
            let start = token.start
            advance()
            try enter()
            defer { depth -= 1 }
            let operand = try parseUnary()
            return Expr(.unary(.negate, operand), spanFrom(start))
        }
        return try parseCoalesce()
    }

    // coalesce = postfix [ "??" unary ] ;
    private mutating func parseCoalesce() throws(Abort) -> Expr {
        let lhs = try parsePostfix()
        guard token.kind == .coalesce else { return lhs }
        advance()
        try enter()
        defer { depth -= 1 }
        let rhs = try parseUnary()
        return Expr(.binary(.coalesce, lhs, rhs), lhs.span.merged(with: rhs.span))
    }

    // postfix = primary { "." NAME | "[" expr "]" | "[" "*" "]" } ;
    private mutating func parsePostfix() throws(Abort) -> Expr {
        var base = try parsePrimary()
        var steps = 0
        defer { chainDepth -= steps }
        while true {
            if token.kind == .dot || token.kind == .lbracket {
                if steps >= Parser.maxPathSegments {
                    throw fail("E1061", m(.pathTooLong, ["max": .number(String(Parser.maxPathSegments))]), help: m(.helpPathTooLong))
                }
                try chainStep(&steps)
            }
            if token.kind == .dot {
                advance()
                let name = try expectIdentifier(p(.fieldNameAfterDot))
                base = Expr(.member(base, name), base.span.merged(with: name.span))
            } else if token.kind == .lbracket {
                advance()
                if token.kind == .star {
                    advance()
                    try expect(.rbracket, p(.bracketAfterStar))
                    base = Expr(.project(base), spanFrom(base.span.start))
                } else {
                    let index = try parseExpr()
                    try expect(.rbracket, p(.bracketAfterIndex))
                    base = Expr(.index(base, index), spanFrom(base.span.start))
                }
            } else {
                return base
            }
        }
    }

    // primary = literal | IDENT | call | "(" expr ")" | list | comp-list | object | quant | cond ;
    private mutating func parsePrimary() throws(Abort) -> Expr {
        let start = token.start
        switch token.kind {
        case .number:
            let raw = text(token).replacingOccurrences(of: "_", with: "")
            let value = Double(raw) ?? .nan
            advance()
            return Expr(.number(value, text: raw), spanFrom(start))
        case .string:
            let s = decodeString(token)
            advance()
            return Expr(.string(s), spanFrom(start))
        case .date:
            let d = CivilDate(text: source.bytes[Int(token.start)..<Int(token.end)]) ?? CivilDate(dayNumber: 0)
            advance()
            return Expr(.date(d), spanFrom(start))
        case .lparen:
            advance()
            let inner = try parseExpr()
            guard token.kind == .rparen else {
                throw fail("E1010", expectedFound(p(.closeParen)), secondary: [Label(Span(file: file, start: start, end: start + 1), m(.labelUnclosedParen))])
            }
            advance()
            return Expr(.paren(inner), spanFrom(start))
        case .lbracket:
            advance()
            var items: [Expr] = []
            while token.kind != .rbracket {
                items.append(try parseExpr())
                if items.count == 1 && isWord("for") {
                    let c = try parseComprehension(items[0], isBracketed: true)
                    guard token.kind == .rbracket else {
                        throw fail("E1010", expectedFound(p(.closeList)), secondary: [Label(Span(file: file, start: start, end: start + 1), m(.labelUnclosedBracket))])
                    }
                    advance()
                    return Expr(.comprehension(c), spanFrom(start))
                }
                if token.kind != .comma { break }
                advance()
            }
            guard token.kind == .rbracket else {
                throw fail("E1010", expectedFound(p(.commaOrBracketInList)), secondary: [Label(Span(file: file, start: start, end: start + 1), m(.labelUnclosedBracket))])
            }
            advance()
            return Expr(.list(items), spanFrom(start))
        case .lbrace:
            advance()
            try enter()
            defer { depth -= 1 }
            var entries: [ObjectEntry] = []
            while token.kind != .rbrace {
                guard token.kind == .string else {
                    throw fail("E1010", expectedFound(p(.stringKey)), help: m(.helpKeyInQuotes))
                }
                guard let key = decodeString(token).plainText else { throw interpolatedKey() }
                let keySpan = span(token)
                advance()
                try expect(.colon, p(.colonAfterKey))
                let value = try parseExpr()
                entries.append(ObjectEntry(key: key, keySpan: keySpan, value: value))
                if token.kind != .comma { break }
                advance()
            }
            try expect(.rbrace, p(.commaOrBraceInObject))
            return Expr(.object(entries), spanFrom(start))
        case .word:
            if isWord("true") || isWord("false") {
                let v = isWord("true")
                advance()
                return Expr(.bool(v), spanFrom(start))
            }
            if isWord("null") {
                advance()
                return Expr(.null, spanFrom(start))
            }
            if let q = quantifierHere() { return try parseQuantifier(q) }
            if isWord("if") { return try parseConditional() }
            if isWord("and") || isWord("or") || isWord("not") || isWord("in") {
                throw fail("E1012", m(.expectedFound, ["what": .localized(p(.anExpression)), "found": .localized(m(.foundKeyword, ["token": .localized(found(token))]))]))
            }
            if looksLikeDeclarationStart {
                throw fail("E1012", expectedFound(p(.anExpression)), help: m(.helpNextDeclaration, ["token": .localized(found(token))]))
            }
            let name = Name(text(token), span(token))
            advance()
            if token.kind == .lparen {
                advance()
                var args: [Expr] = []
                while token.kind != .rparen {
                    args.append(try parseExpr())
                    if args.count == 1 && isWord("for") {
                        // `sum(e for x in xs where c)`: the comprehension is the only argument.
                        let c = try parseComprehension(args[0], isBracketed: false)
                        args[0] = Expr(.comprehension(c), args[0].span.merged(with: Span(file: file, start: args[0].span.start, end: previousEnd)))
                        try expect(.rparen, p(.parenAfterComprehension, ["name": .text(name.text)]))
                        return Expr(.call(name, args), spanFrom(start))
                    }
                    if token.kind != .comma { break }
                    advance()
                }
                try expect(.rparen, p(.commaOrParenInCall, ["name": .text(name.text)]))
                return Expr(.call(name, args), spanFrom(start))
            }
            return Expr(.name(name.text), name.span)
        default:
            var help: LocalizedText? = nil
            if token.kind == .assign { help = m(.helpUseEqualEqual) }
            if token.kind == .rbrace || token.kind == .rparen || token.kind == .endOfFile,
               previousEnd > 0, "+-*/<>=?".utf8.contains(source.bytes[Int(previousEnd) - 1]) {
                help = m(.helpDanglingOperator)
            }
            throw fail("E1012", expectedFound(p(.anExpression)), help: help)
        }
    }

    /// `all`, `any` and `none` always start a quantifier; `count` does when
    /// followed by `(NAME in` (otherwise it is the function `count(list)`).
    private mutating func quantifierHere() -> Quantifier? {
        if isWord("all") { return .all }
        if isWord("any") { return .any }
        if isWord("none") { return Quantifier.none }
        if isWord("count") {
            let mark = lexer.mark()
            let a = lexer.next(), b = lexer.next(), c = lexer.next()
            lexer.reset(to: mark)
            if a.kind == .lparen && b.kind == .word && c.kind == .word && source.bytes[Int(c.start)..<Int(c.end)].elementsEqual("in".utf8) {
                return .count
            }
        }
        return nil
    }

    // quant = ( "all" | "any" | "none" | "count" ) "(" IDENT "in" expr ":" expr ")" ;
    private mutating func parseQuantifier(_ q: Quantifier) throws(Abort) -> Expr {
        let start = token.start
        advance()
        let quantifier: MessageArg = .text(q.rawValue)
        try expect(.lparen, p(.parenAfterQuantifier, ["quantifier": quantifier]))
        let variable = try expectBindingName(p(.quantifierVariable, ["quantifier": quantifier]))
        guard isWord("in") else {
            throw fail("E1010", expectedFound(p(.inAfterVariable, ["variable": .text(variable.text)])), help: m(.helpQuantifierForm, ["quantifier": quantifier]))
        }
        advance()
        let collection = try parseExpr()
        guard token.kind == .colon else {
            throw fail("E1017", expectedFound(p(.colonBeforeCondition, ["quantifier": quantifier])),
                       help: m(.helpQuantifierColon, ["quantifier": quantifier, "variable": .text(variable.text)]))
        }
        advance()
        let body = try parseExpr()
        try expect(.rparen, p(.closeQuantifier, ["quantifier": quantifier]))
        return Expr(.quantifier(q, variable, collection, body), spanFrom(start))
    }

    // cond = "if" expr "then" expr "else" expr ;
    private mutating func parseConditional() throws(Abort) -> Expr {
        let start = token.start
        advance()
        try enter()
        defer { depth -= 1 }
        let condition = try parseExpr()
        guard isWord("then") else {
            throw fail("E1010", expectedFound(p(.thenAfterIf)), help: m(.helpIfForm))
        }
        advance()
        let then = try parseExpr()
        guard isWord("else") else {
            throw fail("E1010", expectedFound(p(.elseAfterThen)), help: m(.helpIfBothBranches))
        }
        advance()
        let otherwise = try parseExpr()
        return Expr(.conditional(condition, then, otherwise), spanFrom(start))
    }

    // comp = expr "for" IDENT "in" expr [ "where" expr ] ;   (in `[…]`, or a call's only argument)
    private mutating func parseComprehension(_ element: Expr, isBracketed: Bool) throws(Abort) -> Comprehension {
        advance()
        try enter()
        defer { depth -= 1 }
        let variable = try expectBindingName(p(.comprehensionVariable))
        guard isWord("in") else {
            throw fail("E1010", expectedFound(p(.inAfterFor, ["variable": .text(variable.text)])), help: m(.helpComprehensionForm, ["variable": .text(variable.text)]))
        }
        advance()
        let (collection, filter) = try parseCollectionAndFilter()
        return Comprehension(element: element, variable: variable, collection: collection, filter: filter, isBracketed: isBracketed)
    }

    // collection-filter = expr [ "where" expr ]   (after `in`, in `for each` and comprehensions)
    private mutating func parseCollectionAndFilter() throws(Abort) -> (collection: Expr, filter: Expr?) {
        let collection = try parseExpr()
        guard isWord("where") else { return (collection, nil) }
        advance()
        return (collection, try parseExpr())
    }

    // MARK: - Strings

    /// Decodes a string token: escapes, `{{`/`}}`, and `{expr}` parsed in place
    /// (the spans of interpolated expressions point into the file). NFC.
    private mutating func decodeString(_ t: Token) -> StringLiteral {
        let bytes = source.bytes
        var parts: [StringLiteral.Part] = []
        var buffer: [UInt8] = []
        var i = Int(t.start) + 1
        let end = t.flags.contains(.unterminated) ? Int(t.end) : Int(t.end) - 1
        if t.flags.contains(.raw) {
            let body = bytes[i..<max(i, end)]
            let text = String(decoding: body, as: UTF8.self)
            let nfc = body.contains { $0 == 0xCC || $0 == 0xCD } ? text.precomposedStringWithCanonicalMapping : text
            return StringLiteral(parts: nfc.isEmpty ? [] : [.text(nfc)], span: span(t), isRaw: true)
        }
        func flush() {
            if !buffer.isEmpty {
                // NFC: only text with combining marks (UTF-8 lead bytes 0xCC/0xCD) can change.
                let text = String(decoding: buffer, as: UTF8.self)
                parts.append(.text(buffer.contains { $0 == 0xCC || $0 == 0xCD } ? text.precomposedStringWithCanonicalMapping : text))
                buffer.removeAll()
            }
        }
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") && i + 1 < end {
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "n"): buffer.append(0x0A); i += 2
                case UInt8(ascii: "t"): buffer.append(0x09); i += 2
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(e); i += 2
                case UInt8(ascii: "u"):
                    var j = i + 2
                    var value: UInt32 = 0
                    var ok = false
                    if j < end && bytes[j] == UInt8(ascii: "{") {
                        j += 1
                        var n = 0
                        while j < end && isHex(bytes[j]) && n < 6 {
                            value = value * 16 + UInt32(hexValue(bytes[j]))
                            j += 1
                            n += 1
                        }
                        if j < end && bytes[j] == UInt8(ascii: "}") && n > 0 {
                            j += 1
                            ok = true
                        }
                    }
                    if ok, let scalar = Unicode.Scalar(value) {
                        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                        i = j
                    } else {
                        if !ok && j < end && bytes[j] == UInt8(ascii: "}") { j += 1 }
                        let escape = Span(file: file, start: UInt32(i), end: UInt32(max(j, i + 2)))
                        let help = ok
                            ? m(.helpNotAScalar, ["hex": .text(String(value, radix: 16, uppercase: true))])
                            : m(.helpUnicodeEscapeForm)
                        report(.error("E1003", m(.badUnicodeEscape, ["escape": .text(source.text(escape))]), at: escape, help: help))
                        i = max(j, i + 2)
                    }
                default:
                    let escape = Span(file: file, start: UInt32(i), end: UInt32(i + 1 + min(scalarLength(e), end - i - 1)))
                    report(.error("E1003", m(.badEscape, ["escape": .text(source.text(escape))]), at: escape, help: m(.helpEscapes)))
                    i = Int(escape.end)
                }
            } else if c == UInt8(ascii: "{") && i + 1 < end && bytes[i + 1] == UInt8(ascii: "{") {
                buffer.append(c)
                i += 2
            } else if c == UInt8(ascii: "}") && i + 1 < end && bytes[i + 1] == UInt8(ascii: "}") {
                buffer.append(c)
                i += 2
            } else if c == UInt8(ascii: "{"), let close = quantifierBraceEnd(bytes, from: i, end: end) {
                // `{4}`, `{2,3}`, `{}`: a regular expression's repetition, never an
                // expression; kept as text after the error, so nothing cascades.
                let braces = Span(file: file, start: UInt32(i), end: UInt32(close))
                let content = String(decoding: bytes[(Int(t.start) + 1)..<end], as: UTF8.self)
                let help = rawStringSpelling(ofQuoted: content).map { m(.helpBracesRaw, ["raw": .text($0)]) }
                    ?? m(.helpBracesDoubled, ["doubled": .text("{\(source.text(braces))}")])
                report(.error("E1030", m(.bracesWithoutExpression, ["braces": .text(source.text(braces))]), at: braces, help: help))
                buffer.append(contentsOf: bytes[i..<close])
                i = close
            } else if c == UInt8(ascii: "{") {
                flush()
                i = parseInterpolation(at: i, end: end, into: &parts)
            } else {
                buffer.append(c)
                i += 1
            }
        }
        flush()
        return StringLiteral(parts: parts, span: span(t))
    }

    /// The offset after the `}` when the `{` at `start` holds only a number,
    /// a list of numbers or nothing (`{4}`, `{2,3}`, `{,5}`, `{}`: digits,
    /// commas and spaces), as a regular expression's repetition does, and so
    /// cannot be an interpolation; else nil.
    private func quantifierBraceEnd(_ bytes: [UInt8], from start: Int, end: Int) -> Int? {
        var j = start + 1
        while j < end {
            let b = bytes[j]
            if b == UInt8(ascii: "}") { return j + 1 }
            guard isDigit(b) || b == UInt8(ascii: ",") || b == 0x20 else { return nil }
            j += 1
        }
        return nil
    }

    /// Parses `{expr}` starting at the `{` at `offset`, in a string whose
    /// content ends at `end`; returns the offset after the `}`.
    private mutating func parseInterpolation(at offset: Int, end: Int, into parts: inout [StringLiteral.Part]) -> Int {
        var sub = Parser(source: source, interpolationAt: offset + 1, limit: end, depth: depth)
        if sub.token.kind == .rbrace {
            report(.error("E1030", m(.emptyInterpolation), at: Span(file: file, start: UInt32(offset), end: sub.token.end), help: m(.helpEmptyInterpolation)))
            return Int(sub.token.end)
        }
        do throws(Abort) {
            let e = try sub.parseExpr()
            if sub.token.kind != .rbrace {
                if sub.token.kind == .unknown { sub.retractNameError() }
                throw sub.fail("E1016", sub.expectedFound(p(.closeInterpolation)), help: m(.helpLiteralOpenBrace))
            }
            parts.append(.interpolation(e))
            for d in sub.diagnostics { report(d) }
            return Int(sub.token.end)
        } catch {
            for d in sub.diagnostics { report(d) }
            return min(end, Lexer.endOfInterpolation(bytes: source.bytes, start: offset + 1, limit: end))
        }
    }

    /// A parser for the interpolation whose expression starts at `offset`,
    /// inside a string whose closing quote (or end) is at `limit`.
    private init(source: SourceFile, interpolationAt offset: Int, limit: Int, depth: Int) {
        self.source = source
        self.lexer = Lexer(bytes: source.bytes, start: offset, limit: limit)
        self.depth = depth
        self.isInterpolation = true
        self.token = lexer.next()
        checkToken()
    }

    // MARK: - Tokens

    private mutating func advance(expectingRuleID: Bool = false) {
        previousEnd = token.end
        token = expectingRuleID ? lexer.nextRuleID() : lexer.next()
        checkToken()
        if token.kind == .word && token.isAtLineStart && looksLikeDeclarationStart {
            resumePoint = (lexer.mark(), token, previousEnd)
        }
    }

    /// Turns the lexer's flags on the new token into diagnostics (once per
    /// token, even when recovery lexes it again).
    private mutating func checkToken() {
        guard token.end > checkedUpTo || (token.kind == .endOfFile && token.end >= checkedUpTo) else { return }
        checkedUpTo = token.end
        // The common case: nothing to report.
        if token.kind != .unknown && token.flags.rawValue & ~Token.Flags.atLineStart.rawValue == 0 { return }
        let s = span(token)
        if token.flags.contains(.unterminatedComment), let c = lexer.unterminatedCommentStart {
            report(.error("E1004", m(.unterminatedComment), at: Span(file: file, start: UInt32(c), end: UInt32(c + 2)), help: m(.helpUnterminatedComment)), force: true)
        }
        if token.kind == .unknown && source.bytes[Int(token.start)] >= 0x80 && firstInvalidUTF8(Array(source.bytes[Int(token.start)..<Int(token.end)])) != nil {
            reportInvalidUTF8(at: Int(token.start))
        } else if token.kind == .unknown {
            let t = text(token)
            if t.unicodeScalars.count > 1 {
                report(.error("E1001", m(.invalidName, ["text": .text(t)]), at: s, help: m(.helpInvalidName, ["text": .text(t)])))
            } else if let scalar = t.unicodeScalars.first, isInvisible(scalar) {
                let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count)) + String(scalar.value, radix: 16, uppercase: true)
                let isSpace = scalar.properties.isWhitespace
                report(.error(
                    "E1001", m(isSpace ? .invisibleSpace : .invisibleCharacter, ["code": .text(code)]), at: s,
                    help: m(isSpace ? .helpInvisibleSpace : .helpInvisibleCharacter)))
            } else {
                var help: LocalizedText? = nil
                switch t {
                case "!": help = m(.helpBang)
                case "&", "|": help = m(.helpAmpersand)
                case "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}": help = m(.helpCurlyQuotes)
                case ";": help = m(.helpSemicolon)
                case "`":
                    // Only `given`'s JSON lexes a backtick as a character of its own.
                    report(.error("E1001", m(.rawStringInGiven), at: s, help: m(.helpRawStringInGiven)))
                    return
                default:
                    if let scalar = t.unicodeScalars.first, scalar.properties.isAlphabetic {
                        help = m(.helpNonASCIILetter)
                    }
                }
                report(.error("E1001", m(.unexpectedCharacter, ["text": .text(t)]), at: s, help: help))
            }
        }
        if token.flags.contains(.badUTF8), let k = firstInvalidUTF8(Array(source.bytes[Int(token.start)..<Int(token.end)])) {
            reportInvalidUTF8(at: Int(token.start) + k)
        }
        if token.flags.contains(.unterminated) && token.flags.contains(.raw) {
            report(.error("E1002", m(.unterminatedRawString), at: Span(file: file, start: token.start, end: token.start + 1), help: m(.helpUnterminatedRawString)))
        } else if token.flags.contains(.unterminated) {
            report(.error("E1002", m(.unterminatedString), at: Span(file: file, start: token.start, end: token.start + 1), help: m(.helpUnterminatedString)))
        }
        if token.flags.contains(.badNumber) {
            report(.error("E1005", m(.malformedNumber, ["text": .text(text(token))]), at: s, help: m(.helpNumberForms)))
        }
        if token.flags.contains(.badDate) {
            reportBadDate(s)
        }
    }

    /// `2024-02-30`, `2024-13-01`, `2024-7-9`.
    private mutating func reportBadDate(_ s: Span) {
        let t = text(token)
        let parts = t.split(separator: "-").map { Int($0) ?? 0 }
        let (y, mo, d) = (parts[0], parts[1], parts[2])
        if t.utf8.count != 10 {
            var help = m(.helpDateForm)
            if let date = CivilDate(year: y, month: mo, day: d) { help = m(.helpWriteDate, ["date": .text("\(date)")]) }
            report(.error("E1006", m(.notADateForm, ["text": .text(t)]), at: s, help: help))
            return
        }
        var help: LocalizedText? = nil
        if mo < 1 || mo > 12 {
            help = m(.helpMonthRange)
        } else if d < 1 || d > CivilDate.daysIn(month: mo, year: max(y, 1)) {
            help = m(.helpMonthDays, ["month": .text(String(mo)), "year": .text(String(y)),
                                      "days": .text(String(CivilDate.daysIn(month: mo, year: max(y, 1))))])
        } else if y < 1 {
            help = m(.helpYearRange)
        }
        report(.error("E1006", m(.notARealDate, ["text": .text(t)]), at: s, help: help))
    }

    private mutating func reportInvalidUTF8(at offset: Int) {
        report(.error("E1007", m(.invalidUTF8, ["offset": .text(String(offset))]), at: Span(file: file, start: UInt32(offset), end: UInt32(offset + 1)), help: m(.helpSaveAsUTF8)))
    }

    /// Whether the token is the word `w` (a keyword where the grammar expects one).
    private func isWord(_ w: StaticString) -> Bool {
        guard token.kind == .word, Int(token.end - token.start) == w.utf8CodeUnitCount else { return false }
        let p = w.utf8Start
        var k = 0
        var i = Int(token.start)
        while k < w.utf8CodeUnitCount {
            if source.bytes[i] != p[k] { return false }
            k += 1
            i += 1
        }
        return true
    }

    private func isWord(named w: String) -> Bool {
        token.kind == .word && source.bytes[Int(token.start)..<Int(token.end)].elementsEqual(w.utf8)
    }

    private mutating func peekKind() -> TokenKind { peek().kind }

    /// The token after the current one, read ahead without moving.
    private mutating func peek(expectingRuleID: Bool = false) -> Token {
        let mark = lexer.mark()
        defer { lexer.reset(to: mark) }
        return expectingRuleID ? lexer.nextRuleID() : lexer.next()
    }

    private func text(_ t: Token) -> String {
        String(decoding: source.bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    private func span(_ t: Token) -> Span { Span(file: file, start: t.start, end: t.end) }

    private func spanFrom(_ start: UInt32) -> Span { Span(file: file, start: start, end: max(start, previousEnd)) }

    private var here: Span { span(token) }

    /// How a token is named after "found": `end of file`, or the token in backticks.
    private func found(_ t: Token) -> LocalizedText {
        switch t.kind {
        case .endOfFile: return m(isInterpolation ? .foundEndOfString : .foundEndOfFile)
        case .string, .word, .ruleID, .number, .date, .unknown:
            let whole = text(t)
            let shown = whole.count > 40 ? whole.prefix(39) + "…" : Substring(whole)
            return LocalizedText(verbatim: "`\(shown)`")
        default: return LocalizedText(verbatim: "`\(text(t))`")
        }
    }

    /// "expected WHAT, found TOKEN" for the current token.
    private func expectedFound(_ what: LocalizedText) -> LocalizedText {
        m(.expectedFound, ["what": .localized(what), "found": .localized(found(token))])
    }

    /// "did you mean `x`?" when there is a suggestion.
    private func didYouMean(_ suggestion: String?) -> LocalizedText? {
        suggestion.map { m(.didYouMean, ["name": .text($0)]) }
    }

    private mutating func expect(_ kind: TokenKind, _ what: @autoclosure () -> LocalizedText, help: @autoclosure () -> LocalizedText? = nil) throws(Abort) {
        guard token.kind == kind else { throw fail("E1010", expectedFound(what()), help: help()) }
        advance()
    }

    private mutating func expectIdentifier(_ what: @autoclosure () -> LocalizedText, help: @autoclosure () -> LocalizedText? = nil) throws(Abort) -> Name {
        guard token.kind == .word, !looksLikeDeclarationStart else { throw fail("E1010", expectedFound(what()), help: help()) }
        let n = Name(text(token), span(token))
        advance()
        return n
    }

    /// A name that expressions will refer to: not a word reserved there.
    private mutating func expectBindingName(_ what: @autoclosure () -> LocalizedText) throws(Abort) -> Name {
        if isWord("and") || isWord("or") || isWord("not") || isWord("in") || isWord("true") || isWord("false") || isWord("null")
            || isWord("all") || isWord("any") || isWord("none") || isWord("if") || isWord("then") || isWord("else") || isWord("for") || isWord("where")
        {
            let word = found(token)
            throw fail("E1010", m(.expectedFound, ["what": .localized(what()), "found": .localized(m(.foundKeyword, ["token": .localized(word)]))]),
                       help: m(.helpReservedName, ["token": .localized(word)]))
        }
        return try expectIdentifier(what())
    }

    private mutating func expectString(_ what: @autoclosure () -> LocalizedText) throws(Abort) -> StringLiteral {
        guard token.kind == .string else {
            let what = what()
            var help: LocalizedText? = nil
            if (isWord("vi") || isWord("en")) && peekKind() == .string {
                // `title en "…"` where only rules' texts come in languages.
                help = m(.helpOneTextNoLanguage, ["what": .localized(what), "token": .localized(found(token))])
            } else if token.kind == .word {
                help = m(.helpQuoteText)
            }
            throw fail("E1010", expectedFound(what), help: help)
        }
        let s = decodeString(token)
        advance()
        return s
    }

    private mutating func expectDate(_ what: @autoclosure () -> LocalizedText) throws(Abort) -> DateLiteral {
        guard token.kind == .date else {
            let what = what()
            var help: LocalizedText? = nil
            if token.kind == .string, token.end - token.start == 12, let d = CivilDate(text: source.bytes[Int(token.start + 1)..<Int(token.end - 1)]) {
                help = m(.helpDateWithoutQuotes, ["date": .text("\(d)")])
            }
            throw fail("E1010", m(.expectedDateFound, ["what": .localized(what), "found": .localized(found(token))]), help: help)
        }
        let d = CivilDate(text: source.bytes[Int(token.start)..<Int(token.end)]) ?? CivilDate(dayNumber: 0)
        let lit = DateLiteral(value: d, span: span(token))
        advance()
        return lit
    }

    private mutating func unexpectedWord(in context: LocalizedText, expected: [String]) -> Abort {
        if token.kind == .word, let s = suggestion(for: text(token), in: expected) {
            return fail("E1013", m(.unknownWordIn, ["found": .localized(found(token)), "context": .localized(context)]), help: didYouMean(s))
        }
        if token.kind == .endOfFile {
            return fail("E1010", m(.closeBlock, ["context": .localized(context), "found": .localized(found(token))]))
        }
        return fail("E1013", m(.expectedWordsIn, [
            "words": .text(expected.map { "`\($0)`" }.joined(separator: ", ")), "last": .text("`}`"),
            "context": .localized(context), "found": .localized(found(token)),
        ]))
    }

    private mutating func interpolatedKey() -> Abort {
        fail("E1080", m(.interpolatedKey), help: m(.helpLiteralBraces))
    }

    /// The candidate a misspelt or shortened word most likely means
    /// (`eror` → `error`, `warn` → `warning`).
    private func suggestion(for word: String, in candidates: [String]) -> String? {
        if let s = closestMatch(to: word, in: candidates) { return s }
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        return candidates.first { $0.hasPrefix(lower) }
    }

    /// A second `verified`/`unverified` on one item or threshold: they
    /// contradict each other, or repeat.
    private mutating func reportDuplicateVerification(_ v: Verification) {
        report(.error("E1014", m(.verificationTwice), at: v.keyword.span, help: m(.helpVerificationTwice)))
    }

    private mutating func reportDuplicate(_ key: String, _ offset: UInt32) {
        report(.error("E1014", m(.givenTwice, ["key": .text(key)]), at: Span(file: file, start: offset, end: offset + UInt32(key.utf8.count)), help: m(.helpKeepOne)))
    }

    /// Records an error at the current token and returns the abort to throw.
    /// At the end of a file that an unterminated block comment swallowed,
    /// that comment is the error (already reported) and this one is not.
    private mutating func fail(_ code: DiagnosticCode, _ message: LocalizedText, secondary: [Label] = [], help: LocalizedText? = nil) -> Abort {
        if token.kind == .endOfFile && token.flags.contains(.unterminatedComment) { return Abort() }
        report(.error(code, message, at: errorSpan, secondary: secondary, help: help))
        return Abort()
    }

    /// Where an error at the current token points: the token, or inside an
    /// interpolation that ran out, the string's closing quote.
    private var errorSpan: Span {
        if isInterpolation && token.kind == .endOfFile && Int(token.start) < source.bytes.count && source.bytes[Int(token.start)] == UInt8(ascii: "\"") {
            return Span(file: file, start: token.start, end: token.start + 1)
        }
        return here
    }

    /// Inside a `{ … }` block, the end of the file or a declaration keyword
    /// starting a line means the block was never closed. In a schema, where a
    /// field may be called `source`, only what reads as a whole declaration
    /// start counts.
    private mutating func checkBlockIsOpen(_ what: @autoclosure () -> LocalizedText, openedAt brace: UInt32, fieldsMayLookLikeKeywords: Bool = false) throws(Abort) {
        let isNextDeclaration = fieldsMayLookLikeKeywords
            ? looksLikeDeclarationStart
            : token.kind == .word && token.isAtLineStart && !isInterpolation && isDeclarationKeyword
        guard token.kind == .endOfFile || isNextDeclaration else { return }
        throw fail(
            "E1010", m(.closeBlock, ["context": .localized(what()), "found": .localized(found(token))]),
            secondary: [Label(Span(file: file, start: brace, end: brace + 1), m(.labelUnclosedBrace))])
    }

    /// Takes back the E1001 the current token got when it was lexed: in an
    /// interpolation, a word after the expression (`{x thấp`) means the `}`
    /// is missing, whatever the word is, and that is the error to show.
    private mutating func retractNameError() {
        guard let k = diagnostics.lastIndex(where: { $0.code == "E1001" && $0.span.start == token.start }) else { return }
        diagnostics.remove(at: k)
        reported.remove(ReportKey(code: "E1001", start: token.start))
        let line = source.lines.lineIndex(of: token.start)
        if !diagnostics.contains(where: { $0.severity == .error && source.lines.lineIndex(of: $0.span.start) == line }) { errorLines.remove(line) }
    }

    /// Records a diagnostic unless another error is already on its line
    /// (likely a cascade, as go/parser judges) or it was reported before.
    /// An unterminated string also claims the next line, which usually holds
    /// the rest of the string.
    private mutating func report(_ d: Diagnostic, force: Bool = false) {
        let line = source.lines.lineIndex(of: d.span.start)
        if !force && d.severity == .error && errorLines.contains(line) { return }
        guard reported.insert(ReportKey(code: d.code.rawValue, start: d.span.start)).inserted else { return }
        if d.severity == .error {
            errorLines.insert(line)
            if d.code == "E1002" { errorLines.insert(line + 1) }
        }
        diagnostics.append(d)
    }
}

/// A character an editor shows as blank or not at all: control characters,
/// spaces other than U+0020, and format characters such as U+FEFF or U+200B.
private func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isWhitespace { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
}

/// Bytes in the UTF-8 sequence a lead byte starts (1 for anything else).
private func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xC0...0xDF: 2
    case 0xE0...0xEF: 3
    case 0xF0...0xF7: 4
    default: 1
    }
}

private func hexValue(_ b: UInt8) -> UInt8 {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): b - 48
    case UInt8(ascii: "a")...UInt8(ascii: "f"): b - 87
    default: b - 55
    }
}

/// The backtick (raw) spelling of an ordinary string whose text between the
/// quotes is `quoted`, with its braces kept as written (`{4}` stays `{4}`,
/// `{{` becomes `{`), for a help line; nil when no raw string can say the
/// same (it would need a backtick, a line break or an escape a raw string lacks).
package func rawStringSpelling(ofQuoted quoted: String) -> String? {
    var out = "`"
    var it = Array(quoted.unicodeScalars)[...]
    while let c = it.popFirst() {
        switch c {
        case "`": return nil
        case "\\":
            guard let e = it.popFirst(), e == "\\" || e == "\"" else { return nil }
            out.unicodeScalars.append(e)
        case "{", "}":
            if it.first == c { it.removeFirst() }
            out.unicodeScalars.append(c)
        default:
            out.unicodeScalars.append(c)
        }
    }
    return out + "`"
}

/// A parser message from the catalogue, with its placeholders filled.
private func m(_ entry: SyntaxMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> LocalizedText {
    localize(entry, args)
}

/// A phrase naming what the parser expected, with its placeholders filled.
private func p(_ entry: SyntaxPhrase, _ args: KeyValuePairs<String, MessageArg> = [:]) -> LocalizedText {
    localize(entry, args)
}
