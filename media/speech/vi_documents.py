"""Numbers of official documents ("số ký hiệu văn bản") read aloud. Pure, no I/O.

    "23/KH-UBND"        -> "số hai mươi ba, kế hoạch, ủy ban nhân dân"
    "49/2024/NĐ-CP"     -> "số bốn mươi chín, năm hai nghìn không trăm hai mươi bốn, nghị định,
                            chính phủ"
    "01-NQ/TU"          -> "số một, nghị quyết, tỉnh ủy"
    "1273/BTTTT-TTCS"   -> "số một nghìn hai trăm bảy mươi ba, bộ thông tin và truyền thông,
                            thông tin cơ sở"

The first code may be a document type (`DOC_TYPES`); every other code is an issuing body read
through the abbreviation map (built-in and editors' rows); a code in neither is spelled letter
by letter. "số" is not repeated when the text already says it ("Kế hoạch số 15/KH-UBND").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from media.speech.vi_numbers import spell_int
from media.speech.vi_spelling import spell_letters

DOC_TYPES = {
    "KH": "kế hoạch", "QĐ": "quyết định", "CV": "công văn", "TB": "thông báo",
    "BC": "báo cáo", "NQ": "nghị quyết", "CT": "chỉ thị", "TTr": "tờ trình",
    "HD": "hướng dẫn", "GM": "giấy mời", "NĐ": "nghị định", "TT": "thông tư",
    "CTr": "chương trình", "KL": "kết luận", "ĐA": "đề án", "PA": "phương án",
    "BB": "biên bản", "QC": "quy chế", "QyĐ": "quy định", "HĐ": "hợp đồng",
    "TTLT": "thông tư liên tịch", "NQLT": "nghị quyết liên tịch", "L": "luật",
    "PL": "pháp lệnh", "GXN": "giấy xác nhận", "GUQ": "giấy ủy quyền",
}

CODE = r"[A-ZĐ][A-Za-zĐđ]*"
CODES = CODE + r"(?:-" + CODE + r")*"
SO = r"(?:(?P<so>[Ss]ố)\s*:?\s*)?"
DOC_RE = re.compile(
    r"(?<![\w/])" + SO
    + r"(?:(?P<num>[0-9]+)(?:/(?P<year>[0-9]{4}))?/(?P<codes>" + CODES + r")"
    + r"|(?P<num2>[0-9]+)-(?P<type2>" + CODE + r")/(?P<codes2>" + CODES + r"))(?![\w/])")


def _code(code: str, abbreviations: Mapping[str, str], first: bool) -> str:
    if first and code in DOC_TYPES:
        return DOC_TYPES[code]
    if code in abbreviations:
        return abbreviations[code]
    if code in DOC_TYPES:
        return DOC_TYPES[code]
    return spell_letters(code)


def read_document_number(match: re.Match, abbreviations: Mapping[str, str]) -> str:
    so = match.group("so") or "số"
    if match.group("num") is not None:
        parts = [f"{so} {spell_int(int(match.group('num')))}"]
        if match.group("year"):
            parts.append("năm " + spell_int(int(match.group("year"))))
        codes = match.group("codes").split("-")
        parts += [_code(c, abbreviations, first=(i == 0)) for i, c in enumerate(codes)]
    else:
        parts = [f"{so} {spell_int(int(match.group('num2')))}",
                 _code(match.group("type2"), abbreviations, first=True)]
        parts += [_code(c, abbreviations, first=False)
                  for c in match.group("codes2").split("-")]
    return ", ".join(parts)


def read_document_numbers(text: str, abbreviations: Mapping[str, str]) -> str:
    return DOC_RE.sub(lambda m: read_document_number(m, abbreviations), text)
