import Diagnostics
import Evaluator
import Semantics

/// `--format json` (one document, `tuanthu/1`) and `--format ndjson` (one
/// dossier object per line). Both stream: a dossier is written as soon as
/// it is checked. Each dossier's object is written straight into bytes on
/// the workers (`bytesAlone`): no tree, no `String` per field.
struct JSONReport: ReportWriter {
    let context: ReportContext
    let pretty: Bool
    let lines: Bool
    var count = 0
    /// For NDJSON: each rule's `{"rule":"ID","outcome":"…"}` for each outcome,
    /// made once, since every line lists every rule; entry `k * outcomes + o`
    /// is `compactRuleBytes[compactRuleStarts[e]..<compactRuleStarts[e + 1]]`.
    let compactRuleBytes: [UInt8]
    let compactRuleStarts: [Int]
    /// The citation keys of each threshold of the program, by its `letIndex`,
    /// made once (a finding resting on one lists them).
    let thresholdCiteKeys: [Int: (name: String, keys: [String])]

    init(_ context: ReportContext, pretty: Bool, lines: Bool) {
        self.context = context
        self.pretty = pretty
        self.lines = lines
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        if lines {
            for rule in context.program.rules {
                for o in RuleOutcome.allCases {
                    var w = JSONWriter(pretty: false)
                    swap(&w.bytes, &bytes)
                    writeRuleEntry(rule.id, o, &w)
                    swap(&w.bytes, &bytes)
                    starts.append(bytes.count)
                }
            }
        }
        compactRuleBytes = bytes
        compactRuleStarts = starts
        var keys: [Int: (name: String, keys: [String])] = [:]
        for t in context.program.thresholds { keys[t.letIndex] = (t.name, t.cites.map(citationKey)) }
        thresholdCiteKeys = keys
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
        let bytes = bytesAlone(r)!
        return String(decoding: separator(beforeBytesOf: r), as: UTF8.self) + String(decoding: bytes, as: UTF8.self)
    }

    /// NDJSON: the dossier's line. JSON: a line break and the dossier's
    /// indented object (the comma before it comes from `separator`). Made
    /// on the workers, written as they are.
    func bytesAlone(_ r: DossierResult) -> [UInt8]? {
        if !pretty {
            var line = LineBuffer(capacity: 2048 + 1024 * r.findings.count)
            if !lines { line.append("\n    ") }
            writeCompactDossier(r, &line)
            if lines { line.append(0x0A) }
            return line.finish()
        }
        var w = JSONWriter(pretty: pretty, indent: 2, capacity: 2048 + 1024 * r.findings.count)
        if !lines { w.bytes.append(contentsOf: "\n    ".utf8) }
        writeDossier(r, &w)
        if lines { w.bytes.append(0x0A) }
        return w.bytes
    }

    /// The comma between two dossiers of the JSON document's list.
    mutating func separator(beforeBytesOf r: DossierResult) -> [UInt8] {
        if lines { return [] }
        defer { count += 1 }
        return count > 0 ? [UInt8(ascii: ",")] : []
    }

    /// The dossier's object in the `tuanthu/1` shape, through the writer
    /// (the indented JSON report; `writeCompactDossier` writes the compact
    /// form in one pass, the same bytes as this in compact mode).
    func writeDossier(_ r: DossierResult, _ w: inout JSONWriter) {
        // Everything costly is worked out before the object opens: in pretty
        // mode a container's members may be written twice (see `JSONWriter`).
        let tally = RuleTally(r)
        let verdict = context.verdict(r)
        // Every finding and evidence value placed in one pass over the file.
        let places = r.places()
        let lang = context.lang
        // The fixed members alone are longer than one line can be.
        w.object(multiline: true) { w in
            w.key("file"); w.string(r.file)
            // A record of a stream is named by the stream and its line there.
            if let line = r.line { w.key("line"); w.int(line) }
            w.key("id"); w.string(r.id)
            w.key("sha256")
            if r.sha256.isEmpty { w.null() } else { w.string(r.sha256) }
            w.key("outcome"); w.string(r.outcome.rawValue)
            w.key("verdict"); w.string(verdict.rawValue)
            w.key("error")
            if let e = r.error {
                let message = e.message(lang)
                w.object { w in
                    w.key("code"); w.string(e.code)
                    w.key("message"); w.string(message)
                    w.key("line")
                    if let l = e.line { w.int(l) } else { w.null() }
                    w.key("column")
                    if let c = e.column { w.int(c) } else { w.null() }
                }
            } else {
                w.null()
            }
            w.key("rules")
            writeRules(r, tally, &w)
            w.key("findings")
            if r.findings.isEmpty {
                w.array { _ in }
            } else {
                // Each finding's object is longer than one line: the list never fits either.
                w.array(multiline: true) { w in
                    for (k, f) in r.findings.enumerated() { writeFinding(f, k, places, thresholdCiteKeys, &w) }
                }
            }
            w.key("summary")
            w.object { w in
                w.key("pass"); w.int(tally.counts[RuleOutcome.pass.index])
                w.key("fail"); w.int(tally.counts[RuleOutcome.fail.index])
                w.key("missing"); w.int(tally.counts[RuleOutcome.missing.index])
                w.key("not_applicable"); w.int(tally.counts[RuleOutcome.notApplicable.index])
                w.key("waived"); w.int(tally.counts[RuleOutcome.waived.index])
            }
        }
    }

    /// The `rules` member: every rule of the program with its outcome, then
    /// the reserved checks that found something; empty for an unreadable dossier.
    private func writeRules(_ r: DossierResult, _ tally: RuleTally, _ w: inout JSONWriter) {
        if r.outcome == .error {
            w.array { _ in }
            return
        }
        let program = context.program
        if lines && compactRuleStarts.count == program.rules.count * RuleOutcome.allCases.count + 1 {
            // NDJSON: the entries made once, copied.
            let outcomes = RuleOutcome.allCases.count
            var elements: [Int] = []
            elements.reserveCapacity(r.rules.count)
            for (k, o) in r.rules.enumerated() { elements.append(k * outcomes + o.index) }
            compactRuleBytes.withUnsafeBufferPointer { entries in
                compactRuleStarts.withUnsafeBufferPointer { starts in
                    w.array { w in
                        w.rawElements(entries, starts: starts, elements)
                        for (id, o) in tally.reserved { writeRuleEntry(id, o, &w) }
                    }
                }
            }
            return
        }
        w.array { w in
            for (k, o) in r.rules.enumerated() { writeRuleEntry(program.rules[k].id, o, &w) }
            for (id, o) in tally.reserved { writeRuleEntry(id, o, &w) }
        }
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

/// `{"rule": "ID", "outcome": "…"}`.
private func writeRuleEntry(_ id: String, _ o: RuleOutcome, _ w: inout JSONWriter) {
    w.object { w in
        w.key("rule"); w.string(id)
        w.key("outcome"); w.string(o.rawValue)
    }
}

extension RuleOutcome {
    /// The position in `allCases`, without making the list.
    var index: Int {
        switch self {
        case .pass: 0
        case .fail: 1
        case .missing: 2
        case .notApplicable: 3
        case .waived: 4
        }
    }
}

/// A dossier's rule outcomes counted, in a plain struct: the program's
/// rules, and each reserved `tuanthu.…` check that found something counted
/// as one rule (`reservedOutcome`).
struct RuleTally {
    /// Counts by `RuleOutcome.index`, in place (no array made per dossier).
    var counts = OutcomeCounts5()
    /// The reserved checks with findings, in the order of their first finding, with their outcomes.
    var reserved: [(id: String, outcome: RuleOutcome)] = []

    /// Counts `r`'s outcomes (an unreadable dossier lists no reserved check,
    /// but counts them in its summary as `DossierResult.summary` does).
    /// The findings are read in place: a copy of each retained its rule's
    /// strings, which every worker shares.
    init(_ r: DossierResult) {
        r.rules.withUnsafeBufferPointer { rules in
            for o in rules { counts[o.index] += 1 }
        }
        r.findings.withUnsafeBufferPointer { fs in
            // Most dossiers have no reserved finding: nothing is made for them.
            var ids: [String] = []
            for k in fs.indices where isReserved(fs[k].rule) && !ids.contains(fs[k].rule) { ids.append(fs[k].rule) }
            for id in ids {
                // `reservedOutcome` without gathering the findings: waived when
                // none is open, missing when every open one is, else fail.
                var open = 0, openMissing = 0
                for k in fs.indices where fs[k].rule == id {
                    guard case .none = fs[k].waiver else { continue }
                    open += 1
                    if fs[k].kind == .missing { openMissing += 1 }
                }
                let o: RuleOutcome = open == 0 ? .waived : open == openMissing ? .missing : .fail
                counts[o.index] += 1
                reserved.append((id, o))
            }
        }
    }
}

/// Does a finding's rule id name one of the checker's own checks (`tuanthu.…`)?
/// Compared as bytes, in place: `hasPrefix` went through the generic
/// comparison for every finding.
@inline(__always)
private func isReserved(_ rule: String) -> Bool {
    let prefix: StaticString = "tuanthu."
    return rule.utf8.withContiguousStorageIfAvailable { b in
        let n = prefix.utf8CodeUnitCount
        guard b.count >= n else { return false }
        for i in 0..<n where b[i] != prefix.utf8Start[i] { return false }
        return true
    } ?? rule.hasPrefix("tuanthu.")
}

/// Five counts, one per `RuleOutcome` (by `index`), held inline.
struct OutcomeCounts5 {
    private var c: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)

    subscript(_ i: Int) -> Int {
        get {
            switch i {
            case 0: c.0
            case 1: c.1
            case 2: c.2
            case 3: c.3
            default: c.4
            }
        }
        set {
            switch i {
            case 0: c.0 = newValue
            case 1: c.1 = newValue
            case 2: c.2 = newValue
            case 3: c.3 = newValue
            default: c.4 = newValue
            }
        }
    }
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

/// A dossier's result as the `tuanthu/1` object, compact (an NDJSON line
/// without its newline) or indented as in the JSON report.
package func dossierJSONBytes(_ r: DossierResult, _ context: ReportContext, pretty: Bool = false) -> [UInt8] {
    let report = JSONReport(context, pretty: pretty, lines: false)
    if !pretty {
        var line = LineBuffer(capacity: 2048 + 1024 * r.findings.count)
        report.writeCompactDossier(r, &line)
        return line.finish()
    }
    var w = JSONWriter(pretty: pretty, indent: 0, capacity: 2048 + 1024 * r.findings.count)
    report.writeDossier(r, &w)
    return w.bytes
}

/// Finding `k` of a dossier in the `tuanthu/1` shape; `places` holds where
/// it and its evidence values are in the dossier.
private func writeFinding(_ f: Finding, _ k: Int, _ places: FindingPlaces, _ citeKeys: [Int: (name: String, keys: [String])], _ w: inout JSONWriter) {
    let message = f.message
    let hint = f.hint
    let loc = places.starts[k]
    // Its fixed members alone are longer than one line can be.
    w.object(multiline: true) { w in
        w.key("rule"); w.string(f.rule)
        w.key("severity"); w.string(f.severity.rawValue)
        w.key("kind"); w.string(f.kind.rawValue)
        w.key("message")
        w.object { w in
            for m in message {
                w.key(escaping: m.lang); w.string(m.text)
            }
        }
        w.key("hint")
        if hint.isEmpty {
            w.null()
        } else {
            w.object { w in
                for h in hint {
                    w.key(escaping: h.lang); w.string(h.text)
                }
            }
        }
        w.key("cites")
        w.array { w in
            for c in f.cites {
                w.object { w in
                    w.key("source"); w.string(c.source)
                    w.key("item"); w.string(c.item)
                    if let p = c.point { w.key("point"); w.string(p) }
                    if let v = c.verified { w.key("verified"); w.bool(v) }
                }
            }
        }
        w.key("pointer"); w.string(f.pointer)
        w.key("line"); w.int(loc.line)
        w.key("column"); w.int(loc.column)
        w.key("missing")
        w.array { w in for m in f.missing { w.string(m) } }
        w.key("evidence")
        w.array { w in
            for (j, e) in f.evidence.enumerated() {
                w.object { w in
                    w.key("expr"); w.string(e.expr)
                    w.key("pointer"); w.string(e.pointer)
                    w.key("value")
                    if let v = e.valueJSON { w.raw(v) } else { w.string("missing") }
                    // Where the value is; a missing path is nowhere, so it has neither.
                    if let at = places.evidence(k, j) {
                        w.key("line"); w.int(at.line)
                        w.key("column"); w.int(at.column)
                    }
                }
            }
        }
        w.key("waiver")
        if let waiver = f.waiver {
            w.object { w in
                w.key("reason"); w.string(waiver.reason)
                w.key("approved_by"); w.string(waiver.approvedBy)
                w.key("expires"); w.string(waiver.expires)
            }
        } else {
            w.null()
        }
        // Only on a finding that rests on an unverified threshold.
        if !f.unverified.isEmpty {
            w.key("unverified_thresholds")
            writeUnverified(f.unverified, citeKeys: citeKeys, &w)
        }
    }
}
