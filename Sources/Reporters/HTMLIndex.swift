import Diagnostics
import Evaluator
import FileIO
import Foundation
import Semantics

/// `check --format html --output DIR`: a report for thousands of dossiers as
/// a folder — `index.html` (one compact row per dossier, sortable and
/// filterable by a small inline script, a plain table without it),
/// `summary.html` (the batch summary with SVG charts), `dossiers/NNNNN.html`
/// (one page per dossier: its checklist and findings, as in the one-file
/// report) and `report.css`, shared by the pages. Each page is written as its
/// dossier is checked, so memory holds one index row per dossier, not the report.
package final class HTMLDirectoryReport: ReportWriter {
    let context: ReportContext
    /// The folder written into.
    package let directory: String
    /// Renders each dossier's section (its state is never mutated here).
    let single: HTMLReport
    let words: Words
    private var rows: [String] = []
    private var pageOf: [String: String] = [:]
    private var count = 0
    /// The batch's totals, for `summary.html`; `add` them with each dossier's bytes.
    package var summary: InspectionSummary
    /// The dossier bytes `check` hands over for the next result (a result without findings keeps none).
    package var nextBytes: [UInt8]? = nil
    /// The first file that could not be written, if any.
    package private(set) var failure: Diagnostics.LocalizedText? = nil

    /// A writer into `directory` (created when absent).
    package init(_ context: ReportContext, directory: String) {
        self.context = context
        self.directory = directory
        self.single = HTMLReport(context)
        self.words = Words(lang: context.lang)
        self.summary = InspectionSummary(context)
    }

    private func t(_ w: ReportText, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { words.t(w, args) }

    private func write(_ name: String, _ text: String) {
        guard failure == nil else { return }
        let path = (directory as NSString).appendingPathComponent(name)
        do throws(WriteFailure) {
            try replaceFileContents(path, with: text)
        } catch {
            failure = localize(CommandMessage.cannotWriteFile, ["path": .text(path)])
        }
    }

    package func begin() -> String {
        do throws(WriteFailure) {
            try createFolder((directory as NSString).appendingPathComponent("dossiers"))
        } catch {
            failure = error.messageText
        }
        write("report.css", HTMLReport.css + InspectionSummary.css + Self.indexCSS)
        return ""
    }

    /// The dossier's page; depends on the dossier alone, so `check` renders it on its workers.
    package func renderAlone(_ r: DossierResult) -> String? {
        var s = "<!DOCTYPE html>\n<html lang=\"\(html(context.lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s += "<title>\(html(r.id ?? r.file)) — \(t(.inspectionResults))</title>\n"
        s += "<link rel=\"stylesheet\" href=\"../report.css\">\n</head>\n<body>\n"
        s += "<nav class=\"crumbs\"><a href=\"../index.html\">← \(t(.allDossiers))</a> · <a href=\"../summary.html\">\(t(.summary))</a></nav>\n"
        s += single.section(r, anchor: "d")
        let p = context.program
        s += "<footer><p>\(html(context.toolName)) \(html(context.toolVersion)) · \(html(p.name))\(p.version.map { " \(html($0))" } ?? "") · SHA-256 <code>\(p.digest)</code> · \(t(.asOf)) \(html(context.asOf))</p></footer>\n"
        return s + "</body>\n</html>\n"
    }

    package func dossier(_ r: DossierResult) -> String { dossier(r, rendered: renderAlone(r)) }

    package func dossier(_ r: DossierResult, rendered: String?) -> String {
        count += 1
        let page = "dossiers/\(String(format: "%05d", count)).html"
        write(page, rendered ?? renderAlone(r) ?? "")
        pageOf[r.file] = page
        let place = summary.add(r, bytes: nextBytes)
        nextBytes = nil
        let open = r.findings.filter { $0.waiver == nil }
        let e = open.count { $0.severity == .error }, w = open.count { $0.severity == .warning }
        let i = open.count { $0.severity == .info }, m = open.count { $0.kind == .missing }
        // Compact on purpose (optional end tags): 20,000 rows stay a few MB.
        // The verdict, as the dossier's page heads it: passing with warnings is not failing.
        let verdict = context.verdict(r)
        var row = "<tr class=o-\(verdict.rawValue)><td>\(count)<td><a href=\(page)>\(htmlPath(r.file))</a><td>\(html(r.id ?? ""))"
        row += "<td>\(html(place.commune))<td>\(html(place.projectType))<td><span class=\"badge o-\(verdict.rawValue)\">\(html(words.verdict(verdict)))</span>"
        row += "<td>\(e)<td>\(w)<td>\(i)<td>\(m)"
        rows.append(row)
        return ""
    }

    package func end(_ s: BatchSummary) -> String {
        let p = context.program
        let title = t(.dossierInspectionResults)
        var out = "<!DOCTYPE html>\n<html lang=\"\(html(context.lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(title) — \(html(context.asOf))</title>\n"
        out += "<link rel=\"stylesheet\" href=\"report.css\">\n</head>\n<body>\n"
        out += "<header class=\"page\"><h1>\(title)</h1>\n<p class=\"meta\">\(t(.ruleset)) <strong>\(html(p.name))\(p.version.map { " \(html($0))" } ?? "")</strong> (SHA-256 <code>\(p.digest)</code>) · \(t(.asOf)) <strong>\(html(context.asOf))</strong> · \(s.dossiers) \(t(.dossiers))</p>\n"
        out += "<p class=\"totals\"><span class=\"badge o-pass\">\(s.pass) \(html(words.outcome(.pass)))</span> <span class=\"badge o-fail\">\(s.fail) \(html(words.outcome(.fail)))</span> "
        out += "<span class=\"badge o-missing\">\(s.missing) \(html(words.outcome(.missing)))</span> <span class=\"badge o-error\">\(s.error) \(html(words.outcome(.error)))</span> · <a href=\"summary.html\">\(t(.summaryByPlaceTypeItemAnd))</a></p></header>\n"
        out += "<p id=\"ix-tools\" hidden><label>\(t(.find)) <input id=\"ix-q\" type=\"search\" placeholder=\"\(t(.fileIdCommuneType))\"></label> "
        out += "<label>\(t(.outcomeHeading)) <select id=\"ix-o\"><option value=\"\">\(t(.all))</option>"
        for v in [DossierVerdict.fail, .missing, .passWithWarnings, .pass, .error] { out += "<option value=\"o-\(v.rawValue)\">\(html(words.verdict(v)))</option>" }
        out += "</select></label> <span id=\"ix-n\"></span> <small>\(t(.clickAColumnHeadingToSort))</small></p>\n"
        out += "<table id=\"ix\" class=\"index\"><thead><tr>"
        let heads: [(String, Bool)] = [("#", true), (t(.dossierHeading), false), (t(.id), false), (t(.commune), false),
                                       (t(.type), false), (t(.outcomeHeading), false), (t(.errorsHeading), true),
                                       (t(.warningsHeading), true), (t(.infoHeading), true), (t(.missingHeading), true)]
        for (h, numeric) in heads { out += "<th\(numeric ? " data-num" : "")>\(html(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        out += rows.joined(separator: "\n")
        out += "\n</tbody></table>\n<script>\n\(Self.indexScript)</script>\n</body>\n</html>\n"
        write("index.html", out)
        rows = []

        var page = "<!DOCTYPE html>\n<html lang=\"\(html(context.lang))\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(t(.summary)) — \(html(context.asOf))</title>\n"
        page += "<link rel=\"stylesheet\" href=\"report.css\">\n</head>\n<body>\n<nav class=\"crumbs\"><a href=\"index.html\">← \(t(.allDossiers))</a></nav>\n"
        let pages = pageOf
        page += summary.htmlSection(lang: context.lang, link: { pages[$0.file] })
        page += "</body>\n</html>\n"
        write("summary.html", page)
        return ""
    }

    static let indexCSS = """
        nav.crumbs { margin-bottom: 12px; font-size: 14px; }
        table.index td:nth-child(1), table.index td:nth-child(n+7) { text-align: right; font-variant-numeric: tabular-nums; }
        table.index th { cursor: pointer; white-space: nowrap; }
        table.index td:nth-child(2) { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
        #ix-tools { background: var(--soft); padding: 8px 12px; border-radius: 8px; }

        """

    /// Sorting on a heading click and filtering by text and outcome; the
    /// table is whole and readable without it.
    static let indexScript = """
        (function () {
          "use strict";
          var table = document.getElementById("ix"), tools = document.getElementById("ix-tools");
          if (!table || !tools) return;
          tools.hidden = false;
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var q = document.getElementById("ix-q"), o = document.getElementById("ix-o"), n = document.getElementById("ix-n");
          var text = rows.map(function (r) { return r.textContent.toLowerCase(); });
          function apply() {
            var needle = q.value.trim().toLowerCase(), cls = o.value, shown = 0;
            rows.forEach(function (r, k) {
              var ok = (!needle || text[k].indexOf(needle) >= 0) && (!cls || r.className === cls);
              r.style.display = ok ? "" : "none";
              if (ok) shown++;
            });
            n.textContent = shown + " / " + rows.length;
          }
          q.addEventListener("input", apply);
          o.addEventListener("change", apply);
          var dir = {};
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, c) {
            th.addEventListener("click", function () {
              var numeric = th.hasAttribute("data-num"), d = dir[c] = -(dir[c] || -1);
              var keyed = rows.map(function (r, k) {
                var v = r.cells[c].textContent;
                return { r: r, k: k, v: numeric ? parseFloat(v) || 0 : v.toLowerCase() };
              });
              keyed.sort(function (a, b) { return a.v < b.v ? -d : a.v > b.v ? d : a.k - b.k; });
              rows = keyed.map(function (x) { return x.r; });
              text = rows.map(function (r) { return r.textContent.toLowerCase(); });
              rows.forEach(function (r) { body.appendChild(r); });
            });
          });
          apply();
        })();

        """
}
