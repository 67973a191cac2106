import Diagnostics
import Foundation
import JSON
import Syntax

/// The load-time checks and compilation of a ruleset: every declaration of
/// every file in one namespace. All problems are collected, none thrown;
/// an expression that fails to compile becomes `.bad` and is skipped
/// silently afterwards (no cascades).
package struct Analyzer {
    private var files: SourceMap
    private var parsed: [RulesFile]
    private var diagnostics: [Diagnostic] = []

    private var rulesetDecl: RulesetDecl?
    private var sources: [SourceInfo] = []
    private var schema: SchemaType?
    private var schemaDecl: SchemaDecl?
    /// `required when` expressions in `SchemaFieldInfo.requiredWhen` order, with the field's path, compiled after the lets.
    private var pendingConditions: [(expr: Expr, field: String)] = []
    private var letDecls: [LetDecl] = []
    private var defDecls: [DefDecl] = []
    private var letIndex: [String: Int] = [:]
    private var defIndex: [String: Int] = [:]
    /// Which lets and defs each let/def refers to, for cycle detection ("l:name" / "d:name").
    private var references: [String: Set<String>] = [:]
    private var used: Set<String> = []
    private var currentOwner: String? = nil
    /// Cache slots of root paths, by their field names joined with NUL.
    private var pathSlots: [String: Int] = [:]
    private var pathSlotPrefix: [Int] = []

    /// Creates an analyzer over the parsed files of one ruleset.
    package init(files: SourceMap, parsed: [RulesFile]) {
        self.files = files
        self.parsed = parsed
    }

    /// Analyzes and compiles; the program is nil only when nothing could be built.
    package static func analyze(files: SourceMap, parsed: [RulesFile]) -> (Program, [Diagnostic]) {
        var a = Analyzer(files: files, parsed: parsed)
        let p = a.run()
        return (p, a.diagnostics)
    }

    private mutating func run() -> Program {
        collectDeclarations()
        let thresholds = collectThresholds()
        var lets: [CompiledLet] = []
        for d in letDecls {
            currentOwner = "l:" + d.name.text
            var frame = Frame()
            let (code, _) = compile(d.value, &frame)
            lets.append(CompiledLet(name: d.name.text, value: code, frameSize: frame.size, span: d.span))
        }
        var defs: [CompiledDef] = []
        for d in defDecls {
            currentOwner = "d:" + d.name.text
            var frame = Frame()
            for p in d.parameters { frame.push(p.text, .unknown) }
            let (code, _) = compile(d.body, &frame)
            defs.append(CompiledDef(name: d.name.text, parameterCount: d.parameters.count, body: code, frameSize: frame.size, span: d.span))
        }
        currentOwner = nil
        var conditions: [SchemaCondition] = []
        for c in pendingConditions {
            var frame = Frame()
            let (code, type) = compile(c.expr, &frame)
            checkBoolean(type, c.expr)
            let written = files[c.expr.span.file].map { $0.text(c.expr.span).split(whereSeparator: \.isWhitespace).joined(separator: " ") } ?? ""
            conditions.append(SchemaCondition(code: code, frameSize: frame.size, field: c.field, text: written))
        }
        checkCycles()
        var rules: [CompiledRule] = []
        var ruleSpans: [String: Span] = [:]
        for f in parsed {
            for case .rule(let r) in f.decls {
                if let first = ruleSpans[r.id.text] {
                    error("E2004", "duplicate rule id `\(r.id.text)`", at: r.id.span, label: "declared again here",
                          secondary: [Label(first, "first declared here")], help: "rule ids are unique across the ruleset; rename one")
                    continue
                }
                ruleSpans[r.id.text] = r.id.span
                rules.append(compileRule(r))
            }
        }
        markUnverifiedThresholds(&rules, thresholds)
        let tests = compileTests(known: ruleSpans)
        warnUnused()
        // Named by path here; `RulesetLoader` replaces it with the content digest over relative names.
        let digest = RulesetDigest.compute(files.files.map { ($0.path, $0.bytes) })
        return Program(
            name: rulesetDecl?.name.text ?? "unnamed",
            title: rulesetDecl?.title?.plainText,
            version: rulesetDecl?.version?.plainText,
            dateField: rulesetDecl?.dateField?.map { Key($0.text) },
            sources: sources, schema: schema, schemaDoc: schemaDecl,
            schemaConditions: conditions, schemaSeverity: schemaSeverities(),
            lets: lets, defs: defs, rules: rules, thresholds: thresholds, tests: tests, files: files,
            digest: digest, pathCachePrefix: pathSlotPrefix)
    }

    // MARK: - Declarations

    private mutating func collectDeclarations() {
        var letSpans: [String: Span] = [:]
        for f in parsed {
            for decl in f.decls {
                switch decl {
                case .ruleset(let r):
                    if let first = rulesetDecl {
                        error("E2015", "a second `ruleset` declaration", at: r.name.span, secondary: [Label(first.name.span, "first declared here")], help: "a ruleset has one `ruleset` block")
                    } else {
                        rulesetDecl = r
                    }
                case .source(let s):
                    let name = s.name.plainText ?? ""
                    if let first = sources.first(where: { $0.name == name }) {
                        error("E2015", "source `\(name)` is declared twice", at: s.name.span, secondary: [Label(first.span, "first declared here")], help: "merge the two `source` blocks")
                        continue
                    }
                    var items: [ItemInfo] = []
                    for item in s.items {
                        let id = item.id.plainText ?? ""
                        if let first = items.first(where: { $0.id == id }) {
                            error("E2015", "item `\(id)` of source `\(name)` is declared twice", at: item.id.span, secondary: [Label(first.span, "first declared here")], help: "item numbers are unique within a source; renumber or remove one")
                            continue
                        }
                        var info = ItemInfo(id: id, text: item.text.plainText ?? "", notCheckable: item.notCheckable?.plainText, span: item.id.span)
                        info.verified = item.verification?.isVerified
                        if item.verification == nil {
                            warning("W2070", "source item `\(id)` does not say whether it was verified against the text", at: item.id.span,
                                    help: "add `verified` after the item's text if it was read in the source, or `unverified` if not")
                        }
                        for point in item.points {
                            let pid = point.id.plainText ?? ""
                            if let first = info.points.first(where: { $0.id == pid }) {
                                error("E2071", "point `\(pid)` of item `\(id)` is declared twice", at: point.id.span, secondary: [Label(first.span, "first declared here")], help: "point ids are unique within an item; rename or remove one")
                                continue
                            }
                            info.points.append(PointInfo(id: pid, text: point.text.plainText ?? "", verified: point.verification?.isVerified ?? info.verified, span: point.id.span))
                        }
                        items.append(info)
                    }
                    sources.append(SourceInfo(name: name, title: s.title?.plainText, issued: s.issued?.value, items: items, span: s.name.span))
                case .schema(let s):
                    if let first = schemaDecl {
                        error("E2015", "a second `schema` declaration", at: Span(file: s.span.file, start: s.span.start, end: s.span.start + 6), secondary: [Label(Span(file: first.span.file, start: first.span.start, end: first.span.start + 6), "first declared here")], help: "a ruleset has one schema")
                    } else {
                        schemaDecl = s
                        schema = .object(schemaFields(s.fields, in: f, path: ""))
                    }
                case .let(let l):
                    if let first = letSpans[l.name.text] {
                        error("E2005", "`\(l.name.text)` is declared twice", at: l.name.span, secondary: [Label(first, "first declared here")], help: "rename one, or remove the second")
                        continue
                    }
                    letSpans[l.name.text] = l.name.span
                    letIndex[l.name.text] = letDecls.count
                    letDecls.append(l)
                case .def(let d):
                    if let first = letSpans[d.name.text] {
                        error("E2005", "`\(d.name.text)` is declared twice", at: d.name.span, secondary: [Label(first, "first declared here")], help: "rename one, or remove the second")
                        continue
                    }
                    if Builtin(rawValue: d.name.text) != nil {
                        error("E2005", "`\(d.name.text)` is a built-in function", at: d.name.span, help: "choose another name")
                        continue
                    }
                    letSpans[d.name.text] = d.name.span
                    defIndex[d.name.text] = defDecls.count
                    defDecls.append(d)
                case .rule, .test, .bad:
                    break
                }
            }
        }
        if let r = rulesetDecl, let path = r.dateField, let schema {
            _ = checkSchemaPath(path, in: schema)
        }
    }

    private mutating func schemaFields(_ fields: [SchemaField], in file: RulesFile, path: String) -> [SchemaFieldInfo] {
        fields.map { f in
            let fieldPath = path.isEmpty ? f.name.text : path + "." + f.name.text
            var info = SchemaFieldInfo(name: f.name.text, isOptional: f.isOptional, type: schemaType(f.type, in: file, path: fieldPath), description: commentAbove(f.span, in: file))
            info.labels = enumLabels(f.type)
            if let e = f.requiredWhen {
                if !f.isOptional {
                    error("E2040", "`required when` on `\(f.name.text)`, which is always required", at: e.span,
                          help: "mark the field optional (`\(f.name.text)?:`) so that the condition decides, or remove `required when`")
                }
                info.requiredWhen = pendingConditions.count
                pendingConditions.append((e, fieldPath))
            }
            return info
        }
    }

    /// The labels of the enum a field's type holds (directly or as list elements).
    private func enumLabels(_ t: TypeExpr) -> [String: EnumLabel] {
        switch t.kind {
        case .list(let e): return enumLabels(e)
        case .enumeration(let vs):
            var out: [String: EnumLabel] = [:]
            for v in vs where !v.labels.isEmpty {
                let vi = v.labels.first { $0.lang.text == "vi" }?.text.plainText
                let en = v.labels.first { $0.lang.text == "en" }?.text.plainText
                out[v.value.plainText ?? ""] = EnumLabel(vi: vi, en: en)
            }
            return out
        default: return [:]
        }
    }

    private mutating func schemaType(_ t: TypeExpr, in file: RulesFile, path: String) -> SchemaType {
        switch t.kind {
        case .string: return .string
        case .number: return .number
        case .integer: return .integer
        case .bool: return .bool
        case .date: return .date
        case .enumeration(let vs):
            for v in vs {
                for l in v.labels where l.text.plainText == nil { _ = plain(l.text, "an enum label") }
            }
            return .enumeration(vs.map { $0.value.plainText ?? "" })
        case .list(let e): return .list(schemaType(e, in: file, path: path + "[]"))
        case .object(let fs): return .object(schemaFields(fs, in: file, path: path))
        case .bad: return .string
        }
    }

    /// The `schema_severity` lines checked, over the defaults.
    private mutating func schemaSeverities() -> [SchemaProblem: RuleSeverity] {
        var out: [SchemaProblem: RuleSeverity] = [:]
        for p in SchemaProblem.allCases { out[p] = p.defaultSeverity }
        var seen: [String: Span] = [:]
        for line in rulesetDecl?.schemaSeverities ?? [] {
            guard let kind = SchemaProblem(rawValue: line.kind.text) else {
                let names = SchemaProblem.allCases.map(\.rawValue)
                error("E2041", "`\(line.kind.text)` is not a kind of schema finding", at: line.kind.span,
                      help: closestMatch(to: line.kind.text, in: names).map { "did you mean `\($0)`?" } ?? "the kinds are \(names.map { "`\($0)`" }.joined(separator: ", "))")
                continue
            }
            guard let severity = RuleSeverity(rawValue: line.severity.text) else {
                error("E2041", "`\(line.severity.text)` is not a severity", at: line.severity.span, help: "write `error`, `warning` or `info`")
                continue
            }
            if let first = seen[kind.rawValue] {
                error("E2015", "`schema_severity \(kind.rawValue)` is given twice", at: line.span, secondary: [Label(first, "first given here")], help: "keep one line per kind")
            }
            seen[kind.rawValue] = line.span
            out[kind] = severity
        }
        return out
    }

    /// The own-line `//` comments directly above a span, or a trailing comment on its line.
    private func commentAbove(_ span: Span, in file: RulesFile) -> String? {
        guard let source = files[file.file] else { return nil }
        var lines: [String] = []
        var limit = span.start
        for c in file.comments.reversed() where c.end <= limit {
            let between = source.bytes[Int(c.end)..<Int(limit)]
            guard c.kind != .block, between.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }),
                between.count(where: { $0 == 0x0A }) <= 1, c.isOwnLine
            else { break }
            lines.insert(commentText(c, source), at: 0)
            limit = c.start
        }
        if lines.isEmpty {
            // A trailing comment on the field's own line.
            let lineEnd = source.lineRange(source.lines.lineIndex(of: span.end)).upperBound
            if let c = file.comments.first(where: { $0.start >= span.end && Int($0.start) < lineEnd && !$0.isOwnLine }) {
                return commentText(c, source)
            }
            return nil
        }
        return lines.joined(separator: " ")
    }

    private func commentText(_ c: Comment, _ source: SourceFile) -> String {
        var t = source.text(Span(file: source.id, start: c.start, end: c.end))
        while t.hasPrefix("/") { t.removeFirst() }
        return t.trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Thresholds

    /// The `threshold`s (lets with cites and a verification), their cites checked.
    private mutating func collectThresholds() -> [ThresholdInfo] {
        var out: [ThresholdInfo] = []
        for (k, d) in letDecls.enumerated() {
            guard let t = d.threshold else { continue }
            var cites: [Citation] = []
            for c in t.cites { cites.append(citation(c)) }
            let written = files[d.value.span.file].map { $0.text(d.value.span).split(whereSeparator: \.isWhitespace).joined(separator: " ") } ?? ""
            let reason = t.verification?.reason.map { plain($0, "a reason") }
            out.append(ThresholdInfo(name: d.name.text, letIndex: k, valueText: written, cites: cites,
                                     verified: t.verification?.isVerified ?? false, reason: reason, span: d.name.span))
        }
        return out
    }

    /// For each rule, the unverified thresholds it reads, following lets and
    /// defs (the references recorded while compiling), once at load time.
    private func markUnverifiedThresholds(_ rules: inout [CompiledRule], _ thresholds: [ThresholdInfo]) {
        let unverified = Dictionary(thresholds.enumerated().filter { !$0.element.verified }.map { ("l:" + $0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        guard !unverified.isEmpty else { return }
        for k in rules.indices {
            var seen: Set<String> = []
            var stack = Array(references["r:" + rules[k].id] ?? [])
            var found: [Int] = []
            while let node = stack.popLast() {
                guard seen.insert(node).inserted else { continue }
                if let k = unverified[node] { found.append(k) }
                stack.append(contentsOf: references[node] ?? [])
            }
            rules[k].unverifiedThresholds = found.sorted()
        }
    }

    /// A `cite` clause checked against the declared sources, with the
    /// verification of what it names.
    private mutating func citation(_ c: CiteClause) -> Citation {
        let name = plain(c.source, "a citation")
        let itemText = c.item.map { plain($0, "an item") }
        let pointText = c.point.map { plain($0, "a point") }
        let verified = checkCitation(name, c.source.span, itemText, c.item?.span, pointText, c.point?.span)
        return Citation(source: name, item: itemText, point: pointText, verified: verified)
    }

    // MARK: - Rules

    private mutating func compileRule(_ r: RuleDecl) -> CompiledRule {
        // References made by the rule's expressions, for its unverified thresholds.
        currentOwner = "r:" + r.id.text
        defer { currentOwner = nil }
        var rule = CompiledRule(
            id: r.id.text, idSpan: r.id.span, doc: r.doc, titles: [], hints: [], cites: [], severity: .error, tags: [],
            effectiveFrom: nil, effectiveUntil: nil, when: nil, body: [], frameSize: 0, span: r.span)
        var sawSeverity: Span? = nil
        var allowsPresenceGate: Span? = nil
        for m in r.metas {
            switch m.kind {
            case .title(let lang, let s):
                rule.titles.append((lang?.text ?? "vi", plain(s, "a title")))
            case .hint(let lang, let s):
                rule.hints.append((lang?.text ?? "vi", plain(s, "a hint")))
            case .cite(let c):
                rule.cites.append(citation(c))
            case .severity(let s):
                if let first = sawSeverity {
                    error("E2015", "`severity` is given twice", at: m.span, secondary: [Label(first, "first given here")], help: "keep one `severity` line")
                }
                sawSeverity = m.span
                rule.severity = RuleSeverity(rawValue: s.text) ?? .error
            case .tags(let tags):
                rule.tags += tags.map(\.text)
            case .effective(let from, let until):
                if let from { rule.effectiveFrom = from.value }
                if let until { rule.effectiveUntil = until.value }
                if let from, let until, from.value >= until.value {
                    error("E2011", "the rule takes effect (\(from.value)) on or after the day it ends (\(until.value))", at: until.span,
                          secondary: [Label(from.span, "takes effect here")], help: "swap the dates, or check them against the law")
                }
            case .allow(let what, let reason):
                guard what.text == PresenceGateLint.allowance else {
                    error("E2032", "`\(what.text)` is not a warning a rule can allow", at: what.span,
                          help: closestMatch(to: what.text, in: [PresenceGateLint.allowance]).map { "did you mean `\($0)`?" }
                              ?? "the only allowance is `allow \(PresenceGateLint.allowance) \"reason\"`")
                    continue
                }
                allowsPresenceGate = m.span
                if plain(reason, "a reason").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    error("E2031", "`allow \(what.text)` gives no reason", at: reason.span,
                          help: "say why the rule may be skipped when its evidence is absent, e.g. `allow \(what.text) \"the section is optional by law: …\"`")
                }
            }
        }
        if r.isBroken { return rule }
        checkPresenceGate(r, allowed: allowsPresenceGate)
        var frame = Frame()
        if let w = r.when {
            let (code, type) = compile(w, &frame)
            checkBoolean(type, w)
            rule.when = code
        }
        rule.body = compileBody(r.body, &frame)
        rule.frameSize = frame.size
        if !containsRequire(r.body) {
            warning("W2002", "rule `\(r.id.text)` has no `require`", at: r.id.span, help: "a rule without `require` always passes")
        }
        return rule
    }

    /// W2011 for a presence gate the rule does not allow; W2012 for an
    /// allowance with no gate to allow, so a stale one does not linger.
    private mutating func checkPresenceGate(_ r: RuleDecl, allowed: Span?) {
        let found = PresenceGateLint(lets: letDecls, defs: defDecls).check(r)
        switch (found, allowed) {
        case (let (gate, read)?, nil):
            let p = gate.path.dotted
            let field = gate.path.last(where: { !$0.isEmpty }) ?? p
            diagnostics.append(.warning(
                "W2011", "presence gate: this rule is skipped exactly when its evidence is missing", at: gate.site,
                label: "`when` tests whether `\(p)` is present",
                secondary: [Label(read.site, "the rule checks `\(read.path.dotted)`")],
                help: "decide applicability from the project (kind, type, group, capacity, location, stage), and require `\(p)` in the schema where the project must have it: `\(field)?: … required when CONDITION`; if absence truly means the rule does not apply, say why with `allow \(PresenceGateLint.allowance) \"reason\"`"))
        case (nil, let span?):
            warning("W2012", "`allow \(PresenceGateLint.allowance)` on a rule with no presence gate", at: span,
                    help: "remove the `allow` line")
        default:
            break
        }
    }

    private func containsRequire(_ body: [Statement]) -> Bool {
        body.contains {
            switch $0 {
            case .require: true
            case .forEach(let f): containsRequire(f.body)
            }
        }
    }

    private mutating func compileBody(_ body: [Statement], _ frame: inout Frame) -> [CompiledStatement] {
        body.map { s in
            switch s {
            case .require(let r):
                let (cond, type) = compile(r.condition, &frame)
                checkBoolean(type, r.condition)
                var message = LocalizedText()
                for m in r.messages {
                    let lang = m.lang?.text ?? "vi"
                    if message.entries.contains(where: { $0.lang == lang }) {
                        error("E2015", "two `\(lang)` messages for one `require`", at: m.lang?.span ?? m.text.span,
                              help: "give each language once, e.g. `else vi \"…\" en \"…\"`; a message without a language is `vi`")
                    }
                    message.entries.append((lang, compileString(m.text, &frame)))
                }
                return .require(condition: cond, message: message, span: r.span)
            case .forEach(let f):
                let (collection, ctype) = compile(f.collection, &frame)
                var elementType: StaticType = .unknown
                switch ctype {
                case .list(let e): elementType = e
                case .unknown: break
                default:
                    error("E2014", "`for each` needs a list, but \(describeExpr(f.collection)) is \(ctype.article)", at: f.collection.span,
                          help: "for one value, write the `require` without `for each`")
                }
                let slot = frame.push(f.variable.text, elementType)
                if let name = f.index, name.text == f.variable.text {
                    error("E2005", "`\(name.text)` names both the element and its position", at: name.span,
                          secondary: [Label(f.variable.span, "the element")], help: "give the position another name, such as `i`")
                }
                let index = f.index.map { (slot: frame.push($0.text, .number), name: $0.text) }
                let filter = f.filter.map { e -> Code in
                    let (c, t) = compile(e, &frame)
                    checkBoolean(t, e)
                    return c
                }
                let body = compileBody(f.body, &frame)
                if let name = f.index, !frame.pop() {
                    warning("W2030", "the position `\(name.text)` is never used", at: name.span, help: "remove `, \(name.text)` from the `for each`")
                }
                frame.pop()
                return .forEach(slot: slot, index: index, variable: f.variable.text, collection: collection, filter: filter, body: body, span: f.span)
            }
        }
    }

    private mutating func plain(_ s: StringLiteral, _ what: String) -> String {
        if let t = s.plainText { return t }
        error("E2022", "\(what) cannot contain `{…}` interpolation", at: s.span, help: "write `{{` and `}}` for literal braces")
        return ""
    }

    /// Checks that the cited source, item and point are declared; returns
    /// the verification of the point (else the item), nil when unknown.
    @discardableResult
    private mutating func checkCitation(_ source: String, _ span: Span, _ item: String?, _ itemSpan: Span?, _ point: String? = nil, _ pointSpan: Span? = nil) -> Bool? {
        guard let s = sources.first(where: { $0.name == source }) else {
            let suggestion = closestMatch(to: source, in: sources.map(\.name))
            error("E2009", "`\(source)` is not a declared source", at: span,
                  help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it with `source \"\(source)\" { … }`")
            return nil
        }
        guard let item else { return nil }
        guard let info = s.items.first(where: { $0.id == item }) else {
            let suggestion = closestMatch(to: item, in: s.items.map(\.id))
            error("E2010", "source `\(source)` has no item `\(item)`", at: itemSpan ?? span,
                  secondary: [Label(s.span, "declared here")],
                  help: suggestion.map { "did you mean `\($0)`?" } ?? "add `item \"\(item)\" \"…\"` to the source")
            return nil
        }
        guard let point else { return info.verified }
        guard let p = info.points.first(where: { $0.id == point }) else {
            let suggestion = closestMatch(to: point, in: info.points.map(\.id))
            error("E2070", "item `\(item)` of source `\(source)` has no point `\(point)`", at: pointSpan ?? span,
                  secondary: [Label(info.span, "item declared here")],
                  help: suggestion.map { "did you mean `\($0)`?" } ?? "add `point \"\(point)\" \"…\"` inside the item's braces: `item \"\(item)\" \"…\" { point \"\(point)\" \"…\" }`")
            return nil
        }
        return p.verified
    }

    // MARK: - Tests

    private mutating func compileTests(known: [String: Span]) -> [CompiledTest] {
        var out: [CompiledTest] = []
        for f in parsed {
            for case .test(let t) in f.decls {
                var test = CompiledTest(name: t.name.plainText ?? "", given: .none, expectations: [], span: t.span)
                test.inspectOn = t.inspectOn?.date.value
                switch t.given {
                case .object(let e)?:
                    // The parser read the object with the JSON module and kept the
                    // bytes it parsed (comments blanked); a test whose object is not
                    // JSON has none, and the parser has reported why (E1022, E1003).
                    if let bytes = t.givenJSON {
                        test.given = .inline(bytes: bytes, file: e.span.file, offset: e.span.start)
                    }
                case .file(let s)?:
                    let rel = s.plainText ?? ""
                    let base = (files[s.span.file]?.path as NSString?)?.deletingLastPathComponent ?? "."
                    let path = rel.hasPrefix("/") ? rel : (base as NSString).appendingPathComponent(rel)
                    if let why = givenFileEscape(rel, base: base) {
                        // A test may read only files of its own rule set: a
                        // `tuanthu test` failure quotes the dossier, so a path
                        // out of the folder would print any file the user can read.
                        error("E2060", "`given file` must name a file inside the folder of this .rules file: \(why)", at: s.span,
                              help: "copy the dossier next to the rules (e.g. `tests/dossier.json`) and give its path relative to this file, without `..`")
                    } else if FileManager.default.fileExists(atPath: path) {
                        test.given = .file(path: path)
                    } else {
                        error("E2021", "no dossier file at `\(shortExcerpt(path))`", at: s.span, help: "the path is relative to the folder of this .rules file")
                    }
                case nil:
                    break
                }
                for x in t.expectations {
                    if known[x.rule.text] == nil && !SchemaProblem.allCases.contains(where: { $0.findingID == x.rule.text }) && !["tuanthu.duplicate-key", "tuanthu.invalid-date"].contains(x.rule.text) {
                        let suggestion = closestMatch(to: x.rule.text, in: known.keys.sorted())
                        error("E2008", "`expect` names an unknown rule `\(x.rule.text)`", at: x.rule.span, help: suggestion.map { "did you mean `\($0)`?" })
                    }
                    let at = x.at?.plainText
                    if let at, !at.isEmpty && !at.hasPrefix("/") {
                        error("E2019", "`\(at)` is not a JSON Pointer", at: x.at!.span, help: "a pointer starts with `/`, e.g. \"/wastewater/treatment\"")
                    }
                    test.expectations.append((x.rule.text, x.outcome.text, at, x.span))
                }
                out.append(test)
            }
        }
        return out
    }

    // MARK: - Expressions

    /// Slots of one evaluation frame (a rule, a let, or a def), with the
    /// names in scope innermost last.
    struct Frame {
        var names: [(name: String, slot: Int, type: StaticType)] = []
        /// Whether each entry of `names` was read (for the unused-position warning).
        var used: [Bool] = []
        var next = 0
        var size = 0

        @discardableResult
        mutating func push(_ name: String, _ type: StaticType) -> Int {
            let slot = next
            names.append((name, slot, type))
            used.append(false)
            next += 1
            size = max(size, next)
            return slot
        }

        /// Removes the innermost name; returns whether it was read.
        @discardableResult
        mutating func pop() -> Bool {
            names.removeLast()
            next -= 1
            return used.removeLast()
        }

        mutating func lookup(_ name: String) -> (slot: Int, type: StaticType)? {
            guard let k = names.lastIndex(where: { $0.name == name }) else { return nil }
            used[k] = true
            return (names[k].slot, names[k].type)
        }
    }

    private mutating func compile(_ e: Expr, _ frame: inout Frame) -> (Code, StaticType) {
        switch e.kind {
        case .number(let v, let text):
            return (Code(.constant(numberConstant(v, text)), e.span), .number)
        case .string(let s):
            if let t = s.plainText { return (Code(.constant(.string(t)), e.span), .literalString(t)) }
            return (compileString(s, &frame), .string)
        case .date(let d):
            return (Code(.constant(.date(d)), e.span), .date)
        case .bool(let b):
            return (Code(.constant(.bool(b)), e.span), .bool)
        case .null:
            return (Code(.constant(.null), e.span), .null)
        case .paren(let inner):
            return compile(inner, &frame)
        case .name, .member, .index, .project:
            return compilePath(e, &frame)
        case .call(let name, let args):
            return compileCall(name, args, e, &frame)
        case .quantifier(let q, let variable, let collection, let body):
            let (c, ctype) = compile(collection, &frame)
            var elementType: StaticType = .unknown
            switch ctype {
            case .list(let t): elementType = t
            case .unknown: break
            default: error("E2014", "`\(q.rawValue)` needs a list, but \(describeExpr(collection)) is \(ctype.article)", at: collection.span)
            }
            let slot = frame.push(variable.text, elementType)
            let (b, btype) = compile(body, &frame)
            checkBoolean(btype, body)
            frame.pop()
            return (Code(.quantifier(q, slot: slot, c, b), e.span), q == .count ? .number : .bool)
        case .unary(.not, let x):
            let (c, t) = compile(x, &frame)
            checkBoolean(t, x)
            return (Code(.not(c), e.span), .bool)
        case .unary(.negate, let x):
            // `-9007199254740993` keeps its digits too.
            if case .number(let v, let text) = x.kind, case .bigInteger = numberConstant(v, text) {
                return (Code(.constant(numberConstant(-v, "-" + text)), e.span), .number)
            }
            let (c, t) = compile(x, &frame)
            checkNumber(t, x, "`-`")
            return (Code(.negate(c), e.span), .number)
        case .binary(let op, let l, let r):
            return compileBinary(op, l, r, e, &frame)
        case .conditional(let c, let a, let b):
            let (cc, ct) = compile(c, &frame)
            checkBoolean(ct, c)
            let (ac, at) = compile(a, &frame)
            let (bc, bt) = compile(b, &frame)
            if !at.isComparable(with: bt) {
                error("E2013", "the branches of `if` differ in type: \(describeExpr(a)) is \(at.article), \(describeExpr(b)) is \(bt.article)", at: e.span,
                      help: "give both branches the same type, so the result can be used one way")
            }
            return (Code(.conditional(cc, ac, bc), e.span), unify(at, bt))
        case .comprehension(let comp):
            return compileComprehension(comp, e, &frame)
        case .list(let items):
            let compiled = items.map { compile($0, &frame) }
            let codes = compiled.map(\.0)
            let elem = compiled.first?.1.widened ?? .unknown
            // A list of constants is one constant, built once.
            var constants: [Value] = []
            for c in codes { if case .constant(let v) = c.op { constants.append(v) } }
            if constants.count == codes.count { return (Code(.constant(.list(constants)), e.span), .list(elem)) }
            return (Code(.list(codes), e.span), .list(elem))
        case .object(let entries):
            let codes = entries.map { ($0.key, compile($0.value, &frame).0) }
            return (Code(.object(codes), e.span), .object(nil))
        case .bad:
            return (Code(.bad, e.span), .unknown)
        }
    }

    /// A number literal's value: a double, or for an integer beyond 2^53 the
    /// digits as written (compared exactly, as dossier integers are).
    private func numberConstant(_ v: Double, _ text: String) -> Value {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), Swift.abs(v) >= 9_007_199_254_740_992 {
            return .bigInteger(v, text)
        }
        return .number(v)
    }

    /// The type of a value that is one of two types (`if` branches).
    private func unify(_ a: StaticType, _ b: StaticType) -> StaticType {
        if a == .unknown || b == .unknown { return .unknown }
        if a == .null { return b.widened }
        if b == .null { return a.widened }
        if a.widened == b.widened { return a.widened }
        if a.isStringLike && b.isStringLike { return .string }
        return .unknown
    }

    /// `[e for x in xs where c]`: a list of `e`'s type.
    private mutating func compileComprehension(_ comp: Comprehension, _ e: Expr, _ frame: inout Frame) -> (Code, StaticType) {
        let (c, ctype) = compile(comp.collection, &frame)
        var elementType: StaticType = .unknown
        switch ctype {
        case .list(let t): elementType = t
        case .unknown: break
        default:
            error("E2014", "`for` needs a list, but \(describeExpr(comp.collection)) is \(ctype.article)", at: comp.collection.span,
                  help: "a comprehension goes over a list: `[e for x in list]`")
        }
        let slot = frame.push(comp.variable.text, elementType)
        let filter = comp.filter.map { f -> Code in
            let (fc, ft) = compile(f, &frame)
            checkBoolean(ft, f)
            return fc
        }
        let (ec, et) = compile(comp.element, &frame)
        frame.pop()
        return (Code(.comprehension(slot: slot, variable: comp.variable.text, collection: c, filter: filter, element: ec), e.span), .list(et.widened))
    }

    private mutating func compileString(_ s: StringLiteral, _ frame: inout Frame) -> Code {
        var parts: [Code.FormatPart] = []
        for p in s.parts {
            switch p {
            case .text(let t): parts.append(.text(t))
            case .interpolation(let e): parts.append(.value(compile(e, &frame).0))
            }
        }
        if parts.isEmpty { return Code(.constant(.string("")), s.span) }
        if parts.count == 1, case .text(let t) = parts[0] { return Code(.constant(.string(t)), s.span) }
        return Code(.format(parts), s.span)
    }

    /// Names, members, indexes and projections become one path op.
    private mutating func compilePath(_ e: Expr, _ frame: inout Frame) -> (Code, StaticType) {
        // Unwind to the innermost base.
        var chain: [Expr] = []
        var base = e
        loop: while true {
            switch base.kind {
            case .member(let b, _), .index(let b, _), .project(let b):
                chain.append(base)
                base = b
            case .paren(let inner):
                base = inner
            default:
                break loop
            }
        }
        chain.reverse()
        var code: Code
        var type: StaticType
        var steps: [PathStep] = []
        var schemaNode: SchemaType? = nil
        var projected = false
        var described = ""
        if case .name(let name) = base.kind {
            described = name
            if let local = frame.lookup(name) {
                code = Code(.local(local.slot), base.span)
                type = local.type
            } else if let k = letIndex[name] {
                noteUse("l:" + name)
                code = Code(.global(k), base.span)
                type = .unknown
            } else if defIndex[name] != nil {
                error("E2001", "`\(name)` is a function; call it with `\(name)(…)`", at: base.span)
                return (Code(.bad, e.span), .unknown)
            } else {
                // A top-level field of the dossier.
                code = Code(.root, Span(file: base.span.file, start: base.span.start, end: base.span.start))
                steps.append(.key(Key(name)))
                if let schema {
                    guard let field = schema.field(name) else {
                        var candidates = frame.names.map(\.name) + Array(letIndex.keys)
                        if case .object(let fs) = schema { candidates += fs.map(\.name) }
                        let suggestion = closestMatch(to: name, in: candidates.sorted())
                        error("E2001", "unknown name `\(name)`", at: base.span,
                              help: suggestion.map { "did you mean `\($0)`?" } ?? "it is not a variable, a `let`, or a field of the schema")
                        return (Code(.bad, e.span), .unknown)
                    }
                    schemaNode = field.type
                    type = StaticType(field.type)
                } else {
                    type = .unknown
                }
            }
        } else {
            (code, type) = compile(base, &frame)
            described = describeExpr(base)
        }
        if case .local = code.op, chain.isEmpty { return (code, type) }
        if case .global = code.op, chain.isEmpty { return (code, type) }
        if chain.isEmpty { return (makePath(code, steps, e.span), type) }
        if case .object(let fields?) = type { schemaNode = .object(fields) }
        for link in chain {
            switch link.kind {
            case .member(_, let name):
                steps.append(.key(Key(name.text)))
                if let node = schemaNode {
                    switch node {
                    case .object(let fields):
                        if let f = fields.first(where: { $0.name == name.text }) {
                            schemaNode = f.type
                        } else {
                            let suggestion = closestMatch(to: name.text, in: fields.map(\.name))
                            error("E2012", "`\(described)` has no field `\(name.text)`", at: name.span,
                                  help: suggestion.map { "did you mean `\($0)`?" } ?? "the schema lists: \(fields.prefix(12).map(\.name).joined(separator: ", "))")
                            return (Code(.bad, e.span), .unknown)
                        }
                    case .list:
                        error("E2012", "`\(described)` is a list, so it has no field `\(name.text)`", at: name.span,
                              help: "use `\(described)[*].\(name.text)` for every element's value, or `for each`")
                        return (Code(.bad, e.span), .unknown)
                    default:
                        error("E2012", "`\(described)` is \(StaticType(node).article), so it has no field `\(name.text)`", at: name.span)
                        return (Code(.bad, e.span), .unknown)
                    }
                }
                described += "." + name.text
            case .index(_, let index):
                let (ic, itype) = compile(index, &frame)
                if case .constant(.string(let k)) = ic.op {
                    steps.append(.key(Key(k)))
                    if case .object(let fields)? = schemaNode { schemaNode = fields.first { $0.name == k }?.type }
                    else { schemaNode = nil }
                } else {
                    steps.append(.index(ic))
                    if case .list(let t)? = schemaNode, itype.isNumeric || itype == .unknown { schemaNode = t } else { schemaNode = nil }
                }
                described += "[…]"
            case .project(let inner):
                if let node = schemaNode {
                    guard case .list(let t) = node else {
                        // Underline the `[*]`, not the path before it.
                        let star = Span(file: link.span.file, start: inner.span.end, end: link.span.end)
                        error("E2014", "`[*]` needs a list, but `\(described)` is \(StaticType(node).article)", at: star)
                        return (Code(.bad, e.span), .unknown)
                    }
                    schemaNode = t
                }
                steps.append(.project)
                projected = true
                described += "[*]"
            default:
                break
            }
        }
        var result: StaticType = schemaNode.map(StaticType.init) ?? .unknown
        if projected { result = .list(result) }
        if case .path(let innerBase, let innerSteps, _) = code.op {
            return (makePath(innerBase, innerSteps + steps, e.span), result)
        }
        return (makePath(code, steps, e.span), result)
    }

    /// A path op; field-name paths from the root get a cache slot, one per
    /// distinct path (and one per prefix), so each is looked up once per dossier.
    private mutating func makePath(_ base: Code, _ steps: [PathStep], _ span: Span) -> Code {
        var slot = -1
        if case .root = base.op {
            var keys: [String] = []
            for step in steps {
                guard case .key(let k) = step else {
                    keys = []
                    break
                }
                keys.append(k.text)
            }
            var joined = ""
            for (i, key) in keys.enumerated() {
                joined += i == 0 ? key : "\u{0}" + key
                if let existing = pathSlots[joined] {
                    slot = existing
                } else {
                    pathSlotPrefix.append(slot)
                    slot = pathSlots.count
                    pathSlots[joined] = slot
                }
            }
        }
        return Code(.path(base, steps, cacheSlot: slot), span)
    }

    private mutating func compileCall(_ name: Name, _ args: [Expr], _ e: Expr, _ frame: inout Frame) -> (Code, StaticType) {
        if case .comprehension(let comp)? = args.first?.kind, !comp.isBracketed, defIndex[name.text] != nil || !["count", "sum", "min", "max", "distinct"].contains(name.text) {
            error("E2030", "`\(name.text)` does not take a comprehension without brackets", at: args[0].span,
                  help: "only `count`, `sum`, `min`, `max` and `distinct` do; elsewhere write the list in brackets: `[… for x in list]`")
            if defIndex[name.text] != nil { noteUse("d:" + name.text) }
            _ = compile(args[0], &frame)
            return (Code(.bad, e.span), .unknown)
        }
        if let k = defIndex[name.text] {
            noteUse("d:" + name.text)
            let def = defDecls[k]
            if args.count != def.parameters.count {
                error("E2003", "`\(name.text)` takes \(def.parameters.count) argument\(def.parameters.count == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                      at: e.span, secondary: [Label(def.name.span, "defined here")], help: "write `\(name.text)(\(def.parameters.map(\.text).joined(separator: ", ")))`")
                return (Code(.bad, e.span), .unknown)
            }
            let codes = args.map { compile($0, &frame).0 }
            return (Code(.callDef(k, codes), e.span), .unknown)
        }
        guard let builtin = Builtin(rawValue: name.text) else {
            let candidates = Builtin.allCases.map(\.rawValue) + Array(defIndex.keys)
            let suggestion = closestMatch(to: name.text, in: candidates.sorted())
            error("E2002", "unknown function `\(name.text)`", at: name.span,
                  help: suggestion.map { "did you mean `\($0)`?" } ?? "the built-in functions are \(Builtin.allCases.map(\.rawValue).joined(separator: ", "))")
            return (Code(.bad, e.span), .unknown)
        }
        guard builtin.arity.contains(args.count) else {
            let n = builtin.arity.lowerBound
            error("E2003", "`\(name.text)` takes \(builtin.arity.count > 1 ? "\(builtin.arity.lowerBound) or \(builtin.arity.upperBound)" : "\(n)") argument\(builtin.arity.upperBound == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                  at: e.span, help: "write `\(builtin.signature)`")
            return (Code(.bad, e.span), .unknown)
        }
        let compiled = args.map { compile($0, &frame) }
        let codes = compiled.map(\.0)
        let types = compiled.map(\.1)
        func need(_ ok: Bool, _ i: Int, _ what: String, _ help: String? = nil) {
            if !ok {
                error("E2014", "`\(name.text)` needs \(what), but \(describeExpr(args[i])) is \(types[i].article)", at: args[i].span, help: help)
            }
        }
        switch builtin {
        case .exists:
            if case .path = codes[0].op {} else if case .local = codes[0].op {} else if case .global = codes[0].op {} else {
                error("E2014", "`exists` needs a path, like `exists(env_permit.no)`", at: args[0].span)
            }
            return (Code(.call(builtin, codes), e.span), .bool)
        case .count, .distinct:
            need(types[0].isListLike, 0, "a list", types[0].isStringLike ? "did you mean `len(…)`?" : nil)
            return (Code(.call(builtin, codes), e.span), builtin == .count ? .number : types[0])
        case .sum, .min, .max:
            need(types[0].isListLike, 0, "a list")
            if case .list(let t) = types[0], t != .unknown, !t.isNumeric, !(builtin != .sum && t == .date) {
                error("E2014", "`\(name.text)` needs a list of numbers, but \(describeExpr(args[0])) is a list of \(t.plural)", at: args[0].span)
            }
            if builtin == .sum { return (Code(.call(builtin, codes), e.span), .number) }
            // `min`/`max` of an untyped list may be a date or a number: unknown until run.
            switch types[0] {
            case .list(.date): return (Code(.call(builtin, codes), e.span), .date)
            case .list(.number): return (Code(.call(builtin, codes), e.span), .number)
            default: return (Code(.call(builtin, codes), e.span), .unknown)
            }
        case .len:
            need(types[0].isStringLike, 0, "a string", types[0].isListLike ? "did you mean `count(…)`?" : nil)
            return (Code(.call(builtin, codes), e.span), .number)
        case .lower, .upper:
            need(types[0].isStringLike, 0, "a string")
            return (Code(.call(builtin, codes), e.span), .string)
        case .contains:
            need(types[0].isListLike || types[0].isStringLike, 0, "a list or a string")
            return (Code(.call(builtin, codes), e.span), .bool)
        case .mentions:
            need(types[0].isStringLike || types[0].isListLike, 0, "a text")
            need(types[1].isStringLike, 1, "a phrase")
            return (Code(.call(builtin, codes), e.span), .bool)
        case .matches, .full_match:
            need(types[0].isStringLike, 0, "a string")
            if case .constant(.string(let pattern)) = codes[1].op {
                do {
                    let regex = try LinearRegex(pattern)
                    return (Code(.matches(codes[0], RegexBox(regex, isWholeMatch: builtin == .full_match)), e.span), .bool)
                } catch {
                    self.error("E2017", "invalid regular expression: \(error.message)",
                               at: patternSpan(args[1].span, pattern, error.offset, error.length), help: error.help)
                    return (Code(.bad, e.span), .bool)
                }
            }
            if case .string(let lit) = args[1].kind, lit.isInterpolated {
                // `{…}` in a quoted pattern reads as an interpolation; in backticks it is the regex's.
                let quoted = files[lit.span.file].map { String($0.text(lit.span).dropFirst().dropLast()) } ?? ""
                error("E2017", "the pattern of `\(name.text)` has an interpolation `{…}`, so it is not a constant", at: args[1].span,
                      help: rawStringSpelling(ofQuoted: quoted).map { "for braces that belong to the pattern, write it raw, in backticks: \($0)" }
                          ?? "for braces that belong to the pattern, double them: `{{` and `}}`")
            } else {
                error("E2017", "`\(name.text)` needs its pattern written out in the call, but \(describeExpr(args[1])) is not a string literal", at: args[1].span,
                      help: "write the pattern itself as the second argument: a string in quotes, or raw in backticks")
            }
            return (Code(.bad, e.span), .bool)
        case .date:
            need(types[0].isStringLike || types[0] == .date, 0, "a string like \"2024-07-09\" or \"09/07/2024\"")
            return (Code(.call(builtin, codes), e.span), .date)
        case .today, .as_of:
            return (Code(.call(builtin, codes), e.span), .date)
        case .reference_date:
            // The dossier's date field is an implicit argument, read (and so
            // reported missing) like any path; an inspection ignores it.
            guard let field = rulesetDecl?.dateField, let first = field.first else {
                error("E2072", "`reference_date()` needs the ruleset's `date_field`", at: e.span,
                      help: "declare the dossier's date in the `ruleset` block (`date_field submitted_on`), or use `as_of()` for the date of the check")
                return (Code(.bad, e.span), .date)
            }
            var path = Expr(.name(first.text), e.span)
            for n in field.dropFirst() { path = Expr(.member(path, Name(n.text, e.span)), e.span) }
            let (code, _) = compile(path, &frame)
            return (Code(.call(builtin, [code]), e.span), .date)
        case .days_between:
            need(types[0].isStringLike || types[0] == .date, 0, "a date")
            need(types[1].isStringLike || types[1] == .date, 1, "a date")
            return (Code(.call(builtin, codes), e.span), .number)
        case .year:
            need(types[0].isStringLike || types[0] == .date, 0, "a date")
            return (Code(.call(builtin, codes), e.span), .number)
        case .abs:
            checkNumber(types[0], args[0], "`abs`")
            return (Code(.call(builtin, codes), e.span), .number)
        case .is_number, .is_string, .is_bool, .is_list, .is_object, .is_null:
            // Any value: the test is the point. Never unknown, like `exists`.
            return (Code(.call(builtin, codes), e.span), .bool)
        case .round:
            checkNumber(types[0], args[0], "`round`")
            if codes.count > 1 { checkNumber(types[1], args[1], "`round`") }
            return (Code(.call(builtin, codes), e.span), .number)
        }
    }

    /// Where bytes `offset..<offset + length` of a regular expression are in
    /// the rules file: inside the string literal at `literal` when decoding
    /// that literal gives the pattern back (a `"…"` string, escapes mapped to
    /// their source, or a backtick string), else the whole literal.
    private func patternSpan(_ literal: Span, _ pattern: String, _ offset: Int, _ length: Int) -> Span {
        guard let source = files[literal.file] else { return literal }
        let bytes = source.bytes
        let start = Int(literal.start), end = Int(literal.end)
        guard end - start >= 2, end <= bytes.count, bytes[start] == bytes[end - 1],
              bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "`") else { return literal }
        let isRaw = bytes[start] == UInt8(ascii: "`")
        var decoded: [UInt8] = [], origins: [Int] = []
        var i = start + 1
        while i < end - 1 {
            let c = bytes[i]
            var piece: [UInt8] = [c], width = 1
            if !isRaw && c == UInt8(ascii: "\\") && i + 1 < end - 1 {
                switch bytes[i + 1] {
                case UInt8(ascii: "n"): (piece, width) = ([0x0A], 2)
                case UInt8(ascii: "t"): (piece, width) = ([0x09], 2)
                case UInt8(ascii: "u"):
                    guard i + 2 < end - 1, bytes[i + 2] == UInt8(ascii: "{"),
                          let close = bytes[(i + 2)..<(end - 1)].firstIndex(of: UInt8(ascii: "}")), close > i + 3,
                          let v = UInt32(String(decoding: bytes[(i + 3)..<close], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else { return literal }
                    (piece, width) = (Array(String(scalar).utf8), close + 1 - i)
                default: (piece, width) = ([bytes[i + 1]], 2)
                }
            } else if !isRaw && (c == UInt8(ascii: "{") || c == UInt8(ascii: "}")) && i + 1 < end - 1 && bytes[i + 1] == c {
                width = 2
            }
            decoded += piece
            origins += Array(repeating: i, count: piece.count)
            i += width
        }
        origins.append(end - 1)
        guard decoded == Array(pattern.utf8), offset + length < origins.count else { return literal }
        let from = origins[offset], to = max(origins[offset + length], from + 1)
        return Span(file: literal.file, start: UInt32(from), end: UInt32(to))
    }

    private mutating func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ e: Expr, _ frame: inout Frame) -> (Code, StaticType) {
        var (lc, lt) = compile(l, &frame)
        var (rc, rt) = compile(r, &frame)
        switch op {
        case .and, .or:
            checkBoolean(lt, l)
            checkBoolean(rt, r)
            return (Code(.binary(op, lc, rc), e.span), .bool)
        case .add, .subtract, .multiply, .divide:
            if op == .subtract && lt == .date && rt == .date {
                error("E2013", "dates cannot be subtracted", at: e.span, help: "use `days_between(a, b)`")
                return (Code(.bad, e.span), .number)
            }
            checkNumber(lt, l, "`\(op.rawValue)`")
            checkNumber(rt, r, "`\(op.rawValue)`")
            return (Code(.binary(op, lc, rc), e.span), .number)
        case .coalesce:
            return (Code(.binary(op, lc, rc), e.span), lt == .unknown || lt == .null ? rt : lt.widened)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if !lt.isComparable(with: rt) {
                error("E2013", "cannot compare \(describeExpr(l)) (\(lt.article)) with \(describeExpr(r)) (\(rt.article))", at: e.span,
                      help: lt == .date || rt == .date ? "a date compares with a date, or with a string like \"2024-07-09\"" : nil)
            }
            checkEnumLiteral(lt, rt, r)
            checkEnumLiteral(rt, lt, l)
            // Read both sides as dates, except against `null` (`submitted_on == null` tests for null).
            if (lt == .date || rt == .date) && lt != .null && rt != .null {
                lc = Code(.toDate(lc), lc.span)
                rc = Code(.toDate(rc), rc.span)
            }
            return (Code(.binary(op, lc, rc), e.span), .bool)
        case .in, .notIn:
            if case .list(let elem) = rt {
                if !lt.isComparable(with: elem) {
                    error("E2013", "cannot look for \(lt.article) in a list of \(elem.plural)", at: e.span)
                }
                if case .list(let values)? = rc.op.constantValue {
                    for v in values { if case .string(let s) = v { checkEnumLiteral(lt, .literalString(s), r) } }
                }
            } else if rt != .unknown && !rt.isStringLike {
                error("E2014", "`\(op.rawValue)` needs a list or a string on its right, but \(describeExpr(r)) is \(rt.article)", at: r.span)
            }
            return (Code(.binary(op, lc, rc), e.span), .bool)
        }
    }

    /// Warns when a literal is compared with an enum field but is not one of its values.
    private mutating func checkEnumLiteral(_ fieldType: StaticType, _ literalType: StaticType, _ literal: Expr) {
        guard case .enumeration(let values) = fieldType, case .literalString(let s) = literalType, !values.contains(s) else { return }
        let suggestion = closestMatch(to: s, in: values)
        warning("W2003", "\"\(s)\" is not one of the values the schema allows here", at: literal.span,
                help: suggestion.map { "did you mean \"\($0)\"?" } ?? "allowed: \(values.map { "\"\($0)\"" }.joined(separator: ", "))")
    }

    private mutating func checkBoolean(_ t: StaticType, _ e: Expr) {
        switch t {
        case .unknown, .bool: return
        default:
            error("E2013", "a condition must be true or false, but \(describeExpr(e)) is \(t.article)", at: e.span,
                  help: t.isListLike ? "use `count(…) > 0` or `exists(…)`" : "compare it, e.g. `… == …`, or use `exists(…)`")
        }
    }

    private mutating func checkNumber(_ t: StaticType, _ e: Expr, _ what: String) {
        if t == .unknown || t.isNumeric || t == .null { return }
        error("E2013", "\(what) needs a number, but \(describeExpr(e)) is \(t.article)", at: e.span)
    }

    /// `field.path` or "this expression" for messages.
    private func describeExpr(_ e: Expr) -> String {
        guard let f = files[e.span.file] else { return "the expression" }
        let t = f.text(e.span)
        return t.count <= 40 && !t.contains("\n") ? "`\(t)`" : "the expression"
    }

    private mutating func checkSchemaPath(_ path: [Name], in schema: SchemaType) -> SchemaType? {
        var node = schema
        for n in path {
            guard let f = node.field(n.text) else {
                let names: [String] = if case .object(let fs) = node { fs.map(\.name) } else { [] }
                error("E2012", "the schema has no field `\(n.text)`", at: n.span, help: closestMatch(to: n.text, in: names).map { "did you mean `\($0)`?" })
                return nil
            }
            node = f.type
        }
        return node
    }

    // MARK: - Uses and cycles

    private mutating func noteUse(_ key: String) {
        used.insert(key)
        if let owner = currentOwner { references[owner, default: []].insert(key) }
    }

    /// How deep evaluation may go through `let` and `def` bodies (each
    /// body's expression depth, added along the longest chain of references):
    /// the evaluator recurses through them, so a deeper chain is a load-time
    /// error, never a stack overflow.
    package static let maxDefinitionDepth = 256
    /// The most `def` calls one evaluation of a `let` or `def` body may
    /// expand to (a function calling the next one twice doubles at each level:
    /// thirty levels are a billion calls, a hang rather than an answer).
    package static let maxCallExpansion = 100_000

    /// Reports cycles among lets and defs, and chains of them too deep to
    /// evaluate. Walks the reference graph with an explicit stack: a chain of
    /// ten thousand lets must not overflow the analyzer's own stack either,
    /// and the path is one shared array (copying it per step was quadratic).
    private mutating func checkCycles() {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported: Set<String> = []
        // Per finished node: evaluation depth through its body and what it uses, and the number of definitions on that chain.
        var weight: [String: (depth: Int, chain: Int)] = [:]
        var bodyDepth: [String: Int] = [:]
        for d in letDecls { bodyDepth["l:" + d.name.text] = expressionDepth(d.value) }
        for d in defDecls { bodyDepth["d:" + d.name.text] = expressionDepth(d.body) }
        // Per let or def: how many times its body calls each def, and (once
        // finished) how many def calls one evaluation expands to. Lets are
        // evaluated once per dossier, so a reference to one costs nothing more.
        var calls: [String: [String: Int]] = [:]
        for d in letDecls { calls["l:" + d.name.text] = callCounts(d.value) }
        for d in defDecls { calls["d:" + d.name.text] = callCounts(d.body) }
        var cost: [String: Double] = [:]
        let roots = letDecls.map { "l:" + $0.name.text } + defDecls.map { "d:" + $0.name.text }
        for root in roots where state[root] == nil {
            var stack: [(node: String, next: [String], i: Int)] = [(root, (references[root] ?? []).sorted(), 0)]
            state[root] = 1
            while let top = stack.last {
                if top.i < top.next.count {
                    let node = top.next[top.i]
                    stack[stack.count - 1].i += 1
                    if state[node] == 2 { continue }
                    if state[node] == 1 {
                        if reported.contains(node) { continue }
                        let cycle = Array(stack.map(\.node).drop(while: { $0 != node })) + [node]
                        reported.formUnion(cycle)
                        reportCycle(node, cycle)
                        continue
                    }
                    state[node] = 1
                    stack.append((node, (references[node] ?? []).sorted(), 0))
                } else {
                    stack.removeLast()
                    let below = top.next.compactMap { weight[$0] }
                    let deepest = below.max { $0.depth < $1.depth }
                    weight[top.node] = ((bodyDepth[top.node] ?? 1) + (deepest?.depth ?? 0), 1 + (deepest?.chain ?? 0))
                    var expansion = 0.0
                    for (callee, n) in calls[top.node] ?? [:] { expansion += Double(n) * (1 + (cost["d:" + callee] ?? 0)) }
                    cost[top.node] = min(expansion, 1e300)
                    state[top.node] = 2
                }
            }
        }
        // One error, at the definition with the deepest chain.
        if let worst = roots.max(by: { (weight[$0]?.depth ?? 0) < (weight[$1]?.depth ?? 0) }), let w = weight[worst],
           w.depth > Analyzer.maxDefinitionDepth {
            let name = String(worst.dropFirst(2))
            let span = worst.hasPrefix("d:") ? defDecls[defIndex[name] ?? 0].name.span : letDecls[letIndex[name] ?? 0].name.span
            error("E2061", "`\(name)` is evaluated through \(w.chain) nested `let`/`def` definitions, more than \(Analyzer.maxDefinitionDepth) levels deep in all",
                  at: span, help: "shorten the chain: compute the value in fewer steps, or write it as one expression")
        }
        if let worst = roots.max(by: { (cost[$0] ?? 0) < (cost[$1] ?? 0) }), let c = cost[worst], c > Double(Analyzer.maxCallExpansion) {
            let name = String(worst.dropFirst(2))
            let span = worst.hasPrefix("d:") ? defDecls[defIndex[name] ?? 0].name.span : letDecls[letIndex[name] ?? 0].name.span
            let count = c < 1e15 ? String(Int(c)) : "more than 10^15"
            error("E2062", "evaluating `\(name)` once makes \(count) `def` calls, more than \(Analyzer.maxCallExpansion)",
                  at: span, help: "a function that calls another twice doubles the work at each level: call it once and reuse the value (e.g. `2 * f(v)`), or compute it in a `let`")
        }
    }

    /// How many times `e` calls each function by name (built-ins included;
    /// the caller looks up only declared `def`s).
    private func callCounts(_ e: Expr) -> [String: Int] {
        var out: [String: Int] = [:]
        func walk(_ e: Expr) {
            switch e.kind {
            case .call(let name, let args):
                if defIndex[name.text] != nil { out[name.text, default: 0] += 1 }
                args.forEach(walk)
            case .member(let b, _), .project(let b), .unary(_, let b), .paren(let b):
                walk(b)
            case .index(let a, let b), .binary(_, let a, let b), .quantifier(_, _, let a, let b):
                walk(a)
                walk(b)
            case .list(let items):
                items.forEach(walk)
            case .object(let entries):
                for x in entries { walk(x.value) }
            case .string(let literal):
                for case .interpolation(let x) in literal.parts { walk(x) }
            default:
                break
            }
        }
        walk(e)
        return out
    }

    private mutating func reportCycle(_ node: String, _ cycle: [String]) {
        let names = cycle.map { "`\($0.dropFirst(2))`" }.joined(separator: " → ")
        let isDef = node.hasPrefix("d:")
        let name = String(node.dropFirst(2))
        let span = isDef ? defDecls[defIndex[name] ?? 0].name.span : letDecls[letIndex[name] ?? 0].name.span
        if cycle.count == 2 {
            error(isDef ? "E2006" : "E2007", isDef ? "`\(name)` calls itself" : "`\(name)` is defined in terms of itself", at: span,
                  help: isDef ? "recursion is not allowed: rules must always finish" : "a `let` cannot use its own value")
        } else {
            error(isDef ? "E2006" : "E2007", "\(isDef ? "functions call" : "definitions refer to") each other in a cycle: \(names)", at: span,
                  help: "recursion is not allowed: rules must always finish")
        }
    }

    /// The depth of an expression tree (the parser bounds it by `Parser.maxTreeDepth`).
    private func expressionDepth(_ e: Expr) -> Int {
        switch e.kind {
        case .member(let b, _), .project(let b), .unary(_, let b), .paren(let b):
            return 1 + expressionDepth(b)
        case .index(let a, let b), .binary(_, let a, let b):
            return 1 + max(expressionDepth(a), expressionDepth(b))
        case .quantifier(_, _, let a, let b):
            return 1 + max(expressionDepth(a), expressionDepth(b))
        case .call(_, let args), .list(let args):
            return 1 + (args.map(expressionDepth).max() ?? 0)
        case .object(let entries):
            return 1 + (entries.map { expressionDepth($0.value) }.max() ?? 0)
        case .string(let literal):
            var d = 0
            for case .interpolation(let x) in literal.parts { d = max(d, expressionDepth(x)) }
            return 1 + d
        default:
            return 1
        }
    }

    private mutating func warnUnused() {
        for d in letDecls where !used.contains("l:" + d.name.text) {
            warning("W2001", "`\(d.name.text)` is never used", at: d.name.span, help: "remove it, or use it in a rule")
        }
        for d in defDecls where !used.contains("d:" + d.name.text) {
            warning("W2001", "`\(d.name.text)` is never used", at: d.name.span, help: "remove it, or use it in a rule")
        }
    }

    // MARK: - Reporting

    private mutating func error(_ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil, secondary: [Label] = [], help: String? = nil) {
        diagnostics.append(.error(code, message, at: span, label: label, secondary: secondary, help: help))
    }

    private mutating func warning(_ code: DiagnosticCode, _ message: String, at span: Span, help: String? = nil) {
        diagnostics.append(.warning(code, message, at: span, help: help))
    }
}

extension Code.Op {
    /// The value of a constant op.
    var constantValue: Value? {
        if case .constant(let v) = self { return v }
        return nil
    }
}

/// Why a `given file` path leaves the folder of its `.rules` file (`base`),
/// or nil when it stays inside: absolute paths and `..` are refused outright,
/// and a symlink on the way must not lead out (checked on the resolved path).
func givenFileEscape(_ rel: String, base: String) -> String? {
    if rel.hasPrefix("/") || rel.hasPrefix("~") { return "`\(shortExcerpt(rel))` is an absolute path" }
    if rel.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "`\(shortExcerpt(rel))` goes up with `..`" }
    let path = (base as NSString).appendingPathComponent(rel)
    guard let resolved = realpath(path, nil) else { return nil }  // absent: reported as E2021
    defer { free(resolved) }
    guard let root = realpath(base.isEmpty ? "." : base, nil) else { return nil }
    defer { free(root) }
    let r = String(cString: resolved), b = String(cString: root)
    if r.hasPrefix(b == "/" ? "/" : b + "/") { return nil }
    return "`\(shortExcerpt(rel))` is a symbolic link out of it"
}

/// At most 60 characters of `s`, with `…` where it is cut: messages quote
/// input briefly, never a whole file.
package func shortExcerpt(_ s: String, limit: Int = 60) -> String {
    s.count <= limit ? s : String(s.prefix(limit)) + "…"
}
