import Diagnostics
import Foundation
import Syntax

/// The `.rules` files of a ruleset, read and parsed.
public struct ParsedRuleset: Sendable {
    /// The ruleset's source files.
    public var files: SourceMap
    /// The parsed files, in the order read.
    public var parsed: [RulesFile]
    /// The parse diagnostics, file by file, each in source order.
    public var diagnostics: [Diagnostic]
}

/// Finding and reading the files of a ruleset.
public enum RulesetFiles {
    /// The `.rules` files a path names: the file itself, or every `.rules`
    /// file below a folder, sorted by path so runs are reproducible.
    public static func list(_ path: String) throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(message: "no such file or folder: `\(path)`")
        }
        if !isDirectory.boolValue { return [path] }
        guard let e = FileManager.default.enumerator(atPath: path) else {
            throw LoadError(message: "cannot read the folder `\(path)`")
        }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".rules") { out.append(path.hasSuffix("/") ? path + rel : path + "/" + rel) }
        }
        if out.isEmpty { throw LoadError(message: "no `.rules` files in `\(path)`") }
        return out.sorted()
    }

    /// Reads and parses every file of the ruleset(s) at `paths`.
    public static func parse(paths: [String]) throws(LoadError) -> ParsedRuleset {
        var files = SourceMap()
        var parsed: [RulesFile] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            for f in try list(path) {
                guard let data = FileManager.default.contents(atPath: f) else {
                    throw LoadError(message: "cannot read `\(f)`")
                }
                let source = files.add(path: f, bytes: [UInt8](data))
                let (file, ds) = Parser.parse(source)
                parsed.append(file)
                diagnostics += ds
            }
        }
        return ParsedRuleset(files: files, parsed: parsed, diagnostics: diagnostics)
    }

    /// Parses in-memory sources (tests, `given` snippets).
    public static func parse(sources: [(path: String, text: String)]) -> ParsedRuleset {
        var files = SourceMap()
        var parsed: [RulesFile] = []
        var diagnostics: [Diagnostic] = []
        for (path, text) in sources {
            let source = files.add(path: path, bytes: Array(text.utf8))
            let (file, ds) = Parser.parse(source)
            parsed.append(file)
            diagnostics += ds
        }
        return ParsedRuleset(files: files, parsed: parsed, diagnostics: diagnostics)
    }
}

/// A ruleset path that cannot be read (not a diagnostic inside a file).
public struct LoadError: Error, Sendable {
    /// What went wrong, in one line.
    public var message: String
    /// Creates an error with its message.
    public init(message: String) { self.message = message }
}
