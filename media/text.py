"""Text clean-up for titles and file names: NFC, and UTF-8 mis-read as Latin-1 repaired."""

from __future__ import annotations

import unicodedata


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes that were decoded as Latin-1 / Windows-1252 ("TuyÃªn" → "Tuyên")."""
    if not text or text.isascii():
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return text


def clean_text(text: str | None) -> str:
    """NFC, mojibake repaired, control characters dropped, spaces collapsed."""
    if not text:
        return ""
    text = repair_mojibake(unicodedata.normalize("NFC", str(text)))
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t ")
    return " ".join(text.split())


def title_from_filename(name: str) -> str:
    """A readable title from an uploaded file name (never used as a path)."""
    base = clean_text(name.replace("\\", "/").rsplit("/", 1)[-1])
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    return " ".join(stem.replace("_", " ").split()) or base


def safe_name(name: str) -> str:
    """The file name to show and keep in the database: NFC, no folders, bounded length."""
    base = clean_text((name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return base[:200] or "upload"
