/// Which rules serve which item (and point) of which source, whether tests
/// exercise them, and what rests on text not verified against the law.
public struct CoverageReport: Sendable {
    /// One point (sub-item) of an item with the rules that cite it.
    public struct PointRow: Sendable {
        /// The point's id within its item.
        public var id: String
        /// The point's text.
        public var text: String
        /// Its verification (the item's when the point says none).
        public var verified: Bool?
        /// The rules citing this point, each with whether a test expects an outcome of it.
        public var rules: [(id: String, tested: Bool)]
    }
    /// One source item (or a whole source) with the rules that cite it.
    public struct Row: Sendable {
        /// The cited source's id.
        public var source: String
        /// The item id, or nil for rules that cite the source as a whole.
        public var item: String?
        /// The item's text, or the source's title for a whole-source row.
        public var text: String
        /// Why the item cannot be checked from a dossier, or nil if it can.
        public var notCheckable: String?
        /// The rules citing it, each with whether some test expects an outcome of it.
        public var rules: [(id: String, tested: Bool)]
        /// `verified`, `unverified` or neither (nil; also for a whole-source row).
        public var verified: Bool? = nil
        /// The item's points, each with the rules citing it.
        public var points: [PointRow] = []
        /// Checkable, yet no rule cites it.
        public var isGap: Bool { notCheckable == nil && rules.isEmpty && item != nil }
        /// Points of a checkable item that no rule cites.
        public var pointGaps: [PointRow] { notCheckable == nil ? points.filter { $0.rules.isEmpty } : [] }
    }
    /// One row per source item, then one per source cited as a whole, in declaration order.
    public var rows: [Row]
    /// Every `threshold`, in declaration order.
    public var thresholds: [ThresholdInfo]
    /// The `unverified` thresholds, in declaration order.
    public var unverifiedThresholds: [ThresholdInfo] { thresholds.filter { !$0.verified } }
    /// The source the ruleset implements: its first declared source (the
    /// letter 1032-CV/TU in the bundled pack); nil unless the ruleset
    /// declares other sources (the laws) beside it.
    public var directive: String?
    /// Rules whose every citation is of `directive`: no article of law
    /// backs them. Rules without any citation are not listed.
    public var directiveOnlyRules: [String]
    /// Number of checkable items, and points of checkable items, no rule cites.
    public var gaps: Int { rows.count { $0.isGap } + rows.reduce(0) { $0 + $1.pointGaps.count } }

    /// Builds the report from a compiled ruleset's sources, rules, thresholds and tests.
    public init(program: Program) {
        var tested = Set<String>()
        for t in program.tests { for x in t.expectations { tested.insert(x.rule) } }
        func listed(_ rules: [CompiledRule]) -> [(id: String, tested: Bool)] { rules.map { ($0.id, tested.contains($0.id)) } }
        var rows: [Row] = []
        for s in program.sources {
            for item in s.items {
                let rules = program.rules.filter { r in r.cites.contains { $0.source == s.name && $0.item == item.id } }
                var row = Row(source: s.name, item: item.id, text: item.text, notCheckable: item.notCheckable, rules: listed(rules))
                row.verified = item.verified
                row.points = item.points.map { p in
                    let citing = rules.filter { r in r.cites.contains { $0.source == s.name && $0.item == item.id && $0.point == p.id } }
                    return PointRow(id: p.id, text: p.text, verified: p.verified, rules: listed(citing))
                }
                rows.append(row)
            }
            let whole = program.rules.filter { r in r.cites.contains { $0.source == s.name && $0.item == nil } }
            if !whole.isEmpty {
                rows.append(Row(source: s.name, item: nil, text: s.title ?? "", notCheckable: nil, rules: listed(whole)))
            }
        }
        self.rows = rows
        self.thresholds = program.thresholds
        // With one source there is no law beside the directive to cite.
        let directive = program.sources.count > 1 ? program.sources.first?.name : nil
        self.directive = directive
        self.directiveOnlyRules = program.rules.filter { r in !r.cites.isEmpty && r.cites.allSatisfy { $0.source == directive } }.map(\.id)
    }

    /// Items, and points with their own marker, said `unverified`.
    public var unverifiedItems: [(source: String, item: String, point: String?, text: String)] {
        var out: [(source: String, item: String, point: String?, text: String)] = []
        for r in rows {
            guard let item = r.item else { continue }
            if r.verified == false { out.append((r.source, item, nil, r.text)) }
            for p in r.points where p.verified == false && r.verified != false { out.append((r.source, item, p.id, p.text)) }
        }
        return out
    }

    /// A plain-text table, then the lists of what is not verified.
    public func text() -> String {
        var out = ""
        var lastSource = ""
        func ruleList(_ rules: [(id: String, tested: Bool)]) -> String {
            rules.map { $0.id + ($0.tested ? "" : " (untested)") }.joined(separator: ", ")
        }
        for r in rows {
            if r.source != lastSource {
                out += "\(r.source)\n"
                lastSource = r.source
            }
            let item = r.item.map { "item \($0)" } ?? "(whole)"
            var line = "  \(item.padding(10))"
            if let why = r.notCheckable {
                line += "not checkable — \(why)"
            } else if r.rules.isEmpty {
                line += "GAP: no rule — \(r.text.prefix(70))"
            } else {
                line += ruleList(r.rules)
            }
            if r.verified == false { line += " [unverified]" }
            out += line + "\n"
            for p in r.points {
                var pl = "    \(("point " + p.id).padding(12))"
                if r.notCheckable != nil {
                    pl += "not checkable"
                } else if p.rules.isEmpty {
                    pl += "not covered — \(p.text.prefix(60))"
                } else {
                    pl += ruleList(p.rules)
                }
                if p.verified == false && r.verified != false { pl += " [unverified]" }
                out += pl + "\n"
            }
        }
        let checkable = rows.filter { $0.notCheckable == nil && $0.item != nil }
        let itemGaps = rows.count { $0.isGap }
        let points = checkable.reduce(0) { $0 + $1.points.count }
        let pointGaps = rows.reduce(0) { $0 + $1.pointGaps.count }
        out += "\n\(checkable.count - itemGaps) of \(checkable.count) checkable items covered; \(itemGaps) gap\(itemGaps == 1 ? "" : "s")\n"
        if points > 0 {
            out += "\(points - pointGaps) of \(points) points of checkable items covered; \(pointGaps) not covered\n"
        }
        out += "\nUnverified thresholds (\(unverifiedThresholds.count)):\n"
        if unverifiedThresholds.isEmpty { out += "  none\n" }
        for t in unverifiedThresholds {
            let cites = t.cites.map { $0.text(lang: "en") }.joined(separator: "; ")
            out += "  \(t.name) = \(t.shortValue) — should come from \(cites)\(t.reason.map { " — \($0)" } ?? "")\n"
        }
        let items = unverifiedItems
        out += "\nUnverified source items (\(items.count)):\n"
        if items.isEmpty { out += "  none\n" }
        for i in items {
            out += "  \(i.source) item \(i.item)\(i.point.map { " point \($0)" } ?? "") — \(i.text.prefix(70))\n"
        }
        if let directive {
            out += "\nRules citing only \(directive), no article of law (\(directiveOnlyRules.count)):\n"
            out += directiveOnlyRules.isEmpty ? "  none\n" : "  " + directiveOnlyRules.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// A Markdown table (for the README and pull requests): a row per item
    /// and per point; then, when the ruleset has thresholds, a table of them
    /// with the article each comes from and whether it was verified.
    public func markdown() -> String {
        var out = "| Source | Item | Rules | Status |\n|---|---|---|---|\n"
        func status(_ rules: [(id: String, tested: Bool)]) -> String {
            rules.allSatisfy(\.tested) ? "covered, tested" : "covered, some untested"
        }
        for r in rows {
            let state = r.notCheckable != nil ? "not checkable" : r.rules.isEmpty ? (r.item == nil ? "" : "**gap**") : status(r.rules)
            let rules = r.notCheckable ?? r.rules.map { "`\($0.id)`" }.joined(separator: ", ")
            out += "| \(escapeCell(r.source)) | \(r.item.map(escapeCell) ?? "—")\(r.verified == false ? " (unverified)" : "") | \(escapeCell(rules)) | \(state) |\n"
            for p in r.points {
                let pstate = r.notCheckable != nil ? "not checkable" : p.rules.isEmpty ? "**not covered**" : status(p.rules)
                let prules = p.rules.map { "`\($0.id)`" }.joined(separator: ", ")
                out += "| | \(escapeCell(r.item ?? "")) point \(escapeCell(p.id))\(p.verified == false ? " (unverified)" : "") | \(escapeCell(prules)) | \(pstate) |\n"
            }
        }
        if !thresholds.isEmpty {
            out += "\n| Threshold | Value | Article | Verified |\n|---|---|---|---|\n"
            for t in thresholds {
                let cites = t.cites.map { $0.text(lang: "vi") }.joined(separator: "; ")
                let verified = t.verified ? "yes" : "**no**" + (t.reason.map { " — " + escapeCell($0) } ?? "")
                out += "| `\(t.name)` | \(escapeCell(t.shortValue)) | \(escapeCell(cites)) | \(verified) |\n"
            }
        }
        return out
    }

    /// The report as a JSON object, for tools.
    public func json() -> String {
        func ruleList(_ rules: [(id: String, tested: Bool)]) -> JSONOut {
            .array(rules.map { .object([("rule", .string($0.id)), ("tested", .bool($0.tested))]) })
        }
        func verified(_ v: Bool?) -> JSONOut { v.map { .bool($0) } ?? .null }
        return JSONOut.object([
            ("items", .array(rows.map { r in
                .object([
                    ("source", .string(r.source)), ("item", .optionalString(r.item)), ("text", .string(r.text)),
                    ("not_checkable", .optionalString(r.notCheckable)),
                    ("verified", verified(r.verified)),
                    ("rules", ruleList(r.rules)),
                    ("gap", .bool(r.isGap)),
                    ("points", .array(r.points.map { p in
                        .object([
                            ("point", .string(p.id)), ("text", .string(p.text)), ("verified", verified(p.verified)),
                            ("rules", ruleList(p.rules)), ("gap", .bool(r.notCheckable == nil && p.rules.isEmpty)),
                        ])
                    })),
                ])
            })),
            ("gaps", .int(gaps)),
            ("unverified_thresholds", .array(unverifiedThresholds.map { t in
                .object([
                    ("name", .string(t.name)), ("value", .string(t.valueText)),
                    ("cites", .array(t.cites.map { .string($0.text(lang: "en")) })),
                    ("reason", .optionalString(t.reason)),
                ])
            })),
            ("unverified_items", .array(unverifiedItems.map { i in
                .object([("source", .string(i.source)), ("item", .string(i.item)), ("point", .optionalString(i.point)), ("text", .string(i.text))])
            })),
            ("directive", .optionalString(directive)),
            ("directive_only_rules", .array(directiveOnlyRules.map { .string($0) })),
        ]).serialized(pretty: true) + "\n"
    }

    private func escapeCell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

extension String {
    fileprivate func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}

/// The ruleset's dossier schema as JSON Schema 2020-12: declared objects
/// take no other keys, enum values carry their labels, and a `required when`
/// condition becomes `if`/`then` where JSON Schema can say it (equality or
/// `in` on a path, `and`, through `let`s), else a `$comment`.
public func jsonSchema(_ program: Program) -> String? {
    guard let schema = program.schema else { return nil }
    var root: [(String, JSONOut)] = [
        ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
        ("$id", .string("urn:tuanthu:\(program.name):\(program.version ?? "0")")),
        ("title", .string(program.title ?? program.name)),
    ]
    if case .object(let members) = schemaJSON(schema, nullable: false) { root += members }
    var conditional: [JSONOut] = []
    var comments: [String] = []
    for c in program.schemaConditions {
        let path = c.field.split(separator: ".").map(String.init)
        if !c.field.contains("[]"), let condition = conditionSchema(c.code, program, depth: 0) {
            conditional.append(.object([("if", condition), ("then", requiredSchema(path))]))
        } else {
            comments.append("`\(c.field)` is required when a condition holds that JSON Schema cannot express; tuanthu checks it.")
        }
    }
    if !conditional.isEmpty { root.append(("allOf", .array(conditional))) }
    if !comments.isEmpty { root.append(("$comment", .string(comments.joined(separator: " ")))) }
    return JSONOut.object(root).serialized(pretty: true) + "\n"
}

/// `{properties: {a: {properties: {b: …}}}}` with the last field required and not null.
private func requiredSchema(_ path: [String]) -> JSONOut {
    var inner: JSONOut = .object([
        ("required", .array([.string(path.last ?? "")])),
        ("properties", .object([(path.last ?? "", .object([("not", .object([("type", .string("null"))]))]))])),
    ])
    for name in path.dropLast().reversed() { inner = .object([("properties", .object([(name, inner)]))]) }
    return inner
}

/// The JSON Schema that holds exactly when `code` is true, or nil when it cannot be said.
private func conditionSchema(_ code: Code, _ program: Program, depth: Int) -> JSONOut? {
    guard depth < 16 else { return nil }
    switch code.op {
    case .global(let k) where k < program.lets.count:
        return conditionSchema(program.lets[k].value, program, depth: depth + 1)
    case .binary(.and, let a, let b):
        guard let x = conditionSchema(a, program, depth: depth + 1), let y = conditionSchema(b, program, depth: depth + 1) else { return nil }
        return .object([("allOf", .array([x, y]))])
    case .binary(.equal, let a, let b):
        guard let path = rootPath(a), case .constant(let v) = b.op, let value = constantJSON(v) else { return nil }
        return pathSchema(path, .object([("const", value)]))
    case .binary(.in, let a, let b):
        guard let path = rootPath(a), case .constant(.list(let vs)) = b.op else { return nil }
        let values = vs.compactMap(constantJSON)
        guard values.count == vs.count else { return nil }
        return pathSchema(path, .object([("enum", .array(values))]))
    default:
        return nil
    }
}

/// The field names of a path from the dossier root, or nil.
private func rootPath(_ code: Code) -> [String]? {
    guard case .path(let base, let steps, _) = code.op, case .root = base.op else { return nil }
    var names: [String] = []
    for s in steps {
        guard case .key(let k) = s else { return nil }
        names.append(k.text)
    }
    return names
}

private func constantJSON(_ v: Value) -> JSONOut? {
    switch v {
    case .string(let s): .string(s)
    case .bool(let b): .bool(b)
    default: nil
    }
}

/// The value at `path` is present and matches `leaf`.
private func pathSchema(_ path: [String], _ leaf: JSONOut) -> JSONOut {
    var inner = leaf
    for name in path.reversed() {
        inner = .object([("properties", .object([(name, inner)])), ("required", .array([.string(name)]))])
    }
    return inner
}

private func schemaJSON(_ t: SchemaType, nullable: Bool, description: String? = nil, labels: [String: EnumLabel] = [:]) -> JSONOut {
    var m: [(String, JSONOut)] = []
    if let description { m.append(("description", .string(description))) }
    func type(_ name: String) -> JSONOut { nullable ? .array([.string(name), .string("null")]) : .string(name) }
    switch t {
    case .string: m.append(("type", type("string")))
    case .number: m.append(("type", type("number")))
    case .integer: m.append(("type", type("integer")))
    case .bool: m.append(("type", type("boolean")))
    case .date:
        m.append(("type", type("string")))
        m.append(("pattern", .string("^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})$")))
        if description == nil { m.append(("description", .string("a date, YYYY-MM-DD or DD/MM/YYYY"))) }
    case .enumeration(let values):
        if labels.isEmpty {
            m.append(("enum", .array(values.map { .string($0) } + (nullable ? [.null] : []))))
        } else {
            // Each value with its labels, for editors' completion.
            var options: [JSONOut] = values.map { v in
                var o: [(String, JSONOut)] = [("const", .string(v))]
                if let l = labels[v] { o.append(("description", .string([l.vi, l.en].compactMap { $0 }.joined(separator: " / ")))) }
                return .object(o)
            }
            if nullable { options.append(.object([("type", .string("null"))])) }
            m.append(("oneOf", .array(options)))
        }
    case .list(let e):
        m.append(("type", type("array")))
        m.append(("items", schemaJSON(e, nullable: false, labels: labels)))
    case .object(let fields):
        m.append(("type", type("object")))
        m.append(("properties", .object(fields.map { ($0.name, schemaJSON($0.type, nullable: $0.isOptional, description: $0.description, labels: $0.labels)) })))
        let required = fields.filter { !$0.isOptional }.map { JSONOut.string($0.name) }
        if !required.isEmpty { m.append(("required", .array(required))) }
        // A key the schema does not declare is a finding of `check` too.
        m.append(("additionalProperties", .bool(false)))
    }
    return .object(m)
}
