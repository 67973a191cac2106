import Diagnostics
import Evaluator
@testable import Reporters
import Semantics

// A frozen copy of the JSON tree serialiser and of the `tuanthu/1` dossier
// builder as they were before dossiers were written straight into bytes:
// the oracle `JSONWriterTests` compares the new bytes with. Do not "fix"
// it to follow the writer: it is the format's reference.

/// A JSON tree as the reports used to build one.
enum ReferenceJSON {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([ReferenceJSON])
    case object([(String, ReferenceJSON)])
    case raw(String)

    static func int(_ v: Int) -> ReferenceJSON { .number(String(v)) }
    static func optionalString(_ s: String?) -> ReferenceJSON { s.map { .string($0) } ?? .null }

    func serialized(pretty: Bool = false, indent: Int = 0) -> String {
        var out: [UInt8] = []
        write(&out, pretty: pretty, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .raw(let r): out.append(contentsOf: r.utf8)
        case .string(let s): out.append(contentsOf: referenceEscaped(s).utf8)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            if pretty, writeInline(&out) { return }
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                item.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            if pretty, writeInline(&out) { return }
            out.append(UInt8(ascii: "{"))
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                out.append(contentsOf: referenceEscaped(key).utf8)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func writeInline(_ out: inout [UInt8]) -> Bool {
        let mark = out.count
        if appendInline(&out, depth: 0, limit: mark + 72) { return true }
        out.removeSubrange(mark...)
        return false
    }

    private func appendInline(_ out: inout [UInt8], depth: Int, limit: Int) -> Bool {
        switch self {
        case .array(let items):
            if depth > 1 { return false }
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                if !item.appendInline(&out, depth: depth + 1, limit: limit) || out.count > limit { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if depth > 1 { return false }
            out.append(UInt8(ascii: "{"))
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                out.append(contentsOf: referenceEscaped(key).utf8)
                out.append(contentsOf: ": ".utf8)
                if !value.appendInline(&out, depth: depth + 1, limit: limit) || out.count > limit { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(&out, pretty: false, indent: 0)
        }
        return out.count <= limit
    }

    private func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        for _ in 0..<(indent * 2) { out.append(0x20) }
    }
}

/// A JSON string literal as the reports used to escape one: RFC 8259, and U+2028/U+2029.
func referenceEscaped(_ s: String) -> String {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    let b = Array(s.utf8)
    var i = 0
    while i < b.count {
        let c = b[i]
        switch c {
        case UInt8(ascii: "\""): out += Array("\\\"".utf8)
        case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
        case 0x0A: out += Array("\\n".utf8)
        case 0x0D: out += Array("\\r".utf8)
        case 0x09: out += Array("\\t".utf8)
        case 0x00..<0x20, 0x7F:
            let hex = Array("0123456789abcdef".utf8)
            out += [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]]
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
            out += Array((b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
            i += 2
        default: out.append(c)
        }
        i += 1
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
}

/// A dossier's result in the `tuanthu/1` shape, as the tree used to be built.
func referenceDossierJSON(_ r: DossierResult, _ context: ReportContext) -> ReferenceJSON {
    let program = context.program
    var rules: [ReferenceJSON] = []
    if r.outcome != .error {
        for (k, o) in r.rules.enumerated() {
            rules.append(.object([("rule", .string(program.rules[k].id)), ("outcome", .string(o.rawValue))]))
        }
        var reserved: [String] = []
        for f in r.findings where f.rule.hasPrefix("tuanthu.") && !reserved.contains(f.rule) { reserved.append(f.rule) }
        rules += reserved.map { id in
            .object([("rule", .string(id)), ("outcome", .string(reservedOutcome(r.findings.filter { $0.rule == id }).rawValue))])
        }
    }
    let summary = r.summary
    var error: ReferenceJSON = .null
    if let e = r.error {
        error = .object([
            ("code", .string(e.code)), ("message", .string(e.message(context.lang))),
            ("line", e.line.map { .int($0) } ?? .null), ("column", e.column.map { .int($0) } ?? .null),
        ])
    }
    var head: [(String, ReferenceJSON)] = [("file", .string(r.file))]
    if let line = r.line { head.append(("line", .int(line))) }
    return .object(head + [
        ("id", .optionalString(r.id)),
        ("sha256", r.sha256.isEmpty ? .null : .string(r.sha256)),
        ("outcome", .string(r.outcome.rawValue)),
        ("verdict", .string(context.verdict(r).rawValue)),
        ("error", error),
        ("rules", .array(rules)),
        ("findings", .array(r.findings.map { referenceFindingJSON($0, r) })),
        ("summary", .object(RuleOutcome.allCases.map { ($0.rawValue, .int(summary[$0] ?? 0)) })),
    ])
}

private func referenceFindingJSON(_ f: Finding, _ r: DossierResult) -> ReferenceJSON {
    let loc = r.location(of: f)
    var waiver: ReferenceJSON = .null
    if let w = f.waiver {
        waiver = .object([("reason", .string(w.reason)), ("approved_by", .string(w.approvedBy)), ("expires", .string(w.expires))])
    }
    var members: [(String, ReferenceJSON)] = [
        ("rule", .string(f.rule)),
        ("severity", .string(f.severity.rawValue)),
        ("kind", .string(f.kind.rawValue)),
        ("message", .object(f.message.map { ($0.lang, .string($0.text)) })),
        ("hint", f.hint.isEmpty ? .null : .object(f.hint.map { ($0.lang, .string($0.text)) })),
        ("cites", .array(f.cites.map { c in
            var m: [(String, ReferenceJSON)] = [("source", .string(c.source)), ("item", .optionalString(c.item))]
            if let p = c.point { m.append(("point", .string(p))) }
            if let v = c.verified { m.append(("verified", .bool(v))) }
            return .object(m)
        })),
        ("pointer", .string(f.pointer)),
        ("line", .int(loc.line)),
        ("column", .int(loc.column)),
        ("missing", .array(f.missing.map { .string($0) })),
        ("evidence", .array(f.evidence.map { e in
            var members: [(String, ReferenceJSON)] = [("expr", .string(e.expr)), ("pointer", .string(e.pointer)), ("value", e.valueJSON.map { .raw($0) } ?? .string("missing"))]
            if let at = r.location(of: e) { members += [("line", .int(at.line)), ("column", .int(at.column))] }
            return .object(members)
        })),
        ("waiver", waiver),
    ]
    if !f.unverified.isEmpty {
        members.append(("unverified_thresholds", .array(f.unverified.map { t in
            .object([
                ("name", .string(t.name)),
                ("value", .string(t.valueText)),
                ("cites", .array(t.cites.map { .string(citationKey($0)) })),
                ("reason", .optionalString(t.reason)),
            ])
        })))
    }
    return .object(members)
}
