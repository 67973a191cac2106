/// Which rules serve which item of which source, and whether tests exercise them.
public struct CoverageReport: Sendable {
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
        /// Checkable, yet no rule cites it.
        public var isGap: Bool { notCheckable == nil && rules.isEmpty && item != nil }
    }
    /// One row per source item, then one per source cited as a whole, in declaration order.
    public var rows: [Row]
    /// Number of checkable items no rule cites.
    public var gaps: Int { rows.count { $0.isGap } }

    /// Builds the report from a compiled ruleset's sources, rules and tests.
    public init(program: Program) {
        var tested = Set<String>()
        for t in program.tests { for x in t.expectations { tested.insert(x.rule) } }
        var rows: [Row] = []
        for s in program.sources {
            for item in s.items {
                let rules = program.rules.filter { r in r.cites.contains { $0.source == s.name && $0.item == item.id } }
                rows.append(Row(source: s.name, item: item.id, text: item.text, notCheckable: item.notCheckable,
                                rules: rules.map { ($0.id, tested.contains($0.id)) }))
            }
            let whole = program.rules.filter { r in r.cites.contains { $0.source == s.name && $0.item == nil } }
            if !whole.isEmpty {
                rows.append(Row(source: s.name, item: nil, text: s.title ?? "", notCheckable: nil, rules: whole.map { ($0.id, tested.contains($0.id)) }))
            }
        }
        self.rows = rows
    }

    /// A plain-text table.
    public func text() -> String {
        var out = ""
        var lastSource = ""
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
                line += r.rules.map { $0.id + ($0.tested ? "" : " (untested)") }.joined(separator: ", ")
            }
            out += line + "\n"
        }
        let checkable = rows.filter { $0.notCheckable == nil && $0.item != nil }
        out += "\n\(checkable.count - gaps) of \(checkable.count) checkable items covered; \(gaps) gap\(gaps == 1 ? "" : "s")\n"
        return out
    }

    /// A Markdown table (for the README and pull requests).
    public func markdown() -> String {
        var out = "| Source | Item | Rules | Status |\n|---|---|---|---|\n"
        for r in rows {
            let status = r.notCheckable != nil ? "not checkable" : r.rules.isEmpty ? (r.item == nil ? "" : "**gap**") : (r.rules.allSatisfy(\.tested) ? "covered, tested" : "covered, some untested")
            let rules = r.notCheckable ?? r.rules.map { "`\($0.id)`" }.joined(separator: ", ")
            out += "| \(escapeCell(r.source)) | \(r.item ?? "—") | \(escapeCell(rules)) | \(status) |\n"
        }
        return out
    }

    /// The report as a JSON object, for tools.
    public func json() -> String {
        JSONOut.object([
            ("items", .array(rows.map { r in
                .object([
                    ("source", .string(r.source)), ("item", .optionalString(r.item)), ("text", .string(r.text)),
                    ("not_checkable", .optionalString(r.notCheckable)),
                    ("rules", .array(r.rules.map { .object([("rule", .string($0.id)), ("tested", .bool($0.tested))]) })),
                    ("gap", .bool(r.isGap)),
                ])
            })),
            ("gaps", .int(gaps)),
        ]).serialized(pretty: true) + "\n"
    }

    private func escapeCell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

extension String {
    fileprivate func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}

/// The ruleset's dossier schema as JSON Schema 2020-12.
public func jsonSchema(_ program: Program) -> String? {
    guard let schema = program.schema else { return nil }
    var root: [(String, JSONOut)] = [
        ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
        ("$id", .string("urn:tuanthu:\(program.name):\(program.version ?? "0")")),
        ("title", .string(program.title ?? program.name)),
    ]
    if case .object(let members) = schemaJSON(schema, nullable: false) { root += members }
    return JSONOut.object(root).serialized(pretty: true) + "\n"
}

private func schemaJSON(_ t: SchemaType, nullable: Bool, description: String? = nil) -> JSONOut {
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
        m.append(("enum", .array(values.map { .string($0) } + (nullable ? [.null] : []))))
    case .list(let e):
        m.append(("type", type("array")))
        m.append(("items", schemaJSON(e, nullable: false)))
    case .object(let fields):
        m.append(("type", type("object")))
        m.append(("properties", .object(fields.map { ($0.name, schemaJSON($0.type, nullable: $0.isOptional, description: $0.description)) })))
        let required = fields.filter { !$0.isOptional }.map { JSONOut.string($0.name) }
        if !required.isEmpty { m.append(("required", .array(required))) }
    }
    return .object(m)
}
