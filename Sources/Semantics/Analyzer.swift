import Diagnostics
import Foundation
import JSON
import Syntax

/// The load-time checks and compilation of a ruleset: every declaration of
/// every file in one namespace. All problems are collected, none thrown;
/// an expression that fails to compile becomes `.bad` and is skipped
/// silently afterwards (no cascades). Expressions are compiled straight
/// into the ruleset's IR (`IRBuilder`) as they are checked.
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
    /// The IR every expression is compiled into.
    private var ir = IRBuilder()
    /// Whether calls of small defs are compiled inline (`inlineDefs`), and
    /// whether the compilation at hand may (rules, once the definitions
    /// are known to be free of cycles).
    private let inlineDefs: Bool
    private var inliningAllowed = false
    /// While a def's body is compiled again at a call site: its problems
    /// were reported when it was compiled on its own.
    private var muted = false
    /// Per def: its inlined size (see `inlineCost`), once computed.
    private var inlineCosts: [Int: Int] = [:]

    /// Creates an analyzer over the parsed files of one ruleset; with
    /// `inlineDefs` (the default), the calls of small defs in rules are
    /// compiled inline (the tests compare the two).
    package init(files: SourceMap, parsed: [RulesFile], inlineDefs: Bool = true) {
        self.files = files
        self.parsed = parsed
        self.inlineDefs = inlineDefs
    }

    /// Analyzes and compiles: the program, with whatever could be compiled, and the problems found.
    package static func analyze(files: SourceMap, parsed: [RulesFile], inlineDefs: Bool = true) -> (Program, [Diagnostic]) {
        var a = Analyzer(files: files, parsed: parsed, inlineDefs: inlineDefs)
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
            conditions.append(SchemaCondition(node: code, frameSize: frame.size, field: c.field, text: written))
        }
        checkCycles()
        // A def is inlined only into rules, and only when no definition
        // calls itself (inlining would not end) or is too deep.
        let definitionCodes: Set<DiagnosticCode> = ["E2006", "E2007", "E2061", "E2062"]
        inliningAllowed = inlineDefs && !diagnostics.contains { definitionCodes.contains($0.code) }
        var rules: [CompiledRule] = []
        var ruleSpans: [String: Span] = [:]
        for f in parsed {
            for case .rule(let r) in f.decls {
                if let first = ruleSpans[r.id.text] {
                    error("E2004", msg(.duplicateRuleID, ["id": .text(r.id.text)]), at: r.id.span, label: msg(.labelDeclaredAgain),
                          secondary: [Label(first, msg(.labelFirstDeclared))], help: msg(.helpRuleIDsUnique))
                    continue
                }
                ruleSpans[r.id.text] = r.id.span
                rules.append(compileRule(r))
            }
        }
        inliningAllowed = false
        markUnverifiedThresholds(&rules, thresholds)
        let tests = compileTests(known: ruleSpans)
        warnUnused()
        // Named by path here; `RulesetLoader` replaces it with the content digest over relative names.
        let digest = RulesetDigest.compute(files.files.map { ($0.path, $0.bytes) })
        let dateField = rulesetDecl?.dateField?.map { Key($0.text) }
        let built = ir.finish(pathCachePrefix: pathSlotPrefix)
        return Program(
            name: rulesetDecl?.name.text ?? "unnamed",
            title: rulesetDecl?.title?.plainText,
            version: rulesetDecl?.version?.plainText,
            dateField: dateField,
            sources: sources, schema: schema, schemaDoc: schemaDecl,
            schemaConditions: conditions, schemaSeverity: schemaSeverities(),
            lets: lets, defs: defs, rules: rules, thresholds: thresholds, tests: tests, files: files,
            digest: digest, pathCachePrefix: pathSlotPrefix, ir: built)
    }

    // MARK: - Declarations

    private mutating func collectDeclarations() {
        var letSpans: [String: Span] = [:]
        for f in parsed {
            for decl in f.decls {
                switch decl {
                case .ruleset(let r):
                    if let first = rulesetDecl {
                        error("E2015", msg(.secondRuleset), at: r.name.span, secondary: [Label(first.name.span, msg(.labelFirstDeclared))], help: msg(.helpOneRuleset))
                    } else {
                        rulesetDecl = r
                    }
                case .source(let s):
                    let name = s.name.plainText ?? ""
                    if let first = sources.first(where: { $0.name == name }) {
                        error("E2015", msg(.sourceTwice, ["name": .text(name)]), at: s.name.span, secondary: [Label(first.span, msg(.labelFirstDeclared))], help: msg(.helpMergeSources))
                        continue
                    }
                    var items: [ItemInfo] = []
                    for item in s.items {
                        let id = item.id.plainText ?? ""
                        if let first = items.first(where: { $0.id == id }) {
                            error("E2015", msg(.itemTwice, ["id": .text(id), "name": .text(name)]), at: item.id.span, secondary: [Label(first.span, msg(.labelFirstDeclared))], help: msg(.helpItemsUnique))
                            continue
                        }
                        var info = ItemInfo(id: id, text: item.text.plainText ?? "", notCheckable: item.notCheckable?.plainText, span: item.id.span)
                        info.verified = item.verification?.isVerified
                        if item.verification == nil {
                            warning("W2070", msg(.itemUnverified, ["id": .text(id)]), at: item.id.span, help: msg(.helpItemUnverified))
                        }
                        for point in item.points {
                            let pid = point.id.plainText ?? ""
                            if let first = info.points.first(where: { $0.id == pid }) {
                                error("E2071", msg(.pointTwice, ["point": .text(pid), "id": .text(id)]), at: point.id.span, secondary: [Label(first.span, msg(.labelFirstDeclared))], help: msg(.helpPointsUnique))
                                continue
                            }
                            info.points.append(PointInfo(id: pid, text: point.text.plainText ?? "", verified: point.verification?.isVerified ?? info.verified, span: point.id.span))
                        }
                        items.append(info)
                    }
                    sources.append(SourceInfo(name: name, title: s.title?.plainText, issued: s.issued?.value, items: items, span: s.name.span))
                case .schema(let s):
                    if let first = schemaDecl {
                        error("E2015", msg(.secondSchema), at: Span(file: s.span.file, start: s.span.start, end: s.span.start + 6), secondary: [Label(Span(file: first.span.file, start: first.span.start, end: first.span.start + 6), msg(.labelFirstDeclared))], help: msg(.helpOneSchema))
                    } else {
                        schemaDecl = s
                        schema = .object(schemaFields(s.fields, in: f, path: ""))
                    }
                case .let(let l):
                    if let first = letSpans[l.name.text] {
                        error("E2005", msg(.declaredTwice, ["name": .text(l.name.text)]), at: l.name.span, secondary: [Label(first, msg(.labelFirstDeclared))], help: msg(.helpRenameOrRemove))
                        continue
                    }
                    letSpans[l.name.text] = l.name.span
                    letIndex[l.name.text] = letDecls.count
                    letDecls.append(l)
                case .def(let d):
                    if let first = letSpans[d.name.text] {
                        error("E2005", msg(.declaredTwice, ["name": .text(d.name.text)]), at: d.name.span, secondary: [Label(first, msg(.labelFirstDeclared))], help: msg(.helpRenameOrRemove))
                        continue
                    }
                    if Builtin(rawValue: d.name.text) != nil {
                        error("E2005", msg(.builtinName, ["name": .text(d.name.text)]), at: d.name.span, help: msg(.helpChooseAnotherName))
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
                    error("E2040", msg(.requiredWhenOnRequired, ["name": .text(f.name.text)]), at: e.span,
                          help: msg(.helpRequiredWhenOnRequired, ["name": .text(f.name.text)]))
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
                for l in v.labels where l.text.plainText == nil { _ = plain(l.text, msg(.whatEnumLabel)) }
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
                error("E2041", msg(.notAFindingKind, ["kind": .text(line.kind.text)]), at: line.kind.span,
                      help: didYouMean(closestMatch(to: line.kind.text, in: names)) ?? msg(.helpFindingKinds, ["kinds": .text(names.map { "`\($0)`" }.joined(separator: ", "))]))
                continue
            }
            guard let severity = RuleSeverity(rawValue: line.severity.text) else {
                error("E2041", msg(.notASeverity, ["word": .text(line.severity.text)]), at: line.severity.span, help: msg(.helpSeverityWords))
                continue
            }
            if let first = seen[kind.rawValue] {
                error("E2015", msg(.schemaSeverityTwice, ["kind": .text(kind.rawValue)]), at: line.span, secondary: [Label(first, msg(.labelFirstGiven))], help: msg(.helpOneLinePerKind))
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
            let reason = t.verification?.reason.map { plain($0, msg(.whatReason)) }
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
        let name = plain(c.source, msg(.whatCitation))
        let itemText = c.item.map { plain($0, msg(.whatItem)) }
        let pointText = c.point.map { plain($0, msg(.whatPoint)) }
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
            effectiveFrom: nil, effectiveUntil: nil, when: nil, body: .empty, frameSize: 0, span: r.span)
        var sawSeverity: Span? = nil
        var allowsPresenceGate: Span? = nil
        for m in r.metas {
            switch m.kind {
            case .title(let lang, let s):
                rule.titles.append((lang?.text ?? "vi", plain(s, msg(.whatTitle))))
            case .hint(let lang, let s):
                rule.hints.append((lang?.text ?? "vi", plain(s, msg(.whatHint))))
            case .cite(let c):
                rule.cites.append(citation(c))
            case .severity(let s):
                if let first = sawSeverity {
                    error("E2015", msg(.severityTwice), at: m.span, secondary: [Label(first, msg(.labelFirstGiven))], help: msg(.helpOneSeverity))
                }
                sawSeverity = m.span
                rule.severity = RuleSeverity(rawValue: s.text) ?? .error
            case .tags(let tags):
                rule.tags += tags.map(\.text)
            case .effective(let from, let until):
                if let from { rule.effectiveFrom = from.value }
                if let until { rule.effectiveUntil = until.value }
                if let from, let until, from.value >= until.value {
                    error("E2011", msg(.effectiveOrder, ["from": .date("\(from.value)"), "until": .date("\(until.value)")]), at: until.span,
                          secondary: [Label(from.span, msg(.labelTakesEffect))], help: msg(.helpEffectiveOrder))
                }
            case .allow(let what, let reason):
                guard what.text == PresenceGateLint.allowance else {
                    error("E2032", msg(.notAllowable, ["word": .text(what.text)]), at: what.span,
                          help: didYouMean(closestMatch(to: what.text, in: [PresenceGateLint.allowance]))
                              ?? msg(.helpOnlyAllowance, ["allowance": .text(PresenceGateLint.allowance)]))
                    continue
                }
                allowsPresenceGate = m.span
                if plain(reason, msg(.whatReason)).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    error("E2031", msg(.allowWithoutReason, ["word": .text(what.text)]), at: reason.span,
                          help: msg(.helpAllowWithoutReason, ["word": .text(what.text)]))
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
        // A rule that checks nothing would pass every dossier it concerns:
        // an error, so a rule left unfinished cannot sign off a dossier.
        if !containsRequire(r.body) {
            error("E2018", msg(.noRequire, ["id": .text(r.id.text)]), at: r.id.span, help: msg(.helpNoRequire))
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
                "W2011", msg(.presenceGate), at: gate.site,
                label: msg(.labelPresenceTest, ["path": .text(p)]),
                secondary: [Label(read.site, msg(.labelRuleChecks, ["path": .text(read.path.dotted)]))],
                help: msg(.helpPresenceGate, ["path": .text(p), "field": .text(field), "allowance": .text(PresenceGateLint.allowance)])))
        case (nil, let span?):
            warning("W2012", msg(.allowWithoutGate, ["allowance": .text(PresenceGateLint.allowance)]), at: span, help: msg(.helpRemoveAllow))
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

    /// Compiles the statements; inner bodies go to the statement table first.
    private mutating func compileBody(_ body: [Statement], _ frame: inout Frame) -> IRBody {
        let statements = body.map { s -> IRStatement in
            switch s {
            case .require(let r):
                let (cond, type) = compile(r.condition, &frame)
                checkBoolean(type, r.condition)
                var message: [(lang: String, text: Int32)] = []
                for m in r.messages {
                    let lang = m.lang?.text ?? "vi"
                    if message.contains(where: { $0.lang == lang }) {
                        error("E2015", msg(.twoMessagesOneLanguage, ["lang": .text(lang)]), at: m.lang?.span ?? m.text.span,
                              help: msg(.helpTwoMessagesOneLanguage))
                    }
                    message.append((lang, compileString(m.text, &frame)))
                }
                return ir.require(condition: cond, message: message)
            case .forEach(let f):
                let (collection, ctype) = compile(f.collection, &frame)
                var elementType: StaticType = .unknown
                switch ctype {
                case .list(let e): elementType = e
                case .unknown: break
                default:
                    error("E2014", msg(.needsList, ["subject": .text("`for each`"), "expr": .localized(describeExpr(f.collection)), "type": .localized(ctype.article)]),
                          at: f.collection.span, help: msg(.helpForEachOneValue))
                }
                let slot = frame.push(f.variable.text, elementType)
                if let name = f.index, name.text == f.variable.text {
                    error("E2005", msg(.elementAndPosition, ["name": .text(name.text)]), at: name.span,
                          secondary: [Label(f.variable.span, msg(.labelTheElement))], help: msg(.helpPositionName))
                }
                let index = f.index.map { (slot: frame.push($0.text, .number), name: $0.text) }
                let filter = f.filter.map { e -> Int32 in
                    let (c, t) = compile(e, &frame)
                    checkBoolean(t, e)
                    return c
                }
                let body = compileBody(f.body, &frame)
                if let name = f.index, !frame.pop() {
                    warning("W2030", msg(.positionUnused, ["name": .text(name.text)]), at: name.span, help: msg(.helpPositionUnused, ["name": .text(name.text)]))
                }
                frame.pop()
                return ir.forEach(slot: slot, indexSlot: index?.slot ?? -1, variable: index.map { f.variable.text + ", " + $0.name } ?? f.variable.text,
                                  collection: collection, filter: filter, body: body)
            }
        }
        return ir.body(statements)
    }

    private mutating func plain(_ s: StringLiteral, _ what: @autoclosure () -> DiagnosticText) -> String {
        if let t = s.plainText { return t }
        error("E2022", msg(.interpolationNotAllowed, ["what": .localized(what())]), at: s.span, help: msg(.helpLiteralBraces))
        return ""
    }

    /// Checks that the cited source, item and point are declared; returns
    /// the verification of the point (else the item), nil when unknown.
    @discardableResult
    private mutating func checkCitation(_ source: String, _ span: Span, _ item: String?, _ itemSpan: Span?, _ point: String? = nil, _ pointSpan: Span? = nil) -> Bool? {
        guard let s = sources.first(where: { $0.name == source }) else {
            let suggestion = closestMatch(to: source, in: sources.map(\.name))
            error("E2009", msg(.notADeclaredSource, ["source": .text(source)]), at: span,
                  help: didYouMean(suggestion) ?? msg(.helpDeclareSource, ["source": .text(source)]))
            return nil
        }
        guard let item else { return nil }
        guard let info = s.items.first(where: { $0.id == item }) else {
            let suggestion = closestMatch(to: item, in: s.items.map(\.id))
            error("E2010", msg(.noSuchItem, ["source": .text(source), "item": .text(item)]), at: itemSpan ?? span,
                  secondary: [Label(s.span, msg(.labelDeclaredHere))],
                  help: didYouMean(suggestion) ?? msg(.helpAddItem, ["item": .text(item)]))
            return nil
        }
        guard let point else { return info.verified }
        guard let p = info.points.first(where: { $0.id == point }) else {
            let suggestion = closestMatch(to: point, in: info.points.map(\.id))
            error("E2070", msg(.noSuchPoint, ["item": .text(item), "source": .text(source), "point": .text(point)]), at: pointSpan ?? span,
                  secondary: [Label(info.span, msg(.labelItemDeclared))],
                  help: didYouMean(suggestion) ?? msg(.helpAddPoint, ["point": .text(point), "item": .text(item)]))
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
                        error("E2060", msg(.givenFileOutside, ["why": .localized(why)]), at: s.span, help: msg(.helpGivenFileOutside))
                    } else if FileManager.default.fileExists(atPath: path) {
                        test.given = .file(path: path)
                    } else {
                        error("E2021", msg(.noDossierFile, ["path": .text(shortExcerpt(path))]), at: s.span, help: msg(.helpRelativePath))
                    }
                case nil:
                    break
                }
                // A test that expects nothing would pass whatever the rules do.
                if t.expectations.isEmpty {
                    error("E2020", msg(.testExpectsNothing, ["name": .text(t.name.plainText ?? "")]), at: t.name.span, help: msg(.helpTestExpectsNothing))
                }
                for x in t.expectations {
                    if known[x.rule.text] == nil && !SchemaProblem.allCases.contains(where: { $0.findingID == x.rule.text }) && !["tuanthu.duplicate-key", "tuanthu.invalid-date"].contains(x.rule.text) {
                        let suggestion = closestMatch(to: x.rule.text, in: known.keys.sorted())
                        error("E2008", msg(.expectUnknownRule, ["id": .text(x.rule.text)]), at: x.rule.span, help: didYouMean(suggestion))
                    }
                    let at = x.at?.plainText
                    if let at, !at.isEmpty && !at.hasPrefix("/") {
                        error("E2019", msg(.notAPointer, ["text": .text(at)]), at: x.at!.span, help: msg(.helpPointerForm))
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

        /// An empty frame of a rule, let or def.
        init() {}

        /// A scope of its own whose slots follow `base` in the frame at hand:
        /// an inlined def's body sees only its parameters, in slots from `base`.
        init(startingAt base: Int) {
            next = base
            size = base
        }

        /// Takes `n` slots without names (an inlined def's parameters, bound
        /// while the arguments are compiled in the caller's scope).
        mutating func reserve(_ n: Int) -> Int {
            let first = next
            next += n
            size = max(size, next)
            return first
        }

        /// Gives back the `n` slots last reserved.
        mutating func release(_ n: Int) {
            next -= n
        }

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

    private mutating func compile(_ e: Expr, _ frame: inout Frame) -> (Int32, StaticType) {
        switch e.kind {
        case .number(let v, let text):
            return (ir.constant(numberConstant(v, text), e.span), .number)
        case .string(let s):
            if let t = s.plainText { return (ir.constant(.string(t), e.span), .literalString(t)) }
            return (compileString(s, &frame), .string)
        case .date(let d):
            return (ir.constant(.date(d), e.span), .date)
        case .bool(let b):
            return (ir.constant(.bool(b), e.span), .bool)
        case .null:
            return (ir.constant(.null, e.span), .null)
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
            default: error("E2014", msg(.needsList, ["subject": .text("`\(q.rawValue)`"), "expr": .localized(describeExpr(collection)), "type": .localized(ctype.article)]), at: collection.span)
            }
            let slot = frame.push(variable.text, elementType)
            let (b, btype) = compile(body, &frame)
            checkBoolean(btype, body)
            frame.pop()
            return (ir.quantifier(q, slot: slot, c, b, e.span), q == .count ? .number : .bool)
        case .unary(.not, let x):
            let (c, t) = compile(x, &frame)
            checkBoolean(t, x)
            return (ir.add(.not, e.span, c), .bool)
        case .unary(.negate, let x):
            // `-9007199254740993` keeps its digits too.
            if case .number(let v, let text) = x.kind, case .bigInteger = numberConstant(v, text) {
                return (ir.constant(numberConstant(-v, "-" + text), e.span), .number)
            }
            let (c, t) = compile(x, &frame)
            checkNumber(t, x, "`-`")
            return (ir.add(.negate, e.span, c), .number)
        case .binary(let op, let l, let r):
            return compileBinary(op, l, r, e, &frame)
        case .conditional(let c, let a, let b):
            let (cc, ct) = compile(c, &frame)
            checkBoolean(ct, c)
            let (ac, at) = compile(a, &frame)
            let (bc, bt) = compile(b, &frame)
            if !at.isComparable(with: bt) {
                error("E2013", msg(.ifBranchesDiffer, ["a": .localized(describeExpr(a)), "atype": .localized(at.article), "b": .localized(describeExpr(b)), "btype": .localized(bt.article)]),
                      at: e.span, help: msg(.helpIfBranchesDiffer))
            }
            return (ir.add(.conditional, e.span, cc, ac, bc), unify(at, bt))
        case .comprehension(let comp):
            return compileComprehension(comp, e, &frame)
        case .list(let items):
            let mark = ir.mark
            let compiled = items.map { compile($0, &frame) }
            let codes = compiled.map(\.0)
            let elem = compiled.first?.1.widened ?? .unknown
            // A list of constants is one constant, built once (its items' nodes dropped).
            let constants = codes.compactMap { ir.constantValue($0) }
            if constants.count == codes.count {
                ir.dropConstants(after: mark)
                return (ir.constant(.list(constants), e.span), .list(elem))
            }
            return (ir.list(codes, e.span), .list(elem))
        case .object(let entries):
            let codes = entries.map { ($0.key, compile($0.value, &frame).0) }
            return (ir.object(codes, e.span), .object(nil))
        case .bad:
            return (ir.add(.bad, e.span), .unknown)
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
    private mutating func compileComprehension(_ comp: Comprehension, _ e: Expr, _ frame: inout Frame) -> (Int32, StaticType) {
        let (c, ctype) = compile(comp.collection, &frame)
        var elementType: StaticType = .unknown
        switch ctype {
        case .list(let t): elementType = t
        case .unknown: break
        default:
            error("E2014", msg(.needsList, ["subject": .text("`for`"), "expr": .localized(describeExpr(comp.collection)), "type": .localized(ctype.article)]),
                  at: comp.collection.span, help: msg(.helpComprehensionList))
        }
        let slot = frame.push(comp.variable.text, elementType)
        let filter = comp.filter.map { f -> Int32 in
            let (fc, ft) = compile(f, &frame)
            checkBoolean(ft, f)
            return fc
        }
        let (ec, et) = compile(comp.element, &frame)
        frame.pop()
        return (ir.comprehension(slot: slot, variable: comp.variable.text, c, filter: filter, element: ec, e.span), .list(et.widened))
    }

    private mutating func compileString(_ s: StringLiteral, _ frame: inout Frame) -> Int32 {
        var parts: [FormatPiece] = []
        for p in s.parts {
            switch p {
            case .text(let t): parts.append(.text(t))
            case .interpolation(let e): parts.append(.value(compile(e, &frame).0))
            }
        }
        if parts.isEmpty { return ir.constant(.string(""), s.span) }
        if parts.count == 1, case .text(let t) = parts[0] { return ir.constant(.string(t), s.span) }
        return ir.format(parts, s.span)
    }

    /// Names, members, indexes and projections become one path op.
    private mutating func compilePath(_ e: Expr, _ frame: inout Frame) -> (Int32, StaticType) {
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
        var code: Int32
        var type: StaticType
        var steps: [PathStep] = []
        var schemaNode: SchemaType? = nil
        var projected = false
        var described = ""
        if case .name(let name) = base.kind {
            described = name
            if let local = frame.lookup(name) {
                code = ir.add(.local, base.span, Int32(local.slot))
                type = local.type
            } else if let k = letIndex[name] {
                noteUse("l:" + name)
                code = ir.add(.global, base.span, Int32(k))
                type = .unknown
            } else if defIndex[name] != nil {
                noteUse("d:" + name)  // named, if not called: not also "never used"
                error("E2080", msg(.functionAsValue, ["name": .text(name)]), at: base.span)
                return (ir.add(.bad, e.span), .unknown)
            } else {
                // A top-level field of the dossier.
                code = ir.add(.root, Span(file: base.span.file, start: base.span.start, end: base.span.start))
                steps.append(.key(name))
                if let schema {
                    guard let field = schema.field(name) else {
                        var candidates = frame.names.map(\.name) + Array(letIndex.keys)
                        if case .object(let fs) = schema { candidates += fs.map(\.name) }
                        let suggestion = closestMatch(to: name, in: candidates.sorted())
                        error("E2001", msg(.unknownName, ["name": .text(name)]), at: base.span,
                              help: didYouMean(suggestion) ?? msg(.helpUnknownName))
                        return (ir.add(.bad, e.span), .unknown)
                    }
                    schemaNode = field.type
                    type = StaticType(field.type)
                } else {
                    type = .unknown
                }
            }
        } else {
            (code, type) = compile(base, &frame)
            // The base's own text: messages put it in backticks.
            described = files[base.span.file].map { shortExcerpt($0.text(base.span), limit: 40) } ?? "…"
        }
        if chain.isEmpty && (ir.kind(code) == .local || ir.kind(code) == .global) { return (code, type) }
        if chain.isEmpty { return (makePath(code, steps, e.span), type) }
        if case .object(let fields?) = type { schemaNode = .object(fields) }
        for link in chain {
            switch link.kind {
            case .member(_, let name):
                steps.append(.key(name.text))
                if let node = schemaNode {
                    switch node {
                    case .object(let fields):
                        if let f = fields.first(where: { $0.name == name.text }) {
                            schemaNode = f.type
                        } else {
                            let suggestion = closestMatch(to: name.text, in: fields.map(\.name))
                            error("E2012", msg(.noField, ["path": .text(described), "name": .text(name.text)]), at: name.span,
                                  help: didYouMean(suggestion) ?? msg(.helpSchemaLists, ["fields": .text(fields.prefix(12).map(\.name).joined(separator: ", "))]))
                            return (ir.add(.bad, e.span), .unknown)
                        }
                    case .list:
                        error("E2012", msg(.listNoField, ["path": .text(described), "name": .text(name.text)]), at: name.span,
                              help: msg(.helpListNoField, ["path": .text(described), "name": .text(name.text)]))
                        return (ir.add(.bad, e.span), .unknown)
                    default:
                        error("E2012", msg(.scalarNoField, ["path": .text(described), "type": .localized(StaticType(node).article), "name": .text(name.text)]), at: name.span)
                        return (ir.add(.bad, e.span), .unknown)
                    }
                }
                described += "." + name.text
            case .index(_, let index):
                let mark = ir.mark
                let (ic, itype) = compile(index, &frame)
                if case .string(let k)? = ir.constantValue(ic) {
                    // `["name"]` is the field `name`: the constant's node is not needed.
                    ir.dropConstants(after: mark)
                    steps.append(.key(k))
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
                        error("E2014", msg(.needsList, ["subject": .text("`[*]`"), "expr": .text("`\(described)`"), "type": .localized(StaticType(node).article)]), at: star)
                        return (ir.add(.bad, e.span), .unknown)
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
        if let inner = ir.path(code) {
            return (makePath(inner.base, inner.steps + steps, e.span), result)
        }
        return (makePath(code, steps, e.span), result)
    }

    /// A path op; field-name paths from the root get a cache slot, one per
    /// distinct path (and one per prefix), so each is looked up once per dossier.
    private mutating func makePath(_ base: Int32, _ steps: [PathStep], _ span: Span) -> Int32 {
        var slot = -1
        if ir.kind(base) == .root {
            var keys: [String] = []
            for step in steps {
                guard case .key(let k) = step else {
                    keys = []
                    break
                }
                keys.append(k)
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
        return ir.path(base, steps, slot: slot, span)
    }

    private mutating func compileCall(_ name: Name, _ args: [Expr], _ e: Expr, _ frame: inout Frame) -> (Int32, StaticType) {
        if case .comprehension(let comp)? = args.first?.kind, !comp.isBracketed, defIndex[name.text] != nil || !["count", "sum", "min", "max", "distinct"].contains(name.text) {
            error("E2030", msg(.bareComprehension, ["name": .text(name.text)]), at: args[0].span, help: msg(.helpBareComprehension))
            if defIndex[name.text] != nil { noteUse("d:" + name.text) }
            _ = compile(args[0], &frame)
            return (ir.add(.bad, e.span), .unknown)
        }
        if let k = defIndex[name.text] {
            noteUse("d:" + name.text)
            let def = defDecls[k]
            if args.count != def.parameters.count {
                let expected = msg(def.parameters.count == 1 ? .argumentCountOne : .argumentCountMany, ["count": .text(String(def.parameters.count))])
                error("E2003", wrongArgumentCount(name.text, expected: expected, given: args.count),
                      at: e.span, secondary: [Label(def.name.span, msg(.labelDefinedHere))],
                      help: msg(.helpWriteSignature, ["signature": .text("\(name.text)(\(def.parameters.map(\.text).joined(separator: ", ")))")]))
                return (ir.add(.bad, e.span), .unknown)
            }
            if canInline(k) {
                // Slots for the parameters first: an argument's own inlined
                // calls then take slots above them.
                let slot = frame.reserve(def.parameters.count)
                let codes = args.map { compile($0, &frame).0 }
                let body = compileInlined(k, at: slot, &frame)
                frame.release(def.parameters.count)
                return (ir.inlined(slot: slot, codes, body: body, e.span), .unknown)
            }
            let codes = args.map { compile($0, &frame).0 }
            return (ir.callDef(k, codes, e.span), .unknown)
        }
        guard let builtin = Builtin(rawValue: name.text) else {
            let candidates = Builtin.allCases.map(\.rawValue) + Array(defIndex.keys)
            let suggestion = closestMatch(to: name.text, in: candidates.sorted())
            error("E2002", msg(.unknownFunction, ["name": .text(name.text)]), at: name.span,
                  help: didYouMean(suggestion) ?? msg(.helpBuiltins, ["names": .text(Builtin.allCases.map(\.rawValue).joined(separator: ", "))]))
            return (ir.add(.bad, e.span), .unknown)
        }
        guard builtin.arity.contains(args.count) else {
            let n = builtin.arity.lowerBound
            let count: MessageArg = builtin.arity.count > 1
                ? .localized(msg(.argumentRange, ["low": .text(String(builtin.arity.lowerBound)), "high": .text(String(builtin.arity.upperBound))]))
                : .text(String(n))
            let expected = msg(builtin.arity.upperBound == 1 ? .argumentCountOne : .argumentCountMany, ["count": count])
            error("E2003", wrongArgumentCount(name.text, expected: expected, given: args.count),
                  at: e.span, help: msg(.helpWriteSignature, ["signature": .text(builtin.signature)]))
            return (ir.add(.bad, e.span), .unknown)
        }
        let compiled = args.map { compile($0, &frame) }
        let codes = compiled.map(\.0)
        let types = compiled.map(\.1)
        func need(_ ok: Bool, _ i: Int, _ what: @autoclosure () -> DiagnosticText, _ help: @autoclosure () -> DiagnosticText? = nil) {
            if !ok {
                error("E2014", msg(.needsArgument, ["name": .text(name.text), "what": .localized(what()), "expr": .localized(describeExpr(args[i])), "type": .localized(types[i].article)]),
                      at: args[i].span, help: help())
            }
        }
        switch builtin {
        case .exists:
            if ![.path, .local, .global].contains(ir.kind(codes[0])) {
                error("E2014", msg(.existsNeedsPath), at: args[0].span)
            }
            return (ir.call(builtin, codes, e.span), .bool)
        case .count, .distinct:
            need(types[0].isListLike, 0, StaticType.list(.unknown).article, types[0].isStringLike ? didYouMean("len(…)") : nil)
            return (ir.call(builtin, codes, e.span), builtin == .count ? .number : types[0])
        case .sum, .min, .max:
            need(types[0].isListLike, 0, StaticType.list(.unknown).article)
            if case .list(let t) = types[0], t != .unknown, !t.isNumeric, !(builtin != .sum && t == .date) {
                error("E2014", msg(.needsNumberList, ["name": .text(name.text), "expr": .localized(describeExpr(args[0])), "plural": .localized(t.plural)]), at: args[0].span)
            }
            if builtin == .sum { return (ir.call(builtin, codes, e.span), .number) }
            // `min`/`max` of an untyped list may be a date or a number: unknown until run.
            switch types[0] {
            case .list(.date): return (ir.call(builtin, codes, e.span), .date)
            case .list(.number): return (ir.call(builtin, codes, e.span), .number)
            default: return (ir.call(builtin, codes, e.span), .unknown)
            }
        case .len:
            need(types[0].isStringLike, 0, StaticType.string.article, types[0].isListLike ? didYouMean("count(…)") : nil)
            return (ir.call(builtin, codes, e.span), .number)
        case .lower, .upper:
            need(types[0].isStringLike, 0, StaticType.string.article)
            return (ir.call(builtin, codes, e.span), .string)
        case .contains:
            need(types[0].isListLike || types[0].isStringLike, 0, msg(.argListOrString))
            return (ir.call(builtin, codes, e.span), .bool)
        case .mentions:
            need(types[0].isStringLike || types[0].isListLike, 0, msg(.argText))
            need(types[1].isStringLike, 1, msg(.argPhrase))
            return (ir.call(builtin, codes, e.span), .bool)
        case .matches, .full_match:
            need(types[0].isStringLike, 0, StaticType.string.article)
            if case .string(let pattern)? = ir.constantValue(codes[1]) {
                do {
                    let regex = try LinearRegex(pattern)
                    return (ir.matches(codes[0], RegexBox(regex, isWholeMatch: builtin == .full_match), e.span), .bool)
                } catch {
                    self.error("E2017", msg(.invalidRegex, ["problem": .localized(error.messageText)]),
                               at: patternSpan(args[1].span, pattern, error.offset, error.length), help: error.helpText)
                    return (ir.add(.bad, e.span), .bool)
                }
            }
            if case .string(let lit) = args[1].kind, lit.isInterpolated {
                // `{…}` in a quoted pattern reads as an interpolation; in backticks it is the regex's.
                let quoted = files[lit.span.file].map { String($0.text(lit.span).dropFirst().dropLast()) } ?? ""
                error("E2081", msg(.patternInterpolated, ["name": .text(name.text)]), at: args[1].span,
                      help: rawStringSpelling(ofQuoted: quoted).map { msg(.helpPatternRaw, ["raw": .text($0)]) } ?? msg(.helpPatternDoubled))
            } else {
                error("E2081", msg(.patternNotLiteral, ["name": .text(name.text), "expr": .localized(describeExpr(args[1]))]), at: args[1].span,
                      help: msg(.helpPatternNotLiteral))
            }
            return (ir.add(.bad, e.span), .bool)
        case .date:
            need(types[0].isStringLike || types[0] == .date, 0, msg(.argDateString))
            return (ir.call(builtin, codes, e.span), .date)
        case .today, .as_of:
            return (ir.call(builtin, codes, e.span), .date)
        case .reference_date:
            // The dossier's date field is an implicit argument, read (and so
            // reported missing) like any path; an inspection ignores it.
            guard let field = rulesetDecl?.dateField, let first = field.first else {
                error("E2072", msg(.referenceDateNeedsField), at: e.span, help: msg(.helpReferenceDateNeedsField))
                return (ir.add(.bad, e.span), .date)
            }
            var path = Expr(.name(first.text), e.span)
            for n in field.dropFirst() { path = Expr(.member(path, Name(n.text, e.span)), e.span) }
            let (code, _) = compile(path, &frame)
            return (ir.call(builtin, [code], e.span), .date)
        case .days_between:
            need(types[0].isStringLike || types[0] == .date, 0, StaticType.date.article)
            need(types[1].isStringLike || types[1] == .date, 1, StaticType.date.article)
            return (ir.call(builtin, codes, e.span), .number)
        case .year:
            need(types[0].isStringLike || types[0] == .date, 0, StaticType.date.article)
            return (ir.call(builtin, codes, e.span), .number)
        case .abs:
            need(types[0].acceptsNumber, 0, StaticType.number.article)
            return (ir.call(builtin, codes, e.span), .number)
        case .is_number, .is_string, .is_bool, .is_list, .is_object, .is_null:
            // Any value: the test is the point. Never unknown, like `exists`.
            return (ir.call(builtin, codes, e.span), .bool)
        case .round:
            need(types[0].acceptsNumber, 0, StaticType.number.article)
            if codes.count > 1 { need(types[1].acceptsNumber, 1, StaticType.number.article) }
            return (ir.call(builtin, codes, e.span), .number)
        }
    }

    // MARK: - Inlined defs

    /// The largest def body (in syntax nodes, the bodies of the defs it
    /// calls counted in) that a call in a rule compiles inline.
    package static let maxInlinedNodes = 64

    /// Whether a call of def `k` is compiled inline: in a rule, when the
    /// definitions have no cycle, the body is small, and nothing in it is
    /// a membership test (`in`, `not in`, `contains`), whose list operand
    /// the evaluator memoizes per node: a copy of the body per call site
    /// would record that operand's reads once per copy, not once.
    private mutating func canInline(_ k: Int) -> Bool {
        inliningAllowed && inlineCost(k) <= Analyzer.maxInlinedNodes
    }

    /// The size of def `k`'s body with the defs it calls inlined, in
    /// syntax nodes; `Int.max` when it holds a membership test. Called only
    /// once the definitions are known to be free of cycles.
    private mutating func inlineCost(_ k: Int) -> Int {
        if let c = inlineCosts[k] { return c }
        var cost = 0
        var stack = [defDecls[k].body]
        while let e = stack.popLast(), cost < Int.max {
            cost += 1
            switch e.kind {
            case .call(let name, let args):
                if name.text == Builtin.contains.rawValue { cost = Int.max; break }
                if let j = defIndex[name.text] {
                    let c = inlineCost(j)
                    cost = c == Int.max ? Int.max : cost + c
                }
                stack += args
            case .binary(let op, let a, let b):
                if op == .in || op == .notIn { cost = Int.max; break }
                stack += [a, b]
            case .member(let b, _), .project(let b), .unary(_, let b), .paren(let b):
                stack.append(b)
            case .index(let a, let b), .quantifier(_, _, let a, let b):
                stack += [a, b]
            case .conditional(let c, let a, let b):
                stack += [c, a, b]
            case .comprehension(let comp):
                stack += [comp.collection, comp.element] + (comp.filter.map { [$0] } ?? [])
            case .list(let items):
                stack += items
            case .object(let entries):
                stack += entries.map(\.value)
            case .string(let literal):
                for case .interpolation(let x) in literal.parts { stack.append(x) }
            default:
                break
            }
        }
        inlineCosts[k] = cost
        return cost
    }

    /// Def `k`'s body compiled again at a call site, its parameters in the
    /// caller's slots from `slot`, in a scope of its own (the caller's
    /// variables are not visible to it, as to the def). The parameters are
    /// typed as in the def's own compilation, so the code is the same but
    /// for the slots; its problems were reported then, so none is now.
    private mutating func compileInlined(_ k: Int, at slot: Int, _ frame: inout Frame) -> Int32 {
        let d = defDecls[k]
        var inner = Frame(startingAt: slot)
        for p in d.parameters { inner.push(p.text, .unknown) }
        let wasMuted = muted
        muted = true
        let (body, _) = compile(d.body, &inner)
        muted = wasMuted
        frame.size = max(frame.size, inner.size)
        return body
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

    private mutating func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ e: Expr, _ frame: inout Frame) -> (Int32, StaticType) {
        var (lc, lt) = compile(l, &frame)
        var (rc, rt) = compile(r, &frame)
        switch op {
        case .and, .or:
            checkBoolean(lt, l)
            checkBoolean(rt, r)
            return (ir.binary(op, lc, rc, e.span), .bool)
        case .add, .subtract, .multiply, .divide:
            if op == .subtract && lt == .date && rt == .date {
                error("E2013", msg(.datesSubtracted), at: e.span, help: msg(.helpDaysBetween))
                return (ir.add(.bad, e.span), .number)
            }
            checkNumber(lt, l, "`\(op.rawValue)`")
            checkNumber(rt, r, "`\(op.rawValue)`")
            return (ir.binary(op, lc, rc, e.span), .number)
        case .coalesce:
            return (ir.binary(op, lc, rc, e.span), lt == .unknown || lt == .null ? rt : lt.widened)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if !lt.isComparable(with: rt) {
                error("E2013", msg(.cannotCompare, ["left": .localized(describeExpr(l)), "ltype": .localized(lt.article), "right": .localized(describeExpr(r)), "rtype": .localized(rt.article)]),
                      at: e.span, help: lt == .date || rt == .date ? msg(.helpDateCompares) : msg(.helpCompareOneType))
            }
            checkEnumLiteral(lt, rt, r)
            checkEnumLiteral(rt, lt, l)
            // Read both sides as dates, except against `null` (`submitted_on == null` tests for null).
            if (lt == .date || rt == .date) && lt != .null && rt != .null {
                lc = ir.add(.toDate, ir.span(lc), lc)
                rc = ir.add(.toDate, ir.span(rc), rc)
            }
            return (ir.binary(op, lc, rc, e.span), .bool)
        case .in, .notIn:
            if case .list(let elem) = rt {
                if !lt.isComparable(with: elem) {
                    error("E2013", msg(.cannotLookFor, ["type": .localized(lt.article), "plural": .localized(elem.plural)]), at: e.span,
                          help: msg(.helpLookForElementType))
                }
                if case .list(let values)? = ir.constantValue(rc) {
                    // Each value at its element in a written list; else (a `let`) at the list.
                    var elements: [Expr] = []
                    if case .list(let written) = r.kind { elements = written }
                    for v in values {
                        guard case .string(let s) = v else { continue }
                        let at = elements.first { if case .string(let lit) = $0.kind { lit.plainText == s } else { false } } ?? r
                        checkEnumLiteral(lt, .literalString(s), at)
                    }
                }
            } else if rt != .unknown && !rt.isStringLike {
                error("E2014", msg(.inNeedsListOrString, ["op": .text(op.rawValue), "expr": .localized(describeExpr(r)), "type": .localized(rt.article)]), at: r.span)
            }
            return (ir.binary(op, lc, rc, e.span), .bool)
        }
    }

    /// A literal compared with an enum field that is not one of its values
    /// is an error: `==` is then never true and `!=` always, so the rule's
    /// verdict (or whether it applies) would not depend on the dossier.
    private mutating func checkEnumLiteral(_ fieldType: StaticType, _ literalType: StaticType, _ literal: Expr) {
        guard case .enumeration(let values) = fieldType, case .literalString(let s) = literalType, !values.contains(s) else { return }
        let suggestion = closestMatch(to: s, in: values)
        error("E2016", msg(.notAnEnumValue, ["value": .text(s)]), at: literal.span,
                help: suggestion.map { msg(.didYouMeanValue, ["value": .text($0)]) } ?? msg(.helpAllowedValues, ["values": .text(values.map { "\"\($0)\"" }.joined(separator: ", "))]))
    }

    private mutating func checkBoolean(_ t: StaticType, _ e: Expr) {
        switch t {
        case .unknown, .bool: return
        default:
            error("E2013", msg(.conditionNotBool, ["expr": .localized(describeExpr(e)), "type": .localized(t.article)]), at: e.span,
                  help: t.isListLike ? msg(.helpConditionList) : msg(.helpConditionCompare))
        }
    }

    private mutating func checkNumber(_ t: StaticType, _ e: Expr, _ what: String) {
        if t.acceptsNumber { return }
        error("E2013", msg(.needsNumber, ["what": .text(what), "expr": .localized(describeExpr(e)), "type": .localized(t.article)]), at: e.span,
              help: msg(.helpNeedsNumber))
    }

    /// `field.path` or "this expression" for messages.
    private func describeExpr(_ e: Expr) -> DiagnosticText {
        guard let f = files[e.span.file] else { return msg(.theExpression) }
        let t = f.text(e.span)
        return t.count <= 40 && !t.contains("\n") ? DiagnosticText(verbatim: "`\(t)`") : msg(.theExpression)
    }

    /// "`f` takes N arguments, but M were given".
    private func wrongArgumentCount(_ name: String, expected: DiagnosticText, given: Int) -> DiagnosticText {
        let given = msg(given == 1 ? .givenOne : .givenMany, ["count": .text(String(given))])
        return msg(.wrongArgumentCount, ["name": .text(name), "expected": .localized(expected), "given": .localized(given)])
    }

    /// "did you mean `x`?" when there is a suggestion.
    private func didYouMean(_ suggestion: String?) -> DiagnosticText? {
        suggestion.map { msg(.didYouMean, ["name": .text($0)]) }
    }

    private mutating func checkSchemaPath(_ path: [Name], in schema: SchemaType) -> SchemaType? {
        var node = schema
        for n in path {
            guard let f = node.field(n.text) else {
                let names: [String] = if case .object(let fs) = node { fs.map(\.name) } else { [] }
                error("E2012", msg(.schemaNoField, ["name": .text(n.text)]), at: n.span, help: didYouMean(closestMatch(to: n.text, in: names)))
                return nil
            }
            node = f.type
        }
        return node
    }

    // MARK: - Uses and cycles

    private mutating func noteUse(_ key: String) {
        if muted { return }
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
            error("E2061", msg(.definitionsTooDeep, ["name": .text(name), "chain": .text(String(w.chain)), "max": .text(String(Analyzer.maxDefinitionDepth))]),
                  at: span, help: msg(.helpDefinitionsTooDeep))
        }
        if let worst = roots.max(by: { (cost[$0] ?? 0) < (cost[$1] ?? 0) }), let c = cost[worst], c > Double(Analyzer.maxCallExpansion) {
            let name = String(worst.dropFirst(2))
            let span = worst.hasPrefix("d:") ? defDecls[defIndex[name] ?? 0].name.span : letDecls[letIndex[name] ?? 0].name.span
            let count: MessageArg = c < 1e15 ? .text(String(Int(c))) : .localized(msg(.callsAbove))
            error("E2062", msg(.tooManyCalls, ["name": .text(name), "count": count, "max": .text(String(Analyzer.maxCallExpansion))]),
                  at: span, help: msg(.helpTooManyCalls))
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
            error(isDef ? "E2006" : "E2007", msg(isDef ? .callsItself : .definedInTermsOfItself, ["name": .text(name)]), at: span,
                  help: msg(isDef ? .helpNoRecursion : .helpLetOwnValue))
        } else {
            error(isDef ? "E2006" : "E2007", msg(isDef ? .functionCycle : .definitionCycle, ["names": .text(names)]), at: span,
                  help: msg(.helpNoRecursion))
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
            warning("W2001", msg(.neverUsed, ["name": .text(d.name.text)]), at: d.name.span, help: msg(.helpNeverUsed))
        }
        for d in defDecls where !used.contains("d:" + d.name.text) {
            warning("W2001", msg(.neverUsed, ["name": .text(d.name.text)]), at: d.name.span, help: msg(.helpNeverUsed))
        }
    }

    // MARK: - Reporting

    private mutating func error(_ code: DiagnosticCode, _ message: DiagnosticText, at span: Span, label: DiagnosticText? = nil, secondary: [Label] = [], help: DiagnosticText? = nil) {
        if muted { return }
        diagnostics.append(.error(code, message, at: span, label: label, secondary: secondary, help: help))
    }

    private mutating func warning(_ code: DiagnosticCode, _ message: DiagnosticText, at span: Span, help: DiagnosticText? = nil) {
        if muted { return }
        diagnostics.append(.warning(code, message, at: span, help: help))
    }
}

/// Why a `given file` path leaves the folder of its `.rules` file (`base`),
/// or nil when it stays inside: absolute paths and `..` are refused outright,
/// and a symlink on the way must not lead out (checked on the resolved path).
func givenFileEscape(_ rel: String, base: String) -> DiagnosticText? {
    let shown: MessageArg = .text(shortExcerpt(rel))
    if rel.hasPrefix("/") || rel.hasPrefix("~") { return msg(.whyAbsolutePath, ["path": shown]) }
    if rel.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return msg(.whyGoesUp, ["path": shown]) }
    let path = (base as NSString).appendingPathComponent(rel)
    guard let resolved = realpath(path, nil) else { return nil }  // absent: reported as E2021
    defer { free(resolved) }
    guard let root = realpath(base.isEmpty ? "." : base, nil) else { return nil }
    defer { free(root) }
    let r = String(cString: resolved), b = String(cString: root)
    if r.hasPrefix(b == "/" ? "/" : b + "/") { return nil }
    return msg(.whySymlinkOut, ["path": shown])
}

/// At most 60 characters of `s`, with `…` where it is cut: messages quote
/// input briefly, never a whole file.
package func shortExcerpt(_ s: String, limit: Int = 60) -> String {
    s.count <= limit ? s : String(s.prefix(limit)) + "…"
}

/// Diagnostic text in both languages (this module has its own
/// `LocalizedText`, the messages of rules).
typealias DiagnosticText = Diagnostics.LocalizedText

/// A rule-set check's message from the catalogue, with its placeholders filled.
func msg(_ entry: SemanticMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> DiagnosticText {
    localize(entry, args)
}
