import Diagnostics
import Base
import Foundation
import JSON
import Semantics
import Syntax

// Validation of a dossier against the ruleset's `schema`, before any rule
// runs. Each problem is a `tuanthu.schema.…` finding; a value that fails
// (wrong type, out of its enum, malformed date) is also marked, and every
// expression that reads it evaluates to invalid: a wrong value decides
// nothing (it never makes a `when` false or a `require` pass).

/// Why a value failed validation: enough to word it when it is shown.
struct SchemaCause {
    var problem: SchemaProblem
    /// The declared type (for an enum: its values).
    var expected: SchemaType
    /// The field, for its enum labels.
    var field: SchemaFieldInfo?
}

/// At most this many findings of one kind per schema place (`plan.items[].id`,
/// or the unknown keys of one object pattern); the last one shown says how many more there are.
let schemaFindingCap = 5
/// At most this many allowed values are named in an enum message.
let enumValuesShown = 16

/// Buffers of validation kept by the evaluator between dossiers, so that
/// validating one allocates nothing when it finds nothing.
final class SchemaScratch {
    /// Open containers of the walk around the current one, innermost last:
    /// a raw stack as deep as JSON nesting can go, so pushing and popping
    /// is a store and a load (an array's append checked uniqueness and
    /// capacity for every object).
    let frames = UnsafeMutablePointer<SchemaFrame>.allocate(capacity: JSONParser.maxDepth + 2)
    /// Per field slot of the plan: the stamp of the object instance that gave
    /// it. A fresh stamp per object means nothing is ever cleared.
    private(set) var seen = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
    /// The stamp of the last object instance.
    var stamp: UInt32 = 0
    /// `required when` fields found absent, decided after the walk.
    var conditionals: [SchemaConditional] = []

    /// Makes `seen` hold `count` slots, all unstamped.
    func resize(_ count: Int) {
        seen.baseAddress.map { $0.deallocate() }
        seen = .allocate(capacity: Swift.max(1, count))
        seen.initialize(repeating: 0)
        seen = UnsafeMutableBufferPointer(rebasing: seen[0..<count])
        stamp = 0
    }

    deinit {
        seen.baseAddress.map { $0.deallocate() }
        frames.deallocate()
    }
}

/// An open container of the validation walk.
struct SchemaFrame {
    /// Its node in the dossier.
    var node: Int32
    /// Its node in `SchemaPlan.nodes`.
    var plan: Int32
    /// The field it is the value of (a list passes it to its elements), or -1 for the root.
    var slot: Int32
    /// Index just past its subtree in the dossier.
    var end: Int32
    /// An object's stamp in `SchemaScratch.seen`.
    var stamp: UInt32
    /// An object's field slot its next key is expected to be (the one after
    /// the last key matched: dossiers mostly list fields in schema order, so
    /// one compare usually finds the slot without hashing).
    var expect: Int32 = 0
    /// An object's fields of `SchemaPlan.checks` given so far: when all are,
    /// the end of the object has nothing to look up.
    var checked: Int32 = 0
}

/// A field that is required when its condition holds, absent under `object`.
struct SchemaConditional {
    var object: Int32
    /// The field's slot in `SchemaPlan.fields`.
    var slot: Int32
}

extension Evaluator {
    /// Findings being collected, with the per-pattern counts for the cap.
    private struct Collector {
        var findings: [Finding] = []
        var counts: [String: Int] = [:]
        /// Per pattern: index in `findings` of the last one kept.
        var lastKept: [String: Int] = [:]

        /// Counts one more problem at `pattern` and tells whether it is past the cap (then it need not be built).
        mutating func isFull(_ pattern: String) -> Bool {
            guard counts[pattern, default: 0] >= schemaFindingCap else { return false }
            counts[pattern, default: 0] += 1
            return true
        }

        mutating func add(_ f: Finding, pattern: String) {
            let n = counts[pattern, default: 0] + 1
            counts[pattern] = n
            guard n <= schemaFindingCap else { return }
            lastKept[pattern] = findings.count
            findings.append(f)
        }

        /// Tells the last finding kept of each capped pattern how many more
        /// there are ("… and N more like this", worded from its reason).
        mutating func finish() {
            for (pattern, count) in counts where count > schemaFindingCap {
                guard let k = lastKept[pattern] else { continue }
                findings[k].more = count - schemaFindingCap
            }
        }
    }

    /// Validates the current dossier against the program's schema: returns
    /// the findings, and marks the values that failed (`schemaInvalid`).
    ///
    /// One pass over the tape in document order: every value is visited once,
    /// with its node of the flat plan; the open containers are an explicit
    /// stack (any depth and any width are safe). Keys are matched by their
    /// bytes through a hash table per object type, and which fields an object
    /// gave is stamped per slot, so a valid dossier costs no allocation and
    /// no String.
    func validateAgainstSchema() -> [Finding] {
        if !schemaInvalid.isEmpty { schemaInvalid.removeAll(keepingCapacity: true) }
        guard validatesSchema else { return [] }
        let plan = schemaPlan()
        let severity = schemaSeverities
        var out = Collector()
        // The buffers are moved out while in use, so that they are uniquely referenced.
        let scratch = schemaScratch
        // Afresh when the stamps could wrap around within this dossier.
        if scratch.seen.count != plan.fields.count || scratch.stamp > UInt32.max - UInt32(nodes.count) - 1 { scratch.resize(plan.fields.count) }
        let seen = scratch.seen
        var stamp = scratch.stamp
        // The conditionals are moved out while in use, so that they are uniquely referenced.
        let frames = scratch.frames
        var depth = 0
        var conditionals = scratch.conditionals
        scratch.conditionals = []
        conditionals.removeAll(keepingCapacity: true)
        defer {
            scratch.conditionals = conditionals
            scratch.stamp = stamp
        }
        let hasDuplicates = !doc.duplicateKeys.isEmpty
        var duplicated = Set<Int>()
        if hasDuplicates { for d in doc.duplicateKeys { duplicated.insert(d.first); duplicated.insert(d.second) } }
        var dateNode: Int? = -1  // looked up on the first date problem only

        // The walk: `i` is the next tape index. The container being walked
        // is kept in locals (`top` and its plan node `topStep`); `frames`
        // holds the ones around it. (One loop, no local function: a local
        // function's captures cost an access check each.)
        // Raw bases for the tight loop over members.
        let nodesBase = nodes.baseAddress!
        let fieldsBase = plan.fields.baseAddress!
        let walker = PlainWalker(plan, nodes: nodesBase, view: view)
        let rootStep = plan.nodes[0]
        guard nodes[0].kind == .object, rootStep.kind == .object else {
            typeProblem(0, 0, -1, plan, severity, &out)
            return finished(&out)
        }
        stamp &+= 1
        var top = SchemaFrame(node: 0, plan: 0, slot: -1, end: Int32(nodes[0].a), stamp: stamp, expect: rootStep.a)
        var topStep = rootStep
        var i = 1
        while true {
            if i >= Int(top.end) {
                if topStep.kind == .object && top.checked != topStep.checkCount {
                    for c in Int(topStep.checks)..<Int(topStep.checks + topStep.checkCount) where seen[Int(plan.checks[c])] != top.stamp {
                        absentField(Int(plan.checks[c]), top, plan, &conditionals, severity, &out)
                    }
                }
                guard depth > 0 else { break }
                depth &-= 1
                let outer = frames[depth]
                top = outer
                topStep = plan.nodes[Int(outer.plan)]
                continue
            }
            // The value to check next: `v`, against plan node `pn`, of field slot `slot`.
            let v: Int, pn: Int32, slot: Int32
            if topStep.kind == .object && !hasDuplicates {
                // The common run first, in one tight loop: members in schema
                // order whose values are valid at once (a flat object or a
                // list is passed whole by `walker` when all of it is). Any
                // other member (out of order, unknown, null, a wrong value, a
                // container with a problem) is left to the general path below.
                let limit = Int(topStep.a &+ topStep.b)
                var expect = Int(top.expect)
                var checked = top.checked
                let objectStamp = top.stamp
                let end = Int(top.end)
                var entered = false
                while i < end && expect < limit {
                    let key = nodesBase[i]
                    let f = fieldsBase[expect]
                    guard walker.keyIs(key, f) else { break }
                    let value = i &+ 1
                    var next = value &+ 1
                    if !walker.valid(f.check, value, f.node) {
                        // A container of its declared kind: passed whole when it is valid at once, else entered.
                        let step = plan.nodes[Int(f.node)]
                        let valueNode = nodesBase[value]
                        let valueEnd = Int(valueNode.a)
                        // The container to enter and where the walk resumes in it, when it is not passed whole.
                        var inner: (frame: SchemaFrame, resume: Int)? = nil
                        if step.kind == .object && valueNode.kind == .object {
                            if !(step.flat && walker.object(value, step)) {
                                stamp &+= 1
                                inner = (SchemaFrame(node: Int32(value), plan: f.node, slot: Int32(expect), end: Int32(valueEnd), stamp: stamp, expect: step.a),
                                         value &+ 1)
                            }
                        } else if step.kind == .list && valueNode.kind == .array {
                            let stop = walker.elements(from: value &+ 1, to: valueEnd, plan.nodes[Int(step.a)], step.a)
                            if stop < valueEnd {
                                inner = (SchemaFrame(node: Int32(value), plan: f.node, slot: Int32(expect), end: Int32(valueEnd), stamp: 0), stop)
                            }
                        } else {
                            break
                        }
                        if let inner {
                            if f.isChecked && seen[expect] != objectStamp { checked &+= 1 }
                            seen[expect] = objectStamp
                            top.expect = Int32(truncatingIfNeeded: expect &+ 1)
                            top.checked = checked
                            frames[depth] = top
                            depth &+= 1
                            top = inner.frame
                            topStep = step
                            i = inner.resume
                            entered = true
                            break
                        }
                        next = valueEnd
                    }
                    if f.isChecked && seen[expect] != objectStamp { checked &+= 1 }
                    seen[expect] = objectStamp
                    expect &+= 1
                    i = next
                }
                if entered { continue }
                top.expect = Int32(truncatingIfNeeded: expect)
                top.checked = checked
                if i >= end { continue }
            } else if topStep.kind == .list {
                // The same for a list's elements.
                let element = Int(topStep.a)
                let elementStep = plan.nodes[element]
                let end = Int(top.end)
                if !hasDuplicates || elementStep.fast != .none { i = walker.elements(from: i, to: end, elementStep, Int32(element)) }
                if i >= end { continue }
                if elementStep.kind == .object, nodesBase[i].kind == .object {
                    // An object element of a list of objects: entered here.
                    frames[depth] = top
                    depth &+= 1
                    stamp &+= 1
                    top = SchemaFrame(node: Int32(i), plan: Int32(element), slot: top.slot, end: Int32(nodesBase[i].a), stamp: stamp, expect: elementStep.a)
                    topStep = elementStep
                    i &+= 1
                    continue
                }
            }
            if topStep.kind == .object {
                // A member: key `i`, value `i + 1`.
                let value = i + 1
                // Of a repeated key, only the copy rules read (and its pointer names) is
                // validated; the repetition is `tuanthu.duplicate-key`'s finding.
                if hasDuplicates, duplicated.contains(i), member(Int(top.node), stringBytes(i)) != value {
                    i = nodes[value].next(value)
                    continue
                }
                let key = stringBytes(i)
                let k: Int
                if top.expect < topStep.a &+ topStep.b, plan.nameEquals(Int(top.expect), key) {
                    k = Int(top.expect)
                } else if let found = plan.field(named: key, in: Int(top.plan)) {
                    k = found
                } else {
                    unknownKey(nodeString(i), valueNode: value, object: Int(top.node), plan: plan, objectPlan: Int(top.plan), severity, &out)
                    i = nodes[value].next(value)
                    continue
                }
                top.expect = Int32(truncatingIfNeeded: k &+ 1)
                let f = plan.fields[k]
                // A null is a value not given: absent for an optional field.
                if nodes[value].kind == .null {
                    if f.isOptional {
                        if f.isChecked && seen[k] != top.stamp { top.checked &+= 1 }
                        seen[k] = top.stamp
                    }
                    i = value + 1
                    continue
                }
                if f.isChecked && seen[k] != top.stamp { top.checked &+= 1 }
                seen[k] = top.stamp
                (v, pn, slot) = (value, f.node, Int32(k))
            } else {
                (v, pn, slot) = (i, topStep.a, top.slot)
            }
            let node = nodes[v]
            let step = plan.nodes[Int(pn)]
            i = v + 1
            var ok = true
            switch step.kind {
            case .object:
                if node.kind == .object {
                    if !hasDuplicates && step.flat && walker.object(v, step) {
                        i = Int(node.a)
                        continue
                    }
                    frames[depth] = top
                    depth &+= 1
                    stamp &+= 1
                    top = SchemaFrame(node: Int32(v), plan: pn, slot: slot, end: Int32(node.a), stamp: stamp, expect: step.a)
                    topStep = step
                } else { ok = false }
            case .list:
                if node.kind == .array {
                    frames[depth] = top
                    depth &+= 1
                    top = SchemaFrame(node: Int32(v), plan: pn, slot: slot, end: Int32(node.a), stamp: 0)
                    topStep = step
                } else { ok = false }
            case .string:
                ok = node.kind == .string
            case .number:
                ok = node.kind == .number
            case .integer:
                ok = node.kind == .number && (node.isInteger || (node.number.isFinite && node.number == node.number.rounded()))
            case .bool:
                ok = node.kind == .bool
            case .date:
                if node.kind == .string {
                    if dateValue(.node(Int32(v))) == nil {
                        if dateNode == -1 { dateNode = dossierDateField().invalid }
                        dateProblem(v, slot, plan, skipFinding: v == dateNode, severity, &out)
                    }
                } else { ok = false }
            case .enumeration:
                if node.kind == .string {
                    if !plan.enumContains(step, stringBytes(v), orCanonically: { e in equal(.node(Int32(v)), .string(e)) == true }) {
                        enumProblem(v, pn, slot, plan, severity, &out)
                    }
                } else { ok = false }
            }
            if !ok {
                typeProblem(v, pn, slot, plan, severity, &out)
                i = node.next(v)
            }
        }
        for c in conditionals { conditional(c, plan, severity, &out) }
        return finished(&out)
    }

    /// The findings collected, capped and in document order (an object's
    /// absent fields are found at its end).
    private func finished(_ out: inout Collector) -> [Finding] {
        guard !out.findings.isEmpty else { return [] }
        out.finish()
        return out.findings.enumerated().sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }.map(\.element)
    }

    /// A declared field that object `frame` did not give: a required one is
    /// a finding now; a `required when` one is decided after the walk.
    @inline(never)
    private func absentField(_ k: Int, _ frame: SchemaFrame, _ plan: SchemaPlan, _ conditionals: inout [SchemaConditional],
                             _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let f = plan.fields[k]
        if f.requiredWhen >= 0 {
            conditionals.append(SchemaConditional(object: frame.node, slot: Int32(k)))
        } else {
            required(plan.infos[Int(f.info)], object: Int(frame.node), pattern: schemaPlace(Int(frame.node)), because: nil, severity, &out)
        }
    }

    /// The schema place of dossier value `node`: `plan.items[].id` for the
    /// `id` of any item, "" for the root — the key of findings' caps.
    func schemaPlace(_ node: Int) -> String {
        var parts: [String] = []
        var i = node
        while i > 0, nodes[i].parent != UInt32.max {
            let parent = Int(nodes[i].parent)
            parts.append(nodes[parent].kind == .object ? nodeString(i - 1) : "[]")
            i = parent
        }
        var out = ""
        for part in parts.reversed() {
            if part == "[]" || out.isEmpty { out += part } else { out += "." + part }
        }
        return out
    }

    // MARK: - Problems

    /// `plan.items[0].name` for a node; `(root)` for the root.
    func shownPath(_ n: Int) -> String {
        n == 0 ? "(root)" : dotted(doc.pointer(of: n))
    }

    /// The node's JSON Pointer and its dotted form (`shownPath`), walked once per finding.
    private func place(_ node: Int) -> (pointer: String, shown: String) {
        let own = doc.pointer(of: node)
        return (own, node == 0 ? "(root)" : dotted(own))
    }

    /// A finding of `problem` at `node`; `at` is the node's `place` when
    /// the caller has it, and `evidence: false` leaves the evidence out (for
    /// a caller that sets its own).
    private func schemaFinding(_ problem: SchemaProblem, _ severity: [SchemaProblem: RuleSeverity], _ node: Int, _ reason: FindingReason,
                               kind: FindingKind = .invalid, at known: (pointer: String, shown: String)? = nil, evidence: Bool = true) -> Finding {
        // The node's pointer is walked once (`shownPath` is its dotted form).
        let (own, shown) = known ?? place(node)
        return Finding(
            rule: problem.findingID, severity: severity[problem] ?? problem.defaultSeverity, kind: kind, reason: reason, cites: [],
            pointer: own, span: span(of: nodes[node]),
            missing: [], evidence: node == 0 || !evidence ? [] : [Evidence(expr: shown, pointer: own, value: evidenceJSON(node), span: span(of: nodes[node]))],
            waiver: nil)
    }

    @inline(never)
    private func typeProblem(_ node: Int, _ pn: Int32, _ slot: Int32, _ plan: SchemaPlan, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let expected = plan.types[Int(pn)]
        schemaInvalid[Int32(node)] = SchemaCause(problem: .type, expected: expected, field: plan.info(slot))
        // Past the cap only the mark is needed.
        let pattern = "type " + schemaPlace(node)
        if out.isFull(pattern) { return }
        let at = place(node)
        out.add(schemaFinding(.type, severity, node, .schemaType(cause: schemaCause(Int32(node), shown: at.shown), path: at.shown, expected: typeShape(expected)), at: at),
                pattern: pattern)
    }

    @inline(never)
    private func dateProblem(_ node: Int, _ slot: Int32, _ plan: SchemaPlan, skipFinding: Bool, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        schemaInvalid[Int32(node)] = SchemaCause(problem: .date, expected: .date, field: plan.info(slot))
        // The `date_field` has its own finding (`tuanthu.invalid-date`).
        if skipFinding { return }
        let pattern = "date " + schemaPlace(node)
        if out.isFull(pattern) { return }
        let at = place(node)
        out.add(schemaFinding(.date, severity, node, .schemaDate(cause: schemaCause(Int32(node), shown: at.shown)), at: at), pattern: pattern)
    }

    /// Why value `n` failed validation, typed; built only when shown.
    func schemaCause(_ n: Int32, shown known: String? = nil) -> InvalidCause {
        let shown = known ?? shownPath(Int(n))
        guard let c = schemaInvalid[n] else { return .schemaInvalid(path: shown) }
        let v = Value.node(n)
        switch c.problem {
        case .date:
            return .schemaDate(path: shown, found: shape(v))
        case .enum:
            guard case .enumeration(let values) = c.expected else { break }
            let given = nodeString(Int(n))
            let quoted = "\"\(given.prefix(60))\(given.count > 60 ? "…" : "")\""
            let allowed = values.prefix(enumValuesShown).map { v in
                Diagnostics.LocalizedText(vi: c.field?.label(of: v, "vi") ?? v, en: c.field?.label(of: v, "en") ?? v)
            }
            return .schemaEnum(path: shown, given: quoted, allowed: allowed, more: max(0, values.count - enumValuesShown))
        default:
            break
        }
        return .schemaType(path: shown, found: shape(v), expected: typeShape(c.expected))
    }

    private func typeShape(_ t: SchemaType) -> TypeShape {
        switch t {
        case .string, .enumeration: .string
        case .number: .number
        case .integer: .integer
        case .bool: .bool
        case .date: .date
        case .list: .list
        case .object: .object
        }
    }

    @inline(never)
    private func enumProblem(_ node: Int, _ pn: Int32, _ slot: Int32, _ plan: SchemaPlan, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        guard case .enumeration(let values) = plan.types[Int(pn)] else { return }
        schemaInvalid[Int32(node)] = SchemaCause(problem: .enum, expected: .enumeration(values), field: plan.info(slot))
        let pattern = "enum " + schemaPlace(node)
        if out.isFull(pattern) { return }
        let given = nodeString(node)
        let at = place(node)
        let reason = FindingReason.schemaEnum(cause: schemaCause(Int32(node), shown: at.shown), suggestion: suggestEnum(given, values, plan.info(slot), plan),
                                              codes: Array(values.prefix(enumValuesShown)), more: values.count > enumValuesShown)
        out.add(schemaFinding(.enum, severity, node, reason, at: at), pattern: pattern)
    }

    /// The allowed value the writer probably meant: one whose code or label
    /// folds (case, diacritics, `đ`) to the same text, else the closest code.
    private func suggestEnum(_ given: String, _ values: [String], _ field: SchemaFieldInfo?, _ plan: SchemaPlan) -> String? {
        let g = foldKey(given)
        for v in values {
            if plan.folded(v) == g { return v }
            if let l = field?.labels[v], [l.vi, l.en].contains(where: { $0.map(plan.folded) == g }) { return v }
        }
        return closestFolded(given, values, fold: plan.folded, folded: g)
    }

    @inline(never)
    private func unknownKey(_ key: String, valueNode: Int, object: Int, plan: SchemaPlan, objectPlan: Int,
                            _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let pattern = schemaPlace(object)
        if out.isFull("key " + pattern) { return }
        let step = plan.nodes[objectPlan]
        let fields = plan.infos[Int(step.a)..<Int(step.a + step.b)]
        let reason = FindingReason.unknownKey(
            key: key, object: object == 0 ? nil : shownPath(object), suggestion: closestFolded(key, fields.map(\.name), fold: plan.folded),
            declared: fields.prefix(enumValuesShown).map(\.name), more: fields.count > enumValuesShown)
        // At the member's value, where its pointer leads.
        out.add(schemaFinding(.unknownKey, severity, valueNode, reason), pattern: "key " + pattern)
    }

    private func required(_ f: SchemaFieldInfo, object: Int, pattern: String, because condition: String?, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let at = place(object)
        let path = object == 0 ? f.name : at.shown + "." + f.name
        var finding = schemaFinding(.required, severity, object, .requiredField(path: path, condition: condition), kind: .missing, at: at, evidence: false)
        finding.missing = [at.pointer + "/" + escapePointerToken(f.name)]
        out.add(finding, pattern: "required " + pattern + "." + f.name)
    }

    /// A `required when` field that is absent: required if the condition
    /// holds; when the condition cannot be decided, that is reported at the
    /// fields it could not read.
    private func conditional(_ c: SchemaConditional, _ plan: SchemaPlan, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let slot = plan.fields[Int(c.slot)]
        let condition = Int(slot.requiredWhen)
        let x = ir.schemaConditions[condition]
        let truth = truth(inFrame(size: ir.schemaConditionFrames[condition], args: []) { eval(x) }, x.span)
        if truth == .no { return }  // the common case: nothing to word
        let field = plan.infos[Int(slot.info)]
        let object = Int(c.object)
        let conditionText = text(x.span)
        let pattern = "when " + program.schemaConditions[condition].field
        switch truth {
        case .no: return
        case .yes:
            required(field, object: object, pattern: pattern, because: conditionText, severity, &out)
        case .unknown, .invalid:
            tracing = true
            trace.reset()
            _ = inFrame(size: ir.schemaConditionFrames[condition], args: []) { eval(x) }
            tracing = false
            let path = object == 0 ? field.name : shownPath(object) + "." + field.name
            var blame = object
            var kind = FindingKind.missing
            var cause: InvalidCause? = nil
            let missing = uniqueMissing()
            if truth == .invalid, let invalid = trace.invalid {
                kind = .invalid
                cause = invalid.cause
                if invalid.node >= 0 { blame = Int(invalid.node) }
            } else if let r = trace.reads.first(where: { $0.missingPointer != nil }) {
                blame = Int(r.anchor)
            }
            let reason = FindingReason.undecidedRequired(path: path, condition: conditionText, cause: cause,
                                                         missing: kind == .invalid ? [] : missing.map(dotted))
            var f = schemaFinding(.required, severity, blame, reason, kind: kind)
            f.missing = missing
            f.evidence = evidence()
            out.add(f, pattern: "undecided " + pattern)
        }
    }
}

// MARK: - Folding and suggestions

/// Lowercase, without diacritics (`đ` is `d`), `-` and spaces as `_`: how
/// keys and values are compared for a suggestion.
package func foldKey(_ s: String) -> String {
    // ASCII (most keys and codes) folds to its lowercase, without Foundation.
    if s.utf8.allSatisfy({ $0 < 0x80 }) {
        return String(decoding: s.utf8.map { c -> UInt8 in
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): c | 0x20
            case UInt8(ascii: "-"), UInt8(ascii: " "): UInt8(ascii: "_")
            default: c
            }
        }, as: UTF8.self)
    }
    return foldKeyThroughFoundation(s)
}

/// `foldKey` through Foundation's folding, for any text (the tests compare the ASCII path with it).
package func foldKeyThroughFoundation(_ s: String) -> String {
    var out = ""
    for ch in s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) {
        switch ch {
        case "đ", "Đ": out.append("d")
        case "-", " ": out.append("_")
        default: out.append(ch)
        }
    }
    return out
}

/// The candidate closest to `word` once both are folded; an exact folded match first.
/// `fold` folds a candidate (the plan's memo of `foldKey`: the declared
/// names and values are folded once, not for every finding).
/// `folded` is `foldKey(word)` when the caller has it already.
func closestFolded(_ word: String, _ candidates: [String], fold: (String) -> String = foldKey, folded: String? = nil) -> String? {
    let w = folded ?? foldKey(word)
    let folded = candidates.map(fold)
    if let k = folded.firstIndex(of: w) { return candidates[k] }
    guard let best = closestMatch(to: w, in: folded), let k = folded.firstIndex(of: best) else { return nil }
    return candidates[k]
}

// MARK: - The schema as a flat plan

/// The schema flattened once per evaluator into plain structs indexed by
/// integers, so that validating a value retains and copies nothing (walking
/// `SchemaType` itself retained its boxes and copied each field's struct for
/// every value: more than the 51 rules cost). Immutable once built.
final class SchemaPlan {
    enum Kind: UInt8 { case object, list, string, number, integer, bool, date, enumeration }
    /// How a value of a scalar type is seen valid at once, in the walk's
    /// tight loops (`PlainWalker.valid`); `none` for containers, always left
    /// to the general path.
    enum Fast: UInt8 {
        case none, string, number, integer, bool, date, enumeration
    }
    /// One type. An object's fields are `fields[a..<a+b]`, its key table is
    /// `table[table..<table+tableMask+1]` and the fields to look for when
    /// absent are `checks[checks..<checks+checkCount]`; a list's element is
    /// node `a`; an enum's values are `enumValues[a..<a+b]`.
    struct Node {
        var kind: Kind
        var a: Int32 = 0
        var b: Int32 = 0
        var table: Int32 = 0
        var tableMask: Int32 = 0
        var checks: Int32 = 0
        var checkCount: Int32 = 0
        var fast: Fast = .none
        /// How `PlainWalker` sees a value of this type valid at once.
        var check = PlainCheck.container
        /// An object whose fields all have scalar types (`fast` not `none`):
        /// `PlainWalker.object` can pass it whole, without a frame.
        var flat = false
    }
    /// One declared field of an object.
    struct Field {
        var node: Int32
        var info: Int32
        var isOptional: Bool
        /// Listed in its object's `checks` (not optional, or required when).
        var isChecked: Bool
        /// `fast` and `check` of its type's node (copied here: one load less per member).
        var fast: Fast = .none
        var check = PlainCheck.container
        /// Index into `Program.schemaConditions`, or -1.
        var requiredWhen: Int32
        /// The name's UTF-8 bytes: `nameBytes[nameStart..<nameStart+nameCount]`.
        var nameStart: Int32
        var nameCount: Int32
        /// The name's first 8 bytes as one word (zero past the name), the
        /// mask of its bytes in such a word, and its last 8 bytes (names of 8
        /// bytes or more): a key of up to 16 bytes is compared in one or two loads.
        var prefix: UInt64 = 0
        var mask: UInt64 = 0
        var suffix: UInt64 = 0
    }

    // `let`s, not `var`s: a class's `var` is checked for exclusive access at
    // every read. The tables read for every value are raw buffers owned by
    // the plan (no bounds checks, no retain in the walk), freed with it.
    let nodes: UnsafeBufferPointer<Node>
    /// Per node, the type as declared, for messages.
    let types: [SchemaType]
    let fields: UnsafeBufferPointer<Field>
    /// Per field slot, the field as declared (copied only for messages).
    let infos: [SchemaFieldInfo]
    /// All field names and enum values, as UTF-8, one after the other.
    let nameBytes: UnsafeBufferPointer<UInt8>
    /// Per object, open-addressing tables from a key's hash to its field slot (-1: empty).
    let table: UnsafeBufferPointer<Int32>
    /// Per object, the slots of its fields that are not optional (required, or required when).
    let checks: UnsafeBufferPointer<Int32>
    /// Enum values: `(start, count)` in `nameBytes`.
    let enumValues: UnsafeBufferPointer<(start: Int32, count: Int32)>

    /// Flattens `root`; node 0 is the root.
    init(_ root: SchemaType) {
        var b = Builder()
        _ = b.add(root)
        func owned<T>(_ xs: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(1, xs.count))
            _ = p.initialize(from: xs)
            return UnsafeBufferPointer(rebasing: p[0..<xs.count])
        }
        // Copies of the evaluator's own: a wrong value's cause holds its type and
        // field, and a copy of one shared by every worker's plan retains what the cores share.
        (types, infos) = (b.types.map(privateCopy), b.infos.map(privateCopy))
        (nodes, fields, nameBytes, table, checks, enumValues) = (owned(b.nodes), owned(b.fields), owned(b.nameBytes), owned(b.table), owned(b.checks), owned(b.enumValues))
    }

    deinit {
        // Plain values: nothing to deinitialize.
        func free<T>(_ p: UnsafeBufferPointer<T>) { p.baseAddress.map { UnsafeMutablePointer(mutating: $0).deallocate() } }
        free(nodes); free(fields); free(nameBytes); free(table); free(checks); free(enumValues)
    }

    private struct Builder {
        var nodes: [Node] = []
        var types: [SchemaType] = []
        var fields: [Field] = []
        var infos: [SchemaFieldInfo] = []
        var nameBytes: [UInt8] = []
        var table: [Int32] = []
        var checks: [Int32] = []
        var enumValues: [(start: Int32, count: Int32)] = []

        mutating func add(_ t: SchemaType) -> Int32 {
            let n = Int(nodes.count)
            nodes.append(Node(kind: .string))
            types.append(t)
            switch t {
            case .string: (nodes[n].kind, nodes[n].fast, nodes[n].check) = (.string, .string, PlainCheck(kind: .string))
            case .number: (nodes[n].kind, nodes[n].fast, nodes[n].check) = (.number, .number, PlainCheck(kind: .number))
            case .integer: (nodes[n].kind, nodes[n].fast, nodes[n].check) = (.integer, .integer, PlainCheck(kind: .number, flags: JSONNode.Flag.isInteger))
            case .bool: (nodes[n].kind, nodes[n].fast, nodes[n].check) = (.bool, .bool, PlainCheck(kind: .bool))
            case .date: (nodes[n].kind, nodes[n].fast, nodes[n].check) = (.date, .date, PlainCheck(kind: .string, text: PlainCheck.date))
            case .enumeration(let values):
                nodes[n] = Node(kind: .enumeration, a: Int32(enumValues.count), b: Int32(values.count), fast: .enumeration,
                                check: PlainCheck(kind: .string, text: PlainCheck.enumeration))
                for v in values {
                    enumValues.append((Int32(nameBytes.count), Int32(v.utf8.count)))
                    nameBytes += v.utf8
                }
            case .list(let element):
                nodes[n].kind = .list
                let e = add(element)
                nodes[n].a = e
            case .object(let declared):
                // The object's slots are contiguous; their types are added after.
                let first = fields.count
                var size = 4
                while size < 2 * declared.count { size *= 2 }
                nodes[n] = Node(kind: .object, a: Int32(first), b: Int32(declared.count),
                                table: Int32(table.count), tableMask: Int32(size - 1), checks: Int32(checks.count), checkCount: 0)
                let tableStart = table.count
                table += repeatElement(-1, count: size)
                for (k, f) in declared.enumerated() {
                    let slot = first + k
                    let words = SchemaPlan.words(f.nameUTF8)
                    fields.append(Field(node: 0, info: Int32(infos.count), isOptional: f.isOptional, isChecked: !f.isOptional || f.requiredWhen != nil, requiredWhen: Int32(f.requiredWhen ?? -1),
                                        nameStart: Int32(nameBytes.count), nameCount: Int32(f.nameUTF8.count),
                                        prefix: words.prefix, mask: words.mask, suffix: words.suffix))
                    nameBytes += f.nameUTF8
                    infos.append(f)
                    if !f.isOptional || f.requiredWhen != nil { checks.append(Int32(slot)) }
                    var h = f.nameUTF8.withUnsafeBufferPointer { SchemaPlan.hash($0) } & (size - 1)
                    while table[tableStart + h] >= 0 { h = (h + 1) & (size - 1) }
                    table[tableStart + h] = Int32(slot)
                }
                nodes[n].checkCount = Int32(checks.count) - nodes[n].checks
                var flat = true
                for (k, f) in declared.enumerated() {
                    let child = add(f.type)
                    fields[first + k].node = child
                    fields[first + k].fast = nodes[Int(child)].fast
                    fields[first + k].check = nodes[Int(child)].check
                    if nodes[Int(child)].fast == .none { flat = false }
                }
                nodes[n].flat = flat
            }
            return Int32(n)
        }
    }

    /// `bytes` as `Field.prefix`, `mask` and `suffix`: words in memory order,
    /// as `PlainWalker.keyIs` loads a key's bytes.
    static func words(_ bytes: [UInt8]) -> (prefix: UInt64, mask: UInt64, suffix: UInt64) {
        func word(_ b: ArraySlice<UInt8>) -> UInt64 {
            var w: UInt64 = 0
            withUnsafeMutableBytes(of: &w) { raw in for (k, x) in b.enumerated() { raw[k] = x } }
            return w
        }
        let n = bytes.count
        let prefix = word(bytes.prefix(8))
        let mask = word(ArraySlice(repeating: 0xFF, count: Swift.min(n, 8)))
        let suffix = n >= 8 ? word(bytes[(n - 8)...]) : 0
        return (prefix, mask, suffix)
    }

    /// A cheap hash of a key: its length and three of its bytes (schema keys
    /// differ in those almost always; a collision only costs a probe).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = key.count
        guard n > 0 else { return 0 }
        var h = UInt32(truncatingIfNeeded: n) &* 0x9E37_79B1
        h ^= UInt32(key[0]) &* 0x85EB_CA6B
        h ^= UInt32(key[n &- 1]) &* 0xC2B2_AE35
        h ^= UInt32(key[n >> 1]) &* 0x27D4_EB2F
        h ^= h >> 15
        return Int(h)
    }

    /// Declared names, values and labels folded by `foldKey`, for
    /// suggestions (folding goes through Foundation: slow, and the same
    /// few texts are folded for every finding).
    private var foldMemo: [String: String] = [:]

    /// `foldKey(s)`, remembered.
    func folded(_ s: String) -> String {
        if let f = foldMemo[s] { return f }
        let f = foldKey(s)
        foldMemo[s] = f
        return f
    }

    /// Is the name of field `slot` exactly these bytes?
    @inline(__always)
    func nameEquals(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let f = fields[slot]
        let n = key.count
        return Int(f.nameCount) == n && (n == 0 || bytesEqual(nameBytes.baseAddress! + Int(f.nameStart), key.baseAddress!, n))
    }

    /// The field of slot `slot`, or nil for -1 (the root).
    func info(_ slot: Int32) -> SchemaFieldInfo? { slot < 0 ? nil : infos[Int(fields[Int(slot)].info)] }

    /// The slot (an index into `fields`) of the field named `key` of object
    /// node `object`, or nil. Bytes first, through the object's hash table
    /// (schema names are identifiers); a non-ASCII key falls back to String's
    /// canonical equivalence, as names compare.
    @inline(__always)
    func field(named key: UnsafeBufferPointer<UInt8>, in object: Int) -> Int? {
        let o = nodes[object]
        let mask = Int(o.tableMask)
        let n = key.count
        var h = SchemaPlan.hash(key) & mask
        let base = Int(o.table)
        while true {
            let slot = Int(table[base &+ h])
            if slot < 0 { break }
            let f = fields[slot]
            if Int(f.nameCount) == n && (n == 0 || bytesEqual(nameBytes.baseAddress! + Int(f.nameStart), key.baseAddress!, n)) {
                return slot
            }
            h = (h &+ 1) & mask
        }
        guard key.contains(where: { $0 >= 0x80 }) else { return nil }
        let text = String(decoding: key, as: UTF8.self)
        let first = Int(o.a)
        return (first..<first + Int(o.b)).first { infos[Int(fields[$0].info)].name == text }
    }

    /// Whether enum `e` (a node's `a..<a+b`) has the value `bytes`: exact
    /// bytes first; for a non-ASCII value, the evaluator's canonical
    /// equality decides.
    func enumContains(_ node: Node, _ bytes: UnsafeBufferPointer<UInt8>, orCanonically equal: (String) -> Bool) -> Bool {
        let n = bytes.count
        for k in Int(node.a)..<Int(node.a + node.b) {
            let v = enumValues[k]
            if Int(v.count) == n && (n == 0 || bytesEqual(nameBytes.baseAddress! + Int(v.start), bytes.baseAddress!, n)) { return true }
        }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return (Int(node.a)..<Int(node.a + node.b)).contains { k in
            let v = enumValues[k]
            return equal(String(decoding: nameBytes[Int(v.start)..<Int(v.start + v.count)], as: UTF8.self))
        }
    }
}

extension Evaluator {
    /// The flat plan of the program's object schema (`validatesSchema`),
    /// built on first use, with the evaluator's copy of the severities.
    func schemaPlan() -> SchemaPlan {
        if let plan = schemaPlanCache { return plan }
        let plan = SchemaPlan(program.schema!)
        schemaPlanCache = plan
        schemaSeverities = Dictionary(uniqueKeysWithValues: program.schemaSeverity.map { ($0.key, $0.value) })
        return plan
    }
}

/// `t` in storage of its own (its boxes, lists and strings new).
private func privateCopy(_ t: SchemaType) -> SchemaType {
    switch t {
    case .string, .number, .integer, .bool, .date: t
    case .enumeration(let values): .enumeration(values.map(privateText))
    case .list(let element): .list(privateCopy(element))
    case .object(let fields): .object(fields.map(privateCopy))
    }
}

/// `f` in storage of its own.
private func privateCopy(_ f: SchemaFieldInfo) -> SchemaFieldInfo {
    var labels: [String: EnumLabel] = [:]
    for (value, label) in f.labels { labels[privateText(value)] = EnumLabel(vi: label.vi.map(privateText), en: label.en.map(privateText)) }
    return SchemaFieldInfo(name: privateText(f.name), isOptional: f.isOptional, type: privateCopy(f.type), description: f.description.map(privateText),
                           labels: labels, requiredWhen: f.requiredWhen)
}

/// `s` in storage of its own.
private func privateText(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }

// MARK: - The plain walk

/// The walk of values that are valid at once (the common case: a valid
/// dossier), over raw pointers only: keys are compared as one or two words,
/// values by their kind. Whatever it does not pass (an unknown or
/// out-of-order key, a null, an absent required field, a wrong value) it
/// leaves to the general walk of `validateAgainstSchema`, which decides and
/// words the findings; it records nothing, so handing over is always safe.
struct PlainWalker {
    let nodes: UnsafePointer<JSONNode>
    let fields: UnsafePointer<SchemaPlan.Field>
    let planNodes: UnsafePointer<SchemaPlan.Node>
    let names: UnsafePointer<UInt8>
    let enumValues: UnsafePointer<(start: Int32, count: Int32)>
    /// The input (a dummy address when it is empty: nothing is read then).
    let input: UnsafePointer<UInt8>
    /// Keys starting before this offset of `input` have 8 bytes to load.
    let wordLimit: Int
    let pool: UnsafePointer<UInt8>?

    /// The walker of `plan` over the dossier `nodes` and `view` holds.
    init(_ plan: SchemaPlan, nodes: UnsafePointer<JSONNode>, view: JSONView) {
        self.nodes = nodes
        fields = plan.fields.baseAddress!
        planNodes = plan.nodes.baseAddress!
        names = plan.nameBytes.baseAddress!
        // Never read: an empty plan table is given one slot of room.
        enumValues = plan.enumValues.baseAddress ?? UnsafePointer(bitPattern: 8)!
        input = view.input.baseAddress ?? UnsafePointer(bitPattern: 8)!
        wordLimit = view.input.count &- 8
        pool = view.pool.baseAddress
    }

    /// The unescaped bytes of string node `n`.
    @inline(__always)
    func bytes(_ n: JSONNode) -> UnsafePointer<UInt8> {
        (n.flags & JSONNode.Flag.inPool != 0 ? pool! : input) + Int(n.a)
    }

    /// Is key node `key` the name of `f`, byte for byte?
    @inline(__always)
    func keyIs(_ key: JSONNode, _ f: SchemaPlan.Field) -> Bool {
        let n = Int(key.b &- key.a)
        guard n == Int(f.nameCount) else { return false }
        let a = Int(key.a)
        if key.flags & JSONNode.Flag.inPool == 0 && a <= wordLimit {
            // A key is followed by `":` and a value in the input: 8 bytes are there to load.
            let p = UnsafeRawPointer(input + a)
            let w = p.loadUnaligned(as: UInt64.self)
            if n <= 8 { return w & f.mask == f.prefix }
            guard w == f.prefix else { return false }
            if n <= 16 { return p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == f.suffix }
            return bytesEqual(names + Int(f.nameStart) + 8, input + a + 8, n &- 8)
        }
        return n == 0 || bytesEqual(names + Int(f.nameStart), bytes(key), n)
    }

    /// Is value `v` valid for a type whose `check` is given (plan node
    /// `planNode`, for an enum's values) with no finding and no mark? Its
    /// kind and flags first (all a string, number or bool needs); a date's
    /// or an enum's text out of line.
    @inline(__always)
    func valid(_ check: PlainCheck, _ v: Int, _ planNode: Int32) -> Bool {
        let node = nodes[v]
        guard node.kind.rawValue == check.kind && node.flags & check.flags == check.flags else { return false }
        return check.text == 0 || validText(check.text, node, planNode)
    }

    /// Is the text of string `node` a date (`text` is `PlainCheck.date`), or
    /// a value of enum node `planNode`?
    @inline(never)
    func validText(_ text: UInt8, _ node: JSONNode, _ planNode: Int32) -> Bool {
        let n = Int(node.b &- node.a)
        let p = bytes(node)
        if text == PlainCheck.date { return isDateText(p, n) }
        let e = planNodes[Int(planNode)]
        var k = Int(e.a)
        let end = k &+ Int(e.b)
        while k < end {
            let value = enumValues[k]
            if Int(value.count) == n && (n == 0 || bytesEqual(names + Int(value.start), p, n)) { return true }
            k &+= 1
        }
        return false
    }

    /// Is object `o`, of flat plan node `step`, valid at once: its keys are
    /// fields in schema order (optional ones may be left out), its values
    /// are valid, and every required field is there?
    func object(_ o: Int, _ step: SchemaPlan.Node) -> Bool { objectBody(o, step) }

    /// `object`, inline (in the loop over a list's elements). The walk
    /// moves a pointer along the object's fields; a key that is not the
    /// next field goes to `skipOptional`.
    @inline(__always)
    private func objectBody(_ o: Int, _ step: SchemaPlan.Node) -> Bool {
        let nodes = self.nodes
        let end = Int(nodes[o].a)
        var i = o &+ 1
        var f = fields + Int(step.a)
        let limit = f + Int(step.b)
        var checked: Int32 = 0
        while i < end {
            guard f < limit else { return false }
            let key = nodes[i]
            if !keyIs(key, f.pointee) {
                guard let next = skipOptional(i, f, limit) else { return false }
                f = next
            }
            let field = f.pointee
            let value = nodes[i &+ 1]
            guard value.kind.rawValue == field.check.kind && value.flags & field.check.flags == field.check.flags else { return false }
            if field.check.text != 0 {
                // A date inline (one in most objects), an enum's values out of line.
                if field.check.text == PlainCheck.date {
                    guard isDateText(bytes(value), Int(value.b &- value.a)) else { return false }
                } else if !validText(field.check.text, value, field.node) {
                    return false
                }
            }
            if field.isChecked { checked &+= 1 }
            f += 1
            i &+= 2
        }
        return checked == step.checkCount
    }

    /// The field after `f` (and before `limit`) named by key node `keyNode` when every
    /// field skipped on the way is optional without a condition; else nil.
    @inline(never)
    private func skipOptional(_ keyNode: Int, _ f: UnsafePointer<SchemaPlan.Field>, _ limit: UnsafePointer<SchemaPlan.Field>) -> UnsafePointer<SchemaPlan.Field>? {
        let key = nodes[keyNode]
        var f = f
        while f < limit {
            // A field the object must have is not next: the general walk decides.
            if f.pointee.isChecked { return nil }
            f += 1
            if f < limit && keyIs(key, f.pointee) { return f }
        }
        return nil
    }

    /// The elements of a list from `i` to `end` (its end) that are valid at
    /// once for plan node `element` (index `elementNode`): the index of the
    /// first one that is not, or `end`.
    func elements(from i: Int, to end: Int, _ element: SchemaPlan.Node, _ elementNode: Int32) -> Int {
        var i = i
        if element.fast != .none {
            while i < end && valid(element.check, i, elementNode) { i &+= 1 }
        } else if element.flat {
            while i < end && nodes[i].kind == .object && objectBody(i, element) { i = Int(nodes[i].a) }
        }
        return i
    }
}

/// How a scalar value is valid at once: its JSON kind, flags it must have
/// (an integer's), and a check of its text (a date's, an enum's) or none.
struct PlainCheck {
    /// `JSONKind.rawValue`; `container` for lists and objects (no node has it).
    var kind: UInt8
    /// `JSONNode.Flag` bits the node must have.
    var flags: UInt8 = 0
    /// 0, `date` or `enumeration`.
    var text: UInt8 = 0

    static let date: UInt8 = 1
    static let enumeration: UInt8 = 2
    /// Lists and objects: no value is valid at once.
    static let container = PlainCheck(kind: 0xFF)

    init(kind: UInt8, flags: UInt8 = 0, text: UInt8 = 0) {
        (self.kind, self.flags, self.text) = (kind, flags, text)
    }

    init(kind: JSONKind, flags: UInt8 = 0, text: UInt8 = 0) {
        self.init(kind: kind.rawValue, flags: flags, text: text)
    }
}

/// Is `count` bytes at `p` a date `CivilDate(text:)` reads? (Its reading,
/// not a second copy of it: validation and the evaluator agree by construction.)
@inline(__always)
package func isDateText(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    CivilDate(text: UnsafeBufferPointer(start: p, count: count)) != nil
}
