import Base
import Evaluator
import Foundation
import Semantics
import Testing

// The fast paths of validation and of the built-ins must answer exactly as
// the general ones: the inline date check as `CivilDate(text:)`, the plain
// walk of flat objects as the general walk (it hands over whatever it does
// not pass), and `count(distinct(xs[*].f))` and `sum(xs[*].f)` read in place
// as through a built list.

@Suite("Validation and built-ins: fast paths agree with the general ones")
struct ValidationFastPathTests {
    /// `isDateText` accepts exactly what `CivilDate(text:)` reads: every day
    /// of leap and common years around the century rules, impossible days,
    /// both written forms, and bytes that are not digits.
    @Test func dateTextAgreesWithCivilDate() {
        var texts: [String] = []
        for year in ["0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999"] {
            for month in 0...13 {
                for day in [0, 1, 9, 10, 28, 29, 30, 31, 32, 39, 99] {
                    let m = month < 10 ? "0\(month)" : "\(month)"
                    let d = day < 10 ? "0\(day)" : "\(day)"
                    texts.append("\(year)-\(m)-\(d)")
                    texts.append("\(d)/\(m)/\(year)")
                }
            }
        }
        texts += ["2024-07-9", "2024-07-090", "2024/07/09", "2024-0a-09", "2024-07-0:", "20 4-07-09", "２024-07-09",
                  "2024-07–09", "09-07-2024", "", "2024-7-09 ", "/9/07/2024", "2024--7-09", "+024-07-09"]
        // Random bytes over the characters a date is made of.
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-/ x".utf8)
        for _ in 0..<20_000 {
            texts.append(String(decoding: (0..<10).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        for t in texts {
            let bytes = Array(t.utf8)
            let fast = bytes.withUnsafeBufferPointer { b in
                b.count == 0 ? false : isDateText(b.baseAddress!, b.count)
            }
            #expect(fast == (CivilDate(text: bytes) != nil), "\(t)")
        }
    }

    /// ASCII text folds without Foundation to what Foundation's folding gives:
    /// every ASCII character alone, and words of letters, digits and marks.
    @Test func asciiFoldingAgreesWithFoundation() {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["Road", "NEW_BUILD", "new-build", "Group A", "x^y`z~", "Tax-Code 10", "", "a\tb"]
        for t in texts {
            #expect(foldKey(t) == foldKeyThroughFoundation(t), "\(Array(t.utf8))")
        }
    }

    /// The DFA of a pattern without assertions answers as the simulation,
    /// for whole matches and searches, on random subjects over the
    /// pattern's own characters (and a few others, non-ASCII among them).
    @Test(arguments: [#"DA-[0-9]{4}-[0-9]{5}"#, #"[0-9]{10}([0-9]{3})?"#, #"[^@ ]+@[^@ ]+\.[a-z]+"#, "(a|ab)*c?", "a*", "", "x|yz+",
                      #"[A-Za-z_][A-Za-z0-9_]*"#, "(?i)đa.b", #"\d{2,4}-\w+"#, ".*q"])
    func dfaAgreesWithSimulation(_ pattern: String) throws {
        let r = try LinearRegex(pattern)
        #expect(r.hasDFA, "\(pattern)")
        let alphabet = Array("DA-0123456789@ .abcqxyzđ_\n".unicodeScalars)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let length = Int(rng.next() % 16)
            let subject = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
            let shown = subject.debugDescription
            Array(subject.utf8).withUnsafeBufferPointer { b in
                #expect(r.search(b) == r.searchBySimulation(b), "search `\(pattern)` on \(shown)")
                #expect(r.wholeMatch(b) == r.wholeMatchBySimulation(b), "whole `\(pattern)` on \(shown)")
            }
        }
        // Patterns with an assertion are simulated.
        #expect(!(try LinearRegex("^a$").hasDFA))
    }

    static let schema = """
        schema {
          id: string
          items: [{
            code: string
            kind: enum("a", "bb", "ccc")
            on: date
            n: integer
            x?: number
            ok?: bool
            note?: string required when id == "need-note"
          }]
          tags?: [string]
        }
        """

    /// Dossiers whose list of flat objects the plain walk passes, or hands
    /// over to the general walk at a problem: `tuanthu.schema.…` findings
    /// by id and pointer, in document order.
    static let validationCases: [(name: String, items: String, findings: [String])] = [
        ("all plain, optional fields left out", #"[{"code": "A", "kind": "a", "on": "2024-02-29", "n": 1}, {"code": "B", "kind": "ccc", "on": "29/02/2024", "n": 2, "ok": true}]"#, []),
        ("every field, in order", #"[{"code": "A", "kind": "bb", "on": "2024-01-31", "n": 1, "x": 1.5, "ok": false, "note": "n"}]"#, []),
        ("out of order but valid", #"[{"kind": "a", "code": "A", "n": 1, "on": "2024-01-31"}]"#, []),
        ("an escaped key", #"[{"c\u006fde": "A", "kind": "a", "on": "2024-01-31", "n": 1}]"#, []),
        ("an unknown key after valid elements", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1}, {"code": "B", "kind": "a", "on": "2024-01-31", "n": 1, "zz": 1}]"#,
         ["tuanthu.schema.unknown-key /items/1/zz"]),
        ("a required field absent", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1}, {"code": "B", "kind": "a", "n": 1}]"#,
         ["tuanthu.schema.required /items/1"]),
        ("an impossible date", #"[{"code": "A", "kind": "a", "on": "2023-02-29", "n": 1}]"#, ["tuanthu.schema.date /items/0/on"]),
        ("a value out of its enum", #"[{"code": "A", "kind": "b", "on": "2024-01-31", "n": 1}]"#, ["tuanthu.schema.enum /items/0/kind"]),
        ("a fraction for an integer", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1.5}]"#, ["tuanthu.schema.type /items/0/n"]),
        ("an integer written with a fraction", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1.0}]"#, []),
        ("a null optional field", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1, "x": null}]"#, []),
        ("a null required field", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": null}]"#, ["tuanthu.schema.required /items/0"]),
        ("an element that is not an object", #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1}, 5]"#, ["tuanthu.schema.type /items/1"]),
        ("a repeated key", #"[{"code": "A", "code": "B", "kind": "a", "on": "2024-01-31", "n": 1}]"#, []),
    ]

    @Test(arguments: validationCases)
    func plainWalkHandsOver(_ c: (name: String, items: String, findings: [String])) throws {
        let program = try loadProgram(Self.schema + "\nrule R {\n  require count(items) >= 0\n}\n")
        let result = checkDossier(program, #"{"id": "x", "items": "# + c.items + #", "tags": ["a", "b"]}"#)
        let schemaFindings = result.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }.map { "\($0.rule) \($0.pointer)" }
        #expect(schemaFindings == c.findings, "\(c.name): \(result.findings.map { $0.message("en") })")
    }

    /// A `required when` field absent from an object the plain walk would
    /// otherwise pass: the general walk decides the condition.
    @Test func requiredWhenIsDecided() throws {
        let program = try loadProgram(Self.schema + "\nrule R {\n  require count(items) >= 0\n}\n")
        let items = #"[{"code": "A", "kind": "a", "on": "2024-01-31", "n": 1}]"#
        let needs = checkDossier(program, #"{"id": "need-note", "items": "# + items + "}")
        #expect(needs.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }.map { "\($0.rule) \($0.pointer)" } == ["tuanthu.schema.required /items/0"])
        let not = checkDossier(program, #"{"id": "other", "items": "# + items + "}")
        #expect(not.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }.isEmpty)
    }

    /// `count(distinct(xs[*].c))` (read in place) against `count(distinct(ys))`
    /// over the same strings as a whole list (the general path), for lists
    /// below and above the pairwise limit, with repeats, NFC and NFD forms of
    /// one text, and texts that share their first bytes.
    @Test(arguments: [3, 16, 17, 40])
    func countDistinctInPlaceAgrees(_ size: Int) throws {
        var strings: [String] = []
        for k in 0..<size {
            switch k % 5 {
            case 0: strings.append("code-\(k / 2)")  // repeats every other one
            case 1: strings.append("Nhà \(k / 3)")
            case 2: strings.append(nfd("Nhà \(k / 3)"))  // the same text decomposed
            case 3: strings.append("0123456789-shared-prefix-\(k)")
            default: strings.append("x\(k % 7)")
            }
        }
        let quoted = strings.map { "\"\($0)\"" }
        let expected = strings.enumerated().filter { i, s in !strings[..<i].contains(s) }.count
        let items = quoted.map { "{\"c\": \($0)}" }.joined(separator: ", ")
        let program = try loadProgram("""
            rule R {
              require count(distinct(a[*].c)) == \(expected) and count(distinct(b)) == \(expected)
            }
            """)
        let result = checkDossier(program, "{\"a\": [\(items)], \"b\": [\(quoted.joined(separator: ", "))]}")
        #expect(outcome(result, program) == .pass, "\(result.findings.map { $0.message("en") })")
    }

    /// `sum(xs[*].v)` read in place equals the sum of the whole list; an
    /// element that is not a plain number leaves the verdict to the general path.
    @Test func sumInPlaceAgrees() throws {
        let program = try loadProgram("""
            rule R {
              require sum(a[*].v) == sum(b)
            }
            """)
        let values = [0.1, 0.2, 0.3, 1e16, -1e16, 7, 2.5]
        let a = values.map { "{\"v\": \($0)}" }.joined(separator: ", ")
        let b = values.map { "\($0)" }.joined(separator: ", ")
        #expect(outcome(checkDossier(program, "{\"a\": [\(a)], \"b\": [\(b)]}"), program) == .pass)
        let missing = checkDossier(program, #"{"a": [{"v": 1}, {"w": 2}], "b": [1]}"#)
        #expect(outcome(missing, program) == .missing)
        let wrong = checkDossier(program, #"{"a": [{"v": 1}, {"v": "2"}], "b": [1]}"#)
        #expect(outcome(wrong, program) == .fail)
    }
}
