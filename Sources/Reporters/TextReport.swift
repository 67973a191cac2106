import Diagnostics
import Evaluator
import Semantics

/// `--format text`: per dossier a header, then each finding rendered like a
/// compiler diagnostic pointing into the dossier — severity and rule id,
/// message, `file:line:col`, the dossier's line with a caret under the
/// value, the citation and how to fix it. A summary line closes the report.
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
        var files = SourceMap()
        if let s = r.source { files.insert(s) }
        var renderer = DiagnosticRenderer(colorize: context.color, contextLines: 0)
        renderer.noteWord = words.basis
        renderer.helpWord = words.fix
        for f in r.findings {
            let severity: Severity = f.severity == .error ? .error : f.severity == .warning ? .warning : .note
            var notes: [String] = []
            if !f.cites.isEmpty {
                notes.append(f.cites.map { citationText($0, lang) }.joined(separator: "; "))
            }
            var label: String? = nil
            if f.kind == .missing && !f.missing.isEmpty {
                label = "\(words.missingWord): " + f.missing.map(dotted).joined(separator: ", ")
            }
            let kindTag = f.kind == .violation ? "" : " " + words.t(f.kind == .missing ? .tagMissingData : .tagInvalid)
            let waivedTag = f.waiver != nil ? " [\(words.waived)]" : ""
            // A value that runs past its first line is marked by its first character.
            var end = f.end
            if let s = r.source, Int(f.end) > s.lineRange(s.lines.lineIndex(of: f.start)).upperBound { end = f.start + 1 }
            let d = Diagnostic(
                DiagnosticCode(f.rule), severity, f.message(lang) + kindTag + waivedTag,
                at: Label(Span(file: FileID(0), start: f.start, end: end), label),
                notes: notes, help: f.hint(lang))
            out += renderer.render(d, files: files)
            if let note = unverifiedNote(f.unverified, lang) {
                // Aligned with the `= cites:` lines, as the waiver below.
                out += String(repeating: " ", count: String(f.line).count) + " = note: " + terminalSafe(note) + "\n"
            }
            if let w = f.waiver {
                // Under the rendered finding, aligned with its `= cites:` lines (the gutter is the line number's width).
                out += String(repeating: " ", count: String(f.line).count) + " = " + terminalSafe(words.waiver(w)) + "\n"
            }
            out += "\n"
        }
        return out
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
