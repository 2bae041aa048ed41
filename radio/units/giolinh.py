"""The Gio Linh facts the demo tells: units, editions, reorganisations. Data only.

Three editions of the official list (the key of a unit is its code and its edition date):
- 2020-01-01: NQ 832/NQ-UBTVQH14 (17/12/2019): Gio Linh district (466) of Quảng Trị (45) has
  2 towns and 15 communes. Codes from the statistics office (GSO) list of 03/02/2021,
  dev/seed-data/Xa_2021-02-03.csv in github.com/sunshine-tech/VietnamProvinces (commit 3ceaeb6).
- 2025-01-01: the 2024 arrangement of Quảng Trị's communes (UBTVQH resolution on Quảng Trị for
  2023–2025). The GSO list of 04/01/2025, dev/seed-data/Pre-2025-07/Xa_2025-01-04.csv in the same
  repository, lists 14 units for Gio Linh: Gio Châu (19525), Gio Việt (19531) and Linh Hải (19549)
  are gone, the other 14 keep their codes and names. The list does not say which unit absorbed
  each one: ABSORBED below is the neighbour it joined (to be checked against the resolution text).
- 2025-07-01: the two-level local government. NQ 202/2025/QH15 merges Quảng Bình (44) and
  Quảng Trị (45) into Quảng Trị (44); the commune arrangement of Quảng Trị (NQ 1680/NQ-UBTVQH15)
  makes four communes of Gio Linh's 14 units. Source of each merge: the conversion table
  dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv (same repository), rows 6146–6159,
  all "Nhập toàn bộ" (whole merges).
"""

from __future__ import annotations

from datetime import date

EDITION_2020 = date(2020, 1, 1)
EDITION_2025_01 = date(2025, 1, 1)
EDITION_2025_07 = date(2025, 7, 1)

SRC_832 = "NQ 832/NQ-UBTVQH14, hiệu lực 01/01/2020; mã theo danh mục TCTK 03/02/2021"
SRC_GSO_2025 = ("Danh mục ĐVHC của TCTK ngày 04/01/2025 (Xa_2025-01-04.csv): sắp xếp ĐVHC cấp xã "
                "tỉnh Quảng Trị giai đoạn 2023–2025, hiệu lực 01/01/2025")
SRC_2025_07 = ("NQ 1680/NQ-UBTVQH15 (sắp xếp ĐVHC cấp xã tỉnh Quảng Trị năm 2025), hiệu lực "
               "01/07/2025; bảng chuyển đổi ĐVHC mới–cũ (BangChuyendoiĐVHCmoi_cu)")
SRC_202 = "NQ 202/2025/QH15: hợp nhất tỉnh Quảng Bình và tỉnh Quảng Trị, hiệu lực 01/07/2025"

# Provinces: (code, name, valid_from, valid_to, source).
OLD_QUANG_TRI = ("45", "Tỉnh Quảng Trị", EDITION_2020, date(2025, 6, 30), SRC_832)
QUANG_BINH = ("44", "Tỉnh Quảng Bình", EDITION_2020, date(2025, 6, 30), SRC_202)
NEW_QUANG_TRI = ("44", "Tỉnh Quảng Trị", EDITION_2025_07, None, SRC_202)
# District: Huyện Gio Linh (466), abolished with the district level on 1/7/2025 (Luật Tổ chức
# chính quyền địa phương 2025; the GSO lists above give the code).
DISTRICT = ("466", "Huyện Gio Linh", EDITION_2020, date(2025, 6, 30), SRC_832)

# The 17 units of the 2020 edition: station code (radio.demo.UNITS) -> (unit code, type).
# Codes and types: the GSO list of 03/02/2021 (Xa_2021-02-03.csv), rows of Huyện Gio Linh.
UNITS_2020 = {
    "tt-gio-linh": ("19495", "Thị trấn"),
    "tt-cua-viet": ("19496", "Thị trấn"),
    "trung-giang": ("19498", "Xã"),
    "trung-hai": ("19501", "Xã"),
    "trung-son": ("19504", "Xã"),
    "phong-binh": ("19507", "Xã"),
    "gio-my": ("19510", "Xã"),
    "gio-hai": ("19519", "Xã"),
    "gio-an": ("19522", "Xã"),
    "gio-chau": ("19525", "Xã"),
    "gio-viet": ("19531", "Xã"),
    "linh-truong": ("19534", "Xã"),
    "gio-son": ("19537", "Xã"),
    "gio-mai": ("19543", "Xã"),
    "hai-thai": ("19546", "Xã"),
    "linh-hai": ("19549", "Xã"),
    "gio-quang": ("19552", "Xã"),
}

# The 2024 arrangement, effective 01/01/2025: absorbed station code -> absorbing station code.
# That the three units ended and the 14 others remain: the GSO list of 04/01/2025. Which
# neighbour took each one: Gio Việt gave land to TT Cửa Việt when the town was made (NĐ
# 103/2005/NĐ-CP) and borders it; Gio Châu borders Gio Quang; Linh Hải borders Gio Sơn on the
# south (xã Gio Sơn's own description). The absorbing unit keeps its code and name (GSO 2025)
# and starts a new edition on 2025-01-01.
ABSORBED = {
    "gio-viet": "tt-cua-viet",
    "gio-chau": "gio-quang",
    "linh-hai": "gio-son",
}

# From 01/07/2025, four communes of the new Quảng Trị (44): station code, unit code, name, the
# 2025-01 units merged into it (by their station codes). Conversion table rows 6146–6159.
NEW_COMMUNES = [
    ("xa-gio-linh", "19495", "Xã Gio Linh", ["tt-gio-linh", "phong-binh", "gio-my", "gio-quang"]),
    ("xa-cua-viet", "19496", "Xã Cửa Việt", ["tt-cua-viet", "gio-hai", "gio-mai"]),
    ("xa-ben-hai", "19501", "Xã Bến Hải", ["trung-giang", "trung-hai", "trung-son"]),
    ("xa-con-tien", "19537", "Xã Cồn Tiên", ["gio-an", "linh-truong", "gio-son", "hai-thai"]),
]

# The province station of the new Quảng Trị (a demo choice: since 1/7/2025 the commune stations
# relay the province's programme instead of the district's, and a province station gives the
# province's own level a station and that relay a source).
PROVINCE_STATION = ("tinh-quang-tri", "Đài Phát thanh tỉnh Quảng Trị")

# Each former station's loudspeakers, now a cluster (cụm loa): latitude, longitude (plausible
# points near each unit's centre, demo values), technology, number of speakers.
CLUSTERS = {
    "tt-gio-linh": (16.925, 107.078, "ip", 28),
    "tt-cua-viet": (16.897, 107.180, "ip", 24),
    "trung-giang": (16.985, 107.150, "fm", 14),
    "trung-hai": (16.975, 107.110, "fm", 16),
    "trung-son": (16.990, 107.060, "wired", 12),
    "phong-binh": (16.950, 107.040, "fm", 18),
    "gio-my": (16.950, 107.090, "wired", 15),
    "gio-hai": (16.922, 107.165, "fm", 13),
    "gio-an": (16.905, 106.995, "ip", 20),
    "gio-chau": (16.914, 107.071, "wired", 11),
    "gio-viet": (16.890, 107.160, "fm", 10),
    "linh-truong": (16.960, 106.980, "wired", 9),
    "gio-son": (16.910, 107.030, "fm", 12),
    "gio-mai": (16.895, 107.140, "wired", 14),
    "hai-thai": (16.900, 106.960, "fm", 17),
    "linh-hai": (16.880, 107.010, "wired", 8),
    "gio-quang": (16.880, 107.080, "ip", 19),
}


def merged_2025_01() -> set[str]:
    """The stations whose unit took another one in on 2025-01-01 (a new edition of it)."""
    return set(ABSORBED.values())
