import Diagnostics
import Foundation
@testable import Syntax
import Testing

// Shared helpers for the Lexer*, Parser* and Syntax* tests, and the tests of
// the parser as a whole (several errors in one file, fixtures).

// MARK: - Parsing helpers

/// A parsed snippet with its file, for looking up the text under a span.
struct Parsed {
    var file: RulesFile
    var diagnostics: [Diagnostic]
    var source: SourceFile
    var files: SourceMap

    /// The source text under the diagnostic's primary span.
    func underlined(_ d: Diagnostic) -> String { source.text(d.span) }

    /// `CODE message «underlined»` per diagnostic, for readable failures.
    var summary: [String] {
        diagnostics.map { "\($0.code) \($0.message) «\(underlined($0))»" }
    }
}

func parse(_ text: String, path: String = "test.rules") -> Parsed {
    parse(bytes: Array(text.utf8), path: path)
}

func parse(bytes: [UInt8], path: String = "test.rules") -> Parsed {
    var files = SourceMap()
    let source = files.add(path: path, bytes: bytes)
    let (file, diagnostics) = Parser.parse(source)
    return Parsed(file: file, diagnostics: diagnostics, source: source, files: files)
}

/// Strips one `«CODE»` marker; returns the text and the marker's byte offset.
func stripMarker(_ text: String) -> (text: String, offset: Int?, code: String?) {
    guard let open = text.range(of: "«"), let close = text.range(of: "»", range: open.upperBound..<text.endIndex) else {
        return (text, nil, nil)
    }
    let code = String(text[open.upperBound..<close.lowerBound])
    let before = String(text[text.startIndex..<open.lowerBound])
    let stripped = before + String(text[close.upperBound...])
    return (stripped, before.utf8.count, code)
}

/// The folder of test fixtures.
let fixturesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

// MARK: - Tree printing

/// An S-expression for an expression, so tests assert the tree's shape.
func sexpr(_ e: Expr) -> String {
    switch e.kind {
    case .number(_, let text): return text
    case .string(let s): return sexpr(s)
    case .date(let d): return "#\(d)"
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .name(let n): return n
    case .member(let base, let name): return "(. \(sexpr(base)) \(name.text))"
    case .index(let base, let i): return "([] \(sexpr(base)) \(sexpr(i)))"
    case .project(let base): return "([*] \(sexpr(base)))"
    case .call(let f, let args): return "(call \(f.text)\(args.map { " " + sexpr($0) }.joined()))"
    case .quantifier(let q, let v, let xs, let body): return "(\(q.rawValue) \(v.text) \(sexpr(xs)) \(sexpr(body)))"
    case .unary(let op, let x): return "(\(op == .negate ? "neg" : "not") \(sexpr(x)))"
    case .binary(let op, let a, let b): return "(\(op.rawValue) \(sexpr(a)) \(sexpr(b)))"
    case .list(let xs): return "(list\(xs.map { " " + sexpr($0) }.joined()))"
    case .object(let entries): return "(object\(entries.map { " (\"\($0.key)\" \(sexpr($0.value)))" }.joined()))"
    case .paren(let x): return "(paren \(sexpr(x)))"
    case .conditional(let c, let a, let b): return "(if \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
    case .comprehension(let c):
        return "(\(c.isBracketed ? "for[]" : "for") \(sexpr(c.element)) \(c.variable.text) \(sexpr(c.collection))\(c.filter.map { " " + sexpr($0) } ?? ""))"
    case .bad: return "BAD"
    }
}

func sexpr(_ s: StringLiteral) -> String {
    if s.isRaw { return "(raw \(quoted(s.plainText ?? "")))" }
    if let t = s.plainText { return quoted(t) }
    let parts = s.parts.map { p -> String in
        switch p {
        case .text(let t): quoted(t)
        case .interpolation(let e): "{\(sexpr(e))}"
        }
    }
    return "(str \(parts.joined(separator: " ")))"
}

/// A string literal as Swift would write it: `\\ \" \n \t \r`, other
/// control characters as `\u{XX}`.
func quoted(_ t: String) -> String {
    var out = "\""
    for u in t.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case _ where u.value < 0x20:
            let h = String(u.value, radix: 16, uppercase: true)
            out += "\\u{" + (h.count < 2 ? "0" : "") + h + "}"
        default: out.unicodeScalars.append(u)
        }
    }
    return out + "\""
}

/// Whether any part of the tree failed to parse (a `.bad` node or a broken rule).
func containsBad(_ f: RulesFile) -> Bool {
    func expr(_ e: Expr) -> Bool {
        switch e.kind {
        case .bad: return true
        case .number, .date, .bool, .null, .name: return false
        case .string(let s): return string(s)
        case .member(let b, _), .project(let b), .paren(let b), .unary(_, let b): return expr(b)
        case .index(let a, let b), .binary(_, let a, let b), .quantifier(_, _, let a, let b): return expr(a) || expr(b)
        case .call(_, let xs), .list(let xs): return xs.contains(where: expr)
        case .object(let es): return es.contains { expr($0.value) }
        case .conditional(let a, let b, let c): return expr(a) || expr(b) || expr(c)
        case .comprehension(let c): return expr(c.element) || expr(c.collection) || (c.filter.map(expr) ?? false)
        }
    }
    func string(_ s: StringLiteral) -> Bool {
        s.parts.contains { if case .interpolation(let e) = $0 { expr(e) } else { false } }
    }
    func type(_ t: TypeExpr) -> Bool {
        switch t.kind {
        case .bad: return true
        case .list(let e): return type(e)
        case .object(let fs): return fs.contains { type($0.type) }
        default: return false
        }
    }
    func statements(_ ss: [Statement]) -> Bool {
        ss.contains { s in
            switch s {
            case .require(let r): expr(r.condition) || r.messages.contains { string($0.text) }
            case .forEach(let f): expr(f.collection) || (f.filter.map(expr) ?? false) || statements(f.body)
            }
        }
    }
    return f.decls.contains { d in
        switch d {
        case .bad: true
        case .let(let l): expr(l.value)
        case .def(let d): expr(d.body)
        case .schema(let s): s.fields.contains { type($0.type) }
        case .rule(let r): r.isBroken || (r.when.map(expr) ?? false) || statements(r.body)
        case .test(let t): if case .object(let e)? = t.given { expr(e) } else { false }
        case .ruleset, .source: false
        }
    }
}

// MARK: - Whole-file behaviour

@Suite struct SyntaxFileTests {
    @Test func theLanguageReferenceExampleParsesCleanly() throws {
        let text = try String(contentsOf: fixturesURL.appendingPathComponent("rules/example.rules"), encoding: .utf8)
        let p = parse(text)
        #expect(p.summary == [])
        #expect(!containsBad(p.file))
        let kinds = p.file.decls.map { d -> String in
            switch d {
            case .ruleset: "ruleset"
            case .source: "source"
            case .schema: "schema"
            case .let: "let"
            case .def: "def"
            case .rule(let r): "rule \(r.id.text)"
            case .test: "test"
            case .bad: "bad"
            }
        }
        #expect(kinds == ["ruleset", "source", "let", "rule KL81-2-PLAN-01", "rule KL81-3.5-WW-01", "test"])
        guard case .rule(let r) = p.file.decls[3] else { return }
        #expect(r.doc == ["Item 2 makes environment and climate an indispensable criterion of every project."])
    }

    @Test func fiveErrorsInFiveRulesAreAllReportedInOrder() {
        let text = """
            rule A-1 {
              severity eror
              require x > 1
            }

            rule A-2 {
              require x >
            }

            rule A-3 {
              titel "Misspelt"
              require x
            }
            rule A-4 {
              require count(x in xs x > 1)
            }
            rule A-5 {
              for each x xs {
                require x
              }
            }
            rule A-6 {
              require fine
            }

            """
        let p = parse(text)
        #expect(p.diagnostics.map(\.code.rawValue) == ["E1019", "E1012", "E1013", "E1017", "E1010"])
        #expect(p.diagnostics.map { p.underlined($0) } == ["eror", "}", "titel", "x", "xs"])
        let lines = p.diagnostics.map { p.source.location(of: $0.span.start).line }
        #expect(lines == [2, 8, 11, 15, 18])
        // Every rule is still known by its id, broken or not.
        let ids = p.file.decls.compactMap { d -> String? in if case .rule(let r) = d { r.id.text } else { nil } }
        #expect(ids == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"])
    }
}
