import Base
import Diagnostics
import Evaluator
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// A finding is a diagnostic of the dossier: a typed reason worded from the
// message catalogue in either language, and a span into the dossier's file
// of the run, from which every report computes its line and column.

@Suite("A finding is a diagnostic") struct FindingDiagnosticTests {
    static let reasons: [(FindingReason, String, String)] = [
        (.requirementNotMet(expr: "a > 0"), "Không đạt yêu cầu: `a > 0`.", "Requirement not met: `a > 0`."),
        (.missingData(context: .when, paths: ["a.b", "c"], expr: "a.b > c"),
         "Không xác định được quy tắc có áp dụng hay không: thiếu `a.b`, `c`.", "Cannot tell whether the rule applies: `a.b`, `c` is missing."),
        (.missingData(context: .check, paths: [], expr: "x"), "Không kiểm tra được: thiếu `x`.", "Cannot check: `x` is missing."),
        (.invalidValue(context: .check, cause: .divisionByZero(expr: "b"), expr: "a / b"), "chia cho 0: `b` bằng 0.", "division by zero: `b` is 0."),
        (.invalidValue(context: .when, cause: .notComparable(expr: "w.gen", found: .string("1.200"), other: .number("1500")), expr: "w.gen > 1"),
         "Không xác định được quy tắc có áp dụng hay không: `w.gen` là chuỗi \"1.200\", không so sánh được với số 1500.",
         "Cannot tell whether the rule applies: `w.gen` is the string \"1.200\", which cannot be compared with the number 1500."),
        (.invalidValue(context: .filter, cause: nil, expr: "k"), "Giá trị không hợp lệ trong `k`.", "Invalid value in `k`."),
        (.notAList(expr: "items", found: .object), "`items` là một đối tượng, không phải danh sách", "`items` is an object, not a list"),
        (.invalidDate(field: "submitted_on", found: .date("2025-06-15"), asOf: "2026-11-29"),
         "`submitted_on` là ngày 15/06/2025, không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY); các quy tắc có hiệu lực được xác định theo ngày 29/11/2026.",
         "`submitted_on` is the date 2025-06-15, not a date (YYYY-MM-DD or DD/MM/YYYY); the rules in force were chosen as of 2026-11-29."),
        (.duplicateKey(key: "c", firstLine: 3),
         "Khóa «c» xuất hiện hai lần trong cùng một đối tượng (lần đầu ở dòng 3); các công cụ khác nhau giữ bản khác nhau.",
         "Key “c” appears twice in one object (first at line 3); different tools keep different copies."),
        (.duplicateID(id: "CT-1", firstFile: "a.json"), "Mã hồ sơ «CT-1» trùng với hồ sơ a.json đã kiểm tra trong cùng đợt.",
         "The dossier id “CT-1” is already used by a.json, checked in the same run."),
        (.schemaType(cause: .schemaType(path: "a.n", found: .list(2), expected: .number), path: "a.n", expected: .number),
         "`a.n` là danh sách 2 phần tử, nhưng phải là số.", "`a.n` is a list of 2, but must be a number."),
        (.schemaEnum(cause: .schemaEnum(path: "z", given: "\"cao\"", allowed: [LocalizedText(vi: "cao (high)", en: "high (high)")], more: 3),
                     suggestion: nil, codes: ["high"], more: true),
         "`z` là \"cao\", không thuộc các giá trị cho phép: cao (high), … (3 giá trị khác).", "`z` is \"cao\", not one of the allowed values: high (high), … (3 more)."),
        (.unknownKey(key: "nmae", object: nil, suggestion: "name", declared: [], more: false),
         "Khóa «nmae» không có trong lược đồ; có phải là «name»?", "Key “nmae” at the top level is not in the schema; did you mean “name”?"),
        (.unknownKey(key: "x", object: "plan", suggestion: nil, declared: ["a"], more: false),
         "Khóa «x» trong `plan` không có trong lược đồ.", "Key “x” in `plan` is not in the schema."),
        (.requiredField(path: "a.b", condition: "k == 1"), "Thiếu trường bắt buộc `a.b` (bắt buộc khi `k == 1`).",
         "The required field `a.b` is missing (required when `k == 1`)."),
        (.undecidedRequired(path: "a.b", condition: "k == 1", cause: nil, missing: ["k"]),
         "Không xác định được `a.b` có bắt buộc hay không (`k == 1`): thiếu `k`.", "Cannot tell whether `a.b` is required (`k == 1`): `k` is missing."),
        (.evidenceMismatch(file: "f.pdf", claim: "ĐTM", actual: "ab"), "Tệp «f.pdf» (chứng minh ĐTM) có mã SHA-256 ab, khác mã khai trong hồ sơ.",
         "The file “f.pdf” (evidence for ĐTM) has SHA-256 ab, not the one the dossier gives."),
        (.evidenceUnverified(file: "f.pdf", claim: "ĐTM"), "Chưa xác minh được tệp «f.pdf» (chứng minh ĐTM): không có tệp bên cạnh hồ sơ.",
         "The file “f.pdf” (evidence for ĐTM) is not verified: the file is not beside the dossier."),
    ]

    @Test(arguments: reasons)
    func aTypedReasonRendersInBothLanguages(_ reason: FindingReason, _ vi: String, _ en: String) throws {
        let text = try #require(reason.message)
        #expect(text(.vi) == vi)
        #expect(text(.en) == en)
        // A finding worded from it says the same under `--lang`, and never an unfilled `{placeholder}`.
        let f = Finding(rule: "tuanthu.x", severity: .error, kind: .invalid, reason: reason, cites: [], pointer: "",
                        span: Span(file: FileID(0), start: 0, end: 0), missing: [], evidence: [], waiver: nil)
        #expect(f.message("vi") == vi && f.message("en") == en)
        for lang in Lang.allCases {
            #expect(!text(lang).contains("{") && !(f.hint(lang.rawValue) ?? "").contains("{"))
        }
    }

    @Test func theLastFindingOfACappedKindSaysHowManyMoreInEachLanguage() {
        var f = Finding(rule: "tuanthu.schema.type", severity: .error, kind: .invalid,
                        reason: .schemaType(cause: .schemaType(path: "n", found: .string("x"), expected: .integer), path: "n", expected: .integer),
                        cites: [], pointer: "/n", span: Span(file: FileID(0), start: 0, end: 1), missing: [], evidence: [], waiver: nil)
        f.more = 9990
        #expect(f.message("vi") == "`n` là chuỗi \"x\", nhưng phải là số nguyên. … và 9.990 giá trị sai kiểu khác tương tự.")
        #expect(f.message("en") == "`n` is the string \"x\", but must be an integer. … and 9,990 more values of the wrong type like this.")
        #expect(f.hint("vi") == "Ghi `n` dưới dạng số nguyên." && f.hint("en") == "Write `n` as an integer.")
    }

    @Test func aRulesOwnMessageKeepsItsLanguagesAndTheRulesHint() throws {
        let p = try loadProgram("""
            rule R {
              hint vi "Tăng công suất."
              hint en "Raise the capacity."
              require cap > 5 else vi "Công suất {cap}." en "Capacity {cap}." fr "Capacité {cap}."
            }
            """)
        let r = checkDossier(p, #"{"cap": 1200}"#)
        #expect(r.findings.isEmpty)
        let f = try #require(checkDossier(p, #"{"cap": 1}"#).findings.first)
        #expect(f.message.map(\.lang) == ["vi", "en", "fr"])
        #expect(f.message("fr") == "Capacité 1." && f.messageText(.en) == "Capacity 1.")
        #expect(f.hint("en") == "Raise the capacity." && f.hintText?(.vi) == "Tăng công suất.")
    }

    /// The date a message prints is `15/06/2025` under vi, in a built-in finding and a rule's message.
    @Test func datesInMessagesAreWrittenTheVietnameseWayUnderVi() throws {
        let p = try loadProgram("""
            ruleset t { date_field submitted_on }
            rule R {
              require a > 0 else vi "Ngày {reference_date()}: a là {a}." en "On {reference_date()}: a is {a}."
            }
            """)
        let bad = checkDossier(p, #"{"submitted_on": "next week", "a": 1}"#)
        let date = try #require(bad.findings.first { $0.rule == "tuanthu.invalid-date" })
        #expect(date.message("vi").hasSuffix("theo ngày 29/11/2026."))
        #expect(date.message("en").hasSuffix("as of 2026-11-29."))
        let ev = Evaluator(program: p, asOf: evalAsOf, purpose: .inspection)
        let r = ev.check(bytes: Array(#"{"submitted_on": "2025-06-15", "a": 0}"#.utf8), path: "d.json")
        let f = try #require(r.findings.first)
        #expect(f.message("vi") == "Ngày 29/11/2026: a là 0." && f.message("en") == "On 2026-11-29: a is 0.")
    }

    /// The line and column the JSON report prints are the ones computed from
    /// the finding's span; each dossier of the run is its own file, and the
    /// spans of its findings are in it.
    @Test func theJSONReportPrintsTheLineAndColumnOfTheSpan() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let inputs = expandDossierPaths([packageRootPath + "/Tests/Fixtures/check/dossiers"])
        try #require(inputs.count >= 3)
        let run = runBatch(program, inputs, format: .json, jobs: 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let dossiers = try #require(json["dossiers"] as? [[String: Any]])
        #expect(dossiers.count == run.results.count)
        var compared = 0
        for (k, (r, d)) in zip(run.results, dossiers).enumerated() {
            if let source = r.source { #expect(source.id == FileID(UInt32(k)), "\(r.file) is file \(k) of the run") }
            let printed = try #require(d["findings"] as? [[String: Any]])
            #expect(printed.count == r.findings.count)
            for (f, p) in zip(r.findings, printed) {
                #expect(f.span.file == FileID(UInt32(k)))
                let at = r.location(of: f)
                #expect(at.line >= 1 && p["line"] as? Int == at.line && p["column"] as? Int == at.column, "\(r.file) \(f.rule)")
                compared += 1
            }
        }
        #expect(compared > 0)
        try expectFindingsWhereTheirPointersLead(run.results)
    }

    /// A finding in a record of an NDJSON stream points at the stream's line
    /// of that record, in every report that prints a place.
    @Test func aFindingInAnNDJSONRecordPointsAtItsLineOfTheStream() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let clean = #"{"id": "A", "project": {"type": "factory"}, "wastewater": {"generated_m3_day": 10, "treatment": {"capacity_m3_day": 50}}}"#
        let failing = #"{"id": "B", "project": {"type": "factory"}, "wastewater": {"generated_m3_day": 10, "treatment": {"capacity_m3_day": 5}}}"#
        let stream = clean + "\n\n" + failing + "\n"
        let inputs = ndjsonRecords(Array(stream.utf8)).map { DossierInput.record($0, streamName: "<stdin>") }
        let run = runBatch(program, inputs, format: .ndjson, jobs: 1)
        let r = try #require(run.results.last)
        let f = try #require(r.findings.first { $0.rule == "KL81-3.5-WW-01" })
        // The blamed value is on line 3 of the stream, at its column in that line.
        let at = r.location(of: f)
        let column = failing.distance(from: failing.startIndex, to: try #require(failing.range(of: "5}}")).lowerBound) + 1
        #expect(at.line == 3 && at.column == column)
        let lines = run.output.split(separator: "\n").map(String.init)
        let record = try #require(lines.first { $0.contains("\"B\"") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        let printed = try #require((object["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "KL81-3.5-WW-01" })
        #expect(printed["line"] as? Int == 3 && printed["column"] as? Int == column)
        let text = runBatch(program, inputs, format: .text, jobs: 1).output
        #expect(text.contains("<stdin>:3:\(column)"))
    }
}
