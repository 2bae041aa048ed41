"""The station pull API through real HTTP on a live server."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from radio import clock
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


@pytest.fixture
def a(seeded):
    return seeded["server"].url, seeded["tokens"]["trung-son"]


def test_a_station_token_reads_its_own_playlist(seeded, a):
    url, token = a
    resp = http("GET", f"{url}/api/v1/stations/trung-son/playlist", token=token)
    assert resp.status == 200
    body = resp.json()
    assert body["station"]["code"] == "trung-son"
    assert re.fullmatch(r'"[0-9a-f]{40}"', resp.headers["ETag"]), resp.headers  # strong


@pytest.mark.parametrize("path", ["playlist", "now"])
def test_a_station_token_cannot_read_another_stations_data(seeded, a, path):
    url, token = a
    resp = http("GET", f"{url}/api/v1/stations/trung-hai/{path}", token=token)
    assert resp.status == 403
    assert resp.json()["error"]["code"] == "station_forbidden"


def test_a_station_token_cannot_post_another_stations_asrun(seeded, a):
    url, token = a
    entry = seeded["entries"]["trung-hai"][0]
    event = {"id": str(uuid.uuid4()), "entry_id": entry.id, "status": "aired",
             "started_at": clock.now().isoformat()}
    resp = http("POST", f"{url}/api/v1/stations/trung-hai/asrun", token=token,
                body={"events": [event]})
    assert resp.status == 403
    assert resp.json()["error"]["code"] == "station_forbidden"
    resp = http("POST", f"{url}/api/v1/stations/trung-hai/heartbeat", token=token, body={})
    assert resp.status == 403
    assert resp.json()["error"]["code"] == "station_forbidden"


def test_a_bad_token_is_refused_and_the_query_token_works(seeded, a):
    url, token = a
    assert http("GET", f"{url}/api/v1/stations/trung-son/now", token="nope").status == 401
    assert http("GET", f"{url}/api/v1/stations/trung-son/now").status == 401
    resp = http("GET", f"{url}/api/v1/stations/trung-son/playlist?format=m3u8&token={token}")
    assert resp.status == 200
    assert resp.body.startswith(b"#EXTM3U")


@pytest.mark.parametrize("fmt", ["json", "m3u8", "xspf"])
def test_an_unchanged_playlist_answers_304(seeded, a, fmt):
    url, token = a
    first = http("GET", f"{url}/api/v1/stations/trung-son/playlist?format={fmt}", token=token)
    etag = first.headers["ETag"]
    again = http("GET", f"{url}/api/v1/stations/trung-son/playlist?format={fmt}", token=token,
                 headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""


def test_a_changed_playlist_gets_a_new_etag(seeded, a):
    url, token = a
    day = (clock.now() + timedelta(days=3)).date()
    path = f"{url}/api/v1/stations/trung-son/playlist?date={day.isoformat()}"
    first = http("GET", path, token=token)
    before = first.headers["ETag"]
    starts = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=3)
    seeded["seeder"].entry("trung-son", seeded["media"]["trung-son"], starts)
    after = http("GET", path, token=token, headers={"If-None-Match": before})
    assert after.status == 200
    assert after.headers["ETag"] != before
    assert len(after.json()["items"]) == len(first.json()["items"]) + 1


def test_a_bad_date_or_format_is_a_json_error(seeded, a):
    url, token = a
    resp = http("GET", f"{url}/api/v1/stations/trung-son/playlist?date=28/11/2026", token=token)
    assert (resp.status, resp.json()["error"]["code"]) == (400, "invalid_date")
    resp = http("GET", f"{url}/api/v1/stations/trung-son/playlist?format=pls", token=token)
    assert (resp.status, resp.json()["error"]["code"]) == (400, "invalid_format")


def test_a_download_resumes_byte_exactly_with_range(seeded, a):
    url, token = a
    item = seeded["media"]["trung-son"]
    full = http("GET", f"{url}/api/v1/media/{item.id}/audio", token=token)
    assert full.status == 200
    assert int(full.headers["Content-Length"]) == len(full.body)
    assert hashlib.sha256(full.body).hexdigest() == item.rendition_sha256
    cut = len(full.body) // 3
    rest = http("GET", f"{url}/api/v1/media/{item.id}/audio", token=token,
                headers={"Range": f"bytes={cut}-", "If-Range": full.headers["ETag"]})
    assert rest.status == 206
    assert rest.headers["Content-Range"] == f"bytes {cut}-{len(full.body) - 1}/{len(full.body)}"
    assert full.body[:cut] + rest.body == full.body
    again = http("GET", f"{url}/api/v1/media/{item.id}/audio", token=token,
                 headers={"If-None-Match": full.headers["ETag"]})
    assert again.status == 304


def test_a_station_cannot_download_media_scheduled_only_elsewhere(seeded, a):
    url, token = a
    other = seeded["media"]["trung-hai"]
    assert http("GET", f"{url}/api/v1/media/{other.id}/audio", token=token).status == 404
    assert http("GET", f"{url}/api/v1/media/999999/audio", token=token).status == 404


def test_playlist_urls_play_without_a_token(seeded, a):
    url, token = a
    day = seeded["entries"]["trung-son"][0].starts_at.astimezone(UTC).date()
    body = http("GET", f"{url}/api/v1/stations/trung-son/playlist?date={day}", token=token).json()
    # The entry is an hour from now in UTC; it may fall on the next local day.
    if not body["items"]:
        day = day + timedelta(days=1)
        body = http("GET", f"{url}/api/v1/stations/trung-son/playlist?date={day}",
                    token=token).json()
    item = body["items"][0]
    audio = http("GET", item["url"])
    assert audio.status == 200
    assert hashlib.sha256(audio.body).hexdigest() == item["sha256"]


def _event(entry, status="aired", **extra):
    """An event for an entry, or with entry None an off-schedule one (a report for an entry
    must be plausible for one of its airings: these tests are about batches, not timing)."""
    start = clock.now() - timedelta(minutes=5)
    event = {"id": str(uuid.uuid4()), "status": status, "started_at": start.isoformat(),
             "ended_at": (start + timedelta(seconds=3)).isoformat()}
    if entry is not None:
        event["entry_id"] = entry.id
    return event | extra


def test_an_asrun_batch_sent_twice_is_stored_once(seeded, a):
    url, token = a
    entry = None  # off-schedule
    batch = {"events": [_event(entry), _event(entry, "partial", note="mất điện 10 giây")]}
    first = http("POST", f"{url}/api/v1/stations/trung-son/asrun", token=token, body=batch)
    again = http("POST", f"{url}/api/v1/stations/trung-son/asrun", token=token, body=batch)
    assert first.status == again.status == 200
    assert (first.json()["accepted"], first.json()["already_known"]) == (2, 0)
    assert (again.json()["accepted"], again.json()["already_known"]) == (0, 2)


def test_late_out_of_order_asrun_is_stored_once(seeded, a):
    url, token = a
    entry = None  # off-schedule
    old = [_event(entry, started_at=(clock.now() - timedelta(days=d)).isoformat())
           for d in (6, 2, 4)]
    post = f"{url}/api/v1/stations/trung-son/asrun"
    assert http("POST", post, token=token, body={"events": [old[1]]}).json()["accepted"] == 1
    answer = http("POST", post, token=token, body={"events": old[::-1]}).json()
    assert (answer["accepted"], answer["already_known"]) == (2, 1)


def test_one_bad_event_is_rejected_and_the_rest_stored(seeded, a):
    url, token = a
    entry = None  # off-schedule
    bad = _event(entry, started_at="hôm qua")
    resp = http("POST", f"{url}/api/v1/stations/trung-son/asrun", token=token,
                body={"events": [_event(entry), bad, _event(entry)]})
    assert resp.status == 200
    answer = resp.json()
    assert answer["accepted"] == 2 and answer["partial"] is True
    assert [(r["index"], r["id"], r["code"]) for r in answer["rejected"]] == [
        (1, bad["id"], "invalid_time")]
    only_bad = http("POST", f"{url}/api/v1/stations/trung-son/asrun", token=token,
                    body={"events": [bad]})
    assert only_bad.status == 422
    assert only_bad.json()["error"]["rejected"][0]["index"] == 0


def test_a_heartbeat_is_stored_and_now_answers(seeded, a):
    url, token = a
    beat = {"agent_version": "test-1", "free_disk_bytes": 10**9, "now_playing": "Tin thử",
            "cache": {"files": 2}}
    resp = http("POST", f"{url}/api/v1/stations/trung-son/heartbeat", token=token, body=beat)
    assert resp.status == 200 and resp.json()["received_at"]
    bad = http("POST", f"{url}/api/v1/stations/trung-son/heartbeat", token=token,
               body={"free_disk_bytes": -1})
    assert (bad.status, bad.json()["error"]["code"]) == (400, "invalid_field")
    now = http("GET", f"{url}/api/v1/stations/trung-son/now", token=token).json()
    assert now["station"] == "trung-son" and now["emergency"] is None


def test_an_emergency_shows_in_now_and_in_the_playlist(seeded, a):
    url, token = a
    seeder = seeded["seeder"]
    item = seeder.media(2.0, 880, "Tin khẩn cấp bão số 5")
    entry = seeder.emergency("trung-son", item, repeat_every_s=600,
                             repeat_until=clock.now().replace(microsecond=0) + timedelta(hours=1))
    try:
        now = http("GET", f"{url}/api/v1/stations/trung-son/now", token=token).json()
        assert now["emergency"]["entry_id"] == entry.id
        playlist = http("GET", f"{url}/api/v1/stations/trung-son/playlist", token=token).json()
        assert playlist["emergency"]["entry_id"] == entry.id
    finally:
        seeder.cancel(entry)
    after = http("GET", f"{url}/api/v1/stations/trung-son/now", token=token).json()
    assert after["emergency"] is None
