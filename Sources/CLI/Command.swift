import Diagnostics
import FileIO
import Foundation
import Reporters

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

/// A usage error: printed with the command's usage line, exit 2.
struct UsageError: Error {
    var message: String
    var help: String? = nil
}

/// Reports a failure the user must fix (a missing file, an unwritable
/// output); exit 2.
struct CommandError: Error {
    var message: String
    var code: Int32 = ExitCode.usage
}

extension CommandSpec {
    /// `--help`, accepted by every command.
    static let helpOption = OptionSpec(name: "--help", short: "-h", help: "Show help for this command.")

    /// The options every command accepts besides its own, in the order help lists them.
    static let commonOptions: [OptionSpec] = [
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
                    message: "unknown option `\(name)` for `tuanthu \(self.name)`",
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "see `tuanthu \(self.name) --help`")
            }
            if let placeholder = spec.value {
                let v: String
                if let inline {
                    v = inline
                } else {
                    guard i < args.count else {
                        throw UsageError(message: "option `\(spec.name)` needs a value (\(placeholder))", help: spec.choices.map { "one of: \($0.joined(separator: ", "))" })
                    }
                    v = args[i]
                    i += 1
                }
                if let choices = spec.choices, !choices.contains(v) {
                    let suggestion = closestMatch(to: v, in: choices)
                    throw UsageError(
                        message: "invalid value `\(v)` for `\(spec.name)`",
                        help: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "expected one of: \(choices.joined(separator: ", "))")
                }
                if !spec.repeatable && parsed.values[spec.name] != nil {
                    throw UsageError(message: "option `\(spec.name)` given more than once")
                }
                parsed.values[spec.name, default: []].append(v)
            } else {
                if inline != nil { throw UsageError(message: "option `\(spec.name)` takes no value") }
                parsed.flags.insert(spec.name)
            }
            parsed.origins[spec.name] = "flag"
        }
        if parsed.values["--config"] != nil && parsed.flags.contains("--no-config") {
            throw UsageError(message: "`--config` and `--no-config` contradict each other", help: "give one of them")
        }
        return parsed
    }

    /// Checks the number of positional arguments (after the config file is
    /// merged, and not for `--help` or `--print-config`).
    func checkPositionals(_ parsed: ParsedArguments) throws(UsageError) {
        if parsed.positionals.count < minPositionals {
            throw UsageError(message: "missing argument: \(usage)")
        }
        if parsed.positionals.count > maxPositionals {
            throw UsageError(message: "unexpected argument `\(parsed.positionals[maxPositionals])`")
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
        printError("error: " + writeErrorMessage(code, target: "standard output"))
        exit(ExitCode.writeFailed)
    }
}

