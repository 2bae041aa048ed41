"""Programme audio: one MP3 per occurrence (intro, items, outro, short gaps), cached by content.

pydub assembles the audio; decoding goes through the ffmpeg adapter (media/_ffmpeg.py) straight
to PCM (no ffprobe needed), and pydub's converter is the adapter's binary for the MP3 export.
"""

from __future__ import annotations

import hashlib
import warnings

from sqlalchemy import select

from media import _ffmpeg
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Occurrence
from radio.storage import get_storage
from schedules.programmes.rundowns import rundown_media
from schedules.programmes.util import get_occurrence

GAP_MS = 700
RATE = 44100
BITRATE = "128k"
FORMAT_VERSION = "v1"


def _pydub():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pydub import AudioSegment
    AudioSegment.converter = _ffmpeg.binary()
    return AudioSegment


def render_key(shas: list[str], gap_ms: int = GAP_MS) -> str:
    """The cache key: what went in and how it was put together."""
    text = "|".join([FORMAT_VERSION, str(gap_ms), str(RATE), BITRATE, *shas])
    return hashlib.sha256(text.encode()).hexdigest()


def decode(path) -> object:
    """A file as a pydub AudioSegment (mono, 44.1 kHz, 16 bit) through ffmpeg."""
    audio_segment = _pydub()
    try:
        pcm = _ffmpeg.decode_pcm(path, rate=RATE, channels=1)
    except _ffmpeg.FFmpegError as exc:
        raise DomainError(_("Không giải mã được tệp âm thanh: %(err)s", err=str(exc)[-300:]),
                          "decode_failed") from None
    return audio_segment(data=pcm, sample_width=2, frame_rate=RATE, channels=1)


def render_occurrence(occurrence_id: int, *, force: bool = False) -> str | None:
    """Render (or reuse) the single-file audio of an occurrence; returns its SHA-256, or None
    when the occurrence has nothing to play. Flushes, never commits."""
    occ = get_occurrence(occurrence_id)
    media = [m for m in rundown_media(occ) if m.rendition_sha256]
    if not [r for r in occ.rundown]:
        return None
    storage = get_storage()
    key = render_key([m.rendition_sha256 for m in media])
    if not force and occ.render_key == key and occ.rendered_sha256 and \
            storage.exists(occ.rendered_sha256):
        return occ.rendered_sha256
    cached = db.session.scalar(select(Occurrence.rendered_sha256).where(
        Occurrence.render_key == key, Occurrence.rendered_sha256.is_not(None)).limit(1))
    if not force and cached and storage.exists(cached):
        sha = cached
    else:
        audio_segment = _pydub()
        out = audio_segment.silent(duration=0, frame_rate=RATE)
        gap = audio_segment.silent(duration=GAP_MS, frame_rate=RATE)
        for i, m in enumerate(media):
            if i:
                out += gap
            out += decode(storage.path(m.rendition_sha256))
        tmp = storage.temp_path(".mp3")
        try:
            with open(tmp, "wb") as fh:
                out.export(fh, format="mp3", bitrate=BITRATE,
                           tags={"title": f"{occ.programme.name} {occ.recurrence_date:%d/%m/%Y}"})
            sha = storage.put_file(tmp)
        finally:
            tmp.unlink(missing_ok=True)
    occ.rendered_sha256 = sha
    occ.render_key = key
    db.session.flush()
    return sha
