import Base
import Diagnostics
import Digest
import Foundation
import JSON
import Semantics
import Syntax

extension Evaluator {
    /// Checks one dossier given as bytes. Never throws: a dossier that
    /// cannot be read gives an `error` outcome with a located message.
    /// `file` is the id the run gives the dossier's file (go/token's
    /// FileSet): the spans of its findings and errors are in it.
    package func check(bytes: [UInt8], path: String, firstLine: Int = 1, file: FileID = FileID(0), digest: Bool = true, sha256 known: String? = nil) -> DossierResult {
        let sha = known ?? (digest ? SHA256.hex(bytes) : "")
        let document: JSONDocument
        do throws(JSONParseError) {
            document = try JSONParser.parse(bytes)
        } catch {
            return unreadable(bytes, path, firstLine, file, sha, error.diagnostic(file: file))
        }
        guard document.nodes[0].kind == .object else {
            let d = Diagnostic.error("E3010", localize(InputMessage.dossierNotObject, ["kind": .localized(jsonKindName(document.nodes[0].kind))]),
                                     at: Span(file: file, start: document.nodes[0].start, end: document.nodes[0].start + 1),
                                     help: localize(InputMessage.wrapInBraces))
            return unreadable(bytes, path, firstLine, file, sha, d)
        }
        return check(document: document, path: path, firstLine: firstLine, file: file, sha256: sha)
    }

    private func unreadable(_ bytes: [UInt8], _ path: String, _ firstLine: Int, _ file: FileID, _ sha: String, _ d: Diagnostic) -> DossierResult {
        let source = SourceFile(id: file, path: path, bytes: bytes, firstLine: firstLine)
        let loc = source.location(of: d.span.start)
        let error = DossierError(d, file: source, line: loc.line, column: loc.column)
        return DossierResult(file: path, id: nil, sha256: sha, outcome: .error, error: error, rules: [], findings: [], source: nil)
    }

    /// Checks a parsed dossier against every rule.
    package func check(document: JSONDocument, path: String, firstLine: Int = 1, file: FileID = FileID(0), sha256: String) -> DossierResult {
        withDocument(document) { checkCurrent(path: path, firstLine: firstLine, file: file, sha256: sha256) }
    }

    private func checkCurrent(path: String, firstLine: Int, file: FileID, sha256: String) -> DossierResult {
        fileID = file
        locals.removeAll(keepingCapacity: true)
        frameBase = 0
        var session = Session()
        // Validation first: the values it rejects are invalid to every rule.
        let schemaFindings = validateAgainstSchema()
        let (dossierDate, badDate) = self.dossierDateField()
        var outcomes: [RuleOutcome] = []
        outcomes.reserveCapacity(ir.rules.count)
        for index in 0..<ir.rules.count {
            outcomes.append(run(index, dossierDate, &session))
        }
        if let badDate { session.findings.append(invalidDateFinding(badDate)) }
        session.findings += schemaFindings
        for d in doc.duplicateKeys { session.findings.append(duplicateKeyFinding(d, firstLine: firstLine)) }
        // The file the findings' spans are in: its line table is built only if there are any.
        let source = session.findings.isEmpty ? nil : SourceFile(id: file, path: path, bytes: doc.bytes, firstLine: firstLine)
        var id: String? = nil
        var idKey = "id"
        if let n = idKey.withUTF8({ member(0, $0) }), nodes[n].kind == .string { id = nodeString(n) }
        let outcome = dossierOutcome(rules: outcomes, findings: session.findings)
        return DossierResult(file: path, id: id, sha256: sha256, outcome: outcome, error: nil, rules: outcomes, findings: session.findings, source: source)
    }

    /// The dossier's outcome from its rules' outcomes and the open findings of
    /// the checker's own checks (`tuanthu.…`): `fail` if a rule fails or such
    /// a finding says a value is wrong; else `missing` if a rule is missing
    /// or a required field is absent; else `pass`.
    package func dossierOutcome(rules: [RuleOutcome], findings: [Finding]) -> DossierOutcome {
        Evaluator.dossierOutcome(rules: rules, findings: findings)
    }

    /// `dossierOutcome(rules:findings:)` without an evaluator (waivers recompute it).
    package static func dossierOutcome(rules: [RuleOutcome], findings: [Finding]) -> DossierOutcome {
        var reservedMissing = false
        for f in findings where f.waiver == nil && f.rule.hasPrefix("tuanthu.") {
            if f.kind != .missing { return .fail }
            reservedMissing = true
        }
        if rules.contains(.fail) { return .fail }
        if rules.contains(.missing) || reservedMissing { return .missing }
        return .pass
    }

    /// The date that selects the rules in force: the dossier's `date_field`, else the as-of date.
    func dossierDate() -> CivilDate { dossierDateField().date }

    /// The date that selects the rules in force, and the `date_field` node
    /// when it holds something that is not a date. An absent or null
    /// `date_field` means the dossier is judged by the rules in force on the
    /// as-of date; an unreadable one too, but it is reported.
    func dossierDateField() -> (date: CivilDate, invalid: Int?) {
        guard let keys = ir.dateKeys else { return (asOf, nil) }
        var n = 0
        for k in keys {
            guard let m = k.withUnsafeBufferPointer({ member(n, $0) }) else { return (asOf, nil) }
            n = m
        }
        if nodes[n].kind == .null { return (asOf, nil) }
        if let d = dateValue(.node(Int32(n))) { return (d, nil) }
        return (asOf, n)
    }

    /// The `date_field` holds something that is not a date: the rules in
    /// force could not be chosen by it.
    func invalidDateFinding(_ n: Int) -> Finding {
        let node = nodes[n]
        let field = program.dateField?.map(\.text).joined(separator: ".") ?? ""
        return Finding(
            rule: "tuanthu.invalid-date", severity: .error, kind: .invalid,
            reason: .invalidDate(field: field, found: shape(.node(Int32(n))), asOf: asOf.description),
            cites: [], pointer: nodePointer(n), span: span(of: node),
            missing: [], evidence: [evidence(field, node: n)], waiver: nil)
    }

    /// Findings of the rule being run.
    struct Session {
        var findings: [Finding] = []
    }

    /// Runs rule `index` (of `program.rules`) on the current dossier.
    func run(_ index: Int, _ date: CivilDate, _ session: inout Session) -> RuleOutcome {
        let rule = index
        if let from = ir.ruleFrom[index], date < from { return .notApplicable }
        // `until` is the first day the rule no longer applies (the day its successor takes effect).
        if let until = ir.ruleUntil[index], date >= until { return .notApplicable }
        // The rule's frame: its slots emptied in place when the size is the same.
        let size = ir.ruleFrames[index]
        // Resized in place (rules' frames differ), not emptied and refilled;
        // one uniqueness check for the frame, not one a slot.
        if locals.count > size { locals.removeLast(locals.count - size) }
        locals.withUnsafeMutableBufferPointer { frame in
            for k in frame.indices { frame[k] = .missing }
        }
        while locals.count < size { locals.append(.missing) }
        frameBase = 0
        let before = session.findings.count
        let lowered = ir.rules[index]
        if let w = lowered.when {
            switch decide(w) {
            case .no: return .notApplicable
            case .yes: break
            case .unknown:
                session.findings.append(traced(w, rule, element: -1, context: .when))
                return outcome(of: session.findings[before...])
            case .invalid:
                // A wrong value cannot say whether the rule applies: never pass,
                // never not_applicable, and not a violation either — cannot tell.
                session.findings.append(traced(w, rule, element: -1, context: .when))
                return .missing
            }
        }
        runBody(lowered.body, rule, element: -1, &session)
        return outcome(of: session.findings[before...])
    }

    func outcome(of findings: ArraySlice<Finding>) -> RuleOutcome {
        if findings.isEmpty { return .pass }
        if findings.contains(where: { $0.kind != .missing }) { return .fail }
        return .missing
    }

    func runBody(_ body: XBody, _ rule: Int, element: Int32, _ session: inout Session) {
        for statement in body {
            switch statement {
            case .require(let condition, let message):
                if decide(condition) == .yes { continue }
                var f = traced(condition, rule, element: element, context: .require)
                if f.kind == .violation { f.reason = renderMessage(ir.messages[message], rule, condition) }
                // Unknown with nothing absent from the dossier: a value the rules
                // leave `null` (a limit not verified) makes it so. The rule's own
                // message says what to check by hand; the finding stays `missing`.
                else if f.kind == .missing && f.missing.isEmpty && !ir.messages[message].isEmpty {
                    f.reason = renderMessage(ir.messages[message], rule, condition)
                    f.ruleHint = ruleHints(rule)
                }
                session.findings.append(f)
            case .forEach(let slot, let indexSlot, _, let collection, let filter, let inner):
                let c = eval(collection)
                let isList: Bool
                switch c {
                case .node(let n): isList = nodes[Int(n)].kind == .array
                case .list: isList = true
                default: isList = false
                }
                if !isList {
                    // Absent or null list: missing; anything else: invalid.
                    if !c.isAbsent && !isNull(c) {
                        let n = nodeOf(c)
                        tracing = true
                        trace.reset()
                        _ = eval(collection)
                        tracing = false
                        var f = makeFinding(rule, .invalid, blame: n >= 0 ? n : element, element: element,
                                            reason: .notAList(expr: text(collection.span), found: shape(c)))
                        f.evidence = evidence()
                        session.findings.append(f)
                    } else {
                        session.findings.append(traced(collection, rule, element: element, context: .collection))
                    }
                    continue
                }
                // A body of one `require` (nearly every loop): its condition is
                // evaluated here, and the body run (to record the finding) only
                // when it is not true — evaluation outside tracing changes
                // nothing, so the second evaluation gives the same value.
                var single: X? = nil
                if inner.count == 1, case .require(let condition, _) = inner[0] { single = condition }
                var position = 0
                forEachElement(c) { e in
                    locals[frameBase + slot] = e
                    // The position counts every element, kept by `where` or not: 1 is the first.
                    position += 1
                    if indexSlot >= 0 { locals[frameBase + indexSlot] = .number(Double(position)) }
                    let elementNode = nodeOf(e) >= 0 ? nodeOf(e) : element
                    if let filter {
                        switch decide(filter) {
                        case .no: return true
                        case .yes: break
                        case .unknown, .invalid:
                            session.findings.append(traced(filter, rule, element: elementNode, context: .filter))
                            return true
                        }
                    }
                    if let single, decide(single) == .yes { return true }
                    runBody(inner, rule, element: elementNode, &session)
                    return true
                }
            }
        }
    }

    enum Context {
        case when, require, filter, collection

        /// Where the check stood, as a finding's reason says.
        var findingContext: FindingContext {
            switch self {
            case .when: .when
            case .filter: .filter
            case .require, .collection: .check
            }
        }
    }

    /// Evaluates `code` again with tracing on and builds the finding for a
    /// result that was not true.
    func traced(_ code: X, _ rule: Int, element: Int32, context: Context) -> Finding {
        tracing = true
        trace.reset()
        let v = eval(code)
        let t: Truth = context == .collection ? (v.isInvalid ? .invalid : .unknown) : truth(v, code.span)
        tracing = false
        let kind: FindingKind = t == .no ? .violation : t == .invalid ? .invalid : .missing
        var blame: Int32 = -1
        switch kind {
        case .invalid:
            blame = trace.invalid?.node ?? -1
            if blame < 0 { blame = trace.reads.first { $0.node >= 0 }?.node ?? -1 }
        case .missing:
            // The absent path's deepest existing ancestor; else a null that was read; else what was read.
            blame = trace.reads.first { $0.missingPointer != nil }?.anchor
                ?? trace.reads.first { $0.node >= 0 && nodes[Int($0.node)].kind == .null }?.node
                ?? trace.reads.first { $0.node >= 0 }?.node ?? -1
        case .violation:
            blame = trace.reads.first { $0.node >= 0 }?.node ?? trace.reads.first?.anchor ?? -1
        }
        var missing = uniqueMissing()
        if kind == .missing {
            // A null read counts as absent (`??` and `exists` say so): name it too.
            for r in trace.reads where r.node >= 0 && nodes[Int(r.node)].kind == .null {
                let p = nodePointer(Int(r.node))
                if !missing.contains(p) { missing.append(p) }
            }
        }
        let reason: FindingReason
        switch kind {
        case .missing:
            // The rule's hint says how to meet the requirement; here the data is what is lacking (the reason's own hint).
            reason = .missingData(context: context.findingContext, paths: missing.map(dotted), expr: text(code.span))
        case .invalid:
            reason = .invalidValue(context: context.findingContext, cause: trace.invalid?.cause, expr: text(code.span))
        case .violation:
            reason = .requirementNotMet(expr: text(code.span))
        }
        return makeFinding(rule, kind, blame: blame, element: element, reason: reason, missing: missing, evidence: evidence())
    }

    /// A finding with the rule's metadata and the blamed location; never
    /// coarser than the element inside `for each`.
    /// (The missing paths and the evidence are given here, not set on the
    /// finding after: each change of a returned finding copied it.)
    func makeFinding(_ ruleIndex: Int, _ kind: FindingKind, blame: Int32, element: Int32, reason: FindingReason,
                     missing: [String] = [], evidence: [Evidence] = []) -> Finding {
        var node = blame >= 0 ? blame : (element >= 0 ? element : 0)
        if element >= 0 && !isWithin(node, element) { node = element }
        // The rule's fields read in place (a copy of the whole rule retained each of them).
        var f = Finding(
            rule: program.rules[ruleIndex].id, severity: program.rules[ruleIndex].severity, kind: kind, reason: reason,
            ruleHint: kind == .violation ? ruleHints(ruleIndex) : [],
            cites: program.rules[ruleIndex].cites, pointer: nodePointer(Int(node)), span: span(of: nodes[Int(node)]),
            missing: missing, evidence: evidence, waiver: nil)
        f.unverified = ruleUnverified[ruleIndex]
        return f
    }

    /// The bytes of a dossier value, in the dossier's file of the run.
    func span(of node: JSONNode) -> Span { Span(file: fileID, start: node.start, end: node.end) }

    /// Rule `index`'s hint in the languages it gives (made once per
    /// evaluator: every finding of the rule shares the array).
    func ruleHints(_ index: Int) -> [RuleText] { ruleHintTexts[index] }

    /// Is `node` the same as `ancestor` or inside it?
    func isWithin(_ node: Int32, _ ancestor: Int32) -> Bool {
        var n = node
        while true {
            if n == ancestor { return true }
            let p = nodes[Int(n)].parent
            if p == UInt32.max { return false }
            n = Int32(p)
        }
    }

    func uniqueMissing() -> [String] {
        var out: [String] = []
        for r in trace.reads {
            if let p = r.missingPointer, !out.contains(p) { out.append(p) }
        }
        return out
    }

    func evidence() -> [Evidence] {
        var out: [Evidence] = []
        out.reserveCapacity(trace.reads.count)
        // Two reads give the same evidence when they read the same node (its
        // pointer, value and span are the node's) or miss the same pointer,
        // under the same expression text: the reads are told apart by those
        // keys (the text as a number, see `exprID`), and an `Evidence` is
        // built for the first of each only.
        var seenNodes = SeenNumbers(expected: trace.reads.count)
        var seenMissing = SeenKeys<MissingKey>(expected: trace.reads.count)
        var reads = trace.reads
        // Promoted reads come first in `reads`; the evidence lists them in reading order.
        if !reads.indices.dropFirst().allSatisfy({ reads[$0 - 1].seq < reads[$0].seq }) { reads.sort { $0.seq < $1.seq } }
        // The reads of a projection share their expression: the last one's number is kept.
        var last: (key: ExprKey, id: Int32)? = nil
        for r in reads {
            let key = ExprKey(span: r.span, projection: r.projection)
            let id: Int32
            if let last, last.key == key { id = last.id } else { id = exprID(key) }
            last = (key, id)
            if r.node >= 0 {
                guard seenNodes.insert(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(UInt32(bitPattern: r.node))) else { continue }
                out.append(evidence(exprTexts[Int(id)], node: Int(r.node)))
            } else {
                let pointer = r.missingPointer ?? ""
                guard seenMissing.insert(MissingKey(expr: id, pointer: pointer)) else { continue }
                out.append(Evidence(expr: exprTexts[Int(id)], pointer: pointer, value: nil, span: nil))
            }
        }
        return out
    }

    /// A missing path in evidence: its expression (as `exprID` numbers it) and pointer.
    struct MissingKey: Hashable {
        var expr: Int32
        var pointer: String
    }

    /// The number of the expression text a read shows in evidence: the
    /// text of its span, or for a projected list (`projection` ≥ 0) the text
    /// up to that `[*]`. Equal texts get one number (as `String` compares
    /// them), so reads are deduplicated on numbers; each span's text is
    /// cut out of the rule source once per evaluator, not once per finding.
    func exprID(_ key: ExprKey) -> Int32 {
        // A direct-mapped memo in front of the dictionary: hashing a span
        // cost more than the rest of a read's evidence.
        let slot = key.slot
        if let known = exprSlots[slot], known.key == key { return known.id }
        if let id = exprIDs[key] {
            exprSlots[slot] = (key, id)
            return id
        }
        let t = key.projection >= 0 ? projectedText(key.span, Int(key.projection)) ?? text(key.span) : text(key.span)
        let id: Int32
        if let known = exprIndex[t] {
            id = known
        } else {
            id = Int32(exprTexts.count)
            exprTexts.append(t)
            exprIndex[t] = id
        }
        exprIDs[key] = id
        exprSlots[slot] = (key, id)
        return id
    }

    /// A read's expression: its span, and which `[*]` of it ends the text (-1: all of it).
    struct ExprKey: Hashable {
        var span: Span
        var projection: Int32

        /// Its entry in `exprSlots` (`exprSlotCount` of them).
        var slot: Int { spanSlot(span, projection) }
    }

    /// The value as JSON text: scalars as written (large integers keep their
    /// digits), small containers inline, large ones summarised.
    func evidenceJSON(_ n: Int) -> String {
        let node = nodes[n]
        // The bytes as written, from the document in place (no copy of them first).
        let raw = UnsafeBufferPointer(rebasing: view.input[Int(node.start)..<Int(node.end)])
        switch node.kind {
        case .array, .object:
            if raw.count <= 120 && !raw.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return String(decoding: raw, as: UTF8.self) }
            return node.kind == .array ? "\"[\(node.b) elements]\"" : "\"{\(node.b) fields}\""
        default:
            return String(decoding: raw, as: UTF8.self)
        }
    }

    /// The rule's `else` messages, interpolated in the failing context.
    /// (A rule without a message: the requirement is named instead.)
    func renderMessage(_ message: [(lang: String, text: X)], _ rule: Int, _ condition: X) -> FindingReason {
        if message.isEmpty { return .requirementNotMet(expr: text(condition.span)) }
        defer { messageLang = nil }
        return .ruleMessage(message.map { entry in
            messageLang = entry.lang
            let v = eval(entry.text)
            if case .string(let s) = v { return RuleText(entry.lang, s) }
            return RuleText(entry.lang, render(v))
        })
    }

    func duplicateKeyFinding(_ d: DuplicateKey, firstLine: Int = 1) -> Finding {
        let key = nodeString(d.second)
        let first = nodes[d.first]
        // The finding is at the second copy's value, where its pointer leads.
        let second = nodes[d.second + 1]
        // Line of the first copy, for the message.
        var line = firstLine
        for b in doc.bytes[0..<Int(first.start)] where b == 0x0A { line += 1 }
        return Finding(
            rule: "tuanthu.duplicate-key", severity: .error, kind: .invalid, reason: .duplicateKey(key: key, firstLine: line),
            cites: [], pointer: doc.pointer(of: d.second + 1), span: span(of: second),
            missing: [], evidence: [evidence(key, node: d.first + 1), evidence(key, node: d.second + 1)],
            waiver: nil)
    }
}

/// `plan.items[2].criteria` for `/plan/items/2/criteria`.
// On UTF-8 bytes: it words every finding's path, and splitting by Character
// and Foundation's replacing cost more than validating the dossier.
package func dotted(_ pointer: String) -> String {
    // The usual pointer, ASCII without `~` escapes: tokens copied as bytes.
    if let fast = dottedASCII(pointer) { return fast }
    var out = ""
    for raw in pointer.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
        let escaped = raw.contains(UInt8(ascii: "~"))
        let token = escaped
            ? Substring(raw).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            : String(Substring(raw))
        let isIndex: Bool
        if !escaped, !raw.contains(where: { $0 >= 0x80 }) {
            // ASCII: only 0-9 are numbers.
            isIndex = !raw.isEmpty && raw.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        } else {
            isIndex = !token.isEmpty && token.allSatisfy(\.isNumber)
        }
        if isIndex {
            out += "[\(token)]"
        } else if token == "*" {
            out += "[*]"
        } else {
            out += out.isEmpty ? token : "." + token
        }
    }
    return out
}

/// `dotted` of an ASCII pointer without `~`: the same text, built on its
/// bytes (only `0`-`9` are digits there); nil for any other pointer.
private func dottedASCII(_ pointer: String) -> String? {
    var p = pointer
    return p.withUTF8 { b -> String? in
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        // The text before the first `/` is not a token (as `dropFirst` drops it).
        while i < b.count && b[i] != UInt8(ascii: "/") {
            if b[i] >= 0x80 || b[i] == UInt8(ascii: "~") { return nil }
            i += 1
        }
        while i < b.count {
            // b[i] is a `/`: the token runs to the next one.
            let start = i + 1
            var end = start
            var digits = true
            while end < b.count && b[end] != UInt8(ascii: "/") {
                let c = b[end]
                if c >= 0x80 || c == UInt8(ascii: "~") { return nil }
                if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { digits = false }
                end += 1
            }
            let token = UnsafeBufferPointer(rebasing: b[start..<end])
            if !token.isEmpty && digits {
                out.append(UInt8(ascii: "["))
                out.append(contentsOf: token)
                out.append(UInt8(ascii: "]"))
            } else if token.count == 1 && token[0] == UInt8(ascii: "*") {
                out.append(contentsOf: "[*]".utf8)
            } else {
                if !out.isEmpty { out.append(UInt8(ascii: ".")) }
                out.append(contentsOf: token)
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Evaluator {
    /// The JSON pointer of dossier node `n`, kept for the dossier (in
    /// `pointerSlots`, no hashing): a finding's blamed node is most often in
    /// its evidence too, and the findings of one dossier point at the same lists.
    func nodePointer(_ n: Int) -> String {
        let slot = Int(UInt32(truncatingIfNeeded: n) % UInt32(pointerSlotCount))
        if let known = pointerSlots[slot], known.node == Int32(truncatingIfNeeded: n), known.stamp == dossierGeneration { return known.pointer }
        let p = buildPointer(n)
        pointerSlots[slot] = (dossierGeneration, Int32(truncatingIfNeeded: n), p)
        return p
    }

    /// `JSONDocument.pointer(of:)` on the raw views, written straight into
    /// the string's storage: a finding over a projected list names a
    /// pointer for each element, and arrays made per pointer cost more than
    /// the walk. Two walks up the parents: one sums the tokens' lengths,
    /// the other writes each token before the ones below it, from the end.
    private func buildPointer(_ n: Int) -> String {
        var length = 0
        var i = n
        while nodes[i].parent != UInt32.max {
            let p = Int(nodes[i].parent)
            if nodes[p].kind == .object {
                for b in stringBytes(keyNode(i)) { length += b == UInt8(ascii: "~") || b == UInt8(ascii: "/") ? 2 : 1 }
            } else {
                // Past 65,534 elements the position is not stored: the document walks the siblings.
                if nodes[i].ordinal == UInt16.max { return doc.pointer(of: n) }
                length += decimalLength(Int(nodes[i].ordinal))
            }
            length += 1
            i = p
        }
        return String(unsafeUninitializedCapacity: length) { out in
            var end = length
            var i = n
            while nodes[i].parent != UInt32.max {
                let p = Int(nodes[i].parent)
                if nodes[p].kind == .object {
                    // The key, `~` and `/` escaped as `~0` and `~1`, written backwards.
                    for b in stringBytes(keyNode(i)).reversed() {
                        switch b {
                        case UInt8(ascii: "~"): end -= 2; out[end] = UInt8(ascii: "~"); out[end + 1] = UInt8(ascii: "0")
                        case UInt8(ascii: "/"): end -= 2; out[end] = UInt8(ascii: "~"); out[end + 1] = UInt8(ascii: "1")
                        default: end -= 1; out[end] = b
                        }
                    }
                } else {
                    var v = Int(nodes[i].ordinal)
                    repeat {
                        end -= 1
                        out[end] = UInt8(ascii: "0") + UInt8(v % 10)
                        v /= 10
                    } while v > 0
                }
                end -= 1
                out[end] = UInt8(ascii: "/")
                i = p
            }
            return length
        }
    }

    /// The key node of member value `i` (the node before it), or `i` itself when it is a key.
    private func keyNode(_ i: Int) -> Int { nodes[i].flags & JSONNode.Flag.isKey != 0 ? i : i - 1 }

    /// Evidence of dossier node `n`: its pointer, its value as JSON text
    /// and its bytes in the dossier's file.
    func evidence(_ expr: String, node n: Int) -> Evidence {
        Evidence(expr: expr, pointer: nodePointer(n), value: evidenceJSON(n), span: span(of: nodes[n]))
    }
}

/// How many digits `value` (≥ 0) has in decimal.
private func decimalLength(_ value: Int) -> Int {
    var n = 1
    var v = value
    while v >= 10 { v /= 10; n += 1 }
    return n
}

/// Numbers already met (`UInt64.max` is never one): an open-addressing
/// table sized for `expected` insertions, probed linearly. A finding over a
/// long list inserts a number per element: a generic `Set` cost more in
/// hashing and metadata than the rest of its evidence.
struct SeenNumbers {
    private var slots: [UInt64]
    private let shift: UInt64

    /// A table for about `expected` insertions (at most half full).
    init(expected: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < 2 * expected { bits += 1 }
        slots = repeatedArray(UInt64.max, count: 1 << Int(bits))
        shift = 64 - bits
    }

    /// Adds `key`: true when it was not there yet.
    mutating func insert(_ key: UInt64) -> Bool {
        if 2 * filled >= slots.count { grow() }
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slots[i]
            if k == key { return false }
            if k == UInt64.max {
                slots[i] = key
                filled += 1
                return true
            }
            i = (i + 1) & (slots.count - 1)
        }
    }
    private var filled = 0

    /// Twice the slots, the keys placed again (more insertions than expected).
    private mutating func grow() {
        var bigger = SeenNumbers(expected: slots.count)
        for k in slots where k != UInt64.max { _ = bigger.insert(k) }
        self = bigger
    }
}

/// Keys already met: in a list while there are few (a scan is cheapest),
/// in a set beyond (a scan would make a long list quadratic).
struct SeenKeys<Key: Hashable> {
    private var list: [Key] = []
    private var set = Set<Key>()
    private let few: Bool

    /// Keys for about `expected` insertions.
    init(expected: Int) { few = expected <= 16 }

    /// Adds `key`: true when it was not there yet.
    mutating func insert(_ key: Key) -> Bool {
        if few {
            if list.contains(key) { return false }
            list.append(key)
            return true
        }
        return set.insert(key).inserted
    }
}
