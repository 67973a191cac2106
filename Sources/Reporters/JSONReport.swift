import Diagnostics
import Evaluator
import Semantics

/// `--format json` (one document, `tuanthu/1`) and `--format ndjson` (one
/// dossier object per line). Both stream: a dossier is written as soon as
/// it is checked.
struct JSONReport: ReportWriter {
    let context: ReportContext
    let pretty: Bool
    let lines: Bool
    var count = 0
    /// For NDJSON: each rule's `{"rule":"ID","outcome":"…"}` for each outcome,
    /// made once, since every line lists every rule.
    let compactRuleEntries: [[[UInt8]]]

    init(_ context: ReportContext, pretty: Bool, lines: Bool) {
        self.context = context
        self.pretty = pretty
        self.lines = lines
        compactRuleEntries = !lines ? [] : context.program.rules.map { rule in
            RuleOutcome.allCases.map { o in
                var entry: [UInt8] = []
                JSONOut.object([("rule", .string(rule.id)), ("outcome", .string(o.rawValue))]).write(into: &entry)
                return entry
            }
        }
    }

    mutating func begin() -> String {
        if lines { return "" }
        let head: [(String, JSONOut)] = [
            ("format", .string("tuanthu/1")),
            ("tool", .object([("name", .string(context.toolName)), ("version", .string(context.toolVersion))])),
            ("ruleset", rulesetJSON(context)),
            ("as_of", .string(context.asOf)),
            ("purpose", .string(context.purpose.rawValue)),
        ]
        var s = "{"
        for (k, (key, value)) in head.enumerated() {
            s += (k > 0 ? "," : "") + "\n  " + escapeJSONString(key) + ": " + value.serialized(pretty: true, indent: 1)
        }
        return s + ",\n  \"dossiers\": ["
    }

    mutating func dossier(_ r: DossierResult) -> String {
        dossier(r, rendered: render(r))
    }

    mutating func dossier(_ r: DossierResult, rendered: String?) -> String {
        let text = rendered ?? render(r)
        if lines { return text }
        defer { count += 1 }
        return (count > 0 ? "," : "") + "\n    " + text
    }

    func renderAlone(_ r: DossierResult) -> String? { render(r) }

    /// NDJSON: the dossier's line as bytes, made on the workers and written
    /// as they are (no `String` between the tree and the output).
    func bytesAlone(_ r: DossierResult) -> [UInt8]? {
        guard lines else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(2048 + 1024 * r.findings.count)
        dossierJSON(r, context, rules: .rawBytes(compactRules(r))).write(into: &out)
        out.append(0x0A)
        return out
    }

    /// The `rules` member of an NDJSON line, from the entries made once.
    private func compactRules(_ r: DossierResult) -> [UInt8] {
        var rules: [UInt8] = [UInt8(ascii: "[")]
        if r.outcome != .error {
            rules.reserveCapacity(r.rules.count * (compactRuleEntries.first?.first?.count ?? 32) + 64)
            for (k, o) in r.rules.enumerated() {
                if k > 0 { rules.append(UInt8(ascii: ",")) }
                rules += compactRuleEntries[k][outcomeIndex(o)]
            }
            for entry in reservedRuleEntries(r) {
                if rules.count > 1 { rules.append(UInt8(ascii: ",")) }
                entry.write(into: &rules)
            }
        }
        rules.append(UInt8(ascii: "]"))
        return rules
    }

    /// The dossier's object: a line of NDJSON, or the pretty object of the
    /// `dossiers` list (which `dossier` puts a comma before when needed).
    private func render(_ r: DossierResult) -> String {
        if let line = bytesAlone(r) { return String(decoding: line, as: UTF8.self) }
        return dossierJSON(r, context).serialized(pretty: true, indent: 2)
    }

    mutating func end(_ s: BatchSummary) -> String {
        if lines { return "" }
        let summary = JSONOut.object([
            ("dossiers", .int(s.dossiers)), ("pass", .int(s.pass)), ("fail", .int(s.fail)),
            ("missing", .int(s.missing)), ("error", .int(s.error)), ("pass_with_warnings", .int(s.warned)),
        ])
        return (count > 0 ? "\n  " : "") + "],\n  \"summary\": " + summary.serialized(pretty: true, indent: 1) + "\n}\n"
    }
}

/// The position of `o` in `RuleOutcome.allCases`.
private func outcomeIndex(_ o: RuleOutcome) -> Int {
    RuleOutcome.allCases.firstIndex(of: o)!
}

/// The `ruleset` member of the JSON and SARIF reports: name, version, path
/// and digest; with several `--rules` sets, each set's path and digest in
/// `sets`; with `--only`/`--skip`, the `selection`.
func rulesetJSON(_ context: ReportContext) -> JSONOut {
    let p = context.program
    var members: [(String, JSONOut)] = [("name", .string(p.name)), ("version", .optionalString(p.version)),
                                        ("path", .optionalString(context.ruleSets.first?.path ?? context.rulesPath)), ("sha256", .string(p.digest))]
    if context.ruleSets.count > 1 {
        members.append(("sets", .array(context.ruleSets.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })))
    }
    if let s = context.selection { members.append(("selection", .string(s))) }
    return .object(members)
}

/// A dossier's result in the `tuanthu/1` shape.
/// `rules`, when given, is the already-built value of the `rules` member.
package func dossierJSON(_ r: DossierResult, _ context: ReportContext, rules given: JSONOut? = nil) -> JSONOut {
    let program = context.program
    var rules: [JSONOut] = []
    if given == nil && r.outcome != .error {
        for (k, o) in r.rules.enumerated() {
            rules.append(.object([("rule", .string(program.rules[k].id)), ("outcome", .string(o.rawValue))]))
        }
        rules += reservedRuleEntries(r)
    }
    let summary = r.summary
    var error: JSONOut = .null
    if let e = r.error {
        error = .object([
            ("code", .string(e.code)), ("message", .string(e.message(context.lang))),
            ("line", e.line.map { .int($0) } ?? .null), ("column", e.column.map { .int($0) } ?? .null),
        ])
    }
    var head: [(String, JSONOut)] = [("file", .string(r.file))]
    // A record of a stream is named by the stream and its line there.
    if let line = r.line { head.append(("line", .int(line))) }
    return .object(head + [
        ("id", .optionalString(r.id)),
        ("sha256", r.sha256.isEmpty ? .null : .string(r.sha256)),
        ("outcome", .string(r.outcome.rawValue)),
        ("verdict", .string(context.verdict(r).rawValue)),
        ("error", error),
        ("rules", given ?? .array(rules)),
        ("findings", .array(r.findings.map { findingJSON($0, in: r) })),
        ("summary", .object(RuleOutcome.allCases.map { ($0.rawValue, .int(summary[$0] ?? 0)) })),
    ])
}

/// The `tuanthu.…` checks of the dossier itself (a duplicate key, schema
/// validation), as failing, missing or (all waived) waived rules.
func reservedRuleEntries(_ r: DossierResult) -> [JSONOut] {
    var reserved: [String] = []
    for f in r.findings where f.rule.hasPrefix("tuanthu.") && !reserved.contains(f.rule) { reserved.append(f.rule) }
    return reserved.map { id in
        JSONOut.object([("rule", .string(id)), ("outcome", .string(reservedOutcome(r.findings.filter { $0.rule == id }).rawValue))])
    }
}

/// A finding of dossier `r` in the `tuanthu/1` shape; its line and column,
/// and each evidence value's, are computed from the spans with `r`'s file.
package func findingJSON(_ f: Finding, in r: DossierResult) -> JSONOut {
    let loc = r.location(of: f)
    var waiver: JSONOut = .null
    if let w = f.waiver {
        waiver = .object([("reason", .string(w.reason)), ("approved_by", .string(w.approvedBy)), ("expires", .string(w.expires))])
    }
    var members: [(String, JSONOut)] = [
        ("rule", .string(f.rule)),
        ("severity", .string(f.severity.rawValue)),
        ("kind", .string(f.kind.rawValue)),
        ("message", .object(f.message.map { ($0.lang, .string($0.text)) })),
        ("hint", f.hint.isEmpty ? .null : .object(f.hint.map { ($0.lang, .string($0.text)) })),
        ("cites", .array(f.cites.map { c in
            var m: [(String, JSONOut)] = [("source", .string(c.source)), ("item", .optionalString(c.item))]
            if let p = c.point { m.append(("point", .string(p))) }
            if let v = c.verified { m.append(("verified", .bool(v))) }
            return .object(m)
        })),
        ("pointer", .string(f.pointer)),
        ("line", .int(loc.line)),
        ("column", .int(loc.column)),
        ("missing", .array(f.missing.map { .string($0) })),
        ("evidence", .array(f.evidence.map { e in
            var members: [(String, JSONOut)] = [("expr", .string(e.expr)), ("pointer", .string(e.pointer)), ("value", e.valueJSON.map { .raw($0) } ?? .string("missing"))]
            // Where the value is; a missing path is nowhere, so it has neither.
            if let at = r.location(of: e) { members += [("line", .int(at.line)), ("column", .int(at.column))] }
            return .object(members)
        })),
        ("waiver", waiver),
    ]
    // Only on a finding that rests on an unverified threshold.
    if !f.unverified.isEmpty { members.append(("unverified_thresholds", unverifiedJSON(f.unverified))) }
    return .object(members)
}
