import Diagnostics
import Evaluator
import Foundation
import JSON
import Testing
import TuanThu

// `tuanthu test` (TestRunner) and `tuanthu explain` (Evaluator.explain).

/// The example of the original language design (the Can Tho pack in small), with more tests, some of them wrong on purpose.
let languageExample = """
    ruleset kl81_cantho {
      title "Kết luận 81-KL/TW — Thành ủy Cần Thơ, công văn 1032-CV/TU"
      version "2024.07"
      date_field submitted_on
    }

    source "1032-CV/TU" {
      issued 2024-07-09
      item "2"   "Lồng ghép BVMT, quản lý tài nguyên, ứng phó BĐKH vào quy hoạch, kế hoạch, dự án"
      item "3.5" "Xử lý nước thải đô thị, cụm công nghiệp; chất thải rắn; nước sạch"
      item "4"   "Tuyên truyền, vận động" not_checkable "Không thể hiện trong hồ sơ dự án"
    }

    let industrial = project.type in ["industrial_cluster", "industrial_park", "factory"]

    /// Item 2 makes environment and climate an indispensable criterion of every project.
    rule KL81-2-PLAN-01 {
      title vi "Mọi hạng mục kế hoạch lồng ghép tiêu chí môi trường và khí hậu"
      title en "Every plan item integrates environment and climate criteria"
      cite "1032-CV/TU" item "2"
      severity error
      tags planning, climate
      effective from 2024-07-09

      for each it in plan.items {
        require count(it.criteria.environment ?? []) >= 1
          else vi "Hạng mục «{it.name}» chưa có tiêu chí bảo vệ môi trường."
               en "Plan item “{it.name}” has no environmental criterion."
        require count(it.criteria.climate ?? []) >= 1
          else vi "Hạng mục «{it.name}» chưa có tiêu chí ứng phó biến đổi khí hậu."
               en "Plan item “{it.name}” has no climate-change criterion."
      }
    }

    rule KL81-3.5-WW-01 {
      title en "Central wastewater plant covers the wastewater generated"
      cite "1032-CV/TU" item "3.5"
      severity error
      when industrial
      require wastewater.treatment.capacity_m3_day >= wastewater.generated_m3_day
        else en "Plant capacity {wastewater.treatment.capacity_m3_day} m³/day is below the {wastewater.generated_m3_day} m³/day generated."
      hint en "Raise the plant's capacity or phase the project."
    }

    test "an industrial cluster with too small a plant fails" {
      given { "project": { "type": "industrial_cluster" },
              "wastewater": { "generated_m3_day": 1200,
                              "treatment": { "capacity_m3_day": 800 } } }
      expect KL81-3.5-WW-01 fail at "/wastewater/treatment/capacity_m3_day"
    }

    test "a housing project is not concerned by the plant" {
      given { "project": { "type": "housing" } }
      expect KL81-3.5-WW-01 not_applicable
    }

    test "a plan item without climate criterion fails at the item's criteria" {
      given { "submitted_on": "01/08/2024",
              "plan": { "items": [ { "name": "A", "criteria": { "environment": ["x"] } } ] } }
      expect KL81-2-PLAN-01 fail at "/plan/items/0/criteria"
    }

    test "a dossier from before the letter is not concerned" {
      given { "submitted_on": "2024-07-08", "plan": { "items": [ {} ] } }
      expect KL81-2-PLAN-01 not_applicable
    }

    test "an unknown project type is missing data" {
      given { "project": { "name": "x" }, "wastewater": { "generated_m3_day": 1 } }
      expect KL81-3.5-WW-01 missing at "/project"
    }

    test "WRONG: the pointer is the plant, not the wastewater" {
      given { "project": { "type": "factory" },
              "wastewater": { "generated_m3_day": 1200, "treatment": { "capacity_m3_day": 800 } } }
      expect KL81-3.5-WW-01 fail at "/wastewater"
    }

    test "WRONG: the outcome is fail" {
      given { "project": { "type": "factory" },
              "wastewater": { "generated_m3_day": 1200, "treatment": { "capacity_m3_day": 800 } } }
      expect KL81-3.5-WW-01 pass
    }

    test "WRONG: a pass has no finding to point at" {
      given { "project": { "type": "housing" }, "plan": { "items": [] } }
      expect KL81-2-PLAN-01 pass at "/plan"
    }
    """

@Suite("test and explain")
struct EvalExplainTests {
    @Test func testBlocksPassAndFailAsExpected() throws {
        let program = try loadProgram(languageExample, path: "kl81.rules")
        let results = TestRunner(program: program, asOf: evalAsOf).run()
        #expect(results.count == 8)
        let passed = results.filter(\.passed).map(\.name)
        #expect(passed == [
            "an industrial cluster with too small a plant fails",
            "a housing project is not concerned by the plant",
            "a plan item without climate criterion fails at the item's criteria",
            "a dossier from before the letter is not concerned",
            "an unknown project type is missing data",
        ])
        for r in results where !r.passed { #expect(r.name.hasPrefix("WRONG"), "\(r.name): \(r.failures)") }
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0) })
        #expect(byName["WRONG: the pointer is the plant, not the wastewater"]?.failures.map { $0(.en) } == [
            #"expect KL81-3.5-WW-01 fail at "/wastewater": findings are at "/wastewater/treatment/capacity_m3_day""#
        ])
        #expect(byName["WRONG: the outcome is fail"]?.failures.map { $0(.en) } == [
            #"expect KL81-3.5-WW-01 pass: got fail — violation at "/wastewater/treatment/capacity_m3_day": Plant capacity 800 m³/day is below the 1,200 m³/day generated."#
        ])
        #expect(byName["WRONG: a pass has no finding to point at"]?.failures.map { $0(.en) } == [
            #"expect KL81-2-PLAN-01 pass at "/plan": findings are at no pointer"#
        ])
        // In Vietnamese, the same failures; the expectation is quoted as the rules file writes it.
        #expect(byName["WRONG: the pointer is the plant, not the wastewater"]?.failures.map { $0(.vi) } == [
            #"expect KL81-3.5-WW-01 fail at "/wastewater": các phát hiện nằm ở "/wastewater/treatment/capacity_m3_day""#
        ])
        #expect(byName["WRONG: a pass has no finding to point at"]?.failures.map { $0(.vi) } == [
            #"expect KL81-2-PLAN-01 pass at "/plan": không có phát hiện nào"#
        ])
        #expect(results.first?.location == "kl81.rules:45:1")
        // What was met is listed for the report of a passing test.
        #expect(byName["an industrial cluster with too small a plant fails"]?.met == [#"KL81-3.5-WW-01 fail at "/wastewater/treatment/capacity_m3_day""#])
        #expect(byName["WRONG: the outcome is fail"]?.met == [])
    }

    @Test func coverageGapsOfTheExample() throws {
        let program = try loadProgram(languageExample, path: "kl81.rules")
        let gaps = TestRunner(program: program, asOf: evalAsOf).coverageGaps()
        #expect(gaps.untested.isEmpty && gaps.noFail.isEmpty && gaps.noPass == [])
    }

    func explain(_ rules: String, _ rule: String, _ json: String) throws -> [ExplainLine] {
        let program = try loadProgram(rules)
        var files = SourceMap()
        let source = files.add(path: "d.json", bytes: Array(json.utf8))
        let doc = try JSONParser.parse(source.bytes)
        let r = try #require(program.rule(rule))
        return Evaluator(program: program, asOf: evalAsOf).explain(r, document: doc, source: source)
    }

    @Test func explainShowsEveryValueReadAndWhereItCameFrom() throws {
        let lines = try explain(languageExample, "KL81-3.5-WW-01", """
            {"project": {"type": "factory"},
             "wastewater": {"generated_m3_day": 1200, "treatment": {"capacity_m3_day": 800}}}
            """)
        let rows = lines.map { "\(String(repeating: " ", count: $0.depth))\($0.text.en) ⇒ \($0.value.en)\($0.location.map { " [\($0.en)]" } ?? "")" }
        #expect(rows == [
            "when ⇒ ",
            " industrial ⇒ true",
            "require ⇒ violation",
            " wastewater.treatment.capacity_m3_day >= wastewater.generated_m3_day ⇒ false",
            "  wastewater.treatment.capacity_m3_day ⇒ 800 [2:76 /wastewater/treatment/capacity_m3_day]",
            "  wastewater.generated_m3_day ⇒ 1200 [2:37 /wastewater/generated_m3_day]",
        ])
    }

    @Test func explainOfAForEachShowsEachElement() throws {
        let lines = try explain(languageExample, "KL81-2-PLAN-01", #"{"submitted_on": "2024-08-01", "plan": {"items": [{"name": "A", "criteria": {"environment": ["x"]}}]}}"#)
        let texts = lines.map { "\($0.text.en) ⇒ \($0.value.en)" }
        #expect(texts.contains("it = element 0 ⇒ {2 fields}"))
        #expect(texts.contains("it.criteria.climate ⇒ missing"))
        #expect(texts.contains("it.criteria.environment ⇒ [1 element]"))
    }

    @Test func explainShowsTheNewForms() throws {
        let rules = """
            rule R {
              require sum(it.b for it in items where is_number(it.b)) <= (if is_number(cap) then cap else 0)
              for each it, i in items where i > 2 {
                require is_number(it.b) else "item {i}"
              }
            }
            """
        let lines = try explain(rules, "R", #"{"items": [{"b": 2}, {"b": "x"}, {"b": 3}], "cap": 4}"#)
        let rows = lines.map { "\(String(repeating: " ", count: $0.depth))\($0.text.en) ⇒ \($0.value.en)\($0.location.map { " [\($0.en)]" } ?? "")" }
        #expect(rows == [
            "require ⇒ violation",
            " sum(it.b for it in items where is_number(it.b)) <= (if is_number(cap) then cap else 0) ⇒ false",
            "  sum(it.b for it in items where is_number(it.b)) ⇒ 5",
            "   it.b for it in items where is_number(it.b) ⇒ [2, 3]",
            "    items ⇒ [3 elements] [1:11 /items]",
            "    it = element 0 ⇒ {1 field} [1:12 /items/0]",
            "     is_number(it.b) ⇒ true",
            "      it.b ⇒ 2 [1:18 /items/0/b]",
            "     it.b ⇒ 2 [1:18 /items/0/b]",
            "    it = element 1 ⇒ {1 field} [1:22 /items/1]",
            "     is_number(it.b) ⇒ false",
            "      it.b ⇒ \"x\" [1:28 /items/1/b]",
            "    it = element 2 ⇒ {1 field} [1:34 /items/2]",
            "     is_number(it.b) ⇒ true",
            "      it.b ⇒ 3 [1:40 /items/2/b]",
            "     it.b ⇒ 3 [1:40 /items/2/b]",
            "  if is_number(cap) then cap else 0 ⇒ 4 [1:52 /cap]",
            "   is_number(cap) ⇒ true",
            "    cap ⇒ 4 [1:52 /cap]",
            "   cap ⇒ 4 [1:52 /cap]",
            "for each it, i in items ⇒ ",
            " items ⇒ [3 elements] [1:11 /items]",
            " it, i = element 0, 1 ⇒ {1 field} [1:12 /items/0]",
            "  i > 2 ⇒ false",
            "   i ⇒ 1",
            "   2 ⇒ 2",
            "  → skipped by `where` ⇒ ",
            " it, i = element 1, 2 ⇒ {1 field} [1:22 /items/1]",
            "  i > 2 ⇒ false",
            "   i ⇒ 2",
            "   2 ⇒ 2",
            "  → skipped by `where` ⇒ ",
            " it, i = element 2, 3 ⇒ {1 field} [1:34 /items/2]",
            "  i > 2 ⇒ true",
            "   i ⇒ 3",
            "   2 ⇒ 2",
            "  require ⇒ pass",
            "   is_number(it.b) ⇒ true",
            "    it.b ⇒ 3 [1:40 /items/2/b]",
        ])
    }

    @Test func explainOfAConditionalWithAnUnknownConditionShowsNoBranch() throws {
        let lines = try explain("rule R { require (if a then b else c) > 0 }", "R", #"{"b": 1, "c": 2}"#)
        #expect(lines.map { "\($0.text.en) ⇒ \($0.value.en)" } == [
            "require ⇒ missing",
            "(if a then b else c) > 0 ⇒ missing",
            "if a then b else c ⇒ missing",
            "a ⇒ missing",
            "0 ⇒ 0",
        ])
    }

    @Test func explainOfAWhereThatIsUnknownDoesNotSaySkipped() throws {
        let rules = "rule R { for each it in items where it.kind == \"a\" { require it.v > 0 } }"
        let lines = try explain(rules, "R", #"{"items": [{"kind": "b"}, {"v": 1}]}"#)
        let texts = lines.map { "\($0.text.en) ⇒ \($0.value.en)" }
        #expect(texts.contains("→ skipped by `where` ⇒ "))
        #expect(texts.contains("→ cannot tell whether this element is concerned ⇒ missing"))
    }

    @Test func explainStopsWhenTheRuleCannotBeToldToApply() throws {
        let lines = try explain(languageExample, "KL81-3.5-WW-01", #"{"wastewater": {"generated_m3_day": 1200}}"#)
        #expect(lines.map { "\($0.text.en) ⇒ \($0.value.en)" } == [
            "when ⇒ ",
            "industrial ⇒ missing",
            "→ cannot tell whether the rule applies ⇒ missing",
        ])
    }

    @Test func explainSaysWhereAnAbsentValueWouldBe() throws {
        let lines = try explain(languageExample, "KL81-3.5-WW-01", #"{"project": {"type": "factory"}, "wastewater": {"generated_m3_day": 1200}}"#)
        let capacity = lines.first { $0.text.en == "wastewater.treatment.capacity_m3_day" }
        #expect(capacity?.value.en == "missing")
        #expect(capacity?.location?.en == "would be at /wastewater/treatment/capacity_m3_day")
        #expect(capacity?.location?.vi == "lẽ ra nằm ở /wastewater/treatment/capacity_m3_day")
    }

    @Test func explainOfARuleNotInForce() throws {
        let lines = try explain(languageExample, "KL81-2-PLAN-01", #"{"submitted_on": "2024-01-01"}"#)
        #expect(lines.map(\.value.en) == ["not in force on 2024-01-01: not_applicable"])
        #expect(lines.map(\.value.vi) == ["không có hiệu lực vào ngày 01/01/2024: không áp dụng"])
    }
}
