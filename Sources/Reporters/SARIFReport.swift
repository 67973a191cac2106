import Diagnostics
import Digest
import Evaluator
import Foundation
import Semantics

/// `--format sarif`: SARIF 2.1.0, one run, for code-scanning tools.
///
/// - `tool.driver.rules` lists every rule of the program (title, `///` doc,
///   hint and citations as help, citations and tags as properties, severity
///   as `defaultConfiguration.level`), then the reserved
///   `tuanthu.duplicate-key`.
/// - Each finding is a result: `physicalLocation` in the dossier (URI
///   relative to the working directory, `uriBaseId` `%SRCROOT%`; a region in
///   Unicode scalars, as `run.columnKind` says, the unit of `Finding.column`),
///   the JSON Pointer as a `logicalLocation`, a `partialFingerprints` hash
///   that does not change between runs, and kind, missing paths, evidence and
///   citations as properties. Each evidence value that is in the dossier is
///   a `relatedLocations` entry: its region, its pointer, `expr = value`.
///   A waived finding is still a result, with an external, accepted
///   suppression carrying the waiver.
/// - Unreadable dossiers are `toolExecutionNotifications` of the invocation
///   (with their location), and make `executionSuccessful` false.
///
/// Results stream; the invocation and the artifact list (every dossier with
/// its SHA-256) close the run.
struct SARIFReport: ReportWriter {
    let context: ReportContext
    let rules: ReportRules
    private var resultCount = 0
    private var notifications: [JSONOut] = []
    /// Each dossier file once, with its SHA-256 (nil when records of one
    /// stream, all named `<stdin>`, have different digests).
    private var artifacts: [(file: String, sha256: String?)] = []
    /// Artifact index by file, so a file given twice is listed once.
    private var artifactIndex: [String: Int] = [:]

    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    init(_ context: ReportContext) {
        self.context = context
        self.rules = ReportRules(context.program)
    }

    mutating func begin() -> String {
        let driver = JSONOut.object([
            ("name", .string(context.toolName)),
            ("version", .string(context.toolVersion)),
            ("semanticVersion", .string(context.toolVersion)),
            ("informationUri", .string(context.toolURI)),
            ("rules", .array(rules.list.map(ruleDescriptor))),
        ])
        let runProperties = JSONOut.object([
            ("ruleset", rulesetJSON(context)),
            ("as_of", .string(context.asOf)),
            ("purpose", .string(context.purpose.rawValue)),
            ("lang", .string(context.lang)),
        ])
        var s = "{\n  \"$schema\": \(escapeJSONString(Self.schemaURI)),\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
        s += "      \"tool\": {\n        \"driver\": " + driver.serialized(pretty: true, indent: 4) + "\n      },\n"
        s += "      \"columnKind\": \"unicodeCodePoints\",\n"
        s += "      \"properties\": " + runProperties.serialized(pretty: true, indent: 3) + ",\n"
        s += "      \"results\": ["
        return s
    }

    mutating func dossier(_ r: DossierResult) -> String {
        let artifact = artifactFor(r)
        if let e = r.error {
            var location: [(String, JSONOut)] = [("artifactLocation", artifactLocation(r.file, artifact))]
            if let line = e.line {
                location.append(("region", .object([("startLine", .int(line)), ("startColumn", .int(e.column ?? 1))])))
            }
            notifications.append(.object([
                ("level", .string("error")),
                ("message", .object([("text", .string(e.message(context.lang)))])),
                ("descriptor", .object([("id", .string(e.code))])),
                ("locations", .array([.object([("physicalLocation", .object(location))])])),
            ]))
            return ""
        }
        var out = ""
        // Every finding's and evidence value's region placed in one pass.
        let places = r.places(ends: true)
        for (k, f) in r.findings.enumerated() {
            out += (resultCount > 0 ? "," : "") + "\n        " + result(r, f, k, places, artifact).serialized(pretty: true, indent: 4)
            resultCount += 1
        }
        return out
    }

    mutating func end(_ s: BatchSummary) -> String {
        var members: [(String, JSONOut)] = [
            ("executionSuccessful", .bool(s.error == 0)),
            ("exitCode", .int(context.mapper ? 0 : Int(ExitCode.of(s)))),  // --mapper exits 0 whatever the records say
            ("toolExecutionNotifications", .array(notifications)),
        ]
        // The ruleset's warnings (a presence gate, an item without verification), where CI shows them.
        if !context.rulesetWarnings.isEmpty {
            members.append(("toolConfigurationNotifications", .array(context.rulesetWarnings.map { w in
                .object([
                    ("level", .string("warning")),
                    ("message", .object([("text", .string(w.message(Lang(rawValue: context.lang) ?? .vi)))])),
                    ("descriptor", .object([("id", .string(w.code))])),
                    ("locations", .array([.object([("physicalLocation", .object([
                        ("artifactLocation", artifactLocation(w.file, nil)),
                        ("region", .object([("startLine", .int(w.line)), ("startColumn", .int(w.column))])),
                    ]))])])),
                ])
            })))
        }
        let invocation = JSONOut.object(members)
        var out = (resultCount > 0 ? "\n      " : "") + "],\n"
        out += "      \"invocations\": [\n        " + invocation.serialized(pretty: true, indent: 4) + "\n      ],\n"
        let list = artifacts.map { a -> JSONOut in
            var members: [(String, JSONOut)] = [("location", artifactLocation(a.file, nil))]
            if let sha = a.sha256, !sha.isEmpty { members.append(("hashes", .object([("sha-256", .string(sha))]))) }
            members.append(("mimeType", .string("application/json")))
            return .object(members)
        }
        out += "      \"artifacts\": " + JSONOut.array(list).serialized(pretty: true, indent: 3) + "\n"
        out += "    }\n  ]\n}\n"
        return out
    }

    // MARK: - Pieces

    private func ruleDescriptor(_ rule: ReportRule) -> JSONOut {
        let lang = context.lang
        let title = rule.title(lang)
        let doc = rule.doc.joined(separator: " ")
        var help: [String] = []
        if let h = rule.hint(lang) { help.append(h) }
        for c in rule.cites {
            let text = itemText(c, context.program, lang).map { ": \($0)" } ?? ""
            help.append(citationText(c, lang) + text)
        }
        // Both descriptions in the report's language: the `///` doc is written
        // in English, so it is the full description of an English report; a
        // Vietnamese one gives the title with what it cites.
        let cites = rule.cites.map { citationText($0, lang) }.joined(separator: "; ")
        let full = lang == Lang.en.rawValue && !doc.isEmpty ? doc
            : cites.isEmpty ? title : localize(ReportText.titleWithCites, ["title": .text(title), "cites": .text(cites)])(Lang(rawValue: lang) ?? .en)
        var members: [(String, JSONOut)] = [
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(title))])),
            ("fullDescription", .object([("text", .string(full))])),
        ]
        if !help.isEmpty { members.append(("help", .object([("text", .string(help.joined(separator: "\n")))]))) }
        members.append(("defaultConfiguration", .object([("level", .string(level(rule.severity)))])))
        members.append(("properties", .object([
            ("citations", .array(rule.cites.map { .string(citationKey($0)) })),
            ("tags", .array(rule.tags.map { .string($0) })),
        ])))
        return .object(members)
    }

    /// Finding `k` of `r` as a SARIF result; `places` holds its regions.
    private func result(_ r: DossierResult, _ f: Finding, _ k: Int, _ places: FindingPlaces, _ artifact: Int) -> JSONOut {
        let lang = context.lang
        let message = f.message(lang)
        let start = places.starts[k]
        let end = places.ends[k]
        let region = JSONOut.object([
            ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
            ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
        ])
        var logical: [(String, JSONOut)] = []
        if let name = lastToken(f.pointer) { logical.append(("name", .string(name))) }
        logical.append(("fullyQualifiedName", .string(f.pointer)))
        logical.append(("kind", .string(pointerKind(f.pointer))))
        let location = JSONOut.object([
            ("physicalLocation", .object([("artifactLocation", artifactLocation(r.file, artifact)), ("region", region)])),
            ("logicalLocations", .array([.object(logical)])),
        ])
        // Stable across runs and machines: no positions (an edit above the
        // value must not make it a new result), no absolute paths; the
        // dossier id tells apart the records of one NDJSON stream.
        var hash = SHA256()
        for part in [f.rule, artifactURI(r.file, workingDirectory: context.workingDirectory).uri, r.id ?? "", f.pointer, f.message("en")] {
            hash.update(Array(part.utf8))
            hash.update([0])
        }
        var members: [(String, JSONOut)] = [("ruleId", .string(f.rule))]
        if let k = rules.index[f.rule] { members.append(("ruleIndex", .int(k))) }
        members += [
            ("kind", .string("fail")),
            ("level", .string(level(f.severity))),
            ("message", .object([("text", .string(message))])),
            ("locations", .array([location])),
        ]
        let related = relatedLocations(r, f, k, places, artifact)
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        members += [
            ("partialFingerprints", .object([("tuanthu/v1", .string(hash.finalizeHex()))])),
        ]
        if let w = f.waiver {
            members.append(("suppressions", .array([.object([
                ("kind", .string("external")),
                ("status", .string("accepted")),
                ("justification", .string(w.reason)),
                ("properties", .object([("approved_by", .string(w.approvedBy)), ("expires", .string(w.expires))])),
            ])])))
        }
        var properties: [(String, JSONOut)] = [("kind", .string(f.kind.rawValue))]
        if let id = r.id { properties.append(("dossier_id", .string(id))) }
        properties.append(("citations", .array(f.cites.map { .string(citationKey($0)) })))
        let unverifiedCites = f.cites.filter { $0.verified == false }
        if !unverifiedCites.isEmpty { properties.append(("unverified_citations", .array(unverifiedCites.map { .string(citationKey($0)) }))) }
        if !f.unverified.isEmpty {
            properties.append(("unverified_thresholds", unverifiedJSON(f.unverified)))
            if let note = unverifiedNote(f.unverified, lang) { properties.append(("unverified_note", .string(note))) }
        }
        if let h = f.hint(lang) { properties.append(("hint", .string(h))) }
        properties.append(("missing", .array(f.missing.map { .string($0) })))
        properties.append(("evidence", .array(f.evidence.map { e in
            .object([("expr", .string(e.expr)), ("pointer", .string(e.pointer)), ("value", e.valueJSON.map { .raw($0) } ?? .string("missing"))])
        })))
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    /// Where each evidence value of `f` is, as SARIF's related locations:
    /// the value's region, its pointer and `expr = value` as the message.
    /// A missing path has no place and is not listed (it stays in the
    /// `evidence` property, with the value `"missing"`).
    private func relatedLocations(_ r: DossierResult, _ f: Finding, _ k: Int, _ places: FindingPlaces, _ artifact: Int) -> [JSONOut] {
        var out: [JSONOut] = []
        for (j, e) in f.evidence.enumerated() {
            guard let value = e.valueJSON, let start = places.evidence(k, j), let end = places.evidenceEnd(k, j) else { continue }
            let region = JSONOut.object([
                ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
                ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
            ])
            var logical: [(String, JSONOut)] = []
            if let name = lastToken(e.pointer) { logical.append(("name", .string(name))) }
            logical.append(("fullyQualifiedName", .string(e.pointer)))
            logical.append(("kind", .string(pointerKind(e.pointer))))
            out.append(.object([
                ("id", .int(out.count)),
                ("physicalLocation", .object([("artifactLocation", artifactLocation(r.file, artifact)), ("region", region)])),
                ("logicalLocations", .array([.object(logical)])),
                ("message", .object([("text", .string("\(e.expr) = \(value)"))])),
            ]))
        }
        return out
    }

    private mutating func artifactFor(_ r: DossierResult) -> Int {
        if let k = artifactIndex[r.file] {
            if artifacts[k].sha256 != r.sha256 { artifacts[k].sha256 = nil }
            return k
        }
        let k = artifacts.count
        artifactIndex[r.file] = k
        artifacts.append((r.file, r.sha256))
        return k
    }

    private func artifactLocation(_ file: String, _ index: Int?) -> JSONOut {
        let (uri, relative) = artifactURI(file, workingDirectory: context.workingDirectory)
        var members: [(String, JSONOut)] = [("uri", .string(uri))]
        if relative { members.append(("uriBaseId", .string("%SRCROOT%"))) }
        if let index { members.append(("index", .int(index))) }
        return .object(members)
    }

    private func level(_ s: RuleSeverity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}

/// The last reference token of a JSON Pointer, unescaped; nil for the root.
private func lastToken(_ pointer: String) -> String? {
    guard !pointer.isEmpty, let slash = pointer.lastIndex(of: "/") else { return nil }
    return String(pointer[pointer.index(after: slash)...])
        .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
}

/// SARIF's logical-location kind for a pointer: `element` when its last
/// token is an array index (all digits; a member named by digits is rare in
/// dossiers and reads the same), `member` otherwise, `object` for the root.
private func pointerKind(_ pointer: String) -> String {
    guard let token = lastToken(pointer) else { return "object" }
    return !token.isEmpty && token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ? "element" : "member"
}
