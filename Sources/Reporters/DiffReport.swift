import Diagnostics
import Digest
import Evaluator
import FileIO
import Foundation
import JSON
import Semantics

// A resubmission compared with the version before it: which findings were
// fixed, which are new, which are still open (per rule and field), how each
// rule's outcome moved, and the values the rules read that changed between
// the versions — a value moved just past a threshold is how a dossier "passes"
// without changing anything real, so the inspector sees old → new.

/// A finding as the diff compares it.
package struct DiffFinding: Sendable {
    /// The rule's id.
    package var rule: String
    /// The rule's severity.
    package var severity: RuleSeverity
    /// violation, missing or invalid.
    package var kind: String
    /// JSON Pointer of the blamed value.
    package var pointer: String
    /// The message per language.
    package var message: [(lang: String, text: String)]
    /// Covered by a waiver.
    package var waived: Bool
    /// Pointers of the values the failing expression read (and the absent ones).
    package var reads: [String]

    /// What makes a finding the same one in both versions: its rule and where it points.
    var key: String { rule + "\u{0}" + pointer }
}

/// One version of a dossier, from a check or from a JSON report.
package struct DiffSide: Sendable {
    /// The dossier's path.
    package var file: String
    /// Its `id`.
    package var id: String?
    /// SHA-256 of its bytes; empty when unknown.
    package var sha256: String
    /// Its outcome (`pass`, `fail`, `missing`, `error`).
    package var outcome: String
    /// Each rule's outcome, by rule id, in report order.
    package var rules: [(id: String, outcome: String)]
    /// Its findings.
    package var findings: [DiffFinding]
    /// The ruleset's SHA-256 it was checked against.
    package var rulesetDigest: String
    /// JSON text of values by pointer: read from the dossier when it is at
    /// hand, else the evidence values the report gives.
    var values: [String: String]
    /// The dossier itself, when at hand: any pointer can be read.
    var document: JSONDocument?

    /// The value at `pointer` as JSON text; nil when absent, "?" when not known.
    func value(_ pointer: String) -> String? {
        if let doc = document {
            guard let n = doc.node(atPointer: pointer) else { return nil }
            return doc.sourceText(n)
        }
        return values[pointer] ?? "?"
    }

    /// A version from a checked dossier and its bytes.
    package init(result r: DossierResult, bytes: [UInt8]?, rulesetDigest: String, ruleIDs: [String]) {
        file = r.file
        id = r.id
        sha256 = r.sha256
        outcome = r.outcome.rawValue
        self.rulesetDigest = rulesetDigest
        rules = zip(ruleIDs, r.rules).map { ($0, $1.rawValue) }
        var reserved: [String] = []
        for f in r.findings where f.rule.hasPrefix("tuanthu.") && !reserved.contains(f.rule) { reserved.append(f.rule) }
        for id in reserved { rules.append((id, reservedOutcome(r.findings.filter { $0.rule == id }).rawValue)) }
        findings = r.findings.map { f in
            DiffFinding(rule: f.rule, severity: f.severity, kind: f.kind.rawValue, pointer: f.pointer, message: f.message,
                        waived: f.waiver != nil, reads: f.evidence.map(\.pointer) + f.missing)
        }
        values = [:]
        let text = r.source?.bytes ?? bytes
        document = text.flatMap { try? JSONParser.parse($0) }
    }

    /// A version from a `tuanthu/1` JSON report holding one dossier; the
    /// dossier file it names is read for values when it is there and its
    /// SHA-256 still matches. Throws a message when the report is not one.
    package init(report bytes: [UInt8], path: String) throws(DiffInputError) {
        guard let doc = try? JSONParser.parse(bytes), doc[0].kind == .object,
              let fmt = doc.member(0, key: "format"), doc[fmt].kind == .string, doc.string(fmt) == "tuanthu/1",
              let list = doc.member(0, key: "dossiers"), doc[list].kind == .array else {
            throw DiffInputError(code: "E4310", message: localize(CommandMessage.reportWithoutDossiers, ["path": .text(path)]),
                                 help: localize(CommandMessage.reportWithoutDossiersHelp))
        }
        let dossiers = doc.children(list)
        guard dossiers.count == 1, let d = dossiers.first, doc[d].kind == .object else {
            throw DiffInputError(code: "E4311", message: localize(CommandMessage.reportHoldsSeveral, ["path": .text(path), "n": .number(String(dossiers.count))]),
                                 help: localize(CommandMessage.reportHoldsSeveralHelp))
        }
        func str(_ obj: Int, _ key: String) -> String? {
            guard let n = doc.member(obj, key: key), doc[n].kind == .string else { return nil }
            return doc.string(n)
        }
        file = str(d, "file") ?? path
        id = str(d, "id")
        sha256 = str(d, "sha256") ?? ""
        outcome = str(d, "outcome") ?? "error"
        rulesetDigest = doc.member(0, key: "ruleset").flatMap { str($0, "sha256") } ?? ""
        rules = []
        if let rs = doc.member(d, key: "rules"), doc[rs].kind == .array {
            for e in doc.children(rs) where doc[e].kind == .object {
                if let id = str(e, "rule"), let o = str(e, "outcome") { rules.append((id, o)) }
            }
        }
        findings = []
        values = [:]
        if let fs = doc.member(d, key: "findings"), doc[fs].kind == .array {
            for f in doc.children(fs) where doc[f].kind == .object {
                var message: [(lang: String, text: String)] = []
                if let m = doc.member(f, key: "message"), doc[m].kind == .object {
                    for (k, v) in doc.members(m) where doc[v].kind == .string { message.append((doc.string(k), doc.string(v))) }
                }
                var reads: [String] = []
                if let ev = doc.member(f, key: "evidence"), doc[ev].kind == .array {
                    for e in doc.children(ev) where doc[e].kind == .object {
                        guard let p = str(e, "pointer") else { continue }
                        reads.append(p)
                        if let v = doc.member(e, key: "value") {
                            // The report writes an absent value as the string "missing".
                            let text = doc.sourceText(v)
                            values[p] = text == "\"missing\"" ? nil : text
                        }
                    }
                }
                if let ms = doc.member(f, key: "missing"), doc[ms].kind == .array {
                    for m in doc.children(ms) where doc[m].kind == .string { reads.append(doc.string(m)) }
                }
                let waived = doc.member(f, key: "waiver").map { doc[$0].kind == .object } ?? false
                findings.append(DiffFinding(rule: str(f, "rule") ?? "?", severity: RuleSeverity(rawValue: str(f, "severity") ?? "error") ?? .error,
                                            kind: str(f, "kind") ?? "violation", pointer: str(f, "pointer") ?? "", message: message,
                                            waived: waived, reads: reads))
            }
        }
        document = nil
        // The dossier the report names, if it is still the one checked.
        if !sha256.isEmpty, case .success(let b) = readFileBounded(file, maxBytes: 64 << 20) {
            if SHA256.hex(b) == sha256 { document = try? JSONParser.parse(b) }
        }
    }
}

/// Why an input of `diff` cannot be compared.
package struct DiffInputError: Error, Sendable {
    /// The diagnostic code.
    package var code: String
    /// One line, lowercase, in both languages.
    package var message: Diagnostics.LocalizedText
    /// How to fix it, in both languages.
    package var help: Diagnostics.LocalizedText
}

/// Two versions compared.
package struct DossierDiff: Sendable {
    /// The earlier version.
    package let old: DiffSide
    /// The resubmission.
    package let new: DiffSide
    /// Findings of the old version the new one no longer has.
    package let fixed: [DiffFinding]
    /// Findings of the new version the old one did not have.
    package let added: [DiffFinding]
    /// Findings in both (as the new version words them).
    package let stillOpen: [DiffFinding]
    /// Rules whose outcome changed: id, old outcome, new outcome.
    package let ruleChanges: [(id: String, old: String, new: String)]
    /// Values read by a finding's rule in either version that differ: pointer, old, new, the rules reading it.
    package let valueChanges: [(pointer: String, old: String?, new: String?, rules: [String])]

    /// Compares two versions.
    package init(old: DiffSide, new: DiffSide) {
        self.old = old
        self.new = new
        let oldKeys = Set(old.findings.map(\.key)), newKeys = Set(new.findings.map(\.key))
        fixed = old.findings.filter { !newKeys.contains($0.key) }
        added = new.findings.filter { !oldKeys.contains($0.key) }
        stillOpen = new.findings.filter { oldKeys.contains($0.key) }
        let oldRules = Dictionary(old.rules.map { ($0.id, $0.outcome) }, uniquingKeysWith: { a, _ in a })
        var changes: [(id: String, old: String, new: String)] = []
        var seen = Set<String>()
        for (id, o) in new.rules {
            seen.insert(id)
            let before = oldRules[id] ?? "—"
            if before != o { changes.append((id, before, o)) }
        }
        for (id, o) in old.rules where !seen.contains(id) { changes.append((id, o, "—")) }
        ruleChanges = changes
        // Every value a finding of either version read (and the value it blamed).
        var readers: [String: [String]] = [:]
        var order: [String] = []
        for f in old.findings + new.findings {
            for p in [f.pointer] + f.reads where !p.isEmpty {
                if readers[p] == nil { order.append(p) }
                if !(readers[p] ?? []).contains(f.rule) { readers[p, default: []].append(f.rule) }
            }
        }
        var values: [(pointer: String, old: String?, new: String?, rules: [String])] = []
        for p in order {
            let a = old.value(p), b = new.value(p)
            if a != b && !(a == "?" && b == "?") { values.append((p, a, b, readers[p] ?? [])) }
        }
        valueChanges = values
    }

    /// Does what is new or still open reach `failOn` (waived findings never do)?
    package func fails(_ failOn: RuleSeverity?) -> Bool {
        guard let failOn else { return false }
        return (added + stillOpen).contains { !$0.waived && $0.severity >= failOn }
    }

    private func t(_ lang: String, _ w: ReportText) -> String { localize(w)(Lang(rawValue: lang) ?? .en) }

    /// An outcome as a reader of `lang` says it: the Vietnamese word
    /// (`không đạt`), or in English the outcome's own name (`fail`,
    /// `not_applicable`), as before; a name this version does not know (a
    /// report of another version) as it is.
    private func outcome(_ lang: String, _ raw: String) -> String {
        guard lang == Lang.vi.rawValue else { return raw }
        let word: Diagnostics.LocalizedText? = switch raw {
        case "pass": localize(ReportWord.rulePass)
        case "fail": localize(ReportWord.ruleFail)
        case "missing": localize(ReportWord.ruleMissing)
        case "not_applicable": localize(ReportWord.ruleNotApplicable)
        case "waived": localize(ReportWord.ruleWaived)
        case "error": localize(ReportText.unreadable)
        default: nil
        }
        return word?.vi ?? raw
    }

    // MARK: - Text

    /// The comparison as text.
    package func text(lang: String) -> String {
        var s = "\(t(lang, .resubmissionDiff)): \(old.file) → \(new.file)\n"
        s += "\(t(lang, .dossierID)) \(old.id ?? "—") → \(new.id ?? "—") · \(t(lang, .outcomeWord)) \(outcome(lang, old.outcome)) → \(outcome(lang, new.outcome))\n"
        if old.rulesetDigest != new.rulesetDigest {
            s += "\(t(lang, .differentRulesetsNote))\n"
        }
        s += "\(t(lang, .fixed)) \(fixed.count) · \(t(lang, .new)) \(added.count) · \(t(lang, .stillOpen)) \(stillOpen.count)\n"
        func list(_ title: String, _ fs: [DiffFinding], _ mark: String) {
            s += "\n\(title) (\(fs.count))\n"
            if fs.isEmpty { s += "  \(t(lang, .noneWord))\n" }
            for f in fs {
                s += "  \(mark) \(f.severity.rawValue)[\(f.rule)] \(f.pointer.isEmpty ? "/" : f.pointer)\(f.waived ? t(lang, .waivedTag) : "")\n"
                s += "      \(oneLine(pickText(f.message, lang) ?? ""))\n"
            }
        }
        list(t(lang, .fixed), fixed, "-")
        list(t(lang, .newFindings), added, "+")
        list(t(lang, .stillOpen), stillOpen, "=")
        s += "\n\(t(lang, .rulesWhoseOutcomeChanged)) (\(ruleChanges.count))\n"
        if ruleChanges.isEmpty { s += "  \(t(lang, .noneWord))\n" }
        let w = ruleChanges.map(\.id.count).max() ?? 0
        for c in ruleChanges { s += "  \(c.id)\(String(repeating: " ", count: w - c.id.count))  \(outcome(lang, c.old)) → \(outcome(lang, c.new))\n" }
        s += "\n\(t(lang, .valuesTheRulesReadThatChanged)) (\(valueChanges.count))\n"
        if valueChanges.isEmpty { s += "  \(t(lang, .noneWord))\n" }
        for v in valueChanges {
            let a = v.old.map { oneLine(capped($0, 120)) } ?? t(lang, .absent)
            let b = v.new.map { oneLine(capped($0, 120)) } ?? t(lang, .absent)
            s += "  \(v.pointer): \(a) → \(b)  [\(v.rules.joined(separator: ", "))]\n"
        }
        return s
    }

    // MARK: - JSON

    /// The comparison as JSON (`tuanthu-diff/1`).
    package func json() -> String {
        func side(_ d: DiffSide) -> JSONOut {
            .object([("file", .string(d.file)), ("id", .optionalString(d.id)), ("sha256", d.sha256.isEmpty ? .null : .string(d.sha256)),
                     ("outcome", .string(d.outcome)), ("ruleset_sha256", .string(d.rulesetDigest))])
        }
        func finding(_ f: DiffFinding) -> JSONOut {
            .object([("rule", .string(f.rule)), ("severity", .string(f.severity.rawValue)), ("kind", .string(f.kind)),
                     ("pointer", .string(f.pointer)), ("message", .object(f.message.map { ($0.lang, .string($0.text)) })),
                     ("waived", .bool(f.waived))])
        }
        func value(_ v: String?) -> JSONOut { v.map { $0 == "?" ? .string("unknown") : .raw($0) } ?? .null }
        return JSONOut.object([
            ("format", .string("tuanthu-diff/1")),
            ("old", side(old)), ("new", side(new)),
            ("fixed", .array(fixed.map(finding))), ("new_findings", .array(added.map(finding))), ("still_open", .array(stillOpen.map(finding))),
            ("rule_changes", .array(ruleChanges.map { .object([("rule", .string($0.id)), ("old", .string($0.old)), ("new", .string($0.new))]) })),
            ("value_changes", .array(valueChanges.map { v in
                .object([("pointer", .string(v.pointer)), ("old", value(v.old)), ("new", value(v.new)), ("rules", .array(v.rules.map { .string($0) }))])
            })),
        ]).serialized(pretty: true) + "\n"
    }

    // MARK: - HTML

    /// The comparison as a self-contained HTML page.
    package func html(lang: String) -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"\(Reporters.html(lang))\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(t(lang, .resubmissionDiff)) — \(Reporters.html(new.id ?? new.file))</title>\n"
        s += "<style>\nbody { margin: 0 auto; max-width: 1000px; padding: 24px 32px; font: 15px/1.5 system-ui, sans-serif; color: #1d1d1f; }\n"
        s += "table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #d9d9de; }\n"
        s += "code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }\n"
        s += ".fixed { color: #1e7b34; } .added { color: #b3261e; } .open { color: #a15c00; } del { color: #b3261e; } ins { color: #1e7b34; text-decoration: none; font-weight: 600; }\n"
        s += "@page { size: A4; margin: 15mm; } tr { break-inside: avoid; }\n</style>\n</head>\n<body>\n"
        s += "<h1>\(t(lang, .resubmissionDiff))</h1>\n"
        s += "<p><code>\(htmlPath(old.file))</code> → <code>\(htmlPath(new.file))</code><br>\(t(lang, .outcomeHeading)): <strong>\(outcome(lang, old.outcome))</strong> → <strong>\(outcome(lang, new.outcome))</strong></p>\n"
        if old.rulesetDigest != new.rulesetDigest {
            s += "<p><strong>\(t(lang, .differentRulesetsNoteSentence))</strong></p>\n"
        }
        func table(_ title: String, _ cls: String, _ fs: [DiffFinding]) {
            s += "<h2 class=\"\(cls)\">\(title) (\(fs.count))</h2>\n"
            guard !fs.isEmpty else { return }
            s += "<table><thead><tr><th>\(t(lang, .rule))</th><th>\(t(lang, .pointer))</th><th>\(t(lang, .message))</th></tr></thead><tbody>\n"
            for f in fs {
                s += "<tr><td><code>\(Reporters.html(f.rule))</code><br><small>\(f.severity.rawValue)\(f.waived ? " · waived" : "")</small></td><td><code>\(Reporters.html(f.pointer))</code></td><td>\(Reporters.html(capped(pickText(f.message, lang) ?? "")))</td></tr>\n"
            }
            s += "</tbody></table>\n"
        }
        table(t(lang, .fixed), "fixed", fixed)
        table(t(lang, .newFindings), "added", added)
        table(t(lang, .stillOpen), "open", stillOpen)
        s += "<h2>\(t(lang, .rulesWhoseOutcomeChanged)) (\(ruleChanges.count))</h2>\n"
        if !ruleChanges.isEmpty {
            s += "<table><tbody>\n"
            for c in ruleChanges { s += "<tr><td><code>\(Reporters.html(c.id))</code></td><td>\(Reporters.html(outcome(lang, c.old))) → <strong>\(Reporters.html(outcome(lang, c.new)))</strong></td></tr>\n" }
            s += "</tbody></table>\n"
        }
        s += "<h2>\(t(lang, .valuesTheRulesReadThatChanged)) (\(valueChanges.count))</h2>\n"
        if !valueChanges.isEmpty {
            s += "<table><thead><tr><th>\(t(lang, .pointer))</th><th>\(t(lang, .old))</th><th>\(t(lang, .new))</th><th>\(t(lang, .rulesHeading))</th></tr></thead><tbody>\n"
            for v in valueChanges {
                s += "<tr><td><code>\(Reporters.html(v.pointer))</code></td><td><del><code>\(Reporters.html(capped(v.old ?? "—", 200)))</code></del></td><td><ins><code>\(Reporters.html(capped(v.new ?? "—", 200)))</code></ins></td><td>\(v.rules.map { "<code>\(Reporters.html($0))</code>" }.joined(separator: " "))</td></tr>\n"
            }
            s += "</tbody></table>\n"
        }
        return s + "</body>\n</html>\n"
    }
}
