import Diagnostics
import Evaluator
import FileIO
import Foundation
import Semantics

/// `--format html`: an inspection record in one self-contained file (inline
/// CSS and JS, no network, no web fonts) that can be read, filtered,
/// printed and archived.
///
/// - a summary table: each dossier's outcome and its counts of rule outcomes;
/// - filters by severity, outcome, cited item and rule (plain JS; the panel
///   stays hidden without JS, and printing always shows everything);
/// - per dossier, a checklist of every rule with its title, citation,
///   severity and outcome, then each finding: message, hint, pointer,
///   `file:line:col`, missing paths, waiver, evidence (each value with its
///   `line:col`), and an excerpt of the
///   dossier (two lines either side, numbered) with the blamed value marked;
/// - a footer with the tool's version, the ruleset's name, version and
///   SHA-256, each dossier's SHA-256 and the as-of date.
///
/// Every piece of text is HTML-escaped. The page needs the whole batch for
/// its summary, so dossiers are rendered as they come and the page is
/// written at the end.
struct HTMLReport: ReportWriter {
    let context: ReportContext
    let rules: ReportRules
    let words: Words
    /// Every citation of the program, in first-use order; filter values are indices into it.
    let items: [Citation]
    private var summaryRows: [String] = []
    private var sections: [String] = []
    private var digests: [(file: String, sha256: String)] = []
    private var totals: [RuleOutcome: Int] = [:]
    private var findingTotal = 0
    /// Totals by place, type, item and rule, drawn as charts on the page.
    private var batch: InspectionSummary

    init(_ context: ReportContext) {
        self.batch = InspectionSummary(context)
        self.context = context
        self.rules = ReportRules(context.program)
        self.words = Words(lang: context.lang)
        var items: [Citation] = []
        for r in rules.list { for c in r.cites where !items.contains(c) { items.append(c) } }
        self.items = items
    }

    private func t(_ w: ReportText, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { words.t(w, args) }

    mutating func begin() -> String { "" }

    // MARK: - Dossiers

    mutating func dossier(_ r: DossierResult) -> String {
        let n = sections.count + 1
        let anchor = "d\(n)"
        let summary = r.summary
        digests.append((r.file, r.sha256))
        findingTotal += r.findings.count

        // Classed by the verdict, as the badge is worded: a dossier that passes with warnings is not a failure.
        let verdict = context.verdict(r)
        var row = "<tr class=\"o-\(verdict.rawValue)\"><td class=\"num\">\(n)</td>"
        row += "<td class=\"path\"><a href=\"#\(anchor)\">\(htmlPath(r.file))</a></td><td class=\"nw\">\(html(r.id ?? "—"))</td>"
        row += "<td><span class=\"badge o-\(verdict.rawValue)\">\(html(words.verdict(verdict)))</span></td>"
        for o in RuleOutcome.allCases {
            let c = r.outcome == .error ? 0 : summary[o] ?? 0
            totals[o, default: 0] += c
            row += "<td class=\"num\(c == 0 ? " zero" : "")\">\(c)</td>"
        }
        let waivedFindings = r.findings.count { $0.waiver != nil }
        row += "<td class=\"num\(r.findings.isEmpty ? " zero" : "")\">\(r.findings.count)\(waivedFindings > 0 ? " <small>(\(waivedFindings) \(html(words.waived)))</small>" : "")</td></tr>"
        summaryRows.append(row)
        batch.add(r, bytes: r.source == nil ? dossierBytes(r.file) : nil)
        sections.append(section(r, anchor: anchor))
        return ""
    }

    /// A dossier's section: heading, digest, checklist of every rule, then
    /// each finding. Depends on the dossier alone (pages of `HTMLDirectoryReport` use it too).
    func section(_ r: DossierResult, anchor: String) -> String {
        var s = "<section class=\"dossier\" id=\"\(anchor)\" data-outcome=\"\(r.outcome.rawValue)\">\n"
        let verdict = context.verdict(r)
        s += "<h2><span class=\"badge o-\(verdict.rawValue)\">\(html(words.verdict(verdict)))</span> <span class=\"file\">\(htmlPath(r.file))</span>"
        if let id = r.id { s += " <span class=\"dossier-id\">\(html(id))</span>" }
        s += "</h2>\n"
        if !r.sha256.isEmpty { s += "<p class=\"digest\">SHA-256 <code>\(r.sha256)</code></p>\n" }
        if let e = r.error {
            let at = e.line.map { "\(r.file):\($0):\(e.column ?? 1)" } ?? r.file
            s += "<div class=\"unreadable\"><p><strong>\(t(.theDossierCannotBeRead))</strong> — <code>\(html(at))</code></p>\n"
            s += "<pre>\(html(e.rendered(words.language)))</pre></div>\n</section>\n"
            return s
        }

        let rows = ruleRows(r, rules)
        s += "<table class=\"checklist\">\n<thead><tr><th>\(t(.rule))</th><th>\(t(.title))</th><th>\(t(.cites))</th><th>\(t(.severity))</th><th>\(t(.resultHeading))</th></tr></thead>\n<tbody>\n"
        var findingIDs: [String: String] = [:]
        for (i, f) in r.findings.enumerated() where findingIDs[f.rule] == nil { findingIDs[f.rule] = "\(anchor)-f\(i + 1)" }
        for row in rows {
            let rule = row.ruleIndex.map { rules.list[$0] }
            let severity = rule?.severity ?? row.findings.first?.severity ?? .error
            let cites = rule?.cites ?? []
            s += "<tr class=\"rule\" data-rule=\"\(html(row.id))\" data-sev=\"\(severity.rawValue)\" data-outcome=\"\(row.outcome.rawValue)\" data-items=\"\(itemIndices(cites))\">"
            if let link = findingIDs[row.id] {
                s += "<td><a href=\"#\(link)\"><code>\(html(row.id))</code></a></td>"
            } else {
                s += "<td><code>\(html(row.id))</code></td>"
            }
            s += "<td>\(html(rule?.title(context.lang) ?? row.id))</td>"
            s += "<td>\(cites.map { "<span class=\"cite\">\(html(citationText($0, context.lang)))</span>" }.joined(separator: "<br>"))</td>"
            s += "<td><span class=\"sev sev-\(severity.rawValue)\">\(html(words.severity(severity)))</span></td>"
            let count = row.findings.isEmpty ? "" : " <small>(\(row.findings.count))</small>"
            s += "<td><span class=\"badge o-\(row.outcome.rawValue)\">\(html(words.rule(row.outcome)))</span>\(count)</td></tr>\n"
        }
        s += "</tbody>\n</table>\n"

        if !r.findings.isEmpty {
            s += "<h3>\(t(.findingsHeading)) (\(r.findings.count))</h3>\n"
            var outcomeOf: [String: RuleOutcome] = [:]
            for row in rows { outcomeOf[row.id] = row.outcome }
            // Every finding and evidence value placed in one pass over the file.
            let places = r.places()
            for (i, f) in r.findings.enumerated() {
                let outcome: RuleOutcome = f.waiver != nil ? .waived : (outcomeOf[f.rule] ?? .fail)
                s += finding(r, f, i, places, id: "\(anchor)-f\(i + 1)", outcome: outcome)
            }
        }
        s += "</section>\n"
        return s
    }

    /// Finding `k` of `r`; `places` holds where it and its evidence values are.
    private func finding(_ r: DossierResult, _ f: Finding, _ k: Int, _ places: FindingPlaces, id: String, outcome: RuleOutcome) -> String {
        let placed = places.starts[k]
        let lang = context.lang
        let program = context.program
        var s = "<article class=\"finding sev-\(f.severity.rawValue)\(f.waiver != nil ? " is-waived" : "")\" id=\"\(id)\" data-rule=\"\(html(f.rule))\" data-sev=\"\(f.severity.rawValue)\" data-outcome=\"\(outcome.rawValue)\" data-items=\"\(itemIndices(f.cites))\">\n"
        s += "<header><span class=\"sev sev-\(f.severity.rawValue)\">\(html(words.severity(f.severity)))</span> <code class=\"rule-id\">\(html(f.rule))</code>"
        s += " <span class=\"kind\">\(html(words.kind(f.kind)))</span>"
        if f.waiver != nil { s += " <span class=\"badge o-waived\">\(html(words.waived))</span>" }
        if let title = rules[f.rule]?.title(lang) { s += " <span class=\"rule-title\">\(html(title))</span>" }
        s += "</header>\n"
        s += "<p class=\"message\">\(html(capped(f.message(lang))))</p>\n<dl>\n"
        s += "<dt>\(t(.location))</dt><dd><code>\(html("\(r.file):\(placed.line):\(placed.column)"))</code> · <code class=\"pointer\">\(html(f.pointer.isEmpty ? t(.root) : f.pointer))</code></dd>\n"
        if !f.missing.isEmpty {
            s += "<dt>\(t(.missingPaths))</dt><dd>\(f.missing.map { "<code>\(html($0))</code>" }.joined(separator: ", "))</dd>\n"
        }
        if !f.cites.isEmpty {
            s += "<dt>\(t(.cites))</dt><dd>"
            s += f.cites.map { c in
                let text = itemText(c, program, lang).map { " — \(html($0))" } ?? ""
                return "<span class=\"cite\">\(html(citationText(c, lang)))</span>\(text)"
            }.joined(separator: "<br>")
            s += "</dd>\n"
        }
        if let h = f.hint(lang) { s += "<dt>\(t(.fix))</dt><dd>\(html(h))</dd>\n" }
        if let note = unverifiedNote(f.unverified, lang) {
            s += "<dt>\(t(.note))</dt><dd class=\"unverified\">\(html(note))</dd>\n"
        }
        if let w = f.waiver {
            s += "<dt>\(t(.waiver))</dt><dd class=\"waiver\">\(html(w.reason)) — \(html(words.approvedBy)) <strong>\(html(w.approvedBy))</strong>, \(html(words.expires)) <time>\(html(w.expires))</time></dd>\n"
        }
        s += "</dl>\n"
        if let source = r.source {
            let lines = excerpt(source, start: f.span.start, end: f.span.end)
            if !lines.isEmpty {
                s += "<table class=\"excerpt\">"
                let line = placed.line
                for l in lines {
                    let here = !l.marked.isEmpty || l.number == line
                    s += "<tr\(here ? " class=\"here\"" : "")><td class=\"ln\">\(l.number)</td><td class=\"code\">\(html(l.before))"
                    if here { s += "<mark>\(html(l.marked))</mark>" }
                    s += "\(html(l.after))</td></tr>"
                }
                s += "</table>\n"
            }
        }
        if !f.evidence.isEmpty {
            s += "<table class=\"evidence\"><thead><tr><th>\(t(.expression))</th><th>\(t(.pointer))</th><th>\(t(.location))</th><th>\(t(.value))</th></tr></thead><tbody>"
            for (j, e) in f.evidence.enumerated() {
                var value = e.valueJSON ?? t(.valueMissing)
                if value.count > 160 { value = String(value.prefix(160)) + "…" }
                // `line:col` of the value; a missing path has no place.
                let at = places.evidence(k, j).map { "<code>\($0.line):\($0.column)</code>" } ?? "—"
                s += "<tr><td><code>\(html(e.expr))</code></td><td><code>\(html(e.pointer.isEmpty ? t(.root) : e.pointer))</code></td><td class=\"nw\">\(at)</td><td><code>\(html(value))</code></td></tr>"
            }
            s += "</tbody></table>\n"
        }
        s += "</article>\n"
        return s
    }

    private func itemIndices(_ cites: [Citation]) -> String {
        cites.compactMap { c in items.firstIndex(of: c).map(String.init) }.joined(separator: " ")
    }

    // MARK: - Page

    mutating func end(_ s: BatchSummary) -> String {
        let p = context.program
        let lang = context.lang
        let rulesetName = "\(p.name)\(p.version.map { " \($0)" } ?? "")"
        var out = "<!DOCTYPE html>\n<html lang=\"\(html(lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"\(html("\(context.toolName) \(context.toolVersion)"))\">\n"
        out += "<title>\(t(.inspectionReport3)) — \(html(rulesetName)) — \(html(context.asOf))</title>\n"
        out += "<style>\n\(Self.css)\(InspectionSummary.css)</style>\n</head>\n<body>\n"

        out += "<header class=\"page\">\n<h1>\(t(.inspectionReport3))</h1>\n"
        if let title = p.title { out += "<p class=\"ruleset-title\">\(html(title))</p>\n" }
        out += "<p class=\"meta\">\(t(.ruleset)) <strong>\(html(rulesetName))</strong> (\(rules.programCount) \(t(.rulesCount))) · \(t(.asOf)) <strong>\(html(context.asOf))</strong> · \(s.dossiers) \(words.count(s.dossiers, .dossierOne, .dossiers))</p>\n"
        out += "<p class=\"purpose\">\(t(.purpose)): <strong>\(html(context.purpose.label(lang)))</strong></p>\n"
        out += "<p class=\"totals\">"
        // As the text summary: the passes, and how many of them with warnings.
        let warned = s.warned > 0 ? html(t(.withWarnings, ["n": .number(String(s.warned))])) : ""
        out += "<span class=\"badge o-pass\">\(s.pass) \(html(words.outcome(.pass)))</span>\(warned) "
        out += "<span class=\"badge o-fail\">\(s.fail) \(html(words.outcome(.fail)))</span> "
        out += "<span class=\"badge o-missing\">\(s.missing) \(html(words.outcome(.missing)))</span> "
        out += "<span class=\"badge o-error\">\(s.error) \(html(words.outcome(.error)))</span> "
        out += "· \(findingTotal) \(words.count(findingTotal, .finding, .findingsCount))</p>\n</header>\n"

        out += "<main>\n<section class=\"summary\">\n<h2>\(t(.summary))</h2>\n<table class=\"summary\">\n<thead><tr><th>#</th><th>\(t(.dossierHeading))</th><th>\(t(.id))</th><th>\(t(.outcomeHeading))</th>"
        for o in RuleOutcome.allCases { out += "<th class=\"num\">\(html(words.rule(o)))</th>" }
        out += "<th class=\"num\">\(t(.findingsHeading))</th></tr></thead>\n<tbody>\n"
        out += summaryRows.joined(separator: "\n") + "\n</tbody>\n<tfoot><tr><td></td><td colspan=\"3\">\(t(.total))</td>"
        for o in RuleOutcome.allCases { out += "<td class=\"num\">\(totals[o] ?? 0)</td>" }
        out += "<td class=\"num\">\(findingTotal)</td></tr></tfoot>\n</table>\n</section>\n"

        out += batch.htmlSection(lang: lang)
        out += filters()
        out += sections.joined(separator: "\n")
        out += "</main>\n"

        out += "<footer>\n<p>\(html(context.toolName)) \(html(context.toolVersion)) · \(t(.ruleset2)) <strong>\(html(rulesetName))</strong> \(context.rulesPath.map { "(<code>\(html($0))</code>) " } ?? "")· SHA-256 <code>\(html(p.digest))</code> · \(t(.asOf)) <strong class=\"nw\">\(html(context.asOf))</strong></p>\n"
        out += "<table class=\"digests\"><thead><tr><th>\(t(.dossierHeading))</th><th>SHA-256</th></tr></thead><tbody>\n"
        for d in digests {
            out += "<tr><td class=\"path\">\(htmlPath(d.file))</td><td><code>\(d.sha256.isEmpty ? "—" : d.sha256)</code></td></tr>\n"
        }
        out += "</tbody></table>\n</footer>\n"
        out += "<script>\n\(Self.script)</script>\n</body>\n</html>\n"
        sections = []
        summaryRows = []
        return out
    }

    private func filters() -> String {
        let any = t(.all)
        var s = "<section id=\"filters\" class=\"filters\" hidden>\n<h2>\(t(.filter))</h2>\n"
        s += "<label>\(t(.severity)) <select id=\"f-sev\"><option value=\"\">\(any)</option>"
        for sev in [RuleSeverity.error, .warning, .info] { s += "<option value=\"\(sev.rawValue)\">\(html(words.severity(sev)))</option>" }
        s += "</select></label>\n"
        s += "<label>\(t(.resultHeading)) <select id=\"f-outcome\"><option value=\"\">\(any)</option>"
        for o in RuleOutcome.allCases { s += "<option value=\"\(o.rawValue)\">\(html(words.rule(o)))</option>" }
        s += "<option value=\"error\">\(html(words.outcome(.error)))</option></select></label>\n"
        s += "<label>\(t(.itemFilter)) <select id=\"f-item\"><option value=\"\">\(any)</option>"
        for (k, c) in items.enumerated() { s += "<option value=\"\(k)\">\(html(citationText(c, context.lang)))</option>" }
        s += "</select></label>\n"
        s += "<label>\(t(.rule)) <select id=\"f-rule\"><option value=\"\">\(any)</option>"
        for r in rules.list { s += "<option value=\"\(html(r.id))\">\(html(r.id))</option>" }
        s += "</select></label>\n"
        s += "<button type=\"button\" id=\"f-reset\">\(t(.reset))</button> <span id=\"f-count\" data-of=\"\(t(.dossiersShown))\"></span>\n</section>\n"
        return s
    }

    // MARK: - Style and script

    static let css = """
        :root { --fail: #b3261e; --pass: #1e7b34; --warned: #f0b400; --missing: #a15c00; --na: #6b6b6b; --waived: #3a5ba0; --error: #7a1f8f; --line: #d9d9de; --soft: #f5f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; color: #1d1d1f; background: #fff;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 0 0 8px; }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        code, pre, .excerpt { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; }
        a { color: inherit; }
        header.page { border-bottom: 2px solid #1d1d1f; padding-bottom: 12px; margin-bottom: 20px; }
        .ruleset-title { margin: 0; font-size: 17px; }
        .meta, .totals { margin: 4px 0; color: #3a3a3c; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--soft); font-weight: 600; font-size: 13px; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; width: 1%; white-space: nowrap; }
        td.zero { color: #b0b0b5; }
        tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.o-pass { background: var(--pass); } .badge.o-fail { background: var(--fail); } .badge.o-missing { background: var(--missing); }
        .badge.o-not_applicable { background: var(--na); } .badge.o-waived { background: var(--waived); } .badge.o-error { background: var(--error); }
        .badge.o-pass_with_warnings { background: var(--pass); box-shadow: inset 0 0 0 2px var(--warned); }
        .sev { font-weight: 600; font-size: 13px; white-space: nowrap; }
        .sev.sev-error { color: var(--fail); } .sev.sev-warning { color: var(--missing); } .sev.sev-info { color: var(--waived); }
        section.summary, section.filters { margin-bottom: 24px; }
        section.filters { background: var(--soft); padding: 12px 16px; border-radius: 8px; }
        section.filters h2 { font-size: 15px; display: inline; margin-right: 12px; }
        section.filters label { margin-right: 14px; white-space: nowrap; font-size: 14px; }
        section.filters select, section.filters button { font: inherit; font-size: 14px; }
        #f-count { color: #3a3a3c; font-size: 13px; white-space: nowrap; }
        section.dossier { border-top: 1px solid #1d1d1f; padding-top: 16px; margin-top: 28px; }
        section.dossier h2 .file { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 16px; overflow-wrap: anywhere; }
        .dossier-id { color: #3a3a3c; font-weight: 400; }
        .digest { margin: 0 0 10px; font-size: 12px; color: #6b6b6b; word-break: break-all; }
        table.checklist td:first-child { white-space: nowrap; }
        .cite, .nw { white-space: nowrap; }
        .unreadable { border-left: 4px solid var(--error); padding: 4px 12px; background: #faf3fb; }
        .unreadable pre { white-space: pre-wrap; margin: 8px 0; }
        article.finding { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 10px 14px; margin: 12px 0; break-inside: avoid; }
        article.finding.sev-warning { border-left-color: var(--missing); }
        article.finding.sev-info { border-left-color: var(--waived); }
        article.finding.is-waived { background: #f6f8fc; }
        article.finding header { font-size: 14px; }
        .rule-title { color: #3a3a3c; }
        .kind { font-size: 12px; color: #6b6b6b; text-transform: uppercase; letter-spacing: .03em; }
        .message { font-size: 16px; margin: 6px 0; font-weight: 500; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0 10px; font-size: 14px; }
        dt { color: #6b6b6b; } dd { margin: 0; }
        dd.waiver { color: var(--waived); }
        dd.unverified { color: var(--missing); font-weight: 600; }
        table.excerpt { background: #fbfbfc; border: 1px solid var(--line); margin: 6px 0; }
        table.excerpt td { border: 0; padding: 0 8px; }
        table.excerpt td.ln { color: #8e8e93; text-align: right; width: 1%; user-select: none; border-right: 1px solid var(--line); }
        table.excerpt td.code { white-space: pre-wrap; word-break: break-all; }
        table.excerpt tr.here td.ln { color: #1d1d1f; font-weight: 600; }
        table.excerpt tr.here { background: #fff4d6; }
        mark { background: #ffd54a; color: inherit; border-radius: 2px; padding: 0 1px; outline: 1px solid #d9a400; }
        mark:empty { padding: 0 2px; }
        table.evidence { font-size: 13px; margin-top: 6px; }
        table.evidence th, table.evidence td { padding: 2px 8px; }
        table.evidence td { word-break: break-all; }
        footer { margin-top: 40px; border-top: 2px solid #1d1d1f; padding-top: 10px; font-size: 13px; color: #3a3a3c; }
        footer code { word-break: break-all; }
        table.digests td, table.digests th { padding: 2px 8px; font-size: 12px; }
        @media screen { .filtered { display: none !important; } }
        @page { size: A4; margin: 15mm 14mm 18mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          section.batch-summary { break-before: page; }
          section.filters { display: none !important; }
          section.dossier { break-before: page; border-top: 0; margin-top: 0; }
          a { text-decoration: none; }
          .badge { color: #000; border: 1px solid #000; background: none !important; }
          table.excerpt tr.here { background: none; }
          mark { background: none; outline: 0; text-decoration: underline 2px; font-weight: 700; }
        }

        """

    static let script = """
        (function () {
          "use strict";
          var panel = document.getElementById("filters");
          if (!panel || !document.querySelectorAll) return;
          panel.hidden = false;
          var names = ["sev", "outcome", "item", "rule"], sel = {};
          names.forEach(function (k) {
            sel[k] = document.getElementById("f-" + k);
            sel[k].addEventListener("change", apply);
          });
          document.getElementById("f-reset").addEventListener("click", function () {
            names.forEach(function (k) { sel[k].value = ""; });
            apply();
          });
          function matches(el) {
            var v;
            if ((v = sel.sev.value) && el.getAttribute("data-sev") !== v) return false;
            if ((v = sel.outcome.value) && el.getAttribute("data-outcome") !== v) return false;
            if ((v = sel.rule.value) && el.getAttribute("data-rule") !== v) return false;
            if ((v = sel.item.value) && (" " + el.getAttribute("data-items") + " ").indexOf(" " + v + " ") < 0) return false;
            return true;
          }
          function apply() {
            var active = names.some(function (k) { return sel[k].value !== ""; });
            var shown = 0, total = 0;
            Array.prototype.forEach.call(document.querySelectorAll("section.dossier"), function (d) {
              var any = false;
              Array.prototype.forEach.call(d.querySelectorAll("[data-rule]"), function (el) {
                var m = matches(el);
                el.classList.toggle("filtered", !m);
                if (m) any = true;
              });
              // Unreadable dossiers have no rules: they show when nothing is filtered, or when asked for.
              var unreadable = d.getAttribute("data-outcome") === "error";
              var show = !active || any || (unreadable && sel.outcome.value === "error");
              d.classList.toggle("filtered", !show);
              total++;
              if (show) shown++;
            });
            var count = document.getElementById("f-count");
            count.textContent = shown + " / " + total + " " + count.getAttribute("data-of");
          }
          apply();
        })();

        """
}

/// The bytes of a dossier file, for a result that kept none (a dossier
/// without findings); nil for a stream record (`<stdin>:3`) or an unreadable path.
func dossierBytes(_ path: String) -> [UInt8]? {
    guard !path.hasPrefix("<"), case .success(let data) = readFileBounded(path, maxBytes: 64 << 20) else { return nil }
    return data
}

/// A path for HTML, with line-break opportunities after each `/`, `-`, `_`
/// and `.`, so a long file name wraps between words, never inside one.
func htmlPath(_ s: String) -> String {
    var out = ""
    for ch in html(s) {
        out.append(ch)
        if ch == "/" || ch == "-" || ch == "_" || ch == "." { out += "<wbr>" }
    }
    return out
}

/// Text for HTML (content or a quoted attribute): `& < > " '` as entities;
/// control characters other than tab and line ends, which HTML forbids,
/// replaced by U+FFFD. Works on the UTF-8 bytes: most text needs no change
/// and is returned as is (this runs for every cell of every report).
func html(_ s: String) -> String {
    // 0xC2 may start a C1 control (U+0080–U+009F), 0xEF a U+FFFE or U+FFFF: the slow path looks.
    let clean = !s.utf8.contains { b in
        (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
            || b == 0x7F || b == 0xC2 || b == 0xEF
    }
    if clean { return s }
    var s = s
    return s.withUTF8 { bytes -> String in
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(b)
            case 0x00..<0x20, 0x7F: out.append(contentsOf: replacement)
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] < 0xA0:
                out.append(contentsOf: replacement)
                i += 1
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                out.append(contentsOf: replacement)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
