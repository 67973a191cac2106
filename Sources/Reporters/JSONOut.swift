/// A JSON value to write. Output is deterministic: members keep the order
/// they are given in. Written into a byte buffer (no per-character String
/// appends): the NDJSON stream writes one of these per dossier.
///
/// Not `indirect`: the containers' arrays already give the recursion its
/// indirection, and an indirect case would cost one allocation per node
/// (a finding has some forty).
package enum JSONOut: Sendable {
    case null
    case bool(Bool)
    /// A number, already as JSON text.
    case number(String)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])
    /// JSON text inserted as is (must be valid JSON).
    case raw(String)
    /// JSON text inserted as is, as UTF-8 bytes (must be valid JSON).
    case rawBytes([UInt8])

    /// An integer as a JSON number.
    package static func int(_ v: Int) -> JSONOut { .number(String(v)) }
    /// A string, or `null` when nil.
    package static func optionalString(_ s: String?) -> JSONOut { s.map { .string($0) } ?? .null }

    /// Serialises compactly (one line), or indented by two spaces, small
    /// containers kept on one line.
    package func serialized(pretty: Bool = false, indent: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(&out, pretty: pretty, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value, compact (one line), to `out`: the bytes
    /// `serialized()` would give, without making a `String` of them.
    package func write(into out: inout [UInt8]) {
        write(&out, pretty: false, indent: 0)
    }

    fileprivate func write(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .raw(let r): out.append(contentsOf: r.utf8)
        case .rawBytes(let r): out.append(contentsOf: r)
        case .string(let s): appendEscaped(s, to: &out)
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
                appendEscaped(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a small container on one line (`{"a": 1, "b": [2]}`); returns
    /// false, writing nothing, when it is long or nests too deep.
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
                appendEscaped(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                if !value.appendInline(&out, depth: depth + 1, limit: limit) || out.count > limit { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(&out, pretty: false, indent: 0)
        }
        return out.count <= limit
    }
}

private func newline(_ out: inout [UInt8], _ indent: Int) {
    out.append(0x0A)
    for _ in 0..<(indent * 2) { out.append(0x20) }
}

/// Appends a JSON string literal, escaped per RFC 8259; runs of plain bytes
/// are copied whole.
private func appendEscaped(_ s: String, to out: inout [UInt8]) {
    var s = s
    plainJSONStringByte.withUnsafeBufferPointer { plain in s.withUTF8 { b in
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            // Most bytes need nothing: one table load decides (the rare
            // 0xE2 is looked at below for U+2028 and U+2029).
            if plain[Int(c)] {
                i += 1
                continue
            }
            var escape: StaticString? = nil
            var control = false
            switch c {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20, 0x7F: control = true
            case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                // U+2028 and U+2029 break JavaScript string literals.
                escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
            default: break
            }
            if escape == nil && !control {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            if let e = escape {
                out.append(contentsOf: UnsafeBufferPointer(start: e.utf8Start, count: e.utf8CodeUnitCount))
                i += c == 0xE2 ? 3 : 1
            } else {
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                i += 1
            }
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<n]))
        out.append(UInt8(ascii: "\""))
    } }
}

/// The bytes a JSON string literal holds as they are: all but `"`, `\\`,
/// the controls (C0 and DEL) and 0xE2, which may start U+2028 or U+2029.
private let plainJSONStringByte: [Bool] = (0...255).map { c in
    !(c == 0x22 || c == 0x5C || c < 0x20 || c == 0x7F || c == 0xE2)
}

/// A JSON string literal, escaped per RFC 8259.
package func escapeJSONString(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    appendEscaped(s, to: &out)
    return String(decoding: out, as: UTF8.self)
}
