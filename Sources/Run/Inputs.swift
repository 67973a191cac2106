import Diagnostics
import Foundation
import JSON

/// One dossier to check: a file, a line of an NDJSON stream, or a whole
/// stream holding one document (a pretty-printed dossier on standard input).
package enum DossierInput: Sendable {
    case file(path: String)
    case record(NDJSONRecord, streamName: String)
    /// A stream read whole as one dossier, named `name` (`<stdin>`).
    case document(bytes: [UInt8], name: String)
    /// A path that names nothing readable (reported as an unreadable dossier).
    case unreadable(path: String, message: LocalizedText)

    /// The name to report the dossier under: its path, or `stream:line` for a record.
    package var displayPath: String {
        switch self {
        case .file(let p): p
        case .record(let r, let name): "\(name):\(r.line)"
        case .document(_, let name): name
        case .unreadable(let p, _): p
        }
    }
}

/// The config file's name (`tuanthu.json`): found in a checked folder, it is
/// noted and not checked as a dossier.
package let configFileName = "tuanthu.json"

/// Expands command-line paths: files as given, folders into their `*.json`
/// files (recursively, sorted, hidden entries skipped). A path that does not
/// exist becomes an unreadable input, so the batch goes on.
package func expandDossierPaths(_ paths: [String]) -> [DossierInput] {
    var notices: [LocalizedText] = []
    return expandDossierPaths(paths, notices: &notices)
}

/// The same, with a notice for each folder skipped because it was already
/// walked (a symlink loop, or a second link to one folder).
///
/// Nothing is skipped silently: the extension is matched without regard to
/// case (`.json`, `.JSON`, `.Json`); symlinked folders are followed, each
/// real folder walked once (its device and inode remembered), so a loop
/// ends; a name that is not UTF-8, a dangling link and an unreadable folder
/// each become an unreadable input, named with its bytes escaped.
package func expandDossierPaths(_ paths: [String], notices: inout [LocalizedText]) -> [DossierInput] {
    var out: [DossierInput] = []
    for path in paths {
        var st = stat()
        guard stat(path, &st) == 0 else {
            var lst = stat()
            // A name given on the command line arrives decoded, invalid bytes as U+FFFD:
            // say so rather than leave "no such file" unexplained.
            let why = lstat(path, &lst) == 0 ? CommandMessage.danglingLink
                : path.unicodeScalars.contains("\u{FFFD}") ? .noSuchFileBadName
                : .noSuchFile
            out.append(.unreadable(path: path, message: localize(why)))
            continue
        }
        if (st.st_mode & S_IFMT) != S_IFDIR {
            out.append(.file(path: path))
            continue
        }
        var found: [DossierInput] = []
        var visited = Set<[UInt64]>()
        walkFolder(path.hasSuffix("/") ? String(path.dropLast()) : path, &found, &visited, &notices)
        out += found.sorted { $0.displayPath < $1.displayPath }
    }
    return out
}

/// Adds the dossiers under folder `dir` to `found`, depth first.
private func walkFolder(_ dir: String, _ found: inout [DossierInput], _ visited: inout Set<[UInt64]>, _ notices: inout [LocalizedText]) {
    var st = stat()
    guard stat(dir, &st) == 0 else {
        found.append(.unreadable(path: dir, message: localize(CommandMessage.cannotReadFolder, ["why": .localized(systemErrorText(errno))])))
        return
    }
    guard visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else {
        notices.append(localize(CommandMessage.folderAlreadyChecked, ["path": .text(dir)]))
        return
    }
    guard let handle = opendir(dir) else {
        found.append(.unreadable(path: dir, message: localize(CommandMessage.cannotReadFolder, ["why": .localized(systemErrorText(errno))])))
        return
    }
    defer { closedir(handle) }
    var names: [[UInt8]] = []
    while let entry = readdir(handle) {
        let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            Array(raw.prefix { $0 != 0 })
        }
        // Hidden entries (and `.`, `..`) are skipped, as before; temporary report files are hidden too.
        if name.first == UInt8(ascii: ".") { continue }
        names.append(name)
    }
    // In byte order, so that notices come in the same order on every system.
    names.sort { $0.lexicographicallyPrecedes($1) }
    for name in names {
        guard let text = String(validating: name, as: UTF8.self) else {
            let shown = dir + "/" + escapedFileName(name)
            found.append(.unreadable(path: shown, message: localize(CommandMessage.fileNameNotUTF8)))
            continue
        }
        let full = dir + "/" + text
        var est = stat()
        if stat(full, &est) != 0 {
            // A dangling link named like a dossier is reported, not skipped.
            if text.lowercased().hasSuffix(".json") {
                found.append(.unreadable(path: full, message: localize(CommandMessage.danglingLink)))
            }
            continue
        }
        if (est.st_mode & S_IFMT) == S_IFDIR {
            walkFolder(full, &found, &visited, &notices)
        } else if text == configFileName {
            // The settings of a project kept beside its dossiers: said, not checked.
            notices.append(localize(CommandMessage.configFileNotDossier, ["path": .text(full)]))
        } else if text.lowercased().hasSuffix(".json") {
            found.append(.file(path: full))
        }
    }
}

/// A file name's bytes for a message: UTF-8 as is, every other byte as `\x{FF}`.
func escapedFileName(_ bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
        // The longest valid UTF-8 sequence starting here, if any.
        var decoded: String? = nil
        for len in 1...4 where i + len <= bytes.count {
            if let s = String(validating: bytes[i..<(i + len)], as: UTF8.self) {
                decoded = s
                i += len
                break
            }
        }
        if let d = decoded {
            out += d
        } else {
            out += "\\x{" + String(bytes[i], radix: 16, uppercase: true) + "}"
            i += 1
        }
    }
    return out
}

