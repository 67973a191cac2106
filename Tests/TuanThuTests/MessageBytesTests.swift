import Diagnostics
import Testing

/// Findings' built-in messages and hints filled straight into bytes (the
/// NDJSON line's path) are the bytes of the `String`s the other reports
/// show, for every reason, value shape and language.
@Suite struct MessageBytesTests {
    static let shapes: [ValueShape] = [.missing, .invalid, .null, .bool(true), .number("1200.5"), .string("Cần Thơ \"x\""),
                                       .date("2025-06-15"), .list(3), .object]

    static let causes: [InvalidCause] = shapes.flatMap { f -> [InvalidCause] in
        [.needsList(construct: "for", expr: "it.items", found: f), .pathNeedsList(expr: "a.b[0]", found: f),
         .inNeedsListOrString(expr: "x", found: f), .notBoolean(expr: "ok", found: f), .notDate(expr: "d", found: f),
         .notComparable(expr: "n", found: f, other: .number("5")), .notNumber(expr: "n", found: f),
         .needsString(function: "len", expr: "s", found: f), .needsNumbers(function: "sum", expr: "xs", found: f),
         .schemaDate(path: "project.end_on", found: f), .schemaType(path: "p", found: f, expected: .integer)]
    } + [.divisionByZero(expr: "a / b"), .schemaInvalid(path: "p"),
         .schemaEnum(path: "kind", given: "\"mainn\"", allowed: [LocalizedText(vi: "chính", en: "main")], more: 2),
         .schemaEnum(path: "kind", given: "\"x\"", allowed: [], more: 0)]

    static let reasons: [FindingReason] = causes.flatMap { c -> [FindingReason] in
        [.invalidValue(context: .check, cause: c, expr: "e"), .invalidValue(context: .when, cause: c, expr: "e"),
         .invalidValue(context: .filter, cause: c, expr: "e"), .schemaType(cause: c, path: "p", expected: .number), .schemaDate(cause: c),
         .schemaEnum(cause: c, suggestion: nil, codes: ["a", "b"], more: true), .schemaEnum(cause: c, suggestion: "main", codes: [], more: false)]
    } + [
        .requirementNotMet(expr: "a > 1"), .invalidValue(context: .check, cause: nil, expr: "x.y"),
        .invalidValue(context: .when, cause: nil, expr: "x.y"),
        .missingData(context: .when, paths: ["a.b", "c"], expr: "a.b"), .missingData(context: .filter, paths: [], expr: "it.x"),
        .missingData(context: .check, paths: ["project.name"], expr: "project.name"),
        .notAList(expr: "it.items", found: .number("3")), .invalidDate(field: "submitted_on", found: .string("32/01/2025"), asOf: "2026-11-29"),
        .duplicateKey(key: "name", firstLine: 12), .duplicateID(id: "CT-1", firstFile: "a.json"),
        .unknownKey(key: "nmae", object: "project", suggestion: "name", declared: [], more: false),
        .unknownKey(key: String(repeating: "k", count: 70), object: nil, suggestion: nil, declared: ["a", "b"], more: true),
        .requiredField(path: "project.name", condition: nil), .requiredField(path: "a", condition: "kind == \"x\""),
        .undecidedRequired(path: "a", condition: "b", cause: nil, missing: ["b"]),
        .undecidedRequired(path: "a", condition: "b", cause: nil, missing: []),
        .undecidedRequired(path: "a", condition: "b", cause: .notNumber(expr: "b", found: .string("x")), missing: []),
        .evidenceMismatch(file: "a.pdf", claim: "x", actual: "abc"), .evidenceUnverified(file: "a.pdf", claim: "x"),
        .ruleMessage([RuleText("vi", "Thiếu")]),
    ]

    @Test(arguments: reasons)
    func messageBytesAreTheMessage(_ reason: FindingReason) {
        var vi: [UInt8] = [], en: [UInt8] = []
        let wrote = reason.appendMessage(vi: &vi, en: &en)
        #expect(wrote == (reason.message != nil))
        #expect(String(decoding: vi, as: UTF8.self) == (reason.message?.vi ?? ""))
        #expect(String(decoding: en, as: UTF8.self) == (reason.message?.en ?? ""))
    }

    @Test(arguments: reasons)
    func hintBytesAreTheHint(_ reason: FindingReason) {
        var vi: [UInt8] = [], en: [UInt8] = []
        let wrote = reason.appendHint(vi: &vi, en: &en)
        #expect(wrote == (reason.hint != nil))
        #expect(String(decoding: vi, as: UTF8.self) == (reason.hint?.vi ?? ""))
        #expect(String(decoding: en, as: UTF8.self) == (reason.hint?.en ?? ""))
    }

    /// A value filled in one language is that language's half of its text.
    @Test(arguments: shapes)
    func shapeBytesAreTheText(_ shape: ValueShape) {
        for lang in Lang.allCases {
            var bytes: [UInt8] = []
            shape.appendText(lang, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == shape.text(lang))
        }
    }

    /// A message ending in a question mark keeps it; the others get a
    /// period, in bytes as in text — also after a `?` that is part of a
    /// longer character (a prepended U+0600), which is no question mark.
    @Test(arguments: ["có?", "yes?", "\u{0600}?", "plain"])
    func aQuestionKeepsItsMark(_ label: String) {
        let cause = InvalidCause.schemaEnum(path: "a", given: "\"x\"", allowed: [LocalizedText(verbatim: label)], more: 0)
        let reason = FindingReason.invalidValue(context: .check, cause: cause, expr: "e")
        var vi: [UInt8] = [], en: [UInt8] = []
        #expect(reason.appendMessage(vi: &vi, en: &en))
        #expect(String(decoding: vi, as: UTF8.self) == reason.message?.vi)
        #expect(String(decoding: en, as: UTF8.self) == reason.message?.en)
        #expect(reason.message?.en.hasSuffix("?") == (label.hasSuffix("?")))
    }
}
