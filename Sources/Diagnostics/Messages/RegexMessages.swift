// Catalogue area: why a `matches`/`full_match` pattern is refused, shown
// after "invalid regular expression:" (E2017). Pattern syntax stays as written.

/// Messages and helps of the regular-expression checker (E2017).
package enum RegexMessage: String, MessageArea {
    case patternTooLong, helpSplitPattern
    case unmatchedParen, helpUnmatchedParen
    case nothingToRepeat, helpLiteralChar, helpLiteralBrace, helpAnchorLiteral
    case braceNotRepetition, unescapedCloseBrace, helpLiteralCloseBrace, unescapedCloseBracket, helpLiteralCloseBracket
    case lookAhead, lookBehind, helpLookAround, atomicGroup, helpAtomicGroup
    case namedGroup, helpNamedGroup, caseFlagNotAtStart, helpCaseFlag, unsupportedGroup, helpGroups
    case groupsTooDeep, helpFlatten, unclosedGroup, helpUnclosedGroup
    case repeatAboveLimit, helpLongRepeats, repeatMinAboveMax, helpWriteSwapped
    case repeatsRepetition, helpGroupTheRepeat, possessive, helpPossessive
    case loneBackslash, helpLiteralBackslash, boundaryInClass, helpBoundaryInClass
    case backreference, helpBackreference, unknownEscape, helpPropertyClass, helpEscapeForms
    case invalidEscape, helpUnicodeEscape
    case unclosedClass, helpUnclosedClass, emptyClass, helpEmptyClass, bracketInClass, helpBracketInClass
    case rangeBadStart, rangeBadEnd, helpLiteralDash, rangeOutOfOrder, helpRangeOrder
    case programTooLarge, helpProgramTooLarge

    package var key: String { "regex.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .patternTooLong: ("mẫu dài {bytes} byte, vượt quá {max} byte cho phép", "the pattern is {bytes} bytes long, more than the {max} allowed")
        case .helpSplitPattern: ("tách phép kiểm tra thành nhiều mẫu ngắn hơn nối bằng `and` hoặc `or`",
                                 "split the check into several shorter patterns joined with `and` or `or`")
        case .unmatchedParen: ("`)` không có `(` tương ứng", "unmatched `)`")
        case .helpUnmatchedParen: ("xóa nó, hoặc viết `\\)` cho dấu ngoặc đơn thông thường", "remove it, or write `\\)` for a literal parenthesis")
        case .nothingToRepeat: ("`{text}` không có gì để lặp lại", "`{text}` has nothing to repeat")
        case .helpLiteralChar: ("viết `\\{text}` cho ký tự `{text}` thông thường", "write `\\{text}` for a literal `{text}`")
        case .helpLiteralBrace: ("viết `\\{` cho dấu ngoặc nhọn thông thường", "write `\\{` for a literal brace")
        case .helpAnchorLiteral: ("một mốc neo không khớp ký tự nào; viết `\\{text}` cho ký tự `{text}` thông thường",
                                  "an anchor matches no character; write `\\{text}` for a literal `{text}`")
        case .braceNotRepetition: ("`{` không mở đầu một phép lặp có đếm như `{2}` hoặc `{2,5}`",
                                   "`{` does not start a counted repetition like `{2}` or `{2,5}`")
        case .unescapedCloseBrace: ("`}` chưa được thoát", "unescaped `}`")
        case .helpLiteralCloseBrace: ("viết `\\}` cho dấu ngoặc nhọn thông thường", "write `\\}` for a literal brace")
        case .unescapedCloseBracket: ("`]` chưa được thoát", "unescaped `]`")
        case .helpLiteralCloseBracket: ("viết `\\]` cho dấu ngoặc vuông thông thường", "write `\\]` for a literal bracket")
        case .lookAhead: ("`{text}` mở đầu một phép nhìn trước (look-ahead), vốn không được hỗ trợ",
                          "`{text}` starts a look-ahead, which is not supported")
        case .lookBehind: ("`{text}` mở đầu một phép nhìn sau (look-behind), vốn không được hỗ trợ",
                           "`{text}` starts a look-behind, which is not supported")
        case .helpLookAround:
            ("không thể so khớp phép nhìn quanh trong thời gian tuyến tính; thay vào đó hãy kết hợp hai phép kiểm tra, như `matches(s, \"a\") and not matches(s, \"b\")`",
             "look-around cannot be matched in linear time; combine two checks instead, like `matches(s, \"a\") and not matches(s, \"b\")`")
        case .atomicGroup: ("`(?>` mở đầu một nhóm nguyên tử (atomic group), vốn không được hỗ trợ", "`(?>` starts an atomic group, which is not supported")
        case .helpAtomicGroup: ("bộ máy không bao giờ quay lui, nên không cần nhóm nguyên tử; hãy viết `(?:…)`",
                                "the engine never backtracks, so atomic groups are not needed; write `(?:…)`")
        case .namedGroup: ("không hỗ trợ nhóm có tên", "named groups are not supported")
        case .helpNamedGroup: ("viết `(…)` hoặc `(?:…)`; `matches` không bắt giữ gì", "write `(…)` or `(?:…)`; `matches` captures nothing")
        case .caseFlagNotAtStart: ("`(?i)` chỉ được đặt ở đầu mẫu", "`(?i)` is allowed only at the start of the pattern")
        case .helpCaseFlag: ("chuyển `(?i)` lên đầu; nó áp dụng cho toàn bộ mẫu", "move `(?i)` to the start; it applies to the whole pattern")
        case .unsupportedGroup: ("nhóm `{text}` không được hỗ trợ", "unsupported group `{text}`")
        case .helpGroups: ("các nhóm là `(…)` và `(?:…)`, và cờ duy nhất là `(?i)` ở đầu mẫu",
                           "the groups are `(…)` and `(?:…)`, and the only flag is `(?i)` at the start")
        case .groupsTooDeep: ("các nhóm lồng nhau sâu quá 100 cấp", "groups are nested more than 100 deep")
        case .helpFlatten: ("làm phẳng mẫu", "flatten the pattern")
        case .unclosedGroup: ("nhóm chưa được đóng", "unclosed group")
        case .helpUnclosedGroup: ("thêm `)` để đóng nó, hoặc viết `\\(` cho dấu ngoặc đơn thông thường",
                                  "add `)` to close it, or write `\\(` for a literal parenthesis")
        case .repeatAboveLimit: ("phép lặp có đếm `{text}` vượt quá giới hạn {max}", "counted repetition `{text}` is above the limit of {max}")
        case .helpLongRepeats: ("dùng `+` hoặc `*` cho các lần lặp dài", "use `+` or `*` for long repeats")
        case .repeatMinAboveMax: ("phép lặp có đếm `{text}` có số nhỏ nhất lớn hơn số lớn nhất",
                                  "counted repetition `{text}` has its minimum above its maximum")
        case .helpWriteSwapped: ("viết `{swapped}`", "write `{swapped}`")
        case .repeatsRepetition: ("`{text}` lặp lại một phép lặp", "`{text}` repeats a repetition")
        case .helpGroupTheRepeat: ("đặt phần được lặp vào một nhóm, như `(?:a*){text}`", "put the repeated part in a group, like `(?:a*){text}`")
        case .possessive: ("`{text}` là lượng từ chiếm hữu (possessive), vốn không được hỗ trợ",
                           "`{text}` is a possessive quantifier, which is not supported")
        case .helpPossessive: ("bộ máy không bao giờ quay lui, nên không cần lượng từ chiếm hữu; hãy viết `{plain}`",
                               "the engine never backtracks, so possessive quantifiers are not needed; write `{plain}`")
        case .loneBackslash: ("mẫu kết thúc bằng một dấu `\\` đứng riêng", "the pattern ends with a lone `\\`")
        case .helpLiteralBackslash: ("viết `\\\\` cho dấu gạch chéo ngược thông thường", "write `\\\\` for a literal backslash")
        case .boundaryInClass: ("`\\{letter}` không được đặt trong một lớp ký tự", "`\\{letter}` cannot appear inside a character class")
        case .helpBoundaryInClass: ("chuyển ranh giới từ ra ngoài `[…]`", "move the word boundary out of the `[…]`")
        case .backreference: ("`{text}` là một tham chiếu ngược, vốn không được hỗ trợ", "`{text}` is a backreference, which is not supported")
        case .helpBackreference:
            ("không thể so khớp tham chiếu ngược trong thời gian tuyến tính; thay vào đó hãy lặp lại mẫu của nhóm, hoặc so sánh hai trường trong quy tắc",
             "backreferences cannot be matched in linear time; repeat the group's pattern instead, or compare the two fields in the rule")
        case .unknownEscape: ("chuỗi thoát `{text}` không xác định", "unknown escape `{text}`")
        case .helpPropertyClass: ("không hỗ trợ lớp thuộc tính Unicode; hãy liệt kê các ký tự trong một lớp, như `[a-zà-ỹ]`",
                                  "Unicode property classes are not supported; list the characters in a class, like `[a-zà-ỹ]`")
        case .helpEscapeForms:
            ("chỉ thoát dấu câu, như `\\.` hoặc `\\{`; các chuỗi thoát bằng chữ cái là `\\d \\D \\w \\W \\s \\S \\b \\B \\t \\n \\r \\uXXXX`",
             "escape only punctuation, like `\\.` or `\\{`; the letter escapes are `\\d \\D \\w \\W \\s \\S \\b \\B \\t \\n \\r \\uXXXX`")
        case .invalidEscape: ("chuỗi thoát `{text}` không hợp lệ", "invalid escape `{text}`")
        case .helpUnicodeEscape:
            ("viết `\\u` với bốn chữ số thập lục phân, như `\\u1EA1`, hoặc một đến sáu chữ số trong ngoặc nhọn, như `\\u{1EA1}`",
             "write `\\u` with four hex digits, like `\\u1EA1`, or with one to six in braces, like `\\u{1EA1}`")
        case .unclosedClass: ("lớp ký tự chưa được đóng", "unclosed character class")
        case .helpUnclosedClass: ("thêm `]` để đóng nó, hoặc viết `\\[` cho dấu ngoặc vuông thông thường",
                                  "add `]` to close it, or write `\\[` for a literal bracket")
        case .emptyClass: ("lớp ký tự rỗng", "empty character class")
        case .helpEmptyClass: ("viết `\\]` cho dấu ngoặc vuông thông thường bên trong một lớp", "write `\\]` for a literal bracket inside a class")
        case .bracketInClass: ("`[` chưa được thoát bên trong một lớp ký tự", "unescaped `[` inside a character class")
        case .helpBracketInClass: ("viết `\\[`; không hỗ trợ lớp lồng nhau và lớp POSIX như `[:alpha:]`",
                                   "write `\\[`; nested classes and POSIX classes like `[:alpha:]` are not supported")
        case .rangeBadStart: ("một khoảng không thể bắt đầu tại `{text}`", "a range cannot start at `{text}`")
        case .rangeBadEnd: ("một khoảng không thể kết thúc tại `{text}`", "a range cannot end at `{text}`")
        case .helpLiteralDash: ("viết `\\-` cho dấu gạch ngang thông thường", "write `\\-` for a literal dash")
        case .rangeOutOfOrder: ("khoảng `{text}` bị ngược thứ tự", "range `{text}` is out of order")
        case .helpRangeOrder: ("viết ký tự nhỏ hơn trước: `{fixed}`", "write the lower character first: `{fixed}`")
        case .programTooLarge: ("mẫu quá lớn: khi biên dịch vượt quá {max} bước", "the pattern is too large: it compiles to more than {max} steps")
        case .helpProgramTooLarge: ("các phép lặp có đếm lồng nhau sẽ nhân lên, như `(a{100}){100}`; hãy dùng `+` hoặc `*`, hoặc tách phép kiểm tra",
                                    "nested counted repetitions multiply, like `(a{100}){100}`; use `+` or `*`, or split the check")
        }
    }
}
