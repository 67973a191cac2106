import Diagnostics
import Syntax

/// Builds the token stream for one file and weaves the file's comments into
/// it. The layout emits tokens with the source offsets they came from; the
/// builder puts each comment back where it was relative to those tokens:
///
/// - an end-of-line comment (code before it on its line, nothing after)
///   goes right after the token it followed, at the end of that line;
/// - an own-line comment goes on its own line before the next token, keeping
///   a blank line above or below it when the author left one;
/// - a block comment between two tokens of a line stays inline before the next.
///
/// Layouts that reorder parts (a rule's `hint` moves above its `require`)
/// restrict flushing to a window of source offsets, so comments move with
/// the part they sit in.
final class DocBuilder {
    private(set) var tokens: [DocToken] = []
    private let bytes: [UInt8]
    private let comments: [Comment]
    private var isEmitted: [Bool]
    /// First comment not yet emitted (every one before it is).
    private var firstPending = 0
    /// Index of the last text token, where end-of-line comments go.
    private var lastTextIndex: Int? = nil
    /// Offset ranges comments may currently be flushed from, innermost last.
    private var windows: [Range<UInt32>] = [0..<UInt32.max]
    private var commentAtStart: [UInt32: Int] = [:]
    private var commentAtEnd: [UInt32: Int] = [:]
    /// For each comment: only comments lie between it and the end of its line.
    private var endsLine: [Bool] = []
    /// End-of-line comments by the end of the token they follow.
    private var trailing: [UInt32: [Int]] = [:]

    /// A builder for a file's bytes and comments (in source order); pass no
    /// comments for text that has none, such as an interpolation.
    init(bytes: [UInt8], comments: [Comment]) {
        self.bytes = bytes
        self.comments = comments
        self.isEmitted = Array(repeating: false, count: comments.count)
        for (i, c) in comments.enumerated() {
            commentAtStart[c.start] = i
            commentAtEnd[c.end] = i
        }
        for (i, c) in comments.enumerated() {
            endsLine.append(isFollowedByLineBreak(c))
            if !c.isOwnLine && endsLine[i] { trailing[previousTokenEnd(before: c.start), default: []].append(i) }
        }
    }

    // MARK: - Tokens

    /// Appends text that came from `start..<end` in the source: comments
    /// before `start` come first, end-of-line comments after `end` follow.
    func text(_ s: String, at start: UInt32? = nil, end: UInt32? = nil) {
        if let start { flushComments(before: start) }
        tokens.append(.text(s))
        lastTextIndex = tokens.count - 1
        if let end { flushTrailingComments(after: end) }
    }

    /// Appends a keyword or punctuation written at `start` in the source.
    func word(_ s: String, at start: UInt32) {
        text(s, at: start, end: start + UInt32(s.utf8.count))
    }

    /// Appends a `.space`.
    func space() { tokens.append(.space) }
    /// Appends a `.softBreak`: a line break if the group breaks, else `spaces` spaces.
    func softBreak(_ spaces: Int = 1) { tokens.append(.softBreak(spaces: spaces)) }
    /// Appends a `.fillBreak`: a line break only if what follows does not fit.
    func fillBreak(_ spaces: Int = 1) { tokens.append(.fillBreak(spaces: spaces)) }
    /// Appends a forced line break, and a blank line when `blank`.
    func newline(blank: Bool = false) { tokens.append(.newline(blank: blank)) }
    /// Opens a group (see `DocToken.open`).
    func open() { tokens.append(.open) }
    /// Closes the innermost group.
    func close() { tokens.append(.close) }
    /// Indents the lines that start from here by `n` more columns.
    func indent(_ n: Int) { tokens.append(.indent(n)) }
    /// Undoes the innermost `indent`.
    func dedent() { tokens.append(.dedent) }

    /// Runs `body` with comment flushing restricted to `range`, then flushes
    /// what is left in it, so no comment of the range ends up elsewhere.
    func withWindow(_ range: Range<UInt32>, _ body: () -> Void) {
        let outer = windows.last!
        let lo = max(range.lowerBound, outer.lowerBound)
        let hi = max(lo, min(range.upperBound, outer.upperBound))
        windows.append(lo..<hi)
        body()
        flushComments(before: hi, isAtEnd: true)
        windows.removeLast()
    }

    /// Emits every comment not emitted yet (at the end of the file).
    func finish() {
        flushComments(before: UInt32.max, isAtEnd: true)
    }

    // MARK: - Comments

    /// Emits the pending comments of the current window that start before
    /// `offset`: before the next text, or after the last one when `isAtEnd`.
    func flushComments(before offset: UInt32, isAtEnd: Bool = false) {
        let window = windows.last!
        var i = firstPending
        while i < comments.count && comments[i].start < offset {
            if !isEmitted[i] && window.contains(comments[i].start) { emitComment(i, beforeNextText: !isAtEnd) }
            i += 1
        }
        while firstPending < comments.count && isEmitted[firstPending] { firstPending += 1 }
    }

    /// Emits the end-of-line comments that follow a token ending at `end`.
    private func flushTrailingComments(after end: UInt32) {
        guard let list = trailing[end] else { return }
        for i in list where !isEmitted[i] { emitComment(i, beforeNextText: false) }
        while firstPending < comments.count && isEmitted[firstPending] { firstPending += 1 }
    }

    /// The end of the end-of-line comments that follow a token ending at
    /// `end`, or `end` when there are none (so a window can include them).
    func endOfTrailingComments(after end: UInt32) -> UInt32 {
        guard let list = trailing[end] else { return end }
        return list.map { comments[$0].end }.max() ?? end
    }

    private func emitComment(_ i: Int, beforeNextText: Bool) {
        isEmitted[i] = true
        let c = comments[i]
        let token = commentToken(c)
        if !c.isOwnLine && (endsLine[i] || !beforeNextText) {
            // At the end of the line of the last text written.
            let at = lastTextIndex.map { $0 + 1 } ?? tokens.count
            tokens.insert(contentsOf: [.space, token], at: at)
            lastTextIndex = at + 1
            return
        }
        // Before the next text, but outside the groups about to open for it,
        // so a comment does not force them to break.
        var at = tokens.count
        while at > 0, case .open = tokens[at - 1] { at -= 1 }
        var inserted: [DocToken] = [c.isOwnLine ? .newline(blank: hasBlankLine(before: c.start)) : .space]
        inserted.append(token)
        if endsLine[i] {
            inserted.append(.newline(blank: hasBlankLine(after: c.end)))
        } else if !isClosingBracket(at: nextTokenStart(after: c.end)) {
            inserted.append(.space)
        }
        tokens.insert(contentsOf: inserted, at: at)
        lastTextIndex = at + 1
    }

    /// The comment's text as the printer writes it: line comments without
    /// trailing blanks, block comments with `\r\n` made `\n`.
    private func commentToken(_ c: Comment) -> DocToken {
        var s = String(decoding: bytes[Int(c.start)..<Int(c.end)], as: UTF8.self)
        switch c.kind {
        case .line, .doc:
            while let last = s.unicodeScalars.last, last == " " || last == "\t" || last == "\r" { s.unicodeScalars.removeLast() }
            return .lineComment(s, width: displayWidth(s.utf8))
        case .block:
            s = s.replacingCRLF()
            return s.contains("\n") ? .verbatim(s) : .text(s)
        }
    }

    // MARK: - Source positions

    /// The offset just past the token before `offset`, skipping blanks and comments.
    func previousTokenEnd(before offset: UInt32) -> UInt32 {
        var p = Int(min(offset, UInt32(bytes.count)))
        while p > 0 {
            let b = bytes[p - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                p -= 1
            } else if let c = commentAtEnd[UInt32(p)] {
                p = Int(comments[c].start)
            } else {
                break
            }
        }
        return UInt32(p)
    }

    /// The offset of the token after `offset`, skipping blanks and comments.
    func nextTokenStart(after offset: UInt32) -> UInt32 {
        var p = Int(offset)
        while p < bytes.count {
            let b = bytes[p]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                p += 1
            } else if let c = commentAtStart[UInt32(p)] {
                p = Int(comments[c].end)
            } else {
                break
            }
        }
        return UInt32(p)
    }

    /// Whether a comment on a line of its own starts in `range`.
    func hasOwnLineComment(in range: Range<UInt32>) -> Bool {
        comments.contains { $0.isOwnLine && range.contains($0.start) }
    }

    /// Whether the blanks just before `offset` hold an empty line.
    func hasBlankLine(before offset: UInt32) -> Bool {
        var p = Int(min(offset, UInt32(bytes.count)))
        var lines = 0
        while p > 0 {
            let b = bytes[p - 1]
            if b == 0x0A || (b == 0x0D && (p >= bytes.count || bytes[p] != 0x0A)) {
                lines += 1
            } else if b != 0x20 && b != 0x09 && b != 0x0D {
                break
            }
            p -= 1
        }
        return p > 0 && lines >= 2
    }

    /// Whether the blanks just after `offset` hold an empty line (and some text follows).
    func hasBlankLine(after offset: UInt32) -> Bool {
        var p = Int(offset)
        var lines = 0
        while p < bytes.count {
            let b = bytes[p]
            if b == 0x0A || (b == 0x0D && (p + 1 >= bytes.count || bytes[p + 1] != 0x0A)) {
                lines += 1
            } else if b != 0x20 && b != 0x09 && b != 0x0D {
                break
            }
            p += 1
        }
        return p < bytes.count && lines >= 2
    }

    private func isClosingBracket(at offset: UInt32) -> Bool {
        guard Int(offset) < bytes.count else { return false }
        let b = bytes[Int(offset)]
        return b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
    }

    /// Whether only blanks and comments lie between the comment and the end of its line.
    private func isFollowedByLineBreak(_ c: Comment) -> Bool {
        var p = Int(c.end)
        while p < bytes.count {
            let b = bytes[p]
            if b == 0x0A || b == 0x0D { return true }
            if b == 0x20 || b == 0x09 {
                p += 1
            } else if let next = commentAtStart[UInt32(p)] {
                p = Int(comments[next].end)
            } else {
                return false
            }
        }
        return true
    }
}

extension String {
    /// The text with every `\r\n` (and lone `\r`) made `\n`.
    func replacingCRLF() -> String {
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        let b = Array(utf8)
        var i = 0
        while i < b.count {
            if b[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b[i])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
