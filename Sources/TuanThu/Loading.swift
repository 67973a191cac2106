import Digest
import Diagnostics
import Evaluator
import FileIO
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
    /// Each rule set as given (`--rules`, in order) with its own content digest.
    public var sets: [RuleSetIdentity] = []
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

    /// Loads several rule sets as one ruleset (`--rules A --rules B`): one
    /// namespace, so a later set uses the schema, `let`s, `def`s and sources
    /// of the earlier ones and adds rules; a rule id declared in two sets is
    /// E4200 (naming both files and lines). Each set keeps its own digest,
    /// computed as `tuanthu digest PATH` would; the program's digest is that
    /// digest for one set, else the SHA-256 of the sets' digests in order,
    /// each as 64 hex characters and a line feed.
    public static func load(sets: [String]) throws(LoadError) -> LoadedRuleset {
        guard sets.count > 1 else {
            var loaded = try load(paths: sets)
            loaded.sets = sets.map { RuleSetIdentity(path: $0, sha256: loaded.program.digest) }
            return loaded
        }
        var seen: [String: String] = [:]
        var owner: [Int] = []
        for (k, path) in sets.enumerated() {
            let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if let first = seen[key] {
                throw LoadError(localize(CommandMessage.ruleSetGivenTwice, ["path": .text(path), "first": .text(first)]))
            }
            seen[key] = path
            owner += Array(repeating: k, count: try RulesetFiles.list(path).count)
        }
        let p = try RulesetFiles.parse(paths: sets)
        var loaded = analyze(p)
        var identities: [RuleSetIdentity] = []
        for (k, path) in sets.enumerated() {
            let files = zip(p.relativeNames, p.files.files).enumerated().filter { k < owner.count && owner[$0.offset] == k }.map { ($0.element.0, $0.element.1.bytes) }
            identities.append(RuleSetIdentity(path: path, sha256: RulesetDigest.compute(files)))
        }
        var h = SHA256()
        for i in identities { h.update(Array((i.sha256 + "\n").utf8)) }
        loaded.program.digest = h.finalizeHex()
        loaded.sets = identities
        // A rule id declared again in another set: E4200, naming both places.
        func setOf(_ file: FileID) -> Int? {
            guard let i = p.files.files.firstIndex(where: { $0.id == file }), i < owner.count else { return nil }
            return owner[i]
        }
        loaded.diagnostics = loaded.diagnostics.map { d in
            guard d.code == "E2004", let first = d.secondary.first, let a = setOf(first.span.file), let b = setOf(d.span.file), a != b,
                  let firstFile = p.files[first.span.file], let againFile = p.files[d.span.file] else { return d }
            let id = againFile.text(d.span)
            let firstAt = "\(firstFile.path):\(firstFile.location(of: first.span.start).line)"
            let againAt = "\(againFile.path):\(againFile.location(of: d.span.start).line)"
            return Diagnostic.error(
                "E4200", localize(CommandMessage.ruleIDInTwoSets, ["id": .text(id), "firstAt": .text(firstAt), "firstSet": .text(sets[a]),
                                                                   "againAt": .text(againAt), "againSet": .text(sets[b])]),
                at: d.span, label: localize(CommandMessage.declaredAgainHere),
                secondary: [Label(first.span, localize(CommandMessage.firstDeclaredInSet, ["set": .text(sets[a])]))],
                help: localize(CommandMessage.ruleIDInTwoSetsHelp, ["path": .text(againFile.path)]))
        }
        return loaded
    }

    /// The content digest of the ruleset at `paths` (see `RulesetDigest`), without parsing it.
    public static func digest(paths: [String]) throws(LoadError) -> (digest: String, files: [String]) {
        var named: [(name: String, bytes: [UInt8])] = []
        for path in paths {
            for f in try RulesetFiles.list(path) {
                guard let data = readWholeFile(f) else { throw LoadError(localize(CommandMessage.cannotReadPath, ["path": .text(f)])) }
                named.append((RulesetFiles.relativeName(f, under: path), data))
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

/// Which rules a run checks (`--only`, `--skip`, each repeatable). A selector
/// is a rule id (`KL81-3.5-WW-01`), a glob over ids (`KL81-3.5-*`, `?` one
/// character), a tag (`tag:energy`) or a cited item (`item:3.5`, which takes
/// its sub-items `3.5.1`… too). A rule runs when `only` is empty or one of its
/// selectors matches it, and no `skip` selector does. The checker's own
/// checks (`tuanthu.…`: schema, duplicate keys and ids) always run.
public struct RuleSelection: Sendable, Hashable {
    /// `--only` selectors, in the order given.
    public var only: [String]
    /// `--skip` selectors, in the order given.
    public var skip: [String]

    /// Creates a selection; both empty selects every rule.
    public init(only: [String] = [], skip: [String] = []) {
        self.only = only
        self.skip = skip
    }

    /// Whether every rule is selected.
    public var isEmpty: Bool { only.isEmpty && skip.isEmpty }

    /// The selection as flags, e.g. `--only tag:energy --skip KL81-3.5-*`; nil when empty.
    public var summary: String? {
        isEmpty ? nil : (only.map { "--only \($0)" } + skip.map { "--skip \($0)" }).joined(separator: " ")
    }

    /// Whether `selector` names `rule`.
    package static func matches(_ selector: String, _ rule: CompiledRule) -> Bool {
        if selector.hasPrefix("tag:") { return rule.tags.contains(String(selector.dropFirst(4))) }
        if selector.hasPrefix("item:") {
            let item = String(selector.dropFirst(5))
            return rule.cites.contains { c in c.item.map { $0 == item || $0.hasPrefix(item + ".") } ?? false }
        }
        if selector.contains("*") || selector.contains("?") { return globMatches(Array(selector), Array(rule.id)) }
        return rule.id == selector
    }

    /// Whether `rule` runs under this selection.
    package func selects(_ rule: CompiledRule) -> Bool {
        (only.isEmpty || only.contains { Self.matches($0, rule) }) && !skip.contains { Self.matches($0, rule) }
    }

    /// Each selector that matches no rule of `program` (a typo must not give
    /// a silent pass), with its flag and the closest rule id, tag or item.
    package func unmatched(in program: Program) -> [(flag: String, selector: String, suggestion: String?)] {
        var out: [(flag: String, selector: String, suggestion: String?)] = []
        for (flag, list) in [("--only", only), ("--skip", skip)] {
            for s in list where !program.rules.contains(where: { Self.matches(s, $0) }) {
                let candidates: [String]
                if s.hasPrefix("tag:") {
                    candidates = Array(Set(program.rules.flatMap(\.tags))).sorted().map { "tag:" + $0 }
                } else if s.hasPrefix("item:") {
                    candidates = Array(Set(program.rules.flatMap { $0.cites.compactMap(\.item) })).sorted().map { "item:" + $0 }
                } else {
                    candidates = program.rules.map(\.id)
                }
                out.append((flag, s, closestMatch(to: s, in: candidates)))
            }
        }
        return out
    }

    /// `program` with only the selected rules (their order kept): what
    /// `check` evaluates and its reports list. Lets, defs, thresholds and the
    /// schema all stay (a selected rule may read any of them; a let is only
    /// computed when read).
    package func apply(to program: Program) -> Program {
        guard !isEmpty else { return program }
        var p = program
        p.rules = program.rules.filter(selects)
        return p
    }
}

extension RuleSelection {
    /// `program` with the `test` blocks narrowed to the selected rules: each
    /// test keeps its expectations on selected rules, and a test left with
    /// none is dropped. The rules themselves all stay (a test's dossier is
    /// checked as a whole).
    package func applyToTests(_ program: Program) -> Program {
        guard !isEmpty else { return program }
        let ids = Set(program.rules.filter(selects).map(\.id))
        var p = program
        p.tests = program.tests.compactMap { t in
            var t = t
            t.expectations = t.expectations.filter { ids.contains($0.rule) }
            return t.expectations.isEmpty ? nil : t
        }
        return p
    }

    /// `program` for a coverage report of the selected rules: those rules,
    /// of each source only the items a selected rule cites, and of those
    /// items only the points a selected rule cites.
    package func applyToCoverage(_ program: Program) -> Program {
        guard !isEmpty else { return program }
        var p = apply(to: program)
        p.sources = program.sources.map { s in
            var s = s
            s.items = s.items.filter { item in p.rules.contains { r in r.cites.contains { $0.source == s.name && $0.item == item.id } } }
            for k in s.items.indices {
                let item = s.items[k].id
                s.items[k].points = s.items[k].points.filter { point in
                    p.rules.contains { r in r.cites.contains { $0.source == s.name && $0.item == item && $0.point == point.id } }
                }
            }
            return s
        }
        return p
    }
}

/// `*` any run of characters, `?` one character, anything else itself.
private func globMatches(_ pattern: [Character], _ text: [Character]) -> Bool {
    var p = 0, t = 0, star = -1, mark = 0
    while t < text.count {
        if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
            p += 1
            t += 1
        } else if p < pattern.count && pattern[p] == "*" {
            star = p
            mark = t
            p += 1
        } else if star >= 0 {
            p = star + 1
            mark += 1
            t = mark
        } else {
            return false
        }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
}
