"""Vietnamese text normalisation for speech: a pure function, no database, no I/O.

    normalise(text, abbreviations=None) -> str

`abbreviations` maps a written abbreviation to its spoken words ("UBND" → "ủy ban nhân dân");
None means the built-in list (`media.speech.abbreviations.BUILTIN["vi"]`). The caller that
has a database passes `abbreviations_for(language)`, the built-in list with the editors' rows.

The rules run in this order, each on what the previous left (every rule writes words, so a
later rule never reads a number twice):

1. NFC, one space between words;
2. e-mail and web addresses spelled out (`vi_spelling`: "chấm", "gạch chéo", "a còng"); then
   the marks of pasted Markdown or bullets ("**", "#", "•") are dropped;
3. document numbers ("23/KH-UBND", "49/2024/NĐ-CP", "01-NQ/TU"; `vi_documents`);
4. phone numbers digit by digit, groups separated by commas (`vi_spelling`);
5. dates: "08/02/2022", "8-2-2022", "tháng 2/2022", "02/2022", "ngày 1/7" → "ngày tám
   tháng hai năm hai nghìn không trăm hai mươi hai"; "từ 1/7", "đến 31/7" are dates too
   ("đến ngày ba mươi mốt tháng bảy"); April is "tháng tư"; any other "a/b" is a ratio
   ("15/20 xã" → "mười lăm trên hai mươi xã");
6. times: "7h30", "07:30", "19h" → "bảy giờ ba mươi phút", "mười chín giờ";
7. money: "50.000 đồng", "50.000đ", "1,5 tỷ đồng", "100.000 VNĐ" → "... đồng";
8. percentages: "95,2%" → "chín mươi lăm phẩy hai phần trăm"; units after a number ("12 km",
   "3,5 ha", "50 m2", "38°C", "100 USD") in words (`UNITS`);
9. ranges: "2022-2025" → "hai nghìn không trăm hai mươi hai đến hai nghìn không trăm hai
   mươi lăm";
10. "thứ 2" → "thứ hai" ("thứ nhất", "thứ tư"); a Roman numeral after "quý", "phần",
    "chương", "mục", "khóa", "tập", "phụ lục", "lần", "thứ", "thế kỷ", "đại hội", "hạng",
    "cấp", "vùng" → its number ("Quý II" → "Quý hai"),
    and one that numbers a heading ("II. NỘI DUNG" → "hai. NỘI DUNG");
11. every other number (dot thousands separator, decimal comma; `vi_numbers`), then any
    digits still left (written against letters or punctuation) as whole numbers;
12. abbreviations as whole words, case-sensitive, the longest first (those with a digit, such
    as "F0", right after step 3, before the numbers are read); a remaining token of two
    or more capital consonants only (unpronounceable, e.g. "BTTTT") is spelled letter by letter;
13. "&" between words is read "và"; the "./." that closes an official document is a full stop.

Ordinary words are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from media.speech.abbreviations import BUILTIN
from media.speech.vi_documents import read_document_numbers
from media.speech.vi_numbers import roman_value, spell_int, spell_month, spell_number, spell_ordinal
from media.speech.vi_spelling import spell_addresses, spell_letters, spell_phones

NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
B = r"(?<![\w,.])"      # a number starts here
E = r"(?![\w]|[,.][0-9])"  # and ends here

DATE_RE = re.compile(B + r"(?P<ngay>[Nn]gày\s+)?(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})"
                     r"(?P=sep)(?P<y>[0-9]{4})" + E)
MONTH_YEAR_RE = re.compile(B + r"(?P<thang>[Tt]háng\s+)?(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})" + E)
DAY_MONTH_RE = re.compile(r"(?P<ngay>\b(?:[Nn]gày|[Tt]ừ|[Đđ]ến)\s+)(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})"
                          r"(?![\w/]|[,.][0-9])")
RATIO_RE = re.compile(B + r"(?P<a>[0-9]+)/(?P<b>[0-9]+)(?![\w/]|[,.][0-9])")
MONTH_RE = re.compile(r"(?P<thang>[Tt]háng\s+)(?P<m>[0-9]{1,2})" + E)
TIME_RE = re.compile(B + r"(?P<h>[0-9]{1,2})(?:h|giờ|:)(?P<min>[0-9]{2})(?:'|p|ph)?" + E
                     + r"|" + B + r"(?P<h2>[0-9]{1,2})h(?!\w)")
MONEY_RE = re.compile(B + r"(?P<n>" + NUM + r")\s*(?P<mag>tỷ|tỉ|triệu|nghìn|ngàn)?\s*"
                      r"(?P<cur>đồng|VNĐ|VND|vnđ|đ)(?!\w)")
UNITS = {"km²": "ki lô mét vuông", "km2": "ki lô mét vuông", "km": "ki lô mét",
         "kg": "ki lô gam", "ha": "héc ta", "m²": "mét vuông", "m2": "mét vuông",
         "m³": "mét khối", "m3": "mét khối", "mm": "mi li mét", "cm": "xăng ti mét",
         "m": "mét", "°C": "độ xê", "km/h": "ki lô mét một giờ", "USD": "đô la Mỹ"}
UNIT_RE = re.compile(B + r"(?P<n>" + NUM + r")\s*(?P<u>"
                     + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
                     + r")(?![\w²³])")
PERCENT_RE = re.compile(B + r"(?P<n>" + NUM + r")\s*%")
RANGE_RE = re.compile(B + r"(?P<a>" + NUM + r")\s*[-–]\s*(?P<b>" + NUM + r")" + E)
ORDINAL_RE = re.compile(r"(?P<w>\b[Tt]hứ\s+)(?P<n>[0-9]{1,2})" + E)
ROMAN_RE = re.compile(r"(?P<w>\b(?:[Qq]uý|[Pp]hần|[Cc]hương|[Mm]ục|[Kk]hóa|[Kk]hoá|[Tt]ập|"
                      r"[Pp]hụ lục|[Ll]ần|[Đđ]iều|[Kk]ỳ|[Tt]hứ|[Tt]hế kỷ|[Đđ]ại hội|[Hh]ạng|[Cc]ấp|[Vv]ùng)\s+)(?P<r>[IVXLCDM]+)(?!\w)")
HEADING_ROMAN_RE = re.compile(r"(?<![\w.,])(?P<r>[IVXL]{1,6})\.(?=\s|\*|$)")
NUMBER_RE = re.compile(B + r"(?:" + NUM + r")" + r"(?![0-9])")
CONSONANTS_RE = re.compile(r"(?<![\w-])[BCDĐFGHJKLMNPQRSTVWXZ]{2,}(?![\w-])")


def _month_ok(m: str) -> bool:
    return 1 <= int(m) <= 12


def _day_ok(d: str) -> bool:
    return 1 <= int(d) <= 31


def _date(match: re.Match) -> str:
    d, m, y = match.group("d"), match.group("m"), match.group("y")
    if not (_day_ok(d) and _month_ok(m)):
        return match.group(0)
    ngay = (match.group("ngay") or "ngày ").strip()
    return f"{ngay} {spell_int(int(d))} tháng {spell_month(int(m))} năm {spell_int(int(y))}"


def _month_year(match: re.Match) -> str:
    m, y = match.group("m"), match.group("y")
    if not _month_ok(m):
        return match.group(0)
    thang = (match.group("thang") or "tháng ").strip()
    return f"{thang} {spell_month(int(m))} năm {spell_int(int(y))}"


def _day_month(match: re.Match) -> str:
    d, m = match.group("d"), match.group("m")
    if not (_day_ok(d) and _month_ok(m)):
        return match.group(0)
    word = match.group("ngay").strip()
    word = word if word.lower() == "ngày" else f"{word} ngày"  # "đến 31/7": "đến ngày ..."
    return f"{word} {spell_int(int(d))} tháng {spell_month(int(m))}"


def _month(match: re.Match) -> str:
    if not _month_ok(match.group("m")):
        return match.group(0)
    return f"{match.group('thang')}{spell_month(int(match.group('m')))}"


def _time(match: re.Match) -> str:
    h = match.group("h") if match.group("h") is not None else match.group("h2")
    minutes = int(match.group("min") or 0)
    if int(h) > 24 or minutes > 59:
        return match.group(0)
    spoken = f"{spell_int(int(h))} giờ"
    if minutes:
        spoken += f" {spell_int(minutes)} phút"
    return spoken


def _money(match: re.Match) -> str:
    words = [spell_number(match.group("n"))]
    if match.group("mag"):
        words.append({"tỉ": "tỷ", "ngàn": "nghìn"}.get(match.group("mag"), match.group("mag")))
    words.append("đồng")
    return " ".join(words)


def _percent(match: re.Match) -> str:
    return f"{spell_number(match.group('n'))} phần trăm"


def _range(match: re.Match) -> str:
    return f"{spell_number(match.group('a'))} đến {spell_number(match.group('b'))}"


def _ordinal(match: re.Match) -> str:
    return f"{match.group('w')}{spell_ordinal(int(match.group('n')))}"


def _roman(match: re.Match) -> str:
    value = roman_value(match.group("r"))
    if value is None:
        return match.group(0)
    return f"{match.group('w')}{spell_int(value)}"


def _heading_roman(match: re.Match) -> str:
    value = roman_value(match.group("r"))
    return match.group(0) if value is None else f"{spell_int(value)}."


def _number(match: re.Match) -> str:
    """A number in words, kept apart from a letter it was written against ("8ngày")."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and text[start - 1].isalpha() else ""
    after = " " if end < len(text) and text[end].isalpha() else ""
    return before + spell_number(match.group(0)) + after


def _abbreviation_re(keys) -> re.Pattern | None:
    keys = sorted((k for k in keys if k), key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")


def _replace(text: str, table: Mapping[str, str]) -> str:
    pattern = _abbreviation_re(table)
    return text if pattern is None else pattern.sub(lambda m: table[m.group(0)], text)


def _nfc_keys(abbreviations: Mapping[str, str]) -> dict[str, str]:
    return {unicodedata.normalize("NFC", k): v for k, v in abbreviations.items()}


def expand_abbreviations(text: str, abbreviations: Mapping[str, str]) -> str:
    """Whole-word, case-sensitive replacement, the longest abbreviation first; then the
    unpronounceable capitals left are spelled."""
    text = _replace(text, _nfc_keys(abbreviations))
    return CONSONANTS_RE.sub(lambda m: spell_letters(m.group(0)), text)


def normalise(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """`text` as a Vietnamese announcer would read it (see the module docstring)."""
    table = BUILTIN["vi"] if abbreviations is None else abbreviations
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    text = spell_addresses(text)
    text = " ".join(re.sub(r"[*#•]+", " ", text).split())
    text = read_document_numbers(text, table)
    # Abbreviations with a digit ("F0", "H5N1") go before the number rules would read it.
    text = _replace(text, {k: v for k, v in _nfc_keys(table).items()
                           if any(c in "0123456789" for c in k)})
    text = spell_phones(text)
    text = DATE_RE.sub(_date, text)
    text = MONTH_YEAR_RE.sub(_month_year, text)
    text = DAY_MONTH_RE.sub(_day_month, text)
    text = MONTH_RE.sub(_month, text)
    text = RATIO_RE.sub(lambda m: f"{spell_number(m.group('a'))} trên {spell_number(m.group('b'))}",
                        text)
    text = TIME_RE.sub(_time, text)
    text = MONEY_RE.sub(_money, text)
    text = PERCENT_RE.sub(_percent, text)
    text = UNIT_RE.sub(lambda m: f"{spell_number(m.group('n'))} {UNITS[m.group('u')]}", text)
    text = RANGE_RE.sub(_range, text)
    text = ORDINAL_RE.sub(_ordinal, text)
    text = ROMAN_RE.sub(_roman, text)
    text = HEADING_ROMAN_RE.sub(_heading_roman, text)
    text = re.sub(r"(?<=[^\W\d_])-(?=[0-9])", " ", text)  # "COVID-19"
    text = NUMBER_RE.sub(_number, text)
    text = re.sub(r"[0-9]+", _number, text)  # digits the rules above left (".5", "H5N1")
    text = expand_abbreviations(text, table)
    text = re.sub(r"\s*&\s*", " và ", text.replace("./.", "."))
    return " ".join(text.split())
