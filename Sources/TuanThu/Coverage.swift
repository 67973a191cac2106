import Diagnostics
import Reporters
import Semantics

/// Which rules serve which item (and point) of which source, whether tests
/// exercise them, and what rests on text not verified against the law.
package struct CoverageReport: Sendable {
    /// One point (sub-item) of an item with the rules that cite it.
    package struct PointRow: Sendable {
        /// The point's id within its item.
        package var id: String
        /// The point's text.
        package var text: String
        /// Its verification (the item's when the point says none).
        package var verified: Bool?
        /// The rules citing this point, each with whether a test expects an outcome of it.
        package var rules: [(id: String, tested: Bool)]
    }
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
        /// `verified`, `unverified` or neither (nil; also for a whole-source row).
        package var verified: Bool? = nil
        /// The item's points, each with the rules citing it.
        package var points: [PointRow] = []
        /// Checkable, yet no rule cites it.
        package var isGap: Bool { notCheckable == nil && rules.isEmpty && item != nil }
        /// Points of a checkable item that no rule cites.
        package var pointGaps: [PointRow] { notCheckable == nil ? points.filter { $0.rules.isEmpty } : [] }
    }
    /// One row per source item, then one per source cited as a whole, in declaration order.
    package var rows: [Row]
    /// Every `threshold`, in declaration order.
    package var thresholds: [ThresholdInfo]
    /// The `unverified` thresholds, in declaration order.
    package var unverifiedThresholds: [ThresholdInfo] { thresholds.filter { !$0.verified } }
    /// The source the ruleset implements: its first declared source (the
    /// letter 1032-CV/TU in the bundled pack); nil unless the ruleset
    /// declares other sources (the laws) beside it.
    package var directive: String?
    /// Rules whose every citation is of `directive`: no article of law
    /// backs them. Rules without any citation are not listed.
    package var directiveOnlyRules: [String]
    /// Number of checkable items, and points of checkable items, no rule cites.
    package var gaps: Int { rows.count { $0.isGap } + rows.reduce(0) { $0 + $1.pointGaps.count } }

    /// Builds the report from a compiled ruleset's sources, rules, thresholds and tests.
    package init(program: Program) {
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
    package var unverifiedItems: [(source: String, item: String, point: String?, text: String)] {
        var out: [(source: String, item: String, point: String?, text: String)] = []
        for r in rows {
            guard let item = r.item else { continue }
            if r.verified == false { out.append((r.source, item, nil, r.text)) }
            for p in r.points where p.verified == false && r.verified != false { out.append((r.source, item, p.id, p.text)) }
        }
        return out
    }

    /// A plain-text table, then the lists of what is not verified, in `lang`.
    package func text(lang: Lang) -> String {
        func say(_ entry: CoverageMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(lang) }
        var out = ""
        var lastSource = ""
        func ruleList(_ rules: [(id: String, tested: Bool)]) -> String {
            rules.map { $0.id + ($0.tested ? "" : say(.untested)) }.joined(separator: ", ")
        }
        for r in rows {
            if r.source != lastSource {
                out += "\(r.source)\n"
                lastSource = r.source
            }
            // A numbered item is `item 3.5`; one that names itself (`Điều 30`) is
            // written as is, with English legal words in English, as citations are.
            let item = r.item.map { id in
                id.unicodeScalars.first.map { ("0"..."9").contains($0) } == false
                    ? (lang == .en ? legalWordsInEnglish(id) : id) : say(.item, ["id": .text(id)])
            } ?? say(.whole)
            var line = "  \(item.padding(10))"
            if let why = r.notCheckable {
                line += say(.notCheckableBecause, ["why": .text(why)])
            } else if r.rules.isEmpty {
                line += say(.gap, ["text": .text(String(r.text.prefix(70)))])
            } else {
                line += ruleList(r.rules)
            }
            if r.verified == false { line += say(.unverifiedTag) }
            out += line + "\n"
            for p in r.points {
                var pl = "    \(say(.point, ["id": .text(p.id)]).padding(12))"
                if r.notCheckable != nil {
                    pl += say(.notCheckable)
                } else if p.rules.isEmpty {
                    pl += say(.pointNotCovered, ["text": .text(String(p.text.prefix(60)))])
                } else {
                    pl += ruleList(p.rules)
                }
                if p.verified == false && r.verified != false { pl += say(.unverifiedTag) }
                out += pl + "\n"
            }
        }
        let checkable = rows.filter { $0.notCheckable == nil && $0.item != nil }
        let itemGaps = rows.count { $0.isGap }
        let points = checkable.reduce(0) { $0 + $1.points.count }
        let pointGaps = rows.reduce(0) { $0 + $1.pointGaps.count }
        func n(_ k: Int) -> MessageArg { .number(String(k)) }
        out += "\n" + say(itemGaps == 1 ? .itemsCoveredOneGap : .itemsCovered,
                          ["covered": n(checkable.count - itemGaps), "total": n(checkable.count), "gaps": n(itemGaps)]) + "\n"
        if points > 0 {
            out += say(.pointsCovered, ["covered": n(points - pointGaps), "total": n(points), "gaps": n(pointGaps)]) + "\n"
        }
        out += "\n" + say(.unverifiedThresholds, ["n": n(unverifiedThresholds.count)]) + "\n"
        if unverifiedThresholds.isEmpty { out += "  " + say(.none) + "\n" }
        for t in unverifiedThresholds {
            let cites = t.cites.map { citationText($0, lang.rawValue, marked: false) }.joined(separator: "; ")
            out += "  " + say(.shouldComeFrom, ["name": .text(t.name), "value": .text(t.shortValue), "cites": .text(cites)])
            out += (t.reason.map { " — \($0)" } ?? "") + "\n"
        }
        let items = unverifiedItems
        out += "\n" + say(.unverifiedItems, ["n": n(items.count)]) + "\n"
        if items.isEmpty { out += "  " + say(.none) + "\n" }
        for i in items {
            let cite = citationText(Citation(source: i.source, item: i.item, point: i.point), lang.rawValue, marked: false)
            out += "  \(cite) — \(i.text.prefix(70))\n"
        }
        if let directive {
            out += "\n" + say(.directiveOnlyRules, ["directive": .text(directive), "n": n(directiveOnlyRules.count)]) + "\n"
            out += directiveOnlyRules.isEmpty ? "  " + say(.none) + "\n" : "  " + directiveOnlyRules.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// A Markdown table in `lang` (for the README and pull requests): a row
    /// per item and per point; then, when the ruleset has thresholds, a table
    /// of them with the article each comes from and whether it was verified.
    package func markdown(lang: Lang) -> String {
        func say(_ entry: CoverageMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(lang) }
        var out = say(.tableHeader) + "\n|---|---|---|---|\n"
        func status(_ rules: [(id: String, tested: Bool)]) -> String {
            rules.allSatisfy(\.tested) ? say(.coveredTested) : say(.coveredSomeUntested)
        }
        let unverified = say(.tableUnverified)
        for r in rows {
            let state = r.notCheckable != nil ? say(.notCheckable) : r.rules.isEmpty ? (r.item == nil ? "" : say(.tableGap)) : status(r.rules)
            let rules = r.notCheckable ?? r.rules.map { "`\($0.id)`" }.joined(separator: ", ")
            out += "| \(escapeCell(r.source)) | \(r.item.map(escapeCell) ?? "—")\(r.verified == false ? unverified : "") | \(escapeCell(rules)) | \(state) |\n"
            for p in r.points {
                let pstate = r.notCheckable != nil ? say(.notCheckable) : p.rules.isEmpty ? say(.tableNotCovered) : status(p.rules)
                let prules = p.rules.map { "`\($0.id)`" }.joined(separator: ", ")
                let point = say(.tablePoint, ["item": .text(escapeCell(r.item ?? "")), "point": .text(escapeCell(p.id))])
                out += "| | \(point)\(p.verified == false ? unverified : "") | \(escapeCell(prules)) | \(pstate) |\n"
            }
        }
        if !thresholds.isEmpty {
            out += "\n" + say(.thresholdTableHeader) + "\n|---|---|---|---|\n"
            for t in thresholds {
                let cites = t.cites.map { citationText($0, lang.rawValue, marked: false) }.joined(separator: "; ")
                let verified = t.verified ? say(.verifiedYes) : say(.verifiedNo) + (t.reason.map { " — " + escapeCell($0) } ?? "")
                out += "| `\(t.name)` | \(escapeCell(t.shortValue)) | \(escapeCell(cites)) | \(verified) |\n"
            }
        }
        return out
    }

    /// The report as a JSON object, for tools.
    package func json() -> String {
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
