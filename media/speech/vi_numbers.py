"""Numbers in spoken Vietnamese, the way a radio announcer reads them. Pure, no I/O.

    spell_int(2022)          -> "hai nghìn không trăm hai mươi hai"
    spell_int(1_500_000)     -> "một triệu năm trăm nghìn"
    spell_number("95,2")     -> "chín mươi lăm phẩy hai"     (Vietnamese decimal comma)
    spell_number("1.202")    -> "một nghìn hai trăm linh hai" (dot thousands separator)
    spell_digits("0914")     -> "không chín một bốn"

Choices: "mốt" for 1 after twenty and above ("hai mươi mốt"), "tư" for 4 there ("hai mươi
tư", but "mười bốn"), "lăm" for 5 after ten ("mười lăm", "hai mươi lăm"), "linh" (not "lẻ")
for a zero ten ("một trăm linh năm"), "không trăm" for a zero hundred inside a larger number
("hai nghìn không trăm hai mươi hai"), "nghìn" (not "ngàn"), "tỷ". A group of three zeros is
skipped ("một triệu không trăm linh năm" for 1 000 005). Above a billion the count of
billions is read again ("một nghìn tỷ"). After the decimal comma, leading zeros are read one by
one and the rest as a number ("một phẩy không năm", "ba phẩy mười bốn").
"""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", "nghìn", "triệu"]
BILLION = 1_000_000_000


def _tens_units(t: int, u: int, after_hundred: bool) -> list[str]:
    if t == 0:
        if u == 0:
            return []
        return ["linh", DIGITS[u]] if after_hundred else [DIGITS[u]]
    if t == 1:
        words = ["mười"]
        if u == 5:
            words.append("lăm")
        elif u:
            words.append(DIGITS[u])
        return words
    words = [DIGITS[t], "mươi"]
    if u == 1:
        words.append("mốt")
    elif u == 4:
        words.append("tư")
    elif u == 5:
        words.append("lăm")
    elif u:
        words.append(DIGITS[u])
    return words


def _three(n: int, full: bool) -> list[str]:
    """0 < n < 1000; `full` when a higher group comes before (so 5 is "không trăm linh năm")."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    if h or full:
        return [DIGITS[h], "trăm"] + _tens_units(t, u, after_hundred=True)
    return _tens_units(t, u, after_hundred=False)


def _below_billion(n: int, full: bool) -> list[str]:
    words: list[str] = []
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if not g:
            continue
        words += _three(g, full=full or bool(words))
        if GROUPS[i]:
            words.append(GROUPS[i])
    return words


def _words(n: int, full: bool = False) -> list[str]:
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        return _words(high, full) + ["tỷ"] + (_below_billion(low, True) if low else [])
    return _below_billion(n, full)


def spell_int(n: int) -> str:
    """An integer in words; negative numbers start with "âm"."""
    if n < 0:
        return "âm " + spell_int(-n)
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n))


def spell_digits(digits: str) -> str:
    """Each digit on its own ("0233" → "không hai ba ba"); other characters are dropped."""
    return " ".join(DIGITS[int(c)] for c in digits if c in "0123456789")


def spell_fraction(frac: str) -> str:
    zeros = len(frac) - len(frac.lstrip("0"))
    rest = frac[zeros:]
    words = [DIGITS[0]] * zeros
    if rest:
        words.append(spell_int(int(rest)))
    return " ".join(words)


def parse_parts(text: str) -> tuple[str, str]:
    """A written Vietnamese number → (integer digits, fraction digits): "1.202,9" → ("1202",
    "9"). Dots separate thousands, the comma is the decimal sign."""
    whole, _, frac = text.partition(",")
    return whole.replace(".", ""), frac


def spell_number(text: str) -> str:
    """A written number ("95,2", "1.202", "08", "007") in words. A whole number of three or
    more digits that starts with 0 is read digit by digit (a code, not an amount)."""
    whole, frac = parse_parts(text)
    if not frac and len(whole) > 2 and whole.startswith("0"):
        return spell_digits(whole)
    out = spell_int(int(whole or "0"))
    if frac:
        out += " phẩy " + spell_fraction(frac)
    return out


def spell_ordinal(n: int) -> str:
    """The number after "thứ": "nhất" for 1, "tư" for 4, otherwise the number."""
    return {1: "nhất", 4: "tư"}.get(n) or spell_int(n)


def spell_month(n: int) -> str:
    """The number after "tháng": "tư" for April, otherwise the number ("tháng hai")."""
    return "tư" if n == 4 else spell_int(n)


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> int | None:
    """The value of a well-formed Roman numeral ("II" → 2, "IV" → 4), or None."""
    if not text or any(c not in ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = ROMAN[c]
        total += -v if i + 1 < len(text) and ROMAN[text[i + 1]] > v else v
    return total if 0 < total < 4000 and to_roman(total) == text else None


def to_roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
