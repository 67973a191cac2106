import Diagnostics
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

extension Evaluator {
    /// What is validated next: a dossier value and its node of the schema plan.
    private struct Pending {
        var node: Int
        /// The value's node in `SchemaPlan.nodes`.
        var plan: Int32
        /// The field this value belongs to (for a list element, the list's),
        /// as a slot of `SchemaPlan.fields`; -1 for the root.
        var slot: Int32
        /// The schema place, e.g. `plan.items[].id`, for capping repeats:
        /// built from the node's ancestors only when a problem is found (it
        /// was built for every value, the most of validation's cost).
        func pattern(_ e: Evaluator) -> String { e.schemaPlace(node) }
    }

    /// A field that is required when its condition holds, absent under `object`.
    private struct Conditional {
        var object: Int
        var field: SchemaFieldInfo
        var condition: Int
    }

    /// Findings being collected, with the per-pattern counts for the cap.
    private struct Collector {
        var findings: [Finding] = []
        var counts: [String: Int] = [:]
        /// Per pattern: index in `findings` of the last one kept.
        var lastKept: [String: Int] = [:]
        /// Per pattern: the noun for "… and N more" (vi, en).
        var nouns: [String: (vi: String, en: String)] = [:]

        /// Counts one more problem at `pattern` and tells whether it is past the cap (then it need not be built).
        mutating func isFull(_ pattern: String) -> Bool {
            guard counts[pattern, default: 0] >= schemaFindingCap else { return false }
            counts[pattern, default: 0] += 1
            return true
        }

        mutating func add(_ f: Finding, pattern: String, noun: (vi: String, en: String)) {
            let n = counts[pattern, default: 0] + 1
            counts[pattern] = n
            guard n <= schemaFindingCap else { return }
            lastKept[pattern] = findings.count
            nouns[pattern] = noun
            findings.append(f)
        }

        /// Appends "… and N more" to the last finding kept of each capped pattern.
        mutating func finish() {
            for (pattern, count) in counts where count > schemaFindingCap {
                guard let k = lastKept[pattern], let noun = nouns[pattern] else { continue }
                let more = count - schemaFindingCap
                findings[k].message = findings[k].message.map { m in
                    m.lang == "en"
                        ? (m.lang, m.text + " … and \(groupedEN(more)) more \(noun.en) like this.")
                        : (m.lang, m.text + " … và \(groupedVI(more)) \(noun.vi) khác tương tự.")
                }
            }
        }
    }

    /// Validates the current dossier against the program's schema: returns
    /// the findings, and marks the values that failed (`schemaInvalid`).
    /// Iterative (an explicit stack): any depth and any width are safe.
    func validateAgainstSchema() -> [Finding] {
        schemaInvalid.removeAll(keepingCapacity: true)
        guard case .object = program.schema, let root = program.schema else { return [] }
        let severity = program.schemaSeverity
        let dateNode = dossierDateField().invalid
        var out = Collector()
        var conditionals: [Conditional] = []
        var duplicated = Set<Int>()
        for d in doc.duplicateKeys {
            duplicated.insert(d.first)
            duplicated.insert(d.second)
        }
        let plan = schemaPlan(root)
        var present: [Bool] = []
        var stack = [Pending(node: 0, plan: 0, slot: -1)]
        while let p = stack.popLast() {
            let node = nodes[p.node]
            let step = plan.nodes[Int(p.plan)]
            switch step.kind {
            case .object:
                guard node.kind == .object else {
                    typeProblem(p, plan, severity, &out)
                    continue
                }
                // Which declared fields the object gives, by slot (no hashing of keys).
                let first = Int(step.a), count = Int(step.b)
                present.removeAll(keepingCapacity: true)
                present.append(contentsOf: repeatElement(false, count: count))
                var i = p.node + 1
                let end = Int(node.a)
                while i < end {
                    let value = i + 1
                    // Of a repeated key, only the copy rules read (and its pointer names) is
                    // validated; the repetition is `tuanthu.duplicate-key`'s finding.
                    if !duplicated.isEmpty, duplicated.contains(i), member(p.node, stringBytes(i)) != value {
                        i = nodes[value].next(value)
                        continue
                    }
                    if let k = plan.field(named: stringBytes(i), first: first, count: count) {
                        let slot = plan.fields[first + k]
                        // A null is a value not given: absent for an optional field.
                        if nodes[value].kind != .null {
                            present[k] = true
                            stack.append(Pending(node: value, plan: slot.node, slot: Int32(first + k)))
                        } else {
                            present[k] = slot.isOptional
                        }
                    } else {
                        let fields = plan.fields[first..<first + count].map { plan.infos[Int($0.info)] }
                        unknownKey(nodeString(i), valueNode: value, object: p.node, fields: fields, pattern: p.pattern(self), severity, &out)
                    }
                    i = nodes[value].next(value)
                }
                for k in 0..<count where !present[k] {
                    let slot = plan.fields[first + k]
                    if slot.requiredWhen >= 0 {
                        conditionals.append(Conditional(object: p.node, field: plan.infos[Int(slot.info)], condition: Int(slot.requiredWhen)))
                    } else if !slot.isOptional {
                        required(plan.infos[Int(slot.info)], object: p.node, pattern: p.pattern(self), because: nil, severity, &out)
                    }
                }
            case .list:
                guard node.kind == .array else {
                    typeProblem(p, plan, severity, &out)
                    continue
                }
                // Pushed in reverse, so findings come in document order.
                let mark = stack.count
                var i = p.node + 1
                while i < Int(node.a) {
                    stack.append(Pending(node: i, plan: step.a, slot: p.slot))
                    i = nodes[i].next(i)
                }
                stack[mark...].reverse()
            case .string:
                if node.kind != .string { typeProblem(p, plan, severity, &out) }
            case .number:
                if node.kind != .number { typeProblem(p, plan, severity, &out) }
            case .integer:
                if node.kind != .number || !(node.isInteger || (node.number.isFinite && node.number == node.number.rounded())) {
                    typeProblem(p, plan, severity, &out)
                }
            case .bool:
                if node.kind != .bool { typeProblem(p, plan, severity, &out) }
            case .date:
                if node.kind != .string {
                    typeProblem(p, plan, severity, &out)
                } else if dateValue(.node(Int32(p.node))) == nil {
                    schemaInvalid[Int32(p.node)] = SchemaCause(problem: .date, expected: .date, field: plan.info(p.slot))
                    // The `date_field` has its own finding (`tuanthu.invalid-date`).
                    if p.node == dateNode || out.isFull("date " + p.pattern(self)) { continue }
                    let (vi, en) = schemaCauseText(Int32(p.node))
                    out.add(schemaFinding(.date, severity, p.node, vi: vi, en: en,
                                          hint: ("Ghi ngày có thật, dạng 2024-07-09 hoặc 09/07/2024.", "Write a real date as 2024-07-09 or 09/07/2024.")),
                            pattern: "date " + p.pattern(self), noun: ("ngày sai", "malformed dates"))
                }
            case .enumeration:
                if node.kind != .string {
                    typeProblem(p, plan, severity, &out)
                } else if !plan.enumContains(Int(step.a), stringBytes(p.node), orCanonically: { v in equal(.node(Int32(p.node)), .string(v)) == true }) {
                    guard case .enumeration(let values) = plan.types[Int(p.plan)] else { continue }
                    enumProblem(p, plan, values, severity, &out)
                }
            }
        }
        for c in conditionals { conditional(c, severity, &out) }
        out.finish()
        // In document order (the stack visits an object's members last first).
        return out.findings.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
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

    private func schemaFinding(_ problem: SchemaProblem, _ severity: [SchemaProblem: RuleSeverity], _ node: Int, vi: String, en: String,
                               hint: (vi: String, en: String), kind: FindingKind = .invalid, pointer: String? = nil) -> Finding {
        let n = nodes[node]
        return Finding(
            rule: problem.findingID, severity: severity[problem] ?? problem.defaultSeverity, kind: kind,
            message: [("vi", sentence(vi)), ("en", sentence(en))], hint: [("vi", hint.vi), ("en", hint.en)], cites: [],
            pointer: pointer ?? doc.pointer(of: node), line: 0, column: 0, start: n.start, end: n.end,
            missing: [], evidence: node == 0 ? [] : [Evidence(expr: shownPath(node), pointer: doc.pointer(of: node), valueJSON: evidenceJSON(node))],
            waiver: nil)
    }

    private func typeProblem(_ p: Pending, _ plan: SchemaPlan, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let expected = plan.types[Int(p.plan)]
        schemaInvalid[Int32(p.node)] = SchemaCause(problem: .type, expected: expected, field: plan.info(p.slot))
        // Past the cap only the mark is needed (a path costs a walk to the root).
        if out.isFull("type " + p.pattern(self)) { return }
        let shown = shownPath(p.node)
        let (vi, en) = schemaCauseText(Int32(p.node))
        out.add(schemaFinding(.type, severity, p.node, vi: vi, en: en,
                              hint: ("Ghi `\(shown)` dưới dạng \(typeName(expected, "vi")).", "Write `\(shown)` as \(typeName(expected, "en")).")),
                pattern: "type " + p.pattern(self), noun: ("giá trị sai kiểu", "values of the wrong type"))
    }

    /// Why value `n` failed validation, in words (vi, en); built only when shown.
    func schemaCauseText(_ n: Int32) -> (vi: String, en: String) {
        guard let c = schemaInvalid[n] else { return ("`\(shownPath(Int(n)))` không hợp lệ", "`\(shownPath(Int(n)))` is invalid") }
        let shown = shownPath(Int(n))
        let v = Value.node(n)
        switch c.problem {
        case .date:
            return ("`\(shown)` là \(describe(v, "vi")), không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)",
                    "`\(shown)` is \(describe(v, "en")), not a valid date (YYYY-MM-DD or DD/MM/YYYY)")
        case .enum:
            guard case .enumeration(let values) = c.expected else { break }
            let given = nodeString(Int(n))
            let quoted = "\"\(given.prefix(60))\(given.count > 60 ? "…" : "")\""
            func allowed(_ lang: String) -> String {
                var names = values.prefix(enumValuesShown).map { c.field?.label(of: $0, lang) ?? $0 }
                if values.count > enumValuesShown { names.append(lang == "vi" ? "… (\(values.count - enumValuesShown) giá trị khác)" : "… (\(values.count - enumValuesShown) more)") }
                return names.joined(separator: ", ")
            }
            return ("`\(shown)` là \(quoted), không thuộc các giá trị cho phép: \(allowed("vi"))",
                    "`\(shown)` is \(quoted), not one of the allowed values: \(allowed("en"))")
        default:
            break
        }
        return ("`\(shown)` là \(describe(v, "vi")), nhưng phải là \(typeName(c.expected, "vi"))",
                "`\(shown)` is \(describe(v, "en")), but must be \(typeName(c.expected, "en"))")
    }

    private func typeName(_ t: SchemaType, _ lang: String) -> String {
        let vi = lang == "vi"
        switch t {
        case .string, .enumeration: return vi ? "chuỗi" : "a string"
        case .number: return vi ? "số" : "a number"
        case .integer: return vi ? "số nguyên" : "an integer"
        case .bool: return vi ? "true hoặc false" : "true or false"
        case .date: return vi ? "ngày dạng chuỗi (YYYY-MM-DD hoặc DD/MM/YYYY)" : "a date string (YYYY-MM-DD or DD/MM/YYYY)"
        case .list: return vi ? "danh sách [ … ]" : "a list [ … ]"
        case .object: return vi ? "đối tượng { … }" : "an object { … }"
        }
    }

    private func enumProblem(_ p: Pending, _ plan: SchemaPlan, _ values: [String], _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        schemaInvalid[Int32(p.node)] = SchemaCause(problem: .enum, expected: .enumeration(values), field: plan.info(p.slot))
        if out.isFull("enum " + p.pattern(self)) { return }
        let given = nodeString(p.node)
        let (vi, en) = schemaCauseText(Int32(p.node))
        let hint: (String, String)
        if let s = suggestEnum(given, values, plan.info(p.slot)) {
            hint = ("Có phải là \"\(s)\"? Hồ sơ ghi mã giá trị, không ghi nhãn.", "Did you mean \"\(s)\"? The dossier holds the value's code, not its label.")
        } else {
            let codes = values.prefix(enumValuesShown).map { "\"\($0)\"" }.joined(separator: ", ") + (values.count > enumValuesShown ? ", …" : "")
            hint = ("Ghi một trong các mã: \(codes).", "Write one of the codes: \(codes).")
        }
        out.add(schemaFinding(.enum, severity, p.node, vi: vi, en: en, hint: hint),
                pattern: "enum " + p.pattern(self), noun: ("giá trị ngoài danh mục", "values outside the list"))
    }

    /// The allowed value the writer probably meant: one whose code or label
    /// folds (case, diacritics, `đ`) to the same text, else the closest code.
    private func suggestEnum(_ given: String, _ values: [String], _ field: SchemaFieldInfo?) -> String? {
        let g = foldKey(given)
        for v in values {
            if foldKey(v) == g { return v }
            if let l = field?.labels[v], [l.vi, l.en].contains(where: { $0.map(foldKey) == g }) { return v }
        }
        return closestFolded(given, values)
    }

    private func unknownKey(_ key: String, valueNode: Int, object: Int, fields: [SchemaFieldInfo], pattern: String,
                            _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        if out.isFull("key " + pattern) { return }
        let place = object == 0 ? "" : " trong `\(shownPath(object))`"
        let placeEN = object == 0 ? " at the top level" : " in `\(shownPath(object))`"
        let shownKey = key.count > 60 ? String(key.prefix(60)) + "…" : key
        let suggestion = closestFolded(key, fields.map(\.name))
        var vi = "Khóa «\(shownKey)»\(place) không có trong lược đồ"
        var en = "Key “\(shownKey)”\(placeEN) is not in the schema"
        let hint: (String, String)
        if let s = suggestion {
            vi += "; có phải là «\(s)»?"
            en += "; did you mean “\(s)”?"
            hint = ("Đổi tên khóa thành «\(s)».", "Rename the key to “\(s)”.")
        } else {
            let names = fields.prefix(enumValuesShown).map(\.name).joined(separator: ", ") + (fields.count > enumValuesShown ? ", …" : "")
            hint = ("Xóa khóa, hoặc dùng một khóa của lược đồ: \(names).", "Delete the key, or use one the schema declares: \(names).")
        }
        // At the member's value, where its pointer leads.
        out.add(schemaFinding(.unknownKey, severity, valueNode, vi: vi, en: en, hint: hint), pattern: "key " + pattern, noun: ("khóa lạ", "unknown keys"))
    }

    private func required(_ f: SchemaFieldInfo, object: Int, pattern: String, because condition: String?, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let path = object == 0 ? f.name : shownPath(object) + "." + f.name
        var vi = "Thiếu trường bắt buộc `\(path)`"
        var en = "The required field `\(path)` is missing"
        if let condition {
            vi += " (bắt buộc khi `\(condition)`)"
            en += " (required when `\(condition)`)"
        }
        var finding = schemaFinding(.required, severity, object, vi: vi, en: en,
                                    hint: ("Bổ sung `\(path)` vào hồ sơ.", "Add `\(path)` to the dossier."), kind: .missing)
        finding.missing = [doc.pointer(of: object) + "/" + escapePointerToken(f.name)]
        finding.evidence = []
        out.add(finding, pattern: "required " + pattern + "." + f.name, noun: ("trường bắt buộc bị thiếu", "missing required fields"))
    }

    /// A `required when` field that is absent: required if the condition
    /// holds; when the condition cannot be decided, that is reported at the
    /// fields it could not read.
    private func conditional(_ c: Conditional, _ severity: [SchemaProblem: RuleSeverity], _ out: inout Collector) {
        let x = ir.schemaConditions[c.condition]
        let truth = truth(inFrame(size: ir.schemaConditionFrames[c.condition], args: []) { eval(x) }, x.span)
        if truth == .no { return }  // the common case: nothing to word
        let conditionText = text(x.span)
        let pattern = "when " + program.schemaConditions[c.condition].field
        switch truth {
        case .no: return
        case .yes:
            required(c.field, object: c.object, pattern: pattern, because: conditionText, severity, &out)
        case .unknown, .invalid:
            tracing = true
            trace.reset()
            _ = inFrame(size: ir.schemaConditionFrames[c.condition], args: []) { eval(x) }
            tracing = false
            let path = c.object == 0 ? c.field.name : shownPath(c.object) + "." + c.field.name
            var blame = c.object
            var vi: String, en: String
            var kind = FindingKind.missing
            let missing = uniqueMissing()
            if truth == .invalid, let cause = trace.invalid {
                kind = .invalid
                if cause.node >= 0 { blame = Int(cause.node) }
                vi = "Không xác định được `\(path)` có bắt buộc hay không (`\(conditionText)`): \(cause.vi)"
                en = "Cannot tell whether `\(path)` is required (`\(conditionText)`): \(cause.en)"
            } else {
                if let r = trace.reads.first(where: { $0.missingPointer != nil }) { blame = Int(r.anchor) }
                let what = missing.map { "`\(dotted($0))`" }.joined(separator: ", ")
                vi = "Không xác định được `\(path)` có bắt buộc hay không (`\(conditionText)`): thiếu \(what.isEmpty ? "dữ liệu" : what)"
                en = "Cannot tell whether `\(path)` is required (`\(conditionText)`): \(what.isEmpty ? "data" : what) is missing"
            }
            var f = schemaFinding(.required, severity, blame, vi: vi, en: en,
                                  hint: ("Bổ sung hoặc sửa các trường mà điều kiện đọc.", "Add or correct the fields the condition reads."), kind: kind)
            f.missing = missing
            f.evidence = evidence()
            out.add(f, pattern: "undecided " + pattern, noun: ("trường không xác định được", "undecided fields"))
        }
    }
}

/// A message ending in a question mark keeps it; others get a period.
private func sentence(_ s: String) -> String { s.hasSuffix("?") ? s : s + "." }

// MARK: - Folding and suggestions

/// Lowercase, without diacritics (`đ` is `d`), `-` and spaces as `_`: how
/// keys and values are compared for a suggestion.
func foldKey(_ s: String) -> String {
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
func closestFolded(_ word: String, _ candidates: [String]) -> String? {
    let w = foldKey(word)
    if let exact = candidates.first(where: { foldKey($0) == w }) { return exact }
    let folded = candidates.map(foldKey)
    guard let best = closestMatch(to: w, in: folded), let k = folded.firstIndex(of: best) else { return nil }
    return candidates[k]
}

/// 9,990
func groupedEN(_ n: Int) -> String { grouped(n, ",") }
/// 9.990
func groupedVI(_ n: Int) -> String { grouped(n, ".") }

private func grouped(_ n: Int, _ separator: Character) -> String {
    var s = String(n)
    var k = s.count - 3
    while k > 0 {
        s.insert(separator, at: s.index(s.startIndex, offsetBy: k))
        k -= 3
    }
    return s
}

// MARK: - The schema as a flat plan

/// The schema flattened once per evaluator into plain structs indexed by
/// integers, so that validating a value retains and copies nothing (walking
/// `SchemaType` itself retained its boxes and copied each field's struct for
/// every value: more than the 51 rules cost). Immutable once built.
final class SchemaPlan {
    enum Kind: UInt8 { case object, list, string, number, integer, bool, date, enumeration }
    /// One type: an object's fields are `fields[a..<a+b]`; a list's element is
    /// node `a`; an enum's values are `enumValues[a]`.
    struct Node { var kind: Kind; var a: Int32; var b: Int32 }
    /// One declared field of an object.
    struct Field {
        var node: Int32
        var info: Int32
        var isOptional: Bool
        /// Index into `Program.schemaConditions`, or -1.
        var requiredWhen: Int32
    }

    // `let`s, not `var`s: a class's `var` is checked for exclusive access at
    // every read, and these are read for every value validated.
    let nodes: [Node]
    /// Per node, the type as declared, for messages.
    let types: [SchemaType]
    let fields: [Field]
    /// Per field slot, its name as UTF-8.
    let names: [[UInt8]]
    /// Per field slot, the field as declared (copied only for messages).
    let infos: [SchemaFieldInfo]
    /// Per enum, its values as UTF-8.
    let enumValues: [[[UInt8]]]

    /// Flattens `root`; node 0 is the root.
    init(_ root: SchemaType) {
        var b = Builder()
        _ = b.add(root)
        (nodes, types, fields, names, infos, enumValues) = (b.nodes, b.types, b.fields, b.names, b.infos, b.enumValues)
    }

    private struct Builder {
        var nodes: [Node] = []
        var types: [SchemaType] = []
        var fields: [Field] = []
        var names: [[UInt8]] = []
        var infos: [SchemaFieldInfo] = []
        var enumValues: [[[UInt8]]] = []

        mutating func add(_ t: SchemaType) -> Int32 {
            let n = Int32(nodes.count)
            nodes.append(Node(kind: .string, a: 0, b: 0))
            types.append(t)
            switch t {
            case .string: nodes[Int(n)].kind = .string
            case .number: nodes[Int(n)].kind = .number
            case .integer: nodes[Int(n)].kind = .integer
            case .bool: nodes[Int(n)].kind = .bool
            case .date: nodes[Int(n)].kind = .date
            case .enumeration(let values):
                nodes[Int(n)] = Node(kind: .enumeration, a: Int32(enumValues.count), b: 0)
                enumValues.append(values.map { Array($0.utf8) })
            case .list(let element):
                nodes[Int(n)].kind = .list
                let e = add(element)
                nodes[Int(n)].a = e
            case .object(let declared):
                // The object's slots are contiguous; their types are added after.
                let first = fields.count
                nodes[Int(n)] = Node(kind: .object, a: Int32(first), b: Int32(declared.count))
                for f in declared {
                    fields.append(Field(node: 0, info: Int32(infos.count), isOptional: f.isOptional, requiredWhen: Int32(f.requiredWhen ?? -1)))
                    names.append(f.nameUTF8)
                    infos.append(f)
                }
                for (k, f) in declared.enumerated() {
                    let child = add(f.type)
                    fields[first + k].node = child
                }
            }
            return n
        }
    }

    /// The field of slot `slot`, or nil for -1 (the root).
    func info(_ slot: Int32) -> SchemaFieldInfo? { slot < 0 ? nil : infos[Int(fields[Int(slot)].info)] }

    /// The position among `fields[first..<first+count]` of the field named
    /// `key`. Bytes first (schema names are identifiers); a non-ASCII key
    /// falls back to String's canonical equivalence, as names compare.
    func field(named key: UnsafeBufferPointer<UInt8>, first: Int, count: Int) -> Int? {
        let n = key.count
        for k in 0..<count {
            let matched = names[first + k].withUnsafeBufferPointer { name in
                name.count == n && (n == 0 || (name[0] == key[0] && memcmp(name.baseAddress!, key.baseAddress!, n) == 0))
            }
            if matched { return k }
        }
        guard key.contains(where: { $0 >= 0x80 }) else { return nil }
        let text = String(decoding: key, as: UTF8.self)
        return (0..<count).first { infos[Int(fields[first + $0].info)].name == text }
    }

    /// Whether enum `e` has the value `bytes`: exact bytes first; for a
    /// non-ASCII value, the evaluator's canonical equality decides.
    func enumContains(_ e: Int, _ bytes: UnsafeBufferPointer<UInt8>, orCanonically equal: (String) -> Bool) -> Bool {
        for v in enumValues[e] where v.count == bytes.count && v.elementsEqual(bytes) { return true }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return enumValues[e].contains { equal(String(decoding: $0, as: UTF8.self)) }
    }
}

extension Evaluator {
    /// The flat plan of the program's schema, built on first use.
    func schemaPlan(_ root: SchemaType) -> SchemaPlan {
        if let plan = schemaPlanCache { return plan }
        let plan = SchemaPlan(root)
        schemaPlanCache = plan
        return plan
    }
}
