import Evaluator
import Foundation
import Testing

// Every built-in function of Rules/README.md section 5 on dossiers that make it
// true, false and unknown (and invalid where a wrong type is possible).

@Suite("Evaluation: built-in functions")
struct EvalBuiltinsTests {
    static let exists: [EvalCase] = [
        EvalCase(name: "exists: present", rule: "require exists(a.b)", dossier: #"{"a": {"b": 0}}"#, outcome: .pass),
        EvalCase(name: "exists: absent is false (a violation at the parent), never unknown", rule: "require exists(a.b)", dossier: #"{"a": {}}"#,
                 outcome: .fail, findings: ["violation /a"], missing: ["/a/b"]),
        EvalCase(name: "exists: absent parent", rule: "require exists(a.b)", dossier: "{}", outcome: .fail, findings: ["violation <root>"]),
        EvalCase(name: "exists: null does not exist", rule: "require exists(a.b)", dossier: #"{"a": {"b": null}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "not exists", rule: "require not exists(a.b)", dossier: #"{"a": {"b": 1}}"#, outcome: .fail, findings: ["violation /a/b"]),
    ]

    static let count: [EvalCase] = [
        EvalCase(name: "count: enough", rule: "require count(a.l) >= 2", dossier: #"{"a": {"l": [1, 2]}}"#, outcome: .pass),
        EvalCase(name: "count: too few", rule: "require count(a.l) >= 2", dossier: #"{"a": {"l": [1]}}"#, outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "count: missing", rule: "require count(a.l) >= 2", dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/l"]),
        EvalCase(name: "count: null is missing", rule: "require count(a.l) >= 2", dossier: #"{"a": {"l": null}}"#,
                 outcome: .missing, findings: ["missing /a/l"], missing: ["/a/l"]),
        EvalCase(name: "count: a string is invalid", rule: "require count(a.l) >= 2", dossier: #"{"a": {"l": "ab"}}"#, outcome: .fail, findings: ["invalid /a/l"]),
    ]

    static let sumMinMax: [EvalCase] = [
        EvalCase(name: "sum: equal", rule: "require sum(a.l) == 6", dossier: #"{"a": {"l": [1, 2, 3]}}"#, outcome: .pass),
        EvalCase(name: "sum: different", rule: "require sum(a.l) == 6", dossier: #"{"a": {"l": [1, 2]}}"#, outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "sum: of an empty list is 0", rule: "require sum(a.l) == 0", dossier: #"{"a": {"l": []}}"#, outcome: .pass),
        EvalCase(name: "sum: a string element is invalid at that element", rule: "require sum(a.l) == 6", dossier: #"{"a": {"l": [1, "2"]}}"#,
                 outcome: .fail, findings: ["invalid /a/l/1"]),
        EvalCase(name: "sum: a null element is missing", rule: "require sum(a.l) == 6", dossier: #"{"a": {"l": [1, null]}}"#,
                 outcome: .missing, findings: ["missing /a/l"]),
        EvalCase(name: "sum: missing list", rule: "require sum(a.l) == 6", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/a/l"]),
        EvalCase(name: "min: holds", rule: "require min(a.l) >= 1", dossier: #"{"a": {"l": [3, 1, 2]}}"#, outcome: .pass),
        EvalCase(name: "min: fails", rule: "require min(a.l) >= 1", dossier: #"{"a": {"l": [3, 0]}}"#, outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "min: a string element is invalid at it", rule: "require min(a.l) >= 1", dossier: #"{"a": {"l": [1, "x"]}}"#,
                 outcome: .fail, findings: ["invalid /a/l/1"]),
        EvalCase(name: "min: of an empty list is unknown", rule: "require min(a.l) >= 1", dossier: #"{"a": {"l": []}}"#,
                 outcome: .missing, findings: ["missing /a/l"]),
        EvalCase(name: "max: holds", rule: "require max(a.l) <= 3", dossier: #"{"a": {"l": [3, 1, 2]}}"#, outcome: .pass),
        EvalCase(name: "max: fails", rule: "require max(a.l) <= 3", dossier: #"{"a": {"l": [3, 4]}}"#, outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "max: missing", rule: "require max(a.l) <= 3", dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/l"]),
        EvalCase(name: "max of DD/MM/YYYY dates compares them as dates, not as text", prelude: "schema { a?: { d?: [date] } }",
                 rule: "require max(a.d) == 2025-02-01", dossier: #"{"a": {"d": ["31/12/2024", "01/02/2025", "15/01/2025"]}}"#, outcome: .pass),
        EvalCase(name: "min of dates written both ways", prelude: "schema { a?: { d?: [date] } }",
                 rule: "require min(a.d) == 2024-12-31", dossier: #"{"a": {"d": ["2025-01-15", "31/12/2024"]}}"#, outcome: .pass),
        EvalCase(name: "max of dates of an untyped list compares with a date string", rule: #"require max(a.d) == "01/02/2025""#,
                 dossier: #"{"a": {"d": ["31/12/2024", "01/02/2025"]}}"#, outcome: .pass),
    ]

    static let strings: [EvalCase] = [
        EvalCase(name: "len: holds", rule: "require len(name) <= 5", dossier: #"{"name": "abcde"}"#, outcome: .pass),
        EvalCase(name: "len: fails", rule: "require len(name) <= 5", dossier: #"{"name": "abcdef"}"#, outcome: .fail, findings: ["violation /name"]),
        EvalCase(name: "len: missing", rule: "require len(name) <= 5", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/name"]),
        EvalCase(name: "len: a number is invalid", rule: "require len(name) <= 5", dossier: #"{"name": 5}"#, outcome: .fail, findings: ["invalid /name"]),
        EvalCase(name: "len: counts characters, NFD or not", rule: "require len(name) == 3", dossier: "{\"name\": \"\(nfd("Nhà"))\"}", outcome: .pass),
        EvalCase(name: "lower: holds", rule: #"require lower(name) == "abc""#, dossier: #"{"name": "ABC"}"#, outcome: .pass),
        EvalCase(name: "lower: fails", rule: #"require lower(name) == "abc""#, dossier: #"{"name": "ABD"}"#, outcome: .fail, findings: ["violation /name"]),
        EvalCase(name: "lower: missing", rule: #"require lower(name) == "abc""#, dossier: "{}", outcome: .missing, findings: ["missing <root>"]),
        EvalCase(name: "lower: a number is invalid", rule: #"require lower(name) == "abc""#, dossier: #"{"name": 1}"#, outcome: .fail, findings: ["invalid /name"]),
        EvalCase(name: "upper: Vietnamese", rule: #"require upper(name) == "ĐƯỜNG""#, dossier: #"{"name": "đường"}"#, outcome: .pass),
        EvalCase(name: "upper: NFD Vietnamese", rule: #"require upper(name) == "ĐƯỜNG""#, dossier: "{\"name\": \"\(nfd("đường"))\"}", outcome: .pass),
        EvalCase(name: "upper: fails", rule: #"require upper(name) == "ĐƯỜNG""#, dossier: #"{"name": "duong"}"#, outcome: .fail, findings: ["violation /name"]),
        EvalCase(name: "contains: a list holds the value", rule: #"require contains(a.tags, "x")"#, dossier: #"{"a": {"tags": ["y", "x"]}}"#, outcome: .pass),
        EvalCase(name: "contains: a list without the value", rule: #"require contains(a.tags, "x")"#, dossier: #"{"a": {"tags": ["y"]}}"#,
                 outcome: .fail, findings: ["violation /a/tags"]),
        EvalCase(name: "contains: missing", rule: #"require contains(a.tags, "x")"#, dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/tags"]),
        EvalCase(name: "contains: a number is invalid", rule: #"require contains(a.tags, "x")"#, dossier: #"{"a": {"tags": 5}}"#,
                 outcome: .fail, findings: ["invalid /a/tags"]),
        EvalCase(name: "contains: a string holds the substring (NFD text)", rule: #"require contains(name, "máy")"#,
                 dossier: "{\"name\": \"\(nfd("Nhà máy"))\"}", outcome: .pass),
        EvalCase(name: "contains: a string without the substring", rule: #"require contains(name, "máy")"#, dossier: #"{"name": "Nhà may"}"#,
                 outcome: .fail, findings: ["violation /name"]),
    ]

    static let phrase = "xử lý nước thải"

    static let mentions: [EvalCase] = [
        EvalCase(name: "mentions: case and whitespace are folded", rule: "require mentions(desc, \"\(phrase)\")",
                 dossier: #"{"desc": "Dự án có hệ thống XỬ LÝ   NƯỚC THẢI tập trung"}"#, outcome: .pass),
        EvalCase(name: "mentions: NFD input", rule: "require mentions(desc, \"\(phrase)\")",
                 dossier: "{\"desc\": \"\(nfd("Hệ thống xử lý nước thải"))\"}", outcome: .pass),
        EvalCase(name: "mentions: diacritics are folded", rule: "require mentions(desc, \"\(phrase)\")",
                 dossier: #"{"desc": "He thong Xu Ly Nuoc Thai"}"#, outcome: .pass),
        EvalCase(name: "mentions: newlines and tabs are whitespace", rule: "require mentions(desc, \"\(phrase)\")",
                 dossier: #"{"desc": "xử lý\n\tnước thải"}"#, outcome: .pass),
        EvalCase(name: "mentions: U+212B ANGSTROM SIGN is Å", rule: #"require mentions(desc, "angstrom")"#,
                 dossier: "{\"desc\": \"\u{212B}NGSTR\u{00D6}M\"}", outcome: .pass),
        EvalCase(name: "mentions: a phrase with U+00C5 matches U+212B", rule: "require mentions(desc, \"\u{00C5}ngstr\u{00F6}m\")",
                 dossier: "{\"desc\": \"\u{212B}ngstro\u{0308}m\"}", outcome: .pass),
        EvalCase(name: "mentions: a Hangul syllable and its jamo", rule: "require mentions(desc, \"\u{D55C}\")",
                 dossier: "{\"desc\": \"\u{1112}\u{1161}\u{11AB}\"}", outcome: .pass),
        EvalCase(name: "mentions: OHM SIGN is omega, case folded", rule: "require mentions(desc, \"\u{03C9}\")",
                 dossier: "{\"desc\": \"10 \u{2126}\"}", outcome: .pass),
        EvalCase(name: "mentions: KELVIN SIGN is K", rule: #"require mentions(desc, "300 k")"#,
                 dossier: "{\"desc\": \"300 \u{212A}\"}", outcome: .pass),
        EvalCase(name: "mentions: ANGSTROM SIGN folds to a, no other letter", rule: #"require mentions(desc, "ongstrom")"#,
                 dossier: "{\"desc\": \"\u{212B}ngstr\u{00F6}m\"}", outcome: .fail, findings: ["violation /desc"]),
        EvalCase(name: "mentions: đ folds to d", rule: #"require mentions(desc, "duong noi bo")"#, dossier: #"{"desc": "Đường nội bộ"}"#, outcome: .pass),
        EvalCase(name: "mentions: a phrase with đ matches text without it", rule: #"require mentions(desc, "đường")"#, dossier: #"{"desc": "DUONG"}"#, outcome: .pass),
        EvalCase(name: "mentions: absent phrase", rule: "require mentions(desc, \"\(phrase)\")", dossier: #"{"desc": "không có"}"#,
                 outcome: .fail, findings: ["violation /desc"]),
        EvalCase(name: "mentions: missing text", rule: "require mentions(desc, \"\(phrase)\")", dossier: "{}",
                 outcome: .missing, findings: ["missing <root>"], missing: ["/desc"]),
        EvalCase(name: "mentions: null text is missing", rule: "require mentions(desc, \"\(phrase)\")", dossier: #"{"desc": null}"#,
                 outcome: .missing, findings: ["missing /desc"], missing: ["/desc"]),
        EvalCase(name: "mentions: a number is invalid", rule: "require mentions(desc, \"\(phrase)\")", dossier: #"{"desc": 5}"#,
                 outcome: .fail, findings: ["invalid /desc"]),
        EvalCase(name: "mentions: a list of texts mentions when one does", rule: "require mentions(notes, \"\(phrase)\")",
                 dossier: #"{"notes": ["khác", "Xử lý  nước thải"]}"#, outcome: .pass),
    ]

    static let matches: [EvalCase] = [
        EvalCase(name: "matches: holds", rule: #"require matches(code, "^CT-[0-9]{{4}}$")"#, dossier: #"{"code": "CT-2024"}"#, outcome: .pass),
        EvalCase(name: "matches: fails", rule: #"require matches(code, "^CT-[0-9]{{4}}$")"#, dossier: #"{"code": "CT-24"}"#, outcome: .fail, findings: ["violation /code"]),
        EvalCase(name: "matches: missing", rule: #"require matches(code, "^CT-[0-9]{{4}}$")"#, dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/code"]),
        EvalCase(name: "matches: a number is invalid", rule: #"require matches(code, "^CT-[0-9]{{4}}$")"#, dossier: #"{"code": 2024}"#,
                 outcome: .fail, findings: ["invalid /code"]),
        EvalCase(name: "matches: null is missing", rule: #"require matches(code, "CT")"#, dossier: #"{"code": null}"#,
                 outcome: .missing, findings: ["missing /code"], missing: ["/code"]),
        EvalCase(name: "matches: searches anywhere in the string", rule: #"require matches(code, "[0-9]{{4}}")"#, dossier: #"{"code": "số CT-2024/QĐ"}"#, outcome: .pass),
        EvalCase(name: "matches: \\d is ASCII only", rule: #"require matches(code, "^\\d+$")"#, dossier: #"{"code": "\u0663\u0664"}"#,
                 outcome: .fail, findings: ["violation /code"]),
        EvalCase(name: "matches: an NFD subject matches an NFC pattern", rule: #"require matches(place, "^Cần Thơ$")"#,
                 dossier: #"{"place": "C\u0061\u0302\u0300n Tho\u031B"}"#, outcome: .pass),
        EvalCase(name: "matches: a pathological pattern answers", rule: #"require not matches(s, "^(a+)+$")"#,
                 dossier: "{\"s\": \"\(String(repeating: "a", count: 2000))!\"}", outcome: .pass),
        EvalCase(name: "full_match: holds", rule: #"require full_match(code, "CT-[0-9]{{4}}")"#, dossier: #"{"code": "CT-2024"}"#, outcome: .pass),
        EvalCase(name: "full_match: a match inside the string is not enough", rule: #"require full_match(code, "CT-[0-9]{{4}}")"#,
                 dossier: #"{"code": "CT-2024/QĐ"}"#, outcome: .fail, findings: ["violation /code"]),
        EvalCase(name: "full_match: alternatives span the whole string", rule: #"require full_match(code, "CT|CT-[0-9]+")"#,
                 dossier: #"{"code": "CT-7"}"#, outcome: .pass),
        EvalCase(name: "full_match: case-insensitive Vietnamese", rule: #"require full_match(place, "(?i)cần thơ")"#, dossier: #"{"place": "CẦN THƠ"}"#, outcome: .pass),
        EvalCase(name: "full_match: missing", rule: #"require full_match(code, "CT")"#, dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/code"]),
        EvalCase(name: "full_match: a list is invalid", rule: #"require full_match(code, "CT")"#, dossier: #"{"code": ["CT"]}"#,
                 outcome: .fail, findings: ["invalid /code"]),
    ]

    static let dates: [EvalCase] = [
        EvalCase(name: "today: the as-of date (2026-11-29)", rule: "require date(d) <= today()", dossier: #"{"d": "29/11/2026"}"#, outcome: .pass),
        EvalCase(name: "today: a later date fails", rule: "require date(d) <= today()", dossier: #"{"d": "2026-11-30"}"#, outcome: .fail, findings: ["violation /d"]),
        EvalCase(name: "days_between: holds", rule: "require days_between(a, b) <= 30", dossier: #"{"a": "2024-07-09", "b": "08/08/2024"}"#, outcome: .pass),
        EvalCase(name: "days_between: fails", rule: "require days_between(a, b) <= 30", dossier: #"{"a": "2024-07-09", "b": "09/08/2024"}"#,
                 outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "days_between: negative when b is before a", rule: "require days_between(a, b) == -1", dossier: #"{"a": "2024-07-09", "b": "2024-07-08"}"#,
                 outcome: .pass),
        EvalCase(name: "days_between: missing", rule: "require days_between(a, b) <= 30", dossier: #"{"a": "2024-07-09"}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/b"]),
        EvalCase(name: "days_between: a non-date is invalid", rule: "require days_between(a, b) <= 30", dossier: #"{"a": "x", "b": "2024-07-09"}"#,
                 outcome: .fail, findings: ["invalid /a"]),
        EvalCase(name: "year: holds", rule: "require year(d) == 2024", dossier: #"{"d": "09/07/2024"}"#, outcome: .pass),
        EvalCase(name: "year: fails", rule: "require year(d) == 2024", dossier: #"{"d": "2023-01-01"}"#, outcome: .fail, findings: ["violation /d"]),
        EvalCase(name: "year: missing", rule: "require year(d) == 2024", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/d"]),
        EvalCase(name: "year: a non-date is invalid", rule: "require year(d) == 2024", dossier: #"{"d": 2024}"#, outcome: .fail, findings: ["invalid /d"]),
    ]

    static let numbers: [EvalCase] = [
        EvalCase(name: "distinct: no repeats", rule: "require count(distinct(a.l)) == count(a.l)", dossier: #"{"a": {"l": [1, 2, 3]}}"#, outcome: .pass),
        EvalCase(name: "distinct: a repeat", rule: "require count(distinct(a.l)) == count(a.l)", dossier: #"{"a": {"l": [1, 2, 1]}}"#,
                 outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "distinct: NFC and NFD forms are one value", rule: "require count(distinct(a.l)) == count(a.l)",
                 dossier: "{\"a\": {\"l\": [\"Nhà\", \"\(nfd("Nhà"))\"]}}", outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "distinct: missing", rule: "require count(distinct(a.l)) == 1", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/a/l"]),
        EvalCase(name: "distinct: a number is invalid", rule: "require count(distinct(a.l)) == 1", dossier: #"{"a": {"l": 5}}"#,
                 outcome: .fail, findings: ["invalid /a/l"]),
        // distinct buckets by a hash that equal values share: each way two
        // values can be equal must land them in one bucket.
        EvalCase(name: "distinct: 1, 1.0 and 1e0 are one number", rule: "require count(distinct(a.l)) == 1",
                 dossier: #"{"a": {"l": [1, 1.0, 1e0]}}"#, outcome: .pass),
        EvalCase(name: "distinct: a date and the same day written as text are one", rule: #"require count(distinct([date("2024-07-09"), a.s, a.t])) == 1"#,
                 dossier: #"{"a": {"s": "09/07/2024", "t": "2024-07-09"}}"#, outcome: .pass),
        EvalCase(name: "distinct: two texts of one day are two texts without a date", rule: "require count(distinct(a.l)) == 2",
                 dossier: #"{"a": {"l": ["09/07/2024", "2024-07-09"]}}"#, outcome: .pass),
        EvalCase(name: "distinct: equal lists are one", rule: "require count(distinct(a.l)) == 2",
                 dossier: #"{"a": {"l": [[1, 2], [1, 2], [2, 1]]}}"#, outcome: .pass),
        EvalCase(name: "distinct: true and false", rule: "require count(distinct(a.l)) == 2",
                 dossier: #"{"a": {"l": [true, false, true]}}"#, outcome: .pass),
        EvalCase(name: "distinct: a null element is absent data, so the count is unknown", rule: "require count(distinct(a.l)) == 3",
                 dossier: #"{"a": {"l": [null, true, false, null, true]}}"#, outcome: .missing, findings: ["missing /a/l"]),
        EvalCase(name: "distinct: 20,000 items of two values (linear, not quadratic)", rule: "require count(distinct(a.l)) == 2",
                 dossier: "{\"a\": {\"l\": [" + Array(repeating: "\"mã-1\", \"mã-2\"", count: 10_000).joined(separator: ", ") + "]}}", outcome: .pass),
        EvalCase(name: "abs: holds", rule: "require abs(a.n) <= 5", dossier: #"{"a": {"n": -3}}"#, outcome: .pass),
        EvalCase(name: "abs: fails", rule: "require abs(a.n) <= 5", dossier: #"{"a": {"n": -7}}"#, outcome: .fail, findings: ["violation /a/n"]),
        EvalCase(name: "abs: missing", rule: "require abs(a.n) <= 5", dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/n"]),
        EvalCase(name: "abs: a string is invalid", rule: "require abs(a.n) <= 5", dossier: #"{"a": {"n": "-3"}}"#, outcome: .fail, findings: ["invalid /a/n"]),
        EvalCase(name: "round: to places, as a person reads the number (1.005 → 1.01)", rule: "require round(a.n, 2) == 1.01",
                 dossier: #"{"a": {"n": 1.005}}"#, outcome: .pass),
        EvalCase(name: "round: halves away from zero (2.5 → 3)", rule: "require round(a.n) == 3", dossier: #"{"a": {"n": 2.5}}"#, outcome: .pass),
        EvalCase(name: "round: halves away from zero (-2.5 → -3)", rule: "require round(a.n) == -3", dossier: #"{"a": {"n": -2.5}}"#, outcome: .pass),
        EvalCase(name: "round: huge places change nothing (and do not crash)", rule: "require round(a.n, a.p) == a.n",
                 dossier: #"{"a": {"n": 1.5e-300, "p": 1e300}}"#, outcome: .pass),
        EvalCase(name: "round: huge negative places give 0", rule: "require round(a.n, a.p) == 0",
                 dossier: #"{"a": {"n": 123.5, "p": -1e300}}"#, outcome: .pass),
        EvalCase(name: "round: a large number to 2 places is itself", rule: "require round(a.n, 2) == a.n",
                 dossier: #"{"a": {"n": 1e308}}"#, outcome: .pass),
        EvalCase(name: "round: 2.675 to 2 places is 2.68", rule: "require round(a.n, 2) == 2.68",
                 dossier: #"{"a": {"n": 2.675}}"#, outcome: .pass),
        EvalCase(name: "round: -0.005 to 2 places is -0.01", rule: "require round(a.n, 2) == -0.01",
                 dossier: #"{"a": {"n": -0.005}}"#, outcome: .pass),
        EvalCase(name: "round: 0.8962877 to 3 places is exactly 0.896", rule: "require round(a.n, 3) == 0.896",
                 dossier: #"{"a": {"n": 0.8962877}}"#, outcome: .pass),
        EvalCase(name: "round: 8.345 to 2 places is 8.35 (a half as written)", rule: "require round(a.n, 2) == 8.35",
                 dossier: #"{"a": {"n": 8.345}}"#, outcome: .pass),
        EvalCase(name: "round: 8.3449 to 2 places is 8.34 (below the half)", rule: "require round(a.n, 2) == 8.34",
                 dossier: #"{"a": {"n": 8.3449}}"#, outcome: .pass),
        EvalCase(name: "round: to tens", rule: "require round(a.n, -1) == 130",
                 dossier: #"{"a": {"n": 125}}"#, outcome: .pass),
        EvalCase(name: "round: fails", rule: "require round(a.n) == 3", dossier: #"{"a": {"n": 2.4}}"#, outcome: .fail, findings: ["violation /a/n"]),
        EvalCase(name: "round: missing", rule: "require round(a.n, 1) == 3", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/a/n"]),
        EvalCase(name: "round: a string is invalid", rule: "require round(a.n) == 3", dossier: #"{"a": {"n": "3"}}"#, outcome: .fail, findings: ["invalid /a/n"]),
    ]

    /// `sum`, `min`, `max` and `distinct` take one shared step over their
    /// elements (`knownElements`): each of the four over a list with an
    /// absent element, a null one, one of the wrong type (it failed the
    /// schema) and all three mixed. Absent or null: unknown; a wrong type,
    /// alone or beside absent ones: invalid — never a pass.
    static let knownElementCases: [EvalCase] = {
        let schema = "schema { a?: { l?: [{ v?: number }], n?: [number] } }"
        let calls: [(name: String, rule: String)] = [
            ("sum", "require sum(a.l[*].v) == 3"),
            ("min", "require min(a.l[*].v) == 1"),
            ("max", "require max(a.l[*].v) == 2"),
            ("distinct", "require count(distinct(a.l[*].v)) == 2"),
        ]
        let lists: [(name: String, items: String, outcome: RuleOutcome, findings: [String])] = [
            ("an absent element", #"[{"v": 1}, {"v": 2}, {}]"#, .missing, ["missing /a/l/2"]),
            ("a null element", #"[{"v": 1}, {"v": 2}, {"v": null}]"#, .missing, ["missing /a/l/2/v"]),
            ("an element of the wrong type", #"[{"v": 1}, {"v": 2}, {"v": "3"}]"#, .fail, ["invalid /a/l/2/v"]),
            ("absent, null and wrong-typed elements", #"[{}, {"v": null}, {"v": 1}, {"v": "3"}, {"v": 2}]"#, .fail, ["invalid /a/l/3/v"]),
        ]
        var cases: [EvalCase] = []
        for c in calls {
            for l in lists {
                cases.append(EvalCase(name: "\(c.name) over \(l.name)", prelude: schema, rule: c.rule,
                                      dossier: #"{"a": {"l": "# + l.items + "}}", outcome: l.outcome, findings: l.findings))
            }
            // The same list with every element known and of the right type passes.
            cases.append(EvalCase(name: "\(c.name) over known elements", prelude: schema, rule: c.rule,
                                  dossier: #"{"a": {"l": [{"v": 1}, {"v": 2}]}}"#, outcome: .pass))
        }
        // A list of the dossier read whole (no projection): its elements are nodes.
        for (name, rule) in [("sum", "require sum(a.n) == 3"), ("min", "require min(a.n) == 1"),
                             ("max", "require max(a.n) == 2"), ("distinct", "require count(distinct(a.n)) == 2")] {
            // Without a schema: a null is a value not given; a string is the wrong type for all but `distinct`.
            cases.append(EvalCase(name: "\(name) over a whole list with a null", rule: rule,
                                  dossier: #"{"a": {"n": [1, null, 2]}}"#, outcome: .missing, findings: ["missing /a/n"]))
            cases.append(EvalCase(name: "\(name) over a whole list with a null and a string", rule: rule,
                                  dossier: #"{"a": {"n": [1, null, "2"]}}"#, outcome: name == "distinct" ? .missing : .fail,
                                  findings: [name == "distinct" ? "missing /a/n" : "invalid /a/n/2"]))
            // With one: an element that failed it is invalid, blamed where it is.
            cases.append(EvalCase(name: "\(name) over a whole list with an element that failed the schema", prelude: schema, rule: rule,
                                  dossier: #"{"a": {"n": [1, "2", 2]}}"#, outcome: .fail, findings: ["invalid /a/n/1"]))
        }
        return cases
    }()

    @Test(arguments: knownElementCases) func knownElementsStep(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: exists) func existsFunction(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: count) func countFunction(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: sumMinMax) func sumMinMaxFunctions(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: strings) func stringFunctions(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: mentions) func mentionsFunction(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: matches) func matchesFunction(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: dates) func dateFunctions(_ c: EvalCase) throws { try run(c) }
    @Test(arguments: numbers) func numberFunctions(_ c: EvalCase) throws { try run(c) }
}
