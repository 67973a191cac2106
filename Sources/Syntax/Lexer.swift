import Diagnostics

/// A hand-written lexer over UTF-8 bytes (no regular expressions). Pure: it
/// reports nothing, storing problems as token flags. Comments are collected
/// on the side for the formatter and for rule descriptions.
public struct Lexer: Sendable {
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var position: Int
    /// Comments seen so far, in order.
    public private(set) var comments: [Comment] = []
    /// Start of a block comment that never closes (it runs to the end of the file).
    public private(set) var unterminatedCommentStart: Int? = nil
    private var sawLineBreak = true

    public init(bytes: [UInt8], start: Int = 0) {
        self.bytes = bytes
        var p = start
        if p == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { p = 3 }
        self.position = p
    }

    /// The next token (comments and whitespace skipped).
    public mutating func next() -> Token {
        var flags = skipTrivia()
        let start = position
        guard position < bytes.count else { return Token(kind: .endOfFile, start: UInt32(start), end: UInt32(start), flags: flags) }
        let c = bytes[position]
        var kind: TokenKind
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            position += 1
            while position < bytes.count && isWordByte(bytes[position]) { position += 1 }
            kind = .word
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = lexNumberOrDate(&flags)
        case UInt8(ascii: "\""):
            lexString(&flags)
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
        case UInt8(ascii: "?"):
            position += 1
            if peek(0) == UInt8(ascii: "?") { position += 1; kind = .coalesce } else { kind = .question }
        case UInt8(ascii: "="):
            position += 1
            if peek(0) == UInt8(ascii: "=") { position += 1; kind = .equal } else { kind = .assign }
        case UInt8(ascii: "!"):
            position += 1
            if peek(0) == UInt8(ascii: "=") { position += 1; kind = .notEqual } else { kind = .unknown }
        case UInt8(ascii: "<"):
            position += 1
            if peek(0) == UInt8(ascii: "=") { position += 1; kind = .lessEqual } else { kind = .less }
        case UInt8(ascii: ">"):
            position += 1
            if peek(0) == UInt8(ascii: "=") { position += 1; kind = .greaterEqual } else { kind = .greater }
        default:
            // One whole character, so "unexpected character `ệ`" names it.
            position += max(1, utf8SequenceLength(at: position))
            kind = .unknown
        }
        return Token(kind: kind, start: UInt32(start), end: UInt32(position), flags: flags)
    }

    /// A rule id (`KL81-3.5-WW-01`), lexed only where the grammar expects one.
    /// Falls back to an ordinary token when none starts here.
    public mutating func nextRuleID() -> Token {
        let flags = skipTrivia()
        let start = position
        guard position < bytes.count, isAlnum(bytes[position]) else { return next() }
        while position < bytes.count {
            let b = bytes[position]
            if isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || (b == UInt8(ascii: ".") && position + 1 < bytes.count && isAlnum(bytes[position + 1])) {
                position += 1
            } else {
                break
            }
        }
        return Token(kind: .ruleID, start: UInt32(start), end: UInt32(position), flags: flags)
    }

    // MARK: - Trivia

    /// Skips whitespace and comments; returns `.atLineStart` when a line break
    /// (or the start of the file) came before the next token.
    private mutating func skipTrivia() -> Token.Flags {
        var flags: Token.Flags = sawLineBreak || position == 0 ? [.atLineStart] : []
        sawLineBreak = false
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x20 || c == 0x09 {
                position += 1
            } else if c == 0x0A || c == 0x0D {
                position += 1
                flags.insert(.atLineStart)
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                let start = position
                let isDoc = peek(2) == UInt8(ascii: "/") && peek(3) != UInt8(ascii: "/")
                while position < bytes.count && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
                comments.append(Comment(kind: isDoc ? .doc : .line, start: UInt32(start), end: UInt32(position), isOwnLine: flags.contains(.atLineStart)))
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var closed = false
                while position < bytes.count {
                    if bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        position += 2
                        closed = true
                        break
                    }
                    position += 1
                }
                comments.append(Comment(kind: .block, start: UInt32(start), end: UInt32(position), isOwnLine: flags.contains(.atLineStart)))
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
        // A date: exactly DDDD-DD-DD, not followed by a word character.
        if position + 10 <= bytes.count, isDigits(start, 4), bytes[start + 4] == UInt8(ascii: "-"), isDigits(start + 5, 2),
            bytes[start + 7] == UInt8(ascii: "-"), isDigits(start + 8, 2),
            position + 10 == bytes.count || !isWordByte(bytes[start + 10])
        {
            position += 10
            if CivilDate(text: bytes[start..<position]) == nil { flags.insert(.badDate) }
            return .date
        }
        func digits() {
            var lastUnderscore = false
            var any = false
            while position < bytes.count {
                let b = bytes[position]
                if b >= 0x30 && b <= 0x39 {
                    any = true
                    lastUnderscore = false
                } else if b == UInt8(ascii: "_") && any {
                    lastUnderscore = true
                } else {
                    break
                }
                position += 1
            }
            if lastUnderscore || !any { flags.insert(.badNumber) }
        }
        digits()
        if peek(0) == UInt8(ascii: "."), let d = peek(1), d >= 0x30 && d <= 0x39 {
            position += 1
            digits()
        }
        if peek(0) == UInt8(ascii: "e") || peek(0) == UInt8(ascii: "E") {
            let save = position
            position += 1
            if peek(0) == UInt8(ascii: "+") || peek(0) == UInt8(ascii: "-") { position += 1 }
            if let d = peek(0), d >= 0x30 && d <= 0x39 {
                digits()
            } else {
                position = save + 1
                flags.insert(.badNumber)
            }
        }
        // `12abc`: the number runs into a word.
        if let b = peek(0), isWordByte(b) {
            while position < bytes.count && isWordByte(bytes[position]) { position += 1 }
            flags.insert(.badNumber)
        }
        return .number
    }

    /// Scans a string literal, including `{expr}` interpolations (which may
    /// hold strings of their own), up to its closing quote.
    private mutating func lexString(_ flags: inout Token.Flags) {
        position += 1
        while position < bytes.count {
            let c = bytes[position]
            switch c {
            case UInt8(ascii: "\""):
                position += 1
                return
            case 0x0A, 0x0D:
                flags.insert(.unterminated)
                return
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
                        while let h = peek(0), isHex(h) { position += 1; n += 1 }
                        if peek(0) == UInt8(ascii: "}") && n >= 1 && n <= 6 { position += 1 } else { flags.insert(.badEscape) }
                    } else {
                        flags.insert(.badEscape)
                    }
                default:
                    flags.insert(.badEscape)
                }
            case UInt8(ascii: "{"):
                if peek(1) == UInt8(ascii: "{") {
                    position += 2
                } else {
                    flags.insert(.interpolated)
                    position += 1
                    skipInterpolation(&flags)
                }
            case UInt8(ascii: "}"):
                position += peek(1) == UInt8(ascii: "}") ? 2 : 1
            case 0x80...:
                let n = utf8SequenceLength(at: position)
                if n == 0 {
                    flags.insert(.badUTF8)
                    position += 1
                } else {
                    position += n
                }
            default:
                position += 1
            }
        }
        flags.insert(.unterminated)
    }

    /// Skips `expr}` inside a string; nested braces and strings are balanced.
    private mutating func skipInterpolation(_ flags: inout Token.Flags) {
        var depth = 1
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x0A || c == 0x0D { return }
            if c == UInt8(ascii: "\"") {
                lexString(&flags)
                continue
            }
            if c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    position += 1
                    return
                }
            }
            position += 1
        }
    }

    // MARK: - Bytes

    @inline(__always) private func peek(_ k: Int) -> UInt8? {
        position + k < bytes.count ? bytes[position + k] : nil
    }

    private func isDigits(_ at: Int, _ n: Int) -> Bool {
        for i in at..<(at + n) where !(bytes[i] >= 0x30 && bytes[i] <= 0x39) { return false }
        return true
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 if invalid.
    private func utf8SequenceLength(at i: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < bytes.count && bytes[i + k] & 0xC0 == 0x80 }
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

@inline(__always) func isAlnum(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
}

@inline(__always) func isHex(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
}

/// Offset of the first invalid UTF-8 byte, or nil when the text is valid.
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
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
