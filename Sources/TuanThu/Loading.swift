import Diagnostics
import Foundation
import Reporters
import Semantics
import Syntax

/// A ruleset as loaded for a command: the files, every diagnostic (sorted),
/// and the parsed files.
public struct LoadedRuleset: Sendable {
    /// The compiled ruleset (partial when there are errors).
    public var program: Program
    /// The ruleset's source files.
    public var files: SourceMap
    /// The parsed files, in the order given.
    package var parsed: [RulesFile]
    /// Every diagnostic, parse and load-time, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// Number of `rule` declarations parsed, broken ones included.
    public var ruleCount: Int {
        parsed.reduce(0) { n, f in n + f.decls.count { if case .rule = $0 { true } else { false } } }
    }
}

/// Loads rulesets from disk: parse, then the load-time checks.
public enum RulesetLoader {
    /// Reads, parses and analyses the `.rules` files at `paths` (files or folders).
    public static func load(paths: [String]) throws(LoadError) -> LoadedRuleset {
        let p = try RulesetFiles.parse(paths: paths)
        return analyze(p)
    }

    /// The content digest of the ruleset at `paths` (see `RulesetDigest`), without parsing it.
    public static func digest(paths: [String]) throws(LoadError) -> (digest: String, files: [String]) {
        var named: [(name: String, bytes: [UInt8])] = []
        for path in paths {
            for f in try RulesetFiles.list(path) {
                guard let data = FileManager.default.contents(atPath: f) else { throw LoadError(message: "cannot read `\(f)`") }
                named.append((RulesetFiles.relativeName(f, under: path), [UInt8](data)))
            }
        }
        return (RulesetDigest.compute(named), named.map(\.name).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    /// Loads a ruleset from in-memory sources (tests).
    public static func load(sources: [(path: String, text: String)]) -> LoadedRuleset {
        analyze(RulesetFiles.parse(sources: sources))
    }

    private static func analyze(_ p: ParsedRuleset) -> LoadedRuleset {
        var (program, ds) = Analyzer.analyze(files: p.files, parsed: p.parsed)
        if p.relativeNames.count == p.files.files.count {
            program.digest = RulesetDigest.compute(zip(p.relativeNames, p.files.files).map { ($0, $1.bytes) })
        }
        // While some declaration does not parse, "unknown name, function,
        // rule or source" may only mean it is the one that failed: those
        // wait until the syntax is fixed. Every other error is reported in the same run.
        let cascades: Set<DiagnosticCode> = ["E2001", "E2002", "E2008", "E2009"]
        let anySyntaxError = p.diagnostics.contains { $0.severity == .error }
        let semantic = ds.filter { !(anySyntaxError && cascades.contains($0.code)) }
        var bag = DiagnosticBag()
        bag.add(contentsOf: p.diagnostics)
        bag.add(contentsOf: semantic)
        bag.sort()
        bag.removeDuplicates()
        return LoadedRuleset(program: program, files: p.files, parsed: p.parsed, diagnostics: bag.diagnostics)
    }
}

/// Diagnostics as JSON, for `lint --format json` and editors.
package func diagnosticsJSON(_ diagnostics: [Diagnostic], files: SourceMap) -> String {
    var out = "{\"diagnostics\": ["
    for (k, d) in diagnostics.enumerated() {
        out += k == 0 ? "\n  " : ",\n  "
        var fields: [String] = [
            "\"code\": \(escapeJSONString(d.code.rawValue))",
            "\"severity\": \(escapeJSONString(d.severity.rawValue))",
            "\"message\": \(escapeJSONString(d.message))",
        ]
        if let f = files[d.span.file] {
            let s = f.location(of: d.span.start)
            let e = f.location(of: d.span.end)
            fields += [
                "\"file\": \(escapeJSONString(f.path))", "\"line\": \(s.line)", "\"column\": \(s.column)",
                "\"end_line\": \(e.line)", "\"end_column\": \(e.column)",
            ]
        }
        if let h = d.help { fields.append("\"help\": \(escapeJSONString(h))") }
        if !d.notes.isEmpty { fields.append("\"notes\": [\(d.notes.map(escapeJSONString).joined(separator: ", "))]") }
        out += "{" + fields.joined(separator: ", ") + "}"
    }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    out += diagnostics.isEmpty ? "" : "\n"
    out += "], \"errors\": \(errors), \"warnings\": \(warnings)}\n"
    return out
}
