import Base
import Diagnostics

/// A hand-written lexer over UTF-8 bytes (no regular expressions). Pure: it
/// reports nothing, storing problems as token flags. Comments are collected
/// on the side for the formatter and for rule descriptions.
package struct Lexer: Sendable {
    /// The file's bytes (token offsets index into it).
    package let bytes: [UInt8]
    /// Offset where lexing stops, as if the file ended there (the closing
    /// quote of a string, when lexing one of its interpolations).
    package let limit: Int
    /// Offset of the next byte to read.
    package private(set) var position: Int
    /// Comments seen so far, in order.
    package private(set) var comments: [Comment] = []
    /// Start of a block comment that never closes (it runs to the end of the file).
    package private(set) var unterminatedCommentStart: Int? = nil
    /// Strings are JSON strings (RFC 8259 escapes, no interpolation), as in
    /// the object after `given`. Set by the parser.
    var readsJSONStrings = false
    private var sawLineBreak = true

    /// A lexer over `bytes[start..<limit]` (`limit` defaults to the end).
    /// A byte-order mark at offset 0 is skipped.
    package init(bytes: [UInt8], start: Int = 0, limit: Int? = nil) {
        self.bytes = bytes
        self.limit = min(limit ?? bytes.count, bytes.count)
        var p = start
        if p == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { p = 3 }
        self.position = p
    }

    /// The next token (comments and whitespace skipped).
    package mutating func next() -> Token {
        nextToken(flags: skipTrivia())
    }

    /// The token at `position`, trivia already skipped.
    private mutating func nextToken(flags initial: Token.Flags) -> Token {
        var flags = initial
        let start = position
        guard position < limit else { return Token(kind: .endOfFile, start: UInt32(start), end: UInt32(start), flags: flags) }
        let c = bytes[position]
        var kind: TokenKind
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            position += 1
            while position < limit && isWordByte(bytes[position]) { position += 1 }
            // `và`, `dự_án`: a word with non-ASCII letters is one unknown
            // token, so the error names the whole word.
            kind = skipNonASCIIWord() ? .unknown : .word
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = lexNumberOrDate(&flags)
        case UInt8(ascii: "\""):
            if readsJSONStrings { lexJSONString(&flags) } else { lexString(&flags) }
            kind = .string
        case UInt8(ascii: "`") where !readsJSONStrings:
            lexRawString(&flags)
            kind = .string
        case UInt8(ascii: "{"): position += 1; kind = .lbrace
        case UInt8(ascii: "}"): position += 1; kind = .rbrace
        case UInt8(ascii: "("): position += 1; kind = .lparen
        case UInt8(ascii: ")"): position += 1; kind = .rparen
        case UInt8(ascii: "["): position += 1; kind = .lbracket
        case UInt8(ascii: "]"): position += 1; kind = .rbracket
        case UInt8(ascii: ","): position += 1; kind = .comma
        case UInt8(ascii: ":"): position += 1; kind = .colon
        case UInt8(ascii: "."): position += 1; kind = .dot
        case UInt8(ascii: "+"): position += 1; kind = .plus
        case UInt8(ascii: "-"): position += 1; kind = .minus
        case UInt8(ascii: "*"): position += 1; kind = .star
        case UInt8(ascii: "/"): position += 1; kind = .slash
        case UInt8(ascii: "?"): kind = oneOrTwo(UInt8(ascii: "?"), .coalesce, else: .question)
        case UInt8(ascii: "="): kind = oneOrTwo(UInt8(ascii: "="), .equal, else: .assign)
        case UInt8(ascii: "!"): kind = oneOrTwo(UInt8(ascii: "="), .notEqual, else: .unknown)
        case UInt8(ascii: "<"): kind = oneOrTwo(UInt8(ascii: "="), .lessEqual, else: .less)
        case UInt8(ascii: ">"): kind = oneOrTwo(UInt8(ascii: "="), .greaterEqual, else: .greater)
        default:
            // One whole character, so "unexpected character `ệ`" names it,
            // or a whole word when it is a letter (`đất`).
            if !skipNonASCIIWord() { position += max(1, utf8SequenceLength(at: position)) }
            kind = .unknown
        }
        return Token(kind: kind, start: UInt32(start), end: UInt32(position), flags: flags)
    }

    /// Steps over an operator's first byte, and its second when it is
    /// `second`: `?` or `??`, `<` or `<=`, ….
    private mutating func oneOrTwo(_ second: UInt8, _ long: TokenKind, else short: TokenKind) -> TokenKind {
        position += 1
        guard peek(0) == second else { return short }
        position += 1
        return long
    }

    /// A rule id (`KL81-3.5-WW-01`), lexed only where the grammar expects one.
    /// Falls back to an ordinary token when none starts here.
    package mutating func nextRuleID() -> Token {
        let flags = skipTrivia()
        let start = position
        guard position < limit, isAlnum(bytes[position]) else { return nextToken(flags: flags) }
        while position < limit {
            let b = bytes[position]
            if isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || (b == UInt8(ascii: ".") && position + 1 < limit && isAlnum(bytes[position + 1])) {
                position += 1
            } else {
                break
            }
        }
        return Token(kind: .ruleID, start: UInt32(start), end: UInt32(position), flags: flags)
    }

    /// Skips the rest of a word that has non-ASCII letters (or combining
    /// marks, as in NFD text) at `position`; false when there is none.
    private mutating func skipNonASCIIWord() -> Bool {
        var skipped = false
        while position < limit {
            let b = bytes[position]
            if isWordByte(b) {
                if !skipped { break }
                position += 1
                continue
            }
            guard b >= 0x80 else { break }
            let n = utf8SequenceLength(at: position)
            guard n > 0, let scalar = String(decoding: bytes[position..<(position + n)], as: UTF8.self).unicodeScalars.first else { break }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark:
                position += n
                skipped = true
            default:
                return skipped
            }
        }
        return skipped
    }

    // MARK: - Trivia

    /// Skips whitespace and comments; returns `.atLineStart` when a line break
    /// (or the start of the file) came before the next token.
    private mutating func skipTrivia() -> Token.Flags {
        var flags: Token.Flags = sawLineBreak || position == 0 ? [.atLineStart] : []
        sawLineBreak = false
        while position < limit {
            let c = bytes[position]
            if c == 0x20 || c == 0x09 {
                position += 1
            } else if c == 0x0A || c == 0x0D {
                position += 1
                flags.insert(.atLineStart)
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                let start = position
                let isDoc = peek(2) == UInt8(ascii: "/") && peek(3) != UInt8(ascii: "/")
                while position < limit && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
                comments.append(Comment(kind: isDoc ? .doc : .line, start: UInt32(start), end: UInt32(position), isOwnLine: flags.contains(.atLineStart)))
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var closed = false
                let isOwnLine = flags.contains(.atLineStart)
                while position < limit {
                    if bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        position += 2
                        closed = true
                        break
                    }
                    // A comment spanning lines puts what follows it on a new line.
                    if bytes[position] == 0x0A || bytes[position] == 0x0D { flags.insert(.atLineStart) }
                    position += 1
                }
                comments.append(Comment(kind: .block, start: UInt32(start), end: UInt32(position), isOwnLine: isOwnLine))
                if !closed {
                    flags.insert(.unterminatedComment)
                    unterminatedCommentStart = start
                }
            } else {
                break
            }
        }
        return flags
    }

    // MARK: - Literals

    private mutating func lexNumberOrDate(_ flags: inout Token.Flags) -> TokenKind {
        let start = position
        // A date: `2024-07-09`. `2024-7-9` is lexed as a date too (and flagged),
        // so it is reported rather than silently read as a subtraction.
        if let end = dateShapeEnd(at: start) {
            position = end
            if end - start != 10 || CivilDate(text: bytes[start..<end]) == nil { flags.insert(.badDate) }
            return .date
        }
        func digits() {
            var lastUnderscore = false
            var any = false
            while position < limit {
                let b = bytes[position]
                if isDigit(b) {
                    any = true
                    lastUnderscore = false
                } else if b == UInt8(ascii: "_") && any {
                    if lastUnderscore { flags.insert(.badNumber) }  // `1__0`
                    lastUnderscore = true
                } else {
                    break
                }
                position += 1
            }
            if lastUnderscore || !any { flags.insert(.badNumber) }
        }
        digits()
        if peek(0) == UInt8(ascii: "."), let d = peek(1), isDigit(d) {
            position += 1
            digits()
        }
        if peek(0) == UInt8(ascii: "e") || peek(0) == UInt8(ascii: "E") {
            let save = position
            position += 1
            if peek(0) == UInt8(ascii: "+") || peek(0) == UInt8(ascii: "-") { position += 1 }
            if let d = peek(0), isDigit(d) {
                digits()
            } else {
                position = save + 1
                flags.insert(.badNumber)
            }
        }
        // `12abc`: the number runs into a word.
        if let b = peek(0), isWordByte(b) {
            while position < limit && isWordByte(bytes[position]) { position += 1 }
            flags.insert(.badNumber)
        }
        return .number
    }

    /// The end of `DDDD-D[D]-D[D]` at `start` when not followed by a word
    /// character, else nil.
    private func dateShapeEnd(at start: Int) -> Int? {
        var p = start
        func run(_ minCount: Int, _ maxCount: Int) -> Bool {
            var n = 0
            while n < maxCount && p < limit && isDigit(bytes[p]) {
                p += 1
                n += 1
            }
            return n >= minCount
        }
        func dash() -> Bool {
            guard p < limit && bytes[p] == UInt8(ascii: "-") else { return false }
            p += 1
            return true
        }
        guard run(4, 4), dash(), run(1, 2), dash(), run(1, 2) else { return nil }
        if p < limit && isWordByte(bytes[p]) { return nil }
        return p
    }

    /// Scans a string literal from its opening quote through its closing
    /// quote, including `{expr}` interpolations, which may hold strings (with
    /// interpolations) of their own. Iterative, so deep nesting cannot
    /// overflow the stack. A string never spans lines.
    private mutating func lexString(_ flags: inout Token.Flags) {
        position += 1
        scanStringBody(&flags, braces: [], untilInterpolationCloses: false)
    }

    /// Scans a raw string: from its opening backtick through its closing
    /// one, on one line, taking every byte as written (a regular
    /// expression's `{4}` and `\d` stay as they are).
    private mutating func lexRawString(_ flags: inout Token.Flags) {
        flags.insert(.raw)
        position += 1
        while position < limit {
            let c = bytes[position]
            if c == 0x0A || c == 0x0D { break }
            if c >= 0x80 {
                stepOverNonASCII(&flags)
                continue
            }
            position += 1
            if c == UInt8(ascii: "`") { return }
        }
        flags.insert(.unterminated)
    }

    /// Scans a JSON string: `\" \\ \/ \b \f \n \r \t \uXXXX`, no interpolation.
    private mutating func lexJSONString(_ flags: inout Token.Flags) {
        position += 1
        while position < limit {
            let c = bytes[position]
            if c == 0x0A || c == 0x0D { break }
            if c >= 0x80 {
                stepOverNonASCII(&flags)
                continue
            }
            position += 1
            if c == UInt8(ascii: "\"") { return }
            guard c == UInt8(ascii: "\\") else { continue }
            guard let e = peek(0), e != 0x0A, e != 0x0D else {
                flags.insert(.badEscape)
                continue
            }
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                position += 1
            case UInt8(ascii: "u"):
                position += 1
                var n = 0
                while n < 4, let h = peek(0), isHex(h) {
                    position += 1
                    n += 1
                }
                if n < 4 { flags.insert(.badEscape) }
            default:
                flags.insert(.badEscape)
                position += max(1, utf8SequenceLength(at: position))
            }
        }
        flags.insert(.unterminated)
    }

    /// A place in the input to come back to after reading ahead.
    struct Mark {
        var position: Int
        var commentCount: Int
        var unterminatedCommentStart: Int?
        var sawLineBreak: Bool
    }

    /// The current place, for `reset(to:)`.
    func mark() -> Mark {
        Mark(position: position, commentCount: comments.count, unterminatedCommentStart: unterminatedCommentStart, sawLineBreak: sawLineBreak)
    }

    /// Goes back to `mark`, forgetting the comments seen since. Cheaper than
    /// copying the lexer, whose comment list would be copied on write.
    mutating func reset(to mark: Mark) {
        position = mark.position
        if comments.count > mark.commentCount { comments.removeSubrange(mark.commentCount...) }
        unterminatedCommentStart = mark.unterminatedCommentStart
        sawLineBreak = mark.sawLineBreak
    }

    /// Lexes `token` again from its start (after the string mode changed),
    /// keeping its line-start flag.
    mutating func relex(_ token: Token) -> Token {
        position = Int(token.start)
        var t = next()
        if token.isAtLineStart { t.flags.insert(.atLineStart) }
        return t
    }

    /// The offset just past the `}` that closes the interpolation whose body
    /// starts at `start`, or the offset where the line (or `limit`) ends.
    static func endOfInterpolation(bytes: [UInt8], start: Int, limit: Int) -> Int {
        var lexer = Lexer(bytes: bytes, start: start, limit: limit)
        var flags: Token.Flags = []
        lexer.scanStringBody(&flags, braces: [1], untilInterpolationCloses: true)
        return lexer.position
    }

    /// `braces` holds, for each open interpolation (innermost last), its count
    /// of unclosed `{`; the scan is inside a string when it is empty or when
    /// a nested string is open.
    private mutating func scanStringBody(_ flags: inout Token.Flags, braces initial: [Int], untilInterpolationCloses: Bool) {
        var braces = initial
        var inString = braces.isEmpty
        // Offset of the last `"` on this line, found on first need: a `"` in an
        // interpolation opens a nested string only when another `"` follows.
        var lastQuote: Int? = nil
        while position < limit {
            let c = bytes[position]
            if c == 0x0A || c == 0x0D { break }
            if c >= 0x80 {
                stepOverNonASCII(&flags)
                continue
            }
            if inString {
                switch c {
                case UInt8(ascii: "\""):
                    position += 1
                    if braces.isEmpty { return }
                    inString = false
                case UInt8(ascii: "\\"):
                    position += 1
                    guard let e = peek(0) else { continue }
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"):
                        position += 1
                    case UInt8(ascii: "u"):
                        position += 1
                        if peek(0) == UInt8(ascii: "{") {
                            position += 1
                            var n = 0
                            while let h = peek(0), isHex(h) {
                                position += 1
                                n += 1
                            }
                            if peek(0) == UInt8(ascii: "}") && n >= 1 && n <= 6 { position += 1 } else { flags.insert(.badEscape) }
                        } else {
                            flags.insert(.badEscape)
                        }
                    case 0x0A, 0x0D:
                        flags.insert(.badEscape)
                    default:
                        flags.insert(.badEscape)
                        position += max(1, utf8SequenceLength(at: position))
                    }
                case UInt8(ascii: "{"):
                    if peek(1) == UInt8(ascii: "{") {
                        position += 2
                    } else {
                        flags.insert(.interpolated)
                        position += 1
                        braces.append(1)
                        inString = false
                    }
                case UInt8(ascii: "}"):
                    position += peek(1) == UInt8(ascii: "}") ? 2 : 1
                default:
                    position += 1
                }
            } else {
                switch c {
                case UInt8(ascii: "\""):
                    if lastQuote == nil {
                        var p = position
                        lastQuote = position
                        while p < limit && bytes[p] != 0x0A && bytes[p] != 0x0D {
                            if bytes[p] == UInt8(ascii: "\"") { lastQuote = p }
                            p += 1
                        }
                    }
                    if position < lastQuote! {
                        position += 1
                        inString = true
                    } else {
                        // `"… {x"`: the interpolation lacks its `}`, and this
                        // quote ends the string around it.
                        flags.insert(.unclosedInterpolation)
                        braces.removeLast()
                        inString = true
                        if untilInterpolationCloses && braces.isEmpty { return }
                    }
                case UInt8(ascii: "`"):
                    // A raw string inside an interpolation: its braces and quotes are text.
                    position += 1
                    while position < limit, bytes[position] != UInt8(ascii: "`"), bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                    if position < limit && bytes[position] == UInt8(ascii: "`") { position += 1 }
                case UInt8(ascii: "{"):
                    braces[braces.count - 1] += 1
                    position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    braces[braces.count - 1] -= 1
                    if braces[braces.count - 1] == 0 {
                        braces.removeLast()
                        inString = true
                        if untilInterpolationCloses && braces.isEmpty { return }
                    }
                default:
                    position += 1
                }
            }
        }
        if !untilInterpolationCloses { flags.insert(.unterminated) }
    }

    // MARK: - Bytes

    @inline(__always) private func peek(_ k: Int) -> UInt8? {
        position + k < limit ? bytes[position + k] : nil
    }

    /// Steps over the UTF-8 sequence at `position` inside a string, flagging
    /// it when it is not UTF-8 (then one byte).
    private mutating func stepOverNonASCII(_ flags: inout Token.Flags) {
        let n = utf8SequenceLength(at: position)
        if n == 0 { flags.insert(.badUTF8) }
        position += max(1, n)
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 if invalid.
    private func utf8SequenceLength(at i: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < limit && bytes[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1) && cont(2) else { return 0 }
            if (b0 == 0xE0 && bytes[i + 1] < 0xA0) || (b0 == 0xED && bytes[i + 1] >= 0xA0) { return 0 }
            return 3
        case 0xF0...0xF4:
            guard cont(1) && cont(2) && cont(3) else { return 0 }
            if (b0 == 0xF0 && bytes[i + 1] < 0x90) || (b0 == 0xF4 && bytes[i + 1] >= 0x90) { return 0 }
            return 4
        default: return 0
        }
    }
}

@inline(__always) func isWordByte(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool {
    b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
}

@inline(__always) func isAlnum(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
}

@inline(__always) func isHex(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
}

/// Offset of the first invalid UTF-8 byte at or after `start`, or nil when
/// the rest of the text is valid.
package func firstInvalidUTF8(_ bytes: [UInt8], from start: Int = 0) -> Int? {
    var i = start
    let n = bytes.count
    while i < n {
        let b0 = bytes[i]
        if b0 < 0x80 { i += 1; continue }
        func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
        var len = 0
        switch b0 {
        case 0xC2...0xDF: len = cont(1) ? 2 : 0
        case 0xE0...0xEF:
            if cont(1) && cont(2) && !((b0 == 0xE0 && bytes[i + 1] < 0xA0) || (b0 == 0xED && bytes[i + 1] >= 0xA0)) { len = 3 }
        case 0xF0...0xF4:
            if cont(1) && cont(2) && cont(3) && !((b0 == 0xF0 && bytes[i + 1] < 0x90) || (b0 == 0xF4 && bytes[i + 1] >= 0x90)) { len = 4 }
        default: break
        }
        if len == 0 { return i }
        i += len
    }
    return nil
}
