import Diagnostics

/// The kind of a token. Keywords are contextual, so words are all `.word`;
/// the parser compares their text where the grammar expects a keyword.
package enum TokenKind: UInt8, Sendable {
    case endOfFile
    case word            // [A-Za-z_][A-Za-z0-9_]*
    case ruleID          // [A-Za-z0-9][A-Za-z0-9_.-]*, only when the parser asks for one
    case number
    case string
    case date            // 2024-07-09
    case lbrace, rbrace, lparen, rparen, lbracket, rbracket
    case comma, colon, dot, question
    case plus, minus, star, slash
    case assign          // =
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case coalesce        // ??
    case unknown         // a byte that starts no token
}

/// A token: a kind and a span, with problems stored as flags (rustc_lexer's
/// way): the lexer reports nothing, the parser turns flags into diagnostics.
package struct Token: Sendable, Hashable {
    /// What the token is.
    package var kind: TokenKind
    /// Offset of the token's first byte in its file, starting at 0.
    package var start: UInt32
    /// Offset just past the token's last byte.
    package var end: UInt32
    /// Problems and facts the lexer noted; see `Flags`.
    package var flags: Flags

    /// Per-token flags set by the lexer.
    package struct Flags: OptionSet, Sendable, Hashable {
        /// The flag bits.
        package let rawValue: UInt16
        /// Creates flags from their bits.
        package init(rawValue: UInt16) { self.rawValue = rawValue }
        /// String without its closing quote on its line.
        package static let unterminated = Flags(rawValue: 1 << 0)
        /// String with an unknown escape.
        package static let badEscape = Flags(rawValue: 1 << 1)
        /// String containing `{expr}` interpolation.
        package static let interpolated = Flags(rawValue: 1 << 2)
        /// Number with a malformed exponent, fraction or underscore.
        package static let badNumber = Flags(rawValue: 1 << 3)
        /// Invalid UTF-8 inside the token.
        package static let badUTF8 = Flags(rawValue: 1 << 4)
        /// Date literal that is not a real calendar date.
        package static let badDate = Flags(rawValue: 1 << 5)
        /// Block comment without `*/` before this token.
        package static let unterminatedComment = Flags(rawValue: 1 << 6)
        /// Preceded by a line break (or at the start of the file).
        package static let atLineStart = Flags(rawValue: 1 << 7)
        /// String with an interpolation that lacks its `}` (`"a {x"`): the
        /// closing quote ended the string inside it.
        package static let unclosedInterpolation = Flags(rawValue: 1 << 8)
        /// A raw string in backticks: no escapes, no interpolation.
        package static let raw = Flags(rawValue: 1 << 9)
    }

    /// Whether a line break (or the start of the file) precedes the token.
    package var isAtLineStart: Bool { flags.rawValue & Flags.atLineStart.rawValue != 0 }
}

/// A comment, kept for the formatter and (`///`) for rule descriptions.
package struct Comment: Sendable, Hashable {
    /// `//`, `/* … */`, or a `///` doc comment.
    package enum Kind: Sendable, Hashable { case line, block, doc }
    /// Which form of comment this is.
    package var kind: Kind
    /// Offset of the comment's first byte, starting at 0.
    package var start: UInt32
    /// Offset just past the comment's last byte.
    package var end: UInt32
    /// Preceded by a line break (or at the start of the file): an own-line comment.
    package var isOwnLine: Bool
}
