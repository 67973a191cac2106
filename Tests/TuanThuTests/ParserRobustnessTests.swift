import Foundation
@testable import Syntax
import Testing

/// Inputs nested far deeper than `Parser.maxDepth`: an E1015 error, never a
/// stack overflow.
let deepInputs: [(String, String)] = {
    let n = 10_000
    return [
        ("parentheses", "let x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)),
        ("unclosed parentheses", "let x = " + String(repeating: "(", count: n)),
        ("not", "let x = " + String(repeating: "not ", count: n) + "a"),
        ("minus", "let x = " + String(repeating: "- ", count: n) + "1"),
        ("minus without spaces", "let x = " + String(repeating: "-", count: n) + "1"),
        ("lists", "let x = " + String(repeating: "[", count: n) + String(repeating: "]", count: n)),
        ("objects", "let x = " + String(repeating: "{\"a\": ", count: n) + "1" + String(repeating: "}", count: n)),
        ("coalesce", "let x = " + String(repeating: "a ?? ", count: n) + "b"),
        ("indexes", "let x = a" + String(repeating: "[", count: n)),
        ("calls", "let x = " + String(repeating: "f(", count: n)),
        ("quantifiers", "let x = " + String(repeating: "all(x in xs: ", count: n)),
        ("list types", "schema { a: " + String(repeating: "[", count: n) + "string" + String(repeating: "]", count: n) + " }"),
        ("object types", "schema { " + String(repeating: "a: { ", count: n) + " }"),
        ("for each", "rule A { " + String(repeating: "for each x in xs { ", count: n) + " }"),
        ("interpolations", "let x = " + String(repeating: "\"{", count: n) + "1" + String(repeating: "}\"", count: n)),
        ("given", "test \"t\" { given " + String(repeating: "{\"a\": [", count: n) + " }"),
    ]
}()

@Suite struct ParserRobustnessTests {
    @Test(arguments: deepInputs)
    func deepNestingIsAnError(_ name: String, _ source: String) {
        let p = parse(source)
        #expect(p.diagnostics.map(\.code.rawValue).contains("E1015"), "\(name): \(p.summary.prefix(3))")
        #expect(p.diagnostics.count <= 3, "\(name): \(p.summary.prefix(5))")
        for d in p.diagnostics { #expect(Int(d.span.end) <= p.source.bytes.count) }
    }

    @Test func nestingJustUnderTheLimitIsFine() {
        let n = Parser.maxDepth - 2
        let p = parse("let x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n))
        #expect(p.summary == [])
    }

    @Test func longFlatInputsAreFine() {
        let n = 5_000
        // Lists and declarations are flat all the way down; chains and paths
        // deepen the tree, so they are fine up to their limits.
        let chains = [
            "let x = a" + String(repeating: ".b", count: Parser.maxPathSegments),
            "let x = a" + String(repeating: " + a", count: Parser.maxTreeDepth - 10),
            "let x = a" + String(repeating: " and a", count: Parser.maxTreeDepth - 10),
            "let x = [" + String(repeating: "1, ", count: n) + "]",
            "let x = a" + String(repeating: "[*]", count: Parser.maxPathSegments),
            String(repeating: "let x = 1\n", count: n),
        ]
        for c in chains { #expect(parse(c).summary == []) }
    }

    /// Past the limits, one located error each, never a stack overflow further on.
    @Test(arguments: [
        ("let x = a" + String(repeating: ".b", count: 5_000), "E1061"),
        ("let x = a" + String(repeating: "[*]", count: 5_000), "E1061"),
        ("let x = a" + String(repeating: " + a", count: 5_000), "E1060"),
        ("let x = a" + String(repeating: " and a", count: 5_000), "E1060"),
        ("let x = a" + String(repeating: " or a", count: 5_000), "E1060"),
        ("let x = a" + String(repeating: " * a", count: 5_000), "E1060"),
    ])
    func longChainsPastTheLimitAreOneError(_ source: String, _ code: String) {
        let p = parse(source)
        #expect(p.diagnostics.map(\.code.rawValue) == [code])
        #expect(p.diagnostics.allSatisfy { $0.help != nil && Int($0.span.end) <= p.source.bytes.count })
    }
}

// MARK: - Mutation

/// Makes broken variants of a valid file, byte- and token-wise.
struct Mutator {
    var rng: SplitMix64
    let tokens: [Range<Int>]

    static let punctuation: [[UInt8]] = ["{", "}", "(", ")", "[", "]", ",", ":", ".", "?", "??", "+", "-", "*", "/", "=", "==", "!", "<", ">=", "\"", "\\", "\n", "/*", "*/", "//", "{{", "}}", " ", "ệ", "\u{FEFF}", "\r\n", "not", "in", "rule", "rule X", "let", "each", "0", "2024-02-30", "1__0"].map { Array($0.utf8) }

    init(seed: UInt64, original: [UInt8]) {
        rng = SplitMix64(seed: seed)
        var lexer = Lexer(bytes: original)
        var ranges: [Range<Int>] = []
        while true {
            let t = lexer.next()
            if t.kind == .endOfFile { break }
            ranges.append(Int(t.start)..<Int(t.end))
        }
        tokens = ranges
    }

    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    /// One to three edits of `bytes` (or exactly `edits`).
    mutating func mutate(_ original: [UInt8], edits: Int? = nil) -> [UInt8] {
        var b = original
        for _ in 0..<(edits ?? 1 + int(3)) {
            if b.isEmpty { break }
            let i = int(b.count)
            switch int(9) {
            case 0: b.remove(at: i)
            case 1: b.insert(b[i], at: i)
            case 2: if i + 1 < b.count { b.swapAt(i, i + 1) }
            case 3: b.insert(contentsOf: Mutator.punctuation[int(Mutator.punctuation.count)], at: i)
            case 4: b.removeSubrange(i..<b.count)
            // Token edits use the original's token spans, while they still fit.
            case 5:
                let t = tokens[int(tokens.count)]
                if t.upperBound <= b.count { b.removeSubrange(t) }
            case 6:
                let t = tokens[int(tokens.count)]
                if t.upperBound <= b.count { b.insert(contentsOf: b[t], at: t.lowerBound) }
            case 7:
                let k = int(tokens.count - 1)
                let (x, y) = (tokens[k], tokens[k + 1])
                if y.upperBound <= b.count { b.replaceSubrange(x.lowerBound..<y.upperBound, with: Array(b[y]) + Array(b[x.upperBound..<y.lowerBound]) + Array(b[x])) }
            default:
                let t = tokens[int(tokens.count)]
                if t.upperBound <= b.count { b.insert(contentsOf: Array(b[t]), at: i) }
            }
        }
        return b
    }
}

/// The files the mutation test starts from.
let mutationSeeds = ["example.rules", "schema-and-functions.rules", "layout.rules"]

extension ParserRobustnessTests {
    @Test(arguments: mutationSeeds)
    func fixtureParsesCleanly(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("rules").appendingPathComponent(name)))
        let p = parse(bytes: bytes)
        #expect(p.summary == [])
        #expect(!containsBad(p.file))
    }

    @Test(arguments: mutationSeeds)
    func mutantsNeverCrashAndReportErrorsInsideTheFile(_ name: String) throws {
        let original = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("rules").appendingPathComponent(name)))
        var mutator = Mutator(seed: 0x7475_616E_7468_75 &+ UInt64(name.utf8.count), original: original)
        let variants = 1_000
        let started = Date()
        var clean = 0
        for k in 0..<variants {
            let bytes = mutator.mutate(original)
            let p = parse(bytes: bytes)
            let context = "\(name) variant \(k): \(String(decoding: bytes, as: UTF8.self).debugDescription.prefix(120))…"
            if p.diagnostics.isEmpty {
                clean += 1
                #expect(!containsBad(p.file), "\(context)")
            }
            #expect(p.diagnostics.count <= Parser.maxErrors + 1, "\(context)")
            var previous: UInt32 = 0
            var seen = Set<String>()
            for d in p.diagnostics {
                #expect(d.severity == .error)
                #expect(d.span.file == p.source.id && d.span.start <= d.span.end && Int(d.span.end) <= bytes.count, "\(context): \(d.message)")
                #expect(d.span.start >= previous, "\(context): diagnostics out of order")
                #expect(seen.insert("\(d.code) \(d.span.start)").inserted, "\(context): duplicate \(d.message)")
                for s in d.secondary { #expect(Int(s.span.end) <= bytes.count && s.span.start <= d.span.start) }
                previous = d.span.start
            }
            for decl in p.file.decls { #expect(Int(decl.span.end) <= bytes.count, "\(context)") }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 20, "\(variants) variants took \(seconds) s")
        // Most variants are broken; a few edits (in comments, strings) are not.
        #expect(clean < variants / 2)
    }
}

// MARK: - Token soup

/// Random sequences of the language's words and symbols: much further from
/// a valid file than the mutants, so recovery meets odd states.
let soupVocabulary: [String] = [
    "rule", "R-1", "let", "def", "test", "source", "schema", "ruleset", "title", "cite", "item", "severity", "error",
    "tags", "effective", "from", "until", "hint", "vi", "en", "when", "require", "else", "for", "each", "in", "where",
    "given", "file", "expect", "pass", "at", "and", "or", "not", "all", "any", "count", "none", "true", "null", "x",
    "x.y", "f", "string", "enum", "12", "0.5", "2024-07-09", "\"s\"", "\"{x}\"", "\"{\"", "\"a {b\"", "{", "}", "(", ")",
    "[", "]", "[*]", ",", ":", ".", "?", "??", "+", "-", "*", "/", "=", "==", "<", ">=", "!=", "\n", "\n", "\n", "//c\n",
    "/*", "*/", "///d\n", "ệ", "&", "\"",
]

extension ParserRobustnessTests {
    @Test func tokenSoupNeverCrashes() {
        var rng = SplitMix64(seed: 2024_07_09)
        for k in 0..<1_500 {
            let n = Int(rng.next() % 60)
            var text = ""
            for _ in 0..<n {
                text += soupVocabulary[Int(rng.next() % UInt64(soupVocabulary.count))]
                text += rng.next() % 4 == 0 ? "" : " "
            }
            let p = parse(text)
            let size = p.source.bytes.count
            if p.diagnostics.isEmpty { #expect(!containsBad(p.file), "soup \(k): \(text.debugDescription)") }
            for d in p.diagnostics {
                #expect(Int(d.span.end) <= size && d.span.start <= d.span.end, "soup \(k): \(text.debugDescription)")
            }
        }
    }
}
