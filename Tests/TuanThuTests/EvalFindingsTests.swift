import Evaluator
import Foundation
import Reporters
import Testing

// What a finding says (Rules/README.md section 10): blame, missing paths,
// evidence, messages; and the findings that come from reading the dossier
// itself (duplicate keys, an unreadable date_field).

@Suite("Evaluation: findings")
struct EvalFindingsTests {
    static let compare = "rule R {\n  require a.b >= c.d\n}\n"

    func only(_ r: DossierResult, _ rule: String = "R") throws -> Finding {
        let fs = r.findings.filter { $0.rule == rule }
        try #require(fs.count == 1, "findings: \(r.findings.map { "\($0.rule) " + describeFinding($0) })")
        return fs[0]
    }

    // MARK: Blame of `a.b >= c.d` (section 5)

    @Test func blameIsTheLeftValueWhenBothArePresent() throws {
        let p = try loadProgram(Self.compare)
        let f = try only(checkDossier(p, #"{"a": {"b": 1}, "c": {"d": 2}}"#))
        #expect(f.kind == .violation && f.pointer == "/a/b" && f.missing.isEmpty)
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "a.b", pointer: "/a/b", value: "1"), Evidence(expr: "c.d", pointer: "/c/d", value: "2")])
    }

    @Test func blameIsTheDeepestExistingAncestorWhenTheLeftIsMissing() throws {
        let p = try loadProgram(Self.compare)
        let f = try only(checkDossier(p, #"{"a": {"x": 0}, "c": {"d": 2}}"#))
        #expect(f.kind == .missing && f.pointer == "/a" && f.missing == ["/a/b"])
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "a.b", pointer: "/a/b", value: nil), Evidence(expr: "c.d", pointer: "/c/d", value: "2")])
        #expect(f.message("en") == "Cannot check: `a.b` is missing.")
        #expect(f.message("vi") == "Không kiểm tra được: thiếu `a.b`.")
    }

    @Test func blameIsTheRootWhenNothingOfThePathExists() throws {
        let p = try loadProgram(Self.compare)
        let r = checkDossier(p, #"{"c": {"d": 2}}"#)
        let f = try only(r)
        #expect(f.kind == .missing && f.pointer == "" && f.missing == ["/a/b"] && r.location(of: f).line == 1 && r.location(of: f).column == 1)
    }

    @Test func bothSidesMissingNamesBoth() throws {
        let p = try loadProgram(Self.compare)
        let f = try only(checkDossier(p, #"{"a": {}}"#))
        #expect(f.kind == .missing && f.pointer == "/a" && f.missing == ["/a/b", "/c/d"])
        #expect(f.message("en") == "Cannot check: `a.b`, `c.d` is missing.")
    }

    // MARK: Evidence

    @Test func evidenceOfNumbersBeyond2To53KeepsTheirDigits() throws {
        let p = try loadProgram(Self.compare)
        let r = checkDossier(p, #"{"a": {"b": 9007199254740992}, "c": {"d": 9007199254740993}}"#)
        let f = try only(r)
        #expect(f.evidence.map(\.valueJSON) == ["9007199254740992", "9007199254740993"])
        let json = findingJSON(f, in: r).serialized()
        #expect(json.contains(#""value":9007199254740993"#))
    }

    @Test func evidenceOfAProjectionShowsTheListThenEachValue() throws {
        let p = try loadProgram("rule R { require sum(items[*].v) >= 10 }")
        let f = try only(checkDossier(p, #"{"items": [{"v": 1}, {"v": 2}]}"#))
        #expect(f.evidence.map(\.unplaced) == [
            Evidence(expr: "items[*]", pointer: "/items", value: #"[{"v": 1}, {"v": 2}]"#),
            Evidence(expr: "items[*].v", pointer: "/items/0/v", value: "1"),
            Evidence(expr: "items[*].v", pointer: "/items/1/v", value: "2"),
        ])
    }

    @Test func evidenceOfALoopVariableNamesIt() throws {
        let p = try loadProgram("rule R { for each x in nums { require x > 0 } }")
        let f = try only(checkDossier(p, #"{"nums": [1, -2]}"#))
        #expect(f.pointer == "/nums/1")
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "x", pointer: "/nums/1", value: "-2")])
    }

    @Test func evidenceOfALargeValueIsSummarised() throws {
        let p = try loadProgram("rule R { require count(items) > 100 }")
        let items = "[" + (0..<50).map { "{\"name\": \"item \($0)\"}" }.joined(separator: ", ") + "]"
        let f = try only(checkDossier(p, "{\"items\": \(items)}"))
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "items", pointer: "/items", value: "\"[50 elements]\"")])
    }

    @Test func evidenceOfALetOrDefNamesThePathsTheyRead() throws {
        let p = try loadProgram("let cap = w.cap\ndef over(x, y) = x > y\nrule R { require over(cap, w.gen) }")
        let f = try only(checkDossier(p, #"{"w": {"cap": 1, "gen": 2}}"#))
        #expect(f.pointer == "/w/cap")
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "w.cap", pointer: "/w/cap", value: "1"), Evidence(expr: "w.gen", pointer: "/w/gen", value: "2")])
    }

    @Test func evidenceIsInReadingOrderWhateverIsBlamed() throws {
        let p = try loadProgram("rule R { require a > 0 and b > 0 }")
        let f = try only(checkDossier(p, #"{"a": 1, "b": 0}"#))
        #expect(f.pointer == "/b")
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "a", pointer: "/a", value: "1"), Evidence(expr: "b", pointer: "/b", value: "0")])
    }

    // MARK: Invalid values

    @Test func aStringComparedWithANumberIsInvalidAtTheString() throws {
        let p = try loadProgram("rule R { require w.cap >= w.gen }")
        let f = try only(checkDossier(p, #"{"w": {"cap": 1500, "gen": "1.200"}}"#))
        #expect(f.kind == .invalid && f.pointer == "/w/gen")
        #expect(f.message("en") == "`w.gen` is the string \"1.200\", which cannot be compared with the number 1500.")
        #expect(f.message("vi") == "`w.gen` là chuỗi \"1.200\", không so sánh được với số 1500.")
        #expect(f.evidence.map(\.valueJSON) == ["1500", "\"1.200\""])
    }

    @Test func divisionByZeroSaysSo() throws {
        let p = try loadProgram("rule R { require a / b > 1 }")
        let f = try only(checkDossier(p, #"{"a": 1, "b": 0}"#))
        #expect(f.kind == .invalid && f.pointer == "/b" && f.message("en") == "division by zero: `b` is 0.")
    }

    @Test func aForEachOverANonListSaysWhatItIs() throws {
        let p = try loadProgram("rule R { for each x in items { require x > 0 } }")
        let f = try only(checkDossier(p, #"{"items": {"a": 1}}"#))
        #expect(f.kind == .invalid && f.pointer == "/items" && f.message("en") == "`items` is an object, not a list")
    }

    // MARK: Missing

    @Test func aMissingWhenSaysTheRuleCannotBeTold() throws {
        let p = try loadProgram("rule R {\n when kind == \"x\"\n require a > 0\n}")
        let f = try only(checkDossier(p, #"{"a": 0}"#))
        #expect(f.kind == .missing && f.missing == ["/kind"])
        #expect(f.message("en") == "Cannot tell whether the rule applies: `kind` is missing.")
    }

    @Test func aMissingWhereSaysTheElementCannotBeTold() throws {
        let p = try loadProgram("rule R { for each it in items where it.kind == \"x\" { require it.a > 0 } }")
        let f = try only(checkDossier(p, #"{"items": [{"a": 1}]}"#))
        #expect(f.kind == .missing && f.pointer == "/items/0" && f.missing == ["/items/0/kind"])
        #expect(f.message("en") == "Cannot tell whether this element is concerned: `items[0].kind` is missing.")
    }

    @Test func aViolationOfExistsNamesTheAbsentPath() throws {
        let p = try loadProgram("rule R { require exists(permit.number) }")
        let f = try only(checkDossier(p, #"{"permit": {}}"#))
        #expect(f.kind == .violation && f.pointer == "/permit" && f.missing == ["/permit/number"])
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "permit.number", pointer: "/permit/number", value: nil)])
    }

    // MARK: Hints

    static let hinted = "rule R {\n require cap >= need\n hint en \"Raise the capacity.\"\n}"

    @Test func aViolationCarriesTheRulesHint() throws {
        let f = try only(checkDossier(try loadProgram(Self.hinted), #"{"cap": 1, "need": 2}"#))
        #expect(f.hint("en") == "Raise the capacity.")
    }

    @Test func aMissingFindingsHintAsksForTheDataNotTheRulesFix() throws {
        let f = try only(checkDossier(try loadProgram(Self.hinted), #"{"need": 2}"#))
        #expect(f.hint("en") == "Add `cap` to the dossier.")
        #expect(f.hint("vi") == "Bổ sung `cap` vào hồ sơ.")
    }

    @Test func anInvalidFindingDoesNotCarryTheRulesFix() throws {
        let f = try only(checkDossier(try loadProgram(Self.hinted), #"{"cap": "1", "need": 2}"#))
        #expect(f.kind == .invalid && f.hint("en") == nil)
    }

    // MARK: Duplicate keys

    @Test func aDuplicateKeyIsAnInvalidFindingAndTheDossierFails() throws {
        let p = try loadProgram("rule R { require a > 0 }")
        let json = "{\n  \"a\": 1,\n  \"b\": {\"c\": 2,\n        \"c\": 3}\n}"
        let r = checkDossier(p, json)
        #expect(outcome(r, p) == .pass)
        #expect(r.outcome == .fail)
        let f = try only(r, "tuanthu.duplicate-key")
        #expect(f.kind == .invalid && f.severity == .error && f.pointer == "/b/c")
        #expect(r.location(of: f).line == 4 && r.location(of: f).column == 14)
        #expect(f.message("en") == "Key “c” appears twice in one object (first at line 3); different tools keep different copies.")
        #expect(f.evidence.map(\.unplaced) == [Evidence(expr: "c", pointer: "/b/c", value: "2"), Evidence(expr: "c", pointer: "/b/c", value: "3")])
        #expect(r.summary[.fail] == 1 && r.summary[.pass] == 1)
        try expectLocationsMatchPointers(r)
    }

    @Test func aDuplicateKeyInAnNDJSONRecordCountsLinesOfTheStream() throws {
        let p = try loadProgram("rule R { require a > 0 }")
        let r = Evaluator(program: p, asOf: evalAsOf).check(bytes: Array(#"{"a": 1, "a": 2}"#.utf8), path: "<stdin>", firstLine: 40)
        let f = try only(r, "tuanthu.duplicate-key")
        #expect(r.location(of: f).line == 40 && r.location(of: f).column == 15)
        #expect(f.message("en").contains("first at line 40"))
    }

    // MARK: The date_field

    @Test func anUnreadableDateFieldIsReportedAndTheAsOfDateDecides() throws {
        let p = try loadProgram("ruleset t { date_field submitted_on }\nrule R {\n effective from 2027-01-01\n require a > 0\n}")
        let r = checkDossier(p, #"{"submitted_on": "next week", "a": 0}"#)
        #expect(outcome(r, p) == .notApplicable)
        #expect(r.outcome == .fail)
        let f = try only(r, "tuanthu.invalid-date")
        #expect(f.kind == .invalid && f.pointer == "/submitted_on")
        #expect(f.message("en") == "`submitted_on` is the string \"next week\", not a date (YYYY-MM-DD or DD/MM/YYYY); the rules in force were chosen as of 2026-11-29.")
        try expectLocationsMatchPointers(r)
    }

    // MARK: Outcomes

    @Test func aDossierOutcomeIsTheWorstRuleOutcome() throws {
        let p = try loadProgram("rule A { require a > 0 }\nrule B { require b > 0 }\nrule C {\n when false\n require c > 0\n}")
        #expect(checkDossier(p, #"{"a": 1, "b": 1}"#).outcome == .pass)
        #expect(checkDossier(p, #"{"a": 1}"#).outcome == .missing)
        #expect(checkDossier(p, #"{"a": 0}"#).outcome == .fail)
        let r = checkDossier(p, #"{"a": 1}"#)
        #expect(r.rules == [.pass, .missing, .notApplicable])
        #expect(r.id == nil)
        #expect(checkDossier(p, #"{"id": "CT-1", "a": 1, "b": 1}"#).id == "CT-1")
    }

    @Test(arguments: ["[1, 2]", "\"text\"", "42", "null"])
    func aDossierThatIsNotAnObjectIsUnreadable(_ json: String) throws {
        let p = try loadProgram("rule R { require a > 0 }")
        let r = checkDossier(p, json)
        #expect(r.outcome == .error && r.error?.code == "E3010" && r.error?.line == 1 && r.error?.column == 1)
    }

    @Test func aBOMAndCRLFAreAccepted() throws {
        let p = try loadProgram("rule R { require a.b > 0 }")
        let r = checkDossier(p, "\u{FEFF}{\r\n  \"a\": {\r\n    \"b\": 0\r\n  }\r\n}\r\n")
        let f = try only(r)
        #expect(f.pointer == "/a/b" && r.location(of: f).line == 3 && r.location(of: f).column == 10)
    }
}
