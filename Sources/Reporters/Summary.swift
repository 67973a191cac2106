import Diagnostics
import Foundation
import Evaluator
import JSON
import Semantics

// A batch summary for an inspection office: counts by outcome, by place
// (commune or ward, and former district), by kind and type of project, by
// item of the letter and by rule, and the dossiers with the most serious
// open findings. Text, JSON, Markdown, and an HTML section whose charts are
// inline SVG (readable without script, printable).

/// What a summary groups a dossier by, read from the dossier itself: JSON
/// Pointers of the bundled pack's fields by default.
package struct SummaryFields: Sendable {
    /// The commune or ward (after the July 2025 merger).
    package var commune = "/location/commune"
    /// The former district named on older dossiers.
    package var legacyDistrict = "/location/legacy_district"
    /// What the dossier asks for (investment project, sector plan, …).
    package var kind = "/kind"
    /// The project's type (factory, residential, …).
    package var projectType = "/project/type"

    /// The bundled pack's fields.
    package init() {}
}

/// Where a summary grouped a dossier ("—" for a value the dossier does not give).
package struct DossierPlace: Sendable, Equatable {
    /// The commune or ward.
    package var commune: String
    /// The former district, when given.
    package var legacyDistrict: String?
    /// The kind of dossier.
    package var kind: String
    /// The project type.
    package var projectType: String
}

/// Counts of dossier outcomes in one group.
package struct OutcomeCounts: Sendable, Equatable {
    /// Dossiers in the group.
    package var dossiers = 0
    /// Dossiers whose outcome was pass.
    package var pass = 0
    /// Dossiers whose outcome was fail.
    package var fail = 0
    /// Dossiers whose outcome was missing.
    package var missing = 0
    /// Dossiers that could not be read.
    package var error = 0
    /// Open (unwaived) findings of the group's dossiers.
    package var findings = 0

    /// All counts at 0.
    package init() {}

    mutating func add(_ o: DossierOutcome, findings f: Int) {
        dossiers += 1
        findings += f
        switch o {
        case .pass: pass += 1
        case .fail: fail += 1
        case .missing: missing += 1
        case .error: error += 1
        }
    }
}

/// Per rule (or per cited item): how many dossiers it failed or lacked data in.
package struct RuleCounts: Sendable, Equatable {
    /// Dossiers where the rule (or a rule citing the item) failed.
    package var fail = 0
    /// Dossiers where it was missing data.
    package var missing = 0
    /// Open findings.
    package var findings = 0
    /// Findings covered by a waiver.
    package var waived = 0

    /// All counts at 0.
    package init() {}
}

/// A dossier's open (unwaived) findings counted by severity and kind.
struct OpenFindings {
    var count = 0, errors = 0, warnings = 0, infos = 0, missing = 0

    mutating func add(_ f: Finding) {
        count += 1
        switch f.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
        if f.kind == .missing { missing += 1 }
    }
}

/// One of the dossiers with the most serious open findings.
package struct WorstDossier: Sendable, Equatable {
    /// The dossier's path as given.
    package var file: String
    /// Its `id`, if any.
    package var id: String?
    /// Its outcome.
    package var outcome: DossierOutcome
    /// Open findings by severity.
    package var errors: Int, warnings: Int, infos: Int
    /// Open findings saying data is missing.
    package var missing: Int

    /// Orders by errors, then warnings, missing data, infos; ties by path.
    func ranks(before o: WorstDossier) -> Bool {
        if errors != o.errors { return errors > o.errors }
        if warnings != o.warnings { return warnings > o.warnings }
        if missing != o.missing { return missing > o.missing }
        if infos != o.infos { return infos > o.infos }
        return file < o.file
    }
}

/// Totals over a batch, grouped the ways an inspection office reports them.
/// Built one dossier at a time (`add`), so a large batch is summarised in
/// one pass with memory bounded by the number of groups.
package struct InspectionSummary: Sendable {
    /// The ruleset's name and version, the as-of date.
    package let ruleset: String
    /// The ruleset's SHA-256.
    package let rulesetDigest: String
    /// The date of the check.
    package let asOf: String
    /// How many dossiers to list as the worst.
    package let top: Int
    /// Every dossier.
    package private(set) var total = OutcomeCounts()
    /// By commune or ward; "—" when the dossier names none.
    package private(set) var byCommune: [String: OutcomeCounts] = [:]
    /// By former district; only dossiers that name one.
    package private(set) var byLegacyDistrict: [String: OutcomeCounts] = [:]
    /// By kind of dossier.
    package private(set) var byKind: [String: OutcomeCounts] = [:]
    /// By project type; "—" when none is given.
    package private(set) var byProjectType: [String: OutcomeCounts] = [:]
    /// By cited item (`1032-CV/TU item 3.5`): the items some dossier's rules touched.
    package var byItem: [String: RuleCounts] {
        var out: [String: RuleCounts] = [:]
        for (k, key) in itemOrder.enumerated() where itemTouched[k] { out[key] = itemCounts[k] }
        return out
    }
    /// By rule id: every rule some readable dossier listed.
    package var byRule: [String: RuleCounts] {
        var out: [String: RuleCounts] = [:]
        for (k, rule) in rules.list.enumerated() where ruleTouched[k] { out[rule.id] = ruleCounts[k] }
        for (id, c) in otherRuleCounts { out[id] = c }
        return out
    }
    /// The worst dossiers, worst first, at most `top`.
    package private(set) var worst: [WorstDossier] = []
    /// Item keys of the letter, in order (for listing).
    let itemOrder: [String]
    /// Rule ids in the report's order (program, then reserved checks).
    let ruleOrder: [String]
    let rules: ReportRules
    let fields: SummaryFields
    // Counts in plain arrays, by position, so that a dossier adds to them
    // without a dictionary of its own; `byRule` and `byItem` are views.
    /// Per rule of `rules.list`.
    private var ruleCounts: [RuleCounts]
    /// Rules of `rules.list` some dossier listed.
    private var ruleTouched: [Bool]
    /// Reserved ids no report knows (not in `rules.list`), in first-seen order.
    private var otherRuleCounts: [(id: String, counts: RuleCounts)] = []
    /// Per item of `itemOrder`.
    private var itemCounts: [RuleCounts]
    /// Items some dossier's rules cited.
    private var itemTouched: [Bool]
    /// For each rule of `rules.list`: the positions in `itemOrder` of the
    /// items it cites, in citation order (a repeated cite counts again).
    private let ruleItems: [[Int]]
    /// Scratch of `add`, per item: 0, or this dossier's worst outcome under it
    /// (1 missing, 2 fail); the items set, to clear them after.
    private var itemState: [UInt8]
    private var itemsSet: [Int] = []

    /// An empty summary of a run with this context.
    package init(_ context: ReportContext, top: Int = 10, fields: SummaryFields = SummaryFields()) {
        let p = context.program
        ruleset = "\(p.name)\(p.version.map { " \($0)" } ?? "")"
        rulesetDigest = p.digest
        asOf = context.asOf
        self.top = top
        self.fields = fields
        rules = ReportRules(p)
        // The items of the ruleset's first source (the letter the pack implements).
        let letter = p.sources.first?.name
        var items: [String] = []
        for r in rules.list {
            for c in r.cites where c.source == letter && !items.contains(citationKey(c)) { items.append(citationKey(c)) }
        }
        items.sort { $0.localizedStandardCompare($1) == .orderedAscending }
        itemOrder = items
        let itemIndex = Dictionary(items.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        ruleItems = rules.list.map { r in r.cites.compactMap { itemIndex[citationKey($0)] } }
        ruleOrder = rules.list.map(\.id)
        ruleCounts = Array(repeating: RuleCounts(), count: rules.list.count)
        ruleTouched = Array(repeating: false, count: rules.list.count)
        itemCounts = Array(repeating: RuleCounts(), count: items.count)
        itemTouched = Array(repeating: false, count: items.count)
        itemState = Array(repeating: 0, count: items.count)
    }

    /// Counts one checked dossier; `bytes` is the dossier's text when the
    /// result holds none (a dossier without findings keeps no source).
    /// Returns where the dossier was grouped.
    @discardableResult
    package mutating func add(_ r: DossierResult, bytes: [UInt8]? = nil) -> DossierPlace {
        var place = (commune: "—", district: String?.none, kind: "—", type: "—")
        if r.outcome != .error, let text = r.source?.bytes ?? bytes, let doc = try? JSONParser.parse(text) {
            func text(_ pointer: String) -> String? {
                guard let n = doc.node(atPointer: pointer), doc[n].kind == .string else { return nil }
                let s = doc.string(n).trimmingCharacters(in: .whitespaces)
                return s.isEmpty ? nil : s
            }
            place = (text(fields.commune) ?? "—", text(fields.legacyDistrict), text(fields.kind) ?? "—", text(fields.projectType) ?? "—")
        }
        var open = OpenFindings()
        for f in r.findings where f.waiver == nil { open.add(f) }
        total.add(r.outcome, findings: open.count)
        byCommune[place.commune, default: OutcomeCounts()].add(r.outcome, findings: open.count)
        if let d = place.district { byLegacyDistrict[d, default: OutcomeCounts()].add(r.outcome, findings: open.count) }
        byKind[place.kind, default: OutcomeCounts()].add(r.outcome, findings: open.count)
        byProjectType[place.type, default: OutcomeCounts()].add(r.outcome, findings: open.count)
        if r.outcome != .error { addRules(r) }
        if r.outcome != .pass && top > 0 { keepIfWorst(r, open) }
        return DossierPlace(commune: place.commune, legacyDistrict: place.district, kind: place.kind, projectType: place.type)
    }

    /// Per rule: the rule's outcome in this dossier (reserved checks from
    /// their findings, as `ruleRows` lists them), and per item of the letter.
    private mutating func addRules(_ r: DossierResult) {
        // Open and waived findings per rule of `rules.list`, in one pass;
        // the reserved ids in first-seen order.
        var open = Array(repeating: 0, count: rules.list.count)
        var waived = open
        var reserved: [String] = []
        for f in r.findings {
            let isReserved = f.rule.hasPrefix("tuanthu.")
            if isReserved && !reserved.contains(f.rule) { reserved.append(f.rule) }
            guard let k = rules.index[f.rule], k < rules.programCount || isReserved else { continue }
            if f.waiver == nil { open[k] += 1 } else { waived[k] += 1 }
        }
        for (k, outcome) in r.rules.enumerated() where k < rules.programCount {
            addRow(k, outcome: outcome, open: open[k], waived: waived[k])
        }
        for id in reserved {
            var o = 0, w = 0, openMissing = 0
            for f in r.findings where f.rule == id {
                if f.waiver != nil {
                    w += 1
                } else {
                    o += 1
                    if f.kind == .missing { openMissing += 1 }
                }
            }
            // `reservedOutcome`, from the counts.
            let outcome: RuleOutcome = o == 0 ? .waived : o == openMissing ? .missing : .fail
            if let k = rules.index[id] {
                addRow(k, outcome: outcome, open: o, waived: w)
            } else {
                var c = RuleCounts()
                c.findings = o
                c.waived = w
                if outcome == .fail { c.fail = 1 }
                if outcome == .missing { c.missing = 1 }
                if let at = otherRuleCounts.firstIndex(where: { $0.id == id }) {
                    otherRuleCounts[at].counts.findings += c.findings
                    otherRuleCounts[at].counts.waived += c.waived
                    otherRuleCounts[at].counts.fail += c.fail
                    otherRuleCounts[at].counts.missing += c.missing
                } else {
                    otherRuleCounts.append((id, c))
                }
            }
        }
        // A dossier counts once per item: failed if any rule citing it failed.
        for k in itemsSet {
            if itemState[k] == 2 { itemCounts[k].fail += 1 } else { itemCounts[k].missing += 1 }
            itemState[k] = 0
        }
        itemsSet.removeAll(keepingCapacity: true)
    }

    /// One row of the dossier's checklist: rule `k` of `rules.list`.
    private mutating func addRow(_ k: Int, outcome: RuleOutcome, open: Int, waived: Int) {
        ruleTouched[k] = true
        ruleCounts[k].findings += open
        ruleCounts[k].waived += waived
        if outcome == .fail { ruleCounts[k].fail += 1 }
        if outcome == .missing { ruleCounts[k].missing += 1 }
        // Program rules only: a reserved check cites nothing.
        guard k < rules.programCount else { return }
        for item in ruleItems[k] {
            itemTouched[item] = true
            itemCounts[item].findings += open
            itemCounts[item].waived += waived
            let state: UInt8 = outcome == .fail ? 2 : outcome == .missing ? 1 : 0
            if state > itemState[item] {
                if itemState[item] == 0 { itemsSet.append(item) }
                itemState[item] = state
            }
        }
    }

    private mutating func keepIfWorst(_ r: DossierResult, _ open: OpenFindings) {
        let w = WorstDossier(file: r.file, id: r.id, outcome: r.outcome,
                             errors: open.errors, warnings: open.warnings, infos: open.infos, missing: open.missing)
        if worst.count < top || w.ranks(before: worst[worst.count - 1]) {
            let at = worst.firstIndex { w.ranks(before: $0) } ?? worst.count
            worst.insert(w, at: at)
            if worst.count > top { worst.removeLast() }
        }
    }

    // MARK: - Ordered views

    /// Groups sorted by dossiers (most first), then name.
    static func sorted(_ groups: [String: OutcomeCounts]) -> [(name: String, counts: OutcomeCounts)] {
        groups.map { ($0.key, $0.value) }.sorted { a, b in
            a.counts.dossiers != b.counts.dossiers ? a.counts.dossiers > b.counts.dossiers : a.name < b.name
        }
    }

    /// Items in the program's order, with their counts (items no dossier touched show zeros).
    var items: [(name: String, counts: RuleCounts)] {
        itemOrder.map { ($0, byItem[$0] ?? RuleCounts()) }
    }

    /// Rules that failed or lacked data somewhere, most failures first, then in report order.
    var rulesWithFindings: [(id: String, counts: RuleCounts)] {
        let order = Dictionary(uniqueKeysWithValues: ruleOrder.enumerated().map { ($1, $0) })
        return byRule.filter { $0.value.fail + $0.value.missing > 0 }.map { ($0.key, $0.value) }.sorted { a, b in
            if a.counts.fail != b.counts.fail { return a.counts.fail > b.counts.fail }
            if a.counts.missing != b.counts.missing { return a.counts.missing > b.counts.missing }
            return (order[a.id] ?? Int.max, a.id) < (order[b.id] ?? Int.max, b.id)
        }
    }

    func ruleTitle(_ id: String, _ lang: String) -> String { rules[id]?.title(lang) ?? id }
    func ruleSeverity(_ id: String) -> RuleSeverity? { rules[id]?.severity }
}

// MARK: - Words

private struct SummaryWords {
    let lang: Lang
    init(_ lang: String) { self.lang = Lang(rawValue: lang) ?? .en }
    func t(_ w: ReportText) -> String { localize(w)(lang) }
    var title: String { t(.inspectionSummary) }
    var byOutcome: String { t(.byOutcome) }
    var byCommune: String { t(.byCommuneOrWard) }
    var byDistrict: String { t(.byFormerDistrict) }
    var byKind: String { t(.byKindOfDossier) }
    var byType: String { t(.byProjectType) }
    var byItem: String { t(.byItemOfTheLetter) }
    var byRule: String { t(.byRuleFailedOrMissingData) }
    var worst: String { t(.dossiersWithTheMostSeriousFindings) }
    var dossiers: String { t(.dossiers) }
    var group: String { t(.group) }
    var pass: String { t(.pass) }
    var fail: String { t(.fail) }
    var missing: String { t(.missingCount) }
    var error: String { t(.unreadable) }
    var findings: String { t(.findingsCount) }
    var waived: String { t(.waivedCount) }
    var errors: String { t(.errorsCount) }
    var warnings: String { t(.warningsCount) }
    var infos: String { t(.infoCount) }
    var none: String { t(.noneWord) }
    var item: String { t(.itemHeading) }
    var rule: String { t(.rule) }
    var dossier: String { t(.dossierHeading) }
    var outcome: String { t(.outcomeHeading) }
    var ruleset: String { t(.ruleset) }
    var asOf: String { t(.asOf) }
}

extension InspectionSummary {
    // MARK: - Text

    /// The summary as plain text for a terminal or an e-mail.
    package func text(lang: String) -> String {
        let w = SummaryWords(lang)
        var s = "\(w.title)\n\(w.ruleset) \(ruleset) (SHA-256 \(rulesetDigest)) · \(w.asOf) \(asOf)\n\n"
        s += "\(w.byOutcome): \(total.dossiers) \(w.dossiers) — \(total.pass) \(w.pass), \(total.fail) \(w.fail), \(total.missing) \(w.missing), \(total.error) \(w.error); \(total.findings) \(w.findings)\n"
        func table(_ title: String, _ groups: [String: OutcomeCounts]) {
            guard !groups.isEmpty else { return }
            s += "\n\(title)\n"
            let rows = Self.sorted(groups)
            let width = min(48, rows.map { $0.name.count }.max() ?? 0)
            s += "  " + pad(w.group, width) + "  " + [w.dossiers, w.pass, w.fail, w.missing, w.error, w.findings].map { lpad($0, 9) }.joined(separator: " ") + "\n"
            for r in rows {
                let c = r.counts
                s += "  " + pad(r.name, width) + "  " + [c.dossiers, c.pass, c.fail, c.missing, c.error, c.findings].map { lpad(String($0), 9) }.joined(separator: " ") + "\n"
            }
        }
        table(w.byCommune, byCommune)
        table(w.byDistrict, byLegacyDistrict)
        table(w.byKind, byKind)
        table(w.byType, byProjectType)
        s += "\n\(w.byItem)\n"
        let iw = min(40, items.map { $0.name.count }.max() ?? 0)
        s += "  " + pad(w.item, iw) + "  " + [w.fail, w.missing, w.findings, w.waived].map { lpad($0, 13) }.joined(separator: " ") + "\n"
        for (name, c) in items {
            s += "  " + pad(itemLabel(name, lang), iw) + "  " + [c.fail, c.missing, c.findings, c.waived].map { lpad(String($0), 13) }.joined(separator: " ") + "\n"
        }
        s += "\n\(w.byRule)\n"
        let rs = rulesWithFindings
        if rs.isEmpty { s += "  \(w.none)\n" }
        let rw = rs.map { $0.id.count }.max() ?? 0
        for (id, c) in rs {
            s += "  " + pad(id, rw) + "  \(lpad(String(c.fail), 5)) \(w.fail), \(lpad(String(c.missing), 5)) \(w.missing), \(c.findings) \(w.findings) — \(ruleTitle(id, lang))\n"
        }
        s += "\n\(w.worst)\n"
        if worst.isEmpty { s += "  \(w.none)\n" }
        for (k, d) in worst.enumerated() {
            s += "  \(k + 1). \(d.file)\(d.id.map { " [\($0)]" } ?? "") — \(d.errors) \(w.errors), \(d.warnings) \(w.warnings), \(d.infos) \(w.infos); \(d.missing) \(w.missing)\n"
        }
        return s
    }

    // MARK: - JSON

    /// The summary as JSON (`tuanthu-summary/1`), with English keys.
    package func json() -> String {
        func counts(_ c: OutcomeCounts) -> [(String, JSONOut)] {
            [("dossiers", .int(c.dossiers)), ("pass", .int(c.pass)), ("fail", .int(c.fail)),
             ("missing", .int(c.missing)), ("error", .int(c.error)), ("findings", .int(c.findings))]
        }
        func groups(_ g: [String: OutcomeCounts]) -> JSONOut {
            .array(Self.sorted(g).map { .object([("name", .string($0.name))] + counts($0.counts)) })
        }
        func ruleCounts(_ c: RuleCounts) -> [(String, JSONOut)] {
            [("fail", .int(c.fail)), ("missing", .int(c.missing)), ("findings", .int(c.findings)), ("waived", .int(c.waived))]
        }
        let out = JSONOut.object([
            ("format", .string("tuanthu-summary/1")),
            ("ruleset", .object([("name", .string(ruleset)), ("sha256", .string(rulesetDigest))])),
            ("as_of", .string(asOf)),
            ("total", .object(counts(total))),
            ("by_commune", groups(byCommune)),
            ("by_legacy_district", groups(byLegacyDistrict)),
            ("by_kind", groups(byKind)),
            ("by_project_type", groups(byProjectType)),
            ("by_item", .array(items.map { .object([("item", .string($0.name))] + ruleCounts($0.counts)) })),
            ("by_rule", .array(rulesWithFindings.map { r in
                .object([("rule", .string(r.id)), ("severity", .optionalString(ruleSeverity(r.id)?.rawValue))] + ruleCounts(r.counts))
            })),
            ("worst", .array(worst.map { d in
                .object([("file", .string(d.file)), ("id", .optionalString(d.id)), ("outcome", .string(d.outcome.rawValue)),
                         ("errors", .int(d.errors)), ("warnings", .int(d.warnings)), ("infos", .int(d.infos)), ("missing", .int(d.missing))])
            })),
        ])
        return out.serialized(pretty: true, indent: 0) + "\n"
    }

    // MARK: - Markdown

    /// The summary as Markdown tables (for a memo to the department).
    package func markdown(lang: String) -> String {
        let w = SummaryWords(lang)
        var s = "# \(w.title)\n\n\(w.ruleset) **\(mdCell(ruleset))** (SHA-256 `\(rulesetDigest)`) · \(w.asOf) **\(asOf)**\n\n"
        s += "| \(w.dossiers) | \(w.pass) | \(w.fail) | \(w.missing) | \(w.error) | \(w.findings) |\n|---:|---:|---:|---:|---:|---:|\n"
        s += "| \(total.dossiers) | \(total.pass) | \(total.fail) | \(total.missing) | \(total.error) | \(total.findings) |\n"
        func table(_ title: String, _ groups: [String: OutcomeCounts]) {
            guard !groups.isEmpty else { return }
            s += "\n## \(title)\n\n| \(w.group) | \(w.dossiers) | \(w.pass) | \(w.fail) | \(w.missing) | \(w.error) | \(w.findings) |\n|---|---:|---:|---:|---:|---:|---:|\n"
            for r in Self.sorted(groups) {
                let c = r.counts
                s += "| \(mdCell(r.name)) | \(c.dossiers) | \(c.pass) | \(c.fail) | \(c.missing) | \(c.error) | \(c.findings) |\n"
            }
        }
        table(w.byCommune, byCommune)
        table(w.byDistrict, byLegacyDistrict)
        table(w.byKind, byKind)
        table(w.byType, byProjectType)
        s += "\n## \(w.byItem)\n\n| \(w.item) | \(w.fail) | \(w.missing) | \(w.findings) | \(w.waived) |\n|---|---:|---:|---:|---:|\n"
        for (name, c) in items { s += "| \(mdCell(itemLabel(name, lang))) | \(c.fail) | \(c.missing) | \(c.findings) | \(c.waived) |\n" }
        s += "\n## \(w.byRule)\n\n"
        let rs = rulesWithFindings
        if rs.isEmpty {
            s += "\(w.none)\n"
        } else {
            s += "| \(w.rule) | \(w.fail) | \(w.missing) | \(w.findings) | |\n|---|---:|---:|---:|---|\n"
            for (id, c) in rs { s += "| `\(id)` | \(c.fail) | \(c.missing) | \(c.findings) | \(mdCell(ruleTitle(id, lang))) |\n" }
        }
        s += "\n## \(w.worst)\n\n"
        if worst.isEmpty {
            s += "\(w.none)\n"
        } else {
            s += "| # | \(w.dossier) | \(w.outcome) | \(w.errors) | \(w.warnings) | \(w.infos) | \(w.missing) |\n|---:|---|---|---:|---:|---:|---:|\n"
            for (k, d) in worst.enumerated() {
                s += "| \(k + 1) | `\(d.file.replacingOccurrences(of: "`", with: "'"))`\(d.id.map { " (\(mdCell($0)))" } ?? "") | \(Words(lang: lang).outcome(d.outcome)) | \(d.errors) | \(d.warnings) | \(d.infos) | \(d.missing) |\n"
            }
        }
        return s
    }

    // MARK: - HTML

    /// The summary as an HTML `<section>` with inline SVG bar charts; `link`
    /// gives a worst dossier's page (nil: no link).
    package func htmlSection(lang: String, link: (WorstDossier) -> String? = { _ in nil }) -> String {
        let w = SummaryWords(lang)
        var s = "<section class=\"batch-summary\" id=\"batch-summary\">\n<h2>\(html(w.title))</h2>\n"
        s += "<p class=\"meta\">\(html(w.ruleset)) <strong>\(html(ruleset))</strong> · \(html(w.asOf)) <strong>\(html(asOf))</strong> · \(total.dossiers) \(html(w.dossiers)) · \(total.findings) \(html(w.findings))</p>\n"
        let legend: [(String, String)] = [("pass", w.pass), ("fail", w.fail), ("missing", w.missing), ("error", w.error)]
        s += "<p class=\"legend\">" + legend.map { "<span class=\"key o-\($0.0)\"></span> \(html($0.1))" }.joined(separator: " ") + "</p>\n"
        s += "<h3>\(html(w.byOutcome))</h3>\n" + stackedChart([(w.dossiers, total)], label: w.byOutcome)
        func chart(_ title: String, _ groups: [String: OutcomeCounts]) {
            guard !groups.isEmpty else { return }
            let rows = Self.sorted(groups)
            s += "<h3>\(html(title))</h3>\n" + stackedChart(rows.prefix(30).map { ($0.name, $0.counts) }, label: title)
            if rows.count > 30 { s += "<p class=\"more\">… \(rows.count - 30) \(html(w.t(.moreGroups)))</p>\n" }
        }
        chart(w.byCommune, byCommune)
        chart(w.byDistrict, byLegacyDistrict)
        chart(w.byKind, byKind)
        chart(w.byType, byProjectType)
        s += "<h3>\(html(w.byItem))</h3>\n" + barChart(items.map { (itemLabel($0.name, lang), $0.counts.fail, $0.counts.missing) }, label: w.byItem, total: total.dossiers)
        let rs = rulesWithFindings
        if !rs.isEmpty {
            s += "<h3>\(html(w.byRule))</h3>\n" + barChart(rs.prefix(40).map { ($0.id, $0.counts.fail, $0.counts.missing) }, label: w.byRule, total: total.dossiers)
        }
        s += "<h3>\(html(w.worst))</h3>\n"
        if worst.isEmpty {
            s += "<p>\(html(w.none))</p>\n"
        } else {
            s += "<table class=\"worst\"><thead><tr><th>#</th><th>\(html(w.dossier))</th><th>\(html(w.outcome))</th><th class=\"num\">\(html(w.errors))</th><th class=\"num\">\(html(w.warnings))</th><th class=\"num\">\(html(w.infos))</th><th class=\"num\">\(html(w.missing))</th></tr></thead><tbody>\n"
            for (k, d) in worst.enumerated() {
                let name = htmlPath(d.file) + (d.id.map { " <span class=\"dossier-id\">\(html($0))</span>" } ?? "")
                let cell = link(d).map { "<a href=\"\(html($0))\">\(name)</a>" } ?? name
                s += "<tr><td class=\"num\">\(k + 1)</td><td class=\"path\">\(cell)</td><td><span class=\"badge o-\(d.outcome.rawValue)\">\(html(Words(lang: lang).outcome(d.outcome)))</span></td><td class=\"num\">\(d.errors)</td><td class=\"num\">\(d.warnings)</td><td class=\"num\">\(d.infos)</td><td class=\"num\">\(d.missing)</td></tr>\n"
            }
            s += "</tbody></table>\n"
        }
        return s + "</section>\n"
    }

    /// Horizontal stacked bars (pass, fail, missing, unreadable) per group,
    /// in SVG with a `<title>` per segment, its numbers also written as text.
    private func stackedChart(_ rows: [(String, OutcomeCounts)], label: String) -> String {
        let rowH = 20, labelW = 220, barW = 360, textW = 150
        let width = labelW + barW + textW
        let height = rows.count * rowH + 4
        let maxCount = max(1, rows.map { $0.1.dossiers }.max() ?? 1)
        var s = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(html(label))\">\n"
        for (k, (name, c)) in rows.enumerated() {
            let y = k * rowH + 2
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(html(clip(name, 34)))</text>\n"
            var x = labelW
            for (cls, n) in [("pass", c.pass), ("fail", c.fail), ("missing", c.missing), ("error", c.error)] where n > 0 {
                let wdt = max(1, n * barW / maxCount)
                s += "<rect class=\"o-\(cls)\" x=\"\(x)\" y=\"\(y + 2)\" width=\"\(wdt)\" height=\"\(rowH - 6)\"><title>\(html(name)): \(n) \(cls)</title></rect>\n"
                x += wdt
            }
            s += "<text x=\"\(x + 6)\" y=\"\(y + 14)\">\(c.dossiers) (\(c.pass)/\(c.fail)/\(c.missing)/\(c.error))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// Horizontal bars of dossiers failed (and missing data, lighter) per item or rule.
    private func barChart(_ rows: [(String, Int, Int)], label: String, total: Int) -> String {
        let rowH = 20, labelW = 220, barW = 360, textW = 110
        let width = labelW + barW + textW
        let height = rows.count * rowH + 4
        let maxCount = max(1, total)
        var s = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(html(label))\">\n"
        for (k, (name, fail, missing)) in rows.enumerated() {
            let y = k * rowH + 2
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(html(clip(name, 34)))</text>\n"
            var x = labelW
            for (cls, n) in [("fail", fail), ("missing", missing)] where n > 0 {
                let wdt = max(1, n * barW / maxCount)
                s += "<rect class=\"o-\(cls)\" x=\"\(x)\" y=\"\(y + 2)\" width=\"\(wdt)\" height=\"\(rowH - 6)\"><title>\(html(name)): \(n) \(cls)</title></rect>\n"
                x += wdt
            }
            s += "<text x=\"\(x + 6)\" y=\"\(y + 14)\">\(fail) / \(missing)</text>\n"
        }
        return s + "</svg>\n"
    }

    /// CSS for the summary section (colours of the outcome classes in SVG).
    package static let css = """
        .batch-summary svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; margin: 4px 0 12px; }
        .batch-summary svg text { fill: #1d1d1f; }
        .batch-summary rect.o-pass, .legend .o-pass { fill: #1e7b34; background: #1e7b34; }
        .batch-summary rect.o-fail, .legend .o-fail { fill: #b3261e; background: #b3261e; }
        .batch-summary rect.o-missing, .legend .o-missing { fill: #a15c00; background: #a15c00; }
        .batch-summary rect.o-error, .legend .o-error { fill: #7a1f8f; background: #7a1f8f; }
        .batch-summary .legend .key { display: inline-block; width: 10px; height: 10px; margin-left: 8px; }
        .batch-summary table.worst { border-collapse: collapse; }
        .batch-summary table.worst td, .batch-summary table.worst th { border-bottom: 1px solid #d9d9de; padding: 2px 8px; text-align: left; }
        .batch-summary .num { text-align: right; }
        @media print { .batch-summary svg.chart { break-inside: avoid; } }

        """
}

/// An item key (`1032-CV/TU item 3.5`) as people read it in `lang`.
private func itemLabel(_ key: String, _ lang: String) -> String {
    // The key is the machine form (`1032-CV/TU item 3.5 point c`, `72/2020/QH14 Điều 32`).
    let language = Lang(rawValue: lang) ?? .en
    guard language == .vi else { return legalWordsInEnglish(key) }
    return key.replacingOccurrences(of: " item ", with: " \(localize(ReportText.itemWord)(language)) ")
        .replacingOccurrences(of: " point ", with: " \(localize(ReportText.pointWord)(language)) ")
}

private func pad(_ s: String, _ n: Int) -> String {
    let c = s.count
    if c >= n { return s }
    return s + String(repeating: " ", count: n - c)
}

private func lpad(_ s: String, _ n: Int) -> String {
    let c = s.count
    if c >= n { return s }
    return String(repeating: " ", count: n - c) + s
}

private func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

/// Text for a Markdown table cell: `|` escaped, line ends as spaces.
private func mdCell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
}
