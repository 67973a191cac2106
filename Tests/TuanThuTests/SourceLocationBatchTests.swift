import Diagnostics
import Testing

// `SourceFile.locations(of:)` places many offsets in one sorted pass; each
// location must be exactly what `location(of:)` gives for that offset alone,
// whatever the text (ASCII, multi-byte Vietnamese and emoji, CRLF, lone CR,
// several lines or one long NDJSON-like line) and whatever the offsets
// (unsorted, repeated, inside a multi-byte scalar, at and past the end).

/// One input: a name, its bytes, and the first line number of the file.
struct LocationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let firstLine: Int
    var testDescription: String { name }

    init(_ name: String, _ text: String, firstLine: Int = 1) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.firstLine = firstLine
    }
}

private let longLine = "{\"id\": \"DA-1\", \"project\": {\"name\": \"Mở rộng trường Vĩnh Thạnh\", \"tags\": [\"🌾\", \"🏫\", \"x\"]}, "
    + String(repeating: "\"ghi_chú\": \"Hồ sơ đã được góp ý, chỉnh sửa 🙂\", ", count: 40) + "\"end\": true}"

private let locationCases: [LocationCase] = [
    LocationCase("empty", ""),
    LocationCase("ascii one line", #"{"a": 1, "b": [true, false, null], "c": "text"}"#),
    LocationCase("ascii lines", "{\n  \"a\": 1,\n  \"b\": 2\n}\n"),
    LocationCase("vietnamese", "{\"tên\": \"Nhà máy chế biến thủy sản Trà Nóc\",\n \"xã\": \"Phường Bình Thủy\"}"),
    LocationCase("emoji", "[\"🌾🌾\", \"a🙂b\",\n\"👩‍👩‍👧\"]"),
    LocationCase("crlf", "{\r\n  \"ghi_chú\": \"đào\",\r\n  \"b\": 2\r\n}\r\n"),
    LocationCase("lone cr", "{\r\"a\": \"ư\",\r\"b\": 2\r}"),
    LocationCase("blank lines", "\n\n{\"a\":\n\n1}\n\n"),
    LocationCase("ndjson record", longLine, firstLine: 7),
    LocationCase("no final newline", "a\nbc\nđ"),
]

/// Offsets to place in `n` bytes: every offset (and a few past the end) when
/// short, else a spread; then shuffled deterministically and some repeated.
private func offsets(for n: Int) -> [UInt32] {
    var all: [UInt32] = n <= 200 ? (0...(n + 3)).map(UInt32.init) : stride(from: 0, through: n + 3, by: 7).map(UInt32.init) + [UInt32(n - 1), UInt32(n), UInt32(n + 1)]
    all += [UInt32.max, UInt32(n), 0]
    // A fixed permutation (multiplicative step coprime with the count, when it is).
    var shuffled: [UInt32] = []
    var seen = Set<Int>()
    var i = 0
    for _ in 0..<all.count {
        while seen.contains(i) { i = (i + 1) % all.count }
        seen.insert(i)
        shuffled.append(all[i])
        i = (i * 7 + 3) % all.count
    }
    return shuffled + Array(all.prefix(5))
}

@Test(arguments: locationCases)
func batchLocationsEqualSingleOnes(_ c: LocationCase) {
    let file = SourceFile(id: FileID(0), path: "x.json", bytes: c.bytes, firstLine: c.firstLine)
    let asked = offsets(for: c.bytes.count)
    let batch = file.locations(of: asked)
    #expect(batch.count == asked.count)
    for (k, o) in asked.enumerated() {
        #expect(batch[k] == file.location(of: o), "offset \(o) of \(c.name)")
    }
}

@Test(arguments: locationCases)
func batchLocationsInOrderAndReversed(_ c: LocationCase) {
    let file = SourceFile(id: FileID(0), path: "x.json", bytes: c.bytes, firstLine: c.firstLine)
    let sorted = (0...c.bytes.count).map(UInt32.init)
    let single = sorted.map { file.location(of: $0) }
    #expect(file.locations(of: sorted) == single)
    #expect(file.locations(of: sorted.reversed()) == single.reversed())
}

@Test
func batchLocationsSmallCases() {
    let file = SourceFile(id: FileID(0), path: "x.json", bytes: Array("ab\nđc".utf8))
    #expect(file.locations(of: []).isEmpty)
    #expect(file.locations(of: [4]) == [file.location(of: 4)])
    // Known values: `đ` is two bytes, so `c` is byte column 3, scalar column 2.
    #expect(file.locations(of: [5, 0, 5]) == [SourceLocation(line: 2, column: 2, byteColumn: 3), SourceLocation(line: 1, column: 1, byteColumn: 1),
                                              SourceLocation(line: 2, column: 2, byteColumn: 3)])
    // Past the end: clamped to the end of the file.
    #expect(file.locations(of: [99, 1]) == [SourceLocation(line: 2, column: 3, byteColumn: 4), SourceLocation(line: 1, column: 2, byteColumn: 2)])
}
