import Format
import Foundation
import Syntax
import Testing

// A comment dropped in before every token of every golden input, one at a
// time (the three kinds of comment in turn, to keep the run short): wherever
// it is, formatting must keep it (once), keep the meaning, and be idempotent.

@Suite("fmt keeps comments anywhere")
struct FormatCommentStressTests {
    @Test("a comment before any token", arguments: FormatFixtures.goldenCases)
    func commentBeforeEveryToken(name: String) throws {
        let input = try FormatFixtures.read("Tests/Fixtures/fmt/\(name).input.rules")
        let bytes = Array(input.utf8)
        var lexer = Lexer(bytes: bytes)
        var starts: [Int] = []
        while true {
            let t = lexer.next()
            starts.append(Int(t.start))
            if t.kind == .endOfFile { break }
        }
        // A comment changes no meaning (except one that cuts a rule from its
        // `///` description), so a variant nearly always means what the input does.
        let inputMeaning = meaning(input)
        var failures: [String] = []
        for (k, start) in starts.enumerated() {
            do {
                let comment = ["/* c\(k) */ ", "// c\(k)\n", "\n/* c\(k)\n*/\n"][k % 3]
                let variant = String(decoding: bytes[..<start] + Array(comment.utf8) + bytes[start...], as: UTF8.self)
                guard FormatFixtures.parses(variant) else { continue }
                guard let once = RulesFormatter.format(variant).text, let twice = RulesFormatter.format(once).text else {
                    failures.append("refused after formatting: \(comment.debugDescription) at \(start)")
                    continue
                }
                if once != twice { failures.append("not idempotent: \(comment.debugDescription) at \(start)\n\(LineDiff.unified(old: once, new: twice, path: name))") }
                if commentTexts(variant) != commentTexts(once) { failures.append("comments changed: \(comment.debugDescription) at \(start)") }
                if meaning(once) != inputMeaning && meaning(once) != meaning(variant) { failures.append("meaning changed: \(comment.debugDescription) at \(start)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3).joined(separator: "\n\n"))")
    }
}

@Suite("fmt ignores the input's layout")
struct FormatLayoutIndependenceTests {
    /// The text with every blank run between two tokens (comments left
    /// alone, with the blanks around them) replaced by `separator`.
    private func relaid(_ text: String, separator: String) -> String {
        let bytes = Array(text.utf8)
        var lexer = Lexer(bytes: bytes)
        var tokens: [Token] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .endOfFile { break }
        }
        let comments = lexer.comments
        var out: [UInt8] = []
        var previousEnd = 0
        for t in tokens {
            let gap = previousEnd..<Int(t.start)
            let hasComment = comments.contains { gap.contains(Int($0.start)) }
            if hasComment || gap.isEmpty || previousEnd == 0 {
                out += bytes[gap]
            } else {
                out += Array(separator.utf8)
            }
            out += bytes[Int(t.start)..<Int(t.end)]
            previousEnd = Int(t.end)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a token per line or all on one line: same output", arguments: FormatFixtures.goldenCases)
    func sameOutput(name: String) throws {
        let input = try FormatFixtures.read("Tests/Fixtures/fmt/\(name).input.rules")
        let tall = relaid(input, separator: "\n    ")
        let wide = relaid(input, separator: " ")
        try #require(FormatFixtures.parses(tall) && FormatFixtures.parses(wide))
        let fromTall = try FormatFixtures.format(tall)
        let fromWide = try FormatFixtures.format(wide)
        #expect(fromTall == fromWide, "\(LineDiff.unified(old: fromWide, new: fromTall, path: name, maxHunks: 5))")
        #expect(try FormatFixtures.format(fromTall) == fromTall)
    }
}
