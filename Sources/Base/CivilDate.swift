/// A calendar date without time or zone: the type of date literals and of
/// dossier dates (`YYYY-MM-DD`, or `DD/MM/YYYY` as Vietnamese forms write them).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, 1...9999.
    public var year: Int
    /// Month, 1...12.
    public var month: Int
    /// Day of the month, starting at 1; valid for `month` and `year`.
    public var day: Int

    /// A real calendar date, or nil (2024-02-30 is not one).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1 && day <= CivilDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Number of days in `month` of `year` (Gregorian leap years).
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads `YYYY-MM-DD` or `DD/MM/YYYY` (exactly those shapes).
    package init?<C: Collection>(text bytes: C) where C.Element == UInt8 {
        guard bytes.count == 10 else { return nil }
        guard let date = bytes.withContiguousStorageIfAvailable({ CivilDate(text: $0) }) ?? Array(bytes).withUnsafeBufferPointer({ CivilDate(text: $0) })
        else { return nil }
        self = date
    }

    /// Reads `YYYY-MM-DD` or `DD/MM/YYYY` from UTF-8 bytes, without copying
    /// them (dates are read for every dossier).
    package init?(text b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, let p = b.baseAddress else { return nil }
        // Each byte minus "0" is a digit when it is below 10 (as unsigned: a
        // byte below "0" wraps around). Written out rather than as a nested
        // function, which the compiler left as a call per field.
        @inline(__always) func digit(_ i: Int) -> Int { Int(p[i] &- 0x30) }
        @inline(__always) func isDigit(_ i: Int) -> Bool { p[i] &- 0x30 < 10 }
        if p[4] == UInt8(ascii: "-") && p[7] == UInt8(ascii: "-") {
            guard isDigit(0), isDigit(1), isDigit(2), isDigit(3), isDigit(5), isDigit(6), isDigit(8), isDigit(9) else { return nil }
            self.init(year: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), month: digit(5) * 10 + digit(6), day: digit(8) * 10 + digit(9))
        } else if p[2] == UInt8(ascii: "/") && p[5] == UInt8(ascii: "/") {
            guard isDigit(0), isDigit(1), isDigit(3), isDigit(4), isDigit(6), isDigit(7), isDigit(8), isDigit(9) else { return nil }
            self.init(year: digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9), month: digit(3) * 10 + digit(4), day: digit(0) * 10 + digit(1))
        } else {
            return nil
        }
    }

    /// Reads `YYYY-MM-DD` or `DD/MM/YYYY` from a string.
    public init?(_ text: String) {
        self.init(text: text.utf8)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    package var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    package init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Orders dates chronologically.
    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
