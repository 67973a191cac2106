import Reporters
import Semantics

/// Which rules serve which item of which source, and whether tests exercise them.
package struct CoverageReport: Sendable {
    /// One source item (or a whole source) with the rules that cite it.
    package struct Row: Sendable {
        /// The cited source's id.
        package var source: String
        /// The item id, or nil for rules that cite the source as a whole.
        package var item: String?
        /// The item's text, or the source's title for a whole-source row.
        package var text: String
        /// Why the item cannot be checked from a dossier, or nil if it can.
        package var notCheckable: String?
        /// The rules citing it, each with whether some test expects an outcome of it.
        package var rules: [(id: String, tested: Bool)]
        /// Checkable, yet no rule cites it.
        package var isGap: Bool { notCheckable == nil && rules.isEmpty && item != nil }
    }
    /// One row per source item, then one per source cited as a whole, in declaration order.
    package var rows: [Row]
    /// Number of checkable items no rule cites.
    package var gaps: Int { rows.count { $0.isGap } }

    /// Builds the report from a compiled ruleset's sources, rules and tests.
    package init(program: Program) {
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
    package func text() -> String {
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
    package func markdown() -> String {
        var out = "| Source | Item | Rules | Status |\n|---|---|---|---|\n"
        for r in rows {
            let status = r.notCheckable != nil ? "not checkable" : r.rules.isEmpty ? (r.item == nil ? "" : "**gap**") : (r.rules.allSatisfy(\.tested) ? "covered, tested" : "covered, some untested")
            let rules = r.notCheckable ?? r.rules.map { "`\($0.id)`" }.joined(separator: ", ")
            out += "| \(escapeCell(r.source)) | \(r.item ?? "—") | \(escapeCell(rules)) | \(status) |\n"
        }
        return out
    }

    /// The report as a JSON object, for tools.
    package func json() -> String {
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
