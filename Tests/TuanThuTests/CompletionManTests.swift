import Foundation
import Testing

// `tuanthu completion bash|zsh|fish` and `tuanthu man` are generated from the
// command declarations: every command and option `--help` lists appears in
// each (so they cannot drift apart), each script is valid for its shell when
// the shell is installed, and the bash script completes as it should.

/// The man page's text with roff escapes undone, for searching.
private func plainMan(_ roff: String) -> String {
    roff.replacingOccurrences(of: "\\-", with: "-")
        .replacingOccurrences(of: "\\fB", with: "").replacingOccurrences(of: "\\fI", with: "").replacingOccurrences(of: "\\fR", with: "")
        .replacingOccurrences(of: "\\&", with: "").replacingOccurrences(of: "\\e", with: "\\")
}

@Suite("completion scripts and man page")
struct CompletionManTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionNamesEveryCommandAndOption(_ shell: String) throws {
        let run = try runTool(["completion", shell], in: packageRoot)
        #expect(run.status == 0)
        let script = run.stdout
        let commands = try declaredCommands()
        #expect(commands.map(\.name).contains("completion") && commands.map(\.name).contains("man"))
        for c in commands {
            #expect(script.contains(shell == "fish" ? "-a \(c.name) " : shell == "zsh" ? "'\(c.name):" : " \(c.name) "), "\(shell): command \(c.name)")
            #expect(script.contains(shell == "fish" ? "__fish_seen_subcommand_from \(c.name)'" : "    \(c.name))\n"), "\(shell): section of \(c.name)")
            for o in c.options {
                let long = shell == "fish" ? "-l \(o.name.dropFirst(2))" : o.name
                #expect(script.contains(long), "\(shell): \(c.name) \(o.name)")
                if let short = o.short { #expect(script.contains(shell == "fish" ? "-s \(short.dropFirst())" : short), "\(shell): \(c.name) \(short)") }
                if !o.choices.isEmpty { #expect(script.contains(o.choices.joined(separator: " ")), "\(shell): \(c.name) \(o.name) choices") }
            }
        }
    }

    @Test func manPageNamesEveryCommandAndOption() throws {
        let run = try runTool(["man"], in: packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix(".\\\" tuanthu(1)"))
        #expect(run.stdout.contains("\n.TH TUANTHU 1 "))
        #expect(!run.stdout.unicodeScalars.contains { $0.value > 0x7E }, "troff reads bytes: non-ASCII is escaped")
        let page = plainMan(run.stdout)
        for c in try declaredCommands() {
            #expect(page.contains(".SS \"tuanthu \(c.name)"), "man: command \(c.name)")
            for o in c.options {
                #expect(page.contains(o.name), "man: \(c.name) \(o.name)")
                if let v = o.value { #expect(page.contains("\(o.name) \(v)"), "man: \(c.name) \(o.name) \(v)") }
                for choice in o.choices { #expect(page.contains(choice), "man: \(c.name) \(o.name) \(choice)") }
            }
        }
        for section in ["NAME", "SYNOPSIS", "COMMANDS", "COMMON OPTIONS", "CONFIGURATION", "ENVIRONMENT", "EXIT STATUS"] {
            #expect(page.contains(".SH \(section)\n"), "man: section \(section)")
        }
    }

    /// groff, when installed, reads the page without a warning.
    @Test(.enabled(if: programOnPath("groff") != nil, "groff is not installed"))
    func manPageRendersWithoutWarnings() throws {
        guard let groff = programOnPath("groff") else { return }
        let dir = try makeTempFolder("tuanthu-man")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool(["man"], in: packageRoot).stdout.write(toFile: dir + "/tuanthu.1", atomically: true, encoding: .utf8)
        let run = try runProgram(groff, ["-man", "-Tutf8", "-ww", "-z", "tuanthu.1"], in: dir)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    /// Each shell that is installed parses its script without running it.
    @Test(arguments: [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])])
    func scriptParses(_ shell: String, _ flags: [String]) throws {
        guard let program = programOnPath(shell) else { return }
        let dir = try makeTempFolder("tuanthu-completion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool(["completion", shell], in: packageRoot).stdout.write(toFile: dir + "/script", atomically: true, encoding: .utf8)
        let run = try runProgram(program, flags + ["script"], in: dir)
        #expect(run.status == 0, "\(shell): \(run.stderr)")
        #expect(run.stderr.isEmpty, "\(shell): \(run.stderr)")
    }

    /// The bash script, sourced, completes commands, options, choices and positional words.
    @Test(arguments: zip(
        [["te"], ["check", "--fail-on", "w"], ["check", "--f"], ["test", "--format", ""], ["completion", ""], ["bench", "c"], ["lint", "--color", "a"], ["explain-code", "--li"]],
        [["test"], ["warning"], ["--format", "--fail-on"], ["text", "json", "junit"], ["bash", "zsh", "fish"], ["check", "corpus"], ["auto", "always"], ["--list"]]))
    func bashCompletes(_ words: [String], _ expected: [String]) throws {
        guard let bash = programOnPath("bash") else { return }
        let dir = try makeTempFolder("tuanthu-completion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool(["completion", "bash"], in: packageRoot).stdout.write(toFile: dir + "/tuanthu.bash", atomically: true, encoding: .utf8)
        let quoted = (["tuanthu"] + words).map { "'\($0)'" }.joined(separator: " ")
        let program = "source ./tuanthu.bash; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count); _tuanthu; printf '%s\\n' \"${COMPREPLY[@]}\""
        let run = try runProgram(bash, ["-c", program], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init).sorted() == expected.sorted(), "\(words)")
    }

    /// The fish script, sourced, completes the same way (`complete -C` asks fish for the candidates).
    @Test(.enabled(if: programOnPath("fish") != nil, "fish is not installed"), arguments: zip(
        ["tuanthu te", "tuanthu check --fail-on ", "tuanthu completion ", "tuanthu test --form", "tuanthu bench c"],
        [["test"], ["error", "info", "never", "warning"], ["bash", "fish", "zsh"], ["--format"], ["check", "corpus"]]))
    func fishCompletes(_ line: String, _ expected: [String]) throws {
        guard let fish = programOnPath("fish") else { return }
        let dir = try makeTempFolder("tuanthu-completion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool(["completion", "fish"], in: packageRoot).stdout.write(toFile: dir + "/tuanthu.fish", atomically: true, encoding: .utf8)
        let run = try runProgram(fish, ["--no-config", "-c", "source ./tuanthu.fish; complete -C '\(line)'"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let words = run.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        #expect(words.sorted() == expected.sorted(), "\(line): \(run.stdout)")
    }

    /// The zsh script, autoloaded by `compinit` in an interactive zsh on a
    /// pseudo-terminal (zsh/zpty), offers these candidates when Tab is pressed.
    @Test(.enabled(if: programOnPath("zsh") != nil && programOnPath("timeout") != nil, "zsh (or timeout) is not installed"), arguments: zip(
        ["te", "check --f", "check --fail-on ", "completion ", "bench c", "lint --color a", "check --rules capt"],
        [["test"], ["--fail-on", "--format"], ["error", "info", "never", "warning"], ["bash", "fish", "zsh"], ["check", "corpus"], ["always", "auto"], ["capture.zsh"]]))
    func zshCompletes(_ line: String, _ expected: [String]) throws {
        guard let zsh = programOnPath("zsh") else { return }
        let dir = try makeTempFolder("tuanthu-completion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool(["completion", "zsh"], in: packageRoot).stdout.write(toFile: dir + "/_tuanthu", atomically: true, encoding: .utf8)
        try zshCapture.write(toFile: dir + "/capture.zsh", atomically: true, encoding: .utf8)
        // The capture waits for zsh's answer: bounded, so a broken script fails the test instead of hanging it.
        guard let timeout = programOnPath("timeout") else { return }
        let run = try runProgram(timeout, ["60", zsh, "-f", "capture.zsh", line], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init).sorted() == expected.sorted(), "\(line): \(run.stdout)")
    }

    @Test func unknownShellIsAUsageError() throws {
        let run = try runTool(["completion", "zhs", "--lang", "en"], in: packageRoot)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown shell `zhs`"))
        #expect(run.stderr.contains("did you mean `zsh`?"))
    }
}

/// A zsh script printing the candidates zsh's completion system offers for
/// `tuanthu ARG`: an interactive zsh on a pseudo-terminal runs `compinit` with
/// the script's folder first in `fpath`, records every `compadd`, and is sent
/// the line and a Tab (after the zsh-capture-completion technique).
private let zshCapture = #"""
#!/bin/zsh -f
# Prints the completions zsh offers for the line "$1" (words each on a line).
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
local line
zpty -w z "fpath=(${0:A:h} \$fpath)"
zpty -w z 'autoload -U compinit; compinit -u -D'
zpty -w z 'bindkey "^I" complete-word'
zpty -w z 'null-line () { echo -E - $'"'"'\0'"'"' }'
zpty -w z 'compprefuncs=( null-line ); comppostfuncs=( null-line exit )'
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  for h in $__hits; do echo -E - "HIT:$h"; done
}'
zpty -w z "tuanthu $1"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\0\r' ]]; then (( tog++ )) && return 0 || continue; fi
  (( tog )) && [[ $line == HIT:* ]] && echo -E - "${${line#HIT:}%$'\r'}"
done
"""#
