@_exported import Diagnostics
@_exported import Evaluator
@_exported import Format
@_exported import JSON
@_exported import Reporters
@_exported import Semantics
@_exported import Syntax
import Foundation

/// A ruleset as loaded for a command: the files, every diagnostic (sorted),
/// and the parsed files.
public struct LoadedRuleset: Sendable {
    /// The compiled ruleset (partial when there are errors).
    public var program: Program
    public var files: SourceMap
    public var parsed: [RulesFile]
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var ruleCount: Int {
        parsed.reduce(0) { n, f in n + f.decls.count { if case .rule = $0 { true } else { false } } }
    }
}

/// Loads rulesets from disk: parse, then the load-time checks.
public enum RulesetLoader {
    public static func load(paths: [String]) throws(LoadError) -> LoadedRuleset {
        let p = try RulesetFiles.parse(paths: paths)
        return analyze(p)
    }

    /// Loads a ruleset from in-memory sources (tests).
    public static func load(sources: [(path: String, text: String)]) -> LoadedRuleset {
        analyze(RulesetFiles.parse(sources: sources))
    }

    private static func analyze(_ p: ParsedRuleset) -> LoadedRuleset {
        let (program, ds) = Analyzer.analyze(files: p.files, parsed: p.parsed)
        // Name and type errors in a file that does not parse are likely cascades.
        let broken = Set(p.diagnostics.filter { $0.severity == .error }.map(\.span.file))
        let semantic = ds.filter { !broken.contains($0.span.file) || $0.severity != .error }
        return LoadedRuleset(program: program, files: p.files, parsed: p.parsed, diagnostics: DiagnosticBag.sorted(p.diagnostics + semantic))
    }
}

/// Diagnostics as JSON, for `lint --format json` and editors.
public func diagnosticsJSON(_ diagnostics: [Diagnostic], files: SourceMap) -> String {
    var out = "{\"diagnostics\": ["
    for (k, d) in diagnostics.enumerated() {
        out += k == 0 ? "\n  " : ",\n  "
        var fields: [String] = [
            "\"code\": \(jsonString(d.code.rawValue))",
            "\"severity\": \(jsonString(d.severity.rawValue))",
            "\"message\": \(jsonString(d.message))",
        ]
        if let f = files[d.span.file] {
            let s = f.location(of: d.span.start)
            let e = f.location(of: d.span.end)
            fields += [
                "\"file\": \(jsonString(f.path))", "\"line\": \(s.line)", "\"column\": \(s.column)",
                "\"end_line\": \(e.line)", "\"end_column\": \(e.column)",
            ]
        }
        if let h = d.help { fields.append("\"help\": \(jsonString(h))") }
        if !d.notes.isEmpty { fields.append("\"notes\": [\(d.notes.map(jsonString).joined(separator: ", "))]") }
        out += "{" + fields.joined(separator: ", ") + "}"
    }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    out += diagnostics.isEmpty ? "" : "\n"
    out += "], \"errors\": \(errors), \"warnings\": \(warnings)}\n"
    return out
}

/// A JSON string literal, escaped per RFC 8259.
public func jsonString(_ s: String) -> String {
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
            if u.value < 0x20 {
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
