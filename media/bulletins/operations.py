"""Writes of written bulletins: make one from a text, revise its text (a new version), and a
preview that is not stored. They flush and never commit.

    make_bulletin(actor, *, title, text, voice_id, rate=1.0, language="vi", ...) -> IngestResult
    revise_bulletin(actor, item, *, text, voice_id=None, rate=None, title=None) -> MediaItem
    preview_wav(text, voice_id, rate, language, settings) -> Path   (the caller removes it)

The text is normalised for speech (media.speech.normalise with the language's abbreviations),
spoken by the chosen engine into a temporary WAV, and that WAV goes through the same ingest
pipeline as an upload (loudness, checks, store). A `BulletinText` row keeps the text, the text
actually spoken, the engine, its version, the voice and the rate.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from media.bulletins.extract import tidy
from media.ingest import IngestResult, ingest_file
from media.speech.abbreviations import abbreviations_for
from media.speech.engines import Voice, available_voices, check_rate, find_voice
from media.speech.normalise import normalise
from media.text import clean_text
from radio import audit
from radio.config import app_settings
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import BulletinText, Language, MediaItem, User

MAX_CHARS = 20_000
PREVIEW_CHARS = 1_500


def voices_for(language: str, settings) -> list[Voice]:
    return [v for v in available_voices(settings) if v.language == language]


def default_voice(language: str, settings) -> str:
    """The first available voice of the language, or a clear error when none speaks it."""
    voices = voices_for(language, settings)
    if not voices:
        raise DomainError(_("Chưa có bộ đọc nào đọc được %(lang)s.",
                            lang=_language_name(language)), "tts_language_unsupported",
                          field="language")
    return voices[0].id


def _language_name(code: str) -> str:
    row = db.session.get(Language, code)
    return row.name if row is not None else code


def check_text(text: str) -> str:
    text = tidy(text or "")
    if not text:
        raise DomainError(_("Văn bản bản tin không được để trống."), "bulletin_empty",
                          field="text")
    if len(text) > MAX_CHARS:
        raise DomainError(_("Văn bản quá dài (%(n)s ký tự; tối đa %(max)s).",
                            n=f"{len(text):,}".replace(",", "."),
                            max=f"{MAX_CHARS:,}".replace(",", ".")),
                          "bulletin_too_long", field="text")
    return text


def _voice(settings, voice_id: str | None, language: str):
    if db.session.get(Language, language) is None:
        raise DomainError(_("Không có ngôn ngữ “%(lang)s”.", lang=language), "unknown_language",
                          field="language")
    voice_id = voice_id or default_voice(language, settings)
    engine, voice = find_voice(settings, voice_id)
    if voice.language != language:
        raise DomainError(_("Giọng “%(voice)s” không đọc được ngôn ngữ “%(lang)s”.",
                            voice=voice.name, lang=_language_name(language)),
                          "tts_voice_language", field="voice")
    return engine, voice


def _speak(engine, voice: Voice, spoken: str, rate: float, work: Path) -> Path:
    return engine.synthesize(spoken, voice.id, rate, work / "speech.wav")


def make_bulletin(actor: User | None, *, title: str, text: str, voice_id: str | None,
                  rate: float = 1.0, language: str = "vi", topics=(), agency=None,
                  source_doc_number: str = "", source_doc_date: date | None = None,
                  author: str = "", rights_note: str = "", source_name: str = "",
                  kind="news", valid_from: date | None = None, valid_until: date | None = None,
                  settings=None) -> IngestResult:
    """A new bulletin (version 1). See the module docstring."""
    settings = settings if settings is not None else app_settings()
    result = _make(actor, title=title, text=text, voice_id=voice_id, rate=rate,
                   language=language, topics=topics, agency=agency, author=author, kind=kind,
                   valid_from=valid_from, valid_until=valid_until, settings=settings,
                   source_name=source_name,
                   provenance={"source_doc_number": clean_text(source_doc_number)[:100],
                               "source_doc_date": source_doc_date,
                               "rights_note": clean_text(rights_note)[:500]})
    bt = db.session.get(BulletinText, result.item.id)
    audit.record(actor, "bulletin.create", "media_item", result.item.id,
                 after=_bulletin_snapshot(result.item, bt), summary=result.item.title)
    return result


def _make(actor, *, title, text, voice_id, rate, language, topics, agency, author, kind,
          valid_from, valid_until, settings, source_name, provenance,
          version: int = 1, previous: MediaItem | None = None) -> IngestResult:
    title = clean_text(title or "")[:500]
    if not title:
        raise DomainError(_("Tiêu đề không được để trống."), "title_required", field="title")
    text = check_text(text)
    rate = check_rate(rate if rate is not None else 1.0)
    language = (language or "vi").strip().lower()
    engine, voice = _voice(settings, voice_id, language)
    spoken = normalise(text, abbreviations_for(language))
    work = Path(tempfile.mkdtemp(prefix="radio-bulletin-"))
    try:
        wav = _speak(engine, voice, spoken, rate, work)
        result = ingest_file(actor, wav, original_name=f"{title[:80]}.wav", title=title,
                             topics=topics, agency=agency, kind=kind, author=author,
                             valid_from=valid_from, valid_until=valid_until, settings=settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if result.duplicate:
        raise DomainError(_("Âm thanh này đã có trong thư viện (số %(id)s).", id=result.item.id),
                          "bulletin_duplicate")
    item = result.item
    item.language = language
    item.source_doc_number = provenance["source_doc_number"]
    item.source_doc_date = provenance["source_doc_date"]
    item.rights_note = provenance["rights_note"]
    item.version = version
    item.previous_version_id = previous.id if previous is not None else None
    db.session.add(BulletinText(media_item_id=item.id, text=text, spoken_text=spoken,
                                engine=engine.name, engine_version=engine.version()[:200],
                                voice=voice.id, rate=rate, source_name=source_name[:500]))
    db.session.flush()
    return result


def _bulletin_snapshot(item: MediaItem, bt: BulletinText) -> dict:
    return {"id": item.id, "version": item.version, "language": item.language,
            "engine": bt.engine, "engine_version": bt.engine_version, "voice": bt.voice,
            "rate": bt.rate, "chars": len(bt.text), "approval": item.approval.value,
            "previous_version_id": item.previous_version_id} | {
        "source_doc_number": item.source_doc_number,
        "source_doc_date": item.source_doc_date.isoformat() if item.source_doc_date else None}


def bulletin_text(item: MediaItem) -> BulletinText:
    bt = db.session.get(BulletinText, item.id)
    if bt is None:
        raise DomainError(_("Mục này không phải bản tin văn bản."), "not_a_bulletin")
    return bt


def newer_version(item: MediaItem) -> MediaItem | None:
    return db.session.scalar(select(MediaItem).where(MediaItem.previous_version_id == item.id)
                             .order_by(MediaItem.id).limit(1))


def revise_bulletin(actor: User | None, item: MediaItem, *, text: str,
                    voice_id: str | None = None, rate: float | None = None,
                    title: str | None = None, settings=None) -> MediaItem:
    """A new version of a bulletin with a new text (or voice, or rate). The old item is left
    exactly as it is: what aired stays as it aired."""
    settings = settings if settings is not None else app_settings()
    old_bt = bulletin_text(item)
    newer = newer_version(item)
    if newer is not None:
        raise DomainError(_("Bản tin này đã có phiên bản mới hơn (số %(id)s); hãy sửa bản đó.",
                            id=newer.id), "bulletin_not_latest")
    voice_id = voice_id or old_bt.voice
    rate = check_rate(rate if rate is not None else old_bt.rate)
    text = check_text(text)
    if text == old_bt.text and voice_id == old_bt.voice and rate == old_bt.rate:
        raise DomainError(_("Văn bản, giọng đọc và tốc độ không có thay đổi."),
                          "bulletin_unchanged", field="text")
    result = _make(actor, title=title or item.title, text=text, voice_id=voice_id, rate=rate,
                   language=item.language, topics=list(item.topics), agency=item.agency,
                   author=item.author, kind=item.kind, valid_from=item.valid_from,
                   valid_until=item.valid_until, settings=settings,
                   source_name=old_bt.source_name,
                   provenance={"source_doc_number": item.source_doc_number,
                               "source_doc_date": item.source_doc_date,
                               "rights_note": item.rights_note},
                   version=item.version + 1, previous=item)
    new = result.item
    if item.summary:
        new.summary = item.summary
    db.session.flush()
    audit.record(actor, "bulletin.revise", "media_item", new.id,
                 before={"id": item.id, "version": item.version,
                         "approval": item.approval.value},
                 after={"id": new.id, "version": new.version, "approval": new.approval.value,
                        "rendition_sha256": new.rendition_sha256},
                 summary=new.title)
    return new


def preview_wav(text: str, voice_id: str | None, rate: float, language: str, settings) -> Path:
    """A temporary WAV of the first ~1,500 characters (normalised), for listening. Not stored;
    the caller removes it (and its folder)."""
    text = check_text(text)
    if len(text) > PREVIEW_CHARS:
        cut = text[:PREVIEW_CHARS]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    engine, voice = _voice(settings, voice_id, (language or "vi").strip().lower())
    spoken = normalise(text, abbreviations_for(language))
    work = Path(tempfile.mkdtemp(prefix="radio-preview-"))
    try:
        return _speak(engine, voice, spoken, check_rate(rate), work)
    except Exception:
        shutil.rmtree(work, ignore_errors=True)
        raise
