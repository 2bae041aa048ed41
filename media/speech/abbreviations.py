"""The abbreviations speech expands: a built-in list, and what editors added (the
`speech_abbreviations` rows, which may override a built-in entry).

    abbreviations_for(language="vi") -> dict[str, str]    abbreviation → spoken words
    editor_rows(language="vi") -> list[SpeechAbbreviation]  the editors' rows, A to Z

The writes of the editors' rows are in `abbreviation_ops.py`.
"""

from __future__ import annotations

from sqlalchemy import select

from radio.db import db
from radio.models import SpeechAbbreviation

BUILTIN: dict[str, dict[str, str]] = {
    "vi": {
        # administration and the radio's own words
        "CCHC": "cải cách hành chính",
        "TTHC": "thủ tục hành chính",
        "UBND": "ủy ban nhân dân",
        "HĐND": "hội đồng nhân dân",
        "UBMTTQ": "ủy ban mặt trận tổ quốc",
        "MTTQ": "mặt trận tổ quốc",
        "UBMTTQVN": "ủy ban mặt trận tổ quốc việt nam",
        "MTTQVN": "mặt trận tổ quốc việt nam",
        "CT": "chủ tịch",
        "PCT": "phó chủ tịch",
        "VT": "văn thư",
        # signature lines of official documents
        "TM.": "thay mặt",
        "KT.": "ký thay",
        "TL.": "thừa lệnh",
        "TUQ.": "thừa ủy quyền",
        "VH-TT": "văn hóa thông tin",
        "VH-TT-TT": "văn hóa, thông tin và thể thao",
        "VHTT": "văn hóa thông tin",
        "VH&TT": "văn hóa và thông tin",
        "VH&TT-TDTT": "văn hóa, thông tin và thể dục thể thao",
        "TTCS": "thông tin cơ sở",
        "TT-TT": "thông tin và truyền thông",
        "TTTT": "thông tin và truyền thông",
        "BTTTT": "bộ thông tin và truyền thông",
        "STTTT": "sở thông tin và truyền thông",
        "SNV": "sở nội vụ",
        "BNV": "bộ nội vụ",
        "VP": "văn phòng",
        "CP": "chính phủ",
        "TTg": "thủ tướng chính phủ",
        "QH": "quốc hội",
        "TU": "tỉnh ủy",
        "HU": "huyện ủy",
        "ĐU": "đảng ủy",
        "TW": "trung ương",
        "BCĐ": "ban chỉ đạo",
        "BCH": "ban chấp hành",
        "CTr": "chương trình",
        "CQNN": "cơ quan nhà nước",
        "CBCCVC": "cán bộ, công chức, viên chức",
        "CBCC": "cán bộ, công chức",
        "DVC": "dịch vụ công",
        "DVCTT": "dịch vụ công trực tuyến",
        "TN&TKQ": "tiếp nhận và trả kết quả",
        "TTPVHCC": "trung tâm phục vụ hành chính công",
        "PCI": "pê xê i",
        "PAPI": "pa pi",
        "CNTT": "công nghệ thông tin",
        "KT-XH": "kinh tế - xã hội",
        "ANTT": "an ninh trật tự",
        "PCCC": "phòng cháy chữa cháy",
        "PCTT": "phòng chống thiên tai",
        "TKCN": "tìm kiếm cứu nạn",
        "BHYT": "bảo hiểm y tế",
        "CCCD": "căn cước công dân",
        "CMND": "chứng minh nhân dân",
        "THCS": "trung học cơ sở",
        "THPT": "trung học phổ thông",
        "NTM": "nông thôn mới",
        "HTX": "hợp tác xã",
        "TDTT": "thể dục thể thao",
        "ATGT": "an toàn giao thông",
        "VNĐ": "việt nam đồng",
        "VND": "việt nam đồng",
        "TP": "thành phố",
        "TX": "thị xã",
    },
}


def abbreviations_for(language: str = "vi") -> dict[str, str]:
    out = dict(BUILTIN.get(language, {}))
    rows = db.session.execute(select(SpeechAbbreviation.abbreviation, SpeechAbbreviation.expansion)
                              .where(SpeechAbbreviation.language == language))
    out.update({a: e for a, e in rows})
    return out


def editor_rows(language: str = "vi") -> list[SpeechAbbreviation]:
    return list(db.session.scalars(select(SpeechAbbreviation)
                                   .where(SpeechAbbreviation.language == language)
                                   .order_by(SpeechAbbreviation.abbreviation)))
