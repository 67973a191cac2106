#!/usr/bin/env python3
"""Ordinary project dossiers for the peer comparison, as NDJSON on standard output.

    python3 .ci/peer/corpus.py --documents 2000 --seed 1 > corpus.ndjson

A public-works project dossier of a Vietnamese city (project, investor,
budget lines, contractors, milestones, approvals, staff), about 8.5 KB (4-13 KB) of
UTF-8 JSON on one line, Vietnamese text in NFC. The shape is the `schema` of
.ci/peer/policy/00-policy.rules. About 70 % of the dossiers pass every rule of
that policy; the others carry one to three defects of the kinds a reviewer
meets: a rule broken (a sum that does not add up, a duplicate code, an expired
licence, ...), a field absent or null, a number written as text, a value
outside its list, a date that is no date, an unknown key. Dossier k is made
from seed SEED + k, so the same --documents and --seed give the same bytes.
Standard library only.
"""

import argparse
import json
import random
import sys

COMMUNES = [
    "phường Ninh Kiều", "phường Cái Khế", "phường Tân An", "phường An Bình", "phường Thới An Đông",
    "phường Bình Thủy", "phường Long Tuyền", "phường Cái Răng", "phường Hưng Phú", "phường Ô Môn",
    "phường Phước Thới", "phường Thới Long", "phường Trung Nhứt", "phường Thuận Hưng", "phường Thốt Nốt",
    "xã Phong Điền", "xã Nhơn Ái", "xã Trường Long", "xã Thới Lai", "xã Đông Thuận",
    "xã Cờ Đỏ", "xã Đông Hiệp", "xã Trung Hưng", "xã Vĩnh Thạnh", "xã Thạnh An",
]
OUTSIDE_COMMUNES = ["phường Mỹ Xuyên", "xã Long Mỹ", "phường Vị Thanh", "quận Ninh Kiều"]

TYPES = ["road", "school", "hospital", "irrigation", "housing", "market"]
TYPE_WORDS = {
    "road": ["Nâng cấp đường", "Mở rộng tuyến đường", "Xây dựng cầu và đường dẫn"],
    "school": ["Xây dựng trường tiểu học", "Mở rộng trường trung học cơ sở", "Cải tạo trường mầm non"],
    "hospital": ["Xây dựng khối điều trị bệnh viện", "Mở rộng trạm y tế", "Cải tạo trung tâm y tế"],
    "irrigation": ["Nạo vét kênh thủy lợi", "Xây dựng cống ngăn mặn", "Kè chống sạt lở bờ sông"],
    "housing": ["Khu nhà ở xã hội", "Khu tái định cư", "Chung cư nhà ở công nhân"],
    "market": ["Xây dựng chợ", "Cải tạo chợ nổi", "Trung tâm thương mại dịch vụ"],
}
PLACES = ["Cái Răng", "Ninh Kiều", "Bình Thủy", "Ô Môn", "Thốt Nốt", "Phong Điền", "Cờ Đỏ", "Vĩnh Thạnh", "Thới Lai"]
FIRMS = ["Công ty TNHH Xây dựng", "Công ty Cổ phần Đầu tư", "Công ty Cổ phần Tư vấn Thiết kế", "Tổng công ty Xây dựng",
         "Công ty TNHH Một thành viên Công trình", "Công ty Cổ phần Kỹ thuật Hạ tầng"]
FIRM_NAMES = ["Mê Kông", "Tây Đô", "Sông Hậu", "Cửu Long", "Phương Nam", "Hưng Thịnh", "An Phát", "Đại Việt", "Thành Công"]
LINE_TITLES = [
    "Chi phí xây dựng hạng mục chính", "Chi phí thiết bị", "Chi phí bồi thường, hỗ trợ và tái định cư",
    "Chi phí quản lý dự án", "Chi phí tư vấn đầu tư xây dựng", "Chi phí khảo sát địa hình, địa chất",
    "Chi phí thẩm tra thiết kế và dự toán", "Chi phí giám sát thi công", "Chi phí bảo hiểm công trình",
    "Chi phí rà phá bom mìn, vật nổ", "Chi phí hạng mục phụ trợ và lán trại", "Chi phí đo đạc, cắm mốc giải phóng mặt bằng",
    "Chi phí kiểm toán, quyết toán vốn đầu tư", "Chi phí dự phòng cho khối lượng phát sinh", "Chi phí dự phòng trượt giá",
    "Chi phí hệ thống thoát nước và xử lý nước thải", "Chi phí chiếu sáng công cộng", "Chi phí trồng cây xanh, cảnh quan",
]
MILESTONE_TITLES = [
    "Hoàn thành giải phóng mặt bằng", "Khởi công xây dựng", "Hoàn thành phần móng", "Hoàn thành phần thân",
    "Lắp đặt thiết bị", "Hoàn thiện và chạy thử", "Nghiệm thu từng phần", "Nghiệm thu hoàn thành, bàn giao",
    "Quyết toán vốn đầu tư", "Hoàn thành hạ tầng kỹ thuật",
]
NOTE_TEXTS = [
    "Dự án thuộc danh mục đầu tư công trung hạn giai đoạn 2021-2025 của thành phố.",
    "Chủ đầu tư cam kết thực hiện đúng tiến độ và các biện pháp bảo vệ môi trường trong thi công.",
    "Hồ sơ đã được Phòng Kinh tế, Hạ tầng và Đô thị góp ý, chỉnh sửa theo ý kiến thẩm định.",
    "Phương án tổ chức giao thông trong thời gian thi công đã được thống nhất với địa phương.",
    "Nguồn vốn ngân sách thành phố bố trí theo kế hoạch hằng năm, phần còn lại do nhà đầu tư huy động.",
    "Công trình nằm trong vùng chịu ảnh hưởng triều cường, cao độ nền thiết kế đã tính đến nước biển dâng.",
]
SOURCES = ["state", "local", "private", "oda"]

# Policy figures of the policy (.ci/peer/policy/00-policy.rules); the generator keeps to them.
GROUP_C_CAP = 45_000        # million VND
HOUSING_MAX_HA = 50
SAFETY_FROM = 100_000       # million VND
PER_ENGINEER = 50_000       # million VND of budget per engineer
ODA_MIN_SHARE = 10


def day(y, m, d):
    """Days since 1970-01-01 (proleptic Gregorian)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def iso(z):
    """The date z days after 1970-01-01, YYYY-MM-DD."""
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return f"{y + (m <= 2):04d}-{m:02d}-{d:02d}"


def dmy(s):
    """YYYY-MM-DD written DD/MM/YYYY (both are dates to the policy)."""
    return f"{s[8:10]}/{s[5:7]}/{s[0:4]}"


def tax_code(r):
    return "".join(r.choice("0123456789") for _ in range(r.choice([10, 10, 13])))


def dossier(seed):
    """One passing dossier (a dict) and its random source."""
    r = random.Random(seed)
    ptype = r.choice(TYPES)
    group = r.choices(["A", "B", "C"], weights=[1, 3, 6])[0]
    submitted = r.randrange(day(2024, 1, 2), day(2026, 11, 1))
    start = submitted + r.randrange(30, 240)
    end = start + r.randrange(200, 1400)
    place = r.choice(PLACES)
    area = round(r.uniform(0.5, 120 if ptype in ("road", "irrigation") else 45), 2)
    if group == "C":
        total_target = r.randrange(3_000, GROUP_C_CAP - 1)
    elif group == "B":
        total_target = r.randrange(45_000, 900_000)
    else:
        total_target = r.randrange(900_000, 4_000_000)
    # Budget lines, whose amounts add up to the total.
    nlines = r.randrange(18, 64)
    weights = [r.randrange(1, 100) for _ in range(nlines)]
    amounts = [max(1, total_target * w // sum(weights)) for w in weights]
    total = sum(amounts)
    oda = r.random() < 0.15
    lines = []
    for i, a in enumerate(amounts):
        src = "oda" if oda and i % 4 == 1 else r.choice(["state", "local", "state", "private"])
        lines.append({"code": f"{i + 1:02d}.{r.randrange(1, 99):02d}", "title": r.choice(LINE_TITLES) + f" (gói {i + 1})",
                      "amount_million_vnd": a, "source": src})
    share = r.choice([100, 100, 85, 70, 60.5, 50, 45, 30, 20, 15])
    # Contractors: one main, a supervisor for groups A and B, some subcontractors.
    roles = ["main"] + (["supervisor"] if group in ("A", "B") or r.random() < 0.3 else []) + ["sub"] * r.randrange(0, 9)
    contractors = [{"name": f"{r.choice(FIRMS)} {r.choice(FIRM_NAMES)} {k + 1}", "tax_code": f"{seed % 1000:03d}{k:02d}{r.randrange(10**5):05d}",
                    "role": role, "licence_expires_on": iso(submitted + r.randrange(1, 2000))} for k, role in enumerate(roles)]
    # Milestones inside [start, end], weights adding up to 100.
    nms = r.randrange(3, 10) if group in ("A", "B") else r.randrange(1, 8)
    cuts = sorted(r.sample(range(5, 100, 5), nms - 1)) if nms > 1 else []
    ws = [b - a for a, b in zip([0] + cuts, cuts + [100])]
    dues = sorted(r.randrange(start, end + 1) for _ in range(nms - 1)) + [end]
    milestones = [{"code": f"M{k + 1}", "title": MILESTONE_TITLES[k % len(MILESTONE_TITLES)], "due_on": iso(dues[k]), "weight_pct": ws[k]}
                  for k in range(nms)]
    approvals = {}
    if group == "A" or r.random() < 0.4:
        approvals["feasibility_on"] = iso(submitted - r.randrange(0, 300))
    if ptype in ("road", "irrigation") and area >= 50 or r.random() < 0.2:
        approvals["eia_on"] = iso(submitted - r.randrange(0, 200))
    name = f"{r.choice(TYPE_WORDS[ptype])} {place} giai đoạn {r.randrange(1, 4)}"
    desc = " ".join(r.choice(NOTE_TEXTS) for _ in range(r.randrange(3, 12)))
    d = {
        "id": f"DA-{iso(submitted)[:4]}-{seed % 100000:05d}",
        "kind": r.choice(["new_build", "new_build", "renovation", "maintenance"]),
        "submitted_on": iso(submitted),
        "project": {"name": name, "type": ptype, "group": group, "commune": r.choice(COMMUNES),
                    "start_on": iso(start), "end_on": iso(end), "area_ha": area, "description": desc},
        "investor": {"name": f"Ban Quản lý dự án đầu tư xây dựng {place}", "tax_code": tax_code(r)},
        "budget": {"total_million_vnd": total, "state_share_pct": share if not oda else max(share, ODA_MIN_SHARE), "lines": lines},
        "contractors": contractors,
        "milestones": milestones,
        "approvals": approvals,
        "staff": {"engineers": -(-total // PER_ENGINEER) + r.randrange(0, 4), "safety_officer": total >= SAFETY_FROM or r.random() < 0.5},
        "notes": [r.choice(NOTE_TEXTS) for _ in range(r.randrange(0, 8))],
    }
    if r.random() < 0.6:
        d["investor"]["email"] = f"bqlda.{r.randrange(1, 99)}@cantho.gov.vn"
    if r.random() < 0.1:  # a date written DD/MM/YYYY is a date all the same
        d["project"]["start_on"] = dmy(d["project"]["start_on"])
    return d, r


# Defects: each breaks one rule, or takes away, nulls or spoils a value.
def _lines(d):
    return d["budget"]["lines"]


DEFECTS = [
    ("bad-id", lambda d, r: d.__setitem__("id", d["id"].replace("DA-", "DA"))),
    ("bad-tax-code", lambda d, r: d["investor"].__setitem__("tax_code", d["investor"]["tax_code"][:9])),
    ("group-c-over-cap", lambda d, r: (d["project"].__setitem__("group", "C"), _lines(d)[0].__setitem__(
        "amount_million_vnd", _lines(d)[0]["amount_million_vnd"] + GROUP_C_CAP), d["budget"].__setitem__(
        "total_million_vnd", sum(x["amount_million_vnd"] for x in _lines(d))))),
    ("housing-too-large", lambda d, r: (d["project"].__setitem__("type", "housing"), d["project"].__setitem__("area_ha", 64.5))),
    ("sum-mismatch", lambda d, r: _lines(d)[-1].__setitem__("amount_million_vnd", _lines(d)[-1]["amount_million_vnd"] + 7)),
    ("duplicate-line-code", lambda d, r: _lines(d)[1].__setitem__("code", _lines(d)[0]["code"])),
    ("end-before-start", lambda d, r: d["project"].__setitem__("end_on", iso(day(2024, 1, 1)))),
    ("start-too-soon", lambda d, r: d["project"].__setitem__("start_on", d["submitted_on"])),
    ("share-out-of-range", lambda d, r: d["budget"].__setitem__("state_share_pct", 120)),
    ("licence-expired", lambda d, r: d["contractors"][-1].__setitem__("licence_expires_on", iso(day(2023, 12, 31)))),
    ("commune-outside", lambda d, r: d["project"].__setitem__("commune", r.choice(OUTSIDE_COMMUNES))),
    ("weights-not-100", lambda d, r: d["milestones"][0].__setitem__("weight_pct", d["milestones"][0]["weight_pct"] + 5)),
    ("milestone-after-end", lambda d, r: d["milestones"][-1].__setitem__("due_on", "2031-06-30")),
    ("feasibility-late", lambda d, r: (d["project"].__setitem__("group", "A"), d["approvals"].__setitem__("feasibility_on", "2026-12-31"))),
    ("eia-late", lambda d, r: (d["project"].__setitem__("type", "road"), d["project"].__setitem__("area_ha", 80),
                               d["approvals"].__setitem__("eia_on", "2026-12-30"))),
    ("two-main", lambda d, r: d["contractors"].append(dict(d["contractors"][0], tax_code="9999999999"))),
    ("no-supervisor", lambda d, r: (d["project"].__setitem__("group", "B"),
                                    d.__setitem__("contractors", [c for c in d["contractors"] if c["role"] != "supervisor"]))),
    ("no-safety-officer", lambda d, r: d["staff"].__setitem__("safety_officer", False) if d["budget"]["total_million_vnd"] >= SAFETY_FROM else
        (d["staff"].__setitem__("safety_officer", False), _lines(d)[0].__setitem__("amount_million_vnd", _lines(d)[0]["amount_million_vnd"] + SAFETY_FROM),
         d["budget"].__setitem__("total_million_vnd", sum(x["amount_million_vnd"] for x in _lines(d))))),
    ("too-few-engineers", lambda d, r: d["staff"].__setitem__("engineers", 0)),
    ("zero-line", lambda d, r: _lines(d).append({"code": "99.99", "title": "Hạng mục chưa bố trí vốn", "amount_million_vnd": 0, "source": "local"})),
    ("oda-low-share", lambda d, r: (_lines(d)[0].__setitem__("source", "oda"), d["budget"].__setitem__("state_share_pct", 5))),
    ("short-name", lambda d, r: d["project"].__setitem__("name", "Chợ Tân An")),
    ("duplicate-contractor", lambda d, r: d["contractors"].append(dict(d["contractors"][-1], role="sub"))),
    ("bad-email", lambda d, r: d["investor"].__setitem__("email", "bqlda at cantho.gov.vn")),
    ("few-milestones", lambda d, r: (d["project"].__setitem__("group", "A"), d["approvals"].setdefault("feasibility_on", d["submitted_on"]),
                                     d.__setitem__("milestones", [dict(d["milestones"][-1], weight_pct=100)]))),
    # Data absent, null, of the wrong type, outside its list, not a date, unknown.
    ("no-area", lambda d, r: d["project"].pop("area_ha")),
    ("no-tax-code", lambda d, r: d["investor"].pop("tax_code")),
    ("null-share", lambda d, r: d["budget"].__setitem__("state_share_pct", None)),
    ("no-engineers", lambda d, r: d["staff"].pop("engineers")),
    ("no-feasibility", lambda d, r: (d["project"].__setitem__("group", "A"), d["approvals"].pop("feasibility_on", None))),
    ("no-licence-date", lambda d, r: d["contractors"][0].pop("licence_expires_on")),
    ("no-weight", lambda d, r: d["milestones"][0].pop("weight_pct")),
    ("no-milestones", lambda d, r: d.pop("milestones")),
    ("total-as-text", lambda d, r: d["budget"].__setitem__("total_million_vnd", f"{d['budget']['total_million_vnd']:,}".replace(",", "."))),
    ("area-as-text", lambda d, r: d["project"].__setitem__("area_ha", str(d["project"]["area_ha"]).replace(".", ","))),
    ("engineers-fraction", lambda d, r: d["staff"].__setitem__("engineers", 2.5)),
    ("weight-as-text", lambda d, r: d["milestones"][-1].__setitem__("weight_pct", str(d["milestones"][-1]["weight_pct"]))),
    ("type-outside", lambda d, r: d["project"].__setitem__("type", "bridge")),
    ("group-outside", lambda d, r: d["project"].__setitem__("group", "D")),
    ("role-outside", lambda d, r: d["contractors"][0].__setitem__("role", "lead")),
    ("not-a-date", lambda d, r: d["project"].__setitem__("end_on", "2027-02-30")),
    ("submitted-not-a-date", lambda d, r: d.__setitem__("submitted_on", "31/13/2025")),
    ("unknown-key", lambda d, r: d["budget"].__setitem__("totl_million_vnd", 1)),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=2000, help="dossiers to write (default 2000)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the first dossier (default 1)")
    ap.add_argument("--defects", action="store_true", help="also print each dossier's defects on standard error")
    args = ap.parse_args()
    out = sys.stdout.buffer
    for k in range(args.documents):
        d, r = dossier(args.seed + k)
        names = []
        if r.random() < 0.3:
            for name, f in r.sample(DEFECTS, r.randrange(1, 4)):
                try:
                    f(d, r)
                    names.append(name)
                except (KeyError, IndexError, TypeError):
                    pass  # an earlier defect took away what this one spoils
        out.write(json.dumps(d, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8") + b"\n")
        if args.defects:
            print(f"{k + 1}\t{','.join(names)}", file=sys.stderr)


if __name__ == "__main__":
    main()
