import Diagnostics
import Semantics

/// What a failing check is: the requirement is false, data it needs is
/// absent, or a value has the wrong type.
public enum FindingKind: String, Sendable {
    case violation, missing, invalid
}

/// One rule's outcome on one dossier.
public enum RuleOutcome: String, Sendable, CaseIterable {
    case pass, fail, missing, notApplicable = "not_applicable", waived
}

/// A dossier's outcome: unreadable, or the worst of its rules.
public enum DossierOutcome: String, Sendable {
    case pass, fail, missing, error
}

/// A path the failing expression read, with its value and where that
/// value is in the dossier's file.
package struct Evidence: Sendable, Hashable {
    /// The expression as written in the rule, e.g. `it.criteria.climate`.
    package var expr: String
    /// Where the value is in the dossier (for a missing path: where it would be).
    package var pointer: String
    /// The value as JSON text, or nil when the path is missing.
    package var valueJSON: String?
    /// The value's bytes in the dossier's file (the finding's file); nil
    /// when the path is missing — an absent value is nowhere, and no place
    /// is made up for it. Reports compute line and column from it.
    package var span: Span?

    /// Creates evidence; `value` is the JSON text and `span` where it is,
    /// both nil when the path is missing.
    package init(expr: String, pointer: String, value: String?, span: Span?) {
        self.expr = expr
        self.pointer = pointer
        self.valueJSON = value
        self.span = span
    }
}

/// A waiver that covers a finding.
package struct AppliedWaiver: Sendable, Hashable {
    /// Why the waiver was granted.
    package var reason: String
    /// Who approved the waiver.
    package var approvedBy: String
    /// Last day the waiver applies (inclusive), as `YYYY-MM-DD`.
    package var expires: String

    /// A waiver as a finding carries it; `expires` is `YYYY-MM-DD`.
    package init(reason: String, approvedBy: String, expires: String) {
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
    }
}

/// One problem in one dossier, everything a report shows about it: a
/// diagnostic of the dossier. It keeps what was found — the rule, a typed
/// reason, where (a span into the dossier's file) — and no text or line:
/// reports word the reason from the message catalogue in `--lang` and
/// compute lines and columns from the span when they render.
public struct Finding: Sendable {
    /// The rule's id, or a reserved `tuanthu.…` id for problems of the dossier itself.
    public var rule: String
    /// The rule's severity.
    public var severity: RuleSeverity
    /// Whether the check was false, lacked data, or hit a wrong type.
    public var kind: FindingKind
    /// Why the finding was made; its message and (built-in) hint are worded from it.
    package var reason: FindingReason
    /// The rule's `hint` in the languages it gives, shown when the reason
    /// has no hint of its own (a violation; a rule's message on unknown data).
    package var ruleHint: [RuleText]
    /// The rule's `cite` clauses.
    package var cites: [Citation]
    /// JSON Pointer of the blamed value.
    public var pointer: String
    /// The blamed value's bytes in the dossier's file (`DossierResult.source`,
    /// whose id the span's file is).
    package var span: Span
    /// Pointers of the absent paths that made the check unknown.
    public var missing: [String]
    /// The paths the failing expression read, with their values.
    package var evidence: [Evidence]
    /// The waiver that covers this finding, or nil if none does.
    package var waiver: AppliedWaiver?
    /// The `unverified` thresholds the rule reads (directly or through lets
    /// and defs): the finding rests on figures not checked against the law.
    package var unverified: [ThresholdInfo] = []
    /// On the last finding shown of a capped kind (schema validation shows
    /// at most a few per place): how many more like it were found.
    package var more: Int = 0

    /// Creates a finding from its parts (checks made outside the evaluator, such as duplicate ids in a batch).
    package init(rule: String, severity: RuleSeverity, kind: FindingKind, reason: FindingReason, ruleHint: [RuleText] = [],
                 cites: [Citation], pointer: String, span: Span, missing: [String], evidence: [Evidence], waiver: AppliedWaiver?) {
        self.rule = rule
        self.severity = severity
        self.kind = kind
        self.reason = reason
        self.ruleHint = ruleHint
        self.cites = cites
        self.pointer = pointer
        self.span = span
        self.missing = missing
        self.evidence = evidence
        self.waiver = waiver
    }

    /// The built-in message in both languages, with "… and N more" when capped; nil for a rule's own message.
    package var builtinMessage: Diagnostics.LocalizedText? {
        guard let m = reason.message else { return nil }
        guard more > 0, let noun = reason.moreNoun else { return m }
        return localize(FindingMessage.more, ["message": .localized(m), "count": .number(String(more)), "noun": .localized(noun)])
    }

    /// Appends the built-in message to `vi` and `en` as UTF-8 — the bytes of
    /// `builtinMessage` — filled straight in for the common reasons
    /// (`FindingReason.appendMessage`); false, with nothing appended, for a
    /// rule's own message.
    package func appendBuiltinMessage(vi: inout [UInt8], en: inout [UInt8]) -> Bool {
        if more > 0 {
            guard var m = builtinMessage else { return false }
            m.vi.withUTF8 { vi.append(contentsOf: $0) }
            m.en.withUTF8 { en.append(contentsOf: $0) }
            return true
        }
        return reason.appendMessage(vi: &vi, en: &en)
    }

    /// The message in every language it is given in: the rule's languages
    /// for its own message, else Vietnamese and English.
    package var message: [(lang: String, text: String)] {
        if let texts = reason.ruleTexts { return texts.map { ($0.lang, $0.text) } }
        guard let m = builtinMessage else { return [] }
        return [("vi", m.vi), ("en", m.en)]
    }

    /// The hint in every language it is given in; empty if none.
    package var hint: [(lang: String, text: String)] {
        if let h = reason.hint { return [("vi", h.vi), ("en", h.en)] }
        return ruleHint.map { ($0.lang, $0.text) }
    }

    /// The message in `lang`, falling back to vi, then en, then any; empty if none.
    public func message(_ lang: String) -> String {
        if let texts = reason.ruleTexts { return pickText(texts.map { ($0.lang, $0.text) }, lang) ?? "" }
        return builtinMessage?(Lang(rawValue: lang) ?? .vi) ?? ""
    }

    /// The hint in `lang`, falling back to vi, then en, then any.
    public func hint(_ lang: String) -> String? {
        if let h = reason.hint { return h(Lang(rawValue: lang) ?? .vi) }
        return pickText(ruleHint.map { ($0.lang, $0.text) }, lang)
    }

    /// The message in both languages, as a diagnostic keeps it (a rule that
    /// gives one language shows it in both).
    package var messageText: Diagnostics.LocalizedText {
        if let m = builtinMessage { return m }
        return Diagnostics.LocalizedText(vi: message("vi"), en: message("en"))
    }

    /// The hint in both languages, or nil.
    package var hintText: Diagnostics.LocalizedText? {
        if let h = reason.hint { return h }
        guard !ruleHint.isEmpty else { return nil }
        return Diagnostics.LocalizedText(vi: hint("vi") ?? "", en: hint("en") ?? "")
    }
}

/// The outcome of a reserved `tuanthu.…` check from its findings: waived
/// when a waiver covers every one, missing when the open ones all say data
/// is absent (a required field), else fail.
package func reservedOutcome(_ findings: [Finding]) -> RuleOutcome {
    let open = findings.filter { $0.waiver == nil }
    if open.isEmpty { return .waived }
    return open.allSatisfy { $0.kind == .missing } ? .missing : .fail
}

/// The text in `lang`, falling back to vi, then en, then any.
package func pickText(_ texts: [(lang: String, text: String)], _ lang: String) -> String? {
    texts.first { $0.lang == lang }?.text ?? texts.first { $0.lang == "vi" }?.text ?? texts.first { $0.lang == "en" }?.text ?? texts.first?.text
}

/// Why a dossier could not be checked.
public struct DossierError: Sendable {
    /// The diagnostic code, e.g. `E3010`.
    public var code: String
    /// The one-line message, in both languages.
    package var messageText: Diagnostics.LocalizedText
    /// The message in English.
    public var message: String { messageText.en }
    /// 1-based line of the problem, or nil when the file could not be read at all.
    public var line: Int?
    /// 1-based column (Unicode scalars) of the problem, or nil with `line`.
    public var column: Int?
    /// The diagnostic, rendered when a report is written, in the report's language.
    package var diagnostic: Diagnostic
    /// The file the diagnostic points into; nil when the file could not be read.
    package var file: SourceFile?

    /// Creates a dossier error from its diagnostic; `message` is the
    /// diagnostic's message unless given (a file that cannot be read names
    /// its path in the diagnostic, not in the message).
    package init(_ diagnostic: Diagnostic, message: Diagnostics.LocalizedText? = nil, file: SourceFile?, line: Int?, column: Int?) {
        self.code = diagnostic.code.rawValue
        self.messageText = message ?? diagnostic.messageText
        self.line = line
        self.column = column
        self.diagnostic = diagnostic
        self.file = file
    }

    /// The message in `lang` (`vi` or `en`).
    public func message(_ lang: String) -> String { messageText(Lang(rawValue: lang) ?? .en) }

    /// The rendered diagnostic (with the source line and a caret) in `lang`, for text output.
    package func rendered(_ lang: Lang, colorize: Bool = false) -> String {
        var files = SourceMap()
        if let file { files.register(file) }
        var renderer = DiagnosticRenderer(colorize: colorize)
        renderer.lang = lang
        return renderer.render(diagnostic, files: files)
    }
}

/// Everything checking one dossier produced.
public struct DossierResult: Sendable {
    /// The path as given; for an NDJSON record, the stream's name (`<stdin>`), its lines counting in the stream.
    public var file: String
    /// The dossier's `id` field, when it has one.
    public var id: String?
    /// SHA-256 of the dossier's bytes as lowercase hex; empty when not computed.
    public var sha256: String
    /// The dossier's overall outcome.
    public var outcome: DossierOutcome
    /// Why the dossier could not be checked; nil unless `outcome` is `.error`.
    public var error: DossierError?
    /// One outcome per rule of the program, in program order.
    public var rules: [RuleOutcome]
    /// Every problem found in the dossier, waived ones included.
    public var findings: [Finding]
    /// The dossier's file as registered for the run (bytes, line table, its
    /// `FileID`): every finding's span is in it. Nil when there is nothing to
    /// place (no finding, or unreadable), so a clean dossier builds no line table.
    package var source: SourceFile?
    /// For a record of a stream (NDJSON on standard input): its line there; nil for a file.
    package var line: Int? = nil

    /// Creates a result from its parts.
    package init(file: String, id: String?, sha256: String, outcome: DossierOutcome, error: DossierError?, rules: [RuleOutcome], findings: [Finding], source: SourceFile?) {
        self.file = file
        self.id = id
        self.sha256 = sha256
        self.outcome = outcome
        self.error = error
        self.rules = rules
        self.findings = findings
        self.source = source
    }

    /// Line and column of the start of `span` (a finding's) in this
    /// dossier's file; line 0 when the result holds no file for it.
    package func location(_ span: Span) -> SourceLocation {
        guard let source, source.id == span.file else { return SourceLocation(line: 0, column: 0, byteColumn: 0) }
        return source.location(of: span.start)
    }

    /// Line and column where finding `f` starts in this dossier.
    package func location(of f: Finding) -> SourceLocation { location(f.span) }

    /// Line and column where evidence `e`'s value starts in this dossier;
    /// nil for a missing path (it has no place) or when the result holds no
    /// file for it. Counted as findings are (`location(_:)`).
    package func location(of e: Evidence) -> SourceLocation? {
        guard let span = e.span, let source, source.id == span.file else { return nil }
        return source.location(of: span.start)
    }

    /// Where every finding and each of its evidence values start (and,
    /// with `ends`, end) in this dossier, placed in one pass over the file
    /// (`SourceFile.locations(of:)`): each the same as `location(of:)` gives,
    /// for a report that places many values of one dossier.
    package func places(ends: Bool = false) -> FindingPlaces {
        // Through buffer pointers: the fields are read where they are, with
        // no copy of each `Finding` and `Evidence` (and its retains).
        findings.withUnsafeBufferPointer { fs in
            var firstEvidence: [Int] = []
            firstEvidence.reserveCapacity(fs.count + 1)
            var evidenceCount = 0
            for k in fs.indices {
                firstEvidence.append(evidenceCount)
                evidenceCount += fs[k].evidence.count
            }
            firstEvidence.append(evidenceCount)
            let nowhere = SourceLocation(line: 0, column: 0, byteColumn: 0)
            guard let source else {
                return FindingPlaces(starts: repeatedArray(nowhere, count: fs.count), ends: ends ? repeatedArray(nowhere, count: fs.count) : [],
                                     firstEvidence: firstEvidence, evidenceStarts: repeatedArray(nil, count: evidenceCount),
                                     evidenceEnds: ends ? repeatedArray(nil, count: evidenceCount) : [])
            }
            // One offset per place asked, in a fixed layout: the findings' starts
            // (then ends), the evidence values' starts (then ends). A place that
            // is nowhere (another file, a missing path) gets offset 0, unread.
            let here = source.id
            let perPlace = ends ? 2 : 1
            let evidenceBase = fs.count * perPlace
            var offsets = repeatedArray(UInt32(0), count: (fs.count + evidenceCount) * perPlace)
            // Whether each evidence value is in this file, by its flat index.
            var evidenceHere = repeatedArray(false, count: evidenceCount)
            for k in fs.indices {
                let span = fs[k].span
                let findingHere = span.file == here
                if findingHere {
                    offsets[k * perPlace] = span.start
                    if ends { offsets[k * perPlace + 1] = span.end > span.start ? span.end : span.start }
                }
                var flat = firstEvidence[k]
                fs[k].evidence.withUnsafeBufferPointer { es in
                    for j in es.indices {
                        if let span = es[j].span, span.file == here {
                            // Placed only with its finding (else at offset 0, as before).
                            if findingHere {
                                let slot = evidenceBase + flat * perPlace
                                offsets[slot] = span.start
                                if ends { offsets[slot + 1] = span.end > span.start ? span.end : span.start }
                            }
                            evidenceHere[flat] = true
                        }
                        flat += 1
                    }
                }
            }
            let placed = source.locations(of: offsets)
            var starts: [SourceLocation] = []
            var endsPlaced: [SourceLocation] = []
            starts.reserveCapacity(fs.count)
            if ends { endsPlaced.reserveCapacity(fs.count) }
            for k in fs.indices {
                let isHere = fs[k].span.file == here
                starts.append(isHere ? placed[k * perPlace] : nowhere)
                if ends { endsPlaced.append(isHere ? placed[k * perPlace + 1] : nowhere) }
            }
            var evidenceStarts: [SourceLocation?] = []
            var evidenceEnds: [SourceLocation?] = []
            evidenceStarts.reserveCapacity(evidenceCount)
            if ends { evidenceEnds.reserveCapacity(evidenceCount) }
            for flat in 0..<evidenceCount {
                let slot = evidenceBase + flat * perPlace
                evidenceStarts.append(evidenceHere[flat] ? placed[slot] : nil)
                if ends { evidenceEnds.append(evidenceHere[flat] ? placed[slot + 1] : nil) }
            }
            return FindingPlaces(starts: starts, ends: endsPlaced, firstEvidence: firstEvidence, evidenceStarts: evidenceStarts, evidenceEnds: evidenceEnds)
        }
    }

    /// The 1-based line and column (Unicode scalars) where finding `f`'s
    /// value starts in this dossier — for a record of a stream, its line in
    /// the stream. Computed from the finding's span and the file's line table.
    public func position(of f: Finding) -> (line: Int, column: Int) {
        let loc = location(f.span)
        return (loc.line, loc.column)
    }

    /// Counts of rule outcomes. Findings of a `tuanthu.…` id count as one
    /// rule: failing, missing when its open findings are all missing data
    /// (a required field absent), or waived when a waiver covers every one.
    public var summary: [RuleOutcome: Int] {
        var s: [RuleOutcome: Int] = [:]
        for o in RuleOutcome.allCases { s[o] = 0 }
        for r in rules { s[r, default: 0] += 1 }
        var reserved: [String: [Finding]] = [:]
        for f in findings where f.rule.hasPrefix("tuanthu.") { reserved[f.rule, default: []].append(f) }
        for fs in reserved.values { s[reservedOutcome(fs), default: 0] += 1 }
        return s
    }
}

/// Where the findings of one dossier and their evidence values are, placed
/// together (`DossierResult.places(ends:)`).
package struct FindingPlaces: Sendable {
    /// Where finding `k` starts (line 0 when the result holds no file for it), by finding index.
    package let starts: [SourceLocation]
    /// Just past finding `k`'s value (its start when the value is empty), for
    /// ranges; empty unless asked for.
    package let ends: [SourceLocation]
    /// Index of each finding's first evidence value in the flat lists, and the total at the end.
    private let firstEvidence: [Int]
    private let evidenceStarts: [SourceLocation?]
    private let evidenceEnds: [SourceLocation?]

    fileprivate init(starts: [SourceLocation], ends: [SourceLocation], firstEvidence: [Int], evidenceStarts: [SourceLocation?], evidenceEnds: [SourceLocation?]) {
        self.starts = starts
        self.ends = ends
        self.firstEvidence = firstEvidence
        self.evidenceStarts = evidenceStarts
        self.evidenceEnds = evidenceEnds
    }

    /// Where evidence value `e` of finding `finding` starts; nil for a
    /// missing path or a value in no file the result holds.
    package func evidence(_ finding: Int, _ e: Int) -> SourceLocation? { evidenceStarts[firstEvidence[finding] + e] }

    /// Just past evidence value `e` of finding `finding` (its start when
    /// empty); nil as for `evidence`. Only when ends were asked for.
    package func evidenceEnd(_ finding: Int, _ e: Int) -> SourceLocation? { evidenceEnds[firstEvidence[finding] + e] }
}
