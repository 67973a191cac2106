import Diagnostics
import FileIO
import Foundation
import JSON
import Run
import Semantics
import TuanThu

// The project config file, `tuanthu.json`: settings for any command's options,
// read with our own JSON parser so a mistake is shown at its line and column.
//
//     {
//       "lang": "en",
//       "check": {"rules": ["Rules/kl81-cantho"], "fail-on": "warning", "format": "sarif"},
//       "test": {"format": "junit"}
//     }
//
// A key is an option's long name without dashes. A top-level key that names a
// command holds that command's section; any other top-level key is shared by
// every command that has the option. A flag takes true or false, an option
// with a value a string or a number, a repeatable option a list (or one value).
// A command-line flag wins over the file, the command's section over the
// shared part. Paths are relative to the file's folder. The lookup starts in
// the working folder and goes up until it finds the file, passes the folder
// that holds `.git` (the repository's root), or reaches the filesystem root.
//
// Everything here works on the commands' declarations (`OptionSpec`), so an
// option a command adds is settable from the file without more code.

/// A config file that cannot be used, with every error found in it.
struct ConfigError: Error {
    /// The file as shown in messages.
    var path: String
    /// The errors, sorted by position.
    var diagnostics: [Diagnostic]
    /// The file, for rendering the diagnostics with its lines.
    var files: SourceMap

    /// One line for the end of the output.
    var summary: LocalizedText {
        if diagnostics.first?.code == "E4255" { return localize(CommandMessage.configSummaryUnreadable, ["path": .text(path)]) }
        let n = diagnostics.count
        return localize(n == 1 ? CommandMessage.configSummaryOne : .configSummary, ["path": .text(path), "n": .number(String(n))])
    }
}

/// One setting of a config file: a key and its value's node.
struct ConfigSetting {
    /// The key, e.g. `fail-on`.
    var key: String
    /// The key's node in the document.
    var keyNode: Int
    /// The value's node.
    var valueNode: Int
}

/// A loaded and validated config file.
struct ConfigFile {
    /// The file as shown in messages and in `--print-config` (`tuanthu.json`,
    /// `../tuanthu.json`, or as given to `--config`).
    var path: String
    /// The file's folder, prefixed to relative paths in it; empty for the working folder.
    var directory: String
    /// The parsed file.
    var document: JSONDocument
    /// The file's source, for line numbers.
    var source: SourceFile
    /// Settings for every command that has the option, in file order.
    var shared: [ConfigSetting]
    /// Per-command sections, by command name.
    var sections: [String: [ConfigSetting]]

    /// The config file that applies in `folder`: the first `tuanthu.json` in it
    /// or a folder above, not going past the folder that holds `.git` (file or
    /// folder: worktrees and submodules have a `.git` file) nor the root.
    /// Returns the path to show (relative, `../../tuanthu.json`) and its folder.
    static func locate(from folder: String) -> (path: String, directory: String)? {
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: folder).standardizedFileURL.path
        var up = 0
        while true {
            let candidate = (dir == "/" ? "" : dir) + "/" + configFileName
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                let prefix = String(repeating: "../", count: up)
                return (prefix + configFileName, up == 0 ? "" : String(prefix.dropLast()))
            }
            if fm.fileExists(atPath: (dir == "/" ? "" : dir) + "/.git") || dir == "/" { return nil }
            dir = (dir as NSString).deletingLastPathComponent
            up += 1
        }
    }

    /// Reads and validates the file at `path` (shown so), whose relative paths
    /// are relative to `directory`, against every command's options.
    static func load(path: String, directory: String, commands: [CommandSpec]) throws(ConfigError) -> ConfigFile {
        var files = SourceMap()
        let bytes: [UInt8]
        switch readFileBounded(path, maxBytes: 1 << 20) {
        case .success(let b): bytes = b
        case .failure(let e):
            throw ConfigError(path: path, diagnostics: [
                .error("E4255", localize(CommandMessage.configCannotRead, ["path": .text(path), "why": .localized(e.messageText)]), at: .none,
                       help: localize(CommandMessage.configCannotReadHelp)),
            ], files: files)
        }
        let source = files.add(path: path, bytes: bytes)
        let document: JSONDocument
        do throws(JSONParseError) {
            document = try JSONParser.parse(source.bytes)
        } catch {
            throw ConfigError(path: path, diagnostics: [error.diagnostic(file: source.id)], files: files)
        }
        var validator = ConfigValidator(document: document, file: source.id, commands: commands)
        let (shared, sections) = validator.validate()
        if !validator.errors.isEmpty {
            throw ConfigError(path: path, diagnostics: DiagnosticBag.sorted(validator.errors), files: files)
        }
        return ConfigFile(path: path, directory: directory, document: document, source: source, shared: shared, sections: sections)
    }

    /// The 1-based line of a node.
    func line(_ node: Int) -> Int { source.location(of: document.nodes[node].start).line }

    /// Fills in, from the file, every option of `command` not given on the
    /// command line: the command's section first, then the shared settings.
    func apply(to parsed: inout ParsedArguments, command: CommandSpec) {
        let section = sections[command.name] ?? []
        for spec in command.configurableOptions where parsed.origins[spec.name] == nil {
            guard let setting = section.first(where: { $0.key == spec.configKey }) ?? shared.first(where: { $0.key == spec.configKey }) else { continue }
            parsed.origins[spec.name] = "\(path):\(line(setting.keyNode))"
            let node = document.nodes[setting.valueNode]
            if spec.value == nil {
                if node.isTrue { parsed.flags.insert(spec.name) }
                continue
            }
            let items = node.kind == .array ? document.children(setting.valueNode) : [setting.valueNode]
            parsed.values[spec.name] = items.map { item in
                let text = document.nodes[item].kind == .number ? document.numberText(item) : document.string(item)
                return spec.takesPath ? resolved(text) : text
            }
        }
    }

    /// A path from the file, made relative to the working folder.
    private func resolved(_ p: String) -> String {
        if directory.isEmpty || p.hasPrefix("/") || p == "-" || p.isEmpty { return p }
        return directory + "/" + p
    }
}

/// Checks a parsed config file against the commands' declarations.
private struct ConfigValidator {
    let document: JSONDocument
    let file: FileID
    let commands: [CommandSpec]
    var errors: [Diagnostic] = []

    init(document: JSONDocument, file: FileID, commands: [CommandSpec]) {
        self.document = document
        self.file = file
        self.commands = commands
    }

    private func span(_ node: Int) -> Span {
        let n = document.nodes[node]
        // A container is marked by its opening bracket: the whole would underline many lines.
        return Span(file: file, start: n.start, end: n.kind == .object || n.kind == .array ? n.start + 1 : n.end)
    }

    /// The shared settings and the sections, in file order; errors collected.
    mutating func validate() -> ([ConfigSetting], [String: [ConfigSetting]]) {
        let root = document.nodes[0]
        guard root.kind == .object else {
            errors.append(.error("E4251", localize(CommandMessage.configNotObject, ["kind": .localized(jsonKindName(root.kind))]), at: span(0),
                                 help: localize(CommandMessage.configNotObjectHelp)))
            return ([], [:])
        }
        for d in document.duplicateKeys {
            errors.append(.error("E4253", localize(CommandMessage.configDuplicate, ["key": .text(shortExcerpt(document.string(d.second)))]), at: span(d.second),
                                 secondary: [Label(span(d.first), localize(CommandMessage.firstHere))],
                                 help: localize(CommandMessage.configDuplicateHelp)))
        }
        let commandNames = commands.map(\.name)
        var shared: [ConfigSetting] = []
        var sections: [String: [ConfigSetting]] = [:]
        for (key, value) in document.members(0) {
            let name = document.string(key)
            if let command = commands.first(where: { $0.name == name }) {
                guard document.nodes[value].kind == .object else {
                    errors.append(.error("E4251", localize(CommandMessage.configSectionNotObject, ["name": .text(name), "kind": .localized(jsonKindName(document.nodes[value].kind))]),
                                         at: span(value), help: localize(CommandMessage.configSectionHelp, ["name": .text(name)])))
                    continue
                }
                sections[name] = section(value, of: command)
                continue
            }
            let declaring = commands.filter { c in c.configurableOptions.contains { $0.configKey == name } }
            guard !declaring.isEmpty else {
                unknown(name, at: key, candidates: commandNames + allConfigKeys, scope: nil)
                continue
            }
            var ok = true
            for c in declaring {
                let spec = c.configurableOptions.first { $0.configKey == name }!
                if let d = check(value, name: name, spec: spec, command: c, shared: true) {
                    errors.append(d)
                    ok = false
                    break
                }
            }
            if ok { shared.append(ConfigSetting(key: name, keyNode: key, valueNode: value)) }
        }
        return (shared, sections)
    }

    /// Every key some command's options can be set by.
    private var allConfigKeys: [String] {
        var seen = Set<String>()
        return commands.flatMap { $0.configurableOptions.map(\.configKey) }.filter { seen.insert($0).inserted }
    }

    private mutating func section(_ object: Int, of command: CommandSpec) -> [ConfigSetting] {
        var settings: [ConfigSetting] = []
        for (key, value) in document.members(object) {
            let name = document.string(key)
            guard let spec = command.configurableOptions.first(where: { $0.configKey == name }) else {
                unknown(name, at: key, candidates: command.configurableOptions.map(\.configKey), scope: command.name)
                continue
            }
            if let d = check(value, name: name, spec: spec, command: command, shared: false) {
                errors.append(d)
            } else {
                settings.append(ConfigSetting(key: name, keyNode: key, valueNode: value))
            }
        }
        return settings
    }

    /// An unknown key: E4254 for an option only the command line takes, else E4250 with the closest key.
    private mutating func unknown(_ name: String, at key: Int, candidates: [String], scope: String?) {
        if CommandSpec.commandLineOnly.contains("--" + name) {
            errors.append(.error("E4254", localize(CommandMessage.configCommandLineOnly, ["name": .text(name)]), at: span(key),
                                 help: localize(CommandMessage.configCommandLineOnlyHelp, ["name": .text(name)])))
            return
        }
        let guess = closestMatch(to: name, in: candidates)
        let message = scope.map { localize(CommandMessage.configUnknownKeyFor, ["name": .text(shortExcerpt(name)), "command": .text($0)]) }
            ?? localize(CommandMessage.configUnknownKey, ["name": .text(shortExcerpt(name))])
        let help: LocalizedText
        if let guess {
            help = localize(CommandMessage.didYouMean, ["suggestion": .text("`\(guess)`")])
        } else if let scope {
            help = localize(CommandMessage.configKeysOf, ["command": .text(scope), "keys": .text(candidates.map { "`\($0)`" }.joined(separator: ", "))])
        } else {
            help = localize(CommandMessage.configTopLevelKey)
        }
        errors.append(.error("E4250", message, at: span(key), help: help))
    }

    /// Is the value right for the option? A diagnostic when it is not.
    private func check(_ value: Int, name: String, spec: OptionSpec, command: CommandSpec, shared: Bool) -> Diagnostic? {
        let node = document.nodes[value]
        let whose: KeyValuePairs<String, MessageArg> = ["name": .text(name), "command": .text(command.name)]
        guard let placeholder = spec.value else {
            guard node.kind == .bool else {
                return .error("E4251", localize(CommandMessage.configIsFlag, ["name": .text(name), "command": .text(command.name), "kind": .localized(jsonKindName(node.kind))]),
                              at: span(value), help: localize(CommandMessage.configWriteTrue, ["name": .text(name)]))
            }
            return nil
        }
        var items = [value]
        if node.kind == .array {
            guard spec.repeatable else {
                let write = localize(CommandMessage.configWriteValue, ["name": .text(name), "placeholder": .text(placeholder)])
                let suits = localize(CommandMessage.configSharedSuitsAll)
                return .error("E4251", localize(CommandMessage.configOneValue, whose), at: span(value),
                              help: shared ? LocalizedText(vi: write.vi + suits.vi, en: write.en + suits.en) : write)
            }
            items = document.children(value)
        }
        for item in items {
            let kind = document.nodes[item].kind
            guard kind == .string || kind == .number else {
                return .error("E4251", localize(spec.repeatable ? CommandMessage.configTakesStrings : .configTakesString,
                                                ["name": .text(name), "command": .text(command.name), "kind": .localized(jsonKindName(kind))]),
                              at: span(item), help: localize(CommandMessage.configWriteValue, ["name": .text(name), "placeholder": .text(placeholder)]))
            }
            if let choices = spec.choices {
                let text = kind == .number ? document.numberText(item) : document.string(item)
                if !choices.contains(text) {
                    let guess = closestMatch(to: text, in: choices)
                    let expected = localize(CommandMessage.expectedOneOf, ["choices": .text(choices.joined(separator: ", "))])
                    var help = guess.map { localize(CommandMessage.didYouMeanThen, ["suggestion": .text("`\($0)`"), "rest": .localized(expected)]) } ?? expected
                    if shared {
                        let move = localize(CommandMessage.configMoveKey, ["name": .text(name)])
                        help = LocalizedText(vi: help.vi + move.vi, en: help.en + move.en)
                    }
                    return .error("E4252", localize(CommandMessage.configInvalidValue, ["value": .text(shortExcerpt(text)), "name": .text(name), "command": .text(command.name)]),
                                  at: span(item), help: help)
                }
            }
        }
        return nil
    }
}


// MARK: - --print-config

/// `--print-config`: every setting of `command` with its effective value and
/// where it came from (`flag`, `FILE:LINE`, or `default`), said in `--lang`.
func printedConfig(_ command: CommandSpec, _ parsed: ParsedArguments, configNote: LocalizedText) -> String {
    func word(_ entry: SettingsMessage) -> String { localize(entry)(cliLang) }
    var rows: [(String, String, String)] = [(word(.columnOption), word(.columnValue), word(.columnFrom))]
    for spec in command.configurableOptions {
        let value: String
        if spec.value == nil {
            value = parsed.has(spec.name) ? word(.on) : word(.off)
        } else if let v = parsed.values[spec.name] {
            value = v.joined(separator: ", ")
        } else {
            value = spec.defaultValue.map { say(describedDefault($0)) } ?? word(.notSet)
        }
        let origin = parsed.origins[spec.name].map { $0 == "flag" ? word(.fromFlag) : $0 } ?? word(.fromDefault)
        rows.append((spec.name, value, origin))
    }
    let w0 = rows.map(\.0.count).max() ?? 0
    let w1 = min(48, rows.map(\.1.count).max() ?? 0)
    var out = localize(SettingsMessage.header, ["command": .text(command.name)])(cliLang) + "\n"
    out += localize(SettingsMessage.configFile, ["note": .localized(configNote)])(cliLang) + "\n"
    for (a, b, c) in rows {
        let pad1 = String(repeating: " ", count: max(1, w0 - a.count + 2))
        let pad2 = String(repeating: " ", count: max(2, w1 - b.count + 2))
        out += a + pad1 + b + pad2 + c + "\n"
    }
    return terminalSafe(out)
}

/// The defaults that `--help` describes in words rather than as a value
/// (`today in Asia/Ho_Chi_Minh`), in both languages; any other default is
/// a value (`text`, `7`) and reads the same in both.
let describedDefaults: [String: SettingsMessage] = [
    "today in Asia/Ho_Chi_Minh": .defaultToday,
    "the bundled Rules/kl81-cantho": .defaultBundledRules,
    "all cores": .defaultAllCores,
    "Examples/ beside the bundled rules": .defaultExamplesBesideRules,
]

/// A default as `--print-config` shows it: its words in both languages, or the value as it is.
func describedDefault(_ text: String) -> LocalizedText {
    describedDefaults[text].map { localize($0) } ?? LocalizedText(verbatim: text)
}
