import Diagnostics
@testable import JSON
import Testing

// The parser's values, spans and errors on short inputs, in the style of
// go/parser's short_test.go.

@Suite("JSON parser")
struct JSONParserTests {
    // MARK: - Values

    /// (text, value, written as an integer, exact as a Double)
    static let numbers: [(String, Double, Bool, Bool)] = [
        ("0", 0, true, true),
        ("-0", -0.0, true, true),
        ("7", 7, true, true),
        ("-123", -123, true, true),
        ("1.5", 1.5, false, false),
        ("-1.5e-3", -0.0015, false, false),
        ("1e3", 1000, false, false),
        ("1E+2", 100, false, false),
        ("1e-2", 0.01, false, false),
        ("0.1", 0.1, false, false),
        ("0.30000000000000004", 0.30000000000000004, false, false),
        ("0.000001", 0.000001, false, false),
        ("9007199254740992", 9_007_199_254_740_992, true, true),
        ("-9007199254740992", -9_007_199_254_740_992, true, true),
        ("9007199254740993", 9_007_199_254_740_992, true, false),
        ("-9007199254740993", -9_007_199_254_740_992, true, false),
        ("9999999999999999", 1e16, true, false),
        ("-9999999999999999", -1e16, true, false),
        ("123456789012345678", 123_456_789_012_345_680, true, false),
        ("100000000000000000000000", 1e23, true, false),
        ("3.141592653589793238462643383279", 3.141592653589793, false, false),
        ("1.7976931348623157e308", 1.7976931348623157e308, false, false),
        ("2.2250738585072014e-308", 2.2250738585072014e-308, false, false),
        ("5e-324", Double.leastNonzeroMagnitude, false, false),
        ("-0.0", -0.0, false, false),
        ("0e0", 0, false, false),
        ("12.50", 12.5, false, false),
        ("1234.5678e-2", 12.345678, false, false),
    ]

    @Test(arguments: numbers)
    func number(_ c: (String, Double, Bool, Bool)) throws {
        let doc = try parseValid(c.0)
        let n = doc[0]
        #expect(n.kind == .number)
        #expect(n.number == c.1)
        #expect(n.number.sign == c.1.sign)
        #expect(n.isInteger == c.2)
        #expect(n.isExact == c.3)
        #expect(doc.numberText(0) == c.0)
        // Every value agrees with the standard library's correctly rounded parse.
        #expect(n.number == Double(c.0))
    }

    /// The same numbers inside containers, where an integer of up to 15
    /// digits followed by `,` `]` `}` or white space takes the parser's
    /// inline path (a number at the end of the input never does).
    @Test(arguments: numbers)
    func numberInsideContainers(_ c: (String, Double, Bool, Bool)) throws {
        for text in ["[\(c.0)]", "[\(c.0), 1]", "[\(c.0)\n]", "{\"k\": \(c.0)}", "[\(c.0)\t,\(c.0)\r]"] {
            let doc = try parseValid(text)
            // In the object, node 1 is the key.
            let index = text.hasPrefix("{") ? 2 : 1
            let n = doc[index]
            #expect(n.kind == .number, "\(text)")
            #expect(n.number == c.1 && n.number.sign == c.1.sign, "\(text)")
            #expect(n.isInteger == c.2 && n.isExact == c.3, "\(text)")
            #expect(doc.numberText(index) == c.0, "\(text)")
            #expect(Int(n.end) - Int(n.start) == c.0.utf8.count, "\(text)")
        }
    }

    /// Integers at the edge of the inline path: 15 digits inline, 16 and
    /// more through the general path, with the same flags either way.
    @Test(arguments: ["999999999999999", "-999999999999999", "1000000000000000", "123456789012345", "1234567890123456", "00", "-01", "0x1", "1a", "-", "1.", "12e"])
    func integersAtTheEdgeOfTheInlinePath(_ text: String) throws {
        let inside = "[\(text), 0]"
        if let expected = Double(text), !text.hasPrefix("00"), !text.hasPrefix("-0"), !text.hasPrefix("0x"), text.allSatisfy({ $0.isNumber || $0 == "-" }) {
            let doc = try parseValid(inside)
            #expect(doc[1].number == expected)
            #expect(doc[1].isInteger)
            #expect(doc[1].isExact == (abs(expected) <= 9_007_199_254_740_992))
        } else {
            // Errors are the same with the value alone as inside a container.
            #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(inside.utf8)) }
        }
    }

    @Test func manyNumbersAgreeWithTheStandardLibrary() throws {
        var rng = SplitMix64(seed: 42)
        var texts: [String] = []
        for _ in 0..<3000 {
            let digits = String(rng.next() % 100_000_000_000_000_000)
            let cut = rng.next(below: digits.count + 1)
            var t = String(digits.prefix(cut))
            if t.isEmpty || (t.count > 1 && t.first == "0") { t = "1" + t }
            if rng.next(below: 2) == 0 { t += "." + String(digits.dropFirst(cut)) + "1" }
            if rng.next(below: 3) == 0 { t += "e" + String(rng.next(below: 60) - 30) }
            if rng.next(below: 2) == 0 { t = "-" + t }
            texts.append(t)
        }
        let doc = try parseValid("[" + texts.joined(separator: ",") + "]")
        for (k, i) in doc.children(0).enumerated() {
            #expect(doc[i].number == Double(texts[k]), "\(texts[k])")
        }
    }

    static let strings: [(String, String)] = [
        (#""""#, ""),
        (#""abc""#, "abc"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\ud83d\ude00 \uD83D\uDE00""#, "😀 😀"),
        (#""Tiếng Việt""#, "Tiếng Việt"),
        (#""Tie\u0302\u0301ng""#, "Tie\u{302}\u{301}ng"),
        (#""a\u0000b""#, "a\u{0}b"),
        (#""x\\""#, "x\\"),
        (#""𝄞""#, "𝄞"),
        (#""ký tự \"trích\" và \\ gạch""#, "ký tự \"trích\" và \\ gạch"),
    ]

    @Test(arguments: strings)
    func string(_ c: (String, String)) throws {
        let doc = try parseValid(c.0)
        #expect(doc[0].kind == .string)
        #expect(doc.string(0) == c.1)
        #expect(doc.sourceText(0) == c.0)
    }

    @Test(arguments: [("true", JSONKind.bool), ("false", .bool), ("null", .null), (" \t\r\n null \n", .null)])
    func literal(_ text: String, _ kind: JSONKind) throws {
        let doc = try parseValid(text)
        #expect(doc.nodes.count == 1)
        #expect(doc[0].kind == kind)
        #expect(doc[0].isTrue == (text == "true"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let doc = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        #expect(doc[0].start == 3)
        #expect(doc.member(0, key: "a") == 2)
    }

    @Test func spansAndParents() throws {
        let text = #"{"a": [1, "x", true, null], "b": {}}"#
        let doc = try parseValid(text)
        let expected: [(JSONKind, String, UInt32)] = [
            (.object, text, .max),
            (.string, #""a""#, 0),
            (.array, #"[1, "x", true, null]"#, 0),
            (.number, "1", 2),
            (.string, #""x""#, 2),
            (.bool, "true", 2),
            (.null, "null", 2),
            (.string, #""b""#, 0),
            (.object, "{}", 0),
        ]
        #expect(doc.nodes.count == expected.count)
        for (i, e) in expected.enumerated() where i < doc.nodes.count {
            #expect(doc[i].kind == e.0)
            #expect(doc.sourceText(i) == e.1)
            #expect(doc[i].parent == e.2)
        }
        #expect(doc[0].b == 2)
        #expect(doc[2].b == 4)
        #expect(doc[8].b == 0)
        #expect(doc.children(0) == [2, 8])
        #expect(doc.members(0).map(\.key) == [1, 7])
        #expect(doc.element(2, at: 3) == 6)
        #expect(doc.element(2, at: 4) == nil)
        expectWellFormed(doc)
    }

    // MARK: - Duplicate keys

    @Test func duplicateKeysIncludingEscapedSpellings() throws {
        let doc = try parseValid(#"{"a": 1, "b": 2, "\u0061": 3, "b": 4, "c": {"a": 0, "a": 0}}"#)
        #expect(
            doc.duplicateKeys == [
                DuplicateKey(object: 10, first: 11, second: 13),
                DuplicateKey(object: 0, first: 1, second: 5),
                DuplicateKey(object: 0, first: 3, second: 7),
            ])
        #expect(doc.member(0, key: "a").map(doc.numberText) == "3")
    }

    /// Every repeat points back at the first occurrence, and keys with the
    /// same length and edges ("ab", "aab"-like signatures) are told apart.
    @Test func everyRepeatOfAKeyInASmallObject() throws {
        let doc = try parseValid(#"{"a": 1, "b": 2, "a": 3, "c": 4, "a": 5, "b": 6, "axb": 7, "ayb": 8, "axb": 9}"#)
        let pairs = doc.duplicateKeys.map { "\(doc.string($0.first))@\($0.first)-\($0.second)" }
        #expect(pairs == ["a@1-5", "a@1-9", "b@3-11", "axb@13-17"])
    }

    /// Keys longer than a word, written plainly and with an escape (two
    /// parse paths, one signature), and keys alike in length and first
    /// eight bytes but not last ones.
    @Test func duplicateLongKeysWhicheverPathParsedThem() throws {
        let doc = try parseValid(#"{"approval_date_a": 1, "approval_date_b": 2, "appro\u0076al_date_a": 3, "approval_date_b": 4, "approval_date_c": 5}"#)
        let pairs = doc.duplicateKeys.map { "\(doc.string($0.first))@\($0.first)-\($0.second)" }
        #expect(pairs == ["approval_date_a@1-5", "approval_date_b@3-7"])
        #expect(doc.member(0, key: "approval_date_a").map(doc.numberText) == "3")
    }

    @Test func duplicateKeysInALargeObject() throws {
        var members = (0..<5000).map { #""key\#($0)": \#($0)"# }
        members.append(#""key1234": "again""#)
        members.append(#""key4999": "again""#)
        let doc = try parseValid("{" + members.joined(separator: ",") + "}")
        #expect(doc.duplicateKeys.count == 2)
        #expect(doc.duplicateKeys.map { doc.string($0.first) } == ["key1234", "key4999"])
        #expect(doc.duplicateKeys.map { doc.string($0.second) } == ["key1234", "key4999"])
        #expect(doc.duplicateKeys.allSatisfy { doc.string($0.first) == doc.string($0.second) && $0.first < $0.second })
        #expect(doc[0].b == 5002)
    }

    @Test func thriceRepeatedKeyPointsBackToTheFirst() throws {
        let doc = try parseValid(#"{"k": 1, "k": 2, "k": 3}"#)
        #expect(doc.duplicateKeys == [DuplicateKey(object: 0, first: 1, second: 3), DuplicateKey(object: 0, first: 1, second: 5)])
    }

    // MARK: - Depth

    @Test func maximumDepthIsAccepted() throws {
        let depth = JSONParser.maxDepth
        let doc = try JSONParser.parse(Array(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).map { $0.asciiValue! })
        #expect(doc.nodes.count == depth)
        let objects = String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(try JSONParser.parse(Array(objects.utf8)).nodes.count == 2 * depth - 1)
    }

    @Test func oneLevelMoreIsRejected() throws {
        let depth = JSONParser.maxDepth + 1
        let error = try #require(parseError(Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)))
        #expect(error.code == "E3006")
        #expect(error.offset == UInt32(JSONParser.maxDepth))
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        let objectError = try #require(parseError(Array(objects.utf8)))
        #expect(objectError.code == "E3006")
        #expect(objectError.offset == UInt32(5 * JSONParser.maxDepth))
    }

    // MARK: - Errors

    /// (input, code, offset of the error)
    static let errors: [(String, String, Int)] = [
        ("", "E3001", 0),
        ("   \n ", "E3001", 5),
        ("[1,]", "E3001", 3),
        (#"{"a":1,}"#, "E3001", 7),
        ("[1 2]", "E3001", 3),
        (#"{"a": 1 "b": 2}"#, "E3001", 8),
        (#"{"a" 1}"#, "E3001", 5),
        ("{a: 1}", "E3001", 1),
        ("{'a': 1}", "E3001", 1),
        ("['x']", "E3001", 1),
        ("[1] 2", "E3008", 4),
        ("{} {}", "E3008", 3),
        ("tru", "E3001", 0),
        ("truex", "E3001", 0),
        ("True", "E3001", 0),
        ("nul", "E3001", 0),
        ("NaN", "E3001", 0),
        ("-Infinity", "E3007", 1),
        ("[01]", "E3007", 1),
        ("-01", "E3007", 0),
        ("[1.]", "E3007", 3),
        ("[.5]", "E3001", 1),
        ("-", "E3007", 1),
        ("1e", "E3007", 2),
        ("1e+", "E3007", 3),
        ("0x1F", "E3007", 1),
        ("1.5.2", "E3007", 3),
        ("+1", "E3001", 0),
        (#""abc"#, "E3001", 0),
        (#"["abc"#, "E3001", 1),
        ("\"a\nb\"", "E3003", 2),
        ("\"a\tb\"", "E3003", 2),
        (#""\x""#, "E3004", 1),
        (#""\u12""#, "E3004", 1),
        (#""\u12G4""#, "E3004", 1),
        (#""\ud800""#, "E3005", 1),
        (#""\udc00""#, "E3005", 1),
        (#""\ud800\u0041""#, "E3005", 1),
        (#""ok\ud800\n""#, "E3005", 3),
        ("// note\n{}", "E3001", 0),
        ("{/* c */}", "E3001", 1),
        ("[1, 2", "E3001", 5),
        (#"{"a": "#, "E3001", 6),
        (#"{"a""#, "E3001", 4),
        ("{", "E3001", 1),
        ("]", "E3001", 0),
        (#"{"a": 1]"#, "E3001", 7),
        ("[1}", "E3001", 2),
        ("\u{FEFF}", "E3001", 3),
        ("\u{A0}1", "E3001", 0),
    ]

    @Test(arguments: errors)
    func error(_ c: (String, String, Int)) throws {
        let error = try #require(parseError(Array(c.0.utf8)), "accepted `\(c.0)`")
        #expect(error.code.rawValue == c.1, "\(error.message)")
        #expect(Int(error.offset) == c.2, "\(error.message)")
        #expect(!error.message.isEmpty && error.message.first!.isLowercase)
        #expect(!error.message.hasSuffix("."))
    }

    /// (bytes, code, offset): inputs that are not valid UTF-8 text.
    static let byteErrors: [([UInt8], String, Int)] = [
        ([0x22, 0xFF, 0x22], "E3002", 1),
        ([0x22, 0x61, 0xC3, 0x22], "E3002", 2),
        ([0x22, 0xC0, 0x80, 0x22], "E3002", 1),
        ([0x22, 0xE0, 0x80, 0x80, 0x22], "E3002", 1),
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "E3002", 1),
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "E3002", 1),
        ([0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], "E3002", 1),
        ([0x22, 0xE1, 0x80], "E3002", 1),
        ([0x5B, 0xFF, 0x5D], "E3001", 1),
        ([0xEF, 0xBB], "E3001", 0),
        ([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "E3001", 3),
        ([0x22, 0x61, 0x00, 0x22], "E3003", 2),
        ([0x5B, 0x00, 0x5D], "E3001", 1),
    ]

    @Test(arguments: byteErrors)
    func byteError(_ c: ([UInt8], String, Int)) throws {
        let error = try #require(parseError(c.0))
        #expect(error.code.rawValue == c.1, "\(error.message)")
        #expect(Int(error.offset) == c.2, "\(error.message)")
    }

    @Test(arguments: [([UInt8](), "the file is empty"), ([0xEF, 0xBB, 0xBF], "the file is empty"), (Array("   ".utf8), "the file holds only whitespace")])
    func emptyInputSaysWhy(_ bytes: [UInt8], _ help: String) {
        #expect(parseError(bytes)?.help == help)
    }

    @Test func validFourByteUTF8IsAccepted() throws {
        let doc = try JSONParser.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22])
        #expect(doc.string(0) == "😀\u{10FFFF}")
    }
}
