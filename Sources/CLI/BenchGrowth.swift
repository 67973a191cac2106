import Base
import Diagnostics
import Corpus
import Dispatch
import Foundation
import JSON
import Run
import Semantics
import TuanThu

// `tuanthu bench growth`: doubles each dimension of a check — list length,
// dossier size, rule count, corpus size — and prints the time per unit and
// the ratio of each step's time to the one before. A ratio near 2.0 is
// linear growth; near 4.0, quadratic. One worker, medians over rounds.

/// The built-ins over lists, on one dossier whose `items` list is doubled:
/// every one of them must stay linear in the list's length. Membership
/// inside a quantifier is probed through a `let` and through a projection
/// written in place (evaluated once per dossier), and a list is indexed by
/// position in a loop.
let growthListRules = """
    ruleset growth_lists {
      title "Growth benchmark: built-ins over a long list"
      version "1"
    }

    schema {
      items: [{
        code: string
        ref: string
        amount: number
        on: date
        note: string
      }]
    }

    let codes = items[*].code

    rule L-DISTINCT { require count(distinct(items[*].code)) == count(items) }
    rule L-IN { require all(x in items: x.ref in codes) }
    rule L-NOT-IN { require none(x in items: x.code not in codes) }
    rule L-CONTAINS { require all(x in items: contains(codes, x.ref)) }
    rule L-IN-PATH { require all(x in items: x.ref in items[*].code) }
    rule L-INDEX {
      for each it, i in items {
        require items[i - 1].code == it.code
      }
    }
    rule L-SUM { require sum(items[*].amount) >= 0 and min(items[*].amount) >= 0 and max(items[*].amount) >= 0 }
    rule L-COUNT { require count(x in items: x.amount > 10) >= 0 }
    rule L-MENTIONS { require not mentions(items[*].note, "khong co so lieu") }
    rule L-EACH {
      for each it in items where it.amount >= 0 {
        require len(it.code) > 0 and date(it.on) <= today()
      }
    }

    """

/// One dossier with `count` items (distinct codes; each `ref` names another item).
func growthListDossier(_ count: Int) -> [UInt8] {
    var s = "{\"items\": ["
    for k in 0..<count {
        if k > 0 { s += "," }
        s += "{\"code\": \"HM-\(k)\", \"ref\": \"HM-\((k * 7 + 3) % count)\", \"amount\": \(k % 97), "
        s += "\"on\": \"2025-0\(1 + k % 9)-1\(k % 10)\", \"note\": \"Hạng mục số \(k), kè chống sạt lở bờ sông\"}"
    }
    return Array((s + "]}").utf8)
}

/// `count` rules over the corpus dossiers' common fields, each with its own
/// id and threshold (so none is a copy the compiler could share).
func growthRules(_ count: Int) -> String {
    var s = """
        ruleset growth_rules {
          title "Growth benchmark: many rules"
          version "1"
        }

        """
    let checks = [
        "project.total_capital_billion_vnd ?? 0 >= %d",
        "count(plan.items ?? []) <= %d + 1000",
        "len(project.name) > %d - 100000",
        "days_between(date(submitted_on), today()) > -%d",
        "sum(plan.items[*].budget_billion_vnd ?? []) >= -%d",
    ]
    for k in 0..<count {
        s += "rule R-\(k) { require \(String(format: checks[k % checks.count], k)) }\n"
    }
    return s
}

/// What `bench growth` doubles; the raw value names it in `--format json`.
enum GrowthDimension: String {
    case listLength = "list length"
    case dossierSize = "dossier size"
    case ruleCount = "rule count"
    case corpusSize = "corpus size"

    /// The unit of its size, as `--format json` names it.
    var unit: String {
        switch self {
        case .listLength: "items"
        case .dossierSize: "KB"
        case .ruleCount: "rules"
        case .corpusSize: "dossiers"
        }
    }

    /// Its name in the text table.
    var label: String {
        switch self {
        case .listLength: say(BenchMessage.dimensionListLength)
        case .dossierSize: say(BenchMessage.dimensionDossierSize)
        case .ruleCount: say(BenchMessage.dimensionRuleCount)
        case .corpusSize: say(BenchMessage.dimensionCorpusSize)
        }
    }

    /// A size with its unit in the text table (`2.000 phần tử`, `8 KB`).
    func sizeLabel(_ size: Int) -> String {
        let n: MessageArg = .number(String(size))
        return switch self {
        case .listLength: say(BenchMessage.unitItems, ["n": n])
        case .dossierSize: formatNumber(String(size), cliLang) + " KB"
        case .ruleCount: say(BenchMessage.unitRules, ["n": n])
        case .corpusSize: say(BenchMessage.unitDossiers, ["n": n])
        }
    }

    /// The unit of the time per unit in the text table (a dossier's size per MB).
    var perUnitLabel: String {
        switch self {
        case .listLength: say(BenchMessage.perItem)
        case .dossierSize: "µs/MB"
        case .ruleCount: say(BenchMessage.perRule)
        case .corpusSize: say(BenchMessage.perDossier)
        }
    }
}

struct GrowthBenchmark {
    /// One measured size of one dimension.
    struct Row {
        var dimension: GrowthDimension
        /// The size, in the dimension's unit (items, KB, rules, dossiers).
        var size: Int
        /// Median nanoseconds of a round.
        var ns: UInt64
        /// Units per round: time per unit is `ns / units`.
        var units: Double
        /// This step's time over the previous one's (nil for the first).
        var ratio: Double?
    }

    let rounds: Int
    /// Doublings per dimension (sizes: base, 2×base, …).
    let steps: Int
    let rulesPath: String

    func run() throws -> [Row] {
        var rows: [Row] = []
        let pack = try loadRulesetOrFail(rulesPath).program
        let lists = try loaded(growthListRules, "growth-lists.rules")

        // List length: one dossier, items doubled.
        rows += try dimension(.listLength, sizes: doubling(2_000)) { n in
            (lists, [growthListDossier(n)], Double(n))
        }
        // Dossier size: the corpus generator at doubled sizes, 100 dossiers.
        rows += try dimension(.dossierSize, sizes: doubling(8)) { kb in
            let docs = Corpus.dossiers(count: 100, firstSeed: 1, approximateBytes: kb * 1000)
            return (pack, docs, Double(docs.reduce(0) { $0 + $1.count }) / 1e6)
        }
        // Rule count: generated rules over 300 corpus dossiers.
        let corpus = Corpus.dossiers(count: 300, firstSeed: 1, approximateBytes: 10_000)
        rows += try dimension(.ruleCount, sizes: doubling(50)) { n in
            (try loaded(growthRules(n), "growth-rules.rules"), corpus, Double(n))
        }
        // Corpus size: the bundled pack over doubled corpora.
        rows += try dimension(.corpusSize, sizes: doubling(250)) { n in
            (pack, Corpus.dossiers(count: n, firstSeed: 1, approximateBytes: 10_000), Double(n))
        }
        return rows
    }

    private func doubling(_ base: Int) -> [Int] { (0..<steps).map { base << $0 } }

    private func loaded(_ text: String, _ name: String) throws -> Program {
        let r = RulesetLoader.load(sources: [(path: name, text: text)])
        if let e = r.diagnostics.first(where: { $0.severity == .error }) {
            throw CommandError(localize(BenchMessage.growthRulesetDoesNotLoad, ["code": .text(e.code.rawValue), "message": .localized(e.messageText)]))
        }
        return r.program
    }

    /// Times checking, with one worker, the dossiers `make(size)` gives for each size.
    private func dimension(_ name: GrowthDimension, sizes: [Int], _ make: (Int) throws -> (Program, [[UInt8]], Double)) throws -> [Row] {
        var rows: [Row] = []
        for size in sizes {
            let (program, docs, units) = try make(size)
            let inputs = docs.enumerated().map { DossierInput.record(NDJSONRecord(line: $0.offset + 1, bytes: $0.element), streamName: "growth") }
            let checker = BatchChecker(program: program, options: CheckOptions(asOf: CivilDate("2026-11-29")!, jobs: 1, digests: false))
            var times: [UInt64] = []
            for round in 0...rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                let results = checker.check(inputs)
                let ns = DispatchTime.now().uptimeNanoseconds - start
                if results.contains(where: { $0.outcome == .error }) {
                    throw CommandError(localize(BenchMessage.growthDossiersUnreadable, ["dimension": .text(name.label), "size": .text(name.sizeLabel(size))]))
                }
                if round > 0 { times.append(ns) }
            }
            let ns = medianOf(times)
            let ratio = rows.last.map { Double(ns) / Double(max(1, $0.ns)) }
            rows.append(Row(dimension: name, size: size, ns: ns, units: units, ratio: ratio))
        }
        return rows
    }

    /// The rows as a readable table, in `--lang`.
    static func table(_ rows: [Row]) -> String {
        var s = say(BenchMessage.growthHeader, ["linear": .text(formatNumber("2.0", cliLang))]) + "\n\n"
        s += pad(say(BenchMessage.columnDimension), 18) + say(BenchMessage.columnSize).leftPad(18) + say(BenchMessage.columnMsPerRound).leftPad(12)
        s += say(BenchMessage.columnPerUnit).leftPad(24) + say(BenchMessage.columnRatio).leftPad(8) + "\n"
        for r in rows {
            let perUnit = Double(r.ns) / r.units
            s += pad(r.dimension.label, 18)
            s += r.dimension.sizeLabel(r.size).leftPad(18)
            s += figure(Double(r.ns) / 1e6, 2).leftPad(12)
            s += (figure(perUnit / 1e3, 2) + " " + r.dimension.perUnitLabel).leftPad(24)
            s += (r.ratio.map { figure($0, 2) } ?? "").leftPad(8) + "\n"
        }
        return s
    }

    static func json(_ rows: [Row]) -> String {
        let items = rows.map { r in
            "{\"dimension\": \"\(r.dimension.rawValue)\", \"size\": \(r.size), \"unit\": \"\(r.dimension.unit)\", \"median_ns\": \(r.ns), "
                + "\"ns_per_unit\": \(String(format: "%.1f", Double(r.ns) / r.units)), \"ratio\": \(r.ratio.map { String(format: "%.3f", $0) } ?? "null")}"
        }
        return "{\"benchmark\": \"growth\", \"rows\": [\n  " + items.joined(separator: ",\n  ") + "\n]}\n"
    }
}
