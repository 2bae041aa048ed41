"""What an announcer spells out: letters, web addresses, e-mail addresses and phone numbers.
Pure, no I/O.

Conventions (what a Vietnamese announcer says):
- letters by their Vietnamese names ("v n" → "vê en", "w" → "vê kép", "đ" → "đê");
- in an address "." is "chấm", "/" is "gạch chéo", "@" is "a còng", "-" is "gạch ngang",
  "_" is "gạch dưới", ":" is "hai chấm"; the leading "http://" or "https://" is not read;
- a part of an address that is a known word is read as a word ("dichvucong" → "dịch vụ
  công", "gov" → "gốp", "com" → "com"); any other part is spelled letter by letter and its
  digits one by one;
- a phone number digit by digit, its groups (as written, or 4-3-3 when written without
  spaces) separated by commas so the engine pauses; "+84" is "cộng tám bốn".
"""

from __future__ import annotations

import re

from media.speech.vi_numbers import DIGITS, spell_digits

LETTERS = {
    "a": "a", "ă": "á", "â": "ớ", "b": "bê", "c": "xê", "d": "dê", "đ": "đê", "e": "e",
    "ê": "ê", "f": "ép", "g": "giê", "h": "hát", "i": "i", "j": "gi", "k": "ca", "l": "e lờ",
    "m": "em", "n": "en", "o": "o", "ô": "ô", "ơ": "ơ", "p": "pê", "q": "quy", "r": "e rờ",
    "s": "ét", "t": "tê", "u": "u", "ư": "ư", "v": "vê", "w": "vê kép", "x": "ích",
    "y": "i dài", "z": "dét",
}

# Parts of web and e-mail addresses read as words, not spelled.
ADDRESS_WORDS = {
    "www": "vê kép vê kép vê kép", "gov": "gốp", "com": "com", "net": "nét", "org": "o rờ gờ",
    "edu": "e đu", "info": "in phô", "mail": "meo", "gmail": "giê meo", "email": "i meo",
    "yahoo": "da hu", "outlook": "ao lúc", "zalo": "da lô", "facebook": "phây búc",
    "youtube": "diu túp", "dichvucong": "dịch vụ công", "chinhphu": "chính phủ",
    "quangtri": "quảng trị", "giolinh": "gio linh", "baochinhphu": "báo chính phủ",
    "mic": "em i xê", "moh": "em o hát", "thongtin": "thông tin", "congan": "công an",
    "tinhdoan": "tỉnh đoàn", "vanban": "văn bản", "tintuc": "tin tức",
}

SEPARATORS = {".": "chấm", "/": "gạch chéo", "@": "a còng", "-": "gạch ngang",
              "_": "gạch dưới", ":": "hai chấm", "?": "chấm hỏi", "=": "bằng", "&": "và",
              "#": "thăng", "+": "cộng"}


def spell_letters(token: str) -> str:
    """Each letter by name and each digit as a digit: "VN" → "vê en", "k2" → "ca hai"."""
    out = []
    for c in token.lower():
        if c in "0123456789":
            out.append(DIGITS[int(c)])
        elif c in LETTERS:
            out.append(LETTERS[c])
        elif c in SEPARATORS:
            out.append(SEPARATORS[c])
    return " ".join(out)


def _part(word: str) -> str:
    low = word.lower()
    if low in ADDRESS_WORDS:
        return ADDRESS_WORDS[low]
    if low.isascii() and low.isdigit():
        return spell_digits(low)
    return spell_letters(low)


def spell_address(address: str) -> str:
    """A web or e-mail address: "dichvucong.gov.vn" → "dịch vụ công chấm gốp chấm vê en"."""
    address = re.sub(r"^(?:https?|ftp)://", "", address, flags=re.IGNORECASE)
    address = address.rstrip("/")
    words = []
    for piece in re.split(r"([./@\-_:?=&#+])", address):
        if not piece:
            continue
        words.append(SEPARATORS[piece] if piece in SEPARATORS else _part(piece))
    return " ".join(words)


TLDS = r"(?:vn|com|net|org|gov|edu|info|io|asia)"
URL_RE = re.compile(
    r"(?<![\w@/.])(?:(?:https?|ftp)://[^\s<>\"']+|(?:[a-z0-9-]+\.)+" + TLDS
    + r"(?:\.[a-z]{2})?(?![\w-])(?:/[^\s<>\"']*)?)",
    re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
TRAILING = ".,;:!?)]}»”’"


def _address_sub(match: re.Match) -> str:
    text = match.group(0)
    tail = ""
    while text and text[-1] in TRAILING:
        tail = text[-1] + tail
        text = text[:-1]
    return spell_address(text) + tail


def spell_addresses(text: str) -> str:
    """Every e-mail and web address in `text`, spelled out."""
    text = EMAIL_RE.sub(_address_sub, text)
    return URL_RE.sub(_address_sub, text)


PHONE_RE = re.compile(
    r"(?<![\w.,+/-])(?:(?P<intl>\+84)[ .]?(?P<rest>[0-9]{2,3}(?:[ .][0-9]{3,4}){1,2}|[0-9]{9,10})"
    r"|(?P<local>0[0-9]{2,3}(?:[ .][0-9]{2,4}){1,3}|\(0[0-9]{2,3}\)[ .]?[0-9]{2,8}(?:[ .][0-9]{2,4}){0,2}"
    r"|0[0-9]{9,10}|1[89]00[ .]?[0-9]{4}))(?![\w,.][0-9]|\w)")


def _groups(number: str) -> list[str]:
    parts = [p for p in re.split(r"[ .()]", number) if p]
    if len(parts) > 1:
        return parts
    d = parts[0]
    if len(d) == 10:
        return [d[:4], d[4:7], d[7:]]
    if len(d) == 11:
        return [d[:4], d[4:7], d[7:]]
    if len(d) == 9:
        return [d[:3], d[3:6], d[6:]]
    if len(d) == 8:
        return [d[:4], d[4:]]
    return [d]


def _phone_sub(match: re.Match) -> str:
    if match.group("intl"):
        groups = ["cộng tám bốn"] + [spell_digits(g) for g in _groups(match.group("rest"))]
        total = sum(c in "0123456789" for c in match.group("rest"))
        if not 8 <= total <= 10:
            return match.group(0)
        return ", ".join(groups)
    local = match.group("local")
    total = sum(c in "0123456789" for c in local)
    if not (8 <= total <= 11):
        return match.group(0)
    return ", ".join(spell_digits(g) for g in _groups(local))


def spell_phones(text: str) -> str:
    """Every phone number in `text` ("0233 3856 123", "0914.123.456", "+84 914 123 456",
    "1900 1234"), read digit by digit with commas between its groups."""
    return PHONE_RE.sub(_phone_sub, text)
