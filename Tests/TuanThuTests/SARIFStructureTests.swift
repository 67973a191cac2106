import Diagnostics
import Foundation
import Testing
import TuanThu

// What SARIF 2.1.0 requires of the parts of a log we rely on, checked on the
// report of the Examples without any outside schema file (the full OASIS
// schema validation runs in `.ci/outside-suites.sh` when it is present), and
// the exported JSON Schema of the bundled pack checked for well-formed 2020-12.

private func object(_ value: Any?, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: Any] {
    guard let o = value as? [String: Any] else {
        Issue.record("\(what) is not an object", sourceLocation: sourceLocation)
        return [:]
    }
    return o
}

private func array(_ value: Any?, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Any] {
    guard let a = value as? [Any] else {
        Issue.record("\(what) is not an array", sourceLocation: sourceLocation)
        return []
    }
    return a
}

private func nonEmptyString(_ value: Any?) -> Bool { (value as? String).map { !$0.isEmpty } ?? false }

private func positiveInteger(_ value: Any?) -> Bool {
    guard let n = value as? Int else { return false }
    return n >= 1
}

@Suite("SARIF and JSON Schema structure")
struct SARIFStructureTests {
    /// One waiver, so that the report holds a suppressed result.
    static let waiver = """
        [{"rule": "KL81-3.5-WW-01", "dossier": "CT-2025-0087", "pointer": "/wastewater",
          "reason": "second module under construction", "approved_by": "Sở Nông nghiệp và Môi trường", "expires": "2027-06-30"}]
        """

    @Test func sarifOfTheExamplesHasTheRequiredStructure() throws {
        let folder = try makeTemporaryFolder("tuanthu-sarif")
        defer { try? FileManager.default.removeItem(at: folder) }
        let waivers = folder.appendingPathComponent("waivers.json")
        try Data(Self.waiver.utf8).write(to: waivers)
        let run = try runTool(["check", "--format", "sarif", "--fail-on", "never", "--as-of", "2026-11-29",
                               "--waivers", waivers.path, "Examples/"], in: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let log = object(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)), "the log")

        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasPrefix("https://") == true && (log["$schema"] as? String)?.contains("sarif") == true)
        let runs = array(log["runs"], "runs")
        #expect(runs.count == 1)
        var results = 0, suppressed = 0, relatedCount = 0
        for (r, runValue) in runs.enumerated() {
            let run = object(runValue, "runs[\(r)]")
            #expect(run["columnKind"] as? String == "unicodeCodePoints")
            let driver = object(object(run["tool"], "tool")["driver"], "tool.driver")
            #expect(nonEmptyString(driver["name"]))
            let rules = array(driver["rules"], "tool.driver.rules").map { object($0, "a rule") }
            let ids = rules.compactMap { $0["id"] as? String }
            #expect(!ids.isEmpty && ids.count == rules.count && Set(ids).count == ids.count, "every rule has a unique id")
            for rule in rules where rule["shortDescription"] != nil {
                #expect(nonEmptyString(object(rule["shortDescription"], "shortDescription")["text"]))
            }
            for (k, resultValue) in array(run["results"], "results").enumerated() {
                results += 1
                let result = object(resultValue, "results[\(k)]")
                let ruleID = result["ruleId"] as? String
                #expect(nonEmptyString(ruleID), "results[\(k)].ruleId")
                if let index = result["ruleIndex"] as? Int {
                    #expect(index >= 0 && index < ids.count && ids[index] == ruleID, "results[\(k)].ruleIndex names its rule")
                }
                #expect(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""), "results[\(k)].level")
                if let kind = result["kind"] {
                    #expect(["notApplicable", "pass", "fail", "review", "open", "informational"].contains(kind as? String ?? ""))
                }
                #expect(nonEmptyString(object(result["message"], "message")["text"]), "results[\(k)].message.text")
                // The result's location, then where each evidence value is (its related locations).
                let related = result["relatedLocations"].map { array($0, "results[\(k)].relatedLocations") } ?? []
                relatedCount += related.count
                for (n, locationValue) in related.enumerated() {
                    #expect((object(locationValue, "a related location")["id"] as? Int) == n, "results[\(k)].relatedLocations[\(n)].id")
                }
                for locationValue in array(result["locations"], "results[\(k)].locations") + related {
                    let physical = object(object(locationValue, "a location")["physicalLocation"], "physicalLocation")
                    #expect(nonEmptyString(object(physical["artifactLocation"], "artifactLocation")["uri"]))
                    guard let regionValue = physical["region"] else { continue }
                    let region = object(regionValue, "region")
                    #expect(positiveInteger(region["startLine"]) && positiveInteger(region["startColumn"]), "results[\(k)] region starts at 1:1 or later")
                    if let endLine = region["endLine"] as? Int, let startLine = region["startLine"] as? Int { #expect(endLine >= startLine) }
                    if let endColumn = region["endColumn"] { #expect(positiveInteger(endColumn)) }
                }
                let fingerprints = object(result["partialFingerprints"], "partialFingerprints")
                #expect(!fingerprints.isEmpty && fingerprints.values.allSatisfy(nonEmptyString), "results[\(k)].partialFingerprints")
                if let suppressions = result["suppressions"] {
                    suppressed += 1
                    for s in array(suppressions, "suppressions").map({ object($0, "a suppression") }) {
                        #expect(["inSource", "external"].contains(s["kind"] as? String ?? ""))
                        if let status = s["status"] { #expect(["accepted", "underReview", "rejected"].contains(status as? String ?? "")) }
                        if let justification = s["justification"] { #expect(nonEmptyString(justification)) }
                    }
                }
            }
        }
        #expect(results > 10, "the examples give findings")
        #expect(suppressed >= 1, "the waived finding is a suppressed result")
        #expect(relatedCount > 10, "the examples' evidence values are related locations")
    }

    /// The keywords `tuanthu schema` may use, each checked for its 2020-12 shape.
    static let keywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "type", "properties", "required", "items", "enum", "pattern",
        "additionalProperties", "allOf", "oneOf", "if", "then", "else", "not", "const",
    ]
    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object", "null"]

    /// `inCondition`: a subschema of `if`/`then`/`else`/`not`, whose `required`
    /// names properties of the object it applies to, not its own.
    private func checkSchema(_ value: Any, at path: String, inCondition: Bool = false) {
        guard let s = value as? [String: Any] else {
            Issue.record("\(path): a schema is an object")
            return
        }
        for key in s.keys where !Self.keywords.contains(key) { Issue.record("\(path): keyword `\(key)` is not one the export uses") }
        for key in ["$id", "$comment", "title", "description", "pattern"] where s[key] != nil {
            #expect(s[key] is String, "\(path)/\(key) is a string")
        }
        if let type = s["type"] {
            let names = (type as? [String]) ?? ((type as? String).map { [$0] } ?? [])
            #expect(!names.isEmpty && names.allSatisfy(Self.typeNames.contains) && Set(names).count == names.count, "\(path)/type")
        }
        if let pattern = s["pattern"] as? String {
            #expect((try? NSRegularExpression(pattern: pattern)) != nil, "\(path)/pattern compiles")
        }
        if let values = s["enum"] {
            let list = values as? [Any] ?? []
            #expect(!list.isEmpty, "\(path)/enum is a non-empty array")
            let strings = list.compactMap { $0 as? String }
            #expect(Set(strings).count == strings.count, "\(path)/enum has no duplicates")
        }
        var propertyNames: Set<String> = []
        if let properties = s["properties"] {
            guard let p = properties as? [String: Any] else {
                Issue.record("\(path)/properties is an object")
                return
            }
            propertyNames = Set(p.keys)
            for (name, sub) in p { checkSchema(sub, at: "\(path)/properties/\(name)") }
        }
        if let required = s["required"] {
            let names = required as? [String] ?? []
            #expect(!names.isEmpty && Set(names).count == names.count, "\(path)/required is a non-empty array of unique strings")
            if !inCondition {
                for name in names { #expect(propertyNames.contains(name), "\(path)/required names `\(name)`, a declared property") }
            }
        }
        if let items = s["items"] { checkSchema(items, at: "\(path)/items") }
        if let extra = s["additionalProperties"], !(extra is Bool) { checkSchema(extra, at: "\(path)/additionalProperties") }
        for key in ["allOf", "oneOf"] {
            guard let all = s[key] else { continue }
            let list = all as? [Any] ?? []
            #expect(!list.isEmpty, "\(path)/\(key) is a non-empty array")
            for (k, sub) in list.enumerated() { checkSchema(sub, at: "\(path)/\(key)/\(k)", inCondition: true) }
        }
        for key in ["if", "then", "else", "not"] {
            if let sub = s[key] { checkSchema(sub, at: "\(path)/\(key)", inCondition: true) }
        }
        if s["then"] != nil || s["else"] != nil { #expect(s["if"] != nil, "\(path): `then`/`else` without `if`") }
    }

    @Test func exportedSchemaIsWellFormed2020_12() throws {
        let loaded = try RulesetLoader.load(paths: [packageRoot.appendingPathComponent("Rules/kl81-cantho").path])
        let text = try #require(jsonSchema(loaded.program))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(root["type"] as? String == "object")
        checkSchema(root, at: "")
    }
}
