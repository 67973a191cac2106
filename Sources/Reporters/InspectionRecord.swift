import Diagnostics
import Evaluator
import Foundation
import JSON
import Semantics

// The inspection record (biên bản kiểm tra) of one dossier: a printable A4
// page set with the agency's header, the people present, the findings in the
// order of the letter's items with citation and hint, a line for the
// facility's response, signature blocks and the digests that tie the record
// to the ruleset and the dossier. Vietnamese by default, English on request.

/// A person named on the record.
package struct RecordPerson: Sendable, Equatable {
    /// Full name.
    package var name: String
    /// Position, e.g. "Chuyên viên Phòng Môi trường".
    package var title: String?

    /// A person with a name and, optionally, a position.
    package init(name: String, title: String? = nil) {
        self.name = name
        self.title = title
    }
}

/// The fixed details of the inspecting agency and the inspection (an
/// agency file, `tuanthu record --agency`, or flags).
package struct AgencyInfo: Sendable, Equatable {
    /// The inspecting agency, e.g. "Sở Nông nghiệp và Môi trường thành phố Cần Thơ".
    package var agency: String
    /// The body above it, printed above the agency's name; nil for none.
    package var parentAgency: String?
    /// The record's number, e.g. "15/BB-KTMT"; nil leaves a blank to fill in.
    package var inspectionNo: String?
    /// The date of the inspection (`YYYY-MM-DD`); nil for the as-of date.
    package var date: String?
    /// Where the record is made, e.g. "Cần Thơ".
    package var place: String?
    /// The inspectors (đoàn kiểm tra), each signing.
    package var inspectors: [RecordPerson]
    /// The facility's representative, signing for it; nil leaves a blank.
    package var representative: RecordPerson?

    /// Agency details; only the agency's name is required.
    package init(agency: String, parentAgency: String? = nil, inspectionNo: String? = nil, date: String? = nil,
                place: String? = nil, inspectors: [RecordPerson] = [], representative: RecordPerson? = nil) {
        self.agency = agency
        self.parentAgency = parentAgency
        self.inspectionNo = inspectionNo
        self.date = date
        self.place = place
        self.inspectors = inspectors
        self.representative = representative
    }
}

/// What the record says about the project, read from the dossier (the bundled
/// pack's fields; absent ones print as a dash).
struct RecordFacts {
    var projectName: String?
    var investor: String?
    var commune: String?
    var legacyDistrict: String?
    var kind: String?
    var submittedOn: String?

    init(_ bytes: [UInt8]?) {
        guard let bytes, let doc = try? JSONParser.parse(bytes), doc[0].kind == .object else { return }
        func text(_ p: String) -> String? {
            guard let n = doc.node(atPointer: p), doc[n].kind == .string else { return nil }
            let s = doc.string(n).trimmingCharacters(in: .whitespacesAndNewlines)
            return s.isEmpty ? nil : s
        }
        projectName = text("/project/name")
        investor = text("/investor/name")
        commune = text("/location/commune")
        legacyDistrict = text("/location/legacy_district")
        kind = text("/kind")
        submittedOn = text("/submitted_on")
    }
}

/// Renders inspection records, one HTML page per dossier.
package struct InspectionRecordWriter: Sendable {
    let context: ReportContext
    let agency: AgencyInfo
    let rules: ReportRules
    let words: Words
    /// The letter's source (the ruleset's first), whose items order the findings.
    let letter: SourceInfo?

    /// A writer for records of a run with this context and agency.
    package init(_ context: ReportContext, agency: AgencyInfo) {
        self.context = context
        self.agency = agency
        self.rules = ReportRules(context.program)
        self.words = Words(lang: context.lang)
        self.letter = context.program.sources.first
    }

    private func t(_ w: ReportText, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { words.t(w, args) }

    /// The findings grouped by the letter's item they cite first, in the
    /// letter's order; findings citing no item of the letter come last.
    func grouped(_ findings: [Finding]) -> [(item: String?, findings: [Finding])] {
        let itemIDs = letter?.items.map(\.id) ?? []
        func position(_ f: Finding) -> (Int, Int) {
            let item = f.cites.first { $0.source == letter?.name }?.item
            let i = item.flatMap { itemIDs.firstIndex(of: $0) } ?? Int.max
            return (i, rules.index[f.rule] ?? Int.max)
        }
        var groups: [(item: String?, findings: [Finding])] = []
        for f in findings.enumerated().sorted(by: { a, b in
            let pa = position(a.element), pb = position(b.element)
            return pa != pb ? pa < pb : a.offset < b.offset
        }).map(\.element) {
            let item = f.cites.first { $0.source == letter?.name }?.item.flatMap { itemIDs.contains($0) ? $0 : nil }
            if let last = groups.last, last.item == item {
                groups[groups.count - 1].findings.append(f)
            } else {
                groups.append((item, [f]))
            }
        }
        return groups
    }

    /// The record of one dossier as a complete HTML page. `bytes` is the
    /// dossier's text (for the project's name and place) when the result holds none.
    package func render(_ r: DossierResult, bytes: [UInt8]? = nil) -> String {
        let facts = RecordFacts(r.source?.bytes ?? bytes)
        let lang = context.lang
        let p = context.program
        let date = agency.date ?? context.asOf
        var s = "<!DOCTYPE html>\n<html lang=\"\(html(lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta name=\"generator\" content=\"\(html("\(context.toolName) \(context.toolVersion)"))\">\n"
        s += "<title>\(t(.inspectionRecord)) \(html(r.id ?? r.file))</title>\n"
        s += "<style>\n\(Self.css(pageLabel: t(.page), of: t(.pageOf)))</style>\n</head>\n<body>\n"

        // Header: agency on the left, the national motto on the right (Vietnamese administrative style).
        s += "<table class=\"masthead\"><tr><td class=\"agency\">"
        if let parent = agency.parentAgency { s += "<div class=\"parent\">\(html(parent.uppercased()))</div>" }
        s += "<div class=\"name\">\(html(agency.agency.uppercased()))</div>"
        s += "<div class=\"no\">\(t(.no)): \(agency.inspectionNo.map(html) ?? "<span class=\"blank\"></span>")</div></td>"
        s += "<td class=\"motto\"><div class=\"nation\">\(t(.nation))</div><div class=\"motto2\">\(t(.motto))</div>"
        s += "<div class=\"dateline\">\(html(dateLine(date)))</div></td></tr></table>\n"
        s += "<h1>\(t(.recordOfTheInspectionOfA))</h1>\n"
        s += "<p class=\"subtitle\">\(t(.onTheImplementationOf)) \(html(p.title ?? p.name))</p>\n"

        // I. The dossier.
        s += "<h2>I. \(t(.theDossierInspected))</h2>\n<table class=\"facts\">\n"
        func fact(_ label: String, _ value: String?) { s += "<tr><th>\(html(label))</th><td>\(value.map(html) ?? "—")</td></tr>\n" }
        fact(t(.dossierNumber), r.id)
        fact(t(.project), facts.projectName)
        fact(t(.investor), facts.investor)
        let place = [facts.commune, facts.legacyDistrict.map { "(\(t(.formerly)) \($0))" }].compactMap { $0 }.joined(separator: " ")
        fact(t(.place), place.isEmpty ? nil : place)
        fact(t(.kind), facts.kind)
        fact(t(.submittedOn), facts.submittedOn)
        s += "<tr><th>\(t(.file))</th><td class=\"path\">\(htmlPath(r.file))</td></tr>\n"
        s += "</table>\n"

        // II. Who was present.
        s += "<h2>II. \(t(.present))</h2>\n<p><strong>\(t(.inspectors)):</strong></p>\n<ol class=\"people\">\n"
        if agency.inspectors.isEmpty { s += "<li><span class=\"blank wide\"></span></li>\n" }
        for i in agency.inspectors { s += "<li>\(html(i.name))\(i.title.map { " — \(html($0))" } ?? "")</li>\n" }
        s += "</ol>\n<p><strong>\(t(.facilityRepresentative)):</strong> "
        if let rep = agency.representative {
            s += "\(html(rep.name))\(rep.title.map { " — \(html($0))" } ?? "")"
        } else {
            s += "<span class=\"blank wide\"></span>"
        }
        s += "</p>\n"

        // III. Results.
        s += "<h2>III. \(t(.results))</h2>\n"
        if let e = r.error {
            s += "<p class=\"unreadable\">\(t(.theDossierCannotBeRead)): \(html(e.message(lang)))</p>\n"
        } else {
            let summary = r.summary
            let open = r.findings.filter { $0.waiver == nil }
            s += "<p>\(t(.outcomeHeading)): <strong>\(html(words.outcome(r.outcome)))</strong>. "
            s += "\(t(.checkedAgainst)) \(r.rules.count) \(t(.rulesCount)): "
            s += RuleOutcome.allCases.map { "\(summary[$0] ?? 0) \(html(words.rule($0)))" }.joined(separator: ", ")
            s += ". \(open.count) \(words.count(open.count, .finding, .findingsCount))"
            let waived = r.findings.count - open.count
            if waived > 0 { s += " (\(t(.and)) \(waived) \(html(words.waived)))" }
            s += ".</p>\n"
            if r.findings.isEmpty {
                s += "<p>\(t(.noFindings))</p>\n"
            }
            var n = 0
            for group in grouped(r.findings) {
                if let item = group.item, let letter {
                    // The letter's own words, in Vietnamese only: left out of an English record (see `itemText`).
                    let text = words.language == .vi ? letter.items.first { $0.id == item }?.text : nil
                    s += "<h3>\(t(.itemHeading)) \(html(item)) \(t(.ofWord)) \(html(letter.name))\(text.map { " — <span class=\"item-text\">\(html($0))</span>" } ?? "")</h3>\n"
                } else {
                    s += "<h3>\(t(.requirementsOfTheDossierItself))</h3>\n"
                }
                for f in group.findings {
                    n += 1
                    s += findingBlock(r, f, number: n)
                }
            }
        }

        // IV. The facility's response.
        s += "<h2>IV. \(t(.responseOfTheFacilityOrInvestor))</h2>\n"
        s += "<div class=\"response\">" + String(repeating: "<div class=\"line\"></div>", count: 5) + "</div>\n"

        // V. What the record rests on.
        s += "<h2>V. \(t(.basisAndDigests))</h2>\n<table class=\"facts digests\">\n"
        s += "<tr><th>\(t(.ruleset))</th><td>\(html("\(p.name)\(p.version.map { " \($0)" } ?? "")"))\(context.rulesPath.map { " (<span class=\"path\">\(htmlPath($0))</span>)" } ?? "")</td></tr>\n"
        s += "<tr><th>SHA-256 \(t(.ofTheRuleset))</th><td><code>\(p.digest)</code></td></tr>\n"
        s += "<tr><th>SHA-256 \(t(.ofTheDossier))</th><td><code>\(r.sha256.isEmpty ? "—" : r.sha256)</code></td></tr>\n"
        s += "<tr><th>\(t(.asOfHeading))</th><td>\(html(context.asOf))</td></tr>\n"
        s += "<tr><th>\(t(.tool))</th><td>\(html(context.toolName)) \(html(context.toolVersion))</td></tr>\n</table>\n"

        // Signatures.
        s += "<table class=\"signatures\"><tr><td><div class=\"role\">\(t(.facilityRepresentativeSignature))</div><div class=\"sign-hint\">(\(t(.signatureAndFullName)))</div><div class=\"sign-space\"></div><div class=\"signer\">\(agency.representative.map { html($0.name) } ?? "")</div></td>"
        s += "<td><div class=\"role\">\(t(.theInspectors))</div><div class=\"sign-hint\">(\(t(.signatureAndFullName)))</div>"
        if agency.inspectors.isEmpty {
            s += "<div class=\"sign-space\"></div>"
        }
        for i in agency.inspectors { s += "<div class=\"sign-space\"></div><div class=\"signer\">\(html(i.name))</div>" }
        s += "</td></tr></table>\n</body>\n</html>\n"
        return s
    }

    private func findingBlock(_ r: DossierResult, _ f: Finding, number: Int) -> String {
        let lang = context.lang
        var s = "<article class=\"finding sev-\(f.severity.rawValue)\">\n"
        s += "<p class=\"head\"><span class=\"n\">\(number).</span> <span class=\"sev\">\(html(words.severity(f.severity)))</span> · <code>\(html(f.rule))</code>"
        if let title = rules[f.rule]?.title(lang) { s += " — \(html(title))" }
        if f.waiver != nil { s += " <span class=\"waived\">(\(html(words.waived)))</span>" }
        s += "</p>\n<p class=\"message\">\(html(capped(f.message(lang))))</p>\n<table class=\"detail\">"
        s += "<tr><th>\(t(.whereWord))</th><td><code class=\"pointer\">\(html(f.pointer.isEmpty ? t(.root) : f.pointer))</code>, \(t(.line)) \(r.location(of: f).line)</td></tr>"
        if !f.cites.isEmpty {
            s += "<tr><th>\(t(.cites))</th><td>" + f.cites.map { html(citationText($0, lang)) }.joined(separator: "; ") + "</td></tr>"
        }
        if let h = f.hint(lang) { s += "<tr><th>\(t(.remedy))</th><td>\(html(h))</td></tr>" }
        if let w = f.waiver { s += "<tr><th>\(t(.waiver))</th><td>\(html(words.waiver(w)))</td></tr>" }
        s += "</table>\n</article>\n"
        return s
    }

    /// "Cần Thơ, ngày 29 tháng 11 năm 2026" or "Can Tho, 29 November 2026".
    private func dateLine(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let place = agency.place.map { "\($0), " } ?? ""
        guard parts.count == 3 else { return place + iso }
        // The month is a number in Vietnamese ("tháng 11"), a name in English.
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let month = LocalizedText(vi: String(parts[1]), en: months[max(0, min(11, parts[1] - 1))])
        return place + t(.dateLine, ["day": .text(String(parts[2])), "month": .localized(month), "year": .text(String(parts[0]))])
    }

    /// A file name for the dossier's record: its id (or file name), made safe.
    package static func fileName(_ r: DossierResult) -> String {
        let base = r.id ?? URL(fileURLWithPath: r.file).deletingPathExtension().lastPathComponent
        var out = ""
        for u in base.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "_" || u == "." { out.unicodeScalars.append(u) } else { out += "-" }
        }
        return "bien-ban-" + (out.isEmpty ? "ho-so" : out)
    }

    /// Print CSS: A4 pages with margins, "Trang N / M" at the foot of each
    /// (CSS paged-media margin boxes, which Chromium prints), findings never
    /// split across pages, signatures kept together.
    static func css(pageLabel: String, of: String) -> String {
        """
        @page { size: A4; margin: 20mm 15mm 20mm 25mm;
          @bottom-center { content: "\(pageLabel) " counter(page) " \(of) " counter(pages); font: 10pt "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; } }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 170mm; font: 13pt/1.4 "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: #000; }
        @media screen { body { padding: 20px; } }
        table { border-collapse: collapse; }
        table.masthead { width: 100%; margin-bottom: 12pt; }
        table.masthead td { vertical-align: top; text-align: center; width: 50%; }
        .agency .parent { font-size: 12pt; }
        .agency .name, .motto .nation { font-weight: bold; font-size: 12pt; }
        .motto .motto2 { font-weight: bold; text-decoration: underline; }
        .agency .no { margin-top: 6pt; }
        .dateline { margin-top: 6pt; font-style: italic; }
        h1 { text-align: center; font-size: 15pt; margin: 12pt 0 2pt; }
        .subtitle { text-align: center; margin: 0 0 12pt; font-style: italic; }
        h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
        h3 { font-size: 12.5pt; margin: 10pt 0 4pt; break-after: avoid; break-inside: avoid; }
        .item-text { font-weight: normal; font-style: italic; }
        table.facts { width: 100%; }
        table.facts th { text-align: left; font-weight: normal; width: 34%; vertical-align: top; padding: 1pt 6pt 1pt 0; }
        table.facts td { padding: 1pt 0; }
        .path { overflow-wrap: anywhere; }
        code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9.5pt; overflow-wrap: anywhere; }
        article.finding { border: 0.6pt solid #000; padding: 4pt 8pt; margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
        article.finding .head { margin: 0; font-weight: bold; }
        article.finding .message { margin: 3pt 0; }
        table.detail th { text-align: left; font-weight: normal; font-style: italic; padding: 0 8pt 0 0; vertical-align: top; white-space: nowrap; }
        table.detail td { vertical-align: top; }
        .blank { display: inline-block; min-width: 30mm; border-bottom: 0.6pt dotted #000; }
        .blank.wide { min-width: 90mm; }
        .response { break-inside: avoid; }
        .response .line { border-bottom: 0.6pt dotted #000; height: 9mm; }
        table.signatures { width: 100%; margin-top: 16pt; break-inside: avoid; page-break-inside: avoid; }
        table.signatures td { width: 50%; text-align: center; vertical-align: top; }
        .role { font-weight: bold; }
        .sign-hint { font-style: italic; font-size: 11pt; }
        .sign-space { height: 22mm; }
        .signer { font-weight: bold; }
        ol.people { margin: 2pt 0 6pt; }

        """
    }
}
