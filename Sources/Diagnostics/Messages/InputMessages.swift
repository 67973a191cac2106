// Catalogue area: reading JSON input (dossiers, NDJSON records, waiver,
// config and agency files): the E3xxx messages of the JSON parser, their
// labels and helps, and the words that say what was found ("found a tab").
// Backticked text, codes and escapes are kept as they are in both languages.

/// Messages of the JSON parser and of dossier input (E3xxx).
package enum InputMessage: String, MessageArea {
    // MARK: What was found
    case foundEndOfInput, foundEndOfLine, foundTab, foundSpace, foundNUL, foundControl, foundString
    case foundComment, foundByte

    // MARK: Messages
    case tooLarge, utf16BOM, expectedJSONValueAtEnd, expectedValue, expectedKey
    case trailingCommaKey, trailingCommaValue, expectedColon, expectedAfterMember, expectedAfterElement
    case trailingContent, tooDeep, unterminatedString, endOfLineInString, controlCharacter
    case invalidUTF8Byte, invalidEscape, expectedHexDigits, loneSurrogate
    case numberDigitAfterMinus, numberDigitAfterPoint, numberDigitInExponent, leadingZero, numberTail
    case dossierNotObject

    // MARK: Labels
    case objectNotClosed, arrayNotClosed, removeTrailingComma, stringNeverClosed, stringStartsHere

    // MARK: Helps
    case tooLargeHelp, saveAsUTF8, fileEmpty, fileOnlyWhitespace, fileEndsEarly, fileEndsBeforeObjectClosed
    case fileEndsBeforeArrayClosed, decimalComma, noCommaAfterLastMember, noCommaAfterLastElement, writeColon
    case closeObjectFirst, closeArrayFirst, commaMissing, arrayHoldsValues, oneValuePerDocument, tooDeepHelp
    case addClosingQuote, stringSpansLines, tabName, backspaceName, formFeedName, writeItAs, legacyEncoding
    case validEscapes, unicodeEscapeHelp, highSurrogateHelp, lowSurrogateHelp, leadingZeroHelp, hexNumber
    case textInQuotes, singleQuotes, noComments, looksLikeMarkup, maybeUTF16, notUTF8, keysInQuotes, doubledComma
    case lowercaseLiteral, writeNull, noNaN, noUndefined, noPlus, zeroBeforePoint, valueKinds, wrapInBraces
    case valueMissingAfterColon, elementMissingBeforeComma, digitAfterPointHelp, exponentDigitsHelp, digitsAfterMinusHelp

    // MARK: NDJSON records (standard input)
    case recordEndsEarly, recordEndsBeforeObjectClosed, recordEndsBeforeArrayClosed

    // MARK: JSON kinds, as "this file holds {kind}"
    case kindObject, kindArray, kindString, kindNumber, kindBool, kindNull

    package var key: String { "input.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .foundEndOfInput: ("hết dữ liệu", "end of input")
        case .foundEndOfLine: ("hết dòng", "end of line")
        case .foundTab: ("một ký tự tab", "a tab")
        case .foundSpace: ("một dấu cách", "a space")
        case .foundNUL: ("một byte NUL", "a NUL byte")
        case .foundControl: ("ký tự điều khiển U+{hex}", "control character U+{hex}")
        case .foundString: ("một chuỗi", "a string")
        case .foundComment: ("một chú thích", "a comment")
        case .foundByte: ("byte 0x{hex} (không phải UTF-8)", "byte 0x{hex}")

        case .tooLarge: ("tài liệu quá lớn: {bytes} byte", "document too large: {bytes} bytes")
        case .utf16BOM: ("mong đợi UTF-8, gặp dấu thứ tự byte (BOM) của UTF-16", "expected UTF-8, found a UTF-16 byte order mark")
        case .expectedJSONValueAtEnd: ("mong đợi một giá trị JSON, gặp hết dữ liệu", "expected a JSON value, found end of input")
        case .expectedValue: ("mong đợi một giá trị, gặp {found}", "expected a value, found {found}")
        case .expectedKey: ("mong đợi một khóa dạng chuỗi, gặp {found}", "expected a string key, found {found}")
        case .trailingCommaKey: ("mong đợi một khóa dạng chuỗi sau ',', gặp `}`", "expected a string key after ',', found `}`")
        case .trailingCommaValue: ("mong đợi một giá trị sau ',', gặp `]`", "expected a value after ',', found `]`")
        case .expectedColon: ("mong đợi ':' sau khóa của đối tượng, gặp {found}", "expected ':' after an object key, found {found}")
        case .expectedAfterMember: ("mong đợi ',' hoặc '}' sau một thành phần của đối tượng, gặp {found}",
                                    "expected ',' or '}' after an object member, found {found}")
        case .expectedAfterElement: ("mong đợi ',' hoặc ']' sau một phần tử của mảng, gặp {found}",
                                     "expected ',' or ']' after an array element, found {found}")
        case .trailingContent: ("mong đợi hết dữ liệu sau giá trị cấp cao nhất, gặp {found}",
                                "expected end of input after the top-level value, found {found}")
        case .tooDeep: ("lồng nhau sâu quá {max} cấp", "nesting deeper than {max} levels")
        case .unterminatedString: ("chuỗi không được đóng", "unterminated string")
        case .endOfLineInString: ("mong đợi dấu `\"` đóng chuỗi, gặp hết dòng", "expected the closing `\"` of a string, found end of line")
        case .controlCharacter: ("ký tự điều khiển U+{hex}{name} trong chuỗi", "control character U+{hex}{name} in a string")
        case .invalidUTF8Byte: ("byte 0x{hex} không hợp lệ trong chuỗi UTF-8", "invalid UTF-8 byte 0x{hex} in a string")
        case .invalidEscape: ("chuỗi thoát `\\{shown}` không hợp lệ trong chuỗi", "invalid escape `\\{shown}` in a string")
        case .expectedHexDigits: ("mong đợi bốn chữ số hệ mười sáu sau `\\u`, gặp {found}", "expected four hex digits after `\\u`, found {found}")
        case .loneSurrogate: ("nửa cặp thay thế (surrogate) đứng một mình `\\u{hex}` trong chuỗi", "lone surrogate `\\u{hex}` in a string")
        case .numberDigitAfterMinus: ("số `{text}` không hợp lệ: mong đợi một chữ số sau `-`, gặp {found}",
                                      "invalid number `{text}`: expected a digit after `-`, found {found}")
        case .numberDigitAfterPoint: ("số `{text}` không hợp lệ: mong đợi một chữ số sau `.`, gặp {found}",
                                      "invalid number `{text}`: expected a digit after `.`, found {found}")
        case .numberDigitInExponent: ("số `{text}` không hợp lệ: mong đợi một chữ số ở phần mũ, gặp {found}",
                                      "invalid number `{text}`: expected a digit in the exponent, found {found}")
        case .leadingZero: ("số `{text}` không hợp lệ: có chữ số 0 ở đầu", "invalid number `{text}`: leading zero")
        case .numberTail: ("số không hợp lệ: không mong đợi {found} sau `{text}`", "invalid number: unexpected {found} after `{text}`")
        case .dossierNotObject: ("hồ sơ là một đối tượng JSON, nhưng tệp này chứa {kind}", "a dossier is a JSON object, but this file holds {kind}")

        case .objectNotClosed: ("đối tượng này chưa được đóng", "this object is not closed")
        case .arrayNotClosed: ("mảng này chưa được đóng", "this array is not closed")
        case .removeTrailingComma: ("bỏ dấu phẩy thừa này", "remove this trailing comma")
        case .stringNeverClosed: ("chuỗi này không được đóng", "this string is never closed")
        case .stringStartsHere: ("chuỗi bắt đầu ở đây", "the string starts here")

        case .tooLargeHelp: ("một tài liệu phải nhỏ hơn 4 GiB", "a document must be smaller than 4 GiB")
        case .saveAsUTF8: ("lưu tệp ở dạng mã hóa UTF-8", "save the file as UTF-8")
        case .fileEmpty: ("tệp rỗng", "the file is empty")
        case .fileOnlyWhitespace: ("tệp chỉ chứa khoảng trắng", "the file holds only whitespace")
        case .fileEndsEarly: ("tệp kết thúc quá sớm; có thể tệp bị cắt cụt", "the file ends too early; it may be truncated")
        case .fileEndsBeforeObjectClosed: ("tệp kết thúc trước khi đối tượng được đóng; có thể tệp bị cắt cụt",
                                           "the file ends before the object is closed; it may be truncated")
        case .fileEndsBeforeArrayClosed: ("tệp kết thúc trước khi mảng được đóng; có thể tệp bị cắt cụt",
                                          "the file ends before the array is closed; it may be truncated")
        case .decimalComma: ("nếu `{written}` là một số, hãy viết phần thập phân sau dấu chấm: `{number}`",
                             "if `{written}` is one number, write it with a decimal point: `{number}`")
        case .noCommaAfterLastMember: ("JSON không cho phép dấu phẩy sau thành phần cuối cùng", "JSON allows no comma after the last member")
        case .noCommaAfterLastElement: ("JSON không cho phép dấu phẩy sau phần tử cuối cùng", "JSON allows no comma after the last element")
        case .writeColon: ("viết `:` giữa khóa và giá trị của nó", "write `:` between a key and its value")
        case .closeObjectFirst: ("đóng đối tượng bằng `}` trước", "close the object with `}` first")
        case .closeArrayFirst: ("đóng mảng bằng `]` trước", "close the array with `]` first")
        case .commaMissing: ("có lẽ thiếu một dấu phẩy trước chỗ này", "a comma is probably missing before this")
        case .arrayHoldsValues: ("mảng chứa các giá trị, không chứa cặp `khóa: giá trị`; hãy dùng một đối tượng `{…}`",
                                 "an array holds values, not `key: value` members; use an object `{…}`")
        case .oneValuePerDocument: ("một tài liệu chỉ chứa một giá trị; nếu có nhiều, hãy dùng NDJSON (mỗi dòng một tài liệu)",
                                    "a document holds one value; use NDJSON (one document per line) for several")
        case .tooDeepHelp: ("hồ sơ không bao giờ cần độ sâu này; có lẽ tệp được sinh ra sai",
                            "a dossier never needs this depth; the file is probably generated wrongly")
        case .addClosingQuote: ("thêm dấu `\"` đóng chuỗi", "add the closing `\"`")
        case .stringSpansLines: ("chuỗi không được kéo dài qua nhiều dòng: hãy đóng chuỗi, hoặc viết dấu xuống dòng là `\\n`",
                                 "a string cannot span lines: close it, or write the line break as `\\n`")
        case .tabName: (" (ký tự tab)", " (tab)")
        case .backspaceName: (" (ký tự xóa lùi)", " (backspace)")
        case .formFeedName: (" (ký tự sang trang)", " (form feed)")
        case .writeItAs: ("hãy viết nó là `{escape}`", "write it as `{escape}`")
        case .legacyEncoding: ("lưu tệp ở dạng UTF-8 (tệp có thể dùng bảng mã cũ như Windows-1258, TCVN3 hoặc VNI)",
                               "save the file as UTF-8 (it may be in a legacy encoding such as Windows-1258, TCVN3 or VNI)")
        case .validEscapes: ("các chuỗi thoát hợp lệ là \\\" \\\\ \\/ \\b \\f \\n \\r \\t và \\uXXXX; viết dấu gạch chéo ngược là `\\\\`",
                             "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as `\\\\`")
        case .unicodeEscapeHelp: ("viết một ký tự bằng `\\u` và bốn chữ số hệ mười sáu, ví dụ `\\u00E9` cho `é`",
                                  "write a character as `\\u` and four hex digits, e.g. `\\u00E9` for `é`")
        case .highSurrogateHelp: ("sau nửa cao phải là một nửa thấp (`\\uDC00`–`\\uDFFF`); hoặc viết thẳng ký tự đó bằng UTF-8",
                                  "a high surrogate must be followed by a low one (`\\uDC00`–`\\uDFFF`); or write the character itself in UTF-8")
        case .lowSurrogateHelp: ("nửa thấp phải đứng sau một nửa cao (`\\uD800`–`\\uDBFF`); hoặc viết thẳng ký tự đó bằng UTF-8",
                                 "a low surrogate must follow a high one (`\\uD800`–`\\uDBFF`); or write the character itself in UTF-8")
        case .leadingZeroHelp: ("hãy viết `{fixed}`; nếu các số 0 có nghĩa (một mã số, không phải một lượng), hãy viết thành chuỗi: `\"{text}\"`",
                                "write `{fixed}`; if the zeros matter (a code, not a quantity), write it as a string: `\"{text}\"`")
        case .hexNumber: ("số trong JSON là số thập phân; hãy viết ở hệ thập phân", "JSON numbers are decimal; write it in decimal")
        case .textInQuotes: ("nếu đây là văn bản, hãy viết thành chuỗi trong dấu ngoặc kép", "if this is text, write it as a string in double quotes")
        case .singleQuotes: ("chuỗi được viết trong dấu ngoặc kép", "strings are written in double quotes")
        case .doubledComma: ("hai dấu phẩy liền nhau: bỏ một dấu", "two commas in a row: remove one")
        case .noComments: ("JSON không có chú thích; hãy xóa đi, hoặc ghi chú trong một trường dạng chuỗi",
                           "JSON has no comments; remove it, or keep the note in a string field")
        case .looksLikeMarkup: ("đây có vẻ là XML hoặc HTML, không phải JSON", "this looks like XML or HTML, not JSON")
        case .maybeUTF16: ("tệp có thể ở dạng UTF-16; hãy lưu ở dạng UTF-8", "the file may be UTF-16; save it as UTF-8")
        case .notUTF8: ("tệp không phải UTF-8 hợp lệ; hãy lưu ở dạng UTF-8", "the file is not valid UTF-8; save it as UTF-8")
        case .keysInQuotes: ("khóa của đối tượng phải nằm trong dấu ngoặc kép", "object keys must be in double quotes")
        case .lowercaseLiteral: ("các hằng của JSON viết thường: hãy viết `{literal}`", "JSON literals are lowercase: write `{literal}`")
        case .writeNull: ("JSON ghi giá trị trống là `null`", "JSON writes no value as `null`")
        case .noNaN: ("JSON không có NaN hay Infinity; hãy viết `null`, hoặc bỏ trường đó", "JSON has no NaN or Infinity; write `null`, or leave the field out")
        case .noUndefined: ("JSON không có `undefined`; hãy viết `null`, hoặc bỏ trường đó", "JSON has no `undefined`; write `null`, or leave the field out")
        case .noPlus: ("viết số không có dấu `+`", "write the number without `+`")
        case .valueMissingAfterColon: ("thiếu giá trị sau dấu `:`: viết giá trị, hoặc bỏ cả thành phần này",
                                       "the value after `:` is missing: write it, or remove the whole member")
        case .elementMissingBeforeComma: ("không có phần tử nào trước dấu phẩy này: bỏ dấu phẩy",
                                          "there is no element before this comma: remove it")
        case .digitAfterPointHelp: ("viết một chữ số sau dấu chấm (`{withDigit}`), hoặc bỏ dấu chấm (`{without}`)",
                                    "write a digit after the point (`{withDigit}`), or leave the point out (`{without}`)")
        case .exponentDigitsHelp: ("viết các chữ số của số mũ sau `{e}` (ví dụ `{example}`), hoặc bỏ `{e}`: `{without}`",
                                   "write the exponent's digits after `{e}` (e.g. `{example}`), or leave `{e}` out: `{without}`")
        case .digitsAfterMinusHelp: ("viết các chữ số ngay sau dấu `-`, hoặc bỏ dấu `-`",
                                     "write the digits right after `-`, or remove the `-`")
        case .zeroBeforePoint: ("viết số 0 trước dấu chấm: `0{word}`", "write a zero before the point: `0{word}`")
        case .valueKinds: ("giá trị là một chuỗi trong dấu ngoặc kép, một số, một đối tượng, một mảng, `true`, `false` hoặc `null`",
                           "a value is a string in double quotes, a number, an object, an array, `true`, `false` or `null`")
        case .wrapInBraces: ("đặt các trường của hồ sơ trong `{ … }`; nếu có nhiều hồ sơ, hãy dùng NDJSON, mỗi dòng một hồ sơ",
                             "wrap the dossier's fields in `{ … }`; for several dossiers use NDJSON, one per line")

        case .recordEndsEarly: ("dòng kết thúc trước khi giá trị hoàn chỉnh: đầu vào chuẩn được đọc theo NDJSON, mỗi dòng một hồ sơ trọn vẹn",
                                "the line ends before the value is complete: standard input is read as NDJSON, one whole dossier per line")
        case .recordEndsBeforeObjectClosed: ("dòng kết thúc trước khi đối tượng được đóng: đầu vào chuẩn được đọc theo NDJSON, mỗi dòng một hồ sơ trọn vẹn",
                                             "the line ends before the object is closed: standard input is read as NDJSON, one whole dossier per line")
        case .recordEndsBeforeArrayClosed: ("dòng kết thúc trước khi mảng được đóng: đầu vào chuẩn được đọc theo NDJSON, mỗi dòng một hồ sơ trọn vẹn",
                                            "the line ends before the array is closed: standard input is read as NDJSON, one whole dossier per line")

        case .kindObject: ("một đối tượng", "an object")
        case .kindArray: ("một mảng", "an array")
        case .kindString: ("một chuỗi", "a string")
        case .kindNumber: ("một số", "a number")
        case .kindBool: ("một giá trị đúng/sai", "a boolean")
        case .kindNull: ("null (giá trị trống)", "null")
        }
    }
}
