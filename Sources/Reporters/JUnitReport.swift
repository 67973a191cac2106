import Diagnostics
import Evaluator
import Semantics

/// `--format junit`: JUnit XML for CI dashboards. One `<testsuite>` per
/// dossier (named by its file, `id` = the dossier's id), one `<testcase>` per
/// rule (`classname` = the ruleset's name, or `tuanthu` for the reserved
/// checks; `name` = rule id and title):
///
/// - pass: an empty testcase;
/// - fail: one `<failure type="violation|invalid">` whose message is the
///   first finding's and whose text lists every finding (message, pointer,
///   `file:line:col`, citations, hint);
/// - missing: a `<failure type="missing">`, not an `<error>`: the data the
///   rule needs is absent from the dossier, a defect of the dossier that CI
///   should stop on like any other failure, whereas `<error>` means the check
///   itself could not run;
/// - fail or missing with every open finding below `--fail-on` (a warning
///   under the default `--fail-on error`): not a failure — the testcase
///   passes with its findings in `<system-out>`, as the dossier is headed
///   "passes with warnings" and the exit code is 0;
/// - not applicable: `<skipped message="not applicable"/>`;
/// - waived: `<skipped>` with the waiver's reason, approver and expiry;
/// - an unreadable dossier: a single testcase with an `<error>` (type = the
///   diagnostic code) at `file:line:col`.
///
/// Counts (`tests`, `failures`, `errors`, `skipped`) are on every suite and
/// on `<testsuites>`, so the whole document is written at the end. No times
/// or host names: the same inputs give the same bytes.
struct JUnitReport: ReportWriter {
    let context: ReportContext
    let rules: ReportRules
    let words: Words
    private var suites: [String] = []
    private var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)

    init(_ context: ReportContext) {
        self.context = context
        self.rules = ReportRules(context.program)
        self.words = Words(lang: context.lang)
    }

    mutating func begin() -> String { "" }

    mutating func dossier(_ r: DossierResult) -> String {
        let program = context.program
        let lang = context.lang
        var cases = ""
        var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
        if let e = r.error {
            counts.tests = 1
            counts.errors = 1
            let at = e.line.map { "\(r.file):\($0):\(e.column ?? 1)" } ?? r.file
            cases += "    <testcase classname=\"\(xmlAttribute(program.name))\" name=\"\(xmlAttribute(words.readDossier))\" file=\"\(xmlAttribute(r.file))\">\n"
            cases += "      <error message=\"\(xmlAttribute(e.message(lang)))\" type=\"\(xmlAttribute(e.code))\">\(xmlText("\(at): \(e.message(lang))\n\n\(e.rendered(words.language))"))</error>\n"
            cases += "    </testcase>\n"
        }
        // Every finding placed in one pass over the file.
        let places = r.places()
        for row in ruleRows(r, rules) {
            counts.tests += 1
            let rule = row.ruleIndex.map { rules.list[$0] }
            let title = rule?.title(lang) ?? row.id
            let classname = rule?.isReserved ?? true ? "tuanthu" : program.name
            let open = "    <testcase classname=\"\(xmlAttribute(classname))\" name=\"\(xmlAttribute("\(row.id): \(title)"))\" file=\"\(xmlAttribute(r.file))\""
            switch row.outcome {
            case .pass:
                cases += open + "/>\n"
            case .notApplicable:
                counts.skipped += 1
                cases += open + ">\n      <skipped message=\"\(xmlAttribute(words.rule(.notApplicable)))\"/>\n    </testcase>\n"
            case .waived:
                counts.skipped += 1
                let waivers = uniqueWaivers(row.findings).map(words.waiver).joined(separator: "; ")
                cases += open + ">\n      <skipped message=\"\(xmlAttribute(waivers))\"/>\n    </testcase>\n"
            case .fail where !row.findings.contains(where: context.fails), .missing where !row.findings.contains(where: context.fails):
                let text = row.findingIndices.map { findingText(r, $0, places) }.joined(separator: "\n")
                cases += open + ">\n      <system-out>\(xmlText(text))</system-out>\n    </testcase>\n"
            case .fail, .missing:
                counts.failures += 1
                let open2 = row.findings.filter { $0.waiver == nil }
                let lead = open2.first ?? row.findings.first
                let type = row.outcome == .missing ? "missing" : (open2.first { $0.kind != .missing }?.kind.rawValue ?? "violation")
                var message = lead.map { oneLine($0.message(lang)) } ?? words.rule(row.outcome)
                if open2.count > 1 { message += " " + words.t(.andMore, ["n": .number(String(open2.count - 1))]) }
                let text = row.findingIndices.map { findingText(r, $0, places) }.joined(separator: "\n")
                cases += open + ">\n      <failure message=\"\(xmlAttribute(message))\" type=\"\(type)\">\(xmlText(text))</failure>\n    </testcase>\n"
            }
        }
        var suite = "  <testsuite name=\"\(xmlAttribute(r.file + (r.line.map { ":\($0)" } ?? "")))\""
        if let id = r.id { suite += " id=\"\(xmlAttribute(id))\"" }
        suite += " tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\">\n"
        suite += "    <properties>\n"
        var properties: [(String, String)] = [("outcome", r.outcome.rawValue), ("verdict", context.verdict(r).rawValue)]
        if let line = r.line { properties.append(("dossier.line", String(line))) }
        if let id = r.id { properties.append(("dossier.id", id)) }
        if !r.sha256.isEmpty { properties.append(("dossier.sha256", r.sha256)) }
        properties.append(("as_of", context.asOf))
        properties.append(("purpose", context.purpose.rawValue))
        if let path = context.ruleSets.first?.path ?? context.rulesPath { properties.append(("ruleset.path", path)) }
        properties.append(("ruleset.sha256", context.program.digest))
        if context.ruleSets.count > 1 {
            for (k, set) in context.ruleSets.enumerated() {
                properties.append(("ruleset.set.\(k + 1).path", set.path))
                properties.append(("ruleset.set.\(k + 1).sha256", set.sha256))
            }
        }
        if let s = context.selection { properties.append(("ruleset.selection", s)) }
        for (name, value) in properties {
            suite += "      <property name=\"\(xmlAttribute(name))\" value=\"\(xmlAttribute(value))\"/>\n"
        }
        suite += "    </properties>\n" + cases + "  </testsuite>\n"
        suites.append(suite)
        totals.tests += counts.tests
        totals.failures += counts.failures
        totals.errors += counts.errors
        totals.skipped += counts.skipped
        return ""
    }

    mutating func end(_ s: BatchSummary) -> String {
        let p = context.program
        let name = "tuanthu: \(p.name)\(p.version.map { " \($0)" } ?? "")"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(xmlAttribute(name))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        suites = []
        return out
    }

    /// Finding `k` of `r` as plain text inside `<failure>`; `places` holds where it is.
    private func findingText(_ r: DossierResult, _ k: Int, _ places: FindingPlaces) -> String {
        let f = r.findings[k]
        let at = places.starts[k]
        let lang = context.lang
        var s = "\(r.file):\(at.line):\(at.column): \(f.severity.rawValue) [\(f.kind.rawValue)] \(f.rule): \(f.message(lang))\n"
        s += "  \(words.pointer): \(f.pointer.isEmpty ? "(root)" : f.pointer)\n"
        if !f.missing.isEmpty { s += "  \(words.missingWord): \(f.missing.joined(separator: ", "))\n" }
        if !f.cites.isEmpty { s += "  \(words.basis): \(f.cites.map { citationText($0, lang) }.joined(separator: "; "))\n" }
        if let h = f.hint(lang) { s += "  \(words.fix): \(h)\n" }
        if let note = unverifiedNote(f.unverified, lang) { s += "  note: \(note)\n" }
        if let w = f.waiver { s += "  \(words.waiver(w))\n" }
        return s
    }
}

/// Each distinct waiver covering these findings, in order.
func uniqueWaivers(_ findings: [Finding]) -> [AppliedWaiver] {
    var out: [AppliedWaiver] = []
    for f in findings { if let w = f.waiver, !out.contains(w) { out.append(w) } }
    return out
}

// MARK: - XML escaping

/// Text content: `&`, `<`, `>` escaped; `\r` as a reference so it survives
/// line-end normalisation; characters XML 1.0 forbids replaced by U+FFFD.
package func xmlText(_ s: String) -> String { xmlEscape(s, attribute: false) }

/// An attribute value in double quotes: as text, plus `"` `'`, and tab and
/// line ends as references (attribute normalisation would turn them into spaces).
package func xmlAttribute(_ s: String) -> String { xmlEscape(s, attribute: true) }

private func xmlEscape(_ s: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where attribute: out += "&quot;"
        case "'" where attribute: out += "&apos;"
        case "\r": out += "&#13;"
        case "\n" where attribute: out += "&#10;"
        case "\t" where attribute: out += "&#9;"
        default:
            // XML 1.0 `Char`: tab, line ends, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and above.
            let v = u.value
            if (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0xFFFE || v == 0xFFFF {
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out
}
