import Base
import Foundation
import JSON
import Run
import Testing
import TuanThu

// No rule of the bundled pack is skipped because its evidence is absent or
// wrong (no silent pass): an example dossier with a section its project must have
// deleted in memory (or a value out of its list, or a misspelled key) never
// passes; the rules that need the data are missing, never not_applicable;
// one of their findings points at the parent of the deleted section, and the
// schema reports it there (`tuanthu.schema.required`) or at the edited field.

private let packPath = packageRoot.appendingPathComponent("Rules/kl81-cantho").path
private let examplesPath = packageRoot.appendingPathComponent("Examples").path
private let asOf = CivilDate("2026-01-15")!

/// One edit of an example: the fields to delete or set, and what must follow.
struct EvidenceEdit: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    /// Paths (dot-separated) to delete.
    var delete: [String]
    /// Paths (dot-separated) to set, with their JSON value.
    var set: [(path: String, value: String)] = []
    /// Keys to rename: (dot-separated path, new last key).
    var rename: [(path: String, to: String)] = []
    /// Rules that must come out `missing`.
    var missing: [String]
    /// The JSON Pointer of the parent of the deleted section, where a finding of a missing rule must point.
    var parent: String
    /// Schema findings that must be reported: (finding id, JSON Pointer).
    var schema: [(id: String, at: String)]
    var testDescription: String { name }
}

let evidenceEdits: [EvidenceEdit] = [
    EvidenceEdit(name: "sector plan without its plan", file: "ke-hoach-thuy-loi-phong-chong-thien-tai.json",
                 delete: ["plan"], missing: ["KL81-2-PLAN-01", "KL81-2-PLAN-02"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "sector plan without its items", file: "ke-hoach-thuy-loi-phong-chong-thien-tai.json",
                 delete: ["plan.items"], missing: ["KL81-2-PLAN-01", "KL81-2-PLAN-02"], parent: "/plan", schema: [("tuanthu.schema.required", "/plan")]),
    EvidenceEdit(name: "factory without wastewater", file: "nha-may-che-bien-thuy-san-thot-not.json",
                 delete: ["wastewater"], missing: ["KL81-3.5-WW-01", "KL81-3.5-WW-03", "KL81-3.5-WW-05", "KL81-3.4-WAT-01"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "factory outside a cluster without wastewater", file: "nha-may-che-bien-thuy-san-thot-not.json",
                 delete: ["wastewater"], set: [("location.in_industrial_cluster", "false")],
                 missing: ["KL81-3.5-WW-01", "KL81-3.5-WW-03", "KL81-3.5-WW-05", "KL81-3.4-WAT-01"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "factory without solid waste", file: "nha-may-che-bien-thuy-san-thot-not.json",
                 delete: ["solid_waste"], missing: ["KL81-3.5-SW-01", "KL81-3.5-SW-02"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "factory without emissions", file: "nha-may-che-bien-thuy-san-thot-not.json",
                 delete: ["emissions"], missing: ["KL81-3.5-AIR-01"], parent: "", schema: [("tuanthu.schema.required", "")]),
    // A dossier that passes: each deletion alone makes it not pass.
    EvidenceEdit(name: "treatment plant without wastewater", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: ["wastewater"], missing: ["KL81-3.5-WW-01", "KL81-3.5-WW-05"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "treatment plant without solid waste", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: ["solid_waste"], missing: ["KL81-3.5-SW-01", "KL81-3.5-SW-02", "KL81-3.5-SW-03"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "treatment plant without emissions", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: ["emissions"], missing: ["KL81-3.5-AIR-01"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "treatment plant without energy data", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: ["energy"], missing: ["KL81-3.2-EN-03"], parent: "", schema: [("tuanthu.schema.required", "")]),
    EvidenceEdit(name: "treatment plant without its generated volume", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: ["wastewater.generated_m3_day"], missing: ["KL81-3.5-WW-01", "KL81-3.5-WW-05"], parent: "/wastewater", schema: [("tuanthu.schema.required", "/wastewater")]),
    // A value out of its list is invalid, never a pass or a skip.
    EvidenceEdit(name: "road with an erosion zone out of the list", file: "duong-ven-song-hau-o-mon.json",
                 delete: [], set: [("location.erosion_zone", "\"cao\"")], missing: ["KL81-3.3-ERO-01"],
                 parent: "/location/erosion_zone", schema: [("tuanthu.schema.enum", "/location/erosion_zone")]),
    // A misspelled section name: unknown to the schema, and the section it meant is missing.
    EvidenceEdit(name: "treatment plant with `wastewater` misspelled", file: "nha-may-xu-ly-nuoc-thai-cai-rang.json",
                 delete: [], rename: [("wastewater", "wastewatr")], missing: ["KL81-3.5-WW-01", "KL81-3.5-WW-05"], parent: "",
                 schema: [("tuanthu.schema.unknown-key", "/wastewatr"), ("tuanthu.schema.required", "")]),
]

/// The example's JSON with the edit made, as bytes.
func editedExample(_ e: EvidenceEdit) throws -> [UInt8] {
    let data = try Data(contentsOf: URL(fileURLWithPath: examplesPath + "/" + e.file))
    var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    func update(_ object: inout [String: Any], _ path: ArraySlice<Substring>, _ value: Any?) throws {
        let key = String(path.first!)
        if path.count == 1 {
            object[key] = value
            return
        }
        var child = try #require(object[key] as? [String: Any], "`\(key)` is an object in \(e.file)")
        try update(&child, path.dropFirst(), value)
        object[key] = child
    }
    for p in e.delete {
        try update(&root, p.split(separator: ".")[...], nil)
    }
    for (p, to) in e.rename {
        let parts = p.split(separator: ".")
        var parent: [String: Any] = root
        for k in parts.dropLast() { parent = try #require(parent[String(k)] as? [String: Any]) }
        let value = try #require(parent[String(parts.last!)])
        try update(&root, parts[...], nil)
        try update(&root, (parts.dropLast() + [Substring(to)])[...], value)
    }
    for (p, v) in e.set {
        try update(&root, p.split(separator: ".")[...], try JSONSerialization.jsonObject(with: Data(v.utf8), options: .fragmentsAllowed))
    }
    return Array(try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]))
}

@Suite struct AbsentEvidenceTests {
    @Test(arguments: evidenceEdits)
    func absentEvidenceNeverPasses(_ e: EvidenceEdit) throws {
        let loaded = try RulesetLoader.load(paths: [packPath])
        let checker = BatchChecker(program: loaded.program, options: CheckOptions(asOf: asOf, jobs: 1))
        let bytes = try editedExample(e)
        let r = try #require(checker.check([.record(NDJSONRecord(line: 1, bytes: bytes), streamName: e.file)]).first)
        #expect(r.outcome != .pass, "\(e.name): \(r.outcome)")
        let outcomes = Dictionary(uniqueKeysWithValues: zip(loaded.program.rules.map(\.id), r.rules))
        for id in e.missing {
            #expect(outcomes[id] == .missing, "\(e.name): \(id) is \(String(describing: outcomes[id]))")
        }
        let atParent = r.findings.filter { e.missing.contains($0.rule) && $0.pointer == e.parent }
        #expect(!atParent.isEmpty, "\(e.name): no finding at `\(e.parent)`: \(r.findings.map { "\($0.rule) \($0.pointer)" })")
        for (id, at) in e.schema {
            #expect(r.findings.contains { $0.rule == id && $0.pointer == at },
                    "\(e.name): no \(id) at `\(at)`: \(r.findings.map { "\($0.rule) \($0.pointer)" })")
        }
    }

    /// The unedited treatment plant passes, so the edits above are what make it not pass.
    @Test func treatmentPlantPassesUnedited() throws {
        let loaded = try RulesetLoader.load(paths: [packPath])
        let checker = BatchChecker(program: loaded.program, options: CheckOptions(asOf: asOf, jobs: 1))
        let r = try #require(checker.check([.file(path: examplesPath + "/nha-may-xu-ly-nuoc-thai-cai-rang.json")]).first)
        #expect(r.outcome == .pass)
    }
}
