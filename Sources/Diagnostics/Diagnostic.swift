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
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A stable, documented, grep-able code: E1xxx lex/parse, E2xxx names/types,
/// E3xxx JSON and dossier input, E4xxx command line and files, Wxxxx warnings.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// A span with an optional short text shown beside its underline.
public struct Label: Sendable, Hashable {
    public var span: Span
    public var text: String?
    public init(_ span: Span, _ text: String? = nil) {
        self.span = span
        self.text = text
    }
}

/// One problem found in a source: a one-line message (lowercase, no final
/// period, names in backticks), where it is, and how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var primary: Label
    /// Other places that explain this one ("first declared here").
    public var secondary: [Label]
    public var notes: [String]
    /// How to fix it, e.g. "did you mean `mentions`?".
    public var help: String?

    public init(
        _ code: DiagnosticCode, _ severity: Severity = .error, _ message: String, at primary: Label,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.primary = primary
        self.secondary = secondary
        self.notes = notes
        self.help = help
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .error, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String? = nil,
        secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .warning, message, at: Label(span, label), secondary: secondary, notes: notes, help: help)
    }

    public var span: Span { primary.span }
}

/// Accumulates diagnostics; never throws on the first error.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}

    public mutating func add(_ d: Diagnostic) { diagnostics.append(d) }
    public mutating func add(contentsOf ds: [Diagnostic]) { diagnostics.append(contentsOf: ds) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Sorted by file, then position, then code; stable for equal keys.
    public func sorted() -> [Diagnostic] { Self.sorted(diagnostics) }

    public static func sorted(_ ds: [Diagnostic]) -> [Diagnostic] {
        ds.enumerated().sorted { a, b in
            let x = a.element.span, y = b.element.span
            if x.file != y.file { return x.file < y.file }
            if x.start != y.start { return x.start < y.start }
            return a.offset < b.offset
        }.map(\.element)
    }
}
