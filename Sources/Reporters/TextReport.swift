import Diagnostics
import Evaluator
import Semantics

/// `--format text`: per dossier a header, then each finding rendered like a
/// compiler diagnostic pointing into the dossier — severity and rule id,
/// message, `file:line:col`, the dossier's line with a caret under the
/// value, the other values the failing expression read underlined on their
/// lines (`expr = value`), the citation and how to fix it. A summary line
/// closes the report.
struct TextReport: ReportWriter {
    let context: ReportContext
    let words: Words

    init(_ context: ReportContext) {
        self.context = context
        self.words = Words(lang: context.lang)
    }

    mutating func begin() -> String { "" }

    mutating func dossier(_ r: DossierResult) -> String { render(r) }

    func renderAlone(_ r: DossierResult) -> String? { render(r) }

    private func render(_ r: DossierResult) -> String {
        if context.quiet && !context.failsRun(r) { return "" }
        let lang = context.lang
        // The file name and id come from outside: shown with controls escaped, on one line.
        let verdict = context.verdict(r)
        var out = paint("\(terminalSafeLine(r.file))\(r.line.map { ":\($0)" } ?? "")\(r.id.map { " (\(terminalSafeLine($0)))" } ?? ""): \(words.verdict(verdict))", verdict == .pass || verdict == .passWithWarnings ? "1;32" : verdict == .error ? "1;31" : "1;33") + "\n"
        if let e = r.error {
            out += e.rendered(words.language)
            return out + "\n"
        }
        if r.findings.isEmpty {
            let applied = r.rules.count { $0 != .notApplicable }
            out += "  " + words.t(applied == 1 ? .noFindingsApplicableOne : .noFindingsApplicable, ["n": .number(String(applied))]) + "\n\n"
            return out
        }
        // The dossier's file, under the id the run gave it: the findings' spans are in it.
        var files = SourceMap()
        if let s = r.source { files.register(s) }
        var renderer = DiagnosticRenderer(colorize: context.color, contextLines: 0)
        renderer.noteWord = words.basis
        renderer.helpWord = words.fix
        renderer.lang = Lang(rawValue: lang) ?? .en
        // Every finding placed in one pass over the file (the gutters' widths).
        let places = r.places()
        for (k, f) in r.findings.enumerated() {
            out += renderer.render(findingDiagnostic(f, r), files: files)
            // Aligned with the `= cites:` lines: the gutter is the line number's width.
            let gutter = String(repeating: " ", count: String(places.starts[k].line).count)
            if let note = unverifiedNote(f.unverified, lang) {
                out += gutter + " = note: " + terminalSafe(note) + "\n"
            }
            if let w = f.waiver {
                // Under the rendered finding, as the note above.
                out += gutter + " = " + terminalSafe(words.waiver(w)) + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// A finding as the diagnostic the text report shows: severity and rule
    /// id, the message with its kind and waiver tags, the blamed value
    /// underlined (labelled with the missing paths), the citations as a
    /// note and the hint as help — in both languages, the renderer picks one.
    private func findingDiagnostic(_ f: Finding, _ r: DossierResult) -> Diagnostic {
        let severity: Severity = f.severity == .error ? .error : f.severity == .warning ? .warning : .note
        func both(_ make: (String) -> String) -> Diagnostics.LocalizedText { Diagnostics.LocalizedText(vi: make("vi"), en: make("en")) }
        var notes: [Diagnostics.LocalizedText] = []
        if !f.cites.isEmpty {
            notes.append(both { lang in f.cites.map { citationText($0, lang) }.joined(separator: "; ") })
        }
        var label: Diagnostics.LocalizedText? = nil
        if f.kind == .missing && !f.missing.isEmpty {
            let paths = f.missing.map(dotted).joined(separator: ", ")
            let word = localize(ReportWord.missing)
            label = Diagnostics.LocalizedText(vi: "\(word.vi): \(paths)", en: "\(word.en): \(paths)")
        }
        var message = f.messageText
        if f.kind != .violation {
            let tag = localize(f.kind == .missing ? FindingMessage.tagMissing : FindingMessage.tagInvalid)
            message = Diagnostics.LocalizedText(vi: message.vi + " " + tag.vi, en: message.en + " " + tag.en)
        }
        if f.waiver != nil {
            let waived = localize(ReportWord.waived)
            message = Diagnostics.LocalizedText(vi: message.vi + " [\(waived.vi)]", en: message.en + " [\(waived.en)]")
        }
        // A value that runs past its first line is marked by its first character.
        var span = f.span
        if let s = r.source, Int(span.end) > s.lineRange(s.lines.lineIndex(of: span.start)).upperBound { span.end = span.start + 1 }
        return Diagnostic(DiagnosticCode(f.rule), severity, message, at: Label(span, label), secondary: evidenceLabels(f, r), notes: notes, help: f.hintText)
    }

    /// The most evidence values shown under a finding: a quantifier over a
    /// long list reads thousands; the JSON report lists them all.
    static let evidenceShown = 4

    /// Each other value the failing expression read, underlined where it is
    /// (its line in the gutter) and labelled `expr = value`. A missing path
    /// is nowhere, and the blamed value is the primary label already; past
    /// `evidenceShown` values, the last label says how many more there are.
    private func evidenceLabels(_ f: Finding, _ r: DossierResult) -> [Label] {
        var shown: [(span: Span, text: String)] = []
        // Each value once (a value read under two names is one place), the blamed one not at all.
        var seen: Set<UInt32> = [f.span.start]
        var more = 0
        for e in f.evidence {
            guard var at = e.span, let value = e.valueJSON, seen.insert(at.start).inserted else { continue }
            if shown.count == Self.evidenceShown {
                more += 1
                continue
            }
            // A value that runs past its first line is marked by its first character, as the finding's.
            if let s = r.source, Int(at.end) > s.lineRange(s.lines.lineIndex(of: at.start)).upperBound { at.end = at.start + 1 }
            shown.append((at, "\(e.expr) = \(value.count > 40 ? value.prefix(40) + "…" : value)"))
        }
        return shown.indices.map { k in
            guard k == shown.count - 1, more > 0 else { return Label(shown[k].span, Diagnostics.LocalizedText(verbatim: shown[k].text)) }
            let tail = localize(ReportText.moreValues, ["n": .number(String(more))])
            return Label(shown[k].span, Diagnostics.LocalizedText(vi: shown[k].text + tail.vi, en: shown[k].text + tail.en))
        }
    }

    mutating func end(_ s: BatchSummary) -> String {
        let p = context.program
        let ruleset = "\(p.name)\(p.version.map { " \($0)" } ?? "")"
        let line = words.t(.checkedLine, [
            "n": .number(String(s.dossiers)), "dossiers": .text(words.count(s.dossiers, .dossierOne, .dossiers)),
            "ruleset": .text(ruleset), "rules": .number(String(p.rules.count)),
            "ruleWord": .text(words.count(p.rules.count, .ruleOne, .ruleMany)),
            "selection": .text(context.selection.map { words.t(.selectedBy, ["selection": .text($0)]) } ?? ""),
            "asOf": .text(context.asOf), "pass": .number(String(s.pass)),
            "warned": .text(s.warned > 0 ? words.t(.withWarnings, ["n": .number(String(s.warned))]) : ""),
            "fail": .number(String(s.fail)), "missing": .number(String(s.missing)), "error": .number(String(s.error)),
            "findings": .number(String(s.findings)), "findingWord": .text(words.count(s.findings, .finding, .findingsCount)),
        ])
        return line + "\n" + words.t(.rulesetLine, ["identity": .text(context.rulesetIdentity)]) + "\n\(purposeLine(context))\n"
    }

    private func paint(_ s: String, _ code: String) -> String {
        context.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
