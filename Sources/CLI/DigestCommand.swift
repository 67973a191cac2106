import Foundation
import Reporters
import Semantics
import TuanThu

/// `tuanthu digest [PATH...]`: the ruleset's content digest, as every report names it.
let digestCommand = CommandSpec(
    name: "digest",
    summary: "Print the ruleset's SHA-256 content digest (the one every report names).",
    usage: "[--files] [PATH...]",
    discussion: """
        The digest depends on the files' contents and their names relative to PATH only, so \
        `Rules/kl81-cantho`, `./Rules/kl81-cantho/`, an absolute path and a copy elsewhere give one digest. \
        Layout: the `.rules` files sorted by relative name (bytewise UTF-8, `/` between folders; a file \
        given directly is named by its base name); for each, the name's UTF-8 bytes, one 0x00 byte, the \
        file's length as 8 bytes big-endian, then its bytes; SHA-256 of the whole, in lowercase hex. \
        PATH defaults to the bundled pack.
        """,
    options: [
        OptionSpec(name: "--files", help: "Also list the relative names hashed, in hashing order."),
    ],
    maxPositionals: 64
) { args in
    let paths = try args.positionals.isEmpty ? [bundledRulesPath()] : args.positionals
    let result: (digest: String, files: [String])
    do throws(LoadError) {
        result = try RulesetLoader.digest(paths: paths)
    } catch {
        throw CommandError(error.messageText, code: ExitCode.usage)
    }
    var out = "\(result.digest)  \(paths.joined(separator: " "))\n"
    if args.has("--files") { for f in result.files { out += "  \(f)\n" } }
    writeOutput(out)
    return ExitCode.clean
}
