import Diagnostics
@testable import JSON
import Testing

// Where values are: JSON Pointers resolve to nodes whose spans give the
// expected line and column (columns count Unicode scalars), through CRLF line
// ends, Vietnamese text in NFC and NFD, escapes and arrays.

/// A dossier written by hand, with CRLF line ends. Line 11 writes `chú` in NFD
/// (`u` + U+0301), and `đào` with a combining grave.
private let dossierLines = [
    #"{"#,
    #"  "id": "CT-2025-0142","#,
    #"  "kind": "investment_project","#,
    #"  "project": {"#,
    #"    "name": "Nhà máy chế biến thủy sản Trà Nóc","#,
    #"    "type": "factory","#,
    #"    "env_group": "II""#,
    #"  },"#,
    #"  "location": {"commune": "Phường Bình Thủy", "flood_risk_zone": "high"},"#,
    #"  "a/b": {"~x": "chứa ~ và /", "m~n": 1},"#,
    "  \"ghi_chu\u{301}\": \"ghi chu\u{301} NFD: đa\u{300}o\", \"note\": null,",
    #"  "plan": {"#,
    #"    "items": ["#,
    #"      {"id": "KH-01", "name": "Xây dựng hệ thống xử lý nước thải", "criteria": {"environment": ["nước thải"], "climate": []}},"#,
    #"      {"id": "KH-02", "name": "Trồng cây xanh ven sông Hậu", "budget_billion_vnd": 12.5}"#,
    #"    ]"#,
    #"  },"#,
    #"  "sensitive_factors": ["rice_land_2crop", "resettlement"]"#,
    #"}"#,
]

private let dossierBytes = Array((dossierLines.joined(separator: "\r\n") + "\r\n").utf8)

@Suite("JSON positions")
struct JSONPositionTests {
    let doc: JSONDocument
    let file: SourceFile

    init() throws {
        doc = try JSONParser.parse(dossierBytes)
        file = SourceFile(id: FileID(0), path: "dossier.json", bytes: dossierBytes)
    }

    /// (pointer, line, column in scalars, column in bytes), checked against an
    /// independent count of code points.
    static let cases: [(String, Int, Int, Int)] = [
        ("", 1, 1, 1),
        ("/id", 2, 9, 9),
        ("/project/name", 5, 13, 13),
        ("/project/env_group", 7, 18, 18),
        ("/location/flood_risk_zone", 9, 66, 72),
        ("/a~1b/~0x", 10, 17, 17),
        ("/a~1b/m~0n", 10, 39, 42),
        ("/ghi_chu\u{301}", 11, 15, 16),
        ("/note", 11, 45, 49),
        ("/plan/items/0/criteria/environment/0", 14, 97, 112),
        ("/plan/items/0/criteria/climate", 14, 122, 142),
        ("/plan/items/1", 15, 7, 7),
        ("/plan/items/1/budget_billion_vnd", 15, 84, 90),
        ("/sensitive_factors/1", 18, 44, 44),
    ]

    @Test(arguments: cases)
    func pointerResolvesToItsLineAndColumn(_ c: (String, Int, Int, Int)) throws {
        let node = try #require(doc.node(atPointer: c.0), "no node at `\(c.0)`")
        let location = file.location(of: doc[node].start)
        #expect(location.line == c.1)
        #expect(location.column == c.2)
        #expect(location.byteColumn == c.3)
    }

    @Test(arguments: ["/plan/items/2", "/plan/items/01", "/plan/items/-1", "/id/x", "id", "/nope", "/a/b", "/plan/items/"])
    func unknownPointersResolveToNothing(_ pointer: String) {
        #expect(doc.node(atPointer: pointer) == nil)
    }

    @Test func stringValuesSurviveEscapesAndNormalization() throws {
        #expect(doc.node(atPointer: "/a~1b/~0x").map(doc.string) == "chứa ~ và /")
        #expect(doc.node(atPointer: "/ghi_chu\u{301}").map(doc.string) == "ghi chu\u{301} NFD: đa\u{300}o")
        // Keys compare by bytes: the NFC spelling is a different key.
        #expect(doc.node(atPointer: "/ghi_ch\u{FA}") == nil)
    }

    @Test func pointerRoundTripsForEveryNode() {
        for i in 0..<doc.nodes.count {
            let pointer = doc.pointer(of: i)
            let resolved = doc.node(atPointer: pointer)
            let p = doc[i].parent
            if p != UInt32.max && doc[Int(p)].kind == .object && doc.isKeyNode(i, in: Int(p)) {
                // A key names the member, so its pointer resolves to the value.
                #expect(resolved == i + 1, "key node \(i) at `\(pointer)`")
            } else {
                #expect(resolved == i, "node \(i) at `\(pointer)`")
            }
        }
    }

    @Test func everySpanCoversItsSourceText() {
        expectWellFormed(doc)
        for i in 0..<doc.nodes.count {
            let text = doc.sourceText(i)
            switch doc[i].kind {
            case .object: #expect(text.hasPrefix("{") && text.hasSuffix("}"))
            case .array: #expect(text.hasPrefix("[") && text.hasSuffix("]"))
            case .string: #expect(text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2)
            case .null: #expect(text == "null")
            case .bool: #expect(text == "true" || text == "false")
            case .number: #expect(Double(text) == doc[i].number)
            }
        }
    }

    @Test func crlfIsOneLineEnd() {
        #expect(file.lines.lineCount == dossierLines.count + 1)
        // The byte after `{` and CRLF starts line 2.
        #expect(file.location(of: 3) == Diagnostics.SourceLocation(line: 2, column: 1, byteColumn: 1))
        #expect(file.location(of: 1).line == 1)
        #expect(file.location(of: 2).line == 1)
    }

    @Test func lonelyCarriageReturnEndsALineToo() throws {
        let bytes = Array("{\r\"a\":\r\n1,\n\"b\": 2}".utf8)
        let doc = try JSONParser.parse(bytes)
        let file = SourceFile(id: FileID(0), path: "x.json", bytes: bytes)
        let b = try #require(doc.node(atPointer: "/b"))
        #expect(file.location(of: doc[b].start) == Diagnostics.SourceLocation(line: 4, column: 6, byteColumn: 6))
        let a = try #require(doc.node(atPointer: "/a"))
        #expect(file.location(of: doc[a].start).line == 3)
    }
}
