import Base
import Evaluator
import Foundation
import JSON
import Reporters
import Semantics
import Run
import Testing
import TuanThu

// The legal review, the tool side: the date validity in force is judged on
// (`reference_date()`, `as_of()`, `--purpose`, `inspect on`), findings that
// rest on unverified thresholds, and coverage by point.

/// A permit judged on the reference date, as the bundled pack's permit rules are.
private let permitRules = """
    ruleset permits {
      date_field submitted_on
    }

    schema {
      submitted_on?: date
      permit: {
        expires_on: date
      }
    }

    rule PRM {
      require permit.expires_on >= reference_date()
        else en "The permit expired on {permit.expires_on}."
    }

    rule ASOF {
      require as_of() == 2026-01-15
    }
    """

@Suite("Legal fidelity: reference date, unverified thresholds, coverage by point")
struct LegalFidelityTests {
    struct DateCase: Sendable, CustomTestStringConvertible {
        var name: String
        var dossier: String
        var purpose: CheckPurpose
        var permit: RuleOutcome
        var testDescription: String { name }
    }

    /// A permit that expired on 30/06/2025, submitted before and inspected after.
    static let dateCases: [DateCase] = [
        DateCase(name: "pre-validation judges on the submission date: still valid then",
                 dossier: #"{"submitted_on": "2025-03-01", "permit": {"expires_on": "2025-06-30"}}"#, purpose: .prevalidation, permit: .pass),
        DateCase(name: "inspection judges on the as-of date: expired by then",
                 dossier: #"{"submitted_on": "2025-03-01", "permit": {"expires_on": "2025-06-30"}}"#, purpose: .inspection, permit: .fail),
        DateCase(name: "pre-validation without a submission date cannot tell: missing, never a pass",
                 dossier: #"{"permit": {"expires_on": "2030-01-01"}}"#, purpose: .prevalidation, permit: .missing),
        DateCase(name: "an inspection needs no submission date",
                 dossier: #"{"permit": {"expires_on": "2030-01-01"}}"#, purpose: .inspection, permit: .pass),
        DateCase(name: "the permit expiring on the day itself is still valid",
                 dossier: #"{"submitted_on": "2026-01-15", "permit": {"expires_on": "2026-01-15"}}"#, purpose: .inspection, permit: .pass),
    ]

    @Test(arguments: dateCases) func referenceDate(_ c: DateCase) throws {
        let program = try loadProgram(permitRules)
        let asOf = CivilDate("2026-01-15")!
        let r = Evaluator(program: program, asOf: asOf, purpose: c.purpose).check(bytes: Array(c.dossier.utf8), path: "d.json")
        #expect(outcome(r, program, "PRM") == c.permit, "\(r.findings.map { $0.message("en") })")
        // as_of() is the date of the check whatever the purpose.
        #expect(outcome(r, program, "ASOF") == .pass)
        if c.permit == .missing {
            #expect(r.findings.first { $0.rule == "PRM" }?.missing == ["/submitted_on"])
        }
    }

    @Test func referenceDateIsNotAConstant() throws {
        // The evaluator folds constant expressions once; reference_date() and as_of() must not be.
        let program = try loadProgram(permitRules + "\nlet today_ref = reference_date()\nrule LET {\n  require today_ref == 2025-03-01\n}\n")
        let d = #"{"submitted_on": "2025-03-01", "permit": {"expires_on": "2025-06-30"}}"#
        let pre = Evaluator(program: program, asOf: CivilDate("2026-01-15")!).check(bytes: Array(d.utf8), path: "d.json")
        let insp = Evaluator(program: program, asOf: CivilDate("2026-01-15")!, purpose: .inspection).check(bytes: Array(d.utf8), path: "d.json")
        #expect(outcome(pre, program, "LET") == .pass)
        #expect(outcome(insp, program, "LET") == .fail)
    }

    @Test func inspectOnMakesATestAnInspection() throws {
        let program = try loadProgram(permitRules + """

            test "pre-validation: the permit was valid when the dossier was submitted" {
              given { "submitted_on": "2025-03-01", "permit": { "expires_on": "2025-06-30" } }
              expect PRM pass
            }

            test "inspected on 15/01/2026: the permit had expired" {
              inspect on 2026-01-15
              given { "submitted_on": "2025-03-01", "permit": { "expires_on": "2025-06-30" } }
              expect PRM fail at "/permit/expires_on"
              expect ASOF pass
            }

            test "inspected on 01/06/2025: still valid" {
              given { "submitted_on": "2025-03-01", "permit": { "expires_on": "2025-06-30" } }
              inspect on 2025-06-01
              expect PRM pass
            }
            """)
        // The command's --as-of is another day: an `inspect on` test uses its own.
        let results = TestRunner(program: program, asOf: CivilDate("2024-01-01")!).run()
        #expect(results.map(\.passed) == [true, true, true], "\(results.map(\.failures))")
        // `--purpose inspection` makes the tests without `inspect on` inspections on --as-of.
        let inspected = TestRunner(program: program, asOf: CivilDate("2026-01-15")!, purpose: .inspection).run()
        #expect(inspected.map(\.passed) == [false, true, true])
    }

    /// A rule reading a threshold through a def, a let and another threshold.
    static let thresholdRules = """
        source "50/2010/QH12" {
          item "Điều 33" "Cơ sở sử dụng năng lượng trọng điểm" unverified
          item "Điều 34" "Kiểm toán năng lượng" verified
        }

        threshold key_energy_toe = 1000
          cite "50/2010/QH12" item "Điều 33"
          unverified "Decree 30/2026 not found"

        threshold audit_days = 1096
          cite "50/2010/QH12" item "Điều 34"
          verified

        threshold building_toe = key_energy_toe / 2
          cite "50/2010/QH12" item "Điều 33"
          unverified "derived"

        let building_limit = building_toe
        def is_key(e) = e >= building_limit

        rule DIRECT {
          cite "50/2010/QH12" item "Điều 33"
          require energy < key_energy_toe else vi "Tiêu thụ {energy} TOE/năm" en "Uses {energy} TOE/year"
        }

        rule THROUGH {
          require not is_key(energy)
        }

        rule VERIFIED {
          cite "50/2010/QH12" item "Điều 34"
          require days < audit_days
        }
        """

    @Test func findingsCarryTheUnverifiedThresholdsTheyRestOn() throws {
        let program = try loadProgram(Self.thresholdRules)
        let r = checkDossier(program, #"{"energy": 1200, "days": 2000}"#)
        func names(_ id: String) -> [String] { r.findings.first { $0.rule == id }?.unverified.map(\.name) ?? ["no finding"] }
        #expect(names("DIRECT") == ["key_energy_toe"])
        // Through a def, a let and a threshold computed from another.
        #expect(names("THROUGH") == ["key_energy_toe", "building_toe"])
        #expect(names("VERIFIED") == [])
        let direct = try #require(r.findings.first { $0.rule == "DIRECT" })
        #expect(unverifiedNote(direct.unverified, "vi") == "ngưỡng chưa được đối chiếu với văn bản gốc: key_energy_toe = 1000 (50/2010/QH12 Điều 33)")
        #expect(unverifiedNote(direct.unverified, "en") == "threshold not verified against the source text: key_energy_toe = 1000 (50/2010/QH12 Art. 33)")
        #expect(direct.cites.first?.verified == false)
        #expect(citationText(direct.cites[0], "vi") == "50/2010/QH12 Điều 33 (chưa đối chiếu)")
        #expect(program.thresholds.map(\.valueText) == ["1000", "1096", "key_energy_toe / 2"])
        // The vi message writes the number the Vietnamese way.
        #expect(direct.message("vi") == "Tiêu thụ 1.200 TOE/năm")
    }

    @Test(arguments: ReportFormat.allCases)
    func everyReportShowsTheNoteAndThePurpose(_ format: ReportFormat) throws {
        let program = try loadProgram(Self.thresholdRules)
        let inputs = ndjsonRecords(Array(#"{"energy": 1200, "days": 10}"#.utf8)).map { DossierInput.record($0, streamName: "s.ndjson") }
        let out = runBatch(program, inputs, format: format, jobs: 1, lang: "vi").output
        let note = "ngưỡng chưa được đối chiếu với văn bản gốc: key_energy_toe = 1000 (50/2010/QH12 Điều 33)"
        if format == .json || format == .ndjson {
            #expect(out.contains("unverified_thresholds"))
        } else if format == .markdown {
            #expect(out.contains(note.replacingOccurrences(of: "_", with: "\\_")))
        } else {
            #expect(out.contains(note), "\(format)")
        }
        // (if-chains, not a switch: a report format added later needs no change here)
        if format == .ndjson {
            // One line per dossier, no run object: the finding's field says it.
            #expect(out.contains(#""unverified_thresholds":[{"name":"key_energy_toe","value":"1000","cites":["50/2010/QH12 Điều 33"],"reason":"Decree 30/2026 not found"}"#))
        } else if format == .json || format == .sarif {
            #expect(out.contains(#""purpose": "prevalidation""#), "\(format)")
            #expect(out.contains(#""as_of": "2026-11-29""#), "\(format)")
        } else if format == .junit {
            #expect(out.contains(#"<property name="purpose" value="prevalidation"/>"#))
        } else if format == .text || format == .markdown {
            #expect(out.contains("Mục đích: tiền kiểm hồ sơ (hiệu lực xét theo ngày nộp hồ sơ); ngày kiểm tra 2026-11-29"), "\(format)")
        } else {
            #expect(out.contains("tiền kiểm hồ sơ (hiệu lực xét theo ngày nộp hồ sơ)"), "\(format)")
        }
    }

    @Test func coverageByPoint() throws {
        let program = try loadProgram("""
            source "1032-CV/TU" {
              item "3.4" "Cơ sở dữ liệu; khai thác cát; nguồn nước" verified {
                point "a" "dữ liệu quan trắc kết nối Sở"
                point "b" "khai thác cát trên sông Hậu"
              }
              item "4" "Tuyên truyền" verified not_checkable "không thể hiện trong hồ sơ"
            }

            source "72/2020/QH14" {
              item "Điều 30" "Đối tượng phải thực hiện ĐTM" unverified
            }

            threshold sand_depth_m = 5
              cite "72/2020/QH14" item "Điều 30"
              unverified "not in the text"

            rule SAND {
              cite "1032-CV/TU" item "3.4" point "b"
              require depth < sand_depth_m
            }

            rule EIA {
              cite "1032-CV/TU" item "3.4"
              cite "72/2020/QH14" item "Điều 30"
              require true
            }
            """)
        let c = CoverageReport(program: program)
        let item = try #require(c.rows.first { $0.item == "3.4" })
        #expect(item.rules.map(\.id) == ["SAND", "EIA"])
        #expect(item.points.map(\.id) == ["a", "b"])
        #expect(item.points.map { $0.rules.map(\.id) } == [[], ["SAND"]])
        #expect(item.pointGaps.map(\.id) == ["a"])
        // One point not covered; the not-checkable item and the cited law article are no gaps.
        #expect(c.gaps == 1)
        #expect(c.unverifiedThresholds.map(\.name) == ["sand_depth_m"])
        #expect(c.unverifiedItems.map { "\($0.source) \($0.item)" } == ["72/2020/QH14 Điều 30"])
        #expect(c.directive == "1032-CV/TU")
        #expect(c.directiveOnlyRules == ["SAND"])
        let text = c.text(lang: .en)
        #expect(text.contains("    point a     not covered — dữ liệu quan trắc kết nối Sở\n"))
        #expect(text.contains("    point b     SAND (untested)\n"))
        #expect(text.contains("1 of 2 points of checkable items covered; 1 not covered\n"))
        #expect(text.contains("Unverified thresholds (1):\n  sand_depth_m = 5 — should come from 72/2020/QH14 Art. 30 — not in the text\n"))
        #expect(text.contains("Unverified source items (1):\n  72/2020/QH14 Art. 30 — Đối tượng phải thực hiện ĐTM\n"))
        #expect(text.contains("Rules citing only 1032-CV/TU, no article of law (1):\n  SAND\n"))
        // The same in Vietnamese: the words of the language, the legal references as written.
        let vi = c.text(lang: .vi)
        #expect(vi.contains("    điểm a      chưa được phủ — dữ liệu quan trắc kết nối Sở\n"), "\(vi)")
        #expect(vi.contains("    điểm b      SAND (chưa kiểm thử)\n"))
        #expect(vi.contains("1 trên 2 điểm của các mục kiểm tra được đã có quy tắc; 1 điểm chưa phủ\n"))
        #expect(vi.contains("Ngưỡng chưa đối chiếu với văn bản gốc (1):\n  sand_depth_m = 5 — cần lấy từ 72/2020/QH14 Điều 30 — not in the text\n"))
        #expect(vi.contains("Mục văn bản nguồn chưa đối chiếu (1):\n  72/2020/QH14 Điều 30 — Đối tượng phải thực hiện ĐTM\n"))
        #expect(c.markdown(lang: .vi).contains("| | 3.4 điểm a |  | **chưa được phủ** |\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json().utf8)) as? [String: Any])
        #expect(json["gaps"] as? Int == 1)
        #expect(json["directive_only_rules"] as? [String] == ["SAND"])
        #expect((json["unverified_thresholds"] as? [[String: Any]])?.first?["reason"] as? String == "not in the text")
        let items = try #require(json["items"] as? [[String: Any]])
        #expect((items.first?["points"] as? [[String: Any]])?.map { $0["gap"] as? Bool } == [true, false])
        #expect(c.markdown(lang: .en).contains("| | 3.4 point a |  | **not covered** |\n"))
        #expect(c.markdown(lang: .en).contains("| Threshold | Value | Article | Verified |\n|---|---|---|---|\n| `sand_depth_m` | 5 | 72/2020/QH14 Art. 30 | **no** — not in the text |\n"))
    }
}
