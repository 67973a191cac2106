import Base
import Diagnostics
import Digest
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics

// Inspection support for item 3.6: the agency file of `tuanthu record`, and
// the verification of evidence files a dossier names (`evidence`, checked by
// `check` beside the dossier).

// MARK: - Agency file

/// An agency file that cannot be used, with every error found in it.
package struct AgencyLoadError: Error, Sendable {
    /// The file as named on the command line.
    package var path: String
    /// Every error found, in file order.
    package var diagnostics: [Diagnostic]
    /// The file, for rendering the diagnostics with its lines.
    package var files: SourceMap

    /// The errors with file:line:col, source line and caret, in `lang`.
    package func rendered(colorize: Bool = false, lang: Lang = .en) -> String {
        var renderer = DiagnosticRenderer(colorize: colorize)
        renderer.lang = lang
        return renderer.render(diagnostics, files: files)
    }

    /// One line for the end of the output.
    package var summary: Diagnostics.LocalizedText {
        let n = diagnostics.count { $0.severity == .error }
        return localize(n == 1 ? CommandMessage.agencySummaryOne : .agencySummary, ["path": .text(path), "n": .number(String(n))])
    }
}

/// Reads the agency file of `tuanthu record`: a JSON object with `agency`
/// (required), `parent_agency`, `inspection_no`, `date` (`YYYY-MM-DD`),
/// `place`, `inspectors` (a list of `{"name", "title"}`) and `representative`
/// (`{"name", "title"}`).
package enum AgencyFile {
    /// The keys an agency file may have.
    package static let keys = ["agency", "parent_agency", "inspection_no", "date", "place", "inspectors", "representative"]

    /// Reads and validates the file at `path`.
    package static func load(path: String) throws(AgencyLoadError) -> AgencyInfo {
        guard case .success(let bytes) = readFileBounded(path, maxBytes: 1 << 20) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? CommandMessage.agencyNoSuchFile : isDirectory.boolValue ? .agencyIsFolder : .agencyUnreadable
            throw AgencyLoadError(path: path, diagnostics: [.error("E4300", localize(CommandMessage.agencyCannotRead, ["path": .text(path), "why": .localized(localize(why))]),
                                                                    at: .none, help: localize(CommandMessage.agencyCheckPath))], files: SourceMap())
        }
        return try parse(bytes: bytes, path: path)
    }

    /// Parses and validates an agency file's bytes (`path` is used in messages).
    package static func parse(bytes: [UInt8], path: String) throws(AgencyLoadError) -> AgencyInfo {
        var files = SourceMap()
        let fid = files.add(path: path, bytes: bytes).id
        let doc: JSONDocument
        do throws(JSONParseError) {
            doc = try JSONParser.parse(bytes)
        } catch {
            throw AgencyLoadError(path: path, diagnostics: [error.diagnostic(file: fid)], files: files)
        }
        func span(_ n: Int) -> Span { Span(file: fid, start: doc[n].start, end: doc[n].kind == .object || doc[n].kind == .array ? doc[n].start + 1 : doc[n].end) }
        guard doc[0].kind == .object else {
            throw AgencyLoadError(path: path, diagnostics: [.error("E4301", localize(CommandMessage.agencyNotObject), at: span(0),
                                                                    help: localize(CommandMessage.agencyNotObjectHelp))], files: files)
        }
        var errors: [Diagnostic] = []
        func string(_ n: Int, _ name: String) -> String? {
            guard doc[n].kind == .string else {
                errors.append(.error("E4302", localize(CommandMessage.agencyMustBeString, ["name": .text(name)]), at: span(n),
                                     help: localize(CommandMessage.agencyWriteString, ["name": .text(name)])))
                return nil
            }
            let s = doc.string(n).trimmingCharacters(in: .whitespacesAndNewlines)
            return s.isEmpty ? nil : s
        }
        func person(_ n: Int, _ name: Diagnostics.LocalizedText) -> RecordPerson? {
            guard doc[n].kind == .object else {
                errors.append(.error("E4302", localize(CommandMessage.agencyPersonObject, ["name": .localized(name)]), at: span(n),
                                     help: localize(CommandMessage.agencyPersonHelp)))
                return nil
            }
            var who: String? = nil, title: String? = nil
            for (k, v) in doc.members(n) {
                switch doc.string(k) {
                case "name": who = string(v, "name")
                case "title": title = string(v, "title")
                default:
                    errors.append(.error("E4303", localize(CommandMessage.agencyUnknownPersonField, ["name": .text(shortExcerpt(doc.string(k)))]), at: span(k),
                                         help: closestMatch(to: doc.string(k), in: ["name", "title"]).map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) }
                                             ?? localize(CommandMessage.agencyPersonFields)))
                }
            }
            guard let who else {
                errors.append(.error("E4304", localize(CommandMessage.agencyNoName, ["name": .localized(name)]), at: span(n), help: localize(CommandMessage.agencyAddName)))
                return nil
            }
            return RecordPerson(name: who, title: title)
        }
        var info = AgencyInfo(agency: "")
        var sawAgency = false
        for d in doc.duplicateKeys {
            errors.append(.error("E4303", localize(CommandMessage.agencyAppearsTwice, ["name": .text(shortExcerpt(doc.string(d.second)))]), at: span(d.second),
                                 help: localize(CommandMessage.keepOne)))
        }
        for (k, v) in doc.members(0) {
            let key = doc.string(k)
            switch key {
            case "agency":
                sawAgency = true
                if let s = string(v, key) { info.agency = s } else if doc[v].kind == .string {
                    errors.append(.error("E4304", localize(CommandMessage.agencyEmpty), at: span(v), help: localize(CommandMessage.agencyNameIt)))
                }
            case "parent_agency": info.parentAgency = string(v, key)
            case "inspection_no": info.inspectionNo = string(v, key)
            case "place": info.place = string(v, key)
            case "date":
                if let s = string(v, key) {
                    if let d = CivilDate(s), d.description == s { info.date = s } else {
                        errors.append(.error("E4305", localize(CommandMessage.agencyBadDate, ["text": .text(shortExcerpt(s))]), at: span(v),
                                             help: localize(CommandMessage.agencyBadDateHelp)))
                    }
                }
            case "inspectors":
                guard doc[v].kind == .array else {
                    errors.append(.error("E4302", localize(CommandMessage.agencyInspectorsList), at: span(v),
                                         help: localize(CommandMessage.agencyInspectorsHelp)))
                    continue
                }
                info.inspectors = doc.children(v).compactMap { person($0, localize(CommandMessage.anInspector)) }
            case "representative": info.representative = person(v, Diagnostics.LocalizedText(verbatim: key))
            default:
                errors.append(.error("E4303", localize(CommandMessage.agencyUnknownField, ["name": .text(shortExcerpt(key))]), at: span(k),
                                     help: closestMatch(to: key, in: keys).map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) }
                                         ?? localize(CommandMessage.theFieldsAre, ["fields": .text(keys.map { "`\($0)`" }.joined(separator: ", "))])))
            }
        }
        if !sawAgency {
            errors.append(.error("E4304", localize(CommandMessage.agencyNoAgency), at: span(0), help: localize(CommandMessage.agencyAddAgency)))
        }
        if !errors.isEmpty { throw AgencyLoadError(path: path, diagnostics: errors, files: files) }
        return info
    }
}

// MARK: - Evidence files

/// The finding on an evidence file whose SHA-256 differs from the one the dossier gives.
package let evidenceMismatchRule = "tuanthu.evidence.mismatch"
/// The finding on an evidence file that could not be verified: not beside the dossier.
package let evidenceUnverifiedRule = "tuanthu.evidence.unverified"

/// Verifies each `evidence` entry of a checked dossier file that names a
/// `file` and a 64-digit `sha256`: the file, resolved against `folder` (the
/// dossier's folder), is hashed and compared. A different digest is an error
/// finding (`tuanthu.evidence.mismatch`); a file that is not there is a
/// missing-data finding (`tuanthu.evidence.unverified`), so the claim is
/// never taken as verified. Entries without a well-formed digest are left to
/// the rules. A dossier read from a stream (`folder` nil) has no folder for
/// its documents: nothing is looked up, and the rules alone judge its entries.
/// `file` is the id the run gave the dossier's file (the one its findings are in).
package func verifyEvidence(_ r: inout DossierResult, bytes: [UInt8], folder: String?, file: FileID = FileID(0), maxBytes: Int = 1 << 30) {
    // Cheap tests first: most dossiers have no evidence list.
    guard let folder, r.outcome != .error, containsBytes(bytes, Array("\"evidence\"".utf8)),
          let doc = try? JSONParser.parse(bytes), doc[0].kind == .object,
          let list = doc.member(0, key: "evidence"), doc[list].kind == .array else { return }
    // The dossier's file of the run: the one its findings are in, when it has any.
    let fileID = r.source?.id ?? file
    var added: [Finding] = []
    for (i, e) in doc.children(list).enumerated() where doc[e].kind == .object {
        guard let fn = doc.member(e, key: "file"), doc[fn].kind == .string,
              let dn = doc.member(e, key: "sha256"), doc[dn].kind == .string else { continue }
        let file = doc.string(fn), expected = doc.string(dn).lowercased()
        guard !file.isEmpty, expected.count == 64, expected.allSatisfy(\.isHexDigit) else { continue }
        let claim = doc.member(e, key: "claim").flatMap { doc[$0].kind == .string ? doc.string($0) : nil } ?? "?"
        let path = file.hasPrefix("/") ? file : (folder.isEmpty ? file : folder + "/" + file)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
           case .success(let content) = readFileBounded(path, maxBytes: maxBytes) {
            let actual = SHA256.hex(content)
            if actual != expected {
                added.append(evidenceFinding(
                    evidenceMismatchRule, .error, .violation, doc, dn, pointer: "/evidence/\(i)/sha256", file: fileID,
                    reason: .evidenceMismatch(file: file, claim: claim, actual: actual), value: escapeJSONString(expected)))
            }
        } else {
            added.append(evidenceFinding(
                evidenceUnverifiedRule, .warning, .missing, doc, fn, pointer: "/evidence/\(i)/file", file: fileID,
                reason: .evidenceUnverified(file: file, claim: claim), value: escapeJSONString(file)))
        }
    }
    guard !added.isEmpty else { return }
    if r.source == nil { r.source = SourceFile(id: fileID, path: r.file, bytes: bytes) }
    r.findings += added
    r.outcome = Evaluator.dossierOutcome(rules: r.rules, findings: r.findings)
}

private func evidenceFinding(_ rule: String, _ severity: RuleSeverity, _ kind: FindingKind, _ doc: JSONDocument, _ node: Int,
                             pointer: String, file: FileID, reason: FindingReason, value: String) -> Finding {
    // The finding and its evidence are the same value: the digest or the file name the dossier gives.
    let span = Span(file: file, start: doc[node].start, end: doc[node].end)
    return Finding(rule: rule, severity: severity, kind: kind, reason: reason,
                   cites: [], pointer: pointer, span: span,
                   missing: kind == .missing ? [pointer] : [], evidence: [Evidence(expr: pointer, pointer: pointer, value: value, span: span)], waiver: nil)
}

private func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count, let first = needle.first else { return false }
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == first {
            var k = 1
            while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        i += 1
    }
    return false
}
