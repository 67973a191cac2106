/// A JSON value to write. Output is deterministic: members keep the order
/// they are given in.
public indirect enum JSONOut: Sendable {
    case null
    case bool(Bool)
    /// A number, already as JSON text.
    case number(String)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])
    /// JSON text inserted as is (must be valid JSON).
    case raw(String)

    public static func int(_ v: Int) -> JSONOut { .number(String(v)) }
    public static func optionalString(_ s: String?) -> JSONOut { s.map { .string($0) } ?? .null }

    /// Serialises compactly (one line), or indented by two spaces.
    public func serialized(pretty: Bool = false, indent: Int = 0) -> String {
        var out = ""
        write(&out, pretty: pretty, indent: indent)
        return out
    }

    fileprivate func write(_ out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .raw(let r): out += r
        case .string(let s): out += escapeJSONString(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if pretty, let line = inline() { out += line; return }
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if pretty, let line = inline() { out += line; return }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                out += escapeJSONString(key)
                out += pretty ? ": " : ":"
                value.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }
}

extension JSONOut {
    /// A small container on one line (`{"a": 1, "b": [2]}`), or nil when it is
    /// long or nests containers deeper than one level.
    fileprivate func inline() -> String? {
        var out = ""
        guard writeInline(&out, depth: 0), out.utf8.count <= 72 else { return nil }
        return out
    }

    private func writeInline(_ out: inout String, depth: Int) -> Bool {
        switch self {
        case .array(let items):
            if depth > 1 { return false }
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                if !item.writeInline(&out, depth: depth + 1) { return false }
                if out.utf8.count > 72 { return false }
            }
            out += "]"
        case .object(let members):
            if depth > 1 { return false }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += ", " }
                out += escapeJSONString(key) + ": "
                if !value.writeInline(&out, depth: depth + 1) { return false }
                if out.utf8.count > 72 { return false }
            }
            out += "}"
        default:
            write(&out, pretty: false, indent: 0)
        }
        return true
    }
}

/// A JSON string literal, escaped per RFC 8259.
public func escapeJSONString(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
