import Diagnostics
import Syntax

/// What formatting a file gave: its canonical text, or the parse errors
/// that kept it from being formatted.
package enum FormatResult: Sendable {
    /// The canonical text (UTF-8, `\n` line ends, a final newline).
    case formatted(String)
    /// The file does not parse: these are its diagnostics (errors and any
    /// warnings), in source order. A file that does not parse is never formatted.
    case refused([Diagnostic])

    /// The canonical text, or nil when the file was refused.
    package var text: String? {
        if case .formatted(let t) = self { return t }
        return nil
    }

    /// The diagnostics of a refused file; empty when it was formatted.
    package var diagnostics: [Diagnostic] {
        if case .refused(let ds) = self { return ds }
        return []
    }
}

/// The canonical formatter for `.rules` files (`tuanthu fmt`).
///
/// It parses the file, lays the syntax tree out as a stream of tokens with
/// groups, indentation and breaks (weaving every comment back in), and
/// prints that stream in `lineWidth` columns. Formatting is idempotent:
/// formatting the output again gives it back unchanged.
///
/// The canonical layout:
/// - 2-space indentation, `\n` line ends, no trailing blanks, one final
///   newline; a BOM is dropped.
/// - One blank line between top-level declarations, except that consecutive
///   `let`/`def` declarations keep the author's grouping (a blank line
///   between two of them only where the source had one).
/// - Inside blocks, one item per line. A blank line the author left before
///   an item (or a comment) is kept, several collapse to one, and none
///   follows an opening or precedes a closing bracket.
/// - A rule's lines in the order: titles, cites, severity, tags, effective,
///   hints, allows (several of a kind in source order), `when`, then the body in
///   source order; `ruleset` and `source` blocks likewise put `title`,
///   `version`/`issued`, `date_field`/items in that order. Comments move
///   with the line they are in or above.
/// - `else` on the line after its `require`, indented; each further
///   language on its own line, under the first language tag.
/// - `source` items with their texts aligned in a column per run of
///   consecutive items (an outlandishly long item number is left out);
///   `not_checkable` moves to an indented line of its own when the item
///   does not fit; `verified`/`unverified` follows the item's text, and its
///   points stand one per line in braces after it.
/// - A `threshold` puts each `cite`, then its `verified`/`unverified`, on a
///   line of its own, indented; `inspect on` follows a test's `given`.
/// - Schema fields one per line, object types always broken; a quoted field
///   name that is an identifier loses its quotes.
/// - Expressions on one line when they fit. Otherwise the outermost group
///   breaks first: an `and`/`or` chain puts each operand on its own line
///   after the operator, continuation lines indented (an inner chain deeper);
///   other operators break after the operator; calls, lists and objects put
///   one element per line between their brackets, except lists of literals
///   (and enum values), which fill their lines; a list holding one object
///   hugs it (`[{` … `}]`). Objects are padded: `{ "a": 1 }`.
/// - Strings re-escaped canonically (`\"` `\\` `\n` `\t`, doubled braces,
///   `\u{HEX}` for invisible characters, NFC); interpolations printed from
///   the tree. Numbers and dates exactly as written (`1_000_000` stays).
/// - Comments are all kept: an end-of-line comment stays at the end of its
///   line, an own-line comment on its own line before what followed it, a
///   block comment inside a line inline. An interpolated string whose source
///   holds `/*` is kept as written, since a comment inside an interpolation
///   is not in the file's comment list.
///
/// Named `RulesFormatter`, not `Formatter`, so it never clashes with
/// Foundation's `Formatter` in files that import both.
package enum RulesFormatter {
    /// The line width the printer fits lines in, in display columns. Strings
    /// and comments are never split, so a line holding a long one may exceed it.
    package static let lineWidth = 100

    /// Formats one source file, or returns its diagnostics when it has a syntax error.
    package static func format(_ source: SourceFile) -> FormatResult {
        let (file, diagnostics) = Parser.parse(source)
        if diagnostics.contains(where: { $0.severity == .error }) { return .refused(diagnostics) }
        let doc = DocBuilder(bytes: source.bytes, comments: file.comments)
        Layout(doc: doc, source: source).file(file)
        return .formatted(Printer(width: lineWidth).print(doc.tokens))
    }

    /// Formats text as if read from `path` (used in diagnostics).
    package static func format(_ text: String, path: String = "<input>") -> FormatResult {
        var files = SourceMap()
        return format(files.add(path: path, bytes: Array(text.utf8)))
    }
}
