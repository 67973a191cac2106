import Diagnostics
import Format
import Foundation
import Syntax
import Testing

// Golden files for `tuanthu fmt`: Tests/Fixtures/fmt/<case>.input.rules is
// formatted and compared byte for byte with <case>.expected.rules.
// `UPDATE_GOLDEN=1 swift test` rewrites the expected files; review the diff.
// Every `.rules` file of the repository is also checked for idempotence,
// comment preservation and unchanged meaning.

/// Files the formatter tests read.
enum FormatFixtures {
    /// The package root, from this file's path (Tests/TuanThuTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenFolder = root.appendingPathComponent("Tests/Fixtures/fmt")

    /// Names of the golden cases (`<case>.input.rules`), sorted.
    static let goldenCases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".input.rules") }.map { String($0.dropLast(".input.rules".count)) }.sorted()
    }()

    /// Every `.rules` file under `Rules/` and `Tests/Fixtures/`, relative to the root.
    static let allRulesFiles: [String] = {
        var out: [String] = []
        for folder in ["Rules", "Tests/Fixtures"] {
            let base = root.appendingPathComponent(folder)
            guard let e = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let rel = e.nextObject() as? String {
                if rel.hasSuffix(".rules") { out.append(folder + "/" + rel) }
            }
        }
        return out.sorted()
    }()

    static func read(_ relativePath: String) throws -> String {
        // Invalid UTF-8 is repaired: such fixtures must be refused, not crash the test.
        String(decoding: try Data(contentsOf: root.appendingPathComponent(relativePath)), as: UTF8.self)
    }

    static func format(_ text: String, path: String = "<test>") throws -> String {
        let result = RulesFormatter.format(text, path: path)
        var files = SourceMap()
        files.add(path: path, bytes: Array(text.utf8))
        return try #require(result.text, "refused: \(DiagnosticRenderer().render(result.diagnostics, files: files))")
    }

    static func parses(_ text: String) -> Bool {
        var files = SourceMap()
        let (_, diagnostics) = Parser.parse(files.add(path: "<test>", bytes: Array(text.utf8)))
        return !diagnostics.contains { $0.severity == .error }
    }
}

@Suite("fmt golden files")
struct FormatGoldenTests {
    @Test("there are golden cases")
    func casesExist() {
        #expect(FormatFixtures.goldenCases.count >= 8)
    }

    @Test("input formats to expected", arguments: FormatFixtures.goldenCases)
    func golden(name: String) throws {
        let input = try FormatFixtures.read("Tests/Fixtures/fmt/\(name).input.rules")
        let output = try FormatFixtures.format(input, path: "\(name).input.rules")
        let expectedURL = FormatFixtures.goldenFolder.appendingPathComponent("\(name).expected.rules")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: expectedURL)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(
            Array(output.utf8) == Array(expected.utf8),
            "\(LineDiff.unified(old: expected, new: output, path: "\(name).expected.rules", maxHunks: 10))")
    }

    @Test("expected files are already formatted", arguments: FormatFixtures.goldenCases)
    func expectedIsFixedPoint(name: String) throws {
        let url = FormatFixtures.goldenFolder.appendingPathComponent("\(name).expected.rules")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let again = try FormatFixtures.format(expected)
        #expect(again == expected, "\(LineDiff.unified(old: expected, new: again, path: name))")
    }
}

@Suite("fmt over every .rules file")
struct FormatRepositoryTests {
    @Test("idempotent, keeps every comment, keeps the meaning", arguments: FormatFixtures.allRulesFiles)
    func roundTrip(path: String) throws {
        let input = try FormatFixtures.read(path)
        guard FormatFixtures.parses(input) else {
            // Fixtures of syntax errors: the formatter must refuse them.
            #expect(RulesFormatter.format(input).text == nil)
            return
        }
        let once = try FormatFixtures.format(input, path: path)
        let twice = try FormatFixtures.format(once, path: path)
        #expect(once == twice, "\(LineDiff.unified(old: once, new: twice, path: path, maxHunks: 10))")
        #expect(commentTexts(input) == commentTexts(once))
        #expect(meaning(input) == meaning(once))
    }
}

// MARK: - Helpers shared by the formatter tests

/// The comments of a text, as the formatter writes them, sorted: equal
/// lists mean every comment appears exactly as often as in the source.
func commentTexts(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var lexer = Lexer(bytes: bytes)
    while lexer.next().kind != .endOfFile {}
    return lexer.comments.map { c in
        var s = String(decoding: bytes[Int(c.start)..<Int(c.end)], as: UTF8.self)
        s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if c.kind != .block { while s.last == " " || s.last == "\t" || s.last == "\n" { s.removeLast() } }
        return s
    }.sorted()
}

/// A dump of the syntax tree without positions, a rule's metas in the
/// formatter's order: equal dumps mean formatting kept the meaning.
func meaning(_ text: String) -> String {
    var files = SourceMap()
    var (file, _) = Parser.parse(files.add(path: "<test>", bytes: Array(text.utf8)))
    func rank(_ m: RuleMeta) -> Int {
        switch m.kind {
        case .title: 0
        case .cite: 1
        case .severity: 2
        case .tags: 3
        case .effective: 4
        case .hint: 5
        case .allow: 6
        }
    }
    for (i, d) in file.decls.enumerated() {
        if case .rule(var r) = d {
            r.metas = r.metas.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
            file.decls[i] = .rule(r)
        }
    }
    var out = ""
    dumpTree(file.decls, into: &out, depth: 0)
    return out
}

private func dumpTree(_ value: Any, into out: inout String, depth: Int) {
    if value is Span || value is FileID { return }
    let mirror = Mirror(reflecting: value)
    let pad = String(repeating: " ", count: depth)
    switch mirror.displayStyle {
    case .struct, .class, .tuple, .collection, .optional:
        if mirror.displayStyle == .optional && mirror.children.isEmpty {
            out += pad + "nil\n"
            return
        }
        out += pad + "\(mirror.displayStyle.map { "\($0)" } ?? "")\n"
        // Positions, and the `given` object's bytes as written (its layout), are not meaning.
        for child in mirror.children where child.label != "span" && child.label != "keySpan" && child.label != "givenJSON" {
            if let label = child.label { out += pad + " " + label + ":\n" }
            dumpTree(child.value, into: &out, depth: depth + 2)
        }
    case .enum:
        if let payload = mirror.children.first {
            out += pad + (payload.label ?? "?") + "\n"
            dumpTree(payload.value, into: &out, depth: depth + 2)
        } else {
            out += pad + "\(value)\n"
        }
    default:
        out += pad + "\(value)\n"
    }
}
