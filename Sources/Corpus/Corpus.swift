import Base

// A deterministic synthetic corpus for benchmarks and tests: project dossiers
// of Can Tho shaped like those of Examples/DOSSIER-FORMAT.md and coherent with the bundled
// pack `Rules/kl81-cantho`. About 70% pass every rule; the others carry one
// to three typical defects (an undersized treatment plant, an expired permit,
// a missing EIA section, a vessel without GPS, a number written as text, a
// duplicate key, ...). Every dossier is valid JSON.

/// Generates synthetic project dossiers. The same seed gives the same bytes on
/// every machine and run, so benchmark figures are comparable.
package enum Corpus {
    /// One dossier as UTF-8 JSON of about `approximateBytes` (at least that
    /// much, rarely more than 10% over, from 2 KB up; smaller sizes give the
    /// smallest dossier the generator makes, about 2 KB). Pretty-printed with
    /// two-space indentation, or minified when that is needed to fit.
    package static func dossier(seed: UInt64, approximateBytes: Int) -> [UInt8] {
        annotatedDossier(seed: seed, approximateBytes: approximateBytes).bytes
    }

    /// `count` dossiers with seeds `firstSeed`, `firstSeed + 1`, ...
    package static func dossiers(count: Int, firstSeed: UInt64 = 1, approximateBytes: Int) -> [[UInt8]] {
        (0..<count).map { dossier(seed: firstSeed &+ UInt64($0), approximateBytes: approximateBytes) }
    }

    /// A dossier with the defects planted in it: for each, its name and the
    /// rules it makes fail or leave missing (`tuanthu.duplicate-key` for a
    /// duplicate key). No defect: the dossier passes every rule of the pack.
    package static func annotatedDossier(seed: UInt64, approximateBytes: Int) -> (bytes: [UInt8], defects: [(name: String, rules: [String])]) {
        var g = Generator(seed: seed)
        var m = g.model()
        if g.chance(30) { g.plantDefects(&m) }
        let bytes = g.render(&m, target: approximateBytes)
        return (bytes, m.defects.map { ($0.rawValue, $0.rules) })
    }
}

// MARK: - Calendar

/// Days since 1970-01-01 of a civil date (the calendar of `CivilDate`).
private func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
    CivilDate(year: y, month: m, day: d)!.dayNumber
}

/// The civil date `z` days after 1970-01-01.
private func civilDate(_ z: Int) -> (y: Int, m: Int, d: Int) {
    let date = CivilDate(dayNumber: z)
    return (date.year, date.month, date.day)
}

private let firstSubmission = dayNumber(2024, 1, 2)
private let lastSubmission = dayNumber(2026, 11, 27)
/// QCVN 40:2025/BTNMT applies to industrial wastewater from this day (KL81-3.5-WW-03/04).
private let qcvn2025Day = dayNumber(2025, 9, 1)
/// From this day Decree 30/2026/NĐ-CP replaces the key-energy-user figures of Decree 21/2011.
private let decree30Day = dayNumber(2026, 1, 21)
/// The city People's Committee appraises EIAs in industrial clusters from this day (KL81-3.1-AUTH-01).
private let clusterEIADay = dayNumber(2025, 1, 6)
/// The Ministry of Natural Resources and Environment became the Ministry of Agriculture and Environment.
private let ministryMergerDay = dayNumber(2025, 3, 1)
/// Hậu Giang and Sóc Trăng merged into Can Tho.
private let provinceMergerDay = dayNumber(2025, 7, 1)

// MARK: - Vocabulary

private struct Commune {
    var name: String
    var legacy: String
    /// 0: Cần Thơ, 1: Hậu Giang, 2: Sóc Trăng (before 1 July 2025).
    var province: Int
    var lat: Int  // 1e-4 degrees
    var lon: Int
    /// On the Hậu river (sand mining, riverside works).
    var onHau: Bool
    /// Coastal (salinity, wind).
    var coastal: Bool
    var rivers: [String]

    var place: String {
        if name.hasPrefix("phường ") { return String(name.dropFirst(7)) }
        if name.hasPrefix("xã ") { return String(name.dropFirst(3)) }
        return name
    }
    var urban: Bool { name.hasPrefix("phường ") }
}

private func c(_ name: String, _ legacy: String, _ province: Int, _ lat: Int, _ lon: Int, hau: Bool = false, coast: Bool = false, _ rivers: [String]) -> Commune {
    Commune(name: name, legacy: legacy, province: province, lat: lat, lon: lon, onHau: hau, coastal: coast, rivers: rivers)
}

private let hg = " (tỉnh Hậu Giang cũ)"
private let st = " (tỉnh Sóc Trăng cũ)"

private let communes: [Commune] = [
    c("phường Ninh Kiều", "quận Ninh Kiều", 0, 100_350, 1_057_850, hau: true, ["sông Hậu", "sông Cần Thơ", "rạch Khai Luông"]),
    c("phường Cái Khế", "quận Ninh Kiều", 0, 100_460, 1_057_800, hau: true, ["sông Hậu", "rạch Cái Khế"]),
    c("phường Tân An", "quận Ninh Kiều", 0, 100_300, 1_057_700, ["sông Cần Thơ", "rạch Tham Tướng"]),
    c("phường An Bình", "quận Ninh Kiều", 0, 100_100, 1_057_400, ["sông Cần Thơ", "rạch Cái Sơn"]),
    c("phường Thới An Đông", "quận Bình Thủy", 0, 100_600, 1_057_300, hau: true, ["sông Hậu", "rạch Trà Nóc"]),
    c("phường Bình Thủy", "quận Bình Thủy", 0, 100_750, 1_057_500, hau: true, ["sông Hậu", "rạch Bình Thủy"]),
    c("phường Long Tuyền", "quận Bình Thủy", 0, 100_500, 1_057_150, ["rạch Bình Thủy", "rạch Ông Dầu"]),
    c("phường Cái Răng", "quận Cái Răng", 0, 99_910, 1_057_850, ["sông Cần Thơ", "rạch Cái Răng"]),
    c("phường Hưng Phú", "quận Cái Răng", 0, 100_200, 1_058_000, hau: true, ["sông Hậu", "sông Cần Thơ"]),
    c("phường Ô Môn", "quận Ô Môn", 0, 101_150, 1_056_300, hau: true, ["sông Hậu", "rạch Ô Môn"]),
    c("phường Phước Thới", "quận Ô Môn", 0, 100_950, 1_056_700, hau: true, ["sông Hậu", "rạch Sang Trắng"]),
    c("phường Thới Long", "quận Ô Môn", 0, 101_400, 1_055_900, hau: true, ["sông Hậu", "rạch Bằng Tăng"]),
    c("phường Trung Nhứt", "quận Thốt Nốt", 0, 102_100, 1_055_700, hau: true, ["sông Hậu", "kênh Thốt Nốt"]),
    c("phường Thuận Hưng", "quận Thốt Nốt", 0, 102_450, 1_055_600, hau: true, ["sông Hậu", "kênh Cái Sắn"]),
    c("phường Thốt Nốt", "quận Thốt Nốt", 0, 102_730, 1_055_400, hau: true, ["sông Hậu", "kênh Thốt Nốt"]),
    c("xã Phong Điền", "huyện Phong Điền", 0, 99_950, 1_056_700, ["rạch Cần Thơ", "kênh Xẻo Tre"]),
    c("xã Nhơn Ái", "huyện Phong Điền", 0, 99_850, 1_057_000, ["rạch Cần Thơ", "kênh Ba Láng"]),
    c("xã Trường Long", "huyện Phong Điền", 0, 99_800, 1_056_200, ["kênh Xà No", "rạch Trường Long"]),
    c("xã Thới Lai", "huyện Thới Lai", 0, 100_650, 1_055_600, ["kênh Thị Đội", "kênh Thới Lai"]),
    c("xã Đông Thuận", "huyện Thới Lai", 0, 100_300, 1_055_300, ["kênh Thị Đội", "kênh Đông Thuận"]),
    c("xã Trường Xuân", "huyện Thới Lai", 0, 100_100, 1_054_800, ["kênh Trường Xuân", "kênh Thị Đội"]),
    c("xã Trường Thành", "huyện Thới Lai", 0, 100_400, 1_056_000, ["kênh Thị Đội", "rạch Ô Môn"]),
    c("xã Cờ Đỏ", "huyện Cờ Đỏ", 0, 100_950, 1_054_300, ["kênh Thị Đội", "kênh Thắng Lợi 1"]),
    c("xã Đông Hiệp", "huyện Cờ Đỏ", 0, 101_250, 1_054_400, ["kênh Thắng Lợi 1", "kênh Đông Hiệp"]),
    c("xã Trung Hưng", "huyện Cờ Đỏ", 0, 101_600, 1_054_900, ["kênh Thắng Lợi 2", "kênh Cái Sắn"]),
    c("xã Thạnh Phú", "huyện Cờ Đỏ", 0, 101_600, 1_053_800, ["kênh Thạnh Phú", "kênh Thắng Lợi 1"]),
    c("xã Vĩnh Thạnh", "huyện Vĩnh Thạnh", 0, 102_250, 1_054_000, ["kênh Cái Sắn", "kênh Tám Ngàn"]),
    c("xã Thạnh An", "huyện Vĩnh Thạnh", 0, 101_850, 1_053_100, ["kênh Cái Sắn", "kênh Ranh"]),
    c("xã Thạnh Quới", "huyện Vĩnh Thạnh", 0, 102_700, 1_054_200, hau: true, ["sông Hậu", "kênh Cái Sắn"]),
    c("xã Vĩnh Trinh", "huyện Vĩnh Thạnh", 0, 102_500, 1_054_700, hau: true, ["sông Hậu", "kênh Vĩnh Trinh"]),
    c("phường Vị Thanh", "thành phố Vị Thanh" + hg, 1, 97_850, 1_054_700, ["kênh Xà No", "sông Cái Lớn"]),
    c("phường Vị Tân", "thành phố Vị Thanh" + hg, 1, 97_600, 1_054_900, ["kênh Xà No", "kênh 62"]),
    c("phường Ngã Bảy", "thành phố Ngã Bảy" + hg, 1, 98_150, 1_058_200, ["kênh Quản Lộ - Phụng Hiệp", "sông Cái Côn"]),
    c("phường Đại Thành", "thành phố Ngã Bảy" + hg, 1, 98_400, 1_058_400, ["sông Cái Côn", "kênh Quản Lộ - Phụng Hiệp"]),
    c("phường Long Mỹ", "thị xã Long Mỹ" + hg, 1, 96_800, 1_055_700, ["kênh Nàng Mau", "sông Cái Lớn"]),
    c("phường Long Bình", "thị xã Long Mỹ" + hg, 1, 96_500, 1_056_000, ["kênh Nàng Mau", "kênh Long Bình"]),
    c("xã Châu Thành", "huyện Châu Thành" + hg, 1, 99_300, 1_058_300, hau: true, ["sông Hậu", "kênh Cái Dầu"]),
    c("xã Đông Phước", "huyện Châu Thành" + hg, 1, 99_500, 1_058_000, ["kênh Xà No", "rạch Đông Phước"]),
    c("xã Phú Hữu", "huyện Châu Thành" + hg, 1, 99_050, 1_058_700, hau: true, ["sông Hậu", "rạch Mái Dầm"]),
    c("xã Châu Thành A", "huyện Châu Thành A" + hg, 1, 99_300, 1_056_500, ["kênh Xà No", "kênh KH9"]),
    c("xã Tân Hòa", "huyện Châu Thành A" + hg, 1, 99_100, 1_057_000, ["kênh Xà No", "rạch Tân Hòa"]),
    c("xã Thạnh Xuân", "huyện Châu Thành A" + hg, 1, 99_500, 1_056_100, ["kênh Xà No", "kênh Thạnh Xuân"]),
    c("xã Phụng Hiệp", "huyện Phụng Hiệp" + hg, 1, 98_000, 1_057_200, ["kênh Quản Lộ - Phụng Hiệp", "kênh Lái Hiếu"]),
    c("xã Hiệp Hưng", "huyện Phụng Hiệp" + hg, 1, 97_550, 1_057_900, ["kênh Quản Lộ - Phụng Hiệp", "kênh Hiệp Hưng"]),
    c("xã Phương Bình", "huyện Phụng Hiệp" + hg, 1, 97_300, 1_057_000, ["kênh Lái Hiếu", "kênh Phương Bình"]),
    c("xã Vị Thủy", "huyện Vị Thủy" + hg, 1, 98_000, 1_055_600, ["kênh Xà No", "kênh Nàng Mau"]),
    c("xã Vĩnh Tường", "huyện Vị Thủy" + hg, 1, 98_500, 1_055_300, ["kênh Xà No", "kênh Vĩnh Tường"]),
    c("xã Vĩnh Viễn", "huyện Long Mỹ" + hg, 1, 96_800, 1_054_200, ["sông Cái Lớn", "kênh Vĩnh Viễn"]),
    c("xã Xà Phiên", "huyện Long Mỹ" + hg, 1, 96_400, 1_054_800, ["sông Cái Lớn", "kênh Xà Phiên"]),
    c("xã Lương Tâm", "huyện Long Mỹ" + hg, 1, 96_100, 1_055_200, ["kênh Nàng Mau", "kênh Lương Tâm"]),
    c("phường Sóc Trăng", "thành phố Sóc Trăng" + st, 2, 96_000, 1_059_750, ["kênh Maspero", "rạch Sóc Trăng"]),
    c("phường Phú Lợi", "thành phố Sóc Trăng" + st, 2, 96_100, 1_059_600, ["kênh Maspero", "kênh Phú Lợi"]),
    c("phường Mỹ Xuyên", "huyện Mỹ Xuyên" + st, 2, 95_550, 1_059_850, ["sông Nhu Gia", "kênh Maspero"]),
    c("phường Ngã Năm", "thị xã Ngã Năm" + st, 2, 95_650, 1_055_950, ["kênh Quản Lộ - Phụng Hiệp", "kênh Ngã Năm"]),
    c("phường Vĩnh Châu", "thị xã Vĩnh Châu" + st, 2, 93_290, 1_059_800, coast: true, ["kênh Vĩnh Châu", "kênh Ba Xuyên"]),
    c("phường Khánh Hòa", "thị xã Vĩnh Châu" + st, 2, 93_400, 1_060_400, coast: true, ["kênh Khánh Hòa", "kênh Vĩnh Châu"]),
    c("phường Vĩnh Phước", "thị xã Vĩnh Châu" + st, 2, 93_100, 1_059_000, coast: true, ["kênh Vĩnh Phước", "kênh Vĩnh Châu"]),
    c("xã Kế Sách", "huyện Kế Sách" + st, 2, 97_700, 1_059_800, hau: true, ["sông Hậu", "kênh Kế Sách"]),
    c("xã An Lạc Thôn", "huyện Kế Sách" + st, 2, 98_700, 1_059_300, hau: true, ["sông Hậu", "rạch An Lạc"]),
    c("xã Đại Hải", "huyện Kế Sách" + st, 2, 97_600, 1_059_000, ["kênh Quản Lộ - Phụng Hiệp", "kênh Đại Hải"]),
    c("xã Long Phú", "huyện Long Phú" + st, 2, 96_400, 1_061_200, hau: true, coast: true, ["sông Hậu", "kênh Long Phú"]),
    c("xã Đại Ngãi", "huyện Long Phú" + st, 2, 97_300, 1_060_700, hau: true, ["sông Hậu", "rạch Đại Ngãi"]),
    c("xã Cù Lao Dung", "huyện Cù Lao Dung" + st, 2, 96_600, 1_061_900, hau: true, coast: true, ["sông Hậu", "sông Cồn Tròn"]),
    c("xã An Thạnh", "huyện Cù Lao Dung" + st, 2, 97_000, 1_061_600, hau: true, ["sông Hậu", "rạch An Thạnh"]),
    c("xã Trần Đề", "huyện Trần Đề" + st, 2, 95_200, 1_061_800, hau: true, coast: true, ["sông Hậu", "kênh Trần Đề"]),
    c("xã Lịch Hội Thượng", "huyện Trần Đề" + st, 2, 94_800, 1_061_500, coast: true, ["kênh Lịch Hội Thượng", "sông Mỹ Thanh"]),
    c("xã Mỹ Tú", "huyện Mỹ Tú" + st, 2, 96_400, 1_058_300, ["kênh Quản Lộ - Phụng Hiệp", "kênh Mỹ Tú"]),
    c("xã Thạnh Trị", "huyện Thạnh Trị" + st, 2, 94_500, 1_057_000, ["kênh Thạnh Trị", "kênh Quản Lộ - Phụng Hiệp"]),
    c("xã Hòa Tú", "huyện Mỹ Xuyên" + st, 2, 94_800, 1_059_500, coast: true, ["sông Nhu Gia", "kênh Hòa Tú"]),
    c("xã Gia Hòa", "huyện Mỹ Xuyên" + st, 2, 94_500, 1_059_000, coast: true, ["sông Nhu Gia", "kênh Gia Hòa"]),
]

private let brands = [
    "Sông Hậu", "Tây Đô", "Cửu Long", "Miền Tây", "Phương Nam", "Mekong", "Nam Sông Hậu", "Hưng Phát", "Bình An",
    "Thành Đạt", "Việt Úc", "Hải Đăng", "Sao Mai", "Phú Thịnh", "An Phú", "Long Hưng", "Kim Thành", "Tân Phát",
    "Hoàng Long", "Đại Phát", "Minh Phú", "Gia Phát", "Ninh Kiều", "Phù Sa", "Hậu Giang Xanh", "Đồng Bằng",
    "Trà Nóc", "Hạt Ngọc", "Bến Ninh Kiều", "Thới An", "Phát Đạt", "Việt Thắng", "Nam Việt", "Thuận Phát",
]
private let companyForms = ["Công ty Cổ phần", "Công ty Cổ phần", "Công ty TNHH", "Công ty TNHH MTV", "Tổng công ty"]

private let publicInvestors = [
    "Ban Quản lý dự án đầu tư xây dựng thành phố Cần Thơ",
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông thành phố Cần Thơ",
    "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn thành phố Cần Thơ",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp thành phố Cần Thơ",
]
private let departments = [
    "Sở Nông nghiệp và Môi trường thành phố Cần Thơ", "Sở Xây dựng thành phố Cần Thơ", "Sở Công Thương thành phố Cần Thơ",
    "Sở Tài chính thành phố Cần Thơ", "Sở Khoa học và Công nghệ thành phố Cần Thơ",
]
private let waterPlants = [
    ["Nhà máy nước Hưng Phú", "Nhà máy nước Cần Thơ 1", "Nhà máy nước Cần Thơ 2", "Nhà máy nước Trà Nóc", "Nhà máy nước Thốt Nốt", "Nhà máy nước Ô Môn"],
    ["Nhà máy nước Vị Thanh", "Nhà máy nước Ngã Bảy", "Nhà máy nước sông Hậu 1", "Nhà máy nước Long Mỹ"],
    ["Nhà máy nước Sóc Trăng", "Nhà máy nước Đại Ngãi", "Nhà máy nước Vĩnh Châu", "Nhà máy nước Mỹ Xuyên"],
]

private let environmentCriteria = [
    "Nước thải sau xử lý đạt quy chuẩn trước khi xả ra nguồn tiếp nhận",
    "Thu gom, phân loại chất thải rắn sinh hoạt tại nguồn",
    "Tỷ lệ cây xanh tối thiểu 10% diện tích",
    "Không san lấp kênh, rạch tự nhiên",
    "Giảm bụi, tiếng ồn khi thi công: che chắn, tưới ẩm",
    "Dùng cát san lấp có nguồn gốc hợp pháp",
    "Bùn thải được tách nước, làm phân compost",
    "Chất thải nguy hại được lưu giữ đúng quy định và chuyển giao đơn vị có chức năng",
    "Tái sử dụng nước mưa để tưới cây, rửa đường",
    "Bảo đảm dòng chảy tối thiểu cho hệ sinh thái kênh rạch",
    "Quan trắc chất lượng nước mặt định kỳ",
    "Hạn chế túi ni lông, sản phẩm nhựa dùng một lần",
    "Thu hồi phụ phẩm để tái chế",
    "Định mức nước sử dụng thấp hơn mức trung bình ngành",
    "Dùng vật liệu xây không nung",
    "Không sử dụng hóa chất bảo vệ thực vật cấm lưu hành",
    "Giữ nguyên hành lang bảo vệ nguồn nước",
    "Xử lý mùi bằng lọc sinh học",
    "Không đổ bùn nạo vét ra sông",
    "Giữ cây xanh hiện hữu, trồng bù cây bị chặt hạ",
    "Tách riêng hệ thống thoát nước mưa và nước thải",
    "Che phủ bãi vật liệu, rửa xe trước khi ra công trường",
    "Tiếng ồn giáp khu dân cư đạt QCVN 26:2010/BTNMT",
    "Không khí xung quanh đạt QCVN 05:2023/BTNMT",
    "Tái chế từ 60% chất thải rắn trở lên",
    "Thu gom toàn bộ dầu nhớt thải",
    "Lắp thiết bị tiết kiệm nước",
    "Giữ thảm thực vật ven sông",
    "Bảo đảm khoảng cách an toàn về môi trường tới khu dân cư",
    "Không xả bùn đáy ao ra kênh rạch",
]
/// Short environmental criteria, added to the last plan item to reach the size asked for.
private let shortCriteria = [
    "Quan trắc nước mặt hằng quý", "Không đốt rơm rạ, chất thải", "Giảm 20% nước cấp", "Tái sử dụng nước mưa",
    "Thu gom dầu thải", "Trồng cây bản địa", "Không dùng túi ni lông", "Che chắn bãi vật liệu",
    "Phân loại rác tại nguồn", "Không san lấp ao hồ",
]
private let climateCriteria = [
    "Cao trình nền cao hơn mực triều cường thiết kế",
    "Thiết kế theo kịch bản biến đổi khí hậu cập nhật năm 2020",
    "Tiêu thoát nước mưa với cường độ mưa cực đoan",
    "Giảm phát thải khí nhà kính so với phương án cơ sở",
    "Năng lượng tái tạo đáp ứng tối thiểu 10% nhu cầu điện",
    "Chống sạt lở bờ sông, kênh tiếp giáp",
    "Công trình chịu gió bão cấp 12",
    "Không làm tăng nguy cơ ngập úng khu vực lân cận",
    "Bảo đảm nguồn nước ngọt trong mùa khô hạn",
    "Hạn chế khai thác nước dưới đất, giảm sụt lún",
    "Tính đến mực nước biển dâng năm 2050",
    "Tăng diện tích mặt nước, hồ điều hòa",
    "Vật liệu phản xạ nhiệt, giảm hiệu ứng đảo nhiệt đô thị",
    "Tiết kiệm năng lượng theo QCVN 09:2017/BXD",
    "Dự phòng nguồn điện khi thiên tai",
    "Cảnh báo sớm ngập, sạt lở",
    "Thu hồi khí mê-tan, giảm phát thải",
    "Không cản trở dòng chảy lũ",
    "Trồng cây xanh hấp thụ CO2",
]
private let adaptationMeasures = [
    "Nâng cao trình san nền",
    "Bơm tiêu thoát nước mưa dự phòng khi triều cường",
    "Cống ngăn triều một chiều tại cửa xả",
    "Kè mềm bằng cừ tràm kết hợp trồng bần, dừa nước",
    "Hồ điều hòa trữ nước mưa",
    "Máy phát điện dự phòng khi giông bão",
    "Mặt đường thấm nước ở bãi đỗ xe",
    "Bể sự cố dự phòng khi mưa lớn",
    "Khung nhà xưởng chịu gió giật cấp 12",
    "Đê bao khép kín quanh công trình",
    "Trồng cây xanh che nắng, giảm nhiệt",
    "Quan trắc lún mặt đất định kỳ",
    "Quan trắc bờ sông bằng flycam hằng quý",
    "Hệ thống cảnh báo ngập cho người dân",
    "Kho vật tư phòng chống thiên tai tại chỗ",
    "Gia cố mái taluy bằng thảm thực vật",
    "Mương tiêu thoát và cống một chiều ra kênh",
    "Thiết bị đặt cao hơn mực lũ lịch sử năm 2011",
    "Tường chắn sóng ven sông",
    "Phương án ứng phó sự cố thiên tai hằng năm",
]
/// Adaptation measures that mention salinity (KL81-3.3-SAL-01 looks for "mặn").
private let salinityMeasures = [
    "Hồ trữ nước ngọt dự phòng mùa xâm nhập mặn",
    "Cống ngăn mặn, trữ ngọt trên kênh cấp nước",
    "Theo dõi độ mặn hằng ngày, lấy nước theo lịch",
    "Chuyển sang giống chịu mặn",
    "Trạm đo mặn tự động tại cửa lấy nước",
    "Bơm trữ nước ngọt trước đợt mặn",
]
private let genericItems = [
    "Hệ thống thoát nước mưa và hồ điều hòa", "Trồng cây xanh cách ly", "Nâng cao trình nền chống ngập",
    "Kè bảo vệ bờ kênh tiếp giáp", "Điện mặt trời áp mái", "Khu tập kết và phân loại chất thải rắn",
    "Cải tạo kênh rạch nội đồng", "Trạm quan trắc môi trường tự động", "Đường giao thông nội bộ",
    "Trạm bơm tiêu úng", "Nhà lưu giữ chất thải nguy hại", "Hệ thống cấp nước và phòng cháy chữa cháy",
    "Trạm biến áp và chiếu sáng tiết kiệm năng lượng", "Hệ thống thu gom nước thải", "Bãi đỗ xe và cây xanh",
    "Nhà điều hành và nhà bảo vệ", "Hàng rào, cổng và dải cây xanh", "Hệ thống camera giám sát môi trường",
    "Cống hộp thoát nước ra kênh", "Khu xử lý bùn thải", "Hệ thống phòng chống sét và điện dự phòng",
    "Sân bãi và đường dạo ven kênh", "Nhà kho vật tư phòng chống thiên tai", "Bến thủy nội địa tạm phục vụ thi công",
]
private let itemSuffixes = ["", "", "", " (giai đoạn 2)", " khu A", " khu B", " khu C", " phân kỳ 1", " phân kỳ 2", " mở rộng"]

private let technologies = [
    "Keo tụ - tạo bông, sinh học AAO, lắng, lọc áp lực, khử trùng UV",
    "Sinh học MBBR kết hợp lắng, khử trùng",
    "Tuyển nổi DAF, sinh học thiếu khí - hiếu khí (AO), lắng, khử trùng",
    "Bùn hoạt tính theo mẻ (SBR), lọc tinh, khử trùng UV",
]
private let violations = [
    "Xả nước thải vượt quy chuẩn kỹ thuật (COD, Coliform)",
    "Không lập báo cáo công tác bảo vệ môi trường hằng năm",
    "Lưu giữ chất thải nguy hại không đúng quy định",
    "Không thực hiện quan trắc môi trường định kỳ",
    "Để chất thải rắn sinh hoạt không đúng nơi quy định",
    "Không vận hành thường xuyên hệ thống xử lý khí thải",
    "Không có sổ đăng ký chủ nguồn thải chất thải nguy hại",
]
private let efficiencyMeasures = [
    "Biến tần cho bơm và quạt", "Đèn LED toàn nhà máy", "Thu hồi nhiệt khói thải", "Điện mặt trời mái nhà",
    "Động cơ hiệu suất cao IE3", "Máy thổi khí điều khiển theo oxy hòa tan", "Hệ thống quản lý năng lượng ISO 50001",
    "Tụ bù công suất phản kháng", "Bảo ôn đường ống hơi", "Máy nén khí có biến tần",
]
private let ghgMeasures = [
    "Điện mặt trời mái nhà", "Thay lò hơi đốt dầu bằng lò hơi sinh khối", "Thu hồi khí sinh học phát điện",
    "Thay môi chất lạnh có GWP cao", "Tối ưu hóa cấp khí", "Chuyển đổi xe nâng sang xe điện", "Tiết kiệm điện chiếu sáng",
]
private let monitoringLinks = [
    "Hệ thống cơ sở dữ liệu môi trường thành phố Cần Thơ",
    "Trạm quan trắc tự động truyền về Sở Nông nghiệp và Môi trường thành phố Cần Thơ",
    "Cổng thông tin quan trắc môi trường thành phố Cần Thơ",
]
private let descriptions = [
    "Dự án \"trọng điểm\" của thành phố Cần Thơ giai đoạn 2026 - 2030;\nđã được UBND {C} thống nhất chủ trương.",
    "Dự án thuộc danh mục \"trọng điểm\" của thành phố;\nhồ sơ bổ sung theo ý kiến của UBND {C}.",
    "Hồ sơ lập theo mẫu của Sở Nông nghiệp và Môi trường thành phố Cần Thơ.\nĐịa điểm: {C}.",
]

private let eiaSections = [
    "origin", "conformity", "technology", "baseline", "impacts", "waste_measures", "incident_response", "monitoring",
    "consultation", "commitments",
]
private let sortingStreams = ["recyclable", "food", "other"]

// MARK: - Archetypes

/// A kind of project the city sees, with the figures of a medium-capacity one.
private struct Archetype {
    var weight: Int
    var type: String
    var kinds: [String]
    /// Name templates: {P} place, {B} brand, {R} river, {N} capacity figure.
    var names: [String]
    /// Investor sectors ("Thủy sản" → "Công ty Cổ phần Thủy sản Sông Hậu"); empty: a public investor.
    var sectors: [String]
    var polluting: Bool
    var capacities: [String]
    /// Land, tenths of a hectare.
    var area: ClosedRange<Int>
    var itemPrefix: String
    var items: [String]
    /// m³/day; 0 for none.
    var wastewater: ClosedRange<Int> = 0...0
    var industrialPct = 0
    var standard: Standard = .domestic
    /// m³/h; 0 for none.
    var emissions: ClosedRange<Int> = 0...0
    var emissionTreatments: [String] = []
    /// TOE/year; 0 for no energy section.
    var toe: ClosedRange<Int> = 0...0
    /// tCO2e/year beyond energy use.
    var process: ClosedRange<Int> = 0...0
    /// kg/year.
    var hazardous: ClosedRange<Int> = 0...0
    /// kg/day.
    var domesticWaste: ClosedRange<Int> = 0...0
    var groundwater = 0
    var resettlement = 0
    var riceLand = 0
    var inCluster = 0
    /// Billion VND.
    var capital: ClosedRange<Int>
    /// Capacity figure for {N}.
    var figure: ClosedRange<Int> = 1...1
    var sites: Sites = .any
    var urgent = 0
    var shares = false
    var renewable: ClosedRange<Int> = 0...25

    enum Standard { case industrial, domestic, medical, aquaculture, leachate, municipal }
    enum Sites { case any, urban, rural, hau, coastal, river }
}

private let sectorPlans: [(type: String, name: String, investor: Int, items: [String])] = [
    ("other", "Kế hoạch phát triển thủy lợi và phòng, chống thiên tai thành phố Cần Thơ giai đoạn 2026 - 2030", 0, [
        "Hệ thống cống ngăn mặn, trữ ngọt vùng Long Phú - Trần Đề", "Kè chống sạt lở bờ sông Hậu, sông Cần Thơ tại các điểm xung yếu",
        "Nâng cấp đê bao vùng sản xuất lúa Vĩnh Thạnh - Cờ Đỏ - Thới Lai", "Nạo vét rạch Khai Luông, Cái Khế, Tham Tướng chống ngập",
        "Hệ thống cảnh báo sớm thiên tai và cơ sở dữ liệu thủy lợi",
    ]),
    ("other", "Kế hoạch hành động ứng phó với biến đổi khí hậu thành phố Cần Thơ giai đoạn 2026 - 2030", 0, [
        "Cập nhật kịch bản biến đổi khí hậu và bản đồ rủi ro thiên tai", "Di dời, tái định cư dân cư vùng sạt lở nguy hiểm",
        "Chống ngập khu vực nội ô", "Kiểm kê và giảm phát thải khí nhà kính các cơ sở trọng điểm", "Nâng cao năng lực ứng phó của cộng đồng",
    ]),
    ("other", "Chương trình chuyển đổi xanh và kinh tế tuần hoàn thành phố Cần Thơ đến năm 2030", 2, [
        "Hỗ trợ doanh nghiệp sản xuất sạch hơn", "Cụm công nghiệp sinh thái thí điểm", "Tái chế phụ phẩm lúa gạo, thủy sản",
        "Giao thông công cộng xanh", "Tín dụng xanh cho hộ sản xuất",
    ]),
    ("other", "Kế hoạch bảo vệ môi trường thành phố Cần Thơ giai đoạn 2026 - 2030", 0, [
        "Xử lý nước thải đô thị và cụm công nghiệp", "Quan trắc môi trường tự động", "Cải tạo kênh rạch ô nhiễm nội ô",
        "Quản lý chất thải nguy hại", "Bảo tồn đa dạng sinh học cồn, bãi bồi sông Hậu",
    ]),
    ("transport", "Kế hoạch phát triển giao thông thủy nội địa thành phố Cần Thơ giai đoạn 2026 - 2030", 1, [
        "Nạo vét luồng sông Hậu, kênh Xà No", "Cảng thủy nội địa Cái Cui mở rộng", "Bến khách du lịch Ninh Kiều",
        "Hệ thống báo hiệu đường thủy", "Bến thủy nội địa hàng hóa các xã",
    ]),
    ("energy", "Kế hoạch phát triển năng lượng tái tạo thành phố Cần Thơ giai đoạn 2026 - 2030", 2, [
        "Điện mặt trời mái nhà trụ sở cơ quan, trường học", "Điện gió ven biển Vĩnh Châu - Trần Đề", "Điện sinh khối từ trấu",
        "Lưới điện thông minh và lưu trữ năng lượng", "Chiếu sáng công cộng tiết kiệm năng lượng",
    ]),
    ("water_supply", "Kế hoạch cấp nước an toàn, chống hạn, mặn thành phố Cần Thơ giai đoạn 2026 - 2030", 0, [
        "Nâng công suất các nhà máy nước dọc sông Hậu", "Mạng lưới cấp nước nông thôn liên xã", "Hồ chứa nước thô dự phòng mùa khô",
        "Giảm tỷ lệ thất thoát nước sạch", "Trám lấp giếng khoan không sử dụng",
    ]),
    ("waste_treatment", "Kế hoạch quản lý chất thải rắn sinh hoạt thành phố Cần Thơ giai đoạn 2026 - 2030", 0, [
        "Phân loại chất thải rắn sinh hoạt tại nguồn", "Trạm trung chuyển chất thải rắn các phường", "Mở rộng nhà máy điện rác",
        "Đóng cửa, cải tạo bãi rác cũ", "Giảm thiểu chất thải nhựa",
    ]),
    ("public_works", "Kế hoạch chống ngập, thoát nước đô thị thành phố Cần Thơ giai đoạn 2026 - 2030", 1, [
        "Cống kiểm soát triều tại các cửa rạch", "Cải tạo hệ thống thoát nước nội ô", "Hồ điều hòa công viên sông Hậu",
        "Trạm bơm chống ngập Cái Khế", "Nâng cao trình các tuyến đường ngập",
    ]),
]

private let archetypes: [Archetype] = [
    Archetype(weight: 8, type: "factory", kinds: ["investment_project"], names: [
        "Nhà máy chế biến cá tra fillet xuất khẩu {B}", "Nhà máy chế biến tôm đông lạnh {B} tại {P}",
        "Mở rộng nhà máy chế biến thủy sản {B}, công suất {N} tấn/năm", "Nhà máy sản xuất bột cá, dầu cá {B}",
    ], sectors: ["Thủy sản", "Chế biến Thủy sản", "Thực phẩm Xuất khẩu"], polluting: true,
    capacities: ["small", "medium", "medium", "large", "large"], area: 30...150, itemPrefix: "HM", items: [
        "Xưởng chế biến fillet và cấp đông", "Kho lạnh và hệ thống máy nén NH3", "Hệ thống xử lý nước thải và khu lưu giữ chất thải",
        "Lò hơi đốt trấu và hệ thống xử lý khí thải", "Nhà xử lý phụ phẩm (bột cá, dầu cá)",
    ], wastewater: 300...1000, industrialPct: 85, standard: .industrial, emissions: 3000...9000, emissionTreatments: [
        "Lò hơi đốt trấu: xyclon chùm kết hợp lọc bụi túi vải, ống khói cao 25 m",
        "Lò hơi sinh khối: xyclon, tháp hấp thụ bằng dung dịch kiềm",
        "Khử mùi khu chế biến phụ phẩm bằng tháp hấp thụ và lọc sinh học",
    ], toe: 400...1400, process: 0...400, hazardous: 300...1200, domesticWaste: 80...300, groundwater: 15, riceLand: 10,
    inCluster: 60, capital: 150...700, figure: 10...40),
    Archetype(weight: 4, type: "factory", kinds: ["investment_project"], names: [
        "Nhà máy sấy, xay xát và kho lúa gạo {P}, công suất {N} tấn/năm", "Nhà máy chế biến gạo chất lượng cao {B}",
        "Kho lúa gạo và dây chuyền sấy lúa {B} tại {P}",
    ], sectors: ["Lương thực", "Nông sản", "Chế biến Lương thực"], polluting: false,
    capacities: ["small", "medium", "medium", "large"], area: 20...80, itemPrefix: "HM", items: [
        "Dây chuyền sấy lúa dùng lò đốt trấu", "Xưởng xay xát, lau bóng gạo và kho", "Bến nhập lúa trên kênh và sân phơi dự phòng",
    ], wastewater: 10...60, industrialPct: 30, standard: .industrial, emissions: 4000...12000, emissionTreatments: [
        "Buồng lắng bụi và xyclon cho lò đốt trấu, lọc bụi túi vải khu xay xát",
        "Xyclon chùm và tháp rửa khí cho lò đốt trấu",
    ], toe: 200...900, process: 0...100, hazardous: 50...300, domesticWaste: 20...80, groundwater: 40, riceLand: 20,
    inCluster: 20, capital: 80...400, figure: 30...90, sites: .rural),
    Archetype(weight: 3, type: "factory", kinds: ["investment_project"], names: [
        "Nhà máy sản xuất thức ăn thủy sản {B}, công suất {N} tấn/năm", "Nhà máy thức ăn chăn nuôi {B} tại {P}",
    ], sectors: ["Thức ăn Chăn nuôi", "Dinh dưỡng Thủy sản"], polluting: true,
    capacities: ["medium", "medium", "large"], area: 40...120, itemPrefix: "HM", items: [
        "Dây chuyền ép viên thức ăn nổi", "Silo chứa nguyên liệu và kho thành phẩm", "Lò hơi và hệ thống xử lý khí thải, mùi",
        "Cầu cảng nhập nguyên liệu",
    ], wastewater: 50...200, industrialPct: 60, standard: .industrial, emissions: 6000...15000, emissionTreatments: [
        "Xyclon thu bụi nguyên liệu, tháp hấp thụ mùi bằng dung dịch kiềm và than hoạt tính",
    ], toe: 600...1800, process: 0...300, hazardous: 200...800, domesticWaste: 60...200, groundwater: 10, riceLand: 10,
    inCluster: 70, capital: 300...900, figure: 60...200),
    Archetype(weight: 3, type: "factory", kinds: ["investment_project"], names: [
        "Nhà máy bia {B} tại {P}", "Nhà máy sản xuất giấy bao bì {B}", "Nhà máy nước giải khát {B}",
        "Nhà máy phân bón hữu cơ vi sinh {B}", "Nhà máy dược phẩm {B}",
    ], sectors: ["Sản xuất", "Công nghiệp", "Đầu tư Sản xuất"], polluting: true,
    capacities: ["small", "medium", "large"], area: 20...100, itemPrefix: "HM", items: [
        "Xưởng sản xuất chính", "Kho nguyên liệu và thành phẩm", "Hệ thống xử lý nước thải của nhà máy",
        "Khu lò hơi và hệ thống xử lý khí thải", "Khu lưu giữ chất thải nguy hại",
    ], wastewater: 200...800, industrialPct: 80, standard: .industrial, emissions: 3000...10000, emissionTreatments: [
        "Lò hơi đốt biomass: xyclon và lọc bụi túi vải", "Tháp hấp thụ hơi hóa chất và than hoạt tính",
    ], toe: 500...1800, process: 0...500, hazardous: 300...2000, domesticWaste: 50...250, groundwater: 10, riceLand: 10,
    inCluster: 60, capital: 200...1200, figure: 10...100),
    Archetype(weight: 3, type: "factory", kinds: ["investment_project"], names: [
        "Nhà máy may mặc xuất khẩu {B}", "Nhà máy lắp ráp thiết bị điện {B}", "Nhà máy cơ khí chế tạo máy nông nghiệp {B}",
        "Xưởng sản xuất bao bì carton {B} tại {P}",
    ], sectors: ["May mặc", "Cơ khí", "Bao bì", "Thiết bị Điện"], polluting: false,
    capacities: ["small", "small", "medium", "large"], area: 10...60, itemPrefix: "HM", items: [
        "Nhà xưởng sản xuất", "Kho thành phẩm và bãi xe", "Nhà ăn, ký túc xá công nhân", "Điện mặt trời mái nhà xưởng",
    ], wastewater: 20...150, industrialPct: 20, standard: .industrial, toe: 100...600, hazardous: 50...400,
    domesticWaste: 100...600, groundwater: 10, inCluster: 60, capital: 80...500, figure: 1...10),
    Archetype(weight: 5, type: "industrial_cluster", kinds: ["investment_project"], names: [
        "Đầu tư xây dựng và kinh doanh hạ tầng kỹ thuật Cụm công nghiệp {P}", "Mở rộng Cụm công nghiệp {P}",
        "Hạ tầng kỹ thuật Cụm công nghiệp {B} {P}",
    ], sectors: ["Đầu tư Hạ tầng", "Phát triển Khu công nghiệp"], polluting: true,
    capacities: ["medium", "medium", "large"], area: 300...750, itemPrefix: "HT", items: [
        "San nền và hệ thống giao thông nội bộ", "Nhà máy xử lý nước thải tập trung của cụm", "Hệ thống cấp điện, cấp nước và chiếu sáng",
        "Dải cây xanh cách ly và hồ điều hòa", "Khu tập kết chất thải rắn",
    ], wastewater: 800...2500, industrialPct: 80, standard: .industrial, toe: 150...600, hazardous: 100...500,
    domesticWaste: 50...200, groundwater: 10, resettlement: 30, riceLand: 40, inCluster: 100, capital: 400...1200, figure: 1...1),
    Archetype(weight: 2, type: "industrial_park", kinds: ["investment_project"], names: [
        "Khu công nghiệp {P} (giai đoạn 2)", "Hạ tầng kỹ thuật Khu công nghiệp {B} {P}",
    ], sectors: ["Đầu tư Hạ tầng", "Phát triển Khu công nghiệp"], polluting: true,
    capacities: ["medium", "large"], area: 1500...3500, itemPrefix: "HT", items: [
        "San nền, giao thông và thoát nước mưa", "Nhà máy xử lý nước thải tập trung", "Cấp điện, cấp nước và chiếu sáng",
        "Cây xanh, mặt nước và vùng đệm", "Khu nhà ở công nhân",
    ], wastewater: 2000...6000, industrialPct: 85, standard: .industrial, toe: 500...1500, hazardous: 200...800,
    domesticWaste: 100...400, groundwater: 5, resettlement: 50, riceLand: 50, capital: 1500...5000, figure: 1...1, sites: .rural),
    Archetype(weight: 8, type: "residential", kinds: ["investment_project"], names: [
        "Khu dân cư {B} {P}", "Khu nhà ở xã hội {P}", "Khu dân cư vượt lũ {P}", "Khu tái định cư {P}",
        "Khu nhà ở thương mại {B} Riverside",
    ], sectors: ["Bất động sản", "Đầu tư Địa ốc", "Phát triển Nhà"], polluting: false,
    capacities: ["small", "medium", "medium", "large"], area: 50...400, itemPrefix: "HM", items: [
        "San nền, đường giao thông và hệ thống thoát nước mưa", "Trạm xử lý nước thải sinh hoạt", "Công viên cây xanh và hồ điều hòa",
        "Nhà ở liên kế và nhà ở xã hội", "Trường mầm non và nhà văn hóa",
    ], wastewater: 200...900, toe: 0...0, hazardous: 0...50, domesticWaste: 1000...4000, resettlement: 40, riceLand: 50,
    capital: 300...2000),
    Archetype(weight: 4, type: "urban_development", kinds: ["investment_project"], names: [
        "Khu đô thị mới {B} {P}", "Khu đô thị sinh thái ven {R}", "Khu đô thị mới Nam {P}",
    ], sectors: ["Bất động sản", "Phát triển Đô thị"], polluting: false,
    capacities: ["medium", "large"], area: 500...2500, itemPrefix: "DT", items: [
        "San nền và hạ tầng kỹ thuật", "Trạm xử lý nước thải tập trung khu đô thị", "Công viên trung tâm và hồ điều hòa",
        "Trường học, trạm y tế và nhà văn hóa", "Khu nhà ở xã hội", "Bồi thường, hỗ trợ, tái định cư",
    ], wastewater: 800...4000, toe: 100...500, hazardous: 50...300, domesticWaste: 3000...12000, resettlement: 60, riceLand: 60,
    capital: 1500...8000, renewable: 5...20),
    Archetype(weight: 6, type: "transport", kinds: ["public_works", "public_works", "investment_project"], names: [
        "Đường ven {R} kết hợp kè chống sạt lở, đoạn qua {P}", "Nâng cấp, mở rộng đường tỉnh đoạn qua {P}",
        "Cầu {P} và đường dẫn hai đầu cầu", "Đường trục liên xã {P}", "Nút giao thông khác mức {P}",
        "Đường ven {R} đoạn qua {P}",
    ], sectors: [], polluting: false, capacities: ["small", "medium", "large"], area: 50...600, itemPrefix: "GT", items: [
        "Nền, mặt đường và hệ thống thoát nước dọc", "Cầu vượt kênh và cống hộp", "Kè bảo vệ mái taluy",
        "Chiếu sáng, cây xanh và an toàn giao thông", "Bồi thường, hỗ trợ, tái định cư",
    ], hazardous: 0...200, domesticWaste: 30...150, resettlement: 60, riceLand: 30, capital: 200...2500, sites: .river),
    Archetype(weight: 2, type: "transport", kinds: ["investment_project"], names: [
        "Cảng thủy nội địa {B} tại {P}", "Bến thủy nội địa tổng hợp {P}",
    ], sectors: ["Cảng", "Vận tải Thủy", "Logistics"], polluting: false, capacities: ["small", "medium"], area: 30...200,
    itemPrefix: "CB", items: [
        "Cầu cảng và bến neo đậu", "Bãi chứa hàng và kho", "Thu gom nước mưa chảy tràn và dầu thải",
    ], wastewater: 10...60, toe: 200...800, hazardous: 200...1500, domesticWaste: 50...200, groundwater: 10, resettlement: 20,
    capital: 100...600, sites: .hau),
    Archetype(weight: 4, type: "energy", kinds: ["investment_project"], names: [
        "Nhà máy điện mặt trời {P} {N} MWp", "Điện mặt trời nổi trên hồ chứa {P}", "Trang trại điện mặt trời {B} {P}",
    ], sectors: ["Năng lượng Xanh", "Năng lượng Tái tạo", "Năng lượng Mặt trời"], polluting: false,
    capacities: ["small", "medium", "large"], area: 200...800, itemPrefix: "NL", items: [
        "Dãy tấm pin quang điện và hệ thống inverter", "Trạm biến áp 22/110 kV và đường dây đấu nối",
        "Nhà điều hành, đường nội bộ và mương thoát nước",
    ], wastewater: 2...6, toe: 20...80, hazardous: 100...500, domesticWaste: 10...40, resettlement: 10, riceLand: 40,
    capital: 400...2000, figure: 20...60, sites: .rural, renewable: 100...100),
    Archetype(weight: 1, type: "energy", kinds: ["investment_project"], names: [
        "Nhà máy điện gió {B} {P}, công suất {N} MW", "Điện gió ven biển {P} giai đoạn 2",
    ], sectors: ["Điện gió", "Năng lượng Tái tạo"], polluting: false, capacities: ["medium", "large"], area: 100...500,
    itemPrefix: "DG", items: [
        "Cụm tua-bin gió và móng trụ", "Trạm biến áp 22/110 kV và đường dây đấu nối", "Đường công vụ và nhà điều hành",
    ], wastewater: 2...6, toe: 10...40, hazardous: 200...800, domesticWaste: 10...30, capital: 1500...4000, figure: 30...100,
    sites: .coastal, renewable: 100...100),
    Archetype(weight: 1, type: "energy", kinds: ["investment_project"], names: [
        "Nhà máy điện sinh khối trấu {P} {N} MW",
    ], sectors: ["Năng lượng Sinh khối", "Năng lượng Tái tạo"], polluting: true, capacities: ["medium", "large"], area: 50...150,
    itemPrefix: "NL", items: [
        "Lò hơi tầng sôi đốt trấu và tua-bin", "Kho trấu và băng tải", "Hệ thống xử lý khí thải và tro bay",
    ], wastewater: 100...300, industrialPct: 60, emissions: 30000...90000, emissionTreatments: [
        "Lọc bụi tĩnh điện, ống khói cao 60 m, quan trắc khí thải tự động",
    ], toe: 800...2000, process: 2000...8000, hazardous: 500...3000, domesticWaste: 30...100, groundwater: 20,
    capital: 600...1800, figure: 10...30, sites: .rural, renewable: 90...100),
    Archetype(weight: 5, type: "agriculture_aquaculture", kinds: ["investment_project"], names: [
        "Vùng nuôi tôm thẻ chân trắng công nghệ cao {P}", "Vùng nuôi cá tra thâm canh {B} tại {P}", "Trại sản xuất tôm giống {B}",
    ], sectors: ["Thủy sản", "Nuôi trồng Thủy sản"], polluting: false, capacities: ["small", "medium", "large"], area: 100...800,
    itemPrefix: "NT", items: [
        "Hệ thống ao nuôi lót bạt và nhà kính", "Ao lắng, ao xử lý nước thải và bùn thải", "Trạm bơm cấp nước và giếng khoan",
        "Nhà kho thức ăn và máy phát điện dự phòng",
    ], wastewater: 200...800, standard: .aquaculture, toe: 80...400, hazardous: 20...150, domesticWaste: 10...40,
    groundwater: 50, capital: 80...400, sites: .coastal),
    Archetype(weight: 2, type: "agriculture_aquaculture", kinds: ["investment_project", "public_works"], names: [
        "Cánh đồng lớn lúa chất lượng cao, phát thải thấp {P}", "Vùng trồng cây ăn trái chuyên canh {P}",
        "Trung tâm ứng dụng nông nghiệp công nghệ cao {P}",
    ], sectors: ["Nông nghiệp Công nghệ cao", "Nông sản"], polluting: false, capacities: ["small", "medium"], area: 500...3000,
    itemPrefix: "NN", items: [
        "Kênh mương nội đồng và cống điều tiết", "Trạm bơm điện và đê bao", "Nhà sơ chế, kho bảo quản nông sản",
    ], toe: 20...100, hazardous: 20...100, domesticWaste: 10...30, groundwater: 20, capital: 50...300, sites: .rural),
    Archetype(weight: 4, type: "waste_treatment", kinds: ["public_works"], names: [
        "Nhà máy xử lý nước thải tập trung {P}, công suất {N} m³/ngày đêm", "Hệ thống thu gom và xử lý nước thải đô thị {P}",
    ], sectors: [], polluting: true, capacities: ["small", "medium", "large"], area: 30...120, itemPrefix: "XLNT", items: [
        "Cụm bể xử lý sinh học và lắng, lọc", "Mạng lưới thu gom và trạm bơm nâng", "Xử lý bùn và thu hồi khí sinh học",
        "Đường ống xả và cửa xả ra sông",
    ], wastewater: 3000...12000, standard: .municipal, emissions: 2000...15000, emissionTreatments: [
        "Thu gom khí mùi tại bể và nhà bùn, xử lý bằng lọc sinh học (biofilter) và than hoạt tính",
    ], toe: 200...800, process: 1000...5000, hazardous: 100...800, domesticWaste: 20...80, resettlement: 30,
    capital: 300...1600, figure: 5...30, sites: .urban),
    Archetype(weight: 3, type: "waste_treatment", kinds: ["investment_project", "public_works"], names: [
        "Nhà máy xử lý chất thải rắn phát điện {P}, {N}0 tấn/ngày", "Khu liên hợp xử lý chất thải rắn {P} (đốt phát điện, compost)",
        "Mở rộng nhà máy điện rác {P}",
    ], sectors: ["Môi trường", "Năng lượng Môi trường", "Môi trường Đô thị"], polluting: true, capacities: ["medium", "large"],
    area: 50...300, itemPrefix: "XLR", items: [
        "Lò đốt rác và tua-bin phát điện", "Hệ thống xử lý nước rỉ rác", "Nhà tiếp nhận, phân loại rác và sản xuất compost",
        "Ô chôn lấp tro xỉ hợp vệ sinh", "Trạm cân và quan trắc khí thải tự động",
    ], wastewater: 100...300, standard: .leachate, emissions: 40000...120000, emissionTreatments: [
        "Khử NOx không xúc tác (SNCR), phun vôi bán khô, hấp phụ than hoạt tính, lọc bụi túi vải; quan trắc khí thải tự động",
    ], toe: 400...1500, process: 8000...40000, hazardous: 20000...120000, domesticWaste: 30...100, capital: 500...2500,
    figure: 20...60, sites: .rural, shares: true),
    Archetype(weight: 3, type: "water_supply", kinds: ["investment_project", "public_works"], names: [
        "Nhà máy nước {P}, công suất {N}.000 m³/ngày đêm", "Nâng cấp nhà máy nước {P} giai đoạn 2", "Hệ thống cấp nước sạch liên xã {P}",
    ], sectors: ["Cấp thoát nước", "Cấp nước"], polluting: false, capacities: ["small", "medium", "large"], area: 10...60,
    itemPrefix: "CN", items: [
        "Trạm bơm nước thô trên sông", "Cụm bể lắng, lọc và khử trùng", "Mạng lưới đường ống truyền tải và phân phối",
        "Hồ chứa nước thô dự phòng mùa khô",
    ], wastewater: 50...300, toe: 300...900, hazardous: 100...600, domesticWaste: 20...60, groundwater: 30, capital: 100...900,
    figure: 5...60),
    Archetype(weight: 6, type: "sand_mining", kinds: ["sand_mining_licence"], names: [
        "Khai thác cát lòng sông Hậu, mỏ cát {P}", "Khai thác cát lòng sông Hậu khu vực cù lao {P} (gia hạn giấy phép)",
        "Mỏ cát sông Hậu đoạn qua {P}",
    ], sectors: ["Vật liệu Xây dựng", "Khai thác Khoáng sản", "Xây dựng và Vận tải Thủy"], polluting: true,
    capacities: ["small", "medium"], area: 100...400, itemPrefix: "KT", items: [
        "Khai thác bằng tàu hút trong ranh giới mỏ", "Bãi tập kết cát tại bến thủy nội địa", "Quan trắc diễn biến lòng, bờ sông",
        "Cải tạo, phục hồi môi trường sau khai thác",
    ], toe: 100...500, hazardous: 100...500, domesticWaste: 10...30, capital: 20...80, sites: .hau),
    Archetype(weight: 5, type: "public_works", kinds: ["public_works"], names: [
        "Kè chống sạt lở bờ {R} đoạn qua {P}", "Kè bảo vệ bờ sông, kết hợp chỉnh trang đô thị {P}",
        "Công trình cấp bách chống sạt lở bờ {R} khu vực {P}",
    ], sectors: [], polluting: false, capacities: ["small", "medium", "large"], area: 20...150, itemPrefix: "KE", items: [
        "Kè bảo vệ bờ sông bằng cọc bê tông ứng suất trước", "Công viên ven sông và bờ kè sinh thái", "Đường dạo và hệ thống thoát nước",
        "Di dời hộ dân khỏi hành lang sạt lở",
    ], resettlement: 50, capital: 50...600, sites: .river, urgent: 30),
    Archetype(weight: 2, type: "public_works", kinds: ["public_works"], names: [
        "Bệnh viện đa khoa {P} quy mô {N}0 giường", "Trường trung học phổ thông {P}", "Trung tâm y tế {P}",
    ], sectors: [], polluting: false, capacities: ["small", "medium"], area: 20...100, itemPrefix: "HM", items: [
        "Khối nhà chính", "Hệ thống xử lý nước thải", "Nhà lưu giữ chất thải y tế", "Sân vườn, bãi đỗ xe",
    ], wastewater: 50...300, standard: .medical, toe: 50...300, hazardous: 500...5000, domesticWaste: 100...500,
    capital: 100...800, figure: 20...50),
    Archetype(weight: 6, type: "", kinds: ["sector_plan"], names: [], sectors: [], polluting: false, capacities: [], area: 0...0,
              itemPrefix: "KH", items: [], capital: 2000...12000),
    Archetype(weight: 2, type: "other", kinds: ["investment_project"], names: [
        "Khu du lịch sinh thái {B} {P}", "Trung tâm thương mại {B} {P}", "Khu nghỉ dưỡng ven {R}",
    ], sectors: ["Du lịch", "Thương mại Dịch vụ"], polluting: false, capacities: ["small", "medium"], area: 30...300,
    itemPrefix: "HM", items: [
        "Khối công trình chính", "Trạm xử lý nước thải sinh hoạt", "Cảnh quan, cây xanh và mặt nước",
    ], wastewater: 50...200, toe: 100...500, hazardous: 20...100, domesticWaste: 300...1000, capital: 100...900),
]

private let archetypeWeightTotal = archetypes.reduce(0) { $0 + $1.weight }

// MARK: - The dossier model

private struct PlanItem {
    var id: String
    var name: String
    var budget: Int  // tenths of a billion VND
    var environment: [String]
    /// Short criteria added to reach the size asked for (always written).
    var padding: [String] = []
    var climate: [String]
    var impactAnalysis: Bool
    var adaptation: [String]
    var mitigation: Int?
}

private struct Location {
    var commune: String
    var legacy: String?
    var lat: Int, lon: Int
    var inCluster: Bool?
    var flood: String?
    var groundCm: Int?, tideCm: Int?
    var erosion: String
    var erosionAssessment: Bool
    var distance: Int
    var salinity: String
}

private struct EIA {
    var preliminary: Bool
    var decisionNo: String?
    var decisionDate: Int?
    var authority: String?
    var sections: [String]?
    var communePC: Bool?
    var meeting: Int?
    var riverbankPlan: Bool
}

private struct Wastewater {
    var generated: Int
    var industrial: Int?
    var domestic: Int
    var standard: String
    var column: String
    var capacity: Int
    var capacityAsText = false
    var technology: String
    var central: Bool
    /// BOD5, COD, TSS, NH4, TN, TP in tenths of mg/L, coliform in MPN/100 mL.
    var effluent: [Int]?
    var receiving: String
    var domesticSupply: Bool
    var auto: Bool
}

private struct SolidWaste {
    var domestic: Int
    var hazardous: Int
    var streams: [String]?
    var shares: (recycle: Int, energy: Int, landfill: Int)?
    var handler: String?
    var plastic: Bool
}

private struct Energy {
    var toe: Int
    var renewable: Int?
    var manager: Bool
    var lastAudit: Int?
    var measures: [String]
}

private struct GHG {
    var estimate: Int?
    var inventory: Bool
    var plan: (baseline: Int, target: Int, measures: [String])?
}

private struct WaterSupply {
    var source: String?
    var surface: Int
    var groundwater: Int
    var licence: String?
}

private struct Resettlement {
    var households: Int
    var persons: Int
    var fromHighRisk: Bool
    var destination: String
    var planRef: String?
}

private struct Sand {
    var licenceNo: String
    var issued: Int, expires: Int
    var authority: String
    var volume: Int
    var volumeAsText = false
    var reserve: Int
    var banned: Bool
    var assessment: Bool
    var frequency: String
    var start: String, end: String
    var vessels: [(registration: String, gps: Bool)]
    var markers: Bool
    var stockyard: String?
    var deposit: Int  // million VND
}

private struct Violation {
    var date: Int
    var decisionNo: String
    var text: String
    var remedied: Bool
}

private enum DateStyle { case iso, vietnamese, mixed }

/// Typical defects, each with the rules it makes fail (or leave missing).
private enum Defect: String, CaseIterable {
    case undersizedPlant, expiredPermit, missingEIASection, vesselWithoutGPS, unsortedWaste, itemWithoutClimateCriterion
    case missingFloodZone, numberAsText, duplicateKey, unremediedViolation, groundwaterWithoutLicence, noGHGInventory
    case incompleteGHGPlan, staleEnergyAudit, misclassifiedGroup, undeclaredRiceLand, filledCanal, tooCloseToBank
    case noErosionAssessment, groundBelowFreeboard, sandLicenceExpired, sandNightHours, sandNoMarkers, sandNoDeposit
    case resettlementWithoutPlan, riskyResettlementSite, noPlasticPlan, noAutoMonitoring, oldProvincialPlan
    case eiaAfterStart, noConsultationDate, noSalinityMeasure, noEIADecision, noRegistration, noWaterSource
    case noHazardousHandler, highLandfillShare, rareMonitoring, unknownClusterSite, clusterEIAByDepartment
    case effluentOverLimit, oldEffluentStandard, noRenewableShare, noGHGEstimate, untreatedEmissions
    case noPreliminaryAssessment, wrongColumn, itemWithoutImpactAnalysis

    /// The defects the brief calls typical come up three times as often.
    var weight: Int {
        switch self {
        case .undersizedPlant, .expiredPermit, .missingEIASection, .vesselWithoutGPS, .unsortedWaste,
             .itemWithoutClimateCriterion, .missingFloodZone, .numberAsText, .duplicateKey: 3
        default: 1
        }
    }

    var rules: [String] {
        switch self {
        case .undersizedPlant: ["KL81-3.5-WW-01"]
        case .expiredPermit: ["KL81-3.6-PRM-01"]
        case .missingEIASection: ["KL81-2-EIA-04"]
        case .vesselWithoutGPS: ["KL81-3.4-SAND-05"]
        case .unsortedWaste: ["KL81-3.5-SW-01"]
        case .itemWithoutClimateCriterion: ["KL81-2-PLAN-01"]
        case .missingFloodZone: ["KL81-3.3-FLD-01", "KL81-3.3-FLD-02"]
        // The schema reports the string where a number is due (tuanthu.schema.type).
        case .numberAsText: ["KL81-3.5-WW-01", "KL81-3.4-SAND-07", "KL81-2-CLS-04", "tuanthu.schema.type"]
        case .duplicateKey: ["tuanthu.duplicate-key"]
        case .unremediedViolation: ["KL81-3.6-HIS-01"]
        case .groundwaterWithoutLicence: ["KL81-3.3-SUB-01"]
        case .noGHGInventory: ["KL81-3.3-GHG-01"]
        case .incompleteGHGPlan: ["KL81-3.3-GHG-02"]
        case .staleEnergyAudit: ["KL81-3.2-EN-01"]
        case .misclassifiedGroup: ["KL81-2-CLS-02", "KL81-3.1-AUTH-01"]
        case .undeclaredRiceLand: ["KL81-2-CLS-03"]
        case .filledCanal: ["KL81-3.5-WB-01"]
        case .tooCloseToBank: ["KL81-3.3-ERO-02"]
        case .noErosionAssessment: ["KL81-3.3-ERO-01"]
        case .groundBelowFreeboard: ["KL81-3.3-FLD-01", "KL81-3.3-FLD-02"]
        case .sandLicenceExpired: ["KL81-3.4-SAND-01"]
        case .sandNightHours: ["KL81-3.4-SAND-03"]
        case .sandNoMarkers: ["KL81-3.4-SAND-06"]
        case .sandNoDeposit: ["KL81-3.4-SAND-07"]
        case .resettlementWithoutPlan: ["KL81-3.3-RES-02"]
        case .riskyResettlementSite: ["KL81-3.3-RES-01"]
        case .noPlasticPlan: ["KL81-3.5-SW-04"]
        case .noAutoMonitoring: ["KL81-3.5-WW-05"]
        case .oldProvincialPlan: ["KL81-2-PLAN-03"]
        case .eiaAfterStart: ["KL81-2-EIA-03"]
        case .noConsultationDate: ["KL81-3.6-CON-01"]
        case .noSalinityMeasure: ["KL81-3.3-SAL-01"]
        // Without the decision date, the approval before the start (EIA-03) and
        // the approving authority of a cluster project (AUTH-01) cannot be told.
        case .noEIADecision: ["KL81-2-EIA-01", "KL81-2-EIA-03", "KL81-3.1-AUTH-01"]
        case .noRegistration: ["KL81-2-REG-01"]
        case .noWaterSource: ["KL81-3.5-WAT-01"]
        case .noHazardousHandler: ["KL81-3.5-SW-02"]
        case .highLandfillShare: ["KL81-3.5-SW-03"]
        case .rareMonitoring: ["KL81-3.6-MON-01"]
        case .unknownClusterSite: ["KL81-3.5-WW-02"]
        case .clusterEIAByDepartment: ["KL81-3.1-AUTH-01"]
        case .effluentOverLimit: ["KL81-3.5-WW-03"]
        case .oldEffluentStandard: ["KL81-3.5-WW-04"]
        case .noRenewableShare: ["KL81-3.2-EN-02", "KL81-3.2-EN-05"]
        // Without the estimate, whether an inventory is required cannot be told (GHG-01, GHG-02).
        // The ghg section of a group I or II project is required (tuanthu.schema.required).
        case .noGHGEstimate: ["KL81-3.3-GHG-03", "KL81-3.3-GHG-01", "KL81-3.3-GHG-02", "tuanthu.schema.required"]
        case .untreatedEmissions: ["KL81-3.5-AIR-01"]
        case .noPreliminaryAssessment: ["KL81-2-EIA-02"]
        case .wrongColumn: ["KL81-3.4-WAT-01"]
        case .itemWithoutImpactAnalysis: ["KL81-2-PLAN-02"]
        }
    }
}

/// Where a duplicate key is written.
private enum DuplicateField { case projectName, investorName, commune }

private struct Model {
    var id = ""
    var kind = ""
    var submitted = 0
    var dateStyle = DateStyle.iso
    var name = ""
    var type = ""
    var description: String?
    var group: String?
    var capacity: String?
    var polluting: Bool?
    var capital = 0
    var urgent: Bool?
    var stage: String?
    var startOn: Int?
    var investor = ""
    var taxCode = ""
    var location: Location?
    var area: Int?  // tenths of ha
    var areaAsText = false
    var riceLand = 0  // tenths of ha
    var fills: [String] = []
    var sensitive: [String]?
    var planRef = ""
    var items: [PlanItem] = []
    /// Plan items a defect was planted in: the minified form keeps those alone.
    var defectItems: [Int] = []
    var itemPrefix = "HM"
    var eia: EIA?
    var permit: (no: String, issued: Int, expires: Int, authority: String)?
    var registration: (commune: String, on: Int)?
    var wastewater: Wastewater?
    var emissions: (flow: Int, treatment: String?)?
    var solidWaste: SolidWaste?
    var energy: Energy?
    var ghg: GHG?
    var water: WaterSupply?
    var resettlement: Resettlement?
    var sand: Sand?
    var monitoring: (perYear: Int, points: Int, link: String)?
    var history: [Violation] = []
    var duplicate: DuplicateField?
    var defects: [Defect] = []
    /// Padding items carry no salinity measure (the SAL-01 defect).
    var noSalinity = false
    var highSalinity = false

    var classified: Bool { kind != "sector_plan" }
    var groupI_II: Bool { group == "I" || group == "II" }
    var siteProject: Bool { kind == "investment_project" || kind == "public_works" }
    var industrial: Bool { type == "industrial_cluster" || type == "industrial_park" || type == "factory" }
    var eiaRequired: Bool { classified && groupI_II && urgent != true && stage != "investment_policy" }
    var keyEnergyUser: Bool { (energy?.toe ?? 0) >= 1000 }
    var operating: Bool { stage == "operation" }
    var ghgInventoryRequired: Bool { (ghg.map { ($0.estimate ?? 0) >= 3000 } ?? false) || keyEnergyUser }
    var clusterSite: Bool { type == "industrial_cluster" || location?.inCluster == true }
    // The project-type characteristics of the pack (03-common.rules): the
    // sections they make required are always generated for such projects.
    var dischargesWastewater: Bool {
        classified && ["industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
                       "waste_treatment", "agriculture_aquaculture", "energy", "water_supply"].contains(type)
    }
    var producesSolidWaste: Bool {
        classified && ["industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
                       "waste_treatment", "agriculture_aquaculture", "energy", "water_supply", "sand_mining"].contains(type)
    }
    var emitsExhaust: Bool { classified && (type == "factory" || type == "waste_treatment") }
    var energyUser: Bool {
        classified && ["industrial_cluster", "industrial_park", "factory", "waste_treatment", "energy",
                       "agriculture_aquaculture", "water_supply"].contains(type)
    }
    var managesWaste: Bool {
        classified && ["industrial_cluster", "industrial_park", "urban_development", "waste_treatment"].contains(type)
    }
    var planExpected: Bool { kind == "sector_plan" || kind == "investment_project" || kind == "public_works" }
    var waterUser: Bool {
        classified && ["industrial_cluster", "industrial_park", "factory", "urban_development", "residential",
                       "agriculture_aquaculture", "water_supply", "building"].contains(type)
    }
    /// The pack's `to_central_plant`: a tenant discharging into a park's or cluster's central plant.
    var toCentralPlant: Bool { type != "industrial_cluster" && type != "industrial_park" && wastewater?.central == true }
    /// The pack's `permit_duty`: a project of a kind that needs an environmental permit (any stage).
    var permitDuty: Bool {
        classified && group != "IV" && group != nil
            && ((wastewater?.generated ?? 0) > 0 || (emissions?.flow ?? 0) >= 50 || (solidWaste?.hazardous ?? 0) > 0)
    }
    var licensedStage: Bool { stage == "construction" || stage == "operation" }
    /// An environmental permit is required (the pack's `permit_required`).
    var permitRequired: Bool {
        classified && group != "IV" && stage == "operation"
            && ((wastewater?.generated ?? 0) > 0 || (emissions?.flow ?? 0) >= 50 || (solidWaste?.hazardous ?? 0) > 0)
    }
}

// MARK: - Generator

private struct Generator {
    var state: UInt64
    /// The dossier's seed: it numbers the dossier, so ids never repeat in a corpus.
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed &* 0x2545_F491_4F6C_DD1D ^ 0x5DEE_CE66_D1CE_4E5B
    }

    // SplitMix64.
    mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }
    /// `n` distinct elements of `xs` in a random order.
    mutating func distinct(_ xs: [String], _ n: Int) -> [String] {
        var pool = xs
        var out: [String] = []
        for _ in 0..<min(n, pool.count) { out.append(pool.remove(at: int(0...pool.count - 1))) }
        return out
    }
    /// A figure rounded to a round number: 2 significant digits.
    func round2(_ x: Int) -> Int {
        var unit = 1
        while x / unit >= 100 { unit *= 10 }
        return max(unit, (x + unit / 2) / unit * unit)
    }
    mutating func scaled(_ r: ClosedRange<Int>, _ scale: Int) -> Int {
        r.upperBound == 0 ? 0 : round2(int(r) * scale / 10)
    }

    // MARK: The model

    mutating func model() -> Model {
        var m = Model()
        var roll = int(0...archetypeWeightTotal - 1)
        var a = archetypes[0]
        for x in archetypes {
            if roll < x.weight { a = x; break }
            roll -= x.weight
        }
        m.submitted = int(firstSubmission...lastSubmission)
        let (year, _, _) = civilDate(m.submitted)
        // Ids are unique in a corpus, as in a register (`check` flags a repeated
        // id); the number drawn is still drawn, so the rest of the dossier stays as it was.
        _ = int(1...1800)
        m.id = "CT-\(year)-\(seed < 10_000 ? pad4(Int(seed)) : String(seed))"
        m.dateStyle = chance(75) ? .iso : (chance(60) ? .vietnamese : .mixed)
        m.kind = pick(a.kinds)
        m.itemPrefix = a.itemPrefix
        if m.kind == "sector_plan" {
            sectorPlan(&m)
        } else {
            project(&m, a)
        }
        if chance(20) {
            m.description = fill(pick(descriptions), place: m.location?.commune ?? "thành phố Cần Thơ", brand: "", river: "", figure: "")
        }
        return m
    }

    mutating func sectorPlan(_ m: inout Model) {
        let p = pick(sectorPlans)
        m.type = p.type
        m.name = p.name
        m.investor = departments[p.investor]
        m.taxCode = "18001\(int(10_000...99_999))"
        m.capital = round2(int(2000...12_000))
        m.planRef = pick([
            "Quyết định số 1519/QĐ-TTg ngày 02/12/2023 của Thủ tướng Chính phủ", "1519/QĐ-TTg",
            "Quyết định 1519/QĐ-TTg; Kế hoạch số 255-KH/TU của Thành ủy Cần Thơ",
        ])
        var names = p.items
        if chance(50) { names += distinct(genericItems, int(1...3)) }
        for (k, n) in names.enumerated() {
            m.items.append(item(k, name: n, budget: m.capital * 10 / names.count, salinity: k == 0 && p.type == "water_supply", strict: true))
        }
        if chance(20) {
            m.history.append(Violation(date: m.submitted - int(200...2000), decisionNo: "\(int(10...300))/QĐ-XPHC",
                                       text: "Chậm báo cáo kết quả thực hiện kế hoạch", remedied: true))
        }
    }

    mutating func project(_ m: inout Model, _ a: Archetype) {
        let S = m.submitted
        // Capacity and scale.
        let capacity = pick(a.capacities)
        let scale = capacity == "small" ? 3 : capacity == "medium" ? 10 : 25
        m.capacity = capacity
        m.type = a.type
        m.polluting = a.polluting
        m.urgent = a.urgent > 0 ? chance(a.urgent) : false

        // Site.
        let site = commune(for: a.sites)
        let brand = pick(brands)
        let river = pick(site.rivers)
        let figure = a.figure.upperBound > 1 ? vnThousands(round2(int(a.figure) * scale / 10)) : ""
        m.name = fill(pick(a.names), place: site.place, brand: brand, river: river, figure: figure)
        if a.sectors.isEmpty {
            m.investor = m.kind == "investment_project" && a.type == "waste_treatment" ? "Công ty Cổ phần Môi trường Đô thị Cần Thơ" : pick(publicInvestors)
            if a.type == "water_supply" && chance(60) { m.investor = "Công ty Cổ phần Cấp thoát nước Cần Thơ" }
        } else if a.type == "agriculture_aquaculture" && chance(25) {
            m.investor = "Hợp tác xã Nông nghiệp \(site.place)"
        } else {
            m.investor = "\(pick(companyForms)) \(pick(a.sectors)) \(brand)"
        }
        m.taxCode = (site.province == 0 ? "18" : site.province == 1 ? "63" : "22") + "0\(int(1_000_000...9_999_999))"
        m.capital = round2(int(a.capital) * scale / 10)

        var loc = Location(
            commune: site.name, legacy: chance(S < provinceMergerDay ? 85 : 45) ? site.legacy : nil,
            lat: site.lat + int(-150...150), lon: site.lon + int(-150...150),
            inCluster: a.inCluster > 0 ? chance(a.inCluster) : false,
            flood: weighted(["none", "low", "medium", "high"], [15, 35, 30, 20]),
            groundCm: nil, tideCm: nil,
            erosion: a.sites == .river || a.sites == .hau ? weighted(["low", "medium", "high"], [30, 45, 25]) : weighted(["none", "low", "medium", "high"], [40, 35, 17, 8]),
            erosionAssessment: false, distance: 0,
            salinity: site.province == 2 ? (site.coastal ? weighted(["medium", "high"], [40, 60]) : weighted(["low", "medium", "high"], [40, 40, 20]))
                : site.province == 1 ? weighted(["none", "low", "medium"], [30, 50, 20]) : weighted(["none", "low"], [60, 40]))
        let tide = site.province == 2 ? int(150...200) : int(180...230)
        loc.tideCm = tide
        loc.groundCm = tide + (loc.flood == "high" ? int(40...120) : int(10...110))
        if a.type == "industrial_cluster" { loc.inCluster = true }
        if a.type == "sand_mining" {
            loc.erosion = weighted(["low", "medium"], [50, 50])
            loc.flood = weighted(["low", "medium"], [50, 50])
            loc.groundCm = nil
            loc.tideCm = nil
        }
        if a.type == "public_works" && a.sites == .river {
            // A revetment stands on the bank: only outside the high erosion zone is that allowed (KL81-3.3-ERO-02).
            loc.erosion = weighted(["low", "medium"], [30, 70])
        }
        loc.erosionAssessment = loc.erosion == "medium" || loc.erosion == "high" || chance(15)
        switch (a.type, loc.erosion) {
        case ("public_works", _) where a.sites == .river: loc.distance = int(0...30)
        case ("sand_mining", _): loc.distance = int(80...600)
        case (_, "high"): loc.distance = int(60...600)
        default: loc.distance = int(20...2500)
        }
        m.highSalinity = loc.salinity == "high"
        m.location = loc

        // Land.
        m.area = round2(int(a.area) * (capacity == "small" ? 5 : capacity == "medium" ? 10 : 18) / 10)
        if a.riceLand > 0 && chance(a.riceLand) { m.riceLand = round2(m.area! * int(20...90) / 100) }

        // Stage and dates.
        let stage: String
        if a.type == "sand_mining" {
            stage = chance(60) ? "operation" : "feasibility_study"
        } else if m.urgent == true {
            stage = weighted(["feasibility_study", "construction"], [40, 60])
        } else {
            stage = weighted(["investment_policy", "feasibility_study", "construction", "operation"], [15, 20, 35, 30])
        }
        m.stage = stage

        // Physical figures.
        var domesticSupply = false
        var ww: Wastewater?
        var generated = scaled(a.wastewater, scale)
        // A project type that discharges wastewater always declares it (a small site has a small flow).
        if generated == 0 && m.dischargesWastewater { generated = int(5...40) }
        if generated > 0 {
            domesticSupply = river.hasPrefix("sông Hậu") || river.hasPrefix("sông Cần Thơ") ? chance(40) : chance(5)
            let industrial = a.industrialPct > 0 ? round2(generated * a.industrialPct / 100) : 0
            let column = domesticSupply ? "A" : "B"
            ww = Wastewater(
                generated: generated, industrial: a.industrialPct > 0 ? min(industrial, generated) : nil,
                domestic: generated - (a.industrialPct > 0 ? min(industrial, generated) : 0),
                standard: standard(a.standard, column: column, submitted: S), column: column,
                capacity: max(generated + 1, round2(generated * int(105...160) / 100)),
                technology: a.type == "agriculture_aquaculture" ? "Ao lắng kết hợp ao sinh học, khử trùng trước khi xả"
                    : a.type == "energy" && generated < 10 ? "Bể tự hoại cải tiến BASTAF" : pick(technologies),
                central: a.type == "industrial_cluster" || a.type == "industrial_park" || (a.type == "factory" && loc.inCluster == true),
                effluent: nil, receiving: river, domesticSupply: domesticSupply, auto: false)
            if a.standard == .industrial || a.standard == .municipal || chance(30) {
                ww!.effluent = effluent(column: column)
            }
            ww!.auto = generated >= 500 || chance(10)
            if ww!.central && a.type == "factory" && generated >= 500 { ww!.auto = chance(60) }
        }
        m.wastewater = ww
        let flow = scaled(a.emissions, scale)
        if flow > 0 {
            m.emissions = (flow, pick(a.emissionTreatments))
        } else if m.emitsExhaust {
            // A small exhaust, below the flow that needs treatment.
            m.emissions = (int(10...40), nil)
        }
        let hazardous = scaled(a.hazardous, scale)
        let domesticWaste = scaled(a.domesticWaste, scale)
        if hazardous > 0 || domesticWaste > 0 {
            var sw = SolidWaste(domestic: domesticWaste, hazardous: hazardous, streams: distinct(sortingStreams, 3),
                                shares: nil, handler: nil, plastic: true)
            if hazardous > 0 { sw.handler = "1-2-3-4-5\(chance(40) ? "-6" : "").0\(int(10...99)).VX" }
            if a.shares || m.managesWaste || chance(20) {
                let landfill = int(3...30), recycle = int(30...(97 - landfill))
                sw.shares = (recycle, 100 - recycle - landfill, landfill)
            }
            m.solidWaste = sw
        }
        var toe = scaled(a.toe, scale)
        if toe == 0 && m.energyUser { toe = int(20...200) }
        if toe > 0 {
            var e = Energy(toe: toe, renewable: int(a.renewable), manager: toe >= 1000 || chance(30), lastAudit: nil,
                           measures: distinct(efficiencyMeasures, toe >= 1000 ? int(1...3) : int(0...2)))
            if toe >= 1000 { e.lastAudit = S - int(30...1000) } else if chance(20) { e.lastAudit = S - int(100...2000) }
            if !m.industrial && chance(30) { e.renewable = nil }
            m.energy = e
        }
        if a.groundwater > 0 || generated > 0 || m.type == "residential" || m.type == "urban_development" || chance(50) {
            let gw = a.groundwater > 0 && chance(a.groundwater) ? round2(int(20...400) * scale / 10) : 0
            m.water = WaterSupply(
                source: a.type == "water_supply" ? "Nước mặt \(river)" : gw > 0 && chance(50) ? "Giếng khoan tại chỗ kết hợp nước \(river)"
                    : chance(70) ? pick(waterPlants[site.province]) : "Trạm cấp nước \(site.name)",
                surface: a.type == "water_supply" ? round2(int(5_000...60_000) * scale / 10) : round2(max(2, generated) * int(11...13) / 10),
                groundwater: gw, licence: gw > 0 ? "\(int(10...999))/GP-UBND" : nil)
        }
        if a.resettlement > 0 && chance(a.resettlement) {
            let households = round2(int(5...120) * scale / 10)
            let fromHigh = a.sites == .river ? chance(60) : chance(15)
            m.resettlement = Resettlement(
                households: households, persons: households * int(30...48) / 10, fromHighRisk: fromHigh,
                destination: fromHigh ? weighted(["none", "low"], [30, 70]) : weighted(["none", "low", "medium"], [20, 50, 30]),
                planRef: "\(int(100...3500))/QĐ-UBND ngày \(shortDate(S - int(30...400)))")
        }

        // Sensitive factors, then the group (LEP Art. 28).
        var sensitive: [String] = []
        if m.riceLand > 0 { sensitive.append("rice_land_2crop") }
        if m.resettlement != nil { sensitive.append("resettlement") }
        if domesticSupply { sensitive.append("domestic_water_source") }
        if chance(2) { sensitive.append("heritage") }
        m.sensitive = sensitive
        let sens = !sensitive.isEmpty
        var group: Int
        if a.polluting {
            group = capacity == "large" || (capacity == "medium" && sens) ? 1 : capacity == "medium" ? 2 : sens ? 2 : 3
        } else {
            group = capacity == "large" ? 2 : capacity == "medium" ? (sens ? 2 : 3) : (sens ? 3 : 4)
        }
        if m.area! >= 1000 && group > 2 { group = 2 }
        if a.type == "waste_treatment" && group > 2 { group = 2 }
        m.group = ["I", "II", "III", "IV"][group - 1]

        // Dates, EIA, permits.
        var decision: Int? = nil
        switch stage {
        case "investment_policy":
            m.startOn = S + int(180...720)
        case "feasibility_study":
            decision = S - int(15...240)
            m.startOn = S + int(60...360)
        case "construction":
            let d = S - int(60...700)
            decision = d
            m.startOn = d + int(15...max(15, min(200, S + 60 - d)))
        default:
            let start = S - int(400...3000)
            m.startOn = start
            decision = start - int(30...360)
        }
        if m.groupI_II && m.urgent != true && stage != "investment_policy", let d = decision {
            let (no, authority) = eiaAuthority(group: group, day: d, province: site.province, cluster: m.clusterSite)
            m.eia = EIA(preliminary: group == 1, decisionNo: no, decisionDate: d, authority: authority, sections: eiaSections,
                        communePC: true, meeting: d - int(40...150), riverbankPlan: loc.erosion == "medium" || loc.erosion == "high")
        } else if group == 1 {
            m.eia = EIA(preliminary: true, riverbankPlan: false)
        }
        // An operating facility holds a permit; so do some expansions of one already in operation.
        if (stage == "operation" || (stage != "investment_policy" && chance(20))) && group <= 3
            && (generated > 0 || flow >= 50 || hazardous > 0) {
            let issued = stage == "operation" ? min(S - 10, max(m.startOn! + 90, S - int(30...1500))) : S - int(30...1500)
            let byMinistry = group == 1 && issued >= ministryMergerDay ? "Bộ Nông nghiệp và Môi trường" : group == 1 ? "Bộ Tài nguyên và Môi trường" : "UBND thành phố Cần Thơ"
            m.permit = ("\(int(10...450))/GPMT-\(group == 1 ? (issued >= ministryMergerDay ? "BNNMT" : "BTNMT") : "UBND")", issued,
                        issued + (chance(50) ? 3652 : 2557), byMinistry)
        }
        if !m.permitDuty && (stage == "construction" || stage == "operation") {
            let exempt = hazardous == 0 && domesticWaste < 300 && generated < 5 && flow < 50
            if !exempt || chance(50) { m.registration = (site.name, S - int(20...600)) }
        }

        // Greenhouse gases.
        let estimate = toe * int(24...32) / 10 + int(a.process)
        if m.groupI_II || estimate >= 3000 || toe >= 1000 || chance(40) {
            var ghg = GHG(estimate: max(estimate, round2(int(50...500) * scale / 10)), inventory: false, plan: nil)
            if ghg.estimate! >= 3000 || toe >= 1000 {
                ghg.inventory = true
                let (y, _, _) = civilDate(S)
                ghg.plan = (y - int(1...3), int(5...30), distinct(ghgMeasures, int(1...3)))
            } else if chance(15) {
                ghg.inventory = true
            }
            m.ghg = ghg
        }

        // Monitoring and history.
        if m.groupI_II {
            m.monitoring = (int(2...4), int(2...10), pick(monitoringLinks))
        } else if chance(50) {
            m.monitoring = (int(1...2), int(1...4), pick(monitoringLinks))
        }
        if stage == "operation" || chance(15) {
            for _ in 0..<int(0...2) {
                m.history.append(Violation(date: S - int(200...3000), decisionNo: "\(int(10...900))/QĐ-XPHC", text: pick(violations), remedied: true))
            }
        }

        // Sand mining.
        if a.type == "sand_mining" {
            let issued = S - int(200...1400)
            let reserve = round2(int(300_000...2_000_000) * scale / 10)
            let prefix = site.province == 2 ? "ST" : site.province == 1 ? "HG" : "CT"
            var vessels: [(String, Bool)] = []
            for _ in 0..<int(1...4) { vessels.append(("\(prefix)-\(int(10_000...99_999))", true)) }
            m.sand = Sand(
                licenceNo: "\(int(1...60))/GP-UBND", issued: issued, expires: max(issued + 1095, S + int(60...1500)),
                authority: issued < provinceMergerDay && site.province == 2 ? "UBND tỉnh Sóc Trăng" : "UBND thành phố Cần Thơ",
                volume: reserve / int(4...10), reserve: reserve, banned: false, assessment: true,
                frequency: pick(["hằng quý", "6 tháng/lần và sau mỗi đợt lũ", "hằng tháng trong mùa lũ"]),
                start: pick(["05:00", "05:30", "06:00", "06:30", "07:00"]), end: pick(["16:00", "17:00", "17:30", "18:00", "19:00"]),
                vessels: vessels, markers: true, stockyard: "\(int(1...40))/GP-SGTVT (bến thủy nội địa \(site.place))",
                deposit: round2(int(300...3000)))
        }

        m.planRef = pick([
            "1519/QĐ-TTg", "Quyết định số 1519/QĐ-TTg ngày 02/12/2023 của Thủ tướng Chính phủ",
            "Quyết định 1519/QĐ-TTg; quy hoạch chung đô thị đã được phê duyệt",
        ])

        // Plan items: the project's components.
        var names = distinct(a.items, int(min(2, a.items.count)...a.items.count))
        if m.resettlement != nil && !names.contains(where: { $0.hasPrefix("Bồi thường") || $0.hasPrefix("Di dời") }) && chance(60) {
            names.append("Bồi thường, hỗ trợ, tái định cư")
        }
        let strict = m.groupI_II
        for (k, n) in names.enumerated() {
            let salty = m.highSalinity && (k == 0 || chance(30))
            m.items.append(item(k, name: n, budget: m.capital * 10 / names.count, salinity: salty, strict: strict))
        }
    }

    /// A plan item; `strict` items (group I/II, plans) always analyse the climate impact.
    mutating func item(_ k: Int, name: String, budget: Int, salinity: Bool, strict: Bool, short: Bool = false) -> PlanItem {
        var adaptation = distinct(adaptationMeasures, short ? 1 : int(1...3))
        if salinity { adaptation.insert(pick(salinityMeasures), at: 0) }
        return PlanItem(
            id: itemID(k), name: name, budget: max(5, budget * int(5...15) / 10),
            environment: short ? [pick(shortCriteria)] : distinct(environmentCriteria, int(1...3)),
            climate: short ? [pick(climateCriteria)] : distinct(climateCriteria, int(1...2)),
            impactAnalysis: strict || chance(85), adaptation: adaptation,
            mitigation: !short && chance(35) ? round2(int(10...5000)) : nil)
    }

    mutating func itemID(_ k: Int) -> String { "\(k < 9 ? "0" : "")\(k + 1)" }

    mutating func paddingItem(_ m: Model, _ k: Int, short: Bool) -> PlanItem {
        let name = pick(genericItems) + pick(itemSuffixes)
        let salty = m.highSalinity && !m.noSalinity && chance(20)
        return item(k, name: name, budget: max(10, m.capital / 2), salinity: salty, strict: true, short: short)
    }

    mutating func commune(for sites: Archetype.Sites) -> Commune {
        while true {
            let x = pick(communes)
            switch sites {
            case .any, .river: return x
            case .urban: if x.urban || chance(20) { return x }
            case .rural: if !x.urban || chance(10) { return x }
            case .hau: if x.onHau { return x }
            case .coastal: if x.coastal || x.province == 2 || chance(25) { return x }
            }
        }
    }

    mutating func weighted(_ xs: [String], _ weights: [Int]) -> String {
        var roll = int(0...weights.reduce(0, +) - 1)
        for (x, w) in zip(xs, weights) {
            if roll < w { return x }
            roll -= w
        }
        return xs[xs.count - 1]
    }

    func standard(_ s: Archetype.Standard, column: String, submitted: Int) -> String {
        let after = submitted >= qcvn2025Day
        switch s {
        case .industrial: return after ? "QCVN 40:2025/BTNMT, cột \(column)" : "QCVN 40:2011/BTNMT, cột \(column)"
        case .domestic: return after ? "QCVN 14:2025/BTNMT" : "QCVN 14:2008/BTNMT, cột \(column)"
        case .medical: return "QCVN 28:2010/BTNMT, cột \(column)"
        case .aquaculture: return "QCVN 02-19:2014/BNNPTNT"
        case .leachate: return "QCVN 25:2009/BTNMT, cột B2"
        case .municipal: return after ? "QCVN 14:2025/BTNMT" : "QCVN 14:2008/BTNMT, cột \(column)"
        }
    }

    /// QCVN 40:2011/BTNMT column limits in tenths of mg/L (coliform: MPN/100 mL).
    static let limitsA = [300, 750, 500, 50, 200, 40, 3000]
    static let limitsB = [500, 1500, 1000, 100, 400, 60, 5000]

    mutating func effluent(column: String) -> [Int] {
        let limits = column == "A" ? Generator.limitsA : Generator.limitsB
        return limits.enumerated().map { k, l in
            let v = l * int(30...90) / 100
            return k == 6 ? round2(v) : max(1, v)
        }
    }

    mutating func eiaAuthority(group: Int, day: Int, province: Int, cluster: Bool) -> (String, String) {
        let n = int(100...3900)
        if group == 2 {
            if day < provinceMergerDay && province == 1 { return ("\(n)/QĐ-UBND", "UBND tỉnh Hậu Giang") }
            if day < provinceMergerDay && province == 2 { return ("\(n)/QĐ-UBND", "UBND tỉnh Sóc Trăng") }
            return ("\(n)/QĐ-UBND", "UBND thành phố Cần Thơ")
        }
        return day < ministryMergerDay ? ("\(n)/QĐ-BTNMT", "Bộ Tài nguyên và Môi trường") : ("\(n)/QĐ-BNNMT", "Bộ Nông nghiệp và Môi trường")
    }

    // MARK: Defects

    func applicable(_ d: Defect, _ m: Model) -> Bool {
        if m.defects.contains(d) { return false }
        switch d {
        case .undersizedPlant:
            return m.dischargesWastewater && (m.wastewater?.generated ?? 0) >= 20 && m.wastewater?.capacityAsText == false
        case .expiredPermit: return m.permit != nil && m.permitRequired
        case .missingEIASection: return m.eia?.sections != nil
        case .sandNightHours: return m.sand != nil
        case .vesselWithoutGPS, .sandLicenceExpired, .sandNoMarkers, .sandNoDeposit: return m.sand != nil && m.licensedStage
        case .unsortedWaste: return m.producesSolidWaste && (m.solidWaste?.domestic ?? 0) > 0
        case .itemWithoutClimateCriterion: return m.planExpected && !m.items.isEmpty
        case .itemWithoutImpactAnalysis: return m.planExpected && !m.items.isEmpty && (m.kind == "sector_plan" || m.groupI_II)
        case .missingFloodZone: return m.siteProject && m.location?.flood != nil
        case .numberAsText:
            return (m.wastewater != nil && m.dischargesWastewater) || m.sand != nil || (m.classified && m.area != nil)
        case .duplicateKey: return m.duplicate == nil
        case .unremediedViolation, .oldProvincialPlan: return true
        case .filledCanal: return m.area != nil
        case .groundwaterWithoutLicence: return m.water != nil && m.waterUser
        case .noGHGInventory, .incompleteGHGPlan: return m.ghgInventoryRequired && m.operating && m.ghg?.plan != nil
        case .staleEnergyAudit: return m.keyEnergyUser && m.operating && m.submitted < decree30Day
        case .misclassifiedGroup:
            return m.classified && m.polluting == true && m.group == "I"
                && (m.capacity == "large" || (m.capacity == "medium" && !(m.sensitive ?? []).isEmpty))
        case .undeclaredRiceLand: return m.riceLand > 0
        case .tooCloseToBank: return m.siteProject && m.location?.flood != nil && m.eia?.riverbankPlan != true
        case .noErosionAssessment, .groundBelowFreeboard: return m.siteProject && m.location?.flood != nil
        case .resettlementWithoutPlan, .riskyResettlementSite: return m.resettlement != nil && m.siteProject
        case .noPlasticPlan: return m.producesSolidWaste && m.solidWaste != nil
        case .noAutoMonitoring:
            guard let w = m.wastewater, m.dischargesWastewater else { return false }
            return w.generated >= 1000 && !m.toCentralPlant
        case .eiaAfterStart:
            return m.eiaRequired && (m.stage == "construction" || m.stage == "operation") && m.eia?.decisionDate != nil && m.startOn != nil
        case .noConsultationDate: return m.eiaRequired && m.eia?.sections != nil
        case .noSalinityMeasure: return m.type == "agriculture_aquaculture" && m.highSalinity
        case .noEIADecision: return m.eiaRequired && m.eia?.decisionNo != nil
        case .noRegistration:
            return m.registration != nil && !m.permitDuty && m.licensedStage
                && ((m.solidWaste?.hazardous ?? 0) > 0 || (m.solidWaste?.domestic ?? 0) >= 300
                    || (m.wastewater?.generated ?? 0) >= 5 || (m.emissions?.flow ?? 0) >= 50)
            && ((m.solidWaste?.domestic ?? 0) >= 300 || (m.wastewater?.generated ?? 0) >= 5 || (m.emissions?.flow ?? 0) >= 50)
        case .noWaterSource: return m.type == "residential" || m.type == "urban_development"
        case .noHazardousHandler: return (m.solidWaste?.hazardous ?? 0) > 0
        case .highLandfillShare: return m.managesWaste && m.solidWaste?.shares != nil
        case .rareMonitoring: return m.classified && m.groupI_II && m.monitoring != nil
        case .unknownClusterSite: return m.type == "factory" && m.location?.inCluster != nil
        case .clusterEIAByDepartment: return m.clusterSite && (m.eia?.decisionDate ?? 0) >= clusterEIADay
        case .effluentOverLimit: return m.industrial && m.submitted < qcvn2025Day && m.wastewater?.effluent != nil && !m.toCentralPlant
        case .oldEffluentStandard: return m.industrial && m.submitted >= qcvn2025Day && m.wastewater != nil && !m.toCentralPlant
        case .noRenewableShare: return m.industrial && m.energy?.renewable != nil
        case .noGHGEstimate: return m.groupI_II && m.ghg != nil && !m.keyEnergyUser
        case .untreatedEmissions: return m.emitsExhaust && (m.emissions?.flow ?? 0) >= 50
        case .noPreliminaryAssessment: return m.group == "I" && m.eia?.preliminary == true
        case .wrongColumn: return m.dischargesWastewater && m.wastewater?.domesticSupply == true && m.wastewater?.central == false
        }
    }

    mutating func plantDefects(_ m: inout Model) {
        let count = weighted(["1", "2", "3"], [55, 30, 15]) == "1" ? 1 : chance(67) ? 2 : 3
        for _ in 0..<count {
            let candidates = Defect.allCases.filter { applicable($0, m) }
            var roll = int(0...candidates.reduce(0) { $0 + $1.weight } - 1)
            for d in candidates {
                if roll < d.weight {
                    plant(d, &m)
                    m.defects.append(d)
                    break
                }
                roll -= d.weight
            }
        }
    }

    mutating func plant(_ d: Defect, _ m: inout Model) {
        let S = m.submitted
        switch d {
        case .undersizedPlant:
            m.wastewater!.capacity = round2(m.wastewater!.generated * int(55...90) / 100)
            if m.wastewater!.capacity >= m.wastewater!.generated { m.wastewater!.capacity = m.wastewater!.generated - 1 }
        case .expiredPermit:
            let expires = S - int(10...700)
            m.permit!.expires = expires
            m.permit!.issued = expires - (chance(50) ? 3652 : 2557)
        case .missingEIASection:
            var sections = m.eia!.sections!
            for _ in 0..<(chance(70) ? 1 : 2) { sections.remove(at: int(0...sections.count - 1)) }
            m.eia!.sections = sections
        case .vesselWithoutGPS:
            let k = int(0...m.sand!.vessels.count - 1)
            m.sand!.vessels[k].gps = false
        case .unsortedWaste:
            m.solidWaste!.streams = pick([["other"], ["recyclable", "other"], ["food", "other"]])
        case .itemWithoutClimateCriterion:
            let k = int(0...m.items.count - 1)
            m.items[k].climate = []
            if !m.defectItems.contains(k) { m.defectItems.append(k) }
        case .itemWithoutImpactAnalysis:
            let k = int(0...m.items.count - 1)
            m.items[k].impactAnalysis = false
            if !m.defectItems.contains(k) { m.defectItems.append(k) }
        case .missingFloodZone:
            m.location!.flood = nil
        case .numberAsText:
            if let w = m.wastewater, m.dischargesWastewater, !w.capacityAsText, chance(75) {
                m.wastewater!.capacityAsText = true
            } else if m.sand != nil, chance(60) {
                m.sand!.volumeAsText = true
            } else if m.area != nil && m.classified {
                m.areaAsText = true
            } else if m.wastewater != nil && m.dischargesWastewater {
                m.wastewater!.capacityAsText = true
            } else {
                m.sand!.volumeAsText = true
            }
        case .duplicateKey:
            m.duplicate = m.location != nil ? pick([.projectName, .investorName, .commune, .commune]) : pick([.projectName, .investorName])
        case .unremediedViolation:
            m.history.append(Violation(date: S - int(60...900), decisionNo: "\(int(10...900))/QĐ-XPHC", text: pick(violations), remedied: false))
        case .groundwaterWithoutLicence:
            if m.water!.groundwater == 0 { m.water!.groundwater = round2(int(20...400)) }
            m.water!.licence = nil
        case .noGHGInventory:
            m.ghg!.inventory = false
        case .incompleteGHGPlan:
            if chance(50) { m.ghg!.plan!.target = 0 } else { m.ghg!.plan!.measures = [] }
        case .staleEnergyAudit:
            m.energy!.lastAudit = chance(80) ? S - int(1200...2500) : nil
        case .misclassifiedGroup:
            m.group = "II"
            m.eia?.preliminary = false
        case .undeclaredRiceLand:
            m.sensitive = m.sensitive?.filter { $0 != "rice_land_2crop" }
        case .filledCanal:
            m.fills.append("\(pick(["KR", "HO", "KENH"]))-\(pad4(int(1...400)))")
        case .tooCloseToBank:
            m.location!.erosion = "high"
            m.location!.erosionAssessment = true
            m.location!.distance = int(5...45)
        case .noErosionAssessment:
            if m.location!.erosion != "high" { m.location!.erosion = "medium" }
            m.location!.erosionAssessment = false
        case .groundBelowFreeboard:
            m.location!.flood = "high"
            if m.location!.tideCm == nil { m.location!.tideCm = int(180...220) }
            m.location!.groundCm = m.location!.tideCm! + int(-20...20)
        case .sandLicenceExpired:
            m.sand!.expires = S - int(10...300)
        case .sandNightHours:
            if chance(50) { m.sand!.start = pick(["04:00", "04:30"]) } else { m.sand!.end = pick(["20:00", "21:30", "22:00"]) }
        case .sandNoMarkers:
            if chance(60) { m.sand!.markers = false } else { m.sand!.stockyard = nil }
        case .sandNoDeposit:
            m.sand!.deposit = 0
        case .resettlementWithoutPlan:
            m.resettlement!.planRef = nil
        case .riskyResettlementSite:
            m.resettlement!.fromHighRisk = true
            m.resettlement!.destination = pick(["medium", "high"])
        case .noPlasticPlan:
            m.solidWaste!.plastic = false
        case .noAutoMonitoring:
            m.wastewater!.auto = false
        case .oldProvincialPlan:
            m.planRef = pick([
                "Quyết định 995/QĐ-TTg ngày 25/8/2023 phê duyệt Quy hoạch tỉnh Sóc Trăng thời kỳ 2021 - 2030",
                "Quy hoạch tỉnh Hậu Giang thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
                "Quyết định 1515/QĐ-TTg ngày 28/8/2013 điều chỉnh quy hoạch chung thành phố Cần Thơ",
            ])
        case .eiaAfterStart:
            m.startOn = m.eia!.decisionDate! - int(10...150)
        case .noConsultationDate:
            m.eia!.meeting = nil
        case .noSalinityMeasure:
            for k in m.items.indices { m.items[k].adaptation.removeAll { salinityMeasures.contains($0) } }
            m.noSalinity = true
        case .noEIADecision:
            m.eia!.decisionNo = nil
            m.eia!.decisionDate = nil
        case .noRegistration:
            m.registration = nil
        case .noWaterSource:
            m.water?.source = nil
        case .noHazardousHandler:
            m.solidWaste!.handler = nil
        case .highLandfillShare:
            let landfill = int(35...70), recycle = int(10...(100 - landfill))
            m.solidWaste!.shares = (recycle, 100 - recycle - landfill, landfill)
        case .rareMonitoring:
            m.monitoring!.perYear = int(0...1)
        case .unknownClusterSite:
            m.location!.inCluster = nil
        case .clusterEIAByDepartment:
            m.eia!.authority = "Sở Nông nghiệp và Môi trường thành phố Cần Thơ"
            m.eia!.decisionNo = "\(int(100...3900))/QĐ-SNNMT"
        case .effluentOverLimit:
            let limits = m.wastewater!.column == "A" ? Generator.limitsA : Generator.limitsB
            for _ in 0..<(chance(70) ? 1 : 2) {
                let k = int(0...6)
                m.wastewater!.effluent![k] = limits[k] * int(112...180) / 100
            }
        case .oldEffluentStandard:
            m.wastewater!.standard = "QCVN 40:2011/BTNMT, cột \(m.wastewater!.column)"
        case .noRenewableShare:
            m.energy!.renewable = nil
        case .noGHGEstimate:
            m.ghg = nil
        case .untreatedEmissions:
            m.emissions!.treatment = chance(50) ? nil : ""
        case .noPreliminaryAssessment:
            m.eia!.preliminary = false
        case .wrongColumn:
            m.wastewater!.column = "B"
            m.wastewater!.standard = m.wastewater!.standard.replacing("cột A", with: "cột B")
        }
    }

    // MARK: Rendering

    /// Writes the dossier at about `target` bytes: pretty-printed when that
    /// fits, else minified, then plan items (and short criteria) up to the size.
    mutating func render(_ m: inout Model, target: Int) -> [UInt8] {
        for level in 0...2 {
            let pretty = level == 0, lean = level == 2
            // The minified form keeps the items with defects (or the first), and the first when its salinity measure matters.
            var natural = lean ? (m.defectItems.isEmpty ? [0] : m.defectItems.sorted()) : Array(m.items.indices)
            if lean && m.highSalinity && m.type == "agriculture_aquaculture" && natural[0] != 0 { natural.insert(0, at: 0) }
            var w = Writer(pretty: pretty, capacity: max(target, 2048) + 1024)
            writeHead(&w, m, lean: lean)
            var items: [PlanItem] = []
            var starts: [Int] = []
            for k in natural {
                starts.append(w.out.count)
                writeItem(&w, m.items[k], m, lean: lean)
                items.append(m.items[k])
            }
            var t = Writer(pretty: pretty, capacity: 4096)
            t.frames = w.frames
            t.frames[t.frames.count - 1].has = true
            writeTail(&t, m, lean: lean)
            let tail = t.out
            if w.out.count + tail.count > target + target / 10 && level < 2 { continue }

            // Pad with plan items, then with short criteria on the last one.
            let slack = max(48, target / 25)
            while w.out.count + tail.count < target {
                let remaining = target - w.out.count - tail.count
                let mark = w.out.count, had = w.frames[w.frames.count - 1].has
                var fitted = false
                for short in [false, true] {
                    let next = paddingItem(m, items.count, short: short)
                    writeItem(&w, next, m, lean: lean)
                    if w.out.count - mark <= remaining + slack {
                        items.append(next)
                        starts.append(mark)
                        fitted = true
                        break
                    }
                    w.out.removeSubrange(mark...)
                    w.frames[w.frames.count - 1].has = had
                }
                if fitted { continue }
                // Even a short item is too long: lengthen the last item instead.
                guard let start = starts.last, items[items.count - 1].padding.count < 16 else { break }
                var last = items.removeLast()
                w.out.removeSubrange(start...)
                w.frames[w.frames.count - 1].has = !items.isEmpty
                last.padding.append(pick(shortCriteria))
                writeItem(&w, last, m, lean: lean)
                items.append(last)
            }
            m.items = items
            w.out.append(contentsOf: tail)
            return w.out
        }
        return []
    }

    func date(_ day: Int, _ m: Model) -> String {
        let vietnamese = m.dateStyle == .vietnamese || (m.dateStyle == .mixed && day % 3 == 0)
        let (y, mo, d) = civilDate(day)
        return vietnamese ? "\(pad2(d))/\(pad2(mo))/\(y)" : "\(y)-\(pad2(mo))-\(pad2(d))"
    }

    func writeHead(_ w: inout Writer, _ m: Model, lean: Bool) {
        w.open(object: true)
        w.field("id", m.id)
        w.field("kind", m.kind)
        w.field("submitted_on", date(m.submitted, m))
        w.key("project"); w.open(object: true)
        w.field("name", m.name)
        if m.duplicate == .projectName { w.field("name", m.name + " (điều chỉnh)") }
        if !m.type.isEmpty { w.field("type", m.type) }
        if let g = m.group { w.field("env_group", g) }
        if m.group == "II" { w.field("group_criterion", "c") }
        if let c = m.capacity { w.field("capacity_class", c) }
        if let p = m.polluting { w.key("polluting_type"); w.bool(p) }
        w.key("total_capital_billion_vnd"); w.int(m.capital)
        if let u = m.urgent, u || !lean { w.key("urgent_public_investment"); w.bool(u) }
        if let s = m.stage { w.field("stage", s) }
        if let s = m.startOn, !lean || m.defects.contains(.eiaAfterStart)
            || (m.eiaRequired && (m.stage == "construction" || m.stage == "operation")) {
            w.field("start_on", date(s, m))
        }
        if let d = m.description, !lean { w.field("description", d) }
        w.close()
        w.key("investor"); w.open(object: true)
        w.field("name", m.investor)
        if m.duplicate == .investorName { w.field("name", m.investor.uppercased()) }
        if !lean { w.field("tax_code", m.taxCode) }
        w.close()
        if let l = m.location {
            w.key("location"); w.open(object: true)
            w.field("commune", l.commune)
            if m.duplicate == .commune { w.field("commune", l.legacy ?? l.commune) }
            if let d = l.legacy, !lean { w.field("legacy_district", d) }
            if !lean {
                w.key("coordinates"); w.open(object: true, inline: true)
                w.key("lat"); w.dec(l.lat, 4)
                w.key("lon"); w.dec(l.lon, 4)
                w.close()
            }
            if let c = l.inCluster, c || !lean || m.type == "factory" { w.key("in_industrial_cluster"); w.bool(c) }
            if let f = l.flood { w.field("flood_risk_zone", f) }
            if let g = l.groundCm, let t = l.tideCm, !lean || l.flood == "high" || l.flood == "medium" {
                w.key("design_ground_elev_m"); w.dec(g, 2)
                w.key("design_tide_m"); w.dec(t, 2)
            }
            if l.flood == "medium" || l.flood == "high" {
                // Subsidence over a 50-year design life eats at most half the margin above the tide.
                let margin = max(0, (l.groundCm ?? 0) - (l.tideCm ?? 0))
                w.field("climate_scenario", lean ? "RCP4.5" : "Kịch bản biến đổi khí hậu 2020, RCP4.5")
                w.key("subsidence_mm_year"); w.int(margin / 10)
                w.key("design_life_years"); w.int(50)
            }
            w.field("erosion_zone", l.erosion)
            if l.erosionAssessment || !lean { w.key("erosion_assessment"); w.bool(l.erosionAssessment) }
            if l.erosion == "high" || !lean { w.key("distance_to_bank_m"); w.int(l.distance) }
            if m.type == "agriculture_aquaculture" || !lean { w.field("salinity_risk", l.salinity) }
            w.close()
        }
        if let a = m.area {
            w.key("land_use"); w.open(object: true)
            w.key("total_area_ha")
            if m.areaAsText { w.string(vnDecimal(a)) } else { w.dec(a, 1) }
            if m.riceLand > 0 || !lean || m.siteProject { w.key("rice_land_2crop_converted_ha"); w.dec(m.riceLand, 1) }
            if !lean { w.key("protected_forest_ha"); w.int(0) }
            if !m.fills.isEmpty || !lean { w.key("fills_waterbody_ids"); w.strings(m.fills) }
            w.close()
        }
        if let s = m.sensitive, !s.isEmpty || !lean { w.key("sensitive_factors"); w.strings(s) }
        w.key("planning_conformity"); w.open(object: true)
        w.field("provincial_plan_ref", lean && m.planRef.contains("1519/QĐ-TTg") ? "1519/QĐ-TTg" : m.planRef)
        if m.kind == "sector_plan" { w.key("party_programme_refs"); w.strings(["255-KH/TU", "27-CTr/TU"]) }
        w.close()
        w.key("plan"); w.open(object: true)
        w.key("items"); w.open(object: false)
    }

    func writeItem(_ w: inout Writer, _ it: PlanItem, _ m: Model, lean: Bool) {
        w.open(object: true)
        w.field("id", "\(m.itemPrefix)-\(it.id)")
        w.field("name", it.name)
        w.key("budget_billion_vnd"); w.dec(it.budget, 1)
        w.key("criteria"); w.open(object: true)
        w.key("environment"); w.strings((lean ? shortest(it.environment) : it.environment) + it.padding)
        w.key("climate"); w.strings(lean ? shortest(it.climate) : it.climate)
        w.close()
        w.key("climate"); w.open(object: true)
        w.key("impact_analysis"); w.bool(it.impactAnalysis)
        w.key("adaptation_measures"); w.strings(lean ? Array(it.adaptation.prefix(1)) : it.adaptation)
        if let x = it.mitigation, !lean { w.key("mitigation_tco2e_year"); w.int(x) }
        else if m.kind == "sector_plan" { w.key("mitigation_tco2e_year"); w.int(it.mitigation ?? 0) }
        w.close()
        w.close()
    }

    func writeTail(_ w: inout Writer, _ m: Model, lean: Bool) {
        w.close()  // items
        w.close()  // plan
        if let e = m.eia {
            w.key("eia"); w.open(object: true)
            w.key("preliminary_included"); w.bool(e.preliminary)
            if let n = e.decisionNo { w.field("decision_no", n) }
            if let d = e.decisionDate { w.field("decision_date", date(d, m)) }
            if let a = e.authority, !lean || m.clusterSite { w.field("authority", a) }
            if let a = e.authority {
                w.field("authority_level", a.hasPrefix("Bộ") ? "ministry" : a.hasPrefix("Sở") ? "provincial_department" : "provincial_pc")
            }
            if let s = e.sections { w.key("sections"); w.strings(s) }
            if e.communePC != nil || e.meeting != nil {
                w.key("consultation"); w.open(object: true, inline: true)
                if let c = e.communePC { w.key("commune_pc"); w.bool(c) }
                if let d = e.meeting { w.field("meeting_date", date(d, m)) }
                w.close()
            }
            if !lean { w.key("riverbank_protection_plan"); w.bool(e.riverbankPlan) }
            w.close()
        }
        if let p = m.permit {
            w.key("env_permit"); w.open(object: true)
            w.field("no", p.no)
            if !lean { w.field("issued_on", date(p.issued, m)) }
            w.field("expires_on", date(p.expires, m))
            if !lean { w.field("authority", p.authority) }
            w.close()
        }
        if let r = m.registration {
            w.key("env_registration"); w.open(object: true)
            w.field("commune", r.commune)
            w.field("registered_on", date(r.on, m))
            w.close()
        }
        if let x = m.wastewater {
            w.key("wastewater"); w.open(object: true)
            w.key("generated_m3_day"); w.int(x.generated)
            if !lean {
                if let i = x.industrial { w.key("industrial_m3_day"); w.int(i) }
                w.key("domestic_m3_day"); w.int(x.domestic)
            }
            if !lean || (m.industrial && m.submitted >= qcvn2025Day) { w.field("standard", x.standard) }
            w.field("column", x.column)
            w.key("treatment"); w.open(object: true)
            w.key("capacity_m3_day")
            if x.capacityAsText { w.string(vnThousands(x.capacity)) } else { w.int(x.capacity) }
            if !lean { w.field("technology", x.technology) }
            w.key("central_plant_connected"); w.bool(x.central)
            w.close()
            // QCVN 40:2011's factors: Cmax = C × Kq × Kf; 1 where the dossier's discharge does not raise them.
            w.key("kf"); w.int(1)
            if let e = x.effluent, !lean || (m.industrial && m.submitted < qcvn2025Day) {
                w.key("effluent"); w.open(object: true)
                let keys = ["bod5_mg_l", "cod_mg_l", "tss_mg_l", "nh4_mg_l", "tn_mg_l", "tp_mg_l"]
                for k in 0..<6 { w.key(keys[k]); w.dec(e[k], 1) }
                w.key("coliform_mpn_100ml"); w.int(e[6])
                w.close()
            }
            if x.domesticSupply || !lean || (m.dischargesWastewater && !m.toCentralPlant) {
                w.key("receiving_water"); w.open(object: true, inline: true)
                if !lean || x.domesticSupply { w.field("name", x.receiving) }
                w.key("domestic_supply_use"); w.bool(x.domesticSupply)
                w.key("kq"); w.int(1)
                w.close()
            }
            w.key("auto_monitoring"); w.bool(x.auto)
            w.close()
        }
        // The minified form leaves out the exhaust section where no rule outcome depends on it.
        if let e = m.emissions, !lean || m.group == "IV" || m.defects.contains(.untreatedEmissions) || m.emitsExhaust {
            w.key("emissions"); w.open(object: true)
            w.key("flow_m3_h"); w.int(e.flow)
            if let t = e.treatment { w.field("treatment", lean && !t.isEmpty ? "Xyclon, lọc bụi túi vải" : t) }
            w.close()
        }
        if let s = m.solidWaste {
            w.key("solid_waste"); w.open(object: true)
            w.key("domestic_kg_day"); w.int(s.domestic)
            w.key("hazardous_kg_year"); w.int(s.hazardous)
            if let st = s.streams { w.key("sorting_streams"); w.strings(st) }
            if let sh = s.shares, !lean || m.defects.contains(.highLandfillShare) || m.managesWaste {
                w.key("shares_pct"); w.open(object: true, inline: true)
                w.key("recycle"); w.int(sh.recycle)
                w.key("energy_recovery"); w.int(sh.energy)
                w.key("landfill"); w.int(sh.landfill)
                w.close()
            }
            if let h = s.handler { w.field("hazardous_handler_licence", h) }
            w.key("plastic_reduction_plan"); w.bool(s.plastic)
            if m.industrial || m.type == "waste_treatment" { w.key("circular_measures"); w.strings([lean ? "Tái chế" : "Bán phế liệu cho cơ sở tái chế"]) }
            w.close()
        }
        if let e = m.energy {
            w.key("energy"); w.open(object: true)
            w.key("toe_year"); w.int(e.toe)
            if let r = e.renewable { w.key("renewable_share_pct"); w.int(m.industrial ? max(r, 1) : r) }
            if m.industrial { w.key("fossil_fuels"); w.strings([]) }
            w.key("energy_manager"); w.bool(e.manager)
            if let a = e.lastAudit { w.field("last_audit_on", date(a, m)) }
            if !lean || (m.keyEnergyUser && !e.measures.isEmpty) { w.key("efficiency_measures"); w.strings(lean ? shortest(e.measures) : e.measures) }
            w.close()
        }
        if let g = m.ghg {
            w.key("ghg"); w.open(object: true)
            if let e = g.estimate { w.key("est_tco2e_year"); w.int(e) }
            w.key("inventory"); w.bool(g.inventory)
            if let p = g.plan {
                w.key("reduction_plan"); w.open(object: true)
                w.key("baseline_year"); w.int(p.baseline)
                w.key("target_pct"); w.int(p.target)
                w.key("measures"); w.strings(lean ? shortest(p.measures) : p.measures)
                w.close()
            }
            w.close()
        }
        if let x = m.water, !lean || x.groundwater > 0 || m.waterUser {
            w.key("water_supply"); w.open(object: true)
            if let s = x.source, !lean || m.type == "residential" || m.type == "urban_development" { w.field("source", s) }
            w.key("surface_m3_day"); w.int(x.surface)
            w.key("surface_own_intake"); w.bool(false)
            w.key("groundwater_m3_day"); w.int(x.groundwater)
            if let l = x.licence { w.field("groundwater_licence", l) }
            w.close()
        }
        if m.resettlement == nil && m.siteProject {
            w.key("resettlement"); w.open(object: true, inline: true)
            w.key("households"); w.int(0)
            w.close()
        }
        if let r = m.resettlement, !lean || m.defects.contains(.resettlementWithoutPlan) || m.defects.contains(.riskyResettlementSite)
            || m.siteProject {
            w.key("resettlement"); w.open(object: true)
            w.key("households"); w.int(r.households)
            w.key("persons"); w.int(r.persons)
            w.key("from_high_risk_area"); w.bool(r.fromHighRisk)
            w.field("destination_risk", r.destination)
            if let p = r.planRef { w.field("plan_ref", p) }
            w.close()
        }
        if let s = m.sand {
            w.key("sand_mining"); w.open(object: true)
            w.field("river", "sông Hậu")
            w.key("licence"); w.open(object: true)
            w.field("no", s.licenceNo)
            w.field("issued_on", date(s.issued, m))
            w.field("expires_on", date(s.expires, m))
            w.field("authority", s.authority)
            w.close()
            w.key("volume_m3_year")
            if s.volumeAsText { w.string(vnThousands(s.volume)) } else { w.int(s.volume) }
            w.key("reserve_m3"); w.int(s.reserve)
            w.key("in_banned_zone"); w.bool(s.banned)
            w.key("erosion_assessment"); w.bool(s.assessment)
            w.field("bank_monitoring_frequency", s.frequency)
            w.key("operating_hours"); w.open(object: true, inline: true)
            w.field("start", s.start)
            w.field("end", s.end)
            w.close()
            w.key("vessels"); w.open(object: false)
            for v in s.vessels {
                w.open(object: true, inline: true)
                w.field("registration", v.registration)
                w.key("gps"); w.bool(v.gps)
                w.close()
            }
            w.close()
            w.key("markers_installed"); w.bool(s.markers)
            if let y = s.stockyard { w.field("stockyard_port_licence", y) }
            w.key("restoration_deposit_vnd"); w.int(s.deposit * 1_000_000)
            w.close()
        }
        if let x = m.monitoring, !lean || m.groupI_II {
            w.key("monitoring"); w.open(object: true)
            w.key("periodic_per_year"); w.int(x.perYear)
            if !lean {
                w.key("ambient_points"); w.int(x.points)
            }
            if !lean { w.field("data_link", x.link) } else if m.operating { w.field("data_link", "Sở NN&MT") }
            w.close()
        }
        if !lean || m.history.contains(where: { !$0.remedied }) {
            w.key("compliance_history"); w.open(object: false)
            for h in m.history where !lean || !h.remedied {
                w.open(object: true)
                w.field("date", date(h.date, m))
                w.field("decision_no", h.decisionNo)
                w.field("violation", h.text)
                w.key("remedied"); w.bool(h.remedied)
                w.close()
            }
            w.close()
        }
        w.close()
        w.out.append(0x0A)
    }
}

// MARK: - Text helpers

/// The shortest text of a list, as a one-element list (none for an empty list).
private func shortest(_ xs: [String]) -> [String] {
    guard var best = xs.first else { return [] }
    for x in xs.dropFirst() where x.utf8.count < best.utf8.count { best = x }
    return [best]
}

private func pad2(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
private func pad4(_ x: Int) -> String { String(repeating: "0", count: max(0, 4 - "\(x)".count)) + "\(x)" }

/// 1200 → "1.200" (Vietnamese thousands separator).
private func vnThousands(_ x: Int) -> String {
    var digits = Array(String(x))
    var out: [Character] = []
    while digits.count > 3 {
        out.insert(contentsOf: [".", digits[digits.count - 3], digits[digits.count - 2], digits[digits.count - 1]], at: 0)
        digits.removeLast(3)
    }
    return String(digits) + String(out)
}

/// Tenths as a Vietnamese decimal: 125 → "12,5".
private func vnDecimal(_ tenths: Int) -> String {
    tenths % 10 == 0 ? vnThousands(tenths / 10) : "\(vnThousands(tenths / 10)),\(tenths % 10)"
}

private func shortDate(_ day: Int) -> String {
    let (y, m, d) = civilDate(day)
    return "\(pad2(d))/\(m)/\(y)"
}

/// Replaces {P}, {B}, {R}, {N}, {C} in a template.
private func fill(_ template: String, place: String, brand: String, river: String, figure: String) -> String {
    var out = ""
    var it = template.makeIterator()
    while let ch = it.next() {
        guard ch == "{" else { out.append(ch); continue }
        let tag = it.next()
        _ = it.next()  // "}"
        switch tag {
        case "P", "C": out += place
        case "B": out += brand
        case "R": out += river
        case "N": out += figure
        default: break
        }
    }
    return out
}

// MARK: - Writer

/// A JSON writer: pretty (two-space indentation, short arrays and small
/// objects on one line, as people write dossiers) or minified.
private struct Writer {
    struct Frame {
        var has: Bool
        var inline: Bool
        var object: Bool
    }

    var out: [UInt8] = []
    let pretty: Bool
    var frames: [Frame] = []
    var afterKey = false

    init(pretty: Bool, capacity: Int) {
        self.pretty = pretty
        out.reserveCapacity(capacity)
    }

    mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let f = frames.last else { return }
        if f.has { out.append(0x2C) }
        frames[frames.count - 1].has = true
        guard pretty else { return }
        if f.inline {
            if f.has || f.object { out.append(0x20) }
        } else {
            newline()
        }
    }
    mutating func newline() {
        out.append(0x0A)
        for _ in 0..<frames.count { out.append(0x20); out.append(0x20) }
    }
    mutating func open(object: Bool, inline: Bool = false) {
        beforeValue()
        out.append(object ? 0x7B : 0x5B)
        frames.append(Frame(has: false, inline: inline || (frames.last?.inline ?? false), object: object))
    }
    mutating func close() {
        let f = frames.removeLast()
        if f.has && pretty {
            if f.inline {
                if f.object { out.append(0x20) }
            } else {
                newline()
            }
        }
        out.append(f.object ? 0x7D : 0x5D)
    }
    mutating func key(_ k: String) {
        beforeValue()
        quoted(k)
        out.append(0x3A)
        if pretty { out.append(0x20) }
        afterKey = true
    }
    mutating func field(_ k: String, _ v: String) {
        key(k)
        string(v)
    }
    mutating func string(_ s: String) {
        beforeValue()
        quoted(s)
    }
    mutating func strings(_ xs: [String]) {
        open(object: false, inline: true)
        for x in xs { string(x) }
        close()
    }
    mutating func int(_ v: Int) {
        beforeValue()
        out.append(contentsOf: String(v).utf8)
    }
    /// `units` / 10^places, without trailing zeros.
    mutating func dec(_ units: Int, _ places: Int) {
        beforeValue()
        var p = places, u = units
        while p > 0 && u % 10 == 0 { u /= 10; p -= 1 }
        if u < 0 { out.append(0x2D) }
        var s = Array(String(abs(u)).utf8)
        if p > 0 {
            if s.count <= p { s = Array(repeating: 0x30, count: p - s.count + 1) + s }
            s.insert(0x2E, at: s.count - p)
        }
        out.append(contentsOf: s)
    }
    mutating func bool(_ v: Bool) {
        beforeValue()
        out.append(contentsOf: v ? Array("true".utf8) : Array("false".utf8))
    }
    mutating func quoted(_ s: String) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
