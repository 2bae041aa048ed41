"""Factories for the media feature: real, playable items ingested through media.services.

`create_media_item(title=..., duration_s=..., topics=[...], with_audio=True, kind=...,
agency=None, actor=None, **service_kwargs)` returns a flushed MediaItem. With audio (the
default) the speech-like test tone (tests.factories.audio) of `duration_s` seconds goes through the real pipeline,
so the item has a stored original and rendition; each call gets unique original bytes. With
`with_audio=False` only the row is made (no files), which is much faster.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import uuid
from pathlib import Path

import pytest

from radio.db import db
from radio.models import MediaItem, MediaKind, MediaStatus
from radio.reference import agency_by_slug, topic_by_slug
from tests.factories.audio import tone

_seq = itertools.count(1)


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """The generated audio fixtures (tests/fixtures/make_fixtures.py), made once per session."""
    from tests.fixtures import make_fixtures

    return make_fixtures.generate(tmp_path_factory.mktemp("media-fixtures"))


@pytest.fixture(scope="session")
def media_audio_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media-audio")


@pytest.fixture
def create_media_item(media_audio_dir):
    from media import services

    def factory(title: str | None = None, duration_s: float = 3.0, *,
                topics: list[str] | tuple[str, ...] = (), with_audio: bool = True,
                kind: str = "news", agency: str | None = None, actor=None,
                status: str = "ready", **kwargs) -> MediaItem:
        n = next(_seq)
        title = title or f"Tin thử nghiệm {n}"
        if not with_audio:
            sha = hashlib.sha256(f"media-{n}-{uuid.uuid4()}".encode()).hexdigest()
            item = MediaItem(title=title, kind=MediaKind(kind), status=MediaStatus(status),
                             original_sha256=sha, duration_s=duration_s,
                             topics=[topic_by_slug(t) for t in topics],
                             agency=agency_by_slug(agency) if agency else None,
                             **{k: v for k, v in kwargs.items()
                                if k in ("valid_from", "valid_until", "author", "summary")})
            db.session.add(item)
            db.session.flush()
            return item
        base = tone(duration_s, 330, "wav")
        # Unique bytes per call (a trailing RIFF-ignored pad), so no call is a duplicate.
        unique = media_audio_dir / f"item-{n}-{uuid.uuid4().hex[:8]}.wav"
        shutil.copyfile(base, unique)
        with open(unique, "ab") as fh:
            fh.write(b"JUNK" + (8).to_bytes(4, "little") + uuid.uuid4().bytes[:8])
        try:
            kwargs.setdefault("original_name", f"tin-thu-{n}.wav")
            result = services.ingest_file(actor, unique, title=title, topics=topics,
                                          agency=agency, kind=kind, **kwargs)
        finally:
            unique.unlink(missing_ok=True)
        if status == "retired":
            services.retire_item(actor, result.item)
        return result.item

    return factory
