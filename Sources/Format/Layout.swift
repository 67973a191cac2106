import Diagnostics
import Syntax

/// Turns a parsed file into the printer's token stream: the canonical layout
/// of every construct. Tokens carry the offsets they were written at, so the
/// builder can put the comments back around them.
struct Layout {
    /// Where the tokens go.
    let doc: DocBuilder
    /// The file the tree was parsed from (for text as written, and comments' places).
    let source: SourceFile
    private var bytes: [UInt8] { source.bytes }

    /// Indentation of a block's contents and of continuation lines.
    static let indentWidth = 2

    init(doc: DocBuilder, source: SourceFile) {
        self.doc = doc
        self.source = source
    }

    // MARK: - Files and blocks

    /// Declarations one after the other, with a blank line between them,
    /// except that consecutive `let`/`def` lines keep the author's grouping.
    func file(_ file: RulesFile) {
        var previous: Decl? = nil
        for decl in file.decls {
            if let previous {
                let grouped = isBinding(previous) && isBinding(decl)
                doc.newline(blank: grouped ? doc.hasBlankLine(before: decl.span.start) : true)
            }
            self.decl(decl)
            previous = decl
        }
        doc.finish()
    }

    private func isBinding(_ d: Decl) -> Bool {
        switch d {
        case .let, .def: true
        default: false
        }
    }

    /// One line of a block: where it was written, and its place in the
    /// canonical order (lower `rank` first; source order within a rank).
    struct BlockItem {
        /// Offset of the item's first token.
        var start: UInt32
        /// Offset just past its last token.
        var end: UInt32
        var rank: Int = 0
        /// Emits the item's tokens.
        var emit: () -> Void
    }

    /// `{`, one item per line in canonical order, `}`. A blank line the
    /// author left before an item is kept (one at most); an empty block
    /// without comments is `{}`. Comments travel with the item they are in.
    private func block(open: UInt32, close: UInt32, items: [BlockItem]) {
        doc.word("{", at: open)
        if items.isEmpty && isBlank((open + 1)..<close) {
            doc.word("}", at: close)
            return
        }
        doc.indent(Layout.indentWidth)
        // Each item owns the comments from the end of the item before it (in
        // the source) to its own end, including those ending its last line.
        var windows = [Range<UInt32>](repeating: 0..<0, count: items.count)
        var lo = open + 1
        for k in items.indices.sorted(by: { items[$0].start < items[$1].start }) {
            let hi = max(lo, doc.endOfTrailingComments(after: items[k].end))
            windows[k] = lo..<hi
            lo = hi
        }
        let order = items.indices.sorted { (items[$0].rank, items[$0].start) < (items[$1].rank, items[$1].start) }
        for (n, k) in order.enumerated() {
            doc.newline(blank: n > 0 && doc.hasBlankLine(before: items[k].start))
            doc.withWindow(windows[k]) { items[k].emit() }
        }
        doc.flushComments(before: close)
        doc.dedent()
        doc.newline()
        doc.word("}", at: close)
    }

    /// Whether the source holds only blanks in `range` (so no comment either).
    private func isBlank(_ range: Range<UInt32>) -> Bool {
        bytes[Int(range.lowerBound)..<Int(range.upperBound)].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// An item `KEYWORD value` whose value spans `value`.
    private func keyed(_ keyword: String, _ value: Span, rank: Int, _ emitValue: @escaping () -> Void) -> BlockItem {
        let at = keywordStart(keyword, before: value.start)
        return BlockItem(start: at, end: value.end, rank: rank) {
            doc.word(keyword, at: at)
            doc.space()
            emitValue()
        }
    }

    /// Where the keyword just before `offset` starts (comments may lie between).
    private func keywordStart(_ keyword: String, before offset: UInt32) -> UInt32 {
        let end = doc.previousTokenEnd(before: offset)
        let n = UInt32(keyword.utf8.count)
        guard end >= n, bytes[Int(end - n)..<Int(end)].elementsEqual(keyword.utf8) else { return offset }
        return end - n
    }

    // MARK: - Declarations

    private func decl(_ d: Decl) {
        switch d {
        case .ruleset(let r): ruleset(r)
        case .source(let s): sourceDecl(s)
        case .schema(let s): schema(s)
        case .let(let l): letDecl(l)
        case .def(let f): def(f)
        case .rule(let r): rule(r)
        case .test(let t): test(t)
        case .bad(let span): verbatim(span)
        }
    }

    private func ruleset(_ d: RulesetDecl) {
        doc.word("ruleset", at: d.span.start)
        doc.space()
        name(d.name)
        doc.space()
        var items: [BlockItem] = []
        if let t = d.title { items.append(keyed("title", t.span, rank: 0) { string(t) }) }
        if let v = d.version { items.append(keyed("version", v.span, rank: 1) { string(v) }) }
        if let p = d.dateField, let first = p.first, let last = p.last {
            items.append(keyed("date_field", first.span.merged(with: last.span), rank: 2) { path(p) })
        }
        for line in d.schemaSeverities {
            items.append(keyed("schema_severity", line.kind.span.merged(with: line.severity.span), rank: 3) {
                name(line.kind)
                doc.space()
                name(line.severity)
            })
        }
        block(open: doc.nextTokenStart(after: d.name.span.end), close: d.span.end - 1, items: items)
    }

    /// `source "ID" { title, issued, items }`, the items' texts aligned in a
    /// column (see `itemColumns`); `not_checkable` goes on a line of its own,
    /// indented, when the item does not fit on one.
    private func sourceDecl(_ d: SourceDecl) {
        doc.word("source", at: d.span.start)
        doc.space()
        string(d.name)
        doc.space()
        var items: [BlockItem] = []
        if let t = d.title { items.append(keyed("title", t.span, rank: 0) { string(t) }) }
        if let i = d.issued { items.append(keyed("issued", i.span, rank: 1) { sourceText(i.span) }) }
        let open = doc.nextTokenStart(after: d.name.span.end)
        let columns = itemColumns(d.items, after: open + 1, others: items.map(\.end))
        for (item, column) in zip(d.items, columns) {
            items.append(BlockItem(start: item.span.start, end: item.span.end, rank: 2) {
                doc.open()
                doc.word("item", at: item.span.start)
                doc.space()
                string(item.id)
                doc.text(String(repeating: " ", count: max(1, column - displayWidth(render(item.id).utf8))))
                string(item.text)
                if let v = item.verification { verification(v) }
                if let why = item.notCheckable {
                    doc.indent(Layout.indentWidth)
                    doc.softBreak()
                    doc.word("not_checkable", at: keywordStart("not_checkable", before: why.span.start))
                    doc.space()
                    string(why)
                    doc.dedent()
                }
                doc.close()
                if let points = item.pointsBlock {
                    doc.space()
                    block(open: points.start, close: points.end - 1, items: item.points.map { p in
                        BlockItem(start: p.span.start, end: p.span.end) { point(p) }
                    })
                }
            })
        }
        block(open: open, close: d.span.end - 1, items: items)
    }

    /// `point "ID" "text" [verified | unverified]`.
    private func point(_ p: SourcePoint) {
        doc.word("point", at: p.span.start)
        doc.space()
        string(p.id)
        doc.space()
        string(p.text)
        if let v = p.verification { verification(v) }
    }

    /// ` verified` or ` unverified ["reason"]`, after what it qualifies.
    private func verification(_ v: Verification) {
        doc.space()
        name(v.keyword)
        if let reason = v.reason {
            doc.space()
            string(reason)
        }
    }

    /// `cite "SOURCE" [item "N" [point "P"]]`.
    private func cite(_ c: CiteClause) {
        doc.word("cite", at: c.span.start)
        doc.space()
        string(c.source)
        if let item = c.item {
            doc.space()
            doc.word("item", at: keywordStart("item", before: item.span.start))
            doc.space()
            string(item)
        }
        if let point = c.point {
            doc.space()
            doc.word("point", at: keywordStart("point", before: point.span.start))
            doc.space()
            string(point)
        }
    }

    /// For each item, the column its text starts at, counted from the end of
    /// `item `: one past the widest number among its neighbours. Neighbours
    /// are consecutive items with no blank line or own-line comment before
    /// the second (a comment from the end of whatever came before it in the
    /// source, the part that travels with the item); a number far wider than
    /// the others of its run (`"Phụ lục II"` among `"26a"` and `"32"`) is left
    /// out of the alignment, as gofmt leaves out outliers, so it does not push
    /// every text to the right. `others`: where the source's other lines end.
    private func itemColumns(_ items: [SourceItem], after blockStart: UInt32, others: [UInt32]) -> [Int] {
        let widths = items.map { displayWidth(render($0.id).utf8) }
        let ends = others + items.map(\.span.end)
        func isSeparated(_ item: SourceItem) -> Bool {
            let previousEnd = ends.filter { $0 <= item.span.start }.max() ?? blockStart
            return doc.hasBlankLine(before: item.span.start) || doc.hasOwnLineComment(in: previousEnd..<item.span.start)
        }
        var columns = [Int](repeating: 0, count: items.count)
        var runStart = 0
        for k in 0...items.count {
            let endsRun = k == items.count || (k > 0 && isSeparated(items[k]))
            guard endsRun, k > runStart else { continue }
            let run = runStart..<k
            let sorted = widths[run].sorted()
            let median = sorted[sorted.count / 2]
            let isOutlier = { (w: Int) in w > max(2 * median, median + 4) }
            let column = (widths[run].filter { !isOutlier($0) }.max() ?? 0) + 1
            for i in run { columns[i] = isOutlier(widths[i]) ? widths[i] + 1 : column }
            runStart = k
        }
        return columns
    }

    private func schema(_ d: SchemaDecl) {
        doc.word("schema", at: d.span.start)
        doc.space()
        block(open: doc.nextTokenStart(after: d.span.start + 6), close: d.span.end - 1, items: d.fields.map(fieldItem))
    }

    private func fieldItem(_ f: SchemaField) -> BlockItem {
        BlockItem(start: f.span.start, end: f.span.end) { field(f) }
    }

    /// `name?: type`; a quoted name is unquoted when it is an identifier.
    private func field(_ f: SchemaField) {
        let text = isIdentifier(f.name.text) ? f.name.text : render(plain: f.name.text)
        doc.text(text, at: f.name.span.start, end: f.name.span.end)
        var after = f.name.span.end
        if f.isOptional {
            after = doc.nextTokenStart(after: after)
            doc.word("?", at: after)
            after += 1
        }
        doc.word(":", at: doc.nextTokenStart(after: after))
        doc.space()
        type(f.type)
        if let condition = f.requiredWhen {
            let required = doc.nextTokenStart(after: f.type.span.end)
            doc.space()
            doc.word("required", at: required)
            doc.space()
            doc.word("when", at: doc.nextTokenStart(after: required + 8))
            doc.space()
            expr(condition)
        }
    }

    /// `"high" vi "nguy cơ cao" en "high risk"`: labels in the order vi, en.
    private func enumValue(_ v: EnumValue) {
        string(v.value)
        for lang in ["vi", "en"] {
            guard let l = v.labels.first(where: { $0.lang.text == lang }) else { continue }
            doc.space()
            doc.word(lang, at: l.lang.span.start)
            doc.space()
            string(l.text)
        }
    }

    private func type(_ t: TypeExpr) {
        switch t.kind {
        case .string: doc.word("string", at: t.span.start)
        case .number: doc.word("number", at: t.span.start)
        case .integer: doc.word("integer", at: t.span.start)
        case .bool: doc.word("bool", at: t.span.start)
        case .date: doc.word("date", at: t.span.start)
        case .enumeration(let values):
            doc.word("enum", at: t.span.start)
            // Labelled values stand one per line; bare ones fill the lines.
            delimited(
                "(", at: doc.nextTokenStart(after: t.span.start + 4),
                values.map { v in (v.span, { enumValue(v) }) },
                ")", at: t.span.end - 1, fills: !values.contains { !$0.labels.isEmpty })
        case .list(let element):
            doc.word("[", at: t.span.start)
            type(element)
            doc.word("]", at: t.span.end - 1)
        case .object(let fields):
            block(open: t.span.start, close: t.span.end - 1, items: fields.map(fieldItem))
        case .bad:
            verbatim(t.span)
        }
    }

    /// `let NAME = expr`; a threshold adds its cites, then its
    /// verification, each on a line of its own, indented.
    private func letDecl(_ d: LetDecl) {
        doc.word(d.threshold == nil ? "let" : "threshold", at: d.span.start)
        doc.space()
        name(d.name)
        doc.space()
        doc.word("=", at: doc.nextTokenStart(after: d.name.span.end))
        doc.space()
        expr(d.value)
        guard let t = d.threshold else { return }
        doc.indent(Layout.indentWidth)
        for c in t.cites {
            doc.newline()
            cite(c)
        }
        if let v = t.verification {
            doc.newline()
            name(v.keyword)
            if let reason = v.reason {
                doc.space()
                string(reason)
            }
        }
        doc.dedent()
    }

    private func def(_ d: DefDecl) {
        doc.word("def", at: d.span.start)
        doc.space()
        name(d.name)
        var after = doc.nextTokenStart(after: d.name.span.end)
        doc.word("(", at: after)
        after += 1
        for (k, p) in d.parameters.enumerated() {
            if k > 0 {
                doc.word(",", at: doc.nextTokenStart(after: after))
                doc.space()
            }
            name(p)
            after = p.span.end
        }
        after = doc.nextTokenStart(after: after)
        doc.word(")", at: after)
        doc.space()
        doc.word("=", at: doc.nextTokenStart(after: after + 1))
        doc.space()
        expr(d.body)
    }

    // MARK: - Rules

    /// Metas first (titles, cites, severity, tags, effective, hints, allows; several
    /// of a kind in source order), then `when`, then the body.
    private func rule(_ r: RuleDecl) {
        doc.word("rule", at: r.span.start)
        doc.space()
        name(r.id)
        doc.space()
        var items = r.metas.map { m in BlockItem(start: m.span.start, end: m.span.end, rank: rank(m)) { meta(m) } }
        if let w = r.when {
            items.append(keyed("when", w.span, rank: 7) { expr(w) })
        }
        items += r.body.map { s in BlockItem(start: s.span.start, end: s.span.end, rank: 8) { statement(s) } }
        block(open: doc.nextTokenStart(after: r.id.span.end), close: r.span.end - 1, items: items)
    }

    private func rank(_ m: RuleMeta) -> Int {
        switch m.kind {
        case .title: 0
        case .cite: 1
        case .severity: 2
        case .tags: 3
        case .effective: 4
        case .hint: 5
        case .allow: 6
        }
    }

    private func meta(_ m: RuleMeta) {
        let start = m.span.start
        switch m.kind {
        case .title(let lang, let text), .hint(let lang, let text):
            if case .title = m.kind { doc.word("title", at: start) } else { doc.word("hint", at: start) }
            doc.space()
            if let lang {
                name(lang)
                doc.space()
            }
            string(text)
        case .cite(let c):
            cite(c)
        case .severity(let level):
            doc.word("severity", at: start)
            doc.space()
            name(level)
        case .tags(let tags):
            doc.word("tags", at: start)
            for (k, tag) in tags.enumerated() {
                if k > 0 { doc.word(",", at: doc.nextTokenStart(after: tags[k - 1].span.end)) }
                doc.space()
                name(tag)
            }
        case .effective(let from, let until):
            doc.word("effective", at: start)
            if let from {
                doc.space()
                doc.word("from", at: keywordStart("from", before: from.span.start))
                doc.space()
                sourceText(from.span)
            }
            if let until {
                doc.space()
                doc.word("until", at: keywordStart("until", before: until.span.start))
                doc.space()
                sourceText(until.span)
            }
        case .allow(let what, let reason):
            doc.word("allow", at: start)
            doc.space()
            name(what)
            doc.space()
            string(reason)
        }
    }

    private func statement(_ s: Statement) {
        switch s {
        case .require(let r): require(r)
        case .forEach(let f): forEach(f)
        }
    }

    /// `require cond`, then `else` on the next line, indented, with each
    /// further language on its own line under the first language tag.
    private func require(_ r: RequireStatement) {
        doc.word("require", at: r.span.start)
        doc.space()
        expr(r.condition)
        guard let first = r.messages.first else { return }
        doc.indent(Layout.indentWidth)
        doc.newline()
        doc.word("else", at: keywordStart("else", before: first.lang?.span.start ?? first.text.span.start))
        doc.space()
        message(first)
        doc.indent("else ".count)
        for m in r.messages.dropFirst() {
            doc.newline()
            message(m)
        }
        doc.dedent()
        doc.dedent()
    }

    private func message(_ m: Message) {
        if let lang = m.lang {
            name(lang)
            doc.space()
        }
        string(m.text)
    }

    private func forEach(_ f: ForEachStatement) {
        doc.word("for", at: f.span.start)
        doc.space()
        doc.word("each", at: doc.nextTokenStart(after: f.span.start + 3))
        doc.space()
        name(f.variable)
        if let index = f.index {
            doc.word(",", at: doc.nextTokenStart(after: f.variable.span.end))
            doc.space()
            name(index)
        }
        doc.space()
        collectionAndFilter(f.collection, f.filter, breakBeforeWhere: false)
        doc.space()
        let open = doc.nextTokenStart(after: (f.filter ?? f.collection).span.end)
        block(open: open, close: f.span.end - 1, items: f.body.map { s in BlockItem(start: s.span.start, end: s.span.end) { statement(s) } })
    }

    // MARK: - Tests

    /// `test "name" { given …; expect… }`; the inline dossier stays on one
    /// line when it fits, else one key per line, and so on inwards.
    private func test(_ t: TestDecl) {
        doc.word("test", at: t.span.start)
        doc.space()
        string(t.name)
        doc.space()
        var items: [BlockItem] = []
        switch t.given {
        case .object(let e):
            items.append(keyed("given", e.span, rank: 0) {
                expr(e)
            })
        case .file(let path):
            let fileAt = keywordStart("file", before: path.span.start)
            items.append(keyed("given", Span(file: path.span.file, start: fileAt, end: path.span.end), rank: 0) {
                doc.word("file", at: fileAt)
                doc.space()
                string(path)
            })
        case nil:
            break
        }
        if let i = t.inspectOn {
            items.append(BlockItem(start: i.span.start, end: i.span.end, rank: 1) {
                doc.word("inspect", at: i.span.start)
                doc.space()
                doc.word("on", at: keywordStart("on", before: i.date.span.start))
                doc.space()
                sourceText(i.date.span)
            })
        }
        for e in t.expectations {
            items.append(BlockItem(start: e.span.start, end: e.span.end, rank: 2) { expectation(e) })
        }
        block(open: doc.nextTokenStart(after: t.name.span.end), close: t.span.end - 1, items: items)
    }

    private func expectation(_ e: Expectation) {
        doc.word("expect", at: e.span.start)
        doc.space()
        name(e.rule)
        doc.space()
        name(e.outcome)
        if let at = e.at {
            doc.space()
            doc.word("at", at: keywordStart("at", before: at.span.start))
            doc.space()
            string(at)
        }
    }

    // MARK: - Expressions

    /// An expression. `startsLine`: when its group breaks, the expression
    /// begins its own line (a call argument, a quantifier's condition), so an
    /// `and`/`or` chain needs no continuation indent to show where it belongs.
    func expr(_ e: Expr, startsLine: Bool = false) {
        switch e.kind {
        case .number, .date:
            // As written: `1_000_000` stays readable.
            sourceText(e.span)
        case .string(let s):
            string(s)
        case .bool(let b):
            doc.word(b ? "true" : "false", at: e.span.start)
        case .null:
            doc.word("null", at: e.span.start)
        case .name(let n):
            doc.text(n, at: e.span.start, end: e.span.end)
        case .member(let base, let member):
            expr(base)
            doc.word(".", at: doc.nextTokenStart(after: base.span.end))
            name(member)
        case .index(let base, let index):
            expr(base)
            doc.word("[", at: doc.nextTokenStart(after: base.span.end))
            expr(index)
            doc.word("]", at: e.span.end - 1)
        case .project(let base):
            expr(base)
            let bracket = doc.nextTokenStart(after: base.span.end)
            doc.word("[", at: bracket)
            doc.word("*", at: doc.nextTokenStart(after: bracket + 1))
            doc.word("]", at: e.span.end - 1)
        case .call(let function, let args):
            name(function)
            delimited("(", at: doc.nextTokenStart(after: function.span.end), args.map { a in (a.span, { expr(a, startsLine: true) }) }, ")", at: e.span.end - 1)
        case .quantifier(let q, let variable, let collection, let body):
            quantifier(q, variable, collection, body, span: e.span)
        case .conditional(let c, let a, let b):
            conditional(c, a, b, span: e.span)
        case .comprehension(let c):
            comprehension(c, span: e.span)
        case .unary(let op, let operand):
            doc.word(op.rawValue, at: e.span.start)
            // `- -x`, not `--x`, which reads like a decrement.
            if op == .not { doc.space() } else if case .unary(.negate, _) = operand.kind { doc.space() }
            expr(operand)
        case .binary(let op, let lhs, let rhs):
            if op == .and || op == .or {
                chain(e, op, startsLine: startsLine)
            } else {
                binary(op, lhs, rhs)
            }
        case .list(let items):
            list(items, span: e.span)
        case .object(let entries):
            object(entries, span: e.span)
        case .paren(let inner):
            doc.word("(", at: e.span.start)
            expr(inner)
            doc.word(")", at: e.span.end - 1)
        case .bad:
            verbatim(e.span)
        }
    }

    /// `a and b and c`: all on one line, or each operand on its own line
    /// after the operator, continuation lines indented (unless the chain
    /// starts its line). The indent covers the first operand too, so an
    /// `and` chain broken inside an `or` chain sits deeper than its siblings.
    private func chain(_ e: Expr, _ op: BinaryOperator, startsLine: Bool) {
        var operands: [Expr] = []
        func collect(_ e: Expr) {
            if case .binary(let o, let lhs, let rhs) = e.kind, o == op {
                collect(lhs)
                operands.append(rhs)
            } else {
                operands.append(e)
            }
        }
        collect(e)
        doc.open()
        doc.indent(startsLine ? 0 : Layout.indentWidth)
        expr(operands[0])
        for k in 1..<operands.count {
            doc.space()
            doc.word(op.rawValue, at: doc.nextTokenStart(after: operands[k - 1].span.end))
            doc.softBreak()
            expr(operands[k])
        }
        doc.dedent()
        doc.close()
    }

    /// `a op b`, breaking after the operator when it does not fit; a
    /// bracketed right operand breaks inside its brackets instead.
    private func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr) {
        doc.open()
        expr(lhs)
        doc.space()
        doc.word(op.rawValue, at: doc.nextTokenStart(after: lhs.span.end))
        if isBracketed(rhs) {
            doc.space()
            expr(rhs)
        } else {
            doc.indent(Layout.indentWidth)
            doc.softBreak()
            expr(rhs)
            doc.dedent()
        }
        doc.close()
    }

    private func isBracketed(_ e: Expr) -> Bool {
        switch e.kind {
        case .list, .object, .call, .quantifier: true
        case .comprehension(let c): c.isBracketed
        default: false
        }
    }

    /// `all(x in xs: cond)`, or the condition on its own indented lines.
    private func quantifier(_ q: Quantifier, _ variable: Name, _ collection: Expr, _ body: Expr, span: Span) {
        doc.open()
        doc.word(q.rawValue, at: span.start)
        doc.word("(", at: doc.nextTokenStart(after: span.start + UInt32(q.rawValue.utf8.count)))
        name(variable)
        doc.space()
        doc.word("in", at: keywordStart("in", before: collection.span.start))
        doc.space()
        expr(collection)
        doc.word(":", at: doc.nextTokenStart(after: collection.span.end))
        doc.indent(Layout.indentWidth)
        doc.softBreak()
        expr(body, startsLine: true)
        doc.flushComments(before: span.end - 1)
        doc.dedent()
        doc.softBreak(0)
        doc.word(")", at: span.end - 1)
        doc.close()
    }

    /// `if c then a else b` on one line, or `then …` and `else …` on
    /// indented lines of their own.
    private func conditional(_ c: Expr, _ a: Expr, _ b: Expr, span: Span) {
        doc.open()
        doc.word("if", at: span.start)
        doc.space()
        expr(c)
        doc.indent(Layout.indentWidth)
        doc.softBreak()
        doc.word("then", at: keywordStart("then", before: a.span.start))
        doc.space()
        expr(a)
        doc.softBreak()
        doc.word("else", at: keywordStart("else", before: b.span.start))
        doc.space()
        expr(b)
        doc.dedent()
        doc.close()
    }

    /// `[e for x in xs where c]` (or, as a call's argument, without the
    /// brackets) on one line, or `e`, `for …` and `where …` on lines of their own.
    private func comprehension(_ c: Comprehension, span: Span) {
        doc.open()
        doc.indent(Layout.indentWidth)
        if c.isBracketed {
            // Broken, the element starts its own line under the bracket, as `for` and `where` do.
            doc.word("[", at: span.start)
            doc.softBreak(0)
        }
        expr(c.element, startsLine: true)
        doc.softBreak()
        doc.word("for", at: keywordStart("for", before: c.variable.span.start))
        doc.space()
        name(c.variable)
        doc.space()
        collectionAndFilter(c.collection, c.filter, breakBeforeWhere: true)
        doc.dedent()
        if c.isBracketed {
            doc.flushComments(before: span.end - 1)
            doc.softBreak(0)
            doc.word("]", at: span.end - 1)
        }
        doc.close()
    }

    /// `[a, b]` on one line, or one item per line; literals fill lines
    /// instead; a lone object or list hugs the brackets: `[{` … `}]`.
    private func list(_ items: [Expr], span: Span) {
        if items.count == 1, let only = items.first, isHuggable(only) {
            doc.word("[", at: span.start)
            expr(only)
            doc.flushComments(before: span.end - 1)
            doc.word("]", at: span.end - 1)
            return
        }
        let fills = items.count > 1 && items.allSatisfy(isLiteral)
        delimited("[", at: span.start, items.map { i in (i.span, { expr(i, startsLine: true) }) }, "]", at: span.end - 1, fills: fills)
    }

    private func isHuggable(_ e: Expr) -> Bool {
        switch e.kind {
        case .object(let entries): !entries.isEmpty
        case .list(let items): !items.isEmpty
        default: false
        }
    }

    private func isLiteral(_ e: Expr) -> Bool {
        switch e.kind {
        case .number, .date, .bool, .null: true
        case .string(let s): !s.isInterpolated
        case .unary(.negate, let operand): isLiteral(operand)
        default: false
        }
    }

    /// `{ "key": value, … }` on one line, or one entry per line.
    private func object(_ entries: [ObjectEntry], span: Span) {
        let items = entries.map { entry in
            (entry.keySpan.merged(with: entry.value.span), {
                doc.text(render(plain: entry.key), at: entry.keySpan.start, end: entry.keySpan.end)
                doc.word(":", at: doc.nextTokenStart(after: entry.keySpan.end))
                doc.space()
                expr(entry.value)
            })
        }
        delimited("{", at: span.start, items, "}", at: span.end - 1, padding: 1)
    }

    /// `open item, item close` on one line, or one item per line (as many as
    /// fit when `fills`), indented, with the closing bracket back on its own line.
    private func delimited(
        _ openText: String, at openAt: UInt32, _ items: [(Span, () -> Void)], _ closeText: String, at closeAt: UInt32,
        padding: Int = 0, fills: Bool = false
    ) {
        doc.open()
        doc.word(openText, at: openAt)
        if items.isEmpty {
            doc.flushComments(before: closeAt)
            doc.word(closeText, at: closeAt)
            doc.close()
            return
        }
        doc.indent(Layout.indentWidth)
        doc.softBreak(padding)
        for (k, (span, emit)) in items.enumerated() {
            emit()
            if k < items.count - 1 {
                doc.word(",", at: doc.nextTokenStart(after: span.end))
                if fills { doc.fillBreak() } else { doc.softBreak() }
            }
        }
        doc.flushComments(before: closeAt)
        doc.dedent()
        doc.softBreak(padding)
        doc.word(closeText, at: closeAt)
        doc.close()
    }

    // MARK: - Leaves

    /// `in COLLECTION [where FILTER]`, as `for each` and comprehensions write
    /// it (the parser reads both with one `parseCollectionAndFilter`); a
    /// comprehension may break before `where`, a `for each` head does not.
    private func collectionAndFilter(_ collection: Expr, _ filter: Expr?, breakBeforeWhere: Bool) {
        doc.word("in", at: keywordStart("in", before: collection.span.start))
        doc.space()
        expr(collection)
        guard let filter else { return }
        if breakBeforeWhere { doc.softBreak() } else { doc.space() }
        doc.word("where", at: keywordStart("where", before: filter.span.start))
        doc.space()
        expr(filter)
    }

    private func name(_ n: Name) {
        doc.text(n.text, at: n.span.start, end: n.span.end)
    }

    private func path(_ names: [Name]) {
        for (k, n) in names.enumerated() {
            if k > 0 { doc.word(".", at: doc.nextTokenStart(after: names[k - 1].span.end)) }
            name(n)
        }
    }

    private func string(_ s: StringLiteral) {
        doc.text(render(s), at: s.span.start, end: s.span.end)
    }

    /// The source text of a span, as written (numbers, dates).
    private func sourceText(_ span: Span) {
        doc.text(source.text(span), at: span.start, end: span.end)
    }

    /// Text of a part the parser could not read (never reached: a file with
    /// errors is not formatted), kept as written.
    private func verbatim(_ span: Span) {
        doc.text(source.text(span).replacingCRLF(), at: span.start, end: span.end)
    }

    // MARK: - Strings

    /// A string literal in canonical form: escapes re-made, interpolations
    /// printed from the tree. One holding `/*` in its source is kept as
    /// written, since a comment inside an interpolation is invisible to the
    /// file's comment list and would be lost.
    func render(_ s: StringLiteral) -> String {
        // A raw string stays raw: its text is what the author wrote (a pattern).
        if s.isRaw { return "`" + (s.plainText ?? "") + "`" }
        if s.isInterpolated && !s.span.isNone {
            let raw = source.text(s.span)
            if raw.contains("/*") { return raw }
        }
        var out = "\""
        for part in s.parts {
            switch part {
            case .text(let t):
                out += StringEscaper.escape(t)
            case .interpolation(let e):
                var inner = flat(e)
                // `{{` would read as a literal brace.
                if inner.hasPrefix("{") { inner = " " + inner + " " }
                out += "{" + inner + "}"
            }
        }
        return out + "\""
    }

    /// A string without interpolation (object keys, quoted field names).
    func render(plain text: String) -> String {
        "\"" + StringEscaper.escape(text) + "\""
    }

    /// An expression on one line, as inside an interpolation.
    private func flat(_ e: Expr) -> String {
        let inner = DocBuilder(bytes: bytes, comments: [])
        Layout(doc: inner, source: source).expr(e)
        var text = Printer(width: Int.max / 4, isFlat: true).print(inner.tokens)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

/// Whether `s` is an identifier (`[A-Za-z_][A-Za-z0-9_]*`).
func isIdentifier(_ s: String) -> Bool {
    guard let first = s.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
    return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
}

private func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
}

/// Canonical escaping of string text.
enum StringEscaper {
    /// `"` `\` newline and tab as `\"` `\\` `\n` `\t`; braces doubled;
    /// invisible characters (controls, format characters such as zero-width
    /// spaces and bidi overrides, line separators) as `\u{HEX}` so a reader
    /// sees them; everything else as itself.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "{": out += "{{"
            case "}": out += "}}"
            default:
                switch u.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator:
                    out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
                default:
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
