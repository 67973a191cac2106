import Base
import Foundation

/// The reserved id of the finding on a dossier whose `id` an earlier dossier of the run has.
package let duplicateIDRule = "tuanthu.duplicate-id"

/// Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
public func todayInVietnam() -> CivilDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
}
