import Diagnostics
import FileIO
import Foundation
import Reporters
import Synchronization

// A small hand-written command-line layer in swift-argument-parser's style:
// each command declares its options with help strings; `--help` and usage
// errors (with "did you mean") are generated from the declaration.

/// One option of a command.
struct OptionSpec: Sendable {
    /// Long name with dashes, e.g. `--format`.
    var name: String
    /// Short alias, e.g. `-o`.
    var short: String? = nil
    /// Placeholder of the value (`FORMAT`), or nil for a flag.
    var value: String? = nil
    var help: String
    /// The values accepted, when the set is closed.
    var choices: [String]? = nil
    /// Shown as the default in help.
    var defaultValue: String? = nil
    /// May be given several times.
    var repeatable = false

    /// The key naming this option in a config file: the long name without dashes.
    var configKey: String { String(name.drop { $0 == "-" }) }
    /// Does the value name a file or folder (resolved against a config file's folder, completed as a path)?
    var takesPath: Bool { value == "PATH" || value == "FILE" || value == "DIR" }
}

/// A command's declaration and behaviour.
struct CommandSpec: Sendable {
    var name: String
    var summary: String
    /// Usage line after `tuanthu NAME`, e.g. `[OPTIONS] PATH...`.
    var usage: String
    /// Longer text shown under the usage in `--help`.
    var discussion: String = ""
    var options: [OptionSpec] = []
    var minPositionals = 0
    var maxPositionals = Int.max
    /// The words a positional argument may be (`bench json`, `completion zsh`), for
    /// completion and the man page; nil when positionals are paths.
    var positionalChoices: [String]? = nil
    var run: @Sendable (ParsedArguments) throws -> Int32
}

/// Arguments after parsing against a `CommandSpec`, merged with the config file.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    /// Where each option given came from, by long name: `flag`, or
    /// `tuanthu.json:LINE` for a setting of the config file. An option not
    /// here was not given (its default applies).
    var origins: [String: String] = [:]

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// Text of the message catalogue (the `Semantics` module has a type of the same name for rule texts).
typealias LocalizedText = Diagnostics.LocalizedText

/// A usage error: printed with the command's usage line, exit 2.
struct UsageError: Error {
    /// The message, in both languages.
    var message: LocalizedText
    /// How to fix it, in both languages.
    var help: LocalizedText? = nil

    /// A usage error with catalogue texts.
    init(_ message: LocalizedText, help: LocalizedText? = nil) {
        self.message = message
        self.help = help
    }
}

/// Reports a failure the user must fix (a missing file, an unwritable
/// output); exit 2.
struct CommandError: Error {
    /// The message, in both languages.
    var message: LocalizedText
    /// The exit code.
    var code: Int32 = ExitCode.usage

    /// A failure with a catalogue message.
    init(_ message: LocalizedText, code: Int32 = ExitCode.usage) {
        self.message = message
        self.code = code
    }

    /// A failure of the tool's own benchmark or self-check data (not caused
    /// by the user's input), said as it is in both languages.
    init(verbatim message: String, code: Int32 = ExitCode.usage) {
        self.init(LocalizedText(verbatim: message), code: code)
    }
}

/// The language of everything the command line says (`--lang`, or the
/// config file's `lang`), set once before the command runs, as `--color` is.
let messageLanguage = Mutex<Lang>(.vi)

/// The language chosen for this run.
var cliLang: Lang { messageLanguage.withLock { $0 } }

/// `text` in the language chosen for this run.
func say(_ text: LocalizedText) -> String { text(cliLang) }

/// `entry` with its placeholders filled, in the language chosen for this run.
func say(_ entry: CommandMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(cliLang) }

/// The renderer of diagnostics for standard error (or `fd`): colour as
/// `--color` says, texts in the language of `--lang`.
func cliRenderer(fd: Int32 = 2) -> DiagnosticRenderer {
    var renderer = DiagnosticRenderer(colorize: useColor(fd: fd))
    renderer.lang = cliLang
    return renderer
}

/// The `--lang` given on the command line (`--lang vi`, `--lang=en`), read
/// before the options are parsed, so that an error in them is said in it.
func languageGiven(_ argv: [String]) -> Lang? {
    var found: Lang? = nil
    for (k, a) in argv.enumerated() {
        if a == "--" { break }
        if a == "--lang", k + 1 < argv.count, let l = Lang(rawValue: argv[k + 1]) { found = l }
        if a.hasPrefix("--lang="), let l = Lang(rawValue: String(a.dropFirst(7))) { found = l }
    }
    return found
}

extension CommandSpec {
    /// `--help`, accepted by every command.
    static let helpOption = OptionSpec(name: "--help", short: "-h", help: "Show help for this command.")

    /// The options every command accepts besides its own, in the order help lists them.
    static let commonOptions: [OptionSpec] = [
        OptionSpec(name: "--lang", value: "LANG", help: "Language of messages and reports: vi (Vietnamese) or en (English); --help, man and explain-code are in English.", choices: ["vi", "en"], defaultValue: "vi"),
        OptionSpec(name: "--color", value: "WHEN", help: "Colour terminal output: auto (only on a terminal, and not when NO_COLOR is set to a non-empty value), always, or never.", choices: ColorChoice.allCases.map(\.rawValue), defaultValue: "auto"),
        OptionSpec(name: "--config", value: "FILE", help: "Read settings from FILE instead of the tuanthu.json found from the working folder upwards."),
        OptionSpec(name: "--no-config", help: "Read no config file."),
        OptionSpec(name: "--print-config", help: "Print the effective settings and where each came from (flag, the config file's line, or default), then exit."),
        helpOption,
    ]

    /// Common options a config file may not set: they say which file to read, or end the command before it runs.
    static let commandLineOnly: Set<String> = ["--config", "--no-config", "--print-config", "--help"]

    /// The command's own options, then the common ones.
    var allOptions: [OptionSpec] { options + CommandSpec.commonOptions }

    /// The options a config file may set for this command.
    var configurableOptions: [OptionSpec] { allOptions.filter { !CommandSpec.commandLineOnly.contains($0.name) } }

    /// Parses the command line: options (the command's and the common ones,
    /// `--name value`, `--name=value` or the short form), then positionals;
    /// a typo is an error with the closest option suggested. Each option given
    /// is marked as coming from a `flag`.
    func parse(_ args: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            var name = arg
            var inline: String? = nil
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            guard let spec = allOptions.first(where: { $0.name == name || $0.short == name }) else {
                let names = allOptions.map(\.name)
                let suggestion = closestMatch(to: name, in: names)
                throw UsageError(
                    localize(CommandMessage.unknownOption, ["name": .text(name), "command": .text(self.name)]),
                    help: suggestion.map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) }
                        ?? localize(CommandMessage.seeCommandHelp, ["command": .text(self.name)]))
            }
            if let placeholder = spec.value {
                let v: String
                if let inline {
                    v = inline
                } else {
                    guard i < args.count else {
                        throw UsageError(localize(CommandMessage.optionNeedsValue, ["name": .text(spec.name), "placeholder": .text(placeholder)]),
                                         help: spec.choices.map { localize(CommandMessage.oneOf, ["choices": .text($0.joined(separator: ", "))]) })
                    }
                    v = args[i]
                    i += 1
                }
                if let choices = spec.choices, !choices.contains(v) {
                    let suggestion = closestMatch(to: v, in: choices)
                    let expected = localize(CommandMessage.expectedOneOf, ["choices": .text(choices.joined(separator: ", "))])
                    throw UsageError(
                        localize(CommandMessage.invalidOptionValue, ["value": .text(v), "name": .text(spec.name)]),
                        help: suggestion.map { localize(CommandMessage.didYouMeanThen, ["suggestion": .text("`\($0)`"), "rest": .localized(expected)]) } ?? expected)
                }
                if !spec.repeatable && parsed.values[spec.name] != nil {
                    throw UsageError(localize(CommandMessage.optionGivenTwice, ["name": .text(spec.name)]))
                }
                parsed.values[spec.name, default: []].append(v)
            } else {
                if inline != nil { throw UsageError(localize(CommandMessage.optionTakesNoValue, ["name": .text(spec.name)])) }
                parsed.flags.insert(spec.name)
            }
            parsed.origins[spec.name] = "flag"
        }
        if parsed.values["--config"] != nil && parsed.flags.contains("--no-config") {
            throw UsageError(localize(CommandMessage.configContradiction), help: localize(CommandMessage.giveOneOfThem))
        }
        return parsed
    }

    /// Checks the number of positional arguments (after the config file is
    /// merged, and not for `--help` or `--print-config`).
    func checkPositionals(_ parsed: ParsedArguments) throws(UsageError) {
        if parsed.positionals.count < minPositionals {
            // Name what is missing (`DOSSIER`), not the whole usage line: that follows the error.
            let names = positionalNames(usage).dropFirst(parsed.positionals.count).prefix(max(1, minPositionals - parsed.positionals.count))
            throw UsageError(localize(names.count > 1 ? CommandMessage.missingArguments : .missingArgument,
                                      ["names": .text(names.isEmpty ? usage : names.joined(separator: " "))]))
        }
        if parsed.positionals.count > maxPositionals {
            throw UsageError(localize(CommandMessage.unexpectedArgument, ["arg": .text(parsed.positionals[maxPositionals])]))
        }
    }

    /// `tuanthu NAME --help`: summary, usage, discussion, the command's options, then the common ones.
    var helpText: String {
        var s = "\(summary)\n\nUSAGE: tuanthu \(name)\(usage.isEmpty ? "" : " " + usage)\n"
        if !discussion.isEmpty { s += "\n\(discussion)\n" }
        if !options.isEmpty { s += "\nOPTIONS:\n" + CommandSpec.optionTable(options) }
        s += "\nCOMMON OPTIONS:\n"
        s += CommandSpec.optionTable(CommandSpec.commonOptions)
        s += "\nSettings may also come from a tuanthu.json config file (see `tuanthu man`); flags win.\n"
        return s
    }

    /// Help lines for options: names on the left, help text aligned on the right.
    static func optionTable(_ all: [OptionSpec]) -> String {
        var s = ""
        let left = all.map { o -> String in
            var l = o.short.map { "\($0), " } ?? ""
            l += o.name
            if let v = o.value { l += " <\(v)>" }
            return l
        }
        let width = min(30, (left.map(\.count).max() ?? 0) + 2)
        for (o, l) in zip(all, left) {
            var h = o.help
            if let c = o.choices { h += " (\(c.joined(separator: "|")))" }
            if let d = o.defaultValue { h += " [default: \(d)]" }
            if l.count + 2 > width {
                s += "  \(l)\n" + String(repeating: " ", count: width + 2) + h + "\n"
            } else {
                s += "  \(l)" + String(repeating: " ", count: width - l.count) + h + "\n"
            }
        }
        return s
    }
}

/// Standard error, unbuffered. A failed write to standard error is ignored:
/// there is nowhere left to say so.
func printError(_ s: String) {
    var line = s.hasSuffix("\n") ? s : s + "\n"
    _ = line.withUTF8 { writeAll(2, UnsafeRawBufferPointer($0)) }
}

/// Standard output, written as bytes (no transcoding). A failed write (closed
/// pipe, full disk) ends the process with a message and exit 4, never a crash.
func writeOutput(_ s: String) {
    guard !s.isEmpty else { return }
    var s = s
    if let code = s.withUTF8({ writeAll(1, UnsafeRawBufferPointer($0)) }) {
        printError("error: " + say(writeErrorMessage(code, target: localize(CommandMessage.standardOutput))))
        exit(ExitCode.writeFailed)
    }
}


/// The positional arguments a usage line names, in order: its words outside
/// `[…]` (`RULE`, `DOSSIER`, `PATH...`).
func positionalNames(_ usage: String) -> [String] {
    var names: [String] = []
    var depth = 0
    for word in usage.split(separator: " ") {
        let opened = word.filter { $0 == "[" }.count, closed = word.filter { $0 == "]" }.count
        if depth == 0 && opened == 0 && word != "[OPTIONS]" { names.append(String(word)) }
        depth += opened - closed
    }
    return names
}
