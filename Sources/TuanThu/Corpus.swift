// A deterministic synthetic corpus for benchmarks and tests: dossiers shaped
// like those of DOSSIER.md, with Vietnamese text, nested arrays and numbers.

/// Generates synthetic project dossiers. The same seed gives the same bytes on
/// every machine and run, so benchmark figures are comparable.
public enum Corpus {
    /// One dossier as pretty-printed UTF-8 JSON of about `approximateBytes`
    /// (never much less; at most one plan item more). About 30% of dossiers
    /// carry typical defects (a missing section, an empty criterion, an
    /// expired permit, undersized treatment) but every one is valid JSON.
    public static func dossier(seed: UInt64, approximateBytes: Int) -> [UInt8] {
        var g = Generator(seed: seed)
        return g.dossier(approximateBytes: approximateBytes)
    }

    /// `count` dossiers with seeds `firstSeed`, `firstSeed + 1`, ...
    public static func dossiers(count: Int, firstSeed: UInt64 = 1, approximateBytes: Int) -> [[UInt8]] {
        (0..<count).map { dossier(seed: firstSeed &+ UInt64($0), approximateBytes: approximateBytes) }
    }
}

// MARK: - Vocabulary

private let communes = [
    "Phường Ninh Kiều", "Phường Cái Khế", "Phường Tân An", "Phường An Bình", "Phường Bình Thủy",
    "Phường Long Tuyền", "Phường Cái Răng", "Phường Hưng Phú", "Phường Ô Môn", "Phường Thới Long",
    "Phường Thốt Nốt", "Phường Trung Nhứt", "Xã Phong Điền", "Xã Nhơn Ái", "Xã Thới Lai", "Xã Cờ Đỏ",
    "Xã Vĩnh Thạnh", "Xã Thạnh An", "Phường Vị Thanh", "Phường Ngã Bảy", "Xã Châu Thành",
    "Phường Sóc Trăng", "Phường Vĩnh Châu", "Xã Kế Sách", "Xã Trần Đề", "Xã Long Phú",
]
private let legacyDistricts = ["Quận Ninh Kiều", "Quận Bình Thủy", "Quận Cái Răng", "Quận Ô Môn", "Quận Thốt Nốt", "Huyện Phong Điền", "Huyện Cờ Đỏ", "Huyện Thới Lai", "Huyện Vĩnh Thạnh"]
private let projectNames = [
    "Nhà máy chế biến thủy sản", "Hạ tầng cụm công nghiệp", "Khu dân cư", "Đường ven sông Hậu",
    "Trang trại điện mặt trời", "Khai thác cát lòng sông Hậu", "Nhà máy xử lý nước thải tập trung",
    "Nhà máy điện rác", "Vùng nuôi tôm công nghệ cao", "Quy hoạch ngành nông nghiệp", "Bến thủy nội địa",
    "Nhà máy cấp nước sạch", "Khu đô thị mới", "Kè chống sạt lở bờ sông",
]
private let places = ["Trà Nóc", "Hưng Phú", "Cái Sơn", "Thới Lai", "Ô Môn", "Bình Thủy", "Vĩnh Thạnh", "Cồn Sơn", "Tân Lộc", "Phú Lợi"]
private let projectTypes = [
    "industrial_cluster", "industrial_park", "factory", "urban_development", "residential", "transport", "energy",
    "agriculture_aquaculture", "waste_treatment", "water_supply", "sand_mining", "public_works", "other",
]
private let kinds = ["investment_project", "sector_plan", "sand_mining_licence", "public_works"]
private let groups = ["I", "II", "III", "IV"]
private let levels = ["none", "low", "medium", "high"]
private let stages = ["investment_policy", "feasibility_study", "construction", "operation"]
private let investors = [
    "Công ty Cổ phần Thủy sản Sông Hậu", "Công ty TNHH Năng lượng Xanh Cần Thơ", "Tổng công ty Xây dựng Miền Tây",
    "Công ty Cổ phần Cấp thoát nước Cần Thơ", "Ban Quản lý dự án đầu tư xây dựng thành phố",
    "Công ty TNHH Môi trường Đô thị", "Hợp tác xã Nuôi trồng thủy sản Thạnh Phú",
]
private let itemNames = [
    "Xây dựng hệ thống xử lý nước thải", "Trồng cây xanh cách ly", "Nâng cao nền chống ngập",
    "Kè bảo vệ bờ sông", "Lắp đặt điện mặt trời áp mái", "Phân loại chất thải rắn tại nguồn",
    "Cải tạo kênh rạch nội đồng", "Hệ thống quan trắc tự động", "Đường giao thông nội bộ",
    "Trạm bơm tiêu úng", "Nhà chứa chất thải nguy hại", "Hồ điều hòa",
]
private let environmentCriteria = [
    "nước thải đạt QCVN 40:2025/BTNMT", "không lấp kênh rạch", "thu gom chất thải rắn", "giảm tiếng ồn, bụi",
    "bảo vệ đa dạng sinh học", "tiết kiệm nước",
]
private let climateCriteria = [
    "cao độ nền vượt triều cường", "chống sạt lở bờ sông", "thích ứng xâm nhập mặn", "giảm phát thải khí nhà kính",
    "sử dụng năng lượng tái tạo", "thoát nước mưa lớn",
]
private let adaptationMeasures = [
    "nâng cốt nền thêm 0,3 m", "xây kè mềm bằng cừ tràm", "trữ nước ngọt mùa khô chống mặn",
    "trồng rừng phòng hộ ven sông", "hệ thống thoát nước mưa tách riêng", "bơm tiêu chống ngập",
]
private let technologies = ["AAO kết hợp MBBR", "SBR", "bùn hoạt tính hiếu khí", "lọc sinh học nhỏ giọt", "MBR"]
private let violations = [
    "xả nước thải vượt quy chuẩn", "không lập báo cáo công tác bảo vệ môi trường", "để chất thải rắn không đúng nơi quy định",
    "không có giấy phép môi trường", "khai thác cát ngoài phạm vi được phép",
]

// MARK: - Generator

private struct Generator {
    var state: UInt64
    var out: [UInt8] = []
    /// One entry per open container: does the next element need a comma?
    var hasElements: [Bool] = []
    /// A key was just written, so the value goes on the same line.
    var afterKey = false

    init(seed: UInt64) {
        state = seed &* 0x2545_F491_4F6C_DD1D ^ 0x5DEE_CE66_D1CE_4E5B
        out.reserveCapacity(12 * 1024)
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
    mutating func pick(_ words: [String]) -> String { words[int(0...words.count - 1)] }

    // MARK: Writing

    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = hasElements.last {
            if last { out.append(UInt8(ascii: ",")) }
            hasElements[hasElements.count - 1] = true
            newline()
        }
    }
    mutating func newline() {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<hasElements.count { out.append(contentsOf: [0x20, 0x20]) }
    }
    mutating func open(_ c: Character) {
        beforeValue()
        raw(String(c))
        hasElements.append(false)
    }
    mutating func close(_ c: Character) {
        let had = hasElements.removeLast()
        if had { newline() }
        raw(String(c))
    }
    mutating func key(_ k: String) {
        beforeValue()
        writeString(k)
        raw(": ")
        afterKey = true
    }
    mutating func string(_ s: String) {
        beforeValue()
        writeString(s)
    }
    mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x09: raw("\\t")
            case 0..<0x20: raw("\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16))
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
    mutating func integer(_ v: Int) {
        beforeValue()
        raw(String(v))
    }
    /// A decimal with `places` digits after the point: `units` / 10^places.
    mutating func decimal(_ units: Int, places: Int) {
        beforeValue()
        var s = String(abs(units))
        if places > 0 {
            if s.count <= places { s = String(repeating: "0", count: places - s.count + 1) + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -places))
        }
        raw((units < 0 ? "-" : "") + s)
    }
    mutating func bool(_ v: Bool) {
        beforeValue()
        raw(v ? "true" : "false")
    }
    mutating func null() {
        beforeValue()
        raw("null")
    }
    mutating func date(year: ClosedRange<Int> = 2019...2026) {
        let y = int(year), m = int(1...12), d = int(1...28)
        string("\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)")
    }
    mutating func strings(_ words: [String], count: ClosedRange<Int>) {
        open("[")
        for _ in 0..<int(count) { string(pick(words)) }
        close("]")
    }

    // MARK: The dossier

    mutating func dossier(approximateBytes: Int) -> [UInt8] {
        let defective = chance(30)
        // Which defects a defective dossier shows: bit flags over the sections.
        let defects = defective ? random() | 1 << int(0...7) : 0
        func has(_ defect: Int) -> Bool { defects & (1 << defect) != 0 && defective }
        let isSand = chance(10)
        let year = int(2023...2026)

        open("{")
        key("id"); string("CT-\(year)-\(String(int(1...9999)))")
        key("kind"); string(isSand ? "sand_mining_licence" : pick(kinds))
        key("submitted_on"); date(year: year...year)
        key("project"); open("{")
        key("name"); string("\(pick(projectNames)) \(pick(places))")
        key("type"); string(isSand ? "sand_mining" : pick(projectTypes))
        if !has(0) { key("env_group"); string(pick(groups)) }
        key("capacity_class"); string(pick(["small", "medium", "large"]))
        key("polluting_type"); bool(chance(40))
        key("total_capital_billion_vnd"); decimal(int(500...2_500_000), places: 1)
        key("urgent_public_investment"); bool(chance(5))
        key("stage"); string(pick(stages))
        key("start_on"); date()
        if chance(20) { key("description"); string("Dự án \"trọng điểm\" của thành phố;\nđã được \(pick(communes)) thống nhất chủ trương") }
        close("}")
        key("investor"); open("{")
        key("name"); string(pick(investors))
        key("tax_code"); string("18\(String(int(10_000_000...99_999_999)))")
        close("}")
        key("location"); open("{")
        key("commune"); string(pick(communes))
        if chance(40) { key("legacy_district"); string(pick(legacyDistricts)) } else if chance(20) { key("legacy_district"); null() }
        key("coordinates"); open("{")
        key("lat"); decimal(int(9_900_000...10_300_000), places: 6)
        key("lon"); decimal(int(105_400_000...105_900_000), places: 6)
        close("}")
        key("in_industrial_cluster"); bool(chance(30))
        if !has(1) { key("flood_risk_zone"); string(pick(levels)) }
        key("design_ground_elev_m"); decimal(int(120...320), places: 2)
        key("design_tide_m"); decimal(int(150...230), places: 2)
        key("erosion_zone"); string(pick(levels))
        key("erosion_assessment"); bool(!has(2))
        key("distance_to_bank_m"); decimal(int(50...30_000), places: 1)
        key("salinity_risk"); string(pick(levels))
        close("}")
        key("land_use"); open("{")
        key("total_area_ha"); decimal(int(5...25_000), places: 1)
        key("rice_land_2crop_converted_ha"); decimal(chance(30) ? int(1...800) : 0, places: 1)
        key("protected_forest_ha"); integer(0)
        key("fills_waterbody_ids"); open("[")
        if has(3) { string("KENH-\(int(1...99))") }
        close("]")
        close("}")
        key("sensitive_factors"); strings(["rice_land_2crop", "resettlement", "protected_forest", "heritage", "water_source"], count: 0...3)
        key("planning_conformity"); open("{")
        key("provincial_plan_ref"); string(chance(85) ? "1519/QĐ-TTg" : "Quyết định \(int(100...999))/QĐ-UBND")
        close("}")

        // The tail is written separately so that plan items can fill the dossier
        // up to the size asked for.
        let head = out
        let headOpen = hasElements
        out = []
        out.reserveCapacity(6 * 1024)
        hasElements = [true]
        writeTail(has: has, isSand: isSand)
        close("}")
        out.append(UInt8(ascii: "\n"))
        let tail = out

        out = head
        hasElements = headOpen
        key("plan"); open("{")
        key("items"); open("[")
        var n = 0
        repeat {
            writePlanItem(n, defective: has(4) && n == 1)
            n += 1
        } while out.count + tail.count + 8 < approximateBytes
        close("]")
        close("}")
        hasElements = []
        out.append(contentsOf: tail)
        return out
    }

    mutating func writePlanItem(_ n: Int, defective: Bool) {
        open("{")
        key("id"); string("KH-\(n < 9 ? "0" : "")\(n + 1)")
        key("name"); string(pick(itemNames))
        key("budget_billion_vnd"); decimal(int(10...90_000), places: 2)
        key("criteria"); open("{")
        key("environment"); strings(environmentCriteria, count: 1...3)
        key("climate"); strings(climateCriteria, count: defective ? 0...0 : 1...2)
        close("}")
        key("climate"); open("{")
        key("impact_analysis"); bool(!defective)
        key("adaptation_measures"); strings(adaptationMeasures, count: defective ? 0...0 : 1...3)
        key("mitigation_tco2e_year"); decimal(int(0...500_000), places: 1)
        close("}")
        close("}")
    }

    mutating func writeTail(has: (Int) -> Bool, isSand: Bool) {
        if !has(5) {
            key("eia"); open("{")
            key("preliminary_included"); bool(chance(70))
            key("decision_no"); string("\(int(100...3999))/QĐ-UBND")
            key("decision_date"); date()
            key("authority"); string(chance(60) ? "UBND thành phố Cần Thơ" : "Sở Nông nghiệp và Môi trường")
            key("sections"); strings(["origin", "conformity", "technology", "baseline", "impacts", "consultation", "waste_measures", "monitoring", "costs"], count: 6...9)
            key("consultation"); open("{")
            key("commune_pc"); bool(chance(85))
            key("meeting_date"); date()
            close("}")
            key("riverbank_protection_plan"); bool(chance(50))
            close("}")
        } else if chance(50) {
            key("eia"); null()
        }
        key("env_permit"); open("{")
        key("no"); string("\(int(1...999))/GPMT-UBND")
        key("issued_on"); date(year: 2020...2024)
        key("expires_on"); date(year: has(6) ? 2021...2024 : 2027...2034)
        key("authority"); string("UBND thành phố Cần Thơ")
        close("}")
        let generated = int(5...5000)
        key("wastewater"); open("{")
        key("generated_m3_day"); integer(generated)
        key("industrial_m3_day"); integer(generated * 7 / 10)
        key("domestic_m3_day"); integer(generated - generated * 7 / 10)
        key("standard"); string(chance(70) ? "QCVN 40:2025/BTNMT" : "QCVN 40:2011/BTNMT")
        key("column"); string(chance(50) ? "A" : "B")
        key("treatment"); open("{")
        key("capacity_m3_day"); integer(has(7) ? generated * 8 / 10 : generated * int(11...20) / 10)
        key("technology"); string(pick(technologies))
        key("central_plant_connected"); bool(chance(60))
        close("}")
        key("effluent"); open("{")
        key("bod5_mg_l"); decimal(int(50...600), places: 1)
        key("cod_mg_l"); decimal(int(200...1800), places: 1)
        key("tss_mg_l"); decimal(int(100...1200), places: 1)
        key("nh4_mg_l"); decimal(int(10...150), places: 1)
        key("tn_mg_l"); decimal(int(50...450), places: 1)
        key("tp_mg_l"); decimal(int(5...70), places: 1)
        key("coliform_mpn_100ml"); integer(int(100...6000))
        close("}")
        key("receiving_water"); open("{")
        key("name"); string(pick(["sông Hậu", "rạch Cái Sơn", "sông Cần Thơ", "kênh Thốt Nốt", "sông Ô Môn"]))
        key("domestic_supply_use"); bool(chance(30))
        close("}")
        key("auto_monitoring"); bool(generated >= 500 && chance(80))
        close("}")
        key("emissions"); open("{")
        key("flow_m3_h"); integer(int(0...20_000))
        key("treatment"); string(pick(["cyclone kết hợp tháp hấp thụ", "lọc bụi túi vải", "không có"]))
        close("}")
        key("solid_waste"); open("{")
        key("domestic_kg_day"); integer(int(20...3000))
        key("hazardous_kg_year"); integer(chance(60) ? int(1...20_000) : 0)
        key("sorting_streams"); strings(["recyclable", "food", "other"], count: 1...3)
        let recycle = int(10...60), energy = int(0...40)
        key("shares_pct"); open("{")
        key("recycle"); integer(recycle)
        key("energy_recovery"); integer(energy)
        key("landfill"); integer(max(0, 100 - recycle - energy))
        close("}")
        key("hazardous_handler_licence"); string("\(int(1...99)).\(int(100...999)).VX")
        key("plastic_reduction_plan"); bool(chance(50))
        close("}")
        key("energy"); open("{")
        key("toe_year"); decimal(int(100...30_000), places: 1)
        key("renewable_share_pct"); decimal(int(0...600), places: 1)
        key("energy_manager"); bool(chance(60))
        key("last_audit_on"); date()
        key("efficiency_measures"); strings(["biến tần cho bơm", "đèn LED", "thu hồi nhiệt", "điện mặt trời áp mái"], count: 0...3)
        close("}")
        key("ghg"); open("{")
        key("est_tco2e_year"); decimal(int(1000...90_000), places: 1)
        key("inventory"); bool(chance(60))
        key("reduction_plan"); open("{")
        key("baseline_year"); integer(int(2018...2024))
        key("target_pct"); decimal(int(0...400), places: 1)
        key("measures"); strings(adaptationMeasures + climateCriteria, count: 1...3)
        close("}")
        close("}")
        key("water_supply"); open("{")
        key("source"); string(pick(["nước mặt sông Hậu", "nhà máy nước Cần Thơ 2", "nước ngầm tầng Pleistocen"]))
        key("surface_m3_day"); integer(int(0...8000))
        key("groundwater_m3_day"); integer(chance(30) ? int(1...500) : 0)
        if chance(60) { key("groundwater_licence"); string("\(int(1...999))/GP-UBND") }
        close("}")
        if chance(30) {
            key("resettlement"); open("{")
            let households = int(1...400)
            key("households"); integer(households)
            key("persons"); integer(households * int(3...5))
            key("from_high_risk_area"); bool(chance(40))
            key("destination_risk"); string(pick(levels))
            if chance(80) { key("plan_ref"); string("\(int(1...999))/QĐ-UBND") }
            close("}")
        }
        if isSand {
            key("sand_mining"); open("{")
            key("river"); string("sông Hậu")
            key("licence"); open("{")
            key("no"); string("\(int(1...99))/GP-UBND")
            key("issued_on"); date(year: 2020...2024)
            key("expires_on"); date(year: 2024...2030)
            key("authority"); string("UBND thành phố Cần Thơ")
            close("}")
            let reserve = int(100_000...2_000_000)
            key("volume_m3_year"); integer(reserve / int(5...20))
            key("reserve_m3"); integer(reserve)
            key("in_banned_zone"); bool(chance(10))
            key("erosion_assessment"); bool(chance(80))
            key("bank_monitoring_frequency"); string(pick(["hằng tháng", "hằng quý", "6 tháng/lần"]))
            key("operating_hours"); open("{")
            key("start"); string("0\(int(5...7)):00")
            key("end"); string("\(int(17...20)):00")
            close("}")
            key("vessels"); open("[")
            for v in 0..<int(1...4) {
                open("{")
                key("registration"); string("CT-\(int(1000...9999))-\(v)")
                key("gps"); bool(chance(85))
                close("}")
            }
            close("]")
            key("markers_installed"); bool(chance(80))
            key("stockyard_port_licence"); string("\(int(1...99))/GP-SGTVT")
            key("restoration_deposit_vnd"); integer(int(0...50) * 100_000_000)
            close("}")
        }
        key("monitoring"); open("{")
        key("periodic_per_year"); integer(int(0...4))
        key("ambient_points"); integer(int(1...12))
        key("data_link"); string("https://quantrac.cantho.gov.vn/tram/\(int(1...300))")
        close("}")
        key("compliance_history"); open("[")
        for _ in 0..<(chance(40) ? int(1...3) : 0) {
            open("{")
            key("date"); date(year: 2015...2024)
            key("decision_no"); string("\(int(1...999))/QĐ-XPHC")
            key("violation"); string(pick(violations))
            key("remedied"); bool(chance(75))
            close("}")
        }
        close("]")
    }
}
