import Base
import Digest
import Evaluator
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// Validation of dossiers against the ruleset's schema before the rules run
// (Sources/Evaluator/Validate.swift): one finding per problem, values that
// fail decide nothing, bounded output, waivable, in every report format;
// and the ruleset's content digest.

private let schemaRules = """
    schema {
      id: string
      kind: enum("investment_project", "sector_plan")
      submitted_on?: date
      project?: {
        type?: enum("factory" vi "nhà máy" en "factory", "residential" vi "khu dân cư" en "housing")
        stage?: enum("investment_policy", "construction")
        households?: integer
        capital?: number
        polluting?: bool
      }
      location?: {
        erosion_zone?: enum(
          "none" vi "không có nguy cơ" en "no risk",
          "low" vi "nguy cơ thấp" en "low risk",
          "medium" vi "nguy cơ trung bình" en "medium risk",
          "high" vi "nguy cơ cao" en "high risk"
        )
        distance_to_bank_m?: number
      }
      wastewater?: { generated?: number } required when exists(project) and industrial and (project.stage ?? "") != "investment_policy"
      plan?: { items?: [{ name?: string, budget?: number }] }
      tags?: [string]
    }

    let industrial = project.type == "factory"

    rule ERO {
      when location.erosion_zone == "high"
      require location.distance_to_bank_m >= 12
    }

    rule CAP {
      require (project.capital ?? 0) >= 0
    }
    """

private func program() throws -> Program { try loadProgram(schemaRules) }

/// `rule pointer` of every schema finding, in order.
private func schemaFindings(_ r: DossierResult) -> [String] {
    r.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }.map { "\($0.rule) \($0.pointer)" }
}

struct SchemaCase: Sendable, CustomTestStringConvertible {
    var name: String
    var dossier: String
    var expected: [String]
    var testDescription: String { name }
}

private let base = #""id": "CT-1", "kind": "sector_plan""#

@Suite("Schema validation")
struct SchemaValidationTests {
    @Test(arguments: [
        SchemaCase(name: "a clean dossier has no schema finding", dossier: "{\(base), \"project\": {\"type\": \"residential\", \"households\": 3}}", expected: []),
        SchemaCase(name: "value outside an enum", dossier: "{\(base), \"location\": {\"erosion_zone\": \"cao\"}}",
                   expected: ["tuanthu.schema.enum /location/erosion_zone"]),
        SchemaCase(name: "wrong JSON type", dossier: "{\(base), \"project\": {\"type\": \"residential\", \"capital\": \"1.200\"}}",
                   expected: ["tuanthu.schema.type /project/capital"]),
        SchemaCase(name: "an object where a string is declared", dossier: "{\"id\": {\"x\": 1}, \"kind\": \"sector_plan\"}",
                   expected: ["tuanthu.schema.type /id"]),
        SchemaCase(name: "a string where a list is declared", dossier: "{\(base), \"tags\": \"a, b\"}", expected: ["tuanthu.schema.type /tags"]),
        SchemaCase(name: "a wrong element in a list", dossier: "{\(base), \"tags\": [\"a\", 2]}", expected: ["tuanthu.schema.type /tags/1"]),
        SchemaCase(name: "number where an integer is declared", dossier: "{\(base), \"project\": {\"type\": \"residential\", \"households\": 2.5}}",
                   expected: ["tuanthu.schema.type /project/households"]),
        SchemaCase(name: "an integral number written 3.0 is an integer", dossier: "{\(base), \"project\": {\"type\": \"residential\", \"households\": 3.0}}", expected: []),
        SchemaCase(name: "malformed date", dossier: "{\(base), \"submitted_on\": \"2024-02-30\"}", expected: ["tuanthu.schema.date /submitted_on"]),
        SchemaCase(name: "a number where a list element's string is declared", dossier: "{\(base), \"plan\": {\"items\": [{\"name\": 1}]}}",
                   expected: ["tuanthu.schema.type /plan/items/0/name"]),
        SchemaCase(name: "unknown key", dossier: "{\(base), \"location\": {\"erosion_zon\": \"high\"}}",
                   expected: ["tuanthu.schema.unknown-key /location/erosion_zon"]),
        SchemaCase(name: "always-required field absent", dossier: #"{"id": "CT-1"}"#, expected: ["tuanthu.schema.required "]),
        SchemaCase(name: "always-required field null", dossier: #"{"id": "CT-1", "kind": null}"#, expected: ["tuanthu.schema.required "]),
        SchemaCase(name: "required when: condition true", dossier: "{\(base), \"project\": {\"type\": \"factory\", \"stage\": \"construction\"}}",
                   expected: ["tuanthu.schema.required "]),
        SchemaCase(name: "required when: condition false", dossier: "{\(base), \"project\": {\"type\": \"factory\", \"stage\": \"investment_policy\"}}",
                   expected: []),
        SchemaCase(name: "required when: condition true and the field present", dossier: "{\(base), \"project\": {\"type\": \"factory\"}, \"wastewater\": {}}",
                   expected: []),
        SchemaCase(name: "required when: undecidable (what it reads is missing) is reported where it reads",
                   dossier: "{\(base), \"project\": {\"stage\": \"construction\"}}", expected: ["tuanthu.schema.required /project"]),
        // The walk's tight loops (members in schema order, containers entered
        // from them) and its general path must agree whatever the order.
        SchemaCase(name: "fields out of schema order, some left out", dossier: #"{"kind": "sector_plan", "project": {"polluting": true, "type": "residential", "households": 3}, "id": "CT-1"}"#,
                   expected: []),
        SchemaCase(name: "an escaped key is matched like its plain spelling", dossier: #"{"\u0069d": "CT-1", "kind": "sector_plan"}"#, expected: []),
        SchemaCase(name: "a list of objects whose second element is wrong", dossier: "{\(base), \"plan\": {\"items\": [{\"name\": \"a\", \"budget\": 1}, {\"name\": \"b\", \"budget\": \"x\"}]}}",
                   expected: ["tuanthu.schema.type /plan/items/1/budget"]),
        SchemaCase(name: "a string where a list's object element is declared", dossier: "{\(base), \"plan\": {\"items\": [{\"name\": \"a\"}, \"x\"]}}",
                   expected: ["tuanthu.schema.type /plan/items/1"]),
        SchemaCase(name: "a required field absent after a nested object", dossier: #"{"project": {"type": "residential", "households": 1, "capital": 2.5}, "kind": "sector_plan"}"#,
                   expected: ["tuanthu.schema.required "]),
        SchemaCase(name: "a list where an object is declared, then more fields", dossier: #"{"id": "CT-1", "project": [1], "kind": "sector_plan", "tags": ["a", "b"]}"#,
                   expected: ["tuanthu.schema.type /project", "tuanthu.schema.required /project"]),
        SchemaCase(name: "required when: undecidable (what it reads is invalid) is reported at that value",
                   dossier: "{\(base), \"project\": {\"type\": \"nhà máy\"}}",
                   expected: ["tuanthu.schema.enum /project/type", "tuanthu.schema.required /project/type"]),
    ])
    func findings(_ c: SchemaCase) throws {
        let p = try program()
        let r = checkDossier(p, c.dossier)
        #expect(r.outcome != .error)
        #expect(schemaFindings(r) == c.expected, "\(r.findings.map { "\($0.rule) \($0.pointer): \($0.message("en"))" })")
        if !c.expected.isEmpty { #expect(r.outcome != .pass) }
        try expectLocationsMatchPointers(r)
    }

    @Test func enumMessageNamesTheAllowedValuesByTheirLabels() throws {
        let r = checkDossier(try program(), "{\(base), \"location\": {\"erosion_zone\": \"cao\"}}")
        let f = try #require(r.findings.first { $0.rule == "tuanthu.schema.enum" })
        #expect(f.message("vi") == "`location.erosion_zone` là \"cao\", không thuộc các giá trị cho phép: không có nguy cơ (none), nguy cơ thấp (low), nguy cơ trung bình (medium), nguy cơ cao (high).")
        #expect(f.message("en") == "`location.erosion_zone` is \"cao\", not one of the allowed values: no risk (none), low risk (low), medium risk (medium), high risk (high).")
        #expect(f.severity == .error)
        #expect((r.location(of: f).line, r.location(of: f).column) == (1, 68))
    }

    @Test func aLabelWrittenInsteadOfItsCodeIsRecognised() throws {
        let r = checkDossier(try program(), "{\(base), \"location\": {\"erosion_zone\": \"Nguy cơ cao\"}}")
        let f = try #require(r.findings.first { $0.rule == "tuanthu.schema.enum" })
        #expect(f.hint("en") == "Did you mean \"high\"? The dossier holds the value's code, not its label.")
    }

    @Test func unknownKeySuggestsTheDeclaredOneEvenWithDiacritics() throws {
        let p = try program()
        let typo = checkDossier(p, "{\(base), \"location\": {\"erosion_zon\": \"high\"}}")
        let f = try #require(typo.findings.first { $0.rule == "tuanthu.schema.unknown-key" })
        #expect(f.message("en") == "Key “erosion_zon” in `location` is not in the schema; did you mean “erosion_zone”?")
        #expect(f.severity == .warning)
        // Folded: case, diacritics, `đ`, and `-` for `_`.
        let folded = checkDossier(p, "{\(base), \"location\": {\"Đistance-tô-bank_m\": 3}}")
        let g = try #require(folded.findings.first { $0.rule == "tuanthu.schema.unknown-key" })
        #expect(g.message("vi").hasSuffix("có phải là «distance_to_bank_m»?"), "\(g.message("vi"))")
    }

    /// The `erosion_zone: "cao"` edit no longer makes the setback rule vanish.
    @Test func anOutOfListValueMakesTheWhenUndecidable() throws {
        let p = try program()
        let r = checkDossier(p, "{\(base), \"location\": {\"erosion_zone\": \"cao\", \"distance_to_bank_m\": 5}}")
        #expect(outcome(r, p, "ERO") == .missing)
        let f = try #require(r.findings.first { $0.rule == "ERO" })
        #expect(f.pointer == "/location/erosion_zone")
        #expect(f.kind == .invalid)
        #expect(f.message("en").hasPrefix("Cannot tell whether the rule applies: `location.erosion_zone` is \"cao\", not one of the allowed values"))
        #expect(f.message("vi").hasPrefix("Không xác định được quy tắc có áp dụng hay không: `location.erosion_zone` là \"cao\""))
        #expect(r.outcome == .fail)
        // A valid value decides as before.
        #expect(outcome(checkDossier(p, "{\(base), \"location\": {\"erosion_zone\": \"low\"}}"), p, "ERO") == .notApplicable)
        #expect(outcome(checkDossier(p, "{\(base), \"location\": {\"erosion_zone\": \"high\", \"distance_to_bank_m\": 5}}"), p, "ERO") == .fail)
    }

    /// A wrong value read by `??` or `exists` is not taken for absence.
    @Test(arguments: ["(project.capital ?? 0) >= 0", "exists(project.capital)", "not exists(project.capital)"])
    func aWrongValueDecidesNothing(_ condition: String) throws {
        let p = try loadProgram(schemaRules.replacingOccurrences(of: "require (project.capital ?? 0) >= 0", with: "require \(condition)"))
        let r = checkDossier(p, "{\(base), \"project\": {\"capital\": \"1.200\"}}")
        #expect(outcome(r, p, "CAP") == .fail)
        #expect(r.findings.first { $0.rule == "CAP" }?.kind == .invalid)
    }

    @Test func theBundledExampleWithCaoNoLongerPasses() throws {
        let pack = try RulesetLoader.load(paths: [packageRoot.appendingPathComponent("Rules/kl81-cantho").path])
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Examples/duong-ven-song-hau-o-mon.json"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: #""erosion_zone": "high""#, with: #""erosion_zone": "cao""#)
        #expect(edited != text)
        let r = Evaluator(program: pack.program, asOf: CivilDate("2026-01-15")!).check(bytes: Array(edited.utf8), path: "o-mon.json")
        #expect(r.findings.contains { $0.rule == "tuanthu.schema.enum" && $0.pointer == "/location/erosion_zone" })
        let ero = try #require(pack.program.rules.firstIndex { $0.id == "KL81-3.3-ERO-01" })
        #expect(r.rules[ero] == .missing)
        #expect(r.findings.contains { $0.rule == "KL81-3.3-ERO-01" && $0.pointer == "/location/erosion_zone" })
        #expect(r.outcome != .pass)
    }

    @Test func outputIsBoundedAndValidationIsIterative() throws {
        let p = try program()
        var keys = ""
        for k in 0..<10_000 { keys += ", \"extra_\(k)\": \(k)" }
        let many = checkDossier(p, "{\(base)\(keys)}")
        let unknown = many.findings.filter { $0.rule == "tuanthu.schema.unknown-key" }
        #expect(unknown.count == 5)
        #expect(unknown.last?.message("en").hasSuffix("… and 9,995 more unknown keys like this.") == true, "\(unknown.last?.message("en") ?? "")")
        #expect(unknown.last?.message("vi").hasSuffix("… và 9.995 khóa lạ khác tương tự.") == true)
        // A huge list of bad elements.
        let items = Array(repeating: #"{"name": 1}"#, count: 20_000).joined(separator: ",")
        let list = checkDossier(p, "{\(base), \"plan\": {\"items\": [\(items)]}}")
        #expect(list.findings.filter { $0.rule == "tuanthu.schema.type" }.count == 5)
        // Deep nesting under an unknown key, as deep as the JSON reader allows.
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let nested = checkDossier(p, "{\(base), \"tags\": [\(deep)]}")
        #expect(schemaFindings(nested) == ["tuanthu.schema.type /tags/0"])
    }

    @Test func severitiesCanBeChanged() throws {
        let p = try loadProgram("ruleset r {\n  schema_severity unknown_key error\n  schema_severity enum info\n}\n" + schemaRules)
        let r = checkDossier(p, "{\(base), \"x\": 1, \"location\": {\"erosion_zone\": \"cao\"}}")
        #expect(r.findings.first { $0.rule == "tuanthu.schema.unknown-key" }?.severity == .error)
        #expect(r.findings.first { $0.rule == "tuanthu.schema.enum" }?.severity == .info)
    }

    @Test func aSchemaFindingCanBeWaived() throws {
        let p = try program()
        var r = checkDossier(p, "{\(base), \"x\": 1}")
        #expect(r.outcome == .fail)
        let json = #"[{"rule": "tuanthu.schema.unknown-key", "dossier": "CT-1", "pointer": "/x", "reason": "export tool adds it", "approved_by": "Tổ kiểm tra", "expires": "2027-01-01"}]"#
        let file = try WaiverFile.parse(bytes: Array(json.utf8), path: "w.json", program: p)
        var applier = WaiverApplier(file, asOf: evalAsOf, program: p)
        applier.apply(&r)
        #expect(r.findings.first { $0.rule == "tuanthu.schema.unknown-key" }?.waiver != nil)
        // The rule ERO still lacks `location`: missing, no longer failing.
        #expect(r.outcome == .missing)
        #expect(r.summary[.waived] == 1)
    }

    @Test(arguments: ReportFormat.allCases)
    func everyReportFormatShowsASchemaFinding(_ format: ReportFormat) throws {
        let p = try program()
        let dossier = "{\(base), \"location\": {\"erosion_zone\": \"cao\"}}"
        let input = DossierInput.record(NDJSONRecord(line: 1, bytes: Array(dossier.utf8)), streamName: "s")
        let (out, summary, _) = runBatch(p, [input], format: format, jobs: 1, lang: "en")
        #expect(out.contains("tuanthu.schema.enum"), "\(out)")
        #expect(summary.fail == 1)
        if format == .sarif {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let run = try #require((json["runs"] as? [[String: Any]])?.first)
            let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
            #expect(rules.contains { $0["id"] as? String == "tuanthu.schema.enum" })
        }
    }
}

@Suite("Ruleset digest")
struct RulesetDigestTests {
    @Test func theDigestDependsOnContentOnly() throws {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        defer { fm.changeCurrentDirectoryPath(cwd) }
        fm.changeCurrentDirectoryPath(packageRoot.path)
        let copy = fm.temporaryDirectory.appendingPathComponent("tuanthu-digest-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: copy) }
        try fm.copyItem(atPath: packageRoot.appendingPathComponent("Rules/kl81-cantho").path, toPath: copy)
        let spellings = ["Rules/kl81-cantho", "./Rules/kl81-cantho/", "Rules/kl81-cantho/", packageRoot.appendingPathComponent("Rules/kl81-cantho").path, copy]
        let digests = try spellings.map { try RulesetLoader.load(paths: [$0]).program.digest }
        #expect(Set(digests).count == 1, "\(zip(spellings, digests).map { "\($0): \($1)" })")
        #expect(try RulesetLoader.digest(paths: [copy]).digest == digests[0])
        // One byte changed, another digest.
        let file = copy + "/02-thresholds.rules"
        try (String(contentsOfFile: file, encoding: .utf8) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try RulesetLoader.digest(paths: [copy]).digest != digests[0])
    }

    /// The documented layout, recomputed by hand.
    @Test func theLayoutIsTheDocumentedOne() {
        var h = SHA256()
        for (name, text) in [("a.rules", "x"), ("b/c.rules", "yz")] {
            h.update(Array(name.utf8))
            h.update([0])
            h.update([0, 0, 0, 0, 0, 0, 0, UInt8(text.utf8.count)])
            h.update(Array(text.utf8))
        }
        #expect(RulesetDigest.compute([("b/c.rules", Array("yz".utf8)), ("a.rules", Array("x".utf8))]) == h.finalizeHex())
    }
}

@Suite("Schema validation: golden text")
struct SchemaGoldenTests {
    /// Every kind of schema finding, and the undecidable `when`, as `check` prints them.
    @Test(arguments: ["vi", "en"])
    func text(_ lang: String) throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/schema-check/ruleset.rules")
        let (out, summary, _) = runBatch(program, [.file(path: packageRootPath + "/Tests/Fixtures/schema-check/dossier.json")], format: .text, jobs: 1, lang: lang)
        #expect(summary.fail == 1)
        try expectGolden(out.replacingOccurrences(of: packageRootPath + "/", with: ""), packageRootPath + "/Tests/Fixtures/schema-check/expected.\(lang).txt")
    }
}

@Suite("Schema export: stricter")
struct SchemaExportTests {
    private func exported(_ rules: String) throws -> [String: Any] {
        let text = try #require(jsonSchema(try loadProgram(rules)))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func objectsAreClosedAndEnumValuesCarryTheirLabels() throws {
        let s = try exported("schema {\n  zone?: enum(\"none\" vi \"không\" en \"no risk\", \"high\")\n  o?: { a?: number }\n}\nrule R { require exists(zone) and exists(o.a) }")
        #expect(s["additionalProperties"] as? Bool == false)
        let props = try #require(s["properties"] as? [String: Any])
        #expect((props["o"] as? [String: Any])?["additionalProperties"] as? Bool == false)
        let zone = try #require(props["zone"] as? [String: Any])
        let options = try #require(zone["oneOf"] as? [[String: Any]])
        #expect(options.first?["const"] as? String == "none")
        #expect(options.first?["description"] as? String == "không / no risk")
        #expect(options.last?["type"] as? String == "null")
    }

    @Test func requiredWhenBecomesIfThenWhereItCan() throws {
        let s = try exported("""
            schema {
              t?: enum("a", "b")
              x?: string required when ok and t in ["a", "b"]
              y?: string required when t != "a"
            }
            let ok = t == "a"
            rule R { require exists(x) and exists(y) }
            """)
        let all = try #require(s["allOf"] as? [[String: Any]])
        #expect(all.count == 1)
        let then = try #require(all.first?["then"] as? [String: Any])
        #expect(then["required"] as? [String] == ["x"])
        #expect((s["$comment"] as? String)?.contains("`y` is required when") == true)
    }
}
