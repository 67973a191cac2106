// Catalogue area: the findings tuanthu words itself — data a rule could not
// read, a wrong value, the dossier's schema, a repeated key or id, evidence
// files — and the words that describe a value or a type inside them.
//
// The evaluator never writes these texts: it records a typed reason
// (`FindingReason`, and `InvalidCause` for a wrong value, with the value as a
// `ValueShape`), and the text is made from it here, in both languages, when a
// report is rendered. A rule's own `else` message is the rule's text and is
// not here. To add a built-in finding: a case of `FindingReason`, its entries
// below, and the two `switch`es of `FindingReason.message`/`hint`.

/// The entries of the findings area.
package enum FindingMessage: String, MessageArea {
    // A value, as a message names what it found.
    case valueMissing, valueInvalid, valueBool, valueNumber, valueString, valueDate, valueList, valueObject
    // A type the schema declares.
    case typeString, typeNumber, typeInteger, typeBool, typeDate, typeList, typeObject
    // Why a value is invalid.
    case needsList, pathNeedsList, divisionByZero, inNeedsListOrString, notBoolean, notDate, notComparable
    case notNumber, needsString, needsNumbers
    case schemaInvalid, schemaDate, schemaEnum, schemaEnumMore, schemaType
    // Findings of a rule the evaluator words.
    case requirementNotMet, missingWhen, missingFilter, missingCheck, addPaths
    case invalidWhen, invalidIn, notAList
    // Findings of the dossier itself (`tuanthu.…`).
    case invalidDate, invalidDateHint, duplicateKey, duplicateKeyHint, duplicateID, duplicateIDHint
    case schemaTypeHint, schemaDateHint, schemaEnumSuggest, schemaEnumCodes
    case unknownKeyTop, unknownKeyIn, unknownKeySuggest, unknownKeySuggestHint, unknownKeyHint
    case requiredField, requiredFieldWhen, undecidedRequired, undecidedData, undecidedNoData, undecidedHint
    case evidenceMismatch, evidenceMismatchHint, evidenceUnverified, evidenceUnverifiedHint
    // "… and N more like this" after the last finding shown of a capped kind.
    case more, nounType, nounDate, nounEnum, nounKey, nounRequired, nounUndecided
    // Tags the text report adds after a finding's message.
    case tagMissing, tagInvalid

    package var key: String { "finding.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .valueMissing: ("không có", "missing")
        case .valueInvalid: ("không hợp lệ", "invalid")
        case .valueBool: ("giá trị {value}", "the value {value}")
        case .valueNumber: ("số {value}", "the number {value}")
        case .valueString: ("chuỗi \"{value}\"", "the string \"{value}\"")
        case .valueDate: ("ngày {date}", "the date {date}")
        case .valueList: ("danh sách {count} phần tử", "a list of {count}")
        case .valueObject: ("một đối tượng", "an object")
        case .typeString: ("chuỗi", "a string")
        case .typeNumber: ("số", "a number")
        case .typeInteger: ("số nguyên", "an integer")
        case .typeBool: ("true hoặc false", "true or false")
        case .typeDate: ("ngày dạng chuỗi (YYYY-MM-DD hoặc DD/MM/YYYY)", "a date string (YYYY-MM-DD or DD/MM/YYYY)")
        case .typeList: ("danh sách [ … ]", "a list [ … ]")
        case .typeObject: ("đối tượng { … }", "an object { … }")
        case .needsList: ("`{construct}` cần một danh sách, nhưng `{expr}` là {found}", "`{construct}` needs a list, but `{expr}` is {found}")
        case .pathNeedsList: ("`{expr}` cần một danh sách, nhưng giá trị là {found}", "`{expr}` needs a list, but the value is {found}")
        case .divisionByZero: ("chia cho 0: `{expr}` bằng 0", "division by zero: `{expr}` is 0")
        case .inNeedsListOrString: ("`in` cần một danh sách hoặc chuỗi, nhưng `{expr}` là {found}", "`in` needs a list or a string, but `{expr}` is {found}")
        case .notBoolean: ("`{expr}` là {found}, không phải đúng/sai", "`{expr}` is {found}, not true or false")
        case .notDate: ("`{expr}` là {found}, không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)", "`{expr}` is {found}, not a date (YYYY-MM-DD or DD/MM/YYYY)")
        case .notComparable: ("`{expr}` là {found}, không so sánh được với {other}", "`{expr}` is {found}, which cannot be compared with {other}")
        case .notNumber: ("`{expr}` là {found}, trong khi cần một số", "`{expr}` is {found}, but a number is needed")
        case .needsString: ("`{function}` cần một chuỗi, nhưng `{expr}` là {found}", "`{function}` needs a string, but `{expr}` is {found}")
        case .needsNumbers: ("`{function}` cần các số, nhưng `{expr}` chứa {found}", "`{function}` needs numbers, but `{expr}` holds {found}")
        case .schemaInvalid: ("`{path}` không hợp lệ", "`{path}` is invalid")
        case .schemaDate: ("`{path}` là {found}, không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)", "`{path}` is {found}, not a valid date (YYYY-MM-DD or DD/MM/YYYY)")
        case .schemaEnum: ("`{path}` là {given}, không thuộc các giá trị cho phép: {allowed}", "`{path}` is {given}, not one of the allowed values: {allowed}")
        case .schemaEnumMore: ("… ({count} giá trị khác)", "… ({count} more)")
        case .schemaType: ("`{path}` là {found}, nhưng phải là {expected}", "`{path}` is {found}, but must be {expected}")
        case .requirementNotMet: ("Không đạt yêu cầu: `{expr}`.", "Requirement not met: `{expr}`.")
        case .missingWhen: ("Không xác định được quy tắc có áp dụng hay không: thiếu {what}.", "Cannot tell whether the rule applies: {what} is missing.")
        case .missingFilter: ("Không xác định được phần tử này có thuộc diện kiểm tra không: thiếu {what}.", "Cannot tell whether this element is concerned: {what} is missing.")
        case .missingCheck: ("Không kiểm tra được: thiếu {what}.", "Cannot check: {what} is missing.")
        case .addPaths: ("Bổ sung {paths} vào hồ sơ.", "Add {paths} to the dossier.")
        case .invalidWhen: ("Không xác định được quy tắc có áp dụng hay không: {cause}.", "Cannot tell whether the rule applies: {cause}.")
        case .invalidIn: ("Giá trị không hợp lệ trong `{expr}`", "Invalid value in `{expr}`")
        case .notAList: ("`{expr}` là {found}, không phải danh sách", "`{expr}` is {found}, not a list")
        case .invalidDate: ("`{field}` là {found}, không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY); các quy tắc có hiệu lực được xác định theo ngày {asOf}.",
                            "`{field}` is {found}, not a date (YYYY-MM-DD or DD/MM/YYYY); the rules in force were chosen as of {asOf}.")
        case .invalidDateHint: ("Ghi ngày dạng 2024-07-09 hoặc 09/07/2024.", "Write the date as 2024-07-09 or 09/07/2024.")
        case .duplicateKey: ("Khóa «{key}» xuất hiện hai lần trong cùng một đối tượng (lần đầu ở dòng {line}); các công cụ khác nhau giữ bản khác nhau.",
                             "Key “{key}” appears twice in one object (first at line {line}); different tools keep different copies.")
        case .duplicateKeyHint: ("Giữ lại một khóa «{key}» và xóa bản còn lại.", "Keep one “{key}” and delete the other.")
        case .duplicateID: ("Mã hồ sơ «{id}» trùng với hồ sơ {first} đã kiểm tra trong cùng đợt.", "The dossier id “{id}” is already used by {first}, checked in the same run.")
        case .duplicateIDHint: ("Mỗi hồ sơ cần một mã riêng; sửa mã của hồ sơ này hoặc bỏ bản trùng khỏi đợt kiểm tra.",
                                "Give each dossier its own id; correct this one's id or drop the duplicate from the batch.")
        case .schemaTypeHint: ("Ghi `{path}` dưới dạng {expected}.", "Write `{path}` as {expected}.")
        case .schemaDateHint: ("Ghi ngày có thật, dạng 2024-07-09 hoặc 09/07/2024.", "Write a real date as 2024-07-09 or 09/07/2024.")
        case .schemaEnumSuggest: ("Có phải là \"{value}\"? Hồ sơ ghi mã giá trị, không ghi nhãn.", "Did you mean \"{value}\"? The dossier holds the value's code, not its label.")
        case .schemaEnumCodes: ("Ghi một trong các mã: {codes}.", "Write one of the codes: {codes}.")
        case .unknownKeyTop: ("Khóa «{key}» không có trong lược đồ", "Key “{key}” at the top level is not in the schema")
        case .unknownKeyIn: ("Khóa «{key}» trong `{object}` không có trong lược đồ", "Key “{key}” in `{object}` is not in the schema")
        case .unknownKeySuggest: ("{message}; có phải là «{suggestion}»?", "{message}; did you mean “{suggestion}”?")
        case .unknownKeySuggestHint: ("Đổi tên khóa thành «{suggestion}».", "Rename the key to “{suggestion}”.")
        case .unknownKeyHint: ("Xóa khóa, hoặc dùng một khóa của lược đồ: {names}.", "Delete the key, or use one the schema declares: {names}.")
        case .requiredField: ("Thiếu trường bắt buộc `{path}`.", "The required field `{path}` is missing.")
        case .requiredFieldWhen: ("Thiếu trường bắt buộc `{path}` (bắt buộc khi `{condition}`).", "The required field `{path}` is missing (required when `{condition}`).")
        case .undecidedRequired: ("Không xác định được `{path}` có bắt buộc hay không (`{condition}`): {cause}.", "Cannot tell whether `{path}` is required (`{condition}`): {cause}.")
        case .undecidedData: ("thiếu {what}", "{what} is missing")
        case .undecidedNoData: ("thiếu dữ liệu", "data is missing")
        case .undecidedHint: ("Bổ sung hoặc sửa các trường mà điều kiện đọc.", "Add or correct the fields the condition reads.")
        case .evidenceMismatch: ("Tệp «{file}» (chứng minh {claim}) có mã SHA-256 {actual}, khác mã khai trong hồ sơ.",
                                 "The file “{file}” (evidence for {claim}) has SHA-256 {actual}, not the one the dossier gives.")
        case .evidenceMismatchHint: ("Đối chiếu tệp với bản gốc; nếu tệp đúng, sửa sha256 trong hồ sơ (lệnh sha256sum in ra mã).",
                                     "Compare the file with the original; if the file is right, correct sha256 in the dossier (sha256sum prints it).")
        case .evidenceUnverified: ("Chưa xác minh được tệp «{file}» (chứng minh {claim}): không có tệp bên cạnh hồ sơ.",
                                   "The file “{file}” (evidence for {claim}) is not verified: the file is not beside the dossier.")
        case .evidenceUnverifiedHint: ("Đặt tệp chứng cứ cạnh hồ sơ (đường dẫn tương đối theo thư mục của hồ sơ) rồi kiểm tra lại.",
                                       "Put the evidence file beside the dossier (its path is relative to the dossier's folder) and check again.")
        case .more: ("{message} … và {count} {noun} khác tương tự.", "{message} … and {count} more {noun} like this.")
        case .nounType: ("giá trị sai kiểu", "values of the wrong type")
        case .nounDate: ("ngày sai", "malformed dates")
        case .nounEnum: ("giá trị ngoài danh mục", "values outside the list")
        case .nounKey: ("khóa lạ", "unknown keys")
        case .nounRequired: ("trường bắt buộc bị thiếu", "missing required fields")
        case .nounUndecided: ("trường không xác định được", "undecided fields")
        case .tagMissing: ("[thiếu dữ liệu]", "[missing data]")
        case .tagInvalid: ("[không hợp lệ]", "[invalid]")
        }
    }
}

/// A value as a finding describes what it found: its kind and a short form
/// of it, worded only when shown ("the string "1.200"", "số 5").
package enum ValueShape: Sendable, Hashable {
    /// No value, a wrong value, or JSON `null`.
    case missing, invalid, null
    /// `true` or `false`.
    case bool(Bool)
    /// The number as written (digits kept).
    case number(String)
    /// The string's first 60 characters.
    case string(String)
    /// A date, `YYYY-MM-DD` (written `15/06/2025` in Vietnamese).
    case date(String)
    /// A list and how many elements it has.
    case list(Int)
    /// An object.
    case object

    /// The value in words, in both languages.
    package var text: LocalizedText {
        guard let (entry, args) = wording else { return LocalizedText(verbatim: "null") }
        return localize(entry, arguments: args)
    }

    /// Appends the value in words in `lang` to `out` as UTF-8: `text(lang)`'s bytes.
    package func appendText(_ lang: Lang, to out: inout [UInt8]) {
        guard let (entry, args) = wording else {
            out.append(contentsOf: "null".utf8)
            return
        }
        fill(entry, args, lang, into: &out)
    }

    /// The catalogue entry that words the value and its arguments; nil for JSON `null`, written as it is.
    private var wording: (FindingMessage, [(key: String, value: MessageArg)])? {
        switch self {
        case .missing: (.valueMissing, [])
        case .invalid: (.valueInvalid, [])
        case .null: nil
        case .bool(let b): (.valueBool, [("value", .text(String(b)))])
        case .number(let s): (.valueNumber, [("value", .text(s))])
        case .string(let s): (.valueString, [("value", .text(s))])
        case .date(let d): (.valueDate, [("date", .date(d))])
        case .list(let n): (.valueList, [("count", .text(String(n)))])
        case .object: (.valueObject, [])
        }
    }
}

/// A type a schema declares, as a finding names it.
package enum TypeShape: Sendable, Hashable {
    /// The schema's `string` (and an enum's values), `number`, `integer`, `bool`, `date`, list and object.
    case string, number, integer, bool, date, list, object

    /// The type in words, in both languages.
    package var text: LocalizedText {
        switch self {
        case .string: localize(FindingMessage.typeString)
        case .number: localize(FindingMessage.typeNumber)
        case .integer: localize(FindingMessage.typeInteger)
        case .bool: localize(FindingMessage.typeBool)
        case .date: localize(FindingMessage.typeDate)
        case .list: localize(FindingMessage.typeList)
        case .object: localize(FindingMessage.typeObject)
        }
    }
}

/// Why a value is invalid (a wrong type, a value outside its list): what
/// the evaluator records at the first wrong value it meets while tracing.
package enum InvalidCause: Sendable, Hashable {
    /// `construct` (`for`, `all`, `count`, …) was given `expr`, which is not a list.
    case needsList(construct: String, expr: String, found: ValueShape)
    /// A path step `expr[…]` met a value that is not a list.
    case pathNeedsList(expr: String, found: ValueShape)
    /// A division whose divisor `expr` is 0.
    case divisionByZero(expr: String)
    /// The right side of `in` is neither a list nor a string.
    case inNeedsListOrString(expr: String, found: ValueShape)
    /// A condition that is not true or false.
    case notBoolean(expr: String, found: ValueShape)
    /// A value read as a date that is not one.
    case notDate(expr: String, found: ValueShape)
    /// A comparison of values of different kinds (`found` is the dossier's side).
    case notComparable(expr: String, found: ValueShape, other: ValueShape)
    /// Arithmetic on a value that is not a number.
    case notNumber(expr: String, found: ValueShape)
    /// A text function given something else than a string.
    case needsString(function: String, expr: String, found: ValueShape)
    /// `sum`, `min`, `max` over a list holding something else than numbers.
    case needsNumbers(function: String, expr: String, found: ValueShape)
    /// A value the schema validation rejected, without a recorded cause.
    case schemaInvalid(path: String)
    /// A schema `date` that is not a real date.
    case schemaDate(path: String, found: ValueShape)
    /// A value outside its enum: `given` quoted, the first allowed values
    /// (labels per language), and how many more there are.
    case schemaEnum(path: String, given: String, allowed: [LocalizedText], more: Int)
    /// A value of another type than the schema declares.
    case schemaType(path: String, found: ValueShape, expected: TypeShape)

    /// The cause in words (no final period), in both languages.
    package var text: LocalizedText {
        let (entry, args) = wording
        return localize(entry, arguments: args)
    }

    /// Appends the cause in words (no final period) to `vi` and `en`, as
    /// UTF-8: the bytes of `text`, each language filled straight in.
    package func appendText(vi: inout [UInt8], en: inout [UInt8]) {
        let (entry, args) = wording
        fill(entry, args, .vi, into: &vi)
        fill(entry, args, .en, into: &en)
    }

    /// The catalogue entry that words the cause and its arguments.
    private var wording: (FindingMessage, [(key: String, value: MessageArg)]) {
        switch self {
        case .needsList(let c, let e, let f): (.needsList, [("construct", .text(c)), ("expr", .text(e)), ("found", .shape(f))])
        case .pathNeedsList(let e, let f): (.pathNeedsList, [("expr", .text(e)), ("found", .shape(f))])
        case .divisionByZero(let e): (.divisionByZero, [("expr", .text(e))])
        case .inNeedsListOrString(let e, let f): (.inNeedsListOrString, [("expr", .text(e)), ("found", .shape(f))])
        case .notBoolean(let e, let f): (.notBoolean, [("expr", .text(e)), ("found", .shape(f))])
        case .notDate(let e, let f): (.notDate, [("expr", .text(e)), ("found", .shape(f))])
        case .notComparable(let e, let f, let o): (.notComparable, [("expr", .text(e)), ("found", .shape(f)), ("other", .shape(o))])
        case .notNumber(let e, let f): (.notNumber, [("expr", .text(e)), ("found", .shape(f))])
        case .needsString(let fn, let e, let f): (.needsString, [("function", .text(fn)), ("expr", .text(e)), ("found", .shape(f))])
        case .needsNumbers(let fn, let e, let f): (.needsNumbers, [("function", .text(fn)), ("expr", .text(e)), ("found", .shape(f))])
        case .schemaInvalid(let p): (.schemaInvalid, [("path", .text(p))])
        case .schemaDate(let p, let f): (.schemaDate, [("path", .text(p)), ("found", .shape(f))])
        case .schemaEnum(let p, let given, let allowed, let more):
            (.schemaEnum, [("path", .text(p)), ("given", .text(given)), ("allowed", .localized(joined(allowed, more: more)))])
        case .schemaType(let p, let f, let t): (.schemaType, [("path", .text(p)), ("found", .shape(f)), ("expected", .localized(t.text))])
        }
    }

    private func joined(_ names: [LocalizedText], more: Int) -> LocalizedText {
        var all = names
        if more > 0 { all.append(localize(FindingMessage.schemaEnumMore, ["count": .text(String(more))])) }
        return LocalizedText(vi: all.map(\.vi).joined(separator: ", "), en: all.map(\.en).joined(separator: ", "))
    }
}

/// A text a rule writes in a language it names (`vi`, `en`, or another).
package struct RuleText: Sendable, Hashable {
    /// The language tag as the rule writes it.
    package var lang: String
    /// The text.
    package var text: String
    /// A text in `lang`.
    package init(_ lang: String, _ text: String) {
        self.lang = lang
        self.text = text
    }
}

/// Where a rule's check stood when it could not decide.
package enum FindingContext: Sendable, Hashable {
    /// The rule's `when`: whether it applies.
    case when
    /// A `for each … where`: whether an element is concerned.
    case filter
    /// A `require`, or the list a `for each` walks.
    case check
}

/// Why a finding was made, with what is needed to word it: one case per
/// distinct problem (after Cedar's typed validation errors). The words are
/// made from it when a report is rendered (`message`, `hint`), in `--lang`.
package enum FindingReason: Sendable, Hashable {
    /// The rule's own `else` message, in the languages the rule gives, values already filled in.
    case ruleMessage([RuleText])
    /// A `require` was false and the rule gives no message.
    case requirementNotMet(expr: String)
    /// Data the check reads is absent: the dotted `paths`, or (none known) the expression.
    case missingData(context: FindingContext, paths: [String], expr: String)
    /// A value the check reads is wrong; `cause` nil when none was recorded.
    case invalidValue(context: FindingContext, cause: InvalidCause?, expr: String)
    /// A `for each` list that is something else.
    case notAList(expr: String, found: ValueShape)
    /// The ruleset's `date_field` holds no date: the rules in force were chosen as of `asOf` (YYYY-MM-DD).
    case invalidDate(field: String, found: ValueShape, asOf: String)
    /// A key repeated in one object; `firstLine` is the line of the first copy.
    case duplicateKey(key: String, firstLine: Int)
    /// A dossier id used by an earlier dossier of the run.
    case duplicateID(id: String, firstFile: String)
    /// A value of the wrong type for the schema.
    case schemaType(cause: InvalidCause, path: String, expected: TypeShape)
    /// A schema date that is not a real date.
    case schemaDate(cause: InvalidCause)
    /// A value outside its enum, with the code probably meant, else the codes to choose from.
    case schemaEnum(cause: InvalidCause, suggestion: String?, codes: [String], more: Bool)
    /// A key the schema does not declare, in `object` (nil: at the top level).
    case unknownKey(key: String, object: String?, suggestion: String?, declared: [String], more: Bool)
    /// A required field absent; `condition` for a `required when` one.
    case requiredField(path: String, condition: String?)
    /// Whether a `required when` field is required could not be told.
    case undecidedRequired(path: String, condition: String, cause: InvalidCause?, missing: [String])
    /// An evidence file whose SHA-256 differs from the dossier's.
    case evidenceMismatch(file: String, claim: String, actual: String)
    /// An evidence file that is not beside the dossier.
    case evidenceUnverified(file: String, claim: String)

    /// The rule's own text, when the reason is one.
    package var ruleTexts: [RuleText]? {
        if case .ruleMessage(let t) = self { return t }
        return nil
    }

    /// The catalogue entry and arguments of a message that is one entry
    /// filled in; nil for the messages composed of several (and a rule's own).
    private var wording: (FindingMessage, [(key: String, value: MessageArg)])? {
        switch self {
        case .requirementNotMet(let e): return (.requirementNotMet, [("expr", .text(e))])
        case .missingData(let context, let paths, let expr):
            let what = MessageArg.text(paths.isEmpty ? "`\(expr)`" : backticked(paths))
            switch context {
            case .when: return (.missingWhen, [("what", what)])
            case .filter: return (.missingFilter, [("what", what)])
            case .check: return (.missingCheck, [("what", what)])
            }
        case .notAList(let e, let f): return (.notAList, [("expr", .text(e)), ("found", .shape(f))])
        case .invalidDate(let field, let found, let asOf): return (.invalidDate, [("field", .text(field)), ("found", .shape(found)), ("asOf", .date(asOf))])
        case .duplicateKey(let key, let line): return (.duplicateKey, [("key", .text(key)), ("line", .text(String(line)))])
        case .duplicateID(let id, let first): return (.duplicateID, [("id", .text(id)), ("first", .text(first))])
        case .requiredField(let path, let condition):
            guard let condition else { return (.requiredField, [("path", .text(path))]) }
            return (.requiredFieldWhen, [("path", .text(path)), ("condition", .text(condition))])
        case .evidenceMismatch(let file, let claim, let actual): return (.evidenceMismatch, [("file", .text(file)), ("claim", .text(claim)), ("actual", .text(actual))])
        case .evidenceUnverified(let file, let claim): return (.evidenceUnverified, [("file", .text(file)), ("claim", .text(claim))])
        case .ruleMessage, .invalidValue, .schemaType, .schemaDate, .schemaEnum, .unknownKey, .undecidedRequired: return nil
        }
    }

    /// The message in both languages (nil for a rule's own message).
    package var message: LocalizedText? {
        if let (entry, args) = wording { return localize(entry, arguments: args) }
        switch self {
        case .ruleMessage: return nil
        case .invalidValue(let context, let cause, let expr):
            let c = cause?.text ?? localize(FindingMessage.invalidIn, ["expr": .text(expr)])
            if context == .when { return localize(FindingMessage.invalidWhen, ["cause": .localized(c)]) }
            return sentence(c)
        case .schemaType(let cause, _, _), .schemaDate(let cause), .schemaEnum(let cause, _, _, _): return sentence(cause.text)
        case .unknownKey(let key, let object, let suggestion, _, _):
            let shown = key.count > 60 ? String(key.prefix(60)) + "…" : key
            let base = object.map { localize(FindingMessage.unknownKeyIn, ["key": .text(shown), "object": .text($0)]) }
                ?? localize(FindingMessage.unknownKeyTop, ["key": .text(shown)])
            guard let suggestion else { return sentence(base) }
            return localize(FindingMessage.unknownKeySuggest, ["message": .localized(base), "suggestion": .text(suggestion)])
        case .undecidedRequired(let path, let condition, let cause, let missing):
            let c = cause?.text ?? (missing.isEmpty
                ? localize(FindingMessage.undecidedNoData)
                : localize(FindingMessage.undecidedData, ["what": .text(backticked(missing))]))
            return localize(FindingMessage.undecidedRequired, ["path": .text(path), "condition": .text(condition), "cause": .localized(c)])
        case .requirementNotMet, .missingData, .notAList, .invalidDate, .duplicateKey, .duplicateID, .requiredField,
             .evidenceMismatch, .evidenceUnverified:
            return nil  // worded above (`wording`)
        }
    }

    /// Appends the message to `vi` and `en` as UTF-8 — the bytes of
    /// `message` — filling the common reasons' entries straight in, without
    /// their `String`s; false, with nothing appended, for a rule's own message.
    package func appendMessage(vi: inout [UInt8], en: inout [UInt8]) -> Bool {
        if let (entry, args) = wording {
            fill(entry, args, .vi, into: &vi)
            fill(entry, args, .en, into: &en)
            return true
        }
        let (viStart, enStart) = (vi.count, en.count)
        switch self {
        case .ruleMessage: return false
        case .invalidValue(let context, let cause, let expr) where context != .when:
            if let cause {
                cause.appendText(vi: &vi, en: &en)
            } else {
                fill(FindingMessage.invalidIn, ["expr": .text(expr)], .vi, into: &vi)
                fill(FindingMessage.invalidIn, ["expr": .text(expr)], .en, into: &en)
            }
            appendPeriod(from: viStart, &vi)
            appendPeriod(from: enStart, &en)
        case .schemaType(let cause, _, _), .schemaDate(let cause), .schemaEnum(let cause, _, _, _):
            cause.appendText(vi: &vi, en: &en)
            appendPeriod(from: viStart, &vi)
            appendPeriod(from: enStart, &en)
        case .invalidValue(_, let cause, let expr):
            // `when`: the cause is worded first, then filled into the entry.
            let c = MessageArg.localized(cause?.text ?? localize(FindingMessage.invalidIn, ["expr": .text(expr)]))
            fill(FindingMessage.invalidWhen, ["cause": c], .vi, into: &vi)
            fill(FindingMessage.invalidWhen, ["cause": c], .en, into: &en)
        default:
            guard let text = message else { return false }
            appendUTF8(text.vi, &vi)
            appendUTF8(text.en, &en)
        }
        return true
    }

    /// How to fix it, in both languages, when the reason itself says (nil:
    /// the rule's own hint applies, if any).
    package var hint: LocalizedText? {
        guard let (entry, args) = hintWording else { return nil }
        return localize(entry, arguments: args)
    }

    /// Appends the hint to `vi` and `en` as UTF-8 — the bytes of `hint` —
    /// each language filled straight in; false, with nothing appended, when
    /// the reason has no hint of its own.
    package func appendHint(vi: inout [UInt8], en: inout [UInt8]) -> Bool {
        guard let (entry, args) = hintWording else { return false }
        fill(entry, args, .vi, into: &vi)
        fill(entry, args, .en, into: &en)
        return true
    }

    /// The catalogue entry that words the hint and its arguments, when the reason has a hint.
    private var hintWording: (FindingMessage, [(key: String, value: MessageArg)])? {
        switch self {
        case .ruleMessage, .requirementNotMet, .invalidValue, .notAList: return nil
        case .missingData(_, let paths, _):
            return paths.isEmpty ? nil : (.addPaths, [("paths", .text(backticked(paths)))])
        case .invalidDate: return (.invalidDateHint, [])
        case .duplicateKey(let key, _): return (.duplicateKeyHint, [("key", .text(key))])
        case .duplicateID: return (.duplicateIDHint, [])
        case .schemaType(_, let path, let expected): return (.schemaTypeHint, [("path", .text(path)), ("expected", .localized(expected.text))])
        case .schemaDate: return (.schemaDateHint, [])
        case .schemaEnum(_, let suggestion, let codes, let more):
            if let suggestion { return (.schemaEnumSuggest, [("value", .text(suggestion))]) }
            let list = codes.map { "\"\($0)\"" }.joined(separator: ", ") + (more ? ", …" : "")
            return (.schemaEnumCodes, [("codes", .text(list))])
        case .unknownKey(_, _, let suggestion, let declared, let more):
            if let suggestion { return (.unknownKeySuggestHint, [("suggestion", .text(suggestion))]) }
            return (.unknownKeyHint, [("names", .text(declared.joined(separator: ", ") + (more ? ", …" : "")))])
        case .requiredField(let path, _): return (.addPaths, [("paths", .text("`\(path)`"))])
        case .undecidedRequired: return (.undecidedHint, [])
        case .evidenceMismatch: return (.evidenceMismatchHint, [])
        case .evidenceUnverified: return (.evidenceUnverifiedHint, [])
        }
    }

    /// The noun of "… and N more … like this" for a capped schema finding.
    package var moreNoun: LocalizedText? {
        switch self {
        case .schemaType: localize(FindingMessage.nounType)
        case .schemaDate: localize(FindingMessage.nounDate)
        case .schemaEnum: localize(FindingMessage.nounEnum)
        case .unknownKey: localize(FindingMessage.nounKey)
        case .requiredField: localize(FindingMessage.nounRequired)
        case .undecidedRequired: localize(FindingMessage.nounUndecided)
        default: nil
        }
    }
}

/// `` `a.b`, `c` `` for dotted paths.
private func backticked(_ paths: [String]) -> String {
    paths.map { "`\($0)`" }.joined(separator: ", ")
}

/// A message ending in a question mark keeps it; others get a period.
private func sentence(_ t: LocalizedText) -> LocalizedText {
    func s(_ x: String) -> String { x.hasSuffix("?") ? x : x + "." }
    return LocalizedText(vi: s(t.vi), en: s(t.en))
}

/// Appends `s`'s UTF-8.
private func appendUTF8(_ s: String, _ out: inout [UInt8]) {
    var s = s
    s.withUTF8 { out.append(contentsOf: $0) }
}

/// `sentence` on the text at `out[start...]`: a period unless it ends with a
/// question mark. Decided on the last byte; only a final `?` byte is looked
/// at as `hasSuffix` does (by character), which a rare preceding
/// prepend mark could make differ.
private func appendPeriod(from start: Int, _ out: inout [UInt8]) {
    if out.count > start && out[out.count - 1] == UInt8(ascii: "?") {
        if String(decoding: out[start...], as: UTF8.self).hasSuffix("?") { return }
    }
    out.append(UInt8(ascii: "."))
}
