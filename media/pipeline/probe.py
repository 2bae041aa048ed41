"""Probe: tags and declared duration with mutagen (best effort; never rejects)."""

from __future__ import annotations

from pathlib import Path

from media.pipeline.meta import IngestMeta
from media.text import clean_text, title_from_filename

_TITLE_KEYS = ("title", "Title", "TIT2", "©nam", "WM/Title")
_ARTIST_KEYS = ("artist", "Author", "TPE1", "©ART", "WM/AlbumArtist")
_COMMENT_KEYS = ("comment", "Description", "COMM", "©cmt")


def _first(tags, keys) -> str:
    if not tags:
        return ""
    for key in keys:
        try:
            value = tags.get(key)
        except Exception:  # noqa: BLE001 (mutagen tag objects differ per format)
            value = None
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        value = getattr(value, "text", value)
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        value = str(getattr(value, "value", value))
        if value.strip():
            return value
    return ""


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    meta.size = path.stat().st_size
    try:
        import mutagen

        info = mutagen.File(path, easy=True)
    except Exception:  # noqa: BLE001 (a damaged file is the validate step's business)
        info = None
    if info is not None:
        length = getattr(getattr(info, "info", None), "length", None)
        if length and length > 0:
            meta.declared_s = float(length)
        tags = getattr(info, "tags", None)
        meta.tag_title = clean_text(_first(tags, _TITLE_KEYS))
        meta.tag_artist = clean_text(_first(tags, _ARTIST_KEYS))
        meta.tag_comment = clean_text(_first(tags, _COMMENT_KEYS))
    meta.title = (clean_text(meta.title) or meta.tag_title
                  or title_from_filename(meta.original_name))[:500]
    return meta
