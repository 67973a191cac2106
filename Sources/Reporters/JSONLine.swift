import Diagnostics
import Evaluator
import Semantics

// The compact form of a dossier's `tuanthu/1` object (an NDJSON line, and
// `dossierJSONBytes` without indentation), written straight into bytes in
// one pass: each fixed run of bytes between two values (`,"severity":"`) is
// one copy of a literal, each rule entry one copy of bytes made once a run,
// and no container takes a closure. The same bytes as `JSONWriter` in
// compact mode gives for `JSONReport.writeDossier` (the tests compare both).

extension JSONReport {
    /// The dossier's compact object, appended to `out`.
    func writeCompactDossier(_ r: DossierResult, _ out: inout LineBuffer) {
        let tally = RuleTally(r)
        put("{\"file\":", &out)
        appendEscaped(r.file, to: &out)
        if let line = r.line {
            put(",\"line\":", &out)
            appendDecimal(line, to: &out)
        }
        put(",\"id\":", &out)
        if let id = r.id { appendEscaped(id, to: &out) } else { put("null", &out) }
        put(",\"sha256\":", &out)
        if r.sha256.isEmpty { put("null", &out) } else { appendEscaped(r.sha256, to: &out) }
        put(",\"outcome\":\"", &out)
        putASCII(r.outcome.rawValue, &out)
        put("\",\"verdict\":\"", &out)
        putASCII(context.verdict(r).rawValue, &out)
        put("\",\"error\":", &out)
        if let e = r.error {
            put("{\"code\":", &out)
            appendEscaped(e.code, to: &out)
            put(",\"message\":", &out)
            appendEscaped(e.message(context.lang), to: &out)
            put(",\"line\":", &out)
            if let l = e.line { appendDecimal(l, to: &out) } else { put("null", &out) }
            put(",\"column\":", &out)
            if let c = e.column { appendDecimal(c, to: &out) } else { put("null", &out) }
            put("}", &out)
        } else {
            put("null", &out)
        }
        put(",\"rules\":[", &out)
        if r.outcome != .error { writeCompactRules(r, tally, &out) }
        put("],\"findings\":[", &out)
        if !r.findings.isEmpty {
            // Every finding and evidence value placed in one pass over the file.
            let places = r.places()
            // Room to word a built-in message in, reused by every finding.
            var scratch: (vi: [UInt8], en: [UInt8]) = ([], [])
            scratch.vi.reserveCapacity(256)
            scratch.en.reserveCapacity(256)
            r.findings.withUnsafeBufferPointer { fs in
                for k in fs.indices {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    writeCompactFinding(fs[k], k, places, &scratch, &out)
                }
            }
        }
        put("],\"summary\":{\"pass\":", &out)
        appendDecimal(tally.counts[RuleOutcome.pass.index], to: &out)
        put(",\"fail\":", &out)
        appendDecimal(tally.counts[RuleOutcome.fail.index], to: &out)
        put(",\"missing\":", &out)
        appendDecimal(tally.counts[RuleOutcome.missing.index], to: &out)
        put(",\"not_applicable\":", &out)
        appendDecimal(tally.counts[RuleOutcome.notApplicable.index], to: &out)
        put(",\"waived\":", &out)
        appendDecimal(tally.counts[RuleOutcome.waived.index], to: &out)
        put("}}", &out)
    }

    /// The `rules` list's elements: each rule's entry made once a run
    /// (`compactRuleBytes`), then the reserved checks that found something.
    private func writeCompactRules(_ r: DossierResult, _ tally: RuleTally, _ out: inout LineBuffer) {
        let outcomes = RuleOutcome.allCases.count
        let made = compactRuleStarts.count == context.program.rules.count * outcomes + 1
        if made {
            // Each entry made once a run, copied.
            compactRuleBytes.withUnsafeBufferPointer { entries in
                compactRuleStarts.withUnsafeBufferPointer { starts in
                    for (k, o) in r.rules.enumerated() {
                        if k > 0 { out.append(UInt8(ascii: ",")) }
                        let e = k * outcomes + o.index
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: entries[starts[e]..<starts[e + 1]]))
                    }
                }
            }
        } else {
            for (k, o) in r.rules.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeCompactRuleEntry(context.program.rules[k].id, o, &out)
            }
        }
        for (k, (id, o)) in tally.reserved.enumerated() {
            if k > 0 || !r.rules.isEmpty { out.append(UInt8(ascii: ",")) }
            writeCompactRuleEntry(id, o, &out)
        }
    }

    /// Finding `k` of the dossier, compact; `places` holds where it and its
    /// evidence values are.
    private func writeCompactFinding(_ f: borrowing Finding, _ k: Int, _ places: FindingPlaces, _ scratch: inout (vi: [UInt8], en: [UInt8]), _ out: inout LineBuffer) {
        put("{\"rule\":", &out)
        appendEscaped(f.rule, to: &out)
        put(",\"severity\":\"", &out)
        putASCII(f.severity.rawValue, &out)
        put("\",\"kind\":\"", &out)
        putASCII(f.kind.rawValue, &out)
        put("\",\"message\":{", &out)
        if let texts = f.reason.ruleTexts {
            writeCompactTexts(texts, &out)
        } else {
            // Both languages filled into `scratch`, then escaped into the line: no `String` per message.
            scratch.vi.removeAll(keepingCapacity: true)
            scratch.en.removeAll(keepingCapacity: true)
            if f.appendBuiltinMessage(vi: &scratch.vi, en: &scratch.en) {
                put("\"vi\":", &out)
                scratch.vi.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
                put(",\"en\":", &out)
                scratch.en.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
            }
        }
        put("},\"hint\":", &out)
        scratch.vi.removeAll(keepingCapacity: true)
        scratch.en.removeAll(keepingCapacity: true)
        if f.reason.appendHint(vi: &scratch.vi, en: &scratch.en) {
            put("{\"vi\":", &out)
            scratch.vi.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
            put(",\"en\":", &out)
            scratch.en.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
            out.append(UInt8(ascii: "}"))
        } else if f.ruleHint.isEmpty {
            put("null", &out)
        } else {
            out.append(UInt8(ascii: "{"))
            writeCompactTexts(f.ruleHint, &out)
            out.append(UInt8(ascii: "}"))
        }
        put(",\"cites\":[", &out)
        // Elements read in place (no copy of a rule's strings, whose counts every worker shares).
        f.cites.withUnsafeBufferPointer { cs in
            for j in cs.indices {
                put(j > 0 ? ",{\"source\":" : "{\"source\":", &out)
                appendEscaped(cs[j].source, to: &out)
                put(",\"item\":", &out)
                if let item = cs[j].item { appendEscaped(item, to: &out) } else { put("null", &out) }
                if let p = cs[j].point {
                    put(",\"point\":", &out)
                    appendEscaped(p, to: &out)
                }
                if let v = cs[j].verified { put(v ? ",\"verified\":true" : ",\"verified\":false", &out) }
                out.append(UInt8(ascii: "}"))
            }
        }
        put("],\"pointer\":", &out)
        appendEscaped(f.pointer, to: &out)
        let loc = places.starts[k]
        put(",\"line\":", &out)
        appendDecimal(loc.line, to: &out)
        put(",\"column\":", &out)
        appendDecimal(loc.column, to: &out)
        put(",\"missing\":[", &out)
        f.missing.withUnsafeBufferPointer { ms in
            for j in ms.indices {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                appendEscaped(ms[j], to: &out)
            }
        }
        put("],\"evidence\":[", &out)
        f.evidence.withUnsafeBufferPointer { es in for j in es.indices { writeCompactEvidence(es[j], k, j, places, &out) } }
        put("],\"waiver\":", &out)
        if let waiver = f.waiver {
            put("{\"reason\":", &out)
            appendEscaped(waiver.reason, to: &out)
            put(",\"approved_by\":", &out)
            appendEscaped(waiver.approvedBy, to: &out)
            put(",\"expires\":", &out)
            appendEscaped(waiver.expires, to: &out)
            out.append(UInt8(ascii: "}"))
        } else {
            put("null", &out)
        }
        // Only on a finding that rests on an unverified threshold.
        if !f.unverified.isEmpty {
            put(",\"unverified_thresholds\":", &out)
            writeCompactUnverified(f.unverified, &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

extension JSONReport {
    /// The `unverified_thresholds` list, compact: `writeUnverified`'s
    /// bytes, with the citation keys made once a run (`thresholdCiteKeys`).
    fileprivate func writeCompactUnverified(_ thresholds: [ThresholdInfo], _ out: inout LineBuffer) {
        out.append(UInt8(ascii: "["))
        for (k, t) in thresholds.enumerated() {
            put(k > 0 ? ",{\"name\":" : "{\"name\":", &out)
            appendEscaped(t.name, to: &out)
            put(",\"value\":", &out)
            appendEscaped(t.valueText, to: &out)
            put(",\"cites\":[", &out)
            if let made = thresholdCiteKeys[t.letIndex], made.name == t.name, made.keys.count == t.cites.count {
                writeCompactStrings(made.keys, &out)
            } else {
                writeCompactStrings(t.cites.map(citationKey), &out)
            }
            put("],\"reason\":", &out)
            if let reason = t.reason { appendEscaped(reason, to: &out) } else { put("null", &out) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// Strings as the elements of a list, compact (no brackets).
private func writeCompactStrings(_ strings: [String], _ out: inout LineBuffer) {
    for (k, s) in strings.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        appendEscaped(s, to: &out)
    }
}

/// Evidence value `j` of finding `k`, compact (a comma first unless it is the first).
private func writeCompactEvidence(_ e: borrowing Evidence, _ k: Int, _ j: Int, _ places: FindingPlaces, _ out: inout LineBuffer) {
    put(j > 0 ? ",{\"expr\":" : "{\"expr\":", &out)
    appendEscaped(e.expr, to: &out)
    put(",\"pointer\":", &out)
    appendEscaped(e.pointer, to: &out)
    put(",\"value\":", &out)
    if let v = e.valueJSON { putASCII(v, &out) } else { put("\"missing\"", &out) }
    // Where the value is; a missing path is nowhere, so it has neither.
    if let at = places.evidence(k, j) {
        put(",\"line\":", &out)
        appendDecimal(at.line, to: &out)
        put(",\"column\":", &out)
        appendDecimal(at.column, to: &out)
    }
    out.append(UInt8(ascii: "}"))
}

/// `{"rule":"ID","outcome":"…"}`, compact.
private func writeCompactRuleEntry(_ id: String, _ o: RuleOutcome, _ out: inout LineBuffer) {
    put("{\"rule\":", &out)
    appendEscaped(id, to: &out)
    put(",\"outcome\":\"", &out)
    putASCII(o.rawValue, &out)
    put("\"}", &out)
}

/// The members of a rule's text in the languages it gives, each under its (escaped) language tag.
private func writeCompactTexts(_ texts: [RuleText], _ out: inout LineBuffer) {
    // In place: a rule's texts are shared by every worker; a copy of each would touch their counts.
    texts.withUnsafeBufferPointer { ts in
        for k in ts.indices {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendEscaped(ts[k].lang, to: &out)
            out.append(UInt8(ascii: ":"))
            appendEscaped(ts[k].text, to: &out)
        }
    }
}

/// Appends a literal's bytes (fixed JSON text: keys, punctuation).
@inline(__always)
private func put(_ s: StaticString, _ out: inout LineBuffer) {
    out.append(s)
}

/// Appends text that needs no escaping (an enum's raw value, JSON text) as it is.
@inline(__always)
private func putASCII(_ s: String, _ out: inout LineBuffer) {
    // In place, as `appendEscaped` reads a string: no copy, no reference count.
    if s.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }
}
