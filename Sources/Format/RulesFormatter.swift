import Diagnostics
import Syntax

/// What formatting a file gave: its canonical text, or the parse errors
/// that kept it from being formatted.
public enum FormatResult: Sendable {
    /// The canonical text (UTF-8, `\n` line ends, a final newline).
    case formatted(String)
    /// The file does not parse: these are its diagnostics (errors and any
    /// warnings), in source order. A file that does not parse is never formatted.
    case refused([Diagnostic])

    /// The canonical text, or nil when the file was refused.
    public var text: String? {
        if case .formatted(let t) = self { return t }
        return nil
    }

    /// The diagnostics of a refused file; empty when it was formatted.
    public var diagnostics: [Diagnostic] {
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
/// Named `RulesFormatter`, not `Formatter`, so it never clashes with
/// Foundation's `Formatter` in files that import both.
public enum RulesFormatter {
    /// The line width the printer fits lines in, in display columns. Strings
    /// and comments are never split, so a line holding a long one may exceed it.
    public static let lineWidth = 100

    /// Formats one source file, or returns its diagnostics when it has a syntax error.
    public static func format(_ source: SourceFile) -> FormatResult {
        let (file, diagnostics) = Parser.parse(source)
        if diagnostics.contains(where: { $0.severity == .error }) { return .refused(diagnostics) }
        let doc = DocBuilder(bytes: source.bytes, comments: file.comments)
        Layout(doc: doc, source: source).file(file)
        return .formatted(Printer(width: lineWidth).print(doc.tokens))
    }

    /// Formats text as if read from `path` (used in diagnostics).
    public static func format(_ text: String, path: String = "<input>") -> FormatResult {
        var files = SourceMap()
        return format(files.add(path: path, bytes: Array(text.utf8)))
    }
}
