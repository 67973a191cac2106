import Diagnostics
import Digest
import FileIO
import Foundation
import Syntax

/// The `.rules` files of a ruleset, read and parsed.
package struct ParsedRuleset: Sendable {
    /// The ruleset's source files.
    package var files: SourceMap
    /// The parsed files, in the order read.
    package var parsed: [RulesFile]
    /// The parse diagnostics, file by file, each in source order.
    package var diagnostics: [Diagnostic]
    /// Each file's name relative to the ruleset path it was found under
    /// (its base name for a file given directly), for the content digest.
    package var relativeNames: [String] = []
}

/// The ruleset digest: SHA-256 over the files' contents and relative names
/// only, so any spelling of the path, and any copy, gives the same digest.
///
/// Layout: the files sorted by relative name (bytewise UTF-8, `/` between
/// folders); for each, the name's UTF-8 bytes, one 0x00 byte, the file's
/// length as 8 bytes big-endian, then the file's bytes.
package enum RulesetDigest {
    /// The digest as lowercase hex.
    package static func compute(_ files: [(name: String, bytes: [UInt8])]) -> String {
        var h = SHA256()
        for f in files.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
            h.update(Array(f.name.utf8))
            h.update([0])
            let n = UInt64(f.bytes.count)
            h.update((0..<8).map { UInt8(truncatingIfNeeded: n >> (56 - 8 * UInt64($0))) })
            h.update(f.bytes)
        }
        return h.finalizeHex()
    }
}

/// Finding and reading the files of a ruleset.
package enum RulesetFiles {
    /// The `.rules` files a path names: the file itself, or every `.rules`
    /// file below a folder, sorted by path so runs are reproducible.
    package static func list(_ path: String) throws(LoadError) -> [String] {
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

    /// The name of file `file` (as `list(path)` gave it) relative to `path`:
    /// `item-2.rules`, `sub/x.rules`; the base name when `path` is the file.
    package static func relativeName(_ file: String, under path: String) -> String {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return file != path && file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : (file as NSString).lastPathComponent
    }

    /// Reads and parses every file of the ruleset(s) at `paths`.
    package static func parse(paths: [String]) throws(LoadError) -> ParsedRuleset {
        var files = SourceMap()
        var parsed: [RulesFile] = []
        var diagnostics: [Diagnostic] = []
        var names: [String] = []
        for path in paths {
            for f in try list(path) {
                guard let data = readWholeFile(f) else {
                    throw LoadError(message: "cannot read `\(f)`")
                }
                names.append(relativeName(f, under: path))
                let source = files.add(path: f, bytes: data)
                let (file, ds) = Parser.parse(source)
                parsed.append(file)
                diagnostics += ds
            }
        }
        return ParsedRuleset(files: files, parsed: parsed, diagnostics: diagnostics, relativeNames: names)
    }

    /// Parses in-memory sources (tests, `given` snippets).
    package static func parse(sources: [(path: String, text: String)]) -> ParsedRuleset {
        var files = SourceMap()
        var parsed: [RulesFile] = []
        var diagnostics: [Diagnostic] = []
        for (path, text) in sources {
            let source = files.add(path: path, bytes: Array(text.utf8))
            let (file, ds) = Parser.parse(source)
            parsed.append(file)
            diagnostics += ds
        }
        return ParsedRuleset(files: files, parsed: parsed, diagnostics: diagnostics, relativeNames: sources.map(\.path))
    }
}

/// A ruleset path that cannot be read (not a diagnostic inside a file).
public struct LoadError: Error, Sendable {
    /// What went wrong, in one line.
    public var message: String
    /// Creates an error with its message.
    package init(message: String) { self.message = message }
}
