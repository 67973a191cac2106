import Testing
@testable import Syntax

/// One token per line, `kind "text" flags…`, then the comments, as
/// rustc_lexer's `check_lexing` does. After the word `rule` or `expect` the
/// next token is lexed as a rule id, as the parser does.
func lexDump(_ text: String) -> String {
    lexDump(bytes: Array(text.utf8))
}

func lexDump(bytes: [UInt8]) -> String {
    var lexer = Lexer(bytes: bytes)
    var lines: [String] = []
    var ruleIDNext = false
    while true {
        let t = ruleIDNext ? lexer.nextRuleID() : lexer.next()
        let text = String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
        ruleIDNext = t.kind == .word && (text == "rule" || text == "expect")
        lines.append(([ "\(t.kind)", quoted(text)] + flagNames(t.flags)).joined(separator: " "))
        if t.kind == .endOfFile { break }
    }
    for c in lexer.comments {
        let text = String(decoding: bytes[Int(c.start)..<Int(c.end)], as: UTF8.self)
        lines.append((["comment.\(c.kind)", quoted(text)] + (c.isOwnLine ? ["ownLine"] : [])).joined(separator: " "))
    }
    return lines.joined(separator: "\n")
}

func flagNames(_ f: Token.Flags) -> [String] {
    let names: [(Token.Flags, String)] = [
        (.atLineStart, "atLineStart"), (.unterminated, "unterminated"), (.badEscape, "badEscape"),
        (.interpolated, "interpolated"), (.unclosedInterpolation, "unclosedInterpolation"), (.badNumber, "badNumber"),
        (.badUTF8, "badUTF8"), (.badDate, "badDate"), (.unterminatedComment, "unterminatedComment"), (.raw, "raw"),
    ]
    return names.filter { f.contains($0.0) }.map(\.1)
}

/// Each case: a name, the source, and the expected dump.
let lexerCases: [(String, String, String)] = [
    ("words", "rule title_2 _x A9 và", #"""
    word "rule" atLineStart
    ruleID "title_2"
    word "_x"
    word "A9"
    unknown "và"
    endOfFile ""
    """#),
    ("rule ids", "rule KL81-3.5-WW-01 { }\nexpect 2.x_y-z pass\nrule A..B\nrule -X", #"""
    word "rule" atLineStart
    ruleID "KL81-3.5-WW-01"
    lbrace "{"
    rbrace "}"
    word "expect" atLineStart
    ruleID "2.x_y-z"
    word "pass"
    word "rule" atLineStart
    ruleID "A"
    dot "."
    dot "."
    word "B"
    word "rule" atLineStart
    minus "-"
    word "X"
    endOfFile ""
    """#),
    ("a token after rule keeps its line start", "rule\n{ expect\n  \"x\"", #"""
    word "rule" atLineStart
    lbrace "{" atLineStart
    word "expect"
    string "\"x\"" atLineStart
    endOfFile ""
    """#),
    ("rule id ends before a dot not followed by a letter or digit", "rule A-1.", #"""
    word "rule" atLineStart
    ruleID "A-1"
    dot "."
    endOfFile ""
    """#),
    ("numbers", "12 0.8 1e6 1E+6 2.5e-3 1_000_000 007", #"""
    number "12" atLineStart
    number "0.8"
    number "1e6"
    number "1E+6"
    number "2.5e-3"
    number "1_000_000"
    number "007"
    endOfFile ""
    """#),
    ("malformed numbers", "1__0 1e 12abc 1_ 1e+ 0x1F 3.x", #"""
    number "1__0" atLineStart badNumber
    number "1e" badNumber
    number "12abc" badNumber
    number "1_" badNumber
    number "1e" badNumber
    plus "+"
    number "0x1F" badNumber
    number "3"
    dot "."
    word "x"
    endOfFile ""
    """#),
    ("a negative number is a minus and a number", "-3 - 3", #"""
    minus "-" atLineStart
    number "3"
    minus "-"
    number "3"
    endOfFile ""
    """#),
    ("dates", "2024-07-09 2024-02-29 2024-02-30 2023-02-29 2024-13-01 2024-7-9 2024-07-09x 2024 - 07", #"""
    date "2024-07-09" atLineStart
    date "2024-02-29"
    date "2024-02-30" badDate
    date "2023-02-29" badDate
    date "2024-13-01" badDate
    date "2024-7-9" badDate
    number "2024"
    minus "-"
    number "07"
    minus "-"
    number "09x" badNumber
    number "2024"
    minus "-"
    number "07"
    endOfFile ""
    """#),
    ("strings with escapes", #""plain" "a\"b" "c\\d" "e\nf\tg" "\u{1EA1}" "" "Kết luận""#, #"""
    string "\"plain\"" atLineStart
    string "\"a\\\"b\""
    string "\"c\\\\d\""
    string "\"e\\nf\\tg\""
    string "\"\\u{1EA1}\""
    string "\"\""
    string "\"Kết luận\""
    endOfFile ""
    """#),
    ("bad escapes", #""\q" "\u1EA1" "\u{}" "\u{1234567}" "\u{12"#, #"""
    string "\"\\q\"" atLineStart badEscape
    string "\"\\u1EA1\"" badEscape
    string "\"\\u{}\"" badEscape
    string "\"\\u{1234567}\"" badEscape
    string "\"\\u{12" unterminated badEscape
    endOfFile ""
    """#),
    ("interpolation", #""a {x.y} b" "{{literal}}" "{f("}")}" "{ {"k": 1}["k"] }" "{"{"{x}"}"}""#, #"""
    string "\"a {x.y} b\"" atLineStart interpolated
    string "\"{{literal}}\""
    string "\"{f(\"}\")}\"" interpolated
    string "\"{ {\"k\": 1}[\"k\"] }\"" interpolated
    string "\"{\"{\"{x}\"}\"}\"" interpolated
    endOfFile ""
    """#),
    ("an interpolation without its closing brace", #""total {x" then"#, #"""
    string "\"total {x\"" atLineStart interpolated unclosedInterpolation
    word "then"
    endOfFile ""
    """#),
    ("operators", "{ } ( ) [ ] , : . ? + - * / = == != < <= > >= ?? !", #"""
    lbrace "{" atLineStart
    rbrace "}"
    lparen "("
    rparen ")"
    lbracket "["
    rbracket "]"
    comma ","
    colon ":"
    dot "."
    question "?"
    plus "+"
    minus "-"
    star "*"
    slash "/"
    assign "="
    equal "=="
    notEqual "!="
    less "<"
    lessEqual "<="
    greater ">"
    greaterEqual ">="
    coalesce "??"
    unknown "!"
    endOfFile ""
    """#),
    ("operators without spaces", "a<=b>=c==d!=e??f???g", #"""
    word "a" atLineStart
    lessEqual "<="
    word "b"
    greaterEqual ">="
    word "c"
    equal "=="
    word "d"
    notEqual "!="
    word "e"
    coalesce "??"
    word "f"
    coalesce "??"
    question "?"
    word "g"
    endOfFile ""
    """#),
    ("comments", "/// doc\nlet // line\n/* block\n spans */ x /**/ y\n//// not doc\n", #"""
    word "let" atLineStart
    word "x" atLineStart
    word "y"
    endOfFile "" atLineStart
    comment.doc "/// doc" ownLine
    comment.line "// line"
    comment.block "/* block\n spans */" ownLine
    comment.block "/**/"
    comment.line "//// not doc" ownLine
    """#),
    ("a slash is not a comment", "a / b /c", #"""
    word "a" atLineStart
    slash "/"
    word "b"
    slash "/"
    word "c"
    endOfFile ""
    """#),
    ("byte order mark", "\u{FEFF}rule A", #"""
    word "rule" atLineStart
    ruleID "A"
    endOfFile ""
    """#),
    ("CRLF line ends", "a\r\nb\rc\n\r\nd", #"""
    word "a" atLineStart
    word "b" atLineStart
    word "c" atLineStart
    word "d" atLineStart
    endOfFile ""
    """#),
    ("line start after leading spaces and comments", "  a b\n\t c /* x */ d\n/* y */ e", #"""
    word "a" atLineStart
    word "b"
    word "c" atLineStart
    word "d"
    word "e" atLineStart
    endOfFile ""
    comment.block "/* x */"
    comment.block "/* y */" ownLine
    """#),
    ("unknown characters", "a & b | c ' ; # @ “q” ệ Đ dự_án đất2 x\u{301}y", #"""
    word "a" atLineStart
    unknown "&"
    word "b"
    unknown "|"
    word "c"
    unknown "'"
    unknown ";"
    unknown "#"
    unknown "@"
    unknown "“"
    word "q"
    unknown "”"
    unknown "ệ"
    unknown "Đ"
    unknown "dự_án"
    unknown "đất2"
    unknown "x\#u{301}y"
    endOfFile ""
    """#),
    ("unterminated string stops at the line end", "x \"abc\ny \"q {a", #"""
    word "x" atLineStart
    string "\"abc" unterminated
    word "y" atLineStart
    string "\"q {a" unterminated interpolated
    endOfFile ""
    """#),
    ("unterminated block comment", "a /* never closed\nrule B", #"""
    word "a" atLineStart
    endOfFile "" atLineStart unterminatedComment
    comment.block "/* never closed\nrule B"
    """#),
    ("raw strings", "`^CT-[0-9]{4}$` `a\\d\"{x}` `` `ệ` `open\nx", #"""
    string "`^CT-[0-9]{4}$`" atLineStart raw
    string "`a\\d\"{x}`" raw
    string "``" raw
    string "`ệ`" raw
    string "`open" unterminated raw
    word "x" atLineStart
    endOfFile ""
    """#),
    ("a raw string inside an interpolation keeps its braces and quotes", "\"n {matches(x, `\"{2}`)} m\" y", #"""
    string "\"n {matches(x, `\"{2}`)} m\"" atLineStart interpolated
    word "y"
    endOfFile ""
    """#),
    ("empty file", "", #"""
    endOfFile "" atLineStart
    """#),
]

@Suite struct LexerTests {
    @Test(arguments: lexerCases)
    func dump(_ name: String, _ source: String, _ expected: String) {
        let actual = lexDump(source)
        #expect(actual == expected, "\(name); actual dump:\n\(actual)")
    }

    @Test func invalidUTF8IsFlaggedInStringsAndIsAnUnknownByteElsewhere() {
        let bytes: [UInt8] = Array("\"a".utf8) + [0xFF] + Array("b\" ".utf8) + [0xC3] + Array(" x".utf8)
        #expect(lexDump(bytes: bytes) == #"""
            string "\"a�b\"" atLineStart badUTF8
            unknown "�"
            word "x"
            endOfFile ""
            """#)
    }

    @Test func aLexerWithALimitStopsThere() {
        let bytes = Array("abc def ghi".utf8)
        var lexer = Lexer(bytes: bytes, start: 4, limit: 7)
        #expect(lexer.next().kind == .word)
        let end = lexer.next()
        #expect(end.kind == .endOfFile && end.start == 7)
    }

    @Test func deeplyNestedInterpolationsDoNotOverflow() {
        let depth = 20_000
        let text = String(repeating: "\"{", count: depth) + "x" + String(repeating: "}\"", count: depth)
        var lexer = Lexer(bytes: Array(text.utf8))
        let t = lexer.next()
        #expect(t.kind == .string && Int(t.end) == text.utf8.count && !t.flags.contains(.unterminated))
    }

    @Test func spansCoverTheWholeInputWithoutGaps() {
        // Tokens plus trivia tile the input: every byte is in a token, a
        // comment, or whitespace.
        let text = "rule A { require x.y[*] >= 1_0 // c\n  else vi \"ạ {x}\" } /* d */ ?? ệ"
        var lexer = Lexer(bytes: Array(text.utf8))
        var covered = [Bool](repeating: false, count: text.utf8.count)
        while true {
            let t = lexer.next()
            for i in Int(t.start)..<Int(t.end) { covered[i] = true }
            if t.kind == .endOfFile { break }
        }
        for c in lexer.comments { for i in Int(c.start)..<Int(c.end) { covered[i] = true } }
        let bytes = Array(text.utf8)
        for (i, isCovered) in covered.enumerated() where !isCovered {
            #expect(bytes[i] == 0x20 || bytes[i] == 0x0A, "byte \(i) is neither a token nor trivia")
        }
    }
}
