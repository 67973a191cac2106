import Diagnostics
import Evaluator
import Semantics

/// `--format markdown`: a compact report for a pull-request comment.
///
/// A headline with the counts, a table of the dossiers that did not pass,
/// then per such dossier its open findings (severity icon, rule id,
/// message, `file:line:col`, citation), then the waived findings in a
/// collapsed block. GitHub refuses comments over 65,536 characters, so the
/// report stops before `maxLength` UTF-8 bytes (never fewer characters than
/// that) and says how much it left out.
struct MarkdownReport: ReportWriter {
    let context: ReportContext
    let words: Words
    /// Limit on the whole report, in UTF-8 bytes.
    var maxLength = 65_000
    /// Rows of the dossier table before it is cut short.
    var maxTableRows = 50
    private var tableRows: [String] = []
    private var hiddenRows = 0
    /// Per dossier not passing: its lines, and whether each is a finding.
    private var sections: [[(text: String, isFinding: Bool)]] = []
    private var waived: [String] = []
    private var openFindings = 0
    private var waivedFindings = 0

    init(_ context: ReportContext) {
        self.context = context
        self.words = Words(lang: context.lang)
    }

    private func t(_ w: ReportText, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { words.t(w, args) }

    mutating func begin() -> String { "" }

    mutating func dossier(_ r: DossierResult) -> String {
        let lang = context.lang
        let open = r.findings.filter { $0.waiver == nil }
        openFindings += open.count
        waivedFindings += r.findings.count - open.count
        // Every finding placed in one pass over the file.
        let places = r.places()
        func at(_ k: Int) -> String { "\(r.file):\(places.starts[k].line):\(places.starts[k].column)" }
        for (k, f) in r.findings.enumerated() {
            guard let w = f.waiver else { continue }
            waived.append("- \(icon(f.severity)) **\(md(f.rule))** \(md(oneLine(capped(f.message(lang), 500)))) — \(code(at(k)))\(cites(f)) — \(md(words.waiver(w)))")
        }
        guard r.outcome != .pass || !open.isEmpty else { return "" }

        var counts: [String] = []
        for sev in [RuleSeverity.error, .warning, .info] {
            let n = open.count { $0.severity == sev }
            // English plurals: 2 errors, 2 warnings, 2 info.
            let word = n > 1 && sev == .error ? t(.errorsCount) : n > 1 && sev == .warning ? t(.warningsCount) : words.severity(sev)
            if n > 0 { counts.append("\(n) \(word)") }
        }
        let waivedHere = r.findings.count - open.count
        if waivedHere > 0 { counts.append("\(waivedHere) \(words.waived)") }
        if tableRows.count < maxTableRows {
            tableRows.append("| \(outcomeIcon(context.verdict(r) == .passWithWarnings ? .pass : r.outcome)) | \(cell(code(r.file))) | \(md(r.id ?? "—")) | \(md(words.verdict(context.verdict(r)))) | \(counts.isEmpty ? "—" : counts.joined(separator: ", ")) |")
        } else {
            hiddenRows += 1
        }

        var lines: [(text: String, isFinding: Bool)] = [("", false), ("#### \(outcomeIcon(r.outcome)) \(code(r.file))\(r.id.map { " · \(md($0))" } ?? "")", false), ("", false)]
        if let e = r.error {
            let at = e.line.map { "\(r.file):\($0):\(e.column ?? 1)" } ?? r.file
            lines.append(("- \(code(at)) \(md(oneLine(e.message(context.lang)))) (\(md(e.code)))", false))
        }
        for (k, f) in r.findings.enumerated() where f.waiver == nil {
            lines.append(("- \(icon(f.severity)) **\(md(f.rule))** \(md(oneLine(capped(f.message(lang), 500)))) — \(code(at(k)))\(cites(f))\(unverified(f))", true))
        }
        sections.append(lines)
        return ""
    }

    mutating func end(_ s: BatchSummary) -> String {
        let p = context.program
        let ruleset = "\(p.name)\(p.version.map { " \($0)" } ?? "")"
        var out = "### tuanthu — \(md(ruleset)), \(t(.asOfShort)) \(context.asOf)\n\n"
        out += "\(t(.ruleset)): `\(context.rulesetIdentity)`\n\n"
        out += md(purposeLine(context)) + "\n\n"
        let headIcon = s.error > 0 || s.fail > 0 ? "❌" : s.missing > 0 ? "⚠️" : "✅"
        let notPassing = s.fail + s.missing + s.error
        out += "\(headIcon) **\(notPassing) / \(s.dossiers) \(words.count(s.dossiers, .dossierNotPassing, .dossiersNotPassing))** — "
        out += "\(s.pass) \(words.outcome(.pass).lowercased()) · \(s.fail) \(words.outcome(.fail).lowercased()) · \(s.missing) \(words.outcome(.missing).lowercased()) · \(s.error) \(words.outcome(.error).lowercased()) · "
        out += "\(openFindings) \(words.count(openFindings, .finding, .findingsCount))"
        if waivedFindings > 0 { out += " (+\(waivedFindings) \(words.waived))" }
        out += "\n"

        // Everything after the headline goes in line by line while it fits.
        let reserve = 400
        var budget = maxLength - out.utf8.count - reserve
        var cut = false
        var shownFindings = 0
        func add(_ line: String) -> Bool {
            let cost = line.utf8.count + 1
            if cut || cost > budget {
                cut = true
                return false
            }
            budget -= cost
            out += line + "\n"
            return true
        }
        if !tableRows.isEmpty {
            _ = add("")
            _ = add("| | \(t(.dossierHeading)) | \(t(.id)) | \(t(.outcomeHeading)) | \(t(.findingsHeading)) |")
            _ = add("|---|---|---|---|---|")
            for row in tableRows where add(row) {}
            if hiddenRows > 0 {
                _ = add("")
                _ = add(t(.moreDossiersNotPassing, ["n": .number(String(hiddenRows))]))
            }
        }
        for lines in sections {
            for l in lines where add(l.text) { if l.isFinding { shownFindings += 1 } }
        }
        if !waived.isEmpty && !cut {
            var w = ["", "<details><summary>\(t(.waivedFindings)) (\(waived.count))</summary>", ""]
            w += waived
            var opened = false
            for l in w where add(l) {
                opened = true
                if l.hasPrefix("- ") { shownFindings += 1 }
            }
            if opened { out += "\n</details>\n" }
        }
        if cut {
            let total = openFindings + waivedFindings
            out += "\n" + t(.reportCut, ["max": .text(String(maxLength)), "shown": .number(String(shownFindings)), "total": .number(String(total))]) + "\n"
        }
        sections = []
        waived = []
        return out
    }

    // MARK: - Pieces

    /// ` — ⚠️ note: …` when the finding rests on unverified thresholds.
    private func unverified(_ f: Finding) -> String {
        unverifiedNote(f.unverified, context.lang).map { " — ⚠️ " + md("note: " + $0) } ?? ""
    }

    private func cites(_ f: Finding) -> String {
        f.cites.isEmpty ? "" : " · _" + md(f.cites.map { citationText($0, context.lang) }.joined(separator: "; ")) + "_"
    }

    private func icon(_ s: RuleSeverity) -> String {
        switch s {
        case .error: "🔴"
        case .warning: "🟡"
        case .info: "🔵"
        }
    }

    private func outcomeIcon(_ o: DossierOutcome) -> String {
        switch o {
        case .pass: "✅"
        case .fail: "❌"
        case .missing: "⚠️"
        case .error: "💥"
        }
    }
}

/// Text made inert in Markdown: emphasis, link, table and HTML characters
/// are escaped, line ends become spaces.
func md(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
            out += "\\"
            out.unicodeScalars.append(u)
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        case "\n", "\r", "\t": out += " "
        default:
            if u.value < 0x20 || u.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
        }
    }
    return out
}

/// A code span long enough to hold any backticks in `s`.
func code(_ s: String) -> String {
    let clean = String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    var longest = 0
    var run = 0
    for c in clean { if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = clean.hasPrefix("`") || clean.hasSuffix("`") ? " " : ""
    return fence + pad + clean + pad + fence
}

/// A table cell: `|` escaped (GitHub splits cells on it even inside code spans).
private func cell(_ s: String) -> String { s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
