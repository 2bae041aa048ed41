"""Signed media URLs: they serve the file with Range, expire, and cannot be altered."""

from __future__ import annotations

import time

import pytest

from schedules import signing

SECRET = "test-secret"


def _token(item, expires=None):
    return signing.sign(SECRET, item.id, item.rendition_sha256, expires or int(time.time()) + 600)


def test_a_token_round_trips_its_grant():
    token = signing.sign(SECRET, 7, "ab" * 32, 2_000_000_000)
    assert signing.verify(SECRET, token, now=1_900_000_000) == signing.Grant(7, "ab" * 32,
                                                                               2_000_000_000)


def test_an_expired_token_is_refused():
    token = signing.sign(SECRET, 7, "ab" * 32, 1_000)
    with pytest.raises(signing.ExpiredToken):
        signing.verify(SECRET, token, now=1_000)


@pytest.mark.parametrize("position", [0, 10, -3])
def test_an_altered_token_is_refused(position):
    token = signing.sign(SECRET, 7, "ab" * 32, 2_000_000_000)
    chars = list(token)
    chars[position] = "A" if chars[position] != "A" else "B"
    with pytest.raises(signing.InvalidToken):
        signing.verify(SECRET, "".join(chars), now=0)
    with pytest.raises(signing.InvalidToken):
        signing.verify("other-secret", token, now=0)


def test_same_day_gives_the_same_url_so_playlists_stay_byte_identical():
    from datetime import date
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert signing.expiry_for_day(date(2026, 12, 1), tz) == signing.expiry_for_day(
        date(2026, 12, 1), tz)
    assert signing.expiry_for_day(date(2026, 12, 2), tz) - signing.expiry_for_day(
        date(2026, 12, 1), tz) == 86400


def test_signed_route_serves_the_rendition_with_range(client, create_media_item, tmp_path):
    item = create_media_item("Tin thật", 2.0, audio="stored")
    token = _token(item)
    full = client.get(f"/api/v1/signed/{token}.mp3")
    assert full.status_code == 200 and full.mimetype == "audio/mpeg"
    assert full.headers["ETag"] == f'"{item.rendition_sha256}"'
    part = client.get(f"/api/v1/signed/{token}.mp3", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.data == full.data[:100]
    assert part.headers["Content-Range"].startswith("bytes 0-99/")


def test_signed_route_refuses_altered_expired_and_swapped_tokens(client, create_media_item, tmp_path):
    item = create_media_item("Tin thật", 2.0, audio="stored")
    altered = _token(item)[:-2] + "xx"
    resp = client.get(f"/api/v1/signed/{altered}.mp3")
    assert resp.status_code == 403 and resp.json["error"]["code"] == "invalid_signature"
    expired = signing.sign(SECRET, item.id, item.rendition_sha256, int(time.time()) - 1)
    resp = client.get(f"/api/v1/signed/{expired}.mp3")
    assert resp.status_code == 410 and resp.json["error"]["code"] == "expired_signature"
    # A validly signed grant for another item's file does not open this one.
    other = create_media_item("Tin khác", 60)
    swapped = signing.sign(SECRET, other.id, item.rendition_sha256, int(time.time()) + 600)
    assert client.get(f"/api/v1/signed/{swapped}.mp3").status_code == 404
