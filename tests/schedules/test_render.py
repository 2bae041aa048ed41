"""Programme audio: one MP3 per occurrence, cached by content."""

from __future__ import annotations

import re
import subprocess

import pytest
from sqlalchemy import select

from radio.db import db
from radio.models import Occurrence
from radio.storage import get_storage
from radio.tools import ffmpeg_path
from schedules.programmes import rundowns
from schedules.programmes.render import GAP_MS, render_occurrence
from tests.factories.schedules import next_weekday

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def decoded_seconds(path) -> float:
    result = subprocess.run([ffmpeg_path(), "-hide_banner", "-nostdin", "-i", str(path), "-f",
                             "null", "-"], capture_output=True, text=True, check=True)
    h, m, s = re.findall(r"time=(\d+):(\d+):(\d+\.\d+)", result.stderr)[-1]
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_occurrence_renders_to_one_mp3_with_jingles_items_and_gaps(make_programme, create_media_item,
                                                                  tmp_path):
    jingle = create_media_item("Hiệu CCHC", 1.0, kind="jingle", freq=880, audio="stored")
    tuesday = next_weekday(2)
    prog = make_programme(valid_from=tuesday, until=tuesday + timedelta_days(3),
                          intro_media_id=jingle.id, outro_media_id=jingle.id)
    occs = db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                              .order_by(Occurrence.starts_at)).all()
    a = create_media_item("Tin A", 2.0, freq=440, audio="stored")
    b = create_media_item("Tin B", 1.5, freq=523, audio="stored")
    rundowns.set_rundown(None, occs[0], [a.id, b.id])
    sha = render_occurrence(occs[0].id)
    path = get_storage().path(sha)
    expected = 1.0 + 2.0 + 1.5 + 1.0 + 3 * GAP_MS / 1000
    assert abs(decoded_seconds(path) - expected) < 0.3
    assert path.read_bytes()[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    # Cached: the same content gives the same file, for this and for another occurrence.
    mtime = path.stat().st_mtime_ns
    assert render_occurrence(occs[0].id) == sha
    rundowns.set_rundown(None, occs[1], [a.id, b.id])
    assert render_occurrence(occs[1].id) == sha
    assert path.stat().st_mtime_ns == mtime
    # A change in the rundown makes a new file.
    rundowns.set_rundown(None, occs[1], [b.id, a.id])
    assert render_occurrence(occs[1].id) != sha


def test_an_empty_occurrence_renders_nothing(make_programme):
    tuesday = next_weekday(2)
    prog = make_programme(valid_from=tuesday, until=tuesday)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    assert render_occurrence(occ.id) is None


def timedelta_days(n):
    from datetime import timedelta

    return timedelta(days=n)


def test_single_file_playlist_serves_the_rendered_programme(client, make_programme, create_media_item,
                                                           tmp_path):
    from schedules.playlists.util import playlist_for
    from schedules.signing import expiry_for_day, media_url_builder
    from tests.factories.schedules import TZ

    tuesday = next_weekday(2)
    prog = make_programme(valid_from=tuesday, until=tuesday)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    a = create_media_item("Tin A", 2.0, freq=440, audio="stored")
    b = create_media_item("Tin B", 1.0, freq=523, audio="stored")
    rundowns.set_rundown(None, occ, [a.id, b.id])
    assert len(playlist_for("gio-an", tuesday, single_file=True).items) == 2  # not rendered yet
    sha = render_occurrence(occ.id)
    items = playlist_for("gio-an", tuesday, single_file=True).items
    assert [(i.sha256, i.media_id, i.starts_at.strftime("%H:%M")) for i in items] == [
        (sha, None, "17:15")]
    assert items[0].duration_s == 3.0 + GAP_MS / 1000
    assert len(playlist_for("gio-an", tuesday).items) == 2  # the normal playlist is unchanged
    url = media_url_builder("http://localhost", "test-secret", expiry_for_day(tuesday, TZ))(items[0])
    resp = client.get(url.replace("http://localhost", ""))
    assert resp.status_code == 200 and resp.data == get_storage().path(sha).read_bytes()
