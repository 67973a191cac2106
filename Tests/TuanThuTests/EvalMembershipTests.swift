import Base
import Evaluator
import Foundation
import JSON
import Semantics
import Testing

// Membership through a hash index must answer as the linear scan does, for
// every kind of value: numbers of different spellings, NFC and NFD text,
// dates written either way, mixed kinds, unknown and invalid elements,
// empty lists, lists of lists and objects. The answers themselves are
// checked in the first table; the second compares both paths over many
// lists drawn from a pool of values.

/// A dossier holding every value the tables use: `/v/k` is pool value k.
private let poolJSON = """
    {"v": [1, 1.0, 1e0, 2, -0, 0, 9007199254740993, 9007199254740992, "x", "\("Cần Thơ")", "\(nfd("Cần Thơ"))",
      "2024-07-09", "09/07/2024", "abc", true, false, null, {"a": 1}, [1, 2], [1.0, 2], [], "",
      "\u{212B}", "A\u{30A}", "\u{C5}", "a\\r\\nb", "x\u{323}", "Nhà máy xử lý – “nước”", 12.5, "1"],
     "empty": [], "strings": ["a", "b", "Cần Thơ"], "withNull": ["a", null]}
    """

private struct Fixture {
    let evaluator: Evaluator
    let document: JSONDocument
    init() throws {
        let program = try loadProgram("rule R { require true }")
        evaluator = Evaluator(program: program, asOf: evalAsOf)
        document = try JSONParser.parse(Array(poolJSON.utf8))
    }
    /// The node at `pointer`, as a value.
    func node(_ pointer: String) throws -> Value {
        .node(Int32(try #require(document.node(atPointer: pointer), "no \(pointer)")))
    }
    /// Pool value k of the dossier.
    func pool(_ k: Int) throws -> Value { try node("/v/\(k)") }
}

/// Values a rule computes, beside the dossier's.
private let computed: [Value] = [
    .number(1), .number(-0.0), .number(2.5), .bigInteger(9_007_199_254_740_992, "9007199254740993"),
    .string("x"), .string(nfd("Cần Thơ")), .string("Cần Thơ"), .string("2024-07-09"),
    .date(CivilDate("2024-07-09")!), .date(CivilDate("2024-07-10")!), .null, .bool(true),
    .list([.number(1), .number(2)]), .object([("a", .number(1))]), .missing, .invalid,
]

struct MembershipCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The probe: a pool index (dossier value) or a computed value.
    var probe: Either
    /// The list: a JSON pointer of a dossier list, or computed elements (pool indexes or values).
    var list: ListSpec
    var expected: MembershipAnswer
    var testDescription: String { name }

    enum Either: Sendable {
        case pool(Int)
        case value(Value)
    }
    enum ListSpec: Sendable {
        case dossier(String)
        case computed([Either])
    }
}

private func value(_ e: MembershipCase.Either, _ f: Fixture) throws -> Value {
    switch e {
    case .pool(let k): return try f.pool(k)
    case .value(let v): return v
    }
}

private func list(_ l: MembershipCase.ListSpec, _ f: Fixture) throws -> Value {
    switch l {
    case .dossier(let p): return try f.node(p)
    case .computed(let es): return .list(try es.map { try value($0, f) })
    }
}

@Suite struct EvalMembershipTests {
    static let answers: [MembershipCase] = [
        MembershipCase(name: "1 in [1.0]: numbers by value", probe: .pool(0), list: .computed([.pool(1)]), expected: .found),
        MembershipCase(name: "1e0 in [1]", probe: .pool(2), list: .computed([.pool(3), .pool(0)]), expected: .found),
        MembershipCase(name: "a rule's 1 in the dossier's 1.0", probe: .value(.number(1)), list: .computed([.pool(1)]), expected: .found),
        MembershipCase(name: "-0 in [0]", probe: .pool(4), list: .computed([.pool(5)]), expected: .found),
        MembershipCase(name: "2 not in [1, 1.0]", probe: .pool(3), list: .computed([.pool(0), .pool(1)]), expected: .notFound),
        MembershipCase(name: "big integers by their digits", probe: .pool(6), list: .computed([.pool(7)]), expected: .notFound),
        MembershipCase(name: "a big literal equals its dossier integer", probe: .value(.bigInteger(9_007_199_254_740_992, "9007199254740993")),
                       list: .computed([.pool(7), .pool(6)]), expected: .found),
        MembershipCase(name: "NFD text in a list of NFC text", probe: .pool(10), list: .dossier("/strings"), expected: .found),
        MembershipCase(name: "NFC rule text in NFD dossier text", probe: .value(.string("Cần Thơ")), list: .computed([.pool(8), .pool(10)]), expected: .found),
        MembershipCase(name: "A with a ring mark is the precomposed Å", probe: .pool(23), list: .computed([.pool(24)]), expected: .found),
        MembershipCase(name: "a number in a list of strings cannot be compared", probe: .pool(0), list: .dossier("/strings"), expected: .incomparable),
        MembershipCase(name: "a string in a list of numbers cannot be compared", probe: .pool(8), list: .computed([.pool(0), .pool(3)]), expected: .incomparable),
        MembershipCase(name: "found beside an incomparable element", probe: .pool(8), list: .computed([.pool(0), .pool(8)]), expected: .found),
        MembershipCase(name: "a missing element makes a miss unknown", probe: .pool(8), list: .computed([.pool(13), .value(.missing)]), expected: .unknown),
        MembershipCase(name: "a missing element does not hide a match", probe: .pool(8), list: .computed([.value(.missing), .pool(8)]), expected: .found),
        MembershipCase(name: "an invalid element makes a miss invalid", probe: .pool(8), list: .computed([.value(.invalid), .pool(13)]), expected: .invalid),
        MembershipCase(name: "a dossier null element makes a miss unknown", probe: .pool(8), list: .dossier("/withNull"), expected: .unknown),
        MembershipCase(name: "the rule's null finds the dossier's null", probe: .value(.null), list: .dossier("/withNull"), expected: .found),
        MembershipCase(name: "the empty list holds nothing", probe: .pool(8), list: .dossier("/empty"), expected: .notFound),
        MembershipCase(name: "the empty computed list holds nothing", probe: .pool(0), list: .computed([]), expected: .notFound),
        MembershipCase(name: "a list in a list of lists", probe: .pool(18), list: .computed([.pool(20), .pool(19)]), expected: .found),
        MembershipCase(name: "an object is never equal: incomparable", probe: .pool(17), list: .computed([.pool(17)]), expected: .incomparable),
        MembershipCase(name: "a date in dates written as text", probe: .value(.date(CivilDate("2024-07-09")!)), list: .computed([.pool(12)]), expected: .found),
        MembershipCase(name: "date text in a list of dates", probe: .pool(11), list: .computed([.value(.date(CivilDate("2024-07-09")!))]), expected: .found),
        MembershipCase(name: "text that is no date beside dates", probe: .pool(13), list: .computed([.value(.date(CivilDate("2024-07-09")!))]), expected: .incomparable),
        MembershipCase(name: "true in [false, true]", probe: .pool(14), list: .computed([.pool(15), .pool(14)]), expected: .found),
        MembershipCase(name: "the empty string", probe: .pool(21), list: .computed([.pool(8), .pool(21)]), expected: .found),
        MembershipCase(name: "the number 1 is not the text \"1\"", probe: .pool(0), list: .computed([.pool(29)]), expected: .incomparable),
    ]

    @Test(arguments: answers) func answer(_ c: MembershipCase) throws {
        let f = try Fixture()
        let probe = try value(c.probe, f), xs = try list(c.list, f)
        let (linear, hashed) = f.evaluator.withDossier(f.document) {
            (f.evaluator.membershipLinear(probe, in: xs), f.evaluator.membershipHashed(probe, in: xs))
        }
        #expect(linear == c.expected, "linear")
        #expect(hashed == c.expected, "hashed")
    }

    /// Both paths over 400 lists drawn from the pool (dossier and computed
    /// values, duplicates included), every value of the pool as the probe.
    @Test func hashedAgreesWithLinearOverDrawnLists() throws {
        let f = try Fixture()
        let poolCount = 30
        var values: [Value] = try (0..<poolCount).map { try f.pool($0) } + computed
        values.append(try f.node("/withNull/1"))
        // The operators answer a missing, invalid or dossier-null probe before asking.
        let probes = values.filter {
            switch $0 {
            case .missing, .invalid: return false
            case .node(let n): return f.document.nodes[Int(n)].kind != .null
            default: return true
            }
        }
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var compared = 0
        f.evaluator.withDossier(f.document) {
            for _ in 0..<400 {
                let length = next(40)
                let xs = Value.list((0..<length).map { _ in values[next(values.count)] })
                for p in probes {
                    let linear = f.evaluator.membershipLinear(p, in: xs), hashed = f.evaluator.membershipHashed(p, in: xs)
                    #expect(linear == hashed, "probe \(p) in \(xs)")
                    compared += 1
                }
            }
        }
        #expect(compared == 400 * probes.count)
    }

    /// `distinct`'s own paths for lists of dossier strings and of dossier
    /// numbers (pairwise up to 16 elements, hashed beyond) keep exactly the
    /// elements the general path keeps, over lists drawn from the pool:
    /// strings only, numbers only, and anything (which takes the general path).
    @Test func distinctAgreesWithGeneralOverDrawnLists() throws {
        let f = try Fixture()
        let strings = try [8, 9, 10, 11, 12, 13, 21, 22, 23, 24, 25, 26, 27, 29].map { try f.pool($0) }
        let numbers = try [0, 1, 2, 3, 4, 5, 6, 7, 28].map { try f.pool($0) }
        let anything = try (0..<30).map { try f.pool($0) } + computed.filter { !$0.isAbsentForTest }
        var seed: UInt64 = 0xD15_71C7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var compared = 0
        f.evaluator.withDossier(f.document) {
            for round in 0..<600 {
                let from = [strings, numbers, anything][round % 3]
                let length = next(70)
                let xs = (0..<length).map { _ in from[next(from.count)] }
                #expect(f.evaluator.distinctIndices(xs) == f.evaluator.distinctIndicesGeneral(xs), "\(xs)")
                compared += 1
            }
        }
        #expect(compared == 600)
    }

    /// What the fast paths keep, by hand: NFC and NFD text are one, numbers
    /// by value (-0 is 0), integers beyond 2^53 by their digits; short and
    /// long (hashed) lists alike.
    @Test(arguments: [1, 3]) func distinctFastPathsKeep(_ copies: Int) throws {
        let f = try Fixture()
        func keep(_ pool: [Int]) throws -> [Int32] {
            let xs = try (0..<copies).flatMap { _ in try pool.map { try f.pool($0) } }
            return f.evaluator.withDossier(f.document) { f.evaluator.distinctIndices(xs) }
        }
        // "x", "Cần Thơ" (NFC), the same in NFD, "", A + ring, U+00C5.
        #expect(try keep([8, 9, 10, 21, 23, 24, 8, 21]) == [0, 1, 3, 4])
        // 1, 1.0, 1e0, 2, -0, 0, 2^53 + 1, 2^53, 12.5: six values.
        let numbers = try keep([0, 1, 2, 3, 4, 5, 6, 7, 28, 7, 6])
        #expect(numbers == [0, 3, 4, 6, 7, 8])
    }

    /// The fast path's claim: every scalar it hashes as it is is its own NFC
    /// form, alone and after a letter.
    @Test func certainlyNFCRangesAreNFC() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x2FF, 0x1E80...0x1EFF, 0x2002...0x203F]
        for r in ranges {
            for v in r {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let s = String(Character(scalar))
                var bytes = Array(s.utf8)
                let claimed = bytes.withUnsafeBufferPointer { isCertainlyNFC($0) }
                #expect(claimed, "U+\(String(v, radix: 16))")
                #expect(Array(s.precomposedStringWithCanonicalMapping.utf8) == bytes, "U+\(String(v, radix: 16)) alone")
                let after = "a" + s
                #expect(Array(after.precomposedStringWithCanonicalMapping.utf8) == Array(after.utf8), "U+\(String(v, radix: 16)) after a")
                bytes.removeAll()
            }
        }
        // A combining mark, a singleton and another script are normalized first.
        for s in ["a\u{301}", "\u{212B}", "\u{2126}", "\u{1F71}", "\u{2000}", "한국"] {
            var b = Array(s.utf8)
            #expect(!b.withUnsafeBufferPointer { isCertainlyNFC($0) }, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            b.removeAll()
        }
    }

    // MARK: Through rules: long lists, probed in quantifiers

    /// `items` with `n` codes `C0`…, each `ref` naming another item (`C{k+1}`, the last one `missing`).
    static func items(_ n: Int, lastRef: String = "\"C0\"", extra: String = "") -> String {
        let xs = (0..<n).map { k in "{\"code\": \"C\(k)\", \"ref\": \(k == n - 1 ? lastRef : "\"C\(k + 1)\""), \"n\": \(k)\(extra)}" }
        return "{\"items\": [" + xs.joined(separator: ", ") + "]}"
    }

    static let prelude = "schema {\n  items: [{ code?: string, ref?: string, n: number }]\n}\nlet codes = items[*].code"

    static let throughRules: [EvalCase] = [
        EvalCase(name: "every ref names a code (a let, 40 items)", prelude: prelude,
                 rule: "require all(x in items: x.ref in codes)", dossier: items(40), outcome: .pass),
        EvalCase(name: "every ref names a code (a projection in the quantifier)", prelude: prelude,
                 rule: "require all(x in items: x.ref in items[*].code)", dossier: items(40), outcome: .pass),
        EvalCase(name: "contains over the projection", prelude: prelude,
                 rule: "require all(x in items: contains(items[*].code, x.ref))", dossier: items(40), outcome: .pass),
        EvalCase(name: "a ref naming no code fails at it", prelude: prelude,
                 rule: "require all(x in items: x.ref in codes)", dossier: items(40, lastRef: "\"C99\""),
                 outcome: .fail, findings: ["violation /items/39/ref"]),
        EvalCase(name: "not in over a long list", prelude: prelude,
                 rule: "require none(x in items: x.ref not in items[*].code)", dossier: items(40), outcome: .pass),
        EvalCase(name: "a code missing from one item: a ref not found is unknown, never a pass", prelude: prelude,
                 rule: "require all(x in items: x.ref not in codes)",
                 dossier: items(20, lastRef: "\"Z\"").replacingOccurrences(of: "\"code\": \"C7\", ", with: ""),
                 outcome: .fail, findings: ["violation /items/0/ref"]),
        EvalCase(name: "only the unknown element could match: missing, naming it", prelude: prelude,
                 rule: "require \"C7\" not in codes", dossier: items(20).replacingOccurrences(of: "\"code\": \"C7\", ", with: ""),
                 outcome: .missing, findings: ["missing /items/7"], missing: ["/items/7/code"]),
        EvalCase(name: "numbers written differently are equal", prelude: prelude,
                 rule: "require all(x in items: x.n in [0, 1.0, 2e0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])",
                 dossier: items(20), outcome: .pass),
        EvalCase(name: "a number looked for among strings is invalid", prelude: prelude,
                 rule: "require all(x in items: x.n in codes)", dossier: items(20), outcome: .fail, findings: ["invalid /items/0/n"]),
        EvalCase(name: "contains with a number among strings is invalid", prelude: prelude,
                 rule: "require all(x in items: contains(codes, x.n))", dossier: items(20), outcome: .fail, findings: ["invalid /items/0/n"]),
    ]

    @Test(arguments: throughRules) func throughRule(_ c: EvalCase) throws { try run(c) }
}

/// `len` counts characters on the bytes for text whose scalars are each a
/// character: the count must be `String.count`, for every such scalar
/// between letters, and the rest must take the general path.
@Test func simpleCharacterCountIsStringCount() {
    let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x2FF, 0x1E80...0x1EFF, 0x2002...0x203F]
    for r in ranges {
        for v in r {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for s in ["a" + String(scalar) + "b", String(scalar) + String(scalar), "\n" + String(scalar)] {
                var bytes = Array(s.utf8)
                let fast = bytes.withUnsafeBufferPointer { simpleCharacterCount($0) }
                if let fast { #expect(fast == s.count, "U+\(String(v, radix: 16))") }
                bytes.removeAll()
            }
        }
    }
    for s in ["a\r\nb", "e\u{301}", "a\u{200D}b", "👍🏽", "한국", "Nhà máy xử lý nước thải – “Cần Thơ”"] {
        var bytes = Array(s.utf8)
        let fast = bytes.withUnsafeBufferPointer { simpleCharacterCount($0) }
        #expect(fast == nil || fast == s.count, "\(s)")
        bytes.removeAll()
    }
    var vietnamese = Array("Nhà máy xử lý nước thải – “Cần Thơ”".utf8)
    #expect(vietnamese.withUnsafeBufferPointer { simpleCharacterCount($0) } == 35)
    vietnamese.removeAll()
}

/// `distinct` never counts absent codes as distinct ones: a list whose
/// elements are not there gives unknown, not a pass (found by the peer
/// comparison: `count(distinct(ls[*].c)) == count(ls)` passed on `[{}, {}]`).
@Suite struct DistinctOverAbsentValuesTests {
    static let prelude = "schema {\n  ls: [{ c?: string }]\n}"
    static let rule = "require count(distinct(ls[*].c)) == count(ls)"
    static let cases: [EvalCase] = [
        EvalCase(name: "distinct codes: pass", prelude: prelude, rule: rule,
                 dossier: "{\"ls\": [{\"c\": \"A\"}, {\"c\": \"B\"}]}", outcome: .pass),
        EvalCase(name: "a repeated code: fail", prelude: prelude, rule: rule,
                 dossier: "{\"ls\": [{\"c\": \"A\"}, {\"c\": \"A\"}]}", outcome: .fail, findings: ["violation /ls"]),
        EvalCase(name: "no codes at all: missing, never a pass", prelude: prelude, rule: rule,
                 dossier: "{\"ls\": [{}, {}]}", outcome: .missing, findings: ["missing /ls/0"]),
        EvalCase(name: "one code absent: missing", prelude: prelude, rule: rule,
                 dossier: "{\"ls\": [{\"c\": \"A\"}, {}]}", outcome: .missing, findings: ["missing /ls/1"]),
    ]

    @Test(arguments: cases) func distinctCase(_ c: EvalCase) throws { try run(c) }
}

extension Value {
    /// Missing or invalid (what `distinct` never receives).
    fileprivate var isAbsentForTest: Bool {
        switch self {
        case .missing, .invalid: true
        default: false
        }
    }
}
