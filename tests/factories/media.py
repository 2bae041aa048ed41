"""The media item factory: one fixture, `create_media_item`, for every kind of test item.

`create_media_item(title=None, duration_s=None, *, audio="none", kind="news", status="ready",
topics=(), agency=None, summary="", valid_from=None, valid_until=None, freq=440, actor=None,
**ingest_kwargs)` returns a flushed MediaItem. `audio` says what is behind it:

- "none" (the default, fastest): only the row, with made-up checksums; duration 60 s.

The first two register the row through media.prepared.add_prepared_item (the operation the demo
year's tone items use), the third through media.ingest.ingest_file; status "retired" retires
the item through media.operations.retire_item.
- "stored": real files in the store without the pipeline: the test tone (tests.factories.audio)
  of `duration_s` (default 2 s) and `freq` as the rendition, made distinct per item by an ID3v1
  tag, and an original next to it; no ffmpeg run per item.
- "ingest": the speech-like tone through the real ingest pipeline (media.ingest), so loudness,
  trimming and the rendition are real; duration default 3 s. Extra keyword arguments go to
  `ingest_file`.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import uuid
from pathlib import Path

import pytest

from radio import clock
from radio.models import MediaItem
from radio.storage import get_storage
from tests.factories.audio import tone

_seq = itertools.count(1)
ROW_ONLY_FIELDS = ("author",)


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """The generated audio fixtures (tests/fixtures/make_fixtures.py), made once per session."""
    from tests.fixtures import make_fixtures

    return make_fixtures.generate(tmp_path_factory.mktemp("media-fixtures"))


@pytest.fixture(scope="session")
def media_audio_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media-audio")


def _stored_files(folder: Path, n: int, seconds: float, freq: int) -> dict:
    """Rendition and original of item n in the store: the tone plus a tag naming the item."""
    store = get_storage()
    path = folder / f"item-{n}-{uuid.uuid4().hex[:8]}.mp3"
    shutil.copyfile(tone(seconds, freq), path)
    tag = b"TAG" + f"test-item-{n}-{clock.now().timestamp()}".encode()[:30].ljust(30)
    with open(path, "ab") as fh:
        fh.write(tag + b"\0" * (128 - len(tag)))
    original = path.with_suffix(".orig.mp3")
    original.write_bytes(path.read_bytes() + b"original")
    try:
        return {"rendition_sha256": store.put_file(path), "rendition_size": path.stat().st_size,
                "original_sha256": store.put_file(original),
                "original_size": original.stat().st_size, "original_name": f"goc-{n}.mp3",
                "original_format": "mp3"}
    finally:
        path.unlink(missing_ok=True)
        original.unlink(missing_ok=True)


@pytest.fixture
def create_media_item(media_audio_dir):
    from media import ingest
    from media import operations as media_ops
    from media.prepared import add_prepared_item

    def factory(title: str | None = None, duration_s: float | None = None, *,
                audio: str = "none", kind: str = "news", status: str = "ready",
                topics: list[str] | tuple[str, ...] = (), agency: str | None = None,
                summary: str = "", valid_from=None, valid_until=None, freq: int = 440,
                actor=None, **kwargs) -> MediaItem:
        n = next(_seq)
        if audio == "ingest":
            return _ingested(n, title or f"Tin thử nghiệm {n}", duration_s or 3.0,
                             kind=kind, status=status, topics=topics, agency=agency,
                             summary=summary, valid_from=valid_from, valid_until=valid_until,
                             actor=actor, **kwargs)
        unknown = set(kwargs) - set(ROW_ONLY_FIELDS)
        assert not unknown, f"not a media item field: {unknown}"
        if audio == "stored":
            duration_s = duration_s or 2.0
            files = _stored_files(media_audio_dir, n, duration_s, freq)
        else:
            assert audio == "none", audio
            duration_s = duration_s or 60.0
            sha = hashlib.sha256(f"media-{n}-{uuid.uuid4()}".encode()).hexdigest()
            files = {"original_sha256": sha, "rendition_sha256": sha, "original_size": 1000,
                     "rendition_size": 1000}
        item = add_prepared_item(actor, title=title or f"Tin thử nghiệm {n}", kind=kind,
                                 duration_s=duration_s, summary=summary, valid_from=valid_from,
                                 valid_until=valid_until, topics=topics, agency=agency,
                                 **files, **kwargs)
        if status == "retired":
            media_ops.retire_item(actor, item)
        return item

    def _ingested(n, title, duration_s, *, status, actor, **kwargs) -> MediaItem:
        # Unique bytes per call (a trailing RIFF-ignored pad), so no call is a duplicate.
        unique = media_audio_dir / f"item-{n}-{uuid.uuid4().hex[:8]}.wav"
        shutil.copyfile(tone(duration_s, 330, "wav"), unique)
        with open(unique, "ab") as fh:
            fh.write(b"JUNK" + (8).to_bytes(4, "little") + uuid.uuid4().bytes[:8])
        try:
            kwargs.setdefault("original_name", f"tin-thu-{n}.wav")
            result = ingest.ingest_file(actor, unique, title=title, **kwargs)
        finally:
            unique.unlink(missing_ok=True)
        if status == "retired":
            media_ops.retire_item(actor, result.item)
        return result.item

    return factory
