/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }
    /// Orders severities from `note` (lowest) to `error`.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A stable, documented, grep-able code: E1xxx lex/parse, E2xxx names/types,
/// E3xxx JSON and dossier input, E4xxx command line and files, Wxxxx warnings.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as written, e.g. `E1010`.
    public var rawValue: String
    /// Creates a code from its text.
    package init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates a code from a string literal such as `"E1010"`.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The code's text.
    public var description: String { rawValue }
}

/// A span with an optional short text shown beside its underline.
package struct Label: Sendable, Hashable {
    /// The range to underline.
    package var span: Span
    /// Text shown beside the underline in each language, or nil for none.
    package var localizedText: LocalizedText?
    /// The text in English (tests and machine output); see `localizedText`.
    package var text: String? { localizedText?.en }
    /// Creates a label for `span`, with optional text that reads the same in both languages.
    package init(_ span: Span, _ text: String? = nil) {
        self.span = span
        self.localizedText = text.map { LocalizedText(verbatim: $0) }
    }
    /// Creates a label for `span` with text from the message catalogue.
    package init(_ span: Span, _ text: LocalizedText?) {
        self.span = span
        self.localizedText = text
    }
}

/// One problem found in a source: a one-line message (lowercase, no final
/// period, names in backticks), where it is, and how to fix it. The texts
/// are kept in both languages; the renderer picks one (`--lang`).
public struct Diagnostic: Sendable, Hashable {
    /// The stable code identifying the kind of problem.
    public var code: DiagnosticCode
    /// How serious the problem is.
    public var severity: Severity
    /// The message in both languages: lowercase, no final period, names in backticks.
    package var messageText: LocalizedText
    /// The main place of the problem.
    package var primary: Label
    /// Other places that explain this one ("first declared here").
    package var secondary: [Label]
    /// Extra remarks shown after the source excerpt (`= note: …`), in both languages.
    package var noteTexts: [LocalizedText]
    /// How to fix it, e.g. "did you mean `mentions`?", in both languages.
    package var helpText: LocalizedText?

    /// The message in English.
    public var message: String { messageText.en }
    /// The notes in English.
    public var notes: [String] { noteTexts.map(\.en) }
    /// The help in English.
    public var help: String? { helpText?.en }

    /// Creates a diagnostic whose texts come from the message catalogue.
    package init(
        _ code: DiagnosticCode, _ severity: Severity = .error, _ message: LocalizedText, at primary: Label,
        secondary: [Label] = [], notes: [LocalizedText] = [], help: LocalizedText? = nil
    ) {
        self.code = code
        self.severity = severity
        self.messageText = message
        self.primary = primary
        self.secondary = secondary
        self.noteTexts = notes
        self.helpText = help
    }

    /// Creates a diagnostic whose texts read the same in both languages (not
    /// yet in the catalogue).
    package init(
        _ code: DiagnosticCode, _ severity: Severity = .error, _ message: String, at primary: Label,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) {
        self.init(code, severity, LocalizedText(verbatim: message), at: primary, secondary: secondary,
                  notes: notes.map { LocalizedText(verbatim: $0) }, help: help.map { LocalizedText(verbatim: $0) })
    }

    /// Creates an error whose primary label covers `span`.
    package static func error(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .error, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    /// Creates an error with catalogue texts whose primary label covers `span`.
    package static func error(
        _ code: DiagnosticCode, _ message: LocalizedText, at span: Span, label: LocalizedText? = nil,
        secondary: [Label] = [], notes: [LocalizedText] = [], help: LocalizedText? = nil
    ) -> Diagnostic {
        Diagnostic(code, .error, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    /// Creates a warning whose primary label covers `span`.
    package static func warning(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .warning, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    /// Creates a warning with catalogue texts whose primary label covers `span`.
    package static func warning(
        _ code: DiagnosticCode, _ message: LocalizedText, at span: Span, label: LocalizedText? = nil,
        secondary: [Label] = [], notes: [LocalizedText] = [], help: LocalizedText? = nil
    ) -> Diagnostic {
        Diagnostic(code, .warning, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    /// The primary label's span.
    package var span: Span { primary.span }
}

/// Collects diagnostics as go/scanner's `ErrorList` does: add them as they
/// are found (never stop at the first error), then `sort` them by file and
/// position and `removeDuplicates` before reporting.
package struct DiagnosticBag: Sendable {
    /// The diagnostics, in the order added until `sort` is called.
    package private(set) var diagnostics: [Diagnostic] = []
    /// Creates an empty bag.
    package init() {}

    /// Adds one diagnostic.
    package mutating func add(_ d: Diagnostic) { diagnostics.append(d) }
    /// Adds diagnostics in order.
    package mutating func add(contentsOf ds: [Diagnostic]) { diagnostics.append(contentsOf: ds) }

    /// Whether any diagnostic is an error.
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// Number of errors.
    package var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// Number of warnings.
    package var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Sorts by file, then start offset, keeping the order added for ties.
    package mutating func sort() { diagnostics = Self.sorted(diagnostics) }

    /// Drops a diagnostic identical to an earlier one (same code, severity,
    /// message, labels, notes and help): two passes that find the same fault
    /// report it once.
    package mutating func removeDuplicates() {
        var seen = Set<Diagnostic>()
        diagnostics.removeAll { !seen.insert($0).inserted }
    }

    /// `ds` sorted by file, then start offset, keeping input order for ties.
    package static func sorted(_ ds: [Diagnostic]) -> [Diagnostic] {
        ds.enumerated().sorted { a, b in
            let x = a.element.span, y = b.element.span
            if x.file != y.file { return x.file < y.file }
            if x.start != y.start { return x.start < y.start }
            return a.offset < b.offset
        }.map(\.element)
    }
}
