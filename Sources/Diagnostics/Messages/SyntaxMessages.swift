// Catalogue area: what the parser says about a `.rules` file (E1xxx): the
// messages, helps, notes and labels, and the phrases that name what it
// expected ("the rule's title", "`{` after the rule id"). Backticked names,
// tokens and codes stay as written in both languages. The readers are the
// legal staff who write rules: plain words, the rule syntax kept exact.

/// Messages, helps, notes and labels of the rule-file parser (E1xxx).
package enum SyntaxMessage: String, MessageArea {
    // How a token is named after "found" (other tokens are shown in backticks).
    case foundEndOfFile, foundEndOfString, foundKeyword

    // Shared forms.
    case expectedFound, expectedDateFound, didYouMean, closeBlock
    case unknownWordIn, expectedWordsIn
    case labelUnclosedBrace, labelUnclosedParen, labelUnclosedBracket
    case helpReservedName, helpOneTextNoLanguage, helpQuoteText, helpDateWithoutQuotes
    case helpUseEqualEqual, helpKeyInQuotes

    // E1020
    case tooManyErrors, noteFixAndRerun
    // E1011
    case strayCloseBrace, helpStrayCloseBrace, afterDeclaration, helpNoTernary, helpMissingOperator
    case expectedDeclarationList, expectedDeclaration, helpDeclarationKinds
    // E1070–E1075
    case verifiedTakesNoText, helpVerifiedTakesNoText, unverifiedNeedsReason, helpUnverifiedNeedsReason
    case pointOutsideItem, helpPointOutsideItem
    case thresholdCitesNothing, helpThresholdCitesNothing, thresholdUnverified, helpThresholdUnverified
    case helpInspectOn
    // E1010 helps
    case helpTypeForms, helpRuleIDForm, helpEffectiveExample, helpWriteTag, helpTagForm, helpElseLanguages
    case helpForEachForm, helpGivenForm, helpAssignOnlyInDecl, helpQuantifierForm, helpQuantifierColon
    case helpIfForm, helpIfBothBranches, helpComprehensionForm
    case helpRulesetForm, helpSourceForm, helpSchemaForm, helpThresholdForm, helpLetForm, helpDefForm, helpRuleBlockForm
    // E1080
    case interpolatedKey, helpLiteralBraces
    // E1014
    case secondEnumLabel, helpSecondEnumLabel, secondWhen, helpSecondWhen
    case verificationTwice, helpVerificationTwice, givenTwice, helpKeepOne
    // E1015, E1060, E1061, E1021
    case nestingTooDeep, helpNestingTooDeep, expressionTooDeep, helpExpressionTooDeep
    case pathTooLong, helpPathTooLong, chainedComparison, helpChainedComparison
    // E1012
    case helpNextDeclaration, helpDanglingOperator
    // E1003
    case badUnicodeEscape, helpNotAScalar, helpUnicodeEscapeForm, badEscape, helpEscapes
    // E1030, E1016
    case bracesWithoutExpression, helpBracesRaw, helpBracesDoubled, emptyInterpolation, helpEmptyInterpolation
    case helpLiteralOpenBrace
    // E1004
    case unterminatedComment, helpUnterminatedComment
    // E1001
    case invalidName, helpInvalidName, invisibleCharacter, invisibleSpace, helpInvisibleSpace, helpInvisibleCharacter
    case unexpectedCharacter, helpBang, helpAmpersand, helpCurlyQuotes, helpSemicolon, helpNonASCIILetter
    case rawStringInGiven, helpRawStringInGiven
    // E1002
    case unterminatedRawString, helpUnterminatedRawString, unterminatedString, helpUnterminatedString
    // E1005
    case malformedNumber, helpNumberForms
    // E1006
    case notADateForm, helpDateForm, helpWriteDate, notARealDate, helpMonthRange, helpMonthDays, helpYearRange
    // E1007
    case invalidUTF8, helpSaveAsUTF8
    // E1022, and E1003 in a test's `given` (JSON)
    case jsonExpectedValue, helpJSONNoDates, helpJSONNoNames, jsonCommaBeforeClose, helpJSONNoTrailingComma
    case jsonBadEscape, jsonIncompleteEscape, helpJSONEscapes, jsonLoneSurrogate, helpJSONSurrogatePair
    case jsonControlCharacter, helpWriteTab, helpWriteUnicodeEscape, notAJSONNumber, helpJSONNumberUnderscore, helpJSONNumberForms

    package var key: String { "syntax.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .foundEndOfFile: ("cuối tệp", "end of file")
        case .foundEndOfString: ("cuối chuỗi", "the end of the string")
        case .foundKeyword: ("từ khóa {token}", "the keyword {token}")

        case .expectedFound: ("mong đợi {what}, gặp {found}", "expected {what}, found {found}")
        case .expectedDateFound: ("mong đợi {what} (một ngày như `2024-07-09`), gặp {found}",
                                  "expected {what} (a date such as `2024-07-09`), found {found}")
        case .didYouMean: ("có phải ý bạn là `{name}`?", "did you mean `{name}`?")
        case .closeBlock: ("mong đợi `}` để đóng {context}, gặp {found}", "expected `}` to close {context}, found {found}")
        case .unknownWordIn: ("từ lạ {found} trong {context}", "unknown word {found} in {context}")
        case .expectedWordsIn: ("mong đợi {words} hoặc {last} trong {context}, gặp {found}",
                                "expected {words} or {last} in {context}, found {found}")
        case .labelUnclosedBrace: ("`{` chưa được đóng", "unclosed `{`")
        case .labelUnclosedParen: ("`(` chưa được đóng", "unclosed `(`")
        case .labelUnclosedBracket: ("`[` chưa được đóng", "unclosed `[`")
        case .helpReservedName: ("{token} là từ dành riêng trong biểu thức; hãy chọn tên khác",
                                 "{token} is reserved in expressions; choose another name")
        case .helpOneTextNoLanguage: ("{what} là một văn bản duy nhất, không theo ngôn ngữ nào: hãy xóa {token}",
                                      "{what} is one text, in no particular language: remove {token}")
        case .helpQuoteText: ("đặt văn bản trong dấu ngoặc kép", "put the text in double quotes")
        case .helpDateWithoutQuotes: ("viết ngày không có dấu ngoặc kép: `{date}`", "write the date without quotes: `{date}`")
        case .helpUseEqualEqual: ("dùng `==` để so sánh", "use `==` to compare")
        case .helpKeyInQuotes: ("khóa được viết trong dấu ngoặc kép, như trong JSON", "keys are written in double quotes, as in JSON")

        case .tooManyErrors: ("quá nhiều lỗi; đã dừng phân tích", "too many errors; stopped parsing")
        case .noteFixAndRerun: ("sửa các lỗi ở trên rồi chạy lại", "fix the errors above and run again")

        case .strayCloseBrace: ("`}` thừa giữa các khai báo", "unexpected `}` between declarations")
        case .helpStrayCloseBrace: ("xóa nó, hoặc tìm dấu `{` bị thiếu ở phía trên", "remove it, or look for a `{` missing above")
        case .afterDeclaration: ("{found} thừa sau chỗ kết thúc của khai báo", "unexpected {found} after the end of the declaration")
        case .helpNoTernary: ("không có toán tử `? :`; `a ?? b` là `a`, hoặc là `b` khi `a` thiếu hoặc null",
                              "there is no `? :` operator; `a ?? b` is `a`, or `b` when `a` is missing or null")
        case .helpMissingOperator: ("có thể thiếu một toán tử trước nó", "an operator may be missing before it")
        case .expectedDeclarationList:
            ("mong đợi một khai báo (`rule`, `let`, `threshold`, `def`, `test`, `source`, `schema` hoặc `ruleset`), gặp {found}",
             "expected a declaration (`rule`, `let`, `threshold`, `def`, `test`, `source`, `schema` or `ruleset`), found {found}")
        case .expectedDeclaration: ("mong đợi một khai báo, gặp {found}", "expected a declaration, found {found}")
        case .helpDeclarationKinds:
            ("một tệp gồm các khai báo `rule`, `let`, `threshold`, `def`, `test`, `source`, `schema` và `ruleset`",
             "a file holds `rule`, `let`, `threshold`, `def`, `test`, `source`, `schema` and `ruleset` declarations")

        case .verifiedTakesNoText: ("`verified` không đi kèm văn bản", "`verified` takes no text")
        case .helpVerifiedTakesNoText:
            ("xóa văn bản đó, hoặc viết `unverified \"lý do\"` nếu không tìm thấy con số trong văn bản nguồn",
             "remove the text, or write `unverified \"why\"` if the figure was not found in the source")
        case .unverifiedNeedsReason: ("`unverified` cần nêu lý do", "`unverified` needs a reason")
        case .helpUnverifiedNeedsReason:
            ("nói rõ vì sao không kiểm chứng được con số, ví dụ `unverified \"không tìm thấy văn bản của nghị định\"`",
             "say why the figure could not be checked, e.g. `unverified \"the decree's text was not found\"`")
        case .pointOutsideItem: ("`point` chỉ được viện dẫn bên trong một `item`", "a `point` is cited within an `item`")
        case .helpPointOutsideItem: ("viết `cite \"NGUỒN\" item \"N\" point \"P\"`", "write `cite \"SOURCE\" item \"N\" point \"P\"`")
        case .thresholdCitesNothing: ("ngưỡng `{name}` không viện dẫn văn bản nguồn nào", "threshold `{name}` cites no source")
        case .helpThresholdCitesNothing:
            ("thêm điều khoản là căn cứ của con số ở dòng tiếp theo: `cite \"NGUỒN\" item \"N\"`",
             "add the article the figure comes from on the next line: `cite \"SOURCE\" item \"N\"`")
        case .thresholdUnverified: ("ngưỡng `{name}` chưa cho biết đã được kiểm chứng hay chưa",
                                    "threshold `{name}` does not say whether it was verified")
        case .helpThresholdUnverified:
            ("thêm `verified` nếu con số đã được đối chiếu với văn bản viện dẫn, hoặc `unverified \"lý do\"`",
             "add `verified` if the figure was checked against the cited text, or `unverified \"why\"`")
        case .helpInspectOn: ("viết `inspect on 2026-01-15`: bài kiểm thử là một cuộc kiểm tra vào ngày đó",
                              "write `inspect on 2026-01-15`: the test is an inspection on that date")

        case .helpTypeForms:
            ("một kiểu là string, number, integer, bool, date, enum(\"a\", \"b\"), [type] hoặc { field: type } (type: một kiểu, field: tên trường)",
             "a type is string, number, integer, bool, date, enum(\"a\", \"b\"), [type] or { field: type }")
        case .helpRuleIDForm: ("mã quy tắc có dạng `KL81-3.5-WW-01`", "rule ids look like `KL81-3.5-WW-01`")
        case .helpEffectiveExample: ("ví dụ `effective from 2024-07-09 until 2025-12-31`", "for example `effective from 2024-07-09 until 2025-12-31`")
        case .helpWriteTag: ("viết `{tag}`", "write `{tag}`")
        case .helpTagForm: ("thẻ ngôn ngữ gồm hai chữ cái thường, như `vi` hoặc `en`", "tags are two lowercase letters, such as `vi` or `en`")
        case .helpElseLanguages: ("viết `else vi \"…\" en \"…\"`", "write `else vi \"…\" en \"…\"`")
        case .helpForEachForm: ("viết `for each x in list { … }`", "write `for each x in list { … }`")
        case .helpGivenForm: ("một bài kiểm thử bắt đầu bằng `given { …json… }` hoặc `given file \"dossier.json\"`",
                              "a test starts with `given { …json… }` or `given file \"dossier.json\"`")
        case .helpAssignOnlyInDecl: ("`=` chỉ đứng sau tên trong `let` và `def`", "`=` only follows the name in `let` and `def`")
        case .helpQuantifierForm: ("viết `{quantifier}(x in list: condition)`", "write `{quantifier}(x in list: condition)`")
        case .helpQuantifierColon: ("viết `{quantifier}({variable} in list: condition)`", "write `{quantifier}({variable} in list: condition)`")
        case .helpIfForm: ("viết `if condition then a else b`", "write `if condition then a else b`")
        case .helpIfBothBranches: ("biểu thức `if` cần đủ hai nhánh: `if condition then a else b`",
                                   "an `if` expression needs both branches: `if condition then a else b`")
        case .helpComprehensionForm: ("viết `e for {variable} in list where condition`", "write `e for {variable} in list where condition`")
        case .helpRulesetForm: ("phần đầu bộ quy tắc có dạng `ruleset tên { title \"…\" version \"…\" }`",
                                "a ruleset header reads `ruleset name { title \"…\" version \"…\" }`")
        case .helpSourceForm: ("một văn bản nguồn có dạng `source \"1032-CV/TU\" { title \"…\" issued 2024-07-09 item \"2\" \"…\" }`",
                               "a source reads `source \"1032-CV/TU\" { title \"…\" issued 2024-07-09 item \"2\" \"…\" }`")
        case .helpSchemaForm: ("viết `schema { field: type … }`", "write `schema { field: type … }`")
        case .helpThresholdForm: ("viết `threshold tên = giá trị`, rồi `cite \"…\"` và `verified` hoặc `unverified \"lý do\"`",
                                  "write `threshold name = value`, then `cite \"…\"` and `verified` or `unverified \"why\"`")
        case .helpLetForm: ("viết `let tên = biểu thức`", "write `let name = expression`")
        case .helpDefForm: ("viết `def tên(a, b) = biểu thức`", "write `def name(a, b) = expression`")
        case .helpRuleBlockForm: ("nội dung quy tắc nằm trong ngoặc nhọn: `rule KL81-3.5-WW-01 { title \"…\" require … }`",
                                  "a rule's body is in braces: `rule KL81-3.5-WW-01 { title \"…\" require … }`")

        case .interpolatedKey: ("khóa không được chứa phần nội suy `{…}`", "a key cannot contain `{…}` interpolation")
        case .helpLiteralBraces: ("viết `{{` và `}}` cho dấu ngoặc nhọn thông thường", "write `{{` and `}}` for literal braces")

        case .secondEnumLabel: ("nhãn `{lang}` thứ hai cho giá trị liệt kê \"{value}\"", "a second `{lang}` label for enum value \"{value}\"")
        case .helpSecondEnumLabel: ("mỗi ngôn ngữ chỉ ghi một lần, ví dụ `\"high\" vi \"nguy cơ cao\" en \"high risk\"`",
                                    "give each language once, e.g. `\"high\" vi \"nguy cơ cao\" en \"high risk\"`")
        case .secondWhen: ("mỗi quy tắc chỉ có một `when`", "a rule has one `when`")
        case .helpSecondWhen: ("gộp các điều kiện bằng `and`", "combine the conditions with `and`")
        case .verificationTwice: ("việc kiểm chứng được ghi hai lần", "the verification is given twice")
        case .helpVerificationTwice: ("giữ một: `verified` nếu đã đọc văn bản trong nguồn, nếu không thì `unverified`",
                                      "keep one: `verified` if the text was read in the source, else `unverified`")
        case .givenTwice: ("`{key}` được ghi hai lần", "`{key}` is given twice")
        case .helpKeepOne: ("giữ lại một", "keep one")

        case .nestingTooDeep: ("lồng sâu quá {max} cấp", "nesting deeper than {max} levels")
        case .helpNestingTooDeep: ("tách biểu thức bằng `let` hoặc `def`", "split the expression with `let` or `def`")
        case .expressionTooDeep: ("biểu thức sâu quá {max} cấp (mỗi toán hạng của một chuỗi `and`, `or`, `+` … là một cấp)",
                                  "expression more than {max} levels deep (each operand of an `and`, `or`, `+` … chain is a level)")
        case .helpExpressionTooDeep: ("tách thành các phần có tên bằng `let` (`let part_1 = a and b and …`), rồi kết hợp các phần",
                                      "split it into named parts with `let` (`let part_1 = a and b and …`), then combine the parts")
        case .pathTooLong: ("đường dẫn dài quá {max} đoạn", "path longer than {max} segments")
        case .helpPathTooLong: ("không hồ sơ nào lồng sâu như vậy; hãy kiểm tra đường dẫn, hoặc đặt tên cho một phần của nó bằng `let`",
                                "no dossier nests that deep; check the path, or name a part of it with `let`")
        case .chainedComparison: ("không được nối liền các phép so sánh", "comparisons cannot be chained")
        case .helpChainedComparison: ("viết `a < b and b < c`", "write `a < b and b < c`")

        case .helpNextDeclaration: ("{token} ở đầu dòng mở đầu khai báo tiếp theo, nên khai báo phía trên chưa hoàn chỉnh",
                                    "{token} at the start of a line begins the next declaration, so the one above is unfinished")
        case .helpDanglingOperator: ("biểu thức dừng sau một toán tử: hãy viết tiếp, hoặc xóa toán tử đó",
                                     "the expression stops after an operator: complete it, or remove that operator")

        case .badUnicodeEscape: ("chuỗi thoát unicode `{escape}` không hợp lệ", "invalid unicode escape `{escape}`")
        case .helpNotAScalar: ("U+{hex} không phải là một giá trị vô hướng Unicode (là nửa cặp thay thế, hoặc lớn hơn U+10FFFF)",
                               "U+{hex} is not a Unicode scalar value (a surrogate, or above U+10FFFF)")
        case .helpUnicodeEscapeForm: ("viết một mã gồm 1 đến 6 chữ số thập lục phân trong ngoặc nhọn, như `\\u{1EA1}`",
                                      "write a code point of 1 to 6 hex digits in braces, such as `\\u{1EA1}`")
        case .badEscape: ("chuỗi thoát `{escape}` trong chuỗi không hợp lệ", "invalid escape `{escape}` in a string")
        case .helpEscapes: ("các chuỗi thoát hợp lệ là \\\" \\\\ \\n \\t và \\u{…}", "valid escapes are \\\" \\\\ \\n \\t and \\u{…}")

        case .bracesWithoutExpression: ("`{braces}` trong chuỗi sẽ là một phần nội suy, nhưng không chứa biểu thức nào",
                                        "`{braces}` in a string would be an interpolation, but it holds no expression")
        case .helpBracesRaw: ("để giữ nguyên dấu ngoặc nhọn, hãy viết chuỗi ở dạng thô, trong dấu backtick: {raw}",
                              "to keep the braces as written, write the string raw, in backticks: {raw}")
        case .helpBracesDoubled: ("để giữ nguyên dấu ngoặc nhọn, hãy viết chúng hai lần: `{doubled}`",
                                  "to keep the braces as written, double them: `{doubled}`")
        case .emptyInterpolation: ("phần nội suy rỗng", "empty interpolation")
        case .helpEmptyInterpolation: ("viết `{{}}` cho dấu ngoặc nhọn thông thường, hoặc đặt một biểu thức vào trong",
                                       "write `{{}}` for literal braces, or put an expression inside")
        case .helpLiteralOpenBrace: ("đóng bằng `}` ngay sau biểu thức; muốn viết chính dấu ngoặc nhọn thì viết `{{`",
                                     "close it with `}` right after the expression; for a literal brace write `{{`")

        case .unterminatedComment: ("chú thích khối chưa được đóng", "unterminated block comment")
        case .helpUnterminatedComment: ("đóng nó bằng `*/`", "close it with `*/`")

        case .invalidName: ("`{text}` không phải là tên hợp lệ", "`{text}` is not a valid name")
        case .helpInvalidName: ("tên chỉ gồm chữ cái ASCII, chữ số và `_`; truy cập trường tên `{text}` bằng `x[\"{text}\"]`",
                                "names use ASCII letters, digits and `_`; reach a field named `{text}` as `x[\"{text}\"]`")
        case .invisibleCharacter: ("ký tự vô hình {code} không mong đợi", "unexpected invisible character {code}")
        case .invisibleSpace: ("ký tự vô hình {code} không mong đợi (một khoảng trắng không phải dấu cách thông thường)",
                               "unexpected invisible character {code} (a space that is not an ordinary space)")
        case .helpInvisibleSpace: ("thay nó bằng một dấu cách thông thường", "replace it with an ordinary space")
        case .helpInvisibleCharacter: ("xóa nó; phần lớn trình soạn thảo không hiển thị ký tự này", "delete it; most editors do not show it")
        case .unexpectedCharacter: ("ký tự `{text}` không mong đợi", "unexpected character `{text}`")
        case .helpBang: ("viết `not`, hoặc `!=` để so sánh", "write `not`, or `!=` to compare")
        case .helpAmpersand: ("viết `and` hoặc `or`", "write `and` or `or`")
        case .helpCurlyQuotes: ("chuỗi được viết trong dấu ngoặc kép thẳng: \"…\"", "strings are written in straight double quotes: \"…\"")
        case .helpSemicolon: ("các câu lệnh không cần dấu phân cách; hãy xóa nó", "statements need no separator; remove it")
        case .helpNonASCIILetter: ("tên chỉ gồm chữ cái ASCII, chữ số và `_`; truy cập các tên trường khác bằng `x[\"tên trường\"]`",
                                   "names use ASCII letters, digits and `_`; reach other field names as `x[\"field name\"]`")
        case .rawStringInGiven: ("không dùng được chuỗi thô trong dấu backtick ở `given`, vốn là JSON",
                                 "a raw string in backticks cannot be used in `given`, which is JSON")
        case .helpRawStringInGiven: ("viết chuỗi trong dấu ngoặc kép, với các chuỗi thoát của JSON",
                                     "write the string in double quotes, with JSON's escapes")

        case .unterminatedRawString: ("chuỗi thô chưa được đóng", "unterminated raw string")
        case .helpUnterminatedRawString: ("thêm dấu backtick đóng trên cùng dòng (chuỗi thô không thể chứa dấu backtick)",
                                          "add the closing backtick on the same line (a raw string cannot hold a backtick)")
        case .unterminatedString: ("chuỗi chưa được đóng", "unterminated string")
        case .helpUnterminatedString: ("thêm dấu `\"` đóng trên cùng dòng", "add the closing `\"` on the same line")

        case .malformedNumber: ("số `{text}` viết sai dạng", "malformed number `{text}`")
        case .helpNumberForms: ("số có dạng 12, 0.8, 1e6 hoặc 1_000_000", "numbers look like 12, 0.8, 1e6 or 1_000_000")

        case .notADateForm: ("`{text}` không phải là ngày theo dạng YYYY-MM-DD", "`{text}` is not a date in the form YYYY-MM-DD")
        case .helpDateForm: ("viết ngày theo dạng YYYY-MM-DD", "write dates as YYYY-MM-DD")
        case .helpWriteDate: ("viết `{date}`", "write `{date}`")
        case .notARealDate: ("`{text}` không phải là một ngày có thật trên lịch", "`{text}` is not a real calendar date")
        case .helpMonthRange: ("tháng chạy từ 01 đến 12", "months run from 01 to 12")
        case .helpMonthDays: ("tháng {month} năm {year} có {days} ngày", "month {month} of {year} has {days} days")
        case .helpYearRange: ("năm chạy từ 0001 đến 9999", "years run from 0001 to 9999")

        case .invalidUTF8: ("UTF-8 không hợp lệ tại byte {offset}", "invalid UTF-8 at byte {offset}")
        case .helpSaveAsUTF8: ("lưu tệp ở dạng UTF-8", "save the file as UTF-8")

        case .jsonExpectedValue: ("mong đợi một giá trị JSON, gặp {found}", "expected a JSON value, found {found}")
        case .helpJSONNoDates: ("JSON không có kiểu ngày; hãy viết ngày dưới dạng chuỗi: \"{date}\"", "JSON has no dates; write the date as a string: \"{date}\"")
        case .helpJSONNoNames: ("JSON có chuỗi, số, `true`, `false`, `null`, mảng và đối tượng; ở đây tên không được tính giá trị",
                                "JSON has strings, numbers, `true`, `false`, `null`, arrays and objects; names are not evaluated here")
        case .jsonCommaBeforeClose: ("mong đợi {what} sau `,`, gặp `{closer}`", "expected {what} after `,`, found `{closer}`")
        case .helpJSONNoTrailingComma: ("JSON không cho phép dấu phẩy trước `{closer}`", "JSON allows no comma before `{closer}`")
        case .jsonBadEscape: ("chuỗi thoát `{escape}` trong chuỗi JSON không hợp lệ", "invalid escape `{escape}` in a JSON string")
        case .jsonIncompleteEscape: ("chuỗi thoát `\\u` trong chuỗi JSON không hợp lệ", "invalid escape `\\u` in a JSON string")
        case .helpJSONEscapes: ("các chuỗi thoát của JSON là \\\" \\\\ \\/ \\b \\f \\n \\r \\t và \\uXXXX",
                                "JSON's escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        case .jsonLoneSurrogate: ("nửa cặp thay thế `{escape}` đứng riêng trong chuỗi JSON", "lone surrogate `{escape}` in a JSON string")
        case .helpJSONSurrogatePair: ("chuỗi thoát thay thế cần đủ cặp (`\\uD83D\\uDE00`); hoặc hãy viết chính ký tự đó",
                                      "a surrogate escape needs its pair (`\\uD83D\\uDE00`); or write the character itself")
        case .jsonControlCharacter: ("ký tự điều khiển chưa được thoát trong chuỗi JSON", "unescaped control character in a JSON string")
        case .helpWriteTab: ("viết `\\t`", "write `\\t`")
        case .helpWriteUnicodeEscape: ("viết nó dưới dạng `\\u00XX`", "write it as `\\u00XX`")
        case .notAJSONNumber: ("`{text}` không phải là số JSON", "`{text}` is not a JSON number")
        case .helpJSONNumberUnderscore: ("số JSON không có `_`", "JSON numbers have no `_`")
        case .helpJSONNumberForms: ("số JSON có dạng 12, -3, 0.8 hoặc 1e6", "JSON numbers look like 12, -3, 0.8 or 1e6")
        }
    }
}

/// The phrases that name what the parser expected, filled into
/// `syntax.expectedFound` ("expected {what}, found {found}") and the
/// blocks it names in `syntax.closeBlock` ("to close {context}").
package enum SyntaxPhrase: String, MessageArea {
    case declarationStart
    case rulesetName, braceAfterRulesetName, ruleset, rulesetTitle, rulesetVersion, schemaFindingKind, severityWord
    case fieldName, fieldNameAfterDot
    case sourceName, braceAfterSourceName, namedSource, theSource, sourceTitle, sourceIssued
    case itemNumber, itemText, notCheckableReason, namedItem, theItem, pointID, pointText, unverifiedReason
    case citedSource, citedItem, citedPoint
    case nameAfterThreshold, assignAfterName
    case braceAfterSchema, theSchema, theObjectType, colonAfterFieldName, bracketAfterElementType
    case parenAfterEnum, commaOrParenAfterEnumValue, enumValue, enumLabel, aType
    case nameAfterLet, functionNameAfterDef, parenAfterFunctionName, parameterName, parenAfterParameters, assignBeforeBody
    case ruleIDAfterRule, braceAfterRuleID, namedRule, ruleTitle, hintText, tag
    case severityAfterSeverity, fromOrUntil, effectiveFrom, effectiveUntil, allowedWhat, allowedReason
    case languageTag, languageTagBeforeMessage, messageAfterElse, message
    case eachAfterFor, variableAfterForEach, positionName, inAfterForEach, braceOpensForEach, theForEachBody, aForEachBody
    case testName, braceAfterTestName, givenFirst, braceOrFileAfterGiven, dossierPath, theTest, onAfterInspect, inspectionDate
    case ruleIDAfterExpect, outcome, jsonPointer
    case equalEqual, anExpression, closeParen, closeList, commaOrBracketInList, stringKey, colonAfterKey, commaOrBraceInObject
    case bracketAfterStar, bracketAfterIndex, parenAfterComprehension, commaOrParenInCall
    case parenAfterQuantifier, quantifierVariable, inAfterVariable, colonBeforeCondition, closeQuantifier
    case thenAfterIf, elseAfterThen, comprehensionVariable, inAfterFor, closeInterpolation
    case jsonKey, jsonValue, commaOrBracketInArray, numberAfterMinus

    package var key: String { "syntax.phrase.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .declarationStart: ("một khai báo", "a declaration")
        case .rulesetName: ("tên bộ quy tắc", "a ruleset name")
        case .braceAfterRulesetName: ("`{` sau tên bộ quy tắc", "`{` after the ruleset name")
        case .ruleset: ("bộ quy tắc `{name}`", "ruleset `{name}`")
        case .rulesetTitle: ("tiêu đề của bộ quy tắc", "the ruleset's title")
        case .rulesetVersion: ("phiên bản của bộ quy tắc", "the ruleset's version")
        case .schemaFindingKind: ("một loại phát hiện của lược đồ (`type`, `enum`, `date`, `unknown_key`, `required`)",
                                  "a kind of schema finding (`type`, `enum`, `date`, `unknown_key`, `required`)")
        case .severityWord: ("một mức độ (`error`, `warning`, `info`)", "a severity (`error`, `warning`, `info`)")
        case .fieldName: ("tên trường", "a field name")
        case .fieldNameAfterDot: ("tên trường sau `.`", "a field name after `.`")
        case .sourceName: ("tên văn bản nguồn (một chuỗi như `\"1032-CV/TU\"`)", "the source's name (a string such as `\"1032-CV/TU\"`)")
        case .braceAfterSourceName: ("`{` sau tên văn bản nguồn", "`{` after the source's name")
        case .namedSource: ("văn bản nguồn \"{name}\"", "source \"{name}\"")
        case .theSource: ("văn bản nguồn", "the source")
        case .sourceTitle: ("tiêu đề của văn bản nguồn", "the source's title")
        case .sourceIssued: ("ngày ban hành văn bản nguồn", "the date the source was issued")
        case .itemNumber: ("số hiệu của mục (một chuỗi như `\"3.5\"`)", "the item's number (a string such as `\"3.5\"`)")
        case .itemText: ("nội dung của mục", "the item's text")
        case .notCheckableReason: ("lý do mục này không kiểm tra được từ hồ sơ", "why the item cannot be checked from a dossier")
        case .namedItem: ("mục \"{id}\"", "item \"{id}\"")
        case .theItem: ("mục", "the item")
        case .pointID: ("số hiệu của điểm (một chuỗi như `\"a\"` hoặc `\"4(c)\"`)", "the point's id (a string such as `\"a\"` or `\"4(c)\"`)")
        case .pointText: ("nội dung của điểm", "the point's text")
        case .unverifiedReason: ("lý do chưa được kiểm chứng", "why it is unverified")
        case .citedSource: ("văn bản được viện dẫn (một chuỗi như `\"1032-CV/TU\"`)", "the cited source (a string such as `\"1032-CV/TU\"`)")
        case .citedItem: ("mục được viện dẫn (một chuỗi như `\"3.5\"`)", "the cited item (a string such as `\"3.5\"`)")
        case .citedPoint: ("điểm được viện dẫn (một chuỗi như `\"a\"`)", "the cited point (a string such as `\"a\"`)")
        case .nameAfterThreshold: ("một tên sau `threshold`", "a name after `threshold`")
        case .assignAfterName: ("`=` sau tên", "`=` after the name")
        case .braceAfterSchema: ("`{` sau `schema`", "`{` after `schema`")
        case .theSchema: ("lược đồ", "the schema")
        case .theObjectType: ("kiểu đối tượng", "the object type")
        case .colonAfterFieldName: ("`:` sau tên trường", "`:` after the field name")
        case .bracketAfterElementType: ("`]` sau kiểu phần tử", "`]` after the element type")
        case .parenAfterEnum: ("`(` sau `enum`", "`(` after `enum`")
        case .commaOrParenAfterEnumValue: ("`,` hoặc `)` sau giá trị liệt kê", "`,` or `)` after the enum value")
        case .enumValue: ("một giá trị liệt kê", "an enum value")
        case .enumLabel: ("nhãn `{lang}`", "the `{lang}` label")
        case .aType: ("một kiểu", "a type")
        case .nameAfterLet: ("một tên sau `let`", "a name after `let`")
        case .functionNameAfterDef: ("tên hàm sau `def`", "a function name after `def`")
        case .parenAfterFunctionName: ("`(` sau tên hàm", "`(` after the function name")
        case .parameterName: ("tên tham số", "a parameter name")
        case .parenAfterParameters: ("`)` sau các tham số", "`)` after the parameters")
        case .assignBeforeBody: ("`=` trước thân hàm", "`=` before the function's body")
        case .ruleIDAfterRule: ("mã quy tắc sau `rule`", "a rule id after `rule`")
        case .braceAfterRuleID: ("`{` sau mã quy tắc", "`{` after the rule id")
        case .namedRule: ("quy tắc `{id}`", "rule `{id}`")
        case .ruleTitle: ("tiêu đề của quy tắc", "the rule's title")
        case .hintText: ("nội dung gợi ý", "the hint text")
        case .tag: ("một nhãn phân loại", "a tag")
        case .severityAfterSeverity: ("`error`, `warning` hoặc `info` sau `severity`", "`error`, `warning` or `info` after `severity`")
        case .fromOrUntil: ("`from` hoặc `until` sau `effective`", "`from` or `until` after `effective`")
        case .effectiveFrom: ("ngày quy tắc bắt đầu có hiệu lực", "the date the rule takes effect")
        case .effectiveUntil: ("ngày quy tắc hết hiệu lực", "the date the rule stops applying")
        case .allowedWhat: ("điều được cho phép, như `presence_gate`", "what is allowed, such as `presence_gate`")
        case .allowedReason: ("lý do được cho phép", "the reason it is allowed")
        case .languageTag: ("một thẻ ngôn ngữ như `vi` hoặc `en`", "a language tag such as `vi` or `en`")
        case .languageTagBeforeMessage: ("một thẻ ngôn ngữ trước thông báo tiếp theo", "a language tag before another message")
        case .messageAfterElse: ("thông báo sau `else`", "the message after `else`")
        case .message: ("thông báo", "the message")
        case .eachAfterFor: ("`each` sau `for`", "`each` after `for`")
        case .variableAfterForEach: ("tên biến sau `for each`", "a variable name after `for each`")
        case .positionName: ("tên cho vị trí của phần tử sau `for each {variable},`",
                             "a name for the element's position after `for each {variable},`")
        case .inAfterForEach: ("`in` sau `for each {variables}`", "`in` after `for each {variables}`")
        case .braceOpensForEach: ("`{` để mở thân của `for each`", "`{` to open the `for each` body")
        case .theForEachBody: ("thân của `for each`", "the `for each` body")
        case .aForEachBody: ("thân của một `for each`", "a `for each` body")
        case .testName: ("tên bài kiểm thử", "the test's name")
        case .braceAfterTestName: ("`{` sau tên bài kiểm thử", "`{` after the test's name")
        case .givenFirst: ("`given` ở đầu bài kiểm thử", "`given` at the start of a test")
        case .braceOrFileAfterGiven: ("`{` hoặc `file` sau `given`", "`{` or `file` after `given`")
        case .dossierPath: ("đường dẫn của hồ sơ", "the path of the dossier")
        case .theTest: ("bài kiểm thử", "the test")
        case .onAfterInspect: ("`on` sau `inspect`", "`on` after `inspect`")
        case .inspectionDate: ("ngày kiểm tra", "the inspection date")
        case .ruleIDAfterExpect: ("mã quy tắc sau `expect`", "a rule id after `expect`")
        case .outcome: ("một kết quả (`pass`, `fail`, `missing` hoặc `not_applicable`)",
                        "an outcome (`pass`, `fail`, `missing` or `not_applicable`)")
        case .jsonPointer: ("một JSON Pointer (một chuỗi như `\"/wastewater/treatment\"`)",
                            "a JSON Pointer (a string such as `\"/wastewater/treatment\"`)")
        case .equalEqual: ("`==` để so sánh", "`==` to compare")
        case .anExpression: ("một biểu thức", "an expression")
        case .closeParen: ("`)` để đóng `(`", "`)` to close `(`")
        case .closeList: ("`]` để đóng danh sách", "`]` to close the list")
        case .commaOrBracketInList: ("`,` hoặc `]` trong danh sách", "`,` or `]` in the list")
        case .stringKey: ("một khóa dạng chuỗi trong đối tượng", "a string key in the object")
        case .colonAfterKey: ("`:` sau khóa", "`:` after the key")
        case .commaOrBraceInObject: ("`,` hoặc `}` trong đối tượng", "`,` or `}` in the object")
        case .bracketAfterStar: ("`]` sau `[*`", "`]` after `[*`")
        case .bracketAfterIndex: ("`]` sau chỉ số", "`]` after the index")
        case .parenAfterComprehension: ("`)` sau biểu thức tạo danh sách trong lời gọi `{name}`",
                                        "`)` after the comprehension in the call to `{name}`")
        case .commaOrParenInCall: ("`,` hoặc `)` trong lời gọi `{name}`", "`,` or `)` in the call to `{name}`")
        case .parenAfterQuantifier: ("`(` sau `{quantifier}`", "`(` after `{quantifier}`")
        case .quantifierVariable: ("tên biến, như trong `{quantifier}(x in list: condition)`",
                                   "a variable name, as in `{quantifier}(x in list: condition)`")
        case .inAfterVariable: ("`in` sau `{variable}`", "`in` after `{variable}`")
        case .colonBeforeCondition: ("`:` trước điều kiện của `{quantifier}`", "`:` before the condition of `{quantifier}`")
        case .closeQuantifier: ("`)` để đóng `{quantifier}(`", "`)` to close `{quantifier}(`")
        case .thenAfterIf: ("`then` sau điều kiện của `if`", "`then` after the condition of `if`")
        case .elseAfterThen: ("`else` sau nhánh `then`", "`else` after the `then` branch")
        case .comprehensionVariable: ("tên biến sau `for`, như trong `[e for x in list]`",
                                      "a variable name after `for`, as in `[e for x in list]`")
        case .inAfterFor: ("`in` sau `for {variable}`", "`in` after `for {variable}`")
        case .closeInterpolation: ("`}` để đóng phần nội suy", "`}` to close the interpolation")
        case .jsonKey: ("một khóa", "a key")
        case .jsonValue: ("một giá trị", "a value")
        case .commaOrBracketInArray: ("`,` hoặc `]` trong mảng", "`,` or `]` in the array")
        case .numberAfterMinus: ("một số ngay sau `-`", "a number right after `-`")
        }
    }
}
