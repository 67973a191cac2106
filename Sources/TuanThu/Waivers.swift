import Base
import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Semantics

// Waivers (PRODUCT.md): an inspector's approval to accept a finding for a
// time. A waivers file is a JSON array of
//
//     {"rule": "KL81-3.5-WW-01", "dossier": "CT-2024-0012",
//      "pointer": "/wastewater", "reason": "…", "approved_by": "…",
//      "expires": "2025-06-30"}
//
// `dossier` is the dossier's `id` or its file path; `pointer` (optional)
// limits the waiver to findings at that JSON Pointer or below it; `file`
// (optional) pins it to the dossier read from that path. An id names the
// first dossier of a run that has it: a later one with the same id
// (`tuanthu.duplicate-id`) is covered only by a waiver naming its file. A waiver
// is live until the end of its `expires` day. A live waiver turns matching
// findings into waived findings (still reported, never counted toward
// `--fail-on`); an expired one is ignored with a warning; one that matches
// nothing is reported at the end of the run.
//
// The file is read with our own JSON parser so every error has a line and
// column. Mistakes that would silently widen a waiver (an unknown field such
// as a misspelt `pointer`, a duplicate key) are errors, not warnings.

/// One approved waiver, as read from a waivers file.
public struct Waiver: Sendable {
    /// The rule id whose findings it covers (a `tuanthu.…` id for the reserved checks).
    public var rule: String
    /// The dossier's `id`, or its file path.
    public var dossier: String
    /// When given, the file the dossier must also be read from (an id alone
    /// may be reused by mistake; the file pins the waiver to one dossier).
    package var file: String? = nil
    /// A JSON Pointer; the waiver covers findings at it or below it. Nil covers the whole dossier.
    package var pointer: String?
    /// Why the finding is accepted.
    public var reason: String
    /// Who approved the waiver.
    public var approvedBy: String
    /// The last day the waiver is live.
    public var expires: CivilDate
    /// Spans in the waivers file: the whole object, and the `rule` and `expires` values.
    package var span: Span
    /// Where the `rule` value is written.
    package var ruleSpan: Span
    /// Where the `expires` value is written.
    package var expiresSpan: Span

    /// The waiver as findings carry it.
    package var applied: AppliedWaiver {
        AppliedWaiver(reason: reason, approvedBy: approvedBy, expires: expires.description)
    }

    /// Does this waiver cover finding `f` of a dossier with this file and id?
    /// A missing-data finding is also covered when one of its missing paths is
    /// at or below the pointer.
    ///
    /// `idIsUnique` is false for a dossier flagged `tuanthu.duplicate-id`: an
    /// id names the first dossier of the run that has it, so the duplicate
    /// is covered only by a waiver that names its file.
    package func covers(_ f: Finding, file: String, id: String?, idIsUnique: Bool = true) -> Bool {
        guard f.rule == rule else { return false }
        if let only = self.file, !samePath(only, file) { return false }
        guard (idIsUnique && dossier == id) || samePath(dossier, file) else { return false }
        guard let pointer, !pointer.isEmpty else { return true }
        return isAtOrBelow(f.pointer, pointer) || f.missing.contains { isAtOrBelow($0, pointer) }
    }
}

/// A waivers file that cannot be used, with every error found in it.
public struct WaiverLoadError: Error, Sendable {
    /// The waivers file as named on the command line.
    public var path: String
    /// Every error found (and the warnings found with them), sorted by position.
    package var diagnostics: [Diagnostic]
    /// The file, for rendering the diagnostics with its lines.
    package var files: SourceMap
    /// Diagnostics found but not kept (past the first `WaiverFile.maxDiagnostics`).
    package var omitted: Int = 0

    /// The errors (and warnings) with file:line:col, source line and caret.
    public func rendered(colorize: Bool = false) -> String {
        DiagnosticRenderer(colorize: colorize).render(diagnostics, files: files)
    }

    /// One line for the end of the output.
    public var summary: String {
        let n = diagnostics.count { $0.severity == .error }
        let more = omitted > 0 ? " (and \(omitted) more problems not shown)" : ""
        return "the waivers file `\(path)` has \(n) error\(n == 1 ? "" : "s")\(more); no dossier was checked"
    }
}

/// A loaded waivers file.
public struct WaiverFile: Sendable {
    /// The file as named on the command line.
    public var path: String
    /// The valid waivers, in file order (expired ones included).
    public var waivers: [Waiver]
    /// The file, for rendering diagnostics that point into it.
    package var files: SourceMap
    /// Warnings found while loading (a rule the ruleset does not have).
    public var warnings: [Diagnostic]

    /// The most diagnostics a broken waivers file reports (as the rule parser stops after 100 errors).
    package static let maxDiagnostics = 100

    /// Reads and validates a waivers file. `program`, when given, is used to
    /// warn about waivers naming a rule the ruleset does not have.
    public static func load(path: String, program: Program? = nil) throws(WaiverLoadError) -> WaiverFile {
        // Bounded: a waivers file is small; a FIFO or a device must not hang the run.
        guard case .success(let data) = readFileBounded(path, maxBytes: 64 << 20) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a folder" : "it cannot be read, or is over 64 MiB"
            throw WaiverLoadError(
                path: path,
                diagnostics: [.error("E4101", "cannot read the waivers file `\(path)`: \(why)", at: .none)],
                files: SourceMap())
        }
        return try parse(bytes: data, path: path, program: program)
    }

    /// Parses and validates waivers from bytes (`path` is used in messages).
    public static func parse(bytes: [UInt8], path: String, program: Program? = nil) throws(WaiverLoadError) -> WaiverFile {
        var files = SourceMap()
        let file = files.add(path: path, bytes: bytes)
        let fid = file.id
        let document: JSONDocument
        do throws(JSONParseError) {
            document = try JSONParser.parse(bytes)
        } catch {
            throw WaiverLoadError(path: path, diagnostics: [error.diagnostic(file: fid)], files: files)
        }
        var found = DiagnosticBag()
        func span(_ node: Int, firstByte: Bool = false) -> Span {
            let n = document.nodes[node]
            return Span(file: fid, start: n.start, end: firstByte ? n.start + 1 : n.end)
        }
        let root = document.nodes[0]
        guard root.kind == .array else {
            throw WaiverLoadError(path: path, diagnostics: [
                .error("E4102", "a waivers file is a JSON array of waivers, but this file holds \(kindName(root.kind))",
                       at: span(0, firstByte: true), help: "write `[ {\"rule\": …, \"dossier\": …, …} ]`"),
            ], files: files)
        }
        for d in document.duplicateKeys {
            found.add(.error("E4108", "`\(shortExcerpt(document.string(d.second)))` appears twice in one waiver", at: span(d.second),
                                 secondary: [Label(span(d.first), "first here")],
                                 help: "keep one; a repeated field is read differently by different tools"))
        }
        let known = ["rule", "dossier", "file", "pointer", "reason", "approved_by", "expires"]
        var ruleIDs = Set(program?.rules.map(\.id) ?? [])
        ruleIDs.formUnion(reservedRuleIDs)
        var waivers: [Waiver] = []
        for element in document.children(0) {
            guard document.nodes[element].kind == .object else {
                found.add(.error("E4103", "a waiver is a JSON object, but this is \(kindName(document.nodes[element].kind))",
                                     at: span(element, firstByte: document.nodes[element].kind == .array)))
                continue
            }
            var fields: [String: Int] = [:]
            for (key, value) in document.members(element) {
                let name = document.string(key)
                if !known.contains(name) {
                    let guess = closestMatch(to: name, in: known)
                    found.add(.error("E4109", "unknown waiver field `\(shortExcerpt(name))`", at: span(key),
                                         help: guess.map { "did you mean `\($0)`?" } ?? "the fields are \(known.map { "`\($0)`" }.joined(separator: ", "))"))
                    continue
                }
                fields[name] = value
            }
            var strings: [String: String] = [:]
            var ok = true
            for name in known {
                guard let node = fields[name] else {
                    if name != "pointer" && name != "file" {
                        ok = false
                        found.add(.error("E4104", "this waiver has no `\(name)`", at: span(element, firstByte: true),
                                             help: "add `\"\(name)\": \(example(name))`; every waiver says what, where, why, who and until when"))
                    }
                    continue
                }
                let kind = document.nodes[node].kind
                guard kind == .string else {
                    ok = false
                    found.add(.error("E4105", "`\(name)` must be a string, not \(kindName(kind))", at: span(node), help: "write `\"\(name)\": \(example(name))`"))
                    continue
                }
                let text = document.string(node)
                if name != "pointer" && text.allSatisfy(\.isWhitespace) {
                    ok = false
                    found.add(.error("E4105", "`\(name)` is empty", at: span(node), help: "write `\"\(name)\": \(example(name))`"))
                    continue
                }
                strings[name] = text
            }
            if let p = strings["pointer"], !p.isEmpty, !p.hasPrefix("/") {
                ok = false
                found.add(.error("E4107", "`pointer` must be a JSON Pointer (empty, or starting with `/`), not `\(shortExcerpt(p))`",
                                     at: span(fields["pointer"]!), help: "write `\"/\(shortExcerpt(p.hasPrefix("/") ? String(p.dropFirst()) : p.replacingOccurrences(of: ".", with: "/")))\"`"))
            }
            var expires: CivilDate? = nil
            if let e = strings["expires"] {
                expires = isISODate(e) ? CivilDate(e) : nil
                if expires == nil {
                    ok = false
                    found.add(.error("E4106", "`expires` must be a calendar date written YYYY-MM-DD, not `\(shortExcerpt(e))`",
                                         at: span(fields["expires"]!), help: "write e.g. `\"expires\": \"2025-06-30\"`"))
                }
            }
            guard ok, let expires else { continue }
            let rule = strings["rule"]!
            if program != nil && !ruleIDs.contains(rule) {
                let guess = closestMatch(to: rule, in: ruleIDs.sorted())
                found.add(.warning("W4101", "the ruleset has no rule `\(shortExcerpt(rule))`; this waiver can match nothing",
                                         at: span(fields["rule"]!), help: guess.map { "did you mean `\($0)`?" }))
            }
            waivers.append(Waiver(
                rule: rule, dossier: strings["dossier"]!, file: strings["file"], pointer: strings["pointer"],
                reason: strings["reason"]!, approvedBy: strings["approved_by"]!, expires: expires,
                span: span(element), ruleSpan: span(fields["rule"]!), expiresSpan: span(fields["expires"]!)))
        }
        if found.hasErrors {
            // A broken file can hold thousands of mistakes; the first ones are what to fix.
            found.sort()
            let all = found.diagnostics
            throw WaiverLoadError(path: path, diagnostics: Array(all.prefix(maxDiagnostics)), files: files,
                                  omitted: max(0, all.count - maxDiagnostics))
        }
        return WaiverFile(path: path, waivers: waivers, files: files, warnings: found.diagnostics)
    }
}

/// Applies a waivers file to results as they stream by, and remembers which
/// waivers were used.
public struct WaiverApplier: Sendable {
    /// The waivers applied.
    package let file: WaiverFile
    /// The date of the check: a waiver is live while `expires >= asOf`.
    package let asOf: CivilDate
    /// Per waiver: did it cover at least one finding?
    package private(set) var used: [Bool]
    /// Per waiver: is it live on the as-of date?
    package let live: [Bool]
    private let ruleIndex: [String: Int]

    /// Prepares to apply `file` to results of `program` checked on `asOf`.
    public init(_ file: WaiverFile, asOf: CivilDate, program: Program) {
        self.file = file
        self.asOf = asOf
        self.used = Array(repeating: false, count: file.waivers.count)
        self.live = file.waivers.map { $0.expires >= asOf }
        var index: [String: Int] = [:]
        for (k, r) in program.rules.enumerated() where index[r.id] == nil { index[r.id] = k }
        self.ruleIndex = index
    }

    /// Warnings for the waivers that expired before the as-of date; they are ignored.
    public var expiredWarnings: [Diagnostic] {
        file.waivers.indices.filter { !live[$0] }.map { k in
            let w = file.waivers[k]
            return .warning("W4102", "the waiver of `\(shortExcerpt(w.rule))` for `\(shortExcerpt(w.dossier))` expired on \(w.expires) and is ignored (checking as of \(asOf))",
                            at: w.expiresSpan, label: "expired", help: "renew it with a new `expires` date, or delete it")
        }
    }

    /// Warnings for the live waivers that covered no finding so far (call at the end).
    public var unusedWarnings: [Diagnostic] {
        file.waivers.indices.filter { live[$0] && !used[$0] }.map { k in
            let w = file.waivers[k]
            let at = w.pointer.map { $0.isEmpty ? "" : " at `\($0)`" } ?? ""
            return .warning("W4103", "the waiver of `\(shortExcerpt(w.rule))` for `\(shortExcerpt(w.dossier))`\(at) matched no finding",
                            at: w.ruleSpan, help: "the dossier may be fixed (delete the waiver), or its `dossier` or `pointer` may be wrong")
        }
    }

    /// Marks the findings live waivers cover as waived, then recomputes the
    /// outcomes: a rule whose findings are all waived is `waived`, one with
    /// some left open takes the outcome of those (`fail`, or `missing` when
    /// only missing-data findings remain), and the dossier's outcome follows
    /// its rules.
    public mutating func apply(_ r: inout DossierResult) {
        markUsed(waive(&r))
    }

    /// `apply` without the bookkeeping, safe to call from several threads:
    /// returns the waivers that covered a finding, for `markUsed`.
    package func waive(_ r: inout DossierResult) -> [Int] {
        guard r.outcome != .error, !r.findings.isEmpty, !file.waivers.isEmpty else { return [] }
        var touched = Set<String>()
        var usedHere: [Int] = []
        let idIsUnique = !r.findings.contains { $0.rule == duplicateIDRule }
        for i in r.findings.indices where r.findings[i].waiver == nil {
            for k in file.waivers.indices where live[k] && file.waivers[k].covers(r.findings[i], file: r.file, id: r.id, idIsUnique: idIsUnique) {
                if r.findings[i].waiver == nil {
                    r.findings[i].waiver = file.waivers[k].applied
                    touched.insert(r.findings[i].rule)
                }
                usedHere.append(k)
            }
        }
        guard !touched.isEmpty else { return usedHere }
        for id in touched {
            guard let k = ruleIndex[id], k < r.rules.count else { continue }
            let open = r.findings.filter { $0.rule == id && $0.waiver == nil }
            r.rules[k] = open.isEmpty ? .waived : open.contains { $0.kind != .missing } ? .fail : .missing
        }
        r.outcome = Evaluator.dossierOutcome(rules: r.rules, findings: r.findings)
        return usedHere
    }

    /// Records that waivers `indices` covered a finding (for `unusedWarnings`).
    package mutating func markUsed(_ indices: [Int]) {
        for k in indices { used[k] = true }
    }

    /// Diagnostics about the waivers file, rendered with its lines.
    public func render(_ diagnostics: [Diagnostic], colorize: Bool = false) -> String {
        DiagnosticRenderer(colorize: colorize).render(diagnostics, files: file.files)
    }
}

// MARK: - Helpers

/// Rule ids the checker itself reports (not declared by any ruleset).
let reservedRuleIDs = ["tuanthu.duplicate-key", "tuanthu.invalid-date", duplicateIDRule, evidenceMismatchRule, evidenceUnverifiedRule] + SchemaProblem.allCases.map(\.findingID)

/// Is JSON Pointer `p` equal to `base` or below it (`/a/b` is below `/a`, `/ab` is not)?
func isAtOrBelow(_ p: String, _ base: String) -> Bool {
    base.isEmpty || p == base || (p.hasPrefix(base) && p.utf8.dropFirst(base.utf8.count).first == UInt8(ascii: "/"))
}

/// Do two paths name the same file (relative paths resolve against the working directory)?
func samePath(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    return URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
}

/// Exactly `YYYY-MM-DD` (CivilDate also reads other forms dossiers use).
private func isISODate(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
    return u.enumerated().allSatisfy { k, b in k == 4 || k == 7 || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
}

private func example(_ field: String) -> String {
    switch field {
    case "rule": "\"KL81-3.5-WW-01\""
    case "dossier": "\"CT-2024-0012\""
    case "pointer": "\"/wastewater\""
    case "file": "\"plans/ct-2024-0012.json\""
    case "reason": "\"…\""
    case "approved_by": "\"…\""
    default: "\"2025-06-30\""
    }
}

private func kindName(_ k: JSONKind) -> String {
    switch k {
    case .array: "an array"
    case .object: "an object"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
}
